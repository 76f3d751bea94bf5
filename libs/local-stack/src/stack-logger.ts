/**
 * The slice of a pino logger the local stack writes to; `@microseg/logging`'s Logger satisfies it.
 * Kept structural so the launcher, the test harness and scripts can pass what they have.
 */
export interface StackLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const silentStackLogger: StackLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
};
