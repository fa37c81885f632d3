// Off-chip memory technologies: what one stack (HBM) or one x32 device (GDDR, LPDDR)
// delivers, what its interface costs in die area, and what a gigabyte of it costs.
// The number of stacks/devices a chip needs follows from its capacity and bandwidth.

export const MEMORY_TECHNOLOGIES = ['hbm2', 'hbm2e', 'hbm3', 'hbm3e', 'gddr6', 'gddr6x', 'lpddr5'] as const;
export type MemoryTechnology = (typeof MEMORY_TECHNOLOGIES)[number];
/** What `chip.memory.technology` takes: a technology, or `none` for a chip with no off-chip memory (SRAM only). */
export const CHIP_MEMORY_TECHNOLOGIES = [...MEMORY_TECHNOLOGIES, 'none'] as const;
/** The keys a chip with `chip.memory.technology: none` does not read (the `memory-none-unused` warning names those written). */
export const UNREAD_WITHOUT_MEMORY = [
  'chip.memory.capacity',
  'chip.memory.bandwidth',
  'chip.memory.stacks',
  'chip.memory.efficiency',
  'chip.energy.memory',
  'cost.silicon.memory_price',
] as const;
/** Whether a chip with this memory technology reads `path` at all. */
export function readsKey(technology: string | undefined, path: string): boolean {
  return technology !== 'none' || !(UNREAD_WITHOUT_MEMORY as readonly string[]).includes(path);
}

export interface MemoryTechnologySpec {
  /** HBM stacks sit beside the die on an interposer (2.5D package); the others on the board. */
  stacked: boolean;
  /** Largest capacity of one stack/device of this generation, bytes. */
  bytesPerStack: number;
  /**
   * Smallest capacity of one stack/device of this generation in a shipped part, bytes: a stack
   * holds at least this, so memory is priced by `max(capacity, stacks x this)` (an architect's
   * review: 16 GB on 8 HBM3E stacks, 2 GB each, was priced at 240 USD).
   */
  minBytesPerStack: number;
  minSource: string;
  /** Peak bandwidth of one stack/device at the generation's top JEDEC speed, B/s. */
  bandwidthPerStack: number;
  /** PHY area per stack/device on the logic die, mm² (PHYs do not shrink with the node). */
  phyMm2PerStack: number;
  /** Memory-controller logic per stack/device, transistors (shrinks with the node). */
  controllerTransistorsPerStack: number;
  /** Footprint of one stack beside the die (interposer area), mm²; 0 for board-mounted memory. */
  footprintMm2: number;
  /** The stack's side that faces the die, its PHY edge, mm (the short side: HBM2 7.75 of 7.75 x 11.87); 0 for board-mounted memory. */
  edgeMm: number;
  /** Price per byte, USD. */
  usdPerByte: number;
  /** Energy to move one bit to or from the memory (DRAM core, I/O and PHY), J: `chip.energy.memory`'s default. */
  joulesPerBit: number;
  energySource: string;
  source: string;
}

const GB = 1e9;
/** DRAM densities are powers of two: an 8 Gb die holds 2^33 bits, so an 8-high stack of them 8 GiB (8.59 GB). */
const GiB = 2 ** 30;
/** LLMCompass cost_model.py: hbm2e_phy_mm2_per_link_unit 10.45 mm² and hbm2e_ctrl 552.7 M transistors per 1024-bit stack; the GA100 die shot in its ae/figure6 die_area.csv gives 58 mm² of PHY and 31.8 mm² of controller for 6 stacks. */
const HBM_AREA =
  'PHY 10.45 mm² and controller 552.7 M transistors per 1024-bit stack: LLMCompass cost_model.py (GA100 die shot: 58 mm² PHY for 6 stacks)';
/** LLMCompass cost_model.py: ddr5_phy_mm2_per_link_unit 1.45 mm² and 90.4 M controller transistors per 32-bit channel; used for every 32-bit DRAM interface. */
const X32_AREA =
  'PHY 1.45 mm² and controller 90.4 M transistors per 32-bit channel: LLMCompass cost_model.py (DDR5 link unit, applied to x32 GDDR/LPDDR)';
