// Property-based fuzzing of the whole pipeline (analyzeConfig): 10,000 cases of generated,
// mutated, edge-of-range and random configs. For every case: no exception, bounded time,
// no NaN or Infinity anywhere in a result, every diagnostic range inside its file, no
// error diagnostics implies a result, nothing read outside the workspace, no prototype
// pollution. `npm run soak` runs the same properties for longer.
//
// A failure prints fast-check's seed and path; replay it with FUZZ_SEED=<seed>. FUZZ_SCALE
// multiplies the number of runs (FUZZ_SCALE=0.1 for a quick pass).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
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
} from './helpers/arbitraries';

const EXAMPLES_DIR = join(import.meta.dirname, '../../examples');
const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => /\.chip\.ya?ml$/.test(f))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(EXAMPLES_DIR, name), 'utf8') }));
const exampleFiles = Object.fromEntries(examples.map((e) => [`${WS}/${e.name}`, e.text]));

/** CPU milliseconds one analysis may take, whatever the input (sensitivities included). */
const BOUND_MS = 200;
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** Sensitivities and the batch curve on one case in sixteen: they cost ~40 evaluations each. */
const optionsArb = fc.nat(15).map((n) => ({ sensitivity: n === 0, batchCurve: n === 0 }));

interface Stats {
  cases: number;
  evaluated: number;
  maxCpuMs: number;
  maxWallMs: number;
}

async function fuzz(name: string, arb: fc.Arbitrary<{ ws: Workspace; file: string }>, numRuns: number, t: { diagnostic(m: string): void }) {
  const stats: Stats = { cases: 0, evaluated: 0, maxCpuMs: 0, maxWallMs: 0 };
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arb, optionsArb, async ({ ws, file }, options) => {
      const outcome = await runCase(ws, file, options, BOUND_MS);
      stats.cases++;
      if (outcome.evaluated) stats.evaluated++;
      stats.maxCpuMs = Math.max(stats.maxCpuMs, outcome.cpuMs);
      stats.maxWallMs = Math.max(stats.maxWallMs, outcome.wallMs);
      assert.deepEqual(
        outcome.problems,
        [],
        `${outcome.problems.join('\n')}\n--- ${file} ---\n${JSON.stringify(ws.files[file]).slice(0, 2000)}`,
      );
    }),
    { numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) },
  );
  t.diagnostic(
    `${name}: ${stats.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, ${stats.evaluated} evaluated, slowest ${stats.maxCpuMs.toFixed(0)} ms CPU / ${stats.maxWallMs.toFixed(0)} ms wall`,
  );
}

test('generated workspaces: schema-driven configs with right, wrong, absurd values, extends/compare between files and links', async (t) => {
  await fuzz(
    'generated',
    generatedWorkspaceArb.map((ws) => ({ ws, file: MAIN })),
    runs(2500),
    t,
  );
});

test('mutated examples: deleted, duplicated, swapped lines, inserted characters, truncation, indentation, replaced values', async (t) => {
  const arb = mutatedExampleArb(examples).map((m) => {
    const file = `${WS}/${m.example}`;
    return { ws: { files: { ...exampleFiles, [file]: m.text }, links: {} }, file };
  });
  await fuzz('mutated', arb, runs(3000), t);
});

test('valid designs at the edges of the schema reach the engine and never produce NaN or Infinity', async (t) => {
  const arb = yamlTextArb(boundaryConfigArb).map((text) => ({ ws: { files: { [MAIN]: text }, links: {} }, file: MAIN }));
  await fuzz('boundary', arb, runs(2500), t);
});

test('random text and bytes (binary, Latin-1, UTF-16, YAML token soup) are diagnostics, never exceptions', async (t) => {
  await fuzz(
    'random',
    randomTextArb.map((text) => ({ ws: { files: { [MAIN]: text }, links: {} }, file: MAIN })),
    runs(2000),
    t,
  );
});
