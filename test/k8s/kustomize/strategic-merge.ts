import { type JsonObject, isObject } from './manifest.ts';

/**
 * The merge keys of the Kubernetes lists MicroSeg's overlays patch (`x-kubernetes-patch-merge-key`
 * in the API schema). Other lists are replaced whole, as a strategic merge patch does for lists
 * without a merge key (tolerations, args, command).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};

function mergeList(field: string, target: unknown[], patch: unknown[]): unknown[] {
  const key = MERGE_KEYS[field];
  if (!key) return patch;
  const merged = [...target];
  for (const item of patch) {
    if (!isObject(item) || !(key in item)) throw new Error(`strategic merge: an item of ${field} lacks its merge key ${key}`);
    const at = merged.findIndex((existing) => isObject(existing) && existing[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (at >= 0) merged.splice(at, 1);
    } else if (at >= 0) {
      merged[at] = strategicMerge(merged[at] as JsonObject, item);
    } else {
      merged.push(item);
    }
  }
  return merged;
}

/**
 * A strategic merge patch, as kustomize applies one: maps merge recursively, `null` deletes a
 * field, lists with a merge key merge item by item (`$patch: delete` removes one), other lists
 * are replaced. Returns a new object; neither input changes.
 */
export function strategicMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [field, value] of Object.entries(patch)) {
    if (field === '$patch') continue;
    const current = result[field];
    if (value === null) {
      delete result[field];
    } else if (isObject(value) && isObject(current) && value['$patch'] !== 'replace') {
      result[field] = strategicMerge(current, value);
    } else if (Array.isArray(value) && Array.isArray(current)) {
      result[field] = mergeList(field, current, value);
    } else if (isObject(value)) {
      // A new field or `$patch: replace`: taken as written, less its null fields and directives.
      result[field] = strategicMerge({}, value);
    } else {
      result[field] = value;
    }
  }
  return result;
}
