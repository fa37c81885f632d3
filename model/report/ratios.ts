// Ratios against the baseline and their wording. Oriented so that above 1 is better for
// this design (contract.md §3), printed the same way on every surface: "1.47× faster (1.2–1.8×)",
// "1.25× slower". A ratio whose range straddles 1 is not called a win: both numbers come
// from a model with a prediction interval, and a difference inside it is not one a
// measurement would be sure to show. A cost ratio where one side has no chip price (its
// cost counts electricity only; the engine gives 0) is "not comparable", never a win.

import { basisFor, isSmallChange, pairedQuantiles, pairedRatioRange, ratioRange } from '../ranges/predictionRanges';
import { RESIDUAL_QUANTILES } from '../ranges/residualQuantiles';
import { COMPARED_COSTS, predictionBasis } from './metrics';
import type { BaselineComparison } from '../result';
import { formatPercent, formatRange, formatRatio, formatUsd } from './format';
import {
  COST_NOT_COMPARABLE,
  isElectricityOnly,
  INVALID_NOT_COMPARED,
  isNoDecodeStep,
  NO_DECODE_NOT_COMPARED,
  SERVING_NOT_COMPARABLE,
  SERVING_OVERLOADED,
} from './labels';
import type { Metric, MetricRange, Ratio, Verdict } from './types';
import { isTrafficMetric } from './traffic';

export interface RatioDefinition {
  /** The contract's ratio id (`baseline.ratios.decodeSpeedup`), or the metric's id for a ratio the contract does not name. */
  id: string;
  metricId: string;
  label: string;
  /** Words for a ratio above and below 1: "faster" / "slower". */
  better: string;
  worse: string;
  /** The engine's ratio, when the contract names one; otherwise it is computed from the two metrics. */
  engine?: keyof BaselineComparison['ratios'];
  /** What an engine ratio of 0 means, when it means the two sides cannot be compared (model/silicon/costComparison.ts). */
  notComparable?: string;
  /**
   * What the ratio's range leaves out, said inside its brackets on every surface: a figure that
   * rests on the power model (no measured power) or on chip prices must not read as sure as a
   * latency whose error was measured.
   */
  caveat?: string;
}

/** Power and energy rest on a bottom-up model with no measured power (docs/validation.md). */
const POWER_NOT_VALIDATED = 'power not validated';
/** A perf/W or cost range: the throughput's measured error, nothing of the power model's or the prices'. */
const THROUGHPUT_ERROR_ONLY = `throughput error only, ${POWER_NOT_VALIDATED}`;

export const RATIOS: RatioDefinition[] = [
  { id: 'decodeSpeedup', metricId: 'decode.msPerToken', label: 'decode', better: 'faster', worse: 'slower', engine: 'decodeSpeedup' },
  { id: 'prefillSpeedup', metricId: 'prefill.ms', label: 'prefill', better: 'faster', worse: 'slower', engine: 'prefillSpeedup' },
  {
    id: 'throughput.outputTokensPerSecond',
    metricId: 'throughput.outputTokensPerSecond',
    label: 'throughput',
    better: 'higher',
    worse: 'lower',
  },
  {
    id: 'perfPerWatt',
    metricId: 'energy.perfPerWatt',
    label: 'perf/W',
    better: 'higher',
    worse: 'lower',
    engine: 'perfPerWatt',
    caveat: THROUGHPUT_ERROR_ONLY,
  },
  {
    id: 'costPerResponse',
    metricId: 'cost.usdPerResponse',
    label: 'cost per response',
    better: 'cheaper',
    worse: 'dearer',
    engine: 'costPerResponse',
    notComparable: COST_NOT_COMPARABLE,
    caveat: `${THROUGHPUT_ERROR_ONLY}, at the chip prices shown`,
  },
  // Under the same `serving:` traffic and `fleet:` (present only with those sections).
  { id: 'serving.ttftMs.p99', metricId: 'serving.ttftMs.p99', label: 'p99 TTFT under load', better: 'faster', worse: 'slower' },
  { id: 'serving.tpotMs.p99', metricId: 'serving.tpotMs.p99', label: 'p99 TPOT under load', better: 'faster', worse: 'slower' },
  { id: 'serving.maxRateAtSlo', metricId: 'serving.maxRateAtSlo', label: 'rate within the SLO', better: 'higher', worse: 'lower' },
  { id: 'fleet.chips', metricId: 'fleet.chips', label: 'fleet chips', better: 'fewer', worse: 'more' },
  { id: 'fleet.watts', metricId: 'fleet.watts', label: 'fleet power', better: 'lower', worse: 'higher', caveat: POWER_NOT_VALIDATED },
  {
    id: 'fleet.usdPerMillionOutputTokens',
    metricId: 'fleet.usdPerMillionOutputTokens',
    label: 'fleet cost per token',
    better: 'cheaper',
    worse: 'dearer',
    engine: 'fleetCostPerToken',
    notComparable: COST_NOT_COMPARABLE,
    caveat: `${POWER_NOT_VALIDATED}, at the chip prices shown`,
  },
];

