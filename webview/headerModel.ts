// What the header above the views says, read from the report alone: badges, the headline
// metrics with their details, and the ratios against the baseline in their wording. No DOM
// here, so the editor-side tests can compare these texts with the other surfaces'.

import {
  FLEET_UNBOUNDED,
  isElectricityOnly,
  isFleetUnbounded,
  INVALID_NOT_COMPARED,
  OVER_TDP_AT_EVERY_CLOCK,
  POWER_CHECK_NOTE,
} from '../model/report/labels';
import { otherRangeNotes } from '../model/report/metric';
import { pairedRangeNote, rangeAsWorded } from '../model/report/ratios';
import { isTrafficMetric } from '../model/report/traffic';
import type { Metric, Report, Verdict } from '../model/report/types';

export interface HeaderMetric {
  id: string;
  label: string;
  value: string;
  detail?: string;
  /** What the card is for: the configured traffic (`serving:`, `fleet:`) or the static batch. */
  group: CardGroup;
}
/**
 * A config that simulates traffic is about that traffic: its cards lead, the static batch's
 * follow under their own caption (a workbench review: a fleet config's header led with a batch
 * of 16 equal requests, its fleet only in the Serving tab).
 */
export type CardGroup = 'traffic' | 'batch';
export interface HeaderRatio {
  id: string;
  /** The traffic's (a serving or fleet figure) or the static batch's, as the cards are grouped. */
  group: CardGroup;
  label: string;
  wording: string;
  verdict: Verdict;
  /** What the ratio's range is, or that it has none (a hover text: the wording is the report's, the same on every surface). */
  rangeNote: string;
}
export interface HeaderModel {
  badges: { text: string; kind: 'error' | 'warning' }[];
  metrics: HeaderMetric[];
  /** The groups of cards in the order shown, each with what it is for where the report says (report.traffic, report.setting). */
  groups: { group: CardGroup; caption?: string }[];
  comparison?: { name: string; ratios: HeaderRatio[] };
  /** Whose errors the 80 % ranges come from, this design's and (when it differs) the baseline's. */
  rangeNote?: string;
  /**
   * The other notes on the ranges (the die area's, paired ratios, the power check): shown folded
   * under the first, as at a narrow pane they pushed the views below the fold.
   */
  rangeDetails?: string[];
}

/** Why a ratio has no range: its metrics have none (power, prices and the serving simulation are not checked against measurements). */
export const NO_RANGE = 'No 80 % range: the model’s error on this metric is not measured (docs/validation.md)';
/** Why a ratio has no range where the headline numbers have one (model/report/ratios.ts `pointEstimates`). */
export const POINT_ESTIMATES =
  'No 80 % range here (the diagnostics say why: the editor’s time budget, or a slow end that saturates), so not called a win or a loss: with its range the difference may not be clear. `jalapeno eval` computes it';

