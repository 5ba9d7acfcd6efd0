import { describe, expect, it } from 'vitest';
import {
  closesAt,
  decideWinners,
  periodsToClose,
  periodStatus,
  previousPeriod,
  rankContenders,
  reachedAt,
  tiedIds,
  type ClosingState,
} from './closing.js';
import { periodOfKey } from './periods.js';

const state = (over: Partial<ClosingState> = {}): ClosingState => ({
  firstActivity: new Date('2026-12-05T09:00:00Z'),
  closed: new Set(),
  postponed: new Map(),
  graceMs: 24 * 3600_000,
  ...over,
});
const due = (now: string, tz: string, over: Partial<ClosingState> = {}): string[] =>
  periodsToClose(new Date(now), tz, state(over)).map((p) => p.key);

describe('closing schedule', () => {
  it('closes a Moscow month a day after it ends, at office midnight + 24 h', () => {
    const november = previousPeriod('month', new Date('2026-12-01T00:00:00Z'), 'Europe/Moscow');
    expect(november).toMatchObject({ key: '2026-11', end: '2026-11-30T21:00:00.000Z' });
    expect(closesAt(november)).toBe('2026-12-01T21:00:00.000Z');
  });

  it('finds the month, quarter and year due, at the moment their grace ends and not before', () => {
    // New Year in Moscow: 2026-12-31T21:00Z; a day later everything of 2026 closes.
    expect(due('2027-01-01T20:59:59.999Z', 'Europe/Moscow')).toEqual([]);
    expect(due('2027-01-01T21:00:00.000Z', 'Europe/Moscow')).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(due('2027-01-01T21:00:00.000Z', 'Europe/Moscow', { closed: new Set(['2026-12']) })).toEqual(['2026-Q4', '2026']);
    expect(due('2027-02-20T12:00:00Z', 'Europe/Moscow')).toEqual(['2026-12', '2026-Q4', '2026', '2027-01']);
  });

  it('catches up on every period since the first activity after a long downtime, oldest first', () => {
    expect(due('2026-04-15T00:00:00Z', 'Europe/Moscow', { firstActivity: new Date('2026-01-10T09:00:00Z') })).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-Q1',
    ]);
    expect(due('2026-04-15T00:00:00Z', 'Europe/Moscow', { firstActivity: null })).toEqual([]);
  });

  it('waits for a postponement and honours a grace window of any length', () => {
    const postponed = new Map([['2026-12', '2027-01-03T09:00:00.000Z']]);
    expect(due('2027-01-02T12:00:00Z', 'Europe/Moscow', { postponed })).toEqual(['2026-Q4', '2026']);
    expect(due('2027-01-03T09:00:00Z', 'Europe/Moscow', { postponed })).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(due('2026-12-31T21:00:00Z', 'Europe/Moscow', { graceMs: 0 })).toEqual(['2026-12', '2026-Q4', '2026']);
    // A postponement earlier than the grace window does not close sooner.
    expect(closesAt(periodOfKey('2026-12', 'Europe/Moscow')!, 24 * 3600_000, '2027-01-01T00:00:00.000Z')).toBe('2027-01-01T21:00:00.000Z');
  });

  it('tells open, grace and closed apart', () => {
    const nov = periodOfKey('2026-11', 'Europe/Moscow')!;
    expect(periodStatus(nov, new Date('2026-11-30T20:59:59Z'), false)).toBe('open');
    expect(periodStatus(nov, new Date('2026-11-30T21:00:00Z'), false)).toBe('grace');
    expect(periodStatus(nov, new Date('2026-11-30T21:00:00Z'), true)).toBe('closed');
  });

  it('reads period keys of every kind in the office zone', () => {
    expect(periodOfKey('2026-Q1', 'Europe/Berlin')).toEqual({
      period: 'quarter',
      key: '2026-Q1',
      start: '2025-12-31T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
    expect(periodOfKey('2026', 'Europe/Moscow')).toEqual({
      period: 'year',
      key: '2026',
      start: '2025-12-31T21:00:00.000Z',
      end: '2026-12-31T21:00:00.000Z',
    });
    expect(periodOfKey('2026-10', 'Europe/Berlin')).toMatchObject({
      period: 'month',
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    });
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-1', '2026-11-01']) expect(periodOfKey(bad, 'Europe/Moscow')).toBeNull();
  });

  it('follows Berlin summer time: March ends at 22:00 UTC, October at 23:00 UTC', () => {
    const march = previousPeriod('month', new Date('2026-04-10T12:00:00Z'), 'Europe/Berlin');
    expect(march).toMatchObject({ key: '2026-03', start: '2026-02-28T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z' });
    const q3 = previousPeriod('quarter', new Date('2026-10-26T12:00:00Z'), 'Europe/Berlin');
    expect(q3).toMatchObject({ key: '2026-Q3', end: '2026-09-30T22:00:00.000Z' });
    const october = previousPeriod('month', new Date('2026-11-02T12:00:00Z'), 'Europe/Berlin');
    expect(closesAt(october)).toBe('2026-11-01T23:00:00.000Z');
  });
});

