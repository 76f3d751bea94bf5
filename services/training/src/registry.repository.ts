import { type AliasMove, type ClassRuleValue, type GateReport, type InitialWeights, type IntervalCalibration, type Model, type ModelCard, type ModelVersion, type OodCalibration, type PageRequest, type SixteenBitInputValue, type VersionMetrics, type Visibility, type WorkerKind, promotionGateEvents, trainingEvents } from '@microseg/contracts';
import { type Kysely, type Selectable, type Transaction, sql } from '@microseg/db';
import { conflict, invalidInput } from '@microseg/errors';
import { enqueueOutbox } from '@microseg/messaging';
import { pageOf, parseCursor } from './page-cursor.ts';
import { readableBy } from './readable.ts';
import { toAliasMove, toModel, toModelVersion } from './registry-mapping.ts';
import type { ClassRow, ModelVersionsTable, ModelsTable, TrainingDatabase } from './training.tables.ts';

export type VersionRow = Selectable<ModelVersionsTable>;
export type ModelRow = Selectable<ModelsTable>;

export interface NewVersion {
  modelId: string;
  groupId: string;
  architecture: string;
  encoder: string;
  classes: ClassRow[];
  binary: boolean;
  material: string;
  classRule: ClassRuleValue;
  sixteenBitInput: SixteenBitInputValue;
  metrics: VersionMetrics;
  config: Record<string, unknown>;
  dataset: { datasetId: string; versionId: string; contentHash: string; experiment: string };
  parent: InitialWeights;
  codeVersion: string;
  seed: number;
  durationSeconds: number;
  workerKind: WorkerKind;
  artifact: { bucket: string; prefix: string };
  jobId: string | null;
  /** Made at registration from the validation split; absent: registered without one. */
  oodCalibration?: OodCalibration | null;
  /** Made at registration from the validation split; absent: registered without one. */
  intervalCalibration?: IntervalCalibration | null;
}

export interface VersionFilter {
  modelId?: string | undefined;
  material?: string | undefined;
  alias?: string | undefined;
  visibility?: Visibility['level'] | undefined;
  minIou?: number | undefined;
  datasetVersionId?: string | undefined;
  ownedOnly: boolean;
}

const EMPTY_CARD: ModelCard = { markdown: '', intendedMaterial: null, magnification: null, pixelSize: null, limits: null };

/** Models, versions, aliases and their history: the only code touching these tables. */
export class RegistryRepository {
  constructor(private readonly db: Kysely<TrainingDatabase>) {}

