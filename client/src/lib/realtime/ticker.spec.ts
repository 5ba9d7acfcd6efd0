import type { Award, ReasonParams } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { GROUP_WINDOW_MS, mergeAwards, reasonText, signedPoints, tickerItems, tickerParts, type TickerItem } from './ticker.js';

const award = (id: number, points = 1): Award => ({
  id,
  eventId: `e${id}`,
  employeeId: 't1',
  teamId: 'alpha',
  points,
  rule: 'telemarketer.call',
  ruleVersion: 1,
  reason: `Anna: successful call (42 s), +${points}`,
  occurredAt: '2026-11-10T10:00:00.000Z',
});

describe('mergeAwards', () => {
  it('puts the newest first whatever order batches come in', () => {
    const fromRest = [award(3), award(2), award(1)];
    const liveBatch = [award(4), award(5)];
    expect(mergeAwards(mergeAwards([], fromRest), liveBatch).map((a) => a.id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('keeps each id once', () => {
    const merged = mergeAwards([award(2), award(1)], [award(1), award(2), award(3)]);
    expect(merged.map((a) => a.id)).toEqual([3, 2, 1]);
  });

  it('never grows past the limit, dropping the oldest', () => {
    let list: Award[] = [];
    for (let i = 1; i <= 500; i++) list = mergeAwards(list, [award(i)], 40);
    expect(list).toHaveLength(40);
    expect(list[0]?.id).toBe(500);
    expect(list.at(-1)?.id).toBe(461);
  });
});

describe('signedPoints', () => {
  it('signs points with a real minus', () => {
    expect(signedPoints(15)).toBe('+15');
    expect(signedPoints(-5)).toBe('\u22125');
    expect(signedPoints(0)).toBe('0');
  });
});

describe('reasonText', () => {
  it('drops a trailing points suffix equal to the points', () => {
    expect(reasonText({ reason: 'Anna: successful call (42 s), +1', points: 1 })).toBe('Anna: successful call (42 s)');
    expect(reasonText({ reason: 'Анна: встреча назначена, +15', points: 15 })).toBe('Анна: встреча назначена');
    expect(reasonText({ reason: 'Reversal of e1, -15', points: -15 })).toBe('Reversal of e1');
  });

  it('keeps the reason when the suffix is something else', () => {
    expect(reasonText({ reason: 'Team Alpha reached its target, +100', points: 30 })).toBe('Team Alpha reached its target, +100');
    expect(reasonText({ reason: 'Chain completed', points: 30 })).toBe('Chain completed');
  });
});

describe('tickerItems', () => {
  // The tests' own clock: awards at fixed minutes of one day, never today's date.
  const T0 = Date.parse('2026-11-25T09:00:00.000Z');
  let id = 0;
  const small = (minute: number, employeeId = 'anna', code = 'telemarketer.call', params: ReasonParams = {}, points = 1): Award => {
    id += 1;
    const employee = { anna: 'Анна Смирнова', boris: 'Борис Кузнецов' }[employeeId] ?? employeeId;
    return {
      id,
      eventId: `e${id}`,
      employeeId,
      teamId: 'falcons',
      points,
      rule: code,
      ruleVersion: 1,
      reason: 'English fallback',
      reasonCode: code as Award['reasonCode'],
      params: { employee, team: 'Соколы', ...params },
      occurredAt: new Date(T0 + minute * 60_000).toISOString(),
    };
  };
  const newestFirst = (awards: Award[]): Award[] => [...awards].sort((a, b) => b.id - a.id);
  const text = (item: TickerItem): string =>
    tickerParts(item, 'ru')
      .map((p) => p.text)
      .join('');
  const summary = (items: TickerItem[]): [string, number][] => items.map((i) => [text(i), i.kind === 'group' ? i.points : i.award.points]);

  it('counts one person’s calls in a window as one pill, with plurals and the summed points', () => {
    const awards = newestFirst([...Array.from({ length: 12 }, (_, i) => small(i % 9)), small(3, 'boris'), small(4, 'boris')]);
    expect(summary(tickerItems(awards))).toEqual([
      ['Борис Кузнецов: 2 звонка', 2],
      ['Анна Смирнова: 12 звонков', 12],
    ]);
    const one = newestFirst([small(1), small(2, 'anna', 'telemarketer.meeting_scheduled', { client: 'ООО Ромашка', clientId: 'c1' }, 15)]);
    expect(summary(tickerItems(one))[0]).toEqual(['Анна Смирнова: назначена встреча, ООО Ромашка', 15]);
  });

  it('counts per type, and a lone award keeps its own reason and client', () => {
    const awards = newestFirst([
      small(1),
      small(2),
      small(3, 'anna', 'telemarketer.meeting_scheduled', { client: 'ООО Ромашка', clientId: 'c1' }, 15),
      small(4, 'anna', 'telemarketer.email_decision_maker', { client: 'АО Вектор', clientId: 'c2' }, 3),
      small(5, 'anna', 'telemarketer.email_decision_maker', { client: 'ООО Заря', clientId: 'c3' }, 3),
      small(6, 'anna', 'telemarketer.email_decision_maker', { client: 'ООО Заря', clientId: 'c3' }, 3),
      small(7, 'anna', 'telemarketer.email_decision_maker', { client: 'ООО Заря', clientId: 'c3' }, 3),
      small(8, 'anna', 'telemarketer.email_decision_maker', { client: 'ООО Заря', clientId: 'c3' }, 3),
    ]);
    expect(summary(tickerItems(awards))).toEqual([
      ['Анна Смирнова: 5 писем ЛПР', 15],
      ['Анна Смирнова: назначена встреча, ООО Ромашка', 15],
      ['Анна Смирнова: 2 звонка', 2],
    ]);
  });

  it('starts a new pill in the next window, and keeps a growing pill’s key', () => {
    const window = GROUP_WINDOW_MS / 60_000;
    const first = newestFirst([small(0), small(1)]);
    const key = tickerItems(first)[0]!.key;
    const grown = newestFirst([...first, small(2), small(window + 1), small(window + 2)]);
    const items = tickerItems(grown);
    expect(summary(items)).toEqual([
      ['Анна Смирнова: 2 звонка', 2],
      ['Анна Смирнова: 3 звонка', 3],
    ]);
    expect(items[1]!.key).toBe(key);
  });

  it('never groups big news, reversals or team awards', () => {
    const reversal = small(1, 'anna', 'telemarketer.call', { reversed: true, cause: 'void', seconds: 40 }, -1);
    const payment = small(
      2,
      'anna',
      'sales.first_payment',
      { amount: 350000, currency: 'RUB', client: 'ООО Ромашка', clientId: 'c1' },
      350,
    );
    const items = tickerItems(newestFirst([small(0), reversal, payment, small(3)]));
    expect(items.map((i) => i.kind)).toEqual(['group', 'award', 'award']);
    expect(text(items[1]!)).toBe('Анна Смирнова: первая оплата, 350\u00a0000\u00a0₽, ООО Ромашка');
  });

  it('never shows a client by its id: a client without a name is left out', () => {
    const unnamed = small(1, 'boris', 'sales.meeting_held', { client: 'ccl11-0', clientId: 'ccl11-0' }, 5);
    const noName = small(2, 'boris', 'sales.contract_signed', { clientId: 'ccl11-1' }, 20);
    const items = tickerItems(newestFirst([unnamed, noName]));
    expect(items.map(text)).toEqual(['Борис Кузнецов: договор подписан', 'Борис Кузнецов: встреча проведена']);
  });

  it('stays bounded by the awards it is given: 50,000 calls in, at most TICKER_LIMIT pills out', () => {
    let list: Award[] = [];
    for (let minute = 0; minute < 50_000; minute += 1) list = mergeAwards(list, [small(minute % 600, minute % 2 ? 'anna' : 'boris')]);
    const items = tickerItems(list);
    expect(items.length).toBeLessThanOrEqual(list.length);
    expect(items.reduce((n, i) => n + (i.kind === 'group' ? i.count : 1), 0)).toBe(list.length);
  });
});
