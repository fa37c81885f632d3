// The serving runtime's costs (config section `runtime`) and the quantisation metadata of
// int4 weights, each checked against a hand calculation on a small design.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../model/analyze';
import type { EvaluationResult } from '../../model/result';
import { memoryHost } from './helpers/memoryHost';

const design = (
  extra: string,
  workload = 'model: { layers: 2, hidden: 1024, heads: 8, kv_heads: 2, ffn: 4096, activation: gelu, vocab: 1000 }',
) => `
chip:
  tdp: 1000 W
  matrix: { peak: { bf16: 1000 TFLOPS, int8: 2000 TOPS }, efficiency: 1 }
  vector: { peak: 1000 TFLOPS }
  sram: { capacity: 1 MB, bandwidth: 1000 TB/s }
  memory: { capacity: 80 GB, bandwidth: 1 TB/s, efficiency: 1 }
  link: { bandwidth: 100 GB/s, latency: 1 us }
${extra}
workload:
  ${workload}
  batch: 4
  prompt: 64
  output: 16
`;

async function evaluate(text: string): Promise<EvaluationResult> {
  const a = await analyzeConfig(text, '/ws/runtime.chip.yaml', memoryHost({}), {});
  assert.ok(a.result, JSON.stringify(a.diagnostics));
  return a.result;
}

const codes = async (text: string, files: Record<string, string> = {}) =>
  (await analyzeConfig(text, '/ws/runtime.chip.yaml', memoryHost(files), {})).diagnostics.map((d) => d.code);

