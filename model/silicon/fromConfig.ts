// The validated config -> the silicon estimate: which chip keys feed the area model, which
// economics feed the price, and why a price cannot be modelled when it cannot.

import type { Config } from '../config/schema';
import type { MemoryLevel } from '../design';
import type { SourceRef } from '../diagnostics';
import { DTYPES, type Dtype } from '../dtypes';
import { dieArea, type DieArea } from './area';
import { MEMORY_TECHNOLOGY_TABLE, memoryInterfaces, memoryStacks } from './memoryTechnologies';
import { chipPrice, type ChipPrice, type SiliconEconomics } from './price';
import { PROCESS_NODE_TABLE } from './processNodes';
import type { OffChipMemorySpec, SiliconSpec } from './spec';

export type PriceSource = 'given' | 'modelled';

export interface SiliconEstimate {
  spec: SiliconSpec;
  area: DieArea;
  /** The modelled price, also when `cost.chip_price` is given (for comparison). */
  modelled: ChipPrice;
  /** Static power the die area implies at its node, W. */
  staticWatts: number;
  economics: SiliconEconomics;
}

export interface SiliconOutcome {
  estimate: SiliconEstimate | undefined;
  /** What is missing to model the die, when `estimate` is undefined. */
  missing: string[];
  priceGiven: boolean;
  /** `chip.idle_power` was written (a file, an override or a preset), not defaulted. */
  idlePowerGiven: boolean;
}

const isGiven = (origins: ReadonlyMap<string, SourceRef>, path: string) => {
  const kind = origins.get(path)?.kind;
  return kind !== undefined && kind !== 'default';
};

/** Chip keys the area model reads: changing one changes the die. */
const DIE_KEYS =
  /^chip\.(process|clock|matrix\.(units|array|macs_per_cycle|peak)|vector\.peak|sram\.(capacity|bandwidth)|memory\.(capacity|bandwidth|technology|stacks)|link\.(bandwidth|phy)|silicon|fixed_function$)/;
const LEVEL_KEY = /^chip\.memory_levels\.(\w+)\.(capacity|bandwidth|technology|on_chip)$/;

/** A die key, or a key of a memory level that takes die area (on chip, or attached to the chip's memory interfaces); host memory does not. */
function isDieKey(path: string, levels: Config['chip']['memory_levels']): boolean {
  if (DIE_KEYS.test(path)) return true;
  const level = LEVEL_KEY.exec(path);
  const declared = level && Object.hasOwn(levels, level[1]!) ? levels[level[1]!] : undefined;
  return declared !== undefined && (declared.on_chip || declared.technology !== undefined);
}

/**
 * A price is given when written for this chip: in a config file or an override, or by a preset
 * whose die this config leaves as it is. A preset's price describes the preset's die; once a
 * file or an override changes the die (more SRAM, another node), that price no longer applies.
 */
export function priceIsGiven(origins: ReadonlyMap<string, SourceRef>, config: Config): boolean {
  const price = origins.get('cost.chip_price');
  if (!price || price.kind === 'default') return false;
  if (price.kind !== 'preset') return true;
  // Sensitivities rebuild the design once per key over the same origins: scan them once.
  let overPreset = DIE_KEYS_OVER_PRESET.get(origins);
  if (overPreset === undefined) DIE_KEYS_OVER_PRESET.set(origins, (overPreset = dieKeysOverPreset(origins, config).length > 0));
  return !overPreset;
}
const DIE_KEYS_OVER_PRESET = new WeakMap<ReadonlyMap<string, SourceRef>, boolean>();

/** The die keys this config sets over a preset that gave the price (for the diagnostic that says why it is modelled). */
export function dieKeysOverPreset(origins: ReadonlyMap<string, SourceRef>, config: Config): string[] {
  const price = origins.get('cost.chip_price');
  if (price?.kind !== 'preset') return [];
  return [...origins]
    .filter(([path, ref]) => (ref.kind === 'file' || ref.kind === 'override') && isDieKey(path, config.chip.memory_levels))
    .map(([path]) => path);
}

