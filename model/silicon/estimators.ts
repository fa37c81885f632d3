// Area estimators, one per component, in the manner of Accelergy's plug-ins: each reads the
// chip's description and the process node and returns mm² with the reasoning behind it.
// Transistor counts are divided by the node's logic density; SRAM uses the node's bit area;
// PHYs (analog, bump-limited) do not shrink.

import type { Dtype } from '../dtypes';
import { LINK_PHY_TABLE } from './linkPhys';
import { MEMORY_TECHNOLOGY_TABLE } from './memoryTechnologies';
import { PROCESS_NODE_TABLE, type ProcessNode } from './processNodes';
import { groupThousands } from '../report/format';
import { offChipMemories, type SiliconSpec } from './spec';

export type ComponentId = 'matrix' | 'vector' | 'sram' | 'registerFile' | 'localSram' | 'memoryInterface' | 'links' | 'fixedFunction';

export interface ComponentArea {
  id: ComponentId;
  label: string;
  mm2: number;
  /** Replicated arrays: spare units can repair a defect here, and spares add to their area. */
  replicated: boolean;
  /** Of `mm2`, the SRAM banks' bit cells, where a defect is repaired by a spare row or column (model/silicon/price.ts), mm². */
  arrayMm2: number;
  /**
   * How the figure was reached, for hovers and docs: formatted when asked for (an
   * exploration prices a die per point and shows none of these).
   */
  describe: () => string;
}

export interface AreaEstimator {
  id: ComponentId;
  label: string;
  replicated: boolean;
  estimate(spec: SiliconSpec, node: ProcessNode): { mm2: number; describe: () => string; arrayMm2?: number };
}

const N7_LOGIC_MTR_PER_MM2 = PROCESS_NODE_TABLE['7 nm'].logicMTrPerMm2;
const N7_BITCELL_MM2 = PROCESS_NODE_TABLE['7 nm'].bitcellMm2;
const mm2OfTransistors = (transistors: number, node: ProcessNode) => transistors / 1e6 / node.logicMTrPerMm2;
const fmt = (x: number, digits = 1) => x.toFixed(digits);

/**
 * Transistors of one multiply-accumulate datapath by dtype. Floating point after LLMCompass
 * (cost_model.py): a 64-bit FPU of 685,300 transistors (Ariane / OpenPiton) scaled by the square
 * of the mantissa width — fp32 (23 bits) 134,070, fp16 (10 bits) 25,344, fp8 e4m3 (3 bits) 2,281;
 * bf16 is counted as fp16 (same FP32 accumulator; PEs built for one are built for both). Integer
 * from Horowitz (ISSCC 2014) area ratios at 45 nm: an int8 MAC (8-bit multiply 282 µm² + 32-bit add
 * 137 µm²) is 0.14 of an fp16 MAC (16-bit FP multiply 1,640 µm² + add 1,360 µm²): 3,540; int4 half
 * of int8 (assumption: a quarter of the multiplier, the same accumulator).
 */
export const MAC_TRANSISTORS: Readonly<Record<Dtype, number>> = {
  fp32: 685_300 * (23 / 52) ** 2,
  fp16: 685_300 * (10 / 52) ** 2,
  bf16: 685_300 * (10 / 52) ** 2,
  fp8: 685_300 * (3 / 52) ** 2,
  int8: (685_300 * (10 / 52) ** 2 * (282 + 137)) / (1640 + 1360),
  int4: (685_300 * (10 / 52) ** 2 * (282 + 137)) / (1640 + 1360) / 2,
};

/**
 * One programmable FP32 lane, after LLMCompass's A100 SM model (cost_model.py): an FP32 FPU
 * (134,070 transistors), `int32Rate` of an INT32 ALU (177,690; A100 has one per lane, H100, GA102
 * and Ada one per two lanes) and `fp64Rate` of an FP64 FPU (685,300; A100 and H100 run FP64 at
 * half the FP32 rate: 342,650, LLMCompass's lane; GA102 and Ada at 1/64, 10,708). Issue logic is
 * counted with the register files it serves.
 */
