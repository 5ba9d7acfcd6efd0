#!/usr/bin/env node
// Restores a backup of scripts/backup.mjs into a NEW, empty database (docs/deploy.md):
//   DATABASE_PATH=/srv/conveyor/restored.db node scripts/restore.mjs --from=/backups/conveyor-2026-11-25.db
//   DATABASE_URL=postgres://…/conveyor_restored node scripts/restore.mjs --from=/backups/conveyor-2026-11-25.dump
// It never writes over a database that has data: restore beside it, check, then point the servers at it.
import { parseArgs, redact, restore, targetOf } from './lib/backup.mjs';

try {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.from !== 'string') throw new Error('usage: node scripts/restore.mjs --from=FILE (into DATABASE_URL or DATABASE_PATH)');
  const target = targetOf();
  await restore(args.from, target);
  const into = target.engine === 'sqlite' ? target.path : redact(target.url);
  process.stdout.write(`restored ${args.from} into ${into}; start the server on it to run any newer migrations\n`);
} catch (error) {
  process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
