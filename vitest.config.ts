import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Threads, not forks: vitest runs each pool at once, so the unit files (CPU-bound) run beside
          // the integration files (their own pool, one file at a time, often waiting on services)
          // instead of before them.
          pool: 'threads',
          include: ['libs/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'services/console/app/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Integration suites start service processes of their own: one file at a time keeps a
          // 2-core CI machine from timing out under several platforms at once.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
    allowOnly: false,
  },
});