export const vectorLaneTransistors = (fp64Rate: number, int32Rate: number) =>
  685_300 * (23 / 52) ** 2 + 177_690 * int32Rate + 685_300 * fp64Rate;

/** "INT32 on half the lanes", "no INT32"; nothing where every lane has its ALU (the lane as LLMCompass counts it). */
function int32Text(rate: number): string | undefined {
  if (rate === 1) return undefined;
  if (rate === 0) return 'no INT32';
  return `INT32 at ${+(rate * 100).toPrecision(3)} % of the FP32 rate`;
}

/** "FP64 at 1/64 of the FP32 rate", as whitepapers give it; "no FP64"; "FP64 at 30 % of ..." otherwise. */
function fp64Text(rate: number): string {
  if (rate === 0) return 'no FP64';
  const one = Math.round(1 / rate);
  return `FP64 at ${Math.abs(1 / rate - one) < 1e-9 ? `1/${one}` : `${+(rate * 100).toPrecision(3)} %`} of the FP32 rate`;
}

/**
 * Issue and control logic per 64 KB register file (one warp scheduler / sub-core): LLMCompass's
 * per-sub-lane control of 725,650 transistors x its 32-wide vector width = 23.2 M (fitted by
 * LLMCompass to the GA100 SM, 4 sub-cores of 64 KB each). Scheduling logic scales with the number
 * of register files it feeds, not with the ALU width (Hopper and GA102 doubled FP32 lanes per SM
 * with the same 4 schedulers and 256 KB of registers).
 */
export const CONTROL_TRANSISTORS_PER_REGISTER_FILE = 725_650 * 32;
export const REGISTER_FILE_BANK_BYTES = 64 * 1024;

/** LLMCompass cost_model.py cache_area_efficiency_arr (CACTI): bit area / bank area for 4 KB ... 1 MB banks (the
 *  1 MB entry is kept as published; no bank the model builds is larger than 512 KB). */
const BANK_EFFICIENCY = [0.076, 0.142, 0.247, 0.393, 0.559, 0.704, 0.526, 0.602, 0.561];
/** Bank size of large caches: LLMCompass splits caches into 512 KB units (max_cache_unit_bytes). */
export const SRAM_BANK_BYTES = 512 * 1024;
/** Bytes one bank delivers per cycle: one 512-bit port (assumption: a 64-byte line per access, as CACTI's default block). */
export const SRAM_BANK_BYTES_PER_CYCLE = 64;

/**
 * The table as the model reads it, 4 KB ... 512 KB: a bank is never denser than a larger one
 * (each entry the least of itself and every larger bank's up to 512 KB). CACTI's own figures
 * are not monotone there (0.704 at 128 KB, 0.526 at 256 KB, 0.602 at 512 KB: its organisation
 * search, which the model does not reproduce); read as they are, an SRAM's area went up and down
 * as its bandwidth split it into smaller banks (a review's sweep: 571, 625, 571 mm² at 50, 54 and
 * 200 TB/s), so that a sweep or an exploration saw more bandwidth as cheaper.
 */
const MONOTONE_BANK_EFFICIENCY = BANK_EFFICIENCY.slice(0, 8).map((_, i, table) => Math.min(...table.slice(i)));

/** Bit area over bank area for a bank of `bankBytes`, interpolated in log2 of the size between the table's sizes (smooth and non-decreasing). */
export function bankEfficiency(bankBytes: number): number {
  const x = Math.min(MONOTONE_BANK_EFFICIENCY.length - 1, Math.max(0, Math.log2(Math.max(bankBytes, 4096)) - 12));
  const i = Math.min(Math.floor(x), MONOTONE_BANK_EFFICIENCY.length - 2);
  const t = x - i;
  return MONOTONE_BANK_EFFICIENCY[i]! * (1 - t) + MONOTONE_BANK_EFFICIENCY[i + 1]! * t;
}

