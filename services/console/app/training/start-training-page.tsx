import { useMutation, useQuery } from '@urql/preact';
import { useLocation, useRoute } from 'preact-iso';
import { ErrorMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { recipeFromForm } from './recipe-fields.ts';
import { RecipeFields } from './recipe-fields-view.tsx';
import { formText } from '../components/form-text.ts';

const TrainingChoicesQuery = graphql(`
  query TrainingChoices {
    datasets(first: 200) {
      nodes {
        id
        name
      }
    }
    modelVersions(first: 200) {
      nodes {
        id
        modelName
        number
        encoder
      }
    }
    importedWeights(first: 500) { nodes {
      id
      name
      encoder
    }  }
  }
`);

const TrainingDatasetQuery = graphql(`
  query TrainingDataset($id: ID!) {
    dataset(id: $id) {
      id
      name
      classes {
        index
        name
      }
      versions(first: 500) { nodes {
        id
        number
        experiments
      }  }
      experiments {
        name
        train
        val
        test
      }
    }
  }
`);

const StartTraining = graphql(`
  mutation StartTraining($input: StartTrainingInput!) {
    startTraining(input: $input) {
      id
      state
    }
  }
`);

/** Suggestions only: the platform checks the names and says which it knows when one is wrong. */
const ARCHITECTURES = ['unet', 'unetplusplus', 'linknet', 'fpn', 'pspnet', 'pan', 'deeplabv3plus'];
const ENCODERS = ['resnet18', 'resnet34', 'resnet50', 'resnext50_32x4d', 'se_resnext50_32x4d', 'efficientnet-b0', 'densenet121', 'mobilenet_v2', 'inceptionv4', 'xception', 'dpn68'];

/** /training/new?dataset=ID: everything StartTrainingInput takes, the platform's refusals in words. */
export function StartTrainingPage() {
  usePageTitle('Start training');
  const { query } = useRoute();
  const { route, path } = useLocation();
  const datasetId = query['dataset'] ?? '';
  const [{ data: choices, error: choicesError }] = useQuery({ query: TrainingChoicesQuery });
  const [{ data, error: datasetError }] = useQuery({ query: TrainingDatasetQuery, variables: { id: datasetId }, pause: !datasetId });
  const [{ error, fetching }, start] = useMutation(StartTraining);
  const dataset = datasetId ? data?.dataset : undefined;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => formText(form, name);
    const recipe = recipeFromForm(form);
    const result = await start({
      input: {
        datasetId,
        ...(text('datasetVersionId') ? { datasetVersionId: text('datasetVersionId') } : {}),
        experiment: text('experiment'),
        architecture: text('architecture'),
        encoder: text('encoder'),
        init: text('init') || 'random',
        binary: form.get('binary') === 'on',
        ...(text('modelName') ? { modelName: text('modelName') } : {}),
        ...(recipe ? { recipe } : {}),
      },
    });
    const job = result.data?.startTraining;
    if (job) route(`/training/${job.id}`);
  };
  return (
    <section>
      <p class="breadcrumb">
        <a href="/training">Training jobs</a>
      </p>
      <h1>Start a training job</h1>
      {choicesError && <ErrorMessage error={choicesError} />}
      <form class="stacked-form" aria-label="Dataset to train on" onSubmit={(e) => e.preventDefault()}>
        <label>
          Training dataset
          <select name="dataset" value={datasetId} onChange={(e) => route(`${path}?dataset=${encodeURIComponent(e.currentTarget.value)}`, true)}>
            <option value="">Choose a dataset</option>
            {choices?.datasets.nodes.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {datasetError && <ErrorMessage error={datasetError} />}
      {dataset && (
        <form class="stacked-form" onSubmit={(event) => void submit(event)} aria-label="Training job" key={dataset.id}>
          <p>Classes: {dataset.classes.map((c) => c.name).join(', ')}</p>
          <label>
            Dataset version
            <select name="datasetVersionId">
              <option value="">The latest version</option>
              {dataset.versions.nodes.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.number} ({v.experiments.join(', ') || 'no split'})
                </option>
              ))}
            </select>
          </label>
          <label>
            Split
            <select name="experiment" required>
              {dataset.experiments.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name} ({e.train} train, {e.val} val, {e.test} test)
                </option>
              ))}
            </select>
          </label>
          <label>
            Architecture
            <input name="architecture" required list="architectures" defaultValue="unet" />
          </label>
          <datalist id="architectures">
            {ARCHITECTURES.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <label>
            Encoder
            <input name="encoder" required list="encoders" defaultValue="resnet18" />
          </label>
          <datalist id="encoders">
            {ENCODERS.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          <label>
            Initial weights
            <select name="init">
              <option value="random">Random</option>
              {choices?.modelVersions.nodes.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.modelName} v{v.number} ({v.encoder})
                </option>
              ))}
              {choices?.importedWeights.nodes.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.encoder}, imported)
                </option>
              ))}
            </select>
          </label>
          <label class="inline">
            <input type="checkbox" name="binary" /> Binary: one foreground channel for every class but the background
          </label>
          <label>
            Model name
            <input name="modelName" placeholder={`${dataset.name}-unet`} />
          </label>
          <RecipeFields />
          {error && <ErrorMessage error={error} />}
          <button type="submit" disabled={fetching}>
            Start training
          </button>
        </form>
      )}
    </section>
  );
}
