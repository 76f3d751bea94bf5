import { connect } from 'node:net';

export interface NatsServerInfo {
  version?: string;
  jetstream?: boolean;
}

/**
 * Reads the INFO line a NATS server sends on connect. Enough to tell that it is up and whether
 * JetStream is on, without a client library.
 */
export function readNatsInfo(
  host: string,
  port: number,
  timeoutMs = 2_000,
): Promise<NatsServerInfo> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = '';
    const finish = (outcome: () => void) => {
      socket.destroy();
      outcome();
    };
    socket.setTimeout(timeoutMs, () =>
      finish(() => reject(new Error(`no INFO from ${host}:${port} within ${timeoutMs} ms`))),
    );
    socket.once('error', (error) => finish(() => reject(error)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\r\n');
      if (end === -1) return;
      const line = received.slice(0, end);
      if (!line.startsWith('INFO ')) {
        finish(() =>
          reject(
            new Error(
              `${host}:${port} is not a NATS server (it said ${JSON.stringify(line.slice(0, 40))})`,
            ),
          ),
        );
        return;
      }
      finish(() => resolve(JSON.parse(line.slice(5)) as NatsServerInfo));
    });
  });
}
