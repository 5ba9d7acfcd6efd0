import { createHash, timingSafeEqual } from 'node:crypto';
import { why, type FieldReason, type IntegrationSystem } from '@conveyor/shared';
import { zonedToUtc } from '../periods/zoned-time.js';
import type { Candidate, Reading } from './adapter.js';

/**
 * What the telephony adapters (Mango, Zadarma, Sipuni, UIS) share: form bodies, constant-time
 * secret checks, the three ways these systems write a time, phone numbers as clients, and the
 * one shape a scored call takes. docs/integrations/telephony.md says where each format is from.
 */

/** The fields of an `application/x-www-form-urlencoded` body or query string; a repeated name keeps its first value. */
export function formFields(encoded: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(encoded)) if (!(name in fields)) fields[name] = value;
  return fields;
}

/** Whether two secrets (tokens, signatures) are equal, in constant time: both are hashed first, so not even the length leaks. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A field that is missing or not what the system documents; `readSafely` turns it into a `malformed` reading. */
export class MalformedField extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly why: FieldReason = { code: 'other' },
  ) {
    super(`${field} ${reason}`);
  }
}

/** Runs a reader, answering `malformed` for the first field it finds wrong. */
export function readSafely(read: () => Reading): Reading {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedField) return { kind: 'malformed', field: error.field, reason: error.reason, why: error.why };
    throw error;
  }
}

/** A JSON object from text; `field` names the text when it is missing or not an object. */
export function jsonObject(text: string | undefined, field: string): Record<string, unknown> {
  if (text === undefined || text.trim() === '') throw new MalformedField(field, 'is required', why('required'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedField(field, 'is not JSON', why('not_json'));
  }
  if (!isRecord(value)) throw new MalformedField(field, 'must be a JSON object', why('wrong_type', { expected: 'object' }));
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty text field (numbers are taken as their decimal text). */
export function requiredText(value: unknown, field: string): string {
  const text = optionalText(value);
  if (text === undefined) throw new MalformedField(field, 'is required', why('required'));
  return text;
}

/** A text field that may be absent, null or empty (all read as absent). */
export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** A whole number of seconds, 0 or more, sent as a number or as digits. */
export function wholeSeconds(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new MalformedField(field, 'must be a whole number of seconds', why('duration'));
  return n;
}

/**
 * A Unix time in seconds (UTC by definition). 0 is not a time but "never" in these systems, so it
 * is refused here; callers that accept "never" check for 0 first.
 */
export function unixTime(value: unknown, field: string): Date {
  const seconds = wholeSeconds(value, field);
  // Milliseconds, or a date past the year 5000, are not what these systems send.
  if (seconds === 0 || seconds >= 1e11) throw new MalformedField(field, 'must be a Unix time in seconds', why('not_a_date'));
  return new Date(seconds * 1000);
}

/** The zone a wall-clock time without an offset is read in: the Russian systems write Moscow time. */
export const MOSCOW = 'Europe/Moscow';

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date-time as these systems write it: `YYYY-MM-DD HH:MM:SS[.fff]` is wall-clock time in
 * Moscow (no offset is sent); an ISO-8601 date-time with an offset is taken as it says.
 */
export function moscowTime(value: unknown, field: string): Date {
  const text = requiredText(value, field);
  const m = WALL_TIME.exec(text);
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const millisecond = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
    const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    const real =
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day &&
      check.getUTCHours() === hour &&
      check.getUTCMinutes() === minute &&
      check.getUTCSeconds() === second;
    if (real) return zonedToUtc(year, month, day, MOSCOW, hour, minute, second, millisecond);
  } else if (WITH_OFFSET.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  throw new MalformedField(field, 'must be a date-time YYYY-MM-DD HH:MM:SS (Moscow time) or ISO-8601 with an offset', why('not_a_date'));
}

/**
 * The system's natural key as an event id, `<system>:<key>`. Event ids are at most 128 characters;
 * a longer key (Mango allows 128 bytes of its own) is replaced by its SHA-256, still deterministic.
 */
export function naturalId(system: IntegrationSystem, key: string): string {
  const id = `${system}:${key}`;
  return id.length <= 128 ? id : `${system}:sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/**
 * A client's phone number as digits with the country code: separators dropped, a Russian trunk
 * prefix 8 (11 digits) read as +7. Short numbers are extensions and SIP addresses are devices,
 * neither a client: undefined.
 */
export function phoneNumber(raw: string | undefined): string | undefined {
  if (raw === undefined || /^sips?:/i.test(raw) || raw.includes('@')) return undefined;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 15) return undefined;
  return `+${digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits}`;
}

export type Direction = 'in' | 'out';

/** A finished, answered call as the system reports it. */
export interface CallFacts {
  system: IntegrationSystem;
  /** The system's own id of the call (`entry_id`, `pbx_call_id`, `call_id`, `call_session_id`). */
  key: string;
  direction: Direction;
  /** When the call began. */
  startedAt: Date;
  /** The employee's key in the system (an extension or a user id); absent when the system names nobody. */
  externalUser: string | undefined;
  /** The field the employee's key comes from, named when it is missing. */
  externalUserField: string;
  externalUserName?: string;
  /** What the employee's key is, for the inbox line: an extension (the default) or the system's user id. */
  userKind?: 'ext' | 'user';
  /** Talk time, never ringing time. */
  talkSec: number;
  /** The other party's number, when the system sends it. */
  phone: string | undefined;
}

/** One line for the inbox: direction, extension (or user and name), talk seconds, the client's number. */
export function callSummary(
  f: Pick<CallFacts, 'direction' | 'externalUser' | 'externalUserName' | 'userKind' | 'talkSec' | 'phone'>,
): Record<string, string | number> {
  const phone = phoneNumber(f.phone) ?? f.phone;
  return {
    direction: f.direction,
    ...(f.externalUser !== undefined && { [f.userKind ?? 'ext']: f.externalUser }),
    ...(f.externalUserName !== undefined && { userName: f.externalUserName }),
    talkSec: f.talkSec,
    ...(phone !== undefined && { phone }),
  };
}

/**
 * The reading of an answered call: a `call` candidate with its talk time, or why it scores
 * nothing (no talk time; nobody of the office on it).
 */
export function callReading(f: CallFacts): Reading {
  const summary = callSummary(f);
  if (f.talkSec <= 0) return { kind: 'ignored', reason: 'no_talk', summary };
  if (f.externalUser === undefined)
    return { kind: 'ignored', reason: 'nothing_to_score', params: { missing: f.externalUserField }, summary };
  const client = phoneNumber(f.phone);
  const candidate: Candidate = {
    id: naturalId(f.system, f.key),
    type: 'call',
    occurredAt: f.startedAt.toISOString(),
    externalUser: f.externalUser,
    ...(f.externalUserName !== undefined && { externalUserName: f.externalUserName }),
    ...(client !== undefined && { clientId: `${f.system}:phone:${client}` }),
    durationSec: f.talkSec,
  };
  return { kind: 'candidates', candidates: [candidate], summary };
}
