import type { MeHistory, MeHistoryDay, MeSummary } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import {
  countsText,
  dateIn,
  dayBefore,
  dayName,
  forgetLastKnown,
  formatDay,
  mergeHistory,
  readLastKnown,
  saveLastKnown,
} from './history.js';

describe("a history day's name", () => {
  // Noon in Moscow on 25 November 2026; Moscow's midnight is 21:00 UTC.
  const noon = Date.parse('2026-11-25T09:00:00Z');

  it('today, yesterday, or the date, in the office zone', () => {
    expect(dayName('2026-11-25', noon, 'Europe/Moscow')).toEqual({ kind: 'today' });
    expect(dayName('2026-11-24', noon, 'Europe/Moscow')).toEqual({ kind: 'yesterday' });
    expect(dayName('2026-11-23', noon, 'Europe/Moscow')).toEqual({ kind: 'date', date: '2026-11-23', withYear: false });
    expect(dayName('2025-12-31', noon, 'Europe/Moscow')).toEqual({ kind: 'date', date: '2025-12-31', withYear: true });
  });

  it('turns at the office midnight, not the phone’s or UTC’s', () => {
    const beforeMidnight = Date.parse('2026-11-24T20:59:00Z'); // 23:59 in Moscow
    const afterMidnight = Date.parse('2026-11-24T21:01:00Z'); // 00:01 in Moscow, still the 24th in UTC
    expect(dayName('2026-11-24', beforeMidnight, 'Europe/Moscow').kind).toBe('today');
    expect(dayName('2026-11-24', afterMidnight, 'Europe/Moscow').kind).toBe('yesterday');
    expect(dayName('2026-11-25', afterMidnight, 'Europe/Moscow').kind).toBe('today');
    // The same instant in New York is still the afternoon of the 24th.
    expect(dayName('2026-11-24', afterMidnight, 'America/New_York').kind).toBe('today');
  });

  it('yesterday is a calendar day even after a 23-hour day (New York, 8 March 2026)', () => {
    const justAfterMidnight = Date.parse('2026-03-09T04:30:00Z'); // 00:30 EDT on 9 March
    expect(dateIn(justAfterMidnight, 'America/New_York')).toBe('2026-03-09');
    expect(dayName('2026-03-08', justAfterMidnight, 'America/New_York').kind).toBe('yesterday');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });

  it('a date in words, in the language, with no zone shift', () => {
    expect(formatDay('2026-11-25', 'ru-RU', false)).toBe('25 ноября');
    expect(formatDay('2025-12-31', 'ru-RU', true)).toMatch(/^31 декабря 2025/);
    expect(formatDay('2026-11-25', 'en-GB', false)).toBe('25 November');
  });

  it('counts joined with commas, most first as the server ordered them', () => {
    const said = countsText(
      [
        { code: 'telemarketer.call', n: 12 },
        { code: 'telemarketer.meeting_scheduled', n: 1 },
      ],
      (c) => `${c.n} ${c.code}`,
    );
    expect(said).toBe('12 telemarketer.call, 1 telemarketer.meeting_scheduled');
  });
});

const day = (date: string, points = 1): MeHistoryDay => ({ date, points, counts: [], awards: [] });

describe('a refreshed first page over what is shown', () => {
  it('replaces the same and newer days and keeps the days loaded further back', () => {
    const shown: MeHistory = { days: [day('2026-11-24'), day('2026-11-20'), day('2026-11-02')], before: '2026-11-02' };
    const fresh: MeHistory = { days: [day('2026-11-25', 5), day('2026-11-24', 2)], before: '2026-11-24' };
    expect(mergeHistory(shown, fresh)).toEqual({
      days: [day('2026-11-25', 5), day('2026-11-24', 2), day('2026-11-20'), day('2026-11-02')],
      before: '2026-11-02',
    });
  });

  it('is the fresh page when nothing older was loaded', () => {
    const fresh: MeHistory = { days: [day('2026-11-25')], before: '2026-11-25' };
    expect(mergeHistory(null, fresh)).toBe(fresh);
    expect(mergeHistory({ days: [day('2026-11-25')], before: '2026-11-25' }, fresh)).toBe(fresh);
  });
});

describe('the last numbers kept for offline', () => {
  const memory = (): Storage => {
    const map = new Map<string, string>();
    return {
      get length() {
        return map.size;
      },
      clear: () => map.clear(),
      getItem: (k) => map.get(k) ?? null,
      key: (i) => [...map.keys()][i] ?? null,
      removeItem: (k) => void map.delete(k),
      setItem: (k, v) => void map.set(k, v),
    };
  };
  const me = { employee: { id: 'tm1', name: 'Анна', role: 'telemarketer', teamId: null, teamName: null } } as unknown as MeSummary;

  it('are read back as saved, forgotten on sign-out, and a broken entry reads as none', () => {
    const storage = memory();
    expect(readLastKnown(storage)).toBeNull();
    saveLastKnown({ savedAt: 1, timeZone: 'Europe/Moscow', locale: 'ru', me, history: null }, storage);
    expect(readLastKnown(storage)).toMatchObject({ savedAt: 1, timeZone: 'Europe/Moscow', me });
    forgetLastKnown(storage);
    expect(readLastKnown(storage)).toBeNull();
    storage.setItem('conveyor.me.lastKnown', '{not json');
    expect(readLastKnown(storage)).toBeNull();
  });
});
