import type { WebhookRequest } from '../../domain/integrations/adapter.js';

/**
 * A delivery's request as the inbox keeps it, for replays and the raw view: everything an adapter
 * reads, without the credentials it was checked with (`authorization`, cookies) and without the
 * webhook key (the URL is kept as the path after it).
 */
export interface StoredRequest {
  method: string;
  /** What the system appended to the webhook URL (Mango posts to `<url>/events/summary`), or ''. */
  subpath: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: string;
}

const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export function storeRequest(request: WebhookRequest, subpath: string): string {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !DROPPED_HEADERS.has(name)));
  const stored: StoredRequest = { method: request.method, subpath, headers, query: { ...request.query }, body: request.rawBody };
  return JSON.stringify(stored);
}

/** The request again, as the adapter first read it (`receivedAt` as recorded). */
export function restoreRequest(json: string, receivedAt: string): WebhookRequest {
  const stored = JSON.parse(json) as StoredRequest;
  const query = new URLSearchParams(stored.query).toString();
  return {
    method: stored.method,
    headers: stored.headers,
    query: stored.query,
    rawBody: stored.body,
    url: `/api/hooks/-${stored.subpath ? `/${stored.subpath}` : ''}${query ? `?${query}` : ''}`,
    receivedAt: new Date(receivedAt),
  };
}
