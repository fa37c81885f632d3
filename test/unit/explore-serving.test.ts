// Serving metrics in exploration (contract §4.3: `serving.ttftMs.p99` is a METRIC): each
// point runs the same serving simulation as `eval`, with the same seed, so its figures are
// `eval`'s; a config without `serving:` asked for one is a usage error; without a serving
// metric nothing is simulated (the fast path is unchanged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../model/analyze';
import { ExploreSetupError, FLAG, prepareExplore, readServingTraces, type ExploreSetup } from '../../model/explore/evaluator';
import { metricReader, parseConstraint, parseObjective } from '../../model/explore/objectives';
import { evaluateChunk } from '../../model/explore/run';
import { locator, pointValues, type Space } from '../../model/explore/space';
import { parseVary } from '../../model/explore/varySpec';
import { overrideFrom } from '../../model/sweep';
import { nodeFileHost } from '../../cli/nodeHost';
import { scratchDir } from './helpers/scratchDir';

const ROOT = join(__dirname, '../..');
const FILE = join(ROOT, 'examples/jalapeno.chip.yaml');
const SERVING = `
serving:
  rate: 6 /s
  requests: 300
  prompt: { distribution: lognormal, mean: 1024, sigma: 0.6, max: 4096 }
  output: { distribution: lognormal, mean: 128, sigma: 0.6, max: 512 }
  slo: { ttft: 1 s, tpot: 50 ms, percentile: 99 }
`;
const TEXT = readFileSync(FILE, 'utf8') + SERVING;
const host = nodeFileHost(ROOT);

const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { encoding: 'utf8', cwd: ROOT });

/**
 * An exploration of two memory bandwidths through the CLI, each point beside `eval --set` of its
 * value: `metric` read from both (the same simulation and seed, so the same number).
 */
function exploredBesideEval(
  file: string,
  args: string[],
  metrics: string[],
  fromEval: (json: any, metric: string) => number,
  vary = 'chip.memory.bandwidth=3 TB/s,6 TB/s',
) {
  const path = vary.slice(0, vary.indexOf('='));
  const p = cli(
    'explore',
    file,
    ...args,
    '--vary',
    vary,
    ...metrics.flatMap((m, i) => [i === 0 ? '--objective' : '--metric', m]),
    '--json',
    '--threads',
    '1',
  );
  assert.equal(p.status, 0, p.stderr);
  const points = JSON.parse(p.stdout).points as { values: Record<string, string>; metrics: Record<string, number> }[];
  assert.equal(points.length, 2);
  for (const pt of points) {
    const e = JSON.parse(cli('eval', file, ...args, '--set', `${path}=${pt.values[path]}`, '--json').stdout);
    for (const m of metrics) assert.equal(pt.metrics[m], fromEval(e, m), `${m} at ${pt.values[path]}`);
  }
  return points;
}

const SPACE: Space = {
  dimensions: [parseVary('chip.memory.bandwidth=3 TB/s,6 TB/s'), parseVary('serving.max_batch=16,64')],
  sampling: { kind: 'grid' },
};
const METRICS = ['serving.ttftMs.p99', 'serving.tpotMs.p50', 'serving.e2eMs.p90', 'serving.requestsPerSecond', 'serving.maxRateAtSlo'];

function setup(extra: Partial<ExploreSetup> = {}): ExploreSetup {
  return {
    file: FILE,
    files: { [FILE]: TEXT },
    root: ROOT,
    sets: [],
    space: SPACE,
    objectives: ['serving.ttftMs.p99', 'cost.usdPerMillionOutputTokens'].map(parseObjective),
    constraints: [parseConstraint('serving.tpotMs.p99<=1000')],
    metrics: METRICS,
    ...extra,
  };
}

