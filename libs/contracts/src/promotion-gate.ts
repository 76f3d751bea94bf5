import { defineEvent, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { splitSubsetSchema } from './dataset.ts';

const id = z.string().uuid();
const timestamp = z.string();
const aliasName = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, . _ -');

/**
 * What a promotion gate measures on the reference images, pooled over them: area fraction (class
 * pixels / all pixels), particle count (summed), mean equivalent diameter (over every particle, in
 * pixels), mean layer thickness (over every medial-axis pixel of all foreground classes, in pixels)
 * and IoU (per class, true positives over true + false positives + false negatives, summed).
 */
export const gateQuantitySchema = z.enum(['areaFraction', 'meanEquivalentDiameter', 'count', 'thickness', 'iou']);
export type GateQuantity = z.infer<typeof gateQuantitySchema>;

/** `groundTruth`: the candidate against the reference masks; `currentVersion`: against the version the alias names now. */
export const gateComparisonSchema = z.enum(['groundTruth', 'currentVersion']);
export type GateComparison = z.infer<typeof gateComparisonSchema>;

export const gateToleranceSchema = z
  .object({
    quantity: gateQuantitySchema,
    /** |candidate - reference| may be at most this, in the quantity's unit (fraction, particles, pixels). */
    absolute: z.number().nonnegative().nullable().default(null),
    /** |candidate - reference| / |reference| may be at most this (0.1 = 10 %). */
    relative: z.number().nonnegative().nullable().default(null),
    /** IoU only: the candidate's IoU against the reference must be at least this. */
    min: z.number().min(0).max(1).nullable().default(null),
  })
  .superRefine((tolerance, ctx) => {
    if (tolerance.quantity === 'iou') {
      if (tolerance.min === null || tolerance.absolute !== null || tolerance.relative !== null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'an IoU tolerance is a minimum (`min`), nothing else', path: ['min'] });
      }
    } else if (tolerance.min !== null || (tolerance.absolute === null && tolerance.relative === null)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `a ${tolerance.quantity} tolerance is \`absolute\` and/or \`relative\`, not \`min\``, path: ['absolute'] });
    }
  });
export type GateTolerance = z.infer<typeof gateToleranceSchema>;

/** The reference set and the tolerances a move of the alias must meet. */
export const gateDeclarationSchema = z.object({
  datasetVersionId: id,
  /** The split of the dataset version whose images are the reference set. */
  experiment: z.string().trim().min(1).max(120),
  subset: splitSubsetSchema,
  comparison: gateComparisonSchema,
  tolerances: z
    .array(gateToleranceSchema)
    .min(1)
    .max(5)
    .refine((list) => new Set(list.map((t) => t.quantity)).size === list.length, 'one tolerance per quantity'),
});
export type GateDeclaration = z.infer<typeof gateDeclarationSchema>;

export const aliasGateSchema = gateDeclarationSchema.extend({ modelId: id, alias: z.string(), setBy: id, setAt: timestamp });
export type AliasGate = z.infer<typeof aliasGateSchema>;

/** One quantity of one class (null for thickness, which is of the whole layer) against its tolerance. */
export const gateCheckSchema = z.object({
  quantity: gateQuantitySchema,
  class: z.number().int().nullable(),
  className: z.string().nullable(),
  candidate: z.number().nullable(),
  reference: z.number().nullable(),
  /** candidate - reference (IoU: the IoU itself is `candidate`, `reference` is 1). */
  difference: z.number().nullable(),
  relativeDifference: z.number().nullable(),
  tolerance: z.object({ absolute: z.number().nullable(), relative: z.number().nullable(), min: z.number().nullable() }),
  passed: z.boolean(),
});
export type GateCheck = z.infer<typeof gateCheckSchema>;

export const gateReportSchema = z.object({
  passed: z.boolean(),
  comparison: gateComparisonSchema,
  datasetVersionId: id,
  experiment: z.string(),
  subset: splitSubsetSchema,
  candidateVersionId: id,
  /** The version compared against (`currentVersion`); null against the ground truth. */
  referenceVersionId: id.nullable(),
  /** Reference images measured on both sides. */
  images: z.number().int(),
  /** Lengths are in pixels: both sides are the same images, so no pixel size is needed to compare them. */
  unit: z.literal('px'),
  checks: z.array(gateCheckSchema),
  /** Reference images that could not be compared (a side failed to segment, or has no ground-truth mask). */
  skippedImages: z.array(z.object({ imageId: id, reason: z.string() })),
  /** The gate could not be evaluated at all (the move is refused). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  evaluatedAt: timestamp,
});
export type GateReport = z.infer<typeof gateReportSchema>;

export const promotionGateContracts = {
  /** Declares (or replaces) the gate of an alias: every later move of it must pass. */
  setAliasGate: defineRequest({
    subject: 'microseg.training.v1.aliases.gate.set',
    request: gateDeclarationSchema.extend({ modelId: id, alias: aliasName }),
    response: aliasGateSchema,
  }),
  removeAliasGate: defineRequest({
    subject: 'microseg.training.v1.aliases.gate.remove',
    request: z.object({ modelId: id, alias: aliasName }),
    response: aliasGateSchema,
  }),
  listAliasGates: defineRequest({
    subject: 'microseg.training.v1.aliases.gate.list',
    request: z.object({ modelId: id }),
    response: z.object({ gates: z.array(aliasGateSchema) }),
  }),
  /**
   * The inference service's verdict on a pending move: the move happens (passed, and the alias
   * still names the version it named when asked) or is refused, with the report, in one
   * transaction. Idempotent: a move already decided answers as it is.
   */
  completeAliasGate: defineRequest({
    subject: 'microseg.training.v1.aliases.gate.complete',
    request: z.object({ moveId: id, report: gateReportSchema }),
    // The move as recorded; its schema lives with the registry's (training.ts), which imports this file.
    response: z.object({ moveId: id, outcome: z.string() }),
  }),
} as const;

export const promotionGateEvents = {
  /** A move of a gated alias waits for its gate; the inference service evaluates it. */
  aliasGateRequested: defineEvent({
    subject: 'microseg.events.model-alias.gate-requested.v1',
    schema: z.object({
      moveId: id,
      modelId: id,
      groupId: id,
      alias: z.string(),
      candidateVersionId: id,
      currentVersionId: id.nullable(),
      gate: gateDeclarationSchema,
      at: timestamp,
    }),
  }),
} as const;

const PERCENT = (value: number) => `${(value * 100).toFixed(2)} %`;

/** A check in words, as the CLI, the console and the logs show it. */
export function describeCheck(c: GateCheck): string {
  const what = c.class === null ? c.quantity : `${c.quantity} of ${c.className ?? `class ${c.class}`}`;
  const verdict = c.passed ? 'ok' : 'FAILED';
  if (c.quantity === 'iou') return `${what}: ${c.candidate?.toFixed(4)}, at least ${c.tolerance.min} needed ${verdict}`;
  const show = (v: number | null) => (v === null ? 'none' : c.quantity === 'areaFraction' ? PERCENT(v) : c.quantity === 'count' ? String(v) : `${v.toFixed(2)} px`);
  const limits = [
    c.tolerance.absolute === null ? undefined : `±${c.quantity === 'areaFraction' ? PERCENT(c.tolerance.absolute) : c.tolerance.absolute}`,
    c.tolerance.relative === null ? undefined : `±${PERCENT(c.tolerance.relative)} relative`,
  ].filter(Boolean);
  return `${what}: candidate ${show(c.candidate)} vs reference ${show(c.reference)}, allowed ${limits.join(' and ')} ${verdict}`;
}
