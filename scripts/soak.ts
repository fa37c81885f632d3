// npm run soak: the fuzz properties of test/unit/fuzz.test.ts for far longer, collecting
// every failing input instead of stopping at the first, then a memory soak of the
// reference example. Options:
//   --cases N        cases to run (default 200,000)
//   --seconds N      run for N seconds instead of a case count
//   --seed N         first seed (default: from the clock); batch k uses seed N + k
//   --memory-runs N  analyses of the reference example for the memory soak (default 10,000)
//   --out FILE       write every failing input, as JSON, to FILE
// Exit code 1 if any case failed or the heap grew by more than 20 MB.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { analyzeConfig } from '../model/analyze';
import {
  boundaryConfigArb,
  generatedWorkspaceArb,
  MAIN,
  mutatedExampleArb,
  randomTextArb,
  runCase,
  WS,
  yamlTextArb,
  type Workspace,
} from '../test/unit/helpers/arbitraries';
import { memoryHost } from '../test/unit/helpers/memoryHost';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '200000' },
    seconds: { type: 'string' },
    seed: { type: 'string' },
    'memory-runs': { type: 'string', default: '10000' },
    out: { type: 'string' },
  },
});

const BOUND_MS = 200;
const BATCH = 500;
const examplesDir = resolve(import.meta.dirname, '../examples');
const examples = readdirSync(examplesDir)
  .filter((f) => /\.chip\.ya?ml$/.test(f))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(examplesDir, name), 'utf8') }));
const exampleFiles = Object.fromEntries(examples.map((e) => [`${WS}/${e.name}`, e.text]));

type Case = { ws: Workspace; file: string };
const categories: { name: string; weight: number; arb: fc.Arbitrary<Case> }[] = [
  { name: 'generated', weight: 25, arb: generatedWorkspaceArb.map((ws) => ({ ws, file: MAIN })) },
  {
    name: 'mutated',
    weight: 30,
    arb: mutatedExampleArb(examples).map((m) => {
      const file = `${WS}/${m.example}`;
      return { ws: { files: { ...exampleFiles, [file]: m.text }, links: {} }, file };
    }),
  },
  {
    name: 'boundary',
    weight: 25,
    arb: yamlTextArb(boundaryConfigArb).map((text) => ({ ws: { files: { [MAIN]: text }, links: {} }, file: MAIN })),
  },
  { name: 'random', weight: 20, arb: randomTextArb.map((text) => ({ ws: { files: { [MAIN]: text }, links: {} }, file: MAIN })) },
];

