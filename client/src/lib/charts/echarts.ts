// Apache ECharts, only the parts the console's funnel page draws with: bar charts on a grid, their
// legend and tooltip, on canvas. Loaded by `import()` from a chart as it mounts, so neither the wall
// nor the phone ever downloads it.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
