// Property-based checks that the engine's answers follow the physics, not just the shape:
// for any chip preset, model preset and workload, a decode step never gets slower with more
// memory bandwidth, and never faster with a larger batch or more layers; prefill never gets
// faster with a longer prompt. Design points are varied through the model's API
// (evaluateDesign on DesignPoints), from every chip × model preset pair.
//
// A failure prints fast-check's seed and path; replay it with FUZZ_SEED=<seed>. FUZZ_SCALE
// multiplies the number of runs.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { analyzeConfig } from '../../model/analyze';
import type { DesignPoint } from '../../model/design';
import { evaluateDesign } from '../../model/engine/evaluate';
import { mainMemoryOf } from '../../model/engine/residency';
import { presetIds } from '../../model/presets';
import { withMainMemory, withParts } from './helpers/designs';
import { memoryHost } from './helpers/memoryHost';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns * SCALE)), ...(SEED !== undefined ? { seed: SEED } : {}) });
/** Relative slack for floating-point noise only: the properties are exact in the model. */
const EPSILON = 1e-9;

const bases = new Map<string, DesignPoint>();
before(async () => {
  for (const chip of presetIds('chip')) {
    for (const model of presetIds('model')) {
      const file = '/ws/p.chip.yaml';
      const text = `extends: ${chip}\nworkload: { model: ${model} }\n`;
      const a = await analyzeConfig(text, file, memoryHost({ [file]: text }));
      assert.ok(a.design, `${chip} × ${model}: ${a.diagnostics.map((d) => d.message).join(' ')}`);
      bases.set(`${chip}|${model}`, a.design);
    }
  }
});

/** A preset pair with a random workload and tensor parallelism (chips = TP). */
const designArb = fc
  .record({
    chip: fc.constantFrom(...presetIds('chip')),
    model: fc.constantFrom(...presetIds('model')),
    batch: fc.integer({ min: 1, max: 256 }),
    prompt: fc.integer({ min: 1, max: 8192 }),
    output: fc.integer({ min: 2, max: 2048 }),
    tensorParallel: fc.constantFrom(1, 2, 4, 8),
  })
  .map((p) =>
    withParts(bases.get(`${p.chip}|${p.model}`)!, {
      system: { chips: p.tensorParallel, tensorParallel: p.tensorParallel, pipelineParallel: 1 },
      workload: { batch: p.batch, promptTokens: p.prompt, outputTokens: p.output },
    }),
  );

const decodeSeconds = (d: DesignPoint) => evaluateDesign(d).phases.decode.seconds;
const describe = (d: DesignPoint) =>
  `${d.hardware.name} · ${d.workload.model.layers} layers · batch ${d.workload.batch} · prompt ${d.workload.promptTokens} · output ${d.workload.outputTokens} · TP${d.system.tensorParallel}`;

test('decode time is non-increasing in memory bandwidth', () => {
  fc.assert(
    fc.property(designArb, fc.double({ min: 1.01, max: 16, noNaN: true }), (design, factor) => {
      const faster = withParts(design, {
        hardware: withMainMemory(design.hardware, {
          bandwidthBytesPerSecond: mainMemoryOf(design.hardware).bandwidthBytesPerSecond * factor,
        }),
      });
      const [before, after] = [decodeSeconds(design), decodeSeconds(faster)];
      assert.ok(after <= before * (1 + EPSILON), `${describe(design)}: ×${factor} bandwidth took ${after} s vs ${before} s`);
    }),
    params(400),
  );
});

test('decode time is non-decreasing in batch', () => {
  fc.assert(
    fc.property(designArb, fc.integer({ min: 1, max: 256 }), (design, more) => {
      const larger = withParts(design, { workload: { batch: design.workload.batch + more } });
      const [before, after] = [decodeSeconds(design), decodeSeconds(larger)];
      assert.ok(after >= before * (1 - EPSILON), `${describe(design)}: batch +${more} took ${after} s vs ${before} s`);
    }),
    params(400),
  );
});

test('decode time is non-decreasing in layers', () => {
  fc.assert(
    fc.property(designArb, fc.integer({ min: 1, max: 64 }), (design, more) => {
      const deeper = withParts(design, { model: { layers: design.workload.model.layers + more } });
      const [before, after] = [decodeSeconds(design), decodeSeconds(deeper)];
      assert.ok(after >= before * (1 - EPSILON), `${describe(design)}: +${more} layers took ${after} s vs ${before} s`);
    }),
    params(400),
  );
});

test('prefill time is non-decreasing in prompt length', () => {
  fc.assert(
    fc.property(designArb, fc.integer({ min: 1, max: 4096 }), (design, more) => {
      const longer = withParts(design, { workload: { promptTokens: design.workload.promptTokens + more } });
      const [before, after] = [evaluateDesign(design).phases.prefill.seconds, evaluateDesign(longer).phases.prefill.seconds];
      assert.ok(after >= before * (1 - EPSILON), `${describe(design)}: prompt +${more} took ${after} s vs ${before} s`);
    }),
    params(400),
  );
});
