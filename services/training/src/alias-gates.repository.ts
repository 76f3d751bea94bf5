import type { AliasGate, GateDeclaration } from '@microseg/contracts';
import { type Kysely, type Selectable, sql } from '@microseg/db';
import type { AliasGatesTable, TrainingDatabase } from './training.tables.ts';

function toAliasGate(row: Selectable<AliasGatesTable>): AliasGate {
  return { modelId: row.model_id, alias: row.alias, ...row.declaration, setBy: row.set_by, setAt: row.set_at.toISOString() };
}

/** The promotion gates declared on aliases: the only code touching `alias_gates`. */
export class AliasGateRepository {
  constructor(private readonly db: Kysely<TrainingDatabase>) {}

  /** Declares or replaces the gate; a move already waiting keeps the gate it was asked under. */
  async set(input: { modelId: string; alias: string; declaration: GateDeclaration; setBy: string }): Promise<AliasGate> {
    const declaration = JSON.stringify(input.declaration);
    const row = await this.db
      .insertInto('alias_gates')
      .values({ model_id: input.modelId, alias: input.alias, declaration, set_by: input.setBy })
      .onConflict((oc) => oc.columns(['model_id', 'alias']).doUpdateSet({ declaration, set_by: input.setBy, set_at: sql`now()` }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAliasGate(row);
  }

  async remove(modelId: string, alias: string): Promise<AliasGate | undefined> {
    const row = await this.db.deleteFrom('alias_gates').where('model_id', '=', modelId).where('alias', '=', alias).returningAll().executeTakeFirst();
    return row ? toAliasGate(row) : undefined;
  }

  async list(modelId: string): Promise<AliasGate[]> {
    const rows = await this.db.selectFrom('alias_gates').selectAll().where('model_id', '=', modelId).orderBy('alias').execute();
    return rows.map(toAliasGate);
  }
}
