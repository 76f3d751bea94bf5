/** The slice of a pino-style logger this package writes to; callers pass their own (no console in libraries). */
export interface RuntimeLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: RuntimeLogger = { info() {}, warn() {} };
