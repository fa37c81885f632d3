// The one Report behind every surface (model/report): its formatter, ratio wording and
// ranges, the contract JSON built from it, and — the point of it — that the CodeLens, the
// status bar, the CLI table, the HTML report and the views' header print identical texts
// for identical metrics.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it, test } from 'node:test';
import { summaryTable, sweepTable, wrapLine } from '../../cli/table';
import { metric } from '../../model/report/metric';
import { nodeFileHost } from '../../cli/nodeHost';
import { reportHtml } from '../../extension/logic/reportHtml';
import { reportJson } from '../../extension/logic/reportJson';
import { chipLensText, statusSummary, workloadLensText } from '../../extension/logic/summaryText';
import { analysisRevision, toViewModel } from '../../extension/logic/viewModel';
import type { Analysis } from '../../model/analysis';
import { analyzeConfig } from '../../model/analyze';
import { buildReport, findMetric, findRatio, reportOf } from '../../model/report/build';
import {
  formatCapacity,
  formatChange,
  formatCount,
  formatMs,
  formatPercent,
  formatRange,
  formatRatio,
  formatSeconds,
  formatTokensPerSecond,
  formatUsd,
  formatWatts,
  si,
  significant,
} from '../../model/report/format';
import { analysisJson } from '../../model/report/json';
import {
  COST_NOT_COMPARABLE,
  ELECTRICITY_ONLY,
  INVALID_NOT_COMPARED,
  isElectricityOnly,
  NO_DECODE_NOT_COMPARED,
  NO_DECODE_STEP,
} from '../../model/report/labels';
import { buildRatios, ratioBound, ratioWording, verdictOf } from '../../model/report/ratios';
import type { Metric } from '../../model/report/types';
import { sweepCsv } from '../../model/report/sweep';
import { sweepValues } from '../../model/sweep';
import type { Report } from '../../model/report/types';
import { headerModel } from '../../webview/headerModel';
import { isViewModel } from '../../webview/protocol';
import { memoryHost } from './helpers/memoryHost';
import { ratioRange } from '../../model/ranges/predictionRanges';

describe('the one formatter', () => {
  it('keeps three significant digits, separators and a real minus sign', () => {
    assert.equal(significant(6.1234), '6.12');
    assert.equal(significant(210.4), '210');
    assert.equal(significant(2654), '2,650');
    assert.equal(significant(999.96), '1,000');
    // Prices keep their trailing zeros between $1 and $1,000: $1.10 beside $1.03.
    assert.deepEqual([1.1, 1.03, 3, 10, 32.6, 999.6, 0.0133].map(formatUsd), [
      '$1.10',
      '$1.03',
      '$3.00',
      '$10.0',
      '$32.6',
      '$1,000',
      '$0.0133',
    ]);
    assert.equal(significant(0.00030549), '0.000305');
    assert.equal(significant(-0.07912), '−0.0791');
    assert.equal(formatMs(6.1), '6.1 ms');
    assert.equal(formatMs(1250), '1.25 s');
    assert.equal(formatMs(0.85), '850 µs');
    assert.equal(formatMs(1881_000), '1,880 s');
    assert.equal(formatSeconds(0.9999), '1 s');
    assert.equal(formatWatts(285.4), '285 W');
    assert.equal(formatWatts(1500), '1.5 kW');
    assert.equal(si(999.96, 'W'), '1 kW');
    assert.equal(formatPercent(0.873), '87%');
    assert.equal(formatPercent(0.0734), '7.3%');
    assert.equal(formatChange(-0.079), '−7.9%');
    assert.equal(formatChange(0.125), '+13%');
    assert.equal(formatCount(3325), '3,325');
    assert.equal(formatMs(Number.NaN), '—');
  });

  it('prints the numbers the surfaces used to disagree on one way', () => {
    // issue 15: "1.5×" vs "1.47×", "$0.0003" vs "$0.000305", "1,450" vs "1,448".
    assert.equal(formatRatio(1.4712), '1.47×');
    assert.equal(formatUsd(0.000305), '$0.000305');
    assert.equal(formatUsd(0.4234), '$0.423');
    assert.equal(formatUsd(20000), '$20,000');
    // Below a dollar the three digits keep their zeros too, as above it ($1.10): "$0.9 [$0.637–$6.27]" read as a rounding.
    assert.equal(formatUsd(0.9), '$0.900');
    assert.equal(formatUsd(0.00051), '$0.000510');
    assert.equal(formatTokensPerSecond(1448.3), '1,450 tok/s');
  });

  it('gives a capacity in whole GiB or MiB its binary figure, as spec sheets write it', () => {
    // H100's "80 GB" is 80 GiB: alone, "85.9 GB" read as a wrong capacity.
    assert.equal(formatCapacity(80 * 2 ** 30), '85.9 GB (80 GiB)');
    assert.equal(formatCapacity(128 * 2 ** 20), '134 MB (128 MiB)');
    assert.equal(formatCapacity(1536 * 2 ** 20), '1.61 GB (1,536 MiB)');
    assert.equal(formatCapacity(96e9), '96 GB');
    assert.equal(formatCapacity(50e6), '50 MB');
  });

  it('writes a range with its unit once, and spaces its dash only where an end has a space of its own', () => {
    assert.equal(formatRange('5.8 ms', '6.9 ms'), '5.8–6.9 ms');
    assert.equal(formatRange('815 mm²', '1,610 mm²'), '815–1,610 mm²');
    // A share keeps its sign on both ends ("0.05–100%" read as 0.05 of something).
    assert.equal(formatRange('0.05%', '100%'), '0.05%–100%');
    assert.equal(formatRange('18', '148'), '18–148');
    // Prices close up as the areas beside them do (they were "$3,580 – $6,480").
    assert.equal(formatRange('$3,580', '$6,480'), '$3,580–$6,480');
    assert.equal(formatRange('848 mJ', '1.45 J'), '848 mJ – 1.45 J');
    assert.equal(formatRange('4.9 req/s', '4.9 req/s'), '4.9 req/s at both ends');
  });
});

