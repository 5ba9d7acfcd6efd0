import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { RateLimiter } from '../../common/rate-limit.js';
import { RedisLink } from '../../core/redis.js';

/**
 * Failed sign-ins: 5 per account and 50 per address in 15 minutes (a whole office may share one
 * address behind its router; the per-account limit is what stops guessing a password). An attempt
 * counts as a failure until it succeeds, so parallel guesses cannot slip past the limit. With Redis
 * the counts are shared, so failures through one instance lock the account on all of them.
 */
@Injectable()
export class SignInThrottle {
  private readonly failuresByEmail: RateLimiter;
  private readonly failuresByIp: RateLimiter;

  constructor(redis: RedisLink) {
    this.failuresByEmail = new RateLimiter({ name: 'sign-in:email', points: 5, seconds: 900 }, redis.client);
    this.failuresByIp = new RateLimiter({ name: 'sign-in:ip', points: 50, seconds: 900 }, redis.client);
  }

  /** Counts a password attempt against the account and the address; resolves to 0, or the seconds to wait (refused). */
  async beginPassword(email: string, ip: string): Promise<number> {
    const keyEmail = `email:${email}`;
    let wait = await this.failuresByEmail.take(keyEmail);
    if (wait === 0) {
      wait = await this.failuresByIp.take(`ip:${ip}`);
      if (wait > 0) await this.failuresByEmail.refund(keyEmail);
    }
    return wait;
  }

  /** A password attempt succeeded: the account's failures are forgotten and the address gets its try back. */
  async passwordOk(email: string, ip: string): Promise<void> {
    await Promise.all([this.failuresByEmail.reset(`email:${email}`), this.failuresByIp.refund(`ip:${ip}`)]);
  }

  /** Counts an invite attempt against the address; resolves to 0, or the seconds to wait (refused). */
  beginInvite(ip: string): Promise<number> {
    return this.failuresByIp.take(`ip:${ip}`);
  }

  inviteOk(ip: string): Promise<void> {
    return this.failuresByIp.refund(`ip:${ip}`);
  }
}

/** The refusal of an attempt made too soon after too many failures. */
export function tooManyAttempts(message: string, field: string, wait: number): DomainError {
  return new DomainError('too_many', message, [{ index: 0, field, reason: `retry in ${wait} seconds` }], wait);
}
