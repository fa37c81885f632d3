// A cost ratio compares like with like: both sides priced the same way (as their vendors price
// them where both are, else modelled from their dies where both can be, else as given), and no
// ratio at all when one side has no price.

import type { DesignPoint } from '../design';
import { costOf } from '../engine/cost';
import type { EvaluationResult } from '../result';
import type { FleetResult } from '../serving/types';
import { formatPercent, formatRatio, formatUsd } from '../report/format';
import { COST_NOT_COMPARABLE, modelledAtMargin, priceOrigin } from '../report/labels';
import { schemaAt, type FractionNode } from '../config/schema';

export interface CostComparison {
  /** Baseline cost per response over this design's (> 1: this design is cheaper); 0 when not comparable. */
  costPerResponse: number;
  /** The prices the ratio compares, where they are not the ones the cost rows show (both given). */
  basis?: 'modelled' | 'mixed';
  /** With `basis`: the chip prices compared, this design's and the baseline's (and the one margin, both modelled). */
  pricesUsd?: { design: number; baseline: number; margin?: number };
  /** With `basis`: each side's cost per response at those prices, the two numbers the ratio divides. */
  usdPerResponse?: { design: number; baseline: number };
  /** What the ratio rests on, for a diagnostic; undefined when both prices are given. */
  note?: { severity: 'warning' | 'info'; code: 'cost-not-comparable' | 'cost-basis'; message: string };
}

