import { type IntervalCalibrationView, calibrationTable, missedRangeLines } from './calibration-table.ts';

export interface CalibrationsView {
  intervalCalibration: (IntervalCalibrationView & { coverage: number; images: number }) | null | undefined;
  outOfDistribution: { threshold: number; rule: { quantile: number; margin: number }; validationScores: readonly number[] } | null | undefined;
}

const percent = (value: number) => `${Math.round(value * 100)} %`;

/**
 * How far to trust the version's measurement intervals and out-of-distribution flags: what its
 * validation images said at registration. A factor is how many times its own interval sides the
 * model's errors reached there (1: its doubt was honest).
 */
export function CalibrationView({ calibrations, classes }: { calibrations: CalibrationsView; classes: readonly { index: number; name: string }[] }) {
  const { intervalCalibration: intervals, outOfDistribution: ood } = calibrations;
  const table = intervals ? calibrationTable(intervals, classes) : null;
  return (
    <article aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">Calibration</h2>
      <dl class="facts">
        <dt>Measurement intervals</dt>
        <dd data-testid="interval-calibration">
          {intervals
            ? `calibrated to ${percent(intervals.coverage)} nominal coverage on ${intervals.images} validation image${intervals.images === 1 ? '' : 's'} (each whole and in quadrants)`
            : 'not calibrated: no validation split, a binary task without a layer, imported, or registered before calibrations'}
        </dd>
        <dt>Layer thickness</dt>
        <dd>
          {intervals?.thickness
            ? `calibrated for the layer of classes ${intervals.thickness.classes.join(', ')} (disk radius ${intervals.thickness.radius}, minimum area ${intervals.thickness.minArea} px); other layers keep their own intervals`
            : 'not calibrated'}
        </dd>
        <dt>Out-of-distribution threshold</dt>
        <dd data-testid="ood-threshold">
          {ood
            ? `${ood.threshold.toFixed(3)} (the ${ood.rule.quantile} quantile of ${ood.validationScores.length} validation score${ood.validationScores.length === 1 ? '' : 's'} × ${ood.rule.margin}): images scoring above it are flagged`
            : 'none: images are not flagged'}
        </dd>
      </dl>
      {table && table.quantities.length > 0 && (
        <table class="data-table">
          <caption>Interval sides multiplied by (validation fields)</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              {table.quantities.map((q) => (
                <th scope="col" key={q.quantity}>
                  {q.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td class="number" key={table.quantities[i]!.quantity}>
                    {cell ? `×${cell.factor.toFixed(2)} (${cell.fields})` : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {intervals && missedRangeLines(intervals, classes).length > 0 && (
        <>
          <p>Where the model finds no object of a class it has no size to put an interval around; a set gets the range the truth had in such validation fields:</p>
          <ul data-testid="missed-ranges">
            {missedRangeLines(intervals, classes).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {table && table.quantities.length === 0 && <p>Too few validation fields for any factor at this coverage: the intervals are the model's own.</p>}
    </article>
  );
}
