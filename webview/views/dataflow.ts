// The dataflow view: the operators of one decoder layer (then the once-per-pass ones) in
// execution order, top to bottom, each in the column of the unit that runs it. Each memory
// level the chip declares is a bar: off-chip levels on the left (the slowest outermost),
// on-chip levels on the right; the edges to them carry the bytes each instance moves, the
// edges between operators the activations handed on.
//
// Time flows down rather than across because a webview beside the editor is narrow: one
// operator per row leaves every label the full width of the row.

import { select } from 'd3-selection';
import { scaleSqrt } from 'd3-scale';
import { linkVertical } from 'd3-shape';
import type { ExecutionUnit, MemoryLevelSummary, OperatorResult, PhaseResult } from '../../model/result';
import { chartSvg, legend, type Container, type G, type RenderInput, type ViewContext } from '../charts';
import { ellipsize, FONT_SIZE, textWidth, wrapLines, type Face } from '../text';
import { LabelPlacer } from '../labels';
import { levelColors, textOn } from '../theme';
import {
  BOTTLENECK_LABEL,
  BOTTLENECKS,
  groupByRepeat,
  PHASE_LABEL,
  timeShare,
  UNIT_LABEL,
  UNIT_SHORT_LABEL,
  UNITS_IN_LANE_ORDER,
} from '../derive';
import { formatBandwidth, formatBytes, formatOps, formatOpsPerSecond, formatPercent, formatSeconds, significant } from '../format';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { bindTooltip, type TooltipContent } from '../tooltip';

const ROW = 30;
const GROUP_GAP = 18;
const BRACKET = 24;
const BAR = 14;
const BAR_GAP = 6;
const OFFCHIP_LABEL_ZONE = 66;
const ONCHIP_LABEL_ZONE = 60;
/** Line height (px) of a node label that wraps onto two lines (11 px text in a 30 px row). */
const NODE_LINE = 12;
/** Lane titles written upwards are this tall (px) at least; taller where a subtitle needs it to be whole. */
const ROTATED_HEADER = 112;
/** Vertical offset (px) between edges of one operator to different levels on the same side. */
const EDGE_SPREAD = 4;

interface Placed {
  op: OperatorResult;
  cx: number;
  cy: number;
  r: number;
  share: number;
}
/** A memory level's bar: x of its left edge, and which side of the lanes it is on. */
interface LevelBar {
  level: MemoryLevelSummary;
  x: number;
  side: 'left' | 'right';
  color: string;
}
interface LevelEdge {
  p: Placed;
  bar: LevelBar;
  bytes: number;
  dy: number;
}

