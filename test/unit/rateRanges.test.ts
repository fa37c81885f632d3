// Energy and cost per token are rates over the throughput (watts or dollars per second over
// tokens per second), so a ratio of them against the baseline is no surer than the
// throughput's: each carries the throughput's relative 80 % range (issue 11, item 5: "a
// ratio whose range straddles 1 is not called a win"). Before this, perf/W and cost per
// response were called wins with no range at all.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeConfig } from '../../model/analyze';
import { findMetric, reportFor } from '../../model/report/build';
import { POINT_ESTIMATES, ratioWording, verdictOf } from '../../model/report/ratios';
import type { EvaluationResult } from '../../model/result';
import { memoryHost } from './helpers/memoryHost';

const ROOT = join(__dirname, '../..');
const FILE = join(ROOT, 'examples/jalapeno.chip.yaml');
const TEXT = readFileSync(FILE, 'utf8');

async function reportOf(text: string) {
  const analysis = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text }, ROOT));
  return reportFor(analysis);
}

describe('ranges of per-token energy and cost', () => {
  it("carry the throughput's relative range, inverted where they fall as it rises", async () => {
    const report = await reportOf(TEXT);
    const thr = findMetric(report.design, 'throughput.outputTokensPerSecond')!;
    assert.ok(thr.range);
    const up = thr.range.high / thr.value;
    const down = thr.range.low / thr.value;
    const perfPerWatt = findMetric(report.design, 'energy.perfPerWatt')!;
    assert.ok(Math.abs(perfPerWatt.range!.high / perfPerWatt.value - up) < 1e-12);
    assert.ok(Math.abs(perfPerWatt.range!.low / perfPerWatt.value - down) < 1e-12);
    for (const id of ['energy.joulesPerOutputToken', 'cost.usdPerMillionOutputTokens', 'cost.usdPerResponse']) {
      const m = findMetric(report.design, id)!;
      assert.ok(m.range, id);
      assert.ok(Math.abs(m.range.low / m.value - 1 / up) < 1e-12, id);
      assert.ok(Math.abs(m.range.high / m.value - 1 / down) < 1e-12, id);
      assert.ok(m.range.low <= m.value && m.value <= m.range.high, id);
    }
  });

  it("give the perf/W and cost ratios a range as wide as the throughput ratio's", async () => {
    const report = await reportOf(TEXT);
    for (const id of ['perfPerWatt', 'costPerResponse']) {
      const ratio = report.baseline!.ratios.find((r) => r.id === id)!;
      assert.ok(ratio.range, id);
      assert.ok(ratio.range.low <= ratio.value && ratio.value <= ratio.range.high, id);
    }
    // perf/W is throughput over power: its ratio is as sure as the throughput ratio, no surer.
    const thr = report.baseline!.ratios.find((r) => r.id === 'throughput.outputTokensPerSecond')!;
    const ppw = report.baseline!.ratios.find((r) => r.id === 'perfPerWatt')!;
    assert.ok(thr.range && ppw.range);
    assert.ok(Math.abs(ppw.range.low / ppw.value - thr.range.low / thr.value) < 1e-9);
    assert.ok(Math.abs(ppw.range.high / ppw.value - thr.range.high / thr.value) < 1e-9);
  });
});

describe('serving and fleet ratios', () => {
  it('carry the serving ranges, and a ratio whose range holds 1 is no win', async () => {
    const file = join(ROOT, 'examples/jalapeno-fleet.chip.yaml');
    const text = readFileSync(file, 'utf8');
    const analysis = await analyzeConfig(text, file, memoryHost({ [file]: text, [FILE]: TEXT }, ROOT));
    const report = reportFor(analysis);
    const ratios = report.baseline!.ratios;
    for (const id of ['serving.tpotMs.p99', 'serving.maxRateAtSlo', 'fleet.chips', 'fleet.usdPerMillionOutputTokens']) {
      const r = ratios.find((x) => x.id === id)!;
      assert.ok(r?.range, id);
      assert.ok(r.range.low <= r.value && r.value <= r.range.high, `${id}: ${r.value} in ${r.range.text}`);
      assert.equal(r.verdict === 'uncertain', r.range.low <= 1 && r.range.high >= 1, `${id}: ${r.wording}`);
      assert.ok(!r.wording.includes(POINT_ESTIMATES), `${id}: ${r.wording}`);
    }
    // The figures' own ranges hold them, on both sides, and the report says how they are made.
    const figures = {
      'serving.ttftMs.p99': (r: EvaluationResult) => r.serving!.ttftMs.p99,
      'serving.tpotMs.mean': (r: EvaluationResult) => r.serving!.tpotMs.mean,
      'serving.maxRateAtSlo': (r: EvaluationResult) => r.serving!.maxRateAtSlo!,
      'fleet.replicas': (r: EvaluationResult) => r.fleet!.replicas,
      'fleet.watts': (r: EvaluationResult) => r.fleet!.watts,
    } as const;
    for (const side of [analysis.result!, analysis.baseline!.result])
      for (const [id, value] of Object.entries(figures) as [keyof typeof figures, (r: EvaluationResult) => number][]) {
        const [low, high] = side.ranges![id]!;
        assert.ok(low <= value(side) && value(side) <= high && low < high, `${id}: ${value(side)} in [${low}, ${high}]`);
      }
    assert.match(report.design!.ranges!.serving!, /hold fewer than 80 %/);
    // The fleet's chips are two kinds: its count says so; the all-H100 baseline's is one kind.
    const chips = (r: typeof report.design) => r!.metrics.find((m) => m.id === 'fleet.chips')!;
    assert.match(chips(report.design).note!, /^\d+ of this design \+ 16 NVIDIA H100 SXM5 80GB on standby$/);
    assert.equal(chips(report.baseline!.report).note, undefined);
  });
});

describe('throughput per chip', () => {
  it("has the system throughput's range over the chip count", async () => {
    const analysis = await analyzeConfig(TEXT, FILE, memoryHost({ [FILE]: TEXT }, ROOT));
    for (const r of [analysis.result!, analysis.baseline!.result]) {
      const chips = r.throughput.outputTokensPerSecond / r.throughput.perChip;
      const [lo, hi] = r.ranges!['throughput.perChip'];
      const [tlo, thi] = r.ranges!['throughput.outputTokensPerSecond'];
      assert.ok(
        Math.abs((lo * chips) / tlo - 1) < 1e-9 && Math.abs((hi * chips) / thi - 1) < 1e-9,
        `${lo * chips}–${hi * chips} vs ${tlo}–${thi}`,
      );
    }
  });
});

describe('the wording of a clear difference', () => {
  it('carries its range in its own direction', () => {
    const words = { better: 'faster', worse: 'slower' };
    const range = { low: 0.2, high: 0.5, text: '0.2–0.5×' };
    assert.equal(ratioWording(0.4, verdictOf(0.4, range), words, range), '2.5× slower (2–5×)');
    const up = { low: 1.5, high: 3, text: '1.5–3×' };
    assert.equal(ratioWording(2, verdictOf(2, up), words, up), '2× faster (1.5–3×)');
    // Equal at every end (two identical fleets): on par, not "no clear difference (1–1×)".
    assert.equal(verdictOf(1, { low: 1, high: 1, text: '1–1×' }), 'even');
    assert.equal(verdictOf(1, { low: 0.9, high: 1.1, text: '0.9–1.1×' }), 'uncertain');
  });
});
