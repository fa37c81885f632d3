// Validated config -> design point. Here required keys are enforced (a design needs a
// memory bandwidth; a default would be a guess) and the matrix peak is derived from the
// geometry form when it is given.

import { schemaAt, type Config } from './config/schema';
import type { ActivePowerSource, DesignPoint, Hardware, IdlePowerSource, MemoryLevel, MemoryLevelId, ModelArchitecture } from './design';
import { orderLevels, storageLevels } from './engine/residency';
import { computeDtypeFor } from './dtypes';
import { isInvalidWritten, isReplacedInvalid, isWritten, type Diagnostic, type SourceRef } from './diagnostics';
import { BYTES_PER_ELEMENT, DTYPES, type Dtype } from './dtypes';
import { presetEnergyNodeOf, siliconOf, type DieMemo } from './silicon/fromConfig';
import { PROCESS_NODE_TABLE, switchingEnergyScale } from './silicon/processNodes';
import { chipProvenance, runtimeProvenance } from './presets/calibration';
import {
  ACTIVE_OVER_PEAK_MAC_POWER,
  ACTIVE_SHARE_OF_HEADROOM,
  IDLE_SHARE_OF_TDP,
  OPERAND_DELIVERY_JOULES_PER_BIT_45NM,
  datapathTdpWatts,
  idleRuleWatts,
} from './presets/pooledPrior';
import { UNREAD_WITHOUT_MEMORY } from './silicon/memoryTechnologies';
import { formatOpsPerSecond } from './report/format';

export interface BuiltDesign {
  design: DesignPoint | undefined;
  diagnostics: Diagnostic[];
}

const GATED = new Set(['swiglu', 'geglu']);
const MAIN_MEMORY = 'memory' as MemoryLevelId;

/**
 * The chip's on-chip switching energies (MAC by dtype, SRAM) at its node. A default (45 nm
 * figures; a MAC's with operand delivery added) is scaled to `chip.process` by the node's
 * switching energy (`switchingEnergyScale`: 0.124 at 5 nm); a
 * preset's figure, when this config moves the preset to another node, by the ratio of the two
 * nodes' scales; a figure written here is used as written. Vector energy is not scaled: the
 * presets hold it at the 45 nm FP32 figure on purpose (instruction and operand delivery of a
 * programmable unit offset the node's gain, model/presets/chips.ts). Off-chip memory and link
 * energies are the DRAM's and the SerDes', not the logic's.
 */
function onChipEnergies(
  c: Config['chip'],
  origins: ReadonlyMap<string, SourceRef>,
): { mac: Config['chip']['energy']['mac']; sram: number } {
  const f = energyFactors(c, origins);
  if (f.identity) return { mac: c.energy.mac, sram: c.energy.sram };
  // An exploration rebuilds design after design with the same energies: the last scaled set
  // is handed out again when its inputs are equal (readers never modify it).
  const last = lastScaled;
  if (last && last.factors === f && last.sramIn === c.energy.sram && sameEntries(last.macIn, last.macCount, c.energy.mac)) return last.out;
  const mac: Record<string, number> = {};
  for (const dtype in c.energy.mac) mac[dtype] = c.energy.mac[dtype as keyof typeof c.energy.mac]! * (f.mac[dtype] ?? 1);
  const out = { mac: mac as Config['chip']['energy']['mac'], sram: c.energy.sram * f.sram };
  lastScaled = { factors: f, macIn: { ...c.energy.mac }, macCount: Object.keys(mac).length, sramIn: c.energy.sram, out };
  return out;
}
let lastScaled:
  | {
      factors: EnergyFactors;
      macIn: Readonly<Record<string, number>>;
      macCount: number;
      sramIn: number;
      out: ReturnType<typeof onChipEnergies>;
    }
  | undefined;

/** `b` has the `count` keys of `a`, with the same values. */
function sameEntries(a: Readonly<Record<string, number>>, count: number, b: Readonly<Record<string, number | undefined>>): boolean {
  let n = 0;
  for (const k in b) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  return n === count;
}