export function renderDataflow(container: Container, input: RenderInput, ctx: ViewContext): void {
  const { result, phase: phaseId } = input;
  const phase = result.phases[phaseId];
  if (!phase.operators.length) {
    container.append('p').attr('class', 'no-result').text(`The ${PHASE_LABEL[phaseId]} has no operators to show.`);
    return;
  }
  const theme = ctx.theme;
  const width = ctx.width;
  const { perLayer, perPass, layers } = groupByRepeat(phase);
  const lanes = lanesUsed(result.phases.prefill, result.phases.decode);

  const colors = levelColors(theme, result.chip.memoryLevels);
  const offChipLevels = result.chip.memoryLevels.filter((l) => !l.onChip);
  const onChipLevels = result.chip.memoryLevels.filter((l) => l.onChip);
  // Fastest level next to the lanes on each side.
  const bars: LevelBar[] = [
    ...offChipLevels.map((level, i): LevelBar => ({
      level,
      side: 'left',
      color: colors[level.id]!,
      x: 8 + BRACKET + (offChipLevels.length - 1 - i) * (BAR + BAR_GAP),
    })),
    ...onChipLevels.map((level, i): LevelBar => ({
      level,
      side: 'right',
      color: colors[level.id]!,
      x: width - 8 - BAR - (onChipLevels.length - 1 - i) * (BAR + BAR_GAP),
    })),
  ];
  const leftInner = 8 + BRACKET + offChipLevels.length * (BAR + BAR_GAP) - BAR_GAP;
  const rightInner = onChipLevels.length ? width - 8 - onChipLevels.length * (BAR + BAR_GAP) + BAR_GAP : width - 8;
  const lanesX0 = leftInner + OFFCHIP_LABEL_ZONE;
  const lanesX1 = rightInner - (onChipLevels.length ? ONCHIP_LABEL_ZONE : 0);
  const laneWidth = (lanesX1 - lanesX0) / lanes.length;
  const laneX = (unit: ExecutionUnit): number => lanesX0 + laneWidth * lanes.indexOf(unit);

  const maxShare = Math.max(1e-12, ...phase.operators.map((op) => timeShare(op, phase)));
  const maxBytes = Math.max(1, ...phase.operators.flatMap((op) => [...Object.values(op.levelBytes), op.bytes.activations]));
  const edgeWidth = scaleSqrt()
    .domain([0, maxBytes])
    .range([0, Math.min(ROW * 0.42, 12)]);
  const strokeFor = (bytes: number): number => (bytes > 0 ? Math.max(1, edgeWidth(bytes)) : 0);

  const svg = chartSvg(container, width, 100, `Dataflow of one decoder layer, ${PHASE_LABEL[phaseId]}`);
  const background = svg.append('rect').attr('class', 'chart-background').attr('width', width).attr('fill', theme.background);
  const g = svg.append('g') as unknown as G;

  // Vertical layout: title, caption (both wrap), legend (it wraps), column headings, one row per operator.
  const titleY = 16;
  const captionY = wrappedText(
    g,
    'panel-title',
    titleY,
    `Dataflow of one ${PHASE_LABEL[phaseId]}: one decoder layer × ${layers}, then once per pass`,
    width,
    13,
    'ui-bold',
  );
  const legendY =
    wrappedText(
      g,
      'caption',
      captionY,
      `Time flows down · node area ∝ share of the ${PHASE_LABEL[phaseId]}’s time (largest ${formatPercent(maxShare)}) · edge width ∝ bytes per instance, per chip`,
      width,
      10.5,
    ) - 6;
  const legendHeight = legend(
    g,
    [
      ...BOTTLENECKS.map((b) => ({ label: BOTTLENECK_LABEL[b], color: theme.bottleneck[b], shape: 'circle' as const })),
      { label: 'Fixed-function', color: theme.muted, shape: 'fixed' as const },
      { label: 'Fell back from fixed function', color: theme.warning, shape: 'hollow' as const },
      ...bars.map((b) => ({ label: `${b.level.label} bytes`, color: b.color, shape: 'line' as const })),
      { label: 'Activations', color: theme.muted, shape: 'line' as const },
      // A size key for edge widths, at the largest edge and a tenth of it.
      ...[maxBytes, maxBytes / 10].map((bytes) => ({
        label: `edge of ${formatBytes(bytes)}`,
        color: theme.muted,
        shape: 'line' as const,
        strokeWidth: strokeFor(bytes),
      })),
    ],
    8,
    legendY,
    width - 16,
    theme,
  );
  const headY = legendY + legendHeight + 16;
  const header = laneHeader(lanes, laneWidth, result.chip);
  const rowsY = headY + header.height;
  const perPassY = rowsY + perLayer.length * ROW + (perPass.length ? GROUP_GAP : 0);
  const rowsBottom = perPassY + perPass.length * ROW;
  const height = rowsBottom + 14;
  svg.attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  background.attr('height', height);

  const rMax = ROW / 2 - 2;
  const placed: Placed[] = [
    ...perLayer.map((op, i) => [op, rowsY + (i + 0.5) * ROW] as const),
    ...perPass.map((op, i) => [op, perPassY + (i + 0.5) * ROW] as const),
  ].map(([op, cy]) => {
    const share = timeShare(op, phase);
    // Area, not radius, is proportional to the share of time: the eye reads area.
    return { op, cy, cx: laneX(op.unit) + Math.min(22, laneWidth * 0.2), r: Math.max(4, rMax * Math.sqrt(share / maxShare)), share };
  });

  drawLanes(g, lanes, lanesX0, laneWidth, headY, rowsY - 8, rowsBottom + 4, header, result.chip);
  drawBrackets(g, rowsY, perLayer.length, perPassY, perPass.length, layers);

  const labels = new LabelPlacer({ x: 0, y: 0, width, height });
  const nodeLabels = new Map(
    placed.map((p) => {
      const offChipEdge = bars.some((b) => b.side === 'left' && (p.op.levelBytes[b.level.id] ?? 0) > 0);
      return [p, nodeLabel(p, leftInner + 6, rightInner - 6, offChipEdge)] as const;
    }),
  );
  // Edges before the level bars: an edge from an outer level passes under the inner bars.
  const edges = g.append('g').attr('class', 'edges') as unknown as G;
  drawActivationEdges(edges, placed, strokeFor, theme.muted);
  const levelEdges: LevelEdge[] = placed.flatMap((p) =>
    (['left', 'right'] as const).flatMap((side) => {
      const used = bars.filter((b) => b.side === side && (p.op.levelBytes[b.level.id] ?? 0) > 0);
      return used.map((bar, k) => ({ p, bar, bytes: p.op.levelBytes[bar.level.id]!, dy: (k - (used.length - 1) / 2) * EDGE_SPREAD }));
    }),
  );
  edges
    .append('g')
    .selectAll('line')
    .data(levelEdges)
    .join('line')
    .attr('class', (e) => `edge edge-level ${e.bar.side === 'left' ? 'edge-offchip' : 'edge-onchip'}`)
    .attr('data-level', (e) => e.bar.level.id)
    // An edge to an on-chip bar leaves from after its node's label, which would otherwise sit on
    // it (the label is on the same row, on the same side); a narrow pane has no room to spare.
    .attr('x1', (e) => (e.bar.side === 'left' ? e.bar.x + BAR : Math.min(e.bar.x - 4, nodeLabels.get(e.p)!.clearFrom)))
    .attr('x2', (e) => (e.bar.side === 'left' ? e.p.cx - e.p.r : e.bar.x))
    .attr('y1', (e) => e.p.cy + e.dy)
    .attr('y2', (e) => e.p.cy + e.dy)
    .attr('stroke', (e) => e.bar.color)
    .attr('stroke-width', (e) => strokeFor(e.bytes))
    .call((lines) => bindTooltip(lines, (e) => edgeTooltip(e.p.op, e.bar.level)));
  drawLevelBars(g, bars, headY, rowsY - 8, rowsBottom + 4, theme);

  const nodes = g
    .append('g')
    .attr('class', 'nodes')
    .selectAll('g')
    .data(placed)
    .join('g')
    .attr('class', (p) => `node op-mark${p.op.fixedFunction ? ' fixed' : ''}${p.op.fellBack ? ' fell-back' : ''}`)
    .attr('data-op', (p) => p.op.id)
    .attr('transform', (p) => `translate(${p.cx},${p.cy})`);
  nodes.each(function (p) {
    const node = select(this);
    const fill = theme.bottleneck[p.op.bottleneck];
    if (p.op.fixedFunction) {
      // Same area as the circle it replaces, so size still reads as time.
      const side = p.r * Math.sqrt(Math.PI);
      node
        .append('rect')
        .attr('class', 'mark')
        .attr('x', -side / 2)
        .attr('y', -side / 2)
        .attr('width', side)
        .attr('height', side)
        .attr('rx', 2)
        .attr('fill', fill)
        .attr('stroke', theme.foreground)
        .attr('stroke-width', 1.5);
    } else {
      node
        .append('circle')
        .attr('class', 'mark')
        .attr('r', p.r)
        .attr('fill', fill)
        .attr('stroke', p.op.fellBack ? theme.warning : theme.markOutline)
        .attr('stroke-width', p.op.fellBack ? 2 : theme.markOutlineWidth)
        .attr('stroke-dasharray', p.op.fellBack ? '3 2' : null);
      if (p.op.fellBack)
        node
          .append('circle')
          .attr('class', 'fell-back-ring')
          .attr('r', p.r + 3)
          .attr('fill', 'none')
          .attr('stroke', theme.warning)
          .attr('stroke-width', 1.25)
          .attr('stroke-dasharray', '2 2');
    }
    const percent = `${Math.round(p.share * 100)}%`;
    if (textWidth(percent, FONT_SIZE - 2) <= 2 * p.r - 3) {
      node
        .append('text')
        .attr('class', 'node-share')
        .attr('text-anchor', 'middle')
        .attr('dy', '0.35em')
        .attr('fill', textOn(fill))
        .text(percent);
    }
  });
  bindTooltip(nodes, (p) => nodeTooltip(p.op, phase, result.chip.memoryLevels));
  bindSelect(nodes, (p) => ({ operatorId: p.op.id, key: p.op.governingKey, label: `${p.op.label}: select ${p.op.governingKey}` }), ctx);

  // Labels last, with a halo, so edges pass behind them.
  const labelG = g.append('g').attr('class', 'labels');
  for (const p of placed) {
    const { x, anchor, lines, from, to, full } = nodeLabels.get(p)!;
    labels.block({ x: from, y: p.cy - 7 * lines.length, width: to - from, height: 14 * lines.length });
    const text = labelG
      .append('text')
      .attr('class', 'node-label halo')
      .attr('text-anchor', anchor === 'end' ? 'end' : null);
    lines.forEach((line, k) =>
      text
        .append('tspan')
        .attr('x', x)
        .attr('y', p.cy + (k - (lines.length - 1) / 2) * NODE_LINE)
        .attr('dy', '0.35em')
        .text(line),
    );
    if (lines.join(' ') !== full) text.append('title').text(full);
  }
  // Edge labels interrupt their edge (a background-coloured box behind the text), which
  // reads better than a halo on edges thicker than the text.
  const edgeLabel = (x: number, cy: number, text: string): void => {
    const w = textWidth(text, FONT_SIZE - 1);
    labelG
      .append('rect')
      .attr('class', 'edge-label-bg')
      .attr('x', x - 3)
      .attr('y', cy - 7)
      .attr('width', w + 6)
      .attr('height', 14)
      .attr('fill', theme.background);
    labelG.append('text').attr('class', 'edge-label').attr('x', x).attr('y', cy).attr('dy', '0.35em').text(text);
  };
  // Byte labels next to the innermost bar of each side; one per operator and side at most.
  for (const e of levelEdges) {
    const text = formatBytes(e.bytes);
    const w = textWidth(text, FONT_SIZE - 1);
    if (e.bar.side === 'left') {
      const box = labels.place([{ x: leftInner + 6, y: e.p.cy - 6, width: w, height: 12 }]);
      if (box && box.x + w < e.p.cx - e.p.r - 4) edgeLabel(box.x, e.p.cy, text);
    } else {
      const box = labels.place([{ x: rightInner - 6 - w, y: e.p.cy - 6, width: w, height: 12 }]);
      if (box) edgeLabel(box.x, e.p.cy, text);
    }
  }

  dataTable(
    container,
    `Table: operators of the ${PHASE_LABEL[phaseId]}`,
    [
      'Operator',
      'Unit',
      'Bottleneck',
      'Instances',
      'Time / instance',
      'Share of time',
      ...result.chip.memoryLevels.map((l) => `${l.label} bytes`),
      'Link bytes',
      'Config key',
    ],
    phase.operators.map((op) => [
      op.label + (op.fixedFunction ? ' (fixed-function)' : '') + (op.fellBack ? ' (fell back)' : ''),
      UNIT_LABEL[op.unit],
      BOTTLENECK_LABEL[op.bottleneck],
      String(op.count),
      formatSeconds(op.time.total),
      formatPercent(timeShare(op, phase)),
      ...result.chip.memoryLevels.map((l) => formatBytes(op.levelBytes[l.id]!)),
      formatBytes(op.bytes.link),
      op.governingKey,
    ]),
  );
}