export function headerModel(report: Report): HeaderModel {
  const badges: HeaderModel['badges'] = [];
  if (report.errors) badges.push({ text: `${report.errors} error${report.errors === 1 ? '' : 's'}`, kind: 'error' });
  if (report.warnings) badges.push({ text: `${report.warnings} warning${report.warnings === 1 ? '' : 's'}`, kind: 'warning' });
  const design = report.design;
  if (!design) return { badges, metrics: [], groups: [] };
  const m = (id: string): Metric | undefined => design.metrics.find((x) => x.id === id);
  const memory = m('memory.perChip.usedBytes');
  const power = m('power.watts');
  const tdp = m('power.tdpWatts');
  if (memory?.note) badges.push({ text: `${memory.note} in memory`, kind: 'error' });
  // "throttled in prefill to 25 W"; a design no clock brings under its cap cannot run (an error).
  if (power?.note && tdp)
    badges.push(
      power.note === OVER_TDP_AT_EVERY_CLOCK
        ? { text: `over its ${tdp.text} TDP at every clock`, kind: 'error' }
        : { text: `${power.note} to ${tdp.text}`, kind: 'warning' },
    );
  if (!report.valid && !memory?.note) badges.push({ text: 'not valid: see Problems', kind: 'error' });

  const baselineReport = report.baseline;
  const metrics: HeaderMetric[] = trafficCards(
    m,
    report.diagnostics,
    baselineReport ? { name: baselineReport.name, metric: (id) => baselineReport.report.metrics.find((x) => x.id === id) } : undefined,
  );
  const add = (id: string, label: string, suffix = '', detail?: string, otherRangeIs?: string): void => {
    const metric = m(id);
    if (!metric) return;
    // A no-break space: "80 %" never splits across lines in a narrow card. A range of another kind
    // (the die area's, from published dies) is not called 80 %: it is bracketed first, as the note
    // below names it, and where it leaves most of the uncertainty out, the card says so too.
    const range = metric.range && !metric.range.basis ? `80\u00a0% range ${metric.range.text}` : undefined;
    const other = metric.range?.basis ? `[${metric.range.text}]${otherRangeIs ? ` ${otherRangeIs}` : ''}` : undefined;
    // The range right after the value it is of: after a second figure ("$0.00837 per response")
    // it read as that figure's (a workbench review).
    const details = [other, range, detail].filter(Boolean).join(' · ');
    metrics.push({ id, label, value: `${metric.text}${suffix}`, ...(details ? { detail: details } : {}), group: 'batch' });
  };
  const decode = m('decode.msPerToken');
  add('decode.msPerToken', 'Decode', '/token', decode?.note);
  add('prefill.ms', 'Time to first token');
  add(
    'throughput.outputTokensPerSecond',
    'Throughput',
    '',
    m('throughput.perChip') ? `${m('throughput.perChip')!.text} per chip` : undefined,
  );
  add('power.watts', 'Power per chip', '', tdp ? `TDP ${tdp.text}` : undefined);
  // A cost without capital says so in place of the per-response figure (report's note).
  const cost = m('cost.usdPerMillionOutputTokens');
  add(
    'cost.usdPerMillionOutputTokens',
    // Without a chip price the figure is the electricity alone: titled so, not "Cost" (a review).
    isElectricityOnly(cost?.note) ? 'Electricity' : 'Cost',
    '/1M tok',
    cost?.note ?? (m('cost.usdPerResponse') ? `${m('cost.usdPerResponse')!.text} per response` : undefined),
  );
  const area = m('silicon.dieAreaMm2');
  add(
    'silicon.chipPriceUsd',
    'Chip price',
    '',
    [
      m('silicon.chipPriceUsd')?.note,
      area ? `die ${area.text}${area.range ? ` [${area.range.text}]` : ''}${area.note ? ` at ${area.note}` : ''}` : undefined,
    ]
      .filter(Boolean)
      .join(' · ') || undefined,
    // The modelled price's range carries the die area's error only, not the margin's, the
    // wafer's or the memory's (a review read ±4 % as the price's certainty).
    "(die area's error only)",
  );
  add('energy.joulesPerOutputToken', 'Energy', '/token');
  // Where the weights or KV cache overflow beyond the chip's own memory (host memory, CXL): "of 96 GB · KV 53% in Host DDR".
  const overflow = design.memoryLevels.overflowText;
  const capacity = m('memory.perChip.capacityBytes');
  add(
    'memory.perChip.usedBytes',
    'Memory per chip',
    '',
    [capacity ? `of ${capacity.text}` : '', overflow].filter(Boolean).join(' · ') || undefined,
  );

  const baseline = report.baseline;
  const basis = design.ranges?.basis;
  const baselineBasis = baseline?.report.ranges?.basis;
  // The die area's range and the chip price's at its ends, when the header shows them.
  const shown = ['silicon.dieAreaMm2', 'silicon.chipPriceUsd'];
  const other = otherRangeNotes(design.metrics.filter((x) => shown.includes(x.id)));
  const [rangeNote, ...rangeDetails] = [
    basis
      ? `80\u00a0% ranges from cross-validated errors for ${basis}${baselineBasis && baselineBasis !== basis ? `; ${baseline!.name}: ${baselineBasis}` : ''}${design.ranges?.serving ? `; ${design.ranges.serving}` : ''}`
      : '',
    ...other,
    design.ranges?.limits ? `[a–b]: ${design.ranges.limits}` : '',
    baseline ? (pairedRangeNote(baseline.ratios) ?? '') : '',
    // Beside the ranges, as the CLI's legend: the power they leave out is far from measured power.
    basis && metrics.some((m) => m.id === 'power.watts') ? POWER_CHECK_NOTE : '',
  ].filter(Boolean);
  const traffic = metrics.some((x) => x.group === 'traffic');
  const groups: HeaderModel['groups'] = [
    ...(traffic
      ? [{ group: 'traffic' as const, ...captioned(report.traffic && `The configured traffic, one instance: ${report.traffic}`) }]
      : []),
    { group: 'batch', ...captioned(traffic && report.setting ? `A static batch: ${report.setting}` : report.setting) },
  ];
  return {
    badges,
    metrics,
    groups,
    ...(rangeNote ? { rangeNote } : {}),
    ...(rangeDetails.length > 0 ? { rangeDetails } : {}),
    ...(baseline
      ? {
          comparison: {
            name: baseline.name,
            // Not valid, every ratio reads the same words: said once (a review counted them five times).
            ratios: (baseline.ratios.every((r) => r.wording === INVALID_NOT_COMPARED) ? baseline.ratios.slice(0, 1) : baseline.ratios).map(
              (r) => ({
                id: r.id,
                group: isTrafficMetric(r.metricId) ? ('traffic' as const) : ('batch' as const),
                label: r.wording === INVALID_NOT_COMPARED ? '' : r.label,
                wording: r.wording,
                verdict: r.verdict,
                // In the wording's direction (a workbench review read "1.55× slower …, 0.789–3.11×"
                // beside "80 % range of the ratio: 0.321–1.27×").
                rangeNote: r.range
                  ? `80 % range of the ratio: ${rangeAsWorded(r.value, r.verdict, r.range)}${r.verdict === 'uncertain' ? ' (holds 1: no clear difference)' : ''}`
                  : r.pointEstimates
                    ? POINT_ESTIMATES
                    : NO_RANGE,
              }),
            ),
          },
        }
      : {}),
  };
}

