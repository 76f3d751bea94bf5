import type { Command } from 'commander';
import { clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';
import { registerAliasGateCommands, setAlias } from './alias-gates.ts';
import { CALIBRATION_FIELDS, type VersionCalibrations, calibrationText } from './model-calibration.ts';
import { registerModelTransferCommands } from './models-transfer.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const VERSION_FIELDS = `id modelId modelName number architecture encoder material binary
  classes { index name color }
  metrics { val { iou perClass { index name iou } images } test { iou perClass { index name iou } images } }
  config dataset { datasetId versionId contentHash experiment } parent { kind id name }
  codeVersion seed durationSeconds workerKind artifact { bucket prefix } jobId
  visibility { level sharedWith } aliases createdAt owner { id name }`;

const LIST = `query($after: String) { modelVersions(first: 100, after: $after) { nodes { ${VERSION_FIELDS} } pageInfo { endCursor hasNextPage } } }`;
const SHOW = `query($id: ID!) { modelVersion(id: $id) { ${VERSION_FIELDS} ${CALIBRATION_FIELDS} } lineage(versionId: $id) {
  ancestors { weights { kind id name } } descendants(first: 500) { nodes { id modelName number } } job { id state attempts workerKind } } }`;
const SHARE = `mutation($id: ID!, $visibility: VisibilityInput!) { shareModelVersion(id: $id, visibility: $visibility) { ${VERSION_FIELDS} } }`;
const CURRENT = `query($id: ID!) { modelVersion(id: $id) { visibility { level sharedWith } } }`;

interface Version {
  id: string;
  modelName: string;
  number: number;
  architecture: string;
  encoder: string;
  metrics: { val: { iou: number }; test: { iou: number } | null };
  dataset: { experiment: string };
  visibility: { level: string; sharedWith: string[] };
  aliases: string[];
  owner: { name: string } | null;
}

const percent = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(1)}%`);
const line = (v: Version) =>
  `${v.id}  ${v.modelName} v${v.number}  ${v.architecture}/${v.encoder}  ${v.dataset.experiment}  val ${percent(v.metrics.val.iou)} test ${percent(v.metrics.test?.iou)}  ${v.visibility.level}${v.aliases.length ? `  [${v.aliases.join(', ')}]` : ''}${v.owner ? `  (${v.owner.name})` : ''}`;

/** `models list|show|share|alias set|export|download|import`: the shared model registry. */
export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('the shared model registry: versions, sharing, aliases');
  models
    .command('list')
    .description('model versions you can use (your group’s, shared with you, public)')
    .option('--json', 'print JSON')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const all: Version[] = [];
      for (let after: string | null = null; ; ) {
        const page: { modelVersions: { nodes: Version[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await client.request(LIST, { after });
        all.push(...page.modelVersions.nodes);
        if (!page.modelVersions.pageInfo.hasNextPage) break;
        after = page.modelVersions.pageInfo.endCursor;
      }
      printResult(globals, all, (list) => (list.length ? list.map(line).join('\n') : 'no model versions'));
    });
  models
    .command('show')
    .description('a model version with its metrics, config, lineage, and the calibrations that say how far to trust its intervals and out-of-distribution flags')
    .argument('<version>', 'model version id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const answer = await clientFromOptions(globals).request<{ modelVersion: (Version & VersionCalibrations) | null; lineage: { descendants: { nodes: unknown[] } } | null }>(SHOW, { id });
      const modelVersion = found(answer.modelVersion, 'model version', id);
      const lineage = found(answer.lineage, 'model version', id);
      printResult(globals, { ...modelVersion, lineage: { ...lineage, descendants: lineage.descendants.nodes } }, (v) => `${line(v)}\n${calibrationText(v)}\n${JSON.stringify(v, null, 2)}`);
    });
  models
    .command('share')
    .description('share a model version with groups (or everyone)')
    .argument('<version>', 'model version id')
    .option('--group <id...>', 'group ids to share with (added to those already shared with)')
    .option('--public', 'every group may use it')
    .option('--private', 'your group only')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { group?: string[]; public?: boolean; private?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      let visibility: { level: string; sharedWith: string[] };
      if (options.private) visibility = { level: 'private', sharedWith: [] };
      else if (options.public) visibility = { level: 'public', sharedWith: [] };
      else {
        const { modelVersion: current } = await client.request<{ modelVersion: { visibility: { level: string; sharedWith: string[] } } | null }>(CURRENT, { id });
        const modelVersion = found(current, 'model version', id);
        visibility = { level: 'shared', sharedWith: [...new Set([...modelVersion.visibility.sharedWith, ...(options.group ?? [])])] };
      }
      const { shareModelVersion } = await client.request<{ shareModelVersion: Version }>(SHARE, { id, visibility });
      printResult(globals, shareModelVersion, line);
    });
  registerModelTransferCommands(models);
  const alias = models.command('alias').description('named pointers to versions (production, candidate...)');
  alias
    .command('set')
    .description('move an alias of a model to a version (atomic, recorded); a gated alias moves only if its gate passes')
    .argument('<model>', 'model id or name')
    .argument('<alias>', 'alias name, e.g. production')
    .argument('<version>', 'model version id')
    .option('--expect <version>', 'only if the alias still points to this version')
    .option('--skip-gate', 'admins only: move a gated alias without its gate (recorded in the history)')
    .option('--no-wait', 'return at once while the gate is evaluated (see `alias history`)')
    .option('--wait-timeout <seconds>', 'how long to wait for the gate', (v) => Number(v), 1800)
    .option('--json', 'print JSON')
    .action(async (model: string, name: string, version: string, options: { expect?: string; skipGate?: boolean; wait: boolean; waitTimeout: number }, command: Command) => {
      await setAlias(command.optsWithGlobals<Globals>(), {
        model, alias: name, version, expect: options.expect, skipGate: options.skipGate ?? false, wait: options.wait, timeoutSeconds: options.waitTimeout,
      });
    });
  registerAliasGateCommands(alias);
}
