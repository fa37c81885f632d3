// The Exploration chart: explored designs as a scatter of any two recorded metrics, the
// Pareto front drawn over them (a step line when the axes are the two objectives), colour
// by a third metric, a rectangular brush that selects points into a table, and each point's
// settings and numbers on hover. Click a point to choose: apply its values to the config
// (one undoable edit) or open it as a new config.

import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import type { Selection } from 'd3-selection';
import { curveStepAfter, curveStepBefore, line, symbol, symbolDiamond } from 'd3-shape';
import { distinctTicks, scatterDomain } from '../axisDomain';
import { caption, CAPTION_LINE, chartSvg, drawAxis, gridX, gridY, panelTitle, TITLE_LINE, type Container, type G } from '../charts';
import { NUMBER_AND_UNIT, type ExplorationData, type ExplorationPoint } from '../exploreProtocol';
import { notFeasibleText } from '../../model/explore/reasons';
import { metricAxisLabel, metricLabel, metricText } from '../../model/report/metricText';
import { si, significant } from '../format';
import { textWidth, wrapLines } from '../text';
import type { Theme } from '../theme';
import { bindTooltip } from '../tooltip';

/** "1 design", "54 designs". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * How far the run got: "54 designs, 6 evaluable, 1 feasible" once every design ran, "1,200 of
 * 54,000 designs, …" while running or when stopped early. Evaluable: every metric is a number.
 */
export function runText(d: ExplorationData): string {
  const ran = d.ran ?? d.evaluated;
  const all = d.done && !d.cancelled && !d.interrupted && ran >= d.total;
  const designs = all ? counted(d.total, 'design') : `${ran.toLocaleString('en')} of ${counted(d.total, 'design')}`;
  return `${designs}, ${d.evaluated.toLocaleString('en')} evaluable, ${d.feasible.toLocaleString('en')} feasible`;
}

/**
 * What an axis or the colour can show: each recorded metric, then each varied key whose
 * values are numbers with one unit (`4 TB/s`, `32`), so a one-key exploration draws as a
 * sweep (the metric against the key's value).
 */
export interface Axis {
  label: string;
  value(p: ExplorationPoint): number | null;
}

export function axesOf(data: ExplorationData): Axis[] {
  const axes: Axis[] = data.metrics.map((id, i) => ({ label: metricAxisLabel(id), value: (p: ExplorationPoint) => p.metrics[i] ?? null }));
  data.paths.forEach((path, i) => {
    const parsed = data.points.map((p) => NUMBER_AND_UNIT.exec(p.values[i]!));
    const units = new Set(parsed.map((m) => (m ? m[2] : undefined)));
    if (parsed.length === 0 || parsed.some((m) => !m) || units.size !== 1) return;
    const unit = [...units][0];
    axes.push({
      label: unit ? `${path} (${unit})` : path,
      value: (p) => {
        const m = NUMBER_AND_UNIT.exec(p.values[i]!);
        return m ? Number(m[1]) : null;
      },
    });
  });
  return axes;
}

export interface ExplorationChoice {
  /** Indices into `axesOf(data)`. */
  x: number;
  y: number;
  /** Axis index for colour, or -1 for feasibility. */
  colour: number;
  logX: boolean;
  logY: boolean;
}

export interface ExplorationHandlers {
  onPick(point: ExplorationPoint, event: MouseEvent | KeyboardEvent): void;
  onBrush(points: ExplorationPoint[]): void;
}

const MARGIN = { left: 70, right: 16, bottom: 48 };
/** The plot's height below the title, legend and caption. */
const PLOT_HEIGHT = 374;
const TITLE_SIZE = 13;
const CAPTION_SIZE = 10.5;

type Scale = ScaleContinuousNumeric<number, number>;

/** An axis's values over the points that have one. */
const valuesOf = (points: readonly ExplorationPoint[], axis: Axis) =>
  points.map((p) => axis.value(p)).filter((v): v is number => v !== null && Number.isFinite(v));

function axisScale(values: number[], log: boolean, range: [number, number]): Scale {
  const positive = values.filter((v) => v > 0);
  if (log && positive.length > 0) {
    const lo = Math.min(...positive);
    const hi = Math.max(...positive);
    return scaleLog()
      .domain(lo === hi ? [lo / 2, hi * 2] : [lo, hi])
      .range(range)
      .nice();
  }
  return scaleLinear().domain(scatterDomain(values)).range(range).nice();
}

