// Design-space exploration (issue 13, contract §4.3): the Pareto front against brute force,
// explored points against `eval` of the same values, feasibility exactly as defined,
// shards that merge to the single run, samplers and the space language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../model/analyze';
import { FLAG, prepareExplore, type ExploreSetup } from '../../model/explore/evaluator';
import { mergeShards } from '../../model/explore/merge';
import { distinctTicks, scatterDomain } from '../../webview/axisDomain';
import { significant } from '../../model/report/format';
import {
  metricReader,
  parseConstraint,
  parseObjective,
  satisfies,
  sloConstraints,
  unknownMetricHint,
} from '../../model/explore/objectives';
import { dominates, paretoFront } from '../../model/explore/pareto';
import {
  computeFront,
  contenderNotes,
  emptyResults,
  exactTieNotes,
  inertDimensionNotes,
  nearTieNotes,
  nearTiePoints,
  pairedTolerance,
  resultsJson,
  type ExploreResults,
  type PointJson,
} from '../../model/explore/results';
import { evaluateChunk } from '../../model/explore/run';
import { bestPoint, parallelismDimension } from '../../model/explore/search';
import { locator, shardRange, spaceSize, type Space } from '../../model/explore/space';
import { parseVary, SpaceError, spaceNotes, splitTopLevel } from '../../model/explore/varySpec';
import { overrideFrom } from '../../model/sweep';
import { nodeFileHost } from '../../cli/nodeHost';

const ROOT = join(__dirname, '../..');
const FILE = join(ROOT, 'examples/jalapeno.chip.yaml');
const TEXT = readFileSync(FILE, 'utf8');

/** Brute force: every feasible row no other feasible row dominates. */
function bruteFront(values: Float64Array, k: number, rows: number[]): number[] {
  return rows.filter((r) => !rows.some((o) => o !== r && dominates(values, k, o, r))).sort((a, b) => a - b);
}

