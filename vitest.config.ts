import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bin/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    // kubectl explain's descriptions, as the CLI has them (the browser's worker loads them lazily).
    setupFiles: ['src/engine/api/schema/docs.ts'],
  },
});