export function drawExploration(
  container: Container,
  data: ExplorationData,
  choice: ExplorationChoice,
  theme: Theme,
  width: number,
  handlers: ExplorationHandlers,
): SVGSVGElement {
  const axes = axesOf(data);
  const ax = axes[choice.x] ?? axes[0]!;
  const ay = axes[choice.y] ?? axes[0]!;
  const shown = data.points.filter((p) => ax.value(p) !== null && ay.value(p) !== null);
  const title = `${ay.label} against ${ax.label}`;
  const key = `${legendText(axes[choice.colour], shown)}${data.current ? '; ◇ this config' : ''}`;
  // The colour key beside the title when both fit on one line, else on its own lines under it (wrapped): never over it.
  const beside = 8 + textWidth(title, TITLE_SIZE, 'ui-bold') + 24 + textWidth(key, CAPTION_SIZE) <= width - MARGIN.right;
  const keyLines = beside ? [key] : wrapLines(key, width - 8 - MARGIN.right, 3, CAPTION_SIZE);
  // A title wider than the panel (two long axis names) wraps onto a second line, and the caption onto further ones: nothing cut.
  const titleShift = (wrapLines(title, width - 16, 2, TITLE_SIZE, 'ui-bold').length - 1) * TITLE_LINE;
  const captionText = `${runText(data)} · ${data.points.filter((p) => p.pareto).length.toLocaleString('en')} on the front · ${shown.length.toLocaleString('en')} drawn${data.done ? '' : ' · running…'}`;
  const captionY = titleShift + (beside ? 32 : 32 + 14 * keyLines.length);
  const top = captionY + 14 + (wrapLines(captionText, width - 16, 4, CAPTION_SIZE).length - 1) * CAPTION_LINE;
  const height = top + PLOT_HEIGHT;
  const svg = chartSvg(container, width, height, `Explored designs: ${title}`);
  const g = svg.append('g') as unknown as G;
  panelTitle(g, 8, 16, title);
  keyLines.forEach((line, i) =>
    g
      .append('text')
      .attr('class', 'caption explore-key')
      .attr('x', beside ? width - MARGIN.right : 8)
      .attr('y', beside ? 16 : titleShift + 32 + 14 * i)
      .attr('text-anchor', beside ? 'end' : 'start')
      .attr('fill', theme.muted)
      .text(line),
  );
  caption(g, 8, captionY, captionText);
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = height - MARGIN.bottom;
  const y1 = top;
  if (shown.length === 0) {
    caption(g, x0, (y0 + y1) / 2, 'No evaluated design has both metrics.');
    return svg.node()!;
  }
  // The axes reach the config as written and each constraint's limit on them, so neither is
  // left off the chart (a workbench review: a p99 TTFT limit of 400 ms beside points at 270).
  const here = hereOf(data);
  const limitsOf = (index: number) =>
    constraintsOf(data)
      .filter((c) => data.metrics.indexOf(c.metric) === index)
      .map((c) => c.value);
  const reach = (axis: Axis, index: number) => [
    ...valuesOf(shown, axis),
    ...limitsOf(index),
    ...(here && axis.value(here) !== null ? [axis.value(here)!] : []),
  ];
  const x = axisScale(reach(ax, choice.x), choice.logX, [x0, x1]);
  const y = axisScale(reach(ay, choice.y), choice.logY, [y0, y1]);
  // As many digits as the ticks need to differ (a tight cluster's axis, now that it is not zero-based).
  const digitsOf = (v: number, digits: number) => (Math.abs(v) >= 1000 ? si(v, '', digits) : significant(v, digits));
  const xTick = distinctTicks(x.ticks(6), digitsOf);
  const yTick = distinctTicks(y.ticks(5), digitsOf);
  gridY(
    g,
    y.ticks(5).map((t) => y(t)),
    x0,
    x1,
  );
  gridX(
    g,
    x.ticks(6).map((t) => x(t)),
    y1,
    y0,
  );
  drawAxis(
    g,
    axisBottom(x)
      .ticks(6)
      .tickFormat((d) => xTick(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    `${ax.label}${choice.logX ? ' (log scale)' : ''}`,
    (x0 + x1) / 2,
  );
  drawAxis(
    g,
    axisLeft(y)
      .ticks(5)
      .tickFormat((d) => yTick(Number(d)))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    `${ay.label}${choice.logY ? ' (log scale)' : ''}`,
    (y0 + y1) / 2,
  );

  const colourOf = colourScale(shown, axes[choice.colour], theme);
  const order = [...shown].sort((a, b) => Number(a.pareto) - Number(b.pareto) || Number(a.feasible) - Number(b.feasible));
  const marks = g
    .append('g')
    .attr('class', 'explore-points')
    .selectAll<SVGCircleElement, ExplorationPoint>('circle')
    .data(order)
    .join('circle')
    .attr('class', (p) => `explore-point${p.pareto ? ' pareto' : ''}${p.feasible ? '' : ' infeasible'}`)
    .attr('cx', (p) => x(ax.value(p)!))
    .attr('cy', (p) => y(ay.value(p)!))
    .attr('r', (p) => (p.pareto ? 4.5 : 2.5))
    .attr('fill', (p) => (p.feasible ? colourOf(p) : 'none'))
    // A hollow (infeasible) mark catches the pointer over its whole disc, not only its thin ring.
    .attr('pointer-events', 'all')
    .attr('stroke', (p) => (p.pareto ? theme.foreground : p.feasible ? theme.markOutline : theme.muted))
    .attr('stroke-width', (p) => (p.pareto ? 1.5 : theme.markOutlineWidth))
    .attr('tabindex', (p) => (p.pareto ? 0 : null))
    .attr('role', 'button')
    .attr('aria-label', (p) => pointLabel(data, p));
  bindTooltip(marks, (p) => ({
    title: `Design #${p.index}${p.pareto ? ' · on the front' : p.feasible ? '' : ` · ${notFeasibleText(p.infeasible ?? [], data.constraints)}`}`,
    rows: [
      ...data.paths.map((path, i) => [path, p.values[i]!] as [string, string]),
      ...data.metrics.map((m, i) => [metricLabel(m) ?? m, p.metrics[i] === null ? '—' : metricText(m, p.metrics[i]!)] as [string, string]),
    ],
    note: 'Click: apply these values to the config, or open them as a new config.',
  }));
  marks
    .on('click.pick', (event: MouseEvent, p) => handlers.onPick(p, event))
    .on('keydown.pick', (event: KeyboardEvent, p) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        handlers.onPick(p, event);
      }
    });

  // The front when the axes are the two objectives, as the edge of what its points dominate: a
  // staircase, not straight lines between them, which promise designs between two front points
  // that nothing showed (a workbench review read the current config, below such a line, as
  // better than the front). Horizontal then vertical from each point where x is minimised.
  const objectives = data.objectives.map((o) => data.metrics.indexOf(o.metric));
  if (
    objectives.length === 2 &&
    new Set([choice.x, choice.y]).size === 2 &&
    objectives.includes(choice.x) &&
    objectives.includes(choice.y)
  ) {
    const front = shown.filter((p) => p.pareto).sort((a, b) => ax.value(a)! - ax.value(b)!);
    const xDirection = data.objectives[objectives.indexOf(choice.x)]!.direction;
    const path = line<ExplorationPoint>()
      .x((p) => x(ax.value(p)!))
      .y((p) => y(ay.value(p)!))
      .curve(xDirection === 'min' ? curveStepAfter : curveStepBefore);
    g.insert('path', '.explore-points')
      .attr('class', 'front-line')
      .attr('d', path(front))
      .attr('fill', 'none')
      .attr('stroke', theme.foreground)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '4 3');
  }
  limits(g, data, choice, { x0, x1, y0, y1 }, x, y, theme);
  brush(g, marks, { x0, x1, y0, y1 }, x, y, ax, ay, theme, handlers);
  if (here) currentMark(g, data, here, ax, ay, { x0, x1, y0, y1 }, x, y, theme);
  return svg.node()!;
}