describe('ratios in words', () => {
  const words = { better: 'faster', worse: 'slower' };
  it('orients the wording by the ratio and inverts a loss', () => {
    assert.equal(ratioWording(1.4712, verdictOf(1.4712, undefined), words), '1.47× faster');
    assert.equal(ratioWording(0.8, verdictOf(0.8, undefined), words), '1.25× slower');
    assert.equal(ratioWording(1.0004, verdictOf(1.0004, undefined), words), 'on par');
    // Below 1 by less than the wording shows: not "1× slower".
    assert.equal(ratioWording(0.9985, verdictOf(0.9985, undefined), words), 'on par');
  });

  it('does not call a ratio whose range straddles 1 a win', () => {
    const range = { low: 0.92, high: 1.18, text: '0.92–1.18×' };
    assert.equal(verdictOf(1.05, range), 'uncertain');
    // The estimate's lean said beside the range, in the wording's own direction.
    assert.equal(ratioWording(1.05, 'uncertain', words, range), 'no clear difference (1.05× faster as estimated, 0.92–1.18×)');
    // Leaning worse, the range reads on the same (slower-by) scale as the estimate, so it holds it: 1 / 1.004 to 1 / 0.402.
    const around = { low: 1 / 2.49, high: 1 / 0.996, text: '0.402–1.004×' };
    assert.equal(ratioWording(1 / 1.59, 'uncertain', words, around), 'no clear difference (1.59× slower as estimated, 0.996–2.49×)');
    assert.equal(ratioWording(1.0004, 'uncertain', words, range), 'no clear difference (on par as estimated, 0.92–1.18×)');
    assert.equal(verdictOf(1.3, { low: 1.1, high: 1.5, text: '' }), 'better');
  });

  it("prints a range's end that rounds to 1 with the digits that show which side of 1 it is", () => {
    // The reference's TTFT ratio reached 1.004: "0.401–1×" read as if it stopped short of parity.
    assert.equal(ratioBound(1.0041), '1.004×');
    assert.equal(ratioBound(0.9965), '0.997×');
    assert.equal(ratioBound(1), '1×');
    assert.equal(ratioBound(2.7389), '2.74×');
    assert.equal(ratioBound(0.40065), '0.401×');
  });

  it('takes ranges from `result.ranges` and carries them into metrics and ratios', async () => {
    const file = '/ws/r.chip.yaml';
    const text = 'extends: jalapeno\nworkload: { model: llama-3-8b }\ncompare: h100-sxm\n';
    const analysis = await analyzeConfig(text, file, memoryHost({}));
    const r = analysis.result!;
    const b = analysis.baseline!;
    // Ranges as the fidelity work will give them (contract.md §4.1): here wide enough to overlap.
    const withRanges = <T extends object>(x: T, ms: number): T => ({ ...x, ranges: { 'decode.msPerToken': [ms * 0.5, ms * 2] } });
    const report = reportOf({
      name: 'r',
      diagnostics: [],
      result: withRanges(r, r.decode.msPerToken),
      baseline: { ...b, result: withRanges(b.result, b.result.decode.msPerToken) },
    });
    const decode = findMetric(report.design, 'decode.msPerToken')!;
    assert.deepEqual([decode.range!.low, decode.range!.high], [r.decode.msPerToken * 0.5, r.decode.msPerToken * 2]);
    assert.equal(decode.range!.text, `${formatMs(r.decode.msPerToken * 0.5).replace(/ ms$/, '')}–${formatMs(r.decode.msPerToken * 2)}`);
    const ratio = findRatio(report, 'decodeSpeedup')!;
    assert.equal(ratio.verdict, 'uncertain');
    assert.match(ratio.wording, /^no clear difference \((on par|[\d.]+× (faster|slower)) as estimated, [\d.]+–[\d.]+×\)$/);
    // Without ranges the same comparison is a clear verdict.
    const without = <T extends object>(x: T): T => ({ ...x, ranges: undefined });
    const bare = reportOf({ name: 'r', diagnostics: [], result: without(r), baseline: { ...b, result: without(b.result) } });
    assert.notEqual(findRatio(bare, 'decodeSpeedup')!.verdict, 'uncertain');
  });
});

