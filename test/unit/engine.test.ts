// Whole-pass checks on a small design whose answer can be worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';

const TOY = `
chip:
  tdp: 1000 W
  matrix: { peak: { bf16: 1000 TFLOPS }, efficiency: 1 }
  vector: { peak: 1000 TFLOPS }
  sram: { capacity: 1 MB, bandwidth: 1000 TB/s }
  memory: { capacity: 80 GB, bandwidth: 1 TB/s, efficiency: 1 }
  dispatch_overhead: 0 us   # no device cost per kernel either
runtime: { gemm_efficiency: 100 %, prefill_overhead: 0 ms, step_overhead: 0 ms, sequence_overhead: 0 us, launch_overhead: 0 us, collective_overhead: 0 us }   # no software time: the hand calculation is the chip's alone
workload:
  model: { layers: 1, hidden: 1024, heads: 8, kv_heads: 8, ffn: 4096, activation: gelu, vocab: 1000 }
  precision: { weights: bf16, activations: bf16, kv_cache: bf16 }
  batch: 1
  prompt: 1
  output: 2
`;

async function analyze(text: string) {
  return analyzeConfig(text, '/ws/toy.chip.yaml', memoryHost({}), {});
}

test('decode at batch 1 reads every weight once: time = weight bytes / bandwidth', async () => {
  const a = await analyze(TOY);
  assert.ok(a.result, JSON.stringify(a.diagnostics));
  const d = 1024,
    h = 8,
    dh = 128,
    f = 4096,
    V = 1000;
  // QKV d·3h·dh + output h·dh·d + FFN 2·d·f + LM head d·V + one embedding row d + 3 norm gains d, in bf16.
  const weightBytes = 2 * (d * 3 * h * dh + h * dh * d + 2 * d * f + d * V + d + 3 * d);
  // KV: the new token's K and V written, a mean context of 1 + 2/2 = 2 tokens read.
  const kvBytes = 2 * 2 * h * dh * 1 + 2 * 2 * h * dh * 2;
  const expectedMs = ((weightBytes + kvBytes) / 1e12) * 1e3;
  assert.ok(Math.abs(a.result.decode.msPerToken - expectedMs) / expectedMs < 0.01, `${a.result.decode.msPerToken} vs ${expectedMs}`);
  assert.equal(a.result.decode.bottleneck, 'memory');
  assert.ok(a.result.decode.lowerMs <= a.result.decode.msPerToken && a.result.decode.msPerToken <= a.result.decode.upperMs);
});

test('response = prefill + (output − 1) · decode; throughput = batch · output / response', async () => {
  const a = await analyze(TOY.replace('output: 2', 'output: 64').replace('batch: 1', 'batch: 4'));
  const r = a.result!;
  assert.ok(Math.abs(r.response.ms - (r.prefill.ms + 63 * r.decode.msPerToken)) < 1e-9);
  assert.ok(Math.abs(r.throughput.outputTokensPerSecond - (4 * 64) / (r.response.ms / 1e3)) < 1e-6);
});

test('over the TDP the clock derates until average power fits', async () => {
  const hot = TOY.replace('tdp: 1000 W', 'tdp: 1 W\n  idle_power: 0.5 W')
    .replace('batch: 1', 'batch: 256')
    .replace('prompt: 1\n', 'prompt: 2048\n');
  const a = await analyze(hot);
  const r = a.result!;
  assert.equal(r.power.throttled, true);
  assert.ok(r.power.clockScale < 1);
  assert.ok(r.power.watts <= 1.0001 || r.power.clockScale <= 0.0501, `watts ${r.power.watts}`);
  assert.ok(a.diagnostics.some((d) => d.code === 'power-over-tdp'));
});

