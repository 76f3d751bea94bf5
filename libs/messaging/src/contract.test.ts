import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { decodeMessage, encodeMessage } from './codec.ts';
import {
  type PayloadOf,
  type RequestInput,
  type ResponseOf,
  defineEvent,
  defineJob,
  defineRequest,
} from './contract.ts';

/** The value a call throws, for matching its fields. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const getDataset = defineRequest({
  subject: 'microseg.dataset.v1.get',
  request: z.object({ id: z.string(), limit: z.number().int().default(10) }),
  response: z.object({ id: z.string(), name: z.string() }),
});
const imageUploaded = defineEvent({
  subject: 'microseg.events.image.uploaded.v1',
  schema: z.object({ imageId: z.string(), sha256: z.string().length(64) }),
});

describe('contracts', () => {
  it('infer request, response and payload types from their schemas', () => {
    expectTypeOf<RequestInput<typeof getDataset>>().toEqualTypeOf<{
      id: string;
      limit?: number | undefined;
    }>();
    expectTypeOf<ResponseOf<typeof getDataset>>().toEqualTypeOf<{ id: string; name: string }>();
    expectTypeOf<PayloadOf<typeof imageUploaded>>().toEqualTypeOf<{
      imageId: string;
      sha256: string;
    }>();
  });

  it('refuse wildcard or foreign subjects and odd stream names', () => {
    const schema = z.object({});
    expect(() => defineEvent({ subject: 'microseg.events.>', schema })).toThrow(/invalid subject/);
    expect(() => defineEvent({ subject: 'other.events.x.v1', schema })).toThrow(/invalid subject/);
    expect(() =>
      defineJob({ subject: 'microseg.jobs.train', stream: 'TRAIN JOBS', schema }),
    ).toThrow(/invalid stream/);
    expect(defineJob({ subject: 'microseg.jobs.train', stream: 'TRAINING', schema }).kind).toBe(
      'job',
    );
  });

  it('put the validated form on the wire, defaults applied and unknown keys stripped', () => {
    const wire = encodeMessage(getDataset.request, { id: 'd1', extra: true }, getDataset.subject);
    expect(JSON.parse(new TextDecoder().decode(wire))).toEqual({ id: 'd1', limit: 10 });
  });

  it('reject an invalid payload on send and on receive as INVALID_INPUT naming the field', () => {
    const invalid = thrownBy(() =>
      encodeMessage(
        imageUploaded.schema,
        { imageId: 'i1', sha256: 'short' },
        imageUploaded.subject,
      ),
    );
    expect(invalid).toMatchObject({
      code: 'INVALID_INPUT',
      details: { issues: [{ path: 'sha256' }] },
    });
    const notJson = new TextEncoder().encode('{nope');
    expect(
      thrownBy(() => decodeMessage(imageUploaded.schema, notJson, imageUploaded.subject)),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
