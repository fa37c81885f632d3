// The design point's silicon -> `result.silicon` (contract.md §4.4), plain data for every surface.

import type { DesignPoint } from '../design';
import type { SiliconResult } from '../result';
import { dieArea, estimatedMm2, scaledArea, stacksPerDie, UNCORE_SHARE, type DieArea } from './area';
import { formatMm2 } from '../report/format';
import { areaErrorBand, areaRange } from './areaRange';
import { chipPrice } from './price';
import type { SiliconEstimate } from './fromConfig';
import type { SiliconSpec } from './spec';
import { findPreset } from '../presets';

/**
 * The die area's range and the modelled price at its ends (model/silicon/areaRange.ts), when the
 * node's class has dies to go by; `leaner`: its low end reaches the die built the leaner way of
 * each choice the config leaves open (the range shown), else it is this die's alone (what a split
 * of this die is weighed against).
 */
export function areaRanges(
  s: SiliconEstimate,
  leaner = true,
): Pick<SiliconResult, 'dieAreaRangeMm2' | 'modelledPriceRangeUsd' | 'areaRangeBasis'> {
  const band = areaErrorBand(s.spec.process);
  if (!band) return {};
  // The error is the estimate's: a die padded for its shoreline is padded again at either end.
  const estimated = estimatedMm2(s.area);
  const [low, high] = areaRange(estimated, band).map((mm2) => scaledArea(s.area, mm2 / estimated));
  const priceOf = (area: typeof low, spec = s.spec) => chipPrice(spec, area!, s.economics).priceUsd;
  const lean = leaner ? leanDie(s) : undefined;
  const leanLow = lean && scaledArea(lean.area, areaRange(estimatedMm2(lean.area), band)[0] / estimatedMm2(lean.area));
  if (lean && leanLow && leanLow.totalMm2 < low!.totalMm2)
    return {
      dieAreaRangeMm2: [leanLow.totalMm2, high!.totalMm2],
      modelledPriceRangeUsd: [Math.min(priceOf(leanLow, lean.spec), priceOf(low)), priceOf(high)],
      areaRangeBasis: `${band.basis}; its low end is the die ${lean.words}, which the config leaves open (${lean.keys} not stated)`,
    };
  return {
    dieAreaRangeMm2: [low!.totalMm2, high!.totalMm2],
    modelledPriceRangeUsd: [priceOf(low), priceOf(high)],
    areaRangeBasis: band.basis,
  };
}

/**
 * The die built with the leaner of each choice the config leaves to its default (fromConfig.ts
 * `LeanChoice`): a from-scratch inference chip's area read "40.4 mm² [39–44]" where stating
 * its SRAM a scratchpad alone made it about 24 (an architect's review).
 */
function leanDie(s: SiliconEstimate): { spec: SiliconSpec; area: DieArea; words: string; keys: string } | undefined {
  const choices = s.unstated ?? [];
  if (choices.length === 0) return undefined;
  const spec: SiliconSpec = {
    ...s.spec,
    ...(choices.includes('sram_kind') ? { sramKind: 'scratchpad' as const } : {}),
    ...(choices.includes('fp64_rate') ? { fp64Rate: 0 } : {}),
  };
  const words = [
    choices.includes('sram_kind') && 'with its SRAM a scratchpad',
    choices.includes('fp64_rate') && 'without FP64 in its vector lanes',
  ]
    .filter(Boolean)
    .join(' and ');
  const keys = choices.map((c) => `\`chip.silicon.${c}\``).join(' and ');
  return { spec, area: dieArea(spec, (candidate) => chipPrice(spec, candidate, s.economics).priceUsd), words, keys };
}

/** Why a die was grown beyond its logic: its stacks' PHY edges (model/silicon/area.ts). */
function shorelinePadDetail(area: DieArea): string {
  const shore = area.shoreline!;
  const perDie = stacksPerDie(shore.stacks, area.chiplets);
  const dies = area.shorelineDies;
  return `${perDie} ${shore.technology} stack${perDie === 1 ? '' : 's'} beside ${area.chiplets === 1 ? 'the die' : dies === area.chiplets ? 'each die' : `each of ${dies} dies`} take${perDie === 1 ? 's' : ''} ${perDie} × ${shore.edgeMm} mm of its edges: ${dies > 1 ? 'each' : 'it'} is grown to ${formatMm2(area.shorelineDieMm2)}`;
}