/**
 * A node's label: drawn from `x` (its start, or its end when it is left of the node) on one
 * line or two within its row, spanning `from` to `to`; a level edge to the right leaves from
 * `clearFrom`. `full` is the whole text, in a tooltip where the lines leave part out.
 */
interface NodeLabel {
  x: number;
  anchor: 'start' | 'end';
  lines: string[];
  from: number;
  to: number;
  clearFrom: number;
  full: string;
}

/**
 * Where a node's label goes, whole: to its right, else to its left (unless an off-chip edge
 * runs there, with its byte label), and only then shorter (its tooltip has the rest); rather
 * than cut mid-word, as labels of nodes in the right-hand lanes were in a narrow pane.
 * `left` and `right` bound the room for labels.
 */
function nodeLabel(p: Placed, left: number, right: number, offChipEdge: boolean): NodeLabel {
  const gap = p.r + (p.op.fellBack ? 7 : 5);
  const name = p.op.label + (p.op.fellBack ? ' ⚠' : '');
  // The link bytes stay on one line: "↔", number and unit joined by no-break spaces.
  const bytes = p.op.unit === 'link' && p.op.bytes.link > 0 ? `↔ ${formatBytes(p.op.bytes.link)}`.replace(/ /g, '\u00a0') : '';
  const full = bytes ? `${name} ${bytes}` : name;
  const sides = [
    { anchor: 'start' as const, x: p.cx + gap, room: right - (p.cx + gap) },
    ...(offChipEdge ? [] : [{ anchor: 'end' as const, x: p.cx - gap, room: p.cx - gap - left }]),
  ];
  const at = (side: (typeof sides)[number], lines: string[]): NodeLabel => {
    const w = Math.max(...lines.map((l) => textWidth(l)));
    const [from, to] = side.anchor === 'start' ? [side.x, side.x + w] : [side.x - w, side.x];
    return { x: side.x, anchor: side.anchor, lines, from, to, clearFrom: side.anchor === 'start' ? to + 4 : p.cx + p.r, full };
  };
  // Then, in the narrowest panes, without a parenthesis ("Host runtime"), as roof labels are shortened.
  for (const text of new Set([full, name, name.replace(/\s*\([^)]*\)/g, '')]))
    for (const side of sides) {
      const lines = wrapLines(text, side.room, 2);
      if (side.room > 0 && lines.every((l) => !l.endsWith('…'))) return at(side, lines);
    }
  // No room for the name whole on either side: cut where there is the most room.
  const roomiest = sides.reduce((a, b) => (b.room > a.room ? b : a));
  return at(roomiest, wrapLines(name, Math.max(0, roomiest.room), 2));
}

