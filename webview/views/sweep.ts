// A sweep of one config key: the headline results at each value, as small multiples that
// share the x axis (the values in the order swept). Values that did not evaluate are
// marked on the axis rather than dropped, so a gap reads as "no result" and not as a trend.
// Each line sits in its 80 % prediction band where the report gives the metric a range.

import { scalePoint, scaleLinear } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { line } from 'd3-shape';
import type { Metric as ReportMetric } from '../../model/report/types';
import { below, caption, drawAxis, gridY, panelTitle, type Container, type G, type ViewContext } from '../charts';
import { ellipsize, FONT_SIZE, textWidth } from '../text';
import { tickLabels } from '../axisDomain';
import { significant, siTick } from '../format';
import { bindSelect } from '../interaction';
import type { SweepPointView } from '../protocol';
import { dataTable } from '../table';
import { bindTooltip } from '../tooltip';
import { drawRangeBand, RANGE_MEANING, withRange } from '../ranges';

export interface SweepInput {
  path: string;
  points: SweepPointView[];
  /** The point at the config's own value, marked as the batch charts mark the current batch. */
  current?: number;
  /** Run on an earlier text of the config: drawn faded, with a caption that says so. */
  stale?: boolean;
}

/** A report metric drawn against the swept values; its numbers and texts are the report's. */
interface Metric {
  id: string;
  title: string;
  axis: string;
}

const METRICS: readonly Metric[] = [
  { id: 'decode.msPerToken', title: 'Decode latency', axis: 'ms per output token' },
  { id: 'prefill.ms', title: 'Time to first token', axis: 'ms to the first token' },
  { id: 'throughput.outputTokensPerSecond', title: 'Throughput', axis: 'output tokens/s' },
  { id: 'cost.usdPerMillionOutputTokens', title: 'Cost', axis: '$ per 1M output tokens' },
];

const metricAt = (p: SweepPointView, m: Metric): ReportMetric | undefined => p.metrics?.find((x) => x.id === m.id);
const textAt = (p: SweepPointView, m: Metric): string => metricAt(p, m)?.text ?? '—';
const hasRange = (sweep: SweepInput, m: Metric): boolean => sweep.points.some((p) => metricAt(p, m)?.range);

const CHART_HEIGHT = 150;
const MARGIN = { left: 58, right: 12, bottom: 44 };

/** Said of a sweep run on other inputs than the numbers shown (ViewModel.revision). */
const STALE = 'of an earlier version of the config: run the sweep again (Jalapeño: Sweep Parameter…)';

export function drawSweep(g: G, sweep: SweepInput, ctx: ViewContext, width: number, tables: Container): number {
  if (!sweep.points.length) return 0;
  const titleShift = panelTitle(g, 8, 16, `Sweep of ${sweep.path}`);
  const failed = sweep.points.filter((p) => !p.metrics).length;
  const ranged = METRICS.filter((m) => hasRange(sweep, m));
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `${sweep.stale ? `${STALE} · ` : ''}${sweep.points.length} values in the order swept${ranged.length ? ' · bands: 80 % prediction ranges' : ''}${failed ? ` · ${failed} did not evaluate (marked ✕)` : ''}`,
    );
  g = below(g, shift);
  // Faded, not removed: the shape is still a guide, but its numbers are not this config's (a
  // review). In a group of its own: `below` can hand back the caller's group, whose class stays.
  if (sweep.stale) g = g.append('g').attr('class', 'stale').attr('opacity', 0.4) as unknown as G;

  const columns = width >= 900 ? 4 : width >= 560 ? 2 : 1;
  const chartWidth = (width - 8) / columns;
  const top = 44;
  METRICS.forEach((metric, i) => {
    const cg = g
      .append('g')
      .attr('class', 'sweep-chart')
      .attr(
        'transform',
        `translate(${(i % columns) * chartWidth},${top + Math.floor(i / columns) * (CHART_HEIGHT + MARGIN.bottom + 24)})`,
      ) as unknown as G;
    drawMetric(cg, sweep, metric, chartWidth, ctx);
  });
  const rows = Math.ceil(METRICS.length / columns);

  dataTable(
    tables,
    `Table: sweep of ${sweep.path}${sweep.stale ? ` (${STALE})` : ''}`,
    ['Value', ...METRICS.flatMap((m) => [`${m.title} (${m.axis})`, ...(ranged.includes(m) ? [`${m.title}, 80 % range`] : [])]), 'Errors'],
    sweep.points.map((p) => [
      p.value,
      ...METRICS.flatMap((m) => [textAt(p, m), ...(ranged.includes(m) ? [metricAt(p, m)?.range?.text ?? '—'] : [])]),
      String(p.errors),
    ]),
  );
  return top + rows * (CHART_HEIGHT + MARGIN.bottom + 24) - 24 + shift;
}