interface EnergyFactors {
  mac: Readonly<Record<string, number>>;
  sram: number;
  /** Every factor is 1: the energies are used as they are. */
  identity: boolean;
}
const ENERGY_FACTORS = new WeakMap<ReadonlyMap<string, SourceRef>, Map<string, EnergyFactors>>();
/**
 * The factors of `onChipEnergies`, which depend only on the origins and the node (and, for a
 * default, on the schema's default value, which is fixed): remembered per origins map and node.
 */
function energyFactors(c: Config['chip'], origins: ReadonlyMap<string, SourceRef>): EnergyFactors {
  let byNode = ENERGY_FACTORS.get(origins);
  if (!byNode) ENERGY_FACTORS.set(origins, (byNode = new Map()));
  const key = `${c.process ?? ''}|${Object.keys(c.energy.mac).join(',')}`;
  const known = byNode.get(key);
  if (known) return known;
  const node = c.process ? PROCESS_NODE_TABLE[c.process] : undefined;
  // A default MAC energy is the arithmetic alone at 45 nm: with a node, operand delivery is added
  // before both are scaled (OPERAND_DELIVERY_JOULES_PER_BIT_45NM).
  const factor = (path: string, delivered?: { bits: number; arithmeticJoules: number }): number => {
    if (!node) return 1;
    const origin = origins.get(path);
    if (!origin || origin.kind === 'default')
      return (
        switchingEnergyScale(node) *
        (delivered ? 1 + (OPERAND_DELIVERY_JOULES_PER_BIT_45NM * delivered.bits) / delivered.arithmeticJoules : 1)
      );
    if (origin.kind !== 'preset') return 1;
    const presetProcess = presetEnergyNodeOf(origin.presetId);
    return presetProcess && presetProcess !== c.process
      ? switchingEnergyScale(node) / switchingEnergyScale(PROCESS_NODE_TABLE[presetProcess])
      : 1;
  };
  const mac = Object.fromEntries(
    Object.entries(c.energy.mac).map(([dtype, joules]) => [
      dtype,
      factor(`chip.energy.mac.${dtype}`, { bits: 8 * BYTES_PER_ELEMENT[dtype as Dtype], arithmeticJoules: joules! }),
    ]),
  );
  const sram = factor('chip.energy.sram');
  const f = { mac, sram, identity: sram === 1 && Object.values(mac).every((x) => x === 1) };
  byNode.set(key, f);
  return f;
}

/**
 * Active power (Hardware.activePowerWatts): where the die is modelled (`chip.process`), 3/7 of
 * the matrix datapath's peak switching power in the format the workload computes in, its MAC
 * rate × energy (its node-scaled defaults, the config's, or a preset's: the GPU presets' are
 * derived from their TDP for every format, which makes this their 30 % of TDP − idle). The
 * format run, not the most demanding one supported: an INT8 workload on an array that also
 * takes BF16 switches INT8 multipliers (a review: 512 INT8 arrays with a BF16 mode drew 1 kW
 * of active power in a memory-bound decode and throttled it to 153 MHz). Without a process there is no die for it to
 * come from: the default energies are 45 nm figures and a config's own are often of that kind
 * (the contract's example: 0.3 pJ per int8 MAC at 1.6 POPS, 470 W of MACs under a 300 W TDP,
 * which the datapath rule throttled to a third of its clock), so 30 % of TDP − idle stands in.
 */
function activePower(
  c: Config['chip'],
  macsPerSecond: Hardware['matrix']['macsPerSecond'],
  macJoules: Config['chip']['energy']['mac'],
  tdpWatts: number,
  idleWatts: number,
  computeDtype: Dtype,
): { activePowerWatts: number; activePowerSource: ActivePowerSource } {
  if (c.process === undefined)
    return { activePowerWatts: ACTIVE_SHARE_OF_HEADROOM * Math.max(0, tdpWatts - idleWatts), activePowerSource: 'share of TDP' };
  const peakWatts = (macsPerSecond[computeDtype] ?? 0) * (macJoules[computeDtype] ?? 0);
  return { activePowerWatts: ACTIVE_OVER_PEAK_MAC_POWER * peakWatts, activePowerSource: 'datapath' };
}

/** The matrix datapath's peak switching power in its most demanding format: how much datapath the silicon has. */
function peakMacWatts(macsPerSecond: Hardware['matrix']['macsPerSecond'], macJoules: Config['chip']['energy']['mac']): number {
  let watts = 0;
  for (const dtype in macsPerSecond) watts = Math.max(watts, (macsPerSecond[dtype as Dtype] ?? 0) * (macJoules[dtype as Dtype] ?? 0));
  return watts;
}

