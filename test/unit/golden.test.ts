// Golden tests: the primer's worked examples ("Useful worked examples"), each built from
// its description as an inline chip and model, evaluated with analyzeConfig like any file.
//
// Tolerances are stated per test and were chosen before looking at the model's answer:
// these are roofline-class estimates, so ±25 % unless said otherwise. Where the model
// misses, the miss is recorded in docs/validation.md ("Golden tests"), not loosened here.
//
//   node --import tsx --test test/unit/golden.test.ts

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { nodeFileHost } from '../../cli/nodeHost';
import { analyzeConfig } from '../../model/analyze';
import type { EvaluationResult } from '../../model/result';

const ROOT = join(__dirname, '..', '..');
const host = nodeFileHost(ROOT);

async function evaluate(text: string, name: string): Promise<EvaluationResult> {
  const a = await analyzeConfig(text, join(ROOT, 'test', 'unit', `${name}.chip.yaml`), host);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, errors.map((e) => e.message).join('\n'));
  assert.ok(a.result, 'no result');
  return a.result;
}

function within(actual: number, expected: number, tolerance: number, what: string) {
  const err = actual / expected - 1;
  assert.ok(
    Math.abs(err) <= tolerance,
    `${what}: model ${actual.toPrecision(4)} vs ${expected} (${(err * 100).toFixed(1)} %, tolerance ±${tolerance * 100} %)`,
  );
}

// ---------------------------------------------------------------------------------------
// Scaling book ("All about Transformer inference"): a 30B-parameter model, int8 weights,
// on a TPU v5e 4x4 (16 chips), KV cache 100 kB per token, 8192-token context:
// T_step ≈ (B·KV + W) / (16 · 8.1e11 B/s) ≈ 2.5 ms at B = 4 and ≈ 21 ms at B = 256.
// The book's estimate is the pure memory term at full HBM bandwidth (8.1e11 B/s), so the
// chip states the book's assumptions: 810 GB/s at 100 % efficiency, no dispatch cost, ideal
// ICI, and the full matrix peak (the book's estimate has no compute term; the tpu-v5e
// preset's pooled 60 % prior would make the batch-256 FFN compute-bound). The model: an inline 30.4B dense decoder whose KV cache is 98 kB per token
// (2 x 1 B x 64 head_dim x 16 kv heads x 48 layers) and whose 16 kv heads divide the 16
// chips (no replication).
const MODEL_30B = '{ layers: 48, hidden: 6144, heads: 96, kv_heads: 16, head_dim: 64, ffn: 29184, activation: swiglu, vocab: 32000 }';
const SCALING_BOOK = (batch: number) => `
name: scaling-book 30B int8 on TPU v5e 4x4
extends: tpu-v5e
chip:
  memory: { bandwidth: 810 GB/s, efficiency: 100 % }
  matrix: { efficiency: 100 % }
  dispatch_overhead: 0 us
  link: { latency: 0 us }
system: { chips: 16, tensor_parallel: 16 }
runtime: { gemm_efficiency: 100 %, prefill_overhead: 0 ms, step_overhead: 0 ms, sequence_overhead: 0 us, launch_overhead: 0 us, collective_overhead: 0 us, shape_buckets: none }   # the book's calculation has no software time and no padding (the tpu-v5e preset's jetstream runtime pads to buckets)
workload:
  model: ${MODEL_30B}
  precision: { weights: int8, activations: bf16, kv_cache: int8 }
  batch: ${batch}
  prompt: 8064
  output: 256      # decode steps at a mean context of 8064 + 128 = 8192 tokens
`;

describe('golden: scaling book, 30B int8 on TPU v5e 4x4 (tolerance ±25 %)', () => {
  it('≈ 2.5 ms per decode step at batch 4', async () => {
    const r = await evaluate(SCALING_BOOK(4), 'scaling-book-b4');
    within(r.decode.msPerToken, 2.5, 0.25, 'decode step, B=4');
  });
  it('≈ 21 ms per decode step at batch 256', async () => {
    const r = await evaluate(SCALING_BOOK(256), 'scaling-book-b256');
    within(r.decode.msPerToken, 21, 0.25, 'decode step, B=256');
  });
});

