// The flagship example's warnings and its headline tell one story: the all-reduce check
// splits its share of the step into link time and software start-up, and names the same
// bottleneck the headline shows, with the share that makes it the bottleneck.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileHost } from '../../cli/nodeHost';
import { analyzeConfig } from '../../model/analyze';
import { formatPercent } from '../../model/report/format';
import { buildReport, findMetric } from '../../model/report/build';
import { overrideFrom } from '../../model/sweep';

const ROOT = join(import.meta.dirname, '..', '..');
const FLAGSHIP = join(ROOT, 'examples', 'jalapeno.chip.yaml');

test("the flagship's all-reduce warning agrees with its headline bottleneck", async () => {
  const a = await analyzeConfig(readFileSync(FLAGSHIP, 'utf8'), FLAGSHIP, nodeFileHost(ROOT));
  const decode = a.result!.phases.decode;
  const bottleneck = a.result!.decode.bottleneck;
  const d = a.diagnostics.find((x) => x.code === 'collective-latency-bound');
  assert.ok(d, 'the example still shows the all-reduce finding');
  const m = /take ([\d.]+)% of each step: ([\d.]+)% on the links.* and ([\d.]+)% in the collective library's start-up/.exec(d.message);
  assert.ok(m, d.message);
  const [total, link, startup] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Each share as every surface words it (formatPercent: whole percents from 10 %), so the parts' sum is within rounding.
  assert.ok(Math.abs(link + startup - total) <= 1, `${link} + ${startup} vs ${total}`);
  // The link part is booked to each all-reduce's own bottleneck: interconnect, or overhead
  // when its start-up exceeds its link time (the generic runtime's 75 us per call).
  assert.ok(link <= (100 * (decode.secondsBy.interconnect + decode.secondsBy.overhead)) / decode.seconds + 0.5);
  // The headline's bottleneck is the largest part of the step, and the warning names it with its share.
  for (const other of ['memory', 'compute', 'interconnect', 'overhead'] as const)
    assert.ok(decode.secondsBy[bottleneck] >= decode.secondsBy[other], `${bottleneck} vs ${other}`);
  assert.ok(bottleneck !== 'interconnect', 'the flagship is not interconnect-bound');
  assert.match(
    d.message,
    new RegExp(
      `still ${bottleneck}-bound: .* is ${formatPercent(decode.secondsBy[bottleneck] / decode.seconds)} of it(, the all-reduces' start-up included)?, more than any other part`,
    ),
  );
});

test('the all-reduce warning names runtime.collective_overhead only where the start-up is a part worth moving', async () => {
  const text = readFileSync(FLAGSHIP, 'utf8');
  const warning = async (extra: string) =>
    (await analyzeConfig(text + extra, FLAGSHIP, nodeFileHost(ROOT))).diagnostics.find((x) => x.code === 'collective-latency-bound')!;
  // The generic runtime: 75 us per call, most of the all-reduces' time.
  assert.match((await warning('')).message, /runtime\.collective_overhead and dispatch overhead matter more/);
  // The reference issues its own schedule, yet pays the GPUs' NCCL start-up: said, with the two ways to state its own.
  assert.match(
    (await warning('')).message,
    /This chip issues its own schedule \(`chip\.host_launch: false`\), yet each all-reduce pays the runtime's 75 µs of start-up.*`runtime\.collective_overhead: 0 us`/,
  );
  // A replayed CUDA graph (vllm's decode) pays no library start-up: the setting would change nothing.
  const graph = await warning('runtime: vllm\n');
  assert.doesNotMatch(graph.message, /collective_overhead/);
  assert.match(graph.message, /Link latency, hops \(topology: \w+\) matter more than link bandwidth/);
});

