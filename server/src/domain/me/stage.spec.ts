import type { ActivityEvent, Award } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { stageOf } from './stage.js';

const at = '2026-11-20T10:00:00.000Z';
let id = 0;
const award = (rule: string, points: number, params: Award['params'] = {}, eventId = `e${++id}`): Award => ({
  id: ++id,
  eventId,
  employeeId: 'x',
  teamId: 't',
  points,
  rule,
  ruleVersion: 1,
  reason: '',
  params,
  occurredAt: at,
});

describe("a person's month at their own stage", () => {
  it('a telemarketer: successful calls and meetings set', () => {
    const events: ActivityEvent[] = [
      { id: 'c1', type: 'call', occurredAt: at, employeeId: 'x', durationSec: 45 },
      { id: 'c2', type: 'call', occurredAt: at, employeeId: 'x', durationSec: 12 },
      { id: 'm1', type: 'meeting.scheduled', occurredAt: at, employeeId: 'x', clientId: 'c' },
    ];
    expect(stageOf('telemarketer', events, [], 30)).toEqual({ role: 'telemarketer', month: { successfulCalls: 1, meetingsSet: 1 } });
  });

  it('a sales manager: meetings held, contracts, and the money of first payments and renewals that still stand', () => {
    const events: ActivityEvent[] = [
      { id: 'h', type: 'meeting.held', occurredAt: at, employeeId: 'x', clientId: 'c' },
      { id: 's', type: 'contract.signed', occurredAt: at, employeeId: 'x', clientId: 'c' },
    ];
    const awards = [
      award('sales.first_payment', 350, { amount: 350_000 }, 'p1'),
      award('sales.renewal', 100, { amount: 100_000 }, 'p2'),
      award('sales.first_payment', 50, { amount: 50_000 }, 'p3'),
      award('sales.first_payment', -50, { amount: 50_000, reversed: true }, 'p3'),
    ];
    expect(stageOf('sales', events, awards, 30)).toEqual({
      role: 'sales',
      month: { meetingsHeld: 1, contracts: 1, revenue: 450_000, currency: 'RUB' },
    });
  });

  it('an account manager: clients who paid, payments, amount and retention bonuses', () => {
    const awards = [
      award('account.payment', 350, { amount: 350_000, clientId: 'a' }, 'p1'),
      award('account.payment', 100, { amount: 200_000, clientId: 'a' }, 'p2'),
      award('account.payment', 20, { amount: 40_000, clientId: 'b' }, 'p3'),
      award('account.retention_bonus', 50, { clientId: 'a' }, 'p2'),
    ];
    expect(stageOf('account', [], awards, 30)).toEqual({
      role: 'account',
      month: { clients: 2, payments: 3, amount: 590_000, currency: 'RUB', retentionBonuses: 1 },
    });
  });
});
