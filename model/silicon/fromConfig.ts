// The validated config -> the silicon estimate: which chip keys feed the area model, which
// economics feed the price, and why a price cannot be modelled when it cannot.

import type { Config } from '../config/schema';
import type { MemoryLevel } from '../design';
import { isUnstated, type SourceRef } from '../diagnostics';
import { DTYPES, type Dtype } from '../dtypes';
import { dieArea, estimatedMm2, type DieArea } from './area';
import { presetConfig, valueAt, writtenOverPreset } from '../presets/presetValues';
import { findPreset } from '../presets';
import { MEMORY_TECHNOLOGY_TABLE, memoryInterfaces, memoryStacks, readsKey, stacksBuilt } from './memoryTechnologies';
import { chipPrice, type ChipPrice, type SiliconEconomics } from './price';
import { PROCESS_NODE_TABLE } from './processNodes';
import { idleRuleWatts } from '../presets/pooledPrior';
import type { OffChipMemorySpec, SiliconSpec } from './spec';

export type PriceSource = 'given' | 'modelled';

/**
 * A preset's price carried over a changed die: the preset that gave it, the die keys this config
 * sets to other values, and (when the preset's die is modelled too) the preset's price and its
 * die's modelled one, whose ratio to this die's modelled price scales it.
 */
export interface PresetDieChange {
  presetId: string;
  keys: string[];
  presetPriceUsd?: number;
  presetModelledUsd?: number;
}

export interface SiliconEstimate {
  spec: SiliconSpec;
  /**
   * Die choices the config leaves to their defaults where a leaner one would change the die: the
   * area's range reaches down to the die built the leaner way (result.ts `areaRanges`).
   */
  unstated?: readonly LeanChoice[];
  area: DieArea;
  /** The modelled price, also when `cost.chip_price` is given (for comparison). */
  modelled: ChipPrice;
  /** Static power the die area implies at its node, W. */
  staticWatts: number;
  economics: SiliconEconomics;
}

export interface SiliconOutcome {
  estimate: SiliconEstimate | undefined;
  /**
   * The chip's price when it is not given: a preset's price scaled by what the model says this
   * die costs against the preset's (continuous with the preset: at its own die the ratio is 1),
   * else the modelled price. Undefined when the die cannot be modelled.
   */
  priceUsd: number | undefined;
  /** What is missing to model the die, when `estimate` is undefined. */
  missing: string[];
  priceGiven: boolean;
  /** The preset whose `cost.chip_price` is the given price (every preset's price is an estimate, with its source). */
  pricePreset: string | undefined;
  /** When a preset gave the price and this config changes its die: the preset and the die keys that differ (why the price is modelled). */
  overPreset: PresetDieChange | undefined;
  /** The chip preset whose published die this chip keeps: no die key written over it, whatever gives the price. */
  publishedDiePreset: string | undefined;
  /** `chip.idle_power` was written for this chip (a file, an override, or a preset whose die and TDP this config leaves as they are). */
  idlePowerGiven: boolean;
  /** When a preset gave `chip.idle_power` and this config changes its die or TDP: the preset's idle power, to scale. */
  idleOverPreset: PresetIdleChange | undefined;
}

/**
 * A preset's idle power carried over a changed die or TDP. The preset's reading (or its
 * assumption) describes its own chip; this one idles at it scaled by what the idle rule
 * (the larger of the modelled die's leakage and 13 % of TDP) gives here against the preset,
 * so that it follows the die and the TDP and equals the preset's at the preset's own values.
 */