/** Lanes for every unit either phase uses, so switching phase does not move the columns. */
function lanesUsed(...phases: PhaseResult[]): ExecutionUnit[] {
  const used = new Set(phases.flatMap((p) => p.operators.map((op) => op.unit)));
  return UNITS_IN_LANE_ORDER.filter((u) => used.has(u) || u === 'matrix' || u === 'vector');
}

/**
 * How the lane headings are written. Across, as a title over a subtitle of up to three
 * lines, when every title fits its lane whole (the full name, else the short one) and no
 * subtitle is cut. Else upwards, a rotated title with its subtitle beside it on as many
 * lines as the lane is wide: at 400 px and below, titles across were cut to "F… M… V…".
 */
interface LaneHeader {
  rotated: boolean;
  /** From the titles' baseline to the first row (px). */
  height: number;
  titles: Map<ExecutionUnit, { text: string; step: 0 | 1; subtitle: string[] }>;
}

function laneHeader(lanes: readonly ExecutionUnit[], laneWidth: number, chip: RenderInput['result']['chip']): LaneHeader {
  const room = laneWidth - 8;
  const fits = (text: string, size: number, width = room) => textWidth(text, size, 'ui-bold') <= width;
  const across = new Map(
    lanes.map((unit) => {
      const step = fits(UNIT_LABEL[unit], FONT_SIZE) ? 0 : 1;
      const text = step === 0 ? UNIT_LABEL[unit] : UNIT_SHORT_LABEL[unit];
      return [unit, { text, step: step as 0 | 1, subtitle: wrapLines(laneSubtitle(unit, chip), room, 3, FONT_SIZE - 1) }] as const;
    }),
  );
  const whole = [...across.values()].every((t) => fits(t.text, FONT_SIZE - t.step) && t.subtitle.every((line) => !line.endsWith('…')));
  if (whole) {
    const lines = Math.max(1, ...[...across.values()].map((t) => t.subtitle.length));
    return { rotated: false, height: 30 + (lines - 1) * 12, titles: across };
  }
  // Upwards: the title, then subtitle lines 12 px apart while the lane has room for them (in the
  // narrowest panes none: the title's tooltip has it). The lines are as long as the longest
  // subtitle needs to be whole on them: a taller header rather than a subtitle cut mid-word.
  const subLines = Math.max(0, Math.min(2, Math.floor((laneWidth - 16) / 12)));
  const length = subLines
    ? wholeLength(
        lanes.map((unit) => laneSubtitle(unit, chip)),
        subLines,
      )
    : ROTATED_HEADER;
  const titles = new Map(
    lanes.map((unit) => {
      const text = fits(UNIT_LABEL[unit], FONT_SIZE, length) ? UNIT_LABEL[unit] : UNIT_SHORT_LABEL[unit];
      const subtitle = subLines ? wrapLines(laneSubtitle(unit, chip), length, subLines, FONT_SIZE - 1) : [];
      return [unit, { text, step: 0 as const, subtitle }] as const;
    }),
  );
  const tallest = Math.max(
    ...[...titles.values()].flatMap((t) => [
      textWidth(t.text, FONT_SIZE, 'ui-bold'),
      ...t.subtitle.map((l) => textWidth(l, FONT_SIZE - 1)),
    ]),
  );
  // The titles' baseline (headY) is where the level bars' headings sit; the rotated text hangs below it.
  return { rotated: true, height: Math.max(30, tallest + 14), titles };
}

