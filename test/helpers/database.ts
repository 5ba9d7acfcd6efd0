import { basename, join } from 'node:path';
import pg from 'pg';
import { createScratchDatabase, databaseUrlOf, dropScratchDatabase } from '../../server/src/database/scratch.testing.js';

/**
 * The database a test server runs on. By default the SQLite file in the server's data folder; when
 * TEST_DATABASE_URL names a PostgreSQL server (scripts/with-services.mjs starts one), a database of
 * its own on that server, named after the data folder, so two servers given one folder share it.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

export const engine: 'sqlite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** The environment that points a server at the database of `dataDir`. */
export async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
  const env = { DATABASE_PATH: join(dataDir, 'conveyor.db') };
  if (!TEST_DATABASE_URL) return env;
  return { ...env, DATABASE_URL: await createScratchDatabase(TEST_DATABASE_URL, databaseName(dataDir)) };
}

/** Drops the PostgreSQL database of `dataDir` (nothing to do on SQLite: the folder goes). */
export async function dropDatabase(dataDir: string): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  await dropScratchDatabase(TEST_DATABASE_URL, databaseName(dataDir));
}

/**
 * Runs statements on the database of `dataDir` beside (or without) its server, with `?` placeholders
 * on both engines; counts and sums come back as numbers.
 */
export async function sqlOn<T>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (TEST_DATABASE_URL) {
    const client = new pg.Client({
      connectionString: databaseUrlOf(TEST_DATABASE_URL, databaseName(dataDir)),
      types: { getTypeParser: numericParser },
    });
    await client.connect();
    try {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } finally {
      await client.end();
    }
  }
  const sqlite3 = (await import('sqlite3')).default;
  const db = new sqlite3.Database(join(dataDir, 'conveyor.db'));
  try {
    return await new Promise<T[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

const NUMERIC_TYPES: ReadonlySet<number> = new Set([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);

function numericParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (NUMERIC_TYPES.has(oid)) return Number;
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

function databaseName(dataDir: string): string {
  return `conveyor_${basename(dataDir)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')}`;
}
