import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Bitrix24 REST API for tests: a real HTTP server on 127.0.0.1 (a free port) that answers
 * an incoming webhook's URL, `http://127.0.0.1:<port>/rest/<user>/<code>/crm.deal.get.json?id=…`
 * (`.json` optional, GET or POST; the id may also come in a form or JSON body, `id` or `ID`), as
 * Bitrix24 documents it:
 *
 * - a known deal: 200 `{ "result": { …the deal's fields… }, "time": { … } }`;
 * - an unknown deal: 400 `{ "error": "NOT_FOUND", "error_description": "Not found" }`;
 * - another method: 404 `{ "error": "ERROR_METHOD_NOT_FOUND", … }`;
 * - another user or code than the webhook's: 401 `{ "error": "INVALID_CREDENTIALS", … }`;
 * - after `failNext(n)`, the next n calls: 503 `{ "error": "QUERY_LIMIT_EXCEEDED", … }` (what
 *   Bitrix24 answers when it is overloaded).
 *
 * `deals` maps a deal id to its fields (strings, as Bitrix24 sends them); a test may change it at
 * any time. `calls` records each call as `<method>?<id>` (e.g. `crm.deal.get?id=410`), failed ones
 * too, in the order they came. `restUrl` is what a connection's `settings.restUrl` holds, ending
 * in '/'.
 */
export interface FakeBitrix24 {
  restUrl: string;
  deals: Map<string, Record<string, string>>;
  calls: string[];
  failNext(n: number): void;
  close(): Promise<void>;
}

const USER = '1';
const CODE = 'fake0webhook0code';

export async function startFakeBitrix24(): Promise<FakeBitrix24> {
  const deals = new Map<string, Record<string, string>>();
  const calls: string[] = [];
  let failures = 0;

  const server = createServer((request, response) => {
    void answer(request, response);
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const match = /^\/rest\/([^/]+)\/([^/]+)\/([A-Za-z0-9_.]+?)(?:\.json)?\/?$/.exec(url.pathname);
    const method = match?.[3] ?? url.pathname;
    const id = url.searchParams.get('id') ?? url.searchParams.get('ID') ?? idFromBody(request.headers['content-type'], body);
    calls.push(`${method}?id=${id ?? ''}`);
    if (failures > 0) {
      failures -= 1;
      return send(response, 503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    }
    if (!match || match[1] !== USER || match[2] !== CODE)
      return send(response, 401, { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' });
    if (method !== 'crm.deal.get') return send(response, 404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
    const deal = id === undefined ? undefined : deals.get(id);
    if (deal === undefined) return send(response, 400, { error: 'NOT_FOUND', error_description: 'Not found' });
    const now = Date.now() / 1000;
    send(response, 200, {
      result: deal,
      time: {
        start: now,
        finish: now,
        duration: 0,
        processing: 0,
        date_start: new Date().toISOString(),
        date_finish: new Date().toISOString(),
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}/rest/${USER}/${CODE}/`,
    deals,
    calls,
    failNext(n: number) {
      failures = n;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function idFromBody(contentType: string | undefined, body: string): string | undefined {
  if (body === '') return undefined;
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const id = parsed['id'] ?? parsed['ID'];
      return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
    } catch {
      return undefined;
    }
  }
  const form = new URLSearchParams(body);
  return form.get('id') ?? form.get('ID') ?? undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
