import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**', 'commands/**', 'db/**'],
      exclude: ['**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