/** The levels of `chip.memory_levels`; undefined when one lacks a capacity or bandwidth (reported). */
function declaredLevels(
  c: Config['chip'],
  origins: ReadonlyMap<string, SourceRef>,
  need: <T>(value: T | undefined, path: string, hint: string, example?: string) => T | undefined,
  sramJoulesPerByte: number,
): MemoryLevel[] | undefined {
  const levels: MemoryLevel[] = [];
  let complete = true;
  for (const [name, level] of Object.entries(c.memory_levels)) {
    const path = `chip.memory_levels.${name}`;
    const capacity = need(level.capacity, `${path}.capacity`, 'add e.g. `capacity: 512 GB` (per chip).', '512 GB');
    const bandwidth = need(level.bandwidth, `${path}.bandwidth`, 'add e.g. `bandwidth: 64 GB/s` (per chip, per direction).', '64 GB/s');
    if (capacity === undefined || bandwidth === undefined) {
      complete = false;
      continue;
    }
    // The documented defaults are a DRAM interface's: an on-chip level without its own figures
    // costs what SRAM does and, like `chip.sram`, delivers its whole bandwidth.
    const energyStated = origins.get(`${path}.energy`)?.kind !== 'default';
    const efficiencyStated = origins.get(`${path}.efficiency`)?.kind !== 'default';
    levels.push({
      id: name as MemoryLevelId,
      label: level.label ?? name,
      configPath: path,
      onChip: level.on_chip,
      capacityBytes: capacity,
      bandwidthBytesPerSecond: bandwidth,
      efficiency: level.on_chip && !efficiencyStated ? 1 : level.efficiency,
      joulesPerByte: level.on_chip && !energyStated ? sramJoulesPerByte : level.energy,
      // `sram_kind` is said of `chip.sram` and the on-chip levels alike (its area is priced so).
      ...(level.on_chip && c.silicon.sram_kind === 'scratchpad' ? { spills: true as const } : {}),
    });
  }
  return complete ? levels : undefined;
}

/** `chip.memory` keys written beside `technology: none`: not used, so said where they are written. */
function unusedMemoryKeys(origins: ReadonlyMap<string, SourceRef>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const path of UNREAD_WITHOUT_MEMORY) {
    const origin = origins.get(path)?.kind;
    if (origin !== 'file' && origin !== 'override') continue;
    out.push({
      severity: 'warning',
      code: 'memory-none-unused',
      path,
      at: nearestInFile(path, origins, file),
      message: `\`${path}\` is not used: \`chip.memory.technology: none\` describes a chip with no off-chip memory of its own, whose on-chip levels (\`chip.sram\`, \`chip.memory_levels\`) must store the weights and KV cache. Remove it, or name the memory's technology.`,
      ...(origin === 'file'
        ? {
            keyFixes: [
              { title: `Remove \`${path}\` (not used without off-chip memory)`, path: path.split('.'), value: '', remove: true as const },
            ],
          }
        : {}),
    });
  }
  return out;
}

/** A key of a section written as a value (`chip: my design`), whose own error says where it went wrong: not also "required". */
function inRejectedSection(path: string, origins: ReadonlyMap<string, SourceRef>): boolean {
  const parts = path.split('.');
  return parts.some((_, i) => isReplacedInvalid(origins.get(parts.slice(0, i + 1).join('.'))));
}

