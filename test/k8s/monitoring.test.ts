import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, find, render, selects, workloads } from './rendered-overlays.ts';

const MONITORING = resolve(ROOT, 'k8s', 'components', 'monitoring');

/** Every `microseg_*` metric the code defines (prom-client `name:` fields and messaging's queueGauge names). */
function definedMetrics(): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'generated') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/(?:name: |queueGauge\(\s*)'(microseg_[a-z_]+)'/g)) names.add(match[1]!);
      }
    }
  };
  visit(resolve(ROOT, 'libs'));
  visit(resolve(ROOT, 'services'));
  return names;
}

/** The metric names a PromQL text uses, without the histogram series suffixes. */
const usedMetrics = (text: string) => [...new Set([...text.matchAll(/\bmicroseg_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')))];

describe('monitoring (k8s/components/monitoring, in the prod overlay)', () => {
  const manifests = render('prod');

  it('scrapes every platform pod on its probes port', () => {
    const monitor = find(manifests, 'PodMonitor', 'microseg');
    const { selector } = monitor.spec as { selector: { matchLabels: Record<string, string> } };
    const platform = workloads(manifests).filter((w) => w.labels['microseg.io/tier'] === 'app');
    expect(platform.length).toBeGreaterThanOrEqual(6);
    for (const workload of platform) expect(selects(selector, workload.labels), workload.manifest.metadata.name).toBe(true);
    expect(monitor.spec).toMatchObject({ podMetricsEndpoints: [{ port: 'probes', path: '/metrics' }] });
  });

  it('alerts and charts only on metrics the services define', () => {
    const defined = definedMetrics();
    const rules = JSON.stringify(find(manifests, 'PrometheusRule', 'microseg').spec);
    const dashboard = readFileSync(join(MONITORING, 'microseg-dashboard.json'), 'utf8');
    for (const name of [...usedMetrics(rules), ...usedMetrics(dashboard)]) expect(defined, name).toContain(name);
    for (const alert of ['MicroSegQueueBehind', 'MicroSegJobsDeadLettered', 'MicroSegGraphqlErrorRate']) expect(rules).toContain(alert);
  });

  it('ships the Grafana dashboard as a ConfigMap the Grafana sidecar picks up, with queue age and inference time', () => {
    const configMap = find(manifests, 'ConfigMap', 'microseg-grafana-dashboard');
    expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    const dashboard = JSON.parse((configMap.data as Record<string, string>)['microseg-dashboard.json']!) as { panels: { title: string }[] };
    const titles = dashboard.panels.map((panel) => panel.title);
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/Queue age/), expect.stringMatching(/Inference time per image/)]));
  });

  it('charts inference time per tile and image, the model cache, uploads and webhooks', () => {
    const charted = usedMetrics(readFileSync(join(MONITORING, 'microseg-dashboard.json'), 'utf8'));
    expect(charted).toEqual(
      expect.arrayContaining([
        'microseg_inference_tile_seconds',
        'microseg_inference_image_seconds',
        'microseg_model_cache_requests_total',
        'microseg_model_cache_evictions_total',
        'microseg_model_cache_resident_bytes',
        'microseg_upload_bytes',
        'microseg_upload_refusals_total',
        'microseg_webhook_attempts_total',
        'microseg_webhook_attempt_seconds',
      ]),
    );
  });
});
