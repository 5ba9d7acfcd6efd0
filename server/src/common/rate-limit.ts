import type { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A limit: at most `points` per window of `seconds` for each key, plus a `burst` pool when one is given. */
export interface Limit {
  /** Names the limit's keys in Redis (`conveyor:limit:<name>:<key>`). */
  name: string;
  points: number;
  seconds: number;
  /** Extra points per window of its own, taken once a window's `points` are spent (a steady rate with room for bursts). */
  burst?: { points: number; seconds: number };
}

/**
 * Counts by key in fixed windows. With Redis, every instance counts in the same place, so a limit
 * (and a sign-in lock-out) holds across instances; while Redis is unreachable each instance counts
 * on its own in memory (the insurance limiter) instead of letting everything through. Without
 * Redis it counts in memory; idle keys expire with their window.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly bursty: BurstyRateLimiter | null;

  constructor(limit: Limit, redis: Redis | null) {
    this.limiter = counter(`conveyor:limit:${limit.name}`, limit.points, limit.seconds, redis);
    this.bursty = limit.burst
      ? new BurstyRateLimiter(this.limiter, counter(`conveyor:limit:${limit.name}:burst`, limit.burst.points, limit.burst.seconds, redis))
      : null;
  }

  /** Takes `cost` points for `key`; resolves to 0 when allowed, else the seconds until its window ends. */
  async take(key: string, cost = 1): Promise<number> {
    try {
      await (this.bursty ?? this.limiter).consume(key, cost);
      return 0;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // The window's end does not move, so a refused attempt counted beyond the limit costs nothing more.
      return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    }
  }

  /** Gives back what an attempt took once it turned out fine. */
  async refund(key: string, cost = 1): Promise<void> {
    await this.limiter.reward(key, cost);
  }

  /** Forgets a key (a successful sign-in clears its failures). */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

/** Counts in Redis, falling back to this instance's memory while Redis is away; in memory without Redis. */
function counter(keyPrefix: string, points: number, duration: number, redis: Redis | null): RateLimiterAbstract {
  const options = { points, duration, keyPrefix };
  return redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);
}
