// Tiling utilisation of R x C systolic arrays (output stationary), after SCALE-Sim:
// an M x K · K x N product is cut into ⌈M/R⌉·⌈N/C⌉ folds, each taking about
// 2R + C + K − 2 cycles (fill, stream K, drain); folds are spread over the units.
// Utilisation = useful MACs / (units · R · C · cycles). In decode M is the batch, so an
// R-row array is at most B/R busy: why decode is bandwidth-bound on big arrays.
//
// When there are fewer folds than units, the mapper also splits the reduction dimension K
// across units (split-K, as LLMCompass's mapper may choose) and adds the partial sums; the
// better of the two mappings is taken.

import type { MatmulShape } from '../workload/operators';

export interface ArrayGeometry {
  units: number;
  rows: number;
  cols: number;
}

export function tilingUtilization(shape: MatmulShape, array: ArrayGeometry): number {
  const { rows: R, cols: C, units } = array;
  const folds = shape.batch * Math.ceil(shape.m / R) * Math.ceil(shape.n / C);
  const usefulMacs = shape.batch * shape.m * shape.n * shape.k;
  const maxSplit = Math.max(1, Math.min(Math.floor(units / folds), Math.ceil(shape.k / R)));
  // No split, or the widest useful split (design-space exploration calls this millions of times: no closure).
  const bestCycles = Math.min(cyclesAt(1, folds, shape.k, array), cyclesAt(maxSplit, folds, shape.k, array));
  return Math.min(1, usefulMacs / (units * R * C * bestCycles));
}

/** Cycles of `folds` folds over the units when each fold's reduction of length `k` is split `split` ways. */
function cyclesAt(split: number, folds: number, k: number, { rows: R, cols: C, units }: ArrayGeometry): number {
  return Math.ceil((folds * split) / units) * (2 * R + C + Math.ceil(k / split) - 2);
}
