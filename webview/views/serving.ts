// The Serving view: one model instance under request traffic (the `serving:` simulation).
// Latency percentiles against load with the SLO line and the knee (the highest rate that
// meets it), the distributions of time to first token and time per output token, batch
// occupancy and queue over the simulated time, and the fleet sized for the peak; the
// baseline under the same traffic alongside, dashed.

import { scaleLinear, scaleLog } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { line } from 'd3-shape';
import type { Selection } from 'd3-selection';
import { ELECTRICITY_ONLY } from '../../model/report/labels';
import type { Metric } from '../../model/report/types';
import { STABLE_SHARE, type Histogram, type LoadPoint, type Percentiles, type ServingResult } from '../../model/serving/types';
import {
  below,
  caption,
  chartSvg,
  decadeDomain,
  decadeTicks,
  drawAxis,
  gridY,
  legend,
  panelTitle,
  type Container,
  type G,
  type RenderInput,
  type ViewContext,
} from '../charts';
import { formatAttainment, formatCount, formatPercent, formatSeconds, formatUsd, si, significant, siTick } from '../format';
import { dataTable } from '../table';
import { LabelPlacer, segmentCrossesBox, type Box, type Segment } from '../labels';
import { textWidth } from '../text';
import { bindTooltip } from '../tooltip';

const MARGIN = { left: 60, right: 14, bottom: 46 };
const PLOT_HEIGHT = 190;
const PANEL_GAP = 18;
const ms = (x: number) => formatSeconds(x / 1e3);
/** Labels in the plots are captions (media/views.css). */
const CAPTION_SIZE = 10.5;

/** The box of a caption-size label with its baseline at (x, y), starting or ending there. */
function captionBox(text: string, x: number, y: number, anchor: 'start' | 'middle' | 'end'): Box {
  const width = textWidth(text, CAPTION_SIZE);
  return { x: anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x, y: y - 10, width, height: 13 };
}
/** Why the load curves have no band, and where the serving ranges are (model/serving/servingRanges.ts). */
export const NO_SERVING_RANGE = 'Curves: the model’s values, no bands · ranges of the serving and fleet figures: in the tables below';

interface Side {
  name: string;
  serving: ServingResult;
  /** The side's report metrics: the serving figures' ranges. */
  metrics: readonly Metric[] | undefined;
  color: string;
  dashed: boolean;
}

function code(text: string): HTMLElement {
  const c = document.createElement('code');
  c.textContent = text;
  return c;
}

export function renderServing(container: Container, input: RenderInput, ctx: ViewContext): void {
  const serving = input.result.serving;
  // While this save's traffic is simulated, the last simulation stands in, faded and said to be
  // (a workbench review: the tab collapsed to one line and back on every save).
  const before = input.view.servingPending ? input.servedBefore : undefined;
  if (!serving && before?.result?.serving) {
    container.append('p').attr('class', 'no-result').text('Simulating the traffic of this save; until then, the last simulation, faded.');
    const faded = container.append('div').attr('class', 'stale') as unknown as Container;
    renderServing(faded, { ...input, view: before, result: before.result, servedBefore: undefined }, ctx);
    return;
  }
  if (!serving) {
    const p = container.append('p').attr('class', 'no-result').node()!;
    if (input.view.servingPending) p.textContent = 'Simulating the serving traffic… the other views already show this version.';
    else {
      // The keys as code, not as backticks (a review), and a rate never split from its unit.
      p.append('No serving simulation: add a ', code('serving:'), ' section (e.g. ', code('rate:\u00a04\u00a0/s'), ' and an ');
      p.append(code('slo'), ') to see latency against load, distributions, batch occupancy and a fleet.');
    }
    return;
  }
  const width = ctx.width;
  const sides: Side[] = [
    { name: input.view.name || 'This design', serving, metrics: input.view.report.design?.metrics, color: ctx.theme.design, dashed: false },
  ];
  const base = input.view.baselineServing;
  if (input.showBaseline && base?.serving)
    sides.push({
      name: base.name,
      serving: base.serving,
      metrics: input.view.report.baseline?.report.metrics,
      color: ctx.theme.baseline,
      dashed: true,
    });

  const svg = chartSvg(
    container,
    width,
    100,
    'Serving: latency against load with the SLO, latency distributions, batch and queue over time',
  );
  const background = svg.append('rect').attr('class', 'chart-background').attr('width', width).attr('fill', ctx.theme.background);
  const tables = container.append('div').attr('class', 'tables') as unknown as Container;
  let y = 0;
  for (const draw of [drawLoad, drawDistributions, drawTimeline]) {
    const g = svg.append('g').attr('class', 'panel').attr('transform', `translate(0,${y})`) as unknown as G;
    const used = draw(g, sides, ctx, width);
    if (used > 0) y += used + PANEL_GAP;
  }
  const height = Math.max(1, y - PANEL_GAP);
  svg.attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  background.attr('height', height);
  summaryTables(tables, sides, input);
}

