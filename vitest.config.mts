import { defineConfig } from 'vitest/config'

// The suites: unit (pure modules, beside the code), integration (the real lab swarm) and e2e
// (the real UI in Debian's Chromium over the WebSocket transport, plus Electron when present).
// The lab suites run one file at a time: they share one swarm and 2 cores.

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
          setupFiles: ['tests/support/speak-english.ts'],
          environment: 'node'
        }
      },
      {
        // bounded fuzzing of the two entry points (web server, dispatcher): loopback only, no lab
        test: {
          name: 'fuzz',
          include: ['tests/fuzz/**/*.spec.ts'],
          setupFiles: ['tests/support/speak-english.ts'],
          environment: 'node',
          testTimeout: 120_000
        }
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/support/speak-english.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000
        }
      },
      // fault injection on the lab (a dockerd killed, a manager cut off, an SSH connection cut,
      // the app killed): run under the lab's exclusive lock; each file prints its table
      {
        test: {
          name: 'faults',
          include: ['tests/faults/*.test.ts'],
          setupFiles: ['tests/support/speak-english.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['tests/support/speak-english.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000
        }
      }
    ]
  }
})
