// Greedy label placement: marks first, then labels in priority order, each taking the
// first candidate position that overlaps nothing already placed.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Greedy label placement: each label takes the first candidate box that overlaps nothing
 * placed before it and stays inside the bounds, or is dropped (its mark keeps a tooltip).
 */
export class LabelPlacer {
  private readonly taken: Box[] = [];
  constructor(private readonly bounds: Box) {}

  /** Marks an area (a point, a roof label) that labels must not cover. */
  block(box: Box): void {
    this.taken.push(box);
  }

  place(candidates: readonly Box[]): Box | undefined {
    const b = this.bounds;
    for (const box of candidates) {
      const inside = box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height;
      if (inside && !this.taken.some((t) => overlaps(t, box))) {
        this.taken.push(box);
        return box;
      }
    }
    return undefined;
  }
}
