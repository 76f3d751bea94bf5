import { expect } from 'vitest';

export interface RawAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[] } | undefined;
}

/** One POST to the gateway as any HTTP client would send it, the body as given (malformed on purpose, at times). */
export async function post(url: string, body: string | object, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: RawAnswer['body'];
  try {
    parsed = JSON.parse(text) as RawAnswer['body'];
  } catch {
    parsed = undefined;
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text, body: parsed };
}

/** What never leaves the API: NATS subjects and inboxes, stack traces, HTML error pages. */
export function expectNoInternals(answer: RawAnswer): void {
  expect(answer.text).not.toMatch(/microseg\.[a-z]+\.v\d/i);
  expect(answer.text).not.toMatch(/microseg\.events\./i);
  expect(answer.text).not.toContain('_INBOX');
  expect(answer.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(answer.text).not.toMatch(/<html|<!DOCTYPE/i);
}

/** A typed GraphQL error with this code and HTTP status, and nothing internal in the body. */
export function expectRefused(answer: RawAnswer, code: string, status: number): string {
  expect(answer.body, answer.text.slice(0, 300)).toBeDefined();
  expect(answer.body?.errors?.[0]?.extensions?.code, answer.text.slice(0, 300)).toBe(code);
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expectNoInternals(answer);
  return answer.body?.errors?.map((e) => e.message).join('\n') ?? '';
}
