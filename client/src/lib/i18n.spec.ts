import { describe, expect, it } from 'vitest';
import { dict, pickLang } from './i18n.js';

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

describe('days', () => {
  it('declines "day" in Russian', () => {
    const ru = dict('ru');
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => ru.days(n))).toEqual(['день', 'дня', 'дней', 'дней', 'день', 'дня', 'дней']);
  });

  it('pluralizes in English', () => {
    expect(dict('en').days(1)).toBe('day');
    expect(dict('en').days(0)).toBe('days');
  });
});
