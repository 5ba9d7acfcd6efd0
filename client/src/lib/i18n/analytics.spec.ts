import { FUNNEL_STAGES, SIGNAL_KINDS, type AnalyticsParams, type FunnelStage } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { findingParts, formatPercent, nextStepText, signalParts, stageCountText, stageRateText } from './analytics.js';
import { CATALOGUES } from './i18n.js';

/** Intl puts a no-break space (U+00A0) or a narrow one (U+202F) between groups and before ₽ and %. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const joined = (parts: { text: string }[]): string => plain(parts.map((p) => p.text).join(''));

const params = (over: Partial<AnalyticsParams> = {}): AnalyticsParams => ({
  name: 'Пётр Иванов',
  numerator: 12,
  denominator: 60,
  rate: 0.2,
  officeRate: 0.41,
  clients: 3,
  amount: 1_050_000,
  currency: 'RUB',
  points: 420,
  period: '2026-11',
  ...over,
});

describe('weak-link findings in words', () => {
  it('says the stage, the office and the loss, with the name as data', () => {
    const parts = findingParts({ stage: 'meeting.set', params: params() }, 'ru');
    expect(joined(parts)).toBe('Пётр Иванов: встречи назначены 12 из 60 (20 %), у отдела 41 %; потеря ≈ 3 клиента, 1 050 000 ₽');
    expect(parts[0]).toEqual({ text: 'Пётр Иванов', data: true });
    expect(joined(findingParts({ stage: 'meeting.set', params: params() }, 'en'))).toBe(
      'Пётр Иванов: meetings set 12 of 60 (20%), the office 41%; cost ≈ 3 clients, ₽1,050,000',
    );
  });

  it('uses real Russian plurals, fractions of a client included', () => {
    const need = (clients: number, denominator: number): string =>
      joined(findingParts({ stage: 'need', params: params({ clients, denominator, amount: 0 }) }, 'ru'));
    expect(need(1, 21)).toBe('Пётр Иванов: потребность выявлена в 12 из 21 успешного звонка (20 %), у отдела 41 %; потеря ≈ 1 клиент');
    expect(need(2.64, 60)).toContain('из 60 успешных звонков (20 %), у отдела 41 %; потеря ≈ 2,6 клиента');
    expect(need(5, 1200)).toContain('из 1 200 успешных звонков');
    expect(need(0, 60)).toBe('Пётр Иванов: потребность выявлена в 12 из 60 успешных звонков (20 %), у отдела 41 %');
  });

  it('says calls as successful calls per working day, not as a percent', () => {
    const calls = findingParts(
      { stage: 'calls', params: params({ numerator: 534, denominator: 17, rate: 534 / 17, officeRate: 41.27 }) },
      'ru',
    );
    expect(joined(calls)).toBe(
      'Пётр Иванов: 31,4 успешного звонка в рабочий день (534 за 17 рабочих дней), у отдела 41,3; потеря ≈ 3 клиента, 1 050 000 ₽',
    );
    const en = findingParts({ stage: 'calls', params: params({ numerator: 21, denominator: 1, rate: 21, officeRate: 40 }) }, 'en');
    expect(joined(en)).toContain('21 successful calls a working day (21 in 1 working day), the office 40');
  });

  it('has words for every stage in both languages', () => {
    for (const of of ['ru', 'en'] as const)
      for (const stage of FUNNEL_STAGES) {
        const text = joined(findingParts({ stage, params: params() }, of));
        expect(text, `${of} ${stage}`).toMatch(/^Пётр Иванов: /);
        expect(text, `${of} ${stage}`).not.toMatch(/[{}]/);
      }
  });
});

describe('fair-play signals in words', () => {
  it('asks about calls just over the line with the shares of the person and the office', () => {
    const parts = signalParts(
      {
        kind: 'calls.near_threshold',
        value: 0.38,
        officeValue: 0.06,
        params: { name: 'Ирина Петрова', count: 15, of: 40, value: 0.375, officeValue: 0.06, minSec: 30, maxSec: 33 },
      },
      'ru',
    );
    expect(joined(parts)).toBe('Ирина Петрова: 38 % успешных звонков длятся 30–33 с (15 из 40), у отдела 6 %');
    expect(parts[0]!.data).toBe(true);
  });

  it('has words for every kind in both languages', () => {
    for (const of of ['ru', 'en'] as const)
      for (const kind of SIGNAL_KINDS) {
        const text = joined(
          signalParts({ kind, value: 0.5, officeValue: 0.05, params: { name: 'Анна', count: 5, of: 10, seconds: 3, hours: 24 } }, of),
        );
        expect(text, `${of} ${kind}`).toMatch(/^Анна: 50 ?%/);
        expect(CATALOGUES[of][`funnel.ask.${kind}`]).toBeTruthy();
      }
    expect(
      joined(signalParts({ kind: 'backdated', value: 0.5, officeValue: 0, params: { name: 'Анна', count: 5, of: 10, hours: 24 } }, 'ru')),
    ).toBe('Анна: 50 % событий внесены позже чем через 24 часа после того, как произошли (5 из 10), у отдела 0 %');
  });
});

describe("stages' numbers", () => {
  it('shows ratios as percents and calls per day', () => {
    expect(plain(stageRateText('need', 0.2, 'ru'))).toBe('20 %');
    expect(stageRateText('need', 0.2, 'en')).toBe('20%');
    expect(plain(formatPercent(0.065, 'ru'))).toBe('6,5 %');
    expect(stageRateText('calls', 31.44, 'ru')).toBe('31,4 в день');
    expect(stageRateText('calls', 31.44, 'en')).toBe('31.4 a day');
    expect(stageRateText('contract', null, 'ru')).toBe('—');
    expect(plain(stageCountText('calls', { numerator: 1534, denominator: 21, rate: 73 }, 'ru'))).toBe('1 534 за 21 рабочий день');
    expect(stageCountText('need', { numerator: 12, denominator: 60, rate: 0.2 }, 'en')).toBe('12 of 60');
  });
});

describe("the phone's next step", () => {
  const next = (stage: FunnelStage, rate: number, officeRate: number) => ({
    stage,
    reasonCode: `me.next.${stage}` as const,
    params: { name: '', numerator: 1, denominator: 5, rate, officeRate, period: '2026-11' },
  });

  it('encourages with the person’s rate and what is typical', () => {
    expect(plain(nextStepText(next('need', 0.1, 0.4), 'ru'))).toMatch(
      /^Больше всего поможет выявлять потребность: у вас это получается в 10 % /,
    );
    expect(nextStepText(next('calls', 12.34, 30), 'ru')).toContain('у вас 12,3 успешного звонка в день, обычно в отделе 30.');
    expect(nextStepText(next('calls', 1, 30), 'en')).toContain('you make 1 successful call a day');
    for (const stage of FUNNEL_STAGES)
      for (const of of ['ru', 'en'] as const) expect(nextStepText(next(stage, 0.1, 0.4), of)).not.toMatch(/[{}]/);
  });
});
