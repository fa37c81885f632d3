// Greedy label placement: marks first, then labels in priority order, each taking the
// first candidate position that overlaps nothing already placed.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
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

  /** Takes every box of one label (a sloped label is a run of boxes along its line), or none. */
  placeAll(boxes: readonly Box[]): boolean {
    const b = this.bounds;
    const inside = (box: Box) => box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height;
    if (!boxes.every((box) => inside(box) && !this.taken.some((t) => overlaps(t, box, this.gap)))) return false;
    this.taken.push(...boxes);
    return true;
  }
}