test("a hard-wired all-reduce says what it saves is the collective library's start-up, which software saves too", async () => {
  const text = readFileSync(FLAGSHIP, 'utf8');
  const analyzed = (extra: string, sets: Record<string, string> = {}) =>
    analyzeConfig(text + extra, FLAGSHIP, nodeFileHost(ROOT), {
      overrides: Object.entries(sets).map(([path, value]) => overrideFrom(path, value, `--set ${path}`)),
    });
  const wired = await analyzed('', { 'chip.fixed_function': '[qkv_projection, all_reduce]' });
  const plain = await analyzed('');
  const d = wired.diagnostics.find((x) => x.code === 'hard-wired-all-reduce')!;
  assert.ok(d && d.severity === 'info' && d.path === 'chip.fixed_function', JSON.stringify(wired.diagnostics.map((x) => x.code)));
  // The time it names is the difference the block makes to the step (80 layers, 2 all-reduces each).
  const [, calls, ms] = /all-reduce's (\d+) calls a decode step take no software time: without the block they would pay ([\d.]+) ms/.exec(
    d.message,
  )!;
  assert.equal(Number(calls), 160);
  const difference = (plain.result!.phases.decode.seconds - wired.result!.phases.decode.seconds) * 1e3;
  assert.ok(Math.abs(Number(ms) - difference) / difference < 0.02, `${ms} ms said, ${difference} ms apart`);
  assert.match(d.message, /runtime\.decode_launch: graph/);
  // The library's start-up and the kernels' dispatch apart: a chip whose all-reduce pays dispatch
  // alone is not told a one-kernel runtime would save it (a code review).
  const dispatchOnly = await analyzed('', {
    'chip.fixed_function': '[qkv_projection, all_reduce]',
    'runtime.collective_overhead': '0 us',
    'chip.dispatch_overhead': '30 us',
  });
  const only = dispatchOnly.diagnostics.find((x) => x.code === 'hard-wired-all-reduce')!;
  assert.match(only.message, /of kernel dispatch and launch, which a one-kernel all-reduce still pays\./);
  assert.doesNotMatch(only.message, /collective library's start-up/);
  // Nothing to say where the runtime pays no start-up (a replayed decode), or without the block.
  assert.ok(
    !(await analyzed('runtime: vllm\n', { 'chip.fixed_function': '[qkv_projection, all_reduce]' })).diagnostics.some(
      (x) => x.code === 'hard-wired-all-reduce',
    ),
  );
  assert.ok(!plain.diagnostics.some((x) => x.code === 'hard-wired-all-reduce'));
});

test('a chip past the wafer names the part that makes it so, and the clock where that part comes from a peak over it (a review: `clock: 1.8 MHz`)', async () => {
  const file = '/ws/slip.chip.yaml';
  const text =
    'chip: { process: 3 nm, clock: 1.8 MHz, tdp: 900 W, matrix: { units: 64, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 80 TFLOPS }, memory: { technology: hbm3e, stacks: 8, capacity: 288 GiB, bandwidth: 9.8 TB/s } }\nworkload: { model: llama-3-8b, precision: { weights: int8, activations: int8 } }\n';
  const a = await analyzeConfig(text, file, {
    read: async (p) => (p === file ? text : undefined),
    rootOf: () => '/ws',
    realPath: async (p) => p,
  });
  const d = a.diagnostics.find((x) => x.code === 'beyond-wafer')!;
  assert.match(
    d.message,
    /The largest part: Vector units, [\d,]+ mm² \(\d+%\) of [\d,]+ lanes, `chip.vector.peak` over 2 × `chip.clock` \(1.8 MHz\): check the clock\./,
  );
  // Its share is of the area the sentence names (the silicon here), as the label is written.
  const [, part, share] = /The largest part: Vector units, ([\d,]+) mm² \((\d+)%\)/.exec(d.message)!;
  const total = Number(/needs ([\d,]+) mm² of silicon/.exec(d.message)![1]!.replace(/,/g, ''));
  assert.ok(Math.abs(Number(part!.replace(/,/g, '')) / total - Number(share) / 100) < 0.01, d.message);
  // It sits at the value that sized that part (the vector peak here), not at `chip:` (a new user's
  // `capacity: 256 GB` of SRAM was warned of at the value and refused at the section).
  assert.equal(d.path, 'chip.vector.peak');
  const sramText = 'extends: jalapeno\nchip:\n  sram:\n    capacity: 256 GB\nworkload: { model: llama-3-8b }\n';
  const sram = await analyzeConfig(sramText, file, {
    read: async () => undefined,
    rootOf: () => '/ws',
    realPath: async (p) => p,
  });
  const sramError = sram.diagnostics.find((x) => x.code === 'beyond-wafer')!;
  assert.equal(sramError.path, 'chip.sram.capacity');
  assert.equal(sramError.at?.range.start, sramText.indexOf('256 GB'));
  // Past the wafer by its interposer: the stacks' footprints beside the dies are a part of it, and
  // here the largest (a review: 256 stacks named their PHYs' 5.8 % of the interposer).
  const stacks = await analyzeConfig(readFileSync(FLAGSHIP, 'utf8'), FLAGSHIP, nodeFileHost(ROOT), {
    overrides: [overrideFrom('chip.memory.stacks', '256', '--set chip.memory.stacks')],
  });
  assert.match(
    stacks.diagnostics.find((x) => x.code === 'beyond-wafer')!.message,
    /interposer .* The largest part: 256 hbm3 stacks beside the dies \(121 mm² each\), 31,000 mm² \(47%\)\./,
  );
  // Stacks the bandwidth sets, past the `stacks:` written: refused at the bandwidth, with the dies'
  // growth for their PHYs' edge named where it is most of the silicon (an architect's review:
  // `--set chip.memory.bandwidth=3 PB/s` was refused at `stacks: 8`, naming the PHYs' 15 %).
  const slipText = text.replace('clock: 1.8 MHz', 'clock: 1.8 GHz').replace('bandwidth: 9.8 TB/s', 'bandwidth: 3 PB/s');
  const slip = await analyzeConfig(slipText, file, {
    read: async (p) => (p === file ? slipText : undefined),
    rootOf: () => '/ws',
    realPath: async (p) => p,
  });
  const wafer = slip.diagnostics.find((x) => x.code === 'beyond-wafer')!;
  assert.equal(wafer.path, 'chip.memory.bandwidth');
  assert.equal(wafer.at?.range.start, slipText.indexOf('3 PB/s'));
  assert.match(
    wafer.message,
    /Most of it: the dies grown to give their [\d,]+ memory interfaces' PHYs an edge, [\d,]+ mm² \(\d+%\); then Memory PHYs/,
  );
  assert.match(wafer.message, /fewer memory stacks \(a lower `chip.memory.bandwidth`, which sets them here\)/);
});

