import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A limit: at most `points` per window of `seconds` for each key. */
export interface Limit {
  /** Names the limit's keys in Redis (`conveyor:limit:<name>:<key>`). */
  name: string;
  points: number;
  seconds: number;
}

/**
 * Counts by key in fixed windows. With Redis, every instance counts in the same place, so a limit
 * (and a sign-in lock-out) holds across instances; while Redis is unreachable each instance counts
 * on its own in memory (the insurance limiter) instead of letting everything through. Without
 * Redis it counts in memory; idle keys expire with their window.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(limit: Limit, redis: Redis | null) {
    const options = { points: limit.points, duration: limit.seconds, keyPrefix: `conveyor:limit:${limit.name}` };
    this.limiter = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  }

  /** Takes `cost` points for `key`; resolves to 0 when allowed, else the seconds until its window ends. */
  async take(key: string, cost = 1): Promise<number> {
    try {
      await this.limiter.consume(key, cost);
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
