// Runtime presets in the language (`runtime: vllm`, `runtime: { extends: ..., ... }`),
// static-shape buckets, and the 80 % prediction ranges (contract §4.1).
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../model/analyze';
import { overrideFrom } from '../../model/sweep';
import type { Analysis } from '../../model/analysis';
import { GENERIC_RUNTIME_VALUES, runtimePresets } from '../../model/presets/runtimes';
import { bucketTokens, meanDecodeContext } from '../../model/engine/shapeBuckets';
import { RANGE_CATEGORIES, RANGE_METRICS, rangeMetricValue, ratioRange, rangeOf } from '../../model/ranges/predictionRanges';
import { RESIDUAL_QUANTILES } from '../../model/ranges/residualQuantiles';
import { memoryHost } from './helpers/memoryHost';
import { hoverMarkdown } from '../../extension/logic/hoverText';
import { keyAt } from '../../extension/logic/yamlPath';
import { buildReport } from '../../model/report/build';

const WORKLOAD = 'workload: { model: llama-2-7b, batch: 4, prompt: 300, output: 64 }';

async function analyze(text: string, files: Record<string, string> = {}): Promise<Analysis> {
  return analyzeConfig(text, '/ws/a.chip.yaml', memoryHost(files), {});
}

test("a runtime preset id sets every runtime key to the preset's values, with the preset as their origin", async () => {
  const a = await analyze(`extends: a100-80gb-sxm\n${WORKLOAD}\nruntime: tensorrt-llm\n`);
  assert.ok(a.result, JSON.stringify(a.diagnostics));
  const rt = a.design!.runtime;
  assert.equal(rt.gemmEfficiency, 1);
  assert.equal(rt.collectiveOverheadSeconds, 75e-6);
  assert.deepEqual(rt.provenance, { id: 'tensorrt-llm', evidence: 'fitted', modified: false, writtenKeys: [] });
  const origin = a.origins.get('runtime.step_overhead');
  assert.equal(origin?.kind === 'preset' && origin.presetId, 'tensorrt-llm');
});

test('`extends:` inside runtime overrides a preset key by key', async () => {
  const a = await analyze(`extends: a100-80gb-sxm\n${WORKLOAD}\nruntime: { extends: tensorrt-llm, launch_overhead: 3 us }\n`);
  const rt = a.design!.runtime;
  assert.equal(rt.launchOverheadSeconds, 3e-6);
  assert.equal(rt.stepOverheadSeconds, 1.5e-3);
  assert.deepEqual(rt.provenance, { id: 'tensorrt-llm', evidence: 'fitted', modified: true, writtenKeys: ['runtime.launch_overhead'] });
});

test('an override under a preset id set from outside (--set runtime=…, then runtime.key=…) keeps the preset', async () => {
  const text = `extends: a100-80gb-sxm\n${WORKLOAD}\n`;
  const overrides = [
    overrideFrom('runtime', 'tensorrt-llm', '--set runtime'),
    overrideFrom('runtime.collective_overhead', '0 us', '--set'),
  ];
  const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({}), { overrides });
  const rt = a.design!.runtime;
  assert.equal(rt.collectiveOverheadSeconds, 0);
  assert.equal(rt.stepOverheadSeconds, 1.5e-3, "the preset's other keys stay");
  assert.deepEqual(rt.provenance, { id: 'tensorrt-llm', evidence: 'fitted', modified: true, writtenKeys: ['runtime.collective_overhead'] });
  // The same for a model preset id: one key of its architecture changed, the rest kept.
  const m = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({}), {
    overrides: [overrideFrom('workload.model.layers', '16', '--set')],
  });
  assert.equal(m.design!.workload.model.layers, 16);
  assert.equal(m.design!.workload.model.hidden, 4096);
});

