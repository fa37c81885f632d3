// Greedy label placement: marks first, then labels in priority order, each taking the
// first candidate position that overlaps nothing already placed.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A straight line in pixels: a bandwidth roof, a leader line from a mark to its label. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Whether two boxes come closer than `gap` px. */
const overlaps = (a: Box, b: Box, gap = 0): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * Greedy label placement: each label takes the first candidate box that overlaps nothing
 * placed before it and stays inside the bounds, or is dropped (its mark keeps a tooltip).
 * `gap` keeps placed boxes that far apart: labels drawn over a halo need room for it, or
 * two labels that merely touch read as one run of text.
 */
export class LabelPlacer {
  private readonly taken: Box[] = [];
  /** Leader lines drawn: labels keep half the gap off them (a thin line has no halo). */
  private readonly leaders: Segment[] = [];
  constructor(
    private readonly bounds: Box,
    private readonly gap = 0,
  ) {}

  /** Marks an area (a point, a roof label) that labels must not cover. */
  block(box: Box): void {
    this.taken.push(box);
  }

  place(candidates: readonly Box[]): Box | undefined {
    for (const box of candidates) if (this.placeAll([box])) return box;
    return undefined;
  }

  /** The first candidate `place` would take, without taking it (to choose one wording for several charts). */
  firstFree(candidates: readonly Box[]): Box | undefined {
    return candidates.find((box) => this.isFree(box));
  }

  /** Takes every box of one label (a sloped label is a run of boxes along its line), or none. */
  placeAll(boxes: readonly Box[]): boolean {
    if (!boxes.every((box) => this.isFree(box))) return false;
    this.taken.push(...boxes);
    return true;
  }

  /** Inside the bounds, clear of every label taken and every leader line. */
  private isFree(box: Box): boolean {
    const b = this.bounds;
    const inside = box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height;
    return (
      inside &&
      !this.taken.some((t) => overlaps(t, box, this.gap)) &&
      !this.leaders.some((s) => segmentCrossesBox(s, grown(box, this.gap / 2)))
    );
  }

  /**
   * Like `place`, for a label joined by a leader line to its mark, a circle of radius `r` at
   * (px, py): the line (`leader`) must also keep off everything placed, or it would point at
   * another label or mark. `start` are the areas the line starts among and may cross: those
   * blocked for its mark and for the marks that touch it, which no line could always leave.
   */
  placeLed(candidates: readonly Box[], px: number, py: number, r: number, start: readonly Box[]): Box | undefined {
    for (const box of candidates) {
      const line = leader(box, px, py, r);
      if (this.taken.some((t) => !start.includes(t) && segmentCrossesBox(line, grown(t, this.gap / 2)))) continue;
      if (!this.placeAll([box])) continue;
      this.leaders.push(line);
      return box;
    }
    return undefined;
  }
}

/** A leader line: from the edge of a mark (radius `r` at px, py) to the point of its label's box nearest the mark. */
export function leader(box: Box, px: number, py: number, r: number): Segment {
  const x2 = Math.min(Math.max(px, box.x), box.x + box.width);
  const y2 = Math.min(Math.max(py, box.y), box.y + box.height);
  const d = Math.hypot(x2 - px, y2 - py) || 1;
  return { x1: px + ((x2 - px) / d) * r, y1: py + ((y2 - py) / d) * r, x2, y2 };
}

/** Whether a straight segment passes through a box (pixels). */
export function segmentCrossesBox(s: Segment, box: Box): boolean {
  const left = Math.max(Math.min(s.x1, s.x2), box.x);
  const right = Math.min(Math.max(s.x1, s.x2), box.x + box.width);
  if (left > right) return false;
  // A vertical segment (a leader to a label straight above or below) spans its own ends.
  if (s.x2 === s.x1) return Math.max(s.y1, s.y2) >= box.y && Math.min(s.y1, s.y2) <= box.y + box.height;
  const yAt = (px: number) => s.y1 + ((s.y2 - s.y1) * (px - s.x1)) / (s.x2 - s.x1);
  const [a, b] = [yAt(left), yAt(right)];
  return Math.max(a, b) >= box.y && Math.min(a, b) <= box.y + box.height;
}

function grown(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}
