import { describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.ts';
import { OVERLAYS, type Workload, render, selects, workloads } from './rendered-overlays.ts';

interface Peer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: { cidr: string };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port: number; protocol: string }[];
}
interface PolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  policyTypes: string[];
  ingress?: Rule[];
  egress?: Rule[];
}

const policies = (manifests: Manifest[]) =>
  manifests.filter((m) => m.kind === 'NetworkPolicy').map((m) => ({ name: m.metadata.name, spec: m.spec as PolicySpec }));

/** The rules of a direction that apply to a pod (NetworkPolicies are additive). */
function rulesFor(manifests: Manifest[], workload: Workload, direction: 'ingress' | 'egress'): Rule[] {
  return policies(manifests)
    .filter((p) => selects(p.spec.podSelector, workload.labels))
    .flatMap((p) => p.spec[direction] ?? []);
}

const fromAnywhere = (rule: Rule) => rule.from === undefined || rule.from.length === 0;

describe.each(OVERLAYS)('network policies of k8s/overlays/%s', (overlay) => {
  const manifests = render(overlay);
  const all = workloads(manifests);

  it('deny all ingress and egress unless allowed', () => {
    const deny = policies(manifests).find((p) => p.name === 'default-deny')!;
    expect(deny.spec.podSelector).toEqual({});
    expect(deny.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(deny.spec.ingress ?? []).toEqual([]);
    expect(deny.spec.egress ?? []).toEqual([]);
  });

  it('let only the gateway, the web console (and, in dev, MinIO for presigned uploads) be reached from outside the namespace', () => {
    const open = all.filter((w) =>
      rulesFor(manifests, w, 'ingress').some((rule) => fromAnywhere(rule) || rule.from?.some((peer) => peer.namespaceSelector && !['keda', 'monitoring'].includes(peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'] ?? ''))),
    );
    expect(open.map((w) => w.manifest.metadata.name).sort()).toEqual(overlay === 'dev' ? ['console', 'gateway', 'minio'] : ['console', 'gateway']);
    const publicPorts = (name: string) => rulesFor(manifests, all.find((w) => w.manifest.metadata.name === name)!, 'ingress').filter(fromAnywhere).flatMap((r) => r.ports?.map((p) => p.port));
    expect(publicPorts('gateway')).toEqual([4000]);
    expect(publicPorts('console')).toEqual([4100]);
  });

  it('let the web console reach only the gateway (and DNS to find it): it holds no credentials and needs no datastore', () => {
    const console = all.find((w) => w.manifest.metadata.name === 'console')!;
    const egress = rulesFor(manifests, console, 'egress');
    expect(egress.flatMap((rule) => (rule.ports ?? []).map((p) => p.port)).sort()).toEqual([4000, 53, 53].sort());
    const toGateway = egress.find((rule) => rule.ports?.some((p) => p.port === 4000));
    expect(toGateway?.to).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }]);
  });

  it('let the services reach only DNS, NATS, PostgreSQL and S3', () => {
    const allowedPorts = overlay === 'dev' ? [53, 4222, 5432, 9000] : [53, 443, 4222, 5432];
    for (const workload of all.filter((w) => w.labels['microseg.io/tier'] === 'app')) {
      const ports = new Set(rulesFor(manifests, workload, 'egress').flatMap((rule) => (rule.ports ?? []).map((p) => p.port)));
      for (const rule of rulesFor(manifests, workload, 'egress')) expect(rule.ports?.length, workload.manifest.metadata.name).toBeGreaterThan(0);
      expect([...ports].every((port) => allowedPorts.includes(port)), `${workload.manifest.metadata.name}: ${[...ports].join(',')}`).toBe(true);
      expect(ports.has(4222), workload.manifest.metadata.name).toBe(true);
      expect(ports.has(53), workload.manifest.metadata.name).toBe(true);
    }
  });

  it('keep the gateway away from the databases: it has none', () => {
    const gateway = all.find((w) => w.manifest.metadata.name === 'gateway')!;
    const ports = rulesFor(manifests, gateway, 'egress').flatMap((rule) => (rule.ports ?? []).map((p) => p.port));
    expect(ports.sort()).toEqual([4222, 53, 53].sort());
  });

  it('let KEDA read the NATS monitoring port, and the NATS servers talk to each other', () => {
    const nats = all.find((w) => w.manifest.metadata.name === 'nats')!;
    const ingress = rulesFor(manifests, nats, 'ingress');
    const keda = ingress.find((r) => r.from?.some((p) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'keda'));
    expect(keda?.ports?.map((p) => p.port)).toEqual([8222]);
    expect(rulesFor(manifests, nats, 'egress').flatMap((r) => r.ports?.map((p) => p.port))).toEqual(expect.arrayContaining([6222]));
  });
});
