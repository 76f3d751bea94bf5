import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/**
 * A query that is built and compiled once, then run with new string arguments: for the lookups a
 * client polls hundreds of times a second, where building the kysely tree and compiling it to SQL
 * cost more than reading the answer. `build` is called once with placeholder strings; each must
 * come out as exactly one bound parameter (not folded into the SQL text, not transformed), which
 * is checked here, so a query that cannot be precompiled fails at start, not with a wrong answer.
 */
export function precompiledQuery<Row, Args extends string[]>(
  db: Kysely<unknown>,
  build: (...args: Args) => Compilable<Row>,
  arity: Args['length'],
): (...args: Args) => Promise<QueryResult<Row>> {
  const placeholders = Array.from({ length: arity }, (_, index) => `\u0000precompiled-argument-${index}\u0000`) as Args;
  const template: CompiledQuery<Row> = build(...placeholders).compile();
  const positions = placeholders.map((placeholder) => {
    const found = template.parameters.flatMap((parameter, position) => (parameter === placeholder ? [position] : []));
    if (found.length !== 1 || template.sql.includes(placeholder)) {
      throw new Error(`precompiledQuery: argument ${placeholders.indexOf(placeholder)} is not one bound parameter of: ${template.sql}`);
    }
    return found[0] as number;
  });
  return (...args) => {
    const parameters = [...template.parameters];
    positions.forEach((position, index) => (parameters[position] = args[index]));
    return db.executeQuery<Row>({ ...template, parameters });
  };
}
