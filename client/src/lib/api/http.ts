import { ERROR_CODES, type ApiError, type Award, type Standings, type StandingsQuery } from '@conveyor/shared';
import { fieldReasonPlain } from '../i18n/field-reasons.js';
import { lang, t } from '../i18n/i18n.js';
import { getToken } from '../auth/token.js';

/** A refused request; `body` is the server's `ApiError` when it sent one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    Array.isArray((value as { errors?: unknown }).errors)
  );
}

type Query = Record<string, string | number | undefined>;

/** GET a JSON resource of the API with the saved bearer token (the wall's). */
export function apiGet<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const search = params.size > 0 ? `?${params.toString()}` : '';
  return api<T>('GET', `${path}${search}`, undefined, getToken(), signal);
}

/** GET /api/standings. */
export function getStandings(query: StandingsQuery, signal?: AbortSignal): Promise<Standings> {
  return apiGet<Standings>('/api/standings', { board: query.board, period: query.period, at: query.at }, signal);
}

/** GET /api/awards/recent: newest first. */
export function getRecentAwards(limit: number, signal?: AbortSignal): Promise<Award[]> {
  return apiGet<Award[]>('/api/awards/recent', { limit }, signal);
}

/**
 * Any API call with a JSON body and answer. Cookies (a signed-in manager or phone) go along by
 * themselves; `token` adds a bearer token (the bootstrap admin token during first set-up).
 */
export async function api<T>(method: string, path: string, body?: unknown, token?: string | null, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) {
    const answer: unknown = await response.json().catch(() => null);
    throw new HttpError(response.status, isApiError(answer) ? answer : null);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * A refused request as one line in the UI language: the catalogue's message for its `code` (the
 * server's English `message` when the code is unknown or missing), with the first field error said
 * by its `why` (a field error without one is said in general words, never by its English reason).
 */
export function errorText(error: unknown): string {
  if (error instanceof HttpError) {
    const body = error.body;
    const code = body?.code;
    const text = code && (ERROR_CODES as readonly string[]).includes(code) ? t(`error.${code}`) : (body?.message ?? error.message);
    const first = body?.errors[0];
    return first ? t('error.withField', { message: text, field: first.field, reason: fieldReasonPlain(first.why, lang()) }) : text;
  }
  return error instanceof Error ? error.message : String(error);
}
