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
    }
  }
`);

const CreateMaskUpload = graphql(`
  mutation CreateMaskUpload($input: CreateMaskUploadInput!) {
    createMaskUpload(input: $input) {
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
`);

const CompleteMaskUpload = graphql(`
  mutation CompleteMaskUpload($input: CompleteMaskUploadInput!) {
    completeMaskUpload(input: $input) {
      id
      imageId
    }
  }
`);

const DeleteImage = graphql(`
  mutation DeleteUploadedImage($id: ID!) {
    deleteImage(id: $id) {
      id
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
 * complete. All or nothing: when the mask is refused, the image this upload created is deleted
 * again, so the dataset never keeps an image whose mask did not make it.
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
  const { createImageUpload: ticket } = await run(
    client.mutation(CreateImageUpload, { input: { datasetId, fileName: image.name, sizeBytes: image.size, sha256, contentType: image.type || null } }).toPromise(),
  );
  let uploaded: UploadedImage;
  if (ticket.existingImageId) {
    uploaded = { imageId: ticket.existingImageId, name: item.name, deduplicated: true };
    report('saving', 2 * image.size);
  } else {
    const parts = await putFile(image, ticket, (sent) => report('sending', image.size + sent));
    report('saving', 2 * image.size);
    const { completeImageUpload } = await run(client.mutation(CompleteImageUpload, { input: { uploadId: ticket.uploadId, name: item.name, ...(parts ? { parts } : {}) } }).toPromise());
    uploaded = { imageId: completeImageUpload.image.id, name: completeImageUpload.image.name, deduplicated: completeImageUpload.deduplicated };
  }
  if (!mask) return uploaded;
  try {
    const base = 2 * image.size;
    const maskSha256 = await fileSha256(mask, (hashed) => report('mask', base + hashed));
    const { createMaskUpload: maskTicket } = await run(
      client.mutation(CreateMaskUpload, { input: { imageId: uploaded.imageId, fileName: mask.name, sizeBytes: mask.size, sha256: maskSha256 } }).toPromise(),
    );
    const parts = await putFile(mask, maskTicket, (sent) => report('mask', base + mask.size + sent));
    // The grid's "mask" facts and the image page read Image: refetch them.
    await run(client.mutation(CompleteMaskUpload, { input: { uploadId: maskTicket.uploadId, ...(parts ? { parts } : {}) } }, { additionalTypenames: ['Image'] }).toPromise());
    return uploaded;
  } catch (error) {
    throw new UploadStopped(await undoImage(client, uploaded, problemOf(error)));
  }
}

/** The mask was refused: take back the image this upload created (not one the dataset already had). */
async function undoImage(client: Client, uploaded: UploadedImage, problem: UploadProblem): Promise<UploadProblem> {
  const refused = `The mask was refused: ${problem.words}`;
  if (uploaded.deduplicated) return { ...problem, words: `${refused} The image was already in the dataset and stays as it was.` };
  const { error } = await client.mutation(DeleteImage, { id: uploaded.imageId }, { additionalTypenames: ['Image', 'Dataset'] }).toPromise();
  if (error) return { ...problem, words: `${refused} Removing the image again failed too (${problemOf(error).words}): delete “${uploaded.name}” from the dataset by hand.` };
  return { ...problem, words: `${refused} The image was not kept either: fix the mask and drop both again.` };
}
