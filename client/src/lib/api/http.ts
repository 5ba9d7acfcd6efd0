import type { ApiError, Award, Standings, StandingsQuery } from '@conveyor/shared';
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

/** GET a JSON resource of the API with the saved bearer token. */
export async function apiGet<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const search = params.size > 0 ? `?${params.toString()}` : '';
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;

  const response = await fetch(`${path}${search}`, { headers, signal });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new HttpError(response.status, isApiError(body) ? body : null);
  }
  return (await response.json()) as T;
}

/** GET /api/standings. */
export function getStandings(query: StandingsQuery, signal?: AbortSignal): Promise<Standings> {
  return apiGet<Standings>('/api/standings', { board: query.board, period: query.period, at: query.at }, signal);
}

/** GET /api/awards/recent: newest first. */
export function getRecentAwards(limit: number, signal?: AbortSignal): Promise<Award[]> {
  return apiGet<Award[]>('/api/awards/recent', { limit }, signal);
}
