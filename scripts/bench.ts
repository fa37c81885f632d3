// npm run bench (bundled with esbuild, as the extension ships): medians on this machine for the two budgets of the model issue —
// one full evaluation (Llama-3-70B on 8 chips: prefill + decode + power + cost) ≤ 50 µs,
// and the whole on-save pipeline for the reference example (parse, resolve, evaluate,
// sensitivity of every key, diagnostics) ≤ 10 ms; for the serving issue, 10,000
// requests simulated ≤ 200 ms (step cache built from cold, included) and the whole serving
// analysis with the max-rate search ≤ 2 s;
// and for exploration (issue 13): a
// 1,000,000-point Llama-3-70B space over worker threads at ≥ 100,000 points/s with its front
// in ≤ 30 s, and the Vidur-style search (chips, TP/PP, batch; cheapest within TPOT and TTFT
// limits) in ≤ 10 s on the H100 and on the Jalapeño reference.

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { analyzeConfig } from '../model/analyze';
import { evaluateDesign } from '../model/engine/evaluate';
import { nodeFileHost } from '../cli/nodeHost';
import { evaluateServing, kvCacheTokens } from '../model/serving/evaluateServing';
import { forgetServingRuns } from '../model/serving/servingMemo';
import { simulate } from '../model/serving/simulate';
import { servingSpecFrom } from '../model/serving/spec';
import { StepTimer } from '../model/serving/stepTimer';
import { exploreInThreads } from '../cli/explorePool';
import { resolveConfig } from '../model/config/resolve';
import type { ExploreSetup } from '../model/explore/evaluator';
import { parseConstraint, parseObjective } from '../model/explore/objectives';
import { pointJson } from '../model/explore/results';
import { batchDimension, bestPoint, parallelismDimension } from '../model/explore/search';
import type { Dimension } from '../model/explore/space';
import { parseVary } from '../model/explore/varySpec';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  const loadAtStart = loadavg()[0]!;
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

  // Serving: Llama-3-8B on one H100 at 10 requests/s (about half its saturation), 10,000
  // measured requests (+1,000 warm-up), lognormal lengths; a fresh step cache every run.
  const servingFile = resolve('examples/bench-serving.chip.yaml');
  const servingText = [
    'extends: h100-sxm',
    'workload: { model: llama-3-8b, prompt: 1024, output: 256 }',
    'serving:',
    '  rate: 10 /s',
    '  requests: 10000',
    '  prompt: { distribution: lognormal, mean: 1024, sigma: 0.6, max: 8192 }',
    '  output: { distribution: lognormal, mean: 256, sigma: 0.6, max: 2048 }',
    '  slo: { ttft: 500 ms, tpot: 50 ms, percentile: 99 }',
    '',
  ].join('\n');
  const servingAnalysis = await analyzeConfig(servingText, servingFile, host, { serving: false });
  const servingSpec = (await servingSpecFrom(servingAnalysis.config!, servingAnalysis.origins, servingFile, host)).spec!;
  const servingDesign = servingAnalysis.design!;
  const blocks = Math.floor(kvCacheTokens(servingDesign, servingSpec) / servingSpec.blockTokens);
  // CPU time of this process, not wall time: on a machine shared with other work the wall
  // clock measures the others too. (It includes V8's GC helper threads: conservative.)
  const cpuMs = (start: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(start);
    return (c.user + c.system) / 1e3;
  };
  const simMs: number[] = [];
  let steps = 0;
  let evaluations = 0;
  for (let i = 0; i < 7; i++) {
    const timer = new StepTimer(servingDesign, 8192 + 2048);
    const t = process.cpuUsage();
    const o = simulate(servingSpec, timer, blocks);
    simMs.push(cpuMs(t));
    steps = o.steps;
    evaluations = timer.evaluations;
  }
  const simulationMs = median(simMs);
  const searchMs: number[] = [];
  let maxRate = 0;
  for (let i = 0; i < 3; i++) {
    // Each run simulates: a kept result of the same inputs would be recalled (servingMemo.ts).
    forgetServingRuns();
    const t = process.cpuUsage();
    const s = await evaluateServing(servingDesign, { ...servingSpec, requests: 2000, warmupRequests: 200 });
    searchMs.push(cpuMs(t));
    maxRate = s.maxRateAtSlo ?? 0;
  }
  const servingSearchMs = median(searchMs);
  // Exploration: 1000 batches x 10 bandwidths x 10 clocks x 10 memory capacities.
  const exploreSetup = async (
    path: string,
    dimensions: Dimension[],
    objectives: string[],
    constraints: string[],
  ): Promise<ExploreSetup> => {
    const f = resolve(path);
    const resolved = await resolveConfig(readFileSync(f, 'utf8'), f, host);
    return {
      file: f,
      files: Object.fromEntries(resolved.texts),
      root: resolve('examples'),
      sets: [],
      space: { dimensions, sampling: { kind: 'grid' } },
      objectives: objectives.map(parseObjective),
      constraints: constraints.map(parseConstraint),
      metrics: ['prefill.ms'],
    };
  };
  const workerFile = resolve(__dirname, 'exploreWorker.js');
  const millionSpace = [
    'workload.batch=1..1000:1000',
    'chip.memory.bandwidth=2 TB/s..8 TB/s:10',
    'chip.clock=1 GHz..2 GHz:10',
    'chip.memory.capacity=24 GB..240 GB:10',
  ].map(parseVary);
  // Several runs, the median reported: the machine is shared, and one run can land on a busy
  // minute. A run slower than a minute is not repeated (the bench must end in minutes).
  const millionRuns: { seconds: number; pointsPerSecond: number; cpuSeconds: number; front: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    // CPU time of every thread of this process (getrusage): what the run costs whatever else the machine is doing.
    const cpuBefore = process.cpuUsage();
    const million = await exploreInThreads(
      await exploreSetup('examples/jalapeno.chip.yaml', millionSpace, ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'], []),
      { workerFile },
    );
    const cpu = process.cpuUsage(cpuBefore);
    millionRuns.push({
      seconds: (performance.now() - t) / 1e3,
      pointsPerSecond: million.results.evaluated / million.results.seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      front: million.results.front.length,
    });
    if (millionRuns[run]!.seconds > 60) break;
  }
  const millionSeconds = median(millionRuns.map((r) => r.seconds));
  const pointsPerSecond = median(millionRuns.map((r) => r.pointsPerSecond));
  const cpuSeconds = median(millionRuns.map((r) => r.cpuSeconds));
  const millionFront = millionRuns[0]!.front;
  const cores = availableParallelism();

  const searches: string[] = [];
  let slowestSearch = 0;
  for (const path of ['examples/h100-baseline.chip.yaml', 'examples/jalapeno.chip.yaml']) {
    // Timed from the file's text (parse, validate every value, start the workers) to the answer; median of three.
    // Every TP x PP split up to 64 chips, the same space for both chips: `search` itself keeps
    // tensor parallelism within a stated `chip.link.domain` (8 for the H100), so its answer may differ.
    const times: number[] = [];
    let s: Awaited<ReturnType<typeof exploreInThreads>> | undefined;
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      s = await exploreInThreads(
        await exploreSetup(
          path,
          [parallelismDimension(64), batchDimension(1024)],
          ['cost.usdPerMillionOutputTokens:min', 'decode.msPerToken:min'],
          ['decode.msPerToken<=20', 'prefill.ms<=2000'],
        ),
        { workerFile },
      );
      times.push((performance.now() - t) / 1e3);
    }
    const seconds = median(times);
    slowestSearch = Math.max(slowestSearch, seconds);
    const best = bestPoint(s!.results);
    const p = best === undefined ? undefined : pointJson(s!.results, best, true);
    searches.push(
      `${path} (every split, no link domain): ${s!.results.evaluated.toLocaleString('en')} designs in ${seconds.toFixed(2)} s (median of ${times.map((x) => x.toFixed(2)).join(', ')}); ${p ? `${p.values['system.chips']} chips (TP ${p.values['system.tensor_parallel']} x PP ${p.values['system.pipeline_parallel']}), batch ${p.values['workload.batch']}: ${p.metrics['cost.usdPerMillionOutputTokens']!.toFixed(3)} USD per million output tokens, TPOT ${p.metrics['decode.msPerToken']!.toFixed(2)} ms, TTFT ${p.metrics['prefill.ms']!.toFixed(0)} ms` : 'nothing feasible'}`,
    );
  }

  // Over budget says so: "1.0× under budget" had stood beside 208 ms against 200 ms.
  const againstBudget = (budget: number, measured: number) =>
    measured <= budget
      ? `${(budget / measured).toFixed(2)}× under budget`
      : `OVER budget by ${((measured / budget - 1) * 100).toFixed(0)} %`;
  const rows = [
    [
      'evaluation (Llama-3-70B, 8 chips)',
      `${evalUs.toFixed(1)} µs`,
      '50 µs',
      againstBudget(50, evalUs),
      `${Math.round(1e6 / evalUs).toLocaleString('en')} evaluations/s`,
    ],
    [
      `on-save pipeline (${keys} sensitivities + batch curve)`,
      `${pipelineMs.toFixed(2)} ms`,
      '10 ms',
      againstBudget(10, pipelineMs),
      `p90 ${saveMs.sort((a, b) => a - b)[Math.floor(saveMs.length * 0.9)]!.toFixed(2)} ms`,
    ],
    [
      'serving: 10,000 requests (Llama-3-8B, H100, 10 req/s), CPU',
      `${simulationMs.toFixed(0)} ms`,
      '200 ms',
      againstBudget(200, simulationMs),
      `${steps.toLocaleString('en')} steps, ${evaluations} engine evaluations`,
    ],
    [
      'serving analysis: max-rate search + load curve, CPU',
      `${servingSearchMs.toFixed(0)} ms`,
      '2 s',
      againstBudget(2000, servingSearchMs),
      `max ${maxRate.toFixed(1)} req/s at p99 TTFT 500 ms, TPOT 50 ms`,
    ],
    [
      'exploration, 1,000,000 points + front (all cores), median',
      `${millionSeconds.toFixed(2)} s`,
      '30 s',
      againstBudget(30, millionSeconds),
      `${Math.round(pointsPerSecond).toLocaleString('en')} points/s (budget 100,000; median of ${millionRuns.length} runs: ${millionRuns.map((r) => Math.round(r.pointsPerSecond).toLocaleString('en')).join(', ')}), front ${millionFront}; ${cpuSeconds.toFixed(1)} CPU-s = ${Math.round(1e6 / cpuSeconds).toLocaleString('en')} points per CPU-second x ${cores} cores`,
    ],
    [
      'search: chips x TP/PP x batch, TPOT<=20 ms, TTFT<=2 s',
      `${slowestSearch.toFixed(2)} s`,
      '10 s',
      againstBudget(10, slowestSearch),
      'slower of H100 and Jalapeño',
    ],
  ];
  // Wall-clock figures depend on what else runs: say how busy the machine was.
  console.log(
    `${availableParallelism()} cores; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
  );
  console.log('benchmark                                          median      budget   ratio               note');
  for (const r of rows) console.log(`${r[0]!.padEnd(50)} ${r[1]!.padEnd(11)} ${r[2]!.padEnd(8)} ${r[3]!.padEnd(19)} ${r[4]}`);
  for (const line of searches) console.log(`  ${line}`);
  if (
    evalUs > 50 ||
    pipelineMs > 10 ||
    millionSeconds > 30 ||
    pointsPerSecond < 100_000 ||
    slowestSearch > 10 ||
    simulationMs > 200 ||
    servingSearchMs > 2000
  )
    process.exitCode = 1;
}

void main();
