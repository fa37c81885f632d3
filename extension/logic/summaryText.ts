// The one-line summaries shown above `workload:` and `chip:` (CodeLens) and in the status
// bar. Every number is a report metric's text (model/report); this module only chooses them.

import type { Analysis } from '../../model/analysis';
import { findMetric, findRatio, reportFor } from '../../model/report/build';
import { verdictGroups } from '../../model/report/ratios';
import type { Metric, Report } from '../../model/report/types';
import { FLEET_UNBOUNDED, isElectricityOnly, isFleetUnbounded, INVALID_NOT_COMPARED, isNoDecodeStep } from '../../model/report/labels';
import { isTrafficMetric } from '../../model/report/traffic';

export function errorCount(analysis: Analysis, file = analysis.file): number {
  return analysis.diagnostics.filter((d) => d.severity === 'error' && (!d.at || d.at.file === file)).length;
}

const text = (report: Report, id: string): string => findMetric(report.design, id)?.text ?? '—';
/** One output token: the response is its prefill, and the summaries lead with it, not with a step that never runs. */
const noDecodeStep = (report: Report): boolean => isNoDecodeStep(findMetric(report.design, 'decode.msPerToken')?.note);
/** A metric's text, a unit suffix, then its note: "$1.19/1M tok (electricity only: no chip price)". */
const withNote = (m: Metric | undefined, suffix = ''): string => (m ? `${m.text}${suffix}${m.note ? ` (${m.note})` : ''}` : '—');

/** "Chip price $25,000 (the h100-sxm preset's estimate) · die 814 mm² (4 nm)": absent when the chip has no price (the cost line says so). */
function siliconLine(m: (id: string) => Metric | undefined): string[] {
  const price = m('silicon.chipPriceUsd');
  if (!price) return [];
  const area = m('silicon.dieAreaMm2');
  return [`${price.label} ${withNote(price)}${area ? ` · die ${withNote(area)}` : ''}`];
}
/** ` [6.89–25.9 ms]`: a metric's 80 % prediction range (contract §4.1), when it has one. */
const range = (report: Report, id: string): string => {
  const r = findMetric(report.design, id)?.range;
  return r ? ` [${r.text}]` : '';
};

/**
 * `8.29 ms/token [6.89–25.9 ms] · TTFT 716 ms [403–1,140 ms] · 1,450 tok/s [...] · 75.5 W/chip ·
 * $1.19/1M tok · vs h100-sxm: no clear difference (0.43–5.52×)`: each speed with its 80 %
 * prediction range; a ratio whose range holds 1 is worded as no clear difference.
 */
export function workloadLensText(analysis: Analysis, comparison = true): string {
  const report = reportFor(analysis);
  const design = report.design;
  if (!design) return notEvaluated(analysis);
  const power = findMetric(design, 'power.watts');
  const noDecode = noDecodeStep(report);
  const parts = [
    noDecode ? 'one output token: no decode step' : `${text(report, 'decode.msPerToken')}/token${range(report, 'decode.msPerToken')}`,
    `TTFT ${text(report, 'prefill.ms')}${range(report, 'prefill.ms')}`,
    `${text(report, 'throughput.outputTokensPerSecond')}${range(report, 'throughput.outputTokensPerSecond')}`,
    // Per chip, said (a workbench review read "62.1 W" as the system's).
    `${power ? `${power.text}/chip` : '—'}${power?.note ? ` (${power.note})` : ''}`,
    withNote(findMetric(design, 'cost.usdPerMillionOutputTokens'), '/1M tok'),
  ];
  const verdict = findRatio(report, noDecode ? 'prefillSpeedup' : 'decodeSpeedup');
  if (verdict && comparison) parts.push(`vs ${baselineLabel(analysis)}: ${noDecode ? 'TTFT ' : ''}${verdict.wording}`);
  const memory = findMetric(design, 'memory.perChip.usedBytes');
  const prefix = memory?.note ? `${memory.note} in memory (max batch ${text(report, 'memory.maxBatch')}) · ` : '';
  // The memory prefix already says why the numbers are not valid.
  const invalid = report.valid || prefix ? '' : 'not valid (see Problems) · ';
  return invalid + prefix + parts.join(' · ');
}

