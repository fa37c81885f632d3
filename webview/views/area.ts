// Die area by component (model/silicon): this design above the baseline, one stacked bar each,
// with the chip price and where it comes from (given or modelled). Components that share a
// colour family (the three SRAM kinds) are told apart by shade (theme.ts) and by their labels.

import { scaleLinear } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import type { AreaComponent, SiliconResult } from '../../model/result';
import { caption, drawAxis, gridX, legend, panelTitle, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { formatPercent, formatUsd, significant } from '../format';
import { dataTable } from '../table';
import { ellipsize, textWidth } from '../text';
import { textOn } from '../theme';
import { bindTooltip } from '../tooltip';

interface Row { name: string; silicon: SiliconResult; isBaseline: boolean }
interface Segment { row: Row; rowIndex: number; component: AreaComponent; start: number; total: number }

const ROW = 36;
const BAR = 16;
/** The largest die a scanner exposes (26 x 33 mm), drawn as a reference line. */
const RETICLE_MM2 = 858;

export function drawArea(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const theme = ctx.theme;
  const rows: Row[] = [];
  const mine = input.result.silicon;
  if (mine && mine.dieAreaMm2 !== null) rows.push({ name: input.view.name || 'This design', silicon: mine, isBaseline: false });
  const baseline = input.view.baseline;
  const theirs = baseline?.result.silicon;
  if (baseline && input.showBaseline && theirs && theirs.dieAreaMm2 !== null) rows.push({ name: baseline.name, silicon: theirs, isBaseline: true });
  if (rows.length === 0) return 0;

  panelTitle(g, 8, 16, 'Die area by component');
  caption(g, 8, 32, `Modelled from the design at its process node (docs/silicon.md) · dashed line: the ${RETICLE_MM2} mm² reticle`);
  const ids = [...new Set(rows.flatMap((r) => r.silicon.components.map((c) => c.id)))];
  const labelOf = new Map(rows.flatMap((r) => r.silicon.components.map((c) => [c.id, c.label] as const)));
  const color = (id: string) => theme.dieComponent[id] ?? theme.muted;
  const legendHeight = legend(g, ids.map((id) => ({ label: labelOf.get(id) ?? id, color: color(id) })), 8, 42, width - 16, theme);

  const top = 42 + legendHeight + 14;
  const x0 = 8;
  const right = width - 12;
  const maxMm2 = Math.max(RETICLE_MM2, ...rows.map((r) => r.silicon.dieAreaMm2!));
  const x = scaleLinear().domain([0, maxMm2]).nice(4).range([x0, right]);
  const bottom = top + rows.length * ROW;
  const barY = (i: number) => top + i * ROW + 16;
  const ticks = x.ticks(Math.max(2, Math.floor((right - x0) / 70)));
  gridX(g, ticks.map((t) => x(t)), top + 14, bottom);
  drawAxis(g, axisBottom(x).tickValues(ticks).tickFormat((d) => significant(Number(d))).tickSizeOuter(0), 'bottom', { x: 0, y: bottom }, 'mm² of silicon (all chiplets)', (x0 + right) / 2);
  g.append('line').attr('class', 'reticle').attr('x1', x(RETICLE_MM2)).attr('x2', x(RETICLE_MM2)).attr('y1', top + 12).attr('y2', bottom)
    .attr('stroke', theme.foreground).attr('stroke-dasharray', '4 3');

  rows.forEach((row, i) => {
    const s = row.silicon;
    const label = g.append('text').attr('class', 'row-label').attr('x', x0).attr('y', barY(i) - 4);
    const summary = ` ${significant(s.dieAreaMm2!)} mm²${s.chiplets > 1 ? ` in ${s.chiplets} chiplets` : ''} · ${s.process} · ${formatUsd(s.chipPriceUsd)} (${s.priceSource}${s.priceSource === 'given' && s.modelledPriceUsd !== null ? `; modelled ${formatUsd(s.modelledPriceUsd)}` : ''})`;
    label.append('tspan').text(ellipsize(row.isBaseline ? `${row.name} (baseline):` : `${row.name}:`, Math.max(40, right - x0 - textWidth(summary))));
    label.append('tspan').attr('class', 'row-total').text(summary);
  });

  const segments: Segment[] = rows.flatMap((row, rowIndex) => {
    let start = 0;
    return row.silicon.components.map((component) => {
      const segment = { row, rowIndex, component, start, total: row.silicon.dieAreaMm2! };
      start += component.mm2;
      return segment;
    });
  });
  const bars = g.append('g').attr('class', 'bars').selectAll('rect').data(segments).join('rect')
    .attr('class', 'bar area-bar').attr('data-component', (s) => s.component.id).attr('data-row', (s) => (s.row.isBaseline ? 'baseline' : 'design'))
    .attr('x', (s) => x(s.start)).attr('width', (s) => Math.max(0.5, x(s.start + s.component.mm2) - x(s.start)))
    .attr('y', (s) => barY(s.rowIndex)).attr('height', BAR)
    .attr('fill', (s) => color(s.component.id))
    .attr('stroke', theme.markOutline).attr('stroke-width', theme.markOutlineWidth);
  bindTooltip(bars, (s) => ({
    title: `${s.row.name}: ${s.component.label}`,
    rows: [['Area', `${significant(s.component.mm2)} mm²`], ['Share of the die', formatPercent(s.component.mm2 / s.total)], ['How', s.component.detail]],
  }));
  // Labels inside the segments wide enough to hold them.
  g.append('g').attr('class', 'segment-labels').selectAll('text').data(segments.filter((s) => x(s.start + s.component.mm2) - x(s.start) > textWidth(s.component.label) + 8)).join('text')
    .attr('x', (s) => x(s.start) + 4).attr('y', (s) => barY(s.rowIndex) + BAR - 4)
    .attr('fill', (s) => textOn(color(s.component.id))).text((s) => s.component.label);

  dataTable(tables, 'Table: die area by component and chip price',
    ['Design', 'Component', 'mm²', 'Share', 'How'],
    rows.flatMap((r) => [
      ...r.silicon.components.map((c) => [r.name, c.label, significant(c.mm2), formatPercent(c.mm2 / r.silicon.dieAreaMm2!), c.detail]),
      [r.name, 'Total', significant(r.silicon.dieAreaMm2!), '100%', `${r.silicon.process}; price ${formatUsd(r.silicon.chipPriceUsd)} (${r.silicon.priceSource})`],
    ]));
  return bottom + 40;
}