/** `dieMemo`: the die where the caller already knows it (an exploration's points share their chips' dies). */
export function buildDesign(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  fallbackName: string,
  file: string,
  dieMemo?: DieMemo,
): BuiltDesign {
  const diagnostics: Diagnostic[] = [];
  // `example` is a plausible value the quick fix writes, for the user to replace with the design's.
  const missing = (path: string, hint: string, example?: string) => {
    // A value that was written (in a file or with --set) but invalid has its own diagnostic.
    const origin = origins.get(path)?.kind;
    if (origin === 'file' || origin === 'override') return;
    if (inRejectedSection(path, origins)) return;
    const key = path.slice(path.lastIndexOf('.') + 1);
    diagnostics.push({
      severity: 'error',
      code: 'missing-key',
      path,
      at: nearestInFile(path, origins, file),
      message: `\`${path}\` is required: ${hint}`,
      ...(example
        ? {
            keyFixes: [
              { title: `Add \`${key}: ${example}\` (an example: put in your design's value)`, path: path.split('.'), value: example },
            ],
          }
        : {}),
    });
  };
  const c = config.chip;
  const need = <T>(value: T | undefined, path: string, hint: string, example?: string): T | undefined => {
    if (value === undefined) missing(path, hint, example);
    return value;
  };

  // `technology: none`: an SRAM-only chip, whose on-chip levels store the weights and KV cache.
  const noMemory = c.memory.technology === 'none';
  // A `stacks:` written but rejected has its own error: fixing it is the way, not writing one.
  const stacksWay = isWritten(origins.get('chip.memory.stacks'))
    ? 'or a valid `stacks:` (see its error: with the technology it sets both capacity and bandwidth)'
    : 'or `stacks:` (with the technology it sets both capacity and bandwidth)';
  const memoryBandwidth = noMemory
    ? 0
    : need(
        c.memory.bandwidth,
        'chip.memory.bandwidth',
        `add e.g. \`bandwidth: 3.35 TB/s\`, ${stacksWay}, or \`extends:\` a chip preset.`,
        '3.35 TB/s',
      );
  const memoryCapacity = noMemory
    ? 0
    : need(
        c.memory.capacity,
        'chip.memory.capacity',
        `add e.g. \`capacity: 80 GB\`, ${stacksWay}, or \`extends:\` a chip preset.`,
        '80 GB',
      );
  if (noMemory) diagnostics.push(...unusedMemoryKeys(origins, file));
  // An on-chip level is SRAM on the die: a memory technology names an off-chip interface's PHYs
  // and stacks, which such a level has none of (the area model reads it only off chip).
  for (const [name, level] of Object.entries(config.chip.memory_levels)) {
    const path = `chip.memory_levels.${name}.technology`;
    if (level.on_chip && level.technology !== undefined && isWritten(origins.get(path)))
      diagnostics.push({
        severity: 'warning',
        code: 'technology-on-chip',
        path,
        at: nearestInFile(path, origins, file),
        message: `\`${path}: ${level.technology}\` is not used: the level is on chip (\`on_chip: true\`), SRAM on the die, priced and sized as SRAM; a technology names an off-chip memory's interface. Remove it, or make the level off chip.`,
      });
  }
  const vectorPeak = need(c.vector.peak, 'chip.vector.peak', 'add e.g. `vector: { peak: 60 TFLOPS }`.', '60 TFLOPS');
  const clock = c.clock;
  const tdp = need(c.tdp, 'chip.tdp', 'add e.g. `tdp: 300 W`.', '300 W');
  // A chip without SRAM (capacity 0, the default) has no SRAM level at all.
  const sramBandwidth =
    c.sram.capacity > 0
      ? need(c.sram.bandwidth, 'chip.sram.bandwidth', 'SRAM with a capacity needs a bandwidth, e.g. `bandwidth: 40 TB/s`.', '40 TB/s')
      : 0;
  const energy = onChipEnergies(c, origins);
  const extraLevels = declaredLevels(c, origins, need, energy.sram);

  const matrix = matrixUnits(c, clock, origins, file, diagnostics);

  const chips = config.system.chips;
  const linkBandwidth =
    chips > 1
      ? need(
          c.link.bandwidth,
          'chip.link.bandwidth',
          'a system of several chips needs a link bandwidth, e.g. `link: { bandwidth: 450 GB/s }`.',
          '450 GB/s',
        )
      : (c.link.bandwidth ?? 1);
  const model = modelArchitecture(config, origins, file, diagnostics);

  const noStorage = noMemory && c.sram.capacity <= 0 && extraLevels?.length === 0;
  if (noStorage) {
    diagnostics.push({
      severity: 'error',
      code: 'no-storage',
      path: 'chip.sram.capacity',
      // At the SRAM where the file writes one, else at the \`none\` that left nothing to store in.
      at: nearestInFile(
        origins.get('chip.sram.capacity')?.kind === 'file' ? 'chip.sram.capacity' : 'chip.memory.technology',
        origins,
        file,
      ),
      message:
        'A chip with no off-chip memory (`chip.memory.technology: none`) stores the weights and KV cache in its SRAM: give `chip.sram.capacity` and `bandwidth` (e.g. `sram: { capacity: 230 MB, bandwidth: 80 TB/s }`), or an off-chip memory.',
    });
  }
  if (
    noStorage ||
    (!noMemory && (!memoryBandwidth || !memoryCapacity)) ||
    !vectorPeak ||
    !tdp ||
    sramBandwidth === undefined ||
    !extraLevels ||
    !matrix ||
    !linkBandwidth ||
    !model
  ) {
    return { design: undefined, diagnostics };
  }
  const memoryLevels = orderLevels([
    ...(c.sram.capacity > 0
      ? [
          {
            id: 'sram' as MemoryLevelId,
            label: 'SRAM',
            configPath: 'chip.sram',
            onChip: true,
            capacityBytes: c.sram.capacity,
            bandwidthBytesPerSecond: sramBandwidth,
            efficiency: 1,
            joulesPerByte: energy.sram,
            ...(c.silicon.sram_kind === 'scratchpad' ? { spills: true as const } : {}),
          },
        ]
      : []),
    ...(noMemory
      ? []
      : [
          {
            id: MAIN_MEMORY,
            label: 'Memory',
            configPath: 'chip.memory',
            onChip: false,
            capacityBytes: memoryCapacity!,
            bandwidthBytesPerSecond: memoryBandwidth!,
            efficiency: c.memory.efficiency,
            joulesPerByte: c.energy.memory,
          },
        ]),
    ...extraLevels,
  ]);
  const silicon = siliconOf(config, origins, memoryLevels, dieMemo);
  const estimate = silicon.estimate;
  // Not given: the modelled die's leakage, or the share of TDP the presets assume where that is
  // more — the share counts memory refresh, SerDes and always-on logic the die model leaves out
  // (an H200 module idles at 74 W against 39 W of modelled die leakage, docs/silicon.md).
  // Of the TDP the datapath implies where the stated one is a cap above it (datapathTdpWatts).
  const datapathTdp = c.process === undefined ? Infinity : datapathTdpWatts(peakMacWatts(matrix.macsPerSecond, energy.mac));
  const idleTdp = Math.min(tdp, datapathTdp);
  const tdpShareWatts = IDLE_SHARE_OF_TDP * idleTdp;
  const ruleWatts = idleRuleWatts(estimate?.staticWatts, idleTdp);
  // A preset's idle power over a changed die follows the rule's ratio to the preset's
  // (PresetIdleChange), the TDP here capped as above but never below the preset's own: 1 at the
  // preset's values, and a cap raised above the silicon (a review: jalapeno at 2 kW idled at
  // 250 W) moves nothing; a die with more datapath than the preset's raises it, and a new die
  // with a lower TDP, a new design, idles lower. A TDP alone written over the preset's die is a
  // cap on the same silicon and does not get here (idleKeysOverPreset): its idle stays the
  // preset's (a review: an H100 at 400 W, not throttled, idled at 51 W against 90).
  const over = silicon.idleOverPreset;
  const idlePowerSource: IdlePowerSource = silicon.idlePowerGiven
    ? 'given'
    : over
      ? 'scaled from preset'
      : estimate !== undefined && estimate.staticWatts > tdpShareWatts
        ? 'die area'
        : idleTdp < tdp
          ? 'share of datapath TDP'
          : 'share of TDP';
  // Scaled from a preset's reading, never below the die's own leakage (a preset idling a little
  // under its rule, scaled to a die whose leakage is the rule, would otherwise idle below it).
  const idleWatts =
    idlePowerSource === 'given'
      ? c.idle_power!
      : over
        ? Math.max(
            (over.presetIdleWatts * idleRuleWatts(estimate?.staticWatts, Math.min(tdp, Math.max(over.presetTdpWatts, datapathTdp)))) /
              over.presetRuleWatts,
            estimate?.staticWatts ?? 0,
          )
        : ruleWatts;
  const hardware: Hardware = {
    name: config.name ?? fallbackName,
    clockHz: clock ?? 1e9,
    tdpWatts: tdp,
    idlePowerWatts: idleWatts,
    idlePowerSource,
    ...activePower(c, matrix.macsPerSecond, energy.mac, tdp, idleWatts, computeDtypeFor(matrix, config.workload.precision.activations)),
    matrix,
    vectorOpsPerSecond: vectorPeak,
    memoryLevels,
    // Without off-chip memory, the fastest storage level (the SRAM) is the chip's memory for the ridge and utilisation.
    mainMemory: noMemory ? storageLevels(memoryLevels)[0]!.id : MAIN_MEMORY,
    link: {
      bandwidthBytesPerSecond: linkBandwidth,
      latencySeconds: c.link.latency,
      ...(c.link.domain !== undefined ? { domainChips: c.link.domain } : {}),
    },
    fixedFunction: new Set(c.fixed_function),
    fixedFunctionSupports: {
      attention: c.fixed_function_supports.attention,
      activation: c.fixed_function_supports.activation,
      ...(c.fixed_function_supports.head_dim !== undefined ? { maxHeadDim: c.fixed_function_supports.head_dim } : {}),
    },
    dispatchOverheadSeconds: c.dispatch_overhead,
    hostLaunch: c.host_launch,
    clockGated: c.matrix.clock_gated,
    provenance: chipProvenance(origins, config),
    energy: {
      macJoules: energy.mac,
      vectorJoulesPerOp: c.energy.vector,
      linkJoulesPerByte: c.energy.link,
    },
  };
  const w = config.workload;
  return {
    diagnostics,
    design: {
      name: hardware.name,
      hardware,
      system: {
        chips,
        tensorParallel: config.system.tensor_parallel,
        pipelineParallel: config.system.pipeline_parallel,
        topology: config.system.topology,
      },
      runtime: {
        stepOverheadSeconds: config.runtime.step_overhead,
        gemmEfficiency: config.runtime.gemm_efficiency,
        launchOverheadSeconds: config.runtime.launch_overhead,
        sequenceOverheadSeconds: config.runtime.sequence_overhead,
        prefillOverheadSeconds: config.runtime.prefill_overhead,
        requestOverheadSeconds: config.runtime.request_overhead,
        collectiveOverheadSeconds: config.runtime.collective_overhead,
        groupedAttention: config.runtime.grouped_attention,
        decodeLaunch: config.runtime.decode_launch,
        shapeBuckets: config.runtime.shape_buckets,
        smallestBucketTokens: config.runtime.smallest_bucket,
        provenance: runtimeProvenance(origins, config),
      },
      workload: {
        model,
        precision: {
          weights: w.precision.weights,
          activations: w.precision.activations,
          kvCache: w.precision.kv_cache,
          groupSize: w.precision.group_size,
        },
        batch: w.batch,
        promptTokens: w.prompt,
        outputTokens: w.output,
      },
      ...(estimate ? { silicon: estimate } : {}),
      economics: {
        chipPriceUsd: silicon.priceGiven ? config.cost.chip_price : (silicon.priceUsd ?? 0),
        priceSource: silicon.priceGiven ? 'given' : estimate ? 'modelled' : 'unknown',
        ...(silicon.pricePreset ? { pricePreset: silicon.pricePreset } : {}),
        ...(estimate && silicon.publishedDiePreset ? { publishedDiePreset: silicon.publishedDiePreset } : {}),
        ...(estimate && silicon.overPreset ? { modelledOverPreset: silicon.overPreset } : {}),
        lifetimeSeconds: config.cost.lifetime,
        electricityUsdPerJoule: config.cost.electricity,
        pue: config.cost.pue,
        utilization: config.cost.utilization,
        hostWattsPerChip: config.cost.host_power,
      },
    },
  };
}

