import type { MeSummary } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
  const hour = 3_600_000;
  const client = { clientId: 'romashka', clientName: 'ООО Ромашка' };
  expect(
    (
      await api.postEvents([
        { id: 'me-call-1', type: 'call', occurredAt: testTime(-3 * hour), employeeId: 'tm1', durationSec: 50 },
        { id: 'me-call-2', type: 'call', occurredAt: testTime(-3 * hour + 60_000), employeeId: 'tm1', durationSec: 5 },
        { id: 'me-meet', type: 'meeting.scheduled', occurredAt: testTime(-2 * hour), employeeId: 'tm1', ...client },
        { id: 'me-held', type: 'meeting.held', occurredAt: testTime(-90 * 60_000), employeeId: 'sales1', ...client },
        { id: 'me-sign', type: 'contract.signed', occurredAt: testTime(-80 * 60_000), employeeId: 'sales1', ...client },
        { id: 'me-hand', type: 'client.handed_over', occurredAt: testTime(-70 * 60_000), employeeId: 'sales1', ...client },
        { id: 'me-pay', type: 'payment.received', occurredAt: testTime(-hour), amount: 350_000, ...client },
      ])
    ).status,
  ).toBe(200);
});
afterAll(() => server?.dispose());

/** GET /api/me as the employee's phone (signed in with an invite). */
async function me(employeeId: string): Promise<MeSummary> {
  const res = await api.getAsEmployee(employeeId, '/me');
  expect(res.status).toBe(200);
  return (await res.json()) as MeSummary;
}

describe('each role sees its own /me', () => {
  it('a telemarketer: the calls norm and the month at their stage', async () => {
    const tm = await me('tm1');
    expect(tm.today).toMatchObject({ calls: 1, norm: 45 });
    expect(tm.stage).toEqual({ role: 'telemarketer', month: { successfulCalls: 1, meetingsSet: 1 } });
  });

  it('a sales manager: meetings held, contracts and the money of their clients', async () => {
    expect((await me('sales1')).stage).toEqual({
      role: 'sales',
      month: { meetingsHeld: 1, contracts: 1, revenue: 350_000, currency: 'RUB' },
    });
  });

  it('an account manager: clients who paid, payments and retention; awards name the client by its name', async () => {
    const acc = await me('acc1');
    expect(acc.stage).toEqual({
      role: 'account',
      month: { clients: 1, payments: 1, amount: 350_000, currency: 'RUB', retentionBonuses: 0 },
    });
    expect(acc.recentAwards[0]).toMatchObject({
      reasonCode: 'account.payment',
      params: { amount: 350_000, currency: 'RUB', clientId: 'romashka', client: 'ООО Ромашка', newClient: true },
    });
  });
});