for (const k of [1, 2, 3, 4]) {
  test(`Pareto front with ${k} objective(s) equals brute force (ties and duplicates included)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: k, maxLength: k }), { maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (rows, mask) => {
          const values = Float64Array.from(rows.flat());
          const candidates = rows.map((_, i) => i).filter((i) => mask[i] !== false);
          const front = paretoFront(values, k, candidates);
          assert.deepEqual(front, bruteFront(values, k, candidates));
          // Non-dominated and complete, spelled out.
          for (const f of front) for (const o of candidates) assert.ok(!dominates(values, k, o, f));
          for (const c of candidates) if (!front.includes(c)) assert.ok(front.some((f) => dominates(values, k, f, c)));
        },
      ),
      { numRuns: 300 },
    );
  });
}

test('Pareto front: compared exactly, as the contract defines it; near-ties are noted, not dropped', () => {
  // A bandwidth sweep past the point where decode stops depending on it (review finding):
  // per-token latency moves in the eighth digit while the cost rises. Each point is faster than
  // the cheaper ones by a hair, so no other dominates it (contract.md §4.3).
  const latencyMs = [17.5620173, 17.562017, 17.5620167, 17.5620166];
  const costUsd = [32.6, 34.1, 35.7, 37.3];
  for (const k of [2, 3]) {
    const values = Float64Array.from(latencyMs.flatMap((ms, i) => (k === 2 ? [ms, costUsd[i]!] : [ms, costUsd[i]!, 1])));
    assert.deepEqual(paretoFront(values, k, [0, 1, 2, 3]), [0, 1, 2, 3], `${k} objectives`);
  }
  // The same latency at a higher cost is dominated.
  assert.deepEqual(paretoFront(Float64Array.from([17.56, 32.6, 17.56, 37.3]), 2, [0, 1]), [0]);
  // On the front by a hair: noted, with how many (points 1-3 are within 0.1 % of point 0's latency and dearer by more).
  const space: Space = { dimensions: [parseVary('workload.batch=1,2,3,4')], sampling: { kind: 'grid' } };
  const objectives = ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'].map(parseObjective);
  const r = emptyResults(space, objectives, [], ['decode.msPerToken', 'cost.usdPerMillionOutputTokens'], 0, 4);
  r.flags = Uint16Array.from([1, 2, 3, 4].map(() => FLAG.ok | FLAG.feasible));
  r.values = Float64Array.from(latencyMs.flatMap((ms, i) => [ms, costUsd[i]!]));
  r.evaluated = 4;
  computeFront(r);
  assert.match(nearTieNotes(r).join(''), /^3 of the 4 front points are on it by less than 0\.1 %/);
  assert.deepEqual([...nearTiePoints(r)].sort(), [1, 2, 3], 'the dearer three, which the CLI table marks');
  r.values = Float64Array.from([10, 4, 12, 3, 14, 2, 16, 1]);
  computeFront(r);
  assert.deepEqual(nearTieNotes(r), []);
  assert.equal(nearTiePoints(r).size, 0);
});

test('front points that tie another on every objective are said, with a pair and what it differs in', () => {
  // An architect's review: every design 3-4 times on the front, at SRAM bandwidths that cost and
  // change nothing there. A pair equal on both objectives is on the front twice (neither is better).
  const space: Space = {
    dimensions: [parseVary('chip.sram.bandwidth=5 TB/s,10 TB/s'), parseVary('workload.batch=1,2')],
    sampling: { kind: 'grid' },
  };
  const objectives = ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'].map(parseObjective);
  const metrics = ['decode.msPerToken', 'cost.usdPerMillionOutputTokens', 'silicon.dieAreaMm2'];
  const r = emptyResults(space, objectives, [], metrics, 0, 4);
  r.flags = Uint16Array.from([1, 2, 3, 4].map(() => FLAG.ok | FLAG.feasible));
  // (bandwidth, batch) = (5, 1), (5, 2), (10, 1), (10, 2): batch 1 is faster, batch 2 cheaper; the
  // bandwidth moves no objective, and the die's area at batch 2 only (so it is not inert).
  r.values = Float64Array.from([10, 4, 100, 12, 3, 100, 10, 4, 100, 12, 3, 101]);
  r.evaluated = 4;
  computeFront(r);
  assert.deepEqual(r.front, [0, 1, 2, 3]);
  assert.deepEqual(inertDimensionNotes(r), []);
  assert.match(
    exactTieNotes(r).join(''),
    /^4 of the 4 front points tie another front point on every objective \(2 groups\): .* E\.g\. chip\.sram\.bandwidth=5 TB\/s and chip\.sram\.bandwidth=10 TB\/s \(otherwise the same\)/,
  );
  // A key that changes nothing recorded anywhere is the inert note's, said once, not again as ties.
  r.values = Float64Array.from([10, 4, 100, 12, 3, 100, 10, 4, 100, 12, 3, 100]);
  computeFront(r);
  assert.match(inertDimensionNotes(r).join(''), /^chip\.sram\.bandwidth: every value recorded the same/);
  assert.deepEqual(exactTieNotes(r), []);
  r.values = Float64Array.from([10, 4, 100, 12, 3, 100, 9, 5, 100, 11, 3.5, 100]);
  computeFront(r);
  assert.deepEqual(exactTieNotes(r), []);
  // An inert key varied fastest (`chip.idle_power` here) does not hide the tie the bandwidth makes (a code review).
  const three: Space = {
    dimensions: [parseVary('chip.sram.bandwidth=5 TB/s,10 TB/s'), parseVary('workload.batch=1,2'), parseVary('chip.idle_power=30 W,40 W')],
    sampling: { kind: 'grid' },
  };
  const t = emptyResults(three, objectives, [], metrics, 0, 8);
  t.flags = Uint16Array.from({ length: 8 }, () => FLAG.ok | FLAG.feasible);
  // Index = bandwidth · 4 + batch · 2 + idle: the idle power changes nothing; the bandwidth moves the area at batch 2 only.
  t.values = Float64Array.from([10, 4, 100, 10, 4, 100, 12, 3, 100, 12, 3, 100, 10, 4, 100, 10, 4, 100, 12, 3, 101, 12, 3, 101]);
  t.evaluated = 8;
  computeFront(t);
  assert.match(inertDimensionNotes(t).join(''), /^chip\.idle_power: every value/);
  assert.match(exactTieNotes(t).join(''), /^8 of the 8 front points tie another .* chip\.sram\.bandwidth=5 TB\/s/);
});

test("points off the front by less than the model's paired error are named as contenders, the nearest with its values", () => {
  const space: Space = { dimensions: [parseVary('system.chips=4,8,16,32')], sampling: { kind: 'grid' } };
  const objectives = [parseObjective('cost.usdPerMillionOutputTokens:min')];
  const r = emptyResults(space, objectives, [], ['cost.usdPerMillionOutputTokens'], 0, 4);
  r.flags = Uint16Array.from([1, 2, 3, 4].map(() => FLAG.ok | FLAG.feasible));
  const tolerance = Math.exp(pairedTolerance('cost.usdPerMillionOutputTokens')!);
  // The best, one 2 % behind, one just inside the error, one well outside it.
  r.values = Float64Array.from([3.36, 3.36 * 1.02, 3.36 * tolerance * 0.99, 3.36 * tolerance * 1.5]);
  r.evaluated = 4;
  computeFront(r);
  assert.deepEqual(r.front, [0]);
  const [note] = contenderNotes(r);
  assert.match(note!, /^2 feasible points off the front are behind it by less than the model's error on a ratio of two configurations/);
  assert.match(note!, /The nearest, 2\.0 % behind: system\.chips=8$/);
  // Two objectives: a point clearly worse on one and no better beyond the error on the other is not a contender.
  const two = emptyResults(
    space,
    [...objectives, parseObjective('decode.msPerToken:min')],
    [],
    ['cost.usdPerMillionOutputTokens', 'decode.msPerToken'],
    0,
    4,
  );
  two.flags = r.flags;
  two.values = Float64Array.from([3, 20, 3 * tolerance * 2, 20, 3.03, 20.2, 3, 25]);
  two.evaluated = 4;
  computeFront(two);
  assert.match(contenderNotes(two).join(''), /^1 feasible point off the front is behind/);
  two.values = Float64Array.from([3, 20, 3 * tolerance * 2, 20, 3 * tolerance * 2, 20 * tolerance * 2, 4, 16]);
  computeFront(two);
  assert.deepEqual(contenderNotes(two), []);
});

test('Pareto front of 200,000 two-objective points takes seconds, not hours (O(n log n))', () => {
  const n = 200_000;
  const values = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = Math.random();
    values[2 * i] = x;
    values[2 * i + 1] = 1 - x + Math.random() * 0.01;
  }
  const t = performance.now();
  const front = paretoFront(
    values,
    2,
    Array.from({ length: n }, (_, i) => i),
  );
  assert.ok(front.length > 0);
  assert.ok(performance.now() - t < 3000);
});

function setup(space: Space, extra: Partial<ExploreSetup> = {}): ExploreSetup {
  return {
    file: FILE,
    files: { [FILE]: TEXT },
    root: ROOT,
    sets: [],
    space,
    objectives: ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'].map(parseObjective),
    constraints: [],
    metrics: [],
    ...extra,
  };
}

async function runAll(s: ExploreSetup, start = 0, count?: number): Promise<ExploreResults> {
  const prepared = await prepareExplore(s);
  const n = count ?? prepared.size - start;
  const chunk = evaluateChunk(prepared, start, n);
  const r = emptyResults(s.space, s.objectives, s.constraints, prepared.metrics, start, n);
  r.flags = chunk.flags;
  r.values = chunk.values;
  r.evaluated = n;
  computeFront(r);
  return r;
}

const GRID: Space = {
  dimensions: [
    parseVary('workload.batch=1,16,64,200,1000'),
    parseVary('chip.memory.bandwidth=2 TB/s..8 TB/s:3'),
    {
      kind: 'discrete',
      paths: ['system.chips', 'system.tensor_parallel', 'system.pipeline_parallel'],
      choices: [
        ['1', '1', '1'],
        ['4', '4', '1'],
        ['8', '8', '1'],
        ['8', '2', '4'],
        ['6', '6', '1'],
        ['8', '4', '1'],
      ].map((texts) => ({ texts })),
    },
    parseVary('chip.tdp=150 W,300 W'),
  ],
  sampling: { kind: 'grid' },
};

test('every explored point has the numbers `eval` gives with the same values (--set)', async () => {
  const metrics = [
    'decode.msPerToken',
    'prefill.ms',
    'response.ms',
    'throughput.outputTokensPerSecond',
    'energy.joulesPerOutputToken',
    'cost.usdPerMillionOutputTokens',
    'power.watts',
    'memory.fits',
    'memory.kvCacheBytes',
  ];
  const s = setup(GRID, { metrics });
  const r = await runAll(s);
  assert.equal(r.evaluated, 5 * 3 * 6 * 2);
  const host = nodeFileHost(ROOT);
  const locate = locator(GRID);
  const at = new Float64Array(GRID.dimensions.length);
  let compared = 0;
  for (let i = 0; i < r.evaluated; i++) {
    locate(i, at);
    const overrides = GRID.dimensions.flatMap((d, j) =>
      d.kind === 'discrete' ? d.paths.map((p, k) => overrideFrom(p, d.choices[at[j]!]!.texts[k]!, 'test')) : [],
    );
    const a = await analyzeConfig(TEXT, FILE, host, { overrides });
    assert.equal((r.flags[i]! & FLAG.ok) !== 0, a.result !== undefined, `point ${i}: ok`);
    if (!a.result) continue;
    compared++;
    r.metrics.forEach((m, j) => assert.equal(r.values[i * r.metrics.length + j], metricReader(m)(a.result), `point ${i}: ${m}`));
  }
  assert.ok(compared > 40, `${compared} evaluable points compared`);
});

test("a range end (decode.msPerToken@high) is eval's 80 % range end, and can be constrained with a unit", async () => {
  const space: Space = {
    dimensions: [parseVary('workload.batch=1,16,64'), parseVary('runtime=generic,tensorrt-llm')],
    sampling: { kind: 'grid' },
  };
  const ends = ['decode.msPerToken@high', 'prefill.ms@low', 'throughput.outputTokensPerSecond@low'];
  const s = setup(space, { metrics: ['decode.msPerToken', ...ends], constraints: [parseConstraint('decode.msPerToken@high<=30 ms')] });
  const r = await runAll(s);
  const locate = locator(space);
  const at = new Float64Array(2);
  let feasible = 0;
  for (let i = 0; i < r.evaluated; i++) {
    locate(i, at);
    const overrides = space.dimensions.map((d, j) =>
      overrideFrom(d.paths[0]!, (d as Extract<typeof d, { kind: 'discrete' }>).choices[at[j]!]!.texts[0]!, 'test'),
    );
    const a = await analyzeConfig(TEXT, FILE, nodeFileHost(ROOT), { overrides, serving: false });
    const value = (m: string) => r.values[i * r.metrics.length + r.metrics.indexOf(m)]!;
    for (const m of ends) {
      const [base, end] = m.split('@') as [keyof NonNullable<typeof a.result>['ranges'] & string, 'low' | 'high'];
      const expected = a.result!.ranges![base as 'decode.msPerToken'][end === 'low' ? 0 : 1];
      assert.ok(Math.abs(value(m) / expected - 1) < 1e-12, `point ${i} ${m}: ${value(m)} vs eval ${expected}`);
    }
    const meets = value('decode.msPerToken@high') <= 30;
    if (meets) feasible++;
    assert.equal((r.flags[i]! & FLAG.constraint) === 0, meets, `point ${i}`);
  }
  // The constraint bites: some points pass on the point value yet fail on the range's end.
  assert.ok(feasible > 0 && feasible < r.evaluated);
  assert.ok(
    r.metrics.some(
      (m, j) =>
        m === 'decode.msPerToken' &&
        [...Array(r.evaluated).keys()].some((i) => r.values[i * r.metrics.length + j]! <= 30 && (r.flags[i]! & FLAG.constraint) !== 0),
    ),
  );
});

test('feasible = evaluable, fits, within TDP, heads divisible by TP and every constraint met; the front is over feasible points only', async () => {
  const constraints = ['decode.msPerToken<=40', 'prefill.ms<1500'].map(parseConstraint);
  const s = setup(GRID, { constraints });
  const r = await runAll(s);
  const host = nodeFileHost(ROOT);
  const locate = locator(GRID);
  const at = new Float64Array(GRID.dimensions.length);
  let feasible = 0;
  let infeasible = 0;
  for (let i = 0; i < r.evaluated; i++) {
    locate(i, at);
    const overrides = GRID.dimensions.flatMap((d, j) =>
      d.kind === 'discrete' ? d.paths.map((p, k) => overrideFrom(p, d.choices[at[j]!]!.texts[k]!, 'test')) : [],
    );
    const a = await analyzeConfig(TEXT, FILE, host, { overrides });
    const res = a.result;
    const expected =
      !!res &&
      res.memory.fits &&
      res.power.throttledWatts <= res.power.tdpWatts * (1 + 1e-6) &&
      a.design!.workload.model.heads % a.design!.system.tensorParallel === 0 &&
      constraints.every((c) => satisfies(metricReader(c.metric)(res), c));
    assert.equal((r.flags[i]! & FLAG.feasible) !== 0, expected, `point ${i}`);
    if (expected) feasible++;
    else infeasible++;
  }
  assert.ok(feasible > 5 && infeasible > 5, `${feasible} feasible, ${infeasible} not: the test must see both`);
  for (const f of r.front) assert.ok(r.flags[f]! & FLAG.feasible);
});

test('shards 1/N..N/N are disjoint, cover the grid and merge to the single run', async () => {
  const s = setup(GRID);
  const whole = await runAll(s);
  const size = spaceSize(GRID);
  const single = resultsJson(whole, size);
  for (const n of [1, 3, 7]) {
    const shards = [];
    for (let i = 1; i <= n; i++) {
      const { start, end } = shardRange(size, i, n);
      shards.push(resultsJson(await runAll(s, start, end - start), size));
    }
    const merged = mergeShards(shards.reverse());
    assert.deepEqual(merged.missing, []);
    assert.deepEqual(
      merged.points.map((p) => [p.index, p.feasible, p.pareto, p.metrics]),
      single.points.map((p) => [p.index, p.feasible, p.pareto, p.metrics]),
    );
    // Shards that print only their own fronts merge to the same global front.
    const fronts = shards.map((sh) => ({ ...sh, points: sh.points.filter((p) => p.pareto), frontOnly: true }));
    assert.deepEqual(
      mergeShards(fronts).points.map((p) => p.index),
      single.points.filter((p) => p.pareto).map((p) => p.index),
    );
  }
  const { start, end } = shardRange(size, 2, 3);
  const part = resultsJson(await runAll(s, start, end - start), size);
  assert.deepEqual(mergeShards([part]).missing, [
    { start: 0, end: start },
    { start: end, end: size },
  ]);
  assert.throws(() => mergeShards([part, part]), /overlap/);
  // An edited or truncated shard is refused with what is wrong, not merged (a review: a null point crashed, another counted as feasible).
  const edited = (point: unknown) => ({ ...part, points: [point as PointJson, ...part.points.slice(1)] });
  assert.throws(() => mergeShards([edited(null)]), /point 0 of a shard is not an object/);
  assert.throws(() => mergeShards([edited({ ...part.points[0], metrics: null })]), /has no `values` or `metrics`/);
  assert.throws(() => mergeShards([edited({ ...part.points[0], index: -1 })]), /has no index within its range/);
  assert.throws(
    () => mergeShards([{ ...part, points: [part.points[0]!, part.points[0]!, ...part.points.slice(2)] }]),
    /is in a shard twice/,
  );
  const feasible = part.points.find((p) => p.feasible)!;
  assert.throws(
    () => mergeShards([{ ...part, points: [{ ...feasible, metrics: {} }] }]),
    /is feasible without a number for every objective/,
  );
});

test('shard ranges: disjoint, contiguous, union is [0, size)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 1, max: 64 }), (size, n) => {
      let next = 0;
      for (let i = 1; i <= n; i++) {
        const r = shardRange(size, i, n);
        assert.equal(r.start, next);
        assert.ok(r.end >= r.start);
        next = r.end;
      }
      assert.equal(next, size);
    }),
  );
});

test('the grid visits every combination once, first dimension slowest', () => {
  const space: Space = { dimensions: [parseVary('workload.batch=1,2,3'), parseVary('workload.prompt=10,20')], sampling: { kind: 'grid' } };
  const locate = locator(space);
  const at = new Float64Array(2);
  const seen = Array.from({ length: 6 }, (_, i) => {
    locate(i, at);
    return [...at].join();
  });
  assert.deepEqual(seen, ['0,0', '0,1', '1,0', '1,1', '2,0', '2,1']);
});

test('Latin hypercube: each of the n strata of every dimension holds exactly one sample; same seed, same points', () => {
  const n = 500;
  const space: Space = {
    dimensions: [parseVary('chip.memory.bandwidth=1 TB/s..8 TB/s'), parseVary('workload.batch=1..256')],
    sampling: { kind: 'lhs', samples: n, seed: 7 },
  };
  const locate = locator(space);
  const at = new Float64Array(2);
  const strata = [new Set<number>(), new Set<number>()];
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    locate(i, at);
    for (const d of [0, 1]) {
      assert.ok(at[d]! >= 0 && at[d]! < 1);
      strata[d]!.add(Math.floor(at[d]! * n));
    }
    first.push(at[0]!);
  }
  assert.equal(strata[0]!.size, n);
  assert.equal(strata[1]!.size, n);
  const again = locator(space);
  assert.deepEqual(
    first.slice(0, 20),
    Array.from({ length: 20 }, (_, i) => {
      again(i, at);
      return at[0]!;
    }),
  );
});

test('sampled continuous ranges evaluate like eval of the printed value', async () => {
  const space: Space = {
    dimensions: [
      parseVary('chip.memory.bandwidth=1 TB/s..8 TB/s:log'),
      parseVary('workload.batch=1..128'),
      parseVary('chip.memory.efficiency=60 %..95 %'),
    ],
    sampling: { kind: 'random', samples: 25, seed: 3 },
  };
  const s = setup(space, { metrics: ['decode.msPerToken'] });
  const r = await runAll(s);
  const json = resultsJson(r, 25);
  const host = nodeFileHost(ROOT);
  for (const p of json.points) {
    const a = await analyzeConfig(TEXT, FILE, host, { overrides: Object.entries(p.values).map(([k, v]) => overrideFrom(k, v, 'test')) });
    assert.equal(p.metrics['decode.msPerToken'], a.result?.decode.msPerToken, JSON.stringify(p.values));
  }
});

test('ranges and lists: linear and log steps, counts round, units kept, bad specs explained', () => {
  const texts = (spec: string) => {
    const d = parseVary(spec);
    return d.kind === 'discrete' ? d.choices.map((c) => c.texts[0]) : [];
  };
  const log = parseVary('chip.clock=1 GHz..4 GHz:log');
  assert.ok(log.kind === 'range' && log.scale === 'log' && log.unit === 'GHz');
  assert.deepEqual(texts('workload.batch=1..256:9log'), ['1', '2', '4', '8', '16', '32', '64', '128', '256']);
  assert.deepEqual(texts('chip.memory.bandwidth=2 TB/s..8 TB/s:4'), ['2 TB/s', '4 TB/s', '6 TB/s', '8 TB/s']);
  assert.deepEqual(texts('chip.fixed_function=[qkv_projection, attention],[]'), ['[qkv_projection, attention]', '[]']);
  assert.deepEqual(splitTopLevel('a, {x: 1, y: 2}, "c,d"'), ['a', '{x: 1, y: 2}', '"c,d"']);
  assert.throws(() => parseVary('chip.memory.bandwith=1 TB/s'), SpaceError);
  // A doubled comma is a slip, said, not read as two values.
  assert.throws(() => parseVary('workload.batch=1,,2'), /workload\.batch=1,,2: an empty value between commas/);
  // Ends in units of one quantity are spaced in the first end's; of two quantities, explained.
  // The far end keeps its own text: `1 GB`, not `953.674 MiB` (a review).
  assert.deepEqual(texts('chip.sram.capacity=64 MiB..1 GiB:5log'), ['64 MiB', '128 MiB', '256 MiB', '512 MiB', '1 GiB']);
  assert.deepEqual(texts('chip.sram.capacity=64 MiB..1 GB:3'), ['64 MiB', '508.837 MiB', '1 GB']);
  assert.deepEqual(texts('chip.memory.bandwidth=2 TB/s..8000 GB/s:4'), ['2 TB/s', '4 TB/s', '6 TB/s', '8000 GB/s']);
  assert.throws(() => parseVary('chip.memory.bandwidth=2 TB/s..8 GB:3'), /units of the same quantity/);
  // A zero end converts by the units, not by its own value; bits against bytes is refused (a code review).
  assert.deepEqual(texts('cost.chip_price=0 USD..20 kUSD:3'), ['0 USD', '10000 USD', '20 kUSD']);
  assert.throws(() => parseVary('chip.memory.bandwidth=2 TB/s..8 Tb/s:3'), /one end of the range is in bits, the other in bytes/);
  assert.throws(() => parseVary('workload.batch'), /PATH=/);
  assert.throws(() => parseVary('extends=h100-sxm'), /cannot be varied/);
  assert.throws(() => parseConstraint('decode.msPerToken=20'), /METRIC<=VALUE/);
  assert.deepEqual(parseObjective('throughput.perChip'), { metric: 'throughput.perChip', direction: 'max' });
});

test("a constraint's value may carry a unit, converted to the metric's own; a wrong one is refused", () => {
  const value = (text: string) => parseConstraint(text).value;
  assert.equal(value('decode.msPerToken<=20'), 20);
  assert.equal(value('decode.msPerToken<=20 ms'), 20);
  assert.ok(Math.abs(value('serving.ttftMs.p99<=0.5 s') - 500) < 1e-9);
  assert.equal(value('cost.usdPerMillionOutputTokens<=$3'), 3);
  // A money figure the report does not list reads money too.
  assert.equal(value('fleet.usdPerResponse<=$0.001'), 0.001);
  assert.equal(value('throughput.outputTokensPerSecond>=500 tok/s'), 500);
  assert.ok(Math.abs(value('energy.joulesPerOutputToken<=500 mJ') - 0.5) < 1e-12);
  assert.ok(Math.abs(value('silicon.dieAreaMm2<=600 mm²') - 600) < 1e-9);
  // Exactly the number written, as the table echoes it (a review saw "<= 399.99999999999994").
  assert.equal(value('silicon.dieAreaMm2<=400 mm2'), 400);
  assert.equal(value('serving.ttftMs.p99<=0.3 s'), 300);
  assert.throws(() => parseConstraint('decode.msPerToken<=20 GB'), /decode.msPerToken is in ms/);
  assert.throws(() => parseConstraint('memory.maxBatch>=4 GB'), /write the number alone/);
});

test('a metric exploration cannot read says why: a misspelt range end, a range end without a range', () => {
  assert.throws(() => parseConstraint('decode.msPerToken@hgih<=40 ms'), /written `@low` or `@high` \(got `@hgih`\)/);
  assert.throws(() => parseObjective('decode.msPerToken@mid'), /`@low` or `@high`/);
  assert.match(unknownMetricHint('serving.ttftMs.p99@high')!, /exist for prefill\.ms, decode\.msPerToken/);
  // A fleet figure is read: each point sizes its fleet (explore-serving.test.ts).
  assert.equal(unknownMetricHint('fleet.chips'), undefined);
  assert.equal(unknownMetricHint('decode.msPerToken@high'), undefined);
  assert.equal(unknownMetricHint('decode.msPerTokn'), undefined);
});

test('an invalid value makes its points not ok and says which value', async () => {
  const space: Space = {
    dimensions: [parseVary('chip.memory.bandwidth=4 TB/s,4 GB'), parseVary('workload.batch=1,2')],
    sampling: { kind: 'grid' },
  };
  const prepared = await prepareExplore(setup(space));
  assert.ok(prepared.diagnostics.some((d) => d.message.includes('chip.memory.bandwidth=4 GB')));
  const c = evaluateChunk(prepared, 0, 4);
  assert.deepEqual(
    [...c.flags].map((f) => (f & FLAG.ok) !== 0),
    [true, true, false, false],
  );
});

test('the best point of a search is on its front, and a first objective within 0.1 % is a tie the next one breaks', () => {
  const space: Space = { dimensions: [parseVary('workload.batch=1,2')], sampling: { kind: 'grid' } };
  const objectives = ['cost.usdPerMillionOutputTokens:min', 'decode.msPerToken:min'].map(parseObjective);
  const r = emptyResults(space, objectives, [], ['cost.usdPerMillionOutputTokens', 'decode.msPerToken'], 0, 2);
  r.flags = Uint16Array.from([FLAG.ok | FLAG.feasible, FLAG.ok | FLAG.feasible]);
  // Point 1 is cheaper in the sixth digit; point 0 is faster.
  r.values = Float64Array.from([1.00001, 10, 1.0, 12]);
  r.evaluated = 2;
  assert.equal(bestPoint(r), 0);
  assert.deepEqual(computeFront(r), [0, 1]);
});

test('search picks the cheapest feasible layout and batch under a TPOT limit', async () => {
  const space: Space = { dimensions: [parallelismDimension(16), parseVary('workload.batch=1..64:64')], sampling: { kind: 'grid' } };
  const s = setup(space, {
    objectives: [parseObjective('cost.usdPerMillionOutputTokens:min')],
    constraints: [parseConstraint('decode.msPerToken<=20')],
    metrics: ['decode.msPerToken'],
  });
  const r = await runAll(s);
  const best = bestPoint(r)!;
  assert.ok(best !== undefined);
  const m = r.metrics.length;
  for (let i = 0; i < r.evaluated; i++) {
    if (r.flags[i]! & FLAG.feasible) assert.ok(r.values[best * m]! <= r.values[i * m]!);
  }
  assert.ok(r.values[best * m + 1]! <= 20);
  // Compared as the front compares: the best point is on it.
  assert.ok(computeFront(r).includes(best));
});

test("a base value that is invalid where another dimension varies does not invalidate this dimension's values", async () => {
  // The file's bandwidth is wrong, but every point replaces it.
  const file = join(ROOT, 'examples/broken-bandwidth.chip.yaml');
  const text = TEXT.replace('system:', 'chip: { memory: { bandwidth: 4 GB } }\nsystem:');
  const space: Space = {
    dimensions: [parseVary('workload.batch=1,2'), parseVary('chip.memory.bandwidth=3 TB/s,4 TB/s')],
    sampling: { kind: 'grid' },
  };
  const prepared = await prepareExplore({ ...setup(space), file, files: { [file]: text } });
  assert.deepEqual(prepared.diagnostics, []);
  const c = evaluateChunk(prepared, 0, 4);
  assert.deepEqual(
    [...c.flags].map((f) => (f & FLAG.ok) !== 0),
    [true, true, true, true],
  );
  await assert.rejects(
    prepareExplore({
      ...setup({ dimensions: [parseVary('workload.batch=1,2')], sampling: { kind: 'grid' } }),
      file,
      files: { [file]: text },
    }),
    /errors that no varied key changes/,
  );
});

test("exploration trades the modelled chip price (result.silicon) against latency, with eval's numbers", async () => {
  const file = join(ROOT, 'examples/silicon/tpu-v4.chip.yaml');
  const text = readFileSync(file, 'utf8');
  const space: Space = {
    dimensions: [parseVary('chip.matrix.units=2,8,16'), parseVary('chip.sram.capacity=32 MiB,512 MiB')],
    sampling: { kind: 'grid' },
  };
  const s: ExploreSetup = {
    ...setup(space),
    file,
    files: { [file]: text },
    objectives: ['decode.msPerToken', 'silicon.chipPriceUsd'].map(parseObjective),
    metrics: ['silicon.dieAreaMm2'],
  };
  const r = await runAll(s);
  const m = r.metrics.length;
  const prices = new Set(Array.from({ length: r.evaluated }, (_, i) => r.values[i * m + 1]));
  assert.equal(prices.size, 6, 'every design has its own modelled price');
  const a = await analyzeConfig(text, file, nodeFileHost(ROOT), {
    overrides: [overrideFrom('chip.matrix.units', '16', 'test'), overrideFrom('chip.sram.capacity', '512 MiB', 'test')],
  });
  assert.equal(r.values[5 * m + 1], a.result?.silicon?.chipPriceUsd);
  assert.equal(r.values[5 * m + 2], a.result?.silicon?.dieAreaMm2);
});

test('the search trades silicon: when off-chip memory becomes expensive, the cheapest design takes less memory per chip and more chips', async () => {
  // TPU v4 described from its public architecture, price modelled from the die and its HBM
  // (no chip_price), TPOT <= 50 ms: more memory per chip holds a larger batch on fewer chips, and costs
  // more per chip. The answer must follow the memory price, with eval's numbers.
  const file = join(ROOT, 'examples/silicon/tpu-v4.chip.yaml');
  const text = readFileSync(file, 'utf8');
  const space: Space = {
    dimensions: [parallelismDimension(8), parseVary('workload.batch=1..256:256'), parseVary('chip.memory.capacity=16 GiB,32 GiB,64 GiB')],
    sampling: { kind: 'grid' },
  };
  const best = async (memoryPrice: string) => {
    const s: ExploreSetup = {
      ...setup(space),
      file,
      files: { [file]: text },
      sets: [{ path: 'cost.silicon.memory_price', value: memoryPrice }],
      objectives: ['cost.usdPerMillionOutputTokens:min', 'decode.msPerToken:min'].map(parseObjective),
      constraints: [parseConstraint('decode.msPerToken<=50')],
      metrics: ['silicon.chipPriceUsd'],
    };
    const r = await runAll(s);
    const i = bestPoint(r)!;
    assert.ok(i !== undefined, `something is feasible at ${memoryPrice}`);
    return resultsJson(r, r.count).points[i]!;
  };
  const cheap = await best('1 USD/GB');
  const dear = await best('15 USD/GB');
  // The trade itself, not one answer: dear memory takes less per chip and more chips.
  const gib = (v: string | undefined) => Number.parseFloat(v ?? 'NaN');
  const trade = JSON.stringify({ cheap: cheap.values, dear: dear.values });
  assert.ok(gib(dear.values['chip.memory.capacity']) < gib(cheap.values['chip.memory.capacity']), trade);
  assert.ok(Number(dear.values['system.chips']) > Number(cheap.values['system.chips']), trade);
  // The price is the modelled one, and it moved with the memory price.
  assert.ok(dear.metrics['silicon.chipPriceUsd']! > cheap.metrics['silicon.chipPriceUsd']!);
  const a = await analyzeConfig(text, file, nodeFileHost(ROOT), {
    overrides: [
      overrideFrom('cost.silicon.memory_price', '15 USD/GB', 'test'),
      ...Object.entries(dear.values).map(([p, v]) => overrideFrom(p, v, 'test')),
    ],
  });
  assert.equal(a.result?.silicon?.priceSource, 'modelled');
  assert.equal(dear.metrics['cost.usdPerMillionOutputTokens'], a.result?.cost.usdPerMillionOutputTokens);
});

test('a cost without a chip price (electricity only) is no value to rank by: the reader gives NaN, so the point is not feasible', () => {
  const read = metricReader('cost.usdPerMillionOutputTokens');
  assert.ok(Number.isNaN(read({ cost: { usdPerMillionOutputTokens: 0.003, capitalKnown: false } })));
  assert.equal(read({ cost: { usdPerMillionOutputTokens: 2.3, capitalKnown: true } }), 2.3);
  // Energy is not a capital cost: read as it is.
  assert.equal(metricReader('energy.joulesPerOutputToken')({ energy: { joulesPerOutputToken: 0.6 }, cost: { capitalKnown: false } }), 0.6);
});

test('a serving latency of an overloaded open loop is no value to rank by (it grows with the run)', () => {
  const read = metricReader('serving.ttftMs.p99');
  assert.ok(Number.isNaN(read({ serving: { ttftMs: { p99: 9e4 }, overloaded: true } })));
  assert.equal(read({ serving: { ttftMs: { p99: 300 } } }), 300);
  assert.equal(metricReader('serving.requestsPerSecond')({ serving: { requestsPerSecond: 8.9, overloaded: true } }), 8.9);
});

test("the exploration scatter's linear axes keep zero while the points reach toward it, and give a tight cluster far from zero the axis to itself", () => {
  assert.deepEqual(scatterDomain([2, 10, 30]), [0, 30], 'the least within a third of the greatest: zero stays');
  assert.deepEqual(scatterDomain([600, 615, 640]), [600, 640], 'dies of 600-640 mm² are not a sliver of a 0-640 axis');
  assert.deepEqual(scatterDomain([-5, 8]), [-5, 8]);
  assert.deepEqual(scatterDomain([7, 7]), [6, 8], 'one value is widened');
  assert.deepEqual(scatterDomain([]), [0, 1]);
});

test("a tight cluster's axis ticks take the digits that tell them apart", () => {
  const ticks = [18.8, 18.82, 18.84, 18.86, 18.88];
  const label = distinctTicks(ticks, (v, digits) => significant(v, digits));
  assert.deepEqual(ticks.map(label), ['18.8', '18.82', '18.84', '18.86', '18.88']);
  // Ticks three digits already tell apart stay at three.
  assert.deepEqual([10, 20, 30].map(distinctTicks([10, 20, 30], (v, d) => significant(v, d))), ['10', '20', '30']);
});

test("keys whose values derive each other's section are validated together: every point is eval's", async () => {
  // Planned one key at a time, GDDR6 on 2 devices read HBM3's bandwidth (21.9 ms a token, where
  // eval gives 98.8 ms), and 2 stacks at 3 TB/s were priced as 2 stacks (a review).
  const dimensions = [
    parseVary('chip.memory.technology=hbm3,gddr6,lpddr5'),
    parseVary('chip.sram.capacity=64 MiB,256 MiB'),
    parseVary('chip.memory.stacks=2,8'),
    parseVary('chip.memory.bandwidth=0.6 TB/s,4.5 TB/s'),
  ];
  const s = setup({ dimensions, sampling: { kind: 'grid' } }, { metrics: ['silicon.chipPriceUsd', 'memory.perChip.capacityBytes'] });
  const prepared = await prepareExplore(s);
  const at = new Float64Array(dimensions.length);
  const locate = locator(s.space);
  for (let i = 0; i < prepared.size; i++) {
    locate(i, at);
    const overrides = dimensions.map((d, k) =>
      d.kind === 'discrete' ? overrideFrom(d.paths[0]!, d.choices[at[k]!]!.texts[0]!, 'test') : assert.fail(),
    );
    const a = await analyzeConfig(TEXT, FILE, nodeFileHost(ROOT), { overrides });
    const r = prepared.result(i);
    const label = overrides.map((o) => `${o.path.join('.')}=${String(o.value)}`).join(' ');
    assert.equal(r?.decode.msPerToken, a.result?.decode.msPerToken, label);
    assert.equal(r?.silicon?.chipPriceUsd, a.result?.silicon?.chipPriceUsd, label);
    assert.equal(r?.memory.perChip.capacityBytes, a.result?.memory.perChip.capacityBytes, label);
  }
});

test("a section's values and a key inside it are written in the order given, as eval --set writes them", async () => {
  // Planned apart, the key was kept over the preset whatever the order: `--vary
  // runtime.prefill_overhead=… --vary runtime=generic` read 30 ms where eval reads generic's own (a review).
  const key = parseVary('runtime.prefill_overhead=0 ms,30 ms');
  const section = parseVary('runtime=generic,tensorrt-llm');
  for (const dimensions of [
    [key, section],
    [section, key],
  ]) {
    const s = setup({ dimensions, sampling: { kind: 'grid' } });
    const prepared = await prepareExplore(s);
    const at = new Float64Array(dimensions.length);
    const locate = locator(s.space);
    const seen = new Set<number>();
    for (let i = 0; i < prepared.size; i++) {
      locate(i, at);
      const overrides = dimensions.map((d, k) =>
        d.kind === 'discrete' ? overrideFrom(d.paths[0]!, d.choices[at[k]!]!.texts[0]!, 'test') : assert.fail(),
      );
      const a = await analyzeConfig(TEXT, FILE, nodeFileHost(ROOT), { overrides });
      const label = dimensions.map((d, k) => (d.kind === 'discrete' ? `${d.paths[0]}=${d.choices[at[k]!]!.texts[0]}` : '')).join(' ');
      assert.equal(prepared.result(i)?.prefill.ms, a.result?.prefill.ms, label);
      seen.add(a.result!.prefill.ms);
    }
    // The order decides: with the key first, the preset replaces it and its two values read alike.
    assert.equal(seen.size, dimensions[0] === key ? 2 : 4);
  }
  await assert.rejects(
    prepareExplore(
      setup({
        dimensions: [section, parseVary('runtime.prefill_overhead=0 ms..30 ms')],
        sampling: { kind: 'random', samples: 4, seed: 1 },
      }),
    ),
    /--vary runtime\.prefill_overhead as a continuous range: it and runtime lie one inside the other/,
  );
});

