import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'eval/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Storage tests share the local PostgreSQL database; files run in parallel but each
    // PostgreSQL test uses its own schema, so no cross-file locking is needed.
    pool: 'forks',
    // The JSON report lets .ci/run print the one-line totals CI reads.
    reporters: ['default', ['json', { outputFile: 'coverage/test-results.json' }]],
  },
});
