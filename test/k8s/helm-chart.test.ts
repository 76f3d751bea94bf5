import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { platformNatsUsers } from '@microseg/contracts';
import { passwordVariable } from './nats-authorization.ts';
import { ROOT } from './rendered-overlays.ts';

const CHART = resolve(ROOT, 'helm', 'microseg');
const read = (file: string) => readFileSync(resolve(CHART, file), 'utf8');
const defaults = parse(read('values.yaml')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(read('values.schema.json')) as object);
const templates = readdirSync(resolve(CHART, 'templates')).map((file) => ({ file, text: read(`templates/${file}`) }));

/** The defaults with one path changed (`undefined` removes it). */
function withValue(path: string, value: unknown): Record<string, unknown> {
  const values = structuredClone(defaults);
  const keys = path.split('.');
  let node = values;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return values;
}

function lookup(values: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}

describe('helm/microseg values', () => {
  it('validates the default values against values.schema.json', () => {
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['gpu.count', 0],
    ['gpu.count', '1'],
    ['image.tag', 'latest'],
    ['training.terminationGracePeriodSeconds', 60],
    ['nats.config.jetstream.merge.sync_interval', '2m'],
    ['services.gateway.resources.limits', undefined],
    ['gpu.tolerations', [{ key: 'nvidia.com/gpu', operator: 'Sometimes' }]],
    ['secrets.platformAdminSecret', 'short'],
    ['imageTag', '0.1.0'],
    ['console.resources.limits', undefined],
    ['console.replicas', 0],
    ['console.service.type', 'Ingress'],
  ])('refuses %s = %j', (path, value) => {
    expect(validate(withValue(path, value))).toBe(false);
  });

  it('requires the external datastore settings when a subchart is switched off', () => {
    expect(validate(withValue('postgresql.enabled', false))).toBe(false);
    const external = withValue('postgresql.enabled', false);
    (external.externalDatabase as Record<string, string>).url = 'postgres://microseg:secret@db.example.org:5432/microseg';
    expect(validate(external), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withValue('minio.enabled', false))).toBe(false);
    expect(validate(withValue('nats.enabled', false))).toBe(false);
  });

  it('makes every dependency switchable by its <name>.enabled value', () => {
    const chart = parse(read('Chart.yaml')) as { dependencies: { name: string; version: string; condition: string }[] };
    expect(chart.dependencies.map((d) => d.name).sort()).toEqual(['minio', 'nats', 'postgresql']);
    for (const dependency of chart.dependencies) {
      expect(dependency.condition).toBe(`${dependency.name}.enabled`);
      expect(dependency.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lookup(defaults, [dependency.name, 'enabled'])).toBe(true);
    }
  });
});

