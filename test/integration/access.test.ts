import { BOARDS, LIVE_NAMESPACE, type AuditEntry, type CreatedToken, type EventsPage, type Invite, type WhoAmI } from '@conveyor/shared';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedOffice } from '../helpers/api.js';
import { LiveClient } from '../helpers/live.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { objectContaining } from '../helpers/match.js';

type Caller = 'anonymous' | 'employee' | 'display' | 'integration' | 'manager';
const CALLERS: Caller[] = ['anonymous', 'employee', 'display', 'integration', 'manager'];

/**
 * Who may call what. Every route the server exposes must be listed here: the matrix test fails on a
 * route without an entry. Managers may call everything; `public` routes anyone.
 */
const MATRIX: Record<string, Caller[] | 'public'> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  // Prometheus: managers, and the scrape token METRICS_TOKEN (docs/deploy.md), which opens nothing else.
  'GET /metrics': ['manager'],
  'POST /api/auth/login': 'public',
  'POST /api/auth/invite': 'public',
  'GET /api/auth/me': ['employee', 'display', 'integration', 'manager'],
  'PUT /api/auth/locale': ['employee', 'manager'],
  'GET /api/auth/sessions': ['employee', 'manager'],
  'POST /api/auth/logout': ['employee', 'manager'],
  'POST /api/auth/logout-everywhere': ['employee', 'manager'],
  'GET /api/me': ['employee'],
  'GET /api/me/funnel': ['employee'],
  'GET /api/me/history': ['employee'],
  'GET /api/analytics/funnel': ['manager'],
  'GET /api/analytics/weak-links': ['manager'],
  'GET /api/analytics/signals': ['manager'],
  'GET /api/analytics/people/{id}': ['manager'],
  'GET /api/analytics/people/{id}/events': ['manager'],
  'GET /api/settings/calendar': ['manager'],
  'PUT /api/settings/calendar': ['manager'],
  'POST /api/events': ['integration', 'manager'],
  'POST /api/events/{id}/void': ['manager'],
  'GET /api/events/{id}/void-preview': ['manager'],
  'GET /api/events': ['manager'],
  'GET /api/onboarding': ['manager'],
  'GET /api/standings': ['employee', 'display', 'manager'],
  'GET /api/standings/improved': ['employee', 'display', 'manager'],
  'GET /api/standings/today': ['employee', 'display', 'manager'],
  'GET /api/settings/wall': ['employee', 'display', 'manager'],
  'PUT /api/settings/wall': ['manager'],
  'GET /api/awards/recent': ['employee', 'display', 'manager'],
  'GET /api/employees': ['employee', 'display', 'manager'],
  'GET /api/employees/{id}': ['employee', 'display', 'manager'],
  'POST /api/employees': ['manager'],
  'PATCH /api/employees/{id}': ['manager'],
  'POST /api/employees/{id}/invite': ['manager'],
  'GET /api/employees/{id}/sessions': ['manager'],
  'DELETE /api/employees/{id}/sessions': ['manager'],
  'GET /api/teams': ['employee', 'display', 'manager'],
  'GET /api/teams/{id}': ['employee', 'display', 'manager'],
  'POST /api/teams': ['manager'],
  'PATCH /api/teams/{id}': ['manager'],
  'PUT /api/employees/{id}/photo': ['manager'],
  'DELETE /api/employees/{id}/photo': ['manager'],
  'PUT /api/teams/{id}/photo': ['manager'],
  'DELETE /api/teams/{id}/photo': ['manager'],
  // The photo's hash in the URL is the capability (docs/access.md); unknown ones answer 404 to everyone.
  'GET /api/photos/{file}': 'public',
  'GET /api/clients/{id}': ['manager'],
  'GET /api/rules': ['employee', 'display', 'manager'],
  'POST /api/rules': ['manager'],
  'POST /api/rules/preview': ['manager'],
  'GET /api/targets': ['employee', 'display', 'manager'],
  'PUT /api/targets': ['manager'],
  'GET /api/grades': ['employee', 'display', 'manager'],
  'PUT /api/grades': ['manager'],
  'GET /api/grades/earned': ['employee', 'display', 'manager'],
  'GET /api/periods': ['employee', 'display', 'manager'],
  'GET /api/periods/{key}': ['employee', 'display', 'manager'],
  'POST /api/periods/{key}/close': ['manager'],
  'POST /api/periods/{key}/postpone': ['manager'],
  'GET /api/settings/closing': ['employee', 'display', 'manager'],
  'PUT /api/settings/closing': ['manager'],
  'GET /api/rewards': ['employee', 'display', 'manager'],
  'POST /api/rewards': ['manager'],
  'PUT /api/rewards/{id}': ['manager'],
  'DELETE /api/rewards/{id}': ['manager'],
  'POST /api/grants/{id}/hand-out': ['manager'],
  'GET /api/hall-of-fame': ['employee', 'display', 'manager'],
  'GET /api/accounts': ['manager'],
  'POST /api/accounts': ['manager'],
  'PATCH /api/accounts/{id}': ['manager'],
  'GET /api/tokens': ['manager'],
  'POST /api/tokens': ['manager'],
  'DELETE /api/tokens/{id}': ['manager'],
  'GET /api/audit': ['manager'],
  'PUT /api/dev/clock': ['manager'],
  'GET /api/integrations': ['manager'],
  'POST /api/integrations': ['manager'],
  'PATCH /api/integrations/{id}': ['manager'],
  'DELETE /api/integrations/{id}': ['manager'],
  'POST /api/integrations/{id}/rotate': ['manager'],
  'GET /api/integrations/{id}/deliveries': ['manager'],
  'GET /api/integrations/{id}/deliveries/{deliveryId}/raw': ['manager'],
  'POST /api/integrations/{id}/deliveries/{deliveryId}/replay': ['manager'],
  'POST /api/import': ['manager'],
  'GET /api/import/{id}': ['manager'],
  // The key in the URL is the credential (unknown keys answer 404 to everyone).
  'POST /api/hooks/{key}': 'public',
  'GET /api/hooks/{key}': 'public',
  'POST /api/hooks/{key}/{rest}': 'public',
  'GET /api/hooks/{key}/{rest}': 'public',
};

