#!/usr/bin/env node
// Backs up Conveyor's database while the server runs (docs/deploy.md):
//   node scripts/backup.mjs --out=/backups/conveyor-2026-11-25.db        # SQLite (DATABASE_PATH): VACUUM INTO
//   DATABASE_URL=postgres://… node scripts/backup.mjs --out=/backups/conveyor-2026-11-25.dump   # pg_dump -Fc
// The database is the one the server uses: DATABASE_URL if set, else DATABASE_PATH (default ./data/conveyor.db).
import { backup, parseArgs, redact, targetOf } from './lib/backup.mjs';

try {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.out !== 'string') throw new Error('usage: node scripts/backup.mjs --out=FILE');
  const target = targetOf();
  const bytes = await backup(target, args.out);
  const from = target.engine === 'sqlite' ? target.path : redact(target.url);
  process.stdout.write(`backed up ${from} into ${args.out} (${bytes} bytes)\n`);
} catch (error) {
  process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
