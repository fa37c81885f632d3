// The roofline (Williams, Waterman & Patterson, CACM 2009), hierarchical form: one
// compute ceiling per dtype the matrix units support, one bandwidth roof per memory level
// the chip declares (SRAM, its memory, host memory, ...) and for the chip-to-chip links,
// and each operator of the phase as a point at its arithmetic intensity (operations per
// off-chip byte) and achieved rate. Operators that land on the same spot share one label;
// labels that cannot sit next to their point are placed further out with a leader line.

import { select } from 'd3-selection';
import { scaleLog } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import type { Dtype } from '../../model/dtypes';
import { mainMemoryLevel, type OperatorResult } from '../../model/result';
import {
  below,
  caption,
  decadeDomain,
  decadeTicks,
  drawAxis,
  gridX,
  gridY,
  legend,
  panelTitle,
  type Container,
  type G,
  type RenderInput,
  type ViewContext,
} from '../charts';
import { FONT_SIZE, textWidth } from '../text';
import { LabelPlacer, leader, segmentCrossesBox, type Box } from '../labels';
import { achievedOpsPerSecond, CLASS_LABEL, CLASSES, PHASE_LABEL, passSeconds } from '../derive';
import { levelColors } from '../theme';
import { formatBandwidth, formatOps, formatOpsPerSecond, formatSeconds, si, significant, siTick } from '../format';
import { bindSelect } from '../interaction';
import { dataTable } from '../table';
import { bindTooltip } from '../tooltip';

interface Roof {
  kind: 'compute' | 'memory';
  id: string;
  name: string;
  label: string;
  value: number;
  color: string;
  dashed: boolean;
}
interface Point {
  op: OperatorResult;
  px: number;
  py: number;
}

const MARGIN = { left: 60, right: 16, bottom: 46 };
/** Mark radius: small enough that neighbours stay apart, outlined so overlaps stay visible. */
const MARK_R = 3.5;
/** Points closer than this (px) are one spot: one label names them all. */
const SAME_SPOT = 4;
/**
 * Distances (px) from a point at which its label is tried; beyond the first, a leader line,
 * which keeps off other labels and marks (the farthest ring goes round a cluster of points).
 */
const LABEL_RINGS = [6, 18, 32, 48];
/** A leader line starts this far (px) from its point's centre: just outside the mark. */
const LEADER_FROM = MARK_R + 1;
/**
 * A 10 px label's box: its baseline 10 px below the top, 13 px tall to hold the font's
 * ascent and descent (DejaVu Sans, the Linux workbench's UI font, reaches 12.4 px).
 */
const LABEL_H = 13;
const BASELINE = 10;
/** Space kept between labels (px): each is drawn over a 1.5 px halo, and labels that touch read as one. */
const LABEL_GAP = 3;

