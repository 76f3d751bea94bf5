import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import type { DatasetClassView } from '../datasets/class-legend.tsx';
import { graphql } from '../generated/index.ts';
import type { MaskSource, MeasurementStatus } from '../generated/graphql.ts';
import { CsvDownloadButton } from '../measurements/csv-download.tsx';
import { ParticleTable, figure } from '../measurements/particle-table.tsx';
import { MeasurementPlots, type PlotSpecView } from '../measurements/vega-chart.tsx';
import { enumWord } from '../graphql/enum-words.ts';

// Apart from the image's query: when metrology is away, the image and its overlay still show.
const ImageMeasurementsQuery = graphql(`
  query ImageMeasurements($id: ID!) {
    imageMeasurements(imageId: $id, first: 100) { nodes {
      id
      datasetId
      source
      modelVersionId
      status
      error {
        message
      }
      unit
      pixelSize {
        value
        unit
      }
      pixelSizeSource
      classRule
      particles {
        class
        count
        areaFraction
        equivalentDiameter {
          mean
          median
        }
      }
      thickness {
        thickness {
          mean
          median
        }
      }
      plots {
        specs {
          kind
          title
          description
          spec
        }
      }
    } }
  }
`);

export interface MeasurementSetView {
  id: string;
  datasetId: string;
  source: MaskSource;
  modelVersionId?: string | null;
  status: MeasurementStatus;
  error?: { message: string } | null;
  unit: string;
  pixelSize?: { value: number; unit: string } | null;
  pixelSizeSource?: string | null;
  classRule?: string | null;
  particles: readonly {
    class: number;
    count: number;
    areaFraction: number;
    equivalentDiameter: { mean?: number | null; median?: number | null };
  }[];
  thickness?: { thickness: { mean?: number | null; median?: number | null } } | null;
  plots: { specs: readonly PlotSpecView[] };
}

const SOURCE_WORDS: Record<string, string> = {
  upload: 'given on upload',
  fei_tag: "from the FEI / Thermo Fisher tag",
  zeiss_tag: 'from the Zeiss tag',
  tiff: 'from the TIFF resolution',
  dataset: "the dataset's default",
  profile: "the profile's fixed size",
};

const CLASS_RULE_WORDS: Record<string, string> = { threshold: "probability above 0.5 (the paper's)", argmax: 'most probable class' };

/** Says where the scale of the numbers came from, and that they are in pixels when nothing stated one. */
function scaleWords(set: Pick<MeasurementSetView, 'pixelSize' | 'pixelSizeSource'>): string {
  if (!set.pixelSize) return 'In pixels: the image has no known pixel size';
  const source = set.pixelSizeSource ? `, ${SOURCE_WORDS[enumWord(set.pixelSizeSource)] ?? enumWord(set.pixelSizeSource)}` : '';
  return `Pixel size ${set.pixelSize.value} ${enumWord(set.pixelSize.unit)}${source}`;
}

/** One measurement set per mask: per-class particle figures, layer thickness, metrology's plots drawn in the page, and its objects as CSV. */
export function ImageMeasurements({ imageId, classes }: { imageId: string; classes: readonly DatasetClassView[] }) {
  const [{ data, error }] = useQuery({ query: ImageMeasurementsQuery, variables: { id: imageId } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">Loading the measurements…</p>;
  return <MeasurementSets imageId={imageId} sets={data.imageMeasurements.nodes} classes={classes} />;
}

function MeasurementSets({ imageId, sets, classes }: { imageId: string; sets: readonly MeasurementSetView[]; classes: readonly DatasetClassView[] }) {
  if (sets.length === 0) return <p>No measurement yet: masks are measured shortly after they arrive.</p>;
  return (
    <>
      {sets.map((set) => {
        const title = set.source === 'GROUND_TRUTH' ? 'Manual mask' : `Model ${set.modelVersionId ?? ''}`;
        return (
          <article class="measurement" key={set.id} aria-label={`Measurements of the ${title}`}>
            <h3>{title}</h3>
            <p class="provenance">{scaleWords(set)}{set.classRule ? ` · class rule: ${CLASS_RULE_WORDS[enumWord(set.classRule)] ?? enumWord(set.classRule)}` : ''}</p>
            {set.status === 'FAILED' ? (
              <p class="error">Measurement failed: {set.error?.message ?? 'no reason recorded'}</p>
            ) : (
              <>
                <ParticleTable
                  rows={set.particles.map((p) => ({ ...p, meanEquivalentDiameter: p.equivalentDiameter.mean, medianEquivalentDiameter: p.equivalentDiameter.median }))}
                  unit={set.unit}
                  classes={classes}
                />
                {set.thickness && (
                  <p>
                    Layer thickness: mean {figure(set.thickness.thickness.mean)} {set.unit}, median {figure(set.thickness.thickness.median)} {set.unit}
                  </p>
                )}
                <MeasurementPlots specs={set.plots.specs} />
                <CsvDownloadButton
                  selection={{ datasetId: set.datasetId, imageId, source: set.source, modelVersionId: set.modelVersionId }}
                  label={`Download the particles of the ${title} as CSV`}
                />
              </>
            )}
          </article>
        );
      })}
    </>
  );
}