/** The ratios of cost, which take the compared chip prices (comparedPrice) where those are not the rows' own. */
const COST_RATIOS: readonly (keyof BaselineComparison['ratios'])[] = ['costPerResponse', 'fleetCostPerToken'];

/** Said in a ratio's brackets when it has no range though the design's headline numbers do (its verdict is then 'uncertain'). */
export const POINT_ESTIMATES = 'point estimates: no 80 % range';

/** This design over the baseline on one metric, oriented so that above 1 is better. */
export function orientedRatio(design: number, baseline: number, better: 'lower' | 'higher'): number {
  return better === 'lower' ? baseline / design : design / baseline;
}

/**
 * The 80 % range of the oriented ratio `value` when both metrics have one (model/ranges:
 * ratioRange): the relative spread of the rows' own ratio, around `value`. The two differ
 * when the ratio is taken on another basis than the rows show (cost at modelled chip prices
 * beside rows at given ones): centred on the rows' ratio, the range would not contain the
 * number it qualifies.
 */
function orientedRatioRange(
  design: Metric,
  baseline: Metric,
  value: number,
  paired: BaselineComparison['pairedRanges'],
): (MetricRange & { paired?: true }) | undefined {
  if (!design.range || !baseline.range || !design.better) return undefined;
  const d = [design.value, [design.range.low, design.range.high]] as const;
  const b = [baseline.value, [baseline.range.low, baseline.range.high]] as const;
  const [rowsLow, rowsHigh] = design.better === 'lower' ? ratioRange(...b, ...d) : ratioRange(...d, ...b);
  const rows = orientedRatio(design.value, baseline.value, design.better);
  const low = (rowsLow / rows) * value;
  const high = (rowsHigh / rows) * value;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return undefined;
  // Errors from the same sources cancel in the ratio: its own measured error, around the value,
  // where that is the narrower (a calibrated pair's two ranges can already be narrow).
  const basis = paired && predictionBasis(design.id);
  const own = basis && basisFor(basis, paired.decodeSteps).quantiles;
  // A ratio the designs barely move takes the error of pairs the model moved as little.
  const q = own && paired.metrics.includes(own) ? pairedQuantiles(own, paired.category, undefined, value) : undefined;
  if (q) {
    const [pairedLow, pairedHigh] = pairedRatioRange(value, q);
    if (pairedHigh / pairedLow < high / low)
      return { low: pairedLow, high: pairedHigh, text: formatRange(ratioBound(pairedLow), ratioBound(pairedHigh)), paired: true };
  }
  return { low, high, text: formatRange(ratioBound(low), ratioBound(high)) };
}

/**
 * A ratio range's end: three digits, more where those would print "1×" for an end that is not
 * 1 (1.004 read as "0.401–1×" seemed to exclude parity, which the range holds).
 */
export function ratioBound(x: number): string {
  return formatRatio(x) === formatRatio(1) && x !== 1 ? `${x.toFixed(3)}×` : formatRatio(x);
}

export function verdictOf(value: number, range: MetricRange | undefined): Verdict {
  // A range of one point (two equal fleets at every end) is a certainty, not a doubt.
  if (range && range.low <= 1 && range.high >= 1 && range.low < range.high) return 'uncertain';
  // Equal as printed in the wording ("1×"), which shows a ratio below 1 inverted: 0.9985 is not "1× slower".
  if (formatRatio(value >= 1 ? value : 1 / value) === formatRatio(1)) return 'even';
  return value > 1 ? 'better' : 'worse';
}

