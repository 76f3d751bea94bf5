import { MicroSegError, type ErrorCode } from '@microseg/errors';
import type { z } from 'zod';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues
    .slice(0, 20)
    .map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Parses `value` with `schema`; a mismatch becomes a MicroSegError (INVALID_INPUT unless the
 * caller says whose fault it is) listing the offending fields.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string,
  code: ErrorCode = 'INVALID_INPUT',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new MicroSegError(code, `invalid message for ${subject}`, {
      details: { subject, issues: issuesOf(result.error) },
      cause: result.error,
    });
  }
  return result.data;
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(data: Uint8Array, subject: string): unknown {
  try {
    return JSON.parse(decoder.decode(data));
  } catch (error) {
    throw new MicroSegError('INVALID_INPUT', `message on ${subject} is not JSON`, {
      details: { subject },
      cause: error,
    });
  }
}

/** Validates on send: what goes on the wire is the schema's output, unknown keys stripped. */
export function encodeMessage<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string,
): Uint8Array {
  return encodeJson(validate(schema, value, subject));
}

/** Validates on receive. */
export function decodeMessage<S extends z.ZodType>(
  schema: S,
  data: Uint8Array,
  subject: string,
): z.output<S> {
  return validate(schema, decodeJson(data, subject), subject);
}
