/**
 * Token buckets by key: each key holds up to `capacity` tokens, refilled at `perSecond`. Idle keys
 * are forgotten, so memory stays bounded by the keys active in the last minutes.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes `cost` tokens for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, cost = 1): number {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.ceil((cost - bucket.tokens) / this.perSecond);
  }

  /** Seconds until `key` may spend `cost` again, without spending (0: it may). */
  wait(key: string, cost = 1): number {
    const bucket = this.refilled(key, this.now());
    return bucket.tokens >= cost ? 0 : Math.ceil((cost - bucket.tokens) / this.perSecond);
  }

  /** Gives back what an attempt took once it turned out fine. */
  refund(key: string, cost = 1): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + cost);
  }

  /** Forgets a key (a successful sign-in clears its failures). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  private refilled(key: string, now: number): { tokens: number; at: number } {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { tokens: this.capacity, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    return bucket;
  }

  /** Drops full buckets (they hold no state worth keeping), oldest first if still too many. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.capacity) this.buckets.delete(key);
    if (this.buckets.size >= this.maxKeys)
      for (const key of [...this.buckets.keys()].slice(0, this.buckets.size - this.maxKeys + 1)) this.buckets.delete(key);
  }
}
