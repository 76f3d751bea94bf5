import { randomUUID } from 'node:crypto';
import { type Dataset, type DatasetVersionContent, type Principal, trainingContracts } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import {
  JobRepository,
  JobSubmission,
  Registry,
  RegistryRepository,
  type TrainingDatabase,
  WeightsRepository,
  trainingMigrations,
} from '@microseg/training-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERALLOY_CLASSES } from '../fixtures/superalloy-classes.ts';
import { expectCode, type MigratedDatabase, migratedDatabase } from '../harness/index.ts';

const CLASSES = SUPERALLOY_CLASSES;
const RUN_SUBJECT = 'microseg.training.v1.queue.run';
const object = (key: string) => ({ bucket: 'datasets', key, sha256: '0'.repeat(64) });

/**
 * Medium tests of the training service's registry repository and of its job submission use case
 * against the real PostgreSQL (its own migrations; no NATS, no workers). The dataset service's
 * answers come from a stand-in: what is tested is what the training service does with them.
 */
describe('model registry and training job submission against PostgreSQL', () => {
  let database: MigratedDatabase<TrainingDatabase>;
  let db: Kysely<TrainingDatabase>;
  let repository: RegistryRepository;
  let registry: Registry;
  let submission: JobSubmission;

  const principal = (groupId: string = randomUUID(), role: Principal['role'] = 'member'): Principal => ({ groupId, groupName: 'Medium lab', memberId: randomUUID(), keyId: randomUUID(), role });
  const lab = principal();

  /** One dataset version with a Super1 split of two train images, one val and one test, all masked but `unmasked`. */
  const datasetId = randomUUID();
  const images = Array.from({ length: 5 }, (_, i) => ({ imageId: randomUUID(), name: `spot${i}`, normalised: object(`n/${i}`), mask: i === 4 ? null : object(`m/${i}`) }));
  const content: DatasetVersionContent = {
    version: { id: randomUUID(), datasetId, number: 1, contentHash: '1'.repeat(64), imageCount: 5, maskCount: 4, experiments: ['Super1', 'Unmasked', 'NoVal'], note: null, createdAt: new Date().toISOString() },
    classes: CLASSES,
    images,
    experiments: [
      { name: 'Super1', train: [images[0]!.imageId, images[1]!.imageId], val: [images[2]!.imageId], test: [images[3]!.imageId] },
      { name: 'Unmasked', train: [images[0]!.imageId, images[4]!.imageId], val: [images[2]!.imageId], test: [] },
      { name: 'NoVal', train: [images[0]!.imageId], val: [], test: [] },
    ],
  };
  const dataset = { id: datasetId, groupId: lab.groupId, name: 'Superalloy', material: 'super', classes: CLASSES } as Dataset;
  const datasets = {
    dataset: () => Promise.resolve(dataset),
    content: () => Promise.resolve(content),
  };
  const start = (input: Record<string, unknown>, who = lab) =>
    submission.start(who, trainingContracts.startTraining.request.parse({ datasetId, experiment: 'Super1', architecture: 'unet', encoder: 'resnet18', ...input }));
  const counts = async () => {
    const [jobs, runs] = await Promise.all([
      db.selectFrom('training_jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('subject', '=', RUN_SUBJECT).executeTakeFirstOrThrow(),
    ]);
    return { jobs: Number(jobs.n), runs: Number(runs.n) };
  };

  /** A registered version of `name` in `groupId`'s model, as a finished job registers it. */
  async function registerVersion(groupId: string, name: string, options: { encoder?: string; valIou?: number } = {}) {
    return db.transaction().execute(async (trx) => {
      const model = await repository.ensureModel(trx, { groupId, name, classes: CLASSES, material: 'super' });
      return repository.insertVersion(trx, {
        modelId: model.id, groupId, architecture: 'unet', encoder: options.encoder ?? 'resnet18', classes: CLASSES, binary: false, material: 'super',
        classRule: 'argmax', sixteenBitInput: 'full_range', metrics: { val: { iou: options.valIou ?? 0.5, meanClassIou: 0.5, perClass: [], images: 1 }, test: null }, config: {},
        dataset: { datasetId, versionId: content.version.id, contentHash: content.version.contentHash, experiment: 'Super1' },
        parent: { kind: 'random', id: null, name: 'random' }, codeVersion: 'test', seed: 1, durationSeconds: 1, workerKind: 'cpu',
        artifact: { bucket: 'models', prefix: randomUUID() }, jobId: null,
      });
    });
  }

  beforeAll(async () => {
    database = await migratedDatabase<TrainingDatabase>('training', trainingMigrations);
    db = database.db;
    repository = new RegistryRepository(db);
    const jobs = new JobRepository(db);
    const weights = new WeightsRepository(db);
    registry = new Registry({ registry: repository, jobs, weights, shareTargets: () => Promise.resolve() });
    // Room for two 512-pixel crops a step: the paper's batch of 20 shrinks to what the split and a worker hold.
    submission = new JobSubmission({ db, jobs, registry, weights, datasets, maxBatchPixels: 2 * 512 * 512 });
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  describe('RegistryRepository', () => {
    it('makes one model of a name per group, whatever its case, also when several registrations ask at once', async () => {
      const groupId = randomUUID();
      const models = await Promise.all(['Gamma-Prime', 'gamma-prime', 'GAMMA-PRIME'].map((name) =>
        db.transaction().execute((trx) => repository.ensureModel(trx, { groupId, name, classes: CLASSES, material: 'super' }))));
      expect(new Set(models.map((m) => m.id)).size).toBe(1);
      expect((await repository.findModelByName(groupId, 'gamma-PRIME'))?.id).toBe(models[0]!.id);
      expect(await repository.findModelByName(randomUUID(), 'Gamma-Prime')).toBeUndefined();
    });

    it('numbers versions registered at the same moment 1, 2, 3... without a gap or a twin', async () => {
      const groupId = randomUUID();
      const rows = await Promise.all(Array.from({ length: 6 }, () => registerVersion(groupId, 'raced')));
      expect(rows.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(rows.map((r) => r.model_id)).size).toBe(1);
    });

    it('lists the versions a group may read (its own, shared with it, public), filtered and paged without repeats', async () => {
      const [owner, friend] = [randomUUID(), randomUUID()];
      const name = `listed-${randomUUID().slice(0, 8)}`;
      const rows = [];
      for (const valIou of [0.2, 0.6, 0.9]) rows.push(await registerVersion(owner, name, { valIou }));
      await repository.setVisibility(rows[1]!.id, { level: 'shared', sharedWith: [friend] });
      await repository.setVisibility(rows[2]!.id, { level: 'public', sharedWith: [] });
      const modelId = rows[0]!.model_id;
      const list = async (groupId: string, filter: Partial<Parameters<RegistryRepository['listVersions']>[1]> = {}, first = 10) => {
        const numbers: number[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await repository.listVersions(groupId, { modelId, ownedOnly: false, ...filter }, { first, ...(after ? { after } : {}) });
          numbers.push(...page.nodes.map((v) => v.number));
          if (!page.hasNextPage) return numbers;
          after = page.endCursor!;
        }
      };
      expect(await list(owner, {}, 1)).toEqual([3, 2, 1]);
      expect(await list(friend)).toEqual([3, 2]);
      expect(await list(randomUUID())).toEqual([3]);
      expect(await list(friend, { ownedOnly: true })).toEqual([]);
      expect(await list(owner, { minIou: 0.5 })).toEqual([3, 2]);
      expect(await list(owner, { visibility: 'shared' })).toEqual([2]);
      await repository.moveAlias({ modelId, alias: 'production', versionId: rows[1]!.id, movedBy: randomUUID() });
      expect(await list(friend, { alias: 'production' })).toEqual([2]);
      const [shown] = await repository.toVersions([(await repository.findVersionRow(rows[1]!.id))!]);
      expect(shown).toMatchObject({ modelName: name, number: 2, aliases: ['production'], visibility: { level: 'shared', sharedWith: [friend] } });
    });

    it('moves an alias compare-and-set: of two moves expecting the same version, one moves and the other is a recorded CONFLICT', async () => {
      const groupId = randomUUID();
      const [v1, v2, v3] = [await registerVersion(groupId, 'cas'), await registerVersion(groupId, 'cas'), await registerVersion(groupId, 'cas')];
      const movedBy = randomUUID();
      await repository.moveAlias({ modelId: v1.model_id, alias: 'production', versionId: v1.id, movedBy });
      const results = await Promise.allSettled([v2, v3].map((v) => repository.moveAlias({ modelId: v1.model_id, alias: 'production', versionId: v.id, movedBy, expected: v1.id })));
      const moved = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect([moved.length, refused.length]).toEqual([1, 1]);
      expect(refused[0]!.reason).toMatchObject({ code: 'CONFLICT' });
      const winner = (moved[0] as PromiseFulfilledResult<{ toVersionId: string }>).value.toVersionId;
      expect(await repository.aliasTarget(v1.model_id, 'production')).toBe(winner);
      const history = await repository.aliasHistory(v1.model_id, 'production');
      expect(history.map((m) => m.outcome)).toEqual(['moved', 'moved', 'rejected']);
      expect(history[2]).toMatchObject({ fromVersionId: winner });
    });
  });

  describe('JobSubmission.start', () => {
    it('queues the job and its run message in one transaction, freezing the split and the batch that fits', async () => {
      const before = await counts();
      const job = await start({ modelName: 'medium-unet' });
      expect(job).toMatchObject({ state: 'queued', datasetVersionId: content.version.id, experiment: 'Super1', architecture: 'unet', encoder: 'resnet18', modelName: 'medium-unet' });
      expect(await counts()).toEqual({ jobs: before.jobs + 1, runs: before.runs + 1 });
      const row = await db.selectFrom('training_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
      expect(row.data).toMatchObject({ train: [{ name: 'spot0' }, { name: 'spot1' }], val: [{ name: 'spot2' }], test: [{ name: 'spot3' }] });
      expect(row.recipe).toMatchObject({ batchSize: 2, crop: 512 });
      expect(row.init).toEqual({ kind: 'random', id: null, name: 'random' });
      const run = await db.selectFrom('outbox').select('payload').where('subject', '=', RUN_SUBJECT).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(run.payload).toEqual({ jobId: job.id });
    });

    it('refuses with a typed reason and queues nothing: unknown split, no validation, unmasked images, wrong classes, a batch too big, a viewer', async () => {
      const before = await counts();
      const refusal = async (input: Record<string, unknown>, code: string, reason?: string, who = lab) => {
        const error = await expectCode(start(input, who), code);
        if (reason) expect(error.details).toMatchObject({ reason });
      };
      await refusal({ experiment: 'Super9' }, 'INVALID_INPUT', 'unknown-split');
      await refusal({ experiment: 'NoVal' }, 'INVALID_INPUT', 'no-validation');
      await refusal({ experiment: 'Unmasked' }, 'INVALID_INPUT', 'missing-masks');
      await refusal({ classes: ['matrix', 'tertiary', 'secondary'] }, 'INVALID_INPUT', 'classes-mismatch');
      await refusal({ architecture: 'pan', encoder: 'vgg11_bn' }, 'INVALID_INPUT');
      await refusal({ recipe: { batchSize: 2, crop: 1024 } }, 'INVALID_INPUT');
      await refusal({}, 'FORBIDDEN', undefined, principal(lab.groupId, 'viewer'));
      expect(await counts()).toEqual(before);
    });

    it('starts from a registry version the group may read, and not from another group\'s private one or one for another encoder', async () => {
      const own = await registerVersion(lab.groupId, `init-${randomUUID().slice(0, 8)}`);
      const job = await start({ init: own.id });
      const row = await db.selectFrom('training_jobs').select('init').where('id', '=', job.id).executeTakeFirstOrThrow();
      expect(row.init).toMatchObject({ kind: 'version', id: own.id, name: expect.stringMatching(/ v1$/) });

      const before = await counts();
      const foreign = await registerVersion(randomUUID(), 'foreign');
      await expectCode(start({ init: foreign.id }), 'NOT_FOUND');
      const other = await registerVersion(lab.groupId, `init-${randomUUID().slice(0, 8)}`, { encoder: 'mobilenet_v2' });
      const error = await expectCode(start({ init: other.id }), 'INVALID_INPUT');
      expect(error.details).toMatchObject({ reason: 'incompatible-initial-weights', weightsEncoder: 'mobilenet_v2' });
      expect(await counts()).toEqual(before);

      await repository.setVisibility(foreign.id, { level: 'shared', sharedWith: [lab.groupId] });
      await expect(start({ init: foreign.id })).resolves.toMatchObject({ state: 'queued' });
    });
  });
});