/** `describe`: each component's `detail` text (what the views show) and the area's range; '' and no range for numbers only (exploration). */
export function siliconResult(design: DesignPoint, describe = true): SiliconResult | undefined {
  const { economics: e, silicon: s } = design;
  if (e.priceSource === 'unknown') return undefined;
  return {
    dieAreaMm2: s ? s.area.totalMm2 : null,
    chipPriceUsd: e.chipPriceUsd,
    priceSource: e.priceSource,
    ...(e.pricePreset ? { pricePreset: e.pricePreset } : {}),
    // The preset's own die: the maker's figure beside the model's.
    ...(s && e.publishedDiePreset ? { publishedDie: findPreset('chip', e.publishedDiePreset)!.publishedDie } : {}),
    ...(e.modelledOverPreset ? { modelledOverPreset: { ...e.modelledOverPreset, keys: [...e.modelledOverPreset.keys] } } : {}),
    modelledPriceUsd: s ? s.modelled.priceUsd : null,
    process: s ? s.spec.process : null,
    chiplets: s ? s.area.chiplets : 1,
    perDieMm2: s ? s.area.dieMm2 : null,
    largestDieMm2: s ? (s.area.shorelinePadMm2 > 0 ? Math.max(s.area.shorelineDieMm2, s.area.dieMm2) : s.area.dieMm2) : null,
    ...(s && describe ? areaRanges(s) : {}),
    components: s ? (describe ? componentsOf(s, true) : numbersOnly(s)) : [],
    price: s ? { ...s.modelled } : null,
    memory: s
      ? s.spec.memory
        ? { technology: s.spec.memory.technology, stacks: s.spec.memory.stacks, interfaces: s.spec.memory.interfaces }
        : { technology: 'none', stacks: 0, interfaces: 0 }
      : null,
    staticWatts: s ? s.staticWatts : null,
    idlePowerFromArea: design.hardware.idlePowerSource === 'die area',
  };
}

/**
 * The area breakdown. Numbers only (no detail text) for an exploration's points, made once per
 * die: the die memo shares one estimate between every point whose chip is the same.
 */
const NUMBERS_ONLY = new WeakMap<SiliconEstimate, SiliconResult['components']>();
function numbersOnly(s: SiliconEstimate): SiliconResult['components'] {
  let components = NUMBERS_ONLY.get(s);
  if (!components) NUMBERS_ONLY.set(s, (components = componentsOf(s, false)));
  return components;
}

function componentsOf(s: SiliconEstimate, describe: boolean): SiliconResult['components'] {
  return [
    ...s.area.components
      .filter((c) => c.mm2 > 0)
      .map((c) => ({ id: c.id, label: c.label, mm2: c.mm2, detail: describe ? c.describe() : '' })),
    {
      id: 'uncore',
      label: 'Uncore (NoC, host I/O, misc.)',
      mm2: s.area.uncoreMm2,
      // Its share is of the logic it serves: padding and die-to-die interfaces come on top.
      detail: describe
        ? `${(UNCORE_SHARE * 100).toFixed(1)} % of the die${s.area.shorelinePadMm2 > 0 || s.area.dieToDieMm2 > 0 ? ' before die-to-die interfaces and edge padding' : ''}, as on the GA100 die shot`
        : '',
    },
    ...(s.area.shorelinePadMm2 > 0
      ? [
          {
            id: 'shorelinePad',
            label: 'HBM shoreline padding (blank silicon)',
            mm2: s.area.shorelinePadMm2,
            detail: describe ? shorelinePadDetail(s.area) : '',
          },
        ]
      : []),
    ...(s.area.dieToDieMm2 > 0
      ? [
          {
            id: 'dieToDie',
            label: 'Die-to-die interfaces',
            mm2: s.area.dieToDieMm2,
            detail: describe ? `${s.area.chiplets} chiplets, 5 % each` : '',
          },
        ]
      : []),
  ];
}