/** A paired ratio the designs' differences move by less than this is one figure both give alike. */
const SAME_WITHIN = 1e-3;
export const SAME_FIGURE = 'on par: what the designs differ in moves it by less than 0.1 %';

/** A range on the worse-by scale: "0.401–1.004×" faster reads "0.996–2.49×" slower. */
const inverted = (range: MetricRange) => formatRange(ratioBound(1 / range.high), ratioBound(1 / range.low));

/**
 * The ratio in words: "1.47× faster (1.2–1.8×)", "1.25× slower", "on par", "no clear
 * difference (1.05× faster as estimated, 0.92–1.18×)", "no clear difference (1.59× slower as estimated,
 * 0.996–2.49×)"; with what its range leaves out: "2.21× higher (1.51–3.05×,
 * throughput error only, power not validated)".
 */
export function ratioWording(
  value: number,
  verdict: Verdict,
  def: Pick<RatioDefinition, 'better' | 'worse' | 'notComparable' | 'caveat'>,
  range?: MetricRange,
  /** Said first in the brackets, where the range would be (`point estimates: …`). */
  instead?: string,
): string {
  const brackets = (...parts: (string | undefined)[]) => {
    const said = [...parts, instead, def.caveat].filter(Boolean);
    return said.length ? ` (${said.join(', ')})` : '';
  };
  switch (verdict) {
    case 'uncertain':
      // The range holds 1, but the estimates lean one way: say which, and read the range the same
      // way, so that it holds the estimate beside it ("1.59× slower as estimated, 0.996–2.49×", not
      // "0.401–1.004×", which is the faster-by scale).
      return `no clear difference${brackets(asEstimated(value, def), range && (leansWorse(value) ? inverted(range) : range.text))}`;
    case 'even':
      return `on par${brackets()}`;
    // A clear difference still shows how sure it is: "2.21× higher (1.52–3.21×)". Without a
    // range to tell (`instead`), "as estimated", as an unclear one says it (a review read "2.22×
    // fewer" as surer than "no clear difference (1.7× fewer as estimated, 0.772–5.22×)").
    case 'better':
      return `${formatRatio(value)} ${def.better}${instead ? ' as estimated' : ''}${brackets(range?.text)}`;
    case 'worse':
      // In the wording's own direction: "2.9× slower (1.6–5.1×)".
      return `${formatRatio(1 / value)} ${def.worse}${instead ? ' as estimated' : ''}${brackets(range && inverted(range))}`;
    case 'not-comparable':
      return def.notComparable ?? 'not comparable';
  }
}

/** A ratio's range read as its wording reads it ("0.789–3.11×" beside "1.55× slower", not "0.321–1.27×"). */
export function rangeAsWorded(value: number, verdict: Verdict, range: MetricRange): string {
  return verdict === 'worse' || (verdict === 'uncertain' && leansWorse(value)) ? inverted(range) : range.text;
}

/** A ratio in its own direction's words: "1.59× slower", "on par". */
function inWords(value: number, def: Pick<RatioDefinition, 'better' | 'worse'>): string {
  const ratio = formatRatio(value >= 1 ? value : 1 / value);
  return ratio === formatRatio(1) ? 'on par' : `${ratio} ${leansWorse(value) ? def.worse : def.better}`;
}

/** Below 1 by more than the wording shows ("1.59× slower", not "on par"). */
const leansWorse = (value: number) => value < 1 && formatRatio(1 / value) !== formatRatio(1);

/** −1 worse, 0 on par, +1 better, as the wording reads the ratio. */
const leaning = (value: number) => (leansWorse(value) ? -1 : formatRatio(value) === formatRatio(1) || value < 1 ? 0 : 1);

/** The point estimate in the wording's own direction: "1.59× slower as estimated", "on par as estimated". */
const asEstimated = (value: number, def: Pick<RatioDefinition, 'better' | 'worse'>) => `${inWords(value, def)} as estimated`;

/**
 * Said after a cost ratio that compares other prices than the rows beside it show, with the
 * ratio of those rows, so that the two numbers beside it can be checked against something
 * ("1.65× dearer (…, at modelled chip prices, both at a 75% margin: $12,000 against $14,200 (1.91× dearer
 * at the prices shown), …)").
 * A modelled price's die-area range (model/silicon/areaRange.ts) is not carried into the cost's.
 */
