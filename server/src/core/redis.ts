import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig, redactUrl } from '../config/config.js';

/** How long the boot waits for Redis before it gives up with an error naming the URL. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Opens a connection to Redis that never gives up reconnecting (a second apart at most) and says in
 * the log when it is lost and when it is back, once each, with the password hidden. Commands sent
 * while it is down fail at once instead of queueing (`enableOfflineQueue: false`), so whoever uses
 * it falls back to what one instance can do alone; pass `{ enableOfflineQueue: true }` where a
 * command should wait for the connection instead.
 */
export function openRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  const log = new Logger('Redis');
  const shown = redactUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    ...options,
  });
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  client.on('error', (error: Error) => {
    // Before the first connection the boot (or the caller) reports it; afterwards once per outage.
    if (state !== 'up') return;
    state = 'down';
    log.warn(`Redis ${name} connection to ${shown} lost: ${error.message}; this instance goes on alone until it is back`);
  });
  client.on('ready', () => {
    if (state === 'down') log.warn(`Redis ${name} connection to ${shown} is back`);
    state = 'up';
  });
  return client;
}

/**
 * The process's Redis (REDIS_URL), shared by whoever needs it: one connection for commands (rate
 * limits), and `duplicate()` for what needs a connection of its own (a subscriber). Null `client`
 * when instances share no Redis. At boot an unreachable Redis stops the server with an error naming
 * the URL (password hidden); once running, losing it is logged and survived.
 */
@Injectable()
export class RedisLink implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis | null;
  private readonly opened: Redis[] = [];

  constructor(private readonly config: AppConfig) {
    this.client = config.redisUrl ? this.open('commands') : null;
  }

  /** A further connection to the same Redis, closed with the app (throws without REDIS_URL). */
  duplicate(name: string, options: RedisOptions = {}): Redis {
    return this.open(name, options);
  }

  async onModuleInit(): Promise<void> {
    if (this.client) await connectOrExplain(this.client, this.config.redisUrl!);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((c) => c.quit().catch(() => c.disconnect())));
  }

  private open(name: string, options: RedisOptions = {}): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    const client = openRedis(this.config.redisUrl, name, options);
    this.opened.push(client);
    return client;
  }
}

/** Connects, or throws an error that names the URL (password hidden) and why. */
export async function connectOrExplain(client: Redis, url: string): Promise<void> {
  if (client.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  let cause: string | null = null;
  const remember = (error: Error): void => void (cause ??= error.message);
  client.on('error', remember);
  try {
    await Promise.race([
      client.status === 'wait' ? client.connect() : new Promise<void>((resolve) => client.once('ready', () => resolve())),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    client.disconnect();
    const why = cause ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`Redis at ${redactUrl(url)} (REDIS_URL) cannot be reached: ${why}`, { cause: error });
  } finally {
    clearTimeout(timer);
    client.off('error', remember);
  }
}