test('heads that do not split over the chips: the KV heads padded are said with the query heads, and the KV cache they pad', async () => {
  const at = async (tp: number) => {
    const text = `extends: h100-sxm\nsystem: { chips: ${tp}, tensor_parallel: ${tp} }\nworkload: { model: llama-3-70b, batch: 8 }\n`;
    const file = join(ROOT, 'heads.chip.yaml');
    const a = await analyzeConfig(text, file, nodeFileHost(ROOT), {});
    return { a, message: a.diagnostics.find((d) => d.code === 'heads-not-divisible')?.message ?? '' };
  };
  // 64 query heads and 8 KV heads over 3 chips: 66 and 9, the KV cache 9/8 over.
  const three = await at(3);
  assert.match(three.message, /64 query heads .* padded to 66 heads \(22 per chip\)/);
  assert.match(three.message, /The 8 KV heads are padded to 9 \(3 per chip\): the KV cache is stored and read 1\.13× over\./);
  // Query heads that split evenly beside KV heads that do not (Llama-3-70B's 64 and 8 over 16 do
  // split; 64 query heads over 16 chips with 8 KV heads replicate instead): a model of 48 and 12 over 8.
  const even = await analyzeConfig(
    'extends: h100-sxm\nsystem: { chips: 8, tensor_parallel: 8 }\nworkload: { model: { layers: 4, hidden: 6144, heads: 48, kv_heads: 12, ffn: 16384, vocab: 32000 }, batch: 8 }\n',
    join(ROOT, 'even.chip.yaml'),
    nodeFileHost(ROOT),
    {},
  );
  assert.match(
    even.diagnostics.find((d) => d.code === 'heads-not-divisible')?.message ?? '',
    /^48 query heads split evenly over tensor_parallel = 8, their 12 KV heads do not\. The 12 KV heads are padded to 16 \(2 per chip\): the KV cache is stored and read 1\.33× over\.$/,
  );
  // The footprint pads them as said: 3 heads per chip, not 8/3.
  const perChip = three.a.result!.memory.perChip.kvCacheBytes;
  const one = (await at(1)).a.result!.memory.perChip.kvCacheBytes;
  assert.ok(Math.abs(perChip / one - 3 / 8) < 1e-9, `${perChip} / ${one}`);
});

test('the tensorrt-llm preset says its all-reduce start-up is v0.5-v0.6.1 NCCL where it weighs, and how to write a current engine', async () => {
  const file = join(ROOT, 'examples', 'h100-baseline.chip.yaml');
  const text = readFileSync(file, 'utf8').replace('batch: 16', 'batch: 1');
  const find = async (runtime: string) =>
    (await analyzeConfig(`${text}runtime: ${runtime}\n`, file, nodeFileHost(ROOT))).diagnostics.find(
      (d) => d.code === 'trtllm-nccl-all-reduce',
    );
  const said = await find('tensorrt-llm');
  assert.ok(said, 'said on the preset at TP8');
  assert.equal(said.path, 'runtime.collective_overhead');
  assert.match(said.message, /v0\.5-v0\.6\.1, whose all-reduces ran NCCL: 75 µs of start-up each, \d+% of this decode step/);
  assert.match(said.message, /`runtime: \{ extends: tensorrt-llm, collective_overhead: 0 us \}`/);
  // Written as it advises, or another runtime: nothing to say.
  assert.equal(await find('{ extends: tensorrt-llm, collective_overhead: 0 us }'), undefined);
  assert.equal(await find('vllm'), undefined);
});

