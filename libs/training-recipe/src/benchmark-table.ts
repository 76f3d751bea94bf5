/** One trained combination of a benchmark reproduction. */
export interface BenchmarkCell {
  experiment: string;
  architecture: string;
  encoder: string;
  /** `random`, `imagenet`, `micronet`... or the id of the initial weights. */
  init: string;
  /** Test IoU of the version selected on validation; null while not (or never) trained. */
  testIou: number | null;
  state: string;
}

export interface BenchmarkRow {
  /** `UNet / resnet18 (random)`. */
  model: string;
  architecture: string;
  encoder: string;
  init: string;
  /** Test IoU per experiment, null when missing. */
  iou: Record<string, number | null>;
}

export interface BenchmarkTable {
  experiments: string[];
  rows: BenchmarkRow[];
  /** The best model per experiment (the paper's bold entries); null when nothing finished. */
  best: Record<string, { model: string; iou: number } | null>;
}

const ARCHITECTURE_LABELS: Record<string, string> = {
  unet: 'UNet',
  unetplusplus: 'UNet++',
  linknet: 'LinkNet',
  fpn: 'FPN',
  pspnet: 'PSPNet',
  pan: 'PAN',
  deeplabv3plus: 'DeepLabV3+',
};

export const modelLabel = (architecture: string, encoder: string, init: string): string =>
  `${ARCHITECTURE_LABELS[architecture] ?? architecture} / ${encoder} (${init})`;

/** The paper's table form: one row per model (decoder, encoder, initial weights), one column per experiment. */
export function assembleBenchmarkTable(cells: readonly BenchmarkCell[]): BenchmarkTable {
  const experiments = [...new Set(cells.map((c) => c.experiment))];
  const rows = new Map<string, BenchmarkRow>();
  for (const cell of cells) {
    const model = modelLabel(cell.architecture, cell.encoder, cell.init);
    let row = rows.get(model);
    if (!row) {
      row = { model, architecture: cell.architecture, encoder: cell.encoder, init: cell.init, iou: Object.fromEntries(experiments.map((e) => [e, null])) };
      rows.set(model, row);
    }
    row.iou[cell.experiment] = cell.testIou;
  }
  const best: BenchmarkTable['best'] = {};
  for (const experiment of experiments) {
    let top: { model: string; iou: number } | null = null;
    for (const row of rows.values()) {
      const iou = row.iou[experiment];
      if (iou !== null && iou !== undefined && (top === null || iou > top.iou)) top = { model: row.model, iou };
    }
    best[experiment] = top;
  }
  return { experiments, rows: [...rows.values()], best };
}

/** The table as fixed-width text, IoU in percent with one decimal as the paper prints it. */
export function formatBenchmarkTable(table: BenchmarkTable): string {
  const width = Math.max(5, ...table.rows.map((r) => r.model.length));
  const header = ['model'.padEnd(width), ...table.experiments.map((e) => e.padStart(8))].join('  ');
  const lines = table.rows.map((row) =>
    [row.model.padEnd(width), ...table.experiments.map((e) => {
      const iou = row.iou[e];
      return (iou === null || iou === undefined ? '-' : `${(iou * 100).toFixed(1)}%`).padStart(8);
    })].join('  '),
  );
  return [header, ...lines].join('\n');
}
