// The host's exploration logic without VS Code: what the panel is sent (every front point
// plus a bounded sample) and the edit that writes a point's values into a config.
import { objectiveItems } from '../../extension/logic/exploreObjectives';
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  explorationData,
  restoredExploration,
  SAMPLE_POINTS,
  valuesOfPoint,
  valuesOfShownPoint,
  withValues,
} from '../../extension/logic/exploreData';
import { analyzeConfig } from '../../model/analyze';
import { FLAG, prepareExplore, type ExploreSetup } from '../../model/explore/evaluator';
import { parseObjective } from '../../model/explore/objectives';
import { computeFront, emptyResults } from '../../model/explore/results';
import { evaluateChunk } from '../../model/explore/run';
import { parseVary } from '../../model/explore/varySpec';
import { memoryHost } from './helpers/memoryHost';

const ROOT = join(__dirname, '../..');
const FILE = join(ROOT, 'examples/jalapeno.chip.yaml');
const TEXT = readFileSync(FILE, 'utf8');

async function explored(vary: string[]) {
  const setup: ExploreSetup = {
    file: FILE,
    files: { [FILE]: TEXT },
    root: ROOT,
    sets: [],
    space: { dimensions: vary.map(parseVary), sampling: { kind: 'grid' } },
    objectives: ['decode.msPerToken', 'cost.usdPerMillionOutputTokens'].map(parseObjective),
    constraints: [],
    metrics: [],
  };
  const prepared = await prepareExplore(setup);
  const chunk = evaluateChunk(prepared, 0, prepared.size);
  const r = emptyResults(setup.space, setup.objectives, [], prepared.metrics, 0, prepared.size);
  r.flags = chunk.flags;
  r.values = chunk.values;
  r.evaluated = prepared.size;
  computeFront(r);
  return r;
}

test('the panel gets every front point and at most a bounded sample of the rest', async () => {
  const r = await explored(['workload.batch=1..1000:1000', 'chip.memory.bandwidth=2 TB/s..8 TB/s:10']);
  const data = explorationData(r, 'file:///x.chip.yaml', r.count, { done: true, cancelled: false });
  assert.ok(data.points.length <= SAMPLE_POINTS + r.front.length);
  assert.deepEqual(
    data.points.filter((p) => p.pareto).map((p) => p.index),
    r.front,
  );
  assert.equal(data.evaluated, 10_000);
  assert.equal(data.feasible, [...r.flags].filter((f) => f & FLAG.feasible).length);
  const p = data.points[5]!;
  assert.deepEqual(p.values, [valuesOfPoint(r, p.index)['workload.batch'], valuesOfPoint(r, p.index)['chip.memory.bandwidth']]);
  assert.equal(p.metrics[0], r.values[p.index * r.metrics.length]);
});

test('applying a point writes each value at its key, keeps comments, and the config then evaluates to the point', async () => {
  const r = await explored(['workload.batch=1,48', 'chip.memory.bandwidth=3 TB/s,7 TB/s', 'system.pipeline_parallel=1']);
  const values = valuesOfPoint(r, 3);
  assert.deepEqual(values, { 'workload.batch': '48', 'chip.memory.bandwidth': '7 TB/s', 'system.pipeline_parallel': '1' });
  const text = withValues(TEXT, values);
  assert.match(text, /batch: 48/);
  assert.match(text, /bandwidth: 7 TB\/s/);
  assert.ok(text.includes('# The reference Jalapeño design'), 'comments kept');
  const a = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text }, ROOT));
  assert.equal(a.result?.decode.msPerToken, r.values[3 * r.metrics.length]);
});

test('a panel restored after a reload shows the exploration its webview saved; a run the reload cut short says so', async () => {
  const r = await explored(['workload.batch=1,8,64', 'chip.memory.bandwidth=3 TB/s,7 TB/s']);
  const done = explorationData(r, 'file:///x.chip.yaml', r.count, { done: true, cancelled: false });
  assert.deepEqual(restoredExploration({ data: done, choice: { x: 0, y: 1 } }), done);
  const running = explorationData(r, 'file:///x.chip.yaml', 100, { done: false, cancelled: false });
  const restored = restoredExploration({ data: running });
  assert.equal(restored?.done, true);
  assert.equal(restored?.interrupted, true);
  assert.equal(restored?.evaluated, running.evaluated);
  // Nothing readable: nothing to restore (the panel closes rather than showing an empty chart).
  for (const state of [undefined, null, {}, { data: { ...done, points: 'x' } }, { data: { ...done, metrics: [1] } }, 'x'])
    assert.equal(restoredExploration(state), undefined, JSON.stringify(state));
  // Apply / open on a restored panel: the values of the shown point, as the run had them.
  const p = done.points[4]!;
  assert.deepEqual(valuesOfShownPoint(done, p.index), valuesOfPoint(r, p.index));
  assert.equal(valuesOfShownPoint(done, 10_000), undefined);
});

describe('the objectives offered', () => {
  it("a fleet config's fleet cost and p99 TTFT first and picked, the static figures said to be the static batch's", () => {
    const items = objectiveItems(true, { serving: true, slo: true, fleet: true });
    assert.deepEqual(
      items.filter((i) => i.picked).map((i) => i.objective),
      ['fleet.usdPerMillionOutputTokens:min', 'serving.ttftMs.p99:min'],
    );
    assert.equal(items[0]!.label, 'Fleet: cost per 1M output tokens (lowest)');
    assert.equal(items.find((i) => i.objective === 'serving.maxRateAtSlo:max')!.detail, 'simulated per design: slower');
    assert.equal(items.find((i) => i.objective === 'cost.usdPerMillionOutputTokens:min')!.detail, 'the static batch');
    assert.equal(items.find((i) => i.objective === 'silicon.chipPriceUsd:min')!.detail, undefined);
  });
  it('a serving config with an SLO: p99 TTFT and the highest rate within it; without one, p99 TTFT and TPOT', () => {
    const picked = (slo: boolean) =>
      objectiveItems(false, { serving: true, slo, fleet: false })
        .filter((i) => i.picked)
        .map((i) => i.objective);
    assert.deepEqual(picked(true), ['serving.ttftMs.p99:min', 'serving.maxRateAtSlo:max']);
    assert.deepEqual(picked(false), ['serving.ttftMs.p99:min', 'serving.tpotMs.p99:min']);
  });
  it('a static config: decode and cost, no simulated figure, no die figures without a die', () => {
    const items = objectiveItems(false, { serving: false, slo: false, fleet: false });
    assert.deepEqual(
      items.filter((i) => i.picked).map((i) => i.objective),
      ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'],
    );
    assert.ok(items.every((i) => !/^(serving|fleet|silicon)\./.test(i.objective) && i.detail === undefined));
  });
});