/** Two charts side by side (stacked when narrow); returns their offsets and width. */
function layout(width: number, count: number, top: number) {
  const side = width >= 700;
  const chartWidth = side ? (width - 24 * (count - 1)) / count : width;
  const at = (i: number) => ({ x: side ? i * (chartWidth + 24) : 0, y: side ? top : top + i * (PLOT_HEIGHT + MARGIN.bottom + 30) });
  const bottom = side ? top + 18 + PLOT_HEIGHT + MARGIN.bottom : top + count * (PLOT_HEIGHT + MARGIN.bottom + 30) - 30 + 18;
  return { chartWidth, at, bottom };
}

function drawLoad(g: G, sides: Side[], ctx: ViewContext, width: number): number {
  const s = sides[0]!.serving;
  const titleShift = panelTitle(g, 8, 16, 'Latency against load');
  const knee = s.maxRateAtSlo;
  // The baseline's highest rate within the SLO, marked too (a workbench review saw only this design's).
  const baselineKnee = sides[1]?.serving.maxRateAtSlo;
  const first =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `Poisson arrivals at shares of saturation (${significant(s.saturationRequestsPerSecond)} req/s)${s.slo ? ` · SLO at p${significant(s.slo.percentile)}${knee !== undefined ? `, held up to ${significant(knee)} req/s${baselineKnee !== undefined ? ` (${sides[1]!.name}: ${significant(baselineKnee)})` : ''}` : ''}` : ''}${s.offeredRequestsPerSecond !== undefined ? ` · ▲ the configured ${significant(s.offeredRequestsPerSecond)} req/s` : ''}${s.searchTruncated ? ' · search cut by the time budget' : ''}`,
    );
  // The serving ranges cost two more simulations each: the editor runs them for the headline
  // figures and the fleet, not for every load point, so the curves have no band and say where
  // the ranges are.
  const shift = first + caption(g, 8, 46 + first, NO_SERVING_RANGE);
  g = below(g, shift);
  const legendTop = 56;
  const legendHeight = legend(
    g,
    [
      ...sides.map((x) => ({ label: x.name, color: x.color, shape: (x.dashed ? 'dashed' : 'line') as 'dashed' | 'line' })),
      { label: 'p50 (thin) · p99 (thick)', color: ctx.theme.muted, shape: 'line' as const },
      ...(s.slo ? [{ label: 'SLO target', color: ctx.theme.worse, shape: 'dashed' as const }] : []),
      // The open markers said in words (a workbench review found them unexplained).
      ...(s.slo && sides.some((x) => x.serving.loadCurve.some((p) => !p.meetsSlo))
        ? [{ label: 'open: p99 misses the SLO', color: ctx.theme.muted, shape: 'open' as const }]
        : []),
    ],
    8,
    legendTop,
    width - 16,
    ctx.theme,
  );
  if (!s.loadCurve.length) {
    caption(g, 8, legendTop + legendHeight + 14, 'No load points (the time budget ran out first).');
    return legendTop + legendHeight + 24 + shift;
  }
  const { chartWidth, at, bottom } = layout(width, 2, legendTop + legendHeight + 12);
  const charts: Array<['ttftMs' | 'tpotMs', string, number | undefined]> = [
    ['ttftMs', 'Time to first token (ms, log scale)', s.slo?.ttftMs],
    ['tpotMs', 'Time per output token (ms, log scale)', s.slo?.tpotMs],
  ];
  charts.forEach(([metric, title, target], i) => {
    const o = at(i);
    const cg = g.append('g').attr('class', `load-chart load-${metric}`).attr('transform', `translate(${o.x},${o.y})`) as unknown as G;
    drawLoadChart(cg, sides, metric, title, target, knee, baselineKnee, chartWidth, ctx);
  });
  return bottom + shift;
}

type Candidate = [x: number, y: number, anchor: 'start' | 'middle' | 'end'];

/**
 * A caption-size name in a plot at the first candidate that crosses none of `lines` and
 * nothing `placer` holds (marks, bars, names placed before), in the first of `texts` (longest
 * first) that has such a place; else the long form at the first candidate that crosses no
 * line and no other name (over a bar or marker, on its halo), else at the first; or, when
 * `optional` (a percentile tick crowded by its neighbours: its tooltip names it), none at all
 * rather than one over a tick or a marker. `own` is the line the name belongs to: a candidate
 * on it (centred, its halo breaking the line) may cross it.
 */
function placeCaption(
  g: G,
  placer: LabelPlacer,
  lines: readonly Segment[],
  named: Box[],
  texts: string | readonly string[],
  cls: string,
  candidates: readonly Candidate[],
  own?: Segment,
  optional = false,
): Selection<SVGTextElement, unknown, null, undefined> | undefined {
  const forms = typeof texts === 'string' ? [texts] : texts;
  const placesOf = (text: string) => {
    const boxes = candidates.map(([lx, ly, anchor]) => ({ ...captionBox(text, lx, ly, anchor), anchor, lx, ly, text }));
    const offLines = boxes.filter(
      (b) => !lines.some((l) => l !== own && segmentCrossesBox(l, { x: b.x - 1, y: b.y - 1, width: b.width + 2, height: b.height + 2 })),
    );
    return { boxes, offLines };
  };
  const apart = (a: Box, b: Box) =>
    a.x + a.width + 2 <= b.x || b.x + b.width + 2 <= a.x || a.y + a.height + 2 <= b.y || b.y + b.height + 2 <= a.y;
  type Place = ReturnType<typeof placesOf>['boxes'][number];
  let at: Place | undefined;
  for (const text of forms) {
    at = placer.place(placesOf(text).offLines) as Place | undefined;
    if (at) break;
  }
  if (!at) {
    if (optional) return undefined;
    const long = placesOf(forms[0]!);
    at = long.offLines.find((b) => named.every((n) => apart(b, n))) ?? long.boxes[0]!;
  }
  placer.block(at);
  named.push(at);
  return g
    .append('text')
    .attr('class', `caption halo ${cls}`)
    .attr('x', at.lx)
    .attr('y', at.ly)
    .attr('text-anchor', at.anchor)
    .text(at.text);
}