/** Draws the roofline into `g` at its origin; returns the height used. */
export function drawRoofline(g: G, input: RenderInput, ctx: ViewContext, width: number, tables: Container): number {
  const { result, phase: phaseId } = input;
  const { chip } = result;
  const theme = ctx.theme;
  const phase = result.phases[phaseId];
  // A chip with no off-chip memory (SRAM only): its memory is on chip, and intensity is per byte of it.
  const main = mainMemoryLevel(chip.memoryLevels);
  const sramOnly = main?.onChip === true;
  const points = phase.operators.filter(
    (op) => op.flops > 0 && (sramOnly ? op.arithmeticIntensity > 0 : op.offChipBytes > 0) && op.time.total > 0,
  );
  const unplotted = phase.operators.length - points.length;

  const dtypes = (Object.keys(chip.peakOpsPerSecond) as Dtype[])
    .filter((d) => (chip.peakOpsPerSecond[d] ?? 0) > 0)
    .sort((a, b) => chip.peakOpsPerSecond[b]! - chip.peakOpsPerSecond[a]!);
  const colors = levelColors(theme, chip.memoryLevels);
  const roofs: Roof[] = [
    ...dtypes.map((d): Roof => ({
      kind: 'compute',
      id: d,
      name: d,
      label: `${d} peak ${formatOpsPerSecond(chip.peakOpsPerSecond[d]!, d)}`,
      value: chip.peakOpsPerSecond[d]!,
      color: theme.foreground,
      dashed: d !== chip.computeDtype,
    })),
    // Only the levels the chip has: a chip without SRAM draws no SRAM roof.
    ...chip.memoryLevels.map((level): Roof => ({
      kind: 'memory',
      id: level.id,
      name: level.label,
      label: `${level.label} ${formatBandwidth(level.bandwidthBytesPerSecond)}`,
      value: level.bandwidthBytesPerSecond,
      color: colors[level.id]!,
      dashed: false,
    })),
    {
      kind: 'memory' as const,
      id: 'link',
      name: 'Links',
      label: `Links ${formatBandwidth(chip.linkBandwidthBytesPerSecond)}`,
      value: chip.linkBandwidthBytesPerSecond,
      color: theme.bytesKind.link,
      dashed: true,
    },
  ].filter((r) => r.value > 0);
  const peakMax = Math.max(...roofs.filter((r) => r.kind === 'compute').map((r) => r.value), 1);
  const bwMax = Math.max(...roofs.filter((r) => r.kind === 'memory').map((r) => r.value), 1);
  const ridge = peakMax / Math.max(chip.memoryBandwidthBytesPerSecond, 1);

  const intensities = points.map((op) => op.arithmeticIntensity);
  const rates = points.map(achievedOpsPerSecond);
  const xDomain = decadeDomain(Math.min(ridge / 30, ...intensities) / 2, Math.max(ridge * 5, ...intensities) * 2);
  // Room above the highest ceiling for its label, not a whole empty decade: 2.5x, or more where
  // a short plot over many decades leaves that less than a label's height (a review: at 360 px
  // the top ceiling's label fell below its line, onto the next ceiling's).
  const plotHeight = Math.max(220, Math.min(380, width * 0.45));
  const yBottom = decadeDomain(Math.min(peakMax / 1e4, ...rates) / 2, peakMax)[0];
  let headroom = 2.5;
  while (headroom < 10 && (plotHeight * Math.log(headroom)) / Math.log((peakMax * headroom) / yBottom) < LABEL_H + 8) headroom *= 1.25;
  const yDomain: [number, number] = [yBottom, peakMax * headroom];

  const titleY = 16;
  const titleShift = panelTitle(g, 8, titleY, `Roofline: operators of the ${PHASE_LABEL[phaseId]}`);
  const shift =
    titleShift +
    caption(
      g,
      8,
      titleY + 16 + titleShift,
      `One point per operator at its arithmetic intensity and achieved rate${unplotted ? ` · ${unplotted} without arithmetic or ${sramOnly ? 'memory' : 'off-chip'} traffic not shown` : ''}`,
    );
  g = below(g, shift);
  const legendY = 42;
  const legendItems = [
    ...CLASSES.filter((c) => points.some((op) => op.class === c)).map((c) => ({
      label: CLASS_LABEL[c],
      color: theme.operatorClass[c],
      shape: 'circle' as const,
    })),
    ...roofs.map((r) => ({
      label: r.kind === 'compute' ? `${r.id} ceiling` : `${r.name} roof`,
      color: r.color,
      shape: (r.dashed ? 'dashed' : 'line') as 'dashed' | 'line',
    })),
  ];
  const legendHeight = legend(g, legendItems, 8, legendY, width - 16, theme);
  const top = legendY + legendHeight + 10;
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = top + plotHeight;
  const x = scaleLog().domain(xDomain).range([x0, x1]);
  const y = scaleLog().domain(yDomain).range([y0, top]);

  gridX(
    g,
    decadeTicks(xDomain).map((t) => x(t)),
    top,
    y0,
  );
  gridY(
    g,
    decadeTicks(yDomain).map((t) => y(t)),
    x0,
    x1,
  );
  drawAxis(
    g,
    axisBottom(x)
      .tickValues(decadeTicks(xDomain))
      .tickFormat((d) => siTick(Number(d)))
      .tickSizeOuter(0),
    'bottom',
    { x: 0, y: y0 },
    `Arithmetic intensity (operations per ${sramOnly ? 'on-chip byte' : 'off-chip byte'}, log scale)`,
    (x0 + x1) / 2,
  );
  drawAxis(
    g,
    axisLeft(y)
      .tickValues(decadeTicks(yDomain))
      .tickFormat((d) => siTick(Number(d)))
      .tickSizeOuter(0),
    'left',
    { x: x0, y: 0 },
    'Performance (operations/s, log scale)',
    (top + y0) / 2,
  );

  const clipId = `roofline-clip-${Math.random().toString(36).slice(2, 8)}`;
  g.append('clipPath')
    .attr('id', clipId)
    .append('rect')
    .attr('x', x0)
    .attr('y', top)
    .attr('width', x1 - x0)
    .attr('height', y0 - top);
  const roofG = g.append('g').attr('class', 'roofs').attr('clip-path', `url(#${clipId})`);
  const labels = new LabelPlacer({ x: x0 + 2, y: top + 2, width: x1 - x0 - 4, height: y0 - top - 4 }, LABEL_GAP);

  // Points first into the placer, so no label covers a point.
  const placed: Point[] = points.map((op) => ({ op, px: x(op.arithmeticIntensity), py: y(achievedOpsPerSecond(op)) }));
  const markBoxes = new Map(
    placed.map((p) => [p, { x: p.px - MARK_R - 1, y: p.py - MARK_R - 1, width: 2 * MARK_R + 2, height: 2 * MARK_R + 2 }] as const),
  );
  for (const box of markBoxes.values()) labels.block(box);
  // The areas of a point's mark and of the marks that touch it (their areas overlap).
  const touching = (p: Point): Box[] =>
    placed.filter((q) => Math.abs(q.px - p.px) < 2 * MARK_R + 2 && Math.abs(q.py - p.py) < 2 * MARK_R + 2).map((q) => markBoxes.get(q)!);

  // The bandwidth roofs, the ceilings and the ridge in pixels: a ceiling's label must not sit
  // across one (a review: at 360 px the fp8 / int8 label sat on the bf16 ceiling, the ridge through it).
  const roofSegments = roofs
    .filter((r) => r.kind !== 'compute')
    .map((r) => ({ x1: x(xDomain[0]), y1: y(r.value * xDomain[0]), x2: x(peakMax / r.value), y2: y(peakMax) }));
  const ceilingSegments = roofs
    .filter((r) => r.kind === 'compute')
    .map((r) => ({ value: r.value, x1: x(Math.max(xDomain[0], r.value / bwMax)), y1: y(r.value), x2: x1, y2: y(r.value) }));
  const ridgeSegment = { x1: x(ridge), y1: y(peakMax), x2: x(ridge), y2: y0 };
  const clearOfLines = (value: number) => (box: Box) =>
    [...roofSegments, ...ceilingSegments.filter((c) => c.value !== value), ridgeSegment].every(
      (segment) => !segmentCrossesBox(segment, box),
    );

  for (const roof of roofs) {
    const line = roofG
      .append('path')
      .attr('class', `roof roof-${roof.kind}`)
      .attr('data-roof', roof.id)
      .attr('fill', 'none')
      .attr('stroke', roof.color)
      .attr('stroke-width', roof.kind === 'compute' && !roof.dashed ? 2 : 1.5)
      .attr('stroke-dasharray', roof.dashed ? '5 3' : null);
    if (roof.kind === 'compute') {
      // A ceiling starts where it meets the highest bandwidth roof.
      const from = Math.max(xDomain[0], roof.value / bwMax);
      line.attr('d', `M${x(from)},${y(roof.value)}H${x1}`);
      // Ceilings of equal rate are one line: the first names them all ("fp8 / int8 peak 1.98 P");
      // stacked apart, the second label sat beside the next ceiling down and read as its value.
      const same = roofs.filter((r) => r.kind === 'compute' && r.value === roof.value);
      if (same[0] !== roof) continue;
      const names = same.map((r) => r.name).join(' / ');
      // The full label, then a shorter one where it finds no clear spot (a narrow pane).
      // With its unit: "int8 2.2 P" read as a bare prefix (a workbench review at a narrow pane).
      // Of several formats, FLOPS where all are floating point, else OPS.
      const rate = si(roof.value, same.every((r) => !r.name.startsWith('int')) ? 'FLOPS' : 'OPS');
      const tries = [same.length > 1 ? `${names} peak ${rate}` : roof.label, `${names} ${rate}`];
      // At the right end, above or below the ceiling; else stepping left, to where no line
      // crosses it; where every spot is crossed, at the right end over a halo that keeps it legible.
      const at = (left: number, w: number) => [
        { x: left, y: y(roof.value) - LABEL_H - 2, width: w, height: LABEL_H },
        { x: left, y: y(roof.value) + 2, width: w, height: LABEL_H },
      ];
      const clearSpot = (text: string) => {
        const w = textWidth(text, FONT_SIZE - 1, 'ui-bold');
        const lefts: number[] = [];
        for (let left = x1 - 6 - w; left >= x(from) + 6; left -= 12) lefts.push(left);
        return labels.place(lefts.flatMap((left) => at(left, w)).filter(clearOfLines(roof.value)));
      };
      let label = tries[0]!;
      let clear: Box | undefined;
      for (const text of new Set(tries)) if ((clear = clearSpot((label = text)))) break;
      // No clear spot: the shortest form, over its halo.
      const labelWidth = textWidth(label, FONT_SIZE - 1, 'ui-bold');
      const box = clear ?? labels.place(at(x1 - 6 - labelWidth, labelWidth));
      if (box)
        g.append('text')
          .attr('class', clear ? 'roof-label' : 'roof-label halo')
          .attr('x', box.x)
          .attr('y', box.y + BASELINE)
          .attr('fill', roof.color)
          .text(label);
    } else {
      const xTop = peakMax / roof.value;
      const from = xDomain[0];
      line.attr('d', `M${x(from)},${y(roof.value * from)}L${x(xTop)},${y(peakMax)}`);
      // Roofs of equal bandwidth are one line: one label names them all.
      const same = roofs.filter((r) => r.kind === 'memory' && r.value === roof.value);
      // Shorter forms when the full one finds no room: without parentheses, then the bandwidth alone (the legend names the colour).
      if (same[0] === roof) {
        const names = same.map((r) => r.name);
        const tries = [names.join(' = '), names.map((n) => n.replace(/\s*\(.*\)\s*$/, '')).join(' = ')].map(
          (n) => `${n} ${formatBandwidth(roof.value)}`,
        );
        for (const label of new Set([...tries, formatBandwidth(roof.value)]))
          if (drawSlopedLabel(g, { ...roof, label }, x, y, xDomain, yDomain, labels, x0)) break;
      }
    }
    bindTooltip(line, () => ({
      title: roof.kind === 'compute' ? `${roof.id} compute ceiling` : `${roof.name} bandwidth roof`,
      rows: [
        [
          roof.kind === 'compute' ? 'Peak' : 'Bandwidth',
          roof.kind === 'compute' ? formatOpsPerSecond(roof.value, roof.id as Dtype) : formatBandwidth(roof.value),
        ],
      ],
    }));
  }

  // The ridge: operators left of it cannot reach peak from off-chip memory.
  g.append('line').attr('class', 'ridge').attr('x1', x(ridge)).attr('x2', x(ridge)).attr('y1', y(peakMax)).attr('y2', y0);
  const ridgeText = `ridge ${significant(ridge)} op/B`;
  // Drawn as a caption (10.5 px).
  const ridgeBox = labels.place([{ x: x(ridge) + 4, y: y0 - 17, width: textWidth(ridgeText, 10.5), height: LABEL_H + 1 }]);
  if (ridgeBox)
    g.append('text')
      .attr('class', 'caption')
      .attr('x', ridgeBox.x)
      .attr('y', ridgeBox.y + BASELINE + 1)
      .text(ridgeText);

  // The longest-running operators are drawn last (on top) and labelled first.
  const byTime = [...placed].sort((a, b) => passSeconds(b.op) - passSeconds(a.op));
  const marks = g
    .append('g')
    .attr('class', 'points')
    .selectAll('g')
    .data([...byTime].reverse())
    .join('g')
    .attr('class', 'op-mark roofline-point')
    .attr('data-op', (p) => p.op.id)
    .attr('transform', (p) => `translate(${p.px},${p.py})`);
  const outline = Math.max(1, theme.markOutlineWidth);
  marks.each(function (p) {
    const mark = select(this);
    const fill = theme.operatorClass[p.op.class];
    if (p.op.fixedFunction) {
      mark
        .append('rect')
        .attr('class', 'mark')
        .attr('x', -MARK_R)
        .attr('y', -MARK_R)
        .attr('width', 2 * MARK_R)
        .attr('height', 2 * MARK_R)
        .attr('rx', 1)
        .attr('fill', fill)
        .attr('stroke', theme.foreground)
        .attr('stroke-width', 1.25);
    } else {
      mark
        .append('circle')
        .attr('class', 'mark')
        .attr('r', MARK_R)
        .attr('fill', fill)
        .attr('stroke', p.op.fellBack ? theme.warning : theme.highContrast ? theme.markOutline : theme.background)
        .attr('stroke-width', p.op.fellBack ? 1.5 : outline);
    }
    // A larger transparent target keeps small marks easy to hover and click.
    mark
      .append('circle')
      .attr('class', 'hit')
      .attr('r', MARK_R + 3)
      .attr('fill', 'transparent');
  });
  const spots = sameSpots(byTime);
  bindTooltip(marks, (p) => ({
    title: p.op.label,
    rows: [
      ['Arithmetic intensity', `${significant(p.op.arithmeticIntensity)} op/B`],
      ['Achieved', formatOpsPerSecond(achievedOpsPerSecond(p.op), p.op.dtype)],
      [
        'Attainable',
        formatOpsPerSecond(
          attainable(p.op, chip.peakOpsPerSecond[p.op.dtype ?? chip.computeDtype] ?? peakMax, chip.memoryBandwidthBytesPerSecond),
          p.op.dtype,
        ),
      ],
      ['Work per instance', formatOps(p.op.flops, p.op.dtype)],
      ['Time per instance', formatSeconds(p.op.time.total)],
    ],
    note: [
      spots.get(p)!.length > 1
        ? `Also here: ${spots
            .get(p)!
            .filter((q) => q !== p)
            .map((q) => q.op.label)
            .join(', ')}.`
        : '',
      `Click to select ${p.op.governingKey} in the editor.`,
    ]
      .filter(Boolean)
      .join(' '),
  }));
  bindSelect(marks, (p) => ({ operatorId: p.op.id, key: p.op.governingKey, label: `${p.op.label}: select ${p.op.governingKey}` }), ctx);

  // One label per spot (its operators' names), tried beside the point, then further out
  // with a leader line; a label with no room is dropped (tooltip and table keep it).
  const labelG = g.append('g').attr('class', 'labels');
  const done = new Set<Point>();
  const ownsBox = (box: Box, p: Point, group: readonly Point[]) => {
    const own = distanceToBox(box, p.px, p.py);
    return placed.every((q) => group.includes(q) || distanceToBox(box, q.px, q.py) > own + 2);
  };
  for (const p of byTime) {
    if (done.has(p)) continue;
    const group = spots.get(p)!;
    for (const q of group) done.add(q);
    const text = spotLabel(group);
    const w = textWidth(text, FONT_SIZE - 1);
    for (const ring of LABEL_RINGS) {
      // Beyond the first ring the leader line must keep off other labels and points too.
      const led = ring > LABEL_RINGS[0]!;
      // In each ring, spots no roof, ceiling or ridge crosses first: a halo hides a roof under the
      // letters but not between them ("Output projection" read struck through).
      // Without a leader a label names the nearest point: none of another spot may be nearer to
      // it than its own (a review read "Output projection" beside the Attention scores·V point).
      const nearby = candidates(p.px, p.py, ring, w).filter((box) => led || ownsBox(box, p, group));
      const clear = clearOfLines(Number.NaN);
      const around = [...nearby.filter(clear), ...nearby.filter((box) => !clear(box))];
      const box = led ? labels.placeLed(around, p.px, p.py, LEADER_FROM, touching(p)) : labels.place(around);
      if (!box) continue;
      if (led) {
        const line = leader(box, p.px, p.py, LEADER_FROM);
        labelG
          .append('line')
          .attr('class', 'leader')
          .attr('data-op', p.op.id)
          .attr('x1', line.x1)
          .attr('y1', line.y1)
          .attr('x2', line.x2)
          .attr('y2', line.y2)
          .attr('stroke', theme.muted)
          .attr('stroke-width', 0.75);
      }
      labelG
        .append('text')
        .attr('class', 'point-label halo')
        .attr('data-op', p.op.id)
        .attr('x', box.x)
        .attr('y', box.y + BASELINE)
        .text(text);
      break;
    }
  }

  dataTable(
    tables,
    `Table: roofline of the ${PHASE_LABEL[phaseId]}`,
    ['Operator', 'Arithmetic intensity (op/B)', 'Achieved (op/s)', 'Bottleneck'],
    phase.operators.map((op) => [
      op.label,
      op.arithmeticIntensity > 0 ? significant(op.arithmeticIntensity) : '—',
      op.flops > 0 ? formatOpsPerSecond(achievedOpsPerSecond(op), op.dtype) : '—',
      op.bottleneck,
    ]),
  );
  dataTable(
    tables,
    'Table: roofs',
    ['Roof', 'Value'],
    roofs.map((r) => [
      r.kind === 'compute' ? `${r.id} compute ceiling` : `${r.name} bandwidth`,
      r.kind === 'compute' ? formatOpsPerSecond(r.value, r.id as Dtype) : formatBandwidth(r.value),
    ]),
  );

  return y0 + MARGIN.bottom + shift;
}

