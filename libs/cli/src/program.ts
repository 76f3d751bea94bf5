import { Command, CommanderError } from 'commander';
import { printError } from './output.ts';

/**
 * The `microseg` command tree. Each concern registers its commands from its own file under
 * commands/; this file only assembles them.
 */
export function buildProgram(): Command {
  const program = new Command('microseg')
    .description('MicroSeg: segmentation and measurement of micrographs')
    .option('--url <url>', 'gateway URL (default: $MICROSEG_URL or http://127.0.0.1:4000/graphql)')
    .option('--api-key <key>', 'API key (default: $MICROSEG_API_KEY)')
    .showHelpAfterError()
    .exitOverride();
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return printError(error, argv.includes('--json'));
  }
}
