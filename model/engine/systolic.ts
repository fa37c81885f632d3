// Tiling utilisation of R x C systolic arrays (output stationary), after SCALE-Sim:
// an M x K · K x N product is cut into ⌈M/R⌉·⌈N/C⌉ folds, each taking about
// 2R + C + K − 2 cycles (fill, stream K, drain); folds are spread over the units.
// Utilisation = useful MACs / (units · R · C · cycles). In decode M is the batch, so an
// R-row array is at most B/R busy: why decode is bandwidth-bound on big arrays.

import type { MatmulShape } from '../workload/operators';

export interface ArrayGeometry { units: number; rows: number; cols: number }

export function tilingUtilization(shape: MatmulShape, array: ArrayGeometry): number {
  const { rows: R, cols: C, units } = array;
  const foldsPerProduct = Math.ceil(shape.m / R) * Math.ceil(shape.n / C);
  const folds = shape.batch * foldsPerProduct;
  const cyclesPerFold = 2 * R + C + shape.k - 2;
  const cycles = Math.ceil(folds / units) * cyclesPerFold;
  const usefulMacs = shape.batch * shape.m * shape.n * shape.k;
  return Math.min(1, usefulMacs / (units * R * C * cycles));
}
