import { describe, expect, it } from 'vitest';
import { DATA, englishProblems, report, russianProblems, type Rule } from './russian.js';

const rules = (text: string): Rule[] => russianProblems(text).map((p) => p.rule);
const matches = (text: string): string[] => russianProblems(text).map((p) => p.match);

describe('the Russian screen check, on text', () => {
  it('lets a good Russian screen pass', () => {
    for (const text of [
      'Конвейер · Ноябрь 2026',
      'IV квартал 2026',
      '2026 год',
      'Доска почёта · Октябрь 2026',
      'Сегодня 351 очко',
      '1 очко, 2 очка, 5 очков, 21 очко, 111 очков, 0 очков, 1,5 очка',
      '12 из 45 успешных звонков · звонки от 30 секунд',
      'Место 1 из 21 команды',
      'Место 3 из 5 команд',
      'и ещё 1 команда',
      'и ещё 2 команды',
      'До конца 6 дней',
      '1 день, 3 дня, 11 дней, 22 дня',
      '1 клиент, 4 клиента, 12 клиентов, 31 клиент',
      'дневная норма: 45 успешных звонков',
      'дневная норма: 21 успешный звонок',
      'до «Бронза» — 150 очков',
      'Продление, 350 000 ₽, ' + DATA,
      'цель команды достигнута: 1 200 очков за ноябрь 2026',
      '25 нояб., 12:05',
      '25 ноября 2026 г.',
      'обновлено в 12:05:07',
      `Моя команда: ${DATA}`,
      '+15 −5 0',
      'Место 2 из 5 · Телемаркетологи',
    ])
      expect(russianProblems(text), text).toEqual([]);
  });

  it('finds Latin words, but not Roman numerals', () => {
    expect(matches('Анна Смирнова: оплата клиента, romashka')).toEqual(['romashka']);
    expect(matches('до «Bronze» — 150 очков')).toEqual(['Bronze']);
    expect(rules('Team dinner')).toEqual(['latin', 'latin']);
    expect(rules('Q4')).toEqual([]); // one letter: not a word
    expect(rules('III квартал 2026')).toEqual([]);
  });

  it('finds raw catalogue keys and unformatted placeholders', () => {
    expect(russianProblems('me.thisMonth')).toEqual([expect.objectContaining({ rule: 'key', match: 'me.thisMonth' })]);
    expect(rules('admin.people.title')).toEqual(['key']);
    expect(rules('и ещё {count} команд')).toContain('placeholder');
    expect(rules('Моя команда: {name}')).toContain('placeholder');
    expect(rules('{n, plural, one {# очко} other {# очка}}')).toContain('placeholder');
  });

  it('finds wrong and abbreviated plurals, by the CLDR rule', () => {
    for (const text of [
      '1 очков',
      '2 очков',
      '5 очка',
      '21 очков',
      '11 очко',
      '351 очков',
      '351 очки',
      '1 звонков',
      '3 звонков',
      '25 звонка',
      '1 дней',
      '2 дней',
      '5 дня',
      '1 команд',
      '4 команда',
      '12 команды',
      '1 клиентов',
      '2 клиентов',
      '7 клиента',
      '0 из 45 успешного звонка',
      'Место 1 из 21 команд',
      '1 200 очка',
    ])
      expect(rules(text), text).toEqual(['plural']);
    expect(rules('до «Бронза» — 150 очк.')).toEqual(['abbreviation']);
    expect(russianProblems('5 очка')[0]!.note).toContain('очков');
  });

  it('finds big numbers without the Russian grouping, not years, times or dates', () => {
    expect(matches('оплата клиента, 350000')).toEqual(['350000']);
    expect(matches('оплата клиента, 350,000')).toEqual(['350,000']);
    expect(matches('1234 очка')).toEqual(['1234']);
    expect(russianProblems('350000')[0]!.note).toContain('350\u00a0000');
    expect(rules('Итого 2026')).toEqual(['number']); // a year with nothing saying it is one
    expect(rules('декабрь 2026, IV квартал 2026, 2026 год, 2026-11-25, 25.11.2026, 12:05')).toEqual([]);
    expect(rules('350 000 ₽ · 350\u00a0000 ₽ · 350\u202f000 ₽ · 999')).toEqual([]);
  });

  it('lists each problem with its text and element', () => {
    const lines = report(
      [
        { text: `${DATA}: оплата клиента, 350,000, romashka`, where: 'ul[data-testid="me-awards"] > li' },
        { text: 'Этот месяц', where: 'h2' },
      ],
      russianProblems,
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('«romashka»');
    expect(lines[0]).toContain('me-awards');
    expect(lines[1]).toContain('«350,000»');
  });
});

describe('the English screen check, on text', () => {
  it('finds Cyrillic words and raw keys, lets English pass', () => {
    expect(englishProblems('This month · 12 of 45 successful calls · Q4 2026')).toEqual([]);
    expect(englishProblems(`My team: ${DATA}`)).toEqual([]);
    expect(englishProblems('Этот месяц').map((p) => p.rule)).toEqual(['cyrillic', 'cyrillic']);
    expect(englishProblems('me.thisMonth').map((p) => p.rule)).toEqual(['key']);
  });
});
