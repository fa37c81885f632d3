// Off-chip bandwidth in use across one pass: operators in execution order along time
// (each operator's instances across all layers grouped into one span, so span width is its
// share of the pass), height the bandwidth it draws as a fraction of peak, one strip per
// off-chip memory level the pass reads (HBM, then host memory, ...). Gaps between the
// memory-bound spans are the time that level sits idle.

import { scaleLinear } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { mainMemoryLevel, type MemoryLevelSummary, type OperatorResult, type PhaseResult } from '../../model/result';
import {
  below,
  caption,
  drawAxis,
  gridY,
  legend,
  panelTitle,
  timeAxis,
  type Container,
  type G,
  type RenderInput,
  type ViewContext,
} from '../charts';
import { FONT_SIZE, textWidth } from '../text';
import { LabelPlacer } from '../labels';
import { textOn } from '../theme';
import { BOTTLENECK_LABEL, BOTTLENECKS, levelBytesPerSecond, passSeconds, PHASE_LABEL } from '../derive';
import { formatBandwidth, formatBytes, formatPercent, formatSeconds } from '../format';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { bindTooltip } from '../tooltip';

const MARGIN = { left: 60, right: 16, bottom: 46 };
const STRIP = 5;

interface Span {
  op: OperatorResult;
  start: number;
  seconds: number;
}
interface LevelSpan extends Span {
  fraction: number;
}

const PLOT_HEIGHT = 170;
/** Per level when several levels share the panel. */
const STRIP_PLOT_HEIGHT = 120;
const PLOT_GAP = 40;

export function drawTimeline(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const { result, phase: phaseId } = input;
  const theme = ctx.theme;
  const phase = result.phases[phaseId];
  let clock = 0;
  const spans: Span[] = phase.operators.map((op) => {
    const span = { op, start: clock, seconds: passSeconds(op) };
    clock += span.seconds;
    return span;
  });
  const total = Math.max(clock, 1e-12);
  const layers = Math.max(1, ...phase.operators.map((op) => op.count));
  // The chip's memory always; further storage levels when this pass reads them: off chip, or on
  // chip for a chip with no off-chip memory (SRAM only), whose on-chip levels store the data.
  const onChipStorage = mainMemoryLevel(result.chip.memoryLevels)?.onChip === true;
  const levels = result.chip.memoryLevels.filter((l) => l.main || ((!l.onChip || onChipStorage) && (phase.levelBytes[l.id] ?? 0) > 0));
  const single = levels.length === 1;

  const titleY = 16;
  const onChipOnly = levels.every((l) => l.onChip);
  const titleShift = panelTitle(
    g,
    8,
    titleY,
    `${onChipOnly ? levels[0]!.label : 'Off-chip'} bandwidth in use across one ${PHASE_LABEL[phaseId]}`,
  );
  const shift =
    titleShift +
    caption(
      g,
      8,
      titleY + 16 + titleShift,
      `Span width = time of the operator’s ${layers} instances together · height = bandwidth drawn, as a share of ${single ? `the ${formatBandwidth(levels[0]!.bandwidthBytesPerSecond)} peak` : 'each level’s peak'}`,
    );
  g = below(g, shift);
  const legendHeight = legend(
    g,
    [
      ...BOTTLENECKS.filter((b) => spans.some((s) => s.op.bottleneck === b)).map((b) => ({
        label: BOTTLENECK_LABEL[b],
        color: theme.bottleneck[b],
      })),
      { label: 'Mean', color: theme.foreground, shape: 'dashed' as const },
    ],
    8,
    42,
    width - 16,
    theme,
  );

  let top = 42 + legendHeight + 10;
  let y0 = top;
  for (const level of levels) {
    if (!single) {
      top += 14;
      g.append('text')
        .attr('class', 'panel-subtitle lane-title')
        .attr('data-level', level.id)
        .attr('x', MARGIN.left)
        .attr('y', top - 6)
        .text(`${level.label} · ${formatBandwidth(level.bandwidthBytesPerSecond)} peak`);
    }
    y0 = drawLevelPlot(g, input, ctx, width, tables, level, phase, spans, total, top, single ? PLOT_HEIGHT : STRIP_PLOT_HEIGHT);
    top = y0 + PLOT_GAP;
  }
  return y0 + MARGIN.bottom + shift;
}

