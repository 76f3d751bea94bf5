import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from './commands/audit.ts';
import { registerEvaluateCommand } from './commands/evaluate.ts';
import { registerDatasetCommands } from './commands/dataset.ts';
import { registerHealthCommand } from './commands/health.ts';
import { registerIdentityCommands } from './commands/identity.ts';
import { registerImageCommands } from './commands/image.ts';
import { registerMeasureCommands } from './commands/measure.ts';
import { registerPipelineCommands } from './commands/pipeline.ts';
import { registerPolicyCommands } from './commands/policy.ts';
import { registerResultsCommand } from './commands/results.ts';
import { registerModelCommands } from './commands/model.ts';
import { registerPredictCommand } from './commands/predict.ts';
import { registerBenchmarkCommand } from './commands/benchmark.ts';
import { registerModelsCommands } from './commands/models.ts';
import { registerTrainCommand } from './commands/train.ts';
import { printError } from './output.ts';

/** The CLI's own version (its package's), for `microseg --version` and bug reports. */
export const CLI_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The `microseg` command tree. Each concern registers its commands from its own file under
 * commands/; this file only assembles them.
 */
export function buildProgram(): Command {
  const program = new Command('microseg')
    .description('MicroSeg: segmentation and measurement of micrographs')
    .option('--url <url>', 'gateway URL (default: $MICROSEG_URL or http://127.0.0.1:4000/graphql)')
    .option('--api-key <key>', 'API key (default: $MICROSEG_API_KEY)')
    .version(CLI_VERSION, '-V, --version', 'print the version of this CLI')
    .showHelpAfterError()
    .exitOverride();
  registerIdentityCommands(program);
  registerAuditCommands(program);
  registerHealthCommand(program);
  registerDatasetCommands(program);
  registerImageCommands(program);
  registerMeasureCommands(program);
  registerEvaluateCommand(program);
  registerPolicyCommands(program);
  registerPipelineCommands(program);
  registerResultsCommand(program);
  registerModelCommands(program);
  registerPredictCommand(program);
  registerTrainCommand(program);
  registerModelsCommands(program);
  registerBenchmarkCommand(program);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // A command may set a non-zero exit code on success-with-problems (e.g. `health` when degraded).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return printError(error, argv.includes('--json'));
  }
}
