import pg from 'pg';
import { redactUrl, StartupError } from '../config/config.js';

/**
 * Fails fast, with the address (password hidden) and the driver's reason, when PostgreSQL does not
 * answer at start: a wrong host or a stopped server is said in one line, not a stack trace.
 */
export async function assertPostgresReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'conveyor-start' });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${reasonOf(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
