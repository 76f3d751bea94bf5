import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATS_SERVICE_USERS, platformNatsUsers } from '@microseg/contracts';
import { findFreePort, findNatsServer, readNatsInfo, waitUntilReady } from '@microseg/local-stack';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsAuthorizationConf, passwordVariable } from './nats-authorization.ts';
import { OVERLAYS, allContainers, find, render, workloads } from './rendered-overlays.ts';

const natsConfig = (overlay: (typeof OVERLAYS)[number]) => find(render(overlay), 'ConfigMap', 'nats-config').data as Record<string, string>;

describe.each(OVERLAYS)('NATS users in k8s/overlays/%s', (overlay) => {
  const manifests = render(overlay);

  it('configures the NATS servers with the users and permissions the platform declares', () => {
    const config = natsConfig(overlay);
    expect(config['nats.conf']).toMatch(/^\s*include \.\/authorization\.conf\s*$/m);
    expect(config['authorization.conf']).toBe(natsAuthorizationConf());
  });

  it("gives the NATS servers every user's password from the microseg-nats Secret", () => {
    const [nats] = workloads([find(manifests, 'StatefulSet', 'nats')]);
    const env = nats!.pod.containers[0]!.env ?? [];
    for (const user of Object.keys(platformNatsUsers())) {
      expect(env).toContainEqual({ name: passwordVariable(user), valueFrom: { secretKeyRef: { name: 'microseg-nats', key: user } } });
    }
  });

  it('connects every service (and its migration) as its own NATS user, with the principal signing key', () => {
    const containers = workloads(manifests)
      .filter((w) => w.labels['microseg.io/tier'] === 'app')
      .flatMap((w) => allContainers(w.pod));
    const services = new Set<string>();
    for (const container of containers) {
      const service = container.name.replace(/^migrate-/, '');
      services.add(service);
      expect(container.env, container.name).toContainEqual({ name: 'NATS_USER', value: service });
      expect(container.env, container.name).toContainEqual({ name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'microseg-nats', key: service } } });
      expect(container.env, container.name).toContainEqual({
        name: 'PRINCIPAL_SIGNING_KEY',
        valueFrom: { secretKeyRef: { name: 'microseg-principal-signing-key', key: 'PRINCIPAL_SIGNING_KEY' } },
      });
    }
    expect([...services].sort()).toEqual([...NATS_SERVICE_USERS].sort());
  });
});

describe("a real nats-server with the cluster's authorization.conf", () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;
  const passwords = find(render('dev'), 'Secret', 'microseg-nats').stringData as Record<string, string>;

  beforeAll(async () => {
    const binary = await findNatsServer();
    if (!binary) throw new Error('nats-server is not installed (sudo apt-get install -y nats-server)');
    dir = await mkdtemp(join(tmpdir(), 'microseg-nats-k8s-'));
    const port = await findFreePort();
    url = `nats://127.0.0.1:${port}`;
    await writeFile(join(dir, 'authorization.conf'), natsConfig('dev')['authorization.conf']!);
    await writeFile(join(dir, 'nats.conf'), `listen: 127.0.0.1:${port}\njetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }\ninclude ./authorization.conf\n`);
    const env = { ...process.env, ...Object.fromEntries(Object.entries(passwords).map(([user, password]) => [passwordVariable(user), password])) };
    server = spawn(binary, ['-c', join(dir, 'nats.conf')], { env, stdio: 'ignore' });
    await waitUntilReady(() => readNatsInfo('127.0.0.1', port), { what: `nats-server on ${port}`, timeoutMs: 30_000 });
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('admits a service with its password, refuses anyone without, and holds the service to its subjects', async () => {
    await expect(connect({ servers: url, reconnect: false })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    const dataset = await connect({ servers: url, user: 'dataset', pass: passwords['dataset'], inboxPrefix: '_INBOX.dataset' });
    try {
      await expect(dataset.request('microseg.identity.v1.keys.create', '{}', { timeout: 5_000 })).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    } finally {
      await dataset.close();
    }
  });
});
