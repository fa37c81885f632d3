// The CodeLens and status bar lines, and the number formats they use.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { formatChange, formatMs, formatPercent, formatRate, formatRatio, formatUsd, formatWatts, significant } from '../../extension/logic/format';
import { chipLensText, fleetLensText, servingLensText, statusSummary, workloadLensText } from '../../extension/logic/summaryText';
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

  it('writes the workload line from the result, with the ratio against the baseline', () => {
    const r = analysis.result!;
    const expected = [
      `${formatMs(r.decode.msPerToken)}/token`,
      `TTFT ${formatMs(r.prefill.ms)}`,
      `${formatRate(r.throughput.outputTokensPerSecond)} tok/s`,
      formatWatts(r.power.watts) + (r.power.throttled ? ' (throttled)' : ''),
      `${formatUsd(r.cost.usdPerMillionOutputTokens)}/1M tok`,
      `${formatRatio(analysis.baseline!.ratios.decodeSpeedup)} vs h100-sxm`,
    ].join(' · ');
    assert.equal(workloadLensText(analysis), expected);
    assert.match(workloadLensText(analysis), /^[\d.]+ (ms|µs)\/token · TTFT [\d.,]+ (ms|s) · [\d,.]+ tok\/s · [\d.]+ k?W.* · \$[\d.,]+\/1M tok · [\d.]+× vs h100-sxm$/);
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

describe('serving headline', () => {
  it('reads the simulation above `serving:` and the fleet above `fleet:`, with the baseline ratio', async () => {
    const text = `${TEXT}serving:\n  rate: 2 /s\n  requests: 200\n  slo: { ttft: 1 s, tpot: 60 ms }\nfleet:\n  peak_rate: 20 /s\n  hot_standby: 10 %\n`;
    const analysis = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text }), { serving: {} });
    const s = analysis.result!.serving!;
    const lens = servingLensText(analysis)!;
    assert.ok(lens.startsWith(`p99 TTFT ${formatMs(s.ttftMs.p99)} · p99 TPOT ${formatMs(s.tpotMs.p99)} · ${formatRate(s.requestsPerSecond)} req/s`), lens);
    assert.match(lens, new RegExp(`max ${formatRate(s.maxRateAtSlo!).replace('.', '\\.')} req/s at SLO \\([\\d.]+× h100-sxm\\)$`));
    const f = analysis.result!.fleet!;
    const fleet = fleetLensText(analysis)!;
    assert.match(fleet, new RegExp(`^${f.replicas} \\+ ${f.standbyReplicas} standby replicas · ${f.chips} chips`));
    assert.match(statusSummary(analysis).tooltip, /Serving: p99 TTFT/);
    // Without `serving:` there is no serving lens.
    const plain = await analyzeConfig(TEXT, FILE, memoryHost({ [FILE]: TEXT }));
    assert.equal(servingLensText(plain), undefined);
  });
});