/** The plot's edges in pixels. */
interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Each constraint on a drawn metric as a dashed line at its limit, named ("≤ 20"): the edge
 * of the feasible region a point fell outside of (a workbench review found it not drawn).
 */
function limits(g: G, data: ExplorationData, choice: ExplorationChoice, f: Frame, x: Scale, y: Scale, theme: Theme): void {
  for (const c of constraintsOf(data)) {
    const index = data.metrics.indexOf(c.metric);
    const label = `${c.op.replace('<=', '≤').replace('>=', '≥')} ${metricText(c.metric, c.value)}`;
    if (index === choice.x) {
      const at = x(c.value);
      if (!(at >= f.x0 && at <= f.x1)) continue;
      g.append('line').attr('class', 'constraint-line').attr('x1', at).attr('x2', at).attr('y1', f.y1).attr('y2', f.y0);
      g.append('text')
        .attr('class', 'caption halo constraint-label')
        .attr('x', at + 4)
        .attr('y', f.y1 + 10)
        .text(label);
    }
    if (index === choice.y) {
      const at = y(c.value);
      if (!(at >= f.y1 && at <= f.y0)) continue;
      g.append('line').attr('class', 'constraint-line').attr('x1', f.x0).attr('x2', f.x1).attr('y1', at).attr('y2', at);
      g.append('text')
        .attr('class', 'caption halo constraint-label')
        .attr('x', f.x1 - 4)
        .attr('y', at - 4)
        .attr('text-anchor', 'end')
        .text(label);
    }
  }
  g.selectAll('line.constraint-line').attr('stroke', theme.worse).attr('stroke-width', 1.2).attr('stroke-dasharray', '5 3');
}

