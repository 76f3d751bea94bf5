import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentStackLogger, startNatsServer } from '@microseg/local-stack';

/**
 * A nats-server of this test file's own, handed to the harness through NATS_URL. Service subjects
 * are fixed by the contracts, so two platforms on one NATS server share queue groups and answer
 * each other's requests from their own databases; on a development machine where several runs
 * overlap, a test would read another run's data. Call before starting the platform.
 */
export async function usePrivateNats(): Promise<{ stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'microseg-nats-'));
  const server = await startNatsServer({ dataDir, logger: silentStackLogger });
  const previous = process.env['NATS_URL'];
  process.env['NATS_URL'] = server.natsUrl;
  return {
    async stop() {
      if (previous === undefined) delete process.env['NATS_URL'];
      else process.env['NATS_URL'] = previous;
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
