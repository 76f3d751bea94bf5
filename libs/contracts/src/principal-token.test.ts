import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.ts';
import { PrincipalTokens } from './principal-token.ts';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'o'.repeat(32);
const principal: Principal = {
  groupId: '6f1c1f38-3f0e-4a55-9b7e-0d0c5b2b7a11',
  groupName: 'lab',
  memberId: '0e7d6f0a-8d3c-4f3c-a6f4-5a8a3f3d2b10',
  keyId: '2b8b9a3e-7f57-4c3c-9a43-62e4c0a1d1f2',
  role: 'member',
};
const HEADER = 'microseg-principal';

/** The code of the MicroSegError the call throws (undefined when it does not throw). */
function codeOf(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    return error instanceof MicroSegError ? error.code : 'not a MicroSegError';
  }
}

function tokens(options: { keys?: string[]; at?: number } = {}) {
  return new PrincipalTokens({ keys: options.keys ?? [KEY], issuer: 'gateway', now: () => options.at ?? 1_700_000_000_000 });
}

describe('signed principals', () => {
  it('verifies a principal signed with the same key', () => {
    expect(tokens().verify(tokens().headers(principal))).toEqual(principal);
  });

  it('refuses a missing, unsigned or malformed principal as UNAUTHENTICATED', () => {
    const verifier = tokens();
    const cases: Record<string, string>[] = [{}, { [HEADER]: JSON.stringify(principal) }, { [HEADER]: 'v1.e30' }, { [HEADER]: 'v1.e30.e30.e30' }, { [HEADER]: '' }];
    for (const headers of cases) {
      expect(codeOf(() => verifier.verify(headers))).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a principal signed with another key', () => {
    const forged = tokens({ keys: [OTHER_KEY] }).headers(principal);
    expect(codeOf(() => tokens().verify(forged))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose principal was changed after signing', () => {
    const [version, payload, signature] = (tokens().headers(principal)[HEADER] as string).split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as { principal: Principal };
    claims.principal.groupId = '9d9c1f38-3f0e-4a55-9b7e-0d0c5b2b7a11';
    const tampered = `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(codeOf(() => tokens().verify({ [HEADER]: tampered }))).toBe('UNAUTHENTICATED');
  });

  it('accepts a token within its lifetime and the clock skew, and refuses it after', () => {
    const signedAt = 1_700_000_000_000;
    const headers = tokens({ at: signedAt }).headers(principal);
    expect(tokens({ at: signedAt + 89_000 }).verify(headers)).toEqual(principal);
    expect(tokens({ at: signedAt - 29_000 }).verify(headers)).toEqual(principal);
    expect(codeOf(() => tokens({ at: signedAt + 91_000 }).verify(headers))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => tokens({ at: signedAt - 31_000 }).verify(headers))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token it verified before once its lifetime is over (verified tokens are remembered, not trusted forever)', () => {
    let now = 1_700_000_000_000;
    const verifier = new PrincipalTokens({ keys: [KEY], issuer: 'dataset', now: () => now });
    const headers = tokens({ at: now }).headers(principal);
    expect(verifier.verify(headers)).toEqual(principal);
    now += 89_000;
    expect(verifier.verify(headers)).toEqual(principal);
    now += 2_000;
    expect(codeOf(() => verifier.verify(headers))).toBe('UNAUTHENTICATED');
  });

  it('signs a principal once per second: the same token within it, a fresh one after', () => {
    let now = 1_700_000_000_000;
    const signer = new PrincipalTokens({ keys: [KEY], issuer: 'gateway', now: () => now });
    const first = signer.headers(principal)[HEADER];
    now += 999;
    expect(signer.headers(principal)[HEADER]).toBe(first);
    expect(signer.headers({ ...principal, role: 'viewer' })[HEADER]).not.toBe(first);
    now += 1;
    const next = signer.headers(principal)[HEADER];
    expect(next).not.toBe(first);
    expect(tokens({ at: now }).verify({ [HEADER]: next as string })).toEqual(principal);
  });

  it('keeps accepting tokens of a key being rotated out, and signs with the new one', () => {
    const rotating = tokens({ keys: [OTHER_KEY, KEY] });
    expect(rotating.verify(tokens().headers(principal))).toEqual(principal);
    expect(codeOf(() => tokens().verify(rotating.headers(principal)))).toBe('UNAUTHENTICATED');
  });

  it('refuses to run with a short key', () => {
    expect(() => tokens({ keys: ['short'] })).toThrow(/at least 32 characters/);
  });

  it('says nothing to the caller about which check failed', () => {
    const cases: Record<string, string>[] = [{}, { [HEADER]: 'garbage' }, tokens({ keys: [OTHER_KEY] }).headers(principal)];
    const messages = new Set(
      cases.map((headers) => {
        try {
          tokens().verify(headers);
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        }
      }),
    );
    expect(messages.size).toBe(1);
  });
});