/** The shortest line, from ROTATED_HEADER up, on which every subtitle fits whole in `lines` lines. */
function wholeLength(subtitles: readonly string[], lines: number): number {
  let length = ROTATED_HEADER;
  while (subtitles.some((t) => wrapLines(t, length, lines, FONT_SIZE - 1).some((line) => line.endsWith('…')))) length += 4;
  return length;
}

function drawLanes(
  g: G,
  lanes: readonly ExecutionUnit[],
  x0: number,
  laneWidth: number,
  headY: number,
  top: number,
  bottom: number,
  header: LaneHeader,
  chip: RenderInput['result']['chip'],
): void {
  const lanesG = g.append('g').attr('class', 'lanes');
  lanes.forEach((unit, i) => {
    const x = x0 + i * laneWidth;
    lanesG
      .append('rect')
      .attr('class', i % 2 ? 'lane-band odd' : 'lane-band')
      .attr('x', x)
      .attr('y', top)
      .attr('width', laneWidth)
      .attr('height', bottom - top);
    const { text, step, subtitle } = header.titles.get(unit)!;
    // The full name stays in a tooltip, with the whole subtitle.
    const tooltip = `${UNIT_LABEL[unit]}: ${laneSubtitle(unit, chip)}`;
    if (header.rotated) {
      // Read bottom to top, starting just above the rows; each line 12 px to the right of the one before.
      const base = top - 4;
      const line = (className: string, k: number, content: string) =>
        lanesG
          .append('text')
          .attr('class', className)
          .attr('transform', `translate(${x + 14 + 12 * k},${base}) rotate(-90)`)
          .text(content);
      line('lane-title', 0, text).append('title').text(tooltip);
      subtitle.forEach((content, k) => line('lane-sub', k + 1, content));
      return;
    }
    lanesG
      .append('text')
      .attr('class', `lane-title${step ? ' smaller' : ''}`)
      .attr('x', x + 6)
      .attr('y', headY)
      .text(text)
      .append('title')
      .text(tooltip);
    subtitle.forEach((content, row) => {
      lanesG
        .append('text')
        .attr('class', 'lane-sub')
        .attr('x', x + 6)
        .attr('y', headY + 14 + 12 * row)
        .text(content);
    });
  });
}

