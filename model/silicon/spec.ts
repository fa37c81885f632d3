// What the silicon estimators read: the parts of a chip that occupy die area, in SI units.
// Built from the validated config (chip.* keys) by `siliconSpecOf` in fromConfig.ts.

import type { Dtype } from '../dtypes';
import type { SramKind } from './estimators';
import type { LinkPhy } from './linkPhys';
import { MEMORY_TECHNOLOGY_TABLE, type MemoryTechnology } from './memoryTechnologies';
import type { ProcessNodeName } from './processNodes';

export interface SiliconSpec {
  process: ProcessNodeName;
  clockHz: number;
  /** Dense MACs per clock cycle of the whole chip's matrix units, by dtype. */
  matrixMacsPerCycle: Partial<Record<Dtype, number>>;
  /** FP32 FMA lanes of the vector units (vector peak / 2 / clock). */
  vectorLanes: number;
  /** FP64 FMA rate of those lanes over their FP32 rate: the share of an FP64 FPU each lane carries (`chip.silicon.fp64_rate`). */
  fp64Rate: number;
  /** INT32 rate of those lanes over their FP32 rate: the share of an INT32 ALU each lane carries (`chip.silicon.int32_rate`). */
  int32Rate: number;
  /** On-chip memory levels (`chip.sram`, on-chip `chip.memory_levels`), fastest first: SRAM arrays, each banked for its own bandwidth. */
  sram: OnChipMemorySpec[];
  /** How those arrays are built: a hardware-managed cache or a software-managed scratchpad (`chip.silicon.sram_kind`). */
  sramKind: SramKind;
  /** Register files beside the lanes (GPUs: 256 KB per SM), bytes. */
  registerFileBytes: number;
  /** L1 / shared memory / local scratchpads not counted in `sram`, bytes. */
  localSramBytes: number;
  /** The chip's own memory (`chip.memory`); null for a chip with none (`technology: none`, SRAM only). */
  memory: OffChipMemorySpec | null;
  /**
   * Off-chip `chip.memory_levels` wired to the chip's own memory interfaces (those that name a
   * `technology`): their PHYs take die area and their memory is priced with the chip. Levels
   * behind the host interface or a link (host DDR, CXL) belong to the server and are not here.
   */
  attachedMemory: OffChipMemorySpec[];
  link: { phy: LinkPhy; bandwidthBytesPerSecond: number };
  /** Operator kinds hard-wired in silicon (`chip.fixed_function`). */
  fixedFunctionBlocks: number;
  /** Spare units beyond the enabled ones, as a fraction of the replicated arrays (0 = none). */
  spareFraction: number;
  /**
   * The replicated units enabled, what a spare stands in for: a GPU's SMs (`silicon.register_file`
   * over 256 KB, an SM's registers since Maxwell), else an ASIC's matrix units (`matrix.units`).
   * Undefined when the config gives neither: then read as many small units, every defect in
   * the replicated arrays repairable.
   */
  enabledUnits?: number;
  /** Dies the chip is built as (`chip.silicon.chiplets`); undefined: the fewest that fit the reticle. */
  chiplets?: number;
}

/** The off-chip memories wired to the die's memory interfaces: its own (if any) and the attached levels. */
export function offChipMemories(spec: SiliconSpec): OffChipMemorySpec[] {
  return spec.memory ? [spec.memory, ...spec.attachedMemory] : spec.attachedMemory;
}

/** Those of them in HBM stacks, which sit on the interposer beside the die. */
export function stackedMemories(spec: SiliconSpec): OffChipMemorySpec[] {
  return offChipMemories(spec).filter((m) => MEMORY_TECHNOLOGY_TABLE[m.technology].stacked);
}

export interface OnChipMemorySpec {
  label: string;
  capacityBytes: number;
  bandwidthBytesPerSecond: number;
}

export interface OffChipMemorySpec {
  label: string;
  technology: MemoryTechnology;
  /** HBM stacks or x32 devices. */
  stacks: number;
  /** PHY + controller pairs on the die. */
  interfaces: number;
  capacityBytes: number;
  bandwidthBytesPerSecond: number;
}
