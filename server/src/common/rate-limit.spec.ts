import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { RateLimiter } from './rate-limit.js';

describe('rate limiter in memory', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows up to the limit in a window, then says how long until the window ends', async () => {
    const limiter = new RateLimiter({ name: 't', points: 3, seconds: 2 }, null);
    expect([await limiter.take('a'), await limiter.take('a'), await limiter.take('a')]).toEqual([0, 0, 0]);
    expect(await limiter.take('a')).toBe(2);
    expect(await limiter.take('b')).toBe(0); // keys are separate
    vi.advanceTimersByTime(1_000);
    expect(await limiter.take('a')).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(await limiter.take('a')).toBe(0);
  });

  it('with a burst pool: a steady rate, and room for bursts until the pool is spent', async () => {
    const limiter = new RateLimiter({ name: 'b', points: 2, seconds: 1, burst: { points: 2, seconds: 10 } }, null);
    const take4 = (): Promise<number[]> => Promise.all([0, 1, 2, 3].map(() => limiter.take('crm')));
    expect(await take4()).toEqual([0, 0, 0, 0]);
    expect(await limiter.take('crm')).toBe(1);
    vi.advanceTimersByTime(1_000);
    // The steady two again, the pool spent for ten seconds.
    expect((await take4()).map((w) => w > 0)).toEqual([false, false, true, true]);
    vi.advanceTimersByTime(9_000);
    expect(await take4()).toEqual([0, 0, 0, 0]);
  });

  it('treats failures as cost: five failed sign-ins per 15 minutes, forgotten on success', async () => {
    const failures = new RateLimiter({ name: 'f', points: 5, seconds: 900 }, null);
    for (let i = 0; i < 5; i++) expect(await failures.take('anna@office')).toBe(0);
    vi.advanceTimersByTime(300_000);
    expect(await failures.take('anna@office')).toBe(600);
    vi.advanceTimersByTime(600_000);
    expect(await failures.take('anna@office')).toBe(0);
    await failures.reset('anna@office');
    for (let i = 0; i < 5; i++) expect(await failures.take('anna@office')).toBe(0);
  });

  it('gives back what a successful attempt took', async () => {
    const limiter = new RateLimiter({ name: 'r', points: 1, seconds: 60 }, null);
    expect(await limiter.take('ip')).toBe(0);
    expect(await limiter.take('ip')).toBeGreaterThan(0);
    await limiter.refund('ip');
    await limiter.refund('ip');
    expect(await limiter.take('ip')).toBe(0);
  });

  it('counts parallel attempts exactly: of twenty at once, five pass', async () => {
    const limiter = new RateLimiter({ name: 'p', points: 5, seconds: 900 }, null);
    const waits = await Promise.all(Array.from({ length: 20 }, () => limiter.take('target')));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });
});

/** A connection as the app opens it: commands fail at once while it is down. */
function openRedis(url: string): Redis {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 1_000 });
  return redis.on('error', () => undefined); // the limiter falls back; nothing to print
}

describe('rate limiter with Redis unreachable', () => {
  it('keeps limiting in memory (the insurance limiter) instead of letting everything through', async () => {
    // Nothing listens on port 1: the connection is never ready.
    const redis = openRedis('redis://127.0.0.1:1');
    try {
      const limiter = new RateLimiter({ name: `down:${randomUUID()}`, points: 2, seconds: 60 }, redis);
      expect([await limiter.take('a'), await limiter.take('a')]).toEqual([0, 0]);
      expect(await limiter.take('a')).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('rate limiter shared in Redis', () => {
  it('counts attempts through two instances (two connections) in one place, and resets for both', async () => {
    const url = process.env.TEST_REDIS_URL!;
    const [one, two] = [openRedis(url), openRedis(url)];
    try {
      await Promise.all([one.connect(), two.connect()]);
      const limit = { name: `shared:${randomUUID()}`, points: 5, seconds: 900 };
      const [a, b] = [new RateLimiter(limit, one), new RateLimiter(limit, two)];
      const waits = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take('victim@office')));
      expect(waits.filter((w) => w === 0)).toHaveLength(5);
      const wait = await b.take('victim@office');
      expect(wait).toBeGreaterThan(890);
      expect(wait).toBeLessThanOrEqual(900);
      await a.reset('victim@office');
      expect(await b.take('victim@office')).toBe(0);
    } finally {
      one.disconnect();
      two.disconnect();
    }
  });
});