const HBM_FOOTPRINT_HBM2 = 'footprint 7.75 x 11.87 mm = 92 mm² (JEDEC HBM2 package outline)';
const HBM_FOOTPRINT_HBM3 = 'footprint 11 x 11 mm = 121 mm² (JEDEC HBM3 package outline)';
const HBM2E_PRICE = '7 USD/GB: LLMCompass cost_model.py hbm_cost_per_gb (DRAMeXchange, Oct 2023)';
const HBM3_PRICE =
  '15 USD/GB: SK hynix HBM3 on H100 "around $15 per GB" (szyunze.com H100 cost analysis, 2023); HBM3E "$15 per GB in 2025" (okx.com H200 supply post)';
const GDDR_PRICE = "3.4 USD/GB: DRAMeXchange spot 8 Gb GDDR6 at 3.364 USD, June 2023 (3DCenter via Tom's Hardware)";
const LPDDR_PRICE = '2.4 USD/GB: LLMCompass cost_model.py ddr5_cost_per_gb (DRAMeXchange, Oct 2023)';

export const MEMORY_TECHNOLOGY_TABLE: Readonly<Record<MemoryTechnology, MemoryTechnologySpec>> = {
  // JEDEC HBM2: 8-high 8 Gb = 8 GiB, 2.4 Gb/s x 1024 pins = 307 GB/s.
  hbm2: {
    stacked: true,
    bytesPerStack: 8 * GiB,
    minBytesPerStack: 4 * GiB,
    minSource: '4 GiB: V100 16 GB on 4 HBM2 stacks (4-high of 8 Gb; NVIDIA Tesla V100 architecture whitepaper)',
    bandwidthPerStack: 307.2 * GB,
    phyMm2PerStack: 10.45,
    controllerTransistorsPerStack: 552.7e6,
    footprintMm2: 92,
    edgeMm: 7.75,
    usdPerByte: 7 / GB,
    joulesPerBit: 3.9e-12,
    energySource: 'Accelergy 45 nm tables: HBM2 3.9 pJ/bit',
    source: `8 GiB and 307 GB/s per stack (JEDEC HBM2, 2.4 Gb/s); ${HBM_AREA}; ${HBM_FOOTPRINT_HBM2}; ${HBM2E_PRICE}`,
  },
  // HBM2E: 8-high 16 Gb = 16 GiB, 3.6 Gb/s x 1024 = 461 GB/s.
  hbm2e: {
    stacked: true,
    bytesPerStack: 16 * GiB,
    minBytesPerStack: 16 * GiB,
    minSource:
      '16 GiB: A100 80GB on 5 HBM2E stacks of 16 GB (8-high of 16 Gb; NVIDIA A100 whitepaper); no smaller HBM2E stack in a shipped part the presets describe',
    bandwidthPerStack: 460.8 * GB,
    phyMm2PerStack: 10.45,
    controllerTransistorsPerStack: 552.7e6,
    footprintMm2: 92,
    edgeMm: 7.75,
    usdPerByte: 7 / GB,
    joulesPerBit: 6e-12,
    energySource: 'vendor tables put HBM2E near 6 pJ/bit (docs/model-primer figures, as the presets)',
    source: `16 GiB and 461 GB/s per stack (HBM2E, 3.6 Gb/s); ${HBM_AREA}; ${HBM_FOOTPRINT_HBM2}; ${HBM2E_PRICE}`,
  },
  // HBM3: 12-high 16 Gb = 24 GiB, 6.4 Gb/s x 1024 = 819 GB/s.
  hbm3: {
    stacked: true,
    bytesPerStack: 24 * GiB,
    minBytesPerStack: 16 * GiB,
    minSource: '16 GiB: H100 SXM5 80 GB on 5 active HBM3 stacks of 16 GB (8-high of 16 Gb; NVIDIA H100 whitepaper)',
    bandwidthPerStack: 819.2 * GB,
    phyMm2PerStack: 10.45,
    controllerTransistorsPerStack: 552.7e6,
    footprintMm2: 121,
    edgeMm: 11,
    usdPerByte: 15 / GB,
    joulesPerBit: 4.5e-12,
    energySource:
      'assumption: 4.5 pJ/bit, mid-range of the HBM figures (Accelergy HBM2 3.9, vendor HBM2E ~6 pJ/bit), as the HBM3 presets; no per-bit HBM3 figure was found',
    source: `24 GiB and 819 GB/s per stack (JEDEC HBM3, 12-high, 6.4 Gb/s); ${HBM_AREA} (HBM2E figure, assumed unchanged); ${HBM_FOOTPRINT_HBM3}; ${HBM3_PRICE}`,
  },
  // HBM3E: 12-high 24 Gb = 36 GiB, 9.6 Gb/s x 1024 = 1.23 TB/s.
  hbm3e: {
    stacked: true,
    bytesPerStack: 36 * GiB,
    minBytesPerStack: 24 * GiB,
    minSource: '24 GiB: H200 on 6 HBM3E stacks of 24 GiB (8-high of 24 Gb; 141 GiB usable of 144)',
    bandwidthPerStack: 1228.8 * GB,
    phyMm2PerStack: 10.45,
    controllerTransistorsPerStack: 552.7e6,
    footprintMm2: 121,
    edgeMm: 11,
    usdPerByte: 15 / GB,
    joulesPerBit: 4.5e-12,
    energySource: 'assumption: 4.5 pJ/bit, as HBM3 (no per-bit HBM3E figure was found)',
    source: `36 GiB and 1.23 TB/s per stack (HBM3E 12-high, 9.6 Gb/s); ${HBM_AREA} (assumed unchanged); ${HBM_FOOTPRINT_HBM3}; ${HBM3_PRICE}`,
  },
  // GDDR6: one x32 device, 16 Gb = 2 GiB, 16 Gb/s x 32 = 64 GB/s.
  gddr6: {
    stacked: false,
    bytesPerStack: 2 * GiB,
    minBytesPerStack: 1 * GiB,
    minSource: '1 GiB: an 8 Gb x32 device, the density whose spot price the table cites',
    bandwidthPerStack: 64 * GB,
    phyMm2PerStack: 1.45,
    controllerTransistorsPerStack: 90.4e6,
    footprintMm2: 0,
    edgeMm: 0,
    usdPerByte: 3.4 / GB,
    joulesPerBit: 7.5e-12,
    energySource: 'vendor tables: GDDR6 7.5 pJ/bit (as the GDDR6 presets)',
    source: `2 GiB and 64 GB/s per x32 device (16 Gb, 16 Gb/s); ${X32_AREA}; ${GDDR_PRICE}`,
  },
  // GDDR6X: 21 Gb/s x 32 = 84 GB/s.
  gddr6x: {
    stacked: false,
    bytesPerStack: 2 * GiB,
    minBytesPerStack: 1 * GiB,
    minSource: '1 GiB: an 8 Gb x32 device (GeForce RTX 3080, 10 GB on 10 devices; NVIDIA specifications)',
    bandwidthPerStack: 84 * GB,
    phyMm2PerStack: 1.45,
    controllerTransistorsPerStack: 90.4e6,
    footprintMm2: 0,
    edgeMm: 0,
    usdPerByte: 3.4 / GB,
    joulesPerBit: 6.4e-12,
    energySource:
      'GDDR6 7.5 pJ/bit less 15 %: Micron, GDDR6X at 21 Gb/s "uses 15% less power per bit than GDDR6 at 14Gb/s" (GamesBeat, Sept. 2020)',
    source: `2 GiB and 84 GB/s per x32 device (16 Gb, 21 Gb/s PAM4); ${X32_AREA}; ${GDDR_PRICE} (GDDR6 figure)`,
  },
  // LPDDR5: a x32 package of two x16 channels at 6.4 Gb/s = 25.6 GB/s; 16 GiB (128 Gb) packages.
  lpddr5: {
    stacked: false,
    bytesPerStack: 16 * GiB,
    minBytesPerStack: 2 * GiB,
    minSource: '2 GiB: a 16 Gb x32 package (LPDDR5 dies are 8-16 Gb; JEDEC JESD209-5)',
    bandwidthPerStack: 25.6 * GB,
    phyMm2PerStack: 1.45,
    controllerTransistorsPerStack: 90.4e6,
    footprintMm2: 0,
    edgeMm: 0,
    usdPerByte: 2.4 / GB,
    joulesPerBit: 8e-12,
    energySource: 'Accelergy tables: LPDDR4 8 pJ/bit (LPDDR5 is not tabulated; its lower I/O voltage makes this an upper end)',
    source: `16 GiB and 25.6 GB/s per x32 package (LPDDR5-6400); ${X32_AREA}; ${LPDDR_PRICE}`,
  },
};

