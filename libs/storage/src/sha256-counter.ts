import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** A pass-through stream that hashes and counts what flows through it, so uploads need one read. */
export class Sha256Counter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private digest: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }

  /** The hex sha256 and byte count; only valid once the stream has ended. */
  result(): { sha256: string; size: number } {
    if (this.digest === undefined) throw new Error('Sha256Counter read before the stream ended');
    return { sha256: this.digest, size: this.bytes };
  }
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