/**
 * How the shared SRAM is built (`chip.silicon.sram_kind`). `cache`: hardware-managed, with tags,
 * ECC and the slices' request logic beside the arrays, as a GPU's L2 (the node's
 * `sramMm2PerBit`, checked on GA100's 48 MB L2: 119.3 mm² on the die shot). `scratchpad`:
 * software-managed arrays of compiled macros (TPU CMEM and VMEM, the IPU's tile memory).
 */
export type SramKind = 'cache' | 'scratchpad';

/**
 * A scratchpad's area per bit over the node's high-density bit cell, at 512 KB banks: 2.75.
 * Derived from Graphcore's GC200 (TSMC N7, 823 mm² for 900 MiB of tile SRAM, 1,472 tiles, 250
 * TFLOPS FP16, 62.5 TFLOPS FP32, 320 GB/s of IPU-Links; Graphcore launch, July 2020, and Hot
 * Chips 33): the die less the uncore share, less the model's own estimates of its other parts,
 * over its bits and the N7 bit cell. 3.13 if its FP32 rate comes from the matrix units (AMP)
 * and the tiles hold nothing else; 2.39 if that rate were a GPU's vector lanes; the geometric
 * middle, 2.73, is used as 2.75 (test/unit/silicon.test.ts re-derives all three; docs/silicon.md).
 * For scale: a compiled HD macro alone is 1.4x the bit cell (N5: 0.021 µm² cells in 31.8 Mib/mm²
 * macros, WikiChip on IEDM 2022); ECC, redundancy, the routing between macros and each tile's
 * ports make up the rest. The model's cache figure is 10.5x the N7 cell (GA100's L2: 11x).
 */
export const SCRATCHPAD_BITCELL_FACTOR = 2.75;

/** SRAM of `bytes` split into banks enough for its capacity and its bandwidth; smaller banks are less dense. */
export function sramMm2(
  bytes: number,
  bandwidthBytesPerSecond: number,
  clockHz: number,
  node: ProcessNode,
  maxBankBytes = SRAM_BANK_BYTES,
  kind: SramKind = 'cache',
): { mm2: number; banks: number; bankBytes: number; arrayMm2: number } {
  if (bytes <= 0) return { mm2: 0, banks: 0, bankBytes: 0, arrayMm2: 0 };
  const forCapacity = Math.ceil(bytes / maxBankBytes - 1e-9);
  const forBandwidth = bandwidthBytesPerSecond > 0 ? Math.ceil(bandwidthBytesPerSecond / (clockHz * SRAM_BANK_BYTES_PER_CYCLE) - 1e-9) : 0;
  const banks = Math.max(forCapacity, forBandwidth);
  const bankBytes = bytes / banks;
  // Splitting for bandwidth makes banks smaller, never denser (bankEfficiency is non-decreasing in size).
  const efficiency = bankEfficiency(bankBytes);
  // A scratchpad's factor holds at 512 KB banks; smaller banks cost what CACTI says they do relative to those.
  const mm2PerBit =
    kind === 'scratchpad'
      ? (node.bitcellMm2 * SCRATCHPAD_BITCELL_FACTOR * bankEfficiency(SRAM_BANK_BYTES)) / efficiency
      : node.sramMm2PerBit / efficiency;
  // The bit cells alone, where a spare row or column replaces a failing one (price.ts): of a cache's
  // area a tenth (its figure holds tags, ECC and request logic beside the arrays), of a scratchpad's
  // a third, whatever the bank size.
  return { mm2: bytes * 8 * mm2PerBit, banks, bankBytes, arrayMm2: bytes * 8 * node.bitcellMm2 };
}

