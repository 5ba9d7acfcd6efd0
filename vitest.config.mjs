import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const shared = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));

// One fast-check seed per run, the same in every worker: FC_SEED replays a failure (its report
// prints the seed and the counterexample's path).
const FC_SEED = process.env.FC_SEED ?? String(randomInt(2 ** 31));
const fastCheck = fileURLToPath(new URL('./test/setup/fast-check.ts', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { '@conveyor/shared': shared } },
        test: {
          name: 'unit',
          include: ['shared/src/**/*.spec.ts', 'server/src/**/*.spec.ts', 'client/src/**/*.spec.ts'],
          exclude: ['**/*.medium.spec.ts'],
          env: { TZ: 'UTC', FC_SEED },
          setupFiles: [fastCheck],
        },
      },
      {
        // Medium: pure properties held against the real write path on an SQLite file (Nest wiring,
        // TypeORM, the committed migrations).
        resolve: { alias: { '@conveyor/shared': shared } },
        test: {
          name: 'medium',
          include: ['server/src/**/*.medium.spec.ts'],
          env: { TZ: 'UTC', FC_SEED },
          setupFiles: [fastCheck],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias: { '@conveyor/shared': shared } },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          env: { TZ: 'UTC', FC_SEED },
          setupFiles: [fastCheck],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias: { '@conveyor/shared': shared } },
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