test('over the TDP from the memory alone, the warning names the memory as the cause and says the cap is still not met', async () => {
  // 1 TB/s read at full efficiency and HBM3's 4.5 pJ/bit draws 36 W: with 0.5 W idle over a 30 W cap at any clock.
  const memoryBound = await analyze(TOY.replace('tdp: 1000 W', 'tdp: 30 W\n  idle_power: 0.5 W'));
  const warning = memoryBound.diagnostics.find((d) => d.code === 'power-over-tdp');
  assert.ok(warning, JSON.stringify(memoryBound.diagnostics.map((d) => d.code)));
  assert.match(
    warning.message,
    /Even at those clocks the hotter pass draws [\d.]+ W \([\d.]+ W on average over the response\), still over the TDP: no clock the model allows/,
  );
  // The chip as specified cannot run within its cap: an error, not numbers read as a design's.
  assert.equal(warning.severity, 'error');
  assert.match(
    warning.message,
    /The memory is what draws it: decode reads 100% of its 1 TB\/s at [\d.]+ pJ\/bit, 36 W; [\d.]+ W at the lowest clock \(memory 36 W, idle 500 mW, active [\d.]+ mW\) is at or over the TDP/,
  );
  const r = memoryBound.result!;
  assert.ok(r.power.throttledWatts > r.power.tdpWatts, `${r.power.throttledWatts} W`);
  // A compute-hot prefill with the memory well inside the cap says nothing of the memory.
  // (371 W at the nominal clock: a 100 W cap is met at 15 % of it.)
  const hot = TOY.replace('tdp: 1000 W', 'tdp: 100 W\n  idle_power: 0.5 W\n  energy: { memory: 0.001 pJ/bit }');
  const computeBound = await analyze(hot.replace('batch: 1', 'batch: 256').replace('prompt: 1\n', 'prompt: 2048\n'));
  const other = computeBound.diagnostics.find((d) => d.code === 'power-over-tdp');
  assert.ok(other);
  assert.doesNotMatch(other.message, /The memory is what draws it/);
  // A cap the lowest clock meets: throttled, not "still over".
  assert.ok(computeBound.result!.power.throttledWatts <= 100 * (1 + 1e-6), `${computeBound.result!.power.throttledWatts} W`);
  assert.doesNotMatch(other.message, /still over the TDP/);
  assert.equal(other.severity, 'warning');
});

