import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER } from '@microseg/pipeline';

export interface ReceivedHook {
  path: string;
  body: string;
  signature: string;
  at: number;
}

/**
 * A LIMS on 127.0.0.1 with three behaviours: `/flaky` answers 500 twice then 200, `/broken`
 * always 500, `/hanging` never answers (the sender's timeout must end the attempt).
 */
export async function startLims() {
  const received: ReceivedHook[] = [];
  let flakyCalls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers[SIGNATURE_HEADER] ?? ''), at: Date.now() });
      if (path === '/hanging') return;
      const ok = path === '/flaky' && ++flakyCalls > 2;
      res.writeHead(ok ? 200 : 500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