// ---------------------------------------------------------------------------------------
// Pope et al., "Efficiently Scaling Transformer Inference" (MLSys 2023): PaLM 540B with int8
// weights on 64 TPU v4 chips, 29 ms per generated token at low batch with a 2048-token
// context (the paper's chatbot example: 64 new tokens after 64 + 1920 context tokens in
// 1.9 s). This is a measurement, not a roofline, so the chip is described as the other
// TPU presets are (uncalibrated schema defaults: matrix 80 %, memory 85 %, 1 us per hop and
// per operator). TPU v4 (hardware_specs.csv, cloud.google.com/tpu/docs/v4): 275 TFLOPS
// bf16 or int8, 32 GiB HBM2 at 1.2 TB/s, 192 W max measured, 3D torus ICI (4x4x4:
// `topology: torus_3d`, a ring along each axis); ICI 6 links x 45 GB/s per direction (the scaling book's per-link ICI figure) =
// 270 GB/s. PaLM 540B (Chowdhery et al. 2022, Table 1): 118 layers, d = 18432, 48 heads
// of 256, multi-query (1 kv head), SwiGLU with d_ff = 4d, 256k vocabulary, parallel
// attention + FFN, shared input/output embedding. Batch 64 is an assumption ("low batch").
const PALM = (batch: number) => `
name: PaLM 540B int8 on 64 TPU v4
chip:
  clock: 1.05 GHz
  tdp: 192 W
  matrix: { peak: { bf16: 275 TFLOPS, int8: 275 TOPS }, efficiency: 80 % }
  vector: { peak: 27.5 TFLOPS }
  sram: { capacity: 32 MiB, bandwidth: 20 TB/s }
  memory: { capacity: 32 GiB, bandwidth: 1.2 TB/s, efficiency: 85 % }
  link: { bandwidth: 270 GB/s, latency: 1 us }
  dispatch_overhead: 1 us
system: { chips: 64, tensor_parallel: 64, topology: torus_3d }
runtime: { gemm_efficiency: 100 %, prefill_overhead: 0 ms, step_overhead: 0 ms, sequence_overhead: 0 us, launch_overhead: 0 us, collective_overhead: 0 us }   # one XLA-compiled step per token, dispatched asynchronously
workload:
  model: { layers: 118, hidden: 18432, heads: 48, kv_heads: 1, head_dim: 256, ffn: 73728, activation: swiglu, vocab: 256000, parallel_attention: true, tied_embeddings: true }
  precision: { weights: int8, activations: bf16, kv_cache: bf16 }
  batch: ${batch}
  prompt: 1984
  output: 64
`;

// Modelled as a flat 64-chip ring this missed by +47 % (43 ms): the ring's 126 hop latencies
// per all-reduce cost 17 ms per step, where the 3D torus needs 18 steps. With the torus it
// passes, but one known over-count remains (docs/validation.md, "Golden tests"): with 1 kv
// head on 64 chips the engine replicates the whole KV cache on every chip (15 ms of KV reads
// per step; Pope et al. shard it by batch), offset here by the config's optimistic software
// (no host time at all).
describe('golden: PaLM 540B int8 on 64 TPU v4 (Pope et al.), 29 ms per token (tolerance ±25 %)', () => {
  it('29 ms per token at batch 64, 2048-token context', async () => {
    const r = await evaluate(PALM(64), 'palm-540b-b64');
    within(r.decode.msPerToken, 29, 0.25, 'decode step, B=64');
  });
});

// ---------------------------------------------------------------------------------------
// gpt-fast README: Llama-2-7B bf16 on one A100-80GB power-limited to 330 W, batch 1,
// 5-token prompt: 104.9 tokens/s; the author computes 1397 GB/s achieved (≈ 69 % of the
// 2039 GB/s peak). tokens/s = 200 generated tokens (generate.py default) / wall time of
// generate() including prefill. Uses the calibrated a100-80gb-sxm preset; note that this
// configuration is also a row of the Ampere calibration set (C0122), so it is not an
// independent check of the calibration, only of the pipeline and the preset.
const GPT_FAST = `
name: gpt-fast Llama-2-7B bf16 on A100-80GB (330 W)
extends: a100-80gb-sxm
chip: { tdp: 330 W }
runtime: { gemm_efficiency: 100 %, prefill_overhead: 0 ms, step_overhead: 0 ms, sequence_overhead: 0 us, launch_overhead: 0 us, collective_overhead: 0 us }   # validation/runtimes.ts, gpt-fast: the step is one CUDA graph
workload:
  model: llama-2-7b
  precision: { weights: bf16, activations: bf16, kv_cache: bf16 }
  batch: 1
  prompt: 5
  output: 200
`;

describe('golden: gpt-fast Llama-2-7B bf16 on A100-80GB, batch 1 (tolerance ±25 %; bytes ±5 %)', () => {
  it('104.9 tokens/s', async () => {
    const r = await evaluate(GPT_FAST, 'gpt-fast-llama2-7b');
    within(r.throughput.outputTokensPerSecond, 104.9, 0.25, 'tokens/s');
  });
  // The author's bandwidth is model bytes x tokens/s, so 1397.31 / 104.9 = 13.32 GB is the
  // size gpt-fast streams per token: a check of the model's byte accounting (±5 %).
  it('streams the bytes gpt-fast streams per token (1397.31 GB/s / 104.9 tok/s = 13.32 GB)', async () => {
    const r = await evaluate(GPT_FAST, 'gpt-fast-llama2-7b');
    within(r.memory.weightsBytes, 1397.31e9 / 104.9, 0.05, 'weight bytes per token');
  });
});
