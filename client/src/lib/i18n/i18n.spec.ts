import { describe, expect, it } from 'vitest';
import { formatMoney, message, periodName, pickLang } from './i18n.js';

/** Intl puts a no-break space (U+00A0) or a narrow one (U+202F) between groups and before ₽. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('pickLang', () => {
  it('takes the first Russian or English preference', () => {
    expect(pickLang(['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLang([null, 'de-DE', 'en-GB', 'ru'])).toBe('en');
    expect(pickLang(['RU'])).toBe('ru');
  });

  it('falls back to English', () => {
    expect(pickLang(['fr-FR', undefined])).toBe('en');
    expect(pickLang([])).toBe('en');
  });
});

describe('Russian plurals', () => {
  it('declines points: 1 очко, 2 очка, 5 очков, 11 очков, 21 очко, 111 очков', () => {
    expect([1, 2, 5, 11, 21, 111].map((n) => message('ru', 'points.count', { n }))).toEqual([
      '1 очко',
      '2 очка',
      '5 очков',
      '11 очков',
      '21 очко',
      '111 очков',
    ]);
    expect(plain(message('ru', 'points.count', { n: 351 }))).toBe('351 очко');
    expect(plain(message('ru', 'points.count', { n: 1000 }))).toBe('1 000 очков');
  });

  it('declines days, calls and points', () => {
    expect([1, 2, 5, 21].map((n) => message('ru', 'countdown.days', { n }))).toEqual(['1 день', '2 дня', '5 дней', '21 день']);
    expect(message('ru', 'wall.todayPace', { n: 15 })).toBe('Черта — 15 звонков к этому часу');
    expect(message('ru', 'wall.todayPace', { n: 1 })).toBe('Черта — 1 звонок к этому часу');
    expect(message('ru', 'wall.targetAhead', { n: 22 })).toBe('опережает график на 22 очка');
    expect(message('ru', 'me.norm', { calls: 12, norm: 45 })).toBe('12 из 45 успешных звонков');
    expect(message('ru', 'me.norm', { calls: 0, norm: 21 })).toBe('0 из 21 успешного звонка');
    expect(message('ru', 'me.teamRank', { rank: 2, of: 5 })).toBe('Место 2 из 5 команд');
    expect(message('ru', 'me.toNext', { missing: 150, grade: 'Бронза' })).toBe('до «Бронза» — 150 очков');
  });

  it('pluralizes in English', () => {
    expect(message('en', 'points.count', { n: 1 })).toBe('1 point');
    expect(message('en', 'points.count', { n: 2 })).toBe('2 points');
    expect(message('en', 'countdown.days', { n: 0 })).toBe('0 days');
    expect(message('en', 'wall.targetBehind', { n: 7 })).toBe('7 points to catch up with the pace');
  });
});

describe('money', () => {
  it('formats roubles the Russian way', () => {
    expect(plain(formatMoney(350000, 'RUB', 'ru'))).toBe('350 000 ₽');
    expect(formatMoney(350000, 'RUB', 'ru')).toBe('350\u00a0000\u00a0₽');
    expect(plain(formatMoney(1500.5, 'RUB', 'ru'))).toBe('1 500,50 ₽');
  });

  it('formats money in English with the currency symbol', () => {
    expect(formatMoney(350000, 'RUB', 'en')).toBe('₽350,000');
    expect(formatMoney(1200, 'USD', 'en')).toBe('$1,200');
  });
});

describe('period names', () => {
  it('names months, quarters and years in Russian', () => {
    expect(periodName('month', '2026-12', { of: 'ru' })).toBe('декабрь 2026');
    expect(periodName('month', '2026-12', { of: 'ru', heading: true })).toBe('Декабрь 2026');
    expect(periodName('quarter', '2026-Q4', { of: 'ru' })).toBe('IV квартал 2026');
    expect(periodName('quarter', '2026-Q1', { of: 'ru' })).toBe('I квартал 2026');
    expect(periodName('year', '2026', { of: 'ru' })).toBe('2026 год');
  });

  it('names months, quarters and years in English', () => {
    expect(periodName('month', '2026-12', { of: 'en' })).toBe('December 2026');
    expect(periodName('month', '2026-01', { of: 'en' })).toBe('January 2026');
    expect(periodName('quarter', '2026-Q4', { of: 'en' })).toBe('Q4 2026');
    expect(periodName('year', '2026', { of: 'en' })).toBe('2026');
  });
});