/** `levels`: the chip's memory levels as the design declares them (buildDesign), fastest first. */
export function siliconOf(config: Config, origins: ReadonlyMap<string, SourceRef>, levels: readonly MemoryLevel[]): SiliconOutcome {
  const c = config.chip;
  const priceGiven = priceIsGiven(origins, config);
  const idlePowerGiven = isGiven(origins, 'chip.idle_power');
  const missing: string[] = [];
  if (!c.process) missing.push('`chip.process` (e.g. `process: 4 nm`)');
  if (c.clock === undefined) missing.push('`chip.clock` (MACs per cycle come from the peak over the clock)');
  if (c.memory.capacity === undefined || c.memory.bandwidth === undefined) missing.push('`chip.memory.capacity` and `bandwidth`');
  const macs = matrixMacsPerCycle(c);
  if (!macs && c.clock !== undefined) missing.push("the matrix units' rate (`chip.matrix`)");
  if (
    missing.length > 0 ||
    !c.process ||
    c.clock === undefined ||
    !macs ||
    c.memory.capacity === undefined ||
    c.memory.bandwidth === undefined
  ) {
    return { estimate: undefined, missing, priceGiven, idlePowerGiven };
  }
  const tech = MEMORY_TECHNOLOGY_TABLE[c.memory.technology];
  const stacks = c.memory.stacks ?? memoryStacks(tech, c.memory.capacity, c.memory.bandwidth);
  const spec: SiliconSpec = {
    process: c.process,
    clockHz: c.clock,
    matrixMacsPerCycle: macs,
    vectorLanes: (c.vector.peak ?? 0) / (2 * c.clock),
    sram: levels
      .filter((l) => l.onChip)
      .map((l) => ({ label: l.label, capacityBytes: l.capacityBytes, bandwidthBytesPerSecond: l.bandwidthBytesPerSecond })),
    registerFileBytes: c.silicon.register_file,
    localSramBytes: c.silicon.local_sram,
    memory: {
      label: 'Memory',
      technology: c.memory.technology,
      stacks,
      interfaces: memoryInterfaces(tech, stacks, c.memory.bandwidth),
      capacityBytes: c.memory.capacity,
      bandwidthBytesPerSecond: c.memory.bandwidth,
    },
    attachedMemory: attachedMemory(c, levels),
    link: { phy: c.link.phy, bandwidthBytesPerSecond: c.link.bandwidth ?? 0 },
    fixedFunctionBlocks: c.fixed_function.length,
    spareFraction: c.silicon.spare_units,
  };
  const node = PROCESS_NODE_TABLE[c.process];
  const s = config.cost.silicon;
  const economics: SiliconEconomics = {
    waferUsd: s.wafer_price ?? node.waferUsd,
    defectsPerMm2: s.defect_density !== undefined ? s.defect_density / 1e6 : node.defectsPerMm2,
    memoryUsdPerByte: s.memory_price ?? tech.usdPerByte,
    interposerWaferUsd: s.interposer_wafer_price,
    substrateUsd: s.substrate,
    testShare: s.test,
    boardShare: s.board,
    margin: s.margin,
    systemShare: s.system_share,
  };
  const area = dieArea(spec);
  return {
    estimate: { spec, area, modelled: chipPrice(spec, area, economics), staticWatts: area.totalMm2 * node.leakageWattsPerMm2, economics },
    missing,
    priceGiven,
    idlePowerGiven,
  };
}

/** Off-chip levels of `chip.memory_levels` that name a technology: wired to this chip's memory interfaces. */
function attachedMemory(c: Config['chip'], levels: readonly MemoryLevel[]): OffChipMemorySpec[] {
  return levels.flatMap((level) => {
    const technology = !level.onChip && Object.hasOwn(c.memory_levels, level.id) ? c.memory_levels[level.id]!.technology : undefined;
    if (technology === undefined) return [];
    const tech = MEMORY_TECHNOLOGY_TABLE[technology];
    const stacks = memoryStacks(tech, level.capacityBytes, level.bandwidthBytesPerSecond);
    return [
      {
        label: level.label,
        technology,
        stacks,
        interfaces: memoryInterfaces(tech, stacks, level.bandwidthBytesPerSecond),
        capacityBytes: level.capacityBytes,
        bandwidthBytesPerSecond: level.bandwidthBytesPerSecond,
      },
    ];
  });
}

/** Dense MACs per cycle of the whole chip by dtype: the geometry form directly, the peak form over the clock. */
function matrixMacsPerCycle(c: Config['chip']): Partial<Record<Dtype, number>> | undefined {
  const m = c.matrix;
  const out: Partial<Record<Dtype, number>> = {};
  if (m.units !== undefined && m.array !== undefined && m.macs_per_cycle && Object.keys(m.macs_per_cycle).length > 0) {
    const pes = m.units * m.array.rows * m.array.cols;
    for (const d of DTYPES) if (m.macs_per_cycle[d]) out[d] = pes * m.macs_per_cycle[d]!;
    return out;
  }
  if (!m.peak || c.clock === undefined) return undefined;
  for (const d of DTYPES) if (m.peak[d]) out[d] = m.peak[d]! / 2 / c.clock;
  return Object.keys(out).length > 0 ? out : undefined;
}
