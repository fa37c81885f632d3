// Where the time goes, by operator class: time to first token and time per output token,
// this design above the baseline, stacked by class. The error bar spans the phase's bounds:
// every resource overlapped perfectly (lower) to nothing overlapped (upper) — the
// scaling book's max-vs-sum range, which brackets what a real schedule achieves. Under each
// bar, the total's 80 % prediction range (the report's, model/ranges) in the row's colour:
// the two designs' ranges on one axis, so whether they overlap is seen at a glance.

import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import type { DesignReport, Metric } from '../../model/report/types';
import type { OperatorClass, Phase } from '../../model/result';
import {
  below,
  caption,
  drawAxis,
  gridX,
  legend,
  panelTitle,
  timeAxis,
  type Container,
  type G,
  type RenderInput,
  type ViewContext,
} from '../charts';
import { ellipsize, FONT_SIZE, textWidth } from '../text';
import { CLASS_LABEL, CLASSES } from '../derive';
import { formatMs, formatPercent } from '../format';
import type { ChartData } from '../protocol';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { bindTooltip } from '../tooltip';
import { RANGE_LEGEND, RANGE_MEANING } from '../ranges';

/** The design's row can select operators (its chart data); the baseline's is numbers only. */
interface Row {
  name: string;
  /** The row's colour for its prediction range (this design's or the baseline's, as in the batch curve). */
  color: string;
  result?: ChartData;
  report: DesignReport;
  isBaseline: boolean;
}
interface Segment {
  row: Row;
  rowIndex: number;
  cls: OperatorClass | 'other';
  ms: number;
  text?: string;
  startMs: number;
  totalMs: number;
}

/** Each row: the design's name on its own line, then its bar, so long names need no truncation. */
const ROW = 36;
/** A row with a prediction range below its bar. */
const RANGED_ROW = 46;
const BAR = 14;
/** The range strip: its centre below the bar's top, and its thickness. */
const RANGE_Y = BAR + 8;
const RANGE_THICKNESS = 6;
const PHASES: readonly Phase[] = ['prefill', 'decode'];
const PHASE_TITLE: Record<Phase, string> = { prefill: 'Time to first token (prefill)', decode: 'Decode: time per output token' };

export function drawBreakdown(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const theme = ctx.theme;
  const report = input.view.report;
  if (!report.design) return 0;
  const rows: Row[] = [
    { name: input.view.name || 'This design', color: theme.design, result: input.result, report: report.design, isBaseline: false },
  ];
  if (report.baseline && input.showBaseline)
    rows.push({ name: report.baseline.name, color: theme.baseline, report: report.baseline.report, isBaseline: true });
  const rangedRows = rows.filter((r) => PHASES.some((p) => phaseMetrics(r, p)[0].range));

  const titleShift = panelTitle(g, 8, 16, 'Latency by operator class');
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `Stacked: time per operator class, all instances · error bar: the model's bounds, all resources overlapped to none${rangedRows.length ? ' · strip below: 80 % range from measured errors, can pass them' : ''}`,
    );
  g = below(g, shift);
  const classes = CLASSES.filter((c) => rows.some((r) => PHASES.some((p) => classShare(r, p, c) !== undefined)));
  const legendHeight = legend(
    g,
    [
      ...classes.map((c) => ({ label: CLASS_LABEL[c], color: theme.operatorClass[c] })),
      { label: 'Bounds (overlap … none)', color: theme.foreground, shape: 'line' as const },
      ...rangedRows.map((r) => ({
        label: `${RANGE_LEGEND}, ${r.isBaseline ? 'baseline' : 'this design'}`,
        color: r.color,
        shape: 'band' as const,
      })),
    ],
    8,
    42,
    width - 16,
    theme,
  );

  const side = width >= 760;
  const panelWidth = side ? (width - 16 - 24) / 2 : width - 16;
  const rowHeight = rangedRows.length ? RANGED_ROW : ROW;
  const panelHeight = 20 + rows.length * rowHeight + 40;
  let top = 42 + legendHeight + 14;
  PHASES.forEach((phase, i) => {
    const px = side ? 8 + i * (panelWidth + 24) : 8;
    const py = side ? top : top + i * (panelHeight + 12);
    drawPhasePanel(g, phase, rows, rowHeight, px, py, panelWidth, ctx);
  });
  const bottom = side ? top + panelHeight : top + 2 * panelHeight + 12;

  dataTable(
    tables,
    'Table: latency by operator class',
    [
      'Design',
      'Phase',
      ...classes.map((c) => CLASS_LABEL[c]),
      'Total',
      ...(rangedRows.length ? ['Total, 80 % range'] : []),
      'Lower bound',
      'Upper bound',
    ],
    rows.flatMap((r) =>
      PHASES.map((p) => {
        const [total, lower, upper] = phaseMetrics(r, p);
        return [
          r.name,
          p,
          ...classes.map((c) => classShare(r, p, c)?.text ?? '0 s'),
          total.text,
          ...(rangedRows.length ? [total.range?.text ?? '—'] : []),
          lower.text,
          upper.text,
        ];
      }),
    ),
  );
  top = bottom;
  return top + 8 + shift;
}

