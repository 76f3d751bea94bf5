import { describe, expect, it } from 'vitest';
import { bootstrapOpenToAnyone } from './platform.ts';

describe('bootstrapOpenToAnyone (the warning `pnpm start` prints)', () => {
  it('holds on a development platform without PLATFORM_ADMIN_SECRET only', () => {
    expect(bootstrapOpenToAnyone({})).toBe(true);
    expect(bootstrapOpenToAnyone({ NODE_ENV: 'development', PLATFORM_ADMIN_SECRET: '' })).toBe(true);
    expect(bootstrapOpenToAnyone({ PLATFORM_ADMIN_SECRET: 'a-secret-of-16-chars' })).toBe(false);
    // Identity refuses bootstrapGroup then (FORBIDDEN): nothing is open to warn about.
    expect(bootstrapOpenToAnyone({ NODE_ENV: 'production' })).toBe(false);
  });
});
