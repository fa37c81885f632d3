// Paired ratio ranges: two designs whose model errors share their sources (the same chip
// efficiencies and dispatch overhead from one place, the same runtime) get the model's measured
// error on such ratios, not both sides' ranges combined as if independent. Before, every what-if
// of one chip read "no clear difference": the HBM3e variant of the reference design showed a
// decode range of 0.415–2.56× for one change of memory.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeConfig } from '../../model/analyze';
import { pairedQuantiles, ratioRange } from '../../model/ranges/predictionRanges';
import { RESIDUAL_QUANTILES } from '../../model/ranges/residualQuantiles';
import { buildReport, pairedRangeNote } from '../../model/report/build';
import { analysisJson } from '../../model/report/json';
import { summaryTable, sweepTable } from '../../cli/table';
import { pairDifferences, pairedCoverage, pairedTable } from '../../validation/rangeTable';
import type { Fold } from '../../validation/crossValidate';
import { memoryHost } from './helpers/memoryHost';

const ROOT = join(__dirname, '../..');

async function analyze(text: string, files: Record<string, string> = {}) {
  const file = join(ROOT, 'examples', 'paired.chip.yaml');
  return analyzeConfig(text, file, memoryHost({ [file]: text, ...files }, ROOT));
}

describe('paired ratio ranges', () => {
  it('a what-if of one chip (the HBM3e variant against the reference design) is paired; its prefill range is the paired one', async () => {
    const reference = join(ROOT, 'examples', 'jalapeno.chip.yaml');
    const a = await analyzeConfig(
      readFileSync(join(ROOT, 'examples', 'jalapeno-hbm3e.chip.yaml'), 'utf8'),
      join(ROOT, 'examples', 'jalapeno-hbm3e.chip.yaml'),
      memoryHost({ [reference]: readFileSync(reference, 'utf8') }, ROOT),
    );
    assert.deepEqual(a.baseline?.pairedRanges, {
      category: 'unseen-both',
      metrics: ['prefill.ms', 'decode.msPerToken', 'throughput.outputTokensPerSecond'],
      decodeSteps: 255,
    });
    const report = buildReport(a);
    const prefill = report.baseline!.ratios.find((r) => r.id === 'prefillSpeedup')!;
    assert.equal(prefill.paired, true);
    // Its TTFT moves by 0.13 %: the small changes' quantiles (±10 %), not the prefill pairs' (±70 %,
    // a new user's "on par, 0.584–1.72×").
    assert.ok(Math.abs(Math.log(prefill.value)) < 0.01 && Math.abs(Math.log(prefill.value)) >= 1e-3, `${prefill.value}`);
    const q = pairedQuantiles('prefill.ms', 'unseen-both', undefined, prefill.value)!;
    assert.equal(q, RESIDUAL_QUANTILES.paired!.smallChange);
    assert.match(prefill.wording, /^no clear difference \(on par as estimated, 0\.9\d*–1\.\d+×\)$/);
    assert.ok(Math.abs(prefill.range!.low / prefill.value - Math.exp(-q.q90)) < 1e-9);
    assert.ok(Math.abs(prefill.range!.high / prefill.value - Math.exp(-q.q10)) < 1e-9);
    // Narrower than the two sides' ranges combined, which it replaces.
    const d = report.design!.metrics.find((m) => m.id === 'prefill.ms')!;
    const b = report.baseline!.report.metrics.find((m) => m.id === 'prefill.ms')!;
    const [low, high] = ratioRange(b.value, [b.range!.low, b.range!.high], d.value, [d.range!.low, d.range!.high]);
    assert.ok(prefill.range!.high / prefill.range!.low < high / low, `${prefill.range!.text} vs ${low}-${high}`);
    // The JSON says which ranges are paired, for scripts.
    const json = analysisJson(a, { detail: false }) as { baseline: { comparison: Record<string, { rangePaired?: boolean }> } };
    assert.equal(json.baseline.comparison.prefillSpeedup!.rangePaired, true);
    // A figure the what-if moves by under 0.1 % (decode: at the pooled 60 %, the arrays, not the
    // memory, bound it) is on par with no range: the paired error is of changes that move a figure.
    const decode = report.baseline!.ratios.find((r) => r.id === 'decodeSpeedup')!;
    assert.equal(decode.verdict, 'even');
    assert.equal(decode.range, undefined);
    assert.match(decode.wording, /^on par: what the designs differ in moves it by less than 0\.1 %$/);
    // The surfaces say why: the CLI legend names the paired ratios.
    assert.match(
      summaryTable(a, report),
      /ratio ranges of prefill, .*: paired, as both designs share their chip efficiencies, dispatch overhead and runtime/,
    );
    // A sweep says which rows pair (a row that changes an efficiency would not).
    const own = await analyzeConfig(
      readFileSync(join(ROOT, 'examples', 'jalapeno-hbm3e.chip.yaml'), 'utf8').replace(
        'chip:\n',
        'chip:\n  matrix: { efficiency: 70 % }\n',
      ),
      join(ROOT, 'examples', 'jalapeno-hbm3e.chip.yaml'),
      memoryHost({ [reference]: readFileSync(reference, 'utf8') }, ROOT),
    );
    assert.equal(own.baseline?.pairedRanges, undefined);
    const sweep = sweepTable('chip.matrix.efficiency', [
      { value: 'as stated', analysis: a },
      { value: '70 %', analysis: own },
    ]);
    assert.match(sweep, /^chip\.matrix\.efficiency=as stated: ratio ranges are paired, as both designs share/m);
    // Serving and fleet figures have ranges of another kind: never paired.
    assert.ok(report.baseline!.ratios.every((r) => !r.paired || !r.metricId.startsWith('serving.')));
  });

  it('with one output token the throughput ratio is the prefill ratio, range and pairing alike', async () => {
    for (const compare of ['h200-sxm', 'a100-80gb-sxm']) {
      const a = await analyze(`extends: h100-sxm\nworkload: { model: llama-2-7b, batch: 8, output: 1 }\ncompare: ${compare}\n`);
      const ratios = buildReport(a).baseline!.ratios;
      const prefill = ratios.find((r) => r.metricId === 'prefill.ms')!;
      const throughput = ratios.find((r) => r.metricId === 'throughput.outputTokensPerSecond')!;
      assert.ok(Math.abs(throughput.value / prefill.value - 1) < 1e-9, compare);
      assert.ok(
        Math.abs(throughput.range!.low / prefill.range!.low - 1) < 1e-9,
        `${compare}: ${throughput.range!.text} vs ${prefill.range!.text}`,
      );
      assert.ok(Math.abs(throughput.range!.high / prefill.range!.high - 1) < 1e-9, compare);
      assert.equal(throughput.paired, prefill.paired, compare);
    }
  });

  it('beside paired static ratios, the note says the serving and fleet ratios are not paired, and why they are wider', async () => {
    const traffic = 'workload: { model: llama-3-8b }\nserving: { rate: 2 /s, requests: 300, slo: { ttft: 2 s, tpot: 50 ms } }\n';
    const base = join(ROOT, 'examples', 'base-traffic.chip.yaml');
    const a = await analyze(`extends: jalapeno\n${traffic}chip: { memory: { bandwidth: 3.5 TB/s } }\ncompare: ./base-traffic.chip.yaml\n`, {
      [base]: `extends: jalapeno\n${traffic}`,
    });
    const ratios = buildReport(a).baseline!.ratios;
    assert.ok(ratios.some((r) => r.paired) && ratios.some((r) => r.range && r.metricId.startsWith('serving.')));
    assert.match(
      pairedRangeNote(ratios)!,
      /The serving and fleet ratios' ranges are not paired .* "no clear difference" where a paired static row may/,
    );
    // Without traffic there is nothing to say of it.
    assert.doesNotMatch(pairedRangeNote(ratios.filter((r) => !r.metricId.startsWith('serving.')))!, /serving and fleet/);
  });

  it('H100 against H200 (one family fit, one runtime) is paired; against the reference ASIC it is not', async () => {
    const h200 = await analyze('extends: h100-sxm\nworkload: { model: llama-2-7b, batch: 8 }\ncompare: h200-sxm\n');
    assert.ok(h200.baseline?.pairedRanges, 'paired');
    const asic = await analyze('extends: jalapeno\nworkload: { model: llama-2-7b, batch: 8 }\ncompare: h100-sxm\n');
    assert.equal(asic.baseline?.pairedRanges, undefined);
    assert.equal(pairedRangeNote(buildReport(asic).baseline!.ratios), undefined, 'no paired note where no ratio is paired');
  });

  it('not paired: another runtime, an efficiency of its own, two different uncalibrated chips on the pooled prior', async () => {
    // A baseline file is evaluated as written: on the generic runtime, while this design runs TensorRT-LLM.
    const h200 = join(ROOT, 'examples', 'h200.chip.yaml');
    const runtime = await analyze(
      'extends: h100-sxm\nworkload: { model: llama-2-7b }\nruntime: tensorrt-llm\ncompare: ./h200.chip.yaml\n',
      {
        [h200]: 'extends: h200-sxm\nworkload: { model: llama-2-7b }\n',
      },
    );
    assert.ok(runtime.baseline, 'the baseline file is read');
    assert.equal(runtime.baseline?.pairedRanges, undefined, 'the baseline runs the generic runtime');
    const own = await analyze(
      'extends: h100-sxm\nchip: { matrix: { efficiency: 70 % } }\nworkload: { model: llama-2-7b }\ncompare: h200-sxm\n',
    );
    assert.equal(own.baseline?.pairedRanges, undefined, 'an efficiency the file states is not the fit the baseline takes');
    const two = await analyze('extends: tpu-v5e\nworkload: { model: llama-2-7b }\ncompare: inferentia2\n');
    assert.equal(two.baseline?.pairedRanges, undefined, 'different hardware, each with its own bias');
  });

  it('the stored table has paired quantiles for the seen category and the rest, symmetric, from enough series', () => {
    const p = RESIDUAL_QUANTILES.paired!;
    for (const group of [p.seen, p.unseen]) {
      assert.ok(group.series >= 10, `${group.series} series`);
      for (const q of [group.all, ...Object.values(group.metrics)]) {
        assert.ok(Math.abs(q!.q10 + q!.q90) < 1e-9, 'each pair counts both ways');
        assert.ok(q!.q90 > 0 && q!.q90 < 1, `${q!.q90}`);
      }
    }
  });

  it('never wider than the two ranges combined: a calibrated pair keeps the independent range where that is narrower', async () => {
    // H100 against H200 on TensorRT-LLM (both calibrated): each side's range is narrow already.
    const a = await analyze('extends: h100-sxm\nruntime: tensorrt-llm\nworkload: { model: llama-2-7b, batch: 8 }\ncompare: h200-sxm\n');
    const report = buildReport(a);
    for (const r of report.baseline!.ratios.filter((x) => x.range)) {
      const d = report.design!.metrics.find((m) => m.id === r.metricId)!;
      const b = report.baseline!.report.metrics.find((m) => m.id === r.metricId)!;
      if (!d.range || !b.range) continue;
      const [low, high] = ratioRange(d.value, [d.range.low, d.range.high], b.value, [b.range.low, b.range.high]);
      assert.ok(r.range!.high / r.range!.low <= (high / low) * (1 + 1e-9), `${r.id}: ${r.range!.text} vs ${low}-${high}`);
    }
  });

  it('not paired: another workload or parallelism in the compare file; a phase the two bound differently', async () => {
    const base = join(ROOT, 'examples', 'base.chip.yaml');
    const files = { [base]: 'extends: jalapeno\nworkload: { model: llama-3-70b, batch: 16 }\nsystem: { chips: 8 }\n' };
    const tp1 = await analyze('extends: jalapeno\nworkload: { model: llama-3-8b, batch: 1 }\ncompare: ./base.chip.yaml\n', files);
    assert.ok(tp1.baseline, 'the compare file is read');
    assert.equal(tp1.baseline?.pairedRanges, undefined, 'another model and chip count: not a what-if of the chip');
    // Tiny arrays at a low clock: compute-bound decode against the reference's overhead-bound one.
    const slow = await analyze('extends: ./base.chip.yaml\nchip: { clock: 0.3 GHz }\ncompare: ./base.chip.yaml\n', files);
    const p = slow.baseline?.pairedRanges;
    assert.notEqual(slow.result!.decode.bottleneck, slow.baseline!.result.decode.bottleneck);
    assert.ok(!p || !p.metrics.includes('decode.msPerToken'), 'decode bound differently: not paired');
  });
});

