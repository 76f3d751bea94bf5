import { parseConfig } from '@microseg/config';
import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { inferenceConfigSchema } from './config.ts';

const BASE = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/microseg', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's', PRINCIPAL_SIGNING_KEY: 'a-test-signing-key-of-at-least-32-characters' };

describe('inference config: WEBHOOK_ALLOWED_NETWORKS', () => {
  it('allows no network beyond public addresses by default', () => {
    expect(parseConfig(inferenceConfigSchema, BASE).WEBHOOK_ALLOWED_NETWORKS).toEqual({ ranges: [], names: [] });
  });

  it('reads ranges and names of an on-premises LIMS', () => {
    const { WEBHOOK_ALLOWED_NETWORKS: allowed } = parseConfig(inferenceConfigSchema, { ...BASE, WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16,lims.lab.internal' });
    expect(allowed.ranges.map(([network, bits]) => `${network.toString()}/${bits}`)).toEqual(['10.20.0.0/16']);
    expect(allowed.names).toEqual(['lims.lab.internal']);
  });

  it('refuses to start on an entry it cannot read, naming the variable', () => {
    const error = (() => {
      try {
        parseConfig(inferenceConfigSchema, { ...BASE, WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/40' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).message).toMatch(/WEBHOOK_ALLOWED_NETWORKS: "10\.20\.0\.0\/40" is no address range/);
  });
});
