/**
 * A binary image as the runs of set pixels of each row: row y's runs are [starts[i], ends[i]) for
 * i in [rowStart[y], rowStart[y + 1]), sorted and separated by at least one unset pixel. Smooth
 * shapes such as coating layers have a few runs per row, so morphology on runs costs a fraction of
 * a per-pixel pass.
 */
export interface RunLengthMask {
  readonly width: number;
  readonly height: number;
  readonly rowStart: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Collects runs row by row into a RunLengthMask; runs of a row must arrive sorted and merged. */
export class RunLengthBuilder {
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private count = 0;
  private readonly rowStart: Int32Array;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.rowStart = new Int32Array(height + 1);
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  endRow(y: number): void {
    this.rowStart[y + 1] = this.count;
  }

  build(): RunLengthMask {
    return {
      width: this.width,
      height: this.height,
      rowStart: this.rowStart,
      starts: this.starts.slice(0, this.count),
      ends: this.ends.slice(0, this.count),
    };
  }
}

export function encodeRuns(image: Uint8Array, width: number, height: number): RunLengthMask {
  const builder = new RunLengthBuilder(width, height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      while (x < width && !image[row + x]) x++;
      if (x === width) break;
      const start = x;
      while (x < width && image[row + x]) x++;
      builder.push(start, x);
    }
    builder.endRow(y);
  }
  return builder.build();
}

export function decodeRuns(mask: RunLengthMask): Uint8Array {
  const out = new Uint8Array(mask.width * mask.height);
  for (let y = 0; y < mask.height; y++) {
    for (let i = mask.rowStart[y]!; i < mask.rowStart[y + 1]!; i++)
      out.fill(1, y * mask.width + mask.starts[i]!, y * mask.width + mask.ends[i]!);
  }
  return out;
}

/** The unset pixels inside the image, as runs. */
export function complementRuns(mask: RunLengthMask): RunLengthMask {
  const builder = new RunLengthBuilder(mask.width, mask.height);
  for (let y = 0; y < mask.height; y++) {
    let x = 0;
    for (let i = mask.rowStart[y]!; i < mask.rowStart[y + 1]!; i++) {
      if (mask.starts[i]! > x) builder.push(x, mask.starts[i]!);
      x = mask.ends[i]!;
    }
    if (x < mask.width) builder.push(x, mask.width);
    builder.endRow(y);
  }
  return builder.build();
}

export function countRunPixels(mask: RunLengthMask): number {
  let total = 0;
  for (let i = 0; i < mask.starts.length; i++) total += mask.ends[i]! - mask.starts[i]!;
  return total;
}
