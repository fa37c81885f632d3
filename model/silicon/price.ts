// Chip price from die area: wafer price by node, dies per wafer, yield from a negative-binomial
// defect model, memory, packaging (a 2.5D interposer with HBM or chiplets), the packages a failed
// bond scraps, test, the board or module the package sits on, the vendor's margin, the design's
// non-recurring engineering per chip and the chip's share of its server.

import type { DieArea } from './area';
import { MEMORY_TECHNOLOGY_TABLE } from './memoryTechnologies';
import { offChipMemories, stackedMemories, type OffChipMemorySpec, type SiliconSpec } from './spec';

/** The user-overridable economics of silicon (`cost.silicon.*`), SI units. */
export interface SiliconEconomics {
  waferUsd: number;
  defectsPerMm2: number;
  /** Memory price per byte (HBM, GDDR), USD. */
  memoryUsdPerByte: number;
  /** Price of one processed interposer wafer (CoWoS-class), USD. */
  interposerWaferUsd: number;
  /** Organic substrate and assembly of a package, USD. */
  substrateUsd: number;
  /** Test and burn-in, a fraction of the dice, memory and package. */
  testShare: number;
  /** The board or module (PCB, power delivery, cooler, assembly), a fraction of the dice and memory. */
  boardShare: number;
  /** Yield of bonding one die (chiplet or HBM stack) to the package. */
  bondYield: number;
  /** Vendor gross margin: price = cost / (1 - margin). */
  margin: number;
  /** Non-recurring engineering of the design, USD, spread over `volume` chips (0 at a vendor's margin, which pays for it). */
  nreUsd: number;
  /** Chips the design is built in. */
  volume: number;
  /** The chip's share of its server (CPUs, NICs, switches, chassis), a fraction of the accelerator price at SYSTEM_SHARE_MARGIN. */
  systemShare: number;
  /** The least server share per chip, USD: its slot in a host server, whatever the chip costs. */
  hostUsdPerChip: number;
}

/**
 * The margin of the accelerator price `systemShare` was measured against: the DGX H100's 6,250 USD
 * of server per GPU over an H100 sold at NVIDIA's 88 % (model/config/schema.ts system_share; the
 * GPU presets' margin). The server is that share of the accelerator as priced at that margin,
 * whatever this chip's own: CPUs, NICs and a chassis cost no less for a chip built in house (an
 * architect's review: at a 0 % margin the share fell from 3,733 to 933 USD, the fleet's capital
 * with it).
 */
export const SYSTEM_SHARE_MARGIN = 0.88;

/**
 * The least capacity `stacks` stacks or devices of a technology hold, as vendors write it: a 16 GiB
 * stack is sold as "16 GB", so a V100's "16 GB" on four 4 GiB stacks is all of them.
 */
export const leastMemoryBytes = (m: Pick<OffChipMemorySpec, 'stacks' | 'technology'>): number =>
  (m.stacks * MEMORY_TECHNOLOGY_TABLE[m.technology].minBytesPerStack * 1e9) / 2 ** 30;

/** The bytes a memory is priced by: its capacity, or what its stacks or devices hold at least (MemoryTechnologySpec.minBytesPerStack). */
export const pricedMemoryBytes = (m: Pick<OffChipMemorySpec, 'capacityBytes' | 'stacks' | 'technology'>): number =>
  Math.max(m.capacityBytes, leastMemoryBytes(m));

/** Negative-binomial clustering parameter (LLMCompass supply_chain_model.py yield_rate uses 3). */
export const CLUSTERING_ALPHA = 3;
const WAFER_DIAMETER_MM = 300;
/**
 * Interposer area over the silicon it carries: spacing, routing and the ring (assumption: +25 %).
 * Cross-check: for H100 (769 mm² modelled die + 5 HBM3 footprints) it gives a 1,717 mm² interposer,
 * 25 per 300 mm wafer, against "one CoWoS wafer can yield 28 H100/H200" (okx.com H200 supply post, 2025).
 */
export const INTERPOSER_OVERHEAD = 1.25;

/** Gross dies per 300 mm wafer: wafer area / die area minus the edge loss (the usual first-order formula, as in LLMCompass). */
export function diesPerWafer(dieMm2: number): number {
  const r = WAFER_DIAMETER_MM / 2;
  return Math.max(0, (Math.PI * r * r) / dieMm2 - (Math.PI * WAFER_DIAMETER_MM) / Math.sqrt(2 * dieMm2));
}

/** Wafers one part takes: 1 / dies per wafer, or its share of whole wafers when it is wafer-sized or larger. */
function wafersPerPart(mm2: number): number {
  const perWafer = diesPerWafer(mm2);
  return perWafer >= 1 ? 1 / perWafer : Math.ceil(mm2 / (Math.PI * (WAFER_DIAMETER_MM / 2) ** 2));
}

