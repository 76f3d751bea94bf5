import type { UploadPhase } from './upload-image.ts';
import type { AutomaticResult } from './use-automatic-results.ts';
import type { UploadItem } from './use-upload-queue.ts';

const PHASE_WORDS: Record<UploadPhase, string> = {
  checking: 'Checking the file',
  sending: 'Sending',
  saving: 'Saving: the platform decodes and validates the image',
  mask: 'Sending its mask',
};

function status(item: UploadItem): string {
  switch (item.state) {
    case 'waiting':
      return 'Waiting';
    case 'working':
      return `${PHASE_WORDS[item.progress.phase]}…`;
    case 'done':
      return item.deduplicated ? 'Already in the dataset: nothing was sent again' : `Done${item.maskPath ? ', with its mask' : ''}`;
    case 'failed':
      return 'Not saved';
    case 'refused':
      return 'Not uploaded';
  }
}

function percent(item: UploadItem): number {
  if (item.state === 'done') return 100;
  if (item.state !== 'working') return 0;
  return Math.min(100, Math.round((100 * item.progress.doneBytes) / Math.max(item.progress.totalBytes, 1)));
}

/** One dropped file: its progress bar, then what the platform said, then the automatic result when it comes. */
export function UploadRow({ item, result }: { item: UploadItem; result: AutomaticResult | undefined }) {
  const name = item.path + (item.maskPath ? ` + ${item.maskPath}` : '');
  return (
    <li class={`upload ${item.state}`} data-state={item.state}>
      <span class="upload-name">{name}</span>
      {item.state !== 'refused' && <progress max={100} value={percent(item)} aria-label={`Upload of ${item.path}`} />}
      <span class="upload-status" aria-live="polite">
        {status(item)}
        {item.state === 'done' && (
          <>
            {' · '}
            <a href={`/images/${item.imageId}`}>Open the image</a>
          </>
        )}
      </span>
      {item.state === 'failed' && (
        <p class="error">
          <span class="error-words">{item.problem.words}</span>
          {item.problem.code && <code class="error-code">{item.problem.code}</code>}
        </p>
      )}
      {item.state === 'refused' && <p class="error">{item.why}</p>}
      {result && (
        <p class="automatic-result" aria-live="polite">
          {result.status === 'SUCCEEDED' ? `Automatic result: ${result.objects} objects measured on the model's mask` : `Automatic measurement failed: ${result.error ?? 'no reason given'}`}
        </p>
      )}
    </li>
  );
}