function drawLevelPlot(
  g: G,
  input: RenderInput,
  ctx: ViewContext,
  width: number,
  tables: Container,
  level: MemoryLevelSummary,
  phase: PhaseResult,
  allSpans: readonly Span[],
  total: number,
  top: number,
  plotHeight: number,
): number {
  const theme = ctx.theme;
  const phaseId = input.phase;
  const peak = level.bandwidthBytesPerSecond;
  const spans: LevelSpan[] = allSpans.map((s) => ({ ...s, fraction: peak > 0 ? levelBytesPerSecond(s.op, level.id) / peak : 0 }));
  const mean = phase.seconds > 0 && peak > 0 ? (phase.levelBytes[level.id] ?? 0) / phase.seconds / peak : 0;
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = top + plotHeight;
  const x = scaleLinear()
    .domain([0, total * 1e3])
    .range([x0, x1]);
  const time = timeAxis(total * 1e3);
  const yMax = Math.max(1, ...spans.map((s) => s.fraction)) * 1.08;
  const y = scaleLinear().domain([0, yMax]).range([y0, top]);
  const yTicks = y.ticks(plotHeight < PLOT_HEIGHT ? 3 : 5);
  const plot = g.append('g').attr('class', 'level-plot').attr('data-level', level.id) as unknown as G;

  gridY(
    plot,
    yTicks.map((t) => y(t)),
    x0,
    x1,
  );
  drawAxis(
    plot,
    axisBottom(x)
      .ticks(Math.max(3, Math.floor((x1 - x0) / 90)))
      .tickFormat((d) => time.tick(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    `Time in one ${PHASE_LABEL[phaseId]} (${time.unit})`,
    (x0 + x1) / 2,
  );
  drawAxis(
    plot,
    axisLeft(y)
      .tickValues(yTicks)
      .tickFormat((d) => formatPercent(Number(d)))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    'Share of peak bandwidth',
    (top + y0) / 2,
  );

  const bars = plot
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(spans)
    .join('rect')
    .attr('class', 'bar span op-mark')
    .attr('data-op', (s) => s.op.id)
    .attr('x', (s) => x(s.start * 1e3))
    .attr('width', (s) => Math.max(0.75, x((s.start + s.seconds) * 1e3) - x(s.start * 1e3)))
    .attr('y', (s) => y(s.fraction))
    .attr('height', (s) => y0 - y(s.fraction))
    .attr('fill', (s) => theme.bottleneck[s.op.bottleneck])
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  // A strip along the time axis shows every operator, including those that draw no
  // bandwidth at all (collectives), so a gap in the bars reads as "busy elsewhere".
  plot
    .append('g')
    .attr('class', 'strip')
    .selectAll('rect')
    .data(spans)
    .join('rect')
    .attr('class', 'strip-span')
    .attr('x', (s) => x(s.start * 1e3))
    .attr('width', (s) => Math.max(0.75, x((s.start + s.seconds) * 1e3) - x(s.start * 1e3)))
    .attr('y', y0 - STRIP)
    .attr('height', STRIP)
    .attr('fill', (s) => theme.bottleneck[s.op.bottleneck])
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  // A span drawing no bandwidth still needs something to hover: a transparent full-height target.
  const targets = plot
    .append('g')
    .attr('class', 'hover-targets')
    .selectAll('rect')
    .data(spans)
    .join('rect')
    .attr('class', 'hover-target')
    .attr('x', (s) => x(s.start * 1e3))
    .attr('width', (s) => Math.max(1, x((s.start + s.seconds) * 1e3) - x(s.start * 1e3)))
    .attr('y', top)
    .attr('height', y0 - top)
    .attr('fill', 'transparent');
  const tooltip = (s: LevelSpan) => ({
    title: s.op.label,
    rows: [
      [`${level.label} bandwidth drawn`, `${formatBandwidth(levelBytesPerSecond(s.op, level.id))} (${formatPercent(s.fraction)} of peak)`],
      ['Time, all instances', formatSeconds(s.seconds)],
      [`${level.label} bytes per instance`, formatBytes(s.op.levelBytes[level.id] ?? 0)],
      ['Bottleneck', BOTTLENECK_LABEL[s.op.bottleneck]],
    ] as Array<[string, string]>,
    note: `Click to select ${s.op.governingKey} in the editor.`,
  });
  bindTooltip(bars, tooltip);
  bindTooltip(targets, tooltip);
  bindSelect(targets, (s) => ({ operatorId: s.op.id, key: s.op.governingKey, label: `${s.op.label}: select ${s.op.governingKey}` }), ctx);
  bars.classed('selected', (s) => s.op.id === ctx.selectedOperatorId);

  plot.append('line').attr('class', 'reference peak').attr('x1', x0).attr('x2', x1).attr('y1', y(1)).attr('y2', y(1));
  plot.append('line').attr('class', 'reference mean').attr('x1', x0).attr('x2', x1).attr('y1', y(mean)).attr('y2', y(mean));
  const labels = new LabelPlacer({ x: x0, y: top - 14, width: x1 - x0, height: y0 - top + 14 });
  const peakText = `peak ${formatBandwidth(peak)} · mean ${formatPercent(mean)}`;
  const peakBox = labels.place([
    { x: x1 - textWidth(peakText, FONT_SIZE - 1) - 2, y: y(1) - 14, width: textWidth(peakText, FONT_SIZE - 1), height: 12 },
  ]);
  if (peakBox)
    plot
      .append('text')
      .attr('class', 'caption halo')
      .attr('x', peakBox.x)
      .attr('y', peakBox.y + 10)
      .text(peakText);

  // Names of the spans wide enough to hold them: inside a tall bar, else just above it.
  const nameG = plot.append('g').attr('class', 'labels');
  for (const s of spans) {
    const left = x(s.start * 1e3);
    const w = x((s.start + s.seconds) * 1e3) - left;
    const tw = textWidth(s.op.label, FONT_SIZE - 1);
    if (tw + 6 > w) continue;
    const barTop = Math.min(y(s.fraction), y0 - STRIP);
    const inside = y0 - barTop >= 18;
    const label = nameG
      .append('text')
      .attr('class', inside ? 'span-label' : 'span-label halo')
      .attr('x', left + w / 2)
      .attr('y', inside ? y0 - STRIP - 5 : barTop - 4)
      .attr('text-anchor', 'middle')
      .text(s.op.label);
    if (inside) label.attr('fill', textOn(theme.bottleneck[s.op.bottleneck]));
  }

  dataTable(
    tables,
    `Table: ${level.label} bandwidth across one ${PHASE_LABEL[phaseId]}`,
    ['Operator', 'Start', 'Time, all instances', 'Bandwidth drawn', 'Share of peak'],
    spans.map((s) => [
      s.op.label,
      formatSeconds(s.start),
      formatSeconds(s.seconds),
      formatBandwidth(levelBytesPerSecond(s.op, level.id)),
      formatPercent(s.fraction),
    ]),
  );
  return y0;
}
