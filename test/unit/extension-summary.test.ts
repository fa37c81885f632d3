// The CodeLens and status bar lines, and the number formats they use.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerModel } from '../../webview/headerModel';
import { whatItDrives } from '../../extension/logic/drivers';
import { before, describe, it } from 'node:test';
import { buildReport, findMetric, findRatio } from '../../model/report/build';
import {
  chipLensText,
  comparisonLens,
  fleetLensText,
  servingLensText,
  statusSummary,
  workloadLensText,
} from '../../extension/logic/summaryText';
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

describe('CodeLens and status bar text', () => {
  let analysis: Analysis;
  before(async () => {
    analysis = await analyzeConfig(TEXT, FILE, memoryHost({ [FILE]: TEXT }));
    assert.ok(analysis.result, JSON.stringify(analysis.diagnostics));
  });

  it('writes the workload line from the result, each speed with its 80 % range, with the ratio against the baseline', () => {
    const report = buildReport(analysis);
    const text = (id: string) => findMetric(report.design, id)!.text;
    const range = (id: string) => ` [${findMetric(report.design, id)!.range!.text}]`;
    const power = findMetric(report.design, 'power.watts')!;
    const expected = [
      `${text('decode.msPerToken')}/token${range('decode.msPerToken')}`,
      `TTFT ${text('prefill.ms')}${range('prefill.ms')}`,
      `${text('throughput.outputTokensPerSecond')}${range('throughput.outputTokensPerSecond')}`,
      `${power.text}/chip` + (power.note ? ` (${power.note})` : ''),
      `${text('cost.usdPerMillionOutputTokens')}/1M tok`,
      `vs h100-sxm: ${findRatio(report, 'decodeSpeedup')!.wording}`,
    ].join(' · ');
    assert.equal(workloadLensText(analysis), expected);
    assert.match(
      workloadLensText(analysis),
      /^[\d.]+ (ms|µs)\/token \[[\d.,]+–[\d.,]+ (ms|s)\] · TTFT [\d.,]+ (ms|s) \[.*\] · [\d,.]+ tok\/s \[.*\] · [\d.]+ k?W\/chip.* · \$[\d.,]+\/1M tok · vs h100-sxm: ([\d.]+× (faster|slower)|no clear difference \(.*\))$/,
    );
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
    assert.match(status.text, /^\$\(error\) \d+ errors? · not evaluated$/);
    assert.equal(status.severity, 'error');
  });

  it('puts the headline in the status bar and the detail in its tooltip', () => {
    const status = statusSummary(analysis);
    assert.equal(status.text, `$(pulse) ${findMetric(buildReport(analysis).design, 'decode.msPerToken')!.text}/token`);
    assert.match(status.tooltip, /^\*\*Summary design\*\*\n\nDecode /);
    assert.equal(status.severity, 'ok');
  });

  it('marks numbers a likely typo leaves not valid, once, and reads plainly to a screen reader (a workbench review)', async () => {
    const typo = TEXT.replace('batch: 4', 'bacth: 4');
    const a = await analyzeConfig(typo, FILE, memoryHost({ [FILE]: typo }));
    const status = statusSummary(a);
    assert.match(status.text, /^\$\(warning\) not valid · [\d.]+ ms\/token$/);
    assert.equal(status.severity, 'warning');
    assert.match(status.tooltip, /\n\nNot valid: a warning in the Problems panel/);
    assert.equal(status.tooltip.match(/not compared/g)?.length, 1);
    assert.match(status.label, /^Jalapeño: Summary design, not valid, [\d.]+ ms per token$/);
    assert.doesNotMatch(status.label, /[*\\]/);
  });

  it('above compare: a clear cost verdict at other chip prices than the rows show says so', async () => {
    // The HBM3e variant on 6 stacks with a price of its own: its cost rows show $15,000, the
    // ratio compares both dies' modelled prices (a workbench review read "1.36× dearer" beside
    // $2.04 and $2.00).
    const dir = join(__dirname, '..', '..', 'examples');
    const file = join(dir, 'priced.chip.yaml');
    const text =
      'extends: ./jalapeno-hbm3e.chip.yaml\nchip: { memory: { stacks: 6, capacity: 216 GB } }\ncost: { chip_price: 15000 USD }\n';
    const example = (name: string) => [join(dir, name), readFileSync(join(dir, name), 'utf8')];
    const files = Object.fromEntries([[file, text], example('jalapeno-hbm3e.chip.yaml'), example('jalapeno.chip.yaml')]);
    const a = await analyzeConfig(text, file, memoryHost(files, join(dir, '..')));
    const cost = buildReport(a).baseline!.ratios.find((r) => r.id === 'costPerResponse')!;
    assert.ok(cost.basis && cost.verdict === 'worse', cost.wording);
    assert.match(comparisonLens(a)!.title, /cost per response [\d.]+× dearer at modelled prices/);
  });

  it('above compare: the verdicts, clear ones first with their words, the rest named together; full wordings in the tooltip', () => {
    const lens = comparisonLens(analysis)!;
    const ratios = buildReport(analysis).baseline!.ratios;
    assert.ok(lens.title.startsWith('vs h100-sxm: '), lens.title);
    for (const r of ratios) {
      if (r.verdict === 'uncertain') assert.match(lens.title, new RegExp(`no clear difference in .*${r.label.replace(/[/]/g, '\\/')}`));
      else assert.ok(lens.title.includes(`${r.label} ${r.wording.replace(/ \(.*$/, '')}`), `${r.label} in ${lens.title}`);
      assert.ok(lens.tooltip.includes(`${r.label}: ${r.wording}`), r.label);
    }
    // ... and the section lenses then leave them out.
    assert.doesNotMatch(workloadLensText(analysis, false), /vs h100-sxm/);
  });

  it('flags a design that does not fit in memory', async () => {
    const big = `${TEXT.replace('batch: 4', 'batch: 4096\n  prompt: 8192')}`;
    const a = await analyzeConfig(big, FILE, memoryHost({ [FILE]: big }));
    assert.equal(a.result?.memory.fits, false);
    assert.match(workloadLensText(a), /^does not fit in memory \(max batch [\d,]+\) · /);
  });
});