/** For each point, the points at the same spot (itself included), longest-running first. */
function sameSpots(points: readonly Point[]): Map<Point, Point[]> {
  const out = new Map<Point, Point[]>();
  for (const p of points) {
    if (out.has(p)) continue;
    const group = points.filter((q) => !out.has(q) && Math.hypot(q.px - p.px, q.py - p.py) < SAME_SPOT);
    for (const q of group) out.set(q, group);
  }
  return out;
}

function spotLabel(group: readonly Point[]): string {
  const first = group[0]!.op.label;
  if (group.length === 1) return first;
  if (group.length === 2) return `${first}, ${group[1]!.op.label}`;
  return `${first} +${group.length - 1}`;
}

/** From a point to the nearest point of a box (0 inside it), px. */
function distanceToBox(box: Box, px: number, py: number): number {
  const dx = Math.max(box.x - px, 0, px - (box.x + box.width));
  const dy = Math.max(box.y - py, 0, py - (box.y + box.height));
  return Math.hypot(dx, dy);
}

/** Label boxes around a point at a distance: right, left, above, below, then the diagonals. */
function candidates(px: number, py: number, ring: number, w: number): Box[] {
  const h = LABEL_H;
  const r = ring + MARK_R;
  return [
    { x: px + r, y: py - h / 2, width: w, height: h },
    { x: px - r - w, y: py - h / 2, width: w, height: h },
    { x: px - w / 2, y: py - r - h, width: w, height: h },
    { x: px - w / 2, y: py + r, width: w, height: h },
    { x: px + r * 0.7, y: py - r * 0.7 - h, width: w, height: h },
    { x: px + r * 0.7, y: py + r * 0.7, width: w, height: h },
    { x: px - r * 0.7 - w, y: py - r * 0.7 - h, width: w, height: h },
    { x: px - r * 0.7 - w, y: py + r * 0.7, width: w, height: h },
  ];
}

