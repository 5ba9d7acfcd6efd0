import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** An ECharts option made of the parts `echarts.ts` registers (types only: nothing of ECharts is bundled by this file). */
export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The console's colours (app.css), for text and lines drawn on a canvas. */
export const CHART_THEME = {
  text: '#e9edf6',
  muted: '#8e9ab6',
  line: '#223052',
  surface: '#111a2e',
  office: '#8e9ab6',
  warn: '#f5b642',
  palette: ['#5ec8f2', '#a78bfa', '#34d3b8', '#f4c95d', '#ff8fa3', '#d99a66', '#7dd3fc', '#c4b5fd', '#86efac', '#fca5a5'],
  role: { telemarketer: '#5ec8f2', sales: '#a78bfa', account: '#34d3b8' },
} as const;

/** Text for an HTML tooltip: names people typed are data, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
