// Running a range of points in this thread, in chunks, with progress and cancellation
// between chunks. The worker pool (cli/, extension/) runs the same chunks in threads.

import type { PreparedExplore } from './evaluator';

export interface Chunk {
  start: number;
  count: number;
  flags: Uint16Array;
  values: Float64Array;
}

/** Evaluate points [start, start + count) of a prepared space into one chunk. */
export function evaluateChunk(prepared: PreparedExplore, start: number, count: number): Chunk {
  const m = prepared.metrics.length;
  const flags = new Uint16Array(count);
  const values = new Float64Array(count * m);
  for (let i = 0; i < count; i++) flags[i] = prepared.evaluate(start + i, values, i * m);
  return { start, count, flags, values };
}
