import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { enumWord } from '../graphql/enum-words.ts';

const PipelineRunQuery = graphql(`
  query PipelineRun($id: ID!) {
    pipelineRun(id: $id) {
      id
      datasetId
      policyId
      modelVersionId
      trigger
      state
      total
      segmented
      failed
      createdAt
      finishedAt
    }
  }
`);

const RunFailuresQuery = graphql(`
  query RunFailures($datasetId: ID!) {
    datasetSegmentations(datasetId: $datasetId, first: 200, filter: { status: FAILED }) {
      nodes {
        id
        imageId
        runId
        error {
          code
          message
        }
        createdAt
      }
    }
  }
`);

/** /pipeline/runs/:id: one run's counts, and each image it could not segment with the reason. */
export function PipelineRunPage() {
  const { params } = useRoute();
  const [{ data, error, fetching }, refresh] = useQuery({ query: PipelineRunQuery, variables: { id: params['id'] ?? '' } });
  const run = data?.pipelineRun;
  const [{ data: failures, error: failuresError }] = useQuery({ query: RunFailuresQuery, variables: { datasetId: run?.datasetId ?? '' }, pause: !run || run.failed === 0 });
  usePageTitle('Pipeline run');
  if (error) return <ErrorMessage error={error} />;
  if (data && !run) return <NotFoundMessage what="pipeline run" />;
  if (!run) return <p aria-live="polite">{fetching ? 'Loading the run…' : ''}</p>;
  const failed = failures?.datasetSegmentations.nodes.filter((s) => s.runId === run.id) ?? [];
  return (
    <section>
      <p class="breadcrumb">
        <a href="/pipeline">Pipeline</a>
      </p>
      <h1>Pipeline run of {new Date(run.createdAt).toLocaleString()}</h1>
      <p role="status">
        {enumWord(run.state)}: {run.segmented} of {run.total} images segmented, {run.failed} failed{run.finishedAt && `, finished ${new Date(run.finishedAt).toLocaleString()}`}
      </p>
      <p>
        Model version <a href={`/model-versions/${run.modelVersionId}`}>{run.modelVersionId.slice(0, 8)}</a> on <a href={`/datasets/${run.datasetId}`}>the dataset</a>.
      </p>
      {run.state === 'RUNNING' && (
        <button type="button" onClick={() => refresh({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      )}
      {failuresError && <ErrorMessage error={failuresError} />}
      {failed.length > 0 && (
        <table class="data-table">
          <caption>Images the run could not segment</caption>
          <thead>
            <tr>
              <th scope="col">Image</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={`/images/${s.imageId}`}>{s.imageId.slice(0, 8)}</a>
                </th>
                <td>{s.error ? `${s.error.message} (${s.error.code})` : 'no reason recorded'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
