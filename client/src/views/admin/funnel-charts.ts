import type { FunnelStage, FunnelStages, StageValue } from '@conveyor/shared';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption } from 'echarts/components';
import { perDay, stageCountText, stageRateText } from '../../lib/i18n/analytics.js';
import { message, type Lang } from '../../lib/i18n/i18n.js';
import { CHART_THEME, escapeHtml, type ChartOption } from '../../lib/charts/option.js';

// The funnel page's charts as ECharts options, built from the funnel report alone (pure: no ECharts
// code runs here, so these are specs' business and the page loads ECharts only to draw them).

type Step = 'calls' | 'successful' | 'need' | 'meetingSet' | 'meetingHeld' | 'contract';

/** Each step of the chain the office's clients went through: how many got there, and the stage that counts the step. */
function steps(s: FunnelStages): { step: Step; count: number; stage: FunnelStage | null }[] {
  return [
    { step: 'calls', count: s['call.success'].denominator, stage: null },
    { step: 'successful', count: s['call.success'].numerator, stage: 'call.success' },
    { step: 'need', count: s.need.numerator, stage: 'need' },
    { step: 'meetingSet', count: s['meeting.set'].numerator, stage: 'meeting.set' },
    { step: 'meetingHeld', count: s['meeting.held'].numerator, stage: 'meeting.held' },
    { step: 'contract', count: s.contract.numerator, stage: 'contract' },
  ];
}

const axisText = { color: CHART_THEME.muted, fontSize: 12 };
const splitLine = { lineStyle: { color: CHART_THEME.line } };
const tooltipBase = {
  backgroundColor: CHART_THEME.surface,
  borderColor: CHART_THEME.line,
  textStyle: { color: CHART_THEME.text, fontSize: 13 },
  confine: true,
};

/**
 * The office's funnel: how many calls, successful calls, needs, meetings set and held, and contracts,
 * as horizontal bars on a logarithmic scale (contracts stay visible beside thousands of calls), each
 * labelled with its count and the rate of its stage.
 */
