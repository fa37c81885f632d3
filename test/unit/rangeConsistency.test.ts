// Response time and throughput are one quantity seen two ways: a static batch delivers
// batch × output tokens in one response time (model/engine/evaluate.ts), so their 80 %
// ranges must be one interval read through that relation (model/ranges: RANGE_BASIS). Before,
// each took its own residual quantiles and the printed ends contradicted each other: the H100
// baseline of examples/jalapeno.chip.yaml had a throughput lower end of 587 tok/s, a response
// of 6.98 s for its 4096 tokens, above the response time's upper end of 6.21 s.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeConfig } from '../../model/analyze';
import { rangeFor, RANGE_CATEGORIES } from '../../model/ranges/predictionRanges';
import { findMetric, reportFor } from '../../model/report/build';
import type { EvaluationResult } from '../../model/result';
import { memoryHost } from './helpers/memoryHost';

const ROOT = join(__dirname, '../..');
const example = (name: string) => join(ROOT, 'examples', name);

// Seen, unseen-runtime, unseen-chip and unseen-both configurations; a pipeline of two stages.
const INLINE: Record<string, string> = {
  'H100, TensorRT-LLM (seen)':
    'extends: h100-sxm\nworkload: { model: llama-2-7b, batch: 4, prompt: 300, output: 64 }\nruntime: tensorrt-llm\n',
  'A100, vLLM preset (unseen runtime)':
    'extends: a100-80gb-sxm\nsystem: { chips: 2, tensor_parallel: 2 }\nworkload: { model: llama-2-13b, batch: 32, prompt: 512, output: 128 }\nruntime: vllm\n',
  'MI300X, TensorRT-LLM (unseen chip)':
    'extends: mi300x\nworkload: { model: llama-2-7b, batch: 1, prompt: 128, output: 512 }\nruntime: tensorrt-llm\n',
  'Jalapeño, batch 1 (unseen both)': 'extends: jalapeno\nworkload: { model: llama-2-7b, batch: 1, prompt: 2048, output: 16 }\n',
  'H100, one output token (a prefill alone)': 'extends: h100-sxm\nworkload: { model: llama-2-7b, batch: 8, prompt: 1024, output: 1 }\n',
};

interface Case {
  label: string;
  result: EvaluationResult;
  batch: number;
  output: number;
  chips: number;
}

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  // A `compare:` baseline runs the design's workload and system (the value check below holds it to that).
  const add = (label: string, a: Awaited<ReturnType<typeof analyzeConfig>>, result: EvaluationResult | undefined) => {
    assert.ok(result?.ranges, `${label}: ${JSON.stringify(a.diagnostics.map((d) => d.message))}`);
    const design = a.design!;
    out.push({ label, result, batch: design.workload.batch, output: design.workload.outputTokens, chips: design.system.chips });
  };
  for (const file of ['jalapeno.chip.yaml', 'jalapeno-pipeline.chip.yaml', 'h100-baseline.chip.yaml']) {
    const text = readFileSync(example(file), 'utf8');
    const a = await analyzeConfig(text, example(file), memoryHost({ [example(file)]: text }, ROOT));
    add(file, a, a.result);
    if (a.baseline) add(`${file} baseline`, a, a.baseline.result);
  }
  for (const [label, text] of Object.entries(INLINE)) {
    const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({}), {});
    add(label, a, a.result);
  }
  return out;
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a / b - 1) < 1e-9, `${what}: ${a} vs ${b}`);

