import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

export type Logger = PinoLogger;

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
}

/**
 * JSON logs, one line per event, with the service name on every line. Request and job ids are
 * added with `forRequest` / `forJob` so that a request can be followed across services.
 */
export function createLogger({ service, level = 'info' }: LoggerOptions): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['apiKey', '*.apiKey', 'authorization', '*.authorization'], censor: '[redacted]' },
  });
}

export const forRequest = (logger: Logger, requestId: string): Logger => logger.child({ requestId });
export const forJob = (logger: Logger, jobId: string): Logger => logger.child({ jobId });

/** A logger that writes nothing, for tests and library defaults. */
export const silentLogger: Logger = pino({ level: 'silent' });
