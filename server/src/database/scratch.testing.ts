// Test support (not built into dist): databases of their own on a PostgreSQL server, for test
// servers and the medium tier when TEST_DATABASE_URL names one (scripts/with-services.mjs).
import pg from 'pg';

/** The URL of database `name` on the server `serverUrl` points at. */
export function databaseUrlOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates database `name` unless it exists (a lower-case identifier: letters, digits, `_`). */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<string> {
  await asAdmin(serverUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [identifier(name)]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${identifier(name)}`);
  });
  return databaseUrlOf(serverUrl, name);
}

/** Drops database `name`, closing whatever is still connected to it. */
export async function dropScratchDatabase(serverUrl: string, name: string): Promise<void> {
  await asAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`));
}

function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
  return name;
}

async function asAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