test("where the SRAM's port bounds decode, the headline names it and the advice on smaller arrays counts their feed", async () => {
  // At 0.5 TB/s the reference's SRAM carries every weight byte into the arrays slower than its HBM
  // delivers them: "memory-bound" beside "memory bandwidth used 8 %" read as a contradiction (a review).
  const text = readFileSync(FLAGSHIP, 'utf8').replace('system:', 'chip: { sram: { bandwidth: 0.5 TB/s } }\nsystem:');
  const a = await analyzeConfig(text, FLAGSHIP, nodeFileHost(ROOT));
  const latency = findMetric(buildReport(a).design, 'decode.msPerToken')!;
  assert.equal(latency.note, 'memory-bound: SRAM');
  const idle = a.diagnostics.find((d) => d.code === 'matrix-idle-decode')!;
  assert.match(
    idle.message,
    /smaller or matrix-vector arrays would idle less\. But the SRAM already takes [\d.]+ ms of each [\d.]+ ms step feeding the arrays/,
  );
  // No measured run was bound by an SRAM feeding arrays: the ranges say they may be too narrow, at the bandwidth.
  const beyond = a.diagnostics.find((d) => d.code === 'ranges-beyond-measured' && d.path === 'chip.sram.bandwidth')!;
  assert.match(beyond.message, /^\d+% of the prefill waits on the SRAM's port feeding the arrays their operands, which no measured run/);
  // At its own 9.8 TB/s the feed is a small part of the step: the advice stands alone.
  const own = await analyzeConfig(readFileSync(FLAGSHIP, 'utf8'), FLAGSHIP, nodeFileHost(ROOT));
  assert.doesNotMatch(own.diagnostics.find((d) => d.code === 'matrix-idle-decode')!.message, /already takes/);
  assert.equal(findMetric(buildReport(own).design, 'decode.msPerToken')!.note, 'dispatch & software overhead');
  assert.ok(!own.diagnostics.some((d) => d.code === 'ranges-beyond-measured'));
});

test('the default bf16 on arrays that run int8 four times faster is said, with the precision to write; not on a GPU whose fp8 is 2x', async () => {
  // A new user's `extends: jalapeno` with no precision ran Llama-3-70B in bf16: 29.8 ms a token
  // against 19.1 in int8, and nothing said why.
  const text = 'extends: jalapeno\nsystem: { chips: 8, tensor_parallel: 8 }\nworkload: { model: llama-3-70b }\n';
  const a = await analyzeConfig(text, FLAGSHIP, nodeFileHost(ROOT));
  const d = a.diagnostics.find((x) => x.code === 'precision-default')!;
  assert.equal(d.severity, 'info');
  assert.match(
    d.message,
    /runs in the default bf16, at 25% of the matrix units' int8 rate, with 2× the weight bytes.*`precision: \{ weights: int8, activations: int8, kv_cache: int8 \}`/,
  );
  // Written, it is the user's choice; on the H100 (fp8 at 2x bf16) the default is no trap worth an info.
  // Weights written, the rest default: not "no precision is written" (a code review).
  const weightsOnly = await analyzeConfig(
    text.replace('llama-3-70b }', 'llama-3-70b, precision: { weights: int8 } }'),
    FLAGSHIP,
    nodeFileHost(ROOT),
  );
  assert.ok(!weightsOnly.diagnostics.some((x) => x.code === 'precision-default'));
  const written = await analyzeConfig(
    text.replace('llama-3-70b }', 'llama-3-70b, precision: { weights: bf16, activations: bf16 } }'),
    FLAGSHIP,
    nodeFileHost(ROOT),
  );
  assert.ok(!written.diagnostics.some((x) => x.code === 'precision-default'));
  const gpu = await analyzeConfig(text.replace('jalapeno', 'h100-sxm'), FLAGSHIP, nodeFileHost(ROOT));
  assert.ok(!gpu.diagnostics.some((x) => x.code === 'precision-default'));
});
