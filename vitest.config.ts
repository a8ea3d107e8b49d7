import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // Before every file: cheap password hashing, fresh process-wide state (decision 0017).
    setupFiles: ['test/setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // expect.poll waits until its condition holds; its bound (1 s by default) only turns a hang
    // into a readable failure, and a busy machine must not reach it (decision 0017).
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 120_000,
    // Two cores: more workers only fight over the CPU with PostgreSQL.
    maxWorkers: 2,
    pool: 'forks',
    // A worker runs its files in one module graph instead of importing the whole app afresh for
    // each file. Process-wide state tied to one database is reset in test/setup.ts (decision 0017).
    isolate: false,
  },
});
