import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ModelCacheMetrics } from './model-cache.ts';

/** What a segmentation is timed by: the engine it ran on (`onnxruntime-cpu`, `wasm`...) and the model version. */
export interface InferenceLabels {
  engine: string;
  modelVersion: string;
}

/**
 * How fast images are segmented, per engine and model version, and what the model cache holds:
 * the numbers an operator sizes inference pods and INFERENCE_MODEL_CACHE_MB by.
 */
export class InferenceMetrics implements ModelCacheMetrics {
  private readonly tileSeconds: Histogram<'engine' | 'model_version'>;
  private readonly imageSeconds: Histogram<'engine' | 'model_version'>;
  private readonly cacheRequests: Counter<'result'>;
  private readonly cacheEvictions: Counter;

  /** `cache` is read at scrape time (the cache itself reports to this object, so it is made after it). */
  constructor(registry: Registry, cache: () => { residentBytes: number; size: number }) {
    this.tileSeconds = new Histogram({
      name: 'microseg_inference_tile_seconds',
      help: 'Forward-pass time per tile (a batch of tiles counts its time over its tiles), by engine and model version',
      labelNames: ['engine', 'model_version'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.imageSeconds = new Histogram({
      name: 'microseg_inference_image_seconds',
      help: 'Time to segment one image (all its tiles, stitched), by engine and model version',
      labelNames: ['engine', 'model_version'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    });
    this.cacheRequests = new Counter({
      name: 'microseg_model_cache_requests_total',
      help: 'Model cache look-ups by result: hit (the model was loaded or loading), miss (it had to be loaded)',
      labelNames: ['result'] as const,
      registers: [registry],
    });
    this.cacheEvictions = new Counter({
      name: 'microseg_model_cache_evictions_total',
      help: 'Models disposed to keep the cache within INFERENCE_MODEL_CACHE_MB (and on shutdown)',
      registers: [registry],
    });
    new Gauge({
      name: 'microseg_model_cache_resident_bytes',
      help: 'Memory the loaded models hold (weights in every copy, the sessions working memory): what INFERENCE_MODEL_CACHE_MB bounds',
      registers: [registry],
      collect() {
        this.set(cache().residentBytes);
      },
    });
    new Gauge({
      name: 'microseg_model_cache_models',
      help: 'Model versions loaded or loading',
      registers: [registry],
      collect() {
        this.set(cache().size);
      },
    });
  }

  lookup(hit: boolean): void {
    this.cacheRequests.inc({ result: hit ? 'hit' : 'miss' });
  }

  evicted(): void {
    this.cacheEvictions.inc();
  }

  /** One forward pass of `tiles` tiles: each tile is observed with its share of the time. */
  batch(labels: InferenceLabels, tiles: number, seconds: number): void {
    const histogram = this.tileSeconds.labels({ engine: labels.engine, model_version: labels.modelVersion });
    for (let i = 0; i < tiles; i++) histogram.observe(seconds / tiles);
  }

  image(labels: InferenceLabels, seconds: number): void {
    this.imageSeconds.observe({ engine: labels.engine, model_version: labels.modelVersion }, seconds);
  }
}