describe('a ratio lies inside its own range', () => {
  it("a cost ratio at modelled chip prices carries the rows' relative range around its own value (a modelled price against a given one)", async () => {
    const file = '/ws/modelled.chip.yaml';
    const text = 'extends: ./tpu-v4.chip.yaml\ncompare: h100-sxm\n';
    const tpu = readFileSync(join(process.cwd(), 'examples/silicon/tpu-v4.chip.yaml'), 'utf8');
    const report = buildReport(await analyzeConfig(text, file, memoryHost({ [file]: text, '/ws/tpu-v4.chip.yaml': tpu })));
    const cost = findRatio(report, 'costPerResponse')!;
    assert.match(cost.wording, /at modelled chip prices/);
    // The rows show the modelled and the given price, the ratio modelled ones: the two ratios differ.
    const d = findMetric(report.design, 'cost.usdPerResponse')!;
    const b = findMetric(report.baseline!.report, 'cost.usdPerResponse')!;
    assert.ok(Math.abs(b.value / d.value / cost.value - 1) > 0.1);
    // The range is the rows' relative spread around the ratio shown, not centred on the rows' ratio.
    const rows = b.value / d.value;
    const [low, high] = ratioRange(b.value, [b.range!.low, b.range!.high], d.value, [d.range!.low, d.range!.high]);
    assert.ok(Math.abs(cost.range!.low / cost.value - low / rows) < 1e-9);
    assert.ok(Math.abs(cost.range!.high / cost.value - high / rows) < 1e-9);
    for (const ratio of report.baseline!.ratios.filter((r) => r.range))
      assert.ok(
        ratio.range!.low <= ratio.value && ratio.value <= ratio.range!.high,
        `${ratio.id}: ${ratio.value} outside ${ratio.range!.text}`,
      );
    // The CLI's table sets the basis (the prices compared) under itself, marked in the row; the
    // verdict keeps what its range leaves out beside it (an operator's review: the row ran past
    // 300 characters, its explanation cut off in the terminal).
    const table = summaryTable(await analyzeConfig(text, file, memoryHost({ [file]: text, '/ws/tpu-v4.chip.yaml': tpu })));
    // The ratio stands on the row of the costs it divides, at the compared prices, under the row at the prices shown.
    const lines = table.split('\n');
    const shown = lines.findIndex((l) => l.trimStart().startsWith('Cost per response '));
    const row = lines[shown + 1]!;
    assert.match(row, /^  Cost per response at the compared chip prices /);
    assert.ok(lines[shown]!.trimEnd().endsWith(']'), `no ratio beside the prices shown: ${lines[shown]}`);
    const compared = findMetric(report.design, 'cost.usdPerResponseAtComparedPrices')!;
    const comparedBaseline = findMetric(report.baseline!.report, 'cost.usdPerResponseAtComparedPrices')!;
    assert.ok(Math.abs(comparedBaseline.value / compared.value / cost.value - 1) < 1e-9, 'the ratio divides the two costs beside it');
    const mark = /, throughput error only, power not validated\) ([¹²³⁴⁵⁶⁷⁸⁹⁰]+)$/.exec(row);
    assert.ok(mark, row);
    assert.ok(table.includes(`\n  ${mark[1]} ${cost.basis}`), table);
    assert.ok(cost.wording.endsWith(`, ${cost.basis})`) && cost.basis!.startsWith('at modelled chip prices'), cost.wording);
  });

  it("a preset's price scaled over a changed die is compared as the rows show it: the ratio is continuous through the preset's own value", async () => {
    const file = '/ws/h100.chip.yaml';
    const text = 'extends: h100-sxm\nworkload: { model: llama-3-8b }\ncompare: h200-sxm\n';
    const ratioAt = async (sram: string) => {
      const written = sram === 'preset' ? text : `${text}\nchip: { sram: { capacity: ${sram} } }\n`;
      const a = await analyzeConfig(written, file, memoryHost({ [file]: written }));
      const r = buildReport(a);
      const cost = findRatio(r, 'costPerResponse')!;
      const rows = findMetric(r.baseline!.report, 'cost.usdPerResponse')!.value / findMetric(r.design, 'cost.usdPerResponse')!.value;
      return { value: cost.value, rows, wording: cost.wording };
    };
    const base = await ratioAt('preset');
    const scaled = await ratioAt('51 MB');
    assert.ok(Math.abs(scaled.value / scaled.rows - 1) < 1e-9, "the ratio is the rows' ratio");
    assert.doesNotMatch(scaled.wording, /modelled chip prices/);
    assert.ok(Math.abs(scaled.value / base.value - 1) < 0.01, `${scaled.value} against ${base.value} at the preset's 50 MB`);
  });
});

describe('the contract JSON comes from the report', () => {
  it('marks the result not ok exactly when the report is not valid, with positioned diagnostics', async () => {
    const file = '/ws/bad.chip.yaml';
    const text = 'extends: jalapeno\nchip:\n  memory:\n    bandwidth: 4.8 GB\n';
    const analysis = await analyzeConfig(text, file, memoryHost({}));
    const report = buildReport(analysis);
    const json = analysisJson(analysis, { detail: false }, report);
    assert.equal(json.ok, report.valid);
    assert.equal(json.ok, false);
    assert.deepEqual(
      json.diagnostics.map((d) => [d.code, d.line, d.column]),
      report.diagnostics.map((d) => [d.code, d.line, d.column]),
    );
    // The editor's export is the same JSON plus its extras.
    const exported = reportJson(analysis, 'bad.chip.yaml');
    assert.deepEqual({ ...exported, file: undefined, sensitivity: undefined }, { ...json, file: undefined, sensitivity: undefined });
  });
});

