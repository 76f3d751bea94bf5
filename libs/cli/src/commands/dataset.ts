import type { Command } from 'commander';
import { clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';
import { exportDataset } from './dataset-export.ts';
import { PLAIN_FOLDER_CLASSES, type ProgressListener, importDatasetDirectory } from './dataset-import.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const LIST = `query($after: String) {
  datasets(first: 100, after: $after) {
    nodes { id name material imageCount visibility { level } owner { name } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const SHOW = `query($id: ID!) {
  dataset(id: $id) {
    id name material description imageCount createdAt
    visibility { level sharedWith }
    defaultPixelSize { value unit }
    classes { index name color }
    experiments { name train val test }
    versions(first: 500) { nodes { id number contentHash imageCount maskCount createdAt } }
  }
}`;

interface DatasetSummary {
  id: string;
  name: string;
  material: string;
  imageCount: number;
  visibility: { level: string };
  owner: { name: string } | null;
}

interface DatasetDetail {
  id: string;
  name: string;
  material: string;
  description: string;
  imageCount: number;
  visibility: { level: string; sharedWith: string[] };
  defaultPixelSize: { value: number; unit: string } | null;
  classes: { index: number; name: string; color: string }[];
  experiments: { name: string; train: string[]; val: string[]; test: string[] }[];
  versions: { id: string; number: number; contentHash: string; imageCount: number; maskCount: number }[];
}

/** A one-line progress bar on stderr, for terminals only: scripts and CI logs get the summary. */
function progressBar(enabled: boolean): ProgressListener | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  return (done, total, label) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`);
    if (done === total) process.stderr.write('\n');
  };
}

/** `dataset list|show|import|export`. */
export function registerDatasetCommands(program: Command): void {
  const dataset = program.command('dataset').description('datasets of micrographs, masks and splits');
  dataset
    .command('list')
    .description('datasets you can read (your group’s, shared with you, public)')
    .option('--json', 'print JSON')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const all: DatasetSummary[] = [];
      for (let after: string | null = null; ; ) {
        const page: { datasets: { nodes: DatasetSummary[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await client.request(LIST, { after });
        all.push(...page.datasets.nodes);
        if (!page.datasets.pageInfo.hasNextPage) break;
        after = page.datasets.pageInfo.endCursor;
      }
      printResult(globals, all, (list) =>
        list.length === 0
          ? 'no datasets'
          : list.map((d) => `${d.id}  ${d.name}  (${d.material || '-'}, ${d.imageCount} images, ${d.visibility.level}${d.owner ? `, ${d.owner.name}` : ''})`).join('\n'),
      );
    });
  dataset
    .command('show')
    .description('a dataset with its classes, experiments and versions')
    .argument('<id>', 'dataset id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { dataset } = await clientFromOptions(globals).request<{ dataset: (Omit<DatasetDetail, 'versions'> & { versions: { nodes: DatasetDetail['versions'] } }) | null }>(SHOW, { id });
      const shown = found(dataset, 'dataset', id);
      const d: DatasetDetail = { ...shown, versions: shown.versions.nodes };
      printResult(globals, d, () =>
        [
          `${d.name} (${d.id})`,
          `  material: ${d.material || '-'}; ${d.imageCount} images; ${d.visibility.level}`,
          ...(d.description ? [`  ${d.description}`] : []),
          ...(d.defaultPixelSize ? [`  default pixel size: ${d.defaultPixelSize.value}${d.defaultPixelSize.unit}`] : []),
          '  classes:',
          ...d.classes.map((c) => `    ${c.index} ${c.name} ${c.color}`),
          '  experiments:',
          ...d.experiments.map((e) => `    ${e.name}: ${e.train.length} train, ${e.val.length} val, ${e.test.length} test`),
          '  versions:',
          ...d.versions.map((v) => `    v${v.number} ${v.contentHash.slice(0, 12)} (${v.imageCount} images, ${v.maskCount} masks)`),
        ].join('\n'),
      );
    });
  dataset
    .command('import')
    .description('import a directory in the benchmark layout (manifest.json, images/, masks/) or a plain folder of images (masks in masks/<image name>.png)')
    .argument('<dir>', 'the directory')
    .requiredOption('--name <name>', 'dataset name (NAME-<material> for each material when there are several)')
    .option('--material <material>', "import only this material of the manifest; a plain folder's material")
    .option('--classes <names>', `a plain folder's class names, index 0 first (default ${PLAIN_FOLDER_CLASSES.join(',')})`, (list: string) => list.split(',').map((name) => name.trim()))
    .option('--json', 'print JSON')
    .action(async (dir: string, options: { name: string; material?: string; classes?: string[] }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const summary = await importDatasetDirectory(clientFromOptions(globals), dir, {
        name: options.name,
        material: options.material,
        classes: options.classes,
        ...(globals.json ? {} : { onProgress: progressBar(true) }),
      });
      printResult(globals, summary, (s) =>
        [
          ...s.datasets.map(
            (d) =>
              `${d.name} (${d.id}): ${d.images} images${d.deduplicated ? ` (${d.deduplicated} already there)` : ''}, ${d.masks} masks, experiments ${d.experiments.join(', ') || '-'}; version ${d.version.number} ${d.version.contentHash.slice(0, 12)}`,
          ),
          `${s.images} images and ${s.masks} masks in ${s.seconds} s (${s.imagesPerSecond} images/s)`,
          ...(s.skipped?.length ? [`not images, left out: ${s.skipped.join(', ')}`] : []),
        ].join('\n'),
      );
    });
  dataset
    .command('export')
    .description('write a dataset to a directory in the layout `dataset import` reads')
    .argument('<id>', 'dataset id')
    .argument('<dir>', 'target directory (created); nothing is written outside it')
    .option('--overwrite', 'replace files of an earlier export (default: refuse when any file exists)')
    .option('--json', 'print JSON')
    .action(async (id: string, dir: string, options: { overwrite?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const summary = await exportDataset(clientFromOptions(globals), id, dir, { overwrite: options.overwrite ?? false });
      // On stderr as well as in the JSON: a renamed file must not go unnoticed.
      for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
      printResult(globals, summary, (s) => `${s.dataset}: ${s.images} images, ${s.masks} masks, ${s.experiments} experiments written to ${s.dir}`);
    });
}