describe('winners', () => {
  it('break ties by who reached the score first, then by id', () => {
    const ranked = rankContenders([
      { id: 'c', points: 100, reachedAt: '2026-11-20T10:00:00.000Z' },
      { id: 'a', points: 100, reachedAt: '2026-11-25T10:00:00.000Z' },
      { id: 'b', points: 100, reachedAt: '2026-11-20T10:00:00.000Z' },
      { id: 'd', points: 120, reachedAt: '2026-11-29T10:00:00.000Z' },
      { id: 'e', points: 0, reachedAt: null },
      { id: 'f', points: 0, reachedAt: '2026-11-01T10:00:00.000Z' },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['d', 'b', 'c', 'a', 'f', 'e']);
  });

  it('finds when a running total first reached a score', () => {
    const awards = [
      { occurredAt: '2026-11-03T00:00:00.000Z', points: 50 },
      { occurredAt: '2026-11-01T00:00:00.000Z', points: 60 },
      { occurredAt: '2026-11-05T00:00:00.000Z', points: -10 },
    ];
    expect(reachedAt(awards, 100)).toBe('2026-11-03T00:00:00.000Z');
    expect(reachedAt(awards, 200)).toBeNull();
  });

  it('never counts a voided award, whose reversal carries its instant', () => {
    const awards = [
      { occurredAt: '2026-11-05T00:00:00.000Z', points: 90 },
      { occurredAt: '2026-11-10T00:00:00.000Z', points: 20 }, // voided later:
      { occurredAt: '2026-11-10T00:00:00.000Z', points: -20 }, // its reversal
      { occurredAt: '2026-11-25T00:00:00.000Z', points: 10 },
    ];
    expect(reachedAt(awards, 100)).toBe('2026-11-25T00:00:00.000Z');
  });
});

describe('deciding winners', () => {
  const rows = [
    { id: 'team-b', name: 'Bears', points: 500, reachedAt: '2026-03-20T10:00:00.000Z' },
    { id: 'team-a', name: 'Aces', points: 500, reachedAt: '2026-03-25T10:00:00.000Z' },
    { id: 'team-c', name: 'Cats', points: 700, reachedAt: '2026-03-30T10:00:00.000Z' },
    { id: 'team-z', name: 'Zeros', points: 0, reachedAt: null },
  ];

  it('gives each place to the contender there after the tie-break, and no place to nobody', () => {
    const winners = decideWinners(
      [
        { id: 'r1', board: 'teams', place: 1, title: 'Dinner' },
        { id: 'r2', board: 'teams', place: 2, title: 'Cinema' },
        { id: 'r3', board: 'teams', place: 3, title: 'Coffee' },
        { id: 'r4', board: 'teams', place: 4, title: 'Nothing for zero points' },
        { id: 'r5', board: 'sales', place: 1, title: 'Nobody on this board' },
      ],
      new Map([['teams', rows]]),
    );
    expect(winners.map((w) => [w.rewardId, w.subjectId, w.points])).toEqual([
      ['r1', 'team-c', 700],
      ['r2', 'team-b', 500],
      ['r3', 'team-a', 500],
    ]);
  });

  it('asks for reachedAt only where points tie', () => {
    expect(tiedIds(rows)).toEqual(['team-b', 'team-a']);
  });
});