/**
 * "[173–475 ms]": a serving figure's range, bracketed as the CodeLens and the CLI bracket it and
 * not called an 80 % range: it is the traffic simulated with every step at its range's ends, as
 * the note under the header says once (SERVING_RANGE_NOTE). A workbench review read "steps at
 * range ends: 173–475 ms" as cryptic, and then the same words repeated on four cards.
 */
const stepEnds = (metric: Metric | undefined, unit = ''): string | undefined =>
  metric?.range ? `[${metric.range.text}${unit}]` : undefined;
const captioned = (caption: string | false | undefined): { caption?: string } => (caption ? { caption } : {});
const joined = (...parts: (string | undefined)[]): string | undefined => parts.filter(Boolean).join(' · ') || undefined;

/**
 * The traffic's cards, as the lenses above `serving:` and `fleet:` choose them: the p99 latencies,
 * the highest rate within the SLO (or what is served, without one), and the fleet's size and cost.
 */
function trafficCards(
  m: (id: string) => Metric | undefined,
  diagnostics: Report['diagnostics'],
  baseline: { name: string; metric: (id: string) => Metric | undefined } | undefined,
): HeaderMetric[] {
  const cards: HeaderMetric[] = [];
  const card = (metric: Metric | undefined, label: string, suffix: string, ...detail: (string | undefined)[]): void => {
    if (!metric) return;
    const details = joined(metric.note, ...detail);
    cards.push({ id: metric.id, label, value: `${metric.text}${suffix}`, ...(details ? { detail: details } : {}), group: 'traffic' });
  };
  const ttft = m('serving.ttftMs.p99');
  if (!ttft) return cards;
  const p50 = (id: string) => (m(id) ? `p50 ${m(id)!.text}` : undefined);
  card(ttft, 'Time to first token, p99', '', stepEnds(ttft), p50('serving.ttftMs.p50'));
  const tpot = m('serving.tpotMs.p99');
  card(tpot, 'Per-token latency, p99', '', stepEnds(tpot), p50('serving.tpotMs.p50'));
  const maxRate = m('serving.maxRateAtSlo');
  const attainment = m('serving.sloAttainment');
  const served = m('serving.requestsPerSecond');
  // The baseline's own highest rate beside this design's: a ratio of "no clear difference" beside
  // load curves where the baseline visibly held the SLO further read as a contradiction, its
  // figure nowhere (a workbench review).
  const baselineRate = baseline?.metric('serving.maxRateAtSlo');
  if (maxRate)
    card(
      maxRate,
      'Highest rate within the SLO',
      '',
      stepEnds(maxRate),
      baselineRate && `${baseline!.name}: ${baselineRate.text}${baselineRate.range ? ` [${baselineRate.range.text}]` : ''}`,
      // With its range, as the CodeLens gives it: at the slow end the rate offered may miss the SLO.
      attainment ? `SLO met by ${attainment.text}${attainment.range ? ` [${attainment.range.text}]` : ''} at the rate offered` : undefined,
    );
  else
    card(
      served,
      'Served',
      '',
      m('serving.outputTokensPerSecond')?.text,
      m('serving.meanBatch') ? `batch ${m('serving.meanBatch')!.text}` : undefined,
    );
  const chips = m('fleet.chips');
  // A fleet that could not be sized says so where its cards would be, as its lens does (a workbench
  // review: the cards vanished, a "2 warnings" badge left to say why).
  const unsized = chips ? undefined : diagnostics.find((d) => ['fleet-unsizable', 'slo-unreachable', 'fleet-cut-short'].includes(d.code));
  if (unsized && diagnostics.some((d) => d.code.startsWith('fleet-') || d.path?.startsWith('fleet')))
    cards.push({
      id: 'fleet.chips',
      label: 'Fleet',
      value: 'not sized',
      detail:
        unsized.code === 'fleet-cut-short'
          ? "the editor's time budget cut the max-rate search (`jalapeno eval` sizes it)"
          : 'no replica meets the SLO (see Problems)',
      group: 'traffic',
    });
  const replicas = m('fleet.replicas');
  const standby = m('fleet.standbyReplicas');
  card(
    chips,
    'Fleet',
    ' chips',
    // A standby of another chip says its count in the note ("168 + 16 NVIDIA H100 … on standby").
    replicas && !chips?.note ? `${replicas.text}${standby && standby.value > 0 ? ` + ${standby.text} standby` : ''} replicas` : undefined,
    // Of every chip, the standby's too (a workbench review read it as the active replicas').
    m('fleet.watts')
      ? `chip power ${m('fleet.watts')!.text} on average${standby && standby.value > 0 ? ', standby included' : ''}`
      : undefined,
    // A count's range has no unit of its own: said (a workbench review read "120–1,120" bare).
    stepEnds(chips, ' chips') ?? (isFleetUnbounded(chips, diagnostics) ? FLEET_UNBOUNDED : undefined),
  );
  const cost = m('fleet.usdPerMillionOutputTokens');
  card(
    cost,
    isElectricityOnly(cost?.note) ? 'Fleet electricity' : 'Fleet cost',
    '/1M tok',
    m('fleet.usdPerHour') ? `${m('fleet.usdPerHour')!.text} per hour` : undefined,
    stepEnds(cost) ?? (isFleetUnbounded(chips, diagnostics) ? FLEET_UNBOUNDED : undefined),
  );
  return cards;
}
