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
//   streams the M rows of the other through it; partial sums over K accumulate beside the array,
//   in accumulators ACCUMULATOR_ROWS_PER_ARRAY_ROW x R rows deep: a longer M is streamed in
//   chunks that fit them, each loading the weight tiles again.
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

/**
 * Rows of partial sums the accumulators beside a weight-stationary array hold, per row of the
 * array: TPU v1's 4,096 accumulators of 256 partial sums beside its 256-row array, 16 per row
 * (Jouppi et al., ISCA 2017: 2,048 to cover the roofline's knee, doubled for double buffering).
 * Held in proportion to the rows (an assumption), a weight tile's reload is the same share of its
 * streamed rows on any square array, and an array of few rows re-loads its weights often: the
 * partial sums of a K-long reduction need ⌈K/R⌉ passes through R rows, and accumulators as deep
 * as a long prompt beside every small array are silicon no design spends.
 */
export const ACCUMULATOR_ROWS_PER_ARRAY_ROW = 16;

export function tilingUtilization(shape: MatmulShape, array: ArrayGeometry): number {
  return arrayDataflows(shape, array)[0]!.utilization;
}

/** A way to run a product on the arrays: the share of their peak it uses, and the operands it moves. */
export interface Dataflow {
  utilization: number;
  /** Operand elements read into the arrays and result elements written out, for the whole shape. */
  feedElements: number;
}

/**
 * The ways a product can run on the arrays, each with its tiling and the operand elements it
 * moves through the on-chip memory that feeds them (SCALE-Sim's per-dataflow counts, with
 * accumulators): weight stationary, then output stationary unsplit, then output stationary with
 * the widest useful split of K where there is one. A tile's operands come from the on-chip memory
 * every time a fold needs them: weight stationary reads each K x N tile once per chunk of M the
 * accumulators hold and the M x K operand once per column tile (⌈N/C⌉ times); output stationary
 * reads the M x K operand ⌈N/C⌉ times and the K x N one ⌈M/R⌉ times, and a split reduction writes
 * and reads back a partial sum per extra way. The caller picks the one that runs fastest on its
 * chip, the feed's time included: sorted busiest first, and of two as busy the one that moves
 * less first, so the first is the fastest where the feed keeps up.
 */
export function arrayDataflows(shape: MatmulShape, array: ArrayGeometry): Dataflow[] {
  const { rows: R, cols: C, units } = array;
  const { batch, m, k, n } = shape;
  const busy = (cycles: number) => Math.min(1, (batch * m * n * k) / (units * R * C * cycles));
  const rowTiles = Math.ceil(m / R);
  const colTiles = Math.ceil(n / C);
  const outputs = batch * m * n;
  // Weight stationary, M in chunks the accumulators hold.
  const chunks = Math.ceil(m / (ACCUMULATOR_ROWS_PER_ARRAY_ROW * R));
  const weightTiles = batch * Math.ceil(k / R) * colTiles * chunks;
  const weightStationary: Dataflow = {
    utilization: busy(cyclesAt(1, weightTiles, Math.ceil(m / chunks), array)),
    feedElements: chunks * batch * k * n + colTiles * batch * m * k + outputs,
  };
  // Output stationary.
  const outputTiles = batch * rowTiles * colTiles;
  const inputs = colTiles * batch * m * k + rowTiles * batch * k * n;
  const flows = [weightStationary, { utilization: busy(cyclesAt(1, outputTiles, k, array)), feedElements: inputs + outputs }];
  const maxSplit = Math.max(1, Math.min(Math.floor(units / outputTiles), Math.ceil(k / R)));
  if (maxSplit > 1)
    flows.push({ utilization: busy(cyclesAt(maxSplit, outputTiles, k, array)), feedElements: inputs + (2 * maxSplit - 1) * outputs });
  // Busiest first, of two as busy the one that moves less: the first whose feed keeps up is the fastest.
  return flows.sort((a, b) => b.utilization - a.utilization || a.feedElements - b.feedElements);
}

/** Cycles of `folds` folds over the units, each streaming `stream` rows (split `split` ways), run back to back. */
function cyclesAt(split: number, folds: number, stream: number, { rows: R, cols: C, units }: ArrayGeometry): number {
  return Math.ceil((folds * split) / units) * Math.max(Math.ceil(stream / split), R) + 2 * R + C - 2;
}
