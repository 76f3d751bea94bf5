import './training.css';
export interface CurvePoint {
  epoch: number;
  loss: number;
  valIou: number;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 48, right: 16, top: 12, bottom: 32 };

/**
 * Loss and validation IoU per epoch, drawn as SVG polylines: two series on a shared epoch axis
 * need no charting library (vega-embed would weigh more than the whole console), and the points
 * stay in the DOM where tests and screen readers (the table below) can read them.
 */
export function TrainingCurves({ points, maxEpochs }: { points: readonly CurvePoint[]; maxEpochs: number }) {
  const sorted = [...points].sort((a, b) => a.epoch - b.epoch);
  const lastEpoch = Math.max(maxEpochs, sorted.at(-1)?.epoch ?? 1, 1);
  const maxLoss = Math.max(...sorted.map((p) => p.loss), 1e-9);
  const x = (epoch: number) => PAD.left + ((epoch - (lastEpoch > 1 ? 1 : 0)) / Math.max(lastEpoch - 1, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (fraction: number) => PAD.top + (1 - fraction) * (HEIGHT - PAD.top - PAD.bottom);
  const series = [
    { name: 'loss', label: 'Training loss (scaled to its maximum)', className: 'curve-loss', value: (p: CurvePoint) => p.loss / maxLoss },
    { name: 'val-iou', label: 'Validation IoU', className: 'curve-iou', value: (p: CurvePoint) => p.valIou },
  ];
  return (
    <figure class="training-curves">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Loss and validation IoU over ${sorted.length} epochs`} data-testid="training-curves">
        <line class="axis" x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} />
        <line class="axis" x1={PAD.left} y1={y(0)} x2={PAD.left} y2={y(1)} />
        <text x={PAD.left - 6} y={y(1) + 4} text-anchor="end">
          1
        </text>
        <text x={PAD.left - 6} y={y(0) + 4} text-anchor="end">
          0
        </text>
        <text x={(WIDTH + PAD.left) / 2} y={HEIGHT - 6} text-anchor="middle">
          epoch (of {maxEpochs})
        </text>
        {series.map((s) => (
          <g key={s.name} class={s.className} data-series={s.name} data-points={sorted.length}>
            <polyline fill="none" points={sorted.map((p) => `${x(p.epoch)},${y(s.value(p))}`).join(' ')} />
            {sorted.map((p) => (
              <circle key={p.epoch} cx={x(p.epoch)} cy={y(s.value(p))} r={3} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <span class="key curve-loss">■</span> training loss (relative to its maximum, {maxLoss.toFixed(4)}) · <span class="key curve-iou">■</span> validation IoU
      </figcaption>
    </figure>
  );
}

export function EpochTable({ points }: { points: readonly CurvePoint[] }) {
  return (
    <table class="data-table">
      <caption>Epochs</caption>
      <thead>
        <tr>
          <th scope="col">Epoch</th>
          <th scope="col">Loss</th>
          <th scope="col">Val IoU</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.epoch}>
            <th scope="row">{p.epoch}</th>
            <td class="number">{p.loss.toFixed(4)}</td>
            <td class="number">{p.valIou.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
