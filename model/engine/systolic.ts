// Tiling utilisation of R x C systolic arrays, after SCALE-Sim's fold model: a product
// M x K · K x N is cut into folds that each fill an R x C array, spread over the units.
// Utilisation = useful MACs / (units · R · C · cycles). In decode M is the batch, so an
// R-row array is at most B/R busy: why decode is bandwidth-bound on big arrays.
//
// Two dataflows, the better taken per product (a compiler picks the mapping per layer):
// - output stationary: a fold holds an R x C tile of the output and streams the reduction K
//   through it. When there are fewer folds than units, K is also split across units (split-K,
//   as LLMCompass's mapper may choose) and the partial sums added.
// - weight stationary (the TPU's MXU): a fold holds an R x C tile of the K x N operand and
//   streams the M rows of the other through it; partial sums over K accumulate beside the array.
// Folds on one unit run back to back: the next fold's tile loads while the current one
// computes (double-buffered weights, Jouppi et al., "In-Datacenter Performance Analysis of a
// Tensor Processing Unit", ISCA 2017: "the matrix unit can compute while the next tile is
// shifting in"), so a fold takes its stream or the R cycles a tile takes to shift, whichever is
// longer, and the array fills and drains once. SCALE-Sim charges fill and drain per fold; that
// cost attention's QKᵀ, whose reduction is one head (K = 128, output-stationary folds as short
// as the array is deep), three quarters of the array in prefill (a review: 11.6 against 2.95 ms
// per layer at a 32k prompt, for the ·V product's FLOPs).

import type { MatmulShape } from '../workload/operators';

export interface ArrayGeometry {
  units: number;
  rows: number;
  cols: number;
}

export function tilingUtilization(shape: MatmulShape, array: ArrayGeometry): number {
  const { rows: R, cols: C, units } = array;
  const usefulMacs = shape.batch * shape.m * shape.n * shape.k;
  const outputTiles = shape.batch * Math.ceil(shape.m / R) * Math.ceil(shape.n / C);
  const maxSplit = Math.max(1, Math.min(Math.floor(units / outputTiles), Math.ceil(shape.k / R)));
  // Output stationary with no split or the widest useful split, and weight stationary (design-space
  // exploration calls this millions of times: no closure).
  const outputStationary = Math.min(cyclesAt(1, outputTiles, shape.k, array), cyclesAt(maxSplit, outputTiles, shape.k, array));
  const weightTiles = shape.batch * Math.ceil(shape.k / R) * Math.ceil(shape.n / C);
  const weightStationary = cyclesAt(1, weightTiles, shape.m, array);
  return Math.min(1, usefulMacs / (units * R * C * Math.min(outputStationary, weightStationary)));
}

/** Cycles of `folds` folds over the units, each streaming `stream` rows (split `split` ways), run back to back. */
function cyclesAt(split: number, folds: number, stream: number, { rows: R, cols: C, units }: ArrayGeometry): number {
  return Math.ceil((folds * split) / units) * Math.max(Math.ceil(stream / split), R) + 2 * R + C - 2;
}
