import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('allows a burst up to capacity, then asks to wait until tokens refill', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0); // keys are separate
    now = 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.wait('a')).toBe(1);
  });

  it('treats failures as cost: five failed sign-ins per 15 minutes', () => {
    let now = 0;
    const failures = new RateLimiter(5, 5 / 900, () => now);
    for (let i = 0; i < 5; i++) expect(failures.take('anna@office')).toBe(0);
    expect(failures.wait('anna@office')).toBe(180);
    now = 180_000;
    expect(failures.wait('anna@office')).toBe(0);
    failures.reset('anna@office');
    expect(failures.wait('anna@office')).toBe(0);
  });

  it('gives back what a successful attempt took', () => {
    const limiter = new RateLimiter(1, 0.001, () => 0);
    expect(limiter.take('ip')).toBe(0);
    expect(limiter.take('ip')).toBeGreaterThan(0);
    limiter.refund('ip');
    expect(limiter.take('ip')).toBe(0);
  });

  it('stays bounded in keys', () => {
    const limiter = new RateLimiter(1, 1, () => 0, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
  });
});
