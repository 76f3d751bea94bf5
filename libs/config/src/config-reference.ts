import { z } from 'zod';

/** One variable as the configuration reference lists it, read off its zod schema. */
export interface VariableReference {
  name: string;
  /** The default as an operator would type it, or `required` / `unset`. */
  setting: string;
  /** What the variable accepts: `integer 1..16`, `URL`, `info | debug`, text. */
  accepts: string;
  description: string;
}

export interface ConfigSection {
  title: string;
  /** Who reads these variables, in words (a service, the launcher, the CLI). */
  readBy: string;
  shape: z.ZodRawShape;
  /** Variable groups this section takes from another section, listed there once, not here again. */
  includes?: readonly { title: string; shape: z.ZodRawShape }[];
}

/**
 * The variables of a config shape, in declaration order. A variable without a description is an
 * error: the reference is the only place an operator learns what it does.
 */
export function variableReferences(shape: z.ZodRawShape): VariableReference[] {
  return Object.entries(shape).map(([name, schema]) => {
    const description = describedAs(schema);
    if (!description) throw new Error(`${name}: the config schema gives no description (.describe(...))`);
    return { name, setting: settingOf(schema), accepts: acceptedValues(schema), description };
  });
}

/** The configuration reference in Markdown: one table per section, generated, never edited by hand. */
export function renderConfigReference(sections: readonly ConfigSection[], preamble: string): string {
  const blocks = sections.map((section) => {
    const included = new Set((section.includes ?? []).flatMap((group) => Object.keys(group.shape)));
    const own = Object.fromEntries(Object.entries(section.shape).filter(([name]) => !included.has(name)));
    const includes = (section.includes ?? []).map((group) => `[${group.title}](#${anchor(group.title)})`);
    const lines = [`## ${section.title}`, '', `Read by ${section.readBy}.`];
    if (includes.length > 0) lines.push(`Also reads the variables of ${joinWords(includes)}.`);
    lines.push('', '| variable | default | accepts | meaning |', '|---|---|---|---|');
    for (const variable of variableReferences(own)) {
      lines.push(`| \`${variable.name}\` | ${variable.setting} | ${variable.accepts} | ${cell(variable.description)} |`);
    }
    return lines.join('\n');
  });
  return `${preamble.trim()}\n\n${blocks.join('\n\n')}\n`;
}

type AnySchema = z.core.$ZodType;

function describedAs(schema: AnySchema): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

function settingOf(schema: AnySchema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case 'default': {
      const value = (def as z.core.$ZodDefaultDef).defaultValue;
      return value === '' ? 'empty' : `\`${String(value)}\``;
    }
    case 'optional':
      return 'unset';
    case 'pipe':
      return settingOf((def as z.core.$ZodPipeDef).in);
    default:
      return 'required';
  }
}

function acceptedValues(schema: AnySchema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case 'default':
    case 'optional':
      return acceptedValues((def as z.core.$ZodDefaultDef).innerType);
    case 'pipe':
      return acceptedValues((def as z.core.$ZodPipeDef).in);
    case 'enum':
      return Object.values((def as z.core.$ZodEnumDef).entries)
        .map((value) => `\`${String(value)}\``)
        .join(' \\| ');
    case 'number': {
      const number = schema as z.ZodNumber;
      const kind = number.isInt ? 'integer' : 'number';
      const bound = (value: number | null) => (value !== null && Number.isFinite(value) && Math.abs(value) !== Number.MAX_SAFE_INTEGER ? value : undefined);
      const low = bound(number.minValue);
      const high = bound(number.maxValue);
      if (low !== undefined && high !== undefined) return `${kind} ${low}..${high}`;
      if (low !== undefined) return `${kind} >= ${low}`;
      if (high !== undefined) return `${kind} <= ${high}`;
      return kind;
    }
    case 'string': {
      const text = schema as z.ZodString;
      if (text.format === 'url') return 'URL';
      return text.minLength !== null && text.minLength > 1 ? `text, >= ${text.minLength} characters` : 'text';
    }
    default:
      return def.type;
  }
}

const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');

const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