/** The constraints, as the host writes them: `metric<op>number` in the metric's own unit (objectives.ts constraintText). */
function constraintsOf(data: ExplorationData): { metric: string; op: string; value: number }[] {
  return data.constraints.flatMap((text) => {
    const m = /^(.+?)(<=|>=|<|>)([-+]?[\d.]+(?:e[-+]?\d+)?)$/i.exec(text);
    return m ? [{ metric: m[1]!, op: m[2]!, value: Number(m[3]) }] : [];
  });
}

/** The config as written as a point of the chart (index -1), where the host sent it. */
function hereOf(data: ExplorationData): ExplorationPoint | undefined {
  return data.current
    ? { index: -1, values: data.current.values, metrics: data.current.metrics, feasible: true, pareto: false }
    : undefined;
}

/**
 * The config as written, where it stands among the explored designs: a hollow diamond, named,
 * its figures in its tooltip (a workbench review: "where is my design on this front?").
 */
function currentMark(
  g: G,
  data: ExplorationData,
  here: ExplorationPoint,
  ax: Axis,
  ay: Axis,
  f: Frame,
  x: Scale,
  y: Scale,
  theme: Theme,
): void {
  const [vx, vy] = [ax.value(here), ay.value(here)];
  if (vx === null || vy === null || !Number.isFinite(vx) || !Number.isFinite(vy)) return;
  const [cx, cy] = [x(vx), y(vy)];
  if (!(cx >= f.x0 - 1 && cx <= f.x1 + 1 && cy >= f.y1 - 1 && cy <= f.y0 + 1)) return;
  const mark = g.append('g').attr('class', 'explore-current').attr('transform', `translate(${cx},${cy})`);
  mark
    .append('path')
    .attr('d', symbol(symbolDiamond, 130)())
    .attr('fill', 'none')
    .attr('stroke', theme.foreground)
    .attr('stroke-width', 2)
    .attr('pointer-events', 'all')
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', 'This config as written');
  const left = cx > (f.x0 + f.x1) / 2;
  mark
    .append('text')
    .attr('class', 'caption halo current-label')
    .attr('x', left ? -10 : 10)
    .attr('y', -8)
    .attr('text-anchor', left ? 'end' : 'start')
    .text('this config');
  bindTooltip(mark, () => ({
    title: 'This config, as written',
    rows: [
      ...data.paths.map((path, i) => [path, here.values[i] || '—'] as [string, string]),
      ...data.metrics.map(
        (m, i) => [metricLabel(m) ?? m, here.metrics[i] === null ? '—' : metricText(m, here.metrics[i]!)] as [string, string],
      ),
    ],
    note: 'As the editor evaluates the file: its values need not be in the explored grid.',
  }));
}

