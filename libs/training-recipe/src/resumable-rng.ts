/**
 * A seeded uniform generator whose whole state is one 32-bit integer, so a training run can save
 * it in a checkpoint and resume drawing exactly where it stopped. Same algorithm as the engine's
 * `createRng` (mulberry32), which keeps its state private; this one is structurally an engine `Rng`.
 */
export interface ResumableRng {
  next(): number;
  int(n: number): number;
  uniform(low: number, high: number): number;
  chance(p: number): boolean;
  /** The state to save; `createResumableRng(rng.state)` continues the same sequence. */
  readonly state: number;
}

export function createResumableRng(state: number): ResumableRng {
  let current = state >>> 0;
  const next = () => {
    current = (current + 0x6d2b79f5) >>> 0;
    let t = current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (low, high) => low + (high - low) * next(),
    chance: (p) => next() < p,
    get state() {
      return current;
    },
  };
}

/** Fisher-Yates with the given generator: the order of one epoch's training images. */
export function shuffled<T>(items: readonly T[], rng: ResumableRng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
