/** A Kubernetes object as read from YAML: only the fields every object has are typed. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asManifest(value: unknown, source: string): Manifest {
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    throw new Error(`${source}: not a Kubernetes object (apiVersion and kind are required)`);
  }
  const metadata = value.metadata;
  if (!isObject(metadata) || typeof metadata.name !== 'string') throw new Error(`${source}: ${value.kind} without metadata.name`);
  return value as Manifest;
}

/** The pod template of a workload, or undefined for other kinds. */
export function podTemplateOf(manifest: Manifest): { metadata?: JsonObject; spec: JsonObject } | undefined {
  const spec = manifest.spec;
  if (!isObject(spec)) return undefined;
  const template = manifest.kind === 'CronJob' && isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  if (!isObject(template) || !isObject(template.spec)) return undefined;
  return template as { metadata?: JsonObject; spec: JsonObject };
}
