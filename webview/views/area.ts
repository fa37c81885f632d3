// Die area by component (model/silicon): this design above the baseline, one stacked bar each,
// with the chip price and where it comes from (given or modelled). Every number is the
// report's (its `silicon` breakdown and the `silicon.*` metrics), for both rows. Components
// that share a colour family (the three SRAM kinds) are told apart by shade (theme.ts) and by
// their labels.

import { scaleLinear } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import type { AreaShare, DesignReport, Metric } from '../../model/report/types';
import { below, caption, drawAxis, gridX, legend, panelTitle, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { significant } from '../format';
import { dataTable } from '../table';
import { ellipsize, FONT_SIZE, textWidth, wrapLines } from '../text';
import { textOn } from '../theme';
import { bindTooltip } from '../tooltip';

interface Row {
  name: string;
  reticleMm2: number;
  chiplets: number;
  largestDieMm2: number | undefined;
  area: Metric;
  price: Metric | undefined;
  modelled: Metric | undefined;
  components: AreaShare[];
  isBaseline: boolean;
}
interface Segment {
  row: Row;
  rowIndex: number;
  component: AreaShare;
  start: number;
}

const BAR = 16;
/** Height of a line of a row's label (11 px text). */
const LINE = 14;
/** From a row's label to its bar, and from the bar to the next row's label (px). */
const ABOVE_BAR = 4;
const BELOW_BAR = 10;

function rowOf(name: string, report: DesignReport, isBaseline: boolean): Row | undefined {
  const m = (id: string) => report.metrics.find((x) => x.id === id);
  const area = m('silicon.dieAreaMm2');
  if (!report.silicon || !area || report.silicon.areaByComponent.length === 0) return undefined;
  return {
    name,
    reticleMm2: report.silicon.reticleMm2,
    chiplets: report.silicon.chiplets,
    largestDieMm2: report.silicon.largestDieMm2,
    area,
    price: m('silicon.chipPriceUsd'),
    modelled: report.silicon.modelledPriceApart ? m('silicon.modelledPriceUsd') : undefined,
    components: report.silicon.areaByComponent,
    isBaseline,
  };
}

/** "814 mm² (4 nm) · $25,000 (the h100-sxm preset's estimate; modelled $23,100)". */
function summaryOf(row: Row): string {
  const price = row.price ? ` · ${row.price.text} (${row.price.note}${row.modelled ? `; modelled ${row.modelled.text}` : ''})` : '';
  return `${row.area.text}${row.area.range ? ` [${row.area.range.text}]` : ''}${row.area.note ? ` (${row.area.note})` : ''}${price}`;
}

const rowName = (row: Row): string => (row.isBaseline ? `${row.name} (baseline):` : `${row.name}:`);

interface Part {
  text: string;
  bold: boolean;
}

/**
 * A row's label as lines of parts: the name and the (bold) summary on one line where they
 * fit; else the name on its own line (ellipsized) and the summary wrapped below it, in up to
 * three lines (with the area's range, two cut the price off at 320 px).
 */
function rowLabel(row: Row, room: number): Part[][] {
  const name = rowName(row);
  const summary = summaryOf(row);
  if (textWidth(`${name} `) + textWidth(summary, FONT_SIZE, 'ui-bold') <= room)
    return [
      [
        { text: name, bold: false },
        { text: ` ${summary}`, bold: true },
      ],
    ];
  return [
    [{ text: ellipsize(name, room), bold: false }],
    ...wrapLines(summary, room, 3, FONT_SIZE, 'ui-bold').map((text) => [{ text, bold: true }]),
  ];
}

export function drawArea(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const theme = ctx.theme;
  const report = input.view.report;
  if (!report.design) return 0;
  const rows: Row[] = [];
  const mine = rowOf(input.view.name || 'This design', report.design, false);
  if (mine) rows.push(mine);
  const theirs = report.baseline && input.showBaseline ? rowOf(report.baseline.name, report.baseline.report, true) : undefined;
  if (theirs) rows.push(theirs);
  if (rows.length === 0) return 0;
  const reticleMm2 = rows[0]!.reticleMm2;

  const titleShift = panelTitle(g, 8, 16, 'Die area by component');
  const shift =
    titleShift +
    caption(
      g,
      8,
      32 + titleShift,
      `Modelled from the design at its process node (docs/silicon.md) · dashed line: the ${significant(reticleMm2)} mm² reticle, the most one die can be${rows.some((r) => r.chiplets > 1) ? ' · bracket under a bar: its largest chiplet' : ''}`,
    );
  g = below(g, shift);
  const ids = [...new Set(rows.flatMap((r) => r.components.map((c) => c.key)))];
  const labelOf = new Map(rows.flatMap((r) => r.components.map((c) => [c.key, c.label] as const)));
  const color = (id: string) => theme.dieComponent[id] ?? theme.muted;
  // Padding is blank silicon: hatched in every theme, so that it does not read as more PHY.
  const fill = hatchedFills(g, ids, color, theme.background, theme.highContrast ? Object.keys(HATCHES) : ['shorelinePad']);
  const legendHeight = legend(
    g,
    ids.map((id) => ({ label: labelOf.get(id) ?? id, color: fill(id) })),
    8,
    42,
    width - 16,
    theme,
  );

  const top = 42 + legendHeight + 14;
  const x0 = 8;
  const right = width - 12;
  const maxMm2 = Math.max(reticleMm2, ...rows.map((r) => r.area.value));
  const x = scaleLinear().domain([0, maxMm2]).nice(4).range([x0, right]);
  // Each row: its label (wrapped, a narrow panel cut the price off), then its bar.
  const labels = rows.map((row) => rowLabel(row, right - x0));
  const barYs: number[] = [];
  let rowTop = top;
  for (const lines of labels) {
    barYs.push(rowTop + lines.length * LINE + ABOVE_BAR);
    rowTop = barYs[barYs.length - 1]! + BAR + BELOW_BAR;
  }
  const bottom = rowTop - BELOW_BAR + 12;
  const barY = (i: number) => barYs[i]!;
  const ticks = x.ticks(Math.max(2, Math.floor((right - x0) / 70)));
  gridX(
    g,
    ticks.map((t) => x(t)),
    top,
    bottom,
  );
  drawAxis(
    g,
    axisBottom(x)
      .tickValues(ticks)
      .tickFormat((d) => significant(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: bottom },
    'mm² of silicon (all chiplets)',
    (x0 + right) / 2,
  );
  rows.forEach((row, i) => {
    const label = g.append('text').attr('class', 'row-label');
    labels[i]!.forEach((line, k) => {
      const y = barY(i) - ABOVE_BAR - (labels[i]!.length - 1 - k) * LINE - 3;
      for (const part of line)
        label
          .append('tspan')
          .attr('class', part.bold ? 'row-total' : null)
          .attr('x', part === line[0] ? x0 : null)
          .attr('y', part === line[0] ? y : null)
          .text(part.text);
    });
    const full = `${rowName(row)} ${summaryOf(row)}`;
    if (labels[i]!.flat().some((part) => part.text.endsWith('…'))) label.append('title').text(full);
  });

  const segments: Segment[] = rows.flatMap((row, rowIndex) => {
    let start = 0;
    return row.components.map((component) => {
      const segment = { row, rowIndex, component, start };
      start += component.value;
      return segment;
    });
  });
  const bars = g
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(segments)
    .join('rect')
    .attr('class', 'bar area-bar')
    .attr('data-component', (s) => s.component.key)
    .attr('data-row', (s) => (s.row.isBaseline ? 'baseline' : 'design'))
    .attr('x', (s) => x(s.start))
    .attr('width', (s) => Math.max(0.5, x(s.start + s.component.value) - x(s.start)))
    .attr('y', (s) => barY(s.rowIndex))
    .attr('height', BAR)
    .attr('fill', (s) => fill(s.component.key))
    .attr('stroke', theme.markOutline)
    .attr('stroke-width', theme.markOutlineWidth);
  bindTooltip(bars, (s) => ({
    title: `${s.row.name}: ${s.component.label}`,
    rows: [
      ['Area', s.component.text],
      [s.row.chiplets > 1 ? 'Share of all dies' : 'Share of the die', s.component.shareText],
      ['How', s.component.detail],
    ],
  }));
  // The largest die of a chiplet design, under its bar: the reticle bounds a die, not the silicon of all of them.
  const bracketY = (i: number) => barY(i) + BAR + 4;
  rows.forEach((row, i) => {
    if (row.chiplets <= 1 || row.largestDieMm2 === undefined) return;
    const [left, end] = [x(0), x(row.largestDieMm2)];
    const y = bracketY(i);
    const bracket = g
      .append('path')
      .attr('class', 'die-bracket')
      .attr('d', `M${left},${y - 3} V${y} H${end} V${y - 3}`);
    bracket.attr('fill', 'none').attr('stroke', theme.foreground).attr('stroke-width', 1.5);
    bracket.append('title').text(`The largest of ${row.chiplets} dies: ${significant(row.largestDieMm2)} mm²`);
  });
  // The reticle line runs through the bars (over them: a bar past it is a die past it only
  // without chiplets) and below the last, never through a label.
  rows.forEach((row, i) =>
    g
      .append('line')
      .attr('class', 'reticle')
      .attr('x1', x(reticleMm2))
      .attr('x2', x(reticleMm2))
      .attr('y1', barY(i) - 3)
      .attr('y2', i === rows.length - 1 ? bottom : (row.chiplets > 1 ? bracketY(i) : barY(i) + BAR) + 3)
      .attr('stroke', theme.foreground)
      .attr('stroke-dasharray', '4 3'),
  );
  // Labels inside the segments wide enough to hold them.
  g.append('g')
    .attr('class', 'segment-labels')
    .selectAll('text')
    .data(segments.filter((s) => x(s.start + s.component.value) - x(s.start) > textWidth(s.component.label) + 8))
    .join('text')
    .attr('data-component', (s) => s.component.key)
    .attr('x', (s) => x(s.start) + 4)
    .attr('y', (s) => barY(s.rowIndex) + BAR - 4)
    .attr('fill', (s) => (fill(s.component.key) === color(s.component.key) ? textOn(color(s.component.key)) : theme.foreground))
    // Over a hatch (high contrast), a halo in the background keeps the hatch's lines off the letters.
    .classed('halo', (s) => fill(s.component.key) !== color(s.component.key))
    .text((s) => s.component.label);

  dataTable(
    tables,
    'Table: die area by component and chip price',
    ['Design', 'Component', 'Area', 'Share', 'How'],
    rows.flatMap((r) => [
      ...r.components.map((c) => [r.name, c.label, c.text, c.shareText, c.detail]),
      [r.name, 'Total', r.area.text, '100%', summaryOf(r)],
    ]),
  );
  return bottom + 40 + shift;
}

/**
 * High contrast keeps full colours (a tint would fade against the background), so the three
 * kinds of SRAM would share one green: there the register files and the local SRAM are told
 * apart from the shared SRAM by a hatch in that green over the background instead of by shade.
 * The shoreline padding is hatched in every theme: blank silicon, not more of the PHYs' blue.
 */
const HATCHES: Readonly<Record<string, string>> = {
  registerFile: 'M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5',
  localSram: 'M0,3 H6 M3,0 V6',
  shorelinePad: 'M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5',
};

function hatchedFills(
  g: G,
  ids: readonly string[],
  color: (id: string) => string,
  background: string,
  which: readonly string[],
): (id: string) => string {
  const hatched = ids.filter((id) => HATCHES[id] && which.includes(id));
  if (hatched.length === 0) return color;
  const defs = g.append('defs');
  for (const id of hatched) {
    const pattern = defs
      .append('pattern')
      .attr('id', `die-hatch-${id}`)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('width', 6)
      .attr('height', 6);
    pattern.append('rect').attr('width', 6).attr('height', 6).attr('fill', background);
    pattern.append('path').attr('d', HATCHES[id]!).attr('stroke', color(id)).attr('stroke-width', 1.5);
  }
  return (id) => (hatched.includes(id) ? `url(#die-hatch-${id})` : color(id));
}
