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
  return arrayMapping(shape, array).utilization;
}

/** A product on the arrays: their usable share of peak, and the operands they move doing it. */
export interface ArrayMapping {
  utilization: number;
  /** Operand elements read into the arrays and result elements written out, for the whole shape. */
  feedElements: number;
}

/**
 * How a product runs on the arrays: the share of their peak it can use, and the operand
 * elements the arrays take in and give out doing it, by the dataflow that runs it fastest
 * (SCALE-Sim counts the same reads and writes per dataflow). A tile's operands come from the
 * on-chip memory every time a fold needs them: a weight-stationary array re-reads the whole
 * streamed operand once per column tile of the stationary one, an output-stationary array
 * re-reads each input once per tile of the other's dimension. Smaller arrays re-read more: what
 * an architect trades when choosing the array's shape against the SRAM's bandwidth.
 */
export function arrayMapping(shape: MatmulShape, array: ArrayGeometry): ArrayMapping {
  const { rows: R, cols: C, units } = array;
  const { batch, m, k, n } = shape;
  const usefulMacs = batch * m * n * k;
  const rowTiles = Math.ceil(m / R);
  const colTiles = Math.ceil(n / C);
  const outputTiles = batch * rowTiles * colTiles;
  const maxSplit = Math.max(1, Math.min(Math.floor(units / outputTiles), Math.ceil(k / R)));
  // Output stationary with no split or the widest useful split, and weight stationary (design-space
  // exploration calls this millions of times: no closure).
  const unsplit = cyclesAt(1, outputTiles, k, array);
  const split = maxSplit > 1 ? cyclesAt(maxSplit, outputTiles, k, array) : unsplit;
  const weightTiles = batch * Math.ceil(k / R) * colTiles;
  const weightStationary = cyclesAt(1, weightTiles, m, array);
  const outputs = batch * m * n;
  // Each stationary tile loaded once; the streamed operand once per column tile; the sums
  // accumulate beside the array and are written once.
  const weightStationaryFeed = batch * k * n + colTiles * batch * m * k + outputs;
  // Each output tile streams its rows of one input and its columns of the other; a split
  // reduction writes and reads back a partial sum per extra way.
  const ways = split < unsplit ? maxSplit : 1;
  const outputStationary = Math.min(unsplit, split);
  const outputStationaryFeed = colTiles * batch * m * k + rowTiles * batch * k * n + (1 + 2 * (ways - 1)) * outputs;
  // The faster dataflow; of two as fast, the one that reads less.
  const weightStationaryTaken =
    weightStationary < outputStationary || (weightStationary === outputStationary && weightStationaryFeed <= outputStationaryFeed);
  const cycles = weightStationaryTaken ? weightStationary : outputStationary;
  const feedElements = weightStationaryTaken ? weightStationaryFeed : outputStationaryFeed;
  return { utilization: Math.min(1, usefulMacs / (units * R * C * cycles)), feedElements };
}

/** Cycles of `folds` folds over the units, each streaming `stream` rows (split `split` ways), run back to back. */
function cyclesAt(split: number, folds: number, stream: number, { rows: R, cols: C, units }: ArrayGeometry): number {
  return Math.ceil((folds * split) / units) * Math.max(Math.ceil(stream / split), R) + 2 * R + C - 2;
}
