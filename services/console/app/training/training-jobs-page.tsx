import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { enumWord } from '../graphql/enum-words.ts';

const TrainingJobsQuery = graphql(`
  query TrainingJobs {
    trainingJobs(first: 100) {
      nodes {
        id
        state
        modelName
        architecture
        encoder
        experiment
        progress {
          epoch
          maxEpochs
        }
        modelVersion {
          id
          number
        }
        createdAt
      }
    }
  }
`);

/** /training: the group's training jobs, newest first. */
export function TrainingJobsPage() {
  usePageTitle('Training jobs');
  const [{ data, error, fetching }] = useQuery({ query: TrainingJobsQuery, requestPolicy: 'cache-and-network' });
  return (
    <section>
      <h1>Training jobs</h1>
      <p>
        <a href="/training/new">Start a training job</a>
      </p>
      {error && <ErrorMessage error={error} />}
      {fetching && !data && <p aria-live="polite">Loading training jobs…</p>}
      {data && data.trainingJobs.nodes.length === 0 && <p>No training job yet.</p>}
      {data && data.trainingJobs.nodes.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">State</th>
              <th scope="col">Network</th>
              <th scope="col">Split</th>
              <th scope="col">Epoch</th>
              <th scope="col">Version</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {data.trainingJobs.nodes.map((job) => (
              <tr key={job.id}>
                <td>
                  <a href={`/training/${job.id}`}>{job.modelName}</a>
                </td>
                <td>{enumWord(job.state)}</td>
                <td>
                  {job.architecture} / {job.encoder}
                </td>
                <td>{job.experiment}</td>
                <td class="number">
                  {job.progress.epoch} / {job.progress.maxEpochs}
                </td>
                <td>{job.modelVersion ? <a href={`/model-versions/${job.modelVersion.id}`}>v{job.modelVersion.number}</a> : '—'}</td>
                <td>{new Date(job.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
