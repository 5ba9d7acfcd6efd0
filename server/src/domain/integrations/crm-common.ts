import { createHash, timingSafeEqual } from 'node:crypto';
import { parse, type ParsedQs } from 'qs';
import type { Reading } from './adapter.js';

/**
 * Small readers the CRM adapters share (amoCRM, Bitrix24, HubSpot, Pipedrive): form and JSON
 * bodies, ids, times, amounts and constant-time compares. Pure functions, no I/O.
 */

/**
 * A PHP-style form body (`leads[status][0][id]=…`) as nested objects. Indices stay object keys
 * ('0', '1', …) so a long list never turns into a sparse array; `items` reads them in order.
 */
export function parseForm(rawBody: string): ParsedQs {
  return parse(rawBody, { depth: 12, parseArrays: false, parameterLimit: 20_000, duplicates: 'last', charset: 'utf-8' });
}

export type Json = { ok: true; value: unknown } | { ok: false };

export function parseJson(rawBody: string): Json {
  try {
    return { ok: true, value: JSON.parse(rawBody) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** The objects of a list sent as an array or as an object keyed '0', '1', …, with their keys, in index order. */
export function indexed(value: unknown): [string, Record<string, unknown>][] {
  const pairs: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index): [string, unknown] => [String(index), item])
    : isRecord(value)
      ? Object.keys(value)
          .sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
          .map((key): [string, unknown] => [key, value[key]])
      : [];
  return pairs.filter((pair): pair is [string, Record<string, unknown>] => isRecord(pair[1]));
}

/** A non-empty string or a finite number, as text; anything else is absent. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A positive integer id (CRMs send them as numbers or digit strings); '0' and empty mean none. */
export function idOf(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && /^\d+$/.test(t) && !/^0+$/.test(t) ? t.replace(/^0+/, '') : undefined;
}

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function instant(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? new Date(ms).toISOString() : undefined;
}

/** Unix seconds (a number or digits) as a UTC ISO instant. */
export function fromUnixSeconds(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && /^\d{9,11}$/.test(t) ? instant(Number(t) * 1000) : undefined;
}

/** Unix milliseconds (a number or digits) as a UTC ISO instant. */
export function fromUnixMillis(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && /^\d{12,14}$/.test(t) ? instant(Number(t)) : undefined;
}

/** An ISO-8601 date-time that names its zone (`Z` or `±hh:mm`), as a UTC instant. */
export function fromZonedIso(value: unknown): string | undefined {
  const t = text(value);
  if (t === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return undefined;
  return instant(Date.parse(t));
}

/** `YYYY-MM-DD HH:MM:SS` that the system documents as UTC (Pipedrive's v1 times), as a UTC instant. */
export function fromUtcDateTime(value: unknown): string | undefined {
  const t = text(value);
  if (t === undefined || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t)) return undefined;
  return instant(Date.parse(`${t.replace(' ', 'T')}Z`));
}

/**
 * A deal's price as Conveyor's amount (roubles, at most 2 decimals), when it is a positive number
 * in roubles. `currency` absent means the account's own currency, taken as roubles.
 */
export function roubles(value: unknown, currency?: unknown): number | undefined {
  const code = text(currency)?.toUpperCase();
  if (code !== undefined && code !== 'RUB' && code !== 'RUR') return undefined;
  const t = text(value);
  if (t === undefined || !/^\d+(\.\d+)?$/.test(t)) return undefined;
  const amount = Math.round(Number(t) * 100) / 100;
  return amount > 0 && amount <= 1e12 ? amount : undefined;
}

const MAX_ID = 128;
const MAX_NAME = 200;

/**
 * An event id from a system's natural keys, e.g. `amocrm:lead:5:status:142`. One longer than
 * events take (128) becomes `<system>:sha256:<hex of the whole id>`: still the same for the same keys.
 */
export function naturalId(system: string, ...keys: string[]): string {
  const id = [system, ...keys].join(':');
  return id.length <= MAX_ID ? id : `${system}:sha256:${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/** A client's name as events take it: at most 200 characters (longer CRM names are cut, not refused). */
export function clientName(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_NAME ? name : `${chars.slice(0, MAX_NAME - 1).join('')}…`;
}

/** Compares two secrets in constant time, whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The user and password of an `Authorization: Basic …` header. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function malformed(field: string, reason: string): Reading {
  return { kind: 'malformed', field, reason };
}

export function nothingToScore(summary: Record<string, string | number>, params?: Record<string, string | number>): Reading {
  return { kind: 'ignored', reason: 'nothing_to_score', summary, ...(params && { params }) };
}

/** Drops the absent entries of a summary (the inbox shows what a delivery said, in a line). */
export function summaryOf(entries: Record<string, string | number | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
