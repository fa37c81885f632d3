// The 80 % prediction ranges beyond the headline (issue 11, item 5): each batch point of the
// batch curve carries the range of its own value from the design's category, the same as the
// headline's at the current batch; the sweep CSV carries each ranged metric's ends; the HTML
// report's batch table prints them. Without a category (a result of the bare engine) there is
// no range anywhere.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { reportHtml } from '../../extension/logic/reportHtml';
import { toViewModel } from '../../extension/logic/viewModel';
import type { Analysis } from '../../model/analysis';
import { analyzeConfig } from '../../model/analyze';
import { rangeFor, RANGE_CATEGORIES } from '../../model/ranges/predictionRanges';
import { batchCurveReport } from '../../model/report/batchCurve';
import { findMetric, reportFor } from '../../model/report/build';
import { analysisJson } from '../../model/report/json';
import { SWEEP_CSV_COLUMNS, sweepCsv } from '../../model/report/sweep';
import { sweepValues } from '../../model/sweep';
import { isViewModel } from '../../webview/protocol';
import { memoryHost } from './helpers/memoryHost';

const ROOT = join(__dirname, '../..');
const FILE = join(ROOT, 'examples/jalapeno.chip.yaml');

const TEXT = readFileSync(FILE, 'utf8');
const HOST = memoryHost({ [FILE]: TEXT }, ROOT);
const analyse = (): Promise<Analysis> => analyzeConfig(TEXT, FILE, HOST, { batchCurve: true });

describe('the batch curve as report metrics with ranges', () => {
  let analysis: Analysis;
  before(async () => {
    analysis = await analyse();
    assert.ok(analysis.result?.rangeCategory && analysis.baseline?.result.rangeCategory);
  });

  it("gives every point the range of its own value from the design's category", () => {
    const category = analysis.result!.rangeCategory!;
    const points = batchCurveReport(analysis.batchCurve.design, category, true);
    assert.equal(points.length, analysis.batchCurve.design.length);
    for (const [i, p] of points.entries()) {
      const raw = analysis.batchCurve.design[i]!;
      for (const [m, id, value] of [
        [p.decode, 'decode.msPerToken', raw.decodeMsPerToken],
        [p.prefill, 'prefill.ms', raw.prefillMs],
        [p.throughput, 'throughput.outputTokensPerSecond', raw.outputTokensPerSecond],
      ] as const) {
        assert.equal(m.value, value);
        assert.equal(m.id, id);
        assert.deepEqual([m.range!.low, m.range!.high], rangeFor(id, value, category, raw));
        assert.ok(m.range!.low <= m.value && m.value <= m.range!.high, `${id} at batch ${p.batch}`);
        assert.match(m.range!.text, /\d/);
      }
    }
  });

  it("at the current batch, is the headline's own number and range", () => {
    const report = reportFor(analysis);
    const batch = analysis.result!.phases.decode.tokens;
    const view = toViewModel(analysis, 'examples/jalapeno.chip.yaml', new Date(0));
    for (const [side, metrics, points] of [
      ['design', report.design!.metrics, view.batchCurve.design],
      ['baseline', report.baseline!.report.metrics, view.batchCurve.baseline],
    ] as const) {
      const current = points.find((p) => p.batch === batch)!;
      for (const [m, id] of [
        [current.decode, 'decode.msPerToken'],
        [current.prefill, 'prefill.ms'],
        [current.throughput, 'throughput.outputTokensPerSecond'],
      ] as const) {
        const headline = metrics.find((x) => x.id === id)!;
        assert.equal(m.text, headline.text, `${side} ${id}`);
        assert.deepEqual(m.range, headline.range, `${side} ${id}`);
      }
    }
    assert.ok(isViewModel(JSON.parse(JSON.stringify(view))));
  });

  it('a wider category gives wider bands, and no category none', () => {
    const raw = analysis.batchCurve.design;
    const logWidth = (c: (typeof RANGE_CATEGORIES)[number]) =>
      batchCurveReport(raw, c, true).map((p) => Math.log(p.decode.range!.high / p.decode.range!.low));
    // unseen-both is never narrower than seen (docs/validation.md: a category generalises the narrower ones).
    logWidth('unseen-both').forEach((w, i) => assert.ok(w >= logWidth('seen')[i]! - 1e-12));
    for (const p of batchCurveReport(raw, undefined, true)) {
      assert.equal(p.decode.range, undefined);
      assert.equal(p.prefill.range, undefined);
      assert.equal(p.throughput.range, undefined);
    }
  });

  it('the HTML report prints each batch point with its range', () => {
    const html = reportHtml({ analysis, fileLabel: 'jalapeno.chip.yaml', generatedAt: new Date(0), charts: [], json: {} });
    const section = /<h2>Batch size<\/h2>[\s\S]*?<\/section>/.exec(html)![0];
    for (const p of batchCurveReport(analysis.batchCurve.design, analysis.result!.rangeCategory, true))
      assert.ok(section.includes(`${p.decode.text} [${p.decode.range!.text}]`), `batch ${p.batch}`);
  });
});

