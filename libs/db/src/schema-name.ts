import { invalidInput } from '@microseg/errors';

// Schema names end up in `search_path` and DDL; restricting them to plain identifiers means they
// never need quoting and cannot smuggle SQL.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw invalidInput(`invalid schema name "${schema}": use lower-case letters, digits and _`, {
      schema,
    });
  }
  return schema;
}