/** The phase's time and its bounds, as the report gives them (placeholders of 0 if a metric is missing). */
function phaseMetrics(row: Row, phase: Phase): [Metric, Metric, Metric] {
  const ids =
    phase === 'prefill' ? ['prefill.ms', 'prefill.lowerMs', 'prefill.upperMs'] : ['decode.msPerToken', 'decode.lowerMs', 'decode.upperMs'];
  return ids.map(
    (id) => row.report.metrics.find((m) => m.id === id) ?? { id, label: id, value: 0, unit: 'ms', text: '—', valid: false },
  ) as [Metric, Metric, Metric];
}

function phaseMs(row: Row, phase: Phase): [number, number, number] {
  return phaseMetrics(row, phase).map((m) => m.value) as [number, number, number];
}

function classShare(row: Row, phase: Phase, cls: OperatorClass) {
  return row.report.breakdowns[phase].byClass.find((s) => s.key === cls);
}

function drawPhasePanel(
  g: G,
  phase: Phase,
  rows: readonly Row[],
  rowHeight: number,
  px: number,
  py: number,
  width: number,
  ctx: ViewContext,
): void {
  const theme = ctx.theme;
  const panel = g.append('g').attr('class', `breakdown-panel breakdown-${phase}`).attr('transform', `translate(${px},${py})`);
  panel.append('text').attr('class', 'subtitle').attr('x', 0).attr('y', 10).text(PHASE_TITLE[phase]);

  const segments: Segment[] = rows.flatMap((row, rowIndex) => {
    const [totalMs] = phaseMs(row, phase);
    let start = 0;
    const parts: Segment[] = row.report.breakdowns[phase].byClass.map((share) => {
      const segment = {
        row,
        rowIndex,
        cls: share.key as OperatorClass,
        ms: share.value * 1e3,
        text: share.text,
        startMs: start,
        totalMs,
      } as Segment;
      start += segment.ms;
      return segment;
    });
    // Time the operators do not account for (e.g. a pipeline schedule's bubbles), if any.
    if (totalMs - start > totalMs * 0.005)
      parts.push({ row, rowIndex, cls: 'other', ms: totalMs - start, text: formatMs(totalMs - start), startMs: start, totalMs });
    return parts;
  });

  const maxMs = Math.max(...rows.map((r) => Math.max(...phaseMs(r, phase), phaseMetrics(r, phase)[0].range?.high ?? 0)), 1e-9);
  const valueRoom = 12;
  const x0 = 4;
  // Each range's label beside its strip: where a strip spans the plot so that neither side has
  // room (a wide decode range in a narrow panel), the axis runs on further until one has.
  const ranges = rows.flatMap((r) => phaseMetrics(r, phase)[0].range ?? []);
  const scaleTo = (domainMax: number) =>
    scaleLinear()
      .domain([0, domainMax])
      .nice(4)
      .range([x0, width - valueRoom]);
  let x = scaleTo(maxMs);
  for (let grow = 1.1; grow < 3 && ranges.some((r) => !rangeLabelAt(r, x)); grow += 0.1) x = scaleTo(maxMs * grow);
  if (ranges.some((r) => !rangeLabelAt(r, x))) x = scaleTo(maxMs);
  const top = 18;
  const bottom = top + rows.length * rowHeight;
  const barY = (i: number): number => top + i * rowHeight + 16;
  const ticks = x.ticks(Math.max(2, Math.floor((width - x0 - valueRoom) / 70)));
  const time = timeAxis(x.domain()[1]!);
  gridX(
    panel as unknown as G,
    ticks.map((t) => x(t)),
    top + 14,
    bottom,
  );
  drawAxis(
    panel as unknown as G,
    axisBottom(x)
      .tickValues(ticks)
      .tickFormat((d) => time.tick(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: bottom },
    `${time.unit === 's' ? 'Seconds' : 'Milliseconds'} per ${phase === 'prefill' ? 'prefill pass' : 'output token'}`,
    (x0 + width - valueRoom) / 2,
  );

  // Each row is titled with its name and total, so the number sits by the name and not at
  // the bar's end, where the error bar would make it read as a position on the axis.
  const titles = rows.map((row) => {
    const [total, lower, upper] = phaseMetrics(row, phase);
    const name = row.isBaseline ? `${row.name} (baseline):` : `${row.name}:`;
    const totalText = ` ${total.text}`;
    const boundsText = `  (${lower.text} … ${upper.text})`;
    const nameRoom = width - x0 - textWidth(totalText, FONT_SIZE, 'ui-bold') - 8;
    return { name, totalText, boundsText, nameRoom, fits: textWidth(name) + textWidth(boundsText, FONT_SIZE - 1) <= nameRoom };
  });
  // The name whole before the bounds: they give way first (the error bar draws them, its tooltip
  // says them), the name last; for every row or none, so that the rows compare (a workbench
  // review: a narrow pane kept the baseline's bounds and dropped this design's longer-named row's).
  const withBounds = titles.every((t) => t.fits);
  rows.forEach((_, i) => {
    const { name, totalText, boundsText, nameRoom } = titles[i]!;
    const shownName = ellipsize(name, nameRoom);
    const label = panel
      .append('text')
      .attr('class', 'row-label')
      .attr('x', x0)
      .attr('y', barY(i) - 4);
    label.append('tspan').text(shownName);
    label.append('tspan').attr('class', 'row-total').text(totalText);
    if (withBounds)
      label
        .append('tspan')
        .attr('class', 'row-bounds')
        .attr('font-size', FONT_SIZE - 1)
        .text(boundsText);
    else label.append('title').text(`${name}${totalText}${boundsText}`);
  });

  const bars = panel
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(segments)
    .join('rect')
    .attr('class', 'bar class-bar')
    .attr('data-class', (s) => s.cls)
    .attr('data-row', (s) => (s.row.isBaseline ? 'baseline' : 'design'))
    .attr('x', (s) => x(s.startMs))
    .attr('width', (s) => Math.max(0.5, x(s.startMs + s.ms) - x(s.startMs)))
    .attr('y', (s) => barY(s.rowIndex))
    .attr('height', BAR)
    .attr('fill', (s) => (s.cls === 'other' ? theme.muted : theme.operatorClass[s.cls]))
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  bindTooltip(bars, (s) => ({
    title: `${s.row.name}: ${s.cls === 'other' ? 'Not attributed to an operator' : CLASS_LABEL[s.cls]}`,
    rows: [
      ['Time', s.text ?? ''],
      ['Share of the phase', formatPercent(s.ms / s.totalMs)],
    ],
    note: s.row.isBaseline ? undefined : 'Click to select the operator of this class that takes longest.',
  }));
  // A class bar selects the key governing the slowest operator of that class in this design.
  bindSelect(
    bars,
    (s) => {
      if (!s.row.result || s.cls === 'other') return undefined;
      const ops = s.row.result.phases[phase].operators.filter((op) => op.class === s.cls);
      if (!ops.length) return undefined;
      const slowest = ops.reduce((a, b) => (b.time.total * b.count > a.time.total * a.count ? b : a), ops[0]!);
      return {
        operatorId: slowest.id,
        key: slowest.governingKey,
        label: `${CLASS_LABEL[s.cls]} ${s.text ?? ''}: select ${slowest.governingKey}`,
      };
    },
    ctx,
  );

  rows.forEach((row, i) => {
    const [totalMetric, lowerMetric, upperMetric] = phaseMetrics(row, phase);
    const [lower, upper] = [lowerMetric.value, upperMetric.value];
    const cy = barY(i) + BAR / 2;
    const errorBar = panel.append('g').attr('class', 'error-bar');
    errorBar.append('line').attr('x1', x(lower)).attr('x2', x(upper)).attr('y1', cy).attr('y2', cy);
    for (const v of [lower, upper])
      errorBar
        .append('line')
        .attr('x1', x(v))
        .attr('x2', x(v))
        .attr('y1', cy - 6)
        .attr('y2', cy + 6);
    errorBar
      .append('rect')
      .attr('x', x(lower))
      .attr('y', cy - 7)
      .attr('width', Math.max(4, x(upper) - x(lower)))
      .attr('height', 14)
      .attr('fill', 'transparent');
    bindTooltip(errorBar, () => ({
      title: `${row.name}: ${PHASE_TITLE[phase]}`,
      rows: [
        ['Modelled', totalMetric.text],
        ...(totalMetric.range ? [['80 % prediction range', totalMetric.range.text] as [string, string]] : []),
        ['Lower bound (perfect overlap)', lowerMetric.text],
        ['Upper bound (no overlap)', upperMetric.text],
      ],
    }));
  });

  rows.forEach((row, i) => {
    const total = phaseMetrics(row, phase)[0];
    if (total.range) drawRangeStrip(panel as unknown as G, row, total, barY(i) + RANGE_Y, x, phase, ctx);
  });
}

/** Where a range strip's label goes: after the strip if it fits before the panel's edge, else before it, else nowhere. */
function rangeLabelAt(
  range: { low: number; high: number; text: string },
  x: ScaleLinear<number, number>,
): { x: number; anchor: 'start' | 'end'; label: string } | undefined {
  const label = `80 %: ${range.text}`;
  const labelWidth = textWidth(label, FONT_SIZE - 1);
  const [xMin, xMax] = x.range() as [number, number];
  const [x0, x1] = [x(range.low), x(range.high)];
  if (x1 + 6 + labelWidth <= xMax + 12) return { x: x1 + 6, anchor: 'start', label };
  if (x0 - 6 - labelWidth >= xMin) return { x: x0 - 6, anchor: 'end', label };
  return undefined;
}

/**
 * The total's 80 % prediction range as a strip under the bar, in the row's colour, with a
 * tick at the modelled value; the report's numbers ride along as data attributes.
 */
function drawRangeStrip(g: G, row: Row, total: Metric, cy: number, x: ScaleLinear<number, number>, phase: Phase, ctx: ViewContext): void {
  const range = total.range!;
  const [x0, x1] = [x(range.low), x(range.high)];
  const strip = g
    .append('g')
    .attr('class', 'range-strip')
    .attr('data-row', row.isBaseline ? 'baseline' : 'design')
    .attr('data-value', total.value)
    .attr('data-low', range.low)
    .attr('data-high', range.high);
  strip
    .append('rect')
    .attr('class', 'range-strip-fill')
    .attr('x', x0)
    .attr('y', cy - RANGE_THICKNESS / 2)
    .attr('width', Math.max(1, x1 - x0))
    .attr('height', RANGE_THICKNESS)
    .attr('fill', row.color)
    .attr('fill-opacity', ctx.theme.rangeOpacity + 0.15)
    .attr('stroke', row.color)
    .attr('stroke-width', 1);
  // Caps at the ends and a tick at the modelled value, so an asymmetric range reads as one.
  const mark = (at: number, half: number, cls: string) =>
    strip
      .append('line')
      .attr('class', cls)
      .attr('x1', at)
      .attr('x2', at)
      .attr('y1', cy - half)
      .attr('y2', cy + half)
      .attr('stroke', cls === 'range-strip-value' ? ctx.theme.foreground : row.color)
      .attr('stroke-width', 1.5);
  mark(x0, 5, 'range-strip-cap');
  mark(x1, 5, 'range-strip-cap');
  mark(x(total.value), 5, 'range-strip-value');
  // The range in words beside the strip, on whichever side has room (always in the tooltip and table).
  const at = rangeLabelAt(range, x);
  if (at)
    strip
      .append('text')
      .attr('class', 'row-bounds range-strip-label')
      .attr('x', at.x)
      .attr('y', cy + 3.5)
      .attr('text-anchor', at.anchor)
      .attr('font-size', FONT_SIZE - 1)
      .text(at.label);
  // A hit area a pointer can find on a 6 px strip.
  strip
    .append('rect')
    .attr('x', x0 - 3)
    .attr('y', cy - 7)
    .attr('width', Math.max(6, x1 - x0 + 6))
    .attr('height', 14)
    .attr('fill', 'transparent');
  bindTooltip(strip, () => ({
    title: `${row.name}: ${PHASE_TITLE[phase]}`,
    rows: [
      ['Modelled', total.text],
      ['80 % prediction range', range.text],
    ],
    note: `${RANGE_MEANING}.`,
  }));
}
