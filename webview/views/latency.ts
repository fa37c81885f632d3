// The latency view: where the time goes by operator class (with the baseline and the
// overlap bounds), latency and throughput against batch size, and what the decode time is
// most sensitive to, the last sweep if there is one, and the die area behind the chip price —
// in one SVG so the view exports as one figure.

import { chartSvg, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { drawArea } from './area';
import { drawBatch } from './batch';
import { drawBreakdown } from './breakdown';
import { drawSensitivity } from './sensitivity';
import { drawSweep } from './sweep';

const PANEL_GAP = 18;

export function renderLatency(container: Container, input: RenderInput, ctx: ViewContext): void {
  const width = ctx.width;
  const svg = chartSvg(
    container,
    width,
    100,
    'Latency: breakdown by operator class, latency and throughput against batch size, sensitivity, die area',
  );
  const background = svg.append('rect').attr('class', 'chart-background').attr('width', width).attr('fill', ctx.theme.background);
  const tables = container.append('div').attr('class', 'tables') as unknown as Container;
  let y = 0;
  const sweep = (g: G, i: RenderInput, c: ViewContext, w: number, t: Container): number => (i.sweep ? drawSweep(g, i.sweep, c, w, t) : 0);
  for (const draw of [drawBreakdown, drawBatch, sweep, drawSensitivity, drawArea]) {
    const g = svg.append('g').attr('class', 'panel').attr('transform', `translate(0,${y})`) as unknown as G;
    const used = draw(g, input, ctx, width, tables);
    if (used > 0) y += used + PANEL_GAP;
  }
  const height = Math.max(1, y - PANEL_GAP);
  svg.attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  background.attr('height', height);
}
