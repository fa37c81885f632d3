// npm run bench (bundled with esbuild, as the extension ships): medians on this machine for the two budgets of the model issue —
// one full evaluation (Llama-3-70B on 8 chips: prefill + decode + power + cost) ≤ 50 µs,
// and the whole on-save pipeline for the reference example (parse, resolve, evaluate,
// sensitivity of every key, diagnostics) ≤ 10 ms.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeConfig } from '../model/analyze';
import { evaluateDesign } from '../model/engine/evaluate';
import { nodeFileHost } from '../cli/nodeHost';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  const file = resolve('examples/jalapeno.chip.yaml');
  const text = readFileSync(file, 'utf8');
  const host = nodeFileHost(resolve('examples'));
  const analysis = await analyzeConfig(text, file, host);
  const design = analysis.design!;

  // Evaluation: batches of 200 calls timed together (a single call is near timer resolution).
  for (let i = 0; i < 2000; i++) evaluateDesign(design);
  const perCallUs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    for (let j = 0; j < 200; j++) evaluateDesign(design);
    perCallUs.push(((performance.now() - t) * 1e3) / 200);
  }
  const evalUs = median(perCallUs);

  const onSave = { sensitivity: true, batchCurve: true };
  for (let i = 0; i < 30; i++) await analyzeConfig(text, file, host, onSave);
  const saveMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await analyzeConfig(text, file, host, onSave);
    saveMs.push(performance.now() - t);
  }
  const pipelineMs = median(saveMs);
  const keys = (await analyzeConfig(text, file, host, onSave)).sensitivity.length;

  const rows = [
    ['evaluation (Llama-3-70B, 8 chips)', `${evalUs.toFixed(1)} µs`, '50 µs', `${(50 / evalUs).toFixed(1)}× under budget`, `${Math.round(1e6 / evalUs).toLocaleString('en')} evaluations/s`],
    [`on-save pipeline (${keys} sensitivities + batch curve)`, `${pipelineMs.toFixed(2)} ms`, '10 ms', `${(10 / pipelineMs).toFixed(1)}× under budget`, `p90 ${saveMs.sort((a, b) => a - b)[Math.floor(saveMs.length * 0.9)]!.toFixed(2)} ms`],
  ];
  console.log('benchmark                                          median      budget   ratio               note');
  for (const r of rows) console.log(`${r[0]!.padEnd(50)} ${r[1]!.padEnd(11)} ${r[2]!.padEnd(8)} ${r[3]!.padEnd(19)} ${r[4]}`);
  if (evalUs > 50 || pipelineMs > 10) process.exitCode = 1;
}

void main();
