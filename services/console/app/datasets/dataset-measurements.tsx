import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import { CsvDownloadButton } from '../measurements/csv-download.tsx';
import { ParticleTable } from '../measurements/particle-table.tsx';
import { MeasurementPlots } from '../measurements/vega-chart.tsx';
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
          specs {
            kind
            title
            description
            spec
          }
        }
      }
    }
  }
`);

/** Every mask of the dataset pooled per source (manual, each model version), with metrology's plots drawn in the page and a CSV. */
export function DatasetMeasurements({ datasetId, classes }: { datasetId: string; classes: readonly DatasetClassView[] }) {
  const [{ data, error }] = useQuery({ query: DatasetMeasurementSummaryQuery, variables: { id: datasetId } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">Loading the measurements…</p>;
  const sources = data.datasetMeasurementSummary.sources;
  if (sources.length === 0) return <p>No mask of this dataset is measured yet.</p>;
  return (
    <>
      {sources.map((source) => {
        const title = source.source === 'GROUND_TRUTH' ? 'Manual masks' : `Model ${source.modelVersionId ?? ''}`;
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
            <MeasurementPlots specs={source.plots.specs} />
            <CsvDownloadButton selection={{ datasetId, source: source.source, modelVersionId: source.modelVersionId }} label="Download the particles as CSV" />
          </article>
        );
      })}
    </>
  );
}