function matrixUnits(
  c: Config['chip'],
  clock: number | undefined,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  diagnostics: Diagnostic[],
): Hardware['matrix'] | undefined {
  const m = c.matrix;
  const hasGeometry =
    m.units !== undefined && m.array !== undefined && m.macs_per_cycle !== undefined && Object.keys(m.macs_per_cycle).length > 0;
  const macsPerSecond: Partial<Record<Dtype, number>> = {};
  if (hasGeometry) {
    if (clock === undefined) {
      // Written but invalid (`clock: -1 GHz`): its own diagnostic says why; "required" would be a second one for one cause.
      if (origins.has('chip.clock')) return undefined;
      diagnostics.push({
        severity: 'error',
        code: 'missing-key',
        path: 'chip.clock',
        at: nearestInFile('chip.clock', origins, file),
        message: '`chip.clock` is required with the geometry form of `matrix` (units x array x MACs/cycle x clock gives the peak).',
      });
      return undefined;
    }
    const pes = m.units! * m.array!.rows * m.array!.cols;
    for (const dtype of DTYPES) {
      const perCycle = m.macs_per_cycle![dtype];
      if (perCycle) macsPerSecond[dtype] = pes * perCycle * clock;
    }
    if (m.peak && Object.keys(m.peak).length > 0) {
      for (const dtype of DTYPES) {
        const stated = m.peak[dtype];
        const derived = macsPerSecond[dtype];
        if (stated && derived && Math.abs(2 * derived - stated) / stated > 0.05) {
          diagnostics.push({
            severity: 'warning',
            code: 'peak-mismatch',
            path: `chip.matrix.peak.${dtype}`,
            at: nearestInFile(`chip.matrix.peak.${dtype}`, origins, file),
            message: `The geometry (units x array x macs_per_cycle x clock) gives ${formatOpsPerSecond(2 * derived, dtype)} ${dtype}, but \`peak\` says ${formatOpsPerSecond(stated, dtype)}; the geometry is used.`,
          });
        }
      }
    }
    return { geometry: { units: m.units!, rows: m.array!.rows, cols: m.array!.cols }, macsPerSecond, efficiency: m.efficiency };
  }
  if (!m.peak || Object.keys(m.peak).length === 0) {
    // A geometry key written but invalid (`array: 128x0`) has its own error: not also "needs a rate".
    const geometry = { units: m.units, array: m.array, macs_per_cycle: m.macs_per_cycle };
    if (Object.entries(geometry).some(([key, value]) => isInvalidWritten(origins.get(`chip.matrix.${key}`), value))) return undefined;
    if (inRejectedSection('chip.matrix', origins)) return undefined;
    diagnostics.push({
      severity: 'error',
      code: 'missing-key',
      path: 'chip.matrix',
      at: nearestInFile('chip.matrix', origins, file),
      message:
        'The matrix units need a rate: the geometry form (`units`, `array`, `macs_per_cycle`) or the peak form (`peak: { bf16: 989 TFLOPS }`).',
    });
    return undefined;
  }
  for (const dtype of DTYPES) {
    const peak = m.peak[dtype];
    if (peak) macsPerSecond[dtype] = peak / 2; // one MAC = 2 operations
  }
  return { macsPerSecond, efficiency: m.efficiency };
}

