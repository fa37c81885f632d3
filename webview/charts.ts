// Building blocks shared by the three views: the chart's SVG root, titles, axes with
// titles, grids, legends, log-axis ticks, and the context a view renders with. Text
// measurement, label placement, tooltips, selection and tables live in their own modules.

import type { Selection } from 'd3-selection';
import type { Axis, AxisDomain } from 'd3-axis';
import type { Phase } from '../model/result';
import type { ChartData, ViewMessage, ViewModel } from './protocol';
import type { SweepInput } from './views/sweep';
import type { Theme } from './theme';
import { ellipsize, FONT_SIZE, textWidth, wrapLines, type Face } from './text';
import { significant } from './format';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type G = Selection<SVGGElement, unknown, null, undefined>;
export type Container = Selection<HTMLElement, unknown, null, undefined>;

/** What every view renders with. */
export interface ViewContext {
  theme: Theme;
  /** Width available to the view, CSS pixels. */
  width: number;
  post(message: ViewMessage): void;
  /** The operator last clicked in any view (highlighted everywhere), by id. */
  selectedOperatorId: string | undefined;
  selectOperator(id: string, governingKey: string): void;
}

/** What a view draws: one evaluated design, the phase and baseline chosen in the controls. */
export interface RenderInput {
  view: ViewModel;
  result: ChartData;
  phase: Phase;
  showBaseline: boolean;
  /** The last sweep the host sent, if any. */
  sweep?: SweepInput;
  /** While this view's traffic is simulated: the last view of this config that had it, shown faded meanwhile. */
  servedBefore?: ViewModel;
}

/** A fresh <svg> in `container`, labelled for screen readers; the class marks it for export. */
export function chartSvg(container: Container, width: number, height: number, label: string): Svg {
  return container
    .append('svg')
    .attr('class', 'chart')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', label);
}

/** Line spacing of wrapped titles and captions, px. */
export const TITLE_LINE = 17;
export const CAPTION_LINE = 13;

/**
 * A panel title, left-aligned at (x, y), wrapped onto a second line if it is wider than the
 * chart. Returns the height its extra lines took (0 on one line): what is drawn below moves
 * down by that much.
 */
export function panelTitle(g: G | Svg, x: number, y: number, text: string, maxLines = 2): number {
  // Bold 13 px text measures about 6 % wider than regular.
  return wrappedText(g, 'panel-title', x, y, text, 13, TITLE_LINE, maxLines, 'ui-bold');
}

/**
 * Caption lines under a title, in secondary colour: wrapped rather than cut, so the
 * explanation they carry survives a narrow panel. Returns the height its extra lines took.
 */
export function caption(g: G | Svg, x: number, y: number, text: string, maxLines = 4): number {
  return wrappedText(g, 'caption', x, y, text, 10.5, CAPTION_LINE, maxLines);
}

/** A group `dy` below `g` (or `g` itself for 0): what follows a wrapped title or caption is drawn in it. */
export function below(g: G, dy: number): G {
  return dy ? (g.append('g').attr('transform', `translate(0,${dy})`) as unknown as G) : g;
}

/**
 * Text wrapped to the chart's width (a narrow panel must not clip it mid-word at the edge),
 * one <tspan> a line; the whole text in a tooltip if even `maxLines` lines had to cut it.
 */
function wrappedText(
  g: G | Svg,
  className: string,
  x: number,
  y: number,
  text: string,
  size: number,
  lineHeight: number,
  maxLines: number,
  face: Face = 'ui',
): number {
  const node = g.node() as SVGElement | null;
  const svg = node instanceof SVGSVGElement ? node : node?.ownerSVGElement;
  const width = Number(svg?.getAttribute('width'));
  const lines = Number.isFinite(width) && width > 0 ? wrapLines(text, width - x - 8, maxLines, size, face) : [text];
  const element = g.append('text').attr('class', className).attr('x', x).attr('y', y);
  lines.forEach((line, i) =>
    element
      .append('tspan')
      .attr('x', x)
      .attr('dy', i ? lineHeight : 0)
      // The space a line ended at kept, so the element's text reads as the sentence it was.
      .text(i < lines.length - 1 && !line.endsWith('-') ? `${line} ` : line),
  );
  if (lines.at(-1)?.endsWith('…') && !text.endsWith('…')) element.append('title').text(text);
  return (lines.length - 1) * lineHeight;
}

/**
 * An axis with its title. The title says the quantity, the unit, and "log scale" where it is
 * one: tick labels carry only numbers (and SI prefixes) so they stay short. `center` is
 * where the title goes along the axis, in the axis's own coordinates.
 */
export function drawAxis<D extends AxisDomain>(
  g: G,
  axis: Axis<D>,
  orient: 'bottom' | 'left',
  at: { x: number; y: number },
  title: string,
  center: number,
): G {
  const axisG = g.append('g').attr('class', `axis axis-${orient}`).attr('transform', `translate(${at.x},${at.y})`);
  axisG.call(axis as unknown as (s: G) => void);
  axisG.selectAll('text').attr('fill', null);
  axisG.selectAll('line, path.domain').attr('stroke', null);
  const titleText = axisG.append('text').attr('class', 'axis-title').attr('text-anchor', 'middle').text(title);
  if (orient === 'bottom') titleText.attr('x', center).attr('y', 34);
  else titleText.attr('transform', `translate(-46,${center}) rotate(-90)`);
  return axisG;
}

/** Horizontal grid lines at the given y positions, behind the marks. */
export function gridY(g: G, ys: readonly number[], x0: number, x1: number): void {
  g.append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(ys)
    .join('line')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', (y) => y)
    .attr('y2', (y) => y);
}