/**
 * Register-file area per byte from the EMPIRE model used by LLMCompass (regfile_area in
 * cost_model.py): a 64 KB file of 16,384 x 32-bit registers with 4 ports is 23.55 mm² at 90 nm
 * (1.6 MTr/mm²), carried to 7 nm by logic density as LLMCompass does (0.391 mm², the figure its
 * GA100 fit stands on). From 7 nm to other nodes the file scales as what it is, an array of bit
 * cells, by the node's bit cell, as every other SRAM here (a file's ports and sense amplifiers sit
 * on the cell's pitch): 2.7x from N7 to 16FF+, not logic's 3.3x, and 0.78x to N5, not 0.70x.
 * Multi-ported files are ~2.5x less dense than cache SRAM.
 */
export function registerFileMm2PerByte(node: ProcessNode): number {
  const D = 16_384,
    W = 32,
    P = 4;
  const um2At90nm =
    3.29e4 -
    1.09e3 * D -
    8.83e2 * W -
    5.55e3 * P +
    5.35e1 * D * W +
    1.5e-2 * D * D +
    1.08e-2 * W * W +
    5.86e-1 * P * P +
    1.42e2 * D * P +
    3.68e2 * W * P;
  const at7nm = (um2At90nm / 1e6) * (1.6 / N7_LOGIC_MTR_PER_MM2);
  return (at7nm * (node.bitcellMm2 / N7_BITCELL_MM2)) / ((D * W) / 8);
}

/** Local SRAM (L1, shared memory, per-core scratchpads) in 256 KB banks, as LLMCompass models the A100 L1. */
export const LOCAL_SRAM_BANK_BYTES = 256 * 1024;

/** A hard-wired operator block's sequencer, address generation and datapath glue (its MACs are
 *  counted with the matrix units): an assumption of 50 M transistors, the order of LLMCompass's
 *  per-core crossbar port (44-55 M transistors). */
export const FIXED_FUNCTION_BLOCK_TRANSISTORS = 50e6;

