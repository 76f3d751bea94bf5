import type { GatewayClient } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import { expect } from 'vitest';

export const SET_FIELDS = `id imageId maskId maskSha256 source modelVersionId status error { code message details } profileHash codeVersion unit
  pixelSize { value unit } pixelSizeSource classRule width height
  particles { class count pixelCount areaFraction area { mean median } equivalentDiameter { mean } interiorCount borderCorrectedCount }
  thickness { thickness { count mean } skeletonPixels }
  plots { sizeHistogramUrl thicknessHistogramUrl } startedAt completedAt`;

export interface MeasurementSetView {
  id: string;
  imageId: string;
  maskId: string;
  maskSha256: string;
  source: string;
  modelVersionId: string | null;
  status: 'succeeded' | 'failed';
  error: { code: string; message: string; details: Record<string, unknown> } | null;
  profileHash: string;
  codeVersion: string;
  unit: string;
  pixelSize: { value: number; unit: string } | null;
  pixelSizeSource: string | null;
  classRule: string | null;
  width: number;
  height: number;
  particles: {
    class: number;
    count: number;
    pixelCount: number;
    areaFraction: number;
    area: { mean: number | null; median: number | null };
    equivalentDiameter: { mean: number | null };
    interiorCount: number;
    borderCorrectedCount: number;
  }[];
  thickness: { thickness: { count: number; mean: number | null }; skeletonPixels: number } | null;
  plots: { sizeHistogramUrl: string | null; thicknessHistogramUrl: string | null };
}

export async function imageMeasurements(
  client: GatewayClient,
  imageId: string,
  filter: { source?: string; modelVersionId?: string } = {},
) {
  const { imageMeasurements: sets } = await client.request<{
    imageMeasurements: { nodes: MeasurementSetView[] };
  }>(
    `query($imageId: ID!, $source: MaskSource, $modelVersionId: ID) {
       imageMeasurements(imageId: $imageId, source: $source, modelVersionId: $modelVersionId, first: 100) { nodes { ${SET_FIELDS} } } }`,
    { imageId, ...filter },
  );
  return sets.nodes;
}

/** Polls until `check` returns a value (the platform measures asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A restarted service may answer health before its handlers: "try again" errors are waited out.
    const value = await check().catch((error: unknown) => {
      if (error instanceof MicroSegError && error.retryable && Date.now() < deadline)
        return undefined;
      throw error;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function expectCode(call: Promise<unknown>, code: string): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  expect((error as MicroSegError).code).toBe(code);
}
