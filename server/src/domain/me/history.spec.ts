import type { Award } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { awardDay, countsOf, groupByDay } from './history.js';

let id = 0;
const award = (occurredAt: string, reasonCode: Award['reasonCode'], points: number, params: Award['params'] = {}): Award => ({
  id: ++id,
  eventId: `e${id}`,
  employeeId: 'tm1',
  teamId: 't1',
  points,
  rule: reasonCode ?? 'x',
  ruleVersion: 1,
  reason: '',
  reasonCode,
  params,
  occurredAt,
});

describe('an award belongs to the office-local day it happened on', () => {
  it('Moscow (UTC+3, no DST): 20:59 UTC is the same day, 21:00 UTC is the next', () => {
    expect(awardDay({ occurredAt: '2026-11-24T20:59:59.999Z' }, 'Europe/Moscow')).toBe('2026-11-24');
    expect(awardDay({ occurredAt: '2026-11-24T21:00:00.000Z' }, 'Europe/Moscow')).toBe('2026-11-25');
  });

  it('New York: the office day ends at 05:00 UTC in winter and 04:00 UTC in summer', () => {
    expect(awardDay({ occurredAt: '2026-11-25T04:59:00.000Z' }, 'America/New_York')).toBe('2026-11-24');
    expect(awardDay({ occurredAt: '2026-11-25T05:00:00.000Z' }, 'America/New_York')).toBe('2026-11-25');
    expect(awardDay({ occurredAt: '2026-07-15T03:59:00.000Z' }, 'America/New_York')).toBe('2026-07-14');
    expect(awardDay({ occurredAt: '2026-07-15T04:00:00.000Z' }, 'America/New_York')).toBe('2026-07-15');
  });

  it('the night DST starts (8 March 2026 in New York) is still one day', () => {
    expect(awardDay({ occurredAt: '2026-03-08T06:59:00.000Z' }, 'America/New_York')).toBe('2026-03-08'); // 01:59 EST
    expect(awardDay({ occurredAt: '2026-03-08T07:00:00.000Z' }, 'America/New_York')).toBe('2026-03-08'); // 03:00 EDT
    expect(awardDay({ occurredAt: '2026-03-09T03:59:00.000Z' }, 'America/New_York')).toBe('2026-03-08'); // 23:59 EDT
  });
});

describe('a history grouped by day', () => {
  // Around Moscow's midnight between 24 and 25 November: 23:50 and 00:10 office time.
  const lateCall = award('2026-11-24T20:50:00.000Z', 'telemarketer.call', 1, { seconds: 40 });
  const earlyCall = award('2026-11-24T21:10:00.000Z', 'telemarketer.call', 1, { seconds: 50 });
  const meeting = award('2026-11-24T21:30:00.000Z', 'telemarketer.meeting_scheduled', 15, { clientId: 'c1', client: 'ООО Ромашка' });
  const secondCall = award('2026-11-24T21:20:00.000Z', 'telemarketer.call', 1, { seconds: 31 });

  it('splits at the office midnight, newest day first, each day newest first with its total', () => {
    const days = groupByDay([lateCall, earlyCall, meeting, secondCall], 'Europe/Moscow');
    expect(days.map((d) => d.date)).toEqual(['2026-11-25', '2026-11-24']);
    expect(days[0]).toMatchObject({
      points: 17,
      counts: [
        { code: 'telemarketer.call', n: 2 },
        { code: 'telemarketer.meeting_scheduled', n: 1 },
      ],
    });
    expect(days[0]!.awards.map((a) => a.id)).toEqual([meeting.id, secondCall.id, earlyCall.id]);
    expect(days[1]).toMatchObject({ date: '2026-11-24', points: 1, counts: [{ code: 'telemarketer.call', n: 1 }] });
  });

  it('the same awards in another zone fall on other days (Berlin: midnight is 23:00 UTC)', () => {
    const days = groupByDay([lateCall, earlyCall, meeting, secondCall], 'Europe/Berlin');
    expect(days.map((d) => [d.date, d.points])).toEqual([['2026-11-24', 18]]);
  });

  it('a reversal takes its award out of the count and the total; nothing left means no count', () => {
    const voided = award('2026-11-24T21:20:00.000Z', 'telemarketer.call', -1, { seconds: 31, reversed: true, cause: 'void' });
    const days = groupByDay([earlyCall, secondCall, voided, meeting], 'Europe/Moscow');
    expect(days[0]).toMatchObject({
      points: 16,
      counts: [
        { code: 'telemarketer.call', n: 1 },
        { code: 'telemarketer.meeting_scheduled', n: 1 },
      ],
    });
    expect(countsOf([secondCall, voided])).toEqual([]);
  });

  it('counts are ordered by how many, ties in the catalogue order', () => {
    const counts = countsOf([meeting, earlyCall]);
    expect(counts.map((c) => c.code)).toEqual(['telemarketer.call', 'telemarketer.meeting_scheduled']);
  });

  it('nothing to group is no days', () => {
    expect(groupByDay([], 'Europe/Moscow')).toEqual([]);
  });
});
