import { describe, expect, it } from 'vitest';
import { periodName } from '../../lib/i18n/i18n.js';
import { periodOf, periodStart, recentPeriods } from './funnel-periods.js';

describe("the funnel page's periods", () => {
  it('asks for a period by its first day', () => {
    expect(periodStart('2026-11')).toBe('2026-11-01');
    expect(periodStart('2026-Q4')).toBe('2026-10-01');
    expect(periodStart('2026-Q1')).toBe('2026-01-01');
    expect(periodStart('2026')).toBe('2026-01-01');
  });

  it('keeps the chosen time when the kind changes', () => {
    expect(periodOf('quarter', '2026-11')).toBe('2026-Q4');
    expect(periodOf('year', '2026-Q2')).toBe('2026');
    expect(periodOf('month', '2026-Q2')).toBe('2026-04');
    expect(periodOf('month', '2025')).toBe('2025-01');
  });

  it('offers the current period and the ones before it, across year ends', () => {
    expect(recentPeriods('month', '2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(recentPeriods('quarter', '2026-02', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(recentPeriods('year', '2026-11', 2)).toEqual(['2026', '2025']);
  });

  it('names them in Russian as headings', () => {
    const names = ['2026-11', '2026-Q4', '2026'].map((key) =>
      periodName(key === '2026' ? 'year' : key.includes('Q') ? 'quarter' : 'month', key, { heading: true, of: 'ru' }),
    );
    expect(names).toEqual(['Ноябрь 2026', 'IV квартал 2026', '2026 год']);
  });
});
