import { IDEMPOTENCY_KEY_HEADER, type Mask, type Principal, datasetContracts } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { PlatformDirectory } from './platform-directory.ts';

/**
 * Registers a model's mask with the dataset service through the same presigned flow as any client,
 * so it is validated against the image and the class schema and announced by `mask.created`
 * (metrology measures it from there). The Idempotency-Key (image, version, bytes) makes a
 * redelivered job get the same upload and, once completed, the same mask: never a second one.
 */
export async function registerModelMask(
  nc: NatsConnection,
  directory: PlatformDirectory,
  principal: Principal,
  input: { imageId: string; modelVersionId: string; png: Buffer; sha256: string },
): Promise<Mask> {
  const key = `segmentation:${input.imageId}:${input.modelVersionId}:${input.sha256.slice(0, 16)}`;
  const ticket = await request(
    nc,
    datasetContracts.createMaskUpload,
    // Signed for the store's in-cluster endpoint: this service may not reach the public one.
    { imageId: input.imageId, fileName: `${input.modelVersionId}.png`, sizeBytes: input.png.byteLength, sha256: input.sha256, internal: true },
    directory.as(principal, { [IDEMPOTENCY_KEY_HEADER]: key }),
  );
  if (!ticket.url) throw new MicroSegError('INTERNAL', 'the dataset service gave no upload URL for a mask', { details: { uploadId: ticket.uploadId } });
  let response: Response;
  try {
    response = await fetch(ticket.url, { method: 'PUT', body: input.png, headers: { 'content-type': 'image/png' } });
  } catch (cause) {
    throw new MicroSegError('UNAVAILABLE', 'the object store cannot be reached for the mask upload', { retryable: true, cause });
  }
  // 403 on a ticket of a completed upload whose URL expired: completion below answers the stored mask.
  if (!response.ok && response.status !== 403) {
    throw new MicroSegError('UNAVAILABLE', `the mask upload answered ${response.status}`, { retryable: true, details: { status: response.status } });
  }
  return request(
    nc,
    datasetContracts.completeMaskUpload,
    { uploadId: ticket.uploadId, source: 'model', modelVersionId: input.modelVersionId },
    directory.as(principal),
  );
}
