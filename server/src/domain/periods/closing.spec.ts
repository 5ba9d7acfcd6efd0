import { describe, expect, it } from 'vitest';
import { closesAt, periodsDue, previousPeriod, rankContenders, reachedAt } from './closing.js';

describe('closing schedule', () => {
  it('closes a Moscow month a day after it ends, at office midnight + 24 h', () => {
    const november = previousPeriod('month', new Date('2026-12-01T00:00:00Z'), 'Europe/Moscow');
    expect(november).toMatchObject({ key: '2026-11', end: '2026-11-30T21:00:00.000Z' });
    expect(closesAt(november)).toBe('2026-12-01T21:00:00.000Z');
  });

  it('finds the month, quarter and year due, at the moment their grace ends and not before', () => {
    // New Year in Moscow: 2026-12-31T21:00Z; a day later everything of 2026 closes.
    expect(periodsDue(new Date('2027-01-01T20:59:59.999Z'), 'Europe/Moscow')).toEqual([]);
    expect(periodsDue(new Date('2027-01-01T21:00:00.000Z'), 'Europe/Moscow').map((p) => p.key)).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(periodsDue(new Date('2027-01-20T12:00:00Z'), 'Europe/Moscow').map((p) => p.key)).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(periodsDue(new Date('2027-02-20T12:00:00Z'), 'Europe/Moscow').map((p) => p.key)).toEqual(['2027-01', '2026-Q4', '2026']);
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
});