function gcFunction(): { gc: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return { gc: exposed, how: 'global.gc (--expose-gc)' };
  setFlagsFromString('--expose-gc');
  return { gc: runInNewContext('gc') as () => void, how: 'gc exposed at run time (v8.setFlagsFromString)' };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function fuzz() {
  const seconds = args.seconds !== undefined ? Number(args.seconds) : undefined;
  const maxCases = seconds !== undefined ? Infinity : Number(args.cases);
  const seed0 = args.seed !== undefined ? Number(args.seed) : Date.now() % 2 ** 31;
  const deadline = seconds !== undefined ? performance.now() + seconds * 1000 : Infinity;
  const totalWeight = categories.reduce((s, c) => s + c.weight, 0);
  const stats = new Map(categories.map((c) => [c.name, { cases: 0, evaluated: 0, cpu: [] as number[], wall: [] as number[] }]));
  const failures: { category: string; seed: number; index: number; problems: string[]; input: Case }[] = [];
  const started = performance.now();
  let cases = 0;
  let batch = 0;
  console.log(
    `fuzz: ${seconds !== undefined ? `${seconds} s` : `${maxCases.toLocaleString('en')} cases`}, seed ${seed0}, bound ${BOUND_MS} ms CPU per case`,
  );
  while (cases < maxCases && performance.now() < deadline) {
    const seed = seed0 + batch++;
    // Categories in proportion to their weights, one batch at a time.
    const pick = (seed * 7919) % totalWeight;
    let acc = 0;
    const category = categories.find((c) => (acc += c.weight) > pick)!;
    const n = Math.min(BATCH, maxCases - cases);
    const inputs = fc.sample(category.arb, { numRuns: n, seed });
    const options = fc.sample(fc.nat(15), { numRuns: n, seed: seed + 1 });
    const s = stats.get(category.name)!;
    for (let i = 0; i < inputs.length && performance.now() < deadline; i++) {
      const on = options[i] === 0;
      const outcome = await runCase(inputs[i]!.ws, inputs[i]!.file, { sensitivity: on, batchCurve: on }, BOUND_MS);
      cases++;
      s.cases++;
      if (outcome.evaluated) s.evaluated++;
      s.cpu.push(outcome.cpuMs);
      s.wall.push(outcome.wallMs);
      if (outcome.problems.length > 0)
        failures.push({ category: category.name, seed, index: i, problems: outcome.problems, input: inputs[i]! });
    }
    const elapsed = (performance.now() - started) / 1000;
    if (batch % 20 === 0) console.log(`  ${cases.toLocaleString('en')} cases, ${elapsed.toFixed(0)} s, ${failures.length} failing`);
  }
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `\n${cases.toLocaleString('en')} cases in ${elapsed.toFixed(1)} s (${(cases / elapsed).toFixed(0)} cases/s), ${failures.length} failing`,
  );
  console.log('category     cases   evaluated   CPU ms p50 / p99 / max    wall ms p50 / p99 / max');
  for (const [name, s] of stats) {
    if (s.cases === 0) continue;
    const cpu = [...s.cpu].sort((a, b) => a - b);
    const wall = [...s.wall].sort((a, b) => a - b);
    const row = (xs: number[]) => `${percentile(xs, 0.5).toFixed(1)} / ${percentile(xs, 0.99).toFixed(1)} / ${xs.at(-1)!.toFixed(1)}`;
    console.log(
      `${name.padEnd(10)} ${String(s.cases).padStart(7)} ${String(s.evaluated).padStart(11)}   ${row(cpu).padEnd(25)} ${row(wall)}`,
    );
  }
  for (const f of failures.slice(0, 5)) {
    console.log(
      `\nFAIL [${f.category}, seed ${f.seed}, #${f.index}] ${f.problems.join('; ')}\n  ${f.input.file}: ${JSON.stringify(f.input.ws.files[f.input.file]).slice(0, 600)}`,
    );
  }
  if (args.out && failures.length > 0) {
    writeFileSync(args.out, JSON.stringify(failures, null, 2));
    console.log(`\nall ${failures.length} failing inputs written to ${args.out}`);
  }
  return failures.length;
}

async function memory() {
  const runs = Number(args['memory-runs']);
  const { gc, how } = gcFunction();
  const file = `${WS}/jalapeno.chip.yaml`;
  const text = exampleFiles[file]!;
  const host = memoryHost(exampleFiles);
  console.log(
    `\nmemory: ${runs.toLocaleString('en')} analyses of examples/jalapeno.chip.yaml (with its h100-sxm baseline; sensitivities and batch curve on every 10th), ${how}`,
  );
  for (let i = 0; i < 100; i++) await analyzeConfig(text, file, host, { sensitivity: true, batchCurve: true });
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  let last;
  for (let i = 1; i <= runs; i++) {
    const on = i % 10 === 0;
    last = await analyzeConfig(text, file, host, { sensitivity: on, batchCurve: on });
    if (i % Math.max(1, Math.floor(runs / 5)) === 0) {
      console.log(`  after ${i.toLocaleString('en').padStart(7)}: heap used ${mb(process.memoryUsage().heapUsed)} (before gc)`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const beforeGc = process.memoryUsage().heapUsed;
  gc();
  const after = process.memoryUsage();
  const grown = after.heapUsed - before.heapUsed;
  console.log(`  ${(runs / seconds).toFixed(0)} analyses/s; result ok: ${last?.result !== undefined}`);
  console.log(
    `  heap used: before ${mb(before.heapUsed)}, after ${mb(beforeGc)} before gc, ${mb(after.heapUsed)} after gc: grew ${mb(grown)}`,
  );
  console.log(`  rss: before ${mb(before.rss)}, after ${mb(after.rss)}`);
  return grown;
}

async function main() {
  const failing = await fuzz();
  const grown = await memory();
  if (failing > 0 || grown > 20e6) process.exitCode = 1;
}

void main();
