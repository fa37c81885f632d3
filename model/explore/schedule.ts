// Spreading a range of points over executors (worker threads, or this thread) in chunks:
// each executor takes the next chunk when it finishes one, so a slow core or a busy machine
// never holds the others back. Progress after every chunk; a cancelled run stops handing
// out chunks and returns what was evaluated (points in index order up to the first gap).

import type { Chunk } from './run';
import { computeFront, emptyResults, type ExploreResults } from './results';
import type { Constraint, Objective } from './objectives';
import type { Space } from './space';

export type Executor = (start: number, count: number) => Promise<Chunk>;

export interface ScheduleOptions {
  space: Space;
  objectives: Objective[];
  constraints: Constraint[];
  metrics: string[];
  start: number;
  count: number;
  executors: Executor[];
  chunkSize?: number;
  onProgress?: (evaluated: number, total: number, results: ExploreResults) => void;
  isCancelled?: () => boolean;
}

export async function schedule(o: ScheduleOptions): Promise<ExploreResults> {
  const t0 = performance.now();
  const results = emptyResults(o.space, o.objectives, o.constraints, o.metrics, o.start, o.count);
  const m = o.metrics.length;
  // Chunks big enough that posting them costs little against evaluating them, small enough
  // that progress and cancellation answer within a fraction of a second.
  const chunkSize = o.chunkSize ?? Math.max(64, Math.min(8192, Math.ceil(o.count / (o.executors.length * 16))));
  let next = 0;
  const done = new Uint8Array(Math.ceil(o.count / chunkSize));
  let evaluatedTotal = 0;
  const worker = async (run: Executor) => {
    while (next < o.count && !o.isCancelled?.()) {
      const offset = next;
      const count = Math.min(chunkSize, o.count - offset);
      next += count;
      const chunk = await run(o.start + offset, count);
      results.flags.set(chunk.flags, offset);
      results.values.set(chunk.values, offset * m);
      done[offset / chunkSize] = 1;
      evaluatedTotal += count;
      o.onProgress?.(evaluatedTotal, o.count, results);
    }
  };
  await Promise.all(o.executors.map(worker));
  // Contiguous prefix of finished chunks: a partial result is a prefix of the range.
  let prefixChunks = 0;
  while (prefixChunks < done.length && done[prefixChunks]) prefixChunks++;
  results.evaluated = Math.min(o.count, prefixChunks * chunkSize);
  if (results.evaluated < o.count) {
    results.flags.fill(0, results.evaluated);
  }
  computeFront(results);
  results.seconds = (performance.now() - t0) / 1e3;
  return results;
}
