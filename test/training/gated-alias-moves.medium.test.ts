import { randomUUID } from 'node:crypto';
import type { GateDeclaration, GateReport } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import { AliasGateRepository, RegistryRepository, type TrainingDatabase, trainingMigrations } from '@microseg/training-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode, type MigratedDatabase, migratedDatabase } from '../harness/index.ts';

const GATE: GateDeclaration = {
  datasetVersionId: randomUUID(),
  experiment: 'Super1',
  subset: 'test',
  comparison: 'groundTruth',
  tolerances: [{ quantity: 'areaFraction', absolute: 0.02, relative: null, min: null }],
};

const report = (candidateVersionId: string, passed: boolean): GateReport => ({
  passed, comparison: 'groundTruth', datasetVersionId: GATE.datasetVersionId, experiment: 'Super1', subset: 'test', candidateVersionId,
  referenceVersionId: null, images: 2, unit: 'px', skippedImages: [], error: null, evaluatedAt: new Date().toISOString(),
  checks: [{ quantity: 'areaFraction', class: 1, className: 'secondary', candidate: passed ? 0.31 : 0.45, reference: 0.3, difference: passed ? 0.01 : 0.15, relativeDifference: null, tolerance: { absolute: 0.02, relative: null, min: null }, passed }],
});

/**
 * Medium tests of gated alias moves: the registry repository against the real PostgreSQL. A gated
 * move is pending until decided; the decision moves the alias and emits `model-alias.moved` in the
 * same transaction, or records the refusal and touches nothing else.
 */
describe('gated alias moves against PostgreSQL', () => {
  let database: MigratedDatabase<TrainingDatabase>;
  let db: Kysely<TrainingDatabase>;
  let registry: RegistryRepository;
  let gates: AliasGateRepository;
  let modelId: string;
  let versions: string[];
  const member = randomUUID();

  const outboxMoves = async () =>
    (await db.selectFrom('outbox').select(['subject', 'payload']).where('subject', '=', 'microseg.events.model-alias.moved.v1').execute())
      .map((row) => row.payload as { modelId: string; toVersionId: string })
      .filter((p) => p.modelId === modelId)
      .map((p) => p.toVersionId);
  const target = () => registry.aliasTarget(modelId, 'production');

  beforeAll(async () => {
    database = await migratedDatabase<TrainingDatabase>('training', trainingMigrations);
    db = database.db;
    registry = new RegistryRepository(db);
    gates = new AliasGateRepository(db);
    const groupId = randomUUID();
    versions = await db.transaction().execute(async (trx) => {
      const model = await registry.ensureModel(trx, { groupId, name: `gated-${randomUUID()}`, classes: [], material: 'super' });
      modelId = model.id;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const row = await registry.insertVersion(trx, {
          modelId, groupId, architecture: 'unet', encoder: 'resnet18', classes: [], binary: false, material: 'super', classRule: 'threshold', sixteenBitInput: 'full_range',
          metrics: { val: { iou: 0.5, meanClassIou: 0.5, perClass: [], images: 1 }, test: null }, config: {},
          dataset: { datasetId: randomUUID(), versionId: randomUUID(), contentHash: '0'.repeat(64), experiment: 'Super1' },
          parent: { kind: 'random', id: null, name: 'random' }, codeVersion: 'test', seed: i, durationSeconds: 1, workerKind: 'cpu',
          artifact: { bucket: 'b', prefix: `p${i}` }, jobId: null,
        });
        ids.push(row.id);
      }
      return ids;
    });
    await registry.moveAlias({ modelId, alias: 'production', versionId: versions[0]!, movedBy: member });
    await gates.set({ modelId, alias: 'production', declaration: GATE, setBy: member });
  });
  afterAll(async () => {
    await database?.stop();
  });

  it('records a gated move as pending with its gate and a gate request, and moves nothing yet', async () => {
    const pending = await registry.moveAlias({ modelId, alias: 'production', versionId: versions[1]!, movedBy: member });
    expect(pending).toMatchObject({ outcome: 'pending', fromVersionId: versions[0], toVersionId: versions[1], gate: GATE, gateReport: null, gateSkipped: false });
    expect(await target()).toBe(versions[0]);
    const requests = await db.selectFrom('outbox').select('payload').where('subject', '=', 'microseg.events.model-alias.gate-requested.v1').execute();
    expect(requests.map((r) => r.payload)).toContainEqual(expect.objectContaining({ moveId: pending.id, candidateVersionId: versions[1], currentVersionId: versions[0], gate: GATE }));
    // A second move of the alias while one waits is refused, and leaves no trace.
    await expectCode(registry.moveAlias({ modelId, alias: 'production', versionId: versions[2]!, movedBy: member }), 'CONFLICT');

    const refused = await registry.decideGatedMove(pending.id, report(versions[1]!, false));
    expect(refused).toMatchObject({ id: pending.id, outcome: 'refused', gateReport: { passed: false } });
    expect(await target()).toBe(versions[0]);
    expect(await outboxMoves()).toEqual([versions[0]]);
    // A redelivered verdict changes nothing, even a different one.
    expect(await registry.decideGatedMove(pending.id, report(versions[1]!, true))).toMatchObject({ outcome: 'refused' });
    expect(await target()).toBe(versions[0]);
  });

  it('moves the alias and emits the move when the gate passes', async () => {
    const pending = await registry.moveAlias({ modelId, alias: 'production', versionId: versions[2]!, movedBy: member });
    const moved = await registry.decideGatedMove(pending.id, report(versions[2]!, true));
    expect(moved).toMatchObject({ outcome: 'moved', gateReport: { passed: true } });
    expect(await target()).toBe(versions[2]);
    expect(await outboxMoves()).toEqual([versions[0], versions[2]]);
  });

  it('rejects a waiting move when an admin moves the alias past the gate, whatever its verdict says later', async () => {
    const pending = await registry.moveAlias({ modelId, alias: 'production', versionId: versions[1]!, movedBy: member });
    const skipped = await registry.moveAlias({ modelId, alias: 'production', versionId: versions[0]!, movedBy: member, skipGate: true });
    expect(skipped).toMatchObject({ outcome: 'moved', gateSkipped: true });
    expect((await registry.aliasHistory(modelId, 'production')).find((m) => m.id === pending.id)).toMatchObject({ outcome: 'rejected' });
    const late = await registry.decideGatedMove(pending.id, report(versions[1]!, true));
    expect(late).toMatchObject({ outcome: 'rejected', gateReport: null });
    expect(await target()).toBe(versions[0]);
    expect(await outboxMoves()).toEqual([versions[0], versions[2], versions[0]]);
    const history = await registry.aliasHistory(modelId, 'production');
    expect(history.map((m) => m.outcome)).toEqual(['moved', 'refused', 'moved', 'rejected', 'moved']);
  });

  it('refuses to skip a gate that is not there', async () => {
    await expectCode(registry.moveAlias({ modelId, alias: 'staging', versionId: versions[1]!, movedBy: member, skipGate: true }), 'INVALID_INPUT');
  });
});
