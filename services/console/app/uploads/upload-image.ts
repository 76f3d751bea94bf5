import type { Client, CombinedError } from '@urql/core';
import { graphql } from '../generated/index.ts';
import { fileSha256 } from './file-sha256.ts';
import { putBlob } from './put-blob.ts';
import { type UploadProblem, UploadStopped, problemOf } from './upload-problem.ts';

const CreateImageUpload = graphql(`
  mutation CreateImageUpload($input: CreateImageUploadInput!) {
    createImageUpload(input: $input) {
      uploadId
      url
      existingImageId
      multipart {
        partSizeBytes
        parts {
          partNumber
          url
        }
      }
      mask {
        uploadId
        url
        multipart {
          partSizeBytes
          parts {
            partNumber
            url
          }
        }
      }
    }
  }
`);

const CompleteImageUpload = graphql(`
  mutation CompleteImageUpload($input: CompleteImageUploadInput!) {
    completeImageUpload(input: $input) {
      deduplicated
      image {
        id
        name
        hasMask
      }
      mask {
        id
      }
    }
  }
`);

export type UploadPhase = 'checking' | 'sending' | 'saving' | 'mask';

/** Where one upload stands: bytes hashed or sent of all the bytes it moves (image and mask). */
export interface UploadProgress {
  phase: UploadPhase;
  doneBytes: number;
  totalBytes: number;
}

interface Ticket {
  uploadId: string;
  url?: string | null;
  multipart?: { partSizeBytes: number; parts: { partNumber: number; url: string }[] } | null;
}

/** Each part of a multipart upload in turn: parts are 64 MiB by default, one at a time keeps memory flat. */
async function putFile(file: File, ticket: Ticket, onSent: (bytes: number) => void): Promise<{ partNumber: number; etag: string }[] | undefined> {
  if (ticket.url) {
    // slice(): a Blob without a type, so the browser adds no Content-Type the URL was not signed for.
    await putBlob(ticket.url, file.slice(), onSent);
    return undefined;
  }
  if (!ticket.multipart) throw new UploadStopped({ words: 'The platform answered with neither an upload URL nor parts.', code: 'INTERNAL' });
  const { partSizeBytes, parts } = ticket.multipart;
  const etags = [];
  for (const part of parts) {
    const start = (part.partNumber - 1) * partSizeBytes;
    etags.push({ partNumber: part.partNumber, etag: await putBlob(part.url, file.slice(start, start + partSizeBytes), (sent) => onSent(start + sent)) });
  }
  return etags;
}

async function run<T>(result: Promise<{ data?: T | undefined; error?: CombinedError | undefined }>): Promise<T> {
  const { data, error } = await result;
  if (error) throw error;
  if (!data) throw new UploadStopped({ words: 'The platform gave no answer.', code: null });
  return data;
}

export interface UploadedImage {
  imageId: string;
  name: string;
  /** The dataset already held these bytes: nothing was sent, the existing image stands for it. */
  deduplicated: boolean;
}

/**
 * One image (and its mask) through the presigned flow the CLI uses: hash, ticket, PUT (or parts),
 * complete. An image with its mask is one operation on the platform: the mask is checked before
 * either is stored, so a refused mask leaves the dataset as it was.
 */
export async function uploadImage(
  client: Client,
  datasetId: string,
  item: { name: string; image: File; mask: File | null },
  onProgress: (progress: UploadProgress) => void,
): Promise<UploadedImage> {
  const { image, mask } = item;
  const totalBytes = 2 * (image.size + (mask?.size ?? 0)); // each byte is hashed, then sent
  const report = (phase: UploadPhase, doneBytes: number) => onProgress({ phase, doneBytes, totalBytes });
  const sha256 = await fileSha256(image, (hashed) => report('checking', hashed));
  const maskSha256 = mask ? await fileSha256(mask, (hashed) => report('checking', image.size + hashed)) : null;
  const { createImageUpload: ticket } = await run(
    client
      .mutation(CreateImageUpload, {
        input: {
          datasetId,
          fileName: image.name,
          sizeBytes: image.size,
          sha256,
          contentType: image.type || null,
          ...(mask && maskSha256 ? { mask: { fileName: mask.name, sizeBytes: mask.size, sha256: maskSha256 } } : {}),
        },
      })
      .toPromise(),
  );
  const hashed = image.size + (mask?.size ?? 0);
  // Known bytes with nothing to attach: the existing image stands for the upload.
  if (ticket.existingImageId && !mask) {
    report('saving', totalBytes);
    return { imageId: ticket.existingImageId, name: item.name, deduplicated: true };
  }
  const parts = await putFile(image, ticket, (sent) => report('sending', hashed + sent));
  const maskParts = mask && ticket.mask ? await putFile(mask, ticket.mask, (sent) => report('mask', hashed + image.size + sent)) : undefined;
  report('saving', totalBytes);
  try {
    const { completeImageUpload } = await run(
      client
        .mutation(
          CompleteImageUpload,
          {
            input: {
              uploadId: ticket.uploadId,
              name: item.name,
              ...(parts ? { parts } : {}),
              ...(ticket.mask ? { mask: { uploadId: ticket.mask.uploadId, ...(maskParts ? { parts: maskParts } : {}) } } : {}),
            },
          },
          // The grid's "mask" facts and the image page read Image: refetch them.
          { additionalTypenames: ['Image'] },
        )
        .toPromise(),
    );
    return { imageId: completeImageUpload.image.id, name: completeImageUpload.image.name, deduplicated: completeImageUpload.deduplicated };
  } catch (error) {
    const problem = problemOf(error);
    if (!mask || !isMaskRefusal(problem)) throw error;
    throw new UploadStopped({ ...problem, words: `The mask was refused: ${problem.words} The image was not kept either: fix the mask and drop both again.` });
  }
}

/** A refusal about the mask (its size, classes, format) rather than the image: the platform names it. */
function isMaskRefusal(problem: UploadProblem): boolean {
  return /mask/i.test(`${problem.code ?? ''} ${problem.words}`);
}