describe('every surface renders the one report', () => {
  const FILE = join(__dirname, '../../examples/jalapeno.chip.yaml');
  let analysis: Analysis;
  let report: Report;
  let surfaces: Record<string, string>;

  before(async () => {
    const text = readFileSync(FILE, 'utf8');
    analysis = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text }, join(__dirname, '../..')), {
      sensitivity: true,
      batchCurve: true,
    });
    assert.ok(analysis.result && analysis.baseline, JSON.stringify(analysis.diagnostics));
    report = buildReport(analysis);
    const status = statusSummary(analysis);
    // The views get the report through postMessage: as JSON, checked by the protocol's validator.
    const view = JSON.parse(JSON.stringify(toViewModel(analysis, 'examples/jalapeno.chip.yaml', new Date(0))));
    assert.ok(isViewModel(view));
    const header = headerModel(view.report);
    const html = reportHtml({ analysis, fileLabel: 'jalapeno.chip.yaml', generatedAt: new Date(0), charts: [], json: {} });
    surfaces = {
      codeLens: `${workloadLensText(analysis)}\n${chipLensText(analysis)}`,
      statusBar: `${status.text}\n${status.tooltip.replace(/\\(.)/g, '$1')}`,
      cliTable: summaryTable(analysis),
      // Text as the browser shows it: tags out, entities decoded.
      htmlReport: html
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
      views: [
        ...header.metrics.flatMap((m) => [m.value, m.detail ?? '']),
        ...(header.comparison?.ratios.map((r) => `${r.label} ${r.wording}`) ?? []),
      ].join('\n'),
    };
  });

  /** Texts of the same value that a different rounding or format would have printed. */
  function otherRenderings(value: number, text: string, unit: string): string[] {
    const candidates = [
      value.toPrecision(2),
      value.toPrecision(4),
      value.toFixed(0),
      Math.round(value).toLocaleString('en-US'),
      value.toFixed(2),
      value.toFixed(4),
      String(+value.toPrecision(6)),
    ];
    const shown = text.replace(/^\$/, '').replace(/[ ×].*$/, '');
    return [...new Set(candidates)]
      .filter((c) => c !== shown && c.replace(/\.?0+$/, '') !== shown.replace(/,/g, '').replace(/\.?0+$/, '') && !shown.includes(c))
      .map((c) => (unit === '$' ? `$${c}` : `${c}${unit}`));
  }

  const SHOWN_ON: Record<string, readonly string[]> = {
    'decode.msPerToken': ['codeLens', 'statusBar', 'cliTable', 'htmlReport', 'views'],
    'prefill.ms': ['codeLens', 'statusBar', 'cliTable', 'htmlReport', 'views'],
    'throughput.outputTokensPerSecond': ['codeLens', 'statusBar', 'cliTable', 'htmlReport', 'views'],
    'power.watts': ['codeLens', 'statusBar', 'cliTable', 'htmlReport', 'views'],
    'cost.usdPerMillionOutputTokens': ['codeLens', 'statusBar', 'cliTable', 'htmlReport', 'views'],
    'cost.usdPerResponse': ['cliTable', 'htmlReport', 'views'],
    'energy.joulesPerOutputToken': ['cliTable', 'htmlReport', 'views'],
    'silicon.chipPriceUsd': ['statusBar', 'cliTable', 'htmlReport', 'views'],
    'silicon.dieAreaMm2': ['statusBar', 'cliTable', 'htmlReport', 'views'],
  };

  for (const [id, names] of Object.entries(SHOWN_ON)) {
    it(`prints ${id} as the report's text on ${names.join(', ')}`, () => {
      const metric = findMetric(report.design, id)!;
      for (const name of names) assert.ok(surfaces[name]!.includes(metric.text), `${name} lacks "${metric.text}":\n${surfaces[name]}`);
      const unit = metric.unit === 'USD' ? '$' : ` ${metric.text.split(' ').slice(1).join(' ')}`;
      for (const other of otherRenderings(metric.value, metric.text, unit)) {
        // A whole number, not the tail or the head of another one ("19 ms" inside "1.19 ms",
        // "$2" inside "$2.15").
        const alone = new RegExp(`(^|[^\\d.,])${other.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')}(?!\\d|[.,]\\d)`);
        for (const name of names)
          assert.ok(!alone.test(surfaces[name]!), `${name} prints ${id} also as "${other}" (the report says "${metric.text}")`);
      }
    });
  }

  it('words the ratios against the baseline identically on every surface that shows them', () => {
    const decode = findRatio(report, 'decodeSpeedup')!;
    // With prediction ranges, a ratio whose range holds 1 reads "no clear difference (a–b×)".
    assert.match(
      decode.wording,
      /^([\d.]+× (faster|slower)|no clear difference \((on par|[\d.]+× (faster|slower)) as estimated, [\d.]+–[\d.]+×\))$/,
    );
    for (const name of ['codeLens', 'statusBar', 'cliTable', 'htmlReport', 'views']) {
      assert.ok(surfaces[name]!.includes(decode.wording), `${name} lacks "${decode.wording}"`);
      assert.ok(
        !surfaces[name]!.includes(`${decode.value.toPrecision(2)}×`) || decode.text === `${decode.value.toPrecision(2)}×`,
        `${name} rounds the ratio differently`,
      );
    }
    for (const ratio of report.baseline!.ratios) {
      for (const name of ['statusBar', 'htmlReport', 'views'])
        assert.ok(surfaces[name]!.includes(ratio.wording), `${name} lacks ${ratio.id} "${ratio.wording}"`);
      // The CLI's table sets a cost ratio's basis under itself as a footnote.
      const inTable = ratio.basis ? ratio.wording.replace(`, ${ratio.basis})`, ')') : ratio.wording;
      assert.ok(surfaces.cliTable!.includes(inTable), `cliTable lacks ${ratio.id} "${inTable}"`);
      if (ratio.basis) assert.ok(surfaces.cliTable!.includes(` ${ratio.basis}\n`), `cliTable lacks the footnote "${ratio.basis}"`);
    }
  });

  it('prints the chip rates as the report does on the CodeLens, the CLI table and the HTML report', () => {
    for (const m of report.design!.chip.filter(
      (x) => x.id.startsWith('chip.peakOpsPerSecond.') || x.id === 'chip.memoryBandwidthBytesPerSecond',
    )) {
      for (const name of ['codeLens', 'cliTable', 'htmlReport'])
        assert.ok(surfaces[name]!.includes(m.text), `${name} lacks ${m.id} "${m.text}"`);
    }
  });
});

