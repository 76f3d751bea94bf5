import { invalidInput } from '@microseg/errors';

/** 4: edge neighbours only (scikit-image connectivity=1); 8: edges and corners (connectivity=2). */
export type Connectivity = 4 | 8;

export interface ComponentLabels {
  readonly width: number;
  readonly height: number;
  /** 0 for unlabelled pixels, else the component id, 1..count. */
  readonly labels: Int32Array;
  readonly count: number;
}

export function assertConnectivity(value: number): asserts value is Connectivity {
  if (value !== 4 && value !== 8) {
    throw invalidInput(`connectivity must be 4 or 8, got ${value}`, { connectivity: value });
  }
}

/**
 * Labels the connected components of equal-valued pixels whose value is selected by `include`
 * (a lookup by pixel value). Components never merge across different values, so one pass labels
 * every class of an index mask. Ids follow the raster order of each component's first pixel, which is
 * the order scikit-image's `label` (and so `regionprops`) gives.
 *
 * Two-pass union-find on typed arrays: memory is linear in pixels, no per-pixel objects.
 */
export function labelComponents(
  values: ArrayLike<number>,
  width: number,
  height: number,
  include: Uint8Array,
  connectivity: Connectivity,
): ComponentLabels {
  const labels = new Int32Array(width * height);
  let parent = new Int32Array(1024);
  let next = 1;

  const find = (label: number): number => {
    let root = label;
    while (parent[root] !== root) {
      const grand = parent[parent[root]!]!;
      parent[root] = grand;
      root = grand;
    }
    return root;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    // The smaller provisional label stays root: cheap, and keeps trees shallow in raster scans.
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };

  const newLabel = (): number => {
    if (next === parent.length) {
      const grown = new Int32Array(parent.length * 2);
      grown.set(parent);
      parent = grown;
    }
    parent[next] = next;
    return next++;
  };

  // Decision tree (Wu, Otoo & Suzuki): neighbours already adjacent to each other are already in one
  // set, so at most one union per pixel.
  const eight = connectivity === 8;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      const v = values[p]!;
      if (!include[v]) continue;
      const up = p - width;
      const hasLeft = x > 0 && values[p - 1] === v;
      const hasUp = y > 0 && values[up] === v;
      const hasUpLeft = y > 0 && x > 0 && values[up - 1] === v;
      let label: number;
      if (!eight) {
        if (hasUp) {
          label = labels[up]!;
          if (hasLeft && !hasUpLeft && labels[p - 1] !== label)
            label = union(label, labels[p - 1]!);
        } else label = hasLeft ? labels[p - 1]! : newLabel();
      } else if (hasUp) {
        label = labels[up]!;
        if (hasLeft && !hasUpLeft && labels[p - 1] !== label) label = union(label, labels[p - 1]!);
      } else {
        const hasUpRight = y > 0 && x + 1 < width && values[up + 1] === v;
        if (hasUpLeft) {
          label = labels[up - 1]!;
          if (hasUpRight && labels[up + 1] !== label) label = union(label, labels[up + 1]!);
        } else if (hasLeft) {
          label = labels[p - 1]!;
          if (hasUpRight && labels[up + 1] !== label) label = union(label, labels[up + 1]!);
        } else label = hasUpRight ? labels[up + 1]! : newLabel();
      }
      labels[p] = label;
    }
  }

  // Second pass: provisional roots become final ids in order of first appearance.
  const final = new Int32Array(next);
  let count = 0;
  for (let p = 0; p < labels.length; p++) {
    const provisional = labels[p]!;
    if (!provisional) continue;
    const root = find(provisional);
    let id = final[root]!;
    if (!id) {
      id = ++count;
      final[root] = id;
    }
    labels[p] = id;
  }
  return { width, height, labels, count };
}