function pointLabel(data: ExplorationData, p: ExplorationPoint): string {
  return `Design ${p.index}: ${data.paths.map((path, i) => `${path} ${p.values[i]}`).join(', ')}${p.pareto ? ', on the Pareto front' : p.feasible ? '' : `, ${notFeasibleText(p.infeasible ?? [], data.constraints)}`}`;
}

function colourScale(shown: ExplorationPoint[], axis: Axis | undefined, theme: Theme): (p: ExplorationPoint) => string {
  if (!axis) return (p) => (p.pareto ? theme.better : theme.design);
  const values = valuesOf(shown, axis);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // Two theme colours, so the scale follows the colour theme (and its high-contrast variants).
  const scale = scaleLinear<string>()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([theme.design, theme.baseline]);
  return (p) => {
    const v = axis.value(p);
    return v === null ? theme.muted : scale(v);
  };
}

/** What the colours and hollow marks mean. */
function legendText(colour: Axis | undefined, shown: ExplorationPoint[]): string {
  const values = colour ? valuesOf(shown, colour) : [];
  const ends = values.length
    ? `blue ${significant(Math.min(...values))} … orange ${significant(Math.max(...values))}`
    : 'blue low … orange high';
  return !colour
    ? 'colour: blue feasible, green on the front; hollow: not feasible'
    : `colour: ${colour.label} (${ends}); hollow: not feasible`;
}

/** A rectangle dragged on the plot selects the points inside it; a click on empty space clears it. */
function brush(
  g: G,
  marks: Selection<SVGCircleElement, ExplorationPoint, SVGGElement, unknown>,
  box: { x0: number; x1: number; y0: number; y1: number },
  x: Scale,
  y: Scale,
  ax: Axis,
  ay: Axis,
  theme: Theme,
  handlers: ExplorationHandlers,
): void {
  const area = g
    .insert('rect', '.explore-points')
    .attr('class', 'brush-area')
    .attr('x', box.x0)
    .attr('y', box.y1)
    .attr('width', box.x1 - box.x0)
    .attr('height', box.y0 - box.y1)
    .attr('fill', 'transparent');
  const rect = g
    .append('rect')
    .attr('class', 'brush')
    .attr('fill', theme.focus)
    .attr('fill-opacity', 0.12)
    .attr('stroke', theme.focus)
    .attr('visibility', 'hidden');
  let start: [number, number] | undefined;
  const local = (event: PointerEvent): [number, number] => {
    const r = (area.node() as SVGRectElement).getBoundingClientRect();
    return [
      Math.max(box.x0, Math.min(box.x1, box.x0 + event.clientX - r.left)),
      Math.max(box.y1, Math.min(box.y0, box.y1 + event.clientY - r.top)),
    ];
  };
  area
    .on('pointerdown', (event: PointerEvent) => {
      start = local(event);
      (event.target as Element).setPointerCapture?.(event.pointerId);
      rect.attr('visibility', 'hidden');
    })
    .on('pointermove', (event: PointerEvent) => {
      if (!start) return;
      const [cx, cy] = local(event);
      rect
        .attr('visibility', 'visible')
        .attr('x', Math.min(start[0], cx))
        .attr('y', Math.min(start[1], cy))
        .attr('width', Math.abs(cx - start[0]))
        .attr('height', Math.abs(cy - start[1]));
    })
    .on('pointerup', (event: PointerEvent) => {
      if (!start) return;
      const [cx, cy] = local(event);
      const [sx, sy] = start;
      start = undefined;
      if (Math.abs(cx - sx) < 3 && Math.abs(cy - sy) < 3) {
        rect.attr('visibility', 'hidden');
        marks.classed('brushed', false);
        handlers.onBrush([]);
        return;
      }
      const [lx, hx] = [Math.min(sx, cx), Math.max(sx, cx)];
      const [ly, hy] = [Math.min(sy, cy), Math.max(sy, cy)];
      const inside = (p: ExplorationPoint) => {
        const px = x(ax.value(p)!);
        const py = y(ay.value(p)!);
        return px >= lx && px <= hx && py >= ly && py <= hy;
      };
      marks.classed('brushed', inside);
      handlers.onBrush(marks.data().filter(inside));
    });
}
