import { FUNNEL_STAGES, type FunnelStages, type StageValue } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { compareOption, officeFunnelOption } from './funnel-charts.js';

const value = (numerator: number, denominator: number): StageValue => ({
  numerator,
  denominator,
  rate: denominator > 0 ? numerator / denominator : null,
});

const office: FunnelStages = {
  calls: value(2400, 60),
  'call.success': value(2400, 6000),
  need: value(600, 2400),
  'meeting.set': value(240, 600),
  'meeting.held': value(180, 240),
  contract: value(45, 180),
  retention: value(0, 0),
};

type Series = { name?: string; xAxisIndex?: number; data: unknown[]; label?: { formatter: (p: { dataIndex: number }) => string } };
const seriesOf = (option: unknown): Series[] => (option as { series: Series[] }).series;
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe("the office funnel's chart", () => {
  it('draws each step of the chain with its count and its stage rate', () => {
    const option = officeFunnelOption(office, 'ru');
    const [bars] = seriesOf(option);
    expect(bars!.data.map((d) => (d as { value: number | null }).value)).toEqual([6000, 2400, 600, 240, 180, 45]);
    expect(plain(bars!.label!.formatter({ dataIndex: 0 }))).toBe('6 000');
    expect(plain(bars!.label!.formatter({ dataIndex: 2 }))).toBe('600 · 25 %');
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'Звонки',
      'Успешные звонки',
      'Потребность выявлена',
      'Встреча назначена',
      'Встреча проведена',
      'Договор подписан',
    ]);
  });

  it('leaves out a step nothing reached (a log axis has no zero)', () => {
    const [bars] = seriesOf(officeFunnelOption({ ...office, contract: value(0, 180) }, 'en'));
    expect((bars!.data[5] as { value: number | null }).value).toBeNull();
  });
});

describe('stages beside the office', () => {
  it('puts calls a day on their own axis and the ratios in percent, one legend entry per row', () => {
    const person = { calls: value(340, 17), 'call.success': value(340, 800), need: value(17, 340), 'meeting.set': value(8, 17) };
    const chart = compareOption(
      ['calls', 'call.success', 'need', 'meeting.set'],
      [
        { name: 'Офис', stages: office, office: true },
        { name: 'Анна', stages: person },
      ],
      'ru',
    );
    const series = seriesOf(chart.option);
    expect(series.map((s) => [s.name, s.xAxisIndex, s.data])).toEqual([
      ['Офис', 0, [40]],
      ['Офис', 1, [40, 25, 40]],
      ['Анна', 0, [20]],
      ['Анна', 1, [42.5, 5, 47.1]],
    ]);
    expect(chart.rowOfSeries).toEqual([0, 0, 1, 1]);
    expect((chart.option.legend as { data: string[] }).data).toEqual(['Офис', 'Анна']);
  });

  it('draws only ratios for a role without calls, and nothing where nothing was counted', () => {
    const chart = compareOption(
      ['meeting.held', 'contract'],
      [{ name: 'Борис', stages: { 'meeting.held': value(0, 0), contract: value(1, 4) } }],
      'en',
    );
    expect(seriesOf(chart.option).map((s) => s.data)).toEqual([[null, 25]]);
    expect(compareOption(FUNNEL_STAGES, [], 'en').rowOfSeries).toEqual([]);
  });
});