test("a die key the base config nulls and a point writes prices that point's die, as eval does", async () => {
  // Decided once over the base, where the nulled key held no value, the points kept the
  // preset's price: 6 stacks over the H100 at $33,750, where eval models $39,500 (a review).
  const file = join(ROOT, 'examples/h100-baseline.chip.yaml');
  const text = readFileSync(file, 'utf8');
  for (const [path, value] of [
    ['chip.memory.stacks', '6'],
    ['chip.clock', '2.2 GHz'],
  ] as const) {
    const s = setup(
      { dimensions: [parseVary(`${path}=${value}`)], sampling: { kind: 'grid' } },
      { file, files: { [file]: text }, sets: [{ path, value: 'null' }], metrics: ['silicon.chipPriceUsd'] },
    );
    const r = (await prepareExplore(s)).result(0);
    const a = await analyzeConfig(text, file, nodeFileHost(ROOT), {
      overrides: [overrideFrom(path, 'null', 'test'), overrideFrom(path, value, 'test')],
    });
    assert.equal(a.result?.silicon?.priceSource, 'modelled', path);
    assert.equal(r?.silicon?.chipPriceUsd, a.result?.silicon?.chipPriceUsd, path);
  }
});

test('a sampled range of a key whose value derives others is refused with the way to vary it', async () => {
  const s = setup({ dimensions: [parseVary('chip.memory.stacks=2..8')], sampling: { kind: 'random', samples: 4, seed: 1 } });
  await assert.rejects(
    prepareExplore(s),
    /--vary chip\.memory\.stacks as a continuous range: writing it derives other keys.*as a list or a grid/,
  );
  const both = setup({
    dimensions: [parseVary('chip.memory.technology=hbm3,gddr6'), parseVary('chip.memory.bandwidth=1 TB/s..4 TB/s')],
    sampling: { kind: 'random', samples: 4, seed: 1 },
  });
  await assert.rejects(
    prepareExplore(both),
    /--vary chip\.memory\.bandwidth as a continuous range: validation derives keys of it or of chip\.memory\.technology/,
  );
  // A key no derivation reads is no member: its range is sampled beside the stacks as before.
  const efficiency = setup({
    dimensions: [parseVary('chip.memory.stacks=4,6'), parseVary('chip.memory.efficiency=50%..95%')],
    sampling: { kind: 'random', samples: 4, seed: 1 },
  });
  assert.equal((await prepareExplore(efficiency)).size, 4);
});