function modelArchitecture(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  diagnostics: Diagnostic[],
): ModelArchitecture | undefined {
  const m = config.workload.model;
  const path = 'workload.model';
  if (!m || typeof m !== 'object') {
    if (!origins.has(path) && !inRejectedSection(path, origins)) {
      diagnostics.push({
        severity: 'error',
        code: 'missing-key',
        path,
        at: nearestInFile(path, origins, file),
        message: '`workload.model` is required: a model preset id such as `llama-3-70b`, or the architecture inline.',
      });
    }
    return undefined;
  }
  const required = ['layers', 'hidden', 'heads', 'ffn', 'vocab'] as const;
  const absent = required.filter((k) => m[k] === undefined);
  if (absent.length) {
    if (!absent.every((k) => origins.has(`${path}.${k}`))) {
      diagnostics.push({
        severity: 'error',
        code: 'missing-key',
        path,
        at: nearestInFile(path, origins, file),
        message: `The model needs ${absent.map((k) => `\`${k}\``).join(', ')}.`,
      });
    }
    return undefined;
  }
  const heads = m.heads!;
  const kvHeads = m.kv_heads ?? heads;
  // A key whose written value was invalid has its own error: its stand-in is not checked against the others.
  const invalid = (key: string) => isInvalidWritten(origins.get(`${path}.${key}`), (m as Record<string, unknown>)[key]);
  if ((kvHeads > heads || heads % kvHeads !== 0) && (invalid('heads') || invalid('kv_heads'))) return undefined;
  if (kvHeads > heads || heads % kvHeads !== 0) {
    diagnostics.push({
      severity: 'error',
      code: 'bad-kv-heads',
      path: `${path}.kv_heads`,
      at: nearestInFile(`${path}.kv_heads`, origins, file),
      message:
        kvHeads > heads
          ? `\`kv_heads\` (${kvHeads}) is more than \`heads\` (${heads}): each KV head serves a whole group of query heads, so there are at most as many KV heads as query heads (were the two swapped?).`
          : `\`kv_heads\` (${kvHeads}) must divide \`heads\` (${heads}): each KV head serves a whole group of query heads.`,
    });
    return undefined;
  }
  if (m.experts_per_token > m.experts && (invalid('experts') || invalid('experts_per_token'))) return undefined;
  if (m.experts_per_token > m.experts) {
    diagnostics.push({
      severity: 'error',
      code: 'bad-experts',
      path: `${path}.experts_per_token`,
      at: nearestInFile(`${path}.experts_per_token`, origins, file),
      message: `\`experts_per_token\` (${m.experts_per_token}) cannot exceed \`experts\` (${m.experts}).`,
    });
    return undefined;
  }
  if (m.head_dim === undefined && m.hidden! % heads !== 0) {
    // Attention's width is heads × head_dim; a rounded head_dim makes it differ from `hidden`.
    diagnostics.push({
      severity: 'warning',
      code: 'head-dim-rounded',
      path: `${path}.heads`,
      at: nearestInFile(`${path}.heads`, origins, file),
      message: `\`hidden\` (${m.hidden}) is not a whole multiple of \`heads\` (${heads}): each head is taken as ${Math.max(1, Math.round(m.hidden! / heads))} wide, so attention's width is not \`hidden\`. Write \`head_dim\` if the model states one, or check both numbers.`,
    });
  }
  return {
    layers: m.layers!,
    hidden: m.hidden!,
    heads,
    kvHeads,
    headDim: m.head_dim ?? Math.max(1, Math.round(m.hidden! / heads)),
    ffn: m.ffn!,
    activation: m.activation,
    gated: GATED.has(m.activation),
    vocab: m.vocab!,
    experts: m.experts,
    expertsPerToken: m.experts_per_token,
    parallelAttention: m.parallel_attention,
    tiedEmbeddings: m.tied_embeddings,
    ...(m.max_context !== undefined ? { maxContext: m.max_context } : {}),
    ...(m.sliding_window !== undefined ? { slidingWindow: m.sliding_window } : {}),
  };
}

