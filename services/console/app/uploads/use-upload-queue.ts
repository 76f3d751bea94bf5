import { useClient } from '@urql/preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import type { PlannedUpload } from './plan-uploads.ts';
import { type UploadProgress, uploadImage } from './upload-image.ts';
import { type UploadProblem, problemOf } from './upload-problem.ts';

export type UploadItem = {
  key: number;
  /** The dropped path of the image (or of the file that is not uploaded). */
  path: string;
  maskPath: string | null;
} & (
  | { state: 'waiting' }
  | { state: 'working'; progress: UploadProgress }
  | { state: 'done'; imageId: string; deduplicated: boolean }
  | { state: 'failed'; problem: UploadProblem }
  | { state: 'refused'; why: string }
);

/** Two at a time: the browser hashes one file while it sends the other, and the platform decodes one at a time per upload anyway. */
const AT_ONCE = 2;

/** The upload list of a dataset page: rows in the order dropped, each moving on by itself. */
export function useUploadQueue(datasetId: string) {
  const client = useClient();
  const items = useRef<UploadItem[]>([]);
  const work = useRef(new Map<number, { name: string; image: File; mask: File | null }>());
  const running = useRef(0);
  const nextKey = useRef(0);
  const [, rerender] = useState(0);

  const set = useCallback((key: number, patch: Partial<UploadItem>) => {
    items.current = items.current.map((item) => (item.key === key ? ({ ...item, ...patch } as UploadItem) : item));
    rerender((n) => n + 1);
  }, []);

  const pump = useCallback(() => {
    while (running.current < AT_ONCE) {
      const next = items.current.find((item) => item.state === 'waiting');
      const job = next && work.current.get(next.key);
      if (!next || !job) return;
      running.current++;
      work.current.delete(next.key);
      set(next.key, { state: 'working', progress: { phase: 'checking', doneBytes: 0, totalBytes: 1 } });
      uploadImage(client, datasetId, job, (progress) => set(next.key, { state: 'working', progress }))
        .then(({ imageId, deduplicated }) => set(next.key, { state: 'done', imageId, deduplicated }))
        .catch((error: unknown) => set(next.key, { state: 'failed', problem: problemOf(error) }))
        .finally(() => {
          running.current--;
          pump();
        });
    }
  }, [client, datasetId, set]);

  const add = useCallback(
    (planned: PlannedUpload[]) => {
      const added = planned.map((row): UploadItem => {
        const key = nextKey.current++;
        if (row.kind === 'refused') return { key, path: row.path, maskPath: null, state: 'refused', why: row.why };
        work.current.set(key, { name: row.name, image: row.image.file, mask: row.mask?.file ?? null });
        return { key, path: row.image.path, maskPath: row.mask?.path ?? null, state: 'waiting' };
      });
      items.current = [...items.current, ...added];
      rerender((n) => n + 1);
      pump();
    },
    [pump],
  );

  const clearFinished = useCallback(() => {
    items.current = items.current.filter((item) => item.state === 'waiting' || item.state === 'working');
    rerender((n) => n + 1);
  }, []);

  return { items: items.current, add, clearFinished };
}