function drawMetric(g: G, sweep: SweepInput, metric: Metric, width: number, ctx: ViewContext): void {
  const theme = ctx.theme;
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const top = 18;
  const y0 = top + CHART_HEIGHT;
  const x = scalePoint<number>()
    .domain(sweep.points.map((_, i) => i))
    .range([x0, x1])
    .padding(0.4);
  const values = sweep.points.map((p) => metricAt(p, metric)?.value);
  // The axis holds the bands too.
  const highs = sweep.points.map((p) => metricAt(p, metric)?.range?.high ?? metricAt(p, metric)?.value);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...highs.filter((v): v is number => v !== undefined)) * 1.1])
    .nice(4)
    .range([y0, top]);

  g.append('text').attr('class', 'subtitle').attr('x', x0).attr('y', 10).text(metric.title);
  gridY(
    g,
    y.ticks(4).map((t) => y(t)),
    x0,
    x1,
  );
  // Values sharing a unit (`3.28 TB/s`, `4 TB/s`) are labelled by their numbers, the unit in the
  // axis title: four bandwidths in a 180-pixel chart showed two labels (a new user could not tell
  // which value failed). Every value's label when they fit, else every n-th.
  const { labels, unit } = tickLabels(sweep.points.map((p) => p.value));
  const pitch = (x1 - x0) / Math.max(1, sweep.points.length);
  const widest = Math.max(...labels.map((l) => textWidth(l, FONT_SIZE - 1)));
  const every = Math.max(1, Math.ceil((Math.min(widest, 54) + 6) / Math.max(1, pitch)));
  drawAxis(
    g,
    axisBottom(x)
      .tickValues(sweep.points.map((_, i) => i).filter((i) => i % every === 0))
      .tickFormat((i) => ellipsize(labels[Number(i)]!, 54, FONT_SIZE - 1))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    unit ? `${sweep.path} (${unit})` : sweep.path,
    (x0 + x1) / 2,
  );
  // Times of seconds read in seconds ("5 k ms" read as a unit of its own: a review).
  const inSeconds = metric.axis.startsWith('ms') && y.domain()[1]! >= 2000;
  drawAxis(
    g,
    axisLeft(y)
      .ticks(4)
      .tickFormat((d) => (inSeconds ? significant(Number(d) / 1000) : Number(d) >= 1000 ? siTick(Number(d)) : significant(Number(d))))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    inSeconds ? metric.axis.replace(/^ms/, 's') : metric.axis,
    (top + y0) / 2,
  );

  // "now" is the config's value when the sweep ran: of a stale sweep, not the config's now (a review).
  if (sweep.current !== undefined && !sweep.stale && sweep.points[sweep.current]) {
    const at = x(sweep.current)!;
    g.append('line').attr('class', 'current-batch').attr('x1', at).attr('x2', at).attr('y1', top).attr('y2', y0);
    const text = `now ${sweep.points[sweep.current]!.value}`;
    const w = textWidth(text, FONT_SIZE - 1);
    g.append('text')
      .attr('class', 'caption halo')
      .attr('x', at + 4 + w <= x1 ? at + 4 : at - 4 - w)
      .attr('y', top + 10)
      .text(text);
  }
  const defined = sweep.points.map((p, i) => ({ i, p, v: values[i] }));
  drawRangeBand(
    g,
    sweep.points.map((p, i) => ({ x: x(i)!, metric: metricAt(p, metric) })),
    y,
    theme.design,
    theme,
    'range-band-design',
  );
  const path = line<{ i: number; v: number | undefined }>()
    .defined((d) => d.v !== undefined)
    .x((d) => x(d.i)!)
    .y((d) => y(d.v ?? 0));
  g.append('path')
    .attr('class', 'curve')
    .attr('d', path(defined))
    .attr('fill', 'none')
    .attr('stroke', theme.design)
    .attr('stroke-width', 2);
  const points = g
    .append('g')
    .attr('class', 'sweep-points')
    .selectAll('circle')
    .data(defined.filter((d) => d.v !== undefined))
    .join('circle')
    .attr('class', 'sweep-point')
    .attr('cx', (d) => x(d.i)!)
    .attr('cy', (d) => y(d.v!))
    .attr('r', 3.5)
    .attr('fill', theme.design)
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  bindTooltip(points, (d) => ({
    title: `${sweep.path} = ${d.p.value}`,
    rows: METRICS.map((m) => [m.title, withRange(metricAt(d.p, m))] as [string, string]),
    note: `${METRICS.some((m) => hasRange(sweep, m)) ? `[…]: ${RANGE_MEANING}. ` : ''}Click to select ${sweep.path} in the editor.`,
  }));
  bindSelect(points, (d) => ({ key: sweep.path, label: `${sweep.path} = ${d.p.value}: ${textAt(d.p, metric)}` }), ctx);
  const failedMarks = g
    .append('g')
    .selectAll('text')
    .data(defined.filter((d) => d.v === undefined))
    .join('text')
    .attr('class', 'sweep-failed')
    .attr('x', (d) => x(d.i)!)
    .attr('y', y0 - 4)
    .attr('text-anchor', 'middle')
    .attr('fill', theme.worse)
    .text('✕');
  bindTooltip(failedMarks, (d) => ({
    title: `${sweep.path} = ${d.p.value}`,
    rows: [['Errors', String(d.p.errors)]],
    note: 'This value did not evaluate.',
  }));
}