test("serving objectives and constraints of a 4-point space are eval's figures, point by point (same simulation, same seed)", async () => {
  const s = setup();
  const prepared = await prepareExplore(s);
  assert.deepEqual(prepared.unknownMetrics()?.unknown, []);
  const chunk = evaluateChunk(prepared, 0, 4);
  const m = prepared.metrics.length;
  const locate = locator(SPACE);
  const ttfts = new Set<number>();
  for (let i = 0; i < 4; i++) {
    assert.ok(chunk.flags[i]! & FLAG.ok, `point ${i} evaluable`);
    const at = new Float64Array(SPACE.dimensions.length);
    locate(i, at);
    const values = pointValues(SPACE, at);
    const a = await analyzeConfig(TEXT, FILE, host, { overrides: Object.entries(values).map(([p, v]) => overrideFrom(p, v, 'test')) });
    assert.ok(a.result?.serving, `eval simulates point ${i}`);
    for (const [k, metric] of prepared.metrics.entries()) {
      assert.equal(chunk.values[i * m + k], metricReader(metric)(a.result), `${JSON.stringify(values)} ${metric}`);
    }
    // As the explorer reads it: an overloaded point's latencies are no value (NaN), so the constraint fails there.
    const tpot99 = metricReader('serving.tpotMs.p99')(a.result);
    assert.equal(Number.isNaN(tpot99), a.result.serving.overloaded === true);
    assert.equal((chunk.flags[i]! & FLAG.constraint) !== 0, !(tpot99 <= 1000));
    ttfts.add(chunk.values[i * m]!);
  }
  assert.ok(ttfts.size > 1, 'the varied keys change the serving figures');
});

test('a serving metric of a config without `serving:` is a usage error naming the section', async () => {
  const plain = readFileSync(FILE, 'utf8');
  await assert.rejects(
    prepareExplore(
      setup({ files: { [FILE]: plain }, space: { dimensions: [parseVary('workload.batch=8,16')], sampling: { kind: 'grid' } } }),
    ),
    (error: unknown) =>
      error instanceof ExploreSetupError && error.usage && /serving\.ttftMs\.p99/.test(error.message) && /`serving:`/.test(error.message),
  );
  // Set from the command line, the section exists.
  const prepared = await prepareExplore(
    setup({
      files: { [FILE]: plain },
      sets: [
        { path: 'serving.rate', value: '4 /s' },
        { path: 'serving.requests', value: '100' },
      ],
      space: { dimensions: [parseVary('workload.batch=8')], sampling: { kind: 'grid' } },
      metrics: [],
      constraints: [],
    }),
  );
  assert.ok(prepared.result(0)?.serving);
});

test('without a serving metric nothing is simulated, even when the config has `serving:`; varying a serving key then is refused', async () => {
  const staticOnly = { objectives: ['decode.msPerToken'].map(parseObjective), constraints: [], metrics: [] };
  const chipOnly: Space = { dimensions: [SPACE.dimensions[0]!], sampling: { kind: 'grid' } };
  const prepared = await prepareExplore(setup({ ...staticOnly, space: chipOnly }));
  const r = prepared.result(0);
  assert.ok(r);
  assert.equal(r.serving, undefined);
  // serving.max_batch would change nothing any recorded metric reads: every point the same.
  await assert.rejects(prepareExplore(setup(staticOnly)), /serving\.max_batch is read only by the serving simulation/);
});

test('a serving trace is read once beforehand, and its points are eval-equal', async () => {
  const dir = scratchDir('explore-serving');
  const file = join(dir, 'traced.chip.yaml');
  const csv = [
    'arrival,prompt,output',
    ...Array.from({ length: 120 }, (_, i) => `${(i * 0.2).toFixed(2)},${300 + ((i * 37) % 700)},${20 + ((i * 13) % 90)}`),
  ].join('\n');
  writeFileSync(join(dir, 'trace.csv'), csv);
  const text = `${readFileSync(FILE, 'utf8')}\nserving:\n  trace: trace.csv\n`;
  writeFileSync(file, text);
  const dirHost = nodeFileHost(dir);
  const space: Space = { dimensions: [parseVary('chip.memory.bandwidth=3 TB/s,6 TB/s')], sampling: { kind: 'grid' } };
  const resolved = await analyzeConfig(text, file, dirHost, { serving: false });
  const s: ExploreSetup = {
    file,
    files: Object.fromEntries(resolved.texts),
    root: dir,
    sets: [],
    space,
    objectives: ['serving.e2eMs.p99'].map(parseObjective),
    constraints: [],
    metrics: [],
  };
  await readServingTraces(s, dirHost);
  assert.equal(s.traces?.['trace.csv']?.ok, true);
  const prepared = await prepareExplore(s);
  const chunk = evaluateChunk(prepared, 0, 2);
  for (const [i, bw] of ['3 TB/s', '6 TB/s'].entries()) {
    const a = await analyzeConfig(text, file, dirHost, { overrides: [overrideFrom('chip.memory.bandwidth', bw, 'test')] });
    assert.equal(chunk.values[i], a.result?.serving?.e2eMs.p99, bw);
    assert.equal(a.result?.serving?.measuredRequests, prepared.result(i)?.serving?.measuredRequests);
  }
});

