import { randomUUID } from 'node:crypto';
import { GatewayClient } from '@microseg/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, expectCode, startTestPlatform } from '../harness/index.ts';

/**
 * The API conventions LIMS integrators rely on, through the real gateway and services, read as a
 * LIMS reads them (enum values exactly as the API writes them, not the CLI's words).
 */
describe('API conventions through the gateway (identity and dataset services)', () => {
  let platform: TestPlatform;
  let lab: GatewayClient;
  let other: GatewayClient;
  let privateDatasetId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    const [first, second] = [await platform.newGroup('Conventions lab'), await platform.newGroup('Conventions neighbours')];
    lab = new GatewayClient({ url: platform.graphqlUrl, apiKey: first.apiKey, apiEnumValues: true });
    other = new GatewayClient({ url: platform.graphqlUrl, apiKey: second.apiKey, apiEnumValues: true });
    const { createDataset } = await other.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'Private superalloy', classes: [{ index: 0, name: 'matrix', color: '#000000' }, { index: 1, name: 'precipitate', color: '#ff0000' }] } },
    );
    privateDatasetId = createDataset.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers null for a lookup of an id that does not exist, or that another group keeps private', async () => {
    const missing = randomUUID();
    expect(await lab.request('query($id: ID!) { dataset(id: $id) { id } image(id: $id) { id } datasetVersion(id: $id) { id } }', { id: missing })).toEqual({
      dataset: null,
      image: null,
      datasetVersion: null,
    });
    expect(await lab.request('{ imageByLimsId(limsId: "no-such-sample") { id } }')).toEqual({ imageByLimsId: null });
    // Exactly the answer for an id that does not exist: nothing tells the other group's dataset is there.
    expect(await lab.request('query($id: ID!) { dataset(id: $id) { id } }', { id: privateDatasetId })).toEqual({ dataset: null });
    expect(await other.request<{ dataset: { id: string } }>('query($id: ID!) { dataset(id: $id) { id } }', { id: privateDatasetId })).toEqual({ dataset: { id: privateDatasetId } });
    // A malformed id is still bad input, not "absent".
    await expectCode(lab.request('{ dataset(id: "not-a-uuid") { id } }'), 'INVALID_INPUT');
  });

  it('writes enum values in ALL_CAPS, and takes them so in arguments and inputs', async () => {
    expect(await lab.request('{ me { role } }')).toEqual({ me: { role: 'ADMIN' } });
    const { createDataset } = await lab.request<{ createDataset: { id: string; visibility: { level: string }; defaultPixelSize: { unit: string } } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id visibility { level } defaultPixelSize { unit } } }',
      {
        input: {
          name: 'Public coatings',
          classes: [{ index: 0, name: 'substrate', color: '#000000' }],
          visibility: { level: 'PUBLIC' },
          defaultPixelSize: { value: 2.5, unit: 'NM' },
        },
      },
    );
    expect(createDataset).toMatchObject({ visibility: { level: 'PUBLIC' }, defaultPixelSize: { unit: 'NM' } });
    const { addMember } = await lab.request<{ addMember: { role: string } }>('mutation { addMember(input: { name: "Student", role: VIEWER }) { role } }');
    expect(addMember.role).toBe('VIEWER');
    // The words the API used before are refused by name, not silently read as something else.
    await expectCode(lab.request('mutation { addMember(input: { name: "Student", role: viewer }) { role } }'), 'INVALID_INPUT');
  });

  it('pages a growing list as a connection: first, after, nodes and pageInfo', async () => {
    for (const name of ['robot 1', 'robot 2']) {
      await lab.request('mutation($name: String!) { createApiKey(input: { name: $name }) { secret } }', { name });
    }
    const page = (after: string | null) =>
      lab.request<{ apiKeys: { nodes: { name: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
        'query($after: String) { apiKeys(first: 2, after: $after) { nodes { name } pageInfo { endCursor hasNextPage } } }',
        { after },
      );
    const first = await page(null);
    expect(first.apiKeys.nodes).toHaveLength(2);
    expect(first.apiKeys.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.apiKeys.pageInfo.endCursor);
    expect(second.apiKeys.pageInfo.hasNextPage).toBe(false);
    const names = [...first.apiKeys.nodes, ...second.apiKeys.nodes].map((key) => key.name);
    expect(names.slice(-2)).toEqual(['robot 1', 'robot 2']);
    expect(new Set(names).size).toBe(names.length);
    await expectCode(page('bm90LWEta2V5'), 'INVALID_INPUT');
  });
});