/**
 * The widest bus of board-mounted DRAM shipped on one die: 512 bits, 16 x32 channels (NVIDIA
 * GT200 and GB202, AMD Hawaii; vendor specifications). Each channel's PHY takes die edge, which
 * the area model does not check: a design past this is flagged, not priced differently.
 */
export const WIDEST_SHIPPED_X32_CHANNELS = 16;

/** Stacks (HBM) or x32 devices (GDDR/LPDDR) needed for a capacity and a bandwidth. */
export function memoryStacks(tech: MemoryTechnologySpec, capacityBytes: number, bandwidthBytesPerSecond: number): number {
  return Math.max(
    1,
    unitsForCapacity(tech, capacityBytes),
    // The headroom stated stacks get (below): leaving `stacks` out must not add one a written count would not.
    unitsForBandwidth(tech, bandwidthBytesPerSecond),
  );
}

/**
 * How far past the table's per-stack bandwidth (the generation's top JEDEC bin) stated stacks are
 * taken to run before the die needs another: 2 %. Shipped parts run slightly past the bin: the
 * A100 40GB's 5 HBM2 stacks deliver 1,555 GB/s (preset, from its datasheet), 311 GB/s a stack =
 * 2.43 Gb/s a pin against JEDEC HBM2's 2.4 Gb/s (+1.3 %); presets also round (4 x 819.2 GB/s is
 * written 3.28 TB/s).
 */
