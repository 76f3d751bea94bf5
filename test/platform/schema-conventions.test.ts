import { readFileSync } from 'node:fs';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  type ValueNode,
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { ENUM_FIELD_NAMES } from '@microseg/cli';
import { describe, expect, it } from 'vitest';

/**
 * The conventions LIMS integrators rely on, checked on schema.graphql itself so that a new field
 * cannot quietly break them: ALL_CAPS enum values, identifiers typed ID, lookups that answer null
 * for an absent id, and connections for every list that grows with use.
 */
const schema: GraphQLSchema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/**
 * Lists of objects that stay small and fixed in size, answered whole. Every other list of objects
 * is a connection. A new entry needs a reason an integrator would accept.
 */
const FIXED_LISTS: Record<string, string> = {
  'Query.compareModelVersions': 'as many versions as the ids the caller passed',
  'Query.webhooks': "the group's configured endpoints: a handful, set up by admins",
  'PlatformHealth.services': 'one per platform service',
  'ServiceHealth.checks': "the service's fixed health checks",
  'Dataset.classes': "the dataset's segmentation classes",
  'Dataset.experiments': 'the named train/val/test splits of a dataset: a handful',
  'Image.masks': "the image's current masks: its ground truth and one per model version that segmented it",
  'Image.evaluations': "one per current model mask of the image (see Image.masks)",
  'MultipartUpload.parts': "fixed by the file's size when the upload is created",
  'MeasurementPlots.specs': 'one per plot kind',
  'MeasurementSet.particles': 'one per measured class',
  'IntervalCalibration.classes': "one per class of the version's dataset",
  'ClassIntervalCalibration.scales': 'one per calibrated quantity: at most seven',
  'ThicknessIntervalCalibration.scales': 'one per calibrated thickness quantity: at most four',
  'ClassIntervalCalibration.missedRanges': 'one per calibrated size quantity: at most five',
  'MeasurementSet.objectsAt': 'at most the limit argument (20)',
  'SourceMeasurementSummary.particles': 'one per measured class',
  'DatasetMeasurementSummary.sources': 'one per mask source (ground truth, each model version) of the dataset',
  'TrainingJob.classes': "the job's classes",
  'TrainingJob.epochs': "at most the recipe's maxEpochs",
  'SplitMetrics.perClass': 'one per class',
  'ModelVersion.classes': "the version's classes",
  'Model.classes': "the model's classes",
  'Model.aliases': "the model's named aliases: a handful",
  'Model.aliasGates': 'at most one per alias',
  'AliasGateDeclaration.tolerances': 'one per gated quantity',
  'AliasGate.tolerances': 'one per gated quantity',
  'GateReport.checks': 'one per quantity and class of the gate',
  'GateReport.skippedImages': "bounded by the gate's reference images, fixed when it was evaluated",
  'Lineage.ancestors': 'the chain of initial weights back to random init or an import',
  'Benchmark.jobs': "the benchmark's grid, fixed when it was started",
  'Benchmark.rows': "the benchmark's grid, fixed when it was started",
  'Benchmark.best': 'one per experiment of the benchmark',
  'MaskEvaluation.classes': 'one per foreground class',
  'WebhookDelivery.attempts': 'at most the retry limit of a delivery',
  'DriftImage.classes': 'one per class',
  'DriftReport.images': 'a report computed whole over the images both versions measured',
  'DriftReport.dataset': 'one per class',
  'DeepZoom.tiles': 'at most the 16 x 16 block asked for',
  'ClassParticleIntervals.equivalentDiameterPercentiles': 'the fixed percentiles 5 ... 95',
  'ThicknessIntervals.percentiles': 'the fixed percentiles 5 ... 95',
  'MeasurementUncertainty.particles': 'one per measured class',
};

/** Query fields that take an id but compute a report rather than look one thing up: an absent input is an error naming it. */
const REPORTS = new Set(['datasetMeasurementSummary', 'exportDatasetMeasurements', 'driftReport']);

const userTypes = (): GraphQLNamedType[] => Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
const isIdLike = (name: string) => name === 'id' || /Ids?$/.test(name);
const isConnection = (name: string) => name.endsWith('Connection');
const rootTypes = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((type) => type?.name));

const argsOf = (field: GraphQLField<unknown, unknown> | GraphQLInputField): readonly GraphQLArgument[] => ('args' in field ? field.args : []);

function objectFields(): [string, GraphQLField<unknown, unknown>][] {
  return userTypes()
    .filter(isObjectType)
    .flatMap((type) => Object.values(type.getFields()).map((field): [string, GraphQLField<unknown, unknown>] => [type.name, field]));
}