export interface PresetIdleChange {
  presetIdleWatts: number;
  /** The idle rule at the preset: max(its modelled die's leakage, 13 % of its TDP), W. */
  presetRuleWatts: number;
  /** The preset's stated TDP, W: the rule here is never of less while the die has as much datapath. */
  presetTdpWatts: number;
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
function isDieKey(path: string, chip: Config['chip']): boolean {
  // Without off-chip memory only the technology itself (`none`) is read.
  if (!readsKey(chip.memory.technology, path)) return false;
  if (DIE_KEYS.test(path)) return true;
  const levels = chip.memory_levels;
  const level = LEVEL_KEY.exec(path);
  const declared = level && Object.hasOwn(levels, level[1]!) ? levels[level[1]!] : undefined;
  return declared !== undefined && (declared.on_chip || declared.technology !== undefined);
}

/**
 * A price is given when written for this chip: in a config file or an override, or by a preset
 * whose die this config leaves as it is. A preset's price describes the preset's die; once a
 * file or an override changes the die (more SRAM, another node), that price no longer applies.
 * A die key written with the preset's own value changes nothing.
 *
 * The decision is made once per origins map, for the first config built with it. A
 * sensitivity's +10 % step is an override of its own (model/sensitivity.ts), so a step of a die
 * key is priced as `eval --set` of the stepped value prices it: scaled from the preset's price,
 * whether the file repeats the preset's value or not. Explore's varied die
 * keys and a sweep's key are varied overrides at every point, so every point is modelled, the
 * preset's value too (one price basis along a sweep or over a space).
 */
export function priceIsGiven(origins: ReadonlyMap<string, SourceRef>, config: Config): boolean {
  const price = origins.get('cost.chip_price');
  if (!price || price.kind === 'default') return false;
  if (price.kind !== 'preset') return true;
  return priceKeysOverPreset(origins, config).length === 0;
}
const KEYS_OVER_PRESET = new WeakMap<ReadonlyMap<string, SourceRef>, Map<string, string[]>>();
/** Origins maps that are another with one key written as an override (a sensitivity's step), and which. */
const STEPPED = new WeakMap<ReadonlyMap<string, SourceRef>, { base: ReadonlyMap<string, SourceRef>; path: string }>();

/** `origins` with `path` set by `ref` (a sensitivity's +10 % step, as `eval --set` would write it). */
export function withSteppedKey(origins: ReadonlyMap<string, SourceRef>, path: string, ref: SourceRef): Map<string, SourceRef> {
  const stepped = new Map(origins).set(path, ref);
  STEPPED.set(stepped, { base: origins, path });
  return stepped;
}

/** The silicon economics (`cost.silicon.*`: wafer price, defects, margin, ...): a preset's price was paid under its own. */
export const isEconomicsKey = (path: string) => path.startsWith('cost.silicon.');

/**
 * Keys that, written over a preset, set aside what the preset gave for its own die: its price
 * (a die key, the silicon economics) or its idle power (those and `chip.tdp`). A sensitivity
 * steps these as an override, as `eval --set` would write them (model/sensitivity.ts).
 */
export const setsPresetDieAside = (path: string, chip: Config['chip']) =>
  isDieKey(path, chip) || isEconomicsKey(path) || path === 'chip.tdp';

/**
 * The die keys and silicon economics a file or an override sets, over a preset that gave the
 * price, to a value other than the preset's (for the diagnostic and the result that say why the
 * price is modelled). A margin of 0 % over a preset priced at its vendor's margin is a change of
 * price as much as more SRAM is: had it been ignored, `eval` would print the preset's price while
 * a sweep of any die key, which models every point, printed the scaled one at the same values.
 * Remembered per origins map (see priceIsGiven).
 */
export function priceKeysOverPreset(origins: ReadonlyMap<string, SourceRef>, config: Config): string[] {
  const price = origins.get('cost.chip_price');
  if (price?.kind !== 'preset') return [];
  // `volume` spreads `nre` only: without any it changes no price.
  const priced = (path: string) => isEconomicsKey(path) && !(path === 'cost.silicon.volume' && !(config.cost.silicon.nre > 0));
  return keysOverPreset(origins, config, price.presetId, 'price', (path) => isDieKey(path, config.chip) || priced(path));
}

/** The die keys set over the preset that gave `chip.idle_power`: where there are any, its idle power is scaled (buildDesign). */
function idleKeysOverPreset(origins: ReadonlyMap<string, SourceRef>, config: Config, presetId: string): string[] {
  // Not `chip.tdp`: a different TDP over the same die is a cap on the same silicon, which idles as
  // before (a review: an H100 capped at 400 W, not throttled, idled at 51 W where the preset says 90).
  return keysOverPreset(origins, config, presetId, 'idle', (path) => isDieKey(path, config.chip));
}

/** Keys `isKey` accepts that a file or an override sets to another value than preset `presetId`'s, remembered per origins map and use. */
function keysOverPreset(
  origins: ReadonlyMap<string, SourceRef>,
  config: Config,
  presetId: string,
  use: 'price' | 'idle' | 'die',
  isKey: (path: string) => boolean,
): string[] {
  let byUse = KEYS_OVER_PRESET.get(origins);
  if (!byUse) KEYS_OVER_PRESET.set(origins, (byUse = new Map()));
  const known = byUse.get(use);
  if (known) return known;
  const preset = presetConfig(presetId);
  const over = (path: string, ref: SourceRef | undefined) =>
    isKey(path) &&
    // Silicon economics price a die the model builds: without a process they change nothing.
    !(isEconomicsKey(path) && config.chip.process === undefined) &&
    // A swept or explored key differs at some point: every point is priced alike.
    writtenOverPreset(ref, valueAt(config, path), presetValueAt(presetId, preset, path), preset !== undefined);
  // A sensitivity's step (`withSteppedKey`) differs from its base in one key: the base's list
  // with that key decided again, not every origin walked once per key of every save.
  const stepped = STEPPED.get(origins);
  const base = stepped && KEYS_OVER_PRESET.get(stepped.base)?.get(use);
  if (stepped && base) {
    const { path } = stepped;
    const keys = [...base.filter((p) => p !== path), ...(over(path, origins.get(path)) ? [path] : [])];
    byUse.set(use, keys);
    return keys;
  }
  // Every path with a written key under it (`chip`, `chip.silicon` for `chip.silicon.chiplets`):
  // a section differs only in the keys written under it (`silicon: { chiplets: 1 }` at the
  // preset's own count changes nothing, though the section's object is not the preset's).
  const sections = new Set<string>();
  for (const path of origins.keys()) for (let i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) sections.add(path.slice(0, i));
  const keys = [...origins].filter(([path, ref]) => !sections.has(path) && over(path, ref)).map(([path]) => path);
  byUse.set(use, keys);
  return keys;
}

/**
 * What a preset uses for a key it does not state, where the die model derives it: the chiplets its
 * die needs, its node's wafer price and defect density, its memory's price per byte. Written at
 * that value (`chiplets: 1` over `jalapeno`), the key changes nothing: the preset's price stands
 * (a review found it reported as a change). Config units: defect density per m².
 */
const DERIVED_IN_PRESET: Readonly<Partial<Record<string, (e: SiliconEstimate) => number>>> = {
  'chip.silicon.chiplets': (e) => e.area.chiplets,
  'chip.memory.stacks': (e) => e.spec.memory?.stacks ?? 0,
  'cost.silicon.wafer_price': (e) => e.economics.waferUsd,
  'cost.silicon.defect_density': (e) => e.economics.defectsPerMm2 * 1e6,
  'cost.silicon.memory_price': (e) => e.economics.memoryUsdPerByte,
};

function presetValueAt(presetId: string, preset: Config | undefined, path: string): unknown {
  const stated = valueAt(preset, path);
  if (stated !== undefined) return stated;
  const derived = DERIVED_IN_PRESET[path];
  const estimate = derived && presetEstimate(presetId);
  if (estimate) return derived(estimate);
  // A preset whose die is not modelled (no process: Inferentia2, TPU v5e) is one die.
  return path === 'chip.silicon.chiplets' ? 1 : undefined;
}

/** The process node a chip preset states (undefined when it states none, or is not a chip preset). */
export function presetProcessOf(id: string): Config['chip']['process'] {
  return presetConfig(id)?.chip.process;
}

/** The node a chip preset's on-chip energies are at: its process, or, where it states none, `Preset.energiesAt`. */
export function presetEnergyNodeOf(id: string): Config['chip']['process'] {
  return presetProcessOf(id) ?? findPreset('chip', id)?.energiesAt;
}

/** The die modelled from a config: its estimate, or what is missing to model it. */
export type DieOutcome = { estimate: SiliconEstimate | undefined; missing: string[] };
/**
 * Where the caller already knows the die: `compute` is called when it does not. An exploration
 * builds the same die for every point whose varied values leave the chip as it is (sizing the
 * die and pricing its chiplet splits was most of a point's build).
 */
export type DieMemo = (compute: () => DieOutcome) => DieOutcome;

/** `levels`: the chip's memory levels as the design declares them (buildDesign), fastest first. */
export function siliconOf(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  levels: readonly MemoryLevel[],
  memo?: DieMemo,
): SiliconOutcome {
  const priceGiven = priceIsGiven(origins, config);
  const price = origins.get('cost.chip_price');
  const changed = priceGiven || price?.kind !== 'preset' ? [] : priceKeysOverPreset(origins, config);
  const { estimate, missing } = memo ? memo(() => estimateOf(config, levels)) : estimateOf(config, levels);
  const idle = origins.get('chip.idle_power');
  const idleChanged = idle?.kind === 'preset' ? idleKeysOverPreset(origins, config, idle.presetId) : [];
  const idleOverPreset = idle?.kind === 'preset' && idleChanged.length > 0 ? presetIdleChange(idle.presetId) : undefined;
  const idlePowerGiven = isGiven(origins, 'chip.idle_power') && idleOverPreset === undefined;
  let overPreset: PresetDieChange | undefined;
  let priceUsd = estimate?.modelled.priceUsd;
  if (price?.kind === 'preset' && changed.length > 0) {
    overPreset = { presetId: price.presetId, keys: changed };
    const preset = estimate && presetEstimate(price.presetId);
    if (estimate && preset && preset.modelled.priceUsd > 0) {
      overPreset.presetPriceUsd = config.cost.chip_price;
      overPreset.presetModelledUsd = preset.modelled.priceUsd;
      // The ratio first: at the preset's own die it is exactly 1, so the price is exactly the given one
      // (given x modelled / modelled can miss it by a rounding, and eval gives the given price there).
      // The design's NRE is no part of the silicon the ratio scales: added after (a code review's
      // 3,000 USD a chip read as 3,495 over the H100's price).
      const nre = estimate.modelled.nreUsd;
      priceUsd = config.cost.chip_price * ((estimate.modelled.priceUsd - nre) / preset.modelled.priceUsd) + nre;
    }
  }
  const pricePreset = priceGiven && price?.kind === 'preset' ? price.presetId : undefined;
  // The maker's die beside the model's wherever the die is the preset's, not only where its price is
  // (a code review: a chip price or a wafer price written over h100-sxm hid the 814 mm²).
  const chipOrigin = origins.get('chip.process');
  const diePreset = chipOrigin?.kind === 'preset' ? chipOrigin.presetId : undefined;
  const publishedDiePreset =
    diePreset &&
    findPreset('chip', diePreset)?.publishedDie &&
    keysOverPreset(origins, config, diePreset, 'die', (path) => isDieKey(path, config.chip)).length === 0
      ? diePreset
      : undefined;
  const unstated = estimate ? leanChoicesLeft(estimate.spec, origins) : [];
  return {
    estimate: estimate && unstated.length > 0 ? withUnstated(estimate, unstated) : estimate,
    priceUsd,
    missing,
    priceGiven,
    pricePreset,
    overPreset,
    publishedDiePreset,
    idlePowerGiven,
    idleOverPreset,
  };
}

/**
 * The estimate with the choices it leaves open: a new object (the die memo's estimate is shared
 * between an exploration's points), made once per estimate and choices, not per point.
 */
const WITH_UNSTATED = new WeakMap<SiliconEstimate, Map<readonly LeanChoice[], SiliconEstimate>>();
function withUnstated(estimate: SiliconEstimate, unstated: readonly LeanChoice[]): SiliconEstimate {
  let byChoices = WITH_UNSTATED.get(estimate);
  if (!byChoices) WITH_UNSTATED.set(estimate, (byChoices = new Map()));
  let out = byChoices.get(unstated);
  if (!out) byChoices.set(unstated, (out = { ...estimate, unstated }));
  return out;
}

/**
 * A die choice whose default is the larger die: an SRAM built as a cache (a GPU L2's tags and
 * request logic) where it may be a compiler-managed scratchpad, and vector lanes carrying half
 * an FP64 FPU (A100's) where an inference chip's usually carry none.
 */
export type LeanChoice = 'sram_kind' | 'fp64_rate';

/** The four sets of choices, shared: one array per set, not per point of an exploration. */
const LEAN_CHOICES: readonly (readonly LeanChoice[])[] = [[], ['sram_kind'], ['fp64_rate'], ['sram_kind', 'fp64_rate']];

function leanChoicesLeft(spec: SiliconSpec, origins: ReadonlyMap<string, SourceRef>): readonly LeanChoice[] {
  const sram = spec.sramKind === 'cache' && spec.sram.some((l) => l.capacityBytes > 0) && isUnstated(origins.get('chip.silicon.sram_kind'));
  const fp64 = spec.fp64Rate > 0 && spec.vectorLanes > 0 && isUnstated(origins.get('chip.silicon.fp64_rate'));
  return LEAN_CHOICES[(sram ? 1 : 0) + (fp64 ? 2 : 0)]!;
}

/** The preset's idle power and the idle rule at the preset (its die modelled with its own economics, as for the price). */
function presetIdleChange(presetId: string): PresetIdleChange | undefined {
  const p = presetConfig(presetId);
  if (!p || p.chip.idle_power === undefined) return undefined;
  const presetRuleWatts = idleRuleWatts(presetEstimate(presetId)?.staticWatts, p.chip.tdp ?? 0);
  return presetRuleWatts > 0 ? { presetIdleWatts: p.chip.idle_power, presetRuleWatts, presetTdpWatts: p.chip.tdp ?? 0 } : undefined;
}

const PRESET_ESTIMATES = new Map<string, SiliconEstimate | undefined>();

/**
 * A chip preset's own die, modelled with the preset's own silicon economics: the economics its
 * given price was paid under. The scale given × modelled(this die, this config's economics) /
 * modelled(preset die, preset economics) is then 1 at the preset as it is, and rises with every
 * cost this config raises (a dearer wafer or memory never makes a chip cheaper). Presets declare
 * no further memory levels: SRAM and the chip's memory are the whole of it.
 */
function presetEstimate(id: string): SiliconEstimate | undefined {
  if (!PRESET_ESTIMATES.has(id)) {
    const p = presetConfig(id);
    const levels: MemoryLevel[] =
      p && p.chip.sram.capacity > 0
        ? [
            {
              id: 'sram' as MemoryLevel['id'],
              label: 'SRAM',
              configPath: 'chip.sram',
              onChip: true,
              capacityBytes: p.chip.sram.capacity,
              bandwidthBytesPerSecond: p.chip.sram.bandwidth ?? 0,
              efficiency: 1,
              joulesPerByte: 0,
            },
          ]
        : [];
    PRESET_ESTIMATES.set(id, p ? estimateOf(p, levels).estimate : undefined);
  }
  return PRESET_ESTIMATES.get(id);
}

/** The die's area, price and static power, or what is missing to model them. */
function estimateOf(config: Config, levels: readonly MemoryLevel[]): DieOutcome {
  const c = config.chip;
  const missing: string[] = [];
  if (!c.process) missing.push('`chip.process` (e.g. `process: 4 nm`)');
  if (c.clock === undefined) missing.push('`chip.clock` (MACs per cycle come from the peak over the clock)');
  const noMemory = c.memory.technology === 'none';
  if (!noMemory && (c.memory.capacity === undefined || c.memory.bandwidth === undefined))
    missing.push('`chip.memory.capacity` and `bandwidth`');
  const macs = matrixMacsPerCycle(c);
  if (!macs && c.clock !== undefined) missing.push("the matrix units' rate (`chip.matrix`)");
  if (missing.length > 0 || !c.process || c.clock === undefined || !macs) {
    return { estimate: undefined, missing };
  }
  const memory = ownMemory(c);
  const spec: SiliconSpec = {
    process: c.process,
    clockHz: c.clock,
    matrixMacsPerCycle: macs,
    vectorLanes: (c.vector.peak ?? 0) / (2 * c.clock),
    fp64Rate: c.silicon.fp64_rate,
    int32Rate: c.silicon.int32_rate,
    sram: levels
      .filter((l) => l.onChip)
      .map((l) => ({ label: l.label, capacityBytes: l.capacityBytes, bandwidthBytesPerSecond: l.bandwidthBytesPerSecond })),
    sramKind: c.silicon.sram_kind,
    registerFileBytes: c.silicon.register_file,
    localSramBytes: c.silicon.local_sram,
    memory,
    attachedMemory: attachedMemory(c, levels),
    link: { phy: c.link.phy, bandwidthBytesPerSecond: c.link.bandwidth ?? 0 },
    fixedFunctionBlocks: c.fixed_function.length,
    spareFraction: c.silicon.spare_units,
    ...enabledUnits(c),
    ...(c.silicon.chiplets !== undefined ? { chiplets: c.silicon.chiplets } : {}),
  };
  const node = PROCESS_NODE_TABLE[c.process];
  const s = config.cost.silicon;
  const economics: SiliconEconomics = {
    waferUsd: s.wafer_price ?? node.waferUsd,
    defectsPerMm2: s.defect_density !== undefined ? s.defect_density / 1e6 : node.defectsPerMm2,
    memoryUsdPerByte: s.memory_price ?? (memory ? MEMORY_TECHNOLOGY_TABLE[memory.technology].usdPerByte : 0),
    interposerWaferUsd: s.interposer_wafer_price,
    substrateUsd: s.substrate,
    bondYield: s.bond_yield,
    testShare: s.test,
    boardShare: s.board,
    margin: s.margin,
    nreUsd: s.nre,
    volume: s.volume,
    systemShare: s.system_share,
    hostUsdPerChip: s.host_per_chip,
  };
  // A die its stacks would pad is split where that is cheaper (model/silicon/area.ts).
  const area = dieArea(spec, (candidate) => chipPrice(spec, candidate, economics).priceUsd);
  return {
    estimate: {
      spec,
      area,
      modelled: chipPrice(spec, area, economics),
      staticWatts: estimatedMm2(area) * node.leakageWattsPerMm2,
      economics,
    },
    missing,
  };
}

/** An SM's register file since Maxwell (NVIDIA whitepapers): a GPU's `register_file` counts its SMs. */
const SM_REGISTER_BYTES = 256 * 1024;

/** The replicated units a spare stands in for (SiliconSpec.enabledUnits), where the config says. */
function enabledUnits(c: Config['chip']): { enabledUnits?: number } {
  if (c.silicon.register_file > 0) return { enabledUnits: Math.max(1, Math.round(c.silicon.register_file / SM_REGISTER_BYTES)) };
  return c.matrix.units !== undefined ? { enabledUnits: c.matrix.units } : {};
}

/** The chip's own memory (`chip.memory`), its stacks derived or checked against the bandwidth; null without one (`technology: none`). */
function ownMemory(c: Config['chip']): OffChipMemorySpec | null {
  const m = c.memory;
  if (m.technology === 'none' || m.capacity === undefined || m.bandwidth === undefined) return null;
  const tech = MEMORY_TECHNOLOGY_TABLE[m.technology];
  const stacks =
    m.stacks !== undefined ? stacksBuilt(tech, m.stacks, m.capacity, m.bandwidth) : memoryStacks(tech, m.capacity, m.bandwidth);
  return {
    label: 'Memory',
    technology: m.technology,
    stacks,
    interfaces: memoryInterfaces(tech, stacks, m.bandwidth),
    capacityBytes: m.capacity,
    bandwidthBytesPerSecond: m.bandwidth,
  };
}

/** Off-chip levels of `chip.memory_levels` that name a technology: wired to this chip's memory interfaces. */
function attachedMemory(c: Config['chip'], levels: readonly MemoryLevel[]): OffChipMemorySpec[] {
  const attached: OffChipMemorySpec[] = [];
  for (const level of levels) {
    const technology = !level.onChip && Object.hasOwn(c.memory_levels, level.id) ? c.memory_levels[level.id]!.technology : undefined;
    if (technology === undefined) continue;
    const tech = MEMORY_TECHNOLOGY_TABLE[technology];
    const stacks = memoryStacks(tech, level.capacityBytes, level.bandwidthBytesPerSecond);
    attached.push({
      label: level.label,
      technology,
      stacks,
      interfaces: memoryInterfaces(tech, stacks, level.bandwidthBytesPerSecond),
      capacityBytes: level.capacityBytes,
      bandwidthBytesPerSecond: level.bandwidthBytesPerSecond,
    });
  }
  return attached;
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
