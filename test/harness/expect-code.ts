import { MicroSegError } from '@microseg/errors';
import { expect } from 'vitest';

/** Expects a call (a GraphQL request, a NATS request...) to fail with a MicroSeg error of this code. */
export async function expectCode(call: Promise<unknown>, code: string): Promise<MicroSegError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  expect((error as MicroSegError).code).toBe(code);
  return error as MicroSegError;
}
