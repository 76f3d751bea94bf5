import { describe, expect, it } from 'vitest';
import { validateManifest } from './validate-manifest.ts';
import { OVERLAYS, type Workload, allContainers, find, render, selects, workloads } from './rendered-overlays.ts';

const PLATFORM_SERVICES = ['gateway', 'identity', 'dataset', 'metrology', 'inference', 'training'];
const isPlatform = (w: Workload) => w.labels['microseg.io/tier'] === 'app';

/** Container fields the manifests may use: a typo (`readinesProbe`) would otherwise pass the schema. */
const CONTAINER_FIELDS = new Set([
  'name', 'image', 'args', 'command', 'env', 'envFrom', 'ports', 'readinessProbe', 'livenessProbe',
  'startupProbe', 'lifecycle', 'resources', 'securityContext', 'volumeMounts', 'workingDir',
]);

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  const manifests = render(overlay);
  const all = workloads(manifests);
  const platform = all.filter(isPlatform);

  it('renders manifests that are valid against the Kubernetes API schemas, all in the microseg namespace', () => {
    expect(manifests.length).toBeGreaterThan(25);
    for (const manifest of manifests) validateManifest(manifest);
    for (const manifest of manifests.filter((m) => m.kind !== 'Namespace')) expect(manifest.metadata.namespace, manifest.metadata.name).toBe('microseg');
    for (const { pod } of all) {
      for (const container of allContainers(pod)) {
        expect(Object.keys(container).filter((field) => !CONTAINER_FIELDS.has(field)), container.name).toEqual([]);
      }
    }
  });

  it('runs every platform service, the migration Job and NATS', () => {
    const names = all.map((w) => `${w.manifest.kind}/${w.manifest.metadata.name}`);
    for (const service of PLATFORM_SERVICES) expect(names).toContain(`Deployment/${service}`);
    expect(names).toContain('Job/microseg-migrate');
    expect(names).toContain('StatefulSet/nats');
  });

  it('serves the web console as its own Deployment, forwarding /graphql to the gateway Service', () => {
    const workload = workloads([find(manifests, 'Deployment', 'console')])[0]!;
    const [container] = workload.pod.containers;
    const env = Object.fromEntries((container!.env ?? []).map((e) => [e.name, e.value]));
    const gateway = find(manifests, 'Service', 'gateway').spec as { ports: { name: string; port: number }[] };
    expect(env['GATEWAY_URL']).toBe(`http://gateway${gateway.ports[0]!.port === 80 ? '' : `:${gateway.ports[0]!.port}`}`);
    expect(env['CONSOLE_HOST']).toBe('0.0.0.0');
    expect(container!.ports).toEqual([{ name: 'http', containerPort: Number(env['CONSOLE_PORT']) }]);
    for (const probe of [container!.startupProbe, container!.readinessProbe, container!.livenessProbe]) expect(probe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container!.image).toMatch(/microseg\/console:/);
    const service = find(manifests, 'Service', 'console').spec as { selector: Record<string, string>; ports: { targetPort: string }[] };
    expect(selects({ matchLabels: service.selector }, workload.labels)).toBe(true);
    expect(service.ports[0]!.targetPort).toBe('http');
    // No secret and no NATS or datastore settings: the console holds nothing but files.
    expect(container!.env?.some((e) => e.valueFrom?.secretKeyRef)).toBe(false);
    expect(container!.envFrom).toBeUndefined();
    if (overlay === 'prod') {
      const rules = (find(manifests, 'Ingress', 'gateway').spec as { rules: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }[] }).rules;
      const paths = Object.fromEntries(rules[0]!.http.paths.map((p) => [p.path, p.backend.service.name]));
      expect(paths).toEqual({ '/graphql': 'gateway', '/': 'console' });
    }
  });

  it('pins every image to a tag, never latest', () => {
    for (const { pod } of all) {
      for (const { image } of allContainers(pod)) expect(image).toMatch(/^[^:]+(:[^:]+)?:(?!latest$)[\w.-]+$/);
    }
  });

  it('probes readiness on /readyz and liveness on /healthz in every service container', () => {
    for (const { manifest, pod } of platform.filter((w) => w.manifest.kind === 'Deployment')) {
      for (const container of pod.containers) {
        const probes = container.ports?.find((port) => port.name === 'probes');
        expect(probes?.containerPort, manifest.metadata.name).toBe(9090);
        expect(container.readinessProbe?.httpGet, manifest.metadata.name).toEqual({ path: '/readyz', port: 'probes' });
        expect(container.livenessProbe?.httpGet, manifest.metadata.name).toEqual({ path: '/healthz', port: 'probes' });
        expect(container.startupProbe, manifest.metadata.name).toBeDefined();
      }
    }
    for (const { manifest, pod } of all.filter((w) => !isPlatform(w) && w.manifest.kind !== 'Job')) {
      for (const container of pod.containers) {
        expect(container.readinessProbe, manifest.metadata.name).toBeDefined();
        expect(container.livenessProbe, manifest.metadata.name).toBeDefined();
      }
    }
  });

  it('gives every container CPU and memory requests and limits', () => {
    for (const { pod } of all) {
      for (const { name, resources } of allContainers(pod)) {
        for (const bound of ['requests', 'limits'] as const) {
          expect(Object.keys(resources?.[bound] ?? {}), `${name} ${bound}`).toEqual(expect.arrayContaining(['cpu', 'memory']));
        }
      }
    }
  });

  it('runs every pod as a non-root user with a read-only root file system and no capabilities', () => {
    for (const { manifest, pod } of all) {
      expect(pod.securityContext?.runAsNonRoot, manifest.metadata.name).toBe(true);
      expect(pod.securityContext?.runAsUser, manifest.metadata.name).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile, manifest.metadata.name).toEqual({ type: 'RuntimeDefault' });
      for (const container of allContainers(pod)) {
        expect(container.securityContext, container.name).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  it('gives the Node services a writable /tmp (tsx compile cache) on an emptyDir', () => {
    for (const { manifest, pod } of platform) {
      for (const container of allContainers(pod)) {
        const mount = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(mount, `${manifest.metadata.name}/${container.name}`).toBeDefined();
        expect(pod.volumes?.find((v) => v.name === mount?.name)?.emptyDir).toBeDefined();
      }
    }
  });

  it('lets workers finish their longest message before they are killed', () => {
    const grace = (name: string) => find(manifests, 'Deployment', name).spec as { template: { spec: { terminationGracePeriodSeconds: number } } };
    // Training: the longest epoch (10 min) + checkpoint upload and hand-back.
    expect(grace('training').template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(900);
    // Inference: one image's tiled inference on CPU (< 4 min).
    expect(grace('inference').template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
    // Everything else: above the services' 30 s drain deadline.
    for (const name of ['gateway', 'identity', 'dataset', 'metrology']) {
      expect(grace(name).template.spec.terminationGracePeriodSeconds, name).toBeGreaterThanOrEqual(30);
    }
  });

  it('gives the GPU-bound workers 30 minutes of start-up for the warm-up before liveness applies', () => {
    for (const name of ['training', 'inference']) {
      const [container] = workloads([find(manifests, 'Deployment', name)])[0]!.pod.containers;
      const startup = container!.startupProbe!;
      expect(startup.httpGet?.path).toBe('/readyz');
      expect((startup.periodSeconds ?? 10) * (startup.failureThreshold ?? 3)).toBeGreaterThanOrEqual(1800);
    }
  });

  it('covers every multi-pod workload with a PodDisruptionBudget that selects its pods', () => {
    const budgets = manifests.filter((m) => m.kind === 'PodDisruptionBudget');
    const names = [...PLATFORM_SERVICES, 'nats', 'console'];
    for (const name of names) {
      const workload = all.find((w) => w.manifest.metadata.name === name)!;
      const matching = budgets.filter((b) => selects((b.spec as { selector: { matchLabels: Record<string, string> } }).selector, workload.labels));
      expect(matching.length, name).toBe(1);
    }
  });

  it('autoscales the gateway on CPU', () => {
    const hpa = find(manifests, 'HorizontalPodAutoscaler', 'gateway').spec as {
      scaleTargetRef: { kind: string; name: string };
      minReplicas: number;
      metrics: { resource: { name: string } }[];
    };
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gateway' });
    expect(hpa.metrics.map((m) => m.resource.name)).toEqual(['cpu']);
  });

  it('scales training and inference workers on their JetStream consumer lag (KEDA), through the headless NATS service', () => {
    const nats = find(manifests, 'StatefulSet', 'nats').spec as { serviceName: string };
    const headless = find(manifests, 'Service', nats.serviceName).spec as { clusterIP: string; ports: { port: number }[] };
    expect(headless.clusterIP).toBe('None');
    expect(headless.ports.map((p) => p.port)).toContain(8222);
    const expected = {
      training: { stream: 'MICROSEG_TRAINING_JOBS', consumer: 'training-workers', lagThreshold: '1' },
      inference: { stream: 'MICROSEG_INFERENCE_JOBS', consumer: 'inference-workers' },
    };
    for (const [name, trigger] of Object.entries(expected)) {
      const scaled = find(manifests, 'ScaledObject', name).spec as {
        scaleTargetRef: { name: string };
        triggers: { type: string; metadata: Record<string, string> }[];
      };
      find(manifests, 'Deployment', scaled.scaleTargetRef.name);
      expect(scaled.triggers).toHaveLength(1);
      expect(scaled.triggers[0]!.type).toBe('nats-jetstream');
      expect(scaled.triggers[0]!.metadata).toMatchObject({
        ...trigger,
        account: '$G',
        natsServerMonitoringEndpoint: `${nats.serviceName}.microseg.svc.cluster.local:8222`,
      });
    }
    // A Deployment under KEDA or an HPA leaves replicas to it (an apply would otherwise reset them).
    for (const name of ['gateway', 'training', 'inference']) expect((find(manifests, 'Deployment', name).spec as { replicas?: number }).replicas).toBeUndefined();
  });

  it('runs NATS JetStream as 3 servers on file storage, fsyncing every write', () => {
    const nats = find(manifests, 'StatefulSet', 'nats').spec as { replicas: number; volumeClaimTemplates: { metadata: { name: string } }[] };
    expect(nats.replicas).toBe(3);
    const config = (find(manifests, 'ConfigMap', 'nats-config').data as Record<string, string>)['nats.conf']!;
    expect(config).toMatch(/^\s*sync_interval:\s*always\s*$/m);
    expect(config).toMatch(/store_dir:\s*\/data\//);
    expect(nats.volumeClaimTemplates.map((v) => v.metadata.name)).toEqual(['data']);
    const routes = config.match(/nats:\/\/nats-\d\.nats-headless:6222/g) ?? [];
    expect(routes).toHaveLength(nats.replicas);
  });

  it('migrates every service with a database in a Job, with MIGRATE_ONLY=1', () => {
    const job = workloads([find(manifests, 'Job', 'microseg-migrate')])[0]!;
    const migrated = allContainers(job.pod).map((c) => {
      expect(c.env).toContainEqual({ name: 'MIGRATE_ONLY', value: '1' });
      return c.name.replace(/^migrate-/, '');
    });
    const withDatabase = platform
      .filter((w) => w.manifest.kind === 'Deployment' && w.pod.containers.some((c) => c.env?.some((e) => e.name === 'DATABASE_URL')))
      .map((w) => w.manifest.metadata.name);
    expect(migrated.sort()).toEqual(withDatabase.sort());
  });

  it('opens the probe and metrics ports to kubelet and Prometheus, which services bind to loopback unless told', () => {
    const config = find(manifests, 'ConfigMap', 'microseg-config').data as Record<string, string>;
    expect(config['HTTP_HOST']).toBe('0.0.0.0');
    // and counts anonymous callers by the address the ingress controller forwards, not by the controller's own.
    const gateway = workloads([find(manifests, 'Deployment', 'gateway')])[0]!.pod.containers[0]!;
    expect(gateway.env?.find((e) => e.name === 'GATEWAY_TRUST_PROXY')?.value).toBe('uniquelocal');
    for (const { manifest, pod } of platform.filter((w) => w.manifest.kind === 'Deployment')) {
      for (const container of pod.containers) {
        expect(container.envFrom?.some((from) => from.configMapRef?.name === 'microseg-config'), manifest.metadata.name).toBe(true);
      }
    }
  });

  it('references only the documented Secrets and ConfigMaps', () => {
    const secretKeys = new Map<string, Set<string>>();
    for (const { pod } of all) {
      for (const container of allContainers(pod)) {
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          if (ref) secretKeys.set(ref.name, (secretKeys.get(ref.name) ?? new Set()).add(ref.key));
        }
        for (const from of container.envFrom ?? []) {
          if (from.configMapRef) find(manifests, 'ConfigMap', from.configMapRef.name);
        }
      }
    }
    expect([...secretKeys.keys()].sort()).toEqual(['microseg-database', 'microseg-nats', 'microseg-platform-admin', 'microseg-principal-signing-key', 'microseg-s3']);
    const secrets = manifests.filter((m) => m.kind === 'Secret');
    if (overlay === 'prod') {
      // External credentials: created by the operator, never rendered into the manifests.
      expect(secrets).toEqual([]);
    } else {
      for (const [name, keys] of secretKeys) {
        const data = find(manifests, 'Secret', name).stringData as Record<string, string>;
        for (const key of keys) expect(data[key], `${name}.${key}`).toBeTruthy();
      }
    }
  });
});

describe('GPU scheduling', () => {
  const training = (overlay: (typeof OVERLAYS)[number]) => workloads([find(render(overlay), 'Deployment', 'training')])[0]!.pod;

  it('gives each production training worker one GPU on the GPU nodes, with the GPU image', () => {
    const pod = training('prod');
    const [container] = pod.containers;
    expect(container!.resources?.requests?.['nvidia.com/gpu']).toBe(1);
    expect(container!.resources?.limits?.['nvidia.com/gpu']).toBe(1);
    expect(container!.image).toMatch(/\/training-gpu:/);
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(pod.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
    expect(pod.runtimeClassName).toBe('nvidia');
  });

  it('trains on CPU in the dev overlay, where kind has no GPU', () => {
    const pod = training('dev');
    const [container] = pod.containers;
    expect(container!.resources?.limits?.['nvidia.com/gpu']).toBeUndefined();
    expect(container!.resources?.requests?.['nvidia.com/gpu']).toBeUndefined();
    expect(container!.image).toBe('microseg/training:dev');
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.tolerations).toBeUndefined();
  });
});