function costBasisText(
  basis: NonNullable<BaselineComparison['costBasis']>,
  atShownPrices: string | undefined,
  pricesUsd: BaselineComparison['costPricesUsd'],
  shownPricesUsd: { design: number; baseline: number } | undefined,
  /** The ratio at the prices shown is said beside the verdict: here only the prices. */
  saidBeside = false,
): string {
  // Where the rows show the same ratio (both prices shown are the modelled ones), it is not
  // repeated; where they do not, with the prices it stands on: "(2.51× cheaper at the prices
  // shown)" right after "$14,100 against $17,200" read as those two's ratio (a workbench review).
  const shownPrices = shownPricesUsd ? `, ${formatUsd(shownPricesUsd.design)} against ${formatUsd(shownPricesUsd.baseline)}` : '';
  const shown = !atShownPrices
    ? ''
    : saidBeside
      ? shownPricesUsd
        ? ` (the rows show ${formatUsd(shownPricesUsd.design)} against ${formatUsd(shownPricesUsd.baseline)})`
        : ''
      : ` (at the prices the rows show${shownPrices}, ${atShownPrices})`;
  // The two prices themselves: the baseline's modelled one is shown nowhere else (a review).
  const prices = pricesUsd ? `${formatUsd(pricesUsd.design)} against ${formatUsd(pricesUsd.baseline)}` : '';
  // Both modelled at one margin, said with it: neither price is the one the rows show (a workbench
  // review found the baseline's $14,200 nowhere else on the screen).
  const margin = pricesUsd?.margin !== undefined ? `both at a ${formatPercent(pricesUsd.margin)} margin` : 'at one margin';
  return basis === 'modelled'
    ? `at modelled chip prices, ${margin}${prices ? `: ${prices}` : ''}${shown}, their die-area ranges not included`
    : `at one given and one modelled chip price${prices ? `, ${prices}` : ''}${shown}, its die-area range not included`;
}

/** The chip prices the cost rows stand on, where both sides show one. */
function shownPrices(design: readonly Metric[], baseline: readonly Metric[]): { design: number; baseline: number } | undefined {
  const d = design.find((m) => m.id === 'silicon.chipPriceUsd')?.value;
  const b = baseline.find((m) => m.id === 'silicon.chipPriceUsd')?.value;
  return d !== undefined && b !== undefined && Number.isFinite(d) && Number.isFinite(b) ? { design: d, baseline: b } : undefined;
}

