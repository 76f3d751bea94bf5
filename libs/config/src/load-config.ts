import { MicroSegError } from '@microseg/errors';
import { z } from 'zod';

const SECRET = /KEY|SECRET|PASSWORD|TOKEN/;

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once against a zod object schema whose keys are the variable names.
 * Every problem is reported at once, each naming its variable, so an operator fixes them in one go.
 */
export function parseConfig<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: Environment,
): z.infer<z.ZodObject<Shape>> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const name = issue.path[0];
    // A secret is never echoed into logs, even a wrong one: it may be a real key set in the wrong place.
    const value = typeof name === 'string' && !SECRET.test(name) ? env[name] : undefined;
    return { variable, problem: issue.message, ...(value === undefined ? {} : { value }) };
  });
  const summary = problems.map((p) => `${p.variable}: ${p.problem}`).join('; ');
  return failConfig(`invalid configuration: ${summary}`, problems);
}

function failConfig(message: string, problems: object[]): never {
  throw new MicroSegError('INVALID_INPUT', message, { details: { problems } });
}

/**
 * For a process entry point: parse, or print the named problems to stderr and exit 78 (EX_CONFIG).
 * The only place that turns a config error into an exit; libraries get the error.
 */
export function loadConfigOrExit<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: Environment = process.env,
): z.infer<z.ZodObject<Shape>> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78);
  }
}