/** Negative-binomial yield (Stapper): (1 + D0·A/α)^−α over the area where a defect kills the die. */
export function dieYield(criticalMm2: number, defectsPerMm2: number, alpha = CLUSTERING_ALPHA): number {
  return (1 + (defectsPerMm2 * criticalMm2) / alpha) ** -alpha;
}

/**
 * Yield of a die whose critical area (where a defect matters: the die less its SRAM cells,
 * chipPrice) is `criticalMm2`, and whose replicated arrays (`repairableMm2` of it) hold spare
 * units: it is good when its other area has no defect and its arrays no more than `spares`, each
 * defect taking out one unit. Under the negative binomial (Poisson defects at a gamma-distributed
 * density, shape α, mean D0), with θ = D0/α and A the critical area:
 *   Σ_{k ≤ spares} Γ(α+k)/(Γ(α)·k!) · (θ·A_r)^k / (1 + θ·A)^(α+k),
 * whose k = 0 term is `dieYield` of the critical area (no spares) and whose sum over every k is
 * `dieYield` of the critical area outside the arrays (a spare for every defect).
 */
export function repairedYield(
  criticalMm2: number,
  repairableMm2: number,
  spares: number,
  defectsPerMm2: number,
  alpha = CLUSTERING_ALPHA,
): number {
  if (spares === Number.POSITIVE_INFINITY) return dieYield(criticalMm2 - repairableMm2, defectsPerMm2, alpha);
  const theta = defectsPerMm2 / alpha;
  const ratio = (theta * repairableMm2) / (1 + theta * criticalMm2);
  let term = dieYield(criticalMm2, defectsPerMm2, alpha);
  let sum = term;
  for (let k = 0; k < spares && term > sum * 1e-12; k++) {
    term *= ((k + alpha) / (k + 1)) * ratio;
    sum += term;
  }
  return sum;
}

export interface ChipPrice {
  dieUsd: number;
  memoryUsd: number;
  packageUsd: number;
  /**
   * Packages scrapped by a failed bond, per good one: dice, bonded memory and package times
   * (1 / assembly yield - 1), the assembly yield being the bond yield to the power of the dies bonded.
   */
  assemblyUsd: number;
  /** Share of assembled packages whose every bond holds. */
  assemblyYield: number;
  testUsd: number;
  /** The card or module the package is mounted on: PCB, voltage regulators, cooler, assembly. */
  boardUsd: number;
  /** Manufactured cost: dice, memory, package, test, board. */
  costUsd: number;
  marginUsd: number;
  /** The design's non-recurring engineering per chip: `nre` / `volume`. */
  nreUsd: number;
  systemUsd: number;
  /** What `system_share` gives: the share of this chip's cost priced at SYSTEM_SHARE_MARGIN. */
  systemFromShareUsd: number;
  /** Capital per chip as `cost.chip_price` means it: the accelerator and its share of the server. */
  priceUsd: number;
  yield: number;
  /** Per die, the area where a defect scraps it or takes a spare unit (the die less its SRAM bit cells), mm². */
  criticalMm2: number;
  diesPerWafer: number;
  /** The inputs the die and memory figures rest on, said beside them (a review found them in neither the table nor the JSON). */
  waferUsd: number;
  defectsPerMm2: number;
  /** The chip's own memory, USD per byte (`memory_price` or its technology's). */
  memoryUsdPerByte: number;
  interposer: boolean;
  /** The interposer's area (dies, HBM footprints and its overhead), mm²; 0 without one. */
  interposerMm2: number;
}

/** The server share is the host's slot (`host_per_chip`), above what `system_share` gives. */
export const atHostFloor = (p: Pick<ChipPrice, 'systemUsd' | 'systemFromShareUsd'>): boolean => p.systemUsd > p.systemFromShareUsd;

