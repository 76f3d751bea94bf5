import type { InitialWeightsKind } from '../generated/graphql.ts';
import { enumWord } from '../graphql/enum-words.ts';

export interface LineageData {
  dataset: { datasetId: string; versionId: string; contentHash: string; experiment: string };
  ancestors: readonly { weights: { kind: InitialWeightsKind; id?: string | null; name: string }; version?: { id: string; modelName: string; number: number } | null }[];
  job?: { id: string; state: string } | null;
  descendants: readonly { id: string; modelName: string; number: number }[];
}

/** Where a version comes from (dataset version, split, initial weights, job) and what was trained from it. */
export function LineageView({ lineage }: { lineage: LineageData }) {
  const { dataset } = lineage;
  return (
    <article aria-labelledby="lineage-heading">
      <h2 id="lineage-heading">Lineage</h2>
      <dl class="facts">
        <dt>Training data</dt>
        <dd>
          <a href={`/datasets/${dataset.datasetId}`}>dataset version {dataset.versionId.slice(0, 8)}</a>, split {dataset.experiment} (content{' '}
          <code>{dataset.contentHash.slice(0, 12)}</code>)
        </dd>
        <dt>Initial weights</dt>
        <dd>
          {lineage.ancestors.length === 0
            ? 'random'
            : lineage.ancestors.map((step, i) => (
                <span key={i}>
                  {i > 0 && ' ← '}
                  {step.version ? <a href={`/model-versions/${step.version.id}`}>{`${step.version.modelName} v${step.version.number}`}</a> : `${step.weights.name} (${enumWord(step.weights.kind)})`}
                </span>
              ))}
        </dd>
        <dt>Training job</dt>
        <dd>{lineage.job ? <a href={`/training/${lineage.job.id}`}>{`${lineage.job.id.slice(0, 8)} (${enumWord(lineage.job.state)})`}</a> : '—'}</dd>
        <dt>Trained from this version</dt>
        <dd>
          {lineage.descendants.length === 0
            ? 'nothing yet'
            : lineage.descendants.map((d, i) => (
                <span key={d.id}>
                  {i > 0 && ', '}
                  <a href={`/model-versions/${d.id}`}>{`${d.modelName} v${d.number}`}</a>
                </span>
              ))}
        </dd>
      </dl>
    </article>
  );
}
