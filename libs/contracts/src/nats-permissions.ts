import { datasetEvents } from './dataset.ts';
import { SERVICE_NAMES, type ServiceName, healthReport } from './health.ts';
import { identityContracts, identityEvents } from './identity.ts';
import { LOOKUP_CACHES, LOOKUP_CACHE_OWNERS, lookupCacheContracts } from './lookup-caches.ts';
import { INFERENCE_JOBS_STREAM, WEBHOOK_JOBS_STREAM, inferenceEvents } from './inference.ts';
import { METROLOGY_JOBS_STREAM, metrologyEvents } from './metrology.ts';
import { promotionGateEvents } from './promotion-gate.ts';
import { AUDIT_STREAM } from './streams.ts';
import { TRAINING_JOBS_STREAM, trainingEvents } from './training.ts';

/**
 * The NATS users of the platform: one per service and one for the gateway, each allowed only
 * the subjects it needs, so a leaked service password cannot publish another service's events
 * or answer another service's requests. The operator user (`admin`) may do anything: for the
 * `nats` CLI and tests, never for a service.
 */
export const NATS_SERVICE_USERS = ['gateway', ...SERVICE_NAMES] as const;
export type NatsServiceUser = (typeof NATS_SERVICE_USERS)[number];
export const NATS_ADMIN_USER = 'admin';

export interface NatsPermissions {
  publish: { allow: string[]; deny: string[] };
  subscribe: { allow: string[] };
  /** May answer the requests it receives (a reply to the requester's inbox, once). */
  allow_responses: true;
}

/**
 * Each client's inboxes live under its own name (connectNats sets the prefix), so no service can
 * subscribe to the replies meant for another: the gateway's hold every group's data.
 */
export const inboxPrefix = (user: string): string => `_INBOX.${user}`;

/** Whose requests each one sends (besides answering its own). */
const CALLS: Record<NatsServiceUser, readonly ServiceName[]> = {
  gateway: SERVICE_NAMES,
  identity: [],
  dataset: [],
  training: ['dataset'],
  inference: ['dataset', 'training', 'metrology'],
  // Measurement exports hide model versions the caller cannot read (training owns the registry).
  metrology: ['dataset', 'training'],
};

/**
 * Single requests to a service whose other subjects stay closed: sharing checks that the groups
 * named exist, and identity owns groups (its key and bootstrap subjects are the gateway's alone).
 */
const CALLS_ONLY: Partial<Record<NatsServiceUser, readonly string[]>> = {
  dataset: [identityContracts.listGroups.subject],
  training: [identityContracts.listGroups.subject],
};

const subjectsOf = (contracts: Record<string, { subject: string }>) => Object.values(contracts).map((c) => c.subject);

/** The events each service publishes (from its outbox, or straight to NATS) and its job queues. */
const PUBLISHES: Record<ServiceName, readonly string[]> = {
  identity: subjectsOf(identityEvents),
  dataset: subjectsOf(datasetEvents),
  training: [...subjectsOf(trainingEvents), ...subjectsOf(promotionGateEvents), ...TRAINING_JOBS_STREAM.subjects],
  inference: [...subjectsOf(inferenceEvents), ...INFERENCE_JOBS_STREAM.subjects, ...WEBHOOK_JOBS_STREAM.subjects],
  metrology: [...subjectsOf(metrologyEvents), ...METROLOGY_JOBS_STREAM.subjects],
};

/** Services running JetStream workers: they file dead letters and watch their consumers' advisories. */
const RUNS_WORKERS: ReadonlySet<NatsServiceUser> = new Set(['identity', 'dataset', 'training', 'inference', 'metrology']);

// The JetStream API: ensuring streams and consumers, pulling, acking. Deleting or purging a
// stream is an operator's act, never a service's.
const JETSTREAM_PUBLISH = ['$JS.API.>', '$JS.ACK.>'];
const JETSTREAM_DENY = ['$JS.API.STREAM.DELETE.>', '$JS.API.STREAM.PURGE.>'];

/**
 * The gateway keeps the lookup caches and announces them; each cache's owner alone may invalidate
 * it, and listens for who holds one.
 */
function lookupCacheSubjects(user: NatsServiceUser): { publish: string[]; subscribe: string[] } {
  const caches = LOOKUP_CACHES.map(lookupCacheContracts);
  if (user === 'gateway') return { publish: caches.map((c) => c.presence.subject), subscribe: caches.map((c) => c.invalidate.subject) };
  const owned = LOOKUP_CACHES.filter((cache) => LOOKUP_CACHE_OWNERS[cache] === user).map(lookupCacheContracts);
  return { publish: owned.map((c) => c.invalidate.subject), subscribe: owned.map((c) => c.presence.subject) };
}

export function natsPermissions(user: NatsServiceUser): NatsPermissions {
  const requests = [...CALLS[user].map((service) => `microseg.${service}.v1.>`), ...(CALLS_ONLY[user] ?? [])];
  const own = user === 'gateway' ? [] : [`microseg.${user}.v1.>`];
  const workers = RUNS_WORKERS.has(user);
  const caches = lookupCacheSubjects(user);
  return {
    publish: {
      allow: [
        ...requests,
        // The gateway records every mutation on the audit stream; nobody else may write there.
        ...(user === 'gateway' ? AUDIT_STREAM.subjects : [...PUBLISHES[user], healthReport(user).subject]),
        ...caches.publish,
        ...(workers ? ['microseg.deadletter.>'] : []),
        ...JETSTREAM_PUBLISH,
      ],
      deny: JETSTREAM_DENY,
    },
    subscribe: {
      allow: [
        `${inboxPrefix(user)}.>`,
        ...own,
        // The gateway forwards events to GraphQL subscriptions, drops revoked keys from its cache
        // and answers `health` from every service's reports.
        ...(user === 'gateway' ? ['microseg.events.>', ...SERVICE_NAMES.map((service) => healthReport(service).subject)] : []),
        ...caches.subscribe,
        ...(workers ? ['$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>'] : []),
      ],
    },
    allow_responses: true,
  };
}

/** Every user of a platform's nats-server with its permissions (`admin`: undefined, may do anything). */
export function platformNatsUsers(): Record<string, NatsPermissions | undefined> {
  return { ...Object.fromEntries(NATS_SERVICE_USERS.map((user) => [user, natsPermissions(user)])), [NATS_ADMIN_USER]: undefined };
}
