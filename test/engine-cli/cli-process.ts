import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const REPORT_LOADED_TFJS = resolve(import.meta.dirname, 'report-loaded-tfjs.js');

/**
 * Runs `microseg ARGS` as a user would, on the wasm backend; a non-zero exit is a result, not a throw.
 * `reportTfjs`: the process also tells which TensorFlow.js packages it loaded (see loadedTfjs).
 */
export function microseg(args: string[], options: { reportTfjs?: boolean } = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...(options.reportTfjs ? ['--import', REPORT_LOADED_TFJS] : []), BIN, ...args],
      { env: { ...process.env, MICROSEG_TF_BACKEND: 'wasm' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The TensorFlow.js packages a run with `reportTfjs` loaded, e.g. ['@tensorflow/tfjs-core']. */
export function loadedTfjs(run: CliRun): string[] {
  const line = run.stderr.split('\n').find((l) => l.startsWith('loaded tfjs packages: '));
  if (line === undefined) throw new Error(`the run did not report its tfjs packages:\n${run.stderr}`);
  return JSON.parse(line.slice('loaded tfjs packages: '.length)) as string[];
}

/** Reads the float32 .npy files `predict --probabilities` writes (format 1.0, C order). */
export function readNpyFloat32(bytes: Uint8Array): { shape: number[]; data: Float32Array } {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  if (!header.includes("'descr': '<f4'") || !header.includes("'fortran_order': False")) throw new Error(`unexpected .npy header ${header}`);
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = bytes.slice(10 + headerLength);
  return { shape, data: new Float32Array(body.buffer, body.byteOffset, body.byteLength / 4) };
}