export function compareCost(
  design: DesignPoint,
  result: EvaluationResult,
  baseline: DesignPoint,
  baselineResult: EvaluationResult,
  baselineName: string,
  /** `compare: <chip preset id>`: this file's keys cannot give the baseline a price (resolve.ts CHIP_OWN_COST). */
  baselinePresetId?: string,
): CostComparison {
  const a = design.economics,
    b = baseline.economics;
  // This design without a price already has its diagnostic at the chip (price-unknown in
  // checks.ts, which names the ratio too): one root cause, one diagnostic.
  if (a.priceSource === 'unknown') return { costPerResponse: 0 };
  if (b.priceSource === 'unknown') {
    return {
      costPerResponse: 0,
      note: {
        severity: 'warning',
        code: 'cost-not-comparable',
        message: `The baseline \`${baselineName}\` has no chip price: \`cost.chip_price\` is not given and the die cannot be modelled without \`chip.process\`. Its cost counts electricity only, so the cost ratio reads "${COST_NOT_COMPARABLE}". ${
          baselinePresetId
            ? `The preset \`${baselinePresetId}\` states neither (and this file's \`cost.chip_price\` prices this chip, not the baseline): compare with a file that \`extends: ${baselinePresetId}\` and gives it a \`chip.process\` (to model the price from the die) or a \`cost.chip_price\`.`
            : 'Give the baseline `chip.process` (to model the price from the die) or `cost.chip_price`.'
        }`,
      },
    };
  }
  // Both priced by their vendors: the costs as the rows show them. A preset's price carried over
  // a changed die (scaled by what the two dies cost, both modelled) still rests on the vendor's
  // price, and equals it at the preset's own die: the ratio moves smoothly as a sweep passes
  // the preset's value, rather than jumping to another basis one MiB away from it.
  const priceOf = comparedPrice(design, baseline);
  const bothModellable = design.silicon !== undefined && baseline.silicon !== undefined;
  const perResponseAt = (price: (d: DesignPoint) => number) => (d: DesignPoint, r: EvaluationResult) =>
    costOf(
      { ...d.economics, chipPriceUsd: price(d) },
      d.system.chips,
      r.power.watts,
      r.response.ms / 1e3,
      d.workload.batch,
      r.throughput.outputTokensPerSecond,
    ).usdPerResponse;
  const margin = COMPARED_MARGIN;
  if (!priceOf) {
    const shown = ratio(result.cost.usdPerResponse, baselineResult.cost.usdPerResponse);
    // Said where this file writes its own price: two presets compare as their vendors price them.
    const ownPrice = design.economics.priceSource === 'given' && design.economics.pricePreset === undefined;
    if (!bothModellable || !ownPrice) return { costPerResponse: shown };
    // Both priced as given, both dies modellable: the ratio is the prices' as given, and says so,
    // with what one model at one margin would say (an architect's review: writing a price of
    // one's own turned "1.6× dearer" into "1.65× cheaper" against NVIDIA's margin, without a word).
    const modelled = modelledAt(margin);
    const atModelled = perResponseAt(modelled);
    const other = ratio(atModelled(design, result), atModelled(baseline, baselineResult));
    const words = (x: number) => (x >= 1 ? `${formatRatio(x)} cheaper` : `${formatRatio(1 / x)} dearer`);
    return {
      costPerResponse: shown,
      note: {
        severity: 'info',
        code: 'cost-basis',
        message: `The cost ratio compares the chip prices as given: this design ${formatUsd(design.economics.chipPriceUsd)} (${priceOrigin(design.economics)}), the baseline \`${baselineName}\` ${formatUsd(baseline.economics.chipPriceUsd)} (${priceOrigin(baseline.economics)}): ${words(shown)}. Priced from both dies by one model at one margin (${formatPercent(margin)}), ${formatUsd(modelled(design))} against ${formatUsd(modelled(baseline))}, it would be ${words(other)}: a given price carries its seller's margin.`,
      },
    };
  }
  const perResponse = perResponseAt(priceOf);
  const describe = (d: DesignPoint) => {
    const e = d.economics;
    if (!bothModellable) return `${formatUsd(e.chipPriceUsd)} (${priceOrigin(e)})`;
    const own = d.silicon!.economics.margin;
    const notes = [
      modelledAtMargin(margin),
      ...(own !== margin ? [`at its own ${formatPercent(own)}, ${formatUsd(d.silicon!.modelled.priceUsd)}`] : []),
      ...(d.silicon!.modelled.priceUsd === e.chipPriceUsd
        ? []
        : [
            `${e.priceSource === 'given' ? priceOrigin(e) : `scaled from ${e.modelledOverPreset?.presetId ?? 'its preset'}'s price`} ${formatUsd(e.chipPriceUsd)}`,
          ]),
    ];
    return `${formatUsd(priceOf(d))} (${notes.join('; ')})`;
  };
  const message = bothModellable
    ? `The cost ratio uses modelled chip prices on both sides, at one margin (${formatPercent(margin)}, the default), so dies, memory, packaging and boards are costed by one model and a vendor's margin is not read as a cheaper design: this design ${describe(design)}, the baseline \`${baselineName}\` ${describe(baseline)}.`
    : `The cost ratio mixes a modelled and a given chip price: this design ${describe(design)}, the baseline \`${baselineName}\` ${describe(baseline)}. ${
        design.silicon
          ? // A preset with no published node (mi300x, tpu-v5e) cannot take one from a compare id, and
            // a chiplet die like MI300X's is not what the area model builds: compare prices as sold.
            `To price both from their dies, the baseline needs a \`chip.process\` (a compare file that extends it; a preset whose node is not published, or whose die the area model does not build, as \`mi300x\`'s, has none to give); to compare prices as sold, give this design a \`cost.chip_price\`.`
          : 'Give this design a `chip.process` to price both from their dies.'
      }`;
  const usdPerResponse = { design: perResponse(design, result), baseline: perResponse(baseline, baselineResult) };
  return {
    costPerResponse: ratio(usdPerResponse.design, usdPerResponse.baseline),
    basis: bothModellable ? 'modelled' : 'mixed',
    pricesUsd: { design: priceOf(design), baseline: priceOf(baseline), ...(bothModellable ? { margin } : {}) },
    usdPerResponse,
    note: { severity: 'info', code: 'cost-basis', message },
  };
}

/**
 * The chip price a cost ratio between `design` and `baseline` takes for either of them (or a
 * fleet's standby made of one): the modelled one where both dies can be modelled, else the one
 * shown; undefined where both are priced by their vendors, and the ratio is the rows' own.
 * Modelled prices are taken at one margin (COMPARED_MARGIN): each at its own, the GPU presets'
 * 88 % against the default 75 % made the H100's own die, written from its spec sheet, "2.06×
 * cheaper" than the H100.
 * Every cost ratio of one comparison (per response, a fleet's per token) reads it.
 */
export function comparedPrice(design: DesignPoint, baseline: DesignPoint): ((d: DesignPoint) => number) | undefined {
  if (vendorPriced(design) && vendorPriced(baseline)) return undefined;
  if (design.silicon === undefined || baseline.silicon === undefined) return (d) => d.economics.chipPriceUsd;
  return modelledAt(COMPARED_MARGIN);
}

/** chip price = manufactured / (1 − margin) + its server share (price.ts: not the margin's): the same chip at another margin. */
const modelledAt =
  (margin: number) =>
  (d: DesignPoint): number =>
    d.silicon ? d.silicon.modelled.costUsd / (1 - margin) + d.silicon.modelled.systemUsd : d.economics.chipPriceUsd;

/**
 * The one margin both modelled prices of a cost ratio take: the schema's default (`cost.silicon.margin`,
 * 75 %), whichever side is "this design". This design's own margin would make the ratio better
 * as it raised its own price (a review: at 0 % the L4 read 1.12× cheaper than the H100, at 90 %
 * 1.22×) and A against B not the inverse of B against A.
 */
export const COMPARED_MARGIN: number = (schemaAt(['cost', 'silicon', 'margin']) as FractionNode).default!.value;

/**
 * Each fleet's cost per million output tokens with every pool's chips at `priceOf`
 * (comparedPrice): the capital the rows count at the prices shown is replaced by the same chips
 * at the compared prices. Each fleet's pools are its active replicas' design and then its
 * standby's, as `sizeFleet` lists them. Their ratio, baseline over design, is the fleet cost
 * ratio (> 1: this design's fleet is cheaper; 0 where this design's costs nothing).
 */
export function fleetCostsAtPrices(
  design: { fleet: FleetResult; pools: readonly DesignPoint[] },
  baseline: { fleet: FleetResult; pools: readonly DesignPoint[] },
  priceOf: (d: DesignPoint) => number,
): { design: number; baseline: number; ratio: number } {
  const perToken = ({ fleet, pools }: typeof design) => {
    const shownUsdPerSecond = fleet.usdPerHour / 3600;
    const extra = fleet.pools.reduce((sum, pool, i) => {
      const d = pools[i]!;
      return sum + (pool.chips * (priceOf(d) - d.economics.chipPriceUsd)) / d.economics.lifetimeSeconds;
    }, 0);
    return shownUsdPerSecond > 0 ? fleet.usdPerMillionOutputTokens * ((shownUsdPerSecond + extra) / shownUsdPerSecond) : 0;
  };
  const costs = { design: perToken(design), baseline: perToken(baseline) };
  return { ...costs, ratio: ratio(costs.design, costs.baseline) };
}

/** A given price, or a preset's given price scaled over a changed die (`modelledOverPreset`). */
const vendorPriced = (d: DesignPoint): boolean =>
  d.economics.priceSource === 'given' ||
  (d.economics.priceSource === 'modelled' && d.economics.modelledOverPreset?.presetPriceUsd !== undefined);

const ratio = (mine: number, theirs: number) => (mine > 0 ? theirs / mine : 0);
