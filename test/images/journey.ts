import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GatewayClient } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import sharp from 'sharp';
import { microsegJson } from '../datasets/cli.ts';

/** The MicroNet benchmark's superalloy images and masks, as test/pipeline/new-user-journey.test.ts uses them. */
const BENCHMARK = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');
const TRAIN = ['--experiment', 'Super3', '--arch', 'unet', '--encoder', 'resnet18', '--max-epochs', '1', '--crop', '64', '--model-name', 'superalloy-unet', '--follow'];

export interface JourneyStep {
  step: string;
  seconds: number;
}

interface Results {
  image: { id: string; limsId: string };
  segmentations: { modelVersionId: string; maskUrl: string }[];
  measurements: { modelVersionId: string; kind: string }[];
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`journey: ${what}`);
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch((error: unknown) => {
      if (error instanceof MicroSegError && error.retryable && Date.now() < deadline) return undefined;
      throw error;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`journey: timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 1_000));
  }
}

/**
 * The README's quick start and the new-user journey (test/pipeline/new-user-journey.test.ts) up
 * to the first measurement, through the gateway of the images: bootstrap a group (with the
 * platform secret, as in a cluster), import the benchmark's superalloy images, train UNet-ResNet18
 * for one short epoch, point a policy at it, upload a new micrograph with a LIMS id, and read its
 * segmentation and particle measurements back by that id.
 */
export async function newUserJourney(graphqlUrl: string, platformSecret: string, scratch: string): Promise<JourneyStep[]> {
  if (!existsSync(BENCHMARK)) throw new Error(`journey: the benchmark data is missing at ${BENCHMARK}`);
  const steps: JourneyStep[] = [];
  let started = Date.now();
  const done = (step: string) => {
    steps.push({ step, seconds: (Date.now() - started) / 1000 });
    process.stdout.write(`  journey: ${step} (${steps.at(-1)!.seconds.toFixed(1)} s)\n`);
    started = Date.now();
  };

  const { bootstrapGroup } = await new GatewayClient({ url: graphqlUrl }).request<{ bootstrapGroup: { group: { id: string }; apiKey: string } }>(
    'mutation($input: BootstrapGroupInput!) { bootstrapGroup(input: $input) { group { id } apiKey } }',
    { input: { groupName: 'Superalloy lab', platformSecret } },
  );
  const cli = <T>(...args: string[]) => microsegJson<T>(graphqlUrl, bootstrapGroup.apiKey, args);
  const me = await cli<{ groupName: string; role: string }>('me');
  check(me.groupName === 'Superalloy lab' && me.role === 'admin', `me answered ${JSON.stringify(me)}`);
  done('bootstrap a group with the platform secret, `microseg me`');

  const imported = await cli<{ datasets: { id: string; images: number }[] }>('dataset', 'import', BENCHMARK, '--name', 'benchmark', '--material', 'super');
  const datasetId = imported.datasets[0]?.id;
  check(datasetId !== undefined && imported.datasets[0]!.images === 18, `import answered ${JSON.stringify(imported)}`);
  done('import the benchmark (18 superalloy images with masks)');

  const trained = await cli<{ state: string; modelVersionId: string }>('train', '--dataset', datasetId!, ...TRAIN, '--seed', '1');
  check(trained.state === 'succeeded', `training ended ${trained.state}`);
  done('train UNet-ResNet18, 1 epoch, 64 px crops (CPU worker: ONNX Runtime)');

  await cli('models', 'alias', 'set', 'superalloy-unet', 'production', trained.modelVersionId);
  const policy = await cli<{ modelVersionId: string }>('policy', 'create', '--dataset', datasetId!, '--model', 'superalloy-unet', '--alias', 'production');
  check(policy.modelVersionId === trained.modelVersionId, 'the policy follows the trained version');

  // A benchmark test image mirrored, so its bytes are new to the dataset.
  const file = join(scratch, 'new-superalloy.png');
  await sharp(join(BENCHMARK, 'images', 'super', 'spot2_0d_0.png')).flop().png().toFile(file);
  const limsId = 'LIMS-NI-0001';
  const uploaded = await cli<{ image: { id: string } }>('image', 'upload', file, '--dataset', datasetId!, '--lims-id', limsId);
  const results = await eventually(
    async () => {
      const printed = await cli<Results>('results', '--lims-id', limsId);
      return printed.measurements.length > 0 ? printed : undefined;
    },
    'the measurements of the upload',
    600_000,
  );
  check(results.image.id === uploaded.image.id, 'results name the uploaded image');
  check(results.segmentations.length === 1 && results.segmentations[0]!.modelVersionId === trained.modelVersionId, 'one segmentation by the trained version');
  check(results.measurements.some((m) => m.kind === 'particles'), 'a particle measurement');
  done('policy, upload with a LIMS id -> segmentation and particle measurements by LIMS id');
  return steps;
}