describe('a report that is not valid says so on every surface', () => {
  it('marks the CLI table, CodeLens, HTML report, views header and sweep CSV', async () => {
    const file = '/ws/big.chip.yaml';
    const text = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  batch: 100000\n  prompt: 8192\n';
    const analysis = await analyzeConfig(text, file, memoryHost({ [file]: text }));
    assert.ok(analysis.result, 'a design that does not fit is still evaluated as written');
    const report = buildReport(analysis);
    assert.equal(report.valid, false);
    assert.ok(report.design!.metrics.every((m) => !m.valid));
    assert.match(summaryTable(analysis), /NOT VALID: the problems listed below/);
    assert.match(workloadLensText(analysis), /^does not fit in memory \(max batch [\d,]+\) · /);
    assert.match(
      reportHtml({ analysis, fileLabel: 'big.chip.yaml', generatedAt: new Date(0), charts: [], json: {} }),
      /not a valid result/,
    );
    assert.ok(headerModel(report).badges.some((b) => b.kind === 'error' && /does not fit in memory/.test(b.text)));
    const [, row] = sweepCsv([{ value: '100000', analysis }])
      .trimEnd()
      .split('\n');
    assert.match(row!, /^100000,false,[\d.]+,/);
  });

  it('a TDP no clock meets is an error badge in words, not "over the TDP at the lowest clock to 25 W" (a workbench review)', async () => {
    const file = '/ws/hot.chip.yaml';
    const text = 'extends: h100-sxm\nchip: { tdp: 130 W }\nworkload: { model: llama-3-8b }\n';
    const header = headerModel(buildReport(await analyzeConfig(text, file, memoryHost({ [file]: text }))));
    assert.ok(
      header.badges.some((b) => b.kind === 'error' && b.text === 'over its 130 W TDP at every clock'),
      JSON.stringify(header.badges),
    );
    assert.ok(!header.badges.some((b) => b.text.endsWith(' to 130 W')));
  });
  it('calls no ratio a win or a loss: a design that does not fit is not "46× cheaper"', async () => {
    const file = '/ws/big.chip.yaml';
    const text = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  batch: 100000\n  prompt: 8192\ncompare: h100-sxm\n';
    const report = buildReport(await analyzeConfig(text, file, memoryHost({ [file]: text })));
    assert.equal(report.valid, false);
    const ratios = report.baseline!.ratios;
    assert.ok(ratios.length > 0);
    for (const r of ratios) {
      assert.equal(r.verdict, 'not-comparable', r.id);
      assert.equal(r.wording, INVALID_NOT_COMPARED);
    }
    // The views say it once, not once per ratio (a review counted the same words five times).
    const header = headerModel(report);
    assert.deepEqual(
      header.comparison!.ratios.map((r) => [r.label, r.wording]),
      [['', INVALID_NOT_COMPARED]],
    );
  });
});