export const STACK_BANDWIDTH_HEADROOM = 1.02;

/**
 * Stacks (HBM) or x32 devices a stated count needs to deliver a bandwidth: the stated count, or
 * more. Bandwidth comes only from pins (stacks x the generation's per-pin rate), so a faster
 * memory needs more stacks, each with its PHY, controller and interposer footprint.
 */
export function stacksForBandwidth(tech: MemoryTechnologySpec, statedStacks: number, bandwidthBytesPerSecond: number): number {
  return Math.max(statedStacks, unitsForBandwidth(tech, bandwidthBytesPerSecond));
}

/**
 * Stacks (HBM) or x32 devices the die is built with when `chip.memory.stacks` is stated: the
 * stated count, or more when it cannot deliver the stated bandwidth or hold the stated capacity
 * at the table's largest part (HBM3E's 36 GiB 12-high stack). Capacity past that read as taller
 * stacks that do not exist: 1 TB on 8 HBM3E stacks (288 GiB at most) cost no area and sat on an
 * exploration's front.
 */
export function stacksBuilt(
  tech: MemoryTechnologySpec,
  statedStacks: number,
  capacityBytes: number,
  bandwidthBytesPerSecond: number,
): number {
  return Math.max(stacksForBandwidth(tech, statedStacks, bandwidthBytesPerSecond), unitsForCapacity(tech, capacityBytes));
}

/** Stacks or devices a capacity needs at the table's largest part. */
export function unitsForCapacity(tech: MemoryTechnologySpec, capacityBytes: number): number {
  return Math.ceil(capacityBytes / tech.bytesPerStack - 1e-9);
}

/** Stacks, devices or x32 channels a bandwidth needs, each taken to run up to the headroom past the table's rate. */
export function unitsForBandwidth(tech: MemoryTechnologySpec, bandwidthBytesPerSecond: number): number {
  return Math.ceil(bandwidthBytesPerSecond / (tech.bandwidthPerStack * STACK_BANDWIDTH_HEADROOM) - 1e-9);
}

/**
 * x32 devices one channel can carry: two, a GDDR6 pair in clamshell mode (each device on 16 of
 * the 32 bits; JEDEC JESD250) or a dual-rank LPDDR5 channel. The L4's twelve GDDR6 devices sit on
 * six channels, its 192-bit bus (Ada whitepaper).
 */
export const DEVICES_PER_X32_CHANNEL = 2;

/** Memory interfaces (PHY + controller) the die needs: one per stack for HBM; for x32 devices, enough
 *  channels for the bandwidth, and at least one for every two devices (clamshell). */
export function memoryInterfaces(tech: MemoryTechnologySpec, stacks: number, bandwidthBytesPerSecond: number): number {
  if (tech.stacked) return stacks;
  return Math.min(
    stacks,
    Math.max(1, Math.ceil(stacks / DEVICES_PER_X32_CHANNEL - 1e-9), unitsForBandwidth(tech, bandwidthBytesPerSecond)),
  );
}

/** HBM (stacks beside the die) rather than x32 devices on the board; an unknown name reads as stacked. */
export const isStacked = (technology: string): boolean =>
  (MEMORY_TECHNOLOGY_TABLE as Record<string, MemoryTechnologySpec | undefined>)[technology]?.stacked ?? true;