/** `text` wrapped to the chart's width in lines 1.3 × `size` apart from `y` (a baseline); returns the next line's baseline. */
function wrappedText(g: G, className: string, y: number, text: string, width: number, size: number, face: Face = 'ui'): number {
  const lines = wrapLines(text, width - 16, 3, size, face);
  const element = g.append('text').attr('class', className);
  const step = Math.round(size * 1.3);
  lines.forEach((line, k) =>
    element
      .append('tspan')
      .attr('x', 8)
      .attr('y', y + k * step)
      .text(line),
  );
  if (lines.some((line) => line.endsWith('…'))) element.append('title').text(text);
  return y + lines.length * step;
}

function laneSubtitle(unit: ExecutionUnit, chip: RenderInput['result']['chip']): string {
  switch (unit) {
    case 'matrix':
      return `${formatOpsPerSecond(chip.peakOpsPerSecond[chip.computeDtype] ?? 0, chip.computeDtype)} ${chip.computeDtype} peak`;
    case 'fixed':
      return 'hard-wired, no dispatch';
    case 'vector':
      return 'norms, softmax, element-wise';
    case 'link':
      return `${formatBandwidth(chip.linkBandwidthBytesPerSecond)} per chip`;
    case 'host':
      return 'scheduling, sampling (runtime.*)';
  }
}

