// Decode latency and throughput against batch size, this design and the baseline: the
// trade-off a deployment picks a point on. Points whose weights and KV cache do not fit in
// memory are hollow and the range where this design does not fit is shaded; the current
// batch is marked. Each curve sits in its 80 % prediction band (the report's range of that
// metric at each batch), so where the two designs' bands overlap the model cannot tell them
// apart.

import { select } from 'd3-selection';
import { scaleLinear, scaleLog } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { line } from 'd3-shape';
import type { BatchPointReport } from '../../model/report/batchCurve';
import {
  below,
  caption,
  drawAxis,
  gridY,
  legend,
  panelTitle,
  type Container,
  type G,
  type LegendItem,
  type RenderInput,
  type ViewContext,
} from '../charts';
import { FONT_SIZE, textWidth } from '../text';
import { LabelPlacer } from '../labels';
import { formatCount, significant, siTick } from '../format';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { bindTooltip } from '../tooltip';
import { drawRangeBand, RANGE_LEGEND, RANGE_MEANING, rangeRows } from '../ranges';

interface Series {
  id: 'design' | 'baseline';
  name: string;
  points: BatchPointReport[];
  color: string;
  dashed: boolean;
}
type Metric = 'decode' | 'throughput';

const MARGIN = { left: 60, right: 14, bottom: 46 };
const PLOT_HEIGHT = 200;

export function drawBatch(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const theme = ctx.theme;
  const curve = input.view.batchCurve;
  const series: Series[] = [
    { id: 'design', name: input.view.name || 'This design', points: curve.design, color: theme.design, dashed: false },
  ];
  if (input.showBaseline && input.view.report.baseline && curve.baseline.length) {
    series.push({ id: 'baseline', name: input.view.report.baseline.name, points: curve.baseline, color: theme.baseline, dashed: true });
  }
  const current = input.result.phases.decode.tokens;
  const ranged = series.some((s) => s.points.some((p) => p.decode.range || p.throughput.range));

  const titleShift = panelTitle(g, 8, 16, 'Latency and throughput against batch size');
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `Sequences decoded together; current batch ${formatCount(current)}${ranged ? ' · bands: 80 % prediction ranges' : ''}${curve.design.some((p) => !p.fits) || curve.baseline.some((p) => !p.fits) ? ' · hollow points do not fit in memory' : ''}`,
    );
  g = below(g, shift);
  const legendHeight = legend(
    g,
    [
      ...series.map((s) => ({ label: s.name, color: s.color, shape: (s.dashed ? 'dashed' : 'line') as 'dashed' | 'line' })),
      ...bandItems(series.filter((s) => s.points.some((p) => p.decode.range || p.throughput.range))),
      ...(series.some((s) => s.points.some((p) => !p.fits))
        ? [{ label: 'Does not fit in memory', color: theme.muted, shape: 'hollow' as const }]
        : []),
    ],
    8,
    42,
    width - 16,
    theme,
  );
  if (!curve.design.length) {
    caption(g, 8, 42 + legendHeight + 14, 'No batch sweep in this evaluation.');
    return 42 + legendHeight + 24 + shift;
  }

  const side = width >= 700;
  const chartWidth = side ? (width - 24) / 2 : width;
  const top = 42 + legendHeight + 12;
  const charts: Array<[Metric, string, string]> = [
    ['decode', 'Decode time per output token (ms)', 'Decode latency'],
    ['throughput', 'Output tokens/s, whole system', 'Throughput'],
  ];
  charts.forEach(([metric, yTitle, title], i) => {
    const cg = g
      .append('g')
      .attr('class', `batch-chart batch-${metric}`)
      .attr(
        'transform',
        `translate(${side ? i * (chartWidth + 24) : 0},${side ? top : top + i * (PLOT_HEIGHT + MARGIN.bottom + 30)})`,
      ) as unknown as G;
    drawCurveChart(cg, series, metric, yTitle, title, current, chartWidth, ctx);
  });
  const bottom = side ? top + 18 + PLOT_HEIGHT + MARGIN.bottom : top + 2 * (PLOT_HEIGHT + MARGIN.bottom + 30) - 30 + 18;

  // Each metric's 80 % range in a column beside it, where the report gives ranges.
  type Column = [string, (p: BatchPointReport) => string];
  const columnsOf = (label: string, key: 'decode' | 'prefill' | 'throughput'): Column[] => [
    [label, (p) => p[key].text],
    ...(ranged ? [[`${label}, 80 % range`, (p: BatchPointReport) => p[key].range?.text ?? '—'] satisfies Column] : []),
  ];
  const columns = [
    ...columnsOf('Decode per token', 'decode'),
    ...columnsOf('Time to first token', 'prefill'),
    ...columnsOf('Throughput', 'throughput'),
  ];
  dataTable(
    tables,
    'Table: latency and throughput against batch size',
    ['Design', 'Batch', ...columns.map(([h]) => h), 'Fits in memory'],
    series.flatMap((s) => s.points.map((p) => [s.name, String(p.batch), ...columns.map(([, cell]) => cell(p)), p.fits ? 'yes' : 'no'])),
  );
  return bottom + shift;
}