export function officeFunnelOption(stages: FunnelStages, of: Lang): ChartOption {
  const rows = steps(stages);
  const number = new Intl.NumberFormat(of);
  const label = (i: number): string => {
    const row = rows[i]!;
    const rate = row.stage ? stages[row.stage].rate : null;
    return rate === null || !row.stage ? number.format(row.count) : `${number.format(row.count)} · ${stageRateText(row.stage, rate, of)}`;
  };
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'inherit' },
    animationDuration: 300,
    grid: { left: 8, right: 120, top: 8, bottom: 24, containLabel: true },
    xAxis: {
      type: 'log',
      min: 1,
      logBase: 10,
      axisLabel: { ...axisText, formatter: (v: number) => number.format(v) },
      splitLine,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => message(of, `funnel.count.${r.step}`)),
      axisLabel: { ...axisText, color: CHART_THEME.text, fontSize: 13 },
      axisLine: { lineStyle: { color: CHART_THEME.line } },
      axisTick: { show: false },
    },
    tooltip: { ...tooltipBase, trigger: 'item', formatter: (p) => escapeHtml(label((p as { dataIndex: number }).dataIndex)) },
    series: [
      {
        type: 'bar',
        barWidth: '60%',
        data: rows.map((r, i) => ({
          value: r.count > 0 ? r.count : null,
          itemStyle: { color: i < 4 ? CHART_THEME.role.telemarketer : CHART_THEME.role.sales, borderRadius: [0, 4, 4, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          color: CHART_THEME.text,
          fontSize: 12,
          formatter: (p) => label((p as { dataIndex: number }).dataIndex),
        },
      },
    ],
  };
}

/** One bar group's owner in a comparison: the office, a team or a person. */
export interface CompareRow {
  name: string;
  stages: Partial<FunnelStages>;
  office?: boolean;
  /** Stages where the row is a clear weak link: their bars are outlined and labelled. */
  weak?: readonly FunnelStage[];
}

export interface CompareChart {
  option: ChartOption;
  /** The row each series draws (a row may draw two series: calls a day and the percent stages). */
  rowOfSeries: number[];
}

const PERCENT = (value: StageValue | undefined): number | null =>
  value?.rate === null || value?.rate === undefined ? null : Math.round(value.rate * 1000) / 10;
const PER_DAY = (value: StageValue | undefined): number | null =>
  value?.rate === null || value?.rate === undefined ? null : perDay(value.rate);

/**
 * Each row's stages side by side, the office's first and grey: grouped bars of each stage's rate.
 * Successful calls a day are a count, not a percent: they get a narrow chart of their own on the
 * left, with their own axis, and the same legend entry switches both parts of a row.
 */
export function compareOption(stages: readonly FunnelStage[], rows: readonly CompareRow[], of: Lang): CompareChart {
  const calls = stages.includes('calls');
  const ratios = stages.filter((s) => s !== 'calls');
  const grids: GridComponentOption[] = [];
  if (calls) grids.push({ left: 8, width: ratios.length > 0 ? '15%' : '92%', top: 40, bottom: 28, containLabel: true });
  if (ratios.length > 0) grids.push({ left: calls ? '22%' : 8, right: 12, top: 40, bottom: 28, containLabel: true });
  const callsGrid = 0;
  const ratioGrid = calls ? 1 : 0;
  const percent = new Intl.NumberFormat(of, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(of, { maximumFractionDigits: 1 });
  const stageName = (stage: FunnelStage): string => message(of, `funnel.stage.${stage}`);
  let colour = 0;
  const colours = rows.map((row) => (row.office ? CHART_THEME.office : CHART_THEME.palette[colour++ % CHART_THEME.palette.length]!));

  const series: BarSeriesOption[] = [];
  const rowOfSeries: number[] = [];
  const stagesOfSeries: FunnelStage[][] = [];
  rows.forEach((row, r) => {
    const style = { color: colours[r], borderRadius: [3, 3, 0, 0] };
    // A clear weak link's bar: outlined in the warning colour, its value written over it.
    const bar = (stage: FunnelStage, value: number | null) =>
      row.weak?.includes(stage) && value !== null
        ? {
            value,
            itemStyle: { borderColor: CHART_THEME.warn, borderWidth: 2 },
            label: {
              show: true,
              position: 'top' as const,
              color: CHART_THEME.warn,
              formatter: stageRateText(stage, row.stages[stage]?.rate ?? null, of),
            },
          }
        : value;
    if (calls) {
      series.push({
        type: 'bar',
        name: row.name,
        xAxisIndex: callsGrid,
        yAxisIndex: callsGrid,
        data: [bar('calls', PER_DAY(row.stages.calls))],
        itemStyle: style,
        barMaxWidth: 28,
      });
      rowOfSeries.push(r);
      stagesOfSeries.push(['calls']);
    }
    if (ratios.length > 0) {
      series.push({
        type: 'bar',
        name: row.name,
        xAxisIndex: ratioGrid,
        yAxisIndex: ratioGrid,
        data: ratios.map((stage) => bar(stage, PERCENT(row.stages[stage]))),
        itemStyle: style,
        barMaxWidth: 28,
      });
      rowOfSeries.push(r);
      stagesOfSeries.push(ratios);
    }
  });

  const tooltip = (p: { seriesIndex?: number; dataIndex: number }): string => {
    const row = rows[rowOfSeries[p.seriesIndex ?? 0]!]!;
    const stage = stagesOfSeries[p.seriesIndex ?? 0]![p.dataIndex]!;
    const value = row.stages[stage];
    const count = value ? ` (${stageCountText(stage, value, of)})` : '';
    return `<strong>${escapeHtml(row.name)}</strong><br/>${escapeHtml(stageName(stage))}: ${escapeHtml(stageRateText(stage, value?.rate ?? null, of) + count)}`;
  };

  const category = (data: string[], gridIndex: number) => ({
    type: 'category' as const,
    gridIndex,
    data,
    axisLabel: { ...axisText, color: CHART_THEME.text, interval: 0, width: 120, overflow: 'break' as const, lineHeight: 15 },
    axisLine: { lineStyle: { color: CHART_THEME.line } },
    axisTick: { show: false },
  });
  const xAxis = [];
  const yAxis = [];
  if (calls) {
    xAxis.push(category([message(of, 'funnel.perDayAxis')], callsGrid));
    yAxis.push({
      type: 'value' as const,
      gridIndex: callsGrid,
      axisLabel: { ...axisText, formatter: (v: number) => number.format(v) },
      splitLine,
    });
  }
  if (ratios.length > 0) {
    xAxis.push(category(ratios.map(stageName), ratioGrid));
    yAxis.push({
      type: 'value' as const,
      gridIndex: ratioGrid,
      max: (extent: { max: number }) => Math.min(100, Math.max(10, Math.ceil(extent.max / 10) * 10)),
      axisLabel: { ...axisText, formatter: (v: number) => percent.format(v / 100) },
      splitLine,
    });
  }
  return {
    rowOfSeries,
    option: {
      backgroundColor: 'transparent',
      textStyle: { fontFamily: 'inherit' },
      animationDuration: 300,
      legend: {
        top: 0,
        type: rows.length > 8 ? 'scroll' : 'plain', // a big office's names stay on one line
        pageTextStyle: { color: CHART_THEME.muted },
        textStyle: { color: CHART_THEME.text, fontSize: 12 },
        inactiveColor: CHART_THEME.line,
        data: rows.map((row) => row.name),
      },
      tooltip: { ...tooltipBase, trigger: 'item', formatter: (p) => tooltip(p as { seriesIndex?: number; dataIndex: number }) },
      grid: grids,
      xAxis,
      yAxis,
      series,
    },
  };
}
