/**
 * `pnpm render:k8s dev|prod`: prints an overlay's manifests as one YAML stream, validated against
 * the Kubernetes API schemas: `kubectl kustomize k8s/overlays/<overlay>`, with the kubectl the test
 * dependencies ship (./k8s-tools.ts).
 * `pnpm render:k8s --check` validates every overlay and prints a summary.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { validateManifest } from './validate-manifest.ts';
import { type Overlay, render } from './rendered-overlays.ts';

const OVERLAYS_DIR = resolve(import.meta.dirname, '..', '..', 'k8s', 'overlays');
const overlays = readdirSync(OVERLAYS_DIR);
const argument = process.argv[2];

if (argument === '--check') {
  for (const overlay of overlays) {
    const manifests = render(overlay as Overlay);
    manifests.forEach(validateManifest);
    const kinds = new Map<string, number>();
    for (const manifest of manifests) kinds.set(manifest.kind, (kinds.get(manifest.kind) ?? 0) + 1);
    console.log(`${overlay}: ${manifests.length} valid manifests (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')})`);
  }
} else if (argument && overlays.includes(argument)) {
  const manifests = render(argument as Overlay);
  manifests.forEach(validateManifest);
  process.stdout.write(manifests.map((manifest) => stringify(manifest, { lineWidth: 0 })).join('---\n'));
} else {
  console.error(`usage: pnpm render:k8s ${overlays.join('|')}|--check`);
  process.exit(2);
}