export const ESTIMATORS: readonly AreaEstimator[] = [
  {
    id: 'matrix',
    label: 'Matrix units',
    replicated: true,
    estimate(spec, node) {
      let transistors = 0;
      let widest: Dtype | undefined;
      for (const [dtype, macs] of Object.entries(spec.matrixMacsPerCycle) as [Dtype, number][]) {
        // One datapath serves every dtype (narrow formats split the wide multiplier): the most demanding sets the area.
        const t = macs * MAC_TRANSISTORS[dtype];
        if (t > transistors) {
          transistors = t;
          widest = dtype;
        }
      }
      return {
        mm2: mm2OfTransistors(transistors, node),
        describe: () =>
          widest
            ? `sized by ${groupThousands(spec.matrixMacsPerCycle[widest]!)} ${widest} MACs/cycle (${(transistors / 1e9).toFixed(2)} G transistors)`
            : 'none',
      };
    },
  },
  {
    id: 'vector',
    label: 'Vector units',
    replicated: true,
    estimate(spec, node) {
      const perLane = vectorLaneTransistors(spec.fp64Rate, spec.int32Rate);
      return {
        mm2: mm2OfTransistors(spec.vectorLanes * perLane, node),
        // Words only when asked: exploration sizes millions of dies and shows none of them.
        describe: () =>
          `${groupThousands(spec.vectorLanes)} FP32 lanes x ${fmt(perLane / 1e6, 2)} M transistors (${[fp64Text(spec.fp64Rate), int32Text(spec.int32Rate)].filter((t) => t !== undefined).join(', ')})`,
      };
    },
  },
  {
    id: 'sram',
    label: 'SRAM (shared)',
    replicated: true,
    estimate(spec, node) {
      // Each on-chip level is its own array of banks; the level is named when there are several.
      const levels = spec.sram.map((level) => ({
        level,
        ...sramMm2(level.capacityBytes, level.bandwidthBytesPerSecond, spec.clockHz, node, SRAM_BANK_BYTES, spec.sramKind),
      }));
      const describe = () => {
        const details = levels
          .filter((l) => l.banks)
          .map(
            (l) =>
              `${spec.sram.length > 1 ? `${l.level.label}: ` : ''}${l.banks} banks of ${l.bankBytes >= 1024 ? `${fmt(l.bankBytes / 1024, 0)} KB` : `${fmt(l.bankBytes, 0)} B`} (${fmt(l.mm2 / (l.level.capacityBytes / 2 ** 20), 2)} mm²/MiB)`,
          );
        return details.length
          ? `${details.join('; ')}, ${spec.sramKind === 'scratchpad' ? `scratchpad (${SCRATCHPAD_BITCELL_FACTOR} x the bit cell)` : 'cache (GPU L2 density)'}`
          : 'none';
      };
      return { mm2: levels.reduce((sum, l) => sum + l.mm2, 0), describe, arrayMm2: levels.reduce((sum, l) => sum + l.arrayMm2, 0) };
    },
  },
  {
    id: 'registerFile',
    label: 'Register files + issue',
    replicated: true,
    estimate(spec, node) {
      const perByte = registerFileMm2PerByte(node);
      const files = spec.registerFileBytes / REGISTER_FILE_BANK_BYTES;
      const control = mm2OfTransistors(files * CONTROL_TRANSISTORS_PER_REGISTER_FILE, node);
      return {
        mm2: spec.registerFileBytes * perByte + control,
        describe: () =>
          `${fmt(files, 0)} files of 64 KB at ${fmt(perByte * 2 ** 20, 2)} mm²/MiB (4-port) + ${fmt(control, 1)} mm² of issue logic`,
      };
    },
  },
  {
    id: 'localSram',
    label: 'Local SRAM (L1)',
    replicated: true,
    estimate(spec, node) {
      const s = sramMm2(spec.localSramBytes, 0, spec.clockHz, node, LOCAL_SRAM_BANK_BYTES);
      return {
        mm2: s.mm2,
        arrayMm2: s.arrayMm2,
        describe: () => (s.banks ? `${s.banks} banks of ${fmt(s.bankBytes / 1024, 0)} KB` : 'none'),
      };
    },
  },
  {
    id: 'memoryInterface',
    label: 'Memory PHYs + controllers',
    replicated: false,
    estimate(spec, node) {
      // The chip's own memory and any level attached to its memory interfaces (named when there are several).
      const memories = offChipMemories(spec);
      const parts = memories.map((m) => {
        const t = MEMORY_TECHNOLOGY_TABLE[m.technology];
        const per = t.phyMm2PerStack + mm2OfTransistors(t.controllerTransistorsPerStack, node);
        return {
          mm2: m.interfaces * per,
          describe: () =>
            `${memories.length > 1 ? `${m.label}: ` : ''}${m.interfaces} ${m.technology} ${t.stacked ? 'stack' : 'x32 channel'} interface${m.interfaces === 1 ? '' : 's'} x ${fmt(per, 2)} mm²`,
        };
      });
      return { mm2: parts.reduce((sum, p) => sum + p.mm2, 0), describe: () => parts.map((p) => p.describe()).join('; ') };
    },
  },
  {
    id: 'links',
    label: 'Chip links (SerDes)',
    replicated: false,
    estimate(spec, node) {
      const p = LINK_PHY_TABLE[spec.link.phy];
      const units = spec.link.bandwidthBytesPerSecond > 0 ? Math.ceil(spec.link.bandwidthBytesPerSecond / p.bandwidthPerUnit - 1e-9) : 0;
      const per = p.phyMm2PerUnit + mm2OfTransistors(p.controllerTransistorsPerUnit, node);
      return { mm2: units * per, describe: () => `${units} ${spec.link.phy} units x ${fmt(per, 2)} mm²` };
    },
  },
  {
    id: 'fixedFunction',
    label: 'Fixed-function blocks',
    replicated: false,
    estimate(spec, node) {
      return {
        mm2: spec.fixedFunctionBlocks * mm2OfTransistors(FIXED_FUNCTION_BLOCK_TRANSISTORS, node),
        describe: () =>
          `${spec.fixedFunctionBlocks} hard-wired operator block${spec.fixedFunctionBlocks === 1 ? '' : 's'} x 50 M transistors`,
      };
    },
  },
];