describe('helm/microseg templates', () => {
  it('balance their template delimiters and blocks', () => {
    for (const { file, text } of templates) {
      expect(text.split('{{').length, file).toBe(text.split('}}').length);
      const opened = (text.match(/\{\{-?\s*(if|range|with|define)\b/g) ?? []).length;
      const closed = (text.match(/\{\{-?\s*end\s*-?\}\}/g) ?? []).length;
      expect(closed, file).toBe(opened);
    }
  });

  it('read only values that values.yaml defines', () => {
    for (const { file, text } of templates) {
      for (const [, path] of text.matchAll(/\$?\.Values((?:\.\w+)+)/g)) {
        expect(lookup(defaults, path!.slice(1).split('.')), `${file}: .Values${path}`).not.toBeUndefined();
      }
    }
  });

  it('migrate in a pre-install/pre-upgrade hook that runs each service with MIGRATE_ONLY=1', () => {
    const job = templates.find((t) => t.file === 'migrate-job.yaml')!.text;
    expect(job).toMatch(/helm\.sh\/hook: .*pre-install.*,pre-upgrade/);
    expect(job).toContain('name: MIGRATE_ONLY\n              value: "1"');
    expect(job).toContain('list "identity" "dataset" "training" "inference" "metrology"');
  });

  it('scale the workers on the JetStream consumers the services use, and give training its GPUs', () => {
    const workers = templates.find((t) => t.file === 'workers.yaml')!.text;
    expect(workers).toContain('type: nats-jetstream');
    expect(workers).toContain('"MICROSEG_TRAINING_JOBS" "MICROSEG_INFERENCE_JOBS"');
    expect(workers).toContain('consumer: {{ $name }}-workers');
    expect(workers).toMatch(/dict \.Values\.gpu\.resourceName \.Values\.gpu\.count/);
    expect(templates.find((t) => t.file === '_helpers.tpl')!.text).toMatch(/runtimeClassName: \{\{ \. \}\}/);
  });

  it('open the probe and metrics ports to the pod network (services bind loopback unless HTTP_HOST says otherwise)', () => {
    const config = templates.find((t) => t.file === 'config.yaml')!.text;
    expect(config).toMatch(/^\s+HTTP_HOST: "0\.0\.0\.0"$/m);
    expect(templates.find((t) => t.file === 'services.yaml')!.text).toContain('GATEWAY_TRUST_PROXY\\n  value: uniquelocal');
  });

  it('configure the NATS subchart with the users and permissions the platform declares, passwords from the Secret', () => {
    const nats = defaults['nats'] as { config: { merge: { authorization: { users: unknown[] } } }; container: { env: Record<string, unknown> } };
    const declared = Object.entries(platformNatsUsers()).map(([user, permissions]) => ({
      user,
      password: `<< $${passwordVariable(user)} >>`,
      ...(permissions ? { permissions } : {}),
    }));
    expect(nats.config.merge.authorization.users).toEqual(declared);
    for (const user of Object.keys(platformNatsUsers())) {
      expect(nats.container.env[passwordVariable(user)]).toEqual({ valueFrom: { secretKeyRef: { name: 'microseg-nats', key: user } } });
    }
    expect(lookup(defaults, ['secrets', 'names', 'nats'])).toBe('microseg-nats');
  });

  it('run every service and migration as its own NATS user with the principal signing key', () => {
    const text = (file: string) => templates.find((t) => t.file === file)!.text;
    expect(text('_deployment.tpl')).toContain('include "microseg.callerEnv" (dict "root" $root "name" .name)');
    expect(text('migrate-job.yaml')).toContain('include "microseg.callerEnv" (dict "root" $root "name" $name)');
    expect(text('_helpers.tpl')).toContain('- name: NATS_USER\n  value: {{ .name }}');
    expect(text('secrets.yaml')).toContain('PRINCIPAL_SIGNING_KEY: {{ $key | quote }}');
  });

  it('serve the web console from its own image, forwarding to the gateway Service, at / of the Ingress, reaching only the gateway', () => {
    const text = (file: string) => templates.find((t) => t.file === file)!.text;
    const console = text('console.yaml');
    expect(console).toContain('{{- if .Values.console.enabled }}');
    expect(console).toContain('include "microseg.image" (dict "root" . "name" "console")');
    expect(console).toContain('value: http://{{ $fullname }}-gateway:{{ .Values.gateway.service.port }}');
    expect(console).toContain('httpGet: { path: /healthz, port: http }');
    expect(console).not.toMatch(/secretKeyRef|NATS_|DATABASE_URL|S3_/);
    const policy = console.slice(console.indexOf('kind: NetworkPolicy'));
    expect(policy.match(/port: (\d+)/g)).toEqual(['port: 4100', 'port: 53', 'port: 53', 'port: 4000']);
    expect(text('services.yaml')).toMatch(/\{\{- if \$\.Values\.console\.enabled \}\}[\s\S]*- path: \/\n[\s\S]*name: \{\{ include "microseg\.fullname" \$ \}\}-console/);
  });

  it('tell in NOTES.txt how to get the first API key', () => {
    const notes = templates.find((t) => t.file === 'NOTES.txt')!.text;
    expect(notes).toContain('microseg admin bootstrap');
    expect(notes).toContain('PLATFORM_ADMIN_SECRET');
  });
});