test('memory over capacity: an error at the prompt when not even one sequence fits beside the weights', async () => {
  const big = TOY.replace('capacity: 80 GB', 'capacity: 40 MB').replace('prompt: 1\n', 'prompt: 4096\n').replace('batch: 1', 'batch: 64');
  const a = await analyze(big);
  const d = a.diagnostics.find((x) => x.code === 'memory-capacity');
  assert.ok(d, JSON.stringify(a.diagnostics.map((x) => x.code)));
  assert.equal(d.severity, 'error');
  assert.equal(a.result!.memory.fits, false);
  // 40 MB − 29.3 MB of weights leaves 10.7 MB, less than one sequence's 2·2·8·128·4098 B = 16.8 MB.
  assert.match(d.message, /Not even one sequence's KV cache fits beside the weights/);
  assert.equal(big.slice(d.at!.range.start, d.at!.range.end), '4096');
  // With room for some sequences the error is the batch's, with the largest that fits.
  const some = await analyze(
    TOY.replace('capacity: 80 GB', 'capacity: 60 MB').replace('prompt: 1\n', 'prompt: 4096\n').replace('batch: 1', 'batch: 64'),
  );
  const b = some.diagnostics.find((x) => x.code === 'memory-capacity')!;
  assert.equal(b.path, 'workload.batch');
  assert.match(b.message, /largest batch that fits is \d+/);
});

test('weights past the memory on their own: the error is at the capacity the file writes, not at the batch (a workbench review)', async () => {
  // 29.3 MB of weights in 10 MB: no batch fits, and none is the cause.
  const small = TOY.replace('capacity: 80 GB', 'capacity: 10 MB').replace('batch: 1', 'batch: 32');
  const d = (await analyze(small)).diagnostics.find((x) => x.code === 'memory-capacity')!;
  assert.match(d.message, /The weights alone/);
  assert.equal(d.path, 'chip.memory.capacity');
  assert.equal(small.slice(d.at!.range.start, d.at!.range.end), '10 MB');
  // A file that writes only the model over a preset: at the model.
  const file = 'extends: a10g\nworkload: { model: llama-3-70b, batch: 8 }\n';
  const m = (await analyze(file)).diagnostics.find((x) => x.code === 'memory-capacity')!;
  assert.equal(m.path, 'workload.model');
  assert.equal(file.slice(m.at!.range.start, m.at!.range.end), 'llama-3-70b');
});

test('memory over capacity by the KV cache alone: the message blames the KV cache, not the weights, and sizes the excess', async () => {
  // 29.3 MB of weights fit in 8 GB; one sequence of 10^8 tokens needs 2·2·8·128 B per token = 410 GB.
  const long = TOY.replace('capacity: 80 GB', 'capacity: 8 GB').replace('prompt: 1\n', 'prompt: 100000000\n');
  const d = (await analyze(long)).diagnostics.find((x) => x.code === 'memory-capacity')!;
  assert.match(d.message, /Not even one sequence's KV cache fits beside the weights/);
  assert.doesNotMatch(d.message, /weights alone/);
  assert.equal(d.path, 'workload.prompt');
  // Past 10x over, a percentage (5,020 %) stops reading as a size: 410 GB is 51× the 8 GB.
  assert.match(d.message, /\(needing 51× the capacity\)/);
});

test('tensor_parallel × pipeline_parallel must equal chips', async () => {
  const a = await analyze(
    TOY.replace('chip:\n', 'chip:\n  link: { bandwidth: 100 GB/s }\n') + 'system: { chips: 8, tensor_parallel: 4 }\n',
  );
  assert.ok(a.diagnostics.some((d) => d.code === 'parallelism-mismatch' && d.severity === 'error'));
  assert.equal(a.result, undefined);
});

test('one side of chips = tensor_parallel x pipeline_parallel written: the default of the other follows it', async () => {
  // Four layers: up to four stages hold one each (more stages than layers is an error of its own).
  const link = TOY.replace('chip:\n', 'chip:\n  link: { bandwidth: 100 GB/s }\n').replace('layers: 1,', 'layers: 4,');
  // `chips: 8` alone was a mismatch with the default tensor_parallel of 1; a sweep of system.chips could never run.
  const chips = await analyze(link + 'system: { chips: 8, pipeline_parallel: 2 }\n');
  assert.equal(chips.design!.system.tensorParallel, 4);
  assert.ok(chips.result);
  assert.equal(chips.origins.get('system.tensor_parallel')?.kind, 'default');
  const tp = await analyze(link + 'system: { tensor_parallel: 2, pipeline_parallel: 2 }\n');
  assert.equal(tp.design!.system.chips, 4);
  // A chip count that the stages do not divide stays the error it was.
  const odd = await analyze(link + 'system: { chips: 6, pipeline_parallel: 4 }\n');
  assert.ok(odd.diagnostics.some((d) => d.code === 'parallelism-mismatch' && d.severity === 'error'));
});

test("tensor_parallel written as a core count (Neuron's tp_degree) gets the chip count it means", async () => {
  // An inf2.48xlarge: 12 chips, tp_degree 24 NeuronCores.
  const a = await analyze('extends: inferentia2\nsystem: { chips: 12, tensor_parallel: 24 }\nworkload: { model: llama-2-13b }\n');
  const d = a.diagnostics.find((x) => x.code === 'parallelism-mismatch')!;
  assert.match(
    d.message,
    /If you counted cores \(Neuron's tp_degree counts NeuronCores: 2 per Inferentia2 or Trainium chip; per Trainium2, 8, or 4 logical at its default LNC=2\), these count chips: 2× fewer\./,
  );
  // Fewer shards than chips is not a core count: no such hint.
  const b = await analyze('extends: inferentia2\nsystem: { chips: 12, tensor_parallel: 6 }\nworkload: { model: llama-2-13b }\n');
  assert.doesNotMatch(b.diagnostics.find((x) => x.code === 'parallelism-mismatch')!.message, /counted cores/);
  // Nor is a product grown by pipeline stages (the 80 of 8 x 80 on 8 chips is no core count).
  const c = await analyze(
    'extends: inferentia2\nsystem: { chips: 8, tensor_parallel: 8, pipeline_parallel: 80 }\nworkload: { model: llama-2-13b }\n',
  );
  assert.doesNotMatch(c.diagnostics.find((x) => x.code === 'parallelism-mismatch')!.message, /counted cores/);
});

test('no result number is NaN or infinite for the examples', async () => {
  const a = await analyze(TOY);
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} = ${v}`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(a.result, 'result');
});