export function chipPrice(spec: SiliconSpec, area: DieArea, e: SiliconEconomics): ChipPrice {
  const perDieRepairable = area.repairableMm2 / area.chiplets;
  // Where a defect scraps a die, or takes a spare unit: all of it but its SRAM bit cells. Every
  // large embedded SRAM carries spare rows and columns, fused in at test, so a defect among a
  // bank's cells costs a spare, not the die ("if no redundancy is used on large embedded SRAMs,
  // the resulting chip yield will be poor": Mentor/Siemens, "Are you wasting your SRAM memory
  // redundancy?", 2017). The cells are bits x the node's bit cell: a third of a scratchpad's
  // area, a tenth of a cache's; decoders, sense amplifiers, tags, ECC, control and I/O stay
  // critical, and so do the register files (custom multi-ported arrays, counted whole). Counted
  // whole, a 1 GiB scratchpad's 710 mm² die yielded 31 % at 0.2 defects /cm² (a review).
  const perDieCritical = area.dieMm2 - area.sramArrayMm2 / area.chiplets;
  // Spares are whole units: 9 % of H100's 132 enabled SMs is 12; a share of a unit is none (a
  // sweep of spare_units read 0.0001 % as repairing every defect, and priced the die 16 % lower).
  // The chip's spares are spread over its dies, some holding one more than others (2 spares on
  // 4 chiplets: two dies with one, two with none), and each die yields with its own.
  const spares = spec.enabledUnits === undefined ? Number.POSITIVE_INFINITY : Math.round(spec.spareFraction * spec.enabledUnits);
  const fewer = Number.isFinite(spares) ? Math.floor(spares / area.chiplets) : spares;
  const withMore = Number.isFinite(spares) ? spares - fewer * area.chiplets : 0;
  const yieldWith = (n: number) => repairedYield(perDieCritical, perDieRepairable, n, e.defectsPerMm2);
  // Dies bought per good chip: one per chiplet over its yield; the yield reported is their harmonic mean.
  const diesPerChip = (area.chiplets - withMore) / yieldWith(fewer) + (withMore > 0 ? withMore / yieldWith(fewer + 1) : 0);
  const y = area.chiplets / diesPerChip;
  const dpw = diesPerWafer(area.dieMm2);
  const dieUsd = (diesPerChip * e.waferUsd) / dpw;
  // `memory_price` prices the chip's own memory; an attached level its technology's figure. Each
  // stack holds at least its generation's smallest: fewer bytes than that are not a cheaper stack.
  const memoryUsdOf = (memories: readonly OffChipMemorySpec[]) =>
    memories.reduce(
      (sum, m) => sum + pricedMemoryBytes(m) * (m === spec.memory ? e.memoryUsdPerByte : MEMORY_TECHNOLOGY_TABLE[m.technology].usdPerByte),
      0,
    );
  const memoryUsd = memoryUsdOf(offChipMemories(spec));
  // HBM stacks of any level sit on the interposer beside the die.
  const stacked = stackedMemories(spec);
  const interposer = stacked.length > 0 || area.chiplets > 1;
  const interposerMm2 =
    INTERPOSER_OVERHEAD *
    (area.totalMm2 + stacked.reduce((sum, m) => sum + m.stacks * MEMORY_TECHNOLOGY_TABLE[m.technology].footprintMm2, 0));
  const packageUsd = e.substrateUsd + (interposer ? e.interposerWaferUsd * wafersPerPart(interposerMm2) : 0);
  // Chip-last assembly (Chiplet Actuary's cost_RE): every chiplet and HBM stack is a bond, and a
  // failed one scraps the package with the known-good dies already on it. Board-mounted memory
  // (GDDR, LPDDR) is not on the package.
  const bonded = stacked.reduce((sum, m) => sum + m.stacks, 0);
  const assemblyYield = e.bondYield ** (area.chiplets + bonded);
  const assemblyUsd = (dieUsd + memoryUsdOf(stacked) + packageUsd) * (1 / assemblyYield - 1);
  const testUsd = (dieUsd + memoryUsd + packageUsd) * e.testShare;
  const boardUsd = (dieUsd + memoryUsd) * e.boardShare;
  const costUsd = dieUsd + memoryUsd + packageUsd + assemblyUsd + testUsd + boardUsd;
  const acceleratorUsd = costUsd / (1 - e.margin);
  // A server's share follows the accelerator's class (an H100's NICs, power and cooling cost more
  // than an A10G's), but not below the host its accelerators share: a 124 USD SRAM-only chip got
  // 234 USD of server, and a 640-chip design a server per 1,900 USD (a new user's review).
  const proportionalSystemUsd = (costUsd / (1 - SYSTEM_SHARE_MARGIN)) * e.systemShare;
  const systemUsd = Math.max(proportionalSystemUsd, e.hostUsdPerChip);
  // Every chip of the design carries an even share of what designing it cost (a chip built in
  // house at margin 0 was priced at its manufacture alone: an architect's question).
  const nreUsd = e.nreUsd > 0 ? e.nreUsd / e.volume : 0;
  return {
    dieUsd,
    memoryUsd,
    packageUsd,
    assemblyUsd,
    assemblyYield,
    testUsd,
    boardUsd,
    costUsd,
    marginUsd: acceleratorUsd - costUsd,
    nreUsd,
    systemUsd,
    systemFromShareUsd: proportionalSystemUsd,
    priceUsd: acceleratorUsd + nreUsd + systemUsd,
    yield: y,
    criticalMm2: perDieCritical,
    diesPerWafer: dpw,
    waferUsd: e.waferUsd,
    defectsPerMm2: e.defectsPerMm2,
    memoryUsdPerByte: e.memoryUsdPerByte,
    interposer,
    interposerMm2: interposer ? interposerMm2 : 0,
  };
}
