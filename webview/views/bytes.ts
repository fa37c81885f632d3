// Bytes per operator for one whole pass (all its instances), per chip: stacked by kind
// (weights, KV cache read and write, activations, link) and, beside it, by the memory
// level that serves them (one series per level the chip declares). Rows keep execution
// order so an operator sits at the same place as in the dataflow view.

import { scaleBand, scaleLinear } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import type { OperatorResult } from '../../model/result';
import { below, caption, drawAxis, gridX, legend, panelTitle, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { ellipsize, FONT_SIZE, textWidth } from '../text';
import { PHASE_LABEL } from '../derive';
import { formatBytes } from '../format';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { levelColors, type BytesKind } from '../theme';
import { bindTooltip } from '../tooltip';

const KINDS: readonly BytesKind[] = ['weights', 'kvRead', 'kvWrite', 'activations', 'link'];
const KIND_LABEL: Record<BytesKind, string> = {
  weights: 'Weights',
  kvRead: 'KV cache read',
  kvWrite: 'KV cache write',
  activations: 'Activations',
  link: 'Link',
};

const ROW = 18;
const TOTAL_LABEL_ROOM = 48;

interface Segment {
  op: OperatorResult;
  series: string;
  label: string;
  bytes: number;
  start: number;
  color: string;
}

/** The narrowest the by-level plot gets (its bars and a legend column). */
const MIN_LEVEL_PLOT = 80;

export function drawBytes(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const { result, phase: phaseId } = input;
  const theme = ctx.theme;
  const phase = result.phases[phaseId];
  // Host time moves no bytes: it has no row here.
  const ops = phase.operators.filter((op) => op.unit !== 'host');
  const layers = Math.max(1, ...ops.map((op) => op.count));

  // The arrays' operands pass the level that feeds them wherever they are held (docs/model.md,
  // operand feed): a weight read from memory counts there and again at the SRAM, so the levels'
  // bars can sum past the kinds'. Said where it happens, or the two plots read as disagreeing.
  const kindBytes = (op: (typeof ops)[number]) => op.bytes.weights + op.bytes.kvRead + op.bytes.kvWrite + op.bytes.activations;
  const levelSum = (op: (typeof ops)[number]) => Object.values(op.levelBytes).reduce((a, b) => a + b, 0);
  const feeding = result.chip.memoryLevels.find((l) => l.onChip) ?? result.chip.memoryLevels[0];
  const fed = feeding && ops.some((op) => levelSum(op) > kindBytes(op) * 1.001 + 1);
  const titleY = 16;
  const titleShift = panelTitle(g, 8, titleY, `Bytes per ${PHASE_LABEL[phaseId]}, per chip, by operator`);
  const shift =
    titleShift +
    caption(
      g,
      8,
      titleY + 16 + titleShift,
      `All instances of each operator (× ${layers} layers for per-layer operators); left by kind, right by memory level${fed ? `; the ${feeding.label} also carries every operand into the arrays, so a byte can count at two levels` : ''}`,
    );
  g = below(g, shift);

  // In a narrow panel the labels give way (ellipsized) and both plots keep a readable width, so the chart fits its panel.
  const labelWidth = Math.min(170, width * 0.3, Math.max(40, ...ops.map((op) => textWidth(op.label))) + 10);
  const gap = 28;
  const plotsWidth = width - 8 - labelWidth - 8;
  const kindWidth = Math.min(Math.max(160, (plotsWidth - gap) * 0.6), plotsWidth - gap - MIN_LEVEL_PLOT);
  const levelWidth = plotsWidth - gap - kindWidth;
  const kindX = 8 + labelWidth;
  const levelX = kindX + kindWidth + gap;

  const legendY = 42;
  const kindLegend = legend(
    g,
    KINDS.map((k) => ({ label: KIND_LABEL[k], color: theme.bytesKind[k] })),
    kindX,
    legendY,
    kindWidth,
    theme,
  );
  const levels = result.chip.memoryLevels;
  const colors = levelColors(theme, levels);
  const levelLegend = legend(
    g,
    levels.map((l) => ({ label: l.label, color: colors[l.id]! })),
    levelX,
    legendY,
    levelWidth,
    theme,
  );
  const top = legendY + Math.max(kindLegend, levelLegend) + 8;
  const bottom = top + ops.length * ROW;
  const y = scaleBand<number>()
    .domain(ops.map((_, i) => i))
    .range([top, bottom])
    .paddingInner(0.25);

  g.append('g')
    .attr('class', 'row-labels')
    .selectAll('text')
    .data(ops)
    .join('text')
    .attr('class', 'row-label')
    .attr('x', kindX - 6)
    .attr('y', (_, i) => y(i)! + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((op) => ellipsize(op.label, labelWidth - 8));

  const kindSegments = ops.flatMap((op) =>
    stack(
      op,
      KINDS.map((k) => [k, KIND_LABEL[k], op.bytes[k] * op.count, theme.bytesKind[k]] as const),
    ),
  );
  const levelSegments = ops.flatMap((op) =>
    stack(
      op,
      levels.map((l) => [`level-${l.id}`, l.label, op.levelBytes[l.id]! * op.count, colors[l.id]!] as const),
    ),
  );
  drawStackedPanel(g, kindSegments, ops, y, kindX, kindWidth, bottom, 'By kind (bytes)', ctx);
  drawStackedPanel(g, levelSegments, ops, y, levelX, levelWidth, bottom, 'By level (bytes)', ctx);

  dataTable(
    tables,
    `Table: bytes per ${PHASE_LABEL[phaseId]}, per chip`,
    ['Operator', ...KINDS.map((k) => KIND_LABEL[k]), ...levels.map((l) => l.label)],
    ops.map((op) => [
      op.label,
      ...KINDS.map((k) => formatBytes(op.bytes[k] * op.count)),
      ...levels.map((l) => formatBytes(op.levelBytes[l.id]! * op.count)),
    ]),
  );
  return bottom + 46 + shift;
}

const tickText = (bytes: number): string => (bytes === 0 ? '0' : formatBytes(bytes));
/** Axis tick labels are 10.5 px (media/views.css); neighbours keep this much space between them (px). */
const TICK_SIZE = 10.5;
const TICK_GAP = 8;

/**
 * As many ticks as the plot's width holds with their labels apart: a count from the width
 * alone put "0 2 GB 4 GB" on top of each other in a narrow by-level plot.
 */
function fittingTicks(x: ReturnType<typeof scaleLinear<number, number>>, text: (v: number) => string): number[] {
  const fits = (ticks: readonly number[]) =>
    ticks.every(
      (t, i) =>
        i === 0 || x(t) - x(ticks[i - 1]!) >= (textWidth(text(t), TICK_SIZE) + textWidth(text(ticks[i - 1]!), TICK_SIZE)) / 2 + TICK_GAP,
    );
  const [from, to] = x.range() as [number, number];
  for (let count = Math.max(2, Math.floor((to - from) / 70)); count >= 1; count--) {
    const ticks = x.ticks(count);
    if (ticks.length >= 2 && fits(ticks)) return ticks;
  }
  // Too narrow for two of d3's ticks: zero and the domain's end, or zero alone.
  const ends = [0, x.domain()[1]!];
  return fits(ends) ? ends : [0];
}

function stack(op: OperatorResult, parts: ReadonlyArray<readonly [string, string, number, string]>): Segment[] {
  let start = 0;
  return parts
    .filter(([, , bytes]) => bytes > 0)
    .map(([series, label, bytes, color]) => {
      const segment = { op, series, label, bytes, start, color };
      start += bytes;
      return segment;
    });
}

function drawStackedPanel(
  g: G,
  segments: readonly Segment[],
  ops: readonly OperatorResult[],
  y: ReturnType<typeof scaleBand<number>>,
  x0: number,
  width: number,
  bottom: number,
  title: string,
  ctx: ViewContext,
): void {
  const theme = ctx.theme;
  const indexOf = (op: OperatorResult): number => ops.indexOf(op);
  const totals = ops.map((op) => segments.filter((s) => s.op === op).reduce((sum, s) => sum + s.bytes, 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...totals)])
    .nice(4)
    .range([x0, x0 + width - TOTAL_LABEL_ROOM]);
  const ticks = fittingTicks(x, tickText);
  gridX(
    g,
    ticks.map((t) => x(t)),
    y.range()[0] - 2,
    bottom,
  );
  drawAxis(
    g,
    axisBottom(x)
      .tickValues(ticks)
      .tickFormat((d) => tickText(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: bottom },
    title,
    x0 + (width - TOTAL_LABEL_ROOM) / 2,
  );

  const bars = g
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(segments)
    .join('rect')
    .attr('class', 'bar op-mark')
    .attr('data-op', (s) => s.op.id)
    .attr('data-series', (s) => s.series)
    .attr('x', (s) => x(s.start))
    .attr('y', (s) => y(indexOf(s.op))!)
    .attr('width', (s) => Math.max(0.5, x(s.start + s.bytes) - x(s.start)))
    .attr('height', y.bandwidth())
    .attr('fill', (s) => s.color)
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  bindTooltip(bars, (s) => ({
    title: `${s.op.label}: ${s.label}`,
    rows: [
      ['Per pass', formatBytes(s.bytes)],
      ['Per instance', formatBytes(s.bytes / s.op.count)],
      ['Instances', String(s.op.count)],
    ],
    note: `Click to select ${s.op.governingKey} in the editor.`,
  }));
  bindSelect(
    bars,
    (s) => ({
      operatorId: s.op.id,
      key: s.op.governingKey,
      label: `${s.op.label}, ${s.label} ${formatBytes(s.bytes)}: select ${s.op.governingKey}`,
    }),
    ctx,
  );

  g.append('g')
    .attr('class', 'totals')
    .selectAll('text')
    .data(ops)
    .join('text')
    .attr('class', 'bar-total')
    .attr('x', (_, i) => x(totals[i]!) + 4)
    .attr('y', (op) => y(indexOf(op))! + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('font-size', FONT_SIZE - 1)
    .text((_, i) => (totals[i]! > 0 ? formatBytes(totals[i]!) : ''));
}