test("another preset set from outside over a file's `runtime: { extends: … }` replaces that preset's values, not the file's own", async () => {
  const file = '/ws/a.chip.yaml';
  const text = `extends: a100-80gb-sxm\n${WORKLOAD}\nruntime: { extends: vllm, gemm_efficiency: 80 % }\n`;
  const runtimeWith = async (value: string) =>
    (await analyzeConfig(text, file, memoryHost({ [file]: text }), { overrides: [overrideFrom('runtime.extends', value, '--set')] }))
      .design!.runtime;
  const generic = await runtimeWith('generic');
  // vllm's 4 ms per scheduler call went with vllm (every vllm value stayed before, silently).
  assert.equal(generic.stepOverheadSeconds, 0);
  assert.equal(generic.gemmEfficiency, 0.8, "the file's own key stays");
  assert.equal(generic.provenance.id, 'generic');
  const trt = await runtimeWith('tensorrt-llm');
  assert.equal(trt.stepOverheadSeconds, 1.5e-3);
  assert.equal(trt.provenance.id, 'tensorrt-llm');
});

test('no runtime is the generic preset: the schema defaults and `runtime: generic` evaluate the same', async () => {
  const none = await analyze(`extends: h100-sxm\n${WORKLOAD}\n`);
  const generic = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: generic\n`);
  assert.deepEqual({ ...none.design!.runtime, provenance: undefined }, { ...generic.design!.runtime, provenance: undefined });
  assert.equal(none.result!.decode.msPerToken, generic.result!.decode.msPerToken);
  assert.equal(none.design!.runtime.provenance.id, 'generic');
  assert.equal(none.design!.runtime.shapeBuckets, GENERIC_RUNTIME_VALUES.shape_buckets);
});

test('an unknown runtime id is an error that suggests the closest id, and the rest still evaluates on the generic runtime', async () => {
  const a = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: vlm\n`);
  const d = a.diagnostics.find((x) => x.code === 'unknown-preset');
  assert.ok(d && /vllm/.test(d.message) && d.path === 'runtime', JSON.stringify(a.diagnostics));
  assert.equal(a.design!.runtime.provenance.id, 'generic');
  const list = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: [vllm]\n`);
  assert.ok(list.diagnostics.some((x) => x.code === 'bad-reference' && x.path === 'runtime'));
  const ext = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: { extends: nope, step_overhead: 1 ms }\n`);
  assert.ok(ext.diagnostics.some((x) => x.code === 'unknown-preset' && x.path === 'runtime.extends'));
  assert.equal(ext.design!.runtime.stepOverheadSeconds, 1e-3);
});

test("across extends chains: a file's preset replaces an inherited runtime; its own keys override it", async () => {
  const files = { '/ws/base.chip.yaml': `extends: a100-80gb-sxm\n${WORKLOAD}\nruntime: gpt-fast\n` };
  const keys = await analyze('extends: ./base.chip.yaml\nruntime: { launch_overhead: 7 us }\n', files);
  assert.equal(keys.design!.runtime.launchOverheadSeconds, 7e-6);
  assert.equal(keys.design!.runtime.groupedAttention, false, "gpt-fast's stated attention kept");
  const replaced = await analyze('extends: ./base.chip.yaml\nruntime: vllm\n', files);
  assert.equal(replaced.design!.runtime.provenance.id, 'vllm');
  assert.equal(replaced.design!.runtime.groupedAttention, true);
});

test('a chip preset names the software that runs on it; a config can choose another', async () => {
  const inf = await analyze(`extends: inferentia2\n${WORKLOAD}\n`);
  assert.equal(inf.design!.runtime.provenance.id, 'transformers-neuronx');
  assert.equal(inf.design!.runtime.shapeBuckets, 'power_of_two');
  const other = await analyze(`extends: inferentia2\n${WORKLOAD}\nruntime: generic\n`);
  assert.equal(other.design!.runtime.shapeBuckets, 'none');
});

