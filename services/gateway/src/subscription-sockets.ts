import type { Principal } from '@microseg/contracts';
import { toMicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';

/** The part of a WebSocket the registry needs: closing it with a graphql-ws close code. */
export interface ClosableSocket {
  close(code: number, reason: string): void;
}

/** graphql-ws's Forbidden close code: clients do not reconnect with the same parameters. */
export const SOCKET_ACCESS_ENDED = 4403;

interface OpenSocket {
  socket: ClosableSocket;
  authorization: string;
  principal: Principal;
}

/**
 * The open subscription sockets by API key, so that access that ends (a revoked key, a removed
 * member, a changed role) ends its sockets too: a subscription otherwise streams on for as long
 * as the client keeps it open, whatever happened to its key. Each socket's key is checked again
 * when identity says the key changed, and every `recheckMs` in case that notice was lost.
 */
export class SubscriptionSockets {
  private readonly byKey = new Map<string, Set<OpenSocket>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    /** The caller a header stands for now (UNAUTHENTICATED once revoked): the gateway's authentication. */
    private readonly authenticate: (authorization: string) => Promise<Principal | undefined>,
    private readonly logger: Logger,
    recheckMs: number,
  ) {
    this.timer = setInterval(() => void this.recheckAll(), recheckMs);
    this.timer.unref();
  }

  /** Registers an authenticated socket; the returned function forgets it (call it when it closes). */
  add(socket: ClosableSocket, authorization: string, principal: Principal): () => void {
    const entry: OpenSocket = { socket, authorization, principal };
    const sockets = this.byKey.get(principal.keyId) ?? new Set();
    sockets.add(entry);
    this.byKey.set(principal.keyId, sockets);
    return () => {
      sockets.delete(entry);
      if (sockets.size === 0 && this.byKey.get(principal.keyId) === sockets) this.byKey.delete(principal.keyId);
    };
  }

  get size(): number {
    let count = 0;
    for (const sockets of this.byKey.values()) count += sockets.size;
    return count;
  }

  /**
   * Identity says the key was revoked or its member changed: the sockets stay open only if the
   * key still authenticates as the same principal. Nothing less than that answer keeps them.
   */
  async keyChanged(keyId: string): Promise<void> {
    await Promise.all([...(this.byKey.get(keyId) ?? [])].map((entry) => this.recheck(entry, { keepOnDoubt: false })));
  }

  /** The periodic check: a key that identity cannot vouch for right now (it is down) keeps its sockets. */
  async recheckAll(): Promise<void> {
    const entries = [...this.byKey.values()].flatMap((sockets) => [...sockets]);
    await Promise.all(entries.map((entry) => this.recheck(entry, { keepOnDoubt: true })));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async recheck(entry: OpenSocket, options: { keepOnDoubt: boolean }): Promise<void> {
    let reason: string | undefined;
    try {
      const now = await this.authenticate(entry.authorization);
      if (!now) reason = 'no API key';
      else if (now.groupId !== entry.principal.groupId || now.memberId !== entry.principal.memberId || now.role !== entry.principal.role) {
        reason = 'the access of this API key changed; reconnect';
      }
    } catch (error) {
      const failure = toMicroSegError(error);
      if (failure.code === 'UNAUTHENTICATED') reason = 'the API key was revoked';
      else if (options.keepOnDoubt) {
        this.logger.warn({ err: failure, keyId: entry.principal.keyId }, 'could not recheck the key of a subscription socket');
        return;
      } else reason = 'the API key could not be checked again';
    }
    if (reason === undefined) return;
    this.logger.info({ keyId: entry.principal.keyId, groupId: entry.principal.groupId, reason }, 'closing subscription socket');
    entry.socket.close(SOCKET_ACCESS_ENDED, reason);
  }
}