describe('serving headline', () => {
  it('every lens with numbers says when they are not valid; an erring `serving:` says it is not simulated; an overloaded one is said on the status bar', async () => {
    const serving = `serving:\n  rate: 2 /s\n  requests: 200\n  slo: { ttft: 1 s, tpot: 60 ms }\nfleet:\n  peak_rate: 20 /s\n  hot_standby: 10 %\n`;
    const of = async (text: string) => analyzeConfig(text, FILE, memoryHost({ [FILE]: text }), { serving: {} });
    // A likely typo (a warning that invalidates the result): the fleet and serving lenses are marked as the first one is.
    const typo = await of(`${TEXT}${serving.replace('hot_standby', 'hot_stanby')}`);
    assert.ok(!buildReport(typo).valid);
    assert.match(servingLensText(typo)!, /^not valid \(see Problems\) · p99 TTFT /);
    assert.match(fleetLensText(typo)!, /^not valid \(see Problems\) · [\d,]+ /);
    // An error in `serving:` leaves nothing simulated: the lenses say so where the figures would be.
    const wrong = await of(`${TEXT}${serving.replace('tpot: 60 ms', 'tpot: 60 ms, percentile: 1')}`);
    assert.ok(wrong.diagnostics.some((d) => d.severity === 'error'));
    assert.equal(servingLensText(wrong), 'not simulated: fix the errors (see Problems)');
    assert.equal(fleetLensText(wrong), 'not simulated: fix the errors (see Problems)');
    // A schema error in `serving:` (the validator's, before the simulation's own checks) leaves the
    // static batch, not valid, as the README says (a new user's `rate: -5 /s` lost every number).
    const negative = await of(`${TEXT}${serving.replace('rate: 2 /s', 'rate: -5 /s')}`);
    assert.ok(negative.diagnostics.some((d) => d.severity === 'error' && d.path === 'serving.rate'));
    assert.ok(negative.result && !negative.result.serving, 'the static batch, nothing simulated');
    // The preset baseline shares the `serving:` section: its error is the design's, not a lost comparison (a code review).
    assert.ok(negative.baseline, 'the comparison stays');
    assert.equal(negative.diagnostics.filter((d) => d.path === 'compare' && d.severity === 'error').length, 0);
    assert.ok(!buildReport(negative).valid);
    assert.equal(servingLensText(negative), 'not simulated: fix the errors (see Problems)');
    // The attainment carries its range as the other figures do.
    const fine = await of(`${TEXT}${serving}`);
    const attainment = findMetric(buildReport(fine).design, 'serving.sloAttainment')!;
    assert.ok(servingLensText(fine)!.includes(`SLO met by ${attainment.text} [${attainment.range!.text}]`), servingLensText(fine));
    // Above compare:, a traffic config's verdicts lead with its traffic's, the static batch's
    // after them said to be, in the title and the tooltip.
    const ratios = buildReport(fine).baseline!.ratios;
    const traffic = ratios.filter((r) => /^(serving|fleet)\./.test(r.metricId));
    assert.ok(traffic.length > 0 && traffic.length < ratios.length);
    const lens = comparisonLens(fine)!;
    const lines = lens.tooltip.split('\n').slice(1);
    assert.deepEqual(
      lines.slice(0, traffic.length).map((l) => l.split(':')[0]),
      traffic.map((r) => r.label),
    );
    assert.equal(lines[traffic.length], 'The static batch:');
    // In the title the clear verdicts come first (a lens cut at the pane's edge still shows them),
    // the static batch's said to be; then the unclear ones, the traffic's before the batch's.
    const firstUnclear = lens.title.indexOf('no clear difference in');
    for (const r of ratios.filter((x) => x.verdict !== 'uncertain')) {
      const at = lens.title.indexOf(`${r.label} `);
      assert.ok(at >= 0 && (firstUnclear < 0 || at < firstUnclear), `${r.label} before the unclear ones in ${lens.title}`);
      if (!traffic.includes(r)) assert.ok(lens.title.slice(at).split(' · ')[0]!.endsWith(' (static batch)'), lens.title);
    }
    const batchUnclear = ratios.filter((x) => x.verdict === 'uncertain' && !traffic.includes(x));
    if (batchUnclear.length)
      assert.ok(lens.title.includes(`static batch: no clear difference in ${batchUnclear.map((x) => x.label).join(', ')}`), lens.title);
    // Past saturation, the status bar says so, in the warning colour.
    const flood = await of(`${TEXT}${serving.replace('rate: 2 /s', 'rate: 5000 /s').replace(/fleet:[\s\S]*$/, '')}`);
    assert.equal(flood.result!.serving!.overloaded, true);
    const status = statusSummary(flood);
    assert.match(status.text, /^\$\(warning\) overloaded · p99 TTFT /);
    assert.equal(status.severity, 'warning');
    assert.equal(status.mark, 'overloaded');
    // An SLO no replica meets: the fleet is not sized, and the status bar says so (a workbench review read a plain headline).
    const tight = await of(`${TEXT}${serving.replace('tpot: 60 ms', 'tpot: 1 ms')}`);
    assert.match(statusSummary(tight).text, /^\$\(warning\) fleet not sized · p99 TTFT /);
    assert.match(fleetLensText(tight)!, /^fleet not sized: no replica meets the SLO/);
    // ... and the views' header, where the fleet's cards would be.
    const unsized = headerModel(buildReport(tight)).metrics.find((c) => c.id === 'fleet.chips')!;
    assert.deepEqual([unsized.value, unsized.group], ['not sized', 'traffic']);
    // Without a fleet, an SLO the instance misses at the rate offered.
    const missed = await of(`${TEXT}${serving.replace('tpot: 60 ms', 'tpot: 1 ms').replace(/fleet:[\s\S]*$/, '')}`);
    assert.match(statusSummary(missed).text, /^\$\(warning\) SLO missed · p99 TTFT /);
    assert.equal(
      headerModel(buildReport(missed)).metrics.find((c) => c.id === 'fleet.chips'),
      undefined,
    );
    assert.equal(statusSummary(fine).mark, '');
    // A standby of the baseline's chips is not added to this design's (a workbench review read "184 chips").
    const mixed = await of(`${TEXT}${serving}  standby: baseline\n`);
    const [active, standby] = mixed.result!.fleet!.pools;
    assert.equal(statusSummary(mixed).text.split(' · ')[0], `$(pulse) ${active!.chips} chips + ${standby!.chips} standby`);
  });

  it('reads the simulation above `serving:` and the fleet above `fleet:` from the report, with the baseline ratio', async () => {
    const text = `${TEXT}serving:\n  rate: 2 /s\n  requests: 200\n  slo: { ttft: 1 s, tpot: 60 ms }\nfleet:\n  peak_rate: 20 /s\n  hot_standby: 10 %\n`;
    const analysis = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text }), { serving: {} });
    const report = buildReport(analysis);
    const metric = (id: string) => findMetric(report.design, id)!.text;
    // The figure with its serving range (model/serving/servingRanges.ts): "80.7 ms [58.1–133 ms]".
    const ranged = (id: string) => `${metric(id)} [${findMetric(report.design, id)!.range!.text}]`;
    const lens = servingLensText(analysis)!;
    // The p99s first, then the SLO's figures, then what is served.
    assert.ok(
      lens.startsWith(
        `p99 TTFT ${ranged('serving.ttftMs.p99')} · p99 TPOT ${ranged('serving.tpotMs.p99')} · max ${ranged('serving.maxRateAtSlo')} at SLO (vs h100-sxm: ${findRatio(report, 'serving.maxRateAtSlo')!.wording}) · SLO met by `,
      ),
      lens,
    );
    // The simulation's mean sequences per step, not the file's `workload.batch`.
    assert.ok(
      lens.endsWith(
        ` · ${metric('serving.requestsPerSecond')} · ${metric('serving.outputTokensPerSecond')} · mean batch ${metric('serving.meanBatch')}`,
      ),
      lens,
    );
    const f = analysis.result!.fleet!;
    const fleet = fleetLensText(analysis)!;
    assert.ok(
      fleet.startsWith(
        `${ranged('fleet.replicas')} + ${f.standbyReplicas} standby replicas · ${ranged('fleet.chips')} chips · ${ranged('fleet.watts')}`,
      ),
      fleet,
    );
    assert.match(fleet, /vs an all-h100-sxm fleet: /);
    // The hovers on `serving` and `fleet` give the same ranges, and say what they are.
    const [low, high] = analysis.result!.ranges!['fleet.replicas']!;
    const hover = whatItDrives('fleet.peak_rate', analysis.result!)!;
    assert.ok(hover.startsWith(`${f.replicas} [${low}–${high}] replicas`), hover);
    // ... the chips too, as the CodeLens and the views do (a workbench review: "200 chips" beside "200 [136–1,368] chips").
    const [chipsLow, chipsHigh] = analysis.result!.ranges!['fleet.chips']!.map((x) => Math.round(x).toLocaleString('en-US'));
    assert.ok(hover.includes(`${f.chips.toLocaleString('en-US')} [${chipsLow}–${chipsHigh}] chips`), hover);
    assert.match(hover, /both ends of its 80 % range/);
    assert.match(whatItDrives('serving.rate', analysis.result!)!, /p99 [\d.]+ ms \[[\d.]+ ms–[\d.]+ ms\], TPOT/);
    // The status bar leads with what a fleet config is about: the fleet's size and cost (a
    // workbench review read its static batch's ms/token there); the tooltip with the fleet, the
    // instance under its traffic, then the static batch, each said for what it is.
    const status = statusSummary(analysis);
    assert.equal(status.text, `$(pulse) ${metric('fleet.chips')} chips · ${metric('fleet.usdPerMillionOutputTokens')}/1M tok`);
    const order = ['Fleet: ', 'Serving, one instance: p99 TTFT', `Traffic: Poisson 2 /s`, 'A static batch ', 'Decode '].map((p) =>
      status.tooltip.indexOf(p),
    );
    assert.ok(
      order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)),
      `${order.join(' ')}\n${status.tooltip}`,
    );
    // The views' header leads with the same traffic's cards, the static batch's after them under their own caption.
    const header = headerModel(report);
    assert.deepEqual(
      header.groups.map((g) => g.group),
      ['traffic', 'batch'],
    );
    assert.match(header.groups[0]!.caption!, /^The configured traffic, one instance: Poisson 2 \/s · /);
    assert.match(header.groups[1]!.caption!, /^A static batch: batch 4 · /);
    assert.deepEqual(
      header.metrics.filter((c) => c.group === 'traffic').map((c) => c.id),
      ['serving.ttftMs.p99', 'serving.tpotMs.p99', 'serving.maxRateAtSlo', 'fleet.chips', 'fleet.usdPerMillionOutputTokens'],
    );
    const ttftCard = header.metrics[0]!;
    assert.equal(ttftCard.value, metric('serving.ttftMs.p99'));
    // Its range is the steps' ends, bracketed as the lens brackets it, not called an 80 % range
    // (the note under the header says once how it is made).
    assert.ok(ttftCard.detail!.startsWith(`[${findMetric(report.design, 'serving.ttftMs.p99')!.range!.text}] · p50 `), ttftCard.detail);
    assert.doesNotMatch(JSON.stringify(header.metrics), /step times' ranges/);
    assert.match(header.rangeNote!, /every step at both ends of its 80 % range/);
    // The baseline's own highest rate within the SLO stands beside this design's, with its range;
    // the attainment at the rate offered with its own.
    const baselineRate = findMetric(report.baseline!.report, 'serving.maxRateAtSlo')!;
    const rateCard = header.metrics.find((c) => c.id === 'serving.maxRateAtSlo')!;
    assert.ok(
      rateCard.detail!.includes(` · ${report.baseline!.name}: ${baselineRate.text} [${baselineRate.range!.text}]`),
      rateCard.detail,
    );
    const attainment = findMetric(report.design, 'serving.sloAttainment')!;
    assert.ok(
      rateCard.detail!.endsWith(
        `SLO met by ${attainment.text}${attainment.range ? ` [${attainment.range.text}]` : ''} at the rate offered`,
      ),
      rateCard.detail,
    );
    // A count's range names its unit; the power counts the standby's chips and says so.
    const fleetCard = header.metrics.find((c) => c.id === 'fleet.chips')!.detail!;
    assert.match(fleetCard, /\[[\d,]+–[\d,]+ chips\]$/);
    assert.match(fleetCard, /on average, standby included/);
    assert.ok(header.metrics.every((c, i) => i < 5 || c.group === 'batch'));
    // Without `fleet:`, the instance's p99 latencies.
    const servingOnly = text.replace(/fleet:[\s\S]*$/, '');
    const one = statusSummary(await analyzeConfig(servingOnly, FILE, memoryHost({ [FILE]: servingOnly }), { serving: {} }));
    assert.match(one.text, /^\$\(pulse\) p99 TTFT [\d.]+ m?s · TPOT [\d.]+ ms$/);
    // Without `serving:` there is no serving lens and no serving metric.
    const plain = await analyzeConfig(TEXT, FILE, memoryHost({ [FILE]: TEXT }));
    assert.equal(servingLensText(plain), undefined);
    assert.equal(findMetric(buildReport(plain).design, 'serving.ttftMs.p99'), undefined);
  });
});