test('every runtime preset evaluates and cites a source for every key', async () => {
  for (const p of runtimePresets) {
    for (const key of Object.keys(p.config)) assert.ok(p.sources[key], `${p.id}.${key}`);
    const a = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: ${p.id}\n`);
    assert.ok(a.result, `${p.id}: ${JSON.stringify(a.diagnostics)}`);
    assert.equal(a.design!.runtime.provenance.evidence, p.evidence);
  }
});

test('shape buckets: the next power of two at or above the smallest bucket', () => {
  const rt = { shapeBuckets: 'power_of_two' as const, smallestBucketTokens: 128 };
  assert.deepEqual(
    [1, 128, 129, 300, 512, 513].map((n) => bucketTokens(n, rt)),
    [128, 128, 256, 512, 512, 1024],
  );
  assert.equal(bucketTokens(300, { shapeBuckets: 'none', smallestBucketTokens: 128 }), 300);
  // The mean decode context equals the brute-force mean of each step's bucket.
  for (const [prompt, output] of [
    [300, 64],
    [100, 500],
    [1000, 2],
    [5, 1],
  ] as const) {
    let sum = 0;
    for (let j = 1; j < output; j++) sum += bucketTokens(prompt + j, rt);
    const expected = output > 1 ? sum / (output - 1) : prompt + output / 2;
    assert.ok(Math.abs(meanDecodeContext(prompt, output, rt) - expected) < 1e-9, `${prompt}/${output}`);
  }
});

test('a static-shape runtime computes the padded prompt: prefill of 300 tokens costs what 512 cost without buckets', async () => {
  const chip = 'extends: inferentia2\nsystem: { chips: 2, tensor_parallel: 2 }\n';
  const padded = await analyze(
    `${chip}workload: { model: llama-2-7b, batch: 1, prompt: 300, output: 2 }\nruntime: { extends: transformers-neuronx }\n`,
  );
  const exact = await analyze(
    `${chip}workload: { model: llama-2-7b, batch: 1, prompt: 512, output: 2 }\nruntime: { extends: transformers-neuronx, shape_buckets: none }\n`,
  );
  assert.ok(Math.abs(padded.result!.prefill.ms / exact.result!.prefill.ms - 1) < 1e-9);
  assert.equal(padded.result!.phases.prefill.tokens, 512);
});

test("a static-shape runtime holds each sequence's KV cache at its compiled length: 1,000 + 128 tokens take 2,048 tokens' room", async () => {
  const chip = 'extends: inferentia2\nsystem: { chips: 2, tensor_parallel: 2 }\n';
  const run = (runtime: string) =>
    analyze(`${chip}workload: { model: llama-2-7b, batch: 4, prompt: 1000, output: 128 }\nruntime: ${runtime}\n`);
  const padded = (await run('transformers-neuronx')).result!.memory;
  const exact = (await run('{ extends: transformers-neuronx, shape_buckets: none }')).result!.memory;
  assert.ok(Math.abs(padded.perChip.kvCacheBytes / exact.perChip.kvCacheBytes - 2048 / 1128) < 1e-9);
  assert.equal(padded.perChip.weightsBytes, exact.perChip.weightsBytes);
  const perSequence = (m: typeof padded) => m.perChip.kvCacheBytes / 4;
  for (const m of [padded, exact])
    assert.equal(m.maxBatch, Math.floor((m.perChip.capacityBytes - m.perChip.weightsBytes) / perSequence(m)));
  assert.ok(padded.maxBatch < exact.maxBatch);
});

test("a fitted runtime or calibrated chip with values of the config's own is one the fit never saw: its ranges are not the calibrated ones", async () => {
  const category = async (text: string) => (await analyze(`extends: h100-sxm\n${WORKLOAD}\n${text}`)).result!.rangeCategory;
  assert.equal(await category('runtime: tensorrt-llm\n'), 'seen');
  // The fit saw TensorRT-LLM's own values, not 30 % GEMM kernels (nor NIM's all-reduce of 0 us).
  assert.equal(await category('runtime: { extends: tensorrt-llm, gemm_efficiency: 30 % }\n'), 'unseen-runtime');
  assert.equal(await category('runtime: { extends: tensorrt-llm, collective_overhead: 0 us }\n'), 'unseen-runtime');
  // dispatch_overhead is fitted per family, as the efficiencies are.
  assert.equal(await category('runtime: tensorrt-llm\nchip: { dispatch_overhead: 0 us }\n'), 'unseen-chip');
  // The link is the system's: a PCIe system states its own latency on a calibrated chip.
  assert.equal(await category('runtime: tensorrt-llm\nchip: { link: { latency: 2 us } }\n'), 'seen');
  // A value written as the preset has it is the preset's: 3,350 GB/s is the H100's 3.35 TB/s.
  assert.equal(
    await category('runtime: { extends: tensorrt-llm, collective_overhead: 75 us }\nchip: { memory: { bandwidth: 3350 GB/s } }\n'),
    'seen',
  );
  assert.equal(await category('runtime: tensorrt-llm\nchip: { memory: { bandwidth: 3351 GB/s } }\n'), 'unseen-chip');
});

test('the ranges say which written keys made a calibrated chip or runtime unseen, in the legend and in the hover on those keys', async () => {
  const text = `extends: h100-sxm\n${WORKLOAD}\nruntime: { extends: tensorrt-llm, gemm_efficiency: 80 % }\nchip: { memory: { bandwidth: 4 TB/s } }\n`;
  const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({ '/ws/a.chip.yaml': text }), {});
  assert.equal(
    buildReport(a).design?.ranges?.basis,
    "a chip family and a runtime the fit never saw (chip.memory.bandwidth is this config's, not the calibrated h100-sxm's; runtime.gemm_efficiency is this config's, over the fitted tensorrt-llm runtime's)",
  );
  const hover = (key: string) =>
    hoverMarkdown({ location: keyAt(text, text.indexOf(key) + 1)!, analysis: a, file: '/ws/a.chip.yaml', linkTo: () => '' }) ?? '';
  assert.match(
    hover('bandwidth'),
    /Set here over a calibrated preset: this chip counts as one the fit never saw, so the 80 % prediction ranges are those of a chip family and a runtime the fit never saw/,
  );
  assert.match(hover('gemm_efficiency'), /Set here over a fitted runtime preset: this runtime counts as one the fit never saw/);
  assert.doesNotMatch(hover('batch'), /Set here over/);
  // The value each key replaces is the preset's, not the schema's generic default (90 %).
  assert.match(hover('gemm_efficiency'), /\*\*Value\*\* 80 % — set in this file, over preset `tensorrt-llm`'s 100 %/);
  assert.match(hover('bandwidth'), /\*\*Value\*\* 4 TB\/s — set in this file, over preset `h100-sxm`'s 3\.35 TB\/s/);
  assert.doesNotMatch(hover('batch'), /over preset/);
  // Over a file that extends the preset, what is replaced may be that file's: no preset named.
  const top = 'extends: ./b.chip.yaml\nchip: { tdp: 600 W }\nworkload: { model: llama-2-7b }\n';
  const chain = await analyzeConfig(
    top,
    '/ws/a.chip.yaml',
    memoryHost({ '/ws/a.chip.yaml': top, '/ws/b.chip.yaml': 'extends: h100-sxm\nchip: { tdp: 500 W }\n' }),
    {},
  );
  const onTdp = hoverMarkdown({
    location: keyAt(top, top.indexOf('tdp') + 1)!,
    analysis: chain,
    file: '/ws/a.chip.yaml',
    linkTo: () => '',
  })!;
  // It names that file's value (a workbench review read only the schema's default there).
  assert.match(onTdp, /\*\*Value\*\* 600 W — set in this file, over \[b\.chip\.yaml\]\(\)'s `500 W`/);
  assert.doesNotMatch(onTdp, /preset `h100-sxm`/);
  // A key the file between does not write is the preset's under it.
  const onBandwidth = await analyzeConfig(
    top.replace('tdp: 600 W', 'memory: { bandwidth: 4 TB/s }'),
    '/ws/a.chip.yaml',
    memoryHost({
      '/ws/a.chip.yaml': top.replace('tdp: 600 W', 'memory: { bandwidth: 4 TB/s }'),
      '/ws/b.chip.yaml': 'extends: h100-sxm\nchip: { tdp: 500 W }\n',
    }),
    {},
  );
  const bw = top.replace('tdp: 600 W', 'memory: { bandwidth: 4 TB/s }');
  assert.match(
    hoverMarkdown({ location: keyAt(bw, bw.indexOf('bandwidth') + 1)!, analysis: onBandwidth, file: '/ws/a.chip.yaml', linkTo: () => '' })!,
    /\*\*Value\*\* 4 TB\/s — set in this file, over preset `h100-sxm`'s 3\.35 TB\/s/,
  );
  // Nothing to explain on the presets as they are, nor on a chip that was never calibrated.
  for (const t of [
    `extends: h100-sxm\n${WORKLOAD}\nruntime: tensorrt-llm\n`,
    `extends: jalapeno\n${WORKLOAD}\nruntime: { extends: tensorrt-llm }\n`,
  ])
    assert.equal((await analyze(t)).result!.rangeCategoryWhy, undefined, t);
});

test('prediction ranges hold the value, and nothing unseen is narrower than the seen case', async () => {
  const seen = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: tensorrt-llm\n`);
  const unseen = await analyze(`extends: jalapeno\n${WORKLOAD}\n`);
  assert.equal(seen.result!.rangeCategory, 'seen');
  assert.equal(unseen.result!.rangeCategory, 'unseen-both');
  for (const a of [seen, unseen]) {
    const r = a.result!;
    for (const m of RANGE_METRICS) {
      const [lo, hi] = r.ranges![m];
      const v = rangeMetricValue(r, m);
      assert.ok(lo <= v && v <= hi && lo > 0, `${m}: ${lo} ${v} ${hi}`);
    }
  }
  const width = (c: (typeof RANGE_CATEGORIES)[number]) => {
    const q = RESIDUAL_QUANTILES.categories[c].all;
    return q.q90 - q.q10;
  };
  for (const c of RANGE_CATEGORIES) assert.ok(width(c) >= width('seen') - 1e-12, c);
  assert.ok(width('unseen-both') >= Math.max(width('unseen-chip'), width('unseen-runtime')) - 1e-12);
});

