import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import { type PixelSize, formatPixelSize, parsePixelSize } from '@microseg/micrograph';
import type { Command } from 'commander';
import { type GatewayClient, clientFromOptions, found } from '../gateway-client.ts';
import { printResult } from '../output.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

interface UploadTicket {
  uploadId: string;
  url: string | null;
  existingImageId: string | null;
  multipart: { partSizeBytes: number; parts: { partNumber: number; url: string }[] } | null;
  mask?: UploadTicket | null;
}

export interface UploadedMask {
  id: string;
  kind: string;
  classPixels: Record<string, number>;
}

export interface UploadedImage {
  id: string;
  name: string;
  width: number;
  height: number;
  channels: number;
  bitDepth: number;
  format: string;
  pixelSize: PixelSize | null;
  limsId: string | null;
}

const IMAGE_FIELDS = 'id name width height channels bitDepth format pixelSize { value unit } limsId';
const TICKET_FIELDS = 'uploadId url existingImageId multipart { partSizeBytes parts { partNumber url } }';
const CREATE_IMAGE_UPLOAD = `mutation($input: CreateImageUploadInput!) {
  createImageUpload(input: $input) { ${TICKET_FIELDS} mask { ${TICKET_FIELDS} } }
}`;
const COMPLETE_IMAGE_UPLOAD = `mutation($input: CompleteImageUploadInput!) {
  completeImageUpload(input: $input) { deduplicated image { ${IMAGE_FIELDS} } mask { id kind classPixels } }
}`;
const IMAGE = `query($id: ID!) { image(id: $id) { ${IMAGE_FIELDS} } }`;

/**
 * Runs a mutation with an Idempotency-Key, retrying it with the same key while the platform
 * answers "try again" (UNAVAILABLE, TIMEOUT): a retry of a mutation that did happen is answered
 * from the server's record instead of happening twice.
 */
