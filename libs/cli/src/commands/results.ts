import type { Command } from 'commander';
import { clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';

const RESULTS = `query($limsId: ID!) {
  imageByLimsId(limsId: $limsId) {
    id limsId
    segmentations(first: 100) { nodes { modelVersionId status maskUrl createdAt outOfDistribution { score threshold flagged method reason } } }
    measurements(source: MODEL, first: 100) { nodes {
      modelVersionId status particles { class count areaFraction borderCorrectedCount area { mean median } equivalentDiameter { mean median } } thickness { classes layerArea thickness { count mean median std min max } }
      provenance { maskId profileHash codeVersion measuredAt }
    } }
  }
}`;

interface ImageResults {
  id: string;
  limsId: string | null;
  /** Null for another group's private model version behind a shared dataset. */
  segmentations: {
      modelVersionId: string | null;
      status: string;
      maskUrl: string | null;
      createdAt: string;
      outOfDistribution: { score: number | null; threshold: number | null; flagged: boolean | null; method: string; reason: string | null } | null;
  }[];
  measurements: {
      modelVersionId: string | null;
      status: string;
      particles: unknown[];
      thickness: unknown;
      provenance: { maskId: string; profileHash: string; codeVersion: string; measuredAt: string };
  }[];
}

interface Answer {
  imageByLimsId: (Omit<ImageResults, 'segmentations' | 'measurements'> & {
    segmentations: { nodes: ImageResults['segmentations'] };
    measurements: { nodes: ImageResults['measurements'] };
  }) | null;
}

/** How unlike the version's training data the image is, as one line's tail. */
function describeOod(ood: ImageResults['segmentations'][number]['outOfDistribution']): string {
  if (!ood) return '';
  const score = ood.score === null ? 'no score' : `score ${ood.score.toFixed(2)}`;
  if (ood.flagged === null) return `; out-of-distribution: ${score}, no verdict (${ood.reason ?? 'no calibration'})`;
  return `; ${ood.flagged ? 'OUT OF DISTRIBUTION' : 'in distribution'} (${score}, threshold ${ood.threshold!.toFixed(2)})`;
}

/** `microseg results --lims-id S`: what the pipeline made of a LIMS sample (segmentations, measurements by kind). */
export function registerResultsCommand(program: Command): void {
  program
    .command('results')
    .description('segmentations and measurements of the image with a LIMS sample id')
    .requiredOption('--lims-id <id>', 'LIMS sample id')
    .option('--json', 'print JSON')
    .action(async (flags: { limsId: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ url?: string; apiKey?: string; json?: boolean }>();
      const { imageByLimsId } = await clientFromOptions(globals).request<Answer>(RESULTS, { limsId: flags.limsId });
      const image = found(imageByLimsId, 'image with LIMS id', flags.limsId);
      const measurements = image.measurements.nodes
        .filter((set) => set.status === 'succeeded')
        .flatMap((set) => [
          { modelVersionId: set.modelVersionId, kind: 'particles', values: set.particles, provenance: set.provenance },
          ...(set.thickness ? [{ modelVersionId: set.modelVersionId, kind: 'thickness', values: set.thickness, provenance: set.provenance }] : []),
        ]);
      const result = {
        image: { id: image.id, limsId: image.limsId },
        segmentations: image.segmentations.nodes.map((s) => ({
          modelVersionId: s.modelVersionId, status: s.status, maskUrl: s.maskUrl, createdAt: s.createdAt, outOfDistribution: s.outOfDistribution,
        })),
        measurements,
      };
      printResult(globals, result, (r) =>
        [
          `image ${r.image.id} (LIMS ${r.image.limsId ?? '-'})`,
          ...r.segmentations.map((s) => `  segmentation by ${s.modelVersionId ?? 'a model version not shared with you'}: ${s.status}${describeOod(s.outOfDistribution)}`),
          ...r.measurements.map((m) => `  ${m.kind} by ${m.modelVersionId ?? 'a model version not shared with you'}: ${JSON.stringify(m.values)}`),
        ].join('\n'),
      );
    });
}
