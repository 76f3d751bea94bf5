import { randomUUID } from 'node:crypto';
import type { Principal } from '@microseg/contracts';
import {
  DatasetAccess,
  type DatasetDatabase,
  DatasetRepository,
  ImageIngest,
  ImageRepository,
  MaskIngest,
  MultipartUploads,
  UploadRepository,
  UploadTickets,
  UploadedBytes,
  datasetMigrations,
} from '@microseg/dataset-service';
import type { Kysely } from '@microseg/db';
import type { MicroSegError } from '@microseg/errors';
import { silentLogger } from '@microseg/logging';
import { DecodeBudget } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestObjectStore, expectCode, migratedDatabase, type MigratedDatabase } from '../harness/index.ts';
import { grayPng, indexMaskPng, putToUrl, sha256 } from './images.ts';

const BUCKET = 'medium-datasets';

/**
 * Medium tests of the dataset service's use cases: ImageIngest, MaskIngest and the repositories
 * against the real PostgreSQL and S3 server, without NATS or the other services in between.
 */
describe('ImageIngest.complete against PostgreSQL and S3', () => {
  let database: MigratedDatabase<DatasetDatabase>;
  let db: Kysely<DatasetDatabase>;
  let store: ObjectStore;
  let ingest: ImageIngest;
  let images: ImageRepository;
  let uploads: UploadRepository;
  let principal: Principal;
  let datasetId: string;

  beforeAll(async () => {
    database = await migratedDatabase<DatasetDatabase>('dataset', datasetMigrations);
    db = database.db;
    store = createTestObjectStore(database.infrastructure.s3);
    await store.ensureBucket(BUCKET);
    const s3 = { url: database.infrastructure.s3.endpoint, accessKey: database.infrastructure.s3.accessKey, secretKey: database.infrastructure.s3.secretKey, region: database.infrastructure.s3.region };
    const datasets = new DatasetRepository(db);
    images = new ImageRepository(db);
    uploads = new UploadRepository(db);
    const access = new DatasetAccess(datasets);
    const multipart = new MultipartUploads(s3);
    const tickets = new UploadTickets({ uploads, store, multipart, settings: { bucket: BUCKET, maxUploadBytes: 10_000_000, multipartThresholdBytes: 8_000_000 } });
    const bytes = new UploadedBytes({ uploads, store, multipart, logger: silentLogger, maxUploadBytes: 10_000_000 });
    const common = { access, images, tickets, bytes, store, decoder: { maxPixels: 10_000_000 }, slots: pLimit(4), budget: new DecodeBudget(256 * 1024 * 1024) };
    const masks = new MaskIngest(common);
    ingest = new ImageIngest({ ...common, masks });
    principal = { groupId: randomUUID(), groupName: 'Medium lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    const dataset = await datasets.create({
      groupId: principal.groupId,
      name: 'Medium',
      material: 'super',
      description: '',
      classes: [
        { index: 0, name: 'matrix', color: '#000000' },
        { index: 1, name: 'precipitate', color: '#ff0000' },
      ],
      defaultPixelSize: undefined,
      visibility: { level: 'private', sharedWith: [] },
    });
    datasetId = dataset.id;
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  /** A ticket and its PUT, as a client does them. */
  async function uploaded(bytes: Buffer, mask?: Buffer) {
    const ticket = await ingest.createUpload(principal, {
      datasetId,
      fileName: `image-${sha256(bytes).slice(0, 12)}.png`,
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      expiresInSeconds: 900,
      ...(mask ? { mask: { fileName: 'mask.png', sizeBytes: mask.length, sha256: sha256(mask) } } : {}),
    });
    expect((await putToUrl(ticket.url!, bytes)).ok).toBe(true);
    if (mask) expect((await putToUrl(ticket.mask!.url!, mask)).ok).toBe(true);
    return ticket;
  }
  const objectExists = (key: string) => store.statObject(BUCKET, key).then(() => true, () => false);
  const uploadRow = (id: string) => db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const imageRows = (sha: string) => db.selectFrom('images').select('id').where('dataset_id', '=', datasetId).where('sha256', '=', sha).execute();

  it('answers one image for the same bytes completed concurrently, and removes the loser\'s object', async () => {
    const bytes = await grayPng(40, 30, 1);
    const tickets = await Promise.all([uploaded(bytes), uploaded(bytes), uploaded(bytes)]);

    const answers = await Promise.all(tickets.map((ticket) => ingest.complete(principal, { uploadId: ticket.uploadId, metadata: {} })));

    expect(new Set(answers.map((a) => a.image.id)).size).toBe(1);
    expect(answers.filter((a) => !a.deduplicated)).toHaveLength(1);
    expect(await imageRows(sha256(bytes))).toHaveLength(1);
    for (const ticket of tickets) {
      const row = await uploadRow(ticket.uploadId);
      expect(row.status).toBe('completed');
      expect(row.result_id).toBe(answers[0]!.image.id);
    }
    const kept = answers.find((a) => !a.deduplicated)!.image.original.key;
    for (const ticket of tickets) {
      const key = (await uploadRow(ticket.uploadId)).object_key;
      expect(await objectExists(key)).toBe(key === kept);
    }
  });

  it('attaches a LIMS id to known bytes once; concurrent different ids: one wins, the other is a CONFLICT naming both', async () => {
    const bytes = await grayPng(40, 30, 2);
    const first = await ingest.complete(principal, { uploadId: (await uploaded(bytes)).uploadId, metadata: {} });
    expect(first.image.limsId).toBeNull();
    const [a, b] = await Promise.all([uploaded(bytes), uploaded(bytes)]);

    const results = await Promise.allSettled([
      ingest.complete(principal, { uploadId: a.uploadId, limsId: 'L-A', metadata: {} }),
      ingest.complete(principal, { uploadId: b.uploadId, limsId: 'L-B', metadata: {} }),
    ]);

    const won = results.find((r) => r.status === 'fulfilled');
    const lost = results.find((r) => r.status === 'rejected');
    expect(won && lost).toBeTruthy();
    const limsId = (won as PromiseFulfilledResult<{ image: { limsId: string | null } }>).value.image.limsId;
    expect(['L-A', 'L-B']).toContain(limsId);
    const error = (lost as PromiseRejectedResult).reason as MicroSegError;
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ imageId: first.image.id, limsId, requestedLimsId: limsId === 'L-A' ? 'L-B' : 'L-A' });
    expect((await images.find(first.image.id))!.limsId).toBe(limsId);
    // The image was announced again with its new id (one image.uploaded for the upload, one for the attach).
    const events = await db.selectFrom('outbox').select('payload').where('subject', '=', 'microseg.events.image.uploaded.v1').execute();
    expect(events.filter((e) => (e.payload as { imageId: string }).imageId === first.image.id)).toHaveLength(2);
  });

  it('finds an image by LIMS id within its group only, and no longer once it is deleted', async () => {
    const bytes = await grayPng(40, 30, 4);
    const done = await ingest.complete(principal, { uploadId: (await uploaded(bytes)).uploadId, limsId: 'L-FIND', metadata: {} });
    expect((await images.findByLimsId(principal.groupId, 'L-FIND'))?.id).toBe(done.image.id);
    expect(await images.findByLimsId(randomUUID(), 'L-FIND')).toBeUndefined();
    await images.softDelete(done.image.id, principal.memberId, 60);
    expect(await images.findByLimsId(principal.groupId, 'L-FIND')).toBeUndefined();
  });

  it('commits an image with its mask in one transaction, and a refused mask leaves neither row nor object', async () => {
    const bytes = await grayPng(40, 30, 3);
    const wrongSize = await indexMaskPng(20, 30, 2);
    const refused = await uploaded(bytes, wrongSize);

    await expectCode(ingest.complete(principal, { uploadId: refused.uploadId, metadata: {}, mask: { uploadId: refused.mask!.uploadId } }), 'INVALID_INPUT');

    expect(await imageRows(sha256(bytes))).toHaveLength(0);
    for (const id of [refused.uploadId, refused.mask!.uploadId]) {
      const row = await uploadRow(id);
      expect(row.status).toBe('failed');
      expect(await objectExists(row.object_key)).toBe(false);
    }

    const accepted = await uploaded(bytes, await indexMaskPng(40, 30, 2));
    const done = await ingest.complete(principal, { uploadId: accepted.uploadId, metadata: {}, mask: { uploadId: accepted.mask!.uploadId } });
    expect(done.image.hasMask).toBe(true);
    expect(done.mask).toMatchObject({ imageId: done.image.id, source: 'ground_truth' });
    expect((await uploadRow(accepted.mask!.uploadId)).result_id).toBe(done.mask!.id);
  });
});
