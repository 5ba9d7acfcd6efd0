import type { ActivityEvent } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { ctx } from '../ledger/random-office.testing.js';
import { clientCounts, eventCounts } from './counts.js';
import { clientsKept, myFunnel, stageValue } from './funnel.js';

describe('what events count', () => {
  it('a call counts as a call, and as a successful one from 30 s', () => {
    const call = (durationSec: number): ActivityEvent => ({
      id: 'c',
      type: 'call',
      occurredAt: '2026-02-10T09:00:00.000Z',
      employeeId: 't1',
      durationSec,
    });
    expect(eventCounts(call(29), ctx).map((c) => c.counter)).toEqual(['calls']);
    expect(eventCounts(call(30), ctx)).toEqual([
      { month: '2026-02', employeeId: 't1', teamId: 'x', counter: 'calls', n: 1 },
      { month: '2026-02', employeeId: 't1', teamId: 'x', counter: 'calls.success', n: 1 },
    ]);
  });

  it('a meeting is handed to the sales member of the telemarketer’s team when it names nobody', () => {
    const meeting: ActivityEvent = {
      id: 'm',
      type: 'meeting.scheduled',
      occurredAt: '2026-02-10T09:00:00.000Z',
      employeeId: 't1',
      clientId: 'k',
    };
    expect(eventCounts(meeting, ctx)).toEqual([{ month: '2026-02', employeeId: 's1', teamId: 'x', counter: 'meetings.handed', n: 1 }]);
  });

  it('a client counts its first meeting for the source, and retention month after month for its keeper', () => {
    const clientId = 'k';
    const history: ActivityEvent[] = [
      { id: 'm2', type: 'meeting.scheduled', occurredAt: '2026-02-11T09:00:00.000Z', employeeId: 't2', clientId },
      { id: 'm1', type: 'meeting.scheduled', occurredAt: '2026-02-10T09:00:00.000Z', employeeId: 't1', clientId },
      { id: 'h', type: 'client.handed_over', occurredAt: '2026-02-12T09:00:00.000Z', employeeId: 's1', clientId },
      { id: 'p1', type: 'payment.received', occurredAt: '2026-02-15T09:00:00.000Z', amount: 100_000, clientId },
      { id: 'p2', type: 'payment.received', occurredAt: '2026-03-15T09:00:00.000Z', amount: 60_000, clientId },
      { id: 'ch', type: 'client.churned', occurredAt: '2026-04-01T09:00:00.000Z', employeeId: 'a1', clientId },
    ];
    const { counts, summary } = clientCounts('k', history, ctx);
    expect(counts.map((c) => `${c.month} ${c.employeeId} ${c.counter}`)).toEqual([
      '2026-02 t1 meetings.first',
      // Paid in February, again in March: kept; paid in March, churned in April: lost.
      '2026-03 a1 retention.base',
      '2026-03 a1 retention.kept',
      '2026-04 a1 retention.base',
    ]);
    expect(summary).toEqual({
      clientId: 'k',
      keeperId: 'a1',
      keeperTeamId: 'x',
      firstPaidAt: '2026-02-15T09:00:00.000Z',
      firstAmount: 100_000,
      lastPaidAt: '2026-03-15T09:00:00.000Z',
      paidTotal: 160_000,
      churnedAt: '2026-04-01T09:00:00.000Z',
    });
  });
});

describe('clients kept', () => {
  const summary = (firstPaidAt: string, churnedAt: string | null, paidTotal: number) => ({
    clientId: firstPaidAt,
    keeperId: 'a1',
    keeperTeamId: 'x',
    firstPaidAt,
    firstAmount: 0,
    lastPaidAt: null,
    paidTotal,
    churnedAt,
  });

  it('counts clients paying before the period ends and not churned before it starts, their lifetime to the end or the churn, and LTV', () => {
    const kept = clientsKept(
      [
        summary('2026-01-01T00:00:00.000Z', null, 300_000),
        summary('2026-02-01T00:00:00.000Z', '2026-03-15T00:00:00.000Z', 100_000),
        summary('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 50_000), // churned before March
        summary('2026-04-02T00:00:00.000Z', null, 70_000), // pays only after March
      ],
      '2026-03-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      'RUB',
    );
    expect(kept).toEqual({ kept: 2, avgLifetimeMonths: 2.2, ltv: 200_000, currency: 'RUB' });
    expect(clientsKept([], '2026-03-01', '2026-04-01', '2026-12-01', 'RUB')).toEqual({
      kept: 0,
      avgLifetimeMonths: null,
      ltv: null,
      currency: 'RUB',
    });
  });
});

describe('my funnel', () => {
  it('puts me beside the median of my role and suggests the stage furthest below it', () => {
    const me = {
      calls: stageValue(900, 20),
      'call.success': stageValue(900, 1500),
      need: stageValue(45, 900),
      'meeting.set': stageValue(20, 45),
    };
    const other = (need: number) => ({ ...me, need: stageValue(need, 900) });
    const { stages, nextStep } = myFunnel('telemarketer', me, [other(180), other(170), other(190)], '2026-11');
    expect(stages.find((s) => s.stage === 'need')!.officeMedian).toBeCloseTo(0.2, 6);
    expect(nextStep).toMatchObject({ stage: 'need', reasonCode: 'me.next.need', params: { numerator: 45, denominator: 900 } });
    expect(myFunnel('telemarketer', me, [me], '2026-11').nextStep).toBeNull();
  });
});