/** `bf16 315 TFLOPS · int8 1.26 POPS · memory 3.28 TB/s · ridge 384 op/B (int8)`. */
export function chipLensText(analysis: Analysis): string {
  const design = reportFor(analysis).design;
  if (!design) return notEvaluated(analysis);
  const chip = (id: string) => design.chip.find((m) => m.id === id);
  const peaks = design.chip
    .filter((m) => m.id.startsWith('chip.peakOpsPerSecond.'))
    .map((m) => `${m.id.slice('chip.peakOpsPerSecond.'.length)} ${m.text}`);
  const ridge = chip('chip.ridgeOpsPerByte');
  // A chip with no off-chip memory: its first level (the SRAM) is its memory.
  const memory = chip('chip.memoryBandwidthBytesPerSecond');
  const level = memory ? undefined : design.chip.find((m) => m.id.startsWith('chip.memoryLevels.'));
  return (
    notValid(reportFor(analysis)) +
    [
      ...peaks,
      memory || !level ? `memory ${memory?.text ?? '—'}` : `${level.label.replace(/ bandwidth$/, '')} ${level.text}`,
      ...(ridge ? [`ridge ${ridge.text} (${ridge.label.replace(/^.*\((.*)\)$/, '$1')})`] : []),
    ].join(' · ')
  );
}

/**
 * Above `serving:`: `p99 TTFT 151 ms [108–402 ms] · p99 TPOT 18.8 ms [12.4–41.6 ms] · max 15.8
 * req/s [2.1–21.3 req/s] at SLO (vs h100-sxm: ...) · SLO met by 100% · 9.89 req/s · 1,290 tok/s ·
 * mean batch 48.1`: the ranges are the serving ranges (model/serving/servingRanges.ts).
 */
export function servingLensText(analysis: Analysis, comparison = true): string | undefined {
  const report = reportFor(analysis);
  const m = (id: string) => findMetric(report.design, id);
  // A `serving:` section with an error is not simulated: said where the figures would be, not left
  // without a lens (a workbench review: `percentile: 1` took the lens away without a word).
  if (!m('serving.ttftMs.p99')) return notSimulated(analysis, 'serving') ? NOT_SIMULATED : undefined;
  // With every step at its slow end the instance would overload: its latencies have no range
  // (serving-range-overloaded), which the lens said only by leaving the brackets out (a review).
  const unranged =
    !analysis.result?.ranges?.['serving.ttftMs.p99'] && analysis.diagnostics.some((d) => d.code === 'serving-range-overloaded')
      ? ' (no range: its slow end overloads)'
      : '';
  // What an operator reads first leads (a workbench review: at 420 px the lens is cut after about
  // 40 characters, at 640 px before the rate within the SLO): the p99s, the SLO's figures, then
  // what is served.
  const parts = [
    `p99 TTFT ${text(report, 'serving.ttftMs.p99')}${range(report, 'serving.ttftMs.p99')}${unranged}`,
    `p99 TPOT ${text(report, 'serving.tpotMs.p99')}${range(report, 'serving.tpotMs.p99')}`,
  ];
  const attainment = m('serving.sloAttainment');
  // This run and the max-rate search disagree at this rate: said, so "met by 99.9%" does not sit
  // unqualified beside a max below the rate offered (report/metrics.ts sloEdgeNote).
  const edge = analysis.result?.serving?.sloEdge;
  const s = analysis.result?.serving;
  // Missed at the rate offered: said as a miss, and before the rest, where a cut lens still shows
  // it (a workbench review read "SLO met by 96.4%" at p99 as a pass).
  const missed = !edge && s?.slo !== undefined && s.sloAttainment !== undefined && s.sloAttainment < s.slo.percentile / 100;
  if (attainment && missed)
    parts.push(
      `SLO missed: met by ${attainment.text}${range(report, 'serving.sloAttainment')}, p${s!.slo!.percentile} asks ${s!.slo!.percentile}%`,
    );
  const maxRate = m('serving.maxRateAtSlo');
  if (!maxRate && analysis.result?.serving?.maxRateBracket) parts.push("max rate at SLO: search cut by the editor's time budget");
  if (maxRate) {
    const ratio = comparison ? findRatio(report, 'serving.maxRateAtSlo') : undefined;
    parts.push(
      `max ${maxRate.text}${range(report, 'serving.maxRateAtSlo')} at SLO${analysis.result?.serving?.searchTruncated ? ' (search cut by the time budget)' : ''}${ratio ? ` (vs ${baselineLabel(analysis)}: ${ratio.wording})` : ''}`,
    );
  }
  if (attainment && !missed)
    parts.push(
      `SLO met by ${attainment.text}${range(report, 'serving.sloAttainment')}${edge ? ` here, at its edge (settled runs ${edge.run === 'met' ? 'miss' : 'meet'} it at this rate)` : ''}`,
    );
  parts.push(
    text(report, 'serving.requestsPerSecond'),
    text(report, 'serving.outputTokensPerSecond'),
    `mean batch ${text(report, 'serving.meanBatch')}`,
  );
  // Past saturation the p99s measure how long the run was and the rates are the saturation's: said first.
  return `${notValid(report)}${analysis.result?.serving?.overloaded ? 'overloaded, the queue grows with the run: ' : ''}${parts.join(' · ')}`;
}

