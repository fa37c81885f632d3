// A worker thread of an exploration (dist/exploreWorker.js): compiles the plan the pool
// prepared (validated config and the leaves each value changes; no parsing, no disk), then
// evaluates the chunks of points the pool sends, posting each back as transferable arrays.

import { parentPort, workerData } from 'node:worker_threads';
import { compileExplore, type ExplorePlan, type ExploreSetup, type PreparedExplore } from '../model/explore/evaluator';
import { evaluateChunk } from '../model/explore/run';

export type WorkerRequest = { type: 'run'; start: number; count: number };
export type WorkerReply =
  | { type: 'ready'; size: number; metrics: string[] }
  | { type: 'failed'; message: string }
  | { type: 'chunk'; start: number; count: number; flags: Uint16Array; values: Float64Array };

if (parentPort) {
  const port = parentPort;
  let prepared: PreparedExplore | undefined;
  try {
    const { setup, plan } = workerData as { setup: ExploreSetup; plan: ExplorePlan };
    prepared = compileExplore(setup, plan);
    port.postMessage({ type: 'ready', size: prepared.size, metrics: prepared.metrics } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ type: 'failed', message: String((error as Error).message ?? error) } satisfies WorkerReply);
  }
  port.on('message', (request: WorkerRequest) => {
    if (request.type !== 'run' || !prepared) return;
    const chunk = evaluateChunk(prepared, request.start, request.count);
    port.postMessage({ type: 'chunk', ...chunk } satisfies WorkerReply, [
      chunk.flags.buffer as ArrayBuffer,
      chunk.values.buffer as ArrayBuffer,
    ]);
  });
}