test('range arithmetic: a residual quantile pair maps to [value·e^−q90, value·e^−q10], widened to hold the value', () => {
  assert.deepEqual(rangeOf(10, { n: 1, q10: -Math.log(2), q90: Math.log(1.25) }), [8, 20]);
  // A one-sided (always optimistic) model: the range still contains the prediction.
  const [lo, hi] = rangeOf(10, { n: 1, q10: -1, q90: -0.5 });
  assert.equal(lo, 10);
  assert.ok(hi > 10);
  // A ratio's range: the two sides' log errors add in quadrature (3-4-5 in log space).
  const [rl, rh] = ratioRange(2, [2 * Math.exp(-0.3), 2 * Math.exp(0.1)], 1, [Math.exp(-0.2), Math.exp(0.4)]);
  assert.ok(Math.abs(rl - 2 * Math.exp(-0.5)) < 1e-12 && Math.abs(rh - 2 * Math.exp(Math.hypot(0.1, 0.2))) < 1e-12);
});

test('hover on a runtime preset id shows every number with its source; on `runtime` the range it brings', async () => {
  const text = `extends: h100-sxm\n${WORKLOAD}\nruntime: vllm\n`;
  const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({ '/ws/a.chip.yaml': text }), {});
  const location = keyAt(text, text.indexOf('vllm') + 1)!;
  const md = hoverMarkdown({ location, analysis: a, file: '/ws/a.chip.yaml', linkTo: () => '' }) ?? '';
  assert.match(md, /\*\*vLLM\*\* \(`vllm`, runtime preset\)/);
  assert.match(md, /`step_overhead` 4 ms — 4 ms per scheduler call .*issue #6854/);
  assert.match(md, /`prefill_overhead` 2 ms — prior, not fitted/);
  assert.match(md, /`grouped_attention` true — GQA-aware decode attention/);
  assert.match(md, /80 % prediction ranges of a runtime the fit never saw/);
});

test("the README's runtime block is the generic runtime's values, as its comment says (they drifted once)", async () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const block = /\nruntime:[^\n]*\n((?: {2}\w+: [^\n]*\n)+)# \(these are the generic runtime's values/.exec(readme);
  assert.ok(block, "the README's runtime block");
  const runtime = block[1]!.replace(/#.*$/gm, '');
  const written = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime:\n${runtime}`);
  const generic = await analyze(`extends: h100-sxm\n${WORKLOAD}\nruntime: generic\n`);
  assert.ok(written.design && generic.design, JSON.stringify(written.diagnostics));
  const { provenance: _w, ...asWritten } = written.design.runtime;
  const { provenance: _g, ...asPreset } = generic.design.runtime;
  assert.deepEqual(asWritten, asPreset);
  assert.equal(written.design.runtime.provenance.modified, false, 'nothing the README writes changes the preset');
});