describe('a chip with no price says so the same way on every surface', () => {
  it('notes "electricity only" on its costs and calls the cost ratio not comparable, never a win', async () => {
    // Beside another note (an overloaded pool's) the cost still reads as electricity only, everywhere.
    assert.ok(isElectricityOnly(`${ELECTRICITY_ONLY}; overloaded: a pool does not keep up`));
    assert.ok(!isElectricityOnly('overloaded: a pool does not keep up') && !isElectricityOnly(undefined));
    // tpu-v4 has no `cost.chip_price` and no `chip.process`: its price is neither given nor modellable.
    const file = '/ws/unpriced.chip.yaml';
    const text = 'extends: tpu-v4\nworkload:\n  model: llama-3-8b\ncompare: jalapeno\n';
    const analysis = await analyzeConfig(text, file, memoryHost({ [file]: text }));
    assert.ok(analysis.result && analysis.baseline, JSON.stringify(analysis.diagnostics));
    assert.equal(analysis.result.silicon, undefined);
    const report = buildReport(analysis);
    const cost = findMetric(report.design, 'cost.usdPerMillionOutputTokens')!;
    assert.equal(cost.note, ELECTRICITY_ONLY);
    assert.equal(findMetric(report.design, 'silicon.chipPriceUsd'), undefined);
    // The baseline is priced; its cost carries no note.
    assert.equal(report.baseline!.report.metrics.find((m) => m.id === 'cost.usdPerResponse')!.note, undefined);
    const ratio = findRatio(report, 'costPerResponse')!;
    assert.equal(ratio.verdict, 'not-comparable');
    assert.equal(ratio.wording, COST_NOT_COMPARABLE);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'price-unknown'));

    const status = statusSummary(analysis);
    const header = headerModel(JSON.parse(JSON.stringify(report)));
    const html = reportHtml({ analysis, fileLabel: 'unpriced.chip.yaml', generatedAt: new Date(0), charts: [], json: {} }).replace(
      /&#39;/g,
      "'",
    );
    const surfaces: Record<string, string> = {
      codeLens: workloadLensText(analysis),
      statusBar: status.tooltip.replace(/\\(.)/g, '$1'),
      cliTable: summaryTable(analysis),
      htmlReport: html,
      views: [
        ...header.metrics.flatMap((m) => [m.value, m.detail ?? '']),
        ...(header.comparison?.ratios.map((r) => `${r.label} ${r.wording}`) ?? []),
      ].join('\n'),
    };
    for (const [name, shown] of Object.entries(surfaces))
      assert.ok(shown.includes(ELECTRICITY_ONLY), `${name} lacks "${ELECTRICITY_ONLY}":\n${shown}`);
    for (const name of ['statusBar', 'cliTable', 'htmlReport', 'views']) {
      assert.ok(
        surfaces[name]!.includes(`cost per response ${COST_NOT_COMPARABLE}`) || surfaces[name]!.includes(COST_NOT_COMPARABLE),
        `${name} lacks "${COST_NOT_COMPARABLE}"`,
      );
      assert.doesNotMatch(surfaces[name]!, /× (cheaper|dearer)/, `${name} words a cost ratio without a price`);
    }
    assert.equal(header.comparison!.ratios.find((r) => r.id === 'costPerResponse')!.verdict, 'not-comparable');
    // The card is titled for what it counts (a review read a bold "Cost" card of electricity alone).
    assert.equal(header.metrics.find((m) => m.id === 'cost.usdPerMillionOutputTokens')!.label, 'Electricity');
  });

  it('a modelled chip price’s card says its range is the die area’s error only; a priced chip’s cost card is "Cost"', async () => {
    const file = '/ws/scratch.chip.yaml';
    const text =
      'chip: { process: 5 nm, clock: 1.5 GHz, tdp: 400 W, matrix: { units: 128, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 20 TFLOPS }, sram: { capacity: 256 MiB, bandwidth: 20 TB/s }, memory: { technology: hbm3, stacks: 4, capacity: 96 GB, bandwidth: 3.2 TB/s } }\nworkload: { model: llama-3-8b, precision: { weights: int8, activations: int8 } }\n';
    const header = headerModel(buildReport(await analyzeConfig(text, file, memoryHost({ [file]: text }))));
    const price = header.metrics.find((m) => m.id === 'silicon.chipPriceUsd')!;
    assert.match(price.detail!, /^\[\$[\d,]+–\$[\d,]+\] \(die area's error only\)/);
    assert.equal(header.metrics.find((m) => m.id === 'cost.usdPerMillionOutputTokens')!.label, 'Cost');
  });

  it("a fleet of unpriced chips: its costs say electricity only and its cost ratio is not comparable (it read '80× cheaper')", async () => {
    const file = '/ws/unpriced-fleet.chip.yaml';
    const text =
      'extends: tpu-v4\nworkload: { model: llama-3-8b, prompt: 512, output: 128 }\ncompare: h100-sxm\nserving:\n  rate: 2 /s\n  requests: 300\n  slo: { ttft: 1 s, tpot: 60 ms }\nfleet: { peak_rate: 20 /s, average_rate: 10 /s }\n';
    const analysis = await analyzeConfig(text, file, memoryHost({ [file]: text }), { serving: { ranges: false } });
    assert.equal(analysis.result!.fleet!.capitalKnown, false);
    assert.equal(analysis.baseline!.result.fleet!.capitalKnown, true);
    const report = buildReport(analysis);
    for (const id of ['fleet.usdPerMillionOutputTokens', 'fleet.usdPerHour'])
      assert.equal(findMetric(report.design, id)!.note, ELECTRICITY_ONLY, id);
    const ratio = findRatio(report, 'fleet.usdPerMillionOutputTokens')!;
    assert.equal(ratio.verdict, 'not-comparable');
    assert.doesNotMatch(summaryTable(analysis), /× (cheaper|dearer)/);
  });
});

