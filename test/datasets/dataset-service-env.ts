import { randomUUID } from 'node:crypto';
import { type Principal, identityContracts } from '@microseg/contracts';
import { type DatasetService, datasetConfigSchema, startDatasetService } from '@microseg/dataset-service';
import { infrastructureEnvironment } from '@microseg/launcher';
import { silentLogger } from '@microseg/logging';
import { type RequestContract, type RequestInput, type ResponseOf, request, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { type TestInfrastructure, getTestInfrastructure } from '../harness/index.ts';

export interface DatasetServiceEnv {
  infrastructure: TestInfrastructure;
  service: DatasetService;
  nc: NatsConnection;
  /** A caller of a fresh group, talking to the service over NATS as the gateway does. */
  newCaller(role?: Principal['role']): Caller;
  stop(): Promise<void>;
}

export interface Caller {
  principal: Principal;
  call<C extends RequestContract>(contract: C, payload: RequestInput<C>, headers?: Record<string, string>): Promise<ResponseOf<C>>;
}

/** The dataset service in this process against the real PostgreSQL, NATS and S3 of the harness. */
export async function startDatasetServiceEnv(env: Record<string, string> = {}): Promise<DatasetServiceEnv> {
  const infrastructure = await getTestInfrastructure({ dedicatedNats: true });
  const config = datasetConfigSchema.parse({
    ...infrastructureEnvironment(infrastructure, 'dataset'),
    DATASET_BUCKET: `ds-${infrastructure.runId}`.toLowerCase(),
    ...env,
  });
  const service = await startDatasetService(config, { logger: silentLogger, exitOnShutdown: false });
  const nc = await infrastructure.connectNats('dataset-test');
  // The groups of newCaller's principals, answered as the identity service would when the
  // dataset service checks the groups a dataset is shared with.
  const groups = new Map<string, { id: string; name: string; createdAt: string }>();
  const identity = serveRequests(nc, identityContracts.listGroups, async ({ ids }) => ({
    groups: [...groups.values()].filter((group) => !ids || ids.includes(group.id)),
  }));
  return {
    infrastructure,
    service,
    nc,
    newCaller(role = 'admin') {
      const principal: Principal = { groupId: randomUUID(), groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role };
      groups.set(principal.groupId, { id: principal.groupId, name: principal.groupName, createdAt: new Date().toISOString() });
      return {
        principal,
        call: (contract, payload, headers = {}) =>
          request(nc, contract, payload, { timeoutMs: 30_000, headers: { ...infrastructure.principals.headers(principal), ...headers } }),
      };
    },
    async stop() {
      await identity.stop();
      await nc.drain();
      await service.stop();
      await infrastructure.cleanup();
    },
  };
}
