import { commonServiceVariables } from '@microseg/config';
import { PLATFORM_STREAMS } from '@microseg/contracts';
import { ensurePlatformStreams } from '@microseg/service-runtime';
import { type NatsConnection, NatsError, type StreamConfig } from 'nats';
import { describe, expect, it } from 'vitest';
import { type Container, OVERLAYS, find, render, workloads } from './rendered-overlays.ts';

/** The stream configurations a service would create, read off a JetStream manager that holds none yet. */
async function streamsCreatedWith(replicas: number): Promise<Partial<StreamConfig>[]> {
  const created: Partial<StreamConfig>[] = [];
  const jsm = {
    streams: {
      info: () => Promise.reject(new NatsError('stream not found', '404')),
      add: (config: Partial<StreamConfig>) => {
        created.push(config);
        return Promise.resolve({ config });
      },
    },
  };
  await ensurePlatformStreams({ jetstreamManager: () => Promise.resolve(jsm) } as unknown as NatsConnection, replicas);
  return created;
}

describe.each(OVERLAYS)('JetStream streams under k8s/overlays/%s', (overlay) => {
  const manifests = render(overlay);
  const config = find(manifests, 'ConfigMap', 'microseg-config').data as Record<string, string>;
  const natsServers = (find(manifests, 'StatefulSet', 'nats').spec as { replicas: number }).replicas;
  const replicasOf = (container: Container): number => {
    const fromEnv = container.env?.find((variable) => variable.name === 'NATS_STREAM_REPLICAS')?.value;
    const fromConfigMap = container.envFrom?.some((source) => source.configMapRef?.name === 'microseg-config') ? config['NATS_STREAM_REPLICAS'] : undefined;
    return commonServiceVariables.NATS_STREAM_REPLICAS.parse(fromEnv ?? fromConfigMap);
  };

  it('gives every platform stream one replica per NATS server, whichever service starts first', async () => {
    const services = workloads(manifests).filter((w) => w.labels['microseg.io/tier'] === 'app').flatMap((w) => w.pod.containers);
    expect(services.length).toBeGreaterThanOrEqual(6);
    for (const container of services) expect(replicasOf(container), container.name).toBe(natsServers);
    const created = await streamsCreatedWith(natsServers);
    expect(created.map((stream) => stream.name).sort()).toEqual(PLATFORM_STREAMS.map((stream) => stream.name).sort());
    for (const stream of created) expect(stream.num_replicas, stream.name).toBe(natsServers);
    if (overlay === 'prod') expect(natsServers).toBe(3);
  });
});
