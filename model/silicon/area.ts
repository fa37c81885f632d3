// Die area from the component estimators, an uncore share, spare units, and the reticle.

import { ESTIMATORS, type ComponentArea } from './estimators';
import { MEMORY_TECHNOLOGY_TABLE } from './memoryTechnologies';
import { PROCESS_NODE_TABLE } from './processNodes';
import { stackedMemories, type SiliconSpec } from './spec';

/**
 * Share of a die outside the estimated components: the on-chip network / crossbar and the rest
 * (host interface, management, clocking, video and display engines). The GA100 die shot
 * (LLMCompass ae/figure6 die_area.csv) shows 76.4 mm² of on-chip interconnect and 40 mm² of
 * "other" out of 822.7 mm² counted: 14.2 %.
 */
export const UNCORE_SHARE = (76.44 + 40) / (476.25 + 76.44 + 119.31 + 58 + 31.77 + 20.95 + 0 + 40);
/** Largest die a lithography scanner exposes: 26 x 33 mm. */
export const RETICLE_LIMIT_MM2 = 26 * 33;
/**
 * The largest interposer on a foundry's roadmap: 5.5 reticles, TSMC's CoWoS for 2026 (3.3
 * reticles, about 2,800 mm², in production in 2024; TSMC Technology Symposium 2024 as reported
 * by Tom's Hardware and TrendForce). A package beyond it needs wafer-scale integration.
 */
export const INTERPOSER_LIMIT_MM2 = 5.5 * RETICLE_LIMIT_MM2;
/** The largest chip ever built: Cerebras WSE-3, 46,225 mm², the largest square a 300 mm wafer holds (Cerebras, March 2024). */
export const WAFER_SCALE_LIMIT_MM2 = 46_225;
/** Die-to-die interfaces each chiplet adds when a design is split: an assumption of 5 % of its area
 *  (UCIe-class PHYs along one edge). Cross-check: UCIe on a 2.5D package carries up to 1.35 TB/s
 *  per mm² at a 45 µm bump pitch (UCIe 1.0 specification figures), so 5 % of an 800 mm² chiplet
 *  (40 mm²) could carry ~54 TB/s, well above the 10 TB/s NVIDIA gives for B200's die-to-die link:
 *  a generous allowance that also covers routing to the edge and the wider spacing. */
export const DIE_TO_DIE_SHARE = 0.05;

export interface DieArea {
  /** Total silicon area of the chip, all chiplets, mm². */
  totalMm2: number;
  /** Area of one die (the whole chip when monolithic), mm². */
  dieMm2: number;
  chiplets: number;
  components: ComponentArea[];
  /** Area not in the components (uncore) and added by die-to-die interfaces, mm². */
  uncoreMm2: number;
  dieToDieMm2: number;
  /** Area where a defect is repaired by a spare unit (0 without spares), mm² over all chiplets; its SRAM cells' are not counted here. */
  repairableMm2: number;
  /** The SRAM banks' bit cells, where a defect is repaired by a spare row or column: no defect there scraps a die, mm² over all chiplets. */
  sramArrayMm2: number;
  /**
   * Silicon added only so the HBM stacks' PHYs fit along the dies' edges (0 when they fit), mm²
   * over all chiplets: a die grown for its shoreline, which holds no logic and draws no leakage.
   */
  shorelinePadMm2: number;
  /** The smallest die whose four edges take its share of the stacks (0 without stacks), mm². */
  shorelineDieMm2: number;
  /** The dies that carry stacks (`stacksPerDie` each): all of them, or as many as there are stacks. */
  shorelineDies: number;
  /** The stacks beside the dies and the PHY edge each takes (the widest technology's), when the chip has any. */
  shoreline?: { stacks: number; edgeMm: number; technology: string };
  /** The fewest chiplets that each fit the reticle with their share of the stacks (the least `chip.silicon.chiplets` may state). */
  fewestChiplets: number;
}

/** Stacks beside each die that carries any: spread evenly, one die per stack at most (a die past that carries none). */
export const stacksPerDie = (stacks: number, chiplets: number) => Math.ceil(stacks / Math.max(1, Math.min(chiplets, stacks)));

