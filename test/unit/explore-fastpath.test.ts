// Exploration's fast path changes no number (issue 13): an evaluation without per-operator
// records (`evaluateDesign(design, { operators: false })`), the remembered operator lists
// (`cachedPasses`) and the explorer's in-place config writes give exactly, bit for bit, what
// `eval` gives, for sampled points of spaces that cross every branch the model has
// (throttling, SRAM residency, KV offload, mixture of experts, pipeline stages, shape buckets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../model/analyze';
import { evaluateDesign } from '../../model/engine/evaluate';
import { FLAG, prepareExplore, type ExploreSetup } from '../../model/explore/evaluator';
import { metricPaths, metricReader, parseObjective } from '../../model/explore/objectives';
import { evaluateChunk } from '../../model/explore/run';
import { locator, pointValues, spaceSize, type Space } from '../../model/explore/space';
import { parseVary } from '../../model/explore/varySpec';
import { overrideFrom } from '../../model/sweep';
import { nodeFileHost } from '../../cli/nodeHost';
import type { EvaluationResult } from '../../model/result';
import type { DesignPoint } from '../../model/design';

const ROOT = join(__dirname, '../..');
const host = nodeFileHost(ROOT);

/** The result without its per-operator records, descriptions and the die area's range (what the fast path leaves out). */
function withoutOperators(r: EvaluationResult): unknown {
  const described = (s: NonNullable<EvaluationResult['silicon']>) => {
    const { dieAreaRangeMm2: _area, modelledPriceRangeUsd: _price, areaRangeBasis: _basis, ...rest } = s;
    return { ...rest, components: s.components.map((c) => ({ ...c, detail: '' })) };
  };
  return {
    ...r,
    phases: { prefill: { ...r.phases.prefill, operators: [] }, decode: { ...r.phases.decode, operators: [] } },
    ...(r.silicon ? { silicon: described(r.silicon) } : {}),
  };
}

const CASES: { file: string; sets: [string, string][] }[] = [
  { file: 'examples/jalapeno.chip.yaml', sets: [] },
  { file: 'examples/jalapeno.chip.yaml', sets: [['chip.tdp', '120 W']] }, // throttled
  { file: 'examples/jalapeno.chip.yaml', sets: [['chip.sram.capacity', '2 GiB']] }, // weights in SRAM
  { file: 'examples/h100-baseline.chip.yaml', sets: [['runtime', 'transformers-neuronx']] }, // shape buckets
  { file: 'examples/kv-offload.chip.yaml', sets: [] },
  { file: 'examples/mixtral-moe.chip.yaml', sets: [] },
  { file: 'examples/jalapeno-pipeline.chip.yaml', sets: [] },
];

test('an evaluation without operator records has every other number of the full one, bit for bit', async () => {
  for (const c of CASES) {
    const text = readFileSync(join(ROOT, c.file), 'utf8');
    for (const batch of ['1', '37', '256']) {
      const overrides = [...c.sets, ['workload.batch', batch] as [string, string]].map(([p, v]) => overrideFrom(p, v, 'test'));
      const a = await analyzeConfig(text, join(ROOT, c.file), host, { overrides });
      assert.ok(a.design, `${c.file} ${JSON.stringify(c.sets)} batch ${batch}: evaluable`);
      const full = evaluateDesign(a.design);
      const lean = evaluateDesign(a.design, { operators: false });
      assert.deepEqual(lean, withoutOperators(full), `${c.file} ${JSON.stringify(c.sets)} batch ${batch}`);
      assert.ok(full.phases.decode.operators.length > 5);
    }
  }
});

test('the remembered operator lists follow every change of model, precision, layout and shape', async () => {
  // Alternate designs that differ in one input of the operator list at a time: a stale
  // list would give the previous design's numbers.
  const text = readFileSync(join(ROOT, 'examples/jalapeno.chip.yaml'), 'utf8');
  const file = join(ROOT, 'examples/jalapeno.chip.yaml');
  const variants: [string, string][][] = [
    [],
    [['workload.batch', '17']],
    [['workload.precision.kv_cache', 'bf16']],
    [['workload.model', 'llama-3-8b']],
    [
      ['system.chips', '4'],
      ['system.tensor_parallel', '4'],
    ],
    [['workload.prompt', '333']],
    [['runtime.grouped_attention', 'false']],
    [['chip.memory.bandwidth', '9 TB/s']],
  ];
  const designs: { v: [string, string][]; design: DesignPoint; expected: unknown }[] = [];
  for (const v of variants) {
    const a = await analyzeConfig(text, file, host, { overrides: v.map(([p, x]) => overrideFrom(p, x, 'test')) });
    assert.ok(a.design && a.result, JSON.stringify(v));
    designs.push({ v, design: a.design, expected: withoutOperators(a.result) });
  }
  // Base, variant, base, next variant, ...: each step changes exactly one input.
  const order = designs.slice(1).flatMap((d) => [designs[0]!, d]);
  for (let round = 0; round < 2; round++) {
    for (const d of round === 1 ? [...order].reverse() : order) {
      const r = evaluateDesign(d.design, { operators: false });
      // analyzeConfig's result also carries ranges and more; compare the engine's own fields.
      const expected = d.expected as Record<string, unknown>;
      for (const key of Object.keys(r))
        assert.deepEqual((r as unknown as Record<string, unknown>)[key], expected[key], `${JSON.stringify(d.v)}: ${key}`);
    }
  }
});

