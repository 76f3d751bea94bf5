import type { Command } from 'commander';
import { clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';

const RESULTS = `query($limsId: String!) {
  imageByLimsId(limsId: $limsId) {
    id limsId
    segmentations { modelVersionId status maskUrl createdAt }
    measurements(source: model) {
      modelVersionId status particles { class count areaFraction borderCorrectedCount area { mean median } equivalentDiameter { mean median } } thickness { classes layerArea thickness { count mean median std min max } }
      provenance { maskId profileHash codeVersion measuredAt }
    }
  }
}`;

interface Answer {
  imageByLimsId: {
    id: string;
    limsId: string | null;
    /** Null for another group's private model version behind a shared dataset. */
    segmentations: { modelVersionId: string | null; status: string; maskUrl: string | null; createdAt: string }[];
    measurements: {
      modelVersionId: string | null;
      status: string;
      particles: unknown[];
      thickness: unknown;
      provenance: { maskId: string; profileHash: string; codeVersion: string; measuredAt: string };
    }[];
  };
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
      const { imageByLimsId: image } = await clientFromOptions(globals).request<Answer>(RESULTS, { limsId: flags.limsId });
      const measurements = image.measurements
        .filter((set) => set.status === 'succeeded')
        .flatMap((set) => [
          { modelVersionId: set.modelVersionId, kind: 'particles', values: set.particles, provenance: set.provenance },
          ...(set.thickness ? [{ modelVersionId: set.modelVersionId, kind: 'thickness', values: set.thickness, provenance: set.provenance }] : []),
        ]);
      const result = {
        image: { id: image.id, limsId: image.limsId },
        segmentations: image.segmentations.map((s) => ({ modelVersionId: s.modelVersionId, status: s.status, maskUrl: s.maskUrl, createdAt: s.createdAt })),
        measurements,
      };
      printResult(globals, result, (r) =>
        [
          `image ${r.image.id} (LIMS ${r.image.limsId ?? '-'})`,
          ...r.segmentations.map((s) => `  segmentation by ${s.modelVersionId ?? 'a model version not shared with you'}: ${s.status}`),
          ...r.measurements.map((m) => `  ${m.kind} by ${m.modelVersionId ?? 'a model version not shared with you'}: ${JSON.stringify(m.values)}`),
        ].join('\n'),
      );
    });
}
