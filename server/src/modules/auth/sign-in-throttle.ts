import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { RateLimiter } from '../../common/rate-limit.js';

/**
 * Failed sign-ins: 5 per account and 50 per address in 15 minutes (a whole office may share one
 * address behind its router; the per-account limit is what stops guessing a password). An attempt
 * counts as a failure until it succeeds, so parallel guesses cannot slip past the limit.
 */
@Injectable()
export class SignInThrottle {
  private readonly failuresByEmail = new RateLimiter(5, 5 / 900);
  private readonly failuresByIp = new RateLimiter(50, 50 / 900);

  /** Counts a password attempt against the account and the address; returns 0, or the seconds to wait (refused). */
  beginPassword(email: string, ip: string): number {
    const keyEmail = `email:${email}`;
    let wait = this.failuresByEmail.take(keyEmail);
    if (wait === 0) {
      wait = this.failuresByIp.take(`ip:${ip}`);
      if (wait > 0) this.failuresByEmail.refund(keyEmail);
    }
    return wait;
  }

  /** A password attempt succeeded: the account's failures are forgotten and the address gets its try back. */
  passwordOk(email: string, ip: string): void {
    this.failuresByEmail.reset(`email:${email}`);
    this.failuresByIp.refund(`ip:${ip}`);
  }

  /** Counts an invite attempt against the address; returns 0, or the seconds to wait (refused). */
  beginInvite(ip: string): number {
    return this.failuresByIp.take(`ip:${ip}`);
  }

  inviteOk(ip: string): void {
    this.failuresByIp.refund(`ip:${ip}`);
  }
}

/** The refusal of an attempt made too soon after too many failures. */
export function tooManyAttempts(message: string, field: string, wait: number): DomainError {
  return new DomainError('too_many', message, [{ index: 0, field, reason: `retry in ${wait} seconds` }], wait);
}
