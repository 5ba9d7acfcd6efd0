import type { ClientPayment, Employee, MomentsSnapshot } from '@conveyor/shared';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK } from '../helpers/clock.js';
import { LiveClient } from '../helpers/live.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;
const clients: LiveClient[] = [];

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK)); // now: 2026-11-25
});
afterEach(() => clients.splice(0).forEach((c) => c.close()));
afterAll(() => server?.dispose());

async function wall(): Promise<LiveClient> {
  const client = new LiveClient(server.url, server.displayToken);
  clients.push(client);
  await client.connected();
  client.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
  await client.until(() => client.momentSnapshots.length > 0);
  return client;
}

async function post(event: Record<string, unknown>): Promise<void> {
  const res = await api.postEvents(event);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A client brought along the chain: team 1's telemarketer sets the meeting, its seller signs, its account manager keeps it. */
async function chain(clientId: string, clientName?: string): Promise<void> {
  const named = clientName ? { clientName } : {};
  await post({ id: `${clientId}-m`, type: 'meeting.scheduled', occurredAt: '2026-10-02T09:00:00Z', employeeId: 'tm1', clientId, ...named });
  await post({ id: `${clientId}-c`, type: 'contract.signed', occurredAt: '2026-10-08T09:00:00Z', employeeId: 'sales1', clientId });
  await post({ id: `${clientId}-h`, type: 'client.handed_over', occurredAt: '2026-10-09T09:00:00Z', employeeId: 'sales1', clientId });
}

const pay = (id: string, clientId: string, occurredAt: string, amount: number) =>
  post({ id, type: 'payment.received', occurredAt, clientId, amount });

/** Gives a person a photo through the console's endpoint; returns its address. */
async function photo(employeeId: string): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#5ec8f2' } })
    .png()
    .toBuffer();
  const res = await fetch(`${server.url}/api/employees/${employeeId}/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'image/png' },
    body: new Blob([new Uint8Array(png)]),
  });
  expect(res.status).toBe(200);
  const employee = (await res.json()) as Employee;
  expect(employee.photoUrl).toMatch(/^\/api\/photos\/[0-9a-f]{64}\.webp$/u);
  return employee.photoUrl!;
}

describe('new clients and renewals on /live', () => {
  it('pushes a client’s first payment as client.new and its renewal as client.renewal, numbered with the other moments', async () => {
    const live = await wall();
    const start = live.momentSnapshots[0]!.version;
    await chain('romashka', 'ООО Ромашка');
    // The seller has a photo (uploaded after the office was read for scoring): the card shows it.
    const face = await photo('sales1');

    await pay('romashka-p1', 'romashka', '2026-10-15T09:00:00Z', 350_000);
    await live.until(() => live.payments.length === 2);
    const team1 = { role: 'sales' as const, teamName: 'Team 1', photoUrl: null };
    expect(live.payments[0]).toEqual({
      kind: 'client.new',
      version: start + 1,
      eventId: 'romashka-p1',
      clientId: 'romashka',
      client: 'ООО Ромашка',
      amount: 350_000,
      currency: 'RUB',
      people: [
        { employeeId: 'sales1', name: 'Sales 1', ...team1, photoUrl: face },
        { employeeId: 'tm1', name: 'Telemarketer 1', ...team1, role: 'telemarketer' },
      ],
      occurredAt: '2026-10-15T09:00:00.000Z',
      at: expect.any(String) as string,
    } satisfies ClientPayment & { kind: string; version: number });
    // At or above the wall's amount, the same payment is also a big payment (older screens know only that one).
    expect(live.payments[1]).toMatchObject({ kind: 'payment.big', version: start + 2, eventId: 'romashka-p1' });
    expect(live.payments[1]!.people.map((p) => [p.employeeId, p.photoUrl])).toEqual([
      ['tm1', null],
      ['sales1', face],
      ['acc1', null],
    ]);

    await pay('romashka-p2', 'romashka', '2026-10-20T09:00:00Z', 10_000); // a later payment in the same month: no news
    await pay('romashka-p3', 'romashka', '2026-11-03T09:00:00Z', 120_000); // the first of the next month: the renewal
    await live.until(() => live.payments.length === 3);
    expect(live.payments[2]).toMatchObject({
      kind: 'client.renewal',
      eventId: 'romashka-p3',
      client: 'ООО Ромашка',
      amount: 120_000,
      people: [
        { employeeId: 'sales1', name: 'Sales 1', ...team1, photoUrl: face },
        { employeeId: 'acc1', name: 'Account 1', ...team1, role: 'account' },
      ],
    });
    // One sequence with the other moments (the points may also have moved a team's grade).
    const versions = live.momentVersions();
    expect(versions).toEqual(versions.map((_, i) => start + 1 + i));
    const renewal = live.payments[2]!.version;

    // A screen that connects now gets them in its moments snapshot.
    const late = await wall();
    const recent: MomentsSnapshot['recent'] = late.momentSnapshots[0]!.recent;
    expect(recent.filter((m) => m.type !== 'grade.changed').map((m) => [m.type, m.version])).toEqual([
      ['client.new', start + 1],
      ['payment.big', start + 2],
      ['client.renewal', renewal],
    ]);
  });

  it('never names a client by its id: a client without a name is null', async () => {
    const live = await wall();
    await chain('c-4711');
    await pay('c-4711-p1', 'c-4711', '2026-11-20T09:00:00Z', 50_000);
    await live.until(() => live.payments.length === 1);
    expect(live.payments[0]).toMatchObject({ kind: 'client.new', clientId: 'c-4711', client: null, amount: 50_000 });
  });

  it('announces a first payment once, even when a late event re-scores the client’s history', async () => {
    const live = await wall();
    const before = live.momentSnapshots[0]!.version;
    await chain('vektor', 'АО Вектор');
    await pay('vektor-p1', 'vektor', '2026-11-21T09:00:00Z', 20_000);
    await live.until(() => live.payments.length === 1);
    // An earlier meeting arriving late re-scores the client's history: its first payment is not news twice.
    await post({ id: 'vektor-m0', type: 'meeting.scheduled', occurredAt: '2026-10-01T09:00:00Z', employeeId: 'tm2', clientId: 'vektor' });
    const again = await wall();
    const news = again.momentSnapshots[0]!.recent.filter((m) => m.version > before && m.type !== 'grade.changed');
    expect(news.map((m) => m.type)).toEqual(['client.new']);
  });
});
