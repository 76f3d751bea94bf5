import type { OodCalibration } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import type { ArtifactManifest } from '@microseg/model-artifact';
import type { Segmentation, TiledSegmentationOptions } from '@microseg/tf-runtime/onnx';
import type { OodScoring } from './ood-scorer.ts';

/** What the cache needs of a registry version: its id (the key) and where its artifact lies. */
export interface CachedVersion {
  id: string;
  artifact: { bucket: string; prefix: string };
  /** The registry's summary of its out-of-distribution calibration (the file lies beside the artifact). */
  outOfDistribution?: OodCalibration | null;
}

export interface LoadedModel {
  manifest: ArtifactManifest;
  /** Segments an image with what runs the tiles: an ONNX Runtime session, or a tfjs model with its tile workers. */
  segment(options: TiledSegmentationOptions): Promise<Segmentation>;
  /** Recorded with each segmentation: `onnxruntime-cpu`, `onnxruntime-cuda`, or the tfjs backend (`wasm`, `tensorflow`, `cpu`). */
  backend: string;
  /** Memory it holds (weights in every copy, the session's working memory): the measure of the cache's bound. */
  bytes: number;
  /** Frees it all: the ONNX Runtime session and its thread, or the tfjs model and its tile workers. */
  dispose(): Promise<void>;
  /** The encoder and calibration that score each image's distance to the training data, or why there are none. */
  outOfDistribution?: OodScoring;
}

/** What the cache tells its observer (the service's metrics). */
export interface ModelCacheMetrics {
  /** A request for a version: a hit when it was loaded or loading, a miss when it starts a load. */
  lookup(hit: boolean): void;
  evicted(): void;
}

interface Entry {
  loading: Promise<LoadedModel>;
  loaded?: LoadedModel;
  users: number;
  lastUsed: number;
}

/**
 * Loaded models by version id, bounded by the memory they hold: past the bound the least recently
 * used model that no image is using is disposed (its session closed, its threads stopped). Concurrent requests for a version
 * share one load.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;

  constructor(
    private readonly load: (version: CachedVersion) => Promise<LoadedModel>,
    private readonly maxBytes: number,
    private readonly logger: Logger,
    private readonly metrics?: ModelCacheMetrics,
  ) {}

  /** Versions loaded or loading. */
  get size(): number {
    return this.entries.size;
  }

  /** Memory the loaded models hold (a model still loading counts once it is loaded). */
  get residentBytes(): number {
    return [...this.entries.values()].reduce((sum, entry) => sum + (entry.loaded?.bytes ?? 0), 0);
  }

  /** Runs `use` with the version's model; the model stays loaded at least until `use` ends. */
  async with<T>(version: CachedVersion, use: (loaded: LoadedModel) => Promise<T>): Promise<T> {
    const versionId = version.id;
    let entry = this.entries.get(versionId);
    this.metrics?.lookup(entry !== undefined);
    if (!entry) {
      const created: Entry = { loading: this.load(version), users: 0, lastUsed: 0 };
      created.loading.then(
        (loaded) => {
          created.loaded = loaded;
          this.evict();
        },
        () => this.entries.delete(versionId),
      );
      this.entries.set(versionId, created);
      entry = created;
    }
    entry.users++;
    entry.lastUsed = ++this.clock;
    try {
      return await use(await entry.loading);
    } finally {
      entry.users--;
      this.evict();
    }
  }

  async clear(): Promise<void> {
    const idle = [...this.entries].filter(([, entry]) => entry.loaded && entry.users === 0);
    await Promise.all(idle.map(([versionId, entry]) => this.dispose(versionId, entry.loaded!)));
  }

  private evict(): void {
    let total = this.residentBytes;
    const idle = [...this.entries.entries()].filter(([, e]) => e.loaded && e.users === 0).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [versionId, entry] of idle) {
      if (total <= this.maxBytes) return;
      total -= entry.loaded!.bytes;
      void this.dispose(versionId, entry.loaded!);
    }
  }

  private async dispose(versionId: string, loaded: LoadedModel): Promise<void> {
    this.entries.delete(versionId);
    this.metrics?.evicted();
    this.logger.info({ modelVersionId: versionId, bytes: loaded.bytes, backend: loaded.backend }, 'model evicted from the cache');
    await loaded.dispose().catch((error: unknown) => this.logger.warn({ err: error, modelVersionId: versionId }, 'model did not close cleanly'));
  }
}