describe('schema.graphql conventions', () => {
  it('writes every enum value in ALL_CAPS', () => {
    const lowerCase = userTypes()
      .filter(isEnumType)
      .flatMap((type) => type.getValues().map((value) => `${type.name}.${value.name}`))
      .filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name.split('.')[1] ?? ''));
    expect(lowerCase).toEqual([]);
  });

  it('types every identifier (id, ...Id, ...Ids) as ID', () => {
    const wrong: string[] = [];
    for (const type of userTypes()) {
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      const fields: (GraphQLField<unknown, unknown> | GraphQLInputField)[] = Object.values(type.getFields());
      for (const field of fields) {
        // Root fields are operations (imageByLimsId), not values; their arguments are checked below.
        if (!rootTypes.has(type.name) && isIdLike(field.name) && getNamedType(field.type).name !== 'ID') wrong.push(`${type.name}.${field.name}: ${String(field.type)}`);
        for (const arg of argsOf(field)) {
          if (isIdLike(arg.name) && getNamedType(arg.type).name !== 'ID') wrong.push(`${type.name}.${field.name}(${arg.name}): ${String(arg.type)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers null, not an error, from every lookup by id', () => {
    const nonNull = Object.values(schema.getQueryType()?.getFields() ?? {})
      .filter((field) => !REPORTS.has(field.name))
      .filter((field) => field.args.some((arg) => isIdLike(arg.name) && isNonNullType(arg.type)))
      .filter((field) => {
        const type = getNullableType(field.type);
        return !isListType(type) && !isConnection(getNamedType(type).name);
      })
      .filter((field) => isNonNullType(field.type))
      .map((field) => `Query.${field.name}: ${String(field.type)}`);
    expect(nonNull).toEqual([]);
  });

  it('pages every list of objects that grows with use as a connection', () => {
    const lists = objectFields()
      .filter(([typeName]) => !isConnection(typeName))
      .filter(([, field]) => isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type)))
      .map(([typeName, field]) => `${typeName}.${field.name}`);
    expect(lists.filter((name) => !(name in FIXED_LISTS))).toEqual([]);
    // An allow-list entry for a field that no longer exists (or became a connection) is removed.
    expect(Object.keys(FIXED_LISTS).filter((name) => !lists.includes(name))).toEqual([]);
  });

  it('gives every connection the same shape: first/after, nodes and pageInfo { endCursor hasNextPage }', () => {
    const wrong: string[] = [];
    for (const [typeName, field] of objectFields()) {
      const type = getNamedType(field.type);
      if (!isObjectType(type) || !isConnection(type.name)) continue;
      const args = field.args.map((arg) => arg.name);
      if (!args.includes('first') || !args.includes('after')) wrong.push(`${typeName}.${field.name} lacks first/after`);
      const fields = type.getFields();
      if (!fields.nodes || !isListType(getNullableType(fields.nodes.type)) || getNamedType(fields.pageInfo?.type ?? fields.nodes.type).name !== 'PageInfo') {
        wrong.push(`${type.name} is not { nodes pageInfo }`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps internal notes out of descriptions', () => {
    const notes = /\b(TODO|FIXME|XXX|issue \d+|session|today|for now|hack|resolver|codegen|NATS|README)\b/i;
    const found: string[] = [];
    const check = (where: string, description: string | null | undefined) => {
      if (description && notes.test(description)) found.push(`${where}: ${description}`);
    };
    for (const type of userTypes()) {
      check(type.name, type.description);
      if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
      if (isObjectType(type) || isInputObjectType(type)) {
        const fields: (GraphQLField<unknown, unknown> | GraphQLInputField)[] = Object.values(type.getFields());
        for (const field of fields) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of argsOf(field)) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("names every enum field the CLI converts to its own words, and no other field holding ALL_CAPS strings", () => {
    const enumNames = new Set<string>();
    const otherNames = new Map<string, string>();
    for (const type of userTypes()) {
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      const fields: (GraphQLField<unknown, unknown> | GraphQLInputField)[] = Object.values(type.getFields());
      for (const { name, type: fieldType } of [...fields, ...fields.flatMap(argsOf)]) {
        if (isEnumType(getNamedType(fieldType))) enumNames.add(name);
        else otherNames.set(name, `${type.name}.${name}: ${String(fieldType)}`);
      }
    }
    expect([...enumNames].filter((name) => !ENUM_FIELD_NAMES.has(name))).toEqual([]);
    // Fields of those names that are not enums hold lower-case words or numbers, which the conversion leaves alone.
    const sharedNames = [...ENUM_FIELD_NAMES].filter((name) => otherNames.has(name)).map((name) => otherNames.get(name));
    expect(sharedNames.every((field) => /: (String|Int|Visibility|VisibilityInput)!?$/.test(field ?? ''))).toBe(true);
  });

  it('keeps enum values out of object and list defaults, which the server would pass on untranslated', () => {
    const hidden: string[] = [];
    const holdsEnum = (node: ValueNode): boolean =>
      node.kind === Kind.ENUM || (node.kind === Kind.OBJECT && node.fields.some((f) => holdsEnum(f.value))) || (node.kind === Kind.LIST && node.values.some((v) => v.kind !== Kind.ENUM && holdsEnum(v)));
    for (const type of userTypes()) {
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      const fields: (GraphQLField<unknown, unknown> | GraphQLInputField)[] = Object.values(type.getFields());
      for (const item of [...fields, ...fields.flatMap(argsOf)]) {
        const value = item.astNode && 'defaultValue' in item.astNode ? item.astNode.defaultValue : undefined;
        if (value && value.kind !== Kind.ENUM && holdsEnum(value)) hidden.push(`${type.name}.${item.name}`);
      }
    }
    expect(hidden).toEqual([]);
  });
});