/** docs/security.md's column names for the callers. */
const COLUMNS: Record<string, Caller> = {
  none: 'anonymous',
  employee: 'employee',
  display: 'display',
  integration: 'integration',
  manager: 'manager',
};

/** The access table of docs/security.md: one row per route or /live event, ✓ (may) or ✗ (refused) per caller. */
function securityTable(): Map<string, Record<Caller, boolean>> {
  const lines = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8').split('\n');
  const head = lines.findIndex((l) => /^\|\s*route or event\s*\|/.test(l));
  expect(head, 'docs/security.md has the access table').toBeGreaterThan(-1);
  const roles = lines[head]!.split('|')
    .slice(2, -1)
    .map((c) => COLUMNS[c.trim()]!);
  expect([...roles].sort()).toEqual([...CALLERS].sort());
  const table = new Map<string, Record<Caller, boolean>>();
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const key = /^`(.+)`$/.exec(cells[0]!)?.[1];
    expect(key, `a row names its route or event in backticks: ${line}`).toBeDefined();
    expect(table.has(key!), `one row per route: ${key}`).toBe(false);
    const row = {} as Record<Caller, boolean>;
    roles.forEach((role, i) => {
      expect(['✓', '✗'], `${key} for ${role}`).toContain(cells[i + 1]);
      row[role] = cells[i + 1] === '✓';
    });
    table.set(key!, row);
  }
  return table;
}

let server: RunningServer;
let admin: Api;

interface Call {
  token?: string;
  cookie?: string;
  body?: unknown;
  origin?: string;
}

