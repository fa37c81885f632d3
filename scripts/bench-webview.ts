// Measures the webview: the median time to render the header and all three views for
// Llama-3-70B (the recorded fixture) in headless Chromium, over 25 renders after 3
// warm-up ones, timed in the page (performance.now around the render, recorded as a
// performance measure), and the size of the minified bundle. Targets: ≤ 100 ms, ≤ 400 KB.
//
//   npm run bench:webview            (exits 1 when a target is missed)

import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { buildWebview, launchBrowser, loadFixture, openView, postFromHost, renderMeasures, startServer } from '../test/webview/harness';

const WARMUP = 3;
const RUNS = 25;
const TARGET_MS = 100;
const TARGET_BYTES = 400 * 1024;
const VIEWS = ['header', 'dataflow', 'bandwidth', 'latency'] as const;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function main(): Promise<void> {
  const bundle = await buildWebview();
  const gzipBytes = gzipSync(readFileSync(bundle.path)).length;
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openView(browser, server, { theme: 'dark', width: 1000, height: 900 });
    const view = loadFixture('llama3-70b');
    for (let i = 0; i < WARMUP + RUNS; i++) await postFromHost(page, { type: 'update', view });
    const all = await renderMeasures(page);
    const runs = all.slice(-RUNS);
    const byView = await page.evaluate(
      (names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(`jalapeno:render:${n}`).map((e) => e.duration)])),
      [...VIEWS],
    );
    const renderMedian = median(runs);
    const operators = view.result!.phases.decode.operators.length + view.result!.phases.prefill.operators.length;

    console.log(
      `webview render, Llama-3-70B (${operators} operators, ${view.batchCurve.design.length + view.batchCurve.baseline.length} batch points, ${view.sensitivity.length} sensitivities), ${RUNS} runs after ${WARMUP} warm-up, headless Chromium`,
    );
    // Timings on a shared machine move with its load: print it beside them.
    console.log(
      `  machine: ${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
    console.log(
      `  all three views + header: median ${renderMedian.toFixed(1)} ms, p90 ${percentile(runs, 0.9).toFixed(1)} ms, min ${Math.min(...runs).toFixed(1)} ms, max ${Math.max(...runs).toFixed(1)} ms (first render ${all[0]!.toFixed(1)} ms)  target ≤ ${TARGET_MS} ms`,
    );
    console.log(`  by view (median): ${VIEWS.map((n) => `${n} ${median(byView[n]!.slice(-RUNS)).toFixed(1)} ms`).join(', ')}`);
    console.log(
      `bundle dist/webview.js: ${(bundle.bytes / 1024).toFixed(1)} KB minified, ${(gzipBytes / 1024).toFixed(1)} KB gzip  target ≤ ${TARGET_BYTES / 1024} KB`,
    );
    const ok = renderMedian <= TARGET_MS && bundle.bytes <= TARGET_BYTES;
    if (!ok) console.log('TARGET MISSED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
