import fc from 'fast-check';

// Every property runs from the run's seed (vitest.config.mjs sets FC_SEED, or takes it from the
// environment), so a failure replays with `FC_SEED=<seed> npx vitest run <file>`.
const seed = Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${process.env.FC_SEED}"`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
