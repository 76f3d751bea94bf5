import { MicroSegError } from '@microseg/errors';
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  DeliverPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
  nanos,
} from 'nats';
import { isJetStreamNotFound } from './nats-errors.ts';
import { assertStreamName } from './subject.ts';

export interface StreamSpec {
  name: string;
  subjects: string[];
  /** `workqueue` for jobs (a message is gone once acked), `limits` for events (kept for maxAge). Default limits. */
  retention?: 'limits' | 'workqueue' | 'interest';
  /** 0 keeps messages until other limits apply (default 0). */
  maxAgeMs?: number;
  /** How long a Nats-Msg-Id is remembered to drop duplicate publishes (default 2 min). */
  duplicateWindowMs?: number;
  /** Default file: jobs and events must survive a server restart. */
  storage?: 'file' | 'memory';
  replicas?: number;
}

export interface ConsumerSpec {
  stream: string;
  /** Durable name shared by all replicas of a worker. */
  name: string;
  /** Only messages on this subject (default: everything in the stream). */
  filterSubject?: string;
  /** Time a delivery may go without ack or heartbeat before the server redelivers it (default 30 s). */
  ackWaitMs?: number;
  /** Deliveries before the server gives up on a message (default 5). */
  maxDeliver?: number;
  /** Unacknowledged deliveries allowed across all replicas (default 1000). */
  maxAckPending?: number;
  description?: string;
}

const RETENTION = {
  limits: RetentionPolicy.Limits,
  workqueue: RetentionPolicy.Workqueue,
  interest: RetentionPolicy.Interest,
};
const STORAGE = { file: StorageType.File, memory: StorageType.Memory };

const sortedKey = (subjects: string[]): string => [...subjects].sort().join(' ');
const sameSubjects = (a: string[] | undefined, b: string[]): boolean =>
  a !== undefined && sortedKey(a) === sortedKey(b);

/**
 * Creates the stream, or brings an existing one in line with the spec. Retention and storage
 * cannot change on a live stream: a mismatch is a CONFLICT for an operator to resolve rather
 * than something to paper over.
 */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<StreamInfo> {
  const wanted: Partial<StreamConfig> = {
    name: assertStreamName(spec.name),
    subjects: spec.subjects,
    retention: RETENTION[spec.retention ?? 'limits'],
    storage: STORAGE[spec.storage ?? 'file'],
    max_age: nanos(spec.maxAgeMs ?? 0),
    duplicate_window: nanos(spec.duplicateWindowMs ?? 120_000),
    num_replicas: spec.replicas ?? 1,
  };
  let existing: StreamInfo;
  try {
    existing = await jsm.streams.info(spec.name);
  } catch (error) {
    if (!isJetStreamNotFound(error)) throw error;
    return jsm.streams.add(wanted);
  }
  const current = existing.config;
  if (current.retention !== wanted.retention || current.storage !== wanted.storage) {
    throw new MicroSegError(
      'CONFLICT',
      `stream ${spec.name} exists with other retention or storage`,
      {
        details: {
          stream: spec.name,
          current: { retention: current.retention, storage: current.storage },
        },
      },
    );
  }
  const upToDate =
    sameSubjects(current.subjects, spec.subjects) &&
    current.max_age === wanted.max_age &&
    current.duplicate_window === wanted.duplicate_window &&
    current.num_replicas === wanted.num_replicas;
  if (upToDate) return existing;
  return jsm.streams.update(spec.name, {
    subjects: spec.subjects,
    max_age: wanted.max_age,
    duplicate_window: wanted.duplicate_window,
    num_replicas: wanted.num_replicas,
  });
}

/** Creates the durable pull consumer, or updates its mutable settings when it already exists. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  spec: ConsumerSpec,
): Promise<ConsumerInfo> {
  const wanted: Partial<ConsumerConfig> = {
    durable_name: assertStreamName(spec.name),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(spec.ackWaitMs ?? 30_000),
    max_deliver: spec.maxDeliver ?? 5,
    max_ack_pending: spec.maxAckPending ?? 1_000,
    ...(spec.filterSubject ? { filter_subject: spec.filterSubject } : {}),
    ...(spec.description ? { description: spec.description } : {}),
  };
  let existing: ConsumerInfo;
  try {
    existing = await jsm.consumers.info(spec.stream, spec.name);
  } catch (error) {
    if (!isJetStreamNotFound(error)) throw error;
    return jsm.consumers.add(spec.stream, wanted);
  }
  const current = existing.config;
  const upToDate =
    current.ack_wait === wanted.ack_wait &&
    current.max_deliver === wanted.max_deliver &&
    current.max_ack_pending === wanted.max_ack_pending &&
    (current.filter_subject ?? '') === (spec.filterSubject ?? '') &&
    (current.description ?? '') === (spec.description ?? '');
  if (upToDate) return existing;
  return jsm.consumers.update(spec.stream, spec.name, {
    ack_wait: wanted.ack_wait,
    max_deliver: wanted.max_deliver,
    max_ack_pending: wanted.max_ack_pending,
    ...(spec.filterSubject ? { filter_subject: spec.filterSubject } : {}),
    ...(spec.description ? { description: spec.description } : {}),
  });
}
