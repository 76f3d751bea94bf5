import { randomUUID } from 'node:crypto';
import type { Principal } from '@microseg/contracts';
import {
  DatasetAccess,
  DatasetCatalog,
  type DatasetDatabase,
  DatasetRepository,
  ExperimentRepository,
  ImageRepository,
  VersionRepository,
  datasetMigrations,
} from '@microseg/dataset-service';
import type { Kysely } from '@microseg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode, type MigratedDatabase, migratedDatabase } from '../harness/index.ts';

const CLASSES = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'precipitate', color: '#ff0000' },
];

/**
 * Medium tests of the dataset and dataset-version repositories and the catalog's use cases against
 * the real PostgreSQL (the dataset service's own migrations; no NATS, no S3): names per group,
 * who may read what, soft deletion, and versions identified by their content even when two
 * freezes race.
 */
describe('dataset and dataset-version repositories against PostgreSQL', () => {
  let database: MigratedDatabase<DatasetDatabase>;
  let db: Kysely<DatasetDatabase>;
  let datasets: DatasetRepository;
  let versions: VersionRepository;
  let catalog: DatasetCatalog;

  const principal = (groupId: string, role: Principal['role'] = 'member'): Principal => ({ groupId, groupName: `lab ${groupId.slice(0, 4)}`, memberId: randomUUID(), keyId: randomUUID(), role });
  const create = (groupId: string, name: string, visibility: { level: 'private' | 'public' | 'shared'; sharedWith: string[] } = { level: 'private', sharedWith: [] }) =>
    datasets.create({ groupId, name, material: 'super', description: '', classes: CLASSES, defaultPixelSize: undefined, visibility });
  const readableNames = async (who: Principal, options: { nameContains?: string; ownedOnly?: boolean } = {}) =>
    (await datasets.listReadable(who, { first: 100, ownedOnly: options.ownedOnly ?? false, nameContains: options.nameContains })).nodes.map((d) => d.name).sort();

  beforeAll(async () => {
    database = await migratedDatabase<DatasetDatabase>('dataset', datasetMigrations);
    db = database.db;
    datasets = new DatasetRepository(db);
    versions = new VersionRepository(db);
    catalog = new DatasetCatalog({
      access: new DatasetAccess(datasets),
      datasets,
      experiments: new ExperimentRepository(db),
      images: new ImageRepository(db),
      versions,
      shareTargets: () => Promise.resolve(),
      deletedObjectsDelaySeconds: 60,
    });
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  it('keeps dataset names unique per group whatever their case, with a typed CONFLICT; other groups and deleted names are free', async () => {
    const lab = randomUUID();
    const first = await create(lab, 'Superalloy SEM');
    await expectCode(create(lab, 'superalloy sem'), 'CONFLICT');
    await expect(create(randomUUID(), 'Superalloy SEM')).resolves.toMatchObject({ name: 'Superalloy SEM' });
    const other = await create(lab, 'Coatings');
    await expectCode(datasets.update(other.id, { name: 'SUPERALLOY SEM' }), 'CONFLICT');

    await datasets.softDelete(first.id, randomUUID(), 60);
    expect(await datasets.find(first.id)).toBeUndefined();
    await expect(create(lab, 'Superalloy SEM')).resolves.toMatchObject({ name: 'Superalloy SEM' });
    await expectCode(datasets.softDelete(first.id, randomUUID(), 60), 'NOT_FOUND');
  });

  it('lists what a group may read: its own, public ones and those shared with it; never another group\'s private or deleted ones', async () => {
    const [owner, friend, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    const tag = randomUUID().slice(0, 8);
    await create(owner, `${tag} private`);
    await create(owner, `${tag} public`, { level: 'public', sharedWith: [] });
    await create(owner, `${tag} shared`, { level: 'shared', sharedWith: [friend] });
    const gone = await create(owner, `${tag} deleted`, { level: 'public', sharedWith: [] });
    await datasets.softDelete(gone.id, randomUUID(), 60);

    expect(await readableNames(principal(owner), { nameContains: tag })).toEqual([`${tag} private`, `${tag} public`, `${tag} shared`]);
    expect(await readableNames(principal(friend), { nameContains: tag })).toEqual([`${tag} public`, `${tag} shared`]);
    expect(await readableNames(principal(stranger), { nameContains: tag })).toEqual([`${tag} public`]);
    expect(await readableNames(principal(friend), { nameContains: tag, ownedOnly: true })).toEqual([]);
  });

  it('matches a name search literally: % and _ are characters, not patterns', async () => {
    const lab = randomUUID();
    await create(lab, '100% nickel');
    await create(lab, '100 nickel');
    await create(lab, 'a_b');
    await create(lab, 'axb');
    expect(await readableNames(principal(lab), { nameContains: '0%' })).toEqual(['100% nickel']);
    expect(await readableNames(principal(lab), { nameContains: 'a_' })).toEqual(['a_b']);
  });

  it('pages through the readable datasets without repeating or skipping one', async () => {
    const lab = randomUUID();
    const names = Array.from({ length: 7 }, (_, i) => `paged ${i}`);
    for (const name of names) await create(lab, name);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await datasets.listReadable(principal(lab), { first: 3, ownedOnly: true, ...(after ? { after } : {}) });
      seen.push(...page.nodes.map((d) => d.name));
      if (!page.hasNextPage) break;
      after = page.endCursor!;
    }
    expect(seen).toEqual(names);
  });

  it('numbers versions 1, 2... per dataset and answers the latest again when nothing changed since', async () => {
    const lab = principal(randomUUID());
    const dataset = await catalog.create(lab, { name: 'Versioned', material: 'super', description: '', classes: CLASSES });
    const first = await catalog.createVersion(lab, dataset.id, 'first');
    expect(first).toMatchObject({ datasetId: dataset.id, number: 1, imageCount: 0, note: 'first' });
    expect(await catalog.createVersion(lab, dataset.id, 'again')).toEqual(first);

    await catalog.setExperiment(lab, { datasetId: dataset.id, name: 'Super1', train: [], val: [], test: [], notes: {} });
    const second = await catalog.createVersion(lab, dataset.id, undefined);
    expect(second).toMatchObject({ number: 2, experiments: ['Super1'] });
    expect(second.contentHash).not.toBe(first.contentHash);
    expect((await versions.list(dataset.id)).map((v) => v.number)).toEqual([1, 2]);
    expect(await versions.latest(dataset.id)).toEqual(second);
    expect((await catalog.versionContent(lab, second.id)).experiments).toEqual([{ name: 'Super1', train: [], val: [], test: [] }]);
  });

  it('freezes the same content once when two versions are asked for at the same moment', async () => {
    const lab = principal(randomUUID());
    const dataset = await catalog.create(lab, { name: 'Raced', material: 'super', description: '', classes: CLASSES });
    const answers = await Promise.all([catalog.createVersion(lab, dataset.id, 'a'), catalog.createVersion(lab, dataset.id, 'b'), catalog.createVersion(lab, dataset.id, 'c')]);
    expect(new Set(answers.map((v) => v.id)).size).toBe(1);
    expect(await versions.list(dataset.id)).toHaveLength(1);
  });

  it('shows a version only to whom may read its dataset, and lets only its group freeze one', async () => {
    const owner = principal(randomUUID());
    const dataset = await catalog.create(owner, { name: 'Private', material: 'super', description: '', classes: CLASSES });
    const version = await catalog.createVersion(owner, dataset.id, undefined);
    const stranger = principal(randomUUID());
    await expectCode(catalog.versionContent(stranger, version.id), 'NOT_FOUND');
    await expectCode(catalog.createVersion(stranger, dataset.id, undefined), 'NOT_FOUND');
    await catalog.update(owner, dataset.id, { visibility: { level: 'public', sharedWith: [] } });
    await expect(catalog.versionContent(stranger, version.id)).resolves.toMatchObject({ version: { id: version.id } });
    await expectCode(catalog.createVersion(stranger, dataset.id, undefined), 'FORBIDDEN');
    await expectCode(catalog.createVersion(principal(owner.groupId, 'viewer'), dataset.id, undefined), 'FORBIDDEN');
  });
});