async function call(method: string, path: string, c: Call = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.cookie) headers.cookie = c.cookie;
  if (c.origin) headers.origin = c.origin;
  if (c.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

const cookieOf = (headers: Headers): string => (headers.get('set-cookie') ?? '').split(';')[0]!;

async function managerCookie(): Promise<string> {
  const res = await call('POST', '/api/auth/login', { body: { email: 'head@office.test', password: 'correct horse battery' } });
  expect(res.status).toBe(200);
  return cookieOf(res.headers);
}

async function employeeCookie(employeeId = 'tm1'): Promise<string> {
  const invite = (await admin.request<Invite>('POST', `/employees/${employeeId}/invite`)).body;
  const res = await call('POST', '/api/auth/invite', { body: { code: invite.code } });
  expect(res.status).toBe(200);
  return cookieOf(res.headers);
}

let displayToken: CreatedToken;
let integrationToken: CreatedToken;

beforeAll(async () => {
  server = await startServer();
  admin = new Api(server);
  await seedOffice(admin);
  // The first manager account is made with the bootstrap admin token.
  expect(
    (await admin.request('POST', '/accounts', { email: 'Head@Office.test', name: 'Head of Sales', password: 'correct horse battery' }))
      .status,
  ).toBe(201);
  displayToken = (await admin.request<CreatedToken>('POST', '/tokens', { kind: 'display', name: 'Office TV' })).body;
  integrationToken = (await admin.request<CreatedToken>('POST', '/tokens', { kind: 'integration', name: 'amoCRM' })).body;
});
afterAll(() => server?.dispose());

describe('role × endpoint matrix', () => {
  it('lists every route the server exposes', async () => {
    const doc = (await call('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes.filter((r) => !(r in MATRIX)),
      'routes missing from MATRIX',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !routes.includes(r)),
      'MATRIX entries with no route',
    ).toEqual([]);
  });

  it('agrees with the table in docs/security.md, row for row', () => {
    const table = securityTable();
    const rows = [...table.keys()].filter((k) => !k.startsWith('/live'));
    expect(
      rows.filter((r) => !(r in MATRIX)),
      'rows of docs/security.md that are not routes',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !table.has(r)),
      'routes without a row in docs/security.md',
    ).toEqual([]);
    const differ = Object.entries(MATRIX).flatMap(([route, allowed]) =>
      CALLERS.filter((who) => (allowed === 'public' || allowed.includes(who)) !== table.get(route)![who]).map(
        (who) => `${route} as ${who}`,
      ),
    );
    expect(differ, 'cells where docs/security.md and MATRIX disagree').toEqual([]);
  });

  it('answers every route as designed for anonymous, employee, display, integration and manager', async () => {
    const cached = new Map<Caller, Call>();
    const creds = async (who: Caller, fresh: boolean): Promise<Call> => {
      if (!fresh && cached.has(who)) return cached.get(who)!;
      const c = await make(who);
      if (!fresh) cached.set(who, c);
      return c;
    };
    const make = async (who: Caller): Promise<Call> => {
      switch (who) {
        case 'anonymous':
          return {};
        case 'employee':
          return { cookie: await employeeCookie() };
        case 'display':
          return { token: displayToken.token };
        case 'integration':
          return { token: integrationToken.token };
        case 'manager':
          return { cookie: await managerCookie() };
      }
    };
    const wrong: string[] = [];
    // Signing out (everywhere) ends the cached sessions too: those routes go last, on fresh ones.
    const ordered = Object.entries(MATRIX).sort(([a], [b]) => Number(a.includes('logout')) - Number(b.includes('logout')));
    for (const [route, allowed] of ordered) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace('{id}', 'matrix-nope').replace('{key}', '2026-11');
      for (const who of CALLERS) {
        const c = await creds(who, route.includes('logout')); // signing out must not spoil the next call
        const res = await call(method, path, { ...c, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        const mayCall = allowed === 'public' || allowed.includes(who);
        const refused = res.status === 401 || res.status === 403;
        const expected = mayCall ? 'not 401/403' : who === 'anonymous' ? '401' : '403';
        const okay = mayCall ? !refused : res.status === (who === 'anonymous' ? 401 : 403);
        if (!okay) wrong.push(`${route} as ${who}: ${res.status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Strict cookie and tells who is signed in', async () => {
    const res = await call('POST', '/api/auth/login', { body: { email: 'HEAD@office.test', password: 'correct horse battery' } });
    expect(res).toMatchObject({ status: 200, body: { role: 'manager', name: 'Head of Sales' } });
    expect(res.headers.get('set-cookie')).toMatch(/^conveyor_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const me = await call('GET', '/api/auth/me', { cookie: cookieOf(res.headers) });
    expect((me.body as WhoAmI).role).toBe('manager');
  });

  it('locks an account for a while after five wrong passwords, and logs each failure', async () => {
    await admin.request('POST', '/accounts', { email: 'victim@office.test', name: 'Victim', password: 'a very long password' });
    for (let i = 0; i < 5; i++)
      expect((await call('POST', '/api/auth/login', { body: { email: 'victim@office.test', password: `guess ${i}` } })).status).toBe(401);
    const locked = await call('POST', '/api/auth/login', { body: { email: 'victim@office.test', password: 'a very long password' } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(server.output()).toContain('sign-in failed for victim@office.test');
    expect(server.output()).toContain('sign-in refused for victim@office.test');
  });

  it('counts parallel guesses too: at most five get an answer about the password', async () => {
    await admin.request('POST', '/accounts', { email: 'target@office.test', name: 'Target', password: 'another long password' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('POST', '/api/auth/login', { body: { email: 'target@office.test', password: `parallel ${i}` } }),
      ),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
  });

  it('refuses a cookie-authenticated change from a foreign origin', async () => {
    const cookie = await managerCookie();
    const res = await call('POST', '/api/rewards', {
      cookie,
      origin: 'http://evil.example',
      body: { period: 'month', board: 'teams', place: 9, title: 'x' },
    });
    expect(res).toMatchObject({ status: 403, body: { errors: [{ field: 'origin' }] } });
    expect((await call('GET', '/api/rewards', { cookie })).body).toEqual([]);
  });

  it('sends security headers', async () => {
    const res = await call('GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses unknown fields', async () => {
    const res = await call('POST', '/api/auth/login', { body: { email: 'head@office.test', password: 'x', admin: true } });
    expect(res).toMatchObject({ status: 400 });
  });
});

describe('employees on their phones', () => {
  it('sign in once with an invite; a lost phone is signed out by a manager, live socket and all', async () => {
    const invite = (await admin.request<Invite>('POST', '/employees/tm2/invite')).body;
    expect(invite.path).toBe(`/me#invite=${invite.code}`);
    const first = await call('POST', '/api/auth/invite', { body: { code: invite.code } });
    expect(first).toMatchObject({ status: 200, body: { role: 'employee', id: 'tm2', name: 'Telemarketer 2' } });
    expect((await call('POST', '/api/auth/invite', { body: { code: invite.code } })).status).toBe(401); // one time only
    const cookie = cookieOf(first.headers);

    const socket = io(`${server.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    expect((await admin.request<{ revoked: number }>('DELETE', '/employees/tm2/sessions')).body).toEqual({ revoked: 1 });
    expect(await dropped).toBe('io server disconnect');
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
    socket.close();
  });

  it('signs out everyone who leaves, and their unused links stop working', async () => {
    const used = (await admin.request<Invite>('POST', '/employees/acc2/invite')).body;
    const unused = (await admin.request<Invite>('POST', '/employees/acc2/invite')).body;
    const cookie = cookieOf((await call('POST', '/api/auth/invite', { body: { code: used.code } })).headers);
    expect((await call('GET', '/api/me', { cookie })).status).toBe(200);
    expect((await admin.request('PATCH', '/employees/acc2', { active: false })).status).toBe(200);
    expect((await admin.request('PATCH', '/employees/acc2', { active: true })).status).toBe(200);
    // Reactivating does not bring the old phone or the old link back.
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
    expect((await call('POST', '/api/auth/invite', { body: { code: unused.code } })).status).toBe(401);
  });
});

describe('the live socket handshake', () => {
  const attempt = (auth: Record<string, string>, headers?: Record<string, string>): Promise<string> =>
    new Promise((resolve) => {
      const socket = io(`${server.url}${LIVE_NAMESPACE}`, {
        auth,
        transports: ['websocket'],
        extraHeaders: headers,
        reconnection: false,
        forceNew: true,
      });
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', (e) => {
        socket.close();
        resolve(e.message);
      });
    });

  it('refuses no token, a revoked token, an integration token and a foreign origin', async () => {
    const screen = (await admin.request<CreatedToken>('POST', '/tokens', { kind: 'display', name: 'Kitchen TV' })).body;
    expect(await attempt({ token: screen.token })).toBe('connected');
    expect(await attempt({})).toBe('unauthorized');
    expect(await attempt({ token: integrationToken.token })).toBe('unauthorized');
    expect(await attempt({ token: screen.token }, { origin: 'http://evil.example' })).toBe('forbidden origin');
    await admin.request('DELETE', `/tokens/${screen.id}`);
    expect(await attempt({ token: screen.token })).toBe('unauthorized');
    expect((await call('GET', '/api/standings', { token: screen.token })).status).toBe(401);
  });

  it('gives a display nothing that changes data', async () => {
    const before = await admin.standings('board=employees');
    const live = new LiveClient(server.url, displayToken.token);
    await live.connected();
    const raw = live.socket as unknown as { emit: (event: string, ...args: unknown[]) => void };
    raw.emit('events', { id: 'sock-1', type: 'call.completed', occurredAt: '2026-11-20T10:00:00Z', employeeId: 'tm1', durationSec: 60 });
    raw.emit('void', { id: 'x', reason: 'y' });
    live.subscribe({ boards: [{ board: 'employees', period: 'month' }] });
    await live.until(() => live.snapshots.length === 1);
    expect(live.snapshots[0]!.rows).toEqual(before.rows);
    live.close();
    // The token's last use is recorded for managers to see.
    const tokens = (await admin.request<{ id: string; lastUsedAt: string | null }[]>('GET', '/tokens')).body;
    expect(tokens.find((t) => t.id === displayToken.id)!.lastUsedAt).not.toBeNull();
  });
});

describe('role × /live event matrix (docs/security.md)', () => {
  const ROWS = ['/live handshake', ...BOARDS.map((b) => `/live subscribe ${b}`), '/live unsubscribe', '/live any other event'];

  const connect = (c: Call): Promise<Socket | null> =>
    new Promise((resolve) => {
      const socket = io(`${server.url}${LIVE_NAMESPACE}`, {
        transports: ['websocket'],
        auth: c.token ? { token: c.token } : {},
        extraHeaders: c.cookie ? { cookie: c.cookie } : {},
        reconnection: false,
        forceNew: true,
      });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', () => {
        socket.close();
        resolve(null);
      });
    });

  /** Subscribes to one board: true when a snapshot of it comes back, false on a refusal. */
  const snapshot = (socket: Socket, board: string): Promise<boolean> =>
    new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        socket.off('standings:snapshot', onSnapshot);
        socket.off('live:error', onError);
        resolve(ok);
      };
      const onSnapshot = (s: { board: string }): void => done(s.board === board);
      const onError = (): void => done(false);
      const timer = setTimeout(() => done(false), 10_000);
      socket.on('standings:snapshot', onSnapshot);
      socket.on('live:error', onError);
      socket.emit('subscribe', { boards: [{ board, period: 'month' }] });
    });

  /** Whether the caller may do what the row names (a refused handshake refuses everything after it). */
  async function outcome(row: string, socket: Socket | null, who: Caller): Promise<boolean> {
    if (!socket) return false;
    if (row === '/live handshake') return true;
    if (row.startsWith('/live subscribe ')) return snapshot(socket, row.slice('/live subscribe '.length));
    if (row === '/live unsubscribe') {
      const subscribed = await snapshot(socket, 'teams');
      socket.emit('unsubscribe', { boards: [{ board: 'teams', period: 'month' }] });
      return subscribed && (await snapshot(socket, 'employees'));
    }
    // Anything else a client sends: an event, a void, a made-up name. Taken means stored.
    const clientId = `matrix-socket-${who}`;
    const event = {
      id: `matrix-socket-${who}`,
      type: 'meeting.scheduled',
      occurredAt: '2026-11-20T10:00:00.000Z',
      employeeId: 'tm1',
      clientId,
    };
    socket.emit('events', event);
    socket.emit('events', [event]);
    socket.emit('ingest', event);
    socket.emit('void', { id: 'matrix-nope', reason: 'socket' });
    await snapshot(socket, 'teams'); // a socket's packets are handled in order: what came before has been read
    const found = (await admin.request<EventsPage>('GET', `/events?clientId=${clientId}`)).body.events;
    return found.length > 0;
  }

  it('answers every /live event as the table says, for each caller', async () => {
    const table = securityTable();
    expect([...table.keys()].filter((k) => k.startsWith('/live')).sort(), 'the /live rows of docs/security.md').toEqual([...ROWS].sort());
    const creds: Record<Caller, Call> = {
      anonymous: {},
      employee: { cookie: await employeeCookie('sales1') },
      display: { token: displayToken.token },
      integration: { token: integrationToken.token },
      manager: { cookie: await managerCookie() },
    };
    const wrong: string[] = [];
    for (const who of CALLERS) {
      for (const row of ROWS) {
        const socket = await connect(creds[who]);
        const got = await outcome(row, socket, who);
        if (socket && !socket.connected) wrong.push(`${row} as ${who}: the server closed the socket`);
        socket?.close();
        const expected = table.get(row)![who];
        if (got !== expected) wrong.push(`${row} as ${who}: ${got ? '✓' : '✗'}, docs/security.md says ${expected ? '✓' : '✗'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('hostile input (bench/fuzz.mjs)', () => {
  it('answers signing out someone unknown with 404, and logs nothing for it', async () => {
    const res = await call('DELETE', '/api/employees/nobody-here/sessions', { token: server.adminToken });
    expect(res).toMatchObject({ status: 404, body: { code: 'request.not_found' } });
    const log = (await admin.request<AuditEntry[]>('GET', '/audit?limit=500')).body;
    expect(log.filter((e) => e.target === 'nobody-here')).toEqual([]);
  });

  it("answers a request Node's parser refuses (headers over 16 KB) in the error contract", async () => {
    const url = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: 'POST', path: '/api/events', headers: { 'x-huge': 'h'.repeat(20_000) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'request.too_large', errors: [{ field: 'headers' }] });
  });
});

describe('audit log', () => {
  it('records who did what with the state before and after, without secrets', async () => {
    const cookie = await managerCookie();
    await call('PATCH', '/api/employees/acc1', { cookie, body: { name: 'Account One' } });
    await call('POST', '/api/tokens', { cookie, body: { kind: 'integration', name: 'Bitrix' } });
    const log = (await call('GET', '/api/audit?limit=5', { cookie })).body as AuditEntry[];
    expect(log[1]).toMatchObject({
      actor: { role: 'manager', name: 'Head of Sales' },
      action: 'employee.update',
      target: 'acc1',
      before: objectContaining({ name: 'Account 1' }),
      after: objectContaining({ name: 'Account One' }),
    });
    expect(log[0]).toMatchObject({ action: 'token.create', after: objectContaining({ name: 'Bitrix', token: '(secret)' }) });
    // The first account, made with the bootstrap token, shows who made it.
    const all = (await call('GET', '/api/audit?limit=500', { cookie })).body as AuditEntry[];
    expect(all.findLast((e) => e.action === 'account.create')).toMatchObject({
      action: 'account.create',
      actor: { role: 'manager', id: 'bootstrap' },
      after: objectContaining({ email: 'head@office.test' }),
    });
    expect(JSON.stringify(all)).not.toContain('correct horse battery');
    // Invites are logged (who, until when) without the code that signs a phone in.
    expect(all.filter((e) => e.action === 'employee.invite').length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toMatch(/invite=|"code"/);
  });
});
