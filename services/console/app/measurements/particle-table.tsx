import type { DatasetClassView } from '../datasets/class-legend.tsx';

/** One class's particles, as an image's measurement set and a dataset's pooled summary both report them. */
export interface ParticleRow {
  class: number;
  count: number;
  areaFraction: number;
  meanEquivalentDiameter: number | null | undefined;
  medianEquivalentDiameter: number | null | undefined;
}

/** Three significant figures, or a dash where metrology had nothing to measure. */
export const figure = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '—' : value.toPrecision(digits));

/** Particles per class: count, area fraction and equivalent diameters in the set's unit. */
export function ParticleTable({ rows, unit, classes }: { rows: readonly ParticleRow[]; unit: string; classes: readonly DatasetClassView[] }) {
  const className = (index: number) => classes.find((c) => c.index === index)?.name ?? `class ${index}`;
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Particles</th>
          <th scope="col">Area fraction</th>
          <th scope="col">Mean eq. diameter ({unit})</th>
          <th scope="col">Median eq. diameter ({unit})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.class}>
            <th scope="row">{className(row.class)}</th>
            <td class="number">{row.count}</td>
            <td class="number">{(row.areaFraction * 100).toFixed(1)}%</td>
            <td class="number">{figure(row.meanEquivalentDiameter)}</td>
            <td class="number">{figure(row.medianEquivalentDiameter)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
