// A cost ratio compares like with like: both sides priced the same way (as their vendors price
// them where both are, else modelled from their dies where both can be, else as given), and no
// ratio at all when one side has no price.

import type { DesignPoint } from '../design';
import { costOf } from '../engine/cost';
import type { EvaluationResult } from '../result';
import { formatUsd } from '../report/format';
import { COST_NOT_COMPARABLE, modelledAtMargin, priceOrigin } from '../report/labels';

export interface CostComparison {
  /** Baseline cost per response over this design's (> 1: this design is cheaper); 0 when not comparable. */
  costPerResponse: number;
  /** The prices the ratio compares, where they are not the ones the cost rows show (both given). */
  basis?: 'modelled' | 'mixed';
  /** What the ratio rests on, for a diagnostic; undefined when both prices are given. */
  note?: { severity: 'warning' | 'info'; code: 'cost-not-comparable' | 'cost-basis'; message: string };
}

export function compareCost(
  design: DesignPoint,
  result: EvaluationResult,
  baseline: DesignPoint,
  baselineResult: EvaluationResult,
  baselineName: string,
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
        message: `The baseline \`${baselineName}\` has no chip price: \`cost.chip_price\` is not given and the die cannot be modelled without \`chip.process\`. Its cost counts electricity only, so the cost ratio reads "${COST_NOT_COMPARABLE}". Give \`chip.process\` (to model the price from the die) or \`cost.chip_price\`.`,
      },
    };
  }
  // Both priced by their vendors: the costs as the rows show them. A preset's price carried over
  // a changed die (scaled by what the two dies cost, both modelled) still rests on the vendor's
  // price, and equals it at the preset's own die: the ratio moves smoothly as a sweep passes
  // the preset's value, rather than jumping to another basis one MiB away from it.
  if (vendorPriced(design) && vendorPriced(baseline))
    return { costPerResponse: ratio(result.cost.usdPerResponse, baselineResult.cost.usdPerResponse) };
  const bothModellable = design.silicon !== undefined && baseline.silicon !== undefined;
  const priceOf = (d: DesignPoint) => (bothModellable ? d.silicon!.modelled.priceUsd : d.economics.chipPriceUsd);
  const perResponse = (d: DesignPoint, r: EvaluationResult) =>
    costOf(
      { ...d.economics, chipPriceUsd: priceOf(d) },
      d.system.chips,
      r.power.watts,
      r.response.ms / 1e3,
      d.workload.batch,
      r.throughput.outputTokensPerSecond,
    ).usdPerResponse;
  const describe = (d: DesignPoint) => {
    const e = d.economics;
    if (!bothModellable) return `${formatUsd(e.chipPriceUsd)} (${priceOrigin(e)})`;
    const modelled = modelledAtMargin(d.silicon!.economics.margin);
    if (priceOf(d) === e.chipPriceUsd) return `${formatUsd(priceOf(d))} (${modelled})`;
    return `${formatUsd(priceOf(d))} (${modelled}; ${e.priceSource === 'given' ? priceOrigin(e) : `scaled from ${e.modelledOverPreset?.presetId ?? 'its preset'}'s price`} ${formatUsd(e.chipPriceUsd)})`;
  };
  const message = bothModellable
    ? `The cost ratio uses modelled chip prices on both sides, so dies, memory, packaging and boards are costed by one model (each at its own margin): this design ${describe(design)}, the baseline \`${baselineName}\` ${describe(baseline)}.`
    : `The cost ratio mixes a modelled and a given chip price: this design ${describe(design)}, the baseline \`${baselineName}\` ${describe(baseline)}. ${
        design.silicon
          ? // A preset with no published node (mi300x, tpu-v5e) cannot take one from a compare id, and
            // a chiplet die like MI300X's is not what the area model builds: compare prices as sold.
            `To price both from their dies, the baseline needs a \`chip.process\` (a compare file that extends it; a preset whose node is not published, or whose die the area model does not build, as \`mi300x\`'s, has none to give); to compare prices as sold, give this design a \`cost.chip_price\`.`
          : 'Give this design a `chip.process` to price both from their dies.'
      }`;
  return {
    costPerResponse: ratio(perResponse(design, result), perResponse(baseline, baselineResult)),
    basis: bothModellable ? 'modelled' : 'mixed',
    note: { severity: 'info', code: 'cost-basis', message },
  };
}

/** A given price, or a preset's given price scaled over a changed die (`modelledOverPreset`). */
const vendorPriced = (d: DesignPoint): boolean =>
  d.economics.priceSource === 'given' ||
  (d.economics.priceSource === 'modelled' && d.economics.modelledOverPreset?.presetPriceUsd !== undefined);

const ratio = (mine: number, theirs: number) => (mine > 0 ? theirs / mine : 0);