describe('a compute-bound decode with the arrays mostly idle says why', () => {
  const BUSY = 'extends: a100-80gb-sxm\nworkload: { model: llama-2-7b, batch: 512, prompt: 32, output: 8 }\n';
  it("the Groq TSP at batch 1 fills 1 of 320 rows: 'compute-bound: arrays underfilled', beside 0.11 % compute used", async () => {
    const file = join(process.cwd(), 'examples/silicon/groq-tsp.chip.yaml');
    const text = readFileSync(file, 'utf8');
    const a = await analyzeConfig(text, file, memoryHost({ [file]: text }, process.cwd()));
    const decode = findMetric(buildReport(a).design, 'decode.msPerToken')!;
    assert.equal(a.result!.decode.bottleneck, 'compute');
    assert.ok(a.result!.utilization.compute < 0.05);
    assert.equal(decode.note, 'compute-bound: arrays underfilled');
    // A compute-bound step that uses its arrays keeps the plain label.
    const busy = await analyzeConfig(BUSY, '/ws/busy.chip.yaml', memoryHost({ '/ws/busy.chip.yaml': BUSY }));
    assert.equal(busy.result!.decode.bottleneck, 'compute');
    assert.equal(findMetric(buildReport(busy).design, 'decode.msPerToken')!.note, 'compute-bound');
  });

  it('where the arrays, not the memory, bound the weight stream, more memory bandwidth is said to buy nothing', async () => {
    // The reference's step stopped falling at 4.75 TB/s with nothing to say why (an architect's review).
    const text = (bandwidth: string) =>
      `extends: jalapeno\nchip: { memory: { bandwidth: ${bandwidth} } }\nworkload: { model: llama-3-8b, batch: 16 }\n`;
    const info = async (bandwidth: string) =>
      (await analyzeConfig(text(bandwidth), '/ws/bw.chip.yaml', memoryHost({ '/ws/bw.chip.yaml': text(bandwidth) }))).diagnostics.find(
        (d) => d.code === 'matrix-idle-decode',
      )!.message;
    // 32 units x 128 columns x 2 bytes (bf16, the preset's default) x 1.2 GHz; x 60 % x 90 % = 5.31 TB/s.
    assert.match(
      await info('8 TB/s'),
      /32 units take weights in at most 9\.83 TB\/s at the nominal clock, 5\.31 TB\/s at the arrays' and kernels' efficiencies \(`chip\.matrix\.efficiency` 60%, `runtime\.gemm_efficiency` 90%\), and more memory bandwidth would not shorten the step/,
    );
    assert.doesNotMatch(await info('1 TB/s'), /more memory bandwidth would not/);
  });

  it('with one output token no decode step runs, and the per-token row says so instead of naming a bound', async () => {
    const ONE = BUSY.replace('output: 8', 'output: 1');
    const one = await analyzeConfig(ONE, '/ws/one.chip.yaml', memoryHost({ '/ws/one.chip.yaml': ONE }));
    assert.equal(one.result!.decodeSteps, 0);
    assert.equal(one.result!.response.ms, one.result!.prefill.ms);
    assert.match(findMetric(buildReport(one).design, 'decode.msPerToken')!.note!, /^no decode step: one output token/);
  });

  it('with one output token every decode row says so, no decode verdict is drawn, and the summaries lead with the first token', async () => {
    const ONE = `${BUSY.replace('output: 8', 'output: 1')}compare: h100-sxm\n`;
    const one = await analyzeConfig(ONE, '/ws/one.chip.yaml', memoryHost({ '/ws/one.chip.yaml': ONE }));
    const report = buildReport(one);
    for (const id of ['decode.lowerMs', 'decode.upperMs', 'utilization.memoryBandwidth', 'utilization.compute'])
      assert.equal(findMetric(report.design, id)!.note, NO_DECODE_STEP, id);
    const decode = findRatio(report, 'decodeSpeedup')!;
    assert.equal(decode.verdict, 'not-comparable');
    assert.equal(decode.wording, NO_DECODE_NOT_COMPARED);
    assert.notEqual(findRatio(report, 'prefillSpeedup')!.verdict, 'not-comparable');
    assert.ok(!one.diagnostics.some((d) => d.code === 'matrix-idle-decode' || d.code === 'collective-latency-bound'));
    const lens = workloadLensText(one);
    assert.match(lens, /^one output token: no decode step · TTFT /);
    assert.match(lens, /vs h100-sxm: TTFT /);
    assert.match(statusSummary(one).text, /TTFT/);
    // Two output tokens run one step: the rows name its bound again.
    const TWO = ONE.replace('output: 1', 'output: 2');
    const two = await analyzeConfig(TWO, '/ws/two.chip.yaml', memoryHost({ '/ws/two.chip.yaml': TWO }));
    assert.equal(findMetric(buildReport(two).design, 'utilization.compute')!.note, undefined);
    assert.notEqual(findRatio(buildReport(two), 'decodeSpeedup')!.wording, NO_DECODE_NOT_COMPARED);
  });
});

describe('which inputs the views show (a sweep of others is drawn stale)', () => {
  it('the revision changes with the config and with a file it extends, and not otherwise', async () => {
    const file = '/ws/top.chip.yaml';
    const parent = '/ws/base.chip.yaml';
    const top = 'extends: ./base.chip.yaml\nworkload: { model: llama-3-8b }\n';
    const base = 'extends: jalapeno\n';
    const revision = async (topText: string, baseText: string) =>
      analysisRevision(await analyzeConfig(topText, file, memoryHost({ [file]: topText, [parent]: baseText })));
    const same = await revision(top, base);
    assert.equal(await revision(top, base), same);
    assert.notEqual(await revision(top.replace('8b', '70b'), base), same);
    // Only the parent saved: a sweep of the top file is of other inputs (a review).
    assert.notEqual(await revision(top, `${base}chip: { clock: 1.3 GHz }\n`), same);
  });
});