describe('response time and throughput ranges are one interval', () => {
  it('throughput ends × response ends = batch × output tokens, for every category and a pipeline', async () => {
    const all = await cases();
    assert.deepEqual(new Set(all.map((c) => c.result.rangeCategory)), new Set(RANGE_CATEGORIES), 'every category is exercised');
    assert.ok(all.some((c) => c.label.startsWith('jalapeno-pipeline')));
    for (const { label, result: r, batch, output, chips } of all) {
      const tokens = batch * output;
      // The model's own relation, which the ranges must respect.
      close(r.throughput.outputTokensPerSecond * (r.response.ms / 1e3), tokens, `${label} value`);
      const [tLow, tHigh] = r.ranges!['throughput.outputTokensPerSecond'];
      const [rLow, rHigh] = r.ranges!['response.ms'];
      close(tLow * (rHigh / 1e3), tokens, `${label}: the slowest throughput is the longest response`);
      close(tHigh * (rLow / 1e3), tokens, `${label}: the fastest throughput is the shortest response`);
      // Throughput per chip: the system's range over the stated chip count.
      const [cLow, cHigh] = r.ranges!['throughput.perChip'];
      close(cLow * chips, tLow, `${label} per chip, low`);
      close(cHigh * chips, tHigh, `${label} per chip, high`);
      for (const [lo, v, hi, m] of [
        [rLow, r.response.ms, rHigh, 'response'],
        [tLow, r.throughput.outputTokensPerSecond, tHigh, 'throughput'],
        [cLow, r.throughput.perChip, cHigh, 'per chip'],
      ] as const)
        assert.ok(lo > 0 && lo <= v && v <= hi, `${label} ${m}: ${lo} ≤ ${v} ≤ ${hi}`);
    }
  });

  it('with one output token the response is its prefill: one number, one range, on the batch curve too', async () => {
    const text = INLINE['H100, one output token (a prefill alone)']!;
    const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({}), { batchCurve: true });
    const r = a.result!;
    assert.equal(r.decodeSteps, 0);
    assert.equal(r.response.ms, r.prefill.ms);
    assert.deepEqual(r.ranges!['response.ms'], r.ranges!['prefill.ms']);
    // Not the throughput rows' interval, which a response of many decode steps has.
    const many = await analyzeConfig(text.replace('output: 1 ', 'output: 2 '), '/ws/a.chip.yaml', memoryHost({}), {});
    const spread = (x: readonly [number, number]) => x[1] / x[0];
    assert.notEqual(spread(many.result!.ranges!['response.ms']).toFixed(6), spread(many.result!.ranges!['prefill.ms']).toFixed(6));
    const point = a.batchCurve.design.find((p) => p.batch === 8)!;
    assert.equal(point.decodeSteps, 0);
    const tokens = 8;
    const [pLow, pHigh] = rangeFor('prefill.ms', point.prefillMs, r.rangeCategory!, point);
    const [tLow, tHigh] = rangeFor('throughput.outputTokensPerSecond', point.outputTokensPerSecond, r.rangeCategory!, point);
    close(tLow * (pHigh / 1e3), tokens, 'the slowest throughput is the longest prefill');
    close(tHigh * (pLow / 1e3), tokens, 'the fastest throughput is the shortest prefill');
  });

  it('a response time read from a throughput range is the inverse range, at any value (a batch-curve point)', () => {
    for (const c of RANGE_CATEGORIES) {
      const [tLow, tHigh] = rangeFor('throughput.outputTokensPerSecond', 500, c, undefined);
      const [rLow, rHigh] = rangeFor('response.ms', 8000, c, undefined);
      close(tLow * rHigh, 500 * 8000, `${c} low × high`);
      close(tHigh * rLow, 500 * 8000, `${c} high × low`);
    }
  });

  it('the printed ends agree too (the report the CLI table, hover and views read)', async () => {
    const text = readFileSync(example('jalapeno.chip.yaml'), 'utf8');
    const a = await analyzeConfig(text, example('jalapeno.chip.yaml'), memoryHost({ [example('jalapeno.chip.yaml')]: text }, ROOT));
    const report = reportFor(a);
    const tokens = a.design!.workload.batch * a.design!.workload.outputTokens;
    for (const [side, d] of [
      ['design', report.design],
      ['baseline', report.baseline!.report],
    ] as const) {
      const thr = findMetric(d, 'throughput.outputTokensPerSecond')!;
      const resp = findMetric(d, 'response.ms')!;
      close(thr.range!.low * (resp.range!.high / 1e3), tokens, side);
      close(thr.range!.high * (resp.range!.low / 1e3), tokens, side);
    }
  });
});