export async function mutate<T>(client: GatewayClient, query: string, variables: Record<string, unknown>): Promise<T> {
  const headers = { 'idempotency-key': randomUUID() };
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.request<T>(query, variables, headers);
    } catch (error) {
      if (!(error instanceof MicroSegError) || !error.retryable || attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

/** A file to upload: its bytes are read once to hash, then again per part while putting. */
export interface LocalFile {
  path: string;
  size: number;
  sha256: string;
}

/** Size and sha256 of a file, streamed: a multipart-sized file is never held in memory whole. */
export async function describeFile(path: string): Promise<LocalFile> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new MicroSegError('INVALID_INPUT', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { path, size, sha256: hash.digest('hex') };
}

async function put(url: string, body: Uint8Array): Promise<string> {
  const response = await fetch(url, { method: 'PUT', body, headers: { 'content-length': String(body.byteLength) } });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const expired = /expired/i.test(text);
    throw new MicroSegError(expired ? 'INVALID_INPUT' : 'UNAVAILABLE', `the object store refused the upload (HTTP ${response.status})${expired ? ': the upload URL expired' : ''}`, {
      details: { status: response.status, ...(expired ? { problem: 'upload-url-expired' } : {}) },
    });
  }
  return response.headers.get('etag') ?? '';
}

/** Puts a file where a ticket says: one PUT, or each part of a multipart upload. */
async function putFile(file: LocalFile, ticket: Pick<UploadTicket, 'url' | 'multipart'>) {
  if (ticket.url) {
    await put(ticket.url, await readFile(file.path));
    return undefined;
  }
  const multipart = ticket.multipart;
  if (!multipart) throw new MicroSegError('INTERNAL', 'the upload ticket has neither a URL nor parts');
  const handle = await open(file.path, 'r');
  try {
    const parts = [];
    for (const part of multipart.parts) {
      const offset = (part.partNumber - 1) * multipart.partSizeBytes;
      const buffer = Buffer.alloc(Math.min(multipart.partSizeBytes, file.size - offset));
      await handle.read(buffer, 0, buffer.length, offset);
      parts.push({ partNumber: part.partNumber, etag: await put(part.url, buffer) });
    }
    return parts;
  } finally {
    await handle.close();
  }
}

export interface ImageUploadOptions {
  datasetId: string;
  name?: string | undefined;
  limsId?: string | undefined;
  pixelSize?: PixelSize | undefined;
  metadata?: Record<string, string> | undefined;
  /** The image's ground-truth mask: stored with the image in one operation, or neither is. */
  mask?: LocalFile | undefined;
}

export interface UploadedImageWithMask {
  image: UploadedImage;
  deduplicated: boolean;
  mask: UploadedMask | null;
}

/**
 * Uploads one image (and its mask) through presign + PUT + complete. Bytes the dataset already
 * holds are not sent again, unless the upload brings something to attach (a LIMS id, a mask):
 * then the platform completes it on the existing image, so nothing the caller gave is dropped.
 */
export async function uploadImage(client: GatewayClient, file: LocalFile, options: ImageUploadOptions): Promise<UploadedImageWithMask> {
  const mask = options.mask;
  const { createImageUpload: ticket } = await mutate<{ createImageUpload: UploadTicket }>(client, CREATE_IMAGE_UPLOAD, {
    input: {
      datasetId: options.datasetId,
      fileName: basename(file.path),
      sizeBytes: file.size,
      sha256: file.sha256,
      ...(mask ? { mask: { fileName: basename(mask.path), sizeBytes: mask.size, sha256: mask.sha256 } } : {}),
    },
  });
  if (ticket.existingImageId && !options.limsId && !mask) {
    const { image } = await client.request<{ image: UploadedImage | null }>(IMAGE, { id: ticket.existingImageId });
    return { image: found(image, 'image', ticket.existingImageId), deduplicated: true, mask: null };
  }
  const parts = await putFile(file, ticket);
  const maskParts = mask && ticket.mask ? await putFile(mask, ticket.mask) : undefined;
  const { completeImageUpload } = await mutate<{ completeImageUpload: UploadedImageWithMask }>(client, COMPLETE_IMAGE_UPLOAD, {
    input: {
      uploadId: ticket.uploadId,
      ...(options.name ? { name: options.name } : {}),
      ...(options.limsId ? { limsId: options.limsId } : {}),
      ...(options.pixelSize ? { pixelSize: options.pixelSize } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
      ...(parts ? { parts } : {}),
      ...(ticket.mask ? { mask: { uploadId: ticket.mask.uploadId, ...(maskParts ? { parts: maskParts } : {}) } } : {}),
    },
  });
  return completeImageUpload;
}

const parseMeta = (pair: string, previous: Record<string, string> = {}) => {
  const at = pair.indexOf('=');
  if (at < 1) throw new MicroSegError('INVALID_INPUT', `--meta takes key=value, got "${pair}"`);
  return { ...previous, [pair.slice(0, at)]: pair.slice(at + 1) };
};

/** `image upload`: one micrograph (and optionally its mask) into a dataset. */
export function registerImageCommands(program: Command): void {
  const image = program.command('image').description('micrographs of a dataset');
  image
    .command('upload')
    .description('upload an image (PNG, TIFF or JPEG), optionally with its ground-truth mask')
    .argument('<file>', 'the image file')
    .requiredOption('--dataset <id>', 'dataset id')
    .option('--mask <file>', 'its mask: an index PNG or a colour mask in the class colours')
    .option('--lims-id <id>', 'the LIMS sample id (unique within your group)')
    .option('--pixel-size <size>', 'pixel size with its unit, e.g. 0.5um, 2nm (overrides the file and dataset)', parsePixelSize)
    .option('--name <name>', 'image name (default: the file name without extension)')
    .option('--meta <key=value>', 'metadata, repeatable', parseMeta)
    .option('--json', 'print JSON')
    .action(async (path: string, options: { dataset: string; mask?: string; limsId?: string; pixelSize?: PixelSize; name?: string; meta?: Record<string, string> }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const uploaded = await uploadImage(client, await describeFile(path), {
        datasetId: options.dataset,
        name: options.name,
        limsId: options.limsId,
        pixelSize: options.pixelSize,
        metadata: options.meta,
        mask: options.mask ? await describeFile(options.mask) : undefined,
      });
      printResult(globals, uploaded, (r) =>
        [
          `${r.deduplicated ? 'already in the dataset' : 'uploaded'}: ${r.image.name} (${r.image.id})`,
          `  ${r.image.width}x${r.image.height}, ${r.image.channels === 1 ? 'gray' : 'RGB'} ${r.image.bitDepth}-bit ${r.image.format}` +
            (r.image.pixelSize ? `, pixel ${formatPixelSize(r.image.pixelSize)}` : ''),
          ...(r.mask ? [`  mask (${r.mask.kind}): ${JSON.stringify(r.mask.classPixels)} pixels per class`] : []),
        ].join('\n'),
      );
    });
}