test('explore on the CLI: a serving objective through a worker thread is eval --json, and a config without `serving:` exits 2', () => {
  const dir = scratchDir('explore-serving-cli');
  const file = join(dir, 'served.chip.yaml');
  writeFileSync(file, TEXT);
  exploredBesideEval(file, [], ['serving.ttftMs.p99'], (e) => e.result.serving.ttftMs.p99);
  const q = cli('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=8,16', '--objective', 'serving.ttftMs.p99');
  assert.equal(q.status, 2);
  assert.match(q.stderr, /serving\.ttftMs\.p99 needs the serving simulation.*no `serving:` section/);
  assert.doesNotMatch(q.stderr, /not a metric/);
  // A varied key no recorded metric reads would make every point the same: refused, with what to record.
  const fleet = cli('explore', 'examples/jalapeno-fleet.chip.yaml', '--vary', 'fleet.peak_rate=100/s,200/s');
  assert.equal(fleet.status, 2);
  assert.match(fleet.stderr, /fleet\.peak_rate is read only by fleet sizing, and no recorded metric is a fleet figure/);
  const rate = cli('explore', 'examples/jalapeno-fleet.chip.yaml', '--vary', 'serving.rate=1/s,2/s');
  assert.equal(rate.status, 2);
  assert.match(rate.stderr, /serving\.rate is read only by the serving simulation, and no recorded metric needs it/);
  const ranked = cli(
    'explore',
    'examples/jalapeno-fleet.chip.yaml',
    '--vary',
    'serving.rate=1/s,2/s',
    '--metric',
    'serving.ttftMs.mean',
    '--set',
    'serving.requests=100',
  );
  assert.equal(ranked.status, 0, ranked.stderr);
});

test("explore sizes each point's fleet as eval does; no peak rate or no SLO exit 2", () => {
  const file = 'examples/jalapeno-fleet.chip.yaml';
  const common = ['--set', 'fleet.standby=same', '--set', 'serving.requests=300'];
  const points = exploredBesideEval(
    file,
    common,
    ['fleet.usdPerMillionOutputTokens', 'fleet.chips'],
    (e, m) => e.result.fleet[m.slice('fleet.'.length)],
  );
  // Faster memory serves more per replica: no more chips for the same peak.
  const [slow, fast] = points.map((pt) => pt.metrics['fleet.chips']!);
  assert.ok(fast! <= slow!, `${fast} <= ${slow}`);
  // The fleet's own keys can be varied once a fleet figure is recorded.
  const peak = cli(
    'explore',
    file,
    ...common,
    '--vary',
    'fleet.peak_rate=100/s,200/s',
    '--metric',
    'fleet.chips',
    '--json',
    '--threads',
    '1',
  );
  assert.equal(peak.status, 0, peak.stderr);
  const chips = (JSON.parse(peak.stdout).points as { metrics: Record<string, number> }[]).map((pt) => pt.metrics['fleet.chips']!);
  assert.ok(chips[1]! > chips[0]!, `twice the peak, more chips: ${chips}`);
  const noPeak = cli(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--set',
    'serving.rate=4/s',
    '--vary',
    'workload.batch=8,16',
    '--metric',
    'fleet.chips',
  );
  assert.equal(noPeak.status, 2);
  assert.match(noPeak.stderr, /fleet\.chips needs a fleet to size, and .* has no `fleet\.peak_rate`/);
});