describe('the sweep CSV carries the 80 % ranges', () => {
  it("gives each ranged metric's ends after the metric columns, around the value", async () => {
    // The sweep as the CLI and the editor run it.
    const rows = await sweepValues(TEXT, FILE, HOST, 'chip.memory.bandwidth', ['3 TB/s', '6 TB/s']);
    const [head, ...lines] = sweepCsv(rows).trim().split('\n');
    assert.deepEqual(head!.split(','), SWEEP_CSV_COLUMNS);
    const col = (name: string) => SWEEP_CSV_COLUMNS.indexOf(name);
    assert.ok(col('decode_ms_per_token_low80') > col('fleet_usd_per_million_output_tokens'));
    assert.ok(col('decode_ms_per_token_high80') < col('decode_bottleneck'));
    for (const [i, line] of lines.entries()) {
      const cells = line.split(',');
      const r = rows[i]!.analysis.result!;
      for (const [column, id] of [
        ['decode_ms_per_token', 'decode.msPerToken'],
        ['prefill_ms', 'prefill.ms'],
        ['output_tokens_per_s', 'throughput.outputTokensPerSecond'],
      ] as const) {
        const [value, low, high] = ['', '_low80', '_high80'].map((s) => Number(cells[col(column + s)]));
        assert.ok(low! <= value! && value! <= high!, `${column}: ${low} ${value} ${high}`);
        assert.equal(low, +r.ranges![id][0].toPrecision(6));
        assert.equal(high, +r.ranges![id][1].toPrecision(6));
        assert.equal(findMetric(reportFor(rows[i]!.analysis).design, id)!.range!.low, r.ranges![id][0]);
      }
      // Energy and cost per token follow the throughput's range: the ends `eval --json` prints (a
      // review: the CSV had them for the speeds only, so a script could not tell two costs apart).
      const json = analysisJson(rows[i]!.analysis, { detail: false }).result!.ranges as Record<string, [number, number]>;
      for (const [column, id] of [
        ['joules_per_output_token', 'energy.joulesPerOutputToken'],
        ['usd_per_million_output_tokens', 'cost.usdPerMillionOutputTokens'],
        ['usd_per_response', 'cost.usdPerResponse'],
      ] as const) {
        const [value, low, high] = ['', '_low80', '_high80'].map((s) => Number(cells[col(column + s)]));
        assert.ok(low! < value! && value! < high!, `${column}: ${low} ${value} ${high}`);
        assert.deepEqual(
          [low, high],
          json[id]!.map((x) => +x.toPrecision(6)),
        );
      }
    }
  });
  it("says where each point's chip price came from: `none` marks a cost of electricity only", async () => {
    const priced = await sweepValues(TEXT, FILE, HOST, 'workload.batch', ['8']);
    const unpriced = await sweepValues(
      'chip: { clock: 1 GHz, tdp: 300 W, matrix: { peak: { bf16: 100 TFLOPS } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 64 GB, bandwidth: 2 TB/s } }\nworkload: { model: llama-2-7b }\n',
      FILE,
      HOST,
      'workload.batch',
      ['8'],
    );
    const sourceOf = (rows: typeof priced) =>
      sweepCsv(rows).trim().split('\n')[1]!.split(',')[SWEEP_CSV_COLUMNS.indexOf('chip_price_source')];
    // The reference chip is sold by nobody: its price is modelled from its die.
    assert.equal(sourceOf(priced), 'modelled');
    // A cost of electricity only is no figure to bound: no range, as in `eval --json`.
    const unpricedCells = sweepCsv(unpriced).trim().split('\n')[1]!.split(',');
    assert.equal(unpricedCells[SWEEP_CSV_COLUMNS.indexOf('usd_per_million_output_tokens_low80')], '');
    assert.notEqual(unpricedCells[SWEEP_CSV_COLUMNS.indexOf('joules_per_output_token_low80')], '');
    const h100 = 'extends: h100-sxm\nworkload: { model: llama-2-7b }\n';
    const h100Host = memoryHost({ [FILE]: h100 }, ROOT);
    assert.equal(sourceOf(await sweepValues(h100, FILE, h100Host, 'workload.batch', ['8'])), 'given');
    // A preset's price carried to a changed die is scaled, as eval's price row says.
    assert.equal(sourceOf(await sweepValues(h100, FILE, h100Host, 'chip.memory.bandwidth', ['3 TB/s'])), 'scaled');
    assert.equal(sourceOf(unpriced), 'none');
    assert.equal(unpriced[0]!.analysis.result!.cost.capitalKnown, false);
  });
});
