/**
 * `pnpm bench:audit`: what the audit log costs a mutation. Sequential `renameGroup` mutations
 * (each waits for its audit event's JetStream ack) next to the same number of `me` queries
 * through the same gateway, and how long an event takes to be readable in `auditLog`. Loopback
 * only; bounded in time.
 */
import { startTestPlatform } from '../test/harness/platform.ts';

const N = Number(process.env['BENCH_REQUESTS'] ?? 300);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const summary = (name: string, ms: number[]) => ({ name, n: ms.length, p50: +percentile(ms, 50).toFixed(2), p99: +percentile(ms, 99).toFixed(2) });

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < N; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return ms;
}

const platform = await startTestPlatform(['identity']);
try {
  const lab = await platform.newGroup();
  let i = 0;
  const query = await timed(() => lab.client.request('{ me { groupId } }'));
  const mutation = await timed(() => lab.client.request('mutation($name: String!) { renameGroup(name: $name) { id } }', { name: `bench ${i++}` }));
  // Mutation answered -> event readable by an admin.
  const lag: number[] = [];
  for (let k = 0; k < 20; k++) {
    const name = `lag ${k}`;
    await lab.client.request('mutation($name: String!) { renameGroup(name: $name) { id } }', { name });
    const started = performance.now();
    for (;;) {
      const { auditLog } = await lab.client.request<{ auditLog: { nodes: { arguments: { name?: string } }[] } }>(
        '{ auditLog(first: 1, filter: { operation: "renameGroup" }) { nodes { arguments } } }',
      );
      if (auditLog.nodes[0]?.arguments.name === name) break;
    }
    lag.push(performance.now() - started);
  }
  console.table([summary('me query', query), summary('renameGroup mutation (audited)', mutation), summary('answered -> readable in auditLog', lag)]);
} finally {
  await platform.stop();
}
