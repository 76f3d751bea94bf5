import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { invalidInput, isMicroSegError } from '@microseg/errors';
import {
  type HistogramSeries,
  renderPlot,
  sizeHistogramSpec,
  thicknessHistogramSpec,
} from '@microseg/metrology';
import type { ResultUnit } from '@microseg/metrology';
import type { ObjectStore } from '@microseg/storage';

/** Masks in, plots and exports out: the service's objects in S3. */
export class MeasurementFiles {
  constructor(
    private readonly store: ObjectStore,
    /** The bucket of plots and exports. */
    readonly bucket: string,
  ) {}

  /**
   * Reads a mask and checks it is the one the event named: bytes whose sha256 differs (a
   * truncated or overwritten object) are a bad mask, not something to measure.
   */
  async readMask(ref: { bucket: string; key: string; sha256: string }): Promise<Buffer> {
    const bytes = await readAll(await this.store.getObject(ref.bucket, ref.key));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== ref.sha256) {
      throw invalidInput(
        `mask object ${ref.key} does not hold the mask it was recorded with (sha256 ${actual}, expected ${ref.sha256})`,
        {
          expected: ref.sha256,
          actual,
        },
      );
    }
    return bytes;
  }

  /** Renders and stores the size histogram (one series per class); the key is deterministic, so a redelivery overwrites the same object. */
  async putSizeHistogram(
    key: string,
    series: HistogramSeries[],
    unit: ResultUnit,
    title: string,
  ): Promise<string | null> {
    if (series.every((s) => s.histogram.counts.length === 0)) return null;
    return this.putSvg(key, await renderPlot(sizeHistogramSpec(series, { unit, title }), 'svg'));
  }

  async putThicknessHistogram(
    key: string,
    values: readonly number[],
    unit: ResultUnit,
    title: string,
  ): Promise<string | null> {
    if (values.length === 0) return null;
    return this.putSvg(
      key,
      await renderPlot(thicknessHistogramSpec(values, { unit, title }), 'svg'),
    );
  }

  async putExport(key: string, body: string, contentType: string): Promise<void> {
    await this.store.putObject(this.bucket, key, Buffer.from(body, 'utf8'), { contentType });
  }

  /** A stored evaluation (its numbers as JSON beside the accuracy map); undefined when none is stored under `key`. */
  async readEvaluation(key: string): Promise<unknown> {
    try {
      return JSON.parse((await readAll(await this.store.getObject(this.bucket, `${key}.json`))).toString('utf8'));
    } catch (error) {
      if (isMicroSegError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** The accuracy map first, the numbers last: numbers found means the map is there too. */
  async putEvaluation(key: string, accuracyMapPng: Buffer, numbers: unknown): Promise<void> {
    await this.store.putObject(this.bucket, `${key}.png`, accuracyMapPng, { contentType: 'image/png' });
    await this.putExport(`${key}.json`, JSON.stringify(numbers), 'application/json');
  }

  url(key: string): Promise<string> {
    return this.store.presignedGet(this.bucket, key);
  }

  private async putSvg(key: string, svg: string): Promise<string> {
    await this.store.putObject(this.bucket, key, Buffer.from(svg, 'utf8'), {
      contentType: 'image/svg+xml',
    });
    return key;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
