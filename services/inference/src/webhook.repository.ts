import { type Webhook, type WebhookDelivery, type WebhookDeliveryState, type WebhookEvent, webhookJobs } from '@microseg/contracts';
import { type Kysely, type Selectable, sql } from '@microseg/db';
import { enqueueOutbox } from '@microseg/messaging';
import type { InferenceDatabase, WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from './inference.tables.ts';

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return { id: row.id, groupId: row.group_id, url: row.url, events: row.events as WebhookEvent[], active: row.active, createdAt: row.created_at.toISOString() };
}

export interface DeliveryTarget {
  deliveryId: string;
  url: string;
  secret: string;
  event: WebhookEvent;
  body: string;
  state: WebhookDeliveryState;
}

export interface AttemptRecord {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  /** The network rule that refused the target; nothing was sent. */
  refusedRule: string | null;
  durationMs: number;
}

/** Webhooks, their deliveries and the log of every attempt; only this file touches those tables. */
export class WebhookRepository {
  constructor(private readonly db: Kysely<InferenceDatabase>) {}

  async create(values: { groupId: string; url: string; events: WebhookEvent[]; secret: string; createdBy: string }): Promise<Webhook> {
    const row = await this.db
      .insertInto('webhooks')
      .values({ group_id: values.groupId, url: values.url, events: values.events, secret: values.secret, created_by: values.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWebhook(row);
  }

  async list(groupId: string): Promise<Webhook[]> {
    return (await this.db.selectFrom('webhooks').selectAll().where('group_id', '=', groupId).orderBy('created_at').execute()).map(toWebhook);
  }

  async delete(id: string, groupId: string): Promise<Webhook | undefined> {
    const row = await this.db.deleteFrom('webhooks').where('id', '=', id).where('group_id', '=', groupId).returningAll().executeTakeFirst();
    return row ? toWebhook(row) : undefined;
  }

  async subscribed(groupId: string, event: WebhookEvent): Promise<Webhook[]> {
    const rows = await this.db.selectFrom('webhooks').selectAll().where('group_id', '=', groupId).where('active', '=', true).where(sql<boolean>`${event} = any(events)`).execute();
    return rows.map(toWebhook);
  }

  /**
   * One delivery per hook and its job, in one transaction (the job is published through the
   * outbox only if the delivery is recorded); a redelivered event adds nothing.
   */
  async enqueue(hooks: readonly Webhook[], delivery: { event: WebhookEvent; subjectId: string; imageId: string; limsId: string | null; body: (deliveryId: string) => string }): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let created = 0;
      for (const hook of hooks) {
        const inserted = await trx
          .insertInto('webhook_deliveries')
          .values({ webhook_id: hook.id, event: delivery.event, subject_id: delivery.subjectId, image_id: delivery.imageId, lims_id: delivery.limsId, body: '' })
          .onConflict((c) => c.columns(['webhook_id', 'event', 'subject_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) continue;
        await trx.updateTable('webhook_deliveries').set({ body: delivery.body(inserted.id) }).where('id', '=', inserted.id).execute();
        await enqueueOutbox(trx, webhookJobs.deliver, { deliveryId: inserted.id });
        created++;
      }
      return created;
    });
  }

  async target(deliveryId: string): Promise<DeliveryTarget | undefined> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
      .select(['webhook_deliveries.id', 'webhooks.url', 'webhooks.secret', 'webhook_deliveries.event', 'webhook_deliveries.body', 'webhook_deliveries.state'])
      .where('webhook_deliveries.id', '=', deliveryId)
      .executeTakeFirst();
    return row ? { deliveryId: row.id, url: row.url, secret: row.secret, event: row.event as WebhookEvent, body: row.body, state: row.state } : undefined;
  }

  /** Logs one attempt and moves the delivery to its new state; the attempt number is the job's delivery count. */
  async recordAttempt(deliveryId: string, attempt: AttemptRecord, state: WebhookDeliveryState): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({ delivery_id: deliveryId, attempt: attempt.attempt, status_code: attempt.statusCode, error: attempt.error, refused_rule: attempt.refusedRule, duration_ms: attempt.durationMs })
        .onConflict((c) => c.columns(['delivery_id', 'attempt']).doNothing())
        .execute();
      await trx.updateTable('webhook_deliveries').set({ state, updated_at: new Date() }).where('id', '=', deliveryId).execute();
    });
  }

  /** The group's delivery log, newest first, a page at a time; the cursor is the last delivery's id. */
  async deliveries(groupId: string, filter: { webhookId?: string; state?: WebhookDeliveryState; first: number; after?: string }) {
    let query = this.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
      .selectAll('webhook_deliveries')
      .where('webhooks.group_id', '=', groupId)
      .orderBy('webhook_deliveries.created_at', 'desc')
      .orderBy('webhook_deliveries.id', 'desc')
      .limit(filter.first + 1);
    if (filter.webhookId) query = query.where('webhook_deliveries.webhook_id', '=', filter.webhookId);
    if (filter.state) query = query.where('webhook_deliveries.state', '=', filter.state);
    if (filter.after) {
      const after = filter.after;
      query = query.where(sql<boolean>`(webhook_deliveries.created_at, webhook_deliveries.id) < (select c.created_at, c.id from webhook_deliveries c where c.id = ${after})`);
    }
    const found = await query.execute();
    const rows = found.slice(0, filter.first);
    const hasNextPage = found.length > filter.first;
    const attempts = rows.length === 0 ? [] : await this.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('attempt').execute();
    const nodes = rows.map((row) => toDelivery(row, attempts.filter((a) => a.delivery_id === row.id)));
    return { nodes, endCursor: nodes.at(-1)?.id ?? null, hasNextPage };
  }
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>, attempts: Selectable<WebhookAttemptsTable>[]): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event as WebhookEvent,
    subjectId: row.subject_id,
    imageId: row.image_id,
    limsId: row.lims_id,
    state: row.state,
    attempts: attempts.map((a) => ({ attempt: a.attempt, statusCode: a.status_code, error: a.error, refusedRule: a.refused_rule, durationMs: a.duration_ms, at: a.at.toISOString() })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