test("a hot standby of the compare design: each point's fleet is eval's, the standby simulated once per value it shares", () => {
  const file = 'examples/jalapeno-fleet.chip.yaml';
  const common = ['--set', 'serving.requests=300'];
  const fromEval = (e: any, m: string) => e.result.fleet[m.slice('fleet.'.length)];
  const metrics = ['fleet.usdPerMillionOutputTokens', 'fleet.chips', 'fleet.watts'];
  // A chip key: the H100 standby is the same at both points.
  exploredBesideEval(file, common, metrics, fromEval);
  // An SLO the standby shares: its replicas are sized again at each value.
  const slo = exploredBesideEval(file, common, metrics, fromEval, 'serving.slo.tpot=40 ms,80 ms');
  assert.notEqual(slo[0]!.metrics['fleet.watts'], slo[1]!.metrics['fleet.watts']);
  // A disaggregated prefill pool of the compare design (H100s prefilling for a Jalapeño decode pool): eval's figures too.
  const disaggregated = [
    '--set',
    'serving.requests=300',
    '--set',
    'serving.disaggregated={prefill: {design: baseline, replicas: 1}, decode: {replicas: 1}}',
  ];
  exploredBesideEval(
    'examples/jalapeno.chip.yaml',
    ['--set', 'serving.rate=2/s', ...disaggregated],
    ['serving.disaggregated.ttftMs.p50', 'serving.disaggregated.requestsPerSecond'],
    (e, m) =>
      m
        .split('.')
        .slice(1)
        .reduce((o: any, k) => o[k], e.result.serving),
  );
  // Without a compare design there is nothing to make the standby of: a usage error that says what to set.
  const none = cli(
    'explore',
    'examples/jalapeno-fleet.chip.yaml',
    '--set',
    'compare=',
    '--vary',
    'chip.memory.bandwidth=3 TB/s,6 TB/s',
    '--metric',
    'fleet.chips',
  );
  assert.equal(none.status, 2, none.stderr);
});

test('a point whose fleet cannot be sized says why (no-value); search over serving figures does not search the batch', () => {
  const file = 'examples/jalapeno-fleet.chip.yaml';
  const p = cli(
    'explore',
    file,
    '--set',
    'fleet.standby=same',
    '--set',
    'serving.requests=200',
    '--vary',
    'serving.slo.ttft=1 ms,1 s',
    '--objective',
    'fleet.usdPerMillionOutputTokens',
    '--json',
    '--threads',
    '1',
  );
  assert.equal(p.status, 0, p.stderr);
  const points = JSON.parse(p.stdout).points as { feasible: boolean; infeasible?: string[] }[];
  assert.equal(points[0]!.feasible, false, 'no replica meets a 1 ms TTFT');
  assert.deepEqual(points[0]!.infeasible, ['no-value']);
  assert.equal(points[1]!.feasible, true);
  const s = cli(
    'search',
    file,
    '--set',
    'fleet.standby=same',
    '--set',
    'serving.requests=200',
    '--objective',
    'serving.ttftMs.p99',
    '--max-chips',
    '2',
    '--max-batch',
    '8',
    '--json',
  );
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stderr, /workload\.batch is not searched/);
  assert.ok(!JSON.stringify(JSON.parse(s.stdout).best.values).includes('workload.batch'), 'the batch is not a searched value');
});

test('a latency of a queue that is overloaded or served nothing has no value to rank by, aggregated or disaggregated', () => {
  const ttft = metricReader('serving.ttftMs.p99');
  const split = metricReader('serving.disaggregated.ttftMs.p99');
  const served = { ttftMs: { p99: 800 }, requestsPerSecond: 4 };
  assert.equal(ttft({ serving: served }), 800);
  assert.ok(Number.isNaN(ttft({ serving: { ...served, overloaded: true } })));
  // Every request rejected (a pool that cannot hold the model): TTFT 0 is no figure.
  assert.ok(Number.isNaN(ttft({ serving: { ttftMs: { p99: 0 }, requestsPerSecond: 0 } })));
  assert.equal(split({ serving: { ...served, disaggregated: served } }), 800);
  assert.ok(Number.isNaN(split({ serving: { ...served, disaggregated: { ...served, overloaded: true } } })));
  assert.ok(Number.isNaN(split({ serving: { ...served, disaggregated: { ttftMs: { p99: 0 }, requestsPerSecond: 0 } } })));
  // A rate is a figure at any load.
  assert.equal(metricReader('serving.disaggregated.requestsPerSecond')({ serving: { disaggregated: { requestsPerSecond: 0 } } }), 0);
});
