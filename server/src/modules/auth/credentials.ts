import type { Account, ApiToken, Locale } from '@conveyor/shared';
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { AccountEntity, ApiTokenEntity } from './access.entities.js';

export const SESSION_COOKIE = 'conveyor_session';
/** A manager's session lasts two weeks; an employee's phone stays signed in for a year (revocable). */
export const SESSION_DAYS = { manager: 14, employee: 365 } as const;
export const INVITE_DAYS = 7;

/** Only hashes of secrets are stored. */
export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

let dummy: Promise<string> | null = null;
/** A hash to verify against when an account is unknown, so timing does not tell. */
export function dummyHash(): Promise<string> {
  return (dummy ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id }));
}

export function asLocale(value: string | null): Locale | null {
  return value === 'ru' || value === 'en' ? value : null;
}

/** One cookie's value from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function toAccount(a: AccountEntity): Account {
  return { id: a.id, email: a.email, name: a.name, active: a.disabledAt === null, createdAt: a.createdAt, lastSignInAt: a.lastSignInAt };
}

export function toToken(t: ApiTokenEntity): ApiToken {
  return { id: t.id, kind: t.kind, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}
