import type { MicroSegError } from '@microseg/errors';
import { Counter, Histogram, type Registry } from 'prom-client';

export type UploadPurpose = 'image' | 'mask';
/** How an upload ended: its bytes stored, found already in the dataset, or refused (nothing kept). */
export type UploadOutcome = 'stored' | 'deduplicated' | 'refused';

/**
 * The sizes of the files groups upload and why uploads are refused, for operators sizing
 * DATASET_MAX_UPLOAD_BYTES and the decode budget, and noticing a LIMS that sends broken files.
 */
export class UploadMetrics {
  private readonly bytes: Histogram<'purpose' | 'outcome'>;
  private readonly refusals: Counter<'purpose' | 'reason'>;

  constructor(registry: Registry) {
    this.bytes = new Histogram({
      name: 'microseg_upload_bytes',
      help: 'Size of each finished upload (the declared size of a refused one), by purpose (image, mask) and outcome (stored, deduplicated, refused)',
      labelNames: ['purpose', 'outcome'] as const,
      // 16 KiB to 4 GiB by fours: thumbnails-sized PNGs to the largest stitched TIFF montages.
      buckets: Array.from({ length: 10 }, (_, i) => 16 * 1024 * 4 ** i),
      registers: [registry],
    });
    this.refusals = new Counter({
      name: 'microseg_upload_refusals_total',
      help: 'Uploads refused, by purpose and reason (the error\'s details.problem: file-too-large, sha256-mismatch, truncated, unsupported-format, mask-size-mismatch...; else its code)',
      labelNames: ['purpose', 'reason'] as const,
      registers: [registry],
    });
  }

  finished(purpose: UploadPurpose, outcome: Exclude<UploadOutcome, 'refused'>, sizeBytes: number): void {
    this.bytes.observe({ purpose, outcome }, sizeBytes);
  }

  refused(purpose: UploadPurpose, error: MicroSegError, sizeBytes: number): void {
    const problem = error.details['problem'];
    // Problems are the code's own words (a fixed set); anything else is counted by its error code.
    const reason = typeof problem === 'string' ? problem : error.code.toLowerCase();
    this.refusals.inc({ purpose, reason });
    this.bytes.observe({ purpose, outcome: 'refused' }, sizeBytes);
  }
}