describe('the CLI table in a narrow terminal', () => {
  it('stacks each metric with its cells under it, named by column, where the rows would not fit; one row each where they do or no width is known', async () => {
    // A new user's first command printed 220-column rows that a 120-column terminal wrapped into staggered halves.
    const file = join(__dirname, '../../examples/jalapeno.chip.yaml');
    const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(join(__dirname, '../..')));
    const wide = summaryTable(analysis);
    const row = wide.split('\n').find((l) => l.startsWith('  Per-token latency  '))!;
    assert.ok(row.length > 120, `the wide row is ${row.length} columns`);
    const narrow = summaryTable(analysis, undefined, 120);
    assert.match(
      narrow,
      /\n {2}Per-token latency\n {6}this design {12}19\.1 ms .*\n {6}NVIDIA H100 SXM5 80GB {2}20\.6 ms .*\n {6}ratio {18}no clear difference/,
    );
    // Every cell of the wide table is in the stacked one (lines wrapped at the width read as one).
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    for (const cell of row.split(/ {2,}/).slice(1)) assert.ok(flat(narrow).includes(flat(cell.trim())), cell);
    // The legend, footnotes and diagnostics wrap at the width under their own indent, and lose no word
    // (an architect's review at 100 columns: 230-390 character lines).
    for (const width of [100, 120]) {
      const lines = summaryTable(analysis, undefined, width).split('\n');
      assert.ok(
        lines.every((l) => l.length <= width || !l.trim().includes(' ')),
        lines.find((l) => l.length > width),
      );
      const legend = lines.findIndex((l) => l.startsWith('  power is not validated'));
      assert.match(lines[legend + 1]!, /^ {6}\S/, 'its next line hangs under it');
    }
    const diagnostics = (t: string) => flat(t.slice(t.indexOf('\n  info ')));
    assert.equal(diagnostics(summaryTable(analysis, undefined, 100)), diagnostics(wide));
    // Wide enough for the rows and every line: the one-row table.
    assert.equal(summaryTable(analysis, undefined, 100000), wide);
  });
  it('wraps a line at spaces under its indent, always moving on; a terminal too narrow to wrap at leaves lines whole', () => {
    // A code review: a pty reporting 0 (or 5) columns looped forever on the indent.
    for (const width of [0, 5, 8, 39]) assert.deepEqual(wrapLine('  info    abc def ghi', width), ['  info    abc def ghi']);
    assert.deepEqual(wrapLine('  one two three four five six seven eight nine ten eleven', 40), [
      '  one two three four five six seven',
      '      eight nine ten eleven',
    ]);
    // A word longer than the width stays whole, cut after it.
    const long = `  see ${'x'.repeat(60)} and then the rest of the line goes on for a while`;
    const lines = wrapLine(long, 40);
    assert.equal(lines.join(' ').replace(/\s+/g, ' '), long.replace(/\s+/g, ' '));
    assert.ok(
      lines.every((l) => l.length <= 40 || !l.trim().includes(' ')),
      lines.join('\n'),
    );
  });
  it("stacks a sweep's rows the same way: each swept value, its cells named under it (a review: 270 columns at 100)", async () => {
    const file = join(__dirname, '../../examples/jalapeno.chip.yaml');
    const points = await sweepValues(readFileSync(file, 'utf8'), file, nodeFileHost(join(__dirname, '../..')), 'workload.batch', [
      '1',
      '8',
    ]);
    const wide = sweepTable('workload.batch', points);
    assert.ok(wide.split('\n')[1]!.length > 100);
    const narrow = sweepTable('workload.batch', points, 100).split('\n');
    assert.ok(
      narrow.every((l) => l.length <= 100 || !l.trim().includes(' ')),
      narrow.find((l) => l.length > 100),
    );
    const at = narrow.indexOf('workload.batch=8');
    assert.ok(at > 0, narrow.join('\n'));
    assert.match(narrow[at + 2]!, /^ {4}ms\/token +18\.8 ms$/);
    assert.equal(sweepTable('workload.batch', points, 100000), wide);
  });
});

test("a share's range that spans all of 0-100 % says so in words; a narrower one is its numbers", () => {
  const all = metric('serving.sloAttainment', 'Requests meeting the SLO', 1, 'fraction', true, { range: [0, 1] });
  assert.equal(all.range?.text, "0%–100%, either way within the model's error");
  const some = metric('serving.sloAttainment', 'Requests meeting the SLO', 1, 'fraction', true, { range: [0.4, 1] });
  assert.equal(some.range?.text, '40%–100%');
  // Not a fraction: its numbers only.
  assert.doesNotMatch(metric('power.watts', 'Power', 100, 'W', true, { range: [0, 1] }).range!.text, /either way/);
});

test('a cost verdict at the compared prices that the prices the rows show turn round says so beside the verdict, not only in its basis (an operator review)', () => {
  const cost = (id: string, value: number): Metric => ({
    id,
    label: id,
    value,
    unit: 'USD',
    text: `$${value}`,
    better: 'lower',
    valid: true,
  });
  // At the prices the rows show this design is 1.37× cheaper; at the compared (modelled) ones 1.43× dearer.
  const design = [cost('cost.usdPerResponse', 1), cost('cost.usdPerResponseAtComparedPrices', 1), cost('silicon.chipPriceUsd', 14_000)];
  const baseline = [
    cost('cost.usdPerResponse', 1.37),
    cost('cost.usdPerResponseAtComparedPrices', 0.7),
    cost('silicon.chipPriceUsd', 33_800),
  ];
  const ratiosAt = (compared: number) =>
    buildRatios(design, baseline, { costPerResponse: compared } as never, 'modelled', true, undefined, {
      design: 14_000,
      baseline: 16_700,
      margin: 0.75,
    });
  const flipped = ratiosAt(0.7).find((r) => r.id === 'costPerResponse')!;
  assert.equal(flipped.otherWayAtShownPrices, '1.37× cheaper');
  assert.match(flipped.wording, /^1\.43× dearer \(.*, 1\.37× cheaper at the prices the rows show, at modelled chip prices/);
  // Said once: the basis keeps the prices the rows show, not their ratio again.
  assert.equal(flipped.wording.split('1.37× cheaper').length, 2, flipped.wording);
  assert.match(flipped.basis!, /\(the rows show \$[\d,]+ against \$[\d,]+\)/);
  // The same way round: nothing more to say beside the verdict.
  const same = ratiosAt(1.2).find((r) => r.id === 'costPerResponse')!;
  assert.equal(same.otherWayAtShownPrices, undefined);
  assert.doesNotMatch(same.wording, /cheaper at the prices the rows show, at modelled/);
});
