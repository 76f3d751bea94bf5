// Uploads one micrograph with its LIMS sample id: presign, PUT to object storage, complete.
// Usage: node upload-image.mjs FILE DATASET_ID LIMS_ID   (prints the image as JSON)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { graphql } from './microseg-client.mjs';

const [file, datasetId, limsId] = process.argv.slice(2);
if (!file || !datasetId || !limsId) throw new Error('usage: node upload-image.mjs FILE DATASET_ID LIMS_ID');

const bytes = await readFile(file);
const sha256 = createHash('sha256').update(bytes).digest('hex');

// 1. Ask for an upload URL. The dataset may already hold these bytes: then no upload is needed.
const { createImageUpload: ticket } = await graphql(
  `mutation Presign($input: CreateImageUploadInput!) {
     createImageUpload(input: $input) { uploadId url existingImageId multipart { partSizeBytes parts { partNumber url } } }
   }`,
  { input: { datasetId, fileName: basename(file), sizeBytes: bytes.length, sha256 } },
);

// 2. PUT the bytes to object storage (presigned: no API key on this request). Files above the
//    platform's multipart threshold come back as parts, each PUT separately; its ETag is kept.
const parts = [];
if (ticket.url) {
  const put = await fetch(ticket.url, { method: 'PUT', body: bytes });
  if (!put.ok) throw new Error(`upload refused by object storage: ${put.status}`);
} else if (ticket.multipart) {
  for (const part of ticket.multipart.parts) {
    const start = (part.partNumber - 1) * ticket.multipart.partSizeBytes;
    const put = await fetch(part.url, { method: 'PUT', body: bytes.subarray(start, start + ticket.multipart.partSizeBytes) });
    if (!put.ok) throw new Error(`part ${part.partNumber} refused: ${put.status}`);
    parts.push({ partNumber: part.partNumber, etag: put.headers.get('etag') });
  }
}

// 3. Complete: the platform checks the sha256, decodes the image and records the LIMS id. An
//    automation policy on the dataset segments and measures it from here on, with no further call.
const { completeImageUpload: done } = await graphql(
  `mutation Complete($input: CompleteImageUploadInput!) {
     completeImageUpload(input: $input) { deduplicated image { id limsId width height } }
   }`,
  { input: { uploadId: ticket.uploadId, limsId, ...(parts.length ? { parts } : {}) } },
);
console.log(JSON.stringify({ ...done.image, deduplicated: done.deduplicated }));
