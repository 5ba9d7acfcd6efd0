import { describe, expect, it } from 'vitest';
import { periodLabel } from './period-label.js';

describe('periodLabel', () => {
  it('names a month in English and Russian, capitalized', () => {
    expect(periodLabel('month', '2026-11', 'en-US')).toBe('November 2026');
    expect(periodLabel('month', '2026-11', 'ru-RU')).toMatch(/^Ноябрь 2026/);
  });

  it('does not shift the month by the browser time zone', () => {
    expect(periodLabel('month', '2026-01', 'en')).toBe('January 2026');
    expect(periodLabel('month', '2026-12', 'en')).toBe('December 2026');
  });

  it('names quarters and years', () => {
    expect(periodLabel('quarter', '2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('quarter', '2026-Q4', 'ru')).toBe('4 квартал 2026');
    expect(periodLabel('year', '2026', 'ru')).toBe('2026');
  });
});