export function buildRatios(
  design: readonly Metric[],
  baseline: readonly Metric[],
  engine: BaselineComparison['ratios'],
  costBasis?: BaselineComparison['costBasis'],
  /** False when the report is not valid: every ratio is then not compared (a "46× cheaper" design that does not fit is no win). */
  valid = true,
  /** The ratios whose ranges pair (BaselineComparison.pairedRanges). */
  paired?: BaselineComparison['pairedRanges'],
  /** The chip prices the cost ratios compare (BaselineComparison.costPricesUsd). */
  costPricesUsd?: BaselineComparison['costPricesUsd'],
): Ratio[] {
  const ratios: Ratio[] = [];
  // Prediction ranges only: the die area's (`basis`) says nothing of the run's numbers.
  const predicted = (m: Metric) => m.range !== undefined && !m.range.basis;
  const ranged = design.some(predicted) && baseline.some(predicted);
  // Either side past saturation: its queue grows with the run, so no latency percentile of the
  // two is compared, TPOT's included, which carries no note of its own (an architect's review:
  // "4× faster" beside the warning that says the percentiles are not compared).
  // The instance's own figures: an overloaded disaggregated pool says nothing of it (a code review).
  const saturated = (metrics: readonly Metric[]) =>
    metrics.some((m) => m.id.startsWith('serving.') && !m.id.startsWith('serving.disaggregated.') && m.note === SERVING_OVERLOADED);
  const eitherSaturated = saturated(design) || saturated(baseline);
  const isPercentile = (id: string) => /^serving\.(ttft|tpot|e2e)Ms\./.test(id);
  for (const def of RATIOS) {
    // A cost ratio at other prices than the rows show stands beside the costs at those prices (build.ts comparedCosts).
    const compared = COMPARED_COSTS.find((c) => c.engine === def.engine)?.id;
    const metricId = compared && design.some((m) => m.id === compared) ? compared : def.metricId;
    const d = design.find((m) => m.id === metricId);
    const b = baseline.find((m) => m.id === metricId);
    if (!d || !b || !d.better) continue;
    const overloaded = d.note === SERVING_OVERLOADED || b.note === SERVING_OVERLOADED || (eitherSaturated && isPercentile(def.metricId));
    // A cost that counts electricity only on either side (the engine's ratio is then 0).
    const unpriced = def.notComparable !== undefined && (isElectricityOnly(d.note) || isElectricityOnly(b.note));
    // An engine ratio the engine did not give (a fleet cost at the prices shown) is the rows' own.
    const value = (def.engine && engine[def.engine]) ?? orientedRatio(d.value, b.value, d.better);
    // A step neither side runs (one output token) is no win or loss.
    const noDecode = isNoDecodeStep(d.note) || isNoDecodeStep(b.note);
    if (!valid || (def.notComparable && value === 0) || unpriced || overloaded || noDecode) {
      ratios.push({
        id: def.id,
        metricId,
        label: def.label,
        value: 0,
        text: '—',
        verdict: 'not-comparable',
        wording: !valid
          ? INVALID_NOT_COMPARED
          : overloaded
            ? SERVING_NOT_COMPARABLE
            : noDecode
              ? NO_DECODE_NOT_COMPARED
              : def.notComparable!,
      });
      continue;
    }
    // A zero or unbounded ratio (a cost of 0 on one side) says nothing in words.
    if (!Number.isFinite(value) || value <= 0) continue;
    const oriented = orientedRatioRange(d, b, value, paired);
    // Two configurations of one chip and runtime whose figure the model moves by under 0.1 %: what
    // the designs differ in barely enters it, and the paired range (the model's error on how a
    // change moves a figure, from pairs that moved it by tens of per cent) says nothing of such a
    // change (an architect's review read "on par, 0.583–1.71×" for an all but unchanged TTFT).
    if (oriented?.paired && Math.abs(Math.log(value)) < Math.log1p(SAME_WITHIN)) {
      ratios.push({ id: def.id, metricId, label: def.label, value, text: formatRatio(value), verdict: 'even', wording: SAME_FIGURE });
      continue;
    }
    const range: MetricRange | undefined = oriented && { low: oriented.low, high: oriented.high, text: oriented.text };
    const pointVerdict = verdictOf(value, range);
    // Where the headline numbers have ranges but this metric has none (serving figures whose
    // range runs were cut short by the editor's time budget, or whose slow end saturates),
    // the ratio is not called a win or a loss: with its range the same two designs may well
    // show "no clear difference" (the fleet example did, while the editor's cut one read
    // "1.23× cheaper"). It keeps the point estimates' direction in words and says so.
    // Serving and fleet ranges carry the step times' error only (SERVING_RANGE_NOTE), so a
    // serving ratio's range is, if anything, too narrow.
    const unranged = !range && ranged && (pointVerdict === 'better' || pointVerdict === 'worse');
    const verdict = unranged ? 'uncertain' : pointVerdict;
    // A cost compared at other prices than the rows show says so in place of "prices as stated".
    // The rows at the prices shown, also where the ratio stands on the costs at the compared prices.
    const dShown = design.find((m) => m.id === def.metricId) ?? d;
    const bShown = baseline.find((m) => m.id === def.metricId) ?? b;
    const shownValue = orientedRatio(dShown.value, bShown.value, d.better);
    const atShownPrices = inWords(shownValue, def);
    const costRatio = def.engine && COST_RATIOS.includes(def.engine) && engine[def.engine] !== undefined && costBasis;
    // At the prices paid the other way round: said with the verdict, not only in its basis (an
    // operator's review: "1.43× dearer" at modelled prices, 1.37× cheaper at the market's), and
    // then not again in the basis, which keeps the prices it stands on.
    const otherWay = costRatio && leaning(value) * leaning(shownValue) < 0 ? atShownPrices : undefined;
    const basis = costRatio
      ? costBasisText(
          costBasis,
          atShownPrices === inWords(value, def) ? undefined : atShownPrices,
          costPricesUsd,
          shownPrices(design, baseline),
          otherWay !== undefined,
        )
      : undefined;
    const said = basis
      ? {
          ...def,
          caveat: `${def.engine === 'costPerResponse' ? THROUGHPUT_ERROR_ONLY : POWER_NOT_VALIDATED}${otherWay ? `, ${otherWay} at the prices the rows show` : ''}, ${basis}`,
        }
      : def;
    ratios.push({
      id: def.id,
      metricId,
      label: def.label,
      value,
      text: formatRatio(value),
      ...(range ? { range } : {}),
      ...(oriented?.paired ? { paired: true as const } : {}),
      verdict,
      ...(unranged ? { pointEstimates: true as const } : {}),
      wording: ratioWording(value, pointVerdict, said, range, unranged ? POINT_ESTIMATES : undefined),
      ...(basis ? { basis } : {}),
      ...(otherWay ? { otherWayAtShownPrices: otherWay } : {}),
    });
  }
  return ratios;
}