/** Every recorded metric of sampled points equals `eval` of the same values, for every number the result has. */
async function assertLikeEval(file: string, space: Space, samples: number) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const path = join(ROOT, file);
  // Every number of a result is a metric: record them all.
  const probe = await analyzeConfig(text, path, host);
  const metrics = metricPaths(probe.result).filter((m) => !m.startsWith('ranges.') && !m.startsWith('serving.') && !m.startsWith('fleet.'));
  const setup: ExploreSetup = {
    file: path,
    files: { [path]: text },
    root: ROOT,
    sets: [],
    space,
    objectives: ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'].map(parseObjective),
    constraints: [],
    metrics,
  };
  const prepared = await prepareExplore(setup);
  const size = spaceSize(space);
  const chunk = evaluateChunk(prepared, 0, size);
  const m = prepared.metrics.length;
  const locate = locator(space);
  const at = new Float64Array(space.dimensions.length);
  let compared = 0;
  for (let k = 0; k < samples; k++) {
    const i = Math.floor(((k + 0.5) * size) / samples);
    locate(i, at);
    const values = pointValues(space, at);
    const a = await analyzeConfig(text, path, host, { overrides: Object.entries(values).map(([p, v]) => overrideFrom(p, v, 'test')) });
    assert.equal((chunk.flags[i]! & FLAG.ok) !== 0, a.result !== undefined, `point ${i} ${JSON.stringify(values)}: ok`);
    if (!a.result) continue;
    compared++;
    prepared.metrics.forEach((name, j) =>
      assert.ok(
        Object.is(chunk.values[i * m + j], metricReader(name)(a.result)),
        `point ${i} ${JSON.stringify(values)}: ${name} ${chunk.values[i * m + j]} vs ${metricReader(name)(a.result)}`,
      ),
    );
  }
  assert.ok(compared >= samples / 2, `${compared} of ${samples} sampled points evaluable`);
  return { metrics: prepared.metrics.length, compared };
}

test('explored points equal eval on every number of the result: the bench space (batch x bandwidth x clock x capacity)', async () => {
  const space: Space = {
    dimensions: [
      'workload.batch=1..1000:20',
      'chip.memory.bandwidth=2 TB/s..8 TB/s:4',
      'chip.clock=1 GHz..2 GHz:3',
      'chip.memory.capacity=24 GB..240 GB:4',
    ].map(parseVary),
    sampling: { kind: 'grid' },
  };
  const { metrics } = await assertLikeEval('examples/jalapeno.chip.yaml', space, 60);
  assert.ok(metrics > 40, `${metrics} metrics compared per point`);
});

test('explored points equal eval on every number of the result: layouts, batch, SRAM and TDP (throttling, residency)', async () => {
  const space: Space = {
    dimensions: [
      {
        kind: 'discrete',
        paths: ['system.chips', 'system.tensor_parallel', 'system.pipeline_parallel'],
        choices: [
          ['1', '1', '1'],
          ['8', '8', '1'],
          ['8', '2', '4'],
          ['16', '8', '2'],
        ].map((texts) => ({ texts })),
      },
      parseVary('workload.batch=1,7,64,300'),
      parseVary('chip.sram.capacity=0 MiB,256 MiB,4 GiB'),
      parseVary('chip.tdp=90 W,300 W'),
    ],
    sampling: { kind: 'grid' },
  };
  await assertLikeEval('examples/jalapeno.chip.yaml', space, 48);
});

test('explored points equal eval on every number of the result: the node, its scaled energies and idle power, and a MAC energy', async () => {
  // A chip written from scratch (default energies scaled by node) and a preset moved to other
  // nodes and TDPs (its energies by the nodes' ratio, its idle power by its rule).
  await assertLikeEval(
    'examples/silicon/tpu-v4.chip.yaml',
    { dimensions: [parseVary('chip.process=16 nm,7 nm,3 nm'), parseVary('chip.energy.mac.bf16=0.2 pJ,1 pJ')], sampling: { kind: 'grid' } },
    6,
  );
  await assertLikeEval(
    'examples/jalapeno.chip.yaml',
    { dimensions: [parseVary('chip.process=7 nm,5 nm,3 nm'), parseVary('chip.tdp=280 W,600 W')], sampling: { kind: 'grid' } },
    6,
  );
});

test('explored points equal eval on every number of the result: a die kept across points, its economics varied too', async () => {
  // The die is remembered per value of the chip's and the economics' dimensions (evaluator.ts
  // dieMemo): a wafer price varied with the SRAM and the batch must price each die anew.
  await assertLikeEval(
    'examples/silicon/tpu-v4.chip.yaml',
    {
      dimensions: [
        parseVary('workload.batch=1,16,64'),
        parseVary('chip.sram.capacity=64 MiB,128 MiB'),
        parseVary('cost.silicon.wafer_price=10000 USD,20000 USD'),
      ],
      sampling: { kind: 'grid' },
    },
    12,
  );
});

test('explored points equal eval on every number of the result: KV offload and mixture of experts', async () => {
  await assertLikeEval(
    'examples/kv-offload.chip.yaml',
    { dimensions: [parseVary('workload.batch=1..512:6log'), parseVary('workload.prompt=512,4096')], sampling: { kind: 'grid' } },
    12,
  );
  await assertLikeEval(
    'examples/mixtral-moe.chip.yaml',
    { dimensions: [parseVary('workload.batch=1..256:5log'), parseVary('chip.memory.bandwidth=1 TB/s,5 TB/s')], sampling: { kind: 'grid' } },
    10,
  );
});
