import { describe, expect, it } from 'vitest';
import { OVERLAYS, find, render } from './rendered-overlays.ts';

interface IngressRule {
  host: string;
  http: { paths: { path: string; backend: { service: { name: string; port: { name?: string; number?: number } } } }[] };
}

describe.each(OVERLAYS)('the object store from outside under k8s/overlays/%s', (overlay) => {
  const manifests = render(overlay);

  it('exposes the host presigned URLs are signed for (S3_PUBLIC_ENDPOINT) on an Ingress to the store', () => {
    const config = find(manifests, 'ConfigMap', 'microseg-config').data as Record<string, string>;
    const publicEndpoint = new URL(config['S3_PUBLIC_ENDPOINT']!);
    expect(publicEndpoint.pathname).toBe('/');
    const rules = manifests.filter((m) => m.kind === 'Ingress').flatMap((m) => (m.spec as { rules: IngressRule[] }).rules);
    const objects = rules.find((rule) => rule.host === publicEndpoint.hostname);
    expect(objects, `an Ingress rule for ${publicEndpoint.hostname}`).toBeDefined();
    const [path] = objects!.http.paths;
    expect(path!.path).toBe('/');
    // The backend is the store the services use, in the cluster (dev) or outside it (prod).
    expect(manifests.some((m) => m.kind === 'Service' && m.metadata.name === path!.backend.service.name)).toBe(true);
    expect(rules.some((rule) => rule.http.paths.some((p) => p.path === '/graphql'))).toBe(true);
  });
});
