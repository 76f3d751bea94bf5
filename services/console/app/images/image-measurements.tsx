import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import type { DatasetClassView } from '../datasets/class-legend.tsx';
import { graphql } from '../generated/index.ts';
import { ParticleTable, figure } from '../measurements/particle-table.tsx';

// Apart from the image's query: when metrology is away, the image and its overlay still show.
const ImageMeasurementsQuery = graphql(`
  query ImageMeasurements($id: ID!) {
    imageMeasurements(imageId: $id) {
      id
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
        sizeHistogramUrl
        thicknessHistogramUrl
      }
    }
  }
`);

export interface MeasurementSetView {
  id: string;
  source: 'ground_truth' | 'model';
  modelVersionId?: string | null;
  status: 'succeeded' | 'failed';
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
  plots: { sizeHistogramUrl?: string | null; thicknessHistogramUrl?: string | null };
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
  const source = set.pixelSizeSource ? `, ${SOURCE_WORDS[set.pixelSizeSource] ?? set.pixelSizeSource}` : '';
  return `Pixel size ${set.pixelSize.value} ${set.pixelSize.unit}${source}`;
}

/** One measurement set per mask: per-class particle figures, layer thickness, and metrology's plots. */
export function ImageMeasurements({ imageId, classes }: { imageId: string; classes: readonly DatasetClassView[] }) {
  const [{ data, error }] = useQuery({ query: ImageMeasurementsQuery, variables: { id: imageId } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">Loading the measurements…</p>;
  return <MeasurementSets sets={data.imageMeasurements} classes={classes} />;
}

function MeasurementSets({ sets, classes }: { sets: readonly MeasurementSetView[]; classes: readonly DatasetClassView[] }) {
  if (sets.length === 0) return <p>No measurement yet: masks are measured shortly after they arrive.</p>;
  return (
    <>
      {sets.map((set) => {
        const title = set.source === 'ground_truth' ? 'Manual mask' : `Model ${set.modelVersionId ?? ''}`;
        return (
          <article class="measurement" key={set.id} aria-label={`Measurements of the ${title}`}>
            <h3>{title}</h3>
            <p class="provenance">{scaleWords(set)}{set.classRule ? ` · class rule: ${CLASS_RULE_WORDS[set.classRule] ?? set.classRule}` : ''}</p>
            {set.status === 'failed' ? (
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
                <div class="plots">
                  {set.plots.sizeHistogramUrl && <img src={set.plots.sizeHistogramUrl} alt={`Particle size histogram of the ${title}`} />}
                  {set.plots.thicknessHistogramUrl && <img src={set.plots.thicknessHistogramUrl} alt={`Layer thickness histogram of the ${title}`} />}
                </div>
              </>
            )}
          </article>
        );
      })}
    </>
  );
}