test('an invalid value of jointly validated keys is said once, not once per combination', async () => {
  const dimensions = [parseVary('chip.memory.stacks=0,4'), parseVary('chip.memory.technology=hbm3,gddr6,hbm3e')];
  const prepared = await prepareExplore(setup({ dimensions, sampling: { kind: 'grid' } }));
  const said = prepared.diagnostics.filter((d) => d.path === 'chip.memory.stacks');
  assert.equal(said.length, 1, said.map((d) => d.message).join('\n'));
  assert.match(said[0]!.message, /^chip\.memory\.stacks=0: /);
});

test('range steps that round to one value are said, with the values they give; distinct steps say nothing', () => {
  // A new user's `workload.batch=1..4:7` evaluated 4 points without a word.
  assert.deepEqual(spaceNotes([parseVary('workload.batch=1..4:7')]), [
    'workload.batch=1..4:7: 7 steps give 4 distinct values (1, 2, 3, 4), as the key takes whole numbers',
  ]);
  assert.deepEqual(spaceNotes([parseVary('workload.batch=1..7:7'), parseVary('chip.clock=1 GHz..2 GHz:5')]), []);
  // Many values: the first and the last, not a thousand.
  assert.deepEqual(spaceNotes([parseVary('workload.batch=1..1000:1001')]), [
    'workload.batch=1..1000:1001: 1001 steps give 1000 distinct values (1, 2, 3, 4, 5, 6, … 1000), as the key takes whole numbers',
  ]);
});

