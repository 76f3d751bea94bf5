import type { Logger } from '@microseg/logging';
import type { ArtifactManifest, OnnxRunner } from '@microseg/model-artifact';
import type { TileWorkerPool } from '@microseg/tf-runtime';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** What the cache needs of a registry version: its id (the key) and where its artifact lies. */
export interface CachedVersion {
  id: string;
  artifact: { bucket: string; prefix: string };
}

export interface LoadedModel {
  /** A tfjs model, or an ONNX Runtime session for a version that holds ONNX weights only (an imported package). */
  model: LayersModel | OnnxRunner;
  manifest: ArtifactManifest;
  /** Worker threads holding this model, when its tiles run off the service's thread. */
  pool?: TileWorkerPool;
  /** float32 weights (in this thread and each worker): the measure of the cache's bound. */
  bytes: number;
}

interface Entry {
  loading: Promise<LoadedModel>;
  loaded?: LoadedModel;
  users: number;
  lastUsed: number;
}

/**
 * Loaded models by version id, bounded by the bytes of their weights: past the bound the least
 * recently used model that no image is using is disposed. Concurrent requests for a version
 * share one load.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;

  constructor(
    private readonly load: (version: CachedVersion) => Promise<LoadedModel>,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Runs `use` with the version's model; the model stays loaded at least until `use` ends. */
  async with<T>(version: CachedVersion, use: (loaded: LoadedModel) => Promise<T>): Promise<T> {
    const versionId = version.id;
    let entry = this.entries.get(versionId);
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

  clear(): void {
    for (const [versionId, entry] of this.entries) if (entry.loaded && entry.users === 0) this.dispose(versionId, entry.loaded);
  }

  private evict(): void {
    let total = [...this.entries.values()].reduce((sum, e) => sum + (e.loaded?.bytes ?? 0), 0);
    const idle = [...this.entries.entries()].filter(([, e]) => e.loaded && e.users === 0).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [versionId, entry] of idle) {
      if (total <= this.maxBytes) return;
      total -= entry.loaded!.bytes;
      this.dispose(versionId, entry.loaded!);
    }
  }

  private dispose(versionId: string, loaded: LoadedModel): void {
    this.entries.delete(versionId);
    if ('release' in loaded.model) loaded.model.release().catch((error: unknown) => this.logger.warn({ err: error, modelVersionId: versionId }, 'ONNX session did not close cleanly'));
    else loaded.model.dispose();
    loaded.pool?.close().catch((error: unknown) => this.logger.warn({ err: error, modelVersionId: versionId }, 'tile workers did not close cleanly'));
    this.logger.info({ modelVersionId: versionId, bytes: loaded.bytes }, 'model evicted from the cache');
  }
}