  /** The group's model of this name, created on first use (names are unique per group, any case). */
  async ensureModel(trx: Transaction<TrainingDatabase>, input: { groupId: string; name: string; classes: ClassRow[]; material: string }): Promise<ModelRow> {
    await trx
      .insertInto('models')
      .values({
        group_id: input.groupId,
        name: input.name,
        task: 'semantic-segmentation',
        classes: JSON.stringify(input.classes),
        material: input.material,
        card: JSON.stringify({ ...EMPTY_CARD, intendedMaterial: input.material || null }),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return trx
      .selectFrom('models')
      .selectAll()
      .where('group_id', '=', input.groupId)
      .where(sql<boolean>`lower(name) = lower(${input.name})`)
      .executeTakeFirstOrThrow();
  }

  /** Numbers versions 1, 2, 3... per model; the model row lock serialises concurrent registrations. */
  async insertVersion(trx: Transaction<TrainingDatabase>, input: NewVersion): Promise<VersionRow> {
    await trx.selectFrom('models').select('id').where('id', '=', input.modelId).forUpdate().executeTakeFirstOrThrow();
    const { max } = await trx
      .selectFrom('model_versions')
      .select((eb) => eb.fn.max('number').as('max'))
      .where('model_id', '=', input.modelId)
      .executeTakeFirstOrThrow();
    return trx
      .insertInto('model_versions')
      .values({
        model_id: input.modelId,
        group_id: input.groupId,
        number: (max ?? 0) + 1,
        architecture: input.architecture,
        encoder: input.encoder,
        classes: JSON.stringify(input.classes),
        binary: input.binary,
        material: input.material,
        class_rule: input.classRule,
        sixteen_bit_input: input.sixteenBitInput,
        iou_definition: 'paper',
        metrics: JSON.stringify(input.metrics),
        val_iou: input.metrics.val.iou,
        test_iou: input.metrics.test?.iou ?? null,
        config: JSON.stringify(input.config),
        dataset_id: input.dataset.datasetId,
        dataset_version_id: input.dataset.versionId,
        dataset_hash: input.dataset.contentHash,
        experiment: input.dataset.experiment,
        parent: JSON.stringify(input.parent),
        parent_version_id: input.parent.kind === 'version' ? input.parent.id : null,
        code_version: input.codeVersion,
        seed: input.seed,
        duration_seconds: input.durationSeconds,
        worker_kind: input.workerKind,
        artifact_bucket: input.artifact.bucket,
        artifact_prefix: input.artifact.prefix,
        job_id: input.jobId,
        shared_with: '[]',
        ood_calibration: input.oodCalibration ? JSON.stringify(input.oodCalibration) : null,
        interval_calibration: input.intervalCalibration ? JSON.stringify(input.intervalCalibration) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findVersionRow(id: string): Promise<VersionRow | undefined> {
    return this.db.selectFrom('model_versions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findModelRow(id: string): Promise<ModelRow | undefined> {
    return this.db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findModelByName(groupId: string, name: string): Promise<ModelRow | undefined> {
    return this.db.selectFrom('models').selectAll().where('group_id', '=', groupId).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
  }

  /** Versions as the API shows them: with their model's name and the aliases pointing at them. */
  async toVersions(rows: VersionRow[]): Promise<ModelVersion[]> {
    if (rows.length === 0) return [];
    const modelIds = [...new Set(rows.map((r) => r.model_id))];
    const [models, aliases] = await Promise.all([
      this.db.selectFrom('models').select(['id', 'name']).where('id', 'in', modelIds).execute(),
      this.db.selectFrom('model_aliases').select(['alias', 'version_id']).where('version_id', 'in', rows.map((r) => r.id)).orderBy('alias').execute(),
    ]);
    const names = new Map(models.map((m) => [m.id, m.name]));
    return rows.map((row) => toModelVersion(row, names.get(row.model_id) ?? '', aliases.filter((a) => a.version_id === row.id).map((a) => a.alias)));
  }

  async readableVersionRows(groupId: string, ids: string[]): Promise<VersionRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('model_versions').selectAll().where('id', 'in', ids).where(readableBy('model_versions', groupId)).execute();
  }

  async listVersions(groupId: string, filter: VersionFilter, page: PageRequest) {
    let query = this.db.selectFrom('model_versions').selectAll('model_versions').where(readableBy('model_versions', groupId));
    if (filter.ownedOnly) query = query.where('model_versions.group_id', '=', groupId);
    if (filter.modelId) query = query.where('model_versions.model_id', '=', filter.modelId);
    if (filter.material) query = query.where(sql<boolean>`lower(model_versions.material) = lower(${filter.material})`);
    if (filter.visibility) query = query.where('model_versions.visibility_level', '=', filter.visibility);
    if (filter.datasetVersionId) query = query.where('model_versions.dataset_version_id', '=', filter.datasetVersionId);
    if (filter.minIou !== undefined) query = query.where(sql<boolean>`coalesce(model_versions.test_iou, model_versions.val_iou) >= ${filter.minIou}`);
    if (filter.alias) {
      const alias = filter.alias;
      query = query.where((eb) => eb.exists(eb.selectFrom('model_aliases').select('alias').whereRef('model_aliases.version_id', '=', 'model_versions.id').where('model_aliases.alias', '=', alias)));
    }
    if (page.after) {
      const { createdAt, id } = parseCursor(page.after);
      query = query.where(sql<boolean>`(model_versions.created_at, model_versions.id) < (${createdAt}, ${id})`);
    }
    const rows = await query.orderBy('model_versions.created_at', 'desc').orderBy('model_versions.id', 'desc').limit(page.first + 1).execute();
    const shown = pageOf(rows, page.first, (row) => row);
    return { ...shown, nodes: await this.toVersions(shown.nodes) };
  }

  async readableDescendants(groupId: string, versionId: string): Promise<VersionRow[]> {
    return this.db
      .selectFrom('model_versions')
      .selectAll()
      .where('parent_version_id', '=', versionId)
      .where(readableBy('model_versions', groupId))
      .orderBy('created_at')
      .execute();
  }

  /** Models with at least one version the caller can read, or its own (possibly still empty) ones. */
  async listModels(groupId: string, page: PageRequest & { material?: string | undefined; ownedOnly: boolean }) {
    let query = this.db
      .selectFrom('models')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('models.group_id', '=', groupId),
          eb.exists(eb.selectFrom('model_versions').select('model_versions.id').whereRef('model_versions.model_id', '=', 'models.id').where(readableBy('model_versions', groupId))),
        ]),
      );
    if (page.ownedOnly) query = query.where('group_id', '=', groupId);
    if (page.material) query = query.where(sql<boolean>`lower(material) = lower(${page.material})`);
    if (page.after) {
      const { createdAt, id } = parseCursor(page.after);
      query = query.where(sql<boolean>`(created_at, id) < (${createdAt}, ${id})`);
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.first + 1).execute();
    const shown = pageOf(rows, page.first, (row) => row);
    return { ...shown, nodes: await Promise.all(shown.nodes.map((row) => this.toModelView(groupId, row))) };
  }

  async readableVersionCount(groupId: string, modelId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('model_versions')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('model_id', '=', modelId)
      .where(readableBy('model_versions', groupId))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async toModelView(groupId: string, row: ModelRow): Promise<Model> {
    const [aliases, count] = await Promise.all([
      this.db
        .selectFrom('model_aliases')
        .innerJoin('model_versions', 'model_versions.id', 'model_aliases.version_id')
        .selectAll('model_aliases')
        .select('model_versions.number')
        .where('model_aliases.model_id', '=', row.id)
        .where(readableBy('model_versions', groupId))
        .orderBy('model_aliases.alias')
        .execute(),
      this.readableVersionCount(groupId, row.id),
    ]);
    return toModel(row, aliases, count);
  }

  async updateCard(modelId: string, card: ModelCard): Promise<ModelRow> {
    return this.db.updateTable('models').set({ card: JSON.stringify(card) }).where('id', '=', modelId).returningAll().executeTakeFirstOrThrow();
  }

  async setVisibility(versionId: string, visibility: Visibility): Promise<VersionRow> {
    return this.db
      .updateTable('model_versions')
      .set({ visibility_level: visibility.level, shared_with: JSON.stringify(visibility.level === 'shared' ? visibility.sharedWith : []) })
      .where('id', '=', versionId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Moves an alias atomically. Moves of one model's aliases are serialised on the model row, so
   * two at once both land in the history in order, each recording the version it moved from. A
   * compare-and-set move (`expected`) that lost the race is recorded as rejected and refused.
   * A move emits `model-alias.moved` (through the outbox), which automation policies follow.
   * A gated alias (unless `skipGate`) does not move yet: the move is recorded `pending` with its
   * gate and `model-alias.gate-requested` is emitted in the same transaction; `decideGatedMove`
   * finishes it.
   */
  async moveAlias(input: { modelId: string; alias: string; versionId: string; movedBy: string; expected?: string | null | undefined; skipGate?: boolean }): Promise<AliasMove> {
    const { move, rejected } = await this.db.transaction().execute(async (trx) => {
      const model = await trx.selectFrom('models').select(['id', 'group_id']).where('id', '=', input.modelId).forUpdate().executeTakeFirstOrThrow();
      const current = await trx.selectFrom('model_aliases').select('version_id').where('model_id', '=', input.modelId).where('alias', '=', input.alias).executeTakeFirst();
      const from = current?.version_id ?? null;
      const lost = input.expected !== undefined && input.expected !== from;
      const gate = await trx.selectFrom('alias_gates').select('declaration').where('model_id', '=', input.modelId).where('alias', '=', input.alias).executeTakeFirst();
      if (input.skipGate && !gate) throw invalidInput(`alias ${input.alias} has no gate to skip`, { alias: input.alias });
      const outcome = lost ? 'rejected' : gate && !input.skipGate ? 'pending' : 'moved';
      if (outcome === 'pending') {
        const waiting = await trx.selectFrom('alias_moves').select(['id', 'to_version_id']).where('model_id', '=', input.modelId).where('alias', '=', input.alias).where('outcome', '=', 'pending').executeTakeFirst();
        if (waiting) {
          throw conflict(`a move of alias ${input.alias} to ${waiting.to_version_id} is waiting for its gate: wait for its outcome`, { alias: input.alias, pendingMoveId: waiting.id });
        }
      }
      if (outcome === 'moved') {
        await this.pointAlias(trx, { modelId: model.id, groupId: model.group_id, alias: input.alias, from, to: input.versionId, movedBy: input.movedBy });
        // A move waiting for its gate was judged against the state this move ends: it is overtaken
        // (rejected) now, so that it blocks no later gated move even if its verdict never comes.
        await trx
          .updateTable('alias_moves')
          .set({ outcome: 'rejected', decided_at: new Date() })
          .where('model_id', '=', input.modelId)
          .where('alias', '=', input.alias)
          .where('outcome', '=', 'pending')
          .execute();
      }
      const row = await trx
        .insertInto('alias_moves')
        .values({
          model_id: input.modelId,
          alias: input.alias,
          from_version_id: from,
          to_version_id: input.versionId,
          moved_by: input.movedBy,
          outcome,
          gate: gate ? JSON.stringify(gate.declaration) : null,
          gate_report: null,
          gate_skipped: Boolean(gate && input.skipGate && !lost),
          decided_at: outcome === 'pending' ? null : new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (outcome === 'pending' && gate) {
        await enqueueOutbox(trx, promotionGateEvents.aliasGateRequested, {
          moveId: row.id,
          modelId: model.id,
          groupId: model.group_id,
          alias: input.alias,
          candidateVersionId: input.versionId,
          currentVersionId: from,
          gate: gate.declaration,
          at: new Date().toISOString(),
        });
      }
      return { move: toAliasMove(row), rejected: lost ? { current: from } : undefined };
    });
    if (rejected) {
      throw conflict(`alias ${input.alias} moved meanwhile: it points to ${rejected.current ?? 'nothing'}, not ${input.expected ?? 'nothing'}`, {
        alias: input.alias,
        current: rejected.current,
        expected: input.expected,
        moveId: move.id,
      });
    }
    return move;
  }

  /**
   * A pending move's gate has been evaluated: it moves the alias (passed, and the alias still names
   * the version it named when the move was asked for) or is refused, with the report, all in one
   * transaction. Idempotent: a move already decided is answered as recorded.
   */
  async decideGatedMove(moveId: string, report: GateReport): Promise<AliasMove | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const pending = await trx.selectFrom('alias_moves').select('model_id').where('id', '=', moveId).executeTakeFirst();
      if (!pending) return undefined;
      const model = await trx.selectFrom('models').select(['id', 'group_id']).where('id', '=', pending.model_id).forUpdate().executeTakeFirstOrThrow();
      const move = await trx.selectFrom('alias_moves').selectAll().where('id', '=', moveId).executeTakeFirstOrThrow();
      if (move.outcome !== 'pending') return toAliasMove(move);
      const current = await trx.selectFrom('model_aliases').select('version_id').where('model_id', '=', model.id).where('alias', '=', move.alias).executeTakeFirst();
      // Another move got there first (an admin's past the gate): this one was judged against a state that is gone.
      const stale = (current?.version_id ?? null) !== move.from_version_id;
      const outcome = !report.passed ? 'refused' : stale ? 'rejected' : 'moved';
      if (outcome === 'moved') await this.pointAlias(trx, { modelId: model.id, groupId: model.group_id, alias: move.alias, from: move.from_version_id, to: move.to_version_id, movedBy: move.moved_by });
      const row = await trx
        .updateTable('alias_moves')
        .set({ outcome, gate_report: JSON.stringify(report), decided_at: new Date() })
        .where('id', '=', moveId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAliasMove(row);
    });
  }

  async findMove(moveId: string) {
    return this.db.selectFrom('alias_moves').selectAll().where('id', '=', moveId).executeTakeFirst();
  }

  private async pointAlias(trx: Transaction<TrainingDatabase>, move: { modelId: string; groupId: string; alias: string; from: string | null; to: string; movedBy: string }) {
    await trx
      .insertInto('model_aliases')
      .values({ model_id: move.modelId, alias: move.alias, version_id: move.to, moved_by: move.movedBy })
      .onConflict((oc) => oc.columns(['model_id', 'alias']).doUpdateSet({ version_id: move.to, moved_by: move.movedBy, moved_at: sql`now()` }))
      .execute();
    await enqueueOutbox(trx, trainingEvents.aliasMoved, {
      modelId: move.modelId,
      groupId: move.groupId,
      alias: move.alias,
      fromVersionId: move.from,
      toVersionId: move.to,
      at: new Date().toISOString(),
    });
  }

  async aliasHistory(modelId: string, alias?: string): Promise<AliasMove[]> {
    let query = this.db.selectFrom('alias_moves').selectAll().where('model_id', '=', modelId);
    if (alias) query = query.where('alias', '=', alias);
    const rows = await query.orderBy('moved_at').orderBy('id').execute();
    return rows.map(toAliasMove);
  }

  async aliasTarget(modelId: string, alias: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('model_aliases').select('version_id').where('model_id', '=', modelId).where('alias', '=', alias).executeTakeFirst();
    return row?.version_id;
  }
}
