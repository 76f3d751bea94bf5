import { setTimeout as sleep } from 'node:timers/promises';
import { type AliasMove, type GateTolerance, describeCheck } from '@microseg/contracts';
import { MicroSegError, invalidInput } from '@microseg/errors';
import type { Command } from 'commander';
import { type GatewayClient, type Page, allNodes, clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const REPORT_FIELDS = `gateReport { passed comparison datasetVersionId experiment subset candidateVersionId referenceVersionId images unit
  checks { quantity class className candidate reference difference relativeDifference tolerance { absolute relative min } passed }
  skippedImages { imageId reason } error { code message } evaluatedAt }`;
const MOVE_FIELDS = `id modelId alias fromVersionId toVersionId movedBy movedAt outcome gateSkipped
  gate { datasetVersionId experiment subset comparison tolerances { quantity absolute relative min } } ${REPORT_FIELDS}`;
const ALIAS = `mutation($input: SetModelAliasInput!) { setModelAlias(input: $input) { ${MOVE_FIELDS} } }`;
const HISTORY = `query($id: ID!, $alias: String, $after: String) { model(id: $id) { aliasHistory(alias: $alias, first: 100, after: $after) { nodes { ${MOVE_FIELDS} } pageInfo { endCursor hasNextPage } } } }`;
const MODEL = `query($id: ID!) { model(id: $id) { id name } }`;
const GATE_FIELDS = 'modelId alias datasetVersionId experiment subset comparison tolerances { quantity absolute relative min } setBy setAt';
const SET_GATE = `mutation($input: SetAliasGateInput!) { setAliasGate(input: $input) { ${GATE_FIELDS} } }`;
const REMOVE_GATE = `mutation($modelId: ID!, $alias: String!) { removeAliasGate(modelId: $modelId, alias: $alias) { ${GATE_FIELDS} } }`;
const LIST_GATES = `query($id: ID!) { model(id: $id) { aliasGates { ${GATE_FIELDS} } } }`;

type Move = AliasMove;
interface Gate {
  alias: string;
  datasetVersionId: string;
  experiment: string;
  subset: string;
  comparison: string;
  tolerances: GateTolerance[];
}

/** How often `alias set` asks whether a gated move has been decided. */
const POLL_MS = 1_000;

async function modelOf(client: GatewayClient, idOrName: string) {
  return found((await client.request<{ model: { id: string; name: string } | null }>(MODEL, { id: idOrName })).model, 'model', idOrName);
}

/** Every move of a model's aliases (or of one), oldest first. */
async function aliasMoves(client: GatewayClient, modelId: string, alias: string | null): Promise<Move[]> {
  return allNodes(async (after) => {
    const { model } = await client.request<{ model: { aliasHistory: Page<Move> } | null }>(HISTORY, { id: modelId, alias, after });
    return found(model, 'model', modelId).aliasHistory;
  });
}

const tolerance = (t: Pick<GateTolerance, 'quantity' | 'absolute' | 'relative' | 'min'>) =>
  t.quantity === 'iou' ? `iou>=${t.min}` : `${t.quantity}=${[t.absolute ?? undefined, t.relative === null ? undefined : `${t.relative * 100}%`].filter((v) => v !== undefined).join(',')}`;

const gateLine = (gate: Gate) =>
  `${gate.alias}: ${gate.comparison} on ${gate.experiment}/${gate.subset} of dataset version ${gate.datasetVersionId}; ${gate.tolerances.map(tolerance).join(' ')}`;

/** A move with its gate's report, in words. */
export function moveInWords(model: string, move: Move): string {
  const head = `${model}@${move.alias}: ${move.fromVersionId ?? '(new)'} -> ${move.toVersionId} ${move.outcome}${move.gateSkipped ? ' (gate skipped by an admin)' : ''}`;
  const report = move.gateReport;
  if (!report) return move.outcome === 'pending' ? `${head}, waiting for its gate` : head;
  const against = report.referenceVersionId ? `version ${report.referenceVersionId}` : 'the ground truth';
  return [
    head,
    `  gate ${report.passed ? 'passed' : 'FAILED'}: ${report.images} image(s) of ${report.experiment}/${report.subset} against ${against} (lengths in ${report.unit})`,
    ...report.checks.map((c) => `  ${describeCheck(c)}`),
    ...report.skippedImages.map((s) => `  skipped ${s.imageId}: ${s.reason}`),
    ...(report.error ? [`  not evaluated: ${report.error.code} ${report.error.message}`] : []),
  ].join('\n');
}

/**
 * "areaFraction=0.02" (absolute), "count=10%" (relative), "meanEquivalentDiameter=1.5,5%" (both),
 * "iou>=0.8" (a minimum).
 */
export function parseTolerance(text: string): GateTolerance {
  const match = /^([a-zA-Z]+)\s*(>=|=)\s*(.+)$/.exec(text.trim());
  const quantities = ['areaFraction', 'meanEquivalentDiameter', 'count', 'thickness', 'iou'] as const;
  const quantity = quantities.find((q) => q === match?.[1]);
  if (!match || !quantity) throw invalidInput(`tolerance "${text}": QUANTITY=LIMIT[,LIMIT%] or iou>=MIN, QUANTITY one of ${quantities.join(', ')}`, { tolerance: text });
  const number = (value: string) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw invalidInput(`tolerance "${text}": ${value} is not a non-negative number`, { tolerance: text });
    return parsed;
  };
  if (quantity === 'iou') return { quantity, absolute: null, relative: null, min: number(match[3]!) };
  let absolute: number | null = null;
  let relative: number | null = null;
  for (const part of match[3]!.split(',')) {
    if (part.trim().endsWith('%')) relative = number(part.trim().slice(0, -1)) / 100;
    else absolute = number(part);
  }
  return { quantity, absolute, relative, min: null };
}

