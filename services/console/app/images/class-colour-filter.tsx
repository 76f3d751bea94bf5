import type { DatasetClassView } from '../datasets/class-legend.tsx';

/** For an index the dataset does not name. */
const UNKNOWN_CLASS_COLOUR = '#ffff00';

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * An SVG filter that paints an 8-bit index mask (grey level = class index) in the class colours,
 * class 0 transparent. The browser does it while drawing the presigned <img>, so the mask never
 * has to be read back in script: no CORS needed on the object store, locally or in a cluster.
 * Channel tables have 256 entries, one per grey level: `discrete` maps level i to entry i exactly.
 */
export function ClassColourFilter({ id, classes }: { id: string; classes: readonly DatasetClassView[] }) {
  const byIndex = new Map(classes.map((c) => [c.index, rgb(c.color)]));
  const unknown = rgb(UNKNOWN_CLASS_COLOUR);
  const table = (channel: 0 | 1 | 2) =>
    Array.from({ length: 256 }, (_, index) => ((byIndex.get(index) ?? unknown)[channel] / 255).toFixed(4)).join(' ');
  return (
    <svg class="filter-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <filter id={id} color-interpolation-filters="sRGB" x="0" y="0" width="100%" height="100%">
        <feComponentTransfer in="SourceGraphic" result="colours">
          <feFuncR type="discrete" tableValues={table(0)} />
          <feFuncG type="discrete" tableValues={table(1)} />
          <feFuncB type="discrete" tableValues={table(2)} />
        </feComponentTransfer>
        {/* Alpha 1 wherever the index is above 0 (255 x level, clamped), 0 on class 0. */}
        <feColorMatrix in="SourceGraphic" type="matrix" values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  255 0 0 0 0" result="labelled" />
        <feComposite in="colours" in2="labelled" operator="in" />
      </filter>
    </svg>
  );
}