function drawCurveChart(
  g: G,
  series: readonly Series[],
  metric: Metric,
  yTitle: string,
  title: string,
  current: number,
  width: number,
  ctx: ViewContext,
): void {
  const theme = ctx.theme;
  const all = series.flatMap((s) => s.points);
  const batches = [...new Set(all.map((p) => p.batch))].sort((a, b) => a - b);
  // The axis holds every point and the bands drawn (those of the fitting points).
  const tallest = Math.max(...all.map((p) => (p.fits ? (p[metric].range?.high ?? p[metric].value) : p[metric].value)), 1e-9);
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const top = 18;
  const y0 = top + PLOT_HEIGHT;
  const x = scaleLog()
    .base(2)
    .domain([batches[0]!, Math.max(batches[batches.length - 1]!, batches[0]! * 2)])
    .range([x0, x1]);
  const y = scaleLinear()
    .domain([0, tallest * 1.08])
    .nice(5)
    .range([y0, top]);

  g.append('text').attr('class', 'subtitle').attr('x', x0).attr('y', 10).text(title);
  // Label every batch that has room: 1, 2, 4 ... crowd at the left of a narrow chart, and the
  // config's own batch can sit a third of an octave from a power of two ("128160": a review).
  // Greedy by the labels' own widths, in order; the current batch has its own label in the plot.
  const xTicks: number[] = [];
  let right = -Infinity;
  for (const b of batches) {
    const half = textWidth(siTick(b), FONT_SIZE - 1) / 2;
    if (x(b) - half < right + 6) continue;
    xTicks.push(b);
    right = x(b) + half;
  }
  gridY(
    g,
    y.ticks(5).map((t) => y(t)),
    x0,
    x1,
  );
  drawAxis(
    g,
    axisBottom(x)
      .tickValues(xTicks)
      .tickFormat((d) => siTick(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    'Batch size (log scale)',
    (x0 + x1) / 2,
  );
  drawAxis(
    g,
    axisLeft(y)
      .ticks(5)
      .tickFormat((d) => (metric === 'throughput' ? siTick(Number(d)) : significant(Number(d))))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    yTitle,
    (top + y0) / 2,
  );

  // Shade where this design does not fit: from halfway (geometrically) past its last fitting point.
  const design = series[0]!.points;
  const firstMiss = design.find((p) => !p.fits);
  if (firstMiss) {
    const lastFit = [...design].reverse().find((p) => p.fits && p.batch < firstMiss.batch);
    const from = lastFit ? Math.sqrt(lastFit.batch * firstMiss.batch) : x.domain()[0]!;
    g.append('rect')
      .attr('class', 'no-fit-region')
      .attr('x', x(from))
      .attr('y', top)
      .attr('width', x1 - x(from))
      .attr('height', y0 - top);
    g.append('text')
      .attr('class', 'caption')
      .attr('x', x1 - 4)
      .attr('y', top + 12)
      .attr('text-anchor', 'end')
      .text('exceeds memory');
  }

  g.append('line').attr('class', 'current-batch').attr('x1', x(current)).attr('x2', x(current)).attr('y1', top).attr('y2', y0);
  const currentText = `batch ${formatCount(current)}`;
  const cw = textWidth(currentText, FONT_SIZE - 1);
  const labels = new LabelPlacer({ x: x0, y: top, width: x1 - x0, height: y0 - top });
  const box = labels.place([
    { x: x(current) + 4, y: top + 16, width: cw, height: 12 },
    { x: x(current) - 4 - cw, y: top + 16, width: cw, height: 12 },
  ]);
  if (box)
    g.append('text')
      .attr('class', 'caption halo')
      .attr('x', box.x)
      .attr('y', box.y + 10)
      .text(currentText);

  // Bands under every curve: the two designs' bands overlap visibly, and no band hides a line.
  for (const s of [...series].reverse())
    drawRangeBand(
      g,
      s.points.filter((p) => p.fits).map((p) => ({ x: x(p.batch), metric: p[metric] })),
      y,
      s.color,
      theme,
      `range-band-${s.id}`,
    );
  // The baseline first, so this design's points (the clickable ones) stay on top.
  for (const s of [...series].reverse()) {
    const path = line<BatchPointReport>()
      .x((p) => x(p.batch))
      .y((p) => y(p[metric].value));
    const fitting = s.points.filter((p) => p.fits);
    g.append('path')
      .attr('class', `curve curve-${s.id}`)
      .attr('d', path(fitting))
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', s.dashed ? '6 3' : null);
    // Continue the curve faintly through the points that do not fit, for shape.
    const lastFit = fitting[fitting.length - 1];
    const beyond = s.points.filter((p) => !p.fits && (!lastFit || p.batch > lastFit.batch));
    if (beyond.length && lastFit) {
      g.append('path')
        .attr('class', `curve curve-${s.id} no-fit`)
        .attr('d', path([lastFit, ...beyond]))
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', 1.25)
        .attr('stroke-dasharray', '2 3');
    }
    const points = g
      .append('g')
      .attr('class', `batch-points batch-points-${s.id}`)
      .selectAll('circle')
      .data(s.points)
      .join('circle')
      .attr('class', (p) => `batch-point${p.fits ? '' : ' no-fit'}${p.batch === current && s.id === 'design' ? ' current' : ''}`)
      .attr('cx', (p) => x(p.batch))
      .attr('cy', (p) => y(p[metric].value))
      .attr('r', (p) => (p.batch === current && s.id === 'design' ? 5.5 : 3.5))
      .attr('fill', (p) => (p.fits ? s.color : theme.background))
      .attr('stroke', (p) => (p.fits ? theme.markOutline : s.color))
      .attr('stroke-width', (p) => (p.fits ? theme.markOutlineWidth : 1.5));
    points.each(function (p) {
      if (p.batch === current && s.id === 'design') select(this).attr('stroke', theme.foreground).attr('stroke-width', 2);
    });
    bindTooltip(points, (p) => ({
      title: `${s.name}, batch ${formatCount(p.batch)}`,
      rows: [
        ...rangeRows('Decode', p.decode, ' per token'),
        ...rangeRows('Time to first token', p.prefill),
        ...rangeRows('Throughput', p.throughput),
        ['Fits in memory', p.fits ? 'yes' : 'no'],
      ],
      note:
        [p.decode.range ? `${RANGE_MEANING}.` : '', s.id === 'design' ? 'Click to select workload.batch in the editor.' : '']
          .filter(Boolean)
          .join(' ') || undefined,
    }));
    if (s.id === 'design') bindSelect(points, (p) => ({ key: 'workload.batch', label: `Batch ${p.batch}: select workload.batch` }), ctx);
  }
}

/** A band swatch per ranged series and, when two are drawn, the colour where they overlap. */
function bandItems(ranged: readonly { id: string; color: string }[]): LegendItem[] {
  const items: LegendItem[] = ranged.map((s) => ({
    label: `${RANGE_LEGEND}, ${s.id === 'design' ? 'this design' : 'baseline'}`,
    color: s.color,
    shape: 'band',
  }));
  if (ranged.length === 2) items.push({ label: 'both ranges', color: ranged[0]!.color, over: ranged[1]!.color, shape: 'band' });
  return items;
}
