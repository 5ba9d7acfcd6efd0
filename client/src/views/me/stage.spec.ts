import { describe, expect, it } from 'vitest';
import { stageLines } from './stage.js';

/** Intl puts a no-break space (U+00A0) or a narrow one (U+202F) between groups and before ₽. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const texts = (lines: { text: string }[]): string[] => lines.map((line) => plain(line.text));

describe("a person's stage this month", () => {
  it("says a telemarketer's successful calls and meetings set, with Russian plurals", () => {
    const at = (successfulCalls: number, meetingsSet: number): string[] =>
      texts(stageLines({ role: 'telemarketer', month: { successfulCalls, meetingsSet } }, 'ru'));
    expect(at(1, 1)).toEqual(['1 успешный звонок', '1 встреча назначена']);
    expect(at(2, 2)).toEqual(['2 успешных звонка', '2 встречи назначены']);
    expect(at(5, 5)).toEqual(['5 успешных звонков', '5 встреч назначено']);
    expect(at(21, 0)).toEqual(['21 успешный звонок', '0 встреч назначено']);
    expect(at(1120, 11)).toEqual(['1 120 успешных звонков', '11 встреч назначено']);
    expect(texts(stageLines({ role: 'telemarketer', month: { successfulCalls: 1, meetingsSet: 3 } }, 'en'))).toEqual([
      '1 successful call',
      '3 meetings set',
    ]);
  });

  it("says a sales manager's meetings held, contracts and their clients' money, and no calls", () => {
    const lines = stageLines({ role: 'sales', month: { meetingsHeld: 1, contracts: 2, revenue: 350000, currency: 'RUB' } }, 'ru');
    expect(texts(lines)).toEqual(['1 встреча проведена', '2 договора подписаны', 'Мои клиенты оплатили 350 000 ₽']);
    expect(lines[2]!.note).toBe('первые оплаты и продления');
    expect(texts(stageLines({ role: 'sales', month: { meetingsHeld: 5, contracts: 5, revenue: 0, currency: 'RUB' } }, 'ru'))).toEqual([
      '5 встреч проведено',
      '5 договоров подписано',
      'Мои клиенты оплатили 0 ₽',
    ]);
    expect(texts(lines).join(' ')).not.toMatch(/звон/);
    expect(texts(stageLines({ role: 'sales', month: { meetingsHeld: 2, contracts: 1, revenue: 350000, currency: 'RUB' } }, 'en'))).toEqual([
      '2 meetings held',
      '1 contract signed',
      'My clients paid ₽350,000',
    ]);
  });

  it("says an account manager's clients who paid, payments with their sum and retention bonuses", () => {
    const at = (n: number): string[] =>
      texts(
        stageLines({ role: 'account', month: { clients: n, payments: n, amount: 350000, currency: 'RUB', retentionBonuses: n } }, 'ru'),
      );
    expect(at(1)).toEqual(['1 клиент оплатил', '1 оплата на 350 000 ₽', '1 бонус за удержание']);
    expect(at(3)).toEqual(['3 клиента оплатили', '3 оплаты на 350 000 ₽', '3 бонуса за удержание']);
    expect(at(12)).toEqual(['12 клиентов оплатили', '12 оплат на 350 000 ₽', '12 бонусов за удержание']);
    expect(
      texts(
        stageLines({ role: 'account', month: { clients: 1, payments: 2, amount: 1500.5, currency: 'RUB', retentionBonuses: 0 } }, 'en'),
      ),
    ).toEqual(['1 client paid', '2 payments totalling ₽1,500.50', '0 retention bonuses']);
  });
});
