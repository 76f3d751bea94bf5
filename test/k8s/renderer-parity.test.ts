import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKustomization } from './kustomize/build-kustomization.ts';
import { manifestId } from './kustomize/manifest.ts';
import { OVERLAYS, ROOT, hasKubectl, kubectlKustomize } from './rendered-overlays.ts';

// The tests render with `kubectl kustomize` (the machine's, or the one the test dependencies ship);
// the built-in renderer behind `pnpm render:k8s` must produce exactly what it does.
describe.skipIf(!hasKubectl)('the built-in kustomize renderer', () => {
  it.each(OVERLAYS)('renders k8s/overlays/%s exactly as kubectl kustomize does', (overlay) => {
    const dir = resolve(ROOT, 'k8s', 'overlays', overlay);
    const byId = (manifests: ReturnType<typeof buildKustomization>) =>
      Object.fromEntries(manifests.map((manifest) => [manifestId(manifest), manifest]));
    expect(byId(buildKustomization(dir))).toEqual(byId(kubectlKustomize(dir)));
  });
});
