// What a chip without measured rows gets for the keys only measurement sets: the pooled
// calibrated values, the mean over the calibrated families (Hopper and Ampere; validation/
// calibrate.ts, docs/validation.md). Both the presets of unmeasured chips and the schema's
// defaults (a chip written from its spec sheet) use them, so a chip nobody has measured is
// predicted the way the cross-validation scores a held-out family: with the others' values,
// never with a spec-sheet optimum. test/unit/pooledPrior.test.ts holds these to the
// calibrated presets' mean.

/**
 * Idle power of a chip whose idle power is not given (unless its modelled die leaks more): the
 * share of TDP the chip presets assume where no idle reading is published, so that a chip
 * written from its spec sheet and a preset are compared on the same assumption, never one
 * side at 0 W or at its bare die leakage (which leaves out memory refresh and the board).
 */
export const IDLE_SHARE_OF_TDP = 0.13;
/**
 * The TDP a modelled datapath implies by the same split: idle 13 % of it, and 70 % of the rest
 * drawn by the matrix units at their peak (ACTIVE_SHARE_OF_HEADROOM). Where the stated TDP is
 * higher, it is a cap the chip never reaches, and the idle share is taken of this instead: a
 * higher cap does not leak more (a review: a TDP sweep from 450 W to 2 kW raised a modelled
 * chip's energy per token by 54 % through its idle power alone).
 */
export function datapathTdpWatts(peakMacWatts: number): number {
  return peakMacWatts / ((1 - ACTIVE_SHARE_OF_HEADROOM) * (1 - IDLE_SHARE_OF_TDP));
}
/** The idle rule: the larger of the modelled die's leakage (when the die is modelled) and the share of TDP. */
export function idleRuleWatts(dieLeakageWatts: number | undefined, tdpWatts: number): number {
  return Math.max(dieLeakageWatts ?? 0, IDLE_SHARE_OF_TDP * tdpWatts);
}
/**
 * Active power: what a chip draws above idle for as long as it runs a pass, whatever its units
 * do: the clock tree at the boost clock, leakage at the active voltage and die temperature, and
 * the issue, scheduling and address logic that run while memory-bound kernels stall. The
 * per-operation energies (MACs, bytes) leave it out. Share of the TDP above idle: the 30 % the
 * GPU presets' MAC energy leaves to "L2/NoC, off-chip memory, control" at peak (EFFECTIVE_MAC,
 * chips.ts), so a peak GEMM still sums to the TDP and no new free number is introduced.
 */
export const ACTIVE_SHARE_OF_HEADROOM = 0.3;
/**
 * Active power over the matrix datapath's peak switching power (its MAC rate × energy per MAC,
 * the format the workload computes in): 0.3 / 0.7 = 3/7. The GPU presets' MAC energies put 70 % of TDP −
 * idle in the datapath at peak (EFFECTIVE_MAC), so for them it is the same 30 % of TDP − idle;
 * for a chip whose die is modelled (`chip.process`), active power then follows the silicon, and
 * the TDP is the cap it is (a review: a TDP sweep from 150 W
 * to 1 kW took a from-scratch chip's energy per token from 0.34 to 1.20 J, silicon unchanged).
 */
export const ACTIVE_OVER_PEAK_MAC_POWER = ACTIVE_SHARE_OF_HEADROOM / (1 - ACTIVE_SHARE_OF_HEADROOM);
/**
 * Operand delivery: the energy per MAC beyond the arithmetic, per bit of the operands' width
 * (register-file reads, the wires to the multipliers, accumulator traffic), at 45 nm: what a
 * chip written with `chip.process` and no MAC energies adds to Horowitz's arithmetic before
 * both are scaled to the node (buildDesign onChipEnergies). Without it a chip written from its
 * spec sheet paid the arithmetic alone against the GPU presets' top-down energies (EFFECTIVE_MAC,
 * chips.ts), and read 1.64× the H100's perf/W on the H100's own numbers (a review).
 *
 * Pooled over four NVIDIA dies at three nodes, each by the presets' top-down rule (EFFECTIVE_MAC:
 * (TDP − idle) × 0.7 over the dense MAC rate): GH100 (4 nm) and GA100 (7 nm), the calibrated
 * families' presets, and GV100 and TU102 (12 nm), described in examples/silicon/. Each die's
 * top-down energy per MAC, less the node-scaled arithmetic, over the format's bits, at 45 nm;
 * the geometric mean over the formats it states (GH100 0.36, GA100 0.49, GV100 0.32, TU102 0.33
 * pJ per bit), then over the four. They are 1.5x apart by the node scaling of processNodes.ts;
 * by the gate pitch alone GH100 read 0.18 against the others' 0.32-0.34. What is left is
 * architecture as much as process (GA100, the high one, carries FP64 and TF32 tensor paths).
 * test/unit/pooledPrior.test.ts recomputes it from the presets and the examples. A systolic
 * array passes operands between neighbours and may spend less (TPU v4's TDP implies 0.09 pJ
 * per bit in bf16 at 7 nm); a design that claims so states `chip.energy.mac`, as `jalapeno`
 * does (0.04 pJ per bit for its INT8).
 */
export const OPERAND_DELIVERY_JOULES_PER_BIT_45NM = 0.366e-12;
/** Why that share, as the hovers say it. */
export const IDLE_SHARE_WHY = 'what the chip presets assume where no idle reading is published';
export const IDLE_RULE =
  'assumption: static power while powered and idle = 13 % of TDP, rounded to 5 W (leakage, memory refresh, SerDes, always-on logic); vendors do not publish idle power. Replace with a measured idle reading when calibrating';

/** The pooled values, in the config's own syntax. */
export const POOLED_PRIOR = {
  matrixEfficiency: '60 %',
  memoryEfficiency: '86.25 %',
  linkLatency: '3 us',
  dispatchOverhead: '5 us',
} as const;

const POOLED =
  "pooled prior (no measured rows for this chip): the mean of the calibrated families' values (Hopper and Ampere, docs/validation.md), the same prior the cross-validation gives a held-out family";

export const POOLED_SOURCES = {
  matrixEfficiency:
    '60 %: ' +
    POOLED +
    ' (52.5 % and 67.5 %). A spec-sheet 80 % made unmeasured chips optimistic: the calibrated values absorb non-GEMM work and attention that the model does not represent, which every chip has',
  memoryEfficiency: '86.25 %: ' + POOLED + ' (92.5 % and 80 %)',
  linkLatency:
    "3 us per ring step: Ampere's calibrated value, not a mean: the only family whose rows identify it (one NCCL ring step: peer write, flag and synchronisation, more than a wire hop), at the top of the span its fit searched (0.3-3 us); Hopper's 1 us is an assumption its reducing switch's few hops cannot check. A chip whose collective engine steps a ring faster states its own value",
  dispatchOverhead:
    '5 us per programmable operator: the device cost per kernel calibrated for NVIDIA Hopper and Ampere (one value for both, docs/validation.md), the only measured value. A chip that issues a compiled schedule from an on-chip sequencer pays less (the tpu-v5e preset assumes 1 us, the Gaudi presets 2 us): state it, with its reason. Hard-wired operators pay none',
} as const;
