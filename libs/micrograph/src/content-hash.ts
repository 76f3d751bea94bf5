import { createHash } from 'node:crypto';
import type { ClassDefinition } from './class-schema.ts';

/** What a dataset version freezes. Images are named by content (sha256), not by row id. */
export interface DatasetSnapshot {
  classes: readonly ClassDefinition[];
  images: readonly { sha256: string; name: string }[];
  masks: readonly { imageSha256: string; sha256: string; source: string }[];
  experiments: readonly { name: string; train: readonly string[]; val: readonly string[]; test: readonly string[] }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The content hash of a dataset version: sha256 over a canonical JSON form (every list sorted),
 * so the same images, masks, splits and classes hash the same whatever order they were added in
 * or whichever dataset holds them.
 */
export function datasetContentHash(snapshot: DatasetSnapshot): string {
  const canonical = {
    classes: [...snapshot.classes]
      .sort((a, b) => a.index - b.index)
      .map((c) => [c.index, c.name, c.color.toLowerCase()]),
    images: snapshot.images.map((i) => `${i.sha256} ${i.name}`).sort(byText),
    masks: snapshot.masks.map((m) => `${m.imageSha256} ${m.sha256} ${m.source}`).sort(byText),
    experiments: [...snapshot.experiments]
      .sort((a, b) => byText(a.name, b.name))
      .map((e) => [e.name, [...e.train].sort(byText), [...e.val].sort(byText), [...e.test].sort(byText)]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
