import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { printError } from './output.ts';

/** The CLI's own version (its package's), for `microseg --version` and bug reports. */
export const CLI_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

type Registrar = (program: Command) => void;

/**
 * Each concern's file under commands/ and the top-level commands it registers, in the order of the help.
 * A file is imported only when one of its commands runs (or for the help): `predict` then does not load
 * the contracts' schemas or metrology of the commands beside it (~100 MiB of a process whose peak memory
 * is measured against PyTorch's, issue 14), and every command starts sooner.
 */
const COMMAND_FILES: { commands: string[]; load: () => Promise<Registrar> }[] = [
  { commands: ['admin', 'me', 'keys'], load: async () => (await import('./commands/identity.ts')).registerIdentityCommands },
  { commands: ['audit'], load: async () => (await import('./commands/audit.ts')).registerAuditCommands },
  { commands: ['health'], load: async () => (await import('./commands/health.ts')).registerHealthCommand },
  { commands: ['dataset'], load: async () => (await import('./commands/dataset.ts')).registerDatasetCommands },
  { commands: ['image'], load: async () => (await import('./commands/image.ts')).registerImageCommands },
  { commands: ['measure'], load: async () => (await import('./commands/measure.ts')).registerMeasureCommands },
  { commands: ['evaluate'], load: async () => (await import('./commands/evaluate.ts')).registerEvaluateCommand },
  { commands: ['policy'], load: async () => (await import('./commands/policy.ts')).registerPolicyCommands },
  { commands: ['pipeline'], load: async () => (await import('./commands/pipeline.ts')).registerPipelineCommands },
  { commands: ['results'], load: async () => (await import('./commands/results.ts')).registerResultsCommand },
  { commands: ['model'], load: async () => (await import('./commands/model.ts')).registerModelCommands },
  { commands: ['predict'], load: async () => (await import('./commands/predict.ts')).registerPredictCommand },
  { commands: ['train'], load: async () => (await import('./commands/train.ts')).registerTrainCommand },
  { commands: ['models'], load: async () => (await import('./commands/models.ts')).registerModelsCommands },
  { commands: ['benchmark'], load: async () => (await import('./commands/benchmark.ts')).registerBenchmarkCommand },
];

/** Global options that take a value, so that the command is not mistaken for it. */
const GLOBAL_VALUE_OPTIONS = new Set(['--url', '--api-key']);

/** The top-level command the arguments (after node and the script) name, if any. */
function commandNamed(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The `microseg` command tree. Each concern registers its commands from its own file under
 * commands/; this file only assembles them. Given the arguments, only the file of the command they
 * name is loaded; without (or for an unknown command, or the help), every file.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('microseg')
    .description('MicroSeg: segmentation and measurement of micrographs')
    .option('--url <url>', 'gateway URL (default: $MICROSEG_URL or http://127.0.0.1:4000/graphql)')
    .option('--api-key <key>', 'API key (default: $MICROSEG_API_KEY)')
    .version(CLI_VERSION, '-V, --version', 'print the version of this CLI')
    .showHelpAfterError()
    .exitOverride();
  const named = argv === undefined ? undefined : commandNamed(argv.slice(2));
  const owner = COMMAND_FILES.find((file) => named !== undefined && file.commands.includes(named));
  const registrars = await Promise.all((owner ? [owner] : COMMAND_FILES).map((file) => file.load()));
  for (const register of registrars) register(program);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let program: Command;
  try {
    program = await buildProgram(argv);
  } catch (error) {
    return printError(error, argv.includes('--json'));
  }
  try {
    await program.parseAsync(argv);
    // A command may set a non-zero exit code on success-with-problems (e.g. `health` when degraded).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return printError(error, argv.includes('--json'));
  }
}