function attainable(op: OperatorResult, peak: number, bandwidth: number): number {
  return Math.min(peak, bandwidth * op.arithmeticIntensity);
}

/** A bandwidth roof's label, along the line (its on-screen angle depends on the aspect ratio). */
function drawSlopedLabel(
  g: G,
  roof: Roof,
  x: (v: number) => number,
  y: (v: number) => number,
  xDomain: [number, number],
  yDomain: [number, number],
  labels: LabelPlacer,
  x0: number,
): boolean {
  // Where the roof enters the plot: at the left edge, or at the bottom if it is below there.
  const xEnter = Math.max(xDomain[0], yDomain[0] / roof.value);
  const xExit = Math.min(xDomain[1], yDomain[1] / roof.value);
  if (xExit <= xEnter) return false;
  const angle = Math.atan2(y(roof.value * xExit) - y(roof.value * xEnter), x(xExit) - x(xEnter));
  const w = textWidth(roof.label, FONT_SIZE - 1, 'ui-bold');
  // Along the line first, then below it (two roofs of equal bandwidth share one line).
  for (const [t, below] of [
    [0.12, false],
    [0.3, false],
    [0.5, false],
    [0.7, false],
    [0.12, true],
    [0.3, true],
    [0.5, true],
    [0.7, true],
  ] as const) {
    const xv = xEnter * (xExit / xEnter) ** t;
    const px = x(xv);
    const py = y(roof.value * xv);
    if (px < x0 + 4) continue;
    const shift = below ? 14 : 0;
    if (labels.placeAll(alongLine(px, py - 4 + shift, angle, w))) {
      g.append('text')
        .attr('class', 'roof-label')
        .attr('fill', roof.color)
        .attr('data-roof', roof.id)
        .attr('transform', `translate(${px},${py - 4 + shift}) rotate(${(angle * 180) / Math.PI})`)
        .text(roof.label);
      return true;
    }
  }
  return false;
}

/**
 * The area of text drawn from (px, py) along `angle`, as a run of small boxes: one box
 * around a sloped label either covers the points and labels beside its line, or (as an
 * estimate) misses the ends of its glyphs.
 */
function alongLine(px: number, py: number, angle: number, w: number): Box[] {
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const boxes: Box[] = [];
  const step = 8;
  for (let t = 0; t < w; t += step) {
    // The em box of this stretch in the text's own frame: from the ascent above the baseline to the descent below it.
    const corners = [
      [t, -BASELINE],
      [Math.min(t + step, w), -BASELINE],
      [t, LABEL_H - BASELINE],
      [Math.min(t + step, w), LABEL_H - BASELINE],
    ].map(([u, v]) => [px + u! * cos - v! * sin, py + u! * sin + v! * cos] as const);
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    boxes.push({
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    });
  }
  return boxes;
}