describe('paired differences (validation/rangeTable.ts)', () => {
  const fold = (heldOut: string, residuals: [string, number][]): Fold => ({
    kind: 'framework',
    heldOut,
    n: residuals.length,
    residuals: residuals.map(([rowId, logResidual]) => ({
      rowId,
      metric: 'decode.msPerToken',
      category: 'seen',
      logResidual,
      fold: heldOut,
    })),
  });
  const series = (id: string) => ({ source: id.startsWith('s1') ? 'source 1' : 'source 2', family: 'hopper', measured: 10 });

  it('pairs only rows of one fold, source and family; each series weighs the same; each pair counts both ways', () => {
    const folds = [
      fold('f1', [
        ['s1-a', 0.1],
        ['s1-b', 0.3],
        ['s1-c', -0.1],
        ['s2-a', 0.5],
      ]),
      fold('f2', [['s1-d', 0.2]]),
    ];
    const diffs = pairDifferences(folds, series);
    // Source 1 in fold 1: 3 rows, 3 pairs, 6 differences; source 2 and fold 2 have one row each: none.
    assert.equal(diffs.length, 6);
    assert.deepEqual(diffs.map((d) => Math.round(d.x * 10) / 10).sort(), [-0.2, -0.2, -0.4, 0.2, 0.2, 0.4].sort());
    assert.ok(Math.abs(diffs.reduce((s, d) => s + d.w, 0) - 1) < 1e-12, 'one series, total weight 1');
    // The residuals are of the seen category: they set the seen group's quantiles only.
    const t = pairedTable(diffs);
    assert.equal(t.seen.all.n, 3);
    assert.equal(t.seen.all.q10, -t.seen.all.q90);
    assert.equal(t.unseen.series, 0);
  });

  it('a pair the model moves by under 0.5 % is a small change, with quantiles of its own where five series have one', () => {
    // Six sources, each two rows measured 100 and 100.4 (0.4 % apart): the model, off by r on each,
    // moves the figure by 0.4 % − 0.2 %. A third row measured 150 pairs with both as a large change.
    const rows = (k: number): [string, number][] => [
      [`s${k}-a`, 0.01 * k],
      [`s${k}-b`, 0.01 * k - 0.002],
      [`s${k}-c`, 0.3],
    ];
    const measured: Record<string, number> = { a: 100, b: 100.4, c: 150 };
    const sixSources = (id: string) => ({ source: id.split('-')[0]!, family: 'hopper', measured: measured[id.split('-')[1]!]! });
    const diffs = pairDifferences([fold('f1', [1, 2, 3, 4, 5, 6].flatMap(rows))], sixSources);
    // Per source: a–b small (0.2 % moved), a–c and b–c not; each counted both ways.
    assert.equal(diffs.filter((d) => d.small).length, 2 * 6);
    const t = pairedTable(diffs);
    assert.equal(t.smallChange!.n, 6);
    assert.equal(t.smallChange!.series, 6);
    assert.equal(t.smallChange!.below, 0.005);
    // The small pairs' differences are ±0.002: their band is that narrow, where the pooled one spans the large changes.
    assert.ok(t.smallChange!.q90 <= 0.002 + 1e-9 && t.seen.all.q90 > 0.2, `${t.smallChange!.q90} vs ${t.seen.all.q90}`);
    // Fewer than five series with a small change: no quantiles of their own.
    assert.equal(pairedTable(pairDifferences([fold('f1', [1, 2, 3, 4].flatMap(rows))], sixSources)).smallChange, undefined);
  });

  it("coverage: each fold's pairs against the other folds' quantiles", () => {
    const rows: [string, number][] = Array.from({ length: 6 }, (_, i) => [`s1-${i}`, i * 0.05]);
    const diffs = pairDifferences([fold('f1', rows), fold('f2', rows)], series);
    const cov = pairedCoverage(diffs);
    assert.equal(cov.pairs, 30);
    // Identical folds: each fold's 10th-90th percentile band holds 80 % of the other's, give or take interpolation.
    assert.ok(cov.byPair > 0.6 && cov.byPair <= 1, `${cov.byPair}`);
  });
});

describe('paired quantiles of a small change', () => {
  it('a ratio the designs move by under the small-change bound takes the small changes’ quantiles; a larger one its metric’s', () => {
    const table = {
      ...RESIDUAL_QUANTILES,
      paired: { ...RESIDUAL_QUANTILES.paired!, smallChange: { n: 500, q10: -0.07, q90: 0.07, series: 20, below: 0.01 } },
    };
    // A what-if that moved a TTFT by 0.13 % (a new user read "on par, 0.584–1.72×" for it).
    assert.equal(pairedQuantiles('prefill.ms', 'unseen-chip', table, 1.0013)!.q90, 0.07);
    assert.equal(pairedQuantiles('prefill.ms', 'unseen-chip', table, 1 / 1.0013)!.q90, 0.07);
    // A 5 % change, or no ratio given: the metric's own.
    assert.equal(pairedQuantiles('prefill.ms', 'unseen-chip', table, 1.05), pairedQuantiles('prefill.ms', 'unseen-chip', table));
    assert.notEqual(pairedQuantiles('prefill.ms', 'unseen-chip', table, 1.05)!.q90, 0.07);
  });
});
