import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INFERENCE_JOBS_STREAM, EVENTS_STREAM } from '@microseg/contracts';
import { describeFile, uploadImage } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import type { PlatformService } from '@microseg/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';

/**
 * The fault test: uploads flow through the pipeline while inference and metrology are
 * SIGKILLed at random moments (and started again) and NATS restarts once. Every image must end
 * with exactly one segmentation and one measurement set per (model version, profile), nothing
 * lost, nothing doubled, no job left pending. FAULT_UPLOADS scales it (200 in CI).
 */
const UPLOADS = Number(process.env['FAULT_UPLOADS'] ?? 200);
const UPLOAD_CONCURRENCY = 4;
const KILLED: readonly PlatformService[] = ['inference', 'metrology'];
/** Kills of each service at the least: uploads can finish before the pipeline does, the faults go on meanwhile. */
const MIN_KILLS_EACH = 8;
const ROOT = resolve(import.meta.dirname, '..', '..');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

interface Figures {
  uploads: number;
  uploadRetries: number;
  kills: Record<string, number>;
  natsRestarts: number;
  segmentJobs: number;
  deliveries: Record<string, { delivered: number; redelivered: number }>;
  duplicatesDropped: { segmentations: number; measurements: number };
  segmentations: number;
  measurementSets: number;
  losses: number;
  seconds: number;
}