const NOT_SIMULATED = 'not simulated: fix the errors (see Problems)';

/**
 * The section is written, its simulation did not run and an error is why. Not while the traffic
 * is still being simulated (no serving result yet, no error), and not where an error about the
 * result let it run (`power-over-tdp` at the lowest clock: its figures are shown, marked).
 */
const notSimulated = (analysis: Analysis, section: 'serving' | 'fleet'): boolean =>
  analysis.origins.has(section) && !analysis.result?.serving && errorCount(analysis) > 0;

/**
 * Every lens with numbers says when they are not the design as written (a likely typo, an
 * error), not only the one above `workload:` (a workbench review: `hot_stanby: 12 %` left the
 * fleet lens above it unmarked).
 */
const notValid = (report: Report): string => (report.valid ? '' : 'not valid (see Problems) · ');

/** Above `fleet:`: `21 [16–112] + 2 standby replicas · 184 [136–1,368] chips · 13.9 kW [9.66–66.7 kW] · $0.831/1M tok [$0.64–4.1] (vs an all-h100-sxm fleet: ...)`. */
export function fleetLensText(analysis: Analysis, comparison = true): string | undefined {
  const report = reportFor(analysis);
  const m = (id: string) => findMetric(report.design, id);
  if (!m('fleet.replicas')) {
    if (analysis.diagnostics.some((d) => d.code === 'fleet-cut-short'))
      return "fleet not sized: the editor's time budget cut the max-rate search (`jalapeno eval` sizes it)";
    // Said where the fleet's figures would be, not a lens gone (a workbench review: `tpot: 50 us`).
    if (notSimulated(analysis, 'fleet')) return NOT_SIMULATED;
    // Nothing to say while the traffic is still simulated (the static phase has no serving result).
    if (!analysis.origins.has('fleet') || !analysis.result?.serving) return undefined;
    const unsizable = analysis.diagnostics.some((d) => d.code === 'fleet-unsizable' || d.code === 'slo-unreachable');
    return unsizable ? 'fleet not sized: no replica meets the SLO (see Problems)' : 'fleet not sized (see Problems)';
  }
  const standby = m('fleet.standbyReplicas');
  const ratio = comparison ? findRatio(report, 'fleet.usdPerMillionOutputTokens') : undefined;
  // Without a range where the serving lens has one, said, as there (fleet-range-unbounded).
  const unranged = isFleetUnbounded(m('fleet.replicas'), analysis.diagnostics) ? ` (${FLEET_UNBOUNDED})` : '';
  return (
    notValid(report) +
    [
      `${text(report, 'fleet.replicas')}${range(report, 'fleet.replicas')}${unranged}${standby && standby.value > 0 ? ` + ${standby.text} standby` : ''} replicas`,
      `${text(report, 'fleet.chips')}${range(report, 'fleet.chips')} chips`,
      `${text(report, 'fleet.watts')}${range(report, 'fleet.watts')}`,
      `${text(report, 'fleet.usdPerMillionOutputTokens')}/1M tok${range(report, 'fleet.usdPerMillionOutputTokens')}${ratio ? ` (vs an all-${baselineLabel(analysis)} fleet: ${ratio.wording})` : ''}`,
    ].join(' · ')
  );
}