/**
 * Said beside the ratios whose ranges are paired (Ratio.paired), on every surface that shows
 * them: why they are narrower than the two sides' ranges would make them. `named: false` leaves
 * out which ratios (a sweep says which rows instead).
 */
export function pairedRangeNote(ratios: readonly Ratio[], named = true): string | undefined {
  const labels = ratios.filter((r) => r.paired).map((r) => r.label);
  const p = RESIDUAL_QUANTILES.paired;
  const series = p && p.seen.series + p.unseen.series;
  if (labels.length === 0 || !series) return undefined;
  // The traffic's ratios have no measured pairs: said beside the paired ones, or a reader takes
  // their width for the model's word on the pair (an operator's review: TP8 against TP4 of one
  // chip could never be told apart on a fleet row, and nothing said why).
  const traffic = ratios.some((r) => r.range && !r.paired && isTrafficMetric(r.metricId));
  // A ratio the designs barely move took the small changes' error (pairedQuantiles): said, with how small.
  const small = p.smallChange;
  const barely = small && ratios.some((r) => r.paired && r.range && isSmallChange(r.value));
  const smallText = barely
    ? `; one the designs move by under ${+(small.below * 100).toPrecision(2)} %, on the ${small.n.toLocaleString('en')} pairs the model moved as little (${small.series} series), whose error is smaller`
    : '';
  return `${named ? `ratio ranges of ${labels.join(', ')}: paired` : 'ratio ranges are paired'}, as both designs share their chip efficiencies, dispatch overhead and runtime, whose errors cancel in a ratio; each is the model's error on such ratios, measured on pairs of configurations in ${series} series (docs/validation.md)${smallText}, not the two sides' ranges combined${traffic ? ". The serving and fleet ratios' ranges are not paired (no measured pair of traffic runs): each combines both sides' whole ranges as if their errors were independent, so it is wider than the pair's own error and reads \"no clear difference\" where a paired static row may tell the designs apart" : ''}`;
}

/** One line of verdicts: the traffic's or the static batch's, its clear ones and those the ranges cannot tell apart. */
export interface VerdictGroup<R> {
  traffic: boolean;
  clear: R[];
  unclear: R[];
}

/**
 * The verdicts as every surface says them: a traffic config's traffic's first, then the static
 * batch's (a workbench review read "cost per response 2.05× cheaper" beside "no clear difference
 * in … fleet cost per token" as a contradiction); in each, the clear ones with their words, then
 * those the ranges cannot tell apart, named together. Empty groups are left out.
 */
export function verdictGroups<R extends { verdict: Verdict }>(
  ratios: readonly R[],
  isTraffic: (r: R) => boolean,
  isUnclear: (r: R) => boolean = (r) => r.verdict === 'uncertain',
): VerdictGroup<R>[] {
  return [true, false]
    .map((traffic) => {
      const rs = ratios.filter((r) => isTraffic(r) === traffic);
      return { traffic, clear: rs.filter((r) => !isUnclear(r)), unclear: rs.filter(isUnclear) };
    })
    .filter((g) => g.clear.length + g.unclear.length > 0);
}
