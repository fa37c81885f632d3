// The CodeLens and status bar lines, and the number formats they use.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { formatChange, formatMs, formatPercent, formatRate, formatRatio, formatUsd, formatWatts, significant } from '../../extension/logic/format';
import { chipLensText, statusSummary, workloadLensText } from '../../extension/logic/summaryText';
import type { Analysis } from '../../model/analysis';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/design.chip.yaml';
const TEXT = `name: Summary design
extends: jalapeno
workload:
  model: llama-3-8b
  batch: 4
compare: h100-sxm
`;

describe('number formats', () => {
  it('keeps three significant digits, separators and a real minus sign', () => {
    assert.equal(significant(6.1234), '6.12');
    assert.equal(significant(210.4), '210');
    assert.equal(significant(2654), '2,650');
    assert.equal(formatMs(1881_000), '1,880 s');
    assert.equal(significant(-0.07912), '−0.0791');
    assert.equal(formatMs(6.1), '6.1 ms');
    assert.equal(formatMs(1250), '1.25 s');
    assert.equal(formatMs(0.85), '850 µs');
    assert.equal(formatRate(2654.2), '2,650');
    assert.equal(formatRate(42.17), '42.2');
    assert.equal(formatWatts(285.4), '285 W');
    assert.equal(formatWatts(1500), '1.5 kW');
    assert.equal(formatUsd(0.4234), '$0.42');
    assert.equal(formatUsd(12.345), '$12.3');
    assert.equal(formatPercent(0.873), '87%');
    assert.equal(formatPercent(0.0734), '7.3%');
    assert.equal(formatChange(-0.079), '−7.9%');
    assert.equal(formatChange(0.125), '+13%');
    assert.equal(formatRatio(1.93), '1.9×');
    assert.equal(formatRatio(1.04), '1.0×');
    assert.equal(formatRatio(0.873), '0.87×');
    assert.equal(formatRatio(12.4), '12×');
  });
});

describe('CodeLens and status bar text', () => {
  let analysis: Analysis;
  before(async () => {
    analysis = await analyzeConfig(TEXT, FILE, memoryHost({ [FILE]: TEXT }));
    assert.ok(analysis.result, JSON.stringify(analysis.diagnostics));
  });

  it('writes the workload line from the result, each speed with its 80 % range, and the ratio against the baseline', () => {
    const r = analysis.result!;
    const q = r.ranges!;
    const b = analysis.baseline!;
    const expected = [
      `${formatMs(r.decode.msPerToken)} (${significant(q['decode.msPerToken'][0])}–${significant(q['decode.msPerToken'][1])})/token`,
      `TTFT ${formatMs(r.prefill.ms)} (${significant(q['prefill.ms'][0])}–${significant(q['prefill.ms'][1])})`,
      `${formatRate(r.throughput.outputTokensPerSecond)} (${significant(q['throughput.outputTokensPerSecond'][0])}–${significant(q['throughput.outputTokensPerSecond'][1])}) tok/s`,
      formatWatts(r.power.watts) + (r.power.throttled ? ' (throttled)' : ''),
      `${formatUsd(r.cost.usdPerMillionOutputTokens)}/1M tok`,
      `${formatRatio(b.ratios.decodeSpeedup)} (${b.ratioRanges!.decodeSpeedup[0].toPrecision(2)}–${b.ratioRanges!.decodeSpeedup[1].toPrecision(2)}, not a clear difference) vs h100-sxm`,
    ].join(' · ');
    assert.ok(b.ratioRanges!.decodeSpeedup[0] < 1 && b.ratioRanges!.decodeSpeedup[1] > 1, 'this design\'s ratio range holds 1');
    assert.equal(workloadLensText(analysis), expected);
    assert.match(workloadLensText(analysis), /^[\d.]+ (ms|µs) \([\d.]+–[\d.]+\)\/token · TTFT [\d.,]+ (ms|s) \(.*\) · [\d,.]+ \(.*\) tok\/s · [\d.]+ k?W.* · \$[\d.,]+\/1M tok · [\d.]+× \(.*\) vs h100-sxm$/);
  });

  it('writes the chip line: peaks by dtype, memory bandwidth, ridge point', () => {
    const r = analysis.result!;
    const text = chipLensText(analysis);
    for (const dtype of Object.keys(r.chip.peakOpsPerSecond)) assert.match(text, new RegExp(`${dtype} [\\d.]+ [PT](FL)?OPS`));
    assert.match(text, / · memory [\d.]+ TB\/s · ridge [\d,.]+ op\/B \((int8|bf16|fp8)\)$/);
  });

  it('says why there are no numbers when the config has errors', async () => {
    const broken = await analyzeConfig('chip:\n  clock: fast\n', FILE, memoryHost({}));
    assert.match(workloadLensText(broken), /^not evaluated: \d+ errors? \(see Problems\)$/);
    const status = statusSummary(broken);
    assert.match(status.text, /^\$\(error\) \d+ · not evaluated$/);
    assert.equal(status.severity, 'error');
  });

  it('puts the headline in the status bar and the detail in its tooltip', () => {
    const status = statusSummary(analysis);
    assert.equal(status.text, `$(pulse) ${formatMs(analysis.result!.decode.msPerToken)}/token`);
    assert.match(status.tooltip, /^\*\*Summary design\*\*\n\nDecode /);
    assert.equal(status.severity, 'ok');
  });

  it('flags a design that does not fit in memory', async () => {
    const big = `${TEXT.replace('batch: 4', 'batch: 4096\n  prompt: 8192')}`;
    const a = await analyzeConfig(big, FILE, memoryHost({ [FILE]: big }));
    assert.equal(a.result?.memory.fits, false);
    assert.match(workloadLensText(a), /^does not fit in memory \(max batch \d+\) · /);
  });
});
