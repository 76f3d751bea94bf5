import { Provider } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { LocationProvider, Route, Router } from 'preact-iso';
import { Layout } from './components/layout.tsx';
import { PageErrorBoundary } from './components/page-error-boundary.tsx';
import { createGraphqlClient } from './graphql/client.ts';
import { DatasetPage } from './pages/dataset-page.tsx';
import { DatasetsPage } from './pages/datasets-page.tsx';
import { ImagePage } from './pages/image-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { DriftPage } from './models/drift-page.tsx';
import { ModelPage } from './models/model-page.tsx';
import { ModelVersionPage } from './models/model-version-page.tsx';
import { ModelsPage } from './models/models-page.tsx';
import { LimsPage } from './pipeline/lims-page.tsx';
import { PipelinePage } from './pipeline/pipeline-page.tsx';
import { PipelineRunPage } from './pipeline/pipeline-run-page.tsx';
import { StartTrainingPage } from './training/start-training-page.tsx';
import { TrainingJobPage } from './training/training-job-page.tsx';
import { TrainingJobsPage } from './training/training-jobs-page.tsx';
import { SessionProvider, useSession } from './session/session.tsx';

export function App() {
  return (
    <LocationProvider>
      <SessionProvider>
        <SignedIn />
      </SessionProvider>
    </LocationProvider>
  );
}

/** Without a key every URL shows the sign-in form; once signed in the same URL opens (deep links). */
function SignedIn() {
  const { apiKey, signOut } = useSession();
  // A new client per key: nothing cached for one key is ever shown to another.
  const client = useMemo(
    () => (apiKey ? createGraphqlClient(apiKey, () => signOut('Your API key was not accepted: it was revoked or is not valid. Sign in with another key.')) : null),
    [apiKey, signOut],
  );
  if (!client) return <SignInPage />;
  return (
    <Provider value={client}>
      <Layout>
        <PageErrorBoundary>
          <Router>
            <Route path="/" component={DatasetsPage} />
            <Route path="/datasets" component={DatasetsPage} />
            <Route path="/datasets/:id" component={DatasetPage} />
            <Route path="/images/:id" component={ImagePage} />
            <Route path="/models" component={ModelsPage} />
            <Route path="/models/:id" component={ModelPage} />
            <Route path="/model-versions/:id" component={ModelVersionPage} />
            <Route path="/drift" component={DriftPage} />
            <Route path="/training" component={TrainingJobsPage} />
            <Route path="/training/new" component={StartTrainingPage} />
            <Route path="/training/:id" component={TrainingJobPage} />
            <Route path="/pipeline" component={PipelinePage} />
            <Route path="/pipeline/runs/:id" component={PipelineRunPage} />
            <Route path="/lims/:id" component={LimsPage} />
            <Route default component={NotFoundPage} />
          </Router>
        </PageErrorBoundary>
      </Layout>
    </Provider>
  );
}