/** A runtime with no costs (the defaults are the generic runtime's), with `keys` set. */
const NO_COSTS: Record<string, string> = {
  gemm_efficiency: '100 %',
  prefill_overhead: '0 ms',
  step_overhead: '0 ms',
  sequence_overhead: '0 us',
  launch_overhead: '0 us',
  collective_overhead: '0 us',
};
const runtime = (keys = ''): string => {
  const set = Object.fromEntries(
    keys
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split(':').map((x) => x.trim()) as [string, string]),
  );
  return `runtime: { ${Object.entries({ ...NO_COSTS, ...set })
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;
};
const NO_RUNTIME = runtime();

test('step and sequence overheads add host time to every pass: step + batch x sequence', async () => {
  const base = await evaluate(design(NO_RUNTIME));
  const r = await evaluate(design(runtime('step_overhead: 3 ms, sequence_overhead: 250 us')));
  const hostMs = 3 + 4 * 0.25;
  assert.ok(Math.abs(r.decode.msPerToken - base.decode.msPerToken - hostMs) < 1e-9);
  assert.ok(Math.abs(r.prefill.ms - base.prefill.ms - hostMs) < 1e-9);
  const host = r.phases.decode.operators.find((o) => o.unit === 'host');
  assert.ok(host && host.bottleneck === 'overhead' && host.governingKey === 'runtime.step_overhead');
  // The chips idle meanwhile: no dynamic energy for host time.
  assert.equal(host.energyJoules, 0);
});

test('prefill overhead adds to the time to first token only', async () => {
  const base = await evaluate(design(NO_RUNTIME));
  const r = await evaluate(design(runtime('prefill_overhead: 7 ms')));
  assert.ok(Math.abs(r.prefill.ms - base.prefill.ms - 7) < 1e-9);
  assert.equal(r.decode.msPerToken, base.decode.msPerToken);
  assert.equal(r.phases.prefill.operators.find((o) => o.unit === 'host')?.governingKey, 'runtime.prefill_overhead');
});

test("launch overhead is paid per kernel on programmable units, like the chip's dispatch, unless the chip sequences itself", async () => {
  const dispatch = await evaluate(design(`  dispatch_overhead: 5 us\n${NO_RUNTIME}`));
  const launch = await evaluate(design(`  dispatch_overhead: 0 us\n${runtime('launch_overhead: 5 us')}`));
  assert.ok(Math.abs(dispatch.decode.msPerToken - launch.decode.msPerToken) < 1e-9);
  const sequenced = await evaluate(design(`  host_launch: false\n  dispatch_overhead: 0 us\n${runtime('launch_overhead: 5 us')}`));
  const none = await evaluate(design(`  dispatch_overhead: 0 us\n${NO_RUNTIME}`));
  assert.equal(sequenced.decode.msPerToken, none.decode.msPerToken);
});

test('gemm efficiency scales compute-bound time only', async () => {
  const full = await evaluate(design(NO_RUNTIME));
  const half = await evaluate(design(runtime('gemm_efficiency: 50 %')));
  // Pure matrix products (no vector epilogue): their compute time is MACs / rate.
  const matrixSeconds = (r: EvaluationResult) =>
    r.phases.prefill.operators
      .filter((o) => o.id === 'output_projection' || o.id === 'ffn_down')
      .reduce((s, o) => s + o.time.compute * o.count, 0);
  assert.ok(Math.abs(matrixSeconds(half) / matrixSeconds(full) - 2) < 1e-9);
  assert.equal(half.phases.decode.offChipBytes, full.phases.decode.offChipBytes);
});

test('collective overhead: once per all-reduce, not for a hard-wired all-reduce engine', async () => {
  const tp2 = 'system: { chips: 2, tensor_parallel: 2 }';
  const base = await evaluate(design(`${tp2}\n${NO_RUNTIME}`));
  const r = await evaluate(design(`${tp2}\n${runtime('collective_overhead: 20 us')}`));
  // Two all-reduces per layer, two layers: 4 x 20 us.
  assert.ok(Math.abs(r.decode.msPerToken - base.decode.msPerToken - 4 * 0.02) < 1e-9);
  const hardWired = await evaluate(design(`  fixed_function: [all_reduce]\n${tp2}\n${runtime('collective_overhead: 20 us')}`));
  const hardWiredBase = await evaluate(design(`  fixed_function: [all_reduce]\n${tp2}\n${NO_RUNTIME}`));
  assert.equal(hardWired.decode.msPerToken, hardWiredBase.decode.msPerToken);
});

test('grouped_attention: false reads K/V once per query head in decode (group = heads / kv_heads)', async () => {
  const grouped = await evaluate(design(NO_RUNTIME));
  const perHead = await evaluate(design(runtime('grouped_attention: false')));
  const kvRead = (r: EvaluationResult) =>
    r.phases.decode.operators.filter((o) => o.id.startsWith('attention_')).reduce((s, o) => s + o.bytes.kvRead * o.count, 0);
  assert.ok(kvRead(grouped) > 0);
  assert.ok(Math.abs(kvRead(perHead) / kvRead(grouped) - 8 / 2) < 1e-9);
  // Prefill attention is unchanged (K and V were just produced).
  assert.equal(perHead.prefill.ms, grouped.prefill.ms);
});

test('int4 weights carry a 16-bit scale and zero point per group: 4 + 32 / group_size bits', async () => {
  const model = 'model: { layers: 2, hidden: 1024, heads: 8, kv_heads: 8, ffn: 4096, activation: gelu, vocab: 1000 }';
  const at = (weights: string, group = '') =>
    evaluate(design(NO_RUNTIME, `${model}\n  precision: { weights: ${weights}, activations: bf16, kv_cache: bf16${group} }`));
  const bf16 = await at('bf16');
  const g128 = await at('int4');
  const g32 = await at('int4', ', group_size: 32');
  assert.ok(Math.abs(g128.memory.weightsBytes / bf16.memory.weightsBytes - 4.25 / 16) < 1e-9);
  assert.ok(Math.abs(g32.memory.weightsBytes / bf16.memory.weightsBytes - 5 / 16) < 1e-9);
  // int8 uses per-channel scales: exactly half of bf16.
  const int8 = await at('int8');
  assert.ok(Math.abs(int8.memory.weightsBytes / bf16.memory.weightsBytes - 0.5) < 1e-12);
});

test('host time adds to the lower bound too: it never overlaps the chips', async () => {
  const base = await evaluate(design(NO_RUNTIME));
  const r = await evaluate(design(runtime('step_overhead: 5 ms')));
  assert.ok(Math.abs(r.decode.lowerMs - base.decode.lowerMs - 5) < 1e-9);
});

test("a collective's library start-up is software overhead, not link time", async () => {
  const r = await evaluate(design(`system: { chips: 2, tensor_parallel: 2 }\n${runtime('collective_overhead: 20 us')}`));
  const ar = r.phases.decode.operators.find((o) => o.class === 'collective')!;
  const base = await evaluate(design(`system: { chips: 2, tensor_parallel: 2 }\n${NO_RUNTIME}`));
  const arBase = base.phases.decode.operators.find((o) => o.class === 'collective')!;
  assert.equal(ar.time.link, arBase.time.link);
  assert.ok(Math.abs(ar.time.overhead - arBase.time.overhead - 20e-6) < 1e-15);
});

test('hard-wired blocks run no software kernels: gemm_efficiency and grouped_attention do not apply', async () => {
  const wired = (keys: string) => design(`  fixed_function: [qkv_projection, attention]\n${runtime(keys)}`);
  const full = await evaluate(wired(''));
  const half = await evaluate(wired('gemm_efficiency: 50 %, grouped_attention: false'));
  const qkv = (r: EvaluationResult) => r.phases.prefill.operators.find((o) => o.id === 'qkv_projection')!.time.compute;
  assert.equal(qkv(half), qkv(full));
  const kv = (r: EvaluationResult) =>
    r.phases.decode.operators.filter((o) => o.id.startsWith('attention_')).reduce((s, o) => s + o.bytes.kvRead, 0);
  assert.equal(kv(half), kv(full));
});

test('a compare file on a different runtime is flagged; the same runtime is not', async () => {
  const other = (rt: string) => ({ '/ws/other.chip.yaml': design(rt) });
  const mine = `${design(NO_RUNTIME)}compare: ./other.chip.yaml\n`;
  assert.ok((await codes(mine, other(runtime('step_overhead: 10 ms')))).includes('runtime-differs'));
  assert.ok(!(await codes(mine, other(NO_RUNTIME))).includes('runtime-differs'));
  // A compare file is evaluated as written: on other work, its ratios compare different work.
  assert.ok(!(await codes(mine, other(NO_RUNTIME))).includes('workload-differs'));
  const moreChips = {
    '/ws/other.chip.yaml': design(NO_RUNTIME).replace(/^workload:/m, 'system: { chips: 2, tensor_parallel: 2 }\nworkload:'),
  };
  const severityOf = async (files: Record<string, string>) =>
    (await analyzeConfig(mine, '/ws/runtime.chip.yaml', memoryHost(files), {})).diagnostics.find((d) => d.code === 'workload-differs')
      ?.severity;
  // Another system for the same work: a comparison of systems, said as an info.
  assert.equal(await severityOf(moreChips), 'info', JSON.stringify(moreChips));
  // Other work (another batch): a warning.
  assert.equal(await severityOf({ '/ws/other.chip.yaml': design(NO_RUNTIME).replace('batch: 4', 'batch: 8') }), 'warning');
});

test('group_size on weights other than int4 is pointed out, not silently used', async () => {
  const model = 'model: { layers: 2, hidden: 1024, heads: 8, kv_heads: 8, ffn: 4096, activation: gelu, vocab: 1000 }';
  assert.ok((await codes(design(NO_RUNTIME, `${model}\n  precision: { weights: int8, group_size: 64 }`))).includes('group-size-unused'));
  assert.ok(!(await codes(design(NO_RUNTIME, `${model}\n  precision: { weights: int4, group_size: 64 }`))).includes('group-size-unused'));
});

test('decode_launch: graph replays the decode step with no host launch or collective start-up; prefill still pays them', async () => {
  const tp2 = 'system: { chips: 2, tensor_parallel: 2 }';
  const costs = 'launch_overhead: 5 us, collective_overhead: 20 us';
  const none = await evaluate(design(`${tp2}\n${NO_RUNTIME}`));
  const eager = await evaluate(design(`${tp2}\n${runtime(`${costs}, decode_launch: eager`)}`));
  const graph = await evaluate(design(`${tp2}\n${runtime(`${costs}, decode_launch: graph`)}`));
  // Decode: the device's dispatch (0 here) and the link hops remain; both host costs vanish.
  assert.equal(graph.decode.msPerToken, none.decode.msPerToken);
  assert.ok(eager.decode.msPerToken > none.decode.msPerToken);
  // Eager decode pays at least the 4 collective start-ups (two all-reduces per layer, two layers).
  assert.ok(eager.decode.msPerToken - none.decode.msPerToken >= 4 * 0.02);
  // Prefill is launched eagerly either way (runtimes capture decode only).
  assert.equal(graph.prefill.ms, eager.prefill.ms);
  assert.ok(graph.prefill.ms > none.prefill.ms);
});

test('decode_launch rejects an unknown mode with a diagnostic on the key', async () => {
  assert.ok((await codes(design(runtime('decode_launch: lazy')))).length > 0);
});

test('a click on an operator selects what bounds it: the largest overhead of an overhead-bound one, the arrays of a compute-bound one', async () => {
  // A review: "Bottleneck: dispatch & software overhead" beside "click to select chip.memory.bandwidth".
  const r = await evaluate(
    design(`${runtime('launch_overhead: 30 us, collective_overhead: 200 us')}\nsystem: { chips: 2, tensor_parallel: 2 }`),
  );
  const ops = r.phases.decode.operators;
  const collective = ops.find((o) => o.unit === 'link' && o.bottleneck === 'overhead');
  assert.equal(collective?.governingKey, 'runtime.collective_overhead');
  const launched = ops.find((o) => o.unit !== 'link' && o.unit !== 'host' && o.bottleneck === 'overhead');
  assert.equal(launched?.governingKey, 'runtime.launch_overhead');
  // Without dispatch costs, the memory bounds the products, or slow arrays do.
  const noDispatch = design(NO_RUNTIME).replace('latency: 1 us }', 'latency: 1 us }\n  dispatch_overhead: 0 us');
  const matrixOps = async (text: string, b: string) =>
    (await evaluate(text)).phases.decode.operators.filter((o) => o.unit === 'matrix' && o.bottleneck === b);
  const memoryBound = await matrixOps(noDispatch, 'memory');
  assert.ok(memoryBound.length > 0 && memoryBound.every((o) => o.governingKey === 'chip.memory.bandwidth'));
  const slow = noDispatch.replace(
    '{ bf16: 1000 TFLOPS, int8: 2000 TOPS }, efficiency: 1',
    '{ bf16: 10 TFLOPS, int8: 20 TOPS }, efficiency: 0.1',
  );
  const computeBound = await matrixOps(slow, 'compute');
  assert.ok(computeBound.length > 0 && computeBound.every((o) => o.governingKey === 'chip.matrix'));
});