describe('pipeline under faults: SIGKILLed inference and metrology, a NATS restart', () => {
  let platform: TestPlatform;
  let db: pg.Client;
  let setup: TinyModelDataset | undefined;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], {
      MICROSEG_TF_BACKEND: 'wasm',
      LOG_LEVEL: 'info',
      // Short ack waits: a job held by a killed process comes back within seconds, not minutes.
      INFERENCE_ACK_WAIT_MS: '4000',
      METROLOGY_ACK_WAIT_MS: '4000',
      // Restarted often, so every start must not wait on the drain deadline of the last one.
      DRAIN_TIMEOUT_MS: '2000',
    });
    scratch = await mkdtemp(join(tmpdir(), 'microseg-fault-'));
    db = new pg.Client({ connectionString: platform.infrastructure.databaseUrl });
    await db.connect();
  }, 180_000);
  afterAll(async () => {
    await setup?.stop();
    await db?.end();
    await platform?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(`${UPLOADS} uploads end with exactly one segmentation and one measurement set each`, async () => {
    const started = Date.now();
    const lab = await platform.newGroup();
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Fault test' });
    const { nc, datasetId } = setup;
    await lab.client.request('mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }', {
      input: { datasetId, model: 'tiny-unet', alias: 'production' },
    });

    const figures: Figures = {
      uploads: 0, uploadRetries: 0, kills: { inference: 0, metrology: 0 }, natsRestarts: 0, segmentJobs: 0,
      deliveries: {}, duplicatesDropped: { segmentations: 0, measurements: 0 }, segmentations: 0, measurementSets: 0, losses: 0, seconds: 0,
    };

    // Uploads as a LIMS client makes them: a failed attempt (the gateway cannot reach the dataset
    // service while NATS restarts) is tried again; a retry of an upload that did land is deduplicated by sha256.
    const imageIds = new Set<string>();
    let next = 0;
    const uploader = async () => {
      for (let i = next++; i < UPLOADS; i = next++) {
        const path = join(scratch, `fault-${i}.png`);
        await writeFile(path, await grayPng(40 + (i % 24), 32 + Math.floor(i / 24), i));
        const file = await describeFile(path);
        for (let attempt = 1; ; attempt++) {
          try {
            const { image } = await uploadImage(lab.client, file, { datasetId, limsId: `FAULT-${i}` });
            imageIds.add(image.id);
            figures.uploads++;
            break;
          } catch (error) {
            if (!(error instanceof MicroSegError) || !error.retryable || attempt >= 30) throw error;
            figures.uploadRetries++;
            await sleep(1_000);
          }
        }
      }
    };

    // Kills at random moments while the uploads go on; NATS restarts once, half-way.
    let uploadsDone = false;
    const chaos = async () => {
      const processes = platform.platform.processes;
      while (!uploadsDone || KILLED.some((name) => figures.kills[name]! < MIN_KILLS_EACH)) {
        await sleep(between(1_500, 5_000));
        const name = KILLED[Math.floor(Math.random() * KILLED.length)]!;
        const service = processes.get(name)!;
        await service.kill();
        figures.kills[name]!++;
        await sleep(between(100, 1_500));
        service.start();
        if (figures.natsRestarts === 0 && figures.uploads >= UPLOADS / 2) {
          await platform.infrastructure.restartNats!();
          figures.natsRestarts++;
        }
      }
    };
    const chaosDone = chaos();
    await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, uploader));
    uploadsDone = true;
    await chaosDone;
    expect(imageIds.size).toBe(UPLOADS);
    expect(figures.natsRestarts).toBe(1);

    // The pipeline catches up after the last kill: every image segmented and measured.
    const ids = [...imageIds];
    const done = async () => {
      const segmented = await db.query<{ n: number }>(
        "select count(*)::int as n from inference.segmentations where image_id = any($1::uuid[]) and status = 'succeeded'", [ids]);
      const measured = await db.query<{ n: number }>(
        "select count(distinct image_id)::int as n from metrology.measurement_sets where image_id = any($1::uuid[]) and source = 'model' and status = 'succeeded'", [ids]);
      return { segmented: segmented.rows[0]!.n, measured: measured.rows[0]!.n };
    };
    const deadline = Date.now() + 300_000;
    let progress = await done();
    while ((progress.segmented < UPLOADS || progress.measured < UPLOADS) && Date.now() < deadline) {
      await sleep(1_000);
      progress = await done();
    }
    expect(progress, 'every upload segmented and measured within 5 minutes of the last fault').toEqual({ segmented: UPLOADS, measured: UPLOADS });

    // Exactly one of everything per image: images, segmentations, model masks, measurement sets.
    const perImage = await db.query<{ image_id: string; images: number; segmentations: number; masks: number; sets: number }>(
      `select i.id as image_id,
         (select count(*)::int from dataset.images d where d.id = i.id and d.deleted_at is null) as images,
         (select count(*)::int from inference.segmentations s where s.image_id = i.id) as segmentations,
         (select count(*)::int from dataset.masks m where m.image_id = i.id and m.source = 'model' and m.deleted_at is null) as masks,
         (select count(*)::int from metrology.measurement_sets ms where ms.image_id = i.id and ms.source = 'model') as sets
       from unnest($1::uuid[]) as i(id)`,
      [ids],
    );
    const wrong = perImage.rows.filter((row) => row.images !== 1 || row.segmentations !== 1 || row.masks !== 1 || row.sets !== 1);
    expect(wrong).toEqual([]);
    const { rows: datasetImages } = await db.query<{ n: number }>('select count(*)::int as n from dataset.images where dataset_id = $1 and deleted_at is null', [datasetId]);
    expect(datasetImages[0]!.n, 'no upload stored twice').toBe(UPLOADS);
    const { rows: doubled } = await db.query('select mask_id, profile_hash, count(*) from metrology.measurement_sets group by mask_id, profile_hash, code_version having count(*) > 1');
    expect(doubled).toEqual([]);

    // Nothing stuck: every upload run finished, every outbox row sent, every consumer drained.
    const { rows: runs } = await db.query<{ running: number; total: number }>(
      `select count(*)::int as total, count(*) filter (where (select count(*) from inference.run_items ri where ri.run_id = r.id) < r.total)::int as running
       from inference.runs r where r.dataset_id = $1`, [datasetId]);
    expect(runs[0]).toEqual({ total: UPLOADS, running: 0 });
    for (const schema of ['dataset', 'inference', 'metrology']) {
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.outbox where sent_at is null`);
      expect(rows[0]!.n, `${schema} outbox rows left unsent`).toBe(0);
    }
    const jsm = await nc.jetstreamManager();
    // Stored once each (publishes carry a Nats-Msg-Id, so a relay's repeat is dropped by the stream).
    figures.segmentJobs = Number((await jsm.streams.info(INFERENCE_JOBS_STREAM.name)).state.last_seq);
    const consumers: [stream: string, consumer: string, messages: number][] = [
      [EVENTS_STREAM.name, 'inference-image-uploaded', UPLOADS],
      [INFERENCE_JOBS_STREAM.name, INFERENCE_JOBS_STREAM.consumer, figures.segmentJobs],
      [EVENTS_STREAM.name, 'metrology-mask-created', UPLOADS],
    ];
    for (const [stream, name, messages] of consumers) {
      const info = await jsm.consumers.info(stream, name);
      expect({ consumer: name, pending: info.num_pending, acknowledging: info.num_ack_pending }).toEqual({ consumer: name, pending: 0, acknowledging: 0 });
      // The consumer sequence counts deliveries: past one per message, they were redeliveries.
      figures.deliveries[name] = { delivered: info.delivered.consumer_seq, redelivered: info.delivered.consumer_seq - messages };
    }
    expect(figures.segmentJobs, 'one segmentation job per upload').toBe(UPLOADS);

    const logDir = resolve(ROOT, '.microseg', 'test-logs', platform.infrastructure.runId);
    const countLines = async (service: string, message: string) =>
      (await readFile(join(logDir, `${service}.log`), 'utf8').catch(() => '')).split('\n').filter((line) => line.includes(`"msg":"${message}"`)).length;
    figures.duplicatesDropped = {
      segmentations: await countLines('inference', 'segmentation already stored'),
      measurements: (await readFile(join(logDir, 'metrology.log'), 'utf8').catch(() => '')).split('\n').filter((line) => line.includes('"outcome":"already-measured"')).length,
    };
    figures.segmentations = perImage.rows.reduce((sum, row) => sum + row.segmentations, 0);
    figures.measurementSets = perImage.rows.reduce((sum, row) => sum + row.sets, 0);
    figures.losses = perImage.rows.filter((row) => row.segmentations === 0 || row.sets === 0).length;
    figures.seconds = Math.round((Date.now() - started) / 1000);
    console.log(`fault test figures: ${JSON.stringify(figures)}`);
    for (const name of KILLED) expect(figures.kills[name]).toBeGreaterThanOrEqual(MIN_KILLS_EACH);
    expect(figures.losses).toBe(0);
  }, 900_000);
});