/**
 * `models alias set`: moves the alias; a gated alias's move waits for its gate, and a refusal
 * prints the report and fails with CONFLICT carrying it (`--json`: in the error's details).
 */
export async function setAlias(
  globals: Globals,
  input: { model: string; alias: string; version: string; expect?: string | undefined; skipGate: boolean; wait: boolean; timeoutSeconds: number },
): Promise<void> {
  const client = clientFromOptions(globals);
  const model = await modelOf(client, input.model);
  let { setModelAlias: move } = await client.request<{ setModelAlias: Move }>(ALIAS, {
    input: { modelId: model.id, alias: input.alias, versionId: input.version, ...(input.expect ? { expectedVersionId: input.expect } : {}), ...(input.skipGate ? { skipGate: true } : {}) },
  });
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  while (move.outcome === 'pending' && input.wait) {
    if (Date.now() > deadline) {
      throw new MicroSegError('TIMEOUT', `the gate of ${model.name}@${input.alias} is still being evaluated; see \`microseg models alias history ${model.name} ${input.alias}\``, { details: { moveId: move.id } });
    }
    await sleep(POLL_MS);
    const moves = await aliasMoves(client, model.id, input.alias);
    move = moves.find((m) => m.id === move.id) ?? move;
  }
  if (move.outcome === 'refused' || (move.outcome === 'rejected' && move.gateReport)) {
    if (!globals.json) process.stdout.write(`${moveInWords(model.name, move)}\n`);
    const failed = move.gateReport?.checks.filter((c) => !c.passed).map(describeCheck) ?? [];
    const why = move.outcome === 'rejected' ? 'the alias moved while its gate was evaluated' : move.gateReport?.error?.message ?? failed.join('; ');
    throw new MicroSegError('CONFLICT', `the promotion gate refused moving ${model.name}@${input.alias} to ${input.version}: ${why}`, {
      details: globals.json ? { moveId: move.id, outcome: move.outcome, report: move.gateReport } : { moveId: move.id },
    });
  }
  printResult(globals, move, (m) => moveInWords(model.name, m));
}

/** `models alias history` and `models alias gate set|remove|list`. */
export function registerAliasGateCommands(alias: Command): void {
  alias
    .command('history')
    .description('every move of a model’s aliases, with the reports of their gates')
    .argument('<model>', 'model id or name')
    .argument('[alias]', 'one alias only')
    .option('--json', 'print JSON')
    .action(async (modelName: string, name: string | undefined, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const model = await modelOf(client, modelName);
      const history = await aliasMoves(client, model.id, name ?? null);
      printResult(globals, history, (moves) => (moves.length ? moves.map((m) => moveInWords(model.name, m)).join('\n') : 'no alias moves'));
    });
  const gate = alias.command('gate').description('promotion gates: measurements a move of the alias must keep within tolerance');
  gate
    .command('set')
    .description('declare (or replace) the gate of an alias')
    .argument('<model>', 'model id or name')
    .argument('<alias>', 'alias name, e.g. production')
    .requiredOption('--dataset-version <id>', 'the reference dataset version')
    .requiredOption('--experiment <name>', 'its split whose images are the reference set')
    .option('--subset <subset>', 'train, val or test', 'test')
    .option('--compare <with>', 'ground-truth (the reference masks) or current-version (the version the alias names now)', 'ground-truth')
    .requiredOption('--tolerance <spec...>', 'areaFraction=0.02, count=10%, meanEquivalentDiameter=1.5,5%, thickness=2, iou>=0.8 (repeatable)')
    .option('--json', 'print JSON')
    .action(async (modelName: string, name: string, options: { datasetVersion: string; experiment: string; subset: string; compare: string; tolerance: string[] }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const comparison = { 'ground-truth': 'groundTruth', 'current-version': 'currentVersion' }[options.compare];
      if (!comparison) throw invalidInput(`--compare is ground-truth or current-version, not ${options.compare}`, { compare: options.compare });
      const client = clientFromOptions(globals);
      const model = await modelOf(client, modelName);
      const { setAliasGate } = await client.request<{ setAliasGate: Gate }>(SET_GATE, {
        input: {
          modelId: model.id, alias: name, datasetVersionId: options.datasetVersion, experiment: options.experiment, subset: options.subset, comparison,
          tolerances: options.tolerance.map(parseTolerance),
        },
      });
      printResult(globals, setAliasGate, (g) => `${model.name}@${gateLine(g)}`);
    });
  gate
    .command('remove')
    .description('moves of the alias are no longer gated')
    .argument('<model>', 'model id or name')
    .argument('<alias>', 'alias name')
    .option('--json', 'print JSON')
    .action(async (modelName: string, name: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const model = await modelOf(client, modelName);
      const { removeAliasGate } = await client.request<{ removeAliasGate: Gate }>(REMOVE_GATE, { modelId: model.id, alias: name });
      printResult(globals, removeAliasGate, (g) => `${model.name}@${g.alias}: gate removed`);
    });
  gate
    .command('list')
    .description('the gates declared on a model’s aliases')
    .argument('<model>', 'model id or name')
    .option('--json', 'print JSON')
    .action(async (modelName: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const model = await modelOf(client, modelName);
      const { model: withGates } = await client.request<{ model: { aliasGates: Gate[] } | null }>(LIST_GATES, { id: model.id });
      printResult(globals, found(withGates, 'model', model.id).aliasGates, (gates) => (gates.length ? gates.map((g) => `${model.name}@${gateLine(g)}`).join('\n') : 'no gates'));
    });
}
