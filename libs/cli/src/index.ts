export { buildProgram, runCli } from './program.ts';
export { printError, printResult, type OutputOptions } from './output.ts';
