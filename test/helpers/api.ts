import type { ApiError, CreateEmployee, CreateTeam, Invite, Standings } from '@conveyor/shared';
import { startServer, type RunningServer } from './server.js';

export interface Answer<T> {
  status: number;
  body: T;
}

/** A small typed HTTP client for tests, speaking as the admin unless told otherwise. */
export class Api {
  constructor(
    readonly server: RunningServer,
    private readonly token: string | null = server.adminToken,
  ) {}

  as(token: string | null): Api {
    return new Api(this.server, token);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.server.url}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Posts one event or a batch; `events` is `unknown` so tests can send malformed bodies too. */
  postEvents(events: unknown): Promise<Answer<unknown>> {
    return this.request('POST', '/events', events);
  }

  async employee(body: CreateEmployee): Promise<void> {
    const res = await this.request<ApiError>('POST', '/employees', body);
    if (res.status !== 201) throw new Error(`employee: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async team(body: CreateTeam): Promise<void> {
    const res = await this.request<ApiError>('POST', '/teams', body);
    if (res.status !== 201) throw new Error(`team: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async standings(query: string): Promise<Standings> {
    const res = await this.request<Standings>('GET', `/standings?${query}`);
    if (res.status !== 200) throw new Error(`standings: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** GET a path as the employee's phone: invited, signed in with the invite, then asking with the session cookie. */
  async getAsEmployee(employeeId: string, path: string): Promise<Response> {
    const invite = (await this.request<Invite>('POST', `/employees/${employeeId}/invite`)).body;
    const signIn = await fetch(`${this.server.url}/api/auth/invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: invite.code }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    return fetch(`${this.server.url}/api${path}`, { headers: { cookie } });
  }

  /** Points per row id. */
  async points(query: string): Promise<Record<string, number>> {
    return Object.fromEntries((await this.standings(query)).rows.map((r) => [r.id, r.points]));
  }
}

/** Two triads whose memberships start on 2026-01-01 (office time), for tests that post past events. */
export async function seedOffice(api: Api): Promise<void> {
  for (const n of [1, 2]) {
    await api.employee({ id: `tm${n}`, name: `Telemarketer ${n}`, role: 'telemarketer' });
    await api.employee({ id: `sales${n}`, name: `Sales ${n}`, role: 'sales' });
    await api.employee({ id: `acc${n}`, name: `Account ${n}`, role: 'account' });
    await api.team({
      id: `team${n}`,
      name: `Team ${n}`,
      members: { telemarketer: `tm${n}`, sales: `sales${n}`, account: `acc${n}` },
      since: '2026-01-01',
    });
  }
}

/** A fresh server on a temporary database with the two seeded triads; `env` adds server variables (e.g. `MANUAL_CLOCK`). */
export async function startOffice(env?: Record<string, string>): Promise<{ server: RunningServer; api: Api }> {
  const server = await startServer({ env });
  const api = new Api(server);
  await seedOffice(api);
  return { server, api };
}
