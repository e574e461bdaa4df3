import { defineConfig } from 'vitest/config'

// Two projects: unit (fast, pure logic and components) and integration (the real engine on real temporary
// trees, /dev/shm as a second device, unprivileged users via setpriv). Both need the built bundles for
// worker threads, which globalSetup builds once.
export default defineConfig({
  test: {
    // Most test files wait on child processes and the disk, so two files at a time use a small machine's
    // cores where one would leave them idle (Vitest's default is one fewer worker than cores).
    maxWorkers: 2,
    globalSetup: ['tests/helpers/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          // A bound, not a speed check: a React view rendered in jsdom takes seconds on a busy host.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