/** The padding `chiplets` dies of `estimatedDieMm2` each need for their share of the stacks, mm² over all of them. */
function shorelinePad(
  shoreline: NonNullable<DieArea['shoreline']>,
  chiplets: number,
  estimatedDieMm2: number,
): { padMm2: number; dieMm2: number; dies: number } {
  const dies = Math.min(chiplets, shoreline.stacks);
  const dieMm2 = shorelineDieMm2(stacksPerDie(shoreline.stacks, chiplets), shoreline.edgeMm);
  return { padMm2: dies * Math.max(0, dieMm2 - estimatedDieMm2), dieMm2, dies };
}

/**
 * How many more dies than the fewest the split for a shoreline may try: past a few, each more die
 * carries fewer stacks than one, and the count stays bounded for an absurd stack count.
 */
const SHORELINE_SPLIT_SEARCH = 64;

/** A die laid out at the reticle's 26:33 aspect: its long and short edges are these times √area. */
const LONG_EDGE_PER_ROOT_MM2 = Math.sqrt(33 / 26);
const SHORT_EDGE_PER_ROOT_MM2 = Math.sqrt(26 / 33);

/**
 * How many PHY edges of `edgeMm` fit along all four edges of a die of `dieMm2` (26:33): a generous
 * bound, with no edge left for links or host I/O (H100 puts its 6 sites on the two long edges).
 */
export function stacksAlongEdges(dieMm2: number, edgeMm: number): number {
  const root = Math.sqrt(dieMm2);
  return 2 * (Math.floor((root * LONG_EDGE_PER_ROOT_MM2) / edgeMm + 1e-9) + Math.floor((root * SHORT_EDGE_PER_ROOT_MM2) / edgeMm + 1e-9));
}

/**
 * The smallest die (26:33) along whose four edges `stacks` PHY edges of `edgeMm` fit: i stacks on
 * each long edge and the rest on the short ones, the split that needs the least √area (the long
 * edge's need rises with i, the short edge's falls, so the best i is next to where they cross).
 */
export function shorelineDieMm2(stacks: number, edgeMm: number): number {
  if (stacks <= 0 || edgeMm <= 0) return 0;
  const perSide = Math.ceil(stacks / 2);
  const rootFor = (i: number) => Math.max((i * edgeMm) / LONG_EDGE_PER_ROOT_MM2, ((perSide - i) * edgeMm) / SHORT_EDGE_PER_ROOT_MM2);
  const cross = (perSide * LONG_EDGE_PER_ROOT_MM2) / (LONG_EDGE_PER_ROOT_MM2 + SHORT_EDGE_PER_ROOT_MM2);
  const root = Math.min(rootFor(Math.floor(cross)), rootFor(Math.min(perSide, Math.ceil(cross))));
  return root * root;
}

/** The stacks beside the dies and the widest PHY edge among their technologies; undefined without stacks. */
function shorelineOf(spec: SiliconSpec): DieArea['shoreline'] {
  const stacked = stackedMemories(spec);
  if (stacked.length === 0) return undefined;
  const widest = stacked.reduce((a, b) =>
    MEMORY_TECHNOLOGY_TABLE[b.technology].edgeMm > MEMORY_TECHNOLOGY_TABLE[a.technology].edgeMm ? b : a,
  );
  return {
    stacks: stacked.reduce((sum, m) => sum + m.stacks, 0),
    edgeMm: MEMORY_TECHNOLOGY_TABLE[widest.technology].edgeMm,
    technology: widest.technology,
  };
}

/** The fewest dies, each with its die-to-die share, that each fit the reticle. */
export function fewestChiplets(monolithicMm2: number): number {
  return monolithicMm2 <= RETICLE_LIMIT_MM2 ? 1 : Math.max(2, Math.ceil((monolithicMm2 * (1 + DIE_TO_DIE_SHARE)) / RETICLE_LIMIT_MM2));
}

/**
 * `costOf`: what a candidate split costs (the modelled price, from fromConfig.ts), to choose the
 * split of a die its stacks would pad; without it, the one that needs the least silicon.
 */
