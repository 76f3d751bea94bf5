import { invalidInput } from '@microseg/errors';
import { parse } from 'yaml';
import { z } from 'zod';
import { PackageErrorReason } from './errors.ts';

/**
 * The fields of a bioimage.io model description (spec 0.5.x, `rdf.yaml`) that MicroSeg writes and
 * reads. Fields we do not use pass through untouched; the ones we use are checked here, so an import
 * never acts on a field it has not validated.
 */
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a hex sha256').transform((s) => s.toLowerCase());
/** Package files are plain relative names at the zip's top level; URLs are not fetched (no network at run time). */
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'a file inside the package');
const fileDescr = z.object({ source: fileName, sha256 });
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'an identifier');

const sizeSchema = z.union([
  z.int().positive(),
  z.object({ min: z.int().positive(), step: z.int().nonnegative() }),
  z.object({ tensor_id: identifier, axis_id: identifier, offset: z.int().default(0) }),
]);

const axisSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('batch'), id: z.literal('batch').default('batch'), size: z.literal(1).optional() }),
  z.object({ type: z.literal('channel'), id: z.literal('channel').default('channel'), channel_names: z.array(identifier).min(1) }),
  z.object({ type: z.literal('space'), id: z.enum(['x', 'y', 'z']), size: sizeSchema, unit: z.string().optional(), scale: z.number().positive().optional() }),
  z.object({ type: z.literal('time'), id: identifier.default('time') }),
  z.object({ type: z.literal('index'), id: identifier.default('index') }),
]);
export type Axis = z.infer<typeof axisSchema>;

const perChannel = z.union([z.number(), z.array(z.number()).min(1)]);
const stepSchema = z.discriminatedUnion('id', [
  z.object({ id: z.literal('ensure_dtype'), kwargs: z.object({ dtype: z.string() }) }),
  z.object({ id: z.literal('scale_linear'), kwargs: z.object({ gain: perChannel.default(1), offset: perChannel.default(0), axis: z.literal('channel').optional() }) }),
  z.object({ id: z.literal('fixed_zero_mean_unit_variance'), kwargs: z.object({ mean: perChannel, std: perChannel, axis: z.literal('channel').optional() }) }),
  z.object({ id: z.enum(['binarize', 'clip', 'sigmoid', 'zero_mean_unit_variance', 'scale_range', 'scale_mean_variance']), kwargs: z.record(z.string(), z.unknown()).optional() }),
]);
export type ProcessingStep = z.infer<typeof stepSchema>;

const dataSchema = z
  .object({
    type: z.enum(['float32', 'float64', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64', 'bool']).default('float32'),
    range: z.tuple([z.number().nullable(), z.number().nullable()]).optional(),
  })
  .loose();

const tensorSchema = z
  .object({
    id: identifier,
    description: z.string().optional(),
    axes: z.array(axisSchema).min(1),
    test_tensor: fileDescr,
    data: dataSchema.default({ type: 'float32' }),
  })
  .loose();

const inputSchema = tensorSchema.extend({ preprocessing: z.array(stepSchema).default([]) });
const outputSchema = tensorSchema.extend({ postprocessing: z.array(stepSchema).default([]) });

export const RdfSchema = z
  .object({
    type: z.literal('model'),
    format_version: z.string().regex(/^0\.5\.\d+$/, 'a 0.5.x format version'),
    name: z.string().min(1).max(128),
    description: z.string().min(1),
    authors: z.array(z.object({ name: z.string().min(1), affiliation: z.string().optional(), github_user: z.string().optional(), orcid: z.string().optional() }).loose()).min(1),
    cite: z.array(z.object({ text: z.string().min(1), doi: z.string().optional(), url: z.string().optional() }).refine((c) => c.doi || c.url, 'a citation needs a doi or url')).min(1),
    license: z.string().min(1),
    documentation: fileName,
    covers: z.array(fileName).default([]),
    tags: z.array(z.string()).default([]),
    timestamp: z.iso.datetime({ offset: true }),
    inputs: z.array(inputSchema).length(1, 'MicroSeg models take one input tensor'),
    outputs: z.array(outputSchema).length(1, 'MicroSeg models give one output tensor'),
    weights: z
      .object({
        onnx: z.object({ source: fileName, sha256, opset_version: z.int().min(7) }).loose(),
      })
      .loose(),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .loose();

export type Rdf = z.infer<typeof RdfSchema>;
/** What an exporter writes (defaults spelled out). */
export type RdfInput = z.input<typeof RdfSchema>;

/** Parses and validates rdf.yaml (INVALID_INPUT, reason rdf-invalid, with the issues). */
export function parseRdf(text: string): Rdf {
  let yaml: unknown;
  try {
    yaml = parse(text);
  } catch (cause) {
    throw invalidInput('rdf.yaml is not valid YAML', { reason: PackageErrorReason.RDF_INVALID }, cause);
  }
  return validateRdf(yaml);
}

export function validateRdf(value: unknown): Rdf {
  const result = RdfSchema.safeParse(value);
  if (!result.success) {
    throw invalidInput('rdf.yaml is not a bioimage.io model description MicroSeg can use', {
      reason: PackageErrorReason.RDF_INVALID,
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}
