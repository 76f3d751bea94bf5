export interface DatasetClassView {
  index: number;
  name: string;
  color: string;
}

/** The dataset's classes with the colours the overlays draw them in. */
export function ClassLegend({ classes }: { classes: readonly DatasetClassView[] }) {
  return (
    <ul class="legend" aria-label="Classes">
      {classes.map((c) => (
        <li key={c.index}>
          <span class="swatch" style={{ background: c.color }} aria-hidden="true" />
          {c.index}: {c.name}
        </li>
      ))}
    </ul>
  );
}