export function gridX(g: G, xs: readonly number[], y0: number, y1: number): void {
  g.append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(xs)
    .join('line')
    .attr('y1', y0)
    .attr('y2', y1)
    .attr('x1', (x) => x)
    .attr('x2', (x) => x);
}

export interface LegendItem {
  label: string;
  color: string;
  shape?: 'square' | 'circle' | 'line' | 'dashed' | 'hollow' | 'open' | 'fixed' | 'band';
  /** For a line swatch that is also a size key (edge widths). */
  strokeWidth?: number;
  /** For a band swatch: a second band drawn over it, the colour where two ranges overlap. */
  over?: string;
}

/** A legend that wraps to the width; returns the height it used. */
export function legend(g: G, items: readonly LegendItem[], x: number, y: number, maxWidth: number, theme: Theme): number {
  const legendG = g.append('g').attr('class', 'legend').attr('transform', `translate(${x},${y})`);
  const rowHeight = 16;
  let cx = 0;
  let cy = 0;
  for (const item of items) {
    // Size-key lines are longer than they are thick, so they read as lines.
    const swatchWidth = item.strokeWidth ? 24 : 12;
    const itemWidth = swatchWidth + 4 + textWidth(item.label, FONT_SIZE) + 14;
    if (cx > 0 && cx + itemWidth > maxWidth) {
      cx = 0;
      cy += rowHeight;
    }
    const itemG = legendG.append('g').attr('transform', `translate(${cx},${cy})`);
    drawSwatch(itemG, item, swatchWidth, theme);
    // An item wider than the legend by itself (a long design name in a narrow panel) is cut, the whole label on hover.
    const shown = ellipsize(item.label, maxWidth - swatchWidth - 4);
    const label = itemG
      .append('text')
      .attr('x', swatchWidth + 4)
      .attr('y', 9)
      .attr('class', 'legend-label')
      .text(shown);
    if (shown !== item.label) label.append('title').text(item.label);
    cx += itemWidth;
  }
  return cy + rowHeight;
}

function drawSwatch(g: G, item: LegendItem, width: number, theme: Theme): void {
  switch (item.shape ?? 'square') {
    case 'line':
    case 'dashed':
      g.append('line')
        .attr('x1', 0)
        .attr('x2', width)
        .attr('y1', 5)
        .attr('y2', 5)
        .attr('stroke', item.color)
        .attr('stroke-width', item.strokeWidth ?? 2)
        .attr('stroke-dasharray', item.shape === 'dashed' ? '3 2' : null);
      break;
    case 'circle':
      g.append('circle')
        .attr('cx', 6)
        .attr('cy', 5)
        .attr('r', 5)
        .attr('fill', item.color)
        .attr('stroke', theme.markOutline)
        .attr('stroke-width', theme.markOutlineWidth);
      break;
    case 'open':
      // A marker not filled in (a load point whose p99 misses the SLO).
      g.append('circle').attr('cx', 6).attr('cy', 5).attr('r', 4).attr('fill', 'none').attr('stroke', item.color).attr('stroke-width', 1.5);
      break;
    case 'hollow':
      g.append('circle')
        .attr('cx', 6)
        .attr('cy', 5)
        .attr('r', 4.5)
        .attr('fill', 'none')
        .attr('stroke', item.color)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', '2 1.5');
      break;
    case 'band':
      // A prediction-range band (webview/ranges.ts): the translucent fill with its edges.
      for (const color of item.over ? [item.color, item.over] : [item.color]) {
        g.append('rect')
          .attr('x', 0)
          .attr('y', 0)
          .attr('width', width)
          .attr('height', 10)
          .attr('fill', color)
          .attr('fill-opacity', theme.rangeOpacity)
          .attr('stroke', color)
          .attr('stroke-opacity', 0.6)
          .attr('stroke-width', 0.75);
      }
      break;
    case 'fixed':
      g.append('rect')
        .attr('x', 1)
        .attr('y', 0)
        .attr('width', 10)
        .attr('height', 10)
        .attr('rx', 2)
        .attr('fill', item.color)
        .attr('stroke', theme.foreground)
        .attr('stroke-width', 1.5);
      break;
    default:
      g.append('rect')
        .attr('x', 0)
        .attr('y', 0)
        .attr('width', 12)
        .attr('height', 10)
        .attr('fill', item.color)
        .attr('stroke', theme.markOutline)
        .attr('stroke-width', theme.markOutlineWidth);
  }
}

/** Empties a container (between renders): one DOM operation, not one per descendant. */
export function clear(element: Element): void {
  element.replaceChildren();
}

/** Log-axis ticks at powers of ten only: 1-2-5 ticks crowd a log axis and mislead. */
export function decadeTicks(domain: readonly [number, number]): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(domain[0]) - 1e-9); e <= Math.floor(Math.log10(domain[1]) + 1e-9); e++) ticks.push(10 ** e);
  return ticks;
}

/** [lo, hi] widened to whole decades. */
export function decadeDomain(lo: number, hi: number): [number, number] {
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

/**
 * The unit of a time axis whose values are in ms: seconds from 2 s up (a 20 s prefill read
 * "0 … 40,000" milliseconds), else ms. `tick` formats a value in ms in that unit.
 */
export function timeAxis(maxMs: number): { unit: 'ms' | 's'; tick: (ms: number) => string } {
  return maxMs >= 2000 ? { unit: 's', tick: (ms) => significant(ms / 1e3) } : { unit: 'ms', tick: (ms) => significant(ms) };
}
