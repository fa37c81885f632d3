// What moves decode latency: the change in time per output token for +10% on each
// numeric key, largest first (a tornado chart). A click selects the key in the editor,
// which is where a designer goes next.

import { scaleBand, scaleLinear } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import { select } from 'd3-selection';
import { SENSITIVITY_STEP, type Sensitivity } from '../../model/result';
import { below, caption, drawAxis, gridX, panelTitle, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { ellipsize, FONT_SIZE, textWidth } from '../text';
import { formatChange, formatPercent, formatShare, formatWatts } from '../format';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { bindTooltip } from '../tooltip';
import { isNoDecodeStep } from '../../model/report/labels';

const ROW = 18;
/** Keys are set in the editor font, as they appear in the config. */
const MONO_SIZE = 10.5;
const MAX_ROWS = 10;

/**
 * The latency charted: decode's time per output token, or, where one output token leaves no decode
 * step, the time to first token (a review: "Sensitivity of decode latency" beside "no decode step").
 */
function chartedLatency(input: RenderInput) {
  const firstToken = isNoDecodeStep(input.view.report.design?.metrics.find((m) => m.id === 'decode.msPerToken')?.note);
  return firstToken
    ? { of: (s: Sensitivity) => s.prefillMs, title: 'time to first token', short: 'time to first token', what: 'time to first token' }
    : { of: (s: Sensitivity) => s.decodeMsPerToken, title: 'decode latency', short: 'decode time', what: 'time per output token' };
}

export function drawSensitivity(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const theme = ctx.theme;
  const latency = chartedLatency(input);
  const change = latency.of;
  const rows = input.view.sensitivity
    .filter((s) => Number.isFinite(change(s)))
    .sort((a, b) => Math.abs(change(b)) - Math.abs(change(a)))
    .slice(0, MAX_ROWS);
  if (!rows.length) return 0;

  const titleShift = panelTitle(g, 8, 16, `Sensitivity of ${latency.title}`);
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `Change in ${latency.what} for +${formatPercent(SENSITIVITY_STEP)} on each key, or the step its label gives; largest ${rows.length}, shorter is less sensitive`,
    );
  g = below(g, shift);

  // Key paths whole while the bars keep 100 px for their axis: beyond that (a narrow panel) they
  // are ellipsized, the whole path in the tooltip and the label's <title>.
  const valueRoom = 48;
  const labelWidth = Math.min(
    240,
    Math.max(96, width * 0.4, width - 16 - 2 * valueRoom - 100),
    Math.max(...rows.map((r) => textWidth(labelOf(r), MONO_SIZE, 'mono'))) + 12,
  );
  const x0 = 8 + labelWidth + valueRoom;
  const x1 = width - 8 - valueRoom;
  const extent = Math.max(...rows.map((r) => Math.abs(change(r))), 1e-6);
  const x = scaleLinear().domain([-extent, extent]).nice(4).range([x0, x1]);
  const top = 46;
  const bottom = top + rows.length * ROW;
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([top, bottom])
    .paddingInner(0.25);
  const ticks = x.ticks(Math.max(2, Math.floor((x1 - x0) / 70)));

  gridX(
    g,
    ticks.map((t) => x(t)),
    top,
    bottom,
  );
  drawAxis(
    g,
    axisBottom(x)
      .tickValues(ticks)
      .tickFormat((d) => formatChange(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: bottom },
    `Change in ${latency.what}`,
    (x0 + x1) / 2,
  );
  g.append('line')
    .attr('class', 'zero-line')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', top - 2)
    .attr('y2', bottom);

  g.append('g')
    .selectAll('text')
    .data(rows)
    .join('text')
    .attr('class', 'row-label mono')
    .attr('x', 8 + labelWidth - 6)
    .attr('y', (_, i) => y(i)! + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((r) => ellipsize(labelOf(r), labelWidth - 8, MONO_SIZE, 'mono'))
    .each(function (r) {
      const label = this as SVGTextElement;
      if (label.textContent !== labelOf(r)) select(label).append('title').text(labelOf(r));
    });

  const bars = g
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(rows)
    .join('rect')
    .attr('class', 'bar sensitivity-bar')
    .attr('data-key', (r) => r.path)
    .attr('x', (r) => Math.min(x(0), x(change(r))))
    .attr('width', (r) => Math.max(1, Math.abs(x(change(r)) - x(0))))
    .attr('y', (_, i) => y(i)!)
    .attr('height', y.bandwidth())
    .attr('fill', (r) => (change(r) > 0 ? theme.worse : theme.better))
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  bindTooltip(bars, (r: Sensitivity) => ({
    title: `${stepOf(r)} on ${r.path}`,
    rows: [
      ['Decode time per token', formatChange(r.decodeMsPerToken)],
      ['Time to first token', formatChange(r.prefillMs)],
      ['Energy per output token', formatChange(r.joulesPerOutputToken)],
      ['Cost per response', formatChange(r.usdPerResponse)],
      ['Average power per chip', `${r.wattsDelta >= 0 ? '+' : '−'}${formatWatts(Math.abs(r.wattsDelta))}`],
    ],
    note: `Click to select ${r.path} in the editor.`,
  }));
  bindSelect(bars, (r) => ({ key: r.path, label: `${r.path}: ${formatChange(change(r))} ${latency.short}; select it` }), ctx);

  g.append('g')
    .selectAll('text')
    .data(rows)
    .join('text')
    .attr('class', 'bar-total')
    .attr('x', (r) => (change(r) >= 0 ? x(change(r)) + 4 : x(change(r)) - 4))
    .attr('text-anchor', (r) => (change(r) >= 0 ? 'start' : 'end'))
    .attr('y', (_, i) => y(i)! + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('font-size', FONT_SIZE - 1)
    .text((r) => formatChange(change(r)));

  dataTable(
    tables,
    `Table: sensitivity to +${formatPercent(SENSITIVITY_STEP)} on each key (the step column where it differs)`,
    ['Key', 'Step', 'Decode time', 'Time to first token', 'Energy per token', 'Cost per response', 'Power per chip'],
    input.view.sensitivity.map((r) => [
      r.path,
      stepOf(r),
      formatChange(r.decodeMsPerToken),
      formatChange(r.prefillMs),
      formatChange(r.joulesPerOutputToken),
      formatChange(r.usdPerResponse),
      `${r.wattsDelta >= 0 ? '+' : '−'}${formatWatts(Math.abs(r.wattsDelta))}`,
    ]),
  );
  return bottom + 46 + shift;
}

/** The key, and its step where it is not the nominal one (a fraction at its cap, a rounded count). */
function labelOf(r: Sensitivity): string {
  return Math.abs(r.step - SENSITIVITY_STEP) > 0.005 ? `${r.path} ${formatChange(r.step)}` : r.path;
}

/** The step, with a share's two values (+10 % of an 88 % margin is 96.8 %: most of what is left to it). */
function stepOf(r: Sensitivity): string {
  return `${formatChange(r.step)}${r.shareStep ? ` (${r.shareStep.map(formatShare).join(' → ')})` : ''}`;
}