function drawLoadChart(
  g: G,
  sides: Side[],
  metric: 'ttftMs' | 'tpotMs',
  title: string,
  target: number | undefined,
  knee: number | undefined,
  baselineKnee: number | undefined,
  width: number,
  ctx: ViewContext,
): void {
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const top = 18;
  const y0 = top + PLOT_HEIGHT;
  const points = sides.flatMap((s) => s.serving.loadCurve);
  const values = points
    .flatMap((p) => [p[metric].p50, p[metric].p99])
    .concat(target ?? [])
    .filter((v) => v > 0);
  const maxRate = Math.max(...points.map((p) => p.ratePerSecond), knee ?? 0, baselineKnee ?? 0);
  const x = scaleLinear()
    .domain([0, maxRate * 1.05])
    .nice(5)
    .range([x0, x1]);
  const y = scaleLog()
    .domain(decadeDomain(Math.min(...values), Math.max(...values)))
    .range([y0, top]);
  g.append('text')
    .attr('class', 'subtitle')
    .attr('x', x0)
    .attr('y', 10)
    .text(metric === 'ttftMs' ? 'Time to first token' : 'Time per output token');
  gridY(
    g,
    decadeTicks(y.domain() as [number, number]).map((t) => y(t)),
    x0,
    x1,
  );
  drawAxis(
    g,
    axisBottom(x)
      .ticks(5)
      .tickFormat((d) => significant(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    'Offered load (requests/s)',
    (x0 + x1) / 2,
  );
  drawAxis(
    g,
    axisLeft(y)
      .tickValues(decadeTicks(y.domain() as [number, number]))
      .tickFormat((d) => siTick(Number(d)))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    title,
    (top + y0) / 2,
  );
  if (target !== undefined) {
    g.append('line')
      .attr('class', 'slo-line')
      .attr('x1', x0)
      .attr('x2', x1)
      .attr('y1', y(target))
      .attr('y2', y(target))
      .attr('stroke', ctx.theme.worse)
      .attr('stroke-dasharray', '5 3')
      .attr('stroke-width', 1.5);
  }
  // The highest rate within the SLO, this design's and the baseline's (in its colour): a vertical line each.
  const kneeLine = (rate: number, cls: string, color: string) =>
    g
      .append('line')
      .attr('class', cls)
      .attr('x1', x(rate))
      .attr('x2', x(rate))
      .attr('y1', top)
      .attr('y2', y0)
      .attr('stroke', color)
      .attr('stroke-dasharray', '2 3');
  if (knee !== undefined && knee > 0) kneeLine(knee, 'knee-line', ctx.theme.foreground);
  const baselineSide = sides[1];
  if (baselineSide && baselineKnee !== undefined && baselineKnee > 0)
    kneeLine(baselineKnee, 'knee-line knee-baseline', baselineSide.color)
      .append('title')
      .text(`${baselineSide.name}: at most ${significant(baselineKnee)} req/s within the SLO`);
  // Where the configured traffic sits on the curve (a workbench review: an operator could not see
  // how far its rate is from the knee): a mark on the axis, named in the caption and its tooltip.
  const offered = sides[0]!.serving.offeredRequestsPerSecond;
  if (offered !== undefined && offered > 0 && offered <= x.domain()[1]!)
    g.append('path')
      .attr('class', 'offered-mark')
      .attr('d', `M${x(offered)},${y0} l-5,8 h10 z`)
      .attr('fill', ctx.theme.foreground)
      .append('title')
      .text(`The configured traffic: ${significant(offered)} req/s offered (serving.rate, or a trace's mean)`);
  for (const s of [...sides].reverse()) {
    for (const [pct, strokeWidth] of [
      ['p50', 1.25],
      ['p99', 2.5],
    ] as const) {
      const path = line<LoadPoint>()
        .x((p) => x(p.ratePerSecond))
        .y((p) => y(Math.max(p[metric][pct], y.domain()[0]!)));
      g.append('path')
        .attr('class', `load-curve load-${s.dashed ? 'baseline' : 'design'}-${pct}`)
        .attr('d', path(s.serving.loadCurve))
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', strokeWidth)
        .attr('stroke-dasharray', s.dashed ? '6 3' : null);
    }
    const marks = g
      .append('g')
      .attr('class', 'load-points')
      .selectAll('circle')
      .data(s.serving.loadCurve)
      .join('circle')
      .attr('cx', (p) => x(p.ratePerSecond))
      .attr('cy', (p) => y(Math.max(p[metric].p99, y.domain()[0]!)))
      .attr('r', 3.5)
      .attr('fill', (p) => (p.meetsSlo ? s.color : ctx.theme.background))
      .attr('stroke', s.color)
      .attr('stroke-width', 1.5);
    bindTooltip(marks, (p) => ({
      title: `${s.name} at ${significant(p.ratePerSecond)} requests/s`,
      rows: [
        ['TTFT p50 / p99', `${ms(p.ttftMs.p50)} / ${ms(p.ttftMs.p99)}`],
        ['TPOT p50 / p99', `${ms(p.tpotMs.p50)} / ${ms(p.tpotMs.p99)}`],
        ['End to end p50 / p99', `${ms(p.e2eMs.p50)} / ${ms(p.e2eMs.p99)}`],
        ['Served', `${significant(p.requestsPerSecond)} requests/s`],
        [
          'SLO',
          p.meetsSlo
            ? 'met'
            : p.ratePerSecond > STABLE_SHARE * s.serving.saturationRequestsPerSecond * (1 + 1e-9)
              ? `not counted: past ${Math.round(STABLE_SHARE * 100)}% of saturation the queue grows with the run`
              : 'missed',
        ],
      ],
    }));
  }

  // The SLO's and the knee's names where they cross no curve, marker or line: the SLO's along
  // its line, above or below it, from the right; the knee's beside its line, from the top.
  const lines: Segment[] = sides.flatMap((s) =>
    (['p50', 'p99'] as const).flatMap((pct) =>
      s.serving.loadCurve.slice(1).map((p, k) => {
        const q = s.serving.loadCurve[k]!;
        const at = (v: LoadPoint) => y(Math.max(v[metric][pct], y.domain()[0]!));
        return { x1: x(q.ratePerSecond), y1: at(q), x2: x(p.ratePerSecond), y2: at(p) };
      }),
    ),
  );
  const placer = new LabelPlacer({ x: x0 + 1, y: top, width: x1 - x0 - 1, height: y0 - top - 1 }, 2);
  for (const s of sides)
    for (const p of s.serving.loadCurve) {
      const [cx, cy] = [x(p.ratePerSecond), y(Math.max(p[metric].p99, y.domain()[0]!))];
      placer.block({ x: cx - 5, y: cy - 5, width: 10, height: 10 });
    }
  const sloY = target !== undefined ? y(target) : undefined;
  if (sloY !== undefined) lines.push({ x1: x0, y1: sloY, x2: x1, y2: sloY });
  const kneeX = knee !== undefined && knee > 0 ? x(knee) : undefined;
  if (kneeX !== undefined) lines.push({ x1: kneeX, y1: top, x2: kneeX, y2: y0 });
  const baselineKneeX = baselineSide && baselineKnee !== undefined && baselineKnee > 0 ? x(baselineKnee) : undefined;
  if (baselineKneeX !== undefined) lines.push({ x1: baselineKneeX, y1: top, x2: baselineKneeX, y2: y0 });
  const named: Box[] = [];
  const label = (texts: string | string[], cls: string, candidates: Candidate[]) =>
    placeCaption(g, placer, lines, named, texts, cls, candidates);
  if (sloY !== undefined) {
    const candidates: Candidate[] = [];
    for (let lx = x1 - 4; lx > x0 + 40; lx -= 16) candidates.push([lx, sloY - 5, 'end'], [lx, sloY + 13, 'end']);
    // At a narrow pane a target among the curves and knees can leave no room for its value: the
    // name alone, the value being the axis's at the line.
    label([`SLO ${ms(target!)}`, 'SLO'], 'slo-label', candidates);
  }
  if (kneeX !== undefined) {
    const candidates: Candidate[] = [];
    for (let ly = top + 12; ly < y0 - 4; ly += 8) candidates.push([kneeX + 4, ly, 'start'], [kneeX - 4, ly, 'end']);
    label(
      [`max ${significant(knee!)} req/s at SLO`, `${significant(knee!)} req/s at SLO`, `${significant(knee!)}/s at SLO`],
      'knee-label',
      candidates,
    );
  }
  // The baseline's named where there is room (its line's tooltip names it always).
  if (baselineKneeX !== undefined) {
    const candidates: Candidate[] = [];
    for (let ly = y0 - 6; ly > top + 8; ly -= 8) candidates.push([baselineKneeX + 4, ly, 'start'], [baselineKneeX - 4, ly, 'end']);
    placeCaption(
      g,
      placer,
      lines,
      named,
      [`baseline max ${significant(baselineKnee!)} req/s`, `baseline ${significant(baselineKnee!)}/s`],
      'knee-label knee-label-baseline',
      candidates,
      undefined,
      true,
    );
  }
}

function drawDistributions(g: G, sides: Side[], ctx: ViewContext, width: number): number {
  const s = sides[0]!.serving;
  const titleShift = panelTitle(g, 8, 16, 'Distributions at the configured traffic');
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `${formatCount(s.measuredRequests)} requests after warm-up · ${significant(s.requestsPerSecond)} req/s served · bars: this design; ticks: p50, p90, p99`,
    );
  g = below(g, shift);
  const { chartWidth, at, bottom } = layout(width, 2, 44);
  const charts: Array<[Histogram, Percentiles, string, number | undefined]> = [
    [s.ttftHistogramMs, s.ttftMs, 'Time to first token (ms)', s.slo?.ttftMs],
    [s.tpotHistogramMs, s.tpotMs, 'Time per output token (ms)', s.slo?.tpotMs],
  ];
  const tails = charts.map(([h, p, title, target], i) => {
    const o = at(i);
    const cg = g
      .append('g')
      .attr('class', `histogram histogram-${i ? 'tpot' : 'ttft'}`)
      .attr('transform', `translate(${o.x},${o.y})`) as unknown as G;
    return drawHistogram(cg, h, p, title, target, chartWidth, ctx);
  });
  // One wording of the tail on both charts: the long one where both have room for it (a workbench
  // review read "tail above p99.5" on one beside "> p99.5" on the other at a narrow pane).
  const wording = TAIL_WORDINGS.find((text) => tails.every((tail) => !tail || tail.fits(text))) ?? TAIL_WORDINGS.at(-1)!;
  for (const tail of tails) tail?.place(wording);
  return bottom + shift;
}

/** The last bar's tail named on the chart: in full, or short where a narrow panel has no room. */
const TAIL_WORDINGS = ['tail above p99.5', '> p99.5'] as const;
/** Where a histogram's tail label can go: whether a wording fits, and placing it (nothing where it does not). */
interface TailLabel {
  fits(text: string): boolean;
  place(text: string): void;
}

function drawHistogram(
  g: G,
  h: Histogram,
  p: Percentiles,
  title: string,
  target: number | undefined,
  width: number,
  ctx: ViewContext,
): TailLabel | undefined {
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const top = 18;
  const y0 = top + PLOT_HEIGHT;
  g.append('text')
    .attr('class', 'subtitle')
    .attr('x', x0)
    .attr('y', 10)
    .text(title.replace(/ \(ms\)$/, ''));
  if (!h.counts.length) return undefined;
  // Room right of the last bar, which holds the tail, for its short name (the fleet example's
  // TTFT bars ran to 268 of a 300 ms axis at 400 px, and "> p99.5" had nowhere to go).
  const tailRoomPx = 48;
  // At most half the plot (a very narrow one keeps its bars, the name then in the tooltip alone).
  const roomy = h.lo + ((h.hi - h.lo) * (x1 - x0)) / Math.max((x1 - x0) / 2, x1 - x0 - tailRoomPx);
  const hi = Math.max(roomy, target !== undefined && target < h.hi * 2 ? target * 1.05 : 0);
  const x = scaleLinear().domain([h.lo, hi]).nice(5).range([x0, x1]);
  const total = h.counts.reduce((a, b) => a + b, 0);
  // A tenth of headroom above the tallest bar: the percentile labels sit at the top.
  const y = scaleLinear()
    .domain([0, (1.1 * Math.max(...h.counts)) / total])
    .nice(4)
    .range([y0, top]);
  gridY(
    g,
    y.ticks(4).map((t) => y(t)),
    x0,
    x1,
  );
  // Past ten seconds the axis reads in seconds, as the SLO and the lenses do (a review read "120,000" ms).
  const inSeconds = hi >= 10_000;
  drawAxis(
    g,
    axisBottom(x)
      .ticks(5)
      .tickFormat((d) => significant(Number(d) / (inSeconds ? 1e3 : 1)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    inSeconds ? title.replace(/ \(ms\)$/, ' (s)') : title,
    (x0 + x1) / 2,
  );
  drawAxis(
    g,
    axisLeft(y)
      .ticks(4)
      .tickFormat((d) => formatPercent(Number(d)))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    'Share of requests',
    (top + y0) / 2,
  );
  const binWidth = (h.hi - h.lo) / h.counts.length;
  const bars = g
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(h.counts.map((c, i) => ({ c, i })))
    .join('rect')
    .attr('x', (d) => x(h.lo + d.i * binWidth))
    .attr('width', (d) => Math.max(0.5, x(h.lo + (d.i + 1) * binWidth) - x(h.lo + d.i * binWidth) - 0.5))
    .attr('y', (d) => y(d.c / total))
    .attr('height', (d) => y0 - y(d.c / total))
    .attr('fill', ctx.theme.design);
  bindTooltip(bars, (d) => ({
    title: `${significant(h.lo + d.i * binWidth)}–${d.i === h.counts.length - 1 ? `${significant(h.lo + (d.i + 1) * binWidth)} ms and above` : `${significant(h.lo + (d.i + 1) * binWidth)} ms`}`,
    rows: [['Requests', `${formatCount(d.c)} (${formatPercent(d.c / total)})`]],
    note: d.i === h.counts.length - 1 ? 'The last bin also holds the tail above p99.5.' : undefined,
  }));
  // The percentile ticks and the SLO line first, then their names where they cross no tick,
  // bar or other name: beside the tick, from the top down, right before left.
  const placer = new LabelPlacer({ x: x0 + 1, y: top, width: x1 - x0 - 1, height: y0 - top - 1 }, 2);
  h.counts.forEach((c, i) => {
    const [bx0, bx1] = [x(h.lo + i * binWidth), x(h.lo + (i + 1) * binWidth)];
    if (c > 0) placer.block({ x: bx0, y: y(c / total), width: bx1 - bx0, height: y0 - y(c / total) });
  });
  const ticks = (
    [
      ['p50', p.p50],
      ['p90', p.p90],
      ['p99', p.p99],
    ] as const
  ).filter(([, v]) => v >= x.domain()[0]! && v <= x.domain()[1]!);
  const lines: Segment[] = ticks.map(([, v]) => ({ x1: x(v), y1: top, x2: x(v), y2: y0 }));
  for (const [name, v] of ticks)
    g.append('line')
      .attr('class', 'percentile-tick')
      .attr('data-percentile', name)
      .attr('x1', x(v))
      .attr('x2', x(v))
      .attr('y1', top)
      .attr('y2', y0)
      .attr('stroke', ctx.theme.foreground)
      .attr('stroke-dasharray', '2 2');
  const named: Box[] = [];
  const label = (text: string, cls: string, candidates: Candidate[], own?: Segment, optional = false) =>
    placeCaption(g, placer, lines, named, text, cls, candidates, own, optional);
  if (target !== undefined && target <= x.domain()[1]!) {
    g.append('line')
      .attr('class', 'slo-line')
      .attr('x1', x(target))
      .attr('x2', x(target))
      .attr('y1', top)
      .attr('y2', y0)
      .attr('stroke', ctx.theme.worse)
      .attr('stroke-dasharray', '5 3')
      .attr('stroke-width', 1.5);
    lines.push({ x1: x(target), y1: top, x2: x(target), y2: y0 });
    // Named where it is drawn, at the foot of its line, away from the percentile names at the top.
    const candidates: Candidate[] = [];
    for (let ly = y0 - 6; ly > top + 10; ly -= 12) candidates.push([x(target) + 4, ly, 'start'], [x(target) - 4, ly, 'end']);
    // Where every place beside its line is taken (a target among the bars, between two ticks: a
    // review saw it drawn over the bars and crossed by p99's tick), along the top, nearest first.
    for (let dx = 12; dx < x1 - x0; dx += 8)
      for (const ly of [top + 10, top + 22]) candidates.push([x(target) + dx, ly, 'start'], [x(target) - dx, ly, 'end']);
    label(`SLO ${ms(target)}`, 'slo-label', candidates);
  }
  // Beside its tick; where ticks crowd too close for that (a narrow distribution), on the tick itself.
  ticks.forEach(([name, v], i) => {
    const candidates: Candidate[] = [];
    for (let ly = top + 10; ly < y0 - 4; ly += 12) candidates.push([x(v) + 4, ly, 'start'], [x(v) - 4, ly, 'end']);
    for (let ly = top + 10; ly < y0 - 4; ly += 12) candidates.push([x(v), ly, 'middle']);
    label(name, 'percentile-label', candidates, lines[i], true)?.attr('data-percentile', name);
  });
  // The last bar also holds the tail above p99.5: said on the chart, not only in its tooltip
  // (a taller last bar read as a second mode of the distribution).
  const last = h.counts.length - 1;
  if (!(h.counts[last]! > 0)) return undefined;
  const [bx0, bx1] = [x(h.lo + last * binWidth), x(h.lo + (last + 1) * binWidth)];
  const barTop = y(h.counts[last]! / total);
  // Right of the bar first, then above it; where neither is free (a crowded panel), the tooltip alone says it.
  const candidates: Candidate[] = [];
  for (let ly = Math.min(y0 - 2, barTop + 10); ly > top + 8; ly -= 12) candidates.push([bx1 + 3, ly, 'start']);
  for (let ly = barTop - 4; ly > top + 8; ly -= 12)
    candidates.push([bx1, ly, 'end'], [(bx0 + bx1) / 2, ly, 'middle'], [bx0 - 2, ly, 'end']);
  const spots = (text: string) =>
    candidates
      .map(([lx, ly, anchor]) => ({ ...captionBox(text, lx, ly, anchor), anchor, lx, ly }))
      .filter((b) => !lines.some((l) => segmentCrossesBox(l, { x: b.x - 1, y: b.y - 1, width: b.width + 2, height: b.height + 2 })));
  return {
    fits: (text) => placer.firstFree(spots(text)) !== undefined,
    place(text) {
      const free = spots(text);
      const at = placer.place(free) as (typeof free)[number] | undefined;
      if (!at) return;
      g.append('text').attr('class', 'caption halo tail-label').attr('x', at.lx).attr('y', at.ly).attr('text-anchor', at.anchor).text(text);
    },
  };
}

function drawTimeline(g: G, sides: Side[], ctx: ViewContext, width: number): number {
  const s = sides[0]!.serving;
  const t = s.timeline;
  const titleShift = panelTitle(g, 8, 16, 'Batch occupancy and queue over time');
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `Mean ${significant(s.meanBatch)} sequences per step${s.preemptions ? ` · ${formatCount(s.preemptions)} preemptions (KV cache full)` : ''} · KV cache ${si(s.kvCacheTokens, 'tokens')}${s.admission === 'guaranteed' ? ' · guaranteed admission: each request holds its prompt + output' : ''}`,
    );
  g = below(g, shift);
  if (t.seconds.length < 2) return 40 + shift;
  const legendHeight = legend(
    g,
    [
      { label: 'Sequences in the batch', color: ctx.theme.design, shape: 'line' },
      { label: 'Requests waiting', color: ctx.theme.worse, shape: 'line' },
    ],
    8,
    42,
    width - 16,
    ctx.theme,
  );
  const top = 42 + legendHeight + 12 + 18;
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = top + PLOT_HEIGHT;
  const x = scaleLinear()
    .domain([t.seconds[0]!, t.seconds[t.seconds.length - 1]!])
    .range([x0, x1]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...t.batch, ...t.queue) * 1.05])
    .nice(5)
    .range([y0, top]);
  gridY(
    g,
    y.ticks(5).map((v) => y(v)),
    x0,
    x1,
  );
  drawAxis(
    g,
    axisBottom(x)
      .ticks(6)
      .tickFormat((d) => significant(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    'Simulated time (s)',
    (x0 + x1) / 2,
  );
  drawAxis(
    g,
    axisLeft(y)
      .ticks(5)
      .tickFormat((d) => formatCount(Number(d)))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    'Sequences / requests',
    (top + y0) / 2,
  );
  const idx = t.seconds.map((_, i) => i);
  for (const [series, color, cls] of [
    [t.batch, ctx.theme.design, 'batch'],
    [t.queue, ctx.theme.worse, 'queue'],
  ] as const) {
    const path = line<number>()
      .x((i) => x(t.seconds[i]!))
      .y((i) => y(series[i]!));
    g.append('path')
      .attr('class', `timeline-${cls}`)
      .attr('d', path(idx))
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 1.5);
  }
  return y0 + MARGIN.bottom + shift;
}

function summaryTables(tables: Container, sides: Side[], input: RenderInput): void {
  /**
   * " [18–148]": a figure's range from the report (model/serving/servingRanges.ts), when it has
   * one, kept on one line (a narrow pane broke "[104–" from "1,296]").
   */
  const range = (metrics: readonly Metric[] | undefined, id: string) => {
    const r = metrics?.find((m) => m.id === id)?.range;
    return r ? ` [${r.text.replace(/ /g, '\u00a0').replace(/–/g, '\u2060–\u2060')}]` : '';
  };
  /** A note the report gives a figure ("overloaded: grows with the run"), as the CLI shows it. */
  const noteOf = (metrics: readonly Metric[] | undefined, id: string) => {
    const note = metrics?.find((m) => m.id === id)?.note;
    return note ? ` (${note})` : '';
  };
  // The p99 with its range (the report's; the CLI ranges every percentile, the view the one an SLO reads).
  const pcts = (p: Percentiles, metrics?: readonly Metric[], id?: string) =>
    `${ms(p.mean)} (p50 ${ms(p.p50)}, p90 ${ms(p.p90)}, p99 ${ms(p.p99)}${id ? range(metrics, `${id}.p99`) : ''})${id ? noteOf(metrics, `${id}.p99`) : ''}`;
  /** A figure as the report writes it, with its note and range; `fallback` where the report has none. */
  const figure = (metrics: readonly Metric[] | undefined, id: string, fallback: string) => {
    const text = metrics?.find((m) => m.id === id)?.text;
    return text === undefined ? fallback : `${text}${noteOf(metrics, id)}${range(metrics, id)}`;
  };
  dataTable(
    tables,
    'Table: serving, one model instance',
    [
      'Design',
      'TTFT mean (p50, p90, p99)',
      'TPOT mean (p50, p90, p99)',
      'End to end mean (p50, p90, p99)',
      'Requests/s',
      'Output tokens/s',
      'Mean batch',
      'SLO attainment',
      'Max rate at SLO',
    ],
    sides.map((s) => [
      s.name,
      pcts(s.serving.ttftMs, s.metrics, 'serving.ttftMs'),
      pcts(s.serving.tpotMs, s.metrics, 'serving.tpotMs'),
      pcts(s.serving.e2eMs, s.metrics, 'serving.e2eMs'),
      figure(s.metrics, 'serving.requestsPerSecond', significant(s.serving.requestsPerSecond)),
      figure(s.metrics, 'serving.outputTokensPerSecond', formatCount(s.serving.outputTokensPerSecond)),
      significant(s.serving.meanBatch),
      s.serving.sloAttainment === undefined ? '—' : formatAttainment(s.serving.sloAttainment),
      s.serving.maxRateAtSlo === undefined
        ? '—'
        : figure(s.metrics, 'serving.maxRateAtSlo', `${significant(s.serving.maxRateAtSlo)} req/s`),
    ]),
  );
  const d = input.result.serving?.disaggregated;
  if (d) {
    const agg = input.result.serving!;
    dataTable(
      tables,
      `Table: disaggregated (${d.prefill.replicas} × ${d.prefill.design} prefill, ${d.decode.replicas} × ${d.decode.design} decode) against one aggregated instance`,
      [
        'System',
        'Chips',
        'TTFT mean (p50, p90, p99)',
        'TPOT mean (p50, p90, p99)',
        'Requests/s',
        'KV transfer',
        'Power',
        'Cost per 1M output tokens',
      ],
      [
        [
          'Disaggregated',
          formatCount(d.chips),
          pcts(d.ttftMs),
          pcts(d.tpotMs),
          significant(d.requestsPerSecond),
          ms(d.kvTransferMs),
          `${si(d.watts, 'W')} (prefill ${si(d.prefill.watts, 'W')}, decode ${si(d.decode.watts, 'W')})`,
          `${formatUsd(d.usdPerMillionOutputTokens)}${d.capitalKnown ? '' : ` (${ELECTRICITY_ONLY})`}`,
        ],
        ['Aggregated (one instance)', '—', pcts(agg.ttftMs), pcts(agg.tpotMs), significant(agg.requestsPerSecond), '—', '—', '—'],
      ],
    );
  }
  const fleets = [
    ...(input.result.fleet ? [{ name: sides[0]!.name, f: input.result.fleet, metrics: input.view.report.design?.metrics }] : []),
    ...(input.showBaseline && input.view.baselineServing?.fleet
      ? [
          {
            name: `all ${input.view.baselineServing.name}`,
            f: input.view.baselineServing.fleet,
            metrics: input.view.report.baseline?.report.metrics,
          },
        ]
      : []),
  ];
  // Who the chips are when a standby is of another design ("184 + 16 NVIDIA H100 SXM5 80GB on standby").
  const chipsNote = (metrics: readonly Metric[] | undefined) => noteOf(metrics, 'fleet.chips');
  // The chip price each fleet's cost stands on, as the report says it ("$20,900 (modelled at 75%
  // margin)", "$33,800 (the h100-sxm preset's estimate)"): two fleets side by side are priced on
  // their own bases, and a review read a modelled ASIC against a market-priced H100 as 1.8× cheaper.
  const pricedAt = (metrics: readonly Metric[] | undefined) => {
    const price = metrics?.find((m) => m.id === 'silicon.chipPriceUsd');
    return price ? `; chips at ${price.text}${price.note ? ` (${price.note})` : ''}` : '';
  };
  if (fleets.length) {
    // The fleet in words, visible: what the view answers at the fleet level.
    const summary = tables.append('div').attr('class', 'fleet-summary');
    for (const { name, f, metrics } of fleets) {
      summary
        .append('p')
        .attr('class', 'fleet-line')
        .text(
          `${name}: ${f.replicas}${range(metrics, 'fleet.replicas')} replicas${f.standbyReplicas ? ` + ${f.standbyReplicas}${range(metrics, 'fleet.standbyReplicas')} standby` : ''}, ${formatCount(f.chips)}${range(metrics, 'fleet.chips')} chips${chipsNote(metrics)}, ${si(f.watts, 'W')}${range(metrics, 'fleet.watts')} at ${significant(f.averageRatePerSecond)} req/s, ${formatUsd(f.usdPerMillionOutputTokens)}${range(metrics, 'fleet.usdPerMillionOutputTokens')} per million output tokens (${formatUsd(f.usdPerHour)}${range(metrics, 'fleet.usdPerHour')} per hour${f.capitalKnown ? pricedAt(metrics) : `; ${ELECTRICITY_ONLY}`}).`,
        );
    }
    // The verdict on the fleets' costs, in the report's words: at the prices it compares, and
    // which way round the prices the lines show put them where they differ.
    const costRatio =
      fleets.length > 1 ? input.view.report.baseline?.ratios.find((r) => r.id === 'fleet.usdPerMillionOutputTokens') : undefined;
    if (costRatio)
      summary
        .append('p')
        .attr('class', 'fleet-verdict')
        .text(`Cost per million output tokens against ${fleets[1]!.name}: ${costRatio.wording}.`);
    dataTable(
      tables,
      `Table: fleet for ${significant(fleets[0]!.f.peakRatePerSecond)} requests/s at peak, ${significant(fleets[0]!.f.averageRatePerSecond)} on average`,
      ['Fleet', 'Replicas', 'Standby', 'Chips', 'Power', 'Cost per 1M output tokens', 'Cost per hour', 'Peak load of SLO capacity'],
      fleets.map(({ name, f, metrics }) => [
        name,
        `${f.replicas}${range(metrics, 'fleet.replicas')}`,
        `${f.standbyReplicas}${range(metrics, 'fleet.standbyReplicas')}`,
        `${formatCount(f.chips)}${range(metrics, 'fleet.chips')}${chipsNote(metrics)}`,
        `${si(f.watts, 'W')}${range(metrics, 'fleet.watts')}`,
        `${formatUsd(f.usdPerMillionOutputTokens)}${range(metrics, 'fleet.usdPerMillionOutputTokens')}${f.capitalKnown ? '' : ` (${ELECTRICITY_ONLY})`}`,
        `${formatUsd(f.usdPerHour)}${range(metrics, 'fleet.usdPerHour')}${f.capitalKnown ? '' : ` (${ELECTRICITY_ONLY})`}`,
        formatPercent(f.peakUtilization),
      ]),
    );
  }
}