function drawLevelBars(g: G, bars: readonly LevelBar[], headY: number, top: number, bottom: number, theme: ViewContext['theme']): void {
  const barsG = g.append('g').attr('class', 'memory-blocks');
  for (const bar of bars) {
    barsG
      .append('rect')
      .attr('class', 'memory-block')
      .attr('data-level', bar.level.id)
      .attr('x', bar.x)
      .attr('y', top)
      .attr('width', BAR)
      .attr('height', bottom - top)
      .attr('fill', bar.color)
      .attr('stroke', theme.markOutline)
      .attr('stroke-width', theme.markOutlineWidth);
  }
  for (const side of ['left', 'right'] as const) {
    const here = bars.filter((b) => b.side === side);
    if (!here.length) continue;
    const anchor = side === 'left' ? 'start' : 'end';
    const tx = side === 'left' ? here[0]!.x - BRACKET + 2 : here.at(-1)!.x + BAR;
    const title = here.length === 1 ? here[0]!.level.label : side === 'left' ? 'Off-chip levels' : 'On-chip levels';
    const sub = here.length === 1 ? formatBandwidth(here[0]!.level.bandwidthBytesPerSecond) : 'named along the bars';
    barsG.append('text').attr('class', 'lane-title').attr('x', tx).attr('y', headY).attr('text-anchor', anchor).text(title);
    barsG
      .append('text')
      .attr('class', 'lane-sub')
      .attr('x', tx)
      .attr('y', headY + 14)
      .attr('text-anchor', anchor)
      .text(sub);
    if (here.length === 1) continue;
    // Several levels on one side: each bar carries its name and bandwidth along its length.
    for (const bar of here) {
      const text = ellipsize(`${bar.level.label} · ${formatBandwidth(bar.level.bandwidthBytesPerSecond)}`, bottom - top - 8, FONT_SIZE - 2);
      barsG
        .append('text')
        .attr('class', 'level-bar-label')
        .attr('data-level', bar.level.id)
        .attr('font-size', FONT_SIZE - 2)
        .attr('transform', `translate(${bar.x + BAR / 2},${top + 4}) rotate(90)`)
        .attr('dy', '0.35em')
        .attr('fill', textOn(bar.color))
        .text(text);
    }
  }
}

