// The memory-bandwidth view: the roofline, bytes per operator, and the bandwidth in use
// across one pass, stacked in one SVG so the view exports as one figure.

import { chartSvg, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { PHASE_LABEL } from '../derive';
import { drawBytes } from './bytes';
import { drawRoofline } from './roofline';
import { drawTimeline } from './timeline';

const PANEL_GAP = 18;

export function renderBandwidth(container: Container, input: RenderInput, ctx: ViewContext): void {
  if (!input.result.phases[input.phase].operators.length) {
    container.append('p').attr('class', 'no-result').text(`The ${PHASE_LABEL[input.phase]} has no operators to show.`);
    return;
  }
  const width = ctx.width;
  const svg = chartSvg(
    container,
    width,
    100,
    `Memory bandwidth of the ${PHASE_LABEL[input.phase]}: roofline, bytes per operator, bandwidth over time`,
  );
  const background = svg.append('rect').attr('class', 'chart-background').attr('width', width).attr('fill', ctx.theme.background);
  const tables = container.append('div').attr('class', 'tables') as unknown as Container;
  let y = 0;
  for (const draw of [drawRoofline, drawTimeline, drawBytes]) {
    const g = svg.append('g').attr('class', 'panel').attr('transform', `translate(0,${y})`) as unknown as G;
    y += draw(g, input, ctx, width, tables) + PANEL_GAP;
  }
  const height = y - PANEL_GAP;
  svg.attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  background.attr('height', height);
}
