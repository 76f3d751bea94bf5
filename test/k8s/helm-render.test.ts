import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHART, helm, helmTemplate, removeChartCopy } from './helm.ts';
import { type JsonObject, type Manifest, podTemplateOf } from './manifest.ts';
import type { Container } from './rendered-overlays.ts';
import { ROOT, selects } from './rendered-overlays.ts';

const MONITORING = resolve(ROOT, 'k8s', 'components', 'monitoring');
const RECOMMENDED = ['name', 'instance', 'version', 'component', 'part-of', 'managed-by'].map((label) => `app.kubernetes.io/${label}`);
const defaults = parse(readFileSync(resolve(CHART, 'values.yaml'), 'utf8')) as { image: { tag: string } };

afterAll(removeChartCopy);

interface Pod {
  owner: Manifest;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: JsonObject & {
    imagePullSecrets?: { name: string }[];
    nodeSelector?: Record<string, string>;
    tolerations?: JsonObject[];
    affinity?: JsonObject;
    containers: Container[];
    initContainers?: Container[];
    serviceAccountName?: string;
  };
}

function pods(manifests: Manifest[]): Pod[] {
  return manifests.flatMap((owner) => {
    const template = podTemplateOf(owner);
    if (!template) return [];
    const metadata = (template.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
    return [{ owner, labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {}, spec: template.spec as Pod['spec'] }];
  });
}

const pod = (manifests: Manifest[], name: string) => pods(manifests).find((p) => p.owner.metadata.name === name)!;
const containers = (p: Pod) => [...(p.spec.initContainers ?? []), ...p.spec.containers];
const named = (manifests: Manifest[], kind: string) => new Set(manifests.filter((m) => m.kind === kind).map((m) => m.metadata.name));

describe('helm/microseg rendered by helm', () => {
  it('lints clean and renders objects valid against the Kubernetes API schemas', () => {
    const lint = helm(['lint', 'CHART', '--strict']);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    const manifests = helmTemplate();
    expect(named(manifests, 'Deployment')).toEqual(new Set(['gateway', 'identity', 'dataset', 'metrology', 'inference', 'training', 'console'].map((s) => `microseg-${s}`)));
    expect(manifests.filter((m) => m.apiVersion.startsWith('monitoring.coreos.com'))).toEqual([]);
  });

  it('puts the Kubernetes recommended labels on every object and pod', () => {
    const manifests = helmTemplate({ nameOverride: 'seg' }, 'lab');
    const labelled = [...manifests.map((m) => ({ what: `${m.kind}/${m.metadata.name}`, labels: m.metadata.labels ?? {} })), ...pods(manifests).map((p) => ({ what: `pod of ${p.owner.metadata.name}`, labels: p.labels }))];
    for (const { what, labels } of labelled) {
      for (const label of RECOMMENDED) expect(labels[label], `${what}: ${label}`).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
      expect(labels, what).toMatchObject({
        'app.kubernetes.io/instance': 'lab',
        'app.kubernetes.io/version': defaults.image.tag,
        'app.kubernetes.io/part-of': 'seg',
        'app.kubernetes.io/managed-by': 'Helm',
      });
    }
    const roles = Object.fromEntries(pods(manifests).map((p) => [p.labels['app.kubernetes.io/name'], p.labels['app.kubernetes.io/component']]));
    expect(roles).toEqual({ gateway: 'api', console: 'web', identity: 'identity', dataset: 'dataset', metrology: 'metrology', inference: 'worker', training: 'worker', migrate: 'migration' });
  });

  it.each([
    [{}, 'microseg', 'microseg-'],
    [{}, 'lab', 'lab-microseg-'],
    [{ nameOverride: 'seg' }, 'lab', 'lab-seg-'],
    [{ fullnameOverride: 'imaging' }, 'lab', 'imaging-'],
  ])('names objects after the release, nameOverride and fullnameOverride (%j as %s), and every reference finds its object', (values, release, prefix) => {
    const manifests = helmTemplate(values, release);
    const own = manifests.filter((m) => !m.metadata.name.startsWith('microseg-') || prefix === 'microseg-');
    // The Secrets keep the names under secrets.names (the NATS subchart reads one by its fixed name).
    for (const manifest of own.filter((m) => m.kind !== 'Secret')) expect(`${manifest.metadata.name}-`, manifest.kind).toMatch(new RegExp(`^${prefix}`));
    const deployments = named(manifests, 'Deployment');
    const services = named(manifests, 'Service');
    for (const target of manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler' || m.kind === 'ScaledObject')) {
      expect(deployments, target.metadata.name).toContain((target.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
    }
    for (const p of pods(manifests)) {
      if (p.spec.serviceAccountName) expect(named(manifests, 'ServiceAccount')).toContain(p.spec.serviceAccountName);
      for (const container of containers(p)) {
        for (const source of container.envFrom ?? []) if (source.configMapRef) expect(named(manifests, 'ConfigMap')).toContain(source.configMapRef.name);
      }
    }
    const gatewayUrl = pod(manifests, `${prefix}console`).spec.containers[0]!.env!.find((e) => e.name === 'GATEWAY_URL')!.value!;
    expect(services).toContain(new URL(gatewayUrl).hostname);
    const ingress = helmTemplate({ ...values, gateway: { ingress: { enabled: true } } }, release).find((m) => m.kind === 'Ingress')!;
    const backends = JSON.stringify(ingress.spec).match(/"service":\{"name":"([^"]+)"/g)!.map((m) => m.split('"').at(-2)!);
    expect(backends).toEqual([`${prefix}gateway`, `${prefix}console`]);
    for (const backend of backends) expect(services).toContain(backend);
  });

  it('takes the chart-wide pod settings and each service’s own, merged as values.yaml says', () => {
    const toleration = (key: string) => ({ key, operator: 'Exists', effect: 'NoSchedule' });
    const affinity = (zone: string) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }] }] } } });
    const manifests = helmTemplate({
      imagePullSecrets: [{ name: 'registry-credentials' }],
      podAnnotations: { 'example.org/team': 'imaging', 'example.org/tier': 'standard' },
      nodeSelector: { pool: 'general' },
      tolerations: [toleration('dedicated')],
      affinity: affinity('a'),
      extraEnv: [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector:4318' }],
      resources: { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '4Gi', cpu: '3' } },
      services: {
        dataset: { podAnnotations: { 'example.org/tier': 'ingest' }, resources: { limits: { cpu: '6' } } },
        gateway: { extraEnv: [{ name: 'GATEWAY_EXTRA', valueFrom: { secretKeyRef: { name: 'extra', key: 'value' } } }] },
      },
      inference: { nodeSelector: { pool: 'inference' } },
      training: { tolerations: [toleration('training')] },
      console: { affinity: affinity('b') },
    });
    const all = pods(manifests);
    expect(all.map((p) => p.owner.metadata.name).sort()).toEqual(
      ['console', 'dataset', 'gateway', 'identity', 'inference', 'metrology', 'migrate', 'training'].map((s) => `microseg-${s}`),
    );
    for (const p of all) {
      const name = p.labels['app.kubernetes.io/name'];
      expect(p.spec.imagePullSecrets, name).toEqual([{ name: 'registry-credentials' }]);
      expect(p.annotations['example.org/team'], name).toBe('imaging');
      expect(p.annotations['example.org/tier'], name).toBe(name === 'dataset' ? 'ingest' : 'standard');
      expect(p.spec.nodeSelector, name).toEqual(
        name === 'inference' ? { pool: 'inference' } : name === 'training' ? { pool: 'general', 'nvidia.com/gpu.present': 'true' } : { pool: 'general' },
      );
      expect(p.spec.tolerations, name).toEqual(
        name === 'training'
          ? [toleration('dedicated'), toleration('training'), { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]
          : [toleration('dedicated')],
      );
      expect(p.spec.affinity, name).toEqual(affinity(name === 'console' ? 'b' : 'a'));
      for (const container of containers(p)) {
        const env = container.env!.map((e) => e.name);
        expect(env, container.name).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
        expect(env.includes('GATEWAY_EXTRA'), container.name).toBe(name === 'gateway');
        expect(container.resources!.requests!['ephemeral-storage'], container.name).toBe('1Gi');
        expect(container.resources!.limits!['ephemeral-storage'], container.name).toBe('4Gi');
      }
    }
    const cpuLimit = (name: string) => pod(manifests, `microseg-${name}`).spec.containers[0]!.resources!.limits!.cpu;
    // A service's own value wins over the chart-wide one; the chart-wide one is only a default for keys it lacks.
    expect([cpuLimit('dataset'), cpuLimit('gateway'), cpuLimit('inference')]).toEqual(['6', '1', '4']);
  });

  it.each([
    ['nameOverride', 'Not_A_Name'],
    ['imagePullSecrets', ['registry-credentials']],
    ['podAnnotations', 'team=imaging'],
    ['podAnnotations', { replicas: 2 }],
    ['nodeSelector', ['pool=general']],
    ['tolerations', { key: 'dedicated' }],
    ['affinity', 'zone-a'],
    ['extraEnv', [{ value: 'no name' }]],
    ['extraEnv', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' }],
    ['resources', { limits: { cpu: 'lots' } }],
    ['services', { dataset: { nodeSelector: { pool: 1 } } }],
    ['inference', { affinity: [] }],
    ['console', { extraEnv: 'A=1' }],
    ['monitoring', { enabled: 'yes' }],
    ['monitoring', { podMonitor: { interval: 30 } }],
  ])('refuses %s = %j through values.schema.json', (key, value) => {
    const result = helm(['template', 'microseg', 'CHART'], { [key]: value });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`/${key}`);
  });

  it('describes every value in values.schema.json', () => {
    const schema = JSON.parse(readFileSync(resolve(CHART, 'values.schema.json'), 'utf8')) as JsonObject;
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const { properties, items, additionalProperties, definitions } = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((properties ?? {}) as Record<string, JsonObject>)) {
        if (typeof child.description !== 'string' || child.description.length < 3) undescribed.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      visit(items, `${path}[]`);
      visit(additionalProperties, `${path}.*`);
      for (const [name, child] of Object.entries((definitions ?? {}) as Record<string, JsonObject>)) visit(child, `#${name}`);
      // if/then blocks (allOf) only constrain values declared above: nothing to describe there.
    };
    visit(schema, '');
    expect(undescribed).toEqual([]);
  });

  describe('monitoring (as k8s/components/monitoring)', () => {
    const manifests = helmTemplate({ monitoring: { enabled: true } }, 'lab');
    const find = (kind: string) => manifests.find((m) => m.kind === kind && m.metadata.name.startsWith('lab-microseg'))!;

    it('keeps files/ equal to the component’s alert rules and dashboard', () => {
      for (const file of ['alert-rules.yaml', 'microseg-dashboard.json']) {
        expect(readFileSync(resolve(CHART, 'files', file), 'utf8'), `copy k8s/components/monitoring/${file} to helm/microseg/files/`).toBe(
          readFileSync(resolve(MONITORING, file), 'utf8'),
        );
      }
    });

    it('scrapes every platform pod of the release on its probes port', () => {
      const monitor = find('PodMonitor');
      expect(monitor.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
      const { selector } = monitor.spec as { selector: { matchLabels: Record<string, string> } };
      const platform = pods(manifests).filter((p) => p.owner.kind === 'Deployment' && p.labels['app.kubernetes.io/name'] !== 'console');
      expect(platform.length).toBe(6);
      for (const p of platform) {
        expect(selects(selector, p.labels), p.owner.metadata.name).toBe(true);
        expect(p.spec.containers[0]!.ports!.map((port) => port.name), p.owner.metadata.name).toContain('probes');
      }
      expect(selects(selector, { ...platform[0]!.labels, 'app.kubernetes.io/instance': 'another' })).toBe(false);
      expect(monitor.spec).toMatchObject({ podMetricsEndpoints: [{ port: 'probes', path: '/metrics', interval: '30s' }] });
    });

    it('alerts with the component’s rules and ships its dashboard for the Grafana sidecar', () => {
      const component = parse(readFileSync(resolve(MONITORING, 'alert-rules.yaml'), 'utf8')) as { spec: unknown };
      expect(find('PrometheusRule').spec).toEqual(component.spec);
      const dashboard = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'lab-microseg-grafana-dashboard')!;
      expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
      expect((dashboard.data as Record<string, string>)['microseg-dashboard.json']).toBe(readFileSync(resolve(MONITORING, 'microseg-dashboard.json'), 'utf8'));
    });

    it('leaves out the rules or the dashboard when told', () => {
      const kinds = helmTemplate({ monitoring: { enabled: true, rules: { enabled: false }, dashboard: { enabled: false } } })
        .filter((m) => m.apiVersion.startsWith('monitoring.coreos.com') || m.metadata.name.endsWith('grafana-dashboard'))
        .map((m) => m.kind);
      expect(kinds).toEqual(['PodMonitor']);
    });
  });
});
