import type { ApiError, Award, ClientInfo, VoidResult } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { seedFalcons, story } from '../helpers/worked-example.js';

// docs/scoring.md, "The story": every number there is checked here, over HTTP.
let server: RunningServer;
let api: Api;

beforeAll(async () => {
  server = await startServer();
  api = new Api(server);
  await seedFalcons(api);
});
afterAll(() => server?.dispose());

async function table(period: string, dates: string[]): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = { anna: [], igor: [], olga: [], falcons: [] };
  for (const date of dates) {
    const people = await api.points(`board=employees&period=${period}&at=${date}`);
    const teams = await api.points(`board=teams&period=${period}&at=${date}`);
    for (const id of ['anna', 'igor', 'olga']) out[id]!.push(people[id] ?? 0);
    out.falcons!.push(teams.falcons ?? 0);
  }
  return out;
}

describe('the worked example (docs/scoring.md)', () => {
  it('comes out with every total of the story, whatever order the CRM sends it in', async () => {
    // Newest first, in two requests: scoring does not depend on arrival order.
    const reversed = [...story].reverse();
    expect((await api.postEvents(reversed.slice(0, 7))).status).toBe(200);
    expect((await api.postEvents(reversed.slice(7))).status).toBe(200);

    expect(await table('month', ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01'])).toEqual({
      anna: [51, 0, 0, 0],
      igor: [205, 180, 0, 0],
      olga: [180, 180, 180, 225],
      falcons: [436, 390, 180, 225],
    });
    expect(await table('quarter', ['2026-07-01', '2026-10-01'])).toEqual({
      anna: [51, 0],
      igor: [385, 0],
      olga: [540, 225],
      falcons: [1006, 225],
    });
    expect(await table('year', ['2026-07-01'])).toEqual({ anna: [51], igor: [385], olga: [765], falcons: [1231] });
  });

  it('names each award with its rule and a reason a person understands', async () => {
    const awards = (await api.request<Award[]>('GET', '/awards/recent?limit=100')).body;
    const net = (eventId: string) => awards.filter((a) => a.eventId === eventId).map((a) => [a.rule, a.employeeId ?? a.teamId, a.points]);
    expect(net('ex-10').sort()).toEqual([
      ['account.payment', 'olga', 180],
      ['sales.first_payment', 'igor', 180],
      ['telemarketer.first_payment', 'anna', 25],
    ]);
    expect(net('ex-11').sort()).toEqual([
      ['account.payment', 'olga', 180],
      ['sales.renewal', 'igor', 180],
      ['team.chain_completed', 'falcons', 30],
    ]);
    expect(net('ex-14').sort()).toEqual([
      ['account.payment', 'olga', 75],
      ['account.retention_bonus', 'olga', 50],
    ]);
    expect(awards.find((a) => a.rule === 'telemarketer.first_payment')!.reason).toBe(
      'Anna: client romashka they sourced made its first payment, +25',
    );
    expect(awards.find((a) => a.rule === 'team.chain_completed')!.reason).toBe('Falcons: client romashka renewed, chain completed, +30');
  });

  it('remembers who sourced, sold and keeps the client, its first payment and its payments', async () => {
    const res = await api.request<ClientInfo>('GET', '/clients/romashka');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'romashka',
      status: 'established',
      source: { employeeId: 'anna', at: '2026-07-03T09:00:00.000Z' },
      seller: 'igor',
      keeper: 'olga',
      firstPaymentAt: '2026-07-20T07:00:00.000Z',
      newUntil: '2026-10-20T07:00:00.000Z',
      totalPaid: 890_000,
    });
    expect(res.body.payments.map((p) => p.kind)).toEqual(['first', 'renewal', 'later', 'later', 'later']);
    expect((await api.request('GET', '/clients/nobody')).status).toBe(404);
  });

  it('voids a payment with compensating entries, reversing the bonus that no longer holds, once', async () => {
    const first = await api.request<VoidResult>('POST', '/events/ex-13/void', { reason: 'duplicate payment in the CRM' });
    expect(first).toMatchObject({ status: 200, body: { id: 'ex-13', reason: 'duplicate payment in the CRM' } });
    expect(await table('month', ['2026-10-01'])).toEqual({ anna: [0], igor: [0], olga: [75], falcons: [75] });
    const reversals = (await api.request<Award[]>('GET', '/awards/recent?limit=10')).body.filter((a) => a.points < 0);
    expect(reversals.map((a) => [a.rule, a.points]).sort()).toEqual([
      ['account.payment', -100],
      ['account.retention_bonus', -50],
    ]);
    expect(reversals[0]!.reason).toContain('Reversed (voided: duplicate payment in the CRM)');

    const again = await api.request<VoidResult>('POST', '/events/ex-13/void', { reason: 'another reason' });
    expect(again).toEqual(first);
    expect(await table('month', ['2026-10-01'])).toEqual({ anna: [0], igor: [0], olga: [75], falcons: [75] });
    // The id stays taken: the same body answers as before and counts nothing; another body is a conflict.
    expect((await api.postEvents(story[12])).status).toBe(200);
    expect((await api.postEvents({ ...story[12]!, amount: 1 })).status).toBe(409);
    expect(await table('month', ['2026-10-01'])).toEqual({ anna: [0], igor: [0], olga: [75], falcons: [75] });
  });

  it('refuses a void without a reason, for an unknown id, or from a display token', async () => {
    expect(await api.request<ApiError>('POST', '/events/ex-12/void', {})).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'reason', reason: 'is required' }] },
    });
    expect(await api.request<ApiError>('POST', '/events/nope/void', { reason: 'x' })).toMatchObject({
      status: 404,
      body: { errors: [{ field: 'id' }] },
    });
    expect((await api.as(server.displayToken).request('POST', '/events/ex-12/void', { reason: 'x' })).status).toBe(403);
    expect(await table('month', ['2026-09-01'])).toEqual({ anna: [0], igor: [0], olga: [180], falcons: [180] });
  });
});
