import { Redis } from 'ioredis';
import { redactUrl, StartupError } from '../config/config.js';

/**
 * Fails fast, with the address (password hidden) and the reason, when REDIS_URL does not answer at
 * start: one bounded attempt, no retry loop, one line instead of a stack trace.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectionName: 'conveyor:start',
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, a refused password) says more than the "Connection is closed" connect() rejects with.
  let cause: unknown = null;
  client.on('error', (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = cause ?? error;
    throw new StartupError(
      `Cannot reach Redis at ${redactUrl(url)}: ${reason instanceof Error ? reason.message || reason.name : String(reason)}`,
    );
  } finally {
    client.disconnect();
  }
}
