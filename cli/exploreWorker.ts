// A worker thread of an exploration (dist/exploreWorker.js): prepares the space once from
// the setup it is given (no disk access: the setup carries every file's text), then
// evaluates the chunks of points the pool sends, posting each back as transferable arrays.

import { parentPort, workerData } from 'node:worker_threads';
import { prepareExplore, type ExploreSetup, type PreparedExplore } from '../model/explore/evaluator';
import { evaluateChunk } from '../model/explore/run';

export type WorkerRequest = { type: 'run'; start: number; count: number };
export type WorkerReply =
  | { type: 'ready'; size: number; metrics: string[] }
  | { type: 'failed'; message: string }
  | { type: 'chunk'; start: number; count: number; flags: Uint8Array; values: Float64Array };

if (parentPort) {
  const port = parentPort;
  let prepared: PreparedExplore | undefined;
  prepareExplore(workerData as ExploreSetup).then((p) => {
    prepared = p;
    port.postMessage({ type: 'ready', size: p.size, metrics: p.metrics } satisfies WorkerReply);
  }, (error: unknown) => port.postMessage({ type: 'failed', message: String((error as Error).message ?? error) } satisfies WorkerReply));
  port.on('message', (request: WorkerRequest) => {
    if (request.type !== 'run' || !prepared) return;
    const chunk = evaluateChunk(prepared, request.start, request.count);
    port.postMessage({ type: 'chunk', ...chunk } satisfies WorkerReply, [chunk.flags.buffer, chunk.values.buffer]);
  });
}