export function dieArea(spec: SiliconSpec, costOf?: (area: DieArea) => number): DieArea {
  const node = PROCESS_NODE_TABLE[spec.process];
  const components: ComponentArea[] = ESTIMATORS.map((e) => {
    const { mm2, describe, arrayMm2 = 0 } = e.estimate(spec, node);
    const spare = e.replicated ? 1 + spec.spareFraction : 1;
    return {
      id: e.id,
      label: e.label,
      replicated: e.replicated,
      mm2: mm2 * spare,
      arrayMm2: arrayMm2 * spare,
      describe:
        spec.spareFraction > 0 && e.replicated ? () => `${describe()}, +${(spec.spareFraction * 100).toFixed(0)} % spare units` : describe,
    };
  });
  const core = components.reduce((sum, c) => sum + c.mm2, 0);
  const monolithic = core / (1 - UNCORE_SHARE);
  const shoreline = shorelineOf(spec);
  // The fewest dies that fit the reticle, in closed form (a loop counting up would spin for as
  // long as the area is large: an absurd config's petametre-squared die hung the fuzz test): for
  // the logic, and for the stacks, as many dies as a reticle-sized die's edges take.
  const forStacks = shoreline ? Math.ceil(shoreline.stacks / Math.max(1, stacksAlongEdges(RETICLE_LIMIT_MM2, shoreline.edgeMm))) : 1;
  const fewest = Math.max(fewestChiplets(monolithic), forStacks);
  // An SRAM's own spare rows and columns repair the defects that land in its cells, before any spare unit is taken.
  const sramArrayMm2 = components.reduce((s, c) => s + c.arrayMm2, 0);
  const repairableMm2 = spec.spareFraction > 0 ? components.filter((c) => c.replicated).reduce((s, c) => s + c.mm2 - c.arrayMm2, 0) : 0;
  const split = (chiplets: number): DieArea => {
    const dieToDieMm2 = chiplets > 1 ? monolithic * DIE_TO_DIE_SHARE : 0;
    const pad = shoreline ? shorelinePad(shoreline, chiplets, (monolithic + dieToDieMm2) / chiplets) : { padMm2: 0, dieMm2: 0, dies: 0 };
    const totalMm2 = monolithic + dieToDieMm2 + pad.padMm2;
    return {
      totalMm2,
      dieMm2: totalMm2 / chiplets,
      chiplets,
      components,
      uncoreMm2: monolithic - core,
      dieToDieMm2,
      repairableMm2,
      sramArrayMm2,
      shorelinePadMm2: pad.padMm2,
      shorelineDieMm2: pad.dieMm2,
      shorelineDies: pad.dies,
      ...(shoreline ? { shoreline } : {}),
      fewestChiplets: fewest,
    };
  };
  // The chiplets the design states (a count too small is model/checks.ts's error), else the
  // fewest; where those would be padded for their stacks' edge, the cheapest split from there
  // up: padding is not the only answer to a shoreline, and more, smaller dies have more edge per
  // mm² (8 HBM3 stacks pad a 295 mm² die to 614 mm², or sit beside two of 155 mm²). The fewest
  // count alone made a ninth stack pad one die to the reticle while an eleventh split it in two
  // for less (a review); the cheapest of a set that only grows with the stacks never falls.
  let chosen = split(spec.chiplets ?? fewest);
  if (spec.chiplets === undefined && shoreline && chosen.shorelinePadMm2 > 0) {
    const cost = costOf ?? ((a: DieArea) => a.totalMm2);
    let least = cost(chosen);
    for (let c = fewest + 1; c <= Math.min(Math.max(fewest, shoreline.stacks), fewest + SHORELINE_SPLIT_SEARCH); c++) {
      const candidate = split(c);
      const costs = cost(candidate);
      if (costs < least * (1 - 1e-9)) [chosen, least] = [candidate, costs];
    }
  }
  return chosen;
}

/** The die's estimated silicon: all of it but the padding its shoreline adds, mm². */
export const estimatedMm2 = (area: DieArea) => area.totalMm2 - area.shorelinePadMm2;

/**
 * The same die with every estimated part `factor` times its estimate and the chiplet count kept:
 * what the price is at an end of the area's range. The shoreline is geometry, not an estimate: a
 * smaller die is padded again to the edge its stacks need.
 */
export function scaledArea(area: DieArea, factor: number): DieArea {
  const estimated = estimatedMm2(area) * factor;
  const shorelinePadMm2 = area.shorelineDies * Math.max(0, area.shorelineDieMm2 - estimated / area.chiplets);
  const totalMm2 = estimated + shorelinePadMm2;
  return {
    ...area,
    totalMm2,
    dieMm2: totalMm2 / area.chiplets,
    components: area.components.map((c) => ({ ...c, mm2: c.mm2 * factor, arrayMm2: c.arrayMm2 * factor })),
    uncoreMm2: area.uncoreMm2 * factor,
    dieToDieMm2: area.dieToDieMm2 * factor,
    repairableMm2: area.repairableMm2 * factor,
    sramArrayMm2: area.sramArrayMm2 * factor,
    shorelinePadMm2,
  };
}
