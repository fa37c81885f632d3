// What the silicon estimators read: the parts of a chip that occupy die area, in SI units.
// Built from the validated config (chip.* keys) by `siliconSpecOf` in fromConfig.ts.

import type { Dtype } from '../dtypes';
import type { LinkPhy } from './linkPhys';
import type { MemoryTechnology } from './memoryTechnologies';
import type { ProcessNodeName } from './processNodes';

export interface SiliconSpec {
  process: ProcessNodeName;
  clockHz: number;
  /** Dense MACs per clock cycle of the whole chip's matrix units, by dtype. */
  matrixMacsPerCycle: Partial<Record<Dtype, number>>;
  /** FP32 FMA lanes of the vector units (vector peak / 2 / clock). */
  vectorLanes: number;
  sram: { capacityBytes: number; bandwidthBytesPerSecond: number };
  /** Register files beside the lanes (GPUs: 256 KB per SM), bytes. */
  registerFileBytes: number;
  /** L1 / shared memory / local scratchpads not counted in `sram`, bytes. */
  localSramBytes: number;
  memory: { technology: MemoryTechnology; stacks: number; interfaces: number; capacityBytes: number; bandwidthBytesPerSecond: number };
  link: { phy: LinkPhy; bandwidthBytesPerSecond: number };
  /** Operator kinds hard-wired in silicon (`chip.fixed_function`). */
  fixedFunctionBlocks: number;
  /** Spare units beyond the enabled ones, as a fraction of the replicated arrays (0 = none). */
  spareFraction: number;
}