test('a range of one step between two ends is a usage error, not its first end alone (an architect review)', () => {
  assert.throws(
    () => parseVary('chip.sram.capacity=64 MiB..1 GiB:1'),
    /one step cannot include both ends; write chip\.sram\.capacity=64 MiB for one value, or 2 or more steps/,
  );
  // One step of one value is that value.
  assert.deepEqual(
    (parseVary('workload.batch=8..8:1') as unknown as { choices: { texts: string[] }[] }).choices.map((c) => c.texts[0]),
    ['8'],
  );
});

test('a varied clock is said to be free in the model (no voltage-frequency curve); other keys say nothing', async () => {
  const { clockNotes } = await import('../../model/explore/clockNote');
  const [note] = clockNotes([parseVary('workload.batch=1..7:7'), parseVary('chip.clock=1 GHz..2 GHz:5')]);
  assert.match(note!, /^chip\.clock is varied, .*no voltage–frequency scaling.*optimistic/);
  assert.deepEqual(clockNotes([parseVary('workload.batch=1..7:7'), parseVary('chip.memory.bandwidth=2 TB/s,3 TB/s')]), []);
});

test("a sweep's tick labels: numbers apart from a shared unit; a number with no unit, or a shape, is kept whole", async () => {
  const { tickLabels } = await import('../../webview/axisDomain');
  assert.deepEqual(tickLabels(['3.28 TB/s', 'broken', '4.8 TB/s', '6 TB/s']), { labels: ['3.28', 'broken', '4.8', '6'], unit: 'TB/s' });
  assert.deepEqual(tickLabels(['1 GHz', '1.5GHz', '2 GHz']), { labels: ['1', '1.5', '2'], unit: 'GHz' });
  // `100` is not "10" of a unit "0", nor `32x128` a 32 of "x128" (a code review).
  assert.deepEqual(tickLabels(['100', '200', '400', '800']), { labels: ['100', '200', '400', '800'] });
  assert.deepEqual(tickLabels(['32x128', '64x128', '128x128']), { labels: ['32x128', '64x128', '128x128'] });
  // Two units: each value as written.
  assert.deepEqual(tickLabels(['64 MiB', '1 GiB']), { labels: ['64 MiB', '1 GiB'] });
});

test("the file's SLO as constraints: on the static figures, or at its percentile on the simulated ones where they report it", () => {
  const slo = { ttft: 1, tpot: 0.05, e2e: undefined, percentile: 99 };
  assert.deepEqual(sloConstraints(slo), ['prefill.ms<=1000', 'decode.msPerToken<=50']);
  assert.deepEqual(sloConstraints(slo, 'served'), ['serving.ttftMs.p99<=1000', 'serving.tpotMs.p99<=50']);
  // 0.9 reads as p90; p95 is no metric the simulation reports: nothing rather than another percentile.
  assert.deepEqual(sloConstraints({ ...slo, e2e: 20, percentile: 0.9 }, 'served'), [
    'serving.ttftMs.p90<=1000',
    'serving.tpotMs.p90<=50',
    'serving.e2eMs.p90<=20000',
  ]);
  assert.deepEqual(sloConstraints({ ...slo, percentile: 95 }, 'served'), []);
  assert.deepEqual(sloConstraints(undefined), []);
  // Each parses as a constraint.
  for (const c of sloConstraints({ ...slo, e2e: 20 }, 'served')) parseConstraint(c);
});
