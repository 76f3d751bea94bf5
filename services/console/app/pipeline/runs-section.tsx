import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import { enumWord } from '../graphql/enum-words.ts';

const PipelineRunsQuery = graphql(`
  query PipelineRuns {
    pipelineRuns(first: 100) { nodes {
      id
      datasetId
      modelVersionId
      trigger
      state
      total
      segmented
      failed
      createdAt
      finishedAt
    }  }
  }
`);

const TRIGGERS: Record<string, string> = { upload: 'a new image', batch: 'run by hand', alias_move: 'an alias move' };

/** The group's pipeline runs, newest first; a run's page lists its failures with their reasons. */
export function RunsSection() {
  // An empty list names no type: without this a run started from a policy would not refresh it.
  const context = useMemo(() => ({ additionalTypenames: ['PipelineRun'] }), []);
  const [{ data, error }, refresh] = useQuery({ query: PipelineRunsQuery, requestPolicy: 'cache-and-network', context });
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      <button type="button" onClick={() => refresh({ requestPolicy: 'network-only' })}>
        Refresh the runs
      </button>
      {error && <ErrorMessage error={error} />}
      {data && data.pipelineRuns.nodes.length === 0 && <p>No run yet.</p>}
      {data && data.pipelineRuns.nodes.length > 0 && (
        <table class="data-table" aria-label="Pipeline runs">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Why</th>
              <th scope="col">State</th>
              <th scope="col">Segmented</th>
              <th scope="col">Failed</th>
              <th scope="col">Model version</th>
            </tr>
          </thead>
          <tbody>
            {data.pipelineRuns.nodes.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  <a href={`/pipeline/runs/${run.id}`}>{new Date(run.createdAt).toLocaleString()}</a>
                </th>
                <td>{TRIGGERS[enumWord(run.trigger)] ?? enumWord(run.trigger)}</td>
                <td>{enumWord(run.state)}</td>
                <td class="number">
                  {run.segmented} / {run.total}
                </td>
                <td class="number">{run.failed}</td>
                <td>
                  <a href={`/model-versions/${run.modelVersionId}`}>{run.modelVersionId.slice(0, 8)}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
