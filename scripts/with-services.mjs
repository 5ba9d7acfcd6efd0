#!/usr/bin/env node
// Runs a command beside a throwaway PostgreSQL and/or Redis, then stops them.
//   node scripts/with-services.mjs [--postgres] [--redis] -- npx vitest run --project integration
// The command gets TEST_DATABASE_URL (a server to make test databases on) and TEST_REDIS_URL.
import { spawn } from 'node:child_process';
import { startPostgres, startRedis } from './lib/services.mjs';

const split = process.argv.indexOf('--');
const flags = new Set(process.argv.slice(2, split < 0 ? undefined : split));
const command = split < 0 ? [] : process.argv.slice(split + 1);
if (command.length === 0 || (!flags.has('--postgres') && !flags.has('--redis'))) {
  process.stderr.write('usage: node scripts/with-services.mjs [--postgres] [--redis] -- command [args]\n');
  process.exit(2);
}

const started = [];
const env = { ...process.env };
try {
  if (flags.has('--postgres')) {
    const pg = await startPostgres();
    started.push(pg);
    env.TEST_DATABASE_URL = pg.url;
    process.stdout.write(`PostgreSQL at ${pg.url}\n`);
  }
  if (flags.has('--redis')) {
    const redis = await startRedis();
    started.push(redis);
    env.TEST_REDIS_URL = redis.url;
    process.stdout.write(`Redis at ${redis.url}\n`);
  }
} catch (error) {
  await Promise.all(started.map((s) => s.stop()));
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env });
const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await Promise.all(started.map((s) => s.stop()));
process.exit(code);