/**
 * Above `compare:`: each ratio's verdict in its short form (`vs h100-sxm: decode no clear
 * difference · perf/W 1.94× higher · cost per response 2.15× cheaper · …`), its full wording with
 * the range in the tooltip. The lenses above `workload:`, `serving:` and `fleet:` then leave
 * their comparisons out: with them, a fleet config's lenses ran past 240 characters and the
 * verdicts at their ends were cut off beside the views (a workbench review).
 */
export function comparisonLens(analysis: Analysis): { title: string; tooltip: string } | undefined {
  const report = reportFor(analysis);
  const all = report.baseline?.ratios ?? [];
  if (!all.length) return undefined;
  const vs = `vs ${baselineLabel(analysis)}`;
  if (!report.valid) return { title: `${vs}: ${INVALID_NOT_COMPARED}`, tooltip: INVALID_NOT_COMPARED };
  // The verdict before its brackets: "no clear difference", "1.94× higher", "not comparable: …".
  const short = (wording: string) => wording.replace(/ \(.*$/, '');
  // The clear verdicts first, where a lens cut at the pane's edge still shows them (a workbench
  // review: six names of no clear difference filled it), a traffic config's traffic's before
  // its static batch's, which say they are (verdictGroups).
  const groups = verdictGroups(all, (r) => isTrafficMetric(r.metricId));
  const split = groups.length > 1;
  const batchSaid = (g: (typeof groups)[number]) => (split && !g.traffic ? ' (static batch)' : '');
  // A cost compared at other chip prices than the cost lens shows says so in the lens too (a
  // workbench review: "1.35× dearer" beside costs of $2.04 and $2.00, a given price set aside).
  const priced = (r: (typeof all)[number]) =>
    (r.basis?.startsWith('at modelled chip prices') ? ' at modelled prices' : r.basis ? ' at one modelled price' : '') +
    (r.otherWayAtShownPrices ? ` (${r.otherWayAtShownPrices} at the prices shown)` : '');
  const said = (compared: boolean) =>
    groups.flatMap((g) =>
      g.clear
        .filter((r) => (r.verdict !== 'not-comparable') === compared)
        .map((r) => `${r.label} ${short(r.wording)}${priced(r)}${batchSaid(g)}`),
    );
  const unclear = groups
    .filter((g) => g.unclear.length > 0)
    .map((g) => `${split && !g.traffic ? 'static batch: ' : ''}no clear difference in ${g.unclear.map((r) => r.label).join(', ')}`);
  // What is not compared last: a verdict leads (a final check saw "decode not compared" first).
  const verdicts = [...said(true), ...unclear, ...said(false)];
  const line = (r: (typeof all)[number]) => `${r.label}: ${r.wording}`;
  return {
    title: `${vs}: ${verdicts.join(' · ')}`,
    tooltip: [
      `${report.baseline!.name}, this design over it:`,
      // In the report's order within each group, every wording whole.
      ...groups.flatMap((g) => [
        ...(split && !g.traffic ? ['The static batch:'] : []),
        ...all.filter((r) => isTrafficMetric(r.metricId) === g.traffic).map(line),
      ]),
    ].join('\n'),
  };
}

function notEvaluated(analysis: Analysis): string {
  const errors = errorCount(analysis, analysis.file) || analysis.diagnostics.filter((d) => d.severity === 'error').length;
  return errors ? `not evaluated: ${errors} error${errors === 1 ? '' : 's'} (see Problems)` : 'not evaluated';
}

/** The baseline as the user named it (`compare: h100-sxm`), else its display name. */
export function baselineLabel(analysis: Analysis): string {
  const compare = analysis.config?.compare;
  if (typeof compare === 'string' && compare.trim())
    return compare
      .trim()
      .replace(/^.*\//, '')
      .replace(/\.chip\.ya?ml$/, '');
  return analysis.baseline?.name ?? '';
}

export interface StatusSummary {
  /** With a codicon: `$(pulse) 6.1 ms/token`. */
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Plain text for a screen reader (the tooltip's markdown read aloud was "\*\*Jalapeño…"). */
  label: string;
  severity: 'ok' | 'warning' | 'error';
  /** The words before the number that say what is wrong with it ("not valid", "SLO missed"), '' when nothing is. */
  mark: string;
}

export function statusSummary(analysis: Analysis): StatusSummary {
  const errors = errorCount(analysis);
  const report = reportFor(analysis);
  const design = report.design;
  const fits = !findMetric(design, 'memory.perChip.usedBytes')?.note;
  const headline = design ? headlineText(report, analysis) : 'not evaluated';
  // A likely typo leaves every number not the design as written (report.valid): said where the
  // number is, as the CodeLens and the views say it, not a plain 18.1 ms/token.
  const invalid = !errors && design !== undefined && !report.valid;
  // What is wrong with the traffic's figures, said before them in the warning colour (a workbench
  // review: a plain headline beside two serving warnings, an SLO met by 0 %, a fleet not sized).
  const trouble = design && !errors && !invalid ? trafficTrouble(analysis, report) : undefined;
  const mark = errors ? `${errors} error${errors === 1 ? '' : 's'}` : invalid ? 'not valid' : (trouble ?? '');
  const text_ = errors
    ? `$(error) ${mark} · ${headline}`
    : mark
      ? `$(warning) ${mark} · ${headline}`
      : design && !fits
        ? `$(warning) ${headline}`
        : `$(pulse) ${headline}`;
  const paragraphs = [`**${escapeMarkdown(report.name)}**`];
  if (invalid)
    paragraphs.push('Not valid: a warning in the Problems panel leaves these numbers not the design as written (a likely typo).');
  // The configured traffic first, as the headline: what a serving or fleet config is about.
  const fleet = fleetLensText(analysis);
  if (fleet) paragraphs.push(`Fleet: ${fleet}`);
  const serving = servingLensText(analysis);
  if (serving) paragraphs.push(`Serving, one instance: ${serving}`);
  if (serving && report.traffic) paragraphs.push(escapeMarkdown(`Traffic: ${report.traffic}`));
  if (design && serving && report.setting) paragraphs.push(escapeMarkdown(`A static batch (${report.setting}):`));
  if (design) paragraphs.push(...resultLines(report));
  if (errors) paragraphs.push(`${errors} error${errors === 1 ? '' : 's'}: see the Problems panel.`);
  paragraphs.push(design ? 'Click to open the design views.' : 'Click to show the problems.');
  const label = [
    `Jalapeño: ${report.name}`,
    mark,
    design ? headline.replace('/token', ' per token').replace('/1M tok', ' per million tokens') : 'not evaluated',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    text: text_,
    tooltip: paragraphs.join('\n\n'),
    label,
    severity: errors ? 'error' : mark || (design && !fits) ? 'warning' : 'ok',
    mark,
  };
}

/**
 * The traffic's trouble in two or three words: a fleet that could not be sized, an instance past
 * saturation (not where the headline is a fleet's, sized for its peak: the instance is the one
 * shown under `serving.rate`), an SLO its percentile misses at the rate offered.
 */
function trafficTrouble(analysis: Analysis, report: Report): string | undefined {
  const serving = analysis.result?.serving;
  if (!serving) return undefined;
  const fleet = findMetric(report.design, 'fleet.chips');
  if (analysis.origins.has('fleet') && !fleet) return 'fleet not sized';
  if (isFleetUnbounded(fleet, analysis.diagnostics)) return 'fleet without a range';
  if (serving.overloaded && !fleet) return 'overloaded';
  if (!fleet && serving.slo && serving.sloAttainment !== undefined && serving.sloAttainment < serving.slo.percentile / 100)
    return 'SLO missed';
  return undefined;
}

/**
 * The status bar's number: a fleet's size and cost (`168 chips + 16 standby · $0.831/1M tok`), else one
 * instance's p99 latencies under the traffic (`p99 TTFT 249 ms · TPOT 29.2 ms`), else the static
 * batch's per-token latency (`18.7 ms/token`).
 */
function headlineText(report: Report, analysis: Analysis): string {
  const m = (id: string) => findMetric(report.design, id);
  const chips = m('fleet.chips');
  const cost = m('fleet.usdPerMillionOutputTokens');
  // A standby of another chip is not added to this design's ("168 chips + 16 standby", not "184 chips": a workbench review).
  const [active, standby] = analysis.result?.fleet?.pools ?? [];
  const count =
    active && standby && standby.design !== active.design
      ? `${active.chips.toLocaleString('en-US')} chips + ${standby.chips.toLocaleString('en-US')} standby`
      : `${chips?.text} chips`;
  if (chips && cost) return `${count} · ${cost.text}/1M tok${isElectricityOnly(cost.note) ? ' (electricity only)' : ''}`;
  const ttft = m('serving.ttftMs.p99');
  if (ttft) return `p99 TTFT ${ttft.text}${m('serving.tpotMs.p99') ? ` · TPOT ${text(report, 'serving.tpotMs.p99')}` : ''}`;
  return noDecodeStep(report) ? `TTFT ${text(report, 'prefill.ms')}` : `${text(report, 'decode.msPerToken')}/token`;
}

function resultLines(report: Report): string[] {
  const m = (id: string) => findMetric(report.design, id);
  const lines = [
    noDecodeStep(report)
      ? `TTFT ${text(report, 'prefill.ms')} · response ${text(report, 'response.ms')} · one output token: no decode step`
      : `Decode ${text(report, 'decode.msPerToken')}/token (${m('decode.msPerToken')?.note ?? ''}) · TTFT ${text(report, 'prefill.ms')} · response ${text(report, 'response.ms')}`,
    `${text(report, 'throughput.outputTokensPerSecond')} · ${withNote(m('power.watts'), '/chip')} · ${withNote(m('cost.usdPerMillionOutputTokens'), ' per 1M tokens')}`,
    ...siliconLine(m),
    m('memory.perChip.usedBytes')?.note
      ? `Does not fit in memory: max batch ${text(report, 'memory.maxBatch')}`
      : `Memory fits (max batch ${text(report, 'memory.maxBatch')})`,
  ];
  // Not compared at all when the result is not valid: one line, not the same words per ratio.
  if (report.baseline?.ratios.length)
    lines.push(
      report.valid
        ? `vs ${report.baseline.name}: ${report.baseline.ratios.map((r) => `${r.label} ${r.wording}`).join(' · ')}`
        : `vs ${report.baseline.name}: ${INVALID_NOT_COMPARED}`,
    );
  return lines.map(escapeMarkdown);
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
