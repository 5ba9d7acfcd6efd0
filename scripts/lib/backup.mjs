// Backups and restores of Conveyor's database, on either engine (docs/deploy.md). Used by
// scripts/backup.mjs, scripts/restore.mjs and the integration test that restores a running
// server's data into a fresh database.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A URL as it may be printed: its password replaced by `***`. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Where the data is, as the server decides it: DATABASE_URL wins over DATABASE_PATH. */
export function targetOf(env = process.env) {
  if (env.DATABASE_URL) return { engine: 'postgres', url: env.DATABASE_URL };
  return { engine: 'sqlite', path: resolve(env.DATABASE_PATH || './data/conveyor.db') };
}

/** A PostgreSQL client program: from PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin. */
export function pgTool(name) {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin', name);
  }
  return name;
}

function sqlite(path, mode) {
  const sqlite3 = require('sqlite3');
  return new Promise((res, rej) => {
    const db = new sqlite3.Database(path, mode ?? sqlite3.OPEN_READWRITE, (error) => (error ? rej(error) : res(db)));
  });
}

const run = (db, sql, params = []) => new Promise((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
const all = (db, sql, params = []) => new Promise((res, rej) => db.all(sql, params, (e, rows) => (e ? rej(e) : res(rows))));
const close = (db) => new Promise((res) => db.close(() => res()));

/**
 * Backs the database up into `out` while the server runs:
 * - SQLite: `VACUUM INTO`, one consistent, compacted file (a read transaction: writers go on in WAL mode);
 * - PostgreSQL: `pg_dump -Fc` (custom format, consistent snapshot; restore with pg_restore).
 * Returns the file's size in bytes.
 */
export async function backup(target, out) {
  const file = resolve(out);
  if (existsSync(file)) throw new Error(`${file} exists already: a backup never overwrites one`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  if (target.engine === 'sqlite') {
    if (!existsSync(target.path)) throw new Error(`no SQLite database at ${target.path}`);
    const sqlite3 = require('sqlite3');
    const db = await sqlite(target.path, sqlite3.OPEN_READONLY);
    try {
      await run(db, 'PRAGMA busy_timeout = 10000');
      await run(db, 'VACUUM INTO ?', [partial]);
    } finally {
      await close(db);
    }
  } else {
    pgRun('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${target.url}`], target.url);
  }
  // Only a finished backup carries the name: a crash half-way leaves a .partial file, never a short backup.
  renameSync(partial, file);
  return statSync(file).size;
}

/**
 * Restores `from` into an empty database (a new SQLite file, or an existing PostgreSQL database
 * without tables) and checks it: SQLite's integrity check, the migrations table present. The server
 * started on it afterwards runs any newer migrations of its build.
 */
export async function restore(from, target) {
  const file = resolve(from);
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  if (target.engine === 'sqlite') {
    if (existsSync(target.path))
      throw new Error(`${target.path} exists already: restore into a new file, then swap it in with the server stopped`);
    if (!existsSync(dirname(target.path))) throw new Error(`no folder ${dirname(target.path)}`);
    const partial = `${target.path}.partial`;
    copyFileSync(file, partial);
    const db = await sqlite(partial);
    try {
      const [check] = await all(db, 'PRAGMA integrity_check');
      if (check?.integrity_check !== 'ok') throw new Error(`the backup fails SQLite's integrity check: ${JSON.stringify(check)}`);
      await all(db, 'SELECT COUNT(*) AS n FROM migrations');
    } finally {
      await close(db);
    }
    renameSync(partial, target.path);
    return;
  }
  const pg = require('pg');
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    if (rows[0].n > 0)
      throw new Error(`${redact(target.url)} has tables already: restore into an empty database (createdb), then point DATABASE_URL at it`);
  } finally {
    await client.end();
  }
  pgRun(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, file],
    target.url,
  );
}

/** Runs pg_dump or pg_restore; a failure says what the tool said, with the URL's password hidden. */
function pgRun(tool, args, url) {
  try {
    execFileSync(pgTool(tool), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const said = String(error.stderr ?? error.message)
      .split(url)
      .join(redact(url))
      .trim();
    // Not attached as the cause: its message holds the URL with the password.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`${tool} failed: ${said}`);
  }
}

/** `--name=value` and `--flag` arguments. */
export function parseArgs(argv) {
  const args = {};
  for (const arg of argv) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${arg}`);
    args[m[1]] = m[2] ?? true;
  }
  return args;
}
