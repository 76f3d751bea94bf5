import { createHmac, timingSafeEqual } from 'node:crypto';
import { unauthenticated } from '@microseg/errors';
import type { CallerVerifier, Metadata } from '@microseg/messaging';
import { z } from 'zod';
import { type Principal, principalSchema } from './principal.ts';

/** The NATS header that carries the caller's signed principal token from a signer to a service. */
const PRINCIPAL_HEADER = 'microseg-principal';
export const REQUEST_ID_HEADER = 'microseg-request-id';

/** Shortest key accepted: an HMAC-SHA256 key below 256 bits of randomness is guessable offline. */
const MIN_PRINCIPAL_KEY_LENGTH = 32;

const VERSION = 'v1';
/** Verified tokens remembered at most (a new one is signed per principal and second, so a few thousand is plenty). */
const MAX_VERIFIED_TOKENS = 10_000;
// Domain separation: a MAC made for this purpose can never be mistaken for one made for another.
const MAC_CONTEXT = `microseg-principal.${VERSION}.`;

const claimsSchema = z.object({
  principal: principalSchema,
  /** Who signed: the gateway for a caller's request, a service acting on a stored principal. */
  iss: z.string().min(1),
  /** Issued at and expires at, in seconds since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
});

export interface PrincipalTokensOptions {
  /** Signs with the first; verifies with any (the others are the keys being rotated out). */
  keys: readonly string[];
  /** The name recorded as the signer of every token this instance signs. */
  issuer: string;
  /** How long a token is accepted after signing (default 60 s): it only has to cross NATS once. */
  ttlSeconds?: number;
  /** Clocks of signer and verifier may differ by this much (default 30 s). */
  clockSkewSeconds?: number;
  now?: () => number;
}

/**
 * Signed principals (HMAC-SHA256 with a key shared by the gateway and the services): the gateway
 * signs the principal the identity service resolved from an API key; a service signs a stored
 * principal it acts for (a policy's group, a training job's submitter); every service verifies
 * before a handler runs. A header anyone could write would let any NATS client speak for any
 * group.
 */
export class PrincipalTokens implements CallerVerifier<Principal> {
  readonly header = PRINCIPAL_HEADER;
  private readonly keys: Buffer[];
  private readonly ttl: number;
  private readonly skew: number;
  private readonly now: () => number;
  /**
   * A token depends only on the principal and the second it is signed in, and a gateway signs
   * the same cached principal for every call of a polling client: each is signed once a second.
   * Principals are values nobody changes once made (the auth cache hands out the same object).
   */
  private readonly signed = new WeakMap<Principal, { iat: number; token: string }>();
  /**
   * Tokens verified before, by their exact text (which the MAC covers, so equal text is an equal
   * token): a service checks the same token for every call a gateway makes in that second.
   * Bounded, and each entry is checked against its expiry again on every use.
   */
  private readonly verified = new Map<string, z.infer<typeof claimsSchema>>();

  constructor(private readonly options: PrincipalTokensOptions) {
    if (options.keys.length === 0 || options.keys.some((key) => key.length < MIN_PRINCIPAL_KEY_LENGTH)) {
      throw new Error(`principal signing keys must be at least ${MIN_PRINCIPAL_KEY_LENGTH} characters`);
    }
    this.keys = options.keys.map((key) => Buffer.from(key, 'utf8'));
    this.ttl = options.ttlSeconds ?? 60;
    this.skew = options.clockSkewSeconds ?? 30;
    this.now = options.now ?? Date.now;
  }

  sign(principal: Principal): string {
    const iat = Math.floor(this.now() / 1_000);
    const recent = this.signed.get(principal);
    if (recent?.iat === iat) return recent.token;
    const claims = { principal: principalSchema.parse(principal), iss: this.options.issuer, iat, exp: iat + this.ttl };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    // The MAC covers the encoded payload exactly as sent, so no re-serialisation can change it.
    const token = `${VERSION}.${payload}.${mac(this.keys[0] as Buffer, payload).toString('base64url')}`;
    this.signed.set(principal, { iat, token });
    return token;
  }

  /** The headers of a call made for `principal`. */
  headers(principal: Principal, requestId?: string): Metadata {
    return { [PRINCIPAL_HEADER]: this.sign(principal), ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}) };
  }

  /**
   * The principal of a service call, or UNAUTHENTICATED when the token is missing, malformed,
   * signed with another key or expired. The caller learns only that: which check failed would
   * tell a forger how close they came.
   */
  verify(headers: Readonly<Metadata>): Principal {
    const token = headers[PRINCIPAL_HEADER];
    const claims = token === undefined ? undefined : this.claimsOf(token);
    if (!claims) throw unauthenticated('the call carries no valid principal');
    return claims.principal;
  }

  private claimsOf(token: string): z.infer<typeof claimsSchema> | undefined {
    const known = this.verified.get(token);
    if (known) {
      if (this.withinLifetime(known)) return known;
      this.verified.delete(token);
      return undefined;
    }
    const claims = this.verifiedClaimsOf(token);
    if (claims) {
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
      this.verified.set(token, claims);
    }
    return claims;
  }

  private withinLifetime({ iat, exp }: { iat: number; exp: number }): boolean {
    const now = Math.floor(this.now() / 1_000);
    return !(iat > now + this.skew || exp + this.skew < now || exp - iat > this.ttl);
  }

  private verifiedClaimsOf(token: string): z.infer<typeof claimsSchema> | undefined {
    const [version, payload, signature, ...rest] = token.split('.');
    if (version !== VERSION || !payload || !signature || rest.length > 0) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const signedByUs = this.keys.some((key) => {
      const expected = mac(key, payload);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!signedByUs) return undefined;
    const parsed = claimsSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success || !this.withinLifetime(parsed.data)) return undefined;
    return parsed.data;
  }
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(MAC_CONTEXT).update(payload).digest();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