/** Where to show a problem about `path`: the key itself or the nearest ancestor written in `file`. */
export function nearestInFile(path: string, origins: ReadonlyMap<string, SourceRef>, file: string): Diagnostic['at'] {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const o = origins.get(parts.slice(0, n).join('.'));
    // The value itself when the key is written here; else the key of the section it belongs
    // to. A section's own diagnostic also sits on its key: its value is the whole block.
    const value = n === parts.length && schemaAt(parts)?.kind !== 'section';
    if (o?.kind === 'file' && o.file === file) return { file, range: value ? o.range : (o.keyRange ?? o.range) };
  }
  // Inherited from a preset or another file: the `extends` line is where it came in. Not a key
  // that came from nowhere (a required one missing: a workbench review saw the preset's name
  // underlined for a `workload:` section deleted).
  const ext = origins.get('extends');
  const inherited = parts.some((_, n) => {
    const o = origins.get(parts.slice(0, n + 1).join('.'));
    return o?.kind === 'preset' || (o?.kind === 'file' && o.file !== file);
  });
  if (inherited && ext?.kind === 'file' && ext.file === file) return { file, range: ext.range };
  // Else the file's first top-level key: the first character can be a comment's `#`, and a
  // squiggle on it read as an error in the comment (a review). Not the document's own origin
  // (the key ''): its range is the whole file, which squiggled every line (a review).
  let first: { start: number; end: number } | undefined;
  for (const [key, o] of origins)
    if (key !== '' && !key.includes('.') && o.kind === 'file' && o.file === file) {
      const range = o.keyRange ?? o.range;
      if (!first || range.start < first.start) first = range;
    }
  return { file, range: first ?? { start: 0, end: 1 } };
}
