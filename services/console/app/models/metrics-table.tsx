export interface SplitMetricsView {
  iou: number;
  images: number;
  perClass: readonly { index: number; name: string; iou: number }[];
}

export function formatIou(iou: number | null | undefined): string {
  return iou === null || iou === undefined ? '—' : iou.toFixed(3);
}

/** Per-class IoU on the validation and test images of the split the version was trained on. */
export function MetricsTable({ val, test }: { val: SplitMetricsView; test?: SplitMetricsView | null | undefined }) {
  const splits = [['Validation', val] as const, ...(test ? [['Test', test] as const] : [])];
  return (
    <table class="data-table">
      <caption>Metrics (IoU at threshold 0.5)</caption>
      <thead>
        <tr>
          <th scope="col">Split (images)</th>
          <th scope="col">Mean IoU</th>
          {val.perClass.map((c) => (
            <th scope="col" key={c.index}>
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {splits.map(([name, split]) => (
          <tr key={name}>
            <th scope="row">
              {name} ({split.images})
            </th>
            <td class="number">{formatIou(split.iou)}</td>
            {split.perClass.map((c) => (
              <td class="number" key={c.index}>
                {formatIou(c.iou)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
