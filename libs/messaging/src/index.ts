export {
  defineEvent,
  defineJob,
  defineRequest,
  type EventContract,
  type JobContract,
  type MessageContract,
  type PayloadInput,
  type PayloadOf,
  type RequestContract,
  type RequestInput,
  type RequestOf,
  type ResponseInput,
  type ResponseOf,
} from './contract.ts';
export {
  connectNats,
  natsConnectionState,
  natsDisconnects,
  waitUntilConnected,
  type ConnectNatsOptions,
  type NatsCredentials,
} from './connection.ts';
export {
  serveAuthenticated,
  serveRequests,
  type AuthenticatedContext,
  type AuthenticatedHandler,
  type CallerVerifier,
  type RequestContext,
  type RequestHandler,
  type RequestServer,
  type ServeRequestsOptions,
} from './request-server.ts';
export { request, type RequestOptions } from './request-client.ts';
export {
  ensureConsumer,
  ensureStream,
  type ConsumerSpec,
  type StreamSpec,
} from './jetstream-setup.ts';
export { publishEvent, publishJob, type PublishOptions, type Published } from './publish.ts';
export { defineNotice, publishConfirmedNotice, publishNotice, subscribeNotices, type NoticeContract } from './notice.ts';
export {
  runWorker,
  type JobContext,
  type JobHandler,
  type RunWorkerOptions,
  type Worker,
} from './worker.ts';
export { type Backoff, backoffDelay, defaultBackoff } from './backoff.ts';
export {
  DEAD_LETTER_STREAM,
  DeadLetterSchema,
  deadLetterEvent,
  deadLetterSubject,
  ensureDeadLetterStream,
  type DeadLetter,
} from './dead-letter.ts';
export { enqueueOutbox, type EnqueueOutboxOptions } from './outbox.ts';
export {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyTable,
  type IdempotencyRecord,
  type IdempotencyRecords,
  idempotencyClaimsMigration,
  idempotencyKeysMigration,
  idempotent,
} from './idempotency.ts';
export { OutboxRelay, type OutboxRelayOptions, type RelayBatch } from './outbox-relay.ts';
export { outboxMigrations, type OutboxDatabase, type OutboxTable } from './outbox-table.ts';
export { mapNatsError } from './nats-errors.ts';
export type { Metadata } from './metadata.ts';
export type { Logger } from './logger.ts';
export { type JobOutcome, messagingMetrics } from './messaging-metrics.ts';
