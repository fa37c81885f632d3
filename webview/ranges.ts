// The 80 % prediction ranges in the charts: a translucent band in a series' colour behind a
// curve, the words that explain it, and the tooltip rows and table cells that print it. The
// numbers are the report's (`Metric.range`, model/ranges): a view never computes a range.

import { area, line } from 'd3-shape';
import type { Metric } from '../model/report/types';
import type { G } from './charts';
import type { Theme } from './theme';

/** What the band means, for captions and tooltips. */
export const RANGE_MEANING = '80 % prediction range: where a real run should land four times out of five (cross-validated)';
export const RANGE_LEGEND = '80 % range';

/** One x position of a band with the report's metric drawn there (none: a value that did not evaluate, a gap). */
export interface BandPoint {
  x: number;
  metric?: Metric | undefined;
}

/**
 * A band from each point's range low to its high, behind the series' curve (drawn first, so
 * the curve and its points stay on top). Points without a range leave a gap. Carries the
 * report's numbers as data attributes (`data-lows`, `data-highs`) for tests and scripts.
 * Returns the path, or undefined when no point has a range.
 */
export function drawRangeBand(
  g: G,
  points: readonly BandPoint[],
  y: (value: number) => number,
  color: string,
  theme: Theme,
  className: string,
): G | undefined {
  if (!points.some((p) => p.metric?.range)) return undefined;
  const band = area<BandPoint>()
    .defined((p) => p.metric?.range !== undefined)
    .x((p) => p.x)
    .y0((p) => y(p.metric!.range!.low))
    .y1((p) => y(p.metric!.range!.high));
  const ranged = points.filter((p) => p.metric?.range);
  const group = g.append('g').attr('class', `range-band ${className}`) as unknown as G;
  group
    .append('path')
    .attr('class', 'range-band-fill')
    .attr('d', band(points))
    .attr('fill', color)
    .attr('fill-opacity', theme.rangeOpacity)
    .attr('stroke', 'none');
  // Thin edges: the band's ends stay readable where it is faint (light themes) or where two overlap.
  for (const edge of ['low', 'high'] as const) {
    const path = line<BandPoint>()
      .defined((p) => p.metric?.range !== undefined)
      .x((p) => p.x)
      .y((p) => y(p.metric!.range![edge]));
    group
      .append('path')
      .attr('class', `range-band-edge range-band-${edge}`)
      .attr('d', path(points))
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-opacity', 0.6)
      .attr('stroke-width', 0.75);
  }
  // A ranged point with no ranged neighbour spans no area: an error bar shows its range instead.
  const isolated = points.filter((p, i) => p.metric?.range && !points[i - 1]?.metric?.range && !points[i + 1]?.metric?.range);
  for (const p of isolated) {
    const [low, high] = [y(p.metric!.range!.low), y(p.metric!.range!.high)];
    group
      .append('path')
      .attr('class', 'range-whisker')
      .attr('d', `M${p.x - 4},${low}H${p.x + 4}M${p.x},${low}V${high}M${p.x - 4},${high}H${p.x + 4}`)
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 1.5);
  }
  group
    .attr('data-xs', ranged.map((p) => p.x).join(' '))
    .attr('data-lows', ranged.map((p) => p.metric!.range!.low).join(' '))
    .attr('data-highs', ranged.map((p) => p.metric!.range!.high).join(' '));
  return group;
}

/** The metric's text and, when it has one, its range: "8.29 ms [6.62–24.1 ms]", as the CLI table and CodeLens print it. */
export function withRange(m: Metric | undefined): string {
  if (!m) return '—';
  return m.range ? `${m.text} [${m.range.text}]` : m.text;
}

/** Tooltip rows for a metric: its value and, when it has one, its 80 % range. */
export function rangeRows(label: string, m: Metric, suffix = ''): Array<[string, string]> {
  return [[label, `${m.text}${suffix}`], ...(m.range ? [[`${label}, 80 % range`, m.range.text] as [string, string]] : [])];
}
