import { useClient, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import { errorInWords } from '../graphql/error-words.ts';
import { ParticleTable } from '../measurements/particle-table.tsx';
import type { DatasetClassView } from './class-legend.tsx';

const DatasetMeasurementSummaryQuery = graphql(`
  query DatasetMeasurementSummary($id: ID!) {
    datasetMeasurementSummary(datasetId: $id) {
      sources {
        source
        modelVersionId
        unit
        maskCount
        failedCount
        particles {
          class
          count
          areaFraction
          meanEquivalentDiameter
          medianEquivalentDiameter
        }
        plots {
          sizeHistogramUrl
        }
      }
    }
  }
`);

const ExportQuery = graphql(`
  query ExportDatasetMeasurements($id: ID!, $source: MaskSource, $modelVersionId: String) {
    exportDatasetMeasurements(datasetId: $id, source: $source, modelVersionId: $modelVersionId, format: csv) {
      url
    }
  }
`);

/** Every mask of the dataset pooled per source (manual, each model version), with metrology's histogram and a CSV. */
export function DatasetMeasurements({ datasetId, classes }: { datasetId: string; classes: readonly DatasetClassView[] }) {
  const client = useClient();
  const [exportError, setExportError] = useState<string | null>(null);
  const [{ data, error }] = useQuery({ query: DatasetMeasurementSummaryQuery, variables: { id: datasetId } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">Loading the measurements…</p>;
  const sources = data.datasetMeasurementSummary.sources;
  if (sources.length === 0) return <p>No mask of this dataset is measured yet.</p>;
  const downloadCsv = async (source: (typeof sources)[number]) => {
    const result = await client.query(ExportQuery, { id: datasetId, source: source.source, modelVersionId: source.modelVersionId ?? null }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) setExportError(errorInWords(result.error));
    else if (result.data) window.location.assign(result.data.exportDatasetMeasurements.url);
  };
  return (
    <>
      {exportError && (
        <p class="error" role="alert">
          {exportError}
        </p>
      )}
      {sources.map((source) => {
        const title = source.source === 'ground_truth' ? 'Manual masks' : `Model ${source.modelVersionId ?? ''}`;
        return (
          <article class="measurement" key={`${source.source}:${source.modelVersionId ?? ''}`} aria-label={`Pooled measurements of the ${title}`}>
            <h3>
              {title}: {source.maskCount} measured{source.failedCount > 0 && `, ${source.failedCount} failed`}
            </h3>
            <ParticleTable
              rows={source.particles}
              unit={source.unit}
              classes={classes}
            />
            <div class="plots">{source.plots.sizeHistogramUrl && <img src={source.plots.sizeHistogramUrl} alt={`Particle size histogram of the ${title}, pooled`} />}</div>
            <button type="button" onClick={() => void downloadCsv(source)}>
              Download the particles as CSV
            </button>
          </article>
        );
      })}
    </>
  );
}
