import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { MicroSegError, invalidInput } from '@microseg/errors';
import type { Command } from 'commander';
import { clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const FORMATS = ['bioimageio', 'onnx', 'artifact'] as const;
type Format = (typeof FORMATS)[number];

const DOWNLOAD_FIELDS = 'download(format: $format) { versionId format url fileName sha256 sizeBytes expiresAt }';
const BY_ID = `query($id: ID!, $format: ModelDownloadFormat!) { modelVersion(id: $id) { id modelName number ${DOWNLOAD_FIELDS} } }`;
const BY_ALIAS = `query($model: String!, $alias: String!, $format: ModelDownloadFormat!) { modelVersionByAlias(model: $model, alias: $alias) { id modelName number ${DOWNLOAD_FIELDS} } }`;
const UPLOAD = `mutation($input: CreateModelPackageUploadInput!) { createModelPackageUpload(input: $input) { uploadId url } }`;
const IMPORT = `mutation($input: ImportModelPackageInput!) { importModelPackage(input: $input) { id modelId modelName number architecture encoder classes { index name color } visibility { level sharedWith } createdAt } }`;

interface Download {
  versionId: string;
  format: Format;
  url: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
}
interface VersionWithDownload {
  id: string;
  modelName: string;
  number: number;
  download: Download;
}

function format(value: string | undefined, fallback: Format): Format {
  const chosen = value ?? fallback;
  if (!(FORMATS as readonly string[]).includes(chosen)) throw invalidInput(`--format must be one of ${FORMATS.join(', ')}`, { format: chosen });
  return chosen as Format;
}

/** Fetches a presigned download, checks its sha256, and writes it atomically (a partial file never has the final name). */
async function fetchTo(download: Download, out: string): Promise<{ file: string; sha256: string; bytes: number }> {
  const response = await fetch(download.url).catch((error: unknown) => {
    throw new MicroSegError('UNAVAILABLE', 'the object store is not reachable for the download', { cause: error });
  });
  if (!response.ok) throw new MicroSegError('UNAVAILABLE', `the download answered HTTP ${response.status}`, { details: { status: response.status } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== download.sha256) throw new MicroSegError('UNAVAILABLE', 'the downloaded file does not match its sha256; try again', { details: { expected: download.sha256, actual: sha256 } });
  const partial = `${out}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, out).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
  return { file: out, sha256, bytes: bytes.byteLength };
}

const describe = (v: VersionWithDownload, saved: { file: string; bytes: number }) => `${v.modelName} v${v.number} (${v.id}) -> ${saved.file} (${v.download.format}, ${saved.bytes} bytes)`;

/** `models export|download|import`: model versions as files (bioimage.io packages, ONNX, MicroSeg artifacts). */
export function registerModelTransferCommands(models: Command): void {
  models
    .command('export')
    .description('write a model version as a bioimage.io model package (or its ONNX weights, or its MicroSeg artifact)')
    .argument('<version>', 'model version id')
    .requiredOption('--out <file>', 'file to write (e.g. model.zip)')
    .option('--format <format>', `${FORMATS.join(', ')} (default bioimageio)`)
    .option('--json', 'print JSON')
    .action(async (id: string, options: { out: string; format?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const answer = await clientFromOptions(globals).request<{ modelVersion: VersionWithDownload | null }>(BY_ID, { id, format: format(options.format, 'bioimageio') });
      const modelVersion = found(answer.modelVersion, 'model version', id);
      const saved = await fetchTo(modelVersion.download, options.out);
      printResult(globals, { versionId: modelVersion.id, modelName: modelVersion.modelName, number: modelVersion.number, format: modelVersion.download.format, ...saved }, (r) => describe(modelVersion, { file: r.file, bytes: r.bytes }));
    });
  models
    .command('download')
    .description('download the version an alias points to (default: the MicroSeg artifact, which `microseg predict --model` runs)')
    .argument('<model@alias>', 'model name or id, @, alias (e.g. superalloy@production)')
    .option('--out <file>', 'file to write (default: the download’s own file name)')
    .option('--format <format>', `${FORMATS.join(', ')} (default artifact)`)
    .option('--json', 'print JSON')
    .action(async (reference: string, options: { out?: string; format?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const at = reference.lastIndexOf('@');
      if (at <= 0 || at === reference.length - 1) throw invalidInput('name the version as MODEL@ALIAS', { reference });
      const { modelVersionByAlias } = await clientFromOptions(globals).request<{ modelVersionByAlias: VersionWithDownload | null }>(BY_ALIAS, {
        model: reference.slice(0, at),
        alias: reference.slice(at + 1),
        format: format(options.format, 'artifact'),
      });
      const version = found(modelVersionByAlias, 'model version', reference);
      const saved = await fetchTo(version.download, options.out ?? version.download.fileName);
      printResult(globals, { versionId: version.id, modelName: version.modelName, number: version.number, format: version.download.format, ...saved }, (r) => describe(version, { file: r.file, bytes: r.bytes }));
    });
  models
    .command('import')
    .description('register a bioimage.io model package as a model version (checked: sha256s, test output reproduced on ONNX Runtime)')
    .argument('<file>', 'the package (.zip)')
    .option('--format <format>', 'bioimageio (the only import format)', 'bioimageio')
    .option('--name <model>', 'the registry model it becomes a version of (default: the package’s name)')
    .option('--material <material>', 'the material it segments')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { format: string; name?: string; material?: string }, command: Command) => {
      if (options.format !== 'bioimageio') throw invalidInput('only bioimage.io packages can be imported (--format bioimageio)', { format: options.format });
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const bytes = await readFile(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const { createModelPackageUpload: ticket } = await client.request<{ createModelPackageUpload: { uploadId: string; url: string } }>(UPLOAD, {
        input: { fileName: basename(file), sizeBytes: bytes.byteLength, sha256 },
      });
      const put = await fetch(ticket.url, { method: 'PUT', body: bytes, headers: { 'content-length': String(bytes.byteLength) } });
      if (!put.ok) throw new MicroSegError('UNAVAILABLE', `the package upload answered HTTP ${put.status}`, { details: { status: put.status } });
      const { importModelPackage: version } = await client.request<{ importModelPackage: { id: string; modelName: string; number: number; architecture: string; encoder: string } }>(IMPORT, {
        input: { uploadId: ticket.uploadId, ...(options.name ? { modelName: options.name } : {}), ...(options.material ? { material: options.material } : {}) },
      });
      printResult(globals, version, (v) => `${v.id}  ${v.modelName} v${v.number}  ${v.architecture}/${v.encoder}  imported from ${basename(file)}`);
    });
}
