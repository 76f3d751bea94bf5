import { invalidInput } from '@microseg/errors';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A point in time given on the command line: an ISO-8601 date or date-time, or a duration
 * (`90m`, `24h`, `30d`) counted from now: forward for expiry dates, backward for `--since`.
 */
export function parseTimeOption(value: string, option: string, direction: 'ahead' | 'ago', now = Date.now()): string {
  const duration = /^(\d{1,6})([mhd])$/.exec(value.trim());
  if (duration) {
    const ms = Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
    return new Date(direction === 'ahead' ? now + ms : now - ms).toISOString();
  }
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw invalidInput(`${option} takes an ISO date (2027-01-31, 2027-01-31T12:00:00Z) or a duration (90m, 24h, 30d)`, { option, value });
  }
  return new Date(time).toISOString();
}

/** Values of a repeatable option that may also be given comma separated (`--scope a,b --scope c`). */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];
}