/** Brackets at the left: the rows that repeat per layer, and those run once per pass. */
function drawBrackets(g: G, rowsY: number, perLayerRows: number, perPassY: number, perPassRows: number, layers: number): void {
  const bracketG = g.append('g').attr('class', 'brackets');
  const bracket = (y0: number, rows: number, label: string): void => {
    if (!rows) return;
    const y1 = y0 + rows * ROW;
    const x = 14;
    bracketG
      .append('path')
      .attr('class', 'bracket')
      .attr('d', `M${x + 6},${y0 + 2}H${x}V${y1 - 2}H${x + 6}`);
    const text = ellipsize(label, rows * ROW - 6);
    bracketG
      .append('text')
      .attr('class', 'bracket-label')
      .attr('transform', `translate(${x - 4},${(y0 + y1) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(text);
  };
  bracket(rowsY, perLayerRows, `one decoder layer × ${layers}`);
  bracket(perPassY, perPassRows, 'once per pass');
}

function drawActivationEdges(g: G, placed: readonly Placed[], strokeFor: (bytes: number) => number, color: string): void {
  const link = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();
  const pairs = placed.slice(1).map((to, i) => ({ from: placed[i]!, to }));
  g.append('g')
    .selectAll('path')
    .data(pairs)
    .join('path')
    .attr('class', 'edge edge-activations')
    .attr('d', ({ from, to }) => link({ source: [from.cx, from.cy + from.r], target: [to.cx, to.cy - to.r] }))
    .attr('fill', 'none')
    .attr('stroke', color)
    .attr('stroke-width', ({ from }) => Math.max(1, strokeFor(from.op.bytes.activations)))
    .call((paths) =>
      bindTooltip(paths, ({ from, to }) => ({
        title: `${from.op.label} → ${to.op.label}`,
        rows: [['Activations', `${formatBytes(from.op.bytes.activations)} per instance`]],
      })),
    );
}

function edgeTooltip(op: OperatorResult, level: MemoryLevelSummary): TooltipContent {
  const rows: Array<[string, string]> = [[`${level.label} bytes`, `${formatBytes(op.levelBytes[level.id]!)} per instance`]];
  if (!level.onChip) {
    if (op.bytes.weights) rows.push(['Weights (all levels)', formatBytes(op.bytes.weights)]);
    if (op.bytes.kvRead) rows.push(['KV cache read (all levels)', formatBytes(op.bytes.kvRead)]);
    if (op.bytes.kvWrite) rows.push(['KV cache write (all levels)', formatBytes(op.bytes.kvWrite)]);
  }
  rows.push([`Time at ${level.label} bandwidth`, formatSeconds(op.time.levels[level.id]!)]);
  return { title: `${level.label} ↔ ${op.label}`, rows };
}

function nodeTooltip(op: OperatorResult, phase: PhaseResult, levels: readonly MemoryLevelSummary[]): TooltipContent {
  const rows: Array<[string, string]> = [
    ['Unit', UNIT_LABEL[op.unit]],
    ['Bottleneck', BOTTLENECK_LABEL[op.bottleneck]],
    ['Time per instance', formatSeconds(op.time.total)],
    ['Instances per pass', String(op.count)],
    ['Share of time', formatPercent(timeShare(op, phase))],
  ];
  if (op.flops > 0) rows.push(['Work per instance', formatOps(op.flops, op.dtype)]);
  for (const level of levels)
    if ((op.levelBytes[level.id] ?? 0) > 0) rows.push([`${level.label} bytes`, formatBytes(op.levelBytes[level.id]!)]);
  if (op.bytes.link > 0) rows.push(['Link bytes', formatBytes(op.bytes.link)]);
  if (op.arithmeticIntensity > 0) rows.push(['Arithmetic intensity', `${significant(op.arithmeticIntensity)} op/B`]);
  if (op.tilingUtilization !== undefined) rows.push(['Array utilisation (tiling)', formatPercent(op.tilingUtilization)]);
  if (op.time.overhead > 0) rows.push([op.unit === 'host' ? 'Host time' : 'Dispatch overhead', formatSeconds(op.time.overhead)]);
  rows.push(['Energy per instance', `${significant(op.energyJoules * 1e6)} µJ`]);
  const notes = [
    op.fixedFunction ? 'Hard-wired: no dispatch overhead.' : '',
    op.fellBack ? 'Listed as fixed-function, but this model’s variant fell back to programmable units.' : '',
    `Click to select ${op.governingKey} in the editor.`,
  ].filter(Boolean);
  return { title: op.label, rows, note: notes.join(' ') };
}
