import { unauthenticated, unavailable } from '@microseg/errors';
import { silentLogger } from '@microseg/logging';
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_ACCESS_ENDED, SubscriptionSockets } from './subscription-sockets.ts';

const ADMIN = { keyId: '00000000-0000-4000-8000-00000000000a', groupId: '00000000-0000-4000-8000-000000000001', groupName: 'lab', memberId: '00000000-0000-4000-8000-0000000000aa', role: 'admin' as const };

function fakeSocket() {
  const closes: { code: number; reason: string }[] = [];
  return { closes, close: (code: number, reason: string) => void closes.push({ code, reason }) };
}

describe('SubscriptionSockets', () => {
  let sockets: SubscriptionSockets | undefined;
  afterEach(() => sockets?.stop());

  it("closes a key's sockets once it no longer authenticates, and only its own", async () => {
    const valid = new Set(['Bearer a', 'Bearer b']);
    sockets = new SubscriptionSockets(async (authorization) => {
      if (!valid.has(authorization)) throw unauthenticated('invalid or revoked API key');
      return authorization === 'Bearer a' ? ADMIN : { ...ADMIN, keyId: '00000000-0000-4000-8000-00000000000b' };
    }, silentLogger, 60_000);
    const a = fakeSocket();
    const b = fakeSocket();
    sockets.add(a, 'Bearer a', ADMIN);
    sockets.add(b, 'Bearer b', { ...ADMIN, keyId: '00000000-0000-4000-8000-00000000000b' });
    await sockets.keyChanged(ADMIN.keyId);
    expect(a.closes).toEqual([]);
    valid.delete('Bearer a');
    await sockets.keyChanged(ADMIN.keyId);
    expect(a.closes).toEqual([{ code: SOCKET_ACCESS_ENDED, reason: 'the API key was revoked' }]);
    expect(b.closes).toEqual([]);
  });

  it('closes a socket whose member changed role, found by the periodic check when no notice came', async () => {
    let role: 'admin' | 'viewer' = 'admin';
    sockets = new SubscriptionSockets(async () => ({ ...ADMIN, role }), silentLogger, 60_000);
    const socket = fakeSocket();
    sockets.add(socket, 'Bearer a', ADMIN);
    await sockets.recheckAll();
    expect(socket.closes).toEqual([]);
    role = 'viewer';
    await sockets.recheckAll();
    expect(socket.closes[0]?.code).toBe(SOCKET_ACCESS_ENDED);
  });

  it('keeps sockets open while identity cannot answer a periodic check, but not after a revocation notice', async () => {
    sockets = new SubscriptionSockets(async () => Promise.reject(unavailable('identity down')), silentLogger, 60_000);
    const socket = fakeSocket();
    const forget = sockets.add(socket, 'Bearer a', ADMIN);
    await sockets.recheckAll();
    expect(socket.closes).toEqual([]);
    await sockets.keyChanged(ADMIN.keyId);
    expect(socket.closes).toHaveLength(1);
    forget();
    expect(sockets.size).toBe(0);
  });
});
