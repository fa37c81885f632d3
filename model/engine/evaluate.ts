// One evaluation of a design point: prefill and a mean decode step, power with TDP
// throttling, energy, cost and memory fit. Pure and fast (tens of microseconds) so that
// sensitivities, sweeps and batch curves can call it many times per save.

import type { DesignPoint, Hardware } from '../design';
import { computeDtypeFor, type Dtype } from '../dtypes';
import type { Bottleneck, EvaluationResult, OperatorResult, Phase, PhaseResult } from '../result';
import { cachedPasses, type OperatorSpec, type PassShape } from '../workload/operators';
import { costOf } from './cost';
import { addHostOperator, bottleneckOf, byLevelId, fixedFunctionFit, largestActivationBytes, mapOperators } from './mapOperators';
import type { MappedPass } from './mappedPass';
import { footprint } from './memoryFootprint';
import { mainMemoryOf, placeData, storageCapacityBytes, type Residency } from './residency';
import { siliconResult } from '../silicon/result';
import { bucketTokens, meanDecodeContext } from './shapeBuckets';

interface PhasePlan {
  phase: Phase;
  tokens: number;
  context: number;
  mapped: MappedPass;
  /** Dynamic joules per pass at the nominal clock, averaged over all chips of the system. */
  dynamicJoulesPerChip: number;
  /** Its per-operation part (MACs, vector work, bytes moved): the same at any clock. */
  operationJoulesPerChip: number;
  pipelineParallel: number;
}

/** Lowest clock a throttled chip is allowed to fall to, as a fraction of nominal. */
export const MIN_CLOCK_SCALE = 0.05;

/** What every pass of one design shares: the compute format, where weights and KV live, the usable hard-wired blocks. */
interface PassContext {
  computeDtype: Dtype;
  residency: Residency;
  usable: ReadonlySet<string>;
  groupedKvReads: boolean;
  /** The operator list of a pass of this design's model, precision and layout. */
  operatorsOf: (pass: PassShape) => OperatorSpec[];
}

function passContext(design: DesignPoint): PassContext {
  const hw = design.hardware;
  const fp = footprint(design);
  const { usable } = fixedFunctionFit(design);
  // A hard-wired attention block that supports the model's variant reads each KV head once,
  // whatever the runtime's kernels would do.
  const groupedKvReads = design.runtime.groupedAttention || usable.has('attention');
  const { workload: w } = design;
  const operatorsOf = cachedPasses(w.model, w.precision, design.system);
  // A partial copy of the weights stays put across steps, so it leaves a scratchpad room for the
  // largest working set of any step the design runs (usually its prefill's): pinned over it,
  // those activations would go to memory instead, and a code review found them served from the
  // same bytes as the copy. The shapes are the passes evaluateDesign plans (the pass cache's entries).
  // Only where a partial copy can be made: a scratchpad too small for the whole weights.
  const partial = hw.memoryLevels.some((l) => l.spills && l.capacityBytes < fp.weightsBytesPerChip);
  const prefillTokens = bucketTokens(w.promptTokens, design.runtime);
  let workingSetBytes = 0;
  if (partial)
    for (const [phase, tokensPerSequence, context] of [
      ['prefill', prefillTokens, prefillTokens],
      ['decode', 1, meanDecodeContext(w.promptTokens, w.outputTokens, design.runtime)],
    ] as const) {
      const shape: { [K in keyof Required<PassShape>]: PassShape[K] } = {
        phase,
        batch: w.batch,
        tokensPerSequence,
        context,
        groupedAttention: groupedKvReads,
        mixed: undefined,
      };
      // As the pass is mapped: a fused group's intermediates never leave the chip's tiles. Counted
      // whole, prefill's S² attention scores reserved most of a 2 GiB scratchpad at an 8k prompt
      // and pushed the weights' copy out of it, so a longer prompt slowed decode 4x more than
      // its KV reads do (a modelling review).
      workingSetBytes = Math.max(workingSetBytes, largestActivationBytes(operatorsOf(shape), usable));
    }
  const residency = placeData(hw, fp.weightsBytesPerChip, fp.kvBytesPerChip, workingSetBytes);
  return {
    computeDtype: computeDtypeFor(hw.matrix, w.precision.activations),
    residency,
    usable,
    groupedKvReads,
    operatorsOf,
  };
}

function planPass(design: DesignPoint, ctx: PassContext, shape: Omit<PassShape, 'groupedAttention'>, detail: boolean): PhasePlan {
  const { system } = design;
  // Every field named, in one order, not a spread of the caller's shape: one object shape
  // for the pass cache's comparison (the type requires each field of PassShape).
  const pass: { [K in keyof Required<PassShape>]: PassShape[K] } = {
    phase: shape.phase,
    batch: shape.batch,
    tokensPerSequence: shape.tokensPerSequence,
    context: shape.context,
    groupedAttention: ctx.groupedKvReads,
    mixed: shape.mixed,
  };
  const specs = ctx.operatorsOf(pass);
  const mapped = mapOperators(
    specs,
    { design, computeDtype: ctx.computeDtype, residency: ctx.residency, phase: shape.phase },
    ctx.usable,
    detail,
  );
  addHostOperator(mapped, design, shape.phase, detail);
  let joules = 0;
  for (let i = 0; i < mapped.length; i++) joules += mapped.dynamicJoules(i) * mapped.count(i);
  const tokens = shape.mixed ? shape.mixed.tokens : shape.batch * shape.tokensPerSequence;
  const pp = system.pipelineParallel;
  const plan = {
    phase: shape.phase,
    tokens,
    context: shape.context,
    mapped,
    dynamicJoulesPerChip: 0,
    operationJoulesPerChip: joules / pp,
    pipelineParallel: pp,
  };
  plan.dynamicJoulesPerChip = dynamicJoulesAt(plan, 1, design.hardware);
  return plan;
}

/**
 * A pass's dynamic joules per chip at `scale` of the nominal clock. The per-operation energies
 * do not change with the clock (no voltage scaling: conservative). The active power (clock tree,
 * control and issue logic; the presets' share also holds leakage above idle, which a derated clock's
 * lower voltage would cut: not modelled apart) is drawn while the units are busy, not through host
 * time, dispatch, launch or a collective's start-up, which the chip waits through near idle (TP8
 * A100s serving 70B draw 104-158 W, against 196-282 W on one GPU). It is an energy per cycle: on
 * on-chip work the cycles are the same at any clock, and while the units wait on memory or links,
 * whose time does not shrink with the clock, a derated clock runs fewer of them. Held per second
 * instead, a memory-bound decode on a chip of many arrays could only get under its TDP by a clock
 * low enough to turn compute-bound (an architect's review: 44 ms to 55 ms a token from doubling
 * its arrays, at 6 % of the clock).
 */
function dynamicJoulesAt(plan: Omit<PhasePlan, 'dynamicJoulesPerChip'>, scale: number, hw: DesignPoint['hardware']): number {
  const active = hw.activePowerWatts;
  if (active <= 0) return plan.operationJoulesPerChip;
  const mapped = plan.mapped;
  let busyCycleSeconds = 0;
  for (let i = 0; i < mapped.length; i++)
    if (mapped.units[i] !== 'host') busyCycleSeconds += mapped.count(i) * mapped.busyCycleSeconds(i, scale, hw.clockGated);
  return plan.operationJoulesPerChip + (active * busyCycleSeconds) / plan.pipelineParallel;
}
const joulesAt = (plan: PhasePlan, scale: number, hw: DesignPoint['hardware']): number =>
  scale === 1 ? plan.dynamicJoulesPerChip : dynamicJoulesAt(plan, scale, hw);

// Power limiters act over milliseconds, far shorter than a response: each pass must fit
// under the TDP on its own (a compute-heavy prefill cannot borrow a memory-bound decode's
// headroom). Over the cap a pass's clock derates until it fits; off-chip memory and link
// time do not shrink with it (`dynamicJoulesAt`).
function passPowerAt(plan: PhasePlan, scale: number, hw: DesignPoint['hardware']): number {
  if (scale === 1 || hw.activePowerWatts <= 0) return joulesAt(plan, scale, hw) / phaseSeconds(plan, scale) + hw.idlePowerWatts;
  // One loop for the seconds and the busy cycles: `derate` asks this forty times per throttled pass.
  const mapped = plan.mapped;
  let seconds = 0;
  let busyCycleSeconds = 0;
  for (let i = 0; i < mapped.length; i++) {
    const n = mapped.count(i);
    seconds += n * mapped.seconds(i, scale);
    if (mapped.units[i] !== 'host') busyCycleSeconds += n * mapped.busyCycleSeconds(i, scale, hw.clockGated);
  }
  const joules = plan.operationJoulesPerChip + (hw.activePowerWatts * busyCycleSeconds) / plan.pipelineParallel;
  return joules / seconds + hw.idlePowerWatts;
}

function derate(plan: PhasePlan, hw: DesignPoint['hardware']): number {
  if (passPowerAt(plan, 1, hw) <= hw.tdpWatts) return 1;
  let lo = MIN_CLOCK_SCALE;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (passPowerAt(plan, mid, hw) > hw.tdpWatts) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** One forward pass of a serving step: seconds (throttled as `evaluateDesign` throttles) and dynamic joules per chip. */
export interface StepCost {
  seconds: number;
  dynamicJoulesPerChip: number;
  /** The pass's physical floor (`passFloorSeconds`): no step is faster, whatever the model's efficiencies are off by. 0 unless asked for. */
  floorSeconds: number;
}

/**
 * A runtime with static shapes (`runtime.shape_buckets`) pads every pass to its compiled
 * buckets: a prefill's tokens per sequence and every sequence's attention context round up
 * to the next bucket, as `evaluateDesign` pads its static prefill and decode steps, so a
 * serving step and a static step of the same shape cost the same. A mixed composition
 * (serving) is padded by the same ratios on its totals.
 */
function paddedShape(shape: Omit<PassShape, 'groupedAttention'>, runtime: DesignPoint['runtime']): Omit<PassShape, 'groupedAttention'> {
  if (runtime.shapeBuckets === 'none') return shape;
  const tokensPerSequence = shape.phase === 'prefill' ? bucketTokens(Math.ceil(shape.tokensPerSequence), runtime) : shape.tokensPerSequence;
  const context = bucketTokens(Math.ceil(shape.context), runtime);
  if (!shape.mixed) return { ...shape, tokensPerSequence, context };
  const tokenRatio = tokensPerSequence / Math.max(1e-12, shape.tokensPerSequence);
  const contextRatio = context / Math.max(1e-12, shape.context);
  const m = shape.mixed;
  return {
    ...shape,
    tokensPerSequence,
    context,
    mixed: {
      ...m,
      tokens: m.tokens * tokenRatio,
      attendedPairs: m.attendedPairs * tokenRatio * contextRatio,
      kvTokens: m.kvTokens * contextRatio,
    },
  };
}

/**
 * The time of one forward pass of any composition (a serving step: prefill chunks and
 * decodes of `shape.batch` sequences), with exactly the operators, mapping and throttling
 * of `evaluateDesign`: the serving simulator's steps and the static result cannot disagree.
 */
/** `withFloor`: the pass's physical floor too (a loop over its operators: only the ranges' fast end reads it; else 0). */
export function stepCost(design: DesignPoint, shape: Omit<PassShape, 'groupedAttention'>, withFloor = false): StepCost {
  // Host time per sequence and the SRAM fit follow the sequences in this pass.
  const atBatch = shape.batch === design.workload.batch ? design : { ...design, workload: { ...design.workload, batch: shape.batch } };
  const ctx = passContext(atBatch);
  const plan = planPass(atBatch, ctx, paddedShape(shape, design.runtime), false);
  const hw = design.hardware;
  const scale = derate(plan, hw);
  return {
    seconds: phaseSeconds(plan, scale),
    dynamicJoulesPerChip: joulesAt(plan, scale, hw),
    floorSeconds: withFloor
      ? passFloorSeconds(plan, hw, hw.matrix.macsPerSecond[ctx.computeDtype] ?? 0, design.system.pipelineParallel)
      : 0,
  };
}

/**
 * The physical floor of a pass: every level's bytes at its peak bandwidth, every MAC at the
 * arrays' peak, nothing else (no efficiency, overhead, link or host time). A measured pass
 * cannot be faster, whatever the model's efficiencies are off by: the prediction ranges stop
 * there, the static ones and the serving simulation's steps alike. Stages run one after
 * another in a pass; a runtime that overlaps micro-batches could at best divide that by the
 * stages, but not the weights' reads (`weightFloorSeconds`, the whole pass's): each
 * micro-batch reads its stage's weights again, so however many are in flight a step still
 * reads every stage's weights in turn.
 */
function floorSeconds(
  macs: number,
  bytesByLevel: readonly number[],
  mapped: Pick<MappedPass, 'weightFloorSeconds' | 'feedLevel' | 'feedExcessBytes'>,
  hw: Hardware,
  matrixMacsPerSecond: number,
  pipelineStages: number,
): number {
  let floor = matrixMacsPerSecond > 0 ? macs / matrixMacsPerSecond : 0;
  for (let l = 0; l < bytesByLevel.length; l++) {
    // The arrays' re-reads are the model's count (its dataflow and accumulators), not physics: a
    // design with deeper accumulators reads less, so the floor counts what the level serves.
    const bytes = l === mapped.feedLevel ? bytesByLevel[l]! - mapped.feedExcessBytes : bytesByLevel[l]!;
    floor = Math.max(floor, bytes / hw.memoryLevels[l]!.bandwidthBytesPerSecond);
  }
  return Math.max(floor / pipelineStages, mapped.weightFloorSeconds);
}

/** `floorSeconds` of a planned pass (a serving step's; the static phases sum the same terms as they go). */
function passFloorSeconds(plan: PhasePlan, hw: Hardware, matrixMacsPerSecond: number, pipelineStages: number): number {
  const mapped = plan.mapped;
  const levelCount = hw.memoryLevels.length;
  let macs = 0;
  const bytesByLevel = hw.memoryLevels.map(() => 0);
  for (let i = 0; i < mapped.length; i++) {
    const n = mapped.count(i);
    macs += n * mapped.macs(i);
    for (let l = 0; l < levelCount; l++) bytesByLevel[l] += n * mapped.levelBytes[i * levelCount + l]!;
  }
  return floorSeconds(macs, bytesByLevel, mapped, hw, matrixMacsPerSecond, pipelineStages);
}

export interface EvaluateOptions {
  /**
   * Build each phase's per-operator records (`phases.*.operators`), the silicon components'
   * descriptions (`silicon.components[].detail`) and the die area's range: what the views show.
   * Default true. Without them every other number of the result is the same, bit for bit
   * (test/unit/explore-fastpath.test.ts); exploration and the sensitivities read none of them.
   */
  operators?: boolean;
}

export function evaluateDesign(design: DesignPoint, options: EvaluateOptions = {}): EvaluationResult {
  const detail = options.operators !== false;
  const hw = design.hardware;
  const { workload: w, system } = design;
  const fp = footprint(design);
  const ctx = passContext(design);
  const computeDtype = ctx.computeDtype;
  const main = mainMemoryOf(hw);
  const residency = ctx.residency;
  const plan = (phase: Phase, tokensPerSequence: number, context: number): PhasePlan =>
    planPass(design, ctx, { phase, batch: w.batch, tokensPerSequence, context }, detail);
  // Decode step j (1 ≤ j < output) attends to prompt + j tokens; every per-step cost is
  // linear in the context, so the mean step is the step at the mean context. A runtime
  // with static shapes pads both to its compiled buckets.
  const prefillTokens = bucketTokens(w.promptTokens, design.runtime);
  const prefill = plan('prefill', prefillTokens, prefillTokens);
  const decode = plan('decode', 1, meanDecodeContext(w.promptTokens, w.outputTokens, design.runtime));
  const decodeSteps = w.outputTokens - 1;
  const phasePowerAt = (plan: PhasePlan, scale: number) => passPowerAt(plan, scale, hw);

  const prefillScale = derate(prefill, hw);
  const decodeScale = decodeSteps > 0 ? derate(decode, hw) : 1;
  const clockScale = Math.min(prefillScale, decodeScale);
  const throttled = clockScale < 1;
  const unthrottledWatts = Math.max(phasePowerAt(prefill, 1), decodeSteps > 0 ? phasePowerAt(decode, 1) : 0);
  // At the clocks used: above the TDP only where even the lowest clock does not bring a pass under it.
  const throttledWatts = throttled
    ? Math.max(phasePowerAt(prefill, prefillScale), decodeSteps > 0 ? phasePowerAt(decode, decodeScale) : 0)
    : unthrottledWatts;

  const matrixMacsPerSecond = hw.matrix.macsPerSecond[computeDtype] ?? 0;
  const prefillResult = phaseResult(prefill, prefillScale, hw, detail, matrixMacsPerSecond, system.pipelineParallel);
  const decodeResult = phaseResult(decode, decodeScale, hw, detail, matrixMacsPerSecond, system.pipelineParallel);
  const responseS = prefillResult.seconds + decodeSteps * decodeResult.seconds;
  // Average power per chip over the response.
  const watts = (joulesAt(prefill, prefillScale, hw) + decodeSteps * joulesAt(decode, decodeScale, hw)) / responseS + hw.idlePowerWatts;
  const outputTokens = w.batch * w.outputTokens;
  const tokensPerSecond = outputTokens / responseS;
  const floorResponseS = prefillResult.bounds.floorSeconds + decodeSteps * decodeResult.bounds.floorSeconds;
  const ceilingTokensPerSecond = floorResponseS > 0 ? outputTokens / floorResponseS : Number.POSITIVE_INFINITY;
  const joulesPerOutputToken = (watts * responseS * system.chips) / outputTokens;
  const peakOps = peakOpsByDtype(design);
  const peakComputeOps = peakOps[computeDtype] ?? 0;
  const memoryBw = main.bandwidthBytesPerSecond;
  const capacityBytes = storageCapacityBytes(hw);
  const cost = costOf(design.economics, system.chips, watts, responseS, w.batch, tokensPerSecond);
  const silicon = siliconResult(design, detail);
  // Matrix-unit utilisation of a decode step (thrown-away array rows count as idle).
  let matrixFlops = 0;
  for (let i = 0; i < decode.mapped.length; i++) matrixFlops += decode.mapped.count(i) * 2 * decode.mapped.macs(i);
  const computeOfStage = peakComputeOps > 0 ? Math.min(1, matrixFlops / (decodeResult.seconds * peakComputeOps)) : 0;

  return {
    prefill: {
      ms: prefillResult.seconds * 1e3,
      lowerMs: prefillResult.bounds.lowerSeconds * 1e3,
      upperMs: prefillResult.bounds.upperSeconds * 1e3,
    },
    decode: {
      msPerToken: decodeResult.seconds * 1e3,
      bottleneck: decodeResult.bottleneck,
      lowerMs: decodeResult.bounds.lowerSeconds * 1e3,
      upperMs: decodeResult.bounds.upperSeconds * 1e3,
    },
    response: { ms: responseS * 1e3 },
    physicalLimits: {
      'prefill.ms': prefillResult.bounds.floorSeconds * 1e3,
      'decode.msPerToken': decodeResult.bounds.floorSeconds * 1e3,
      'response.ms': floorResponseS * 1e3,
      'throughput.outputTokensPerSecond': ceilingTokensPerSecond,
      'throughput.perChip': ceilingTokensPerSecond / system.chips,
    },
    throughput: { outputTokensPerSecond: tokensPerSecond, perChip: tokensPerSecond / system.chips },
    decodeSteps,
    utilization: {
      // Per chip: a pass's bytes and FLOPs are every stage's, and a chip serves its own stage's.
      memoryBandwidth: Math.min(1, decodeResult.levelBytes[main.id]! / system.pipelineParallel / (decodeResult.seconds * memoryBw)),
      compute: Math.min(1, computeOfStage / system.pipelineParallel),
      computeOfStage,
    },
    power: {
      watts,
      throttled,
      clockScale,
      prefillClockScale: prefillScale,
      decodeClockScale: decodeScale,
      effectiveClockHz: hw.clockHz * clockScale,
      tdpWatts: hw.tdpWatts,
      unthrottledWatts,
      throttledWatts,
      idleWatts: hw.idlePowerWatts,
      idleSource: hw.idlePowerSource,
      activeWatts: hw.activePowerWatts,
      activeSource: hw.activePowerSource,
    },
    energy: { joulesPerOutputToken, perfPerWatt: tokensPerSecond / (watts * system.chips) },
    cost,
    memory: {
      weightsBytes: fp.weightsBytesTotal,
      kvCacheBytes: fp.kvBytesTotal,
      capacityBytes: capacityBytes * system.chips,
      fits: fp.fits,
      perChip: { weightsBytes: fp.weightsBytesPerChip, kvCacheBytes: fp.kvBytesPerChip, capacityBytes },
      maxBatch: fp.maxBatch,
      // Named fields, not a spread: a spread copy was 5 % of an exploration's time per point.
      levels: residency.placement.map((p) => ({
        level: p.level,
        weightsBytes: p.weightsBytes,
        kvCacheBytes: p.kvCacheBytes,
        weightsShare: residency.weights[p.level] ?? 0,
        kvCacheShare: residency.kvCache[p.level] ?? 0,
        activationWorkingSetBytes: p.activationWorkingSetBytes,
      })),
    },
    chip: {
      peakOpsPerSecond: peakOps,
      memoryBandwidthBytesPerSecond: memoryBw,
      linkBandwidthBytesPerSecond: hw.link.bandwidthBytesPerSecond,
      ridgeOpsPerByte: peakComputeOps / memoryBw,
      computeDtype,
      memoryLevels: hw.memoryLevels.map((l) => ({
        id: l.id,
        label: l.label,
        configPath: l.configPath,
        onChip: l.onChip,
        main: l.id === hw.mainMemory,
        capacityBytes: l.capacityBytes,
        bandwidthBytesPerSecond: l.bandwidthBytesPerSecond,
        efficiency: l.efficiency,
      })),
    },
    phases: { prefill: prefillResult, decode: decodeResult },
    ...(silicon ? { silicon } : {}),
  };
}

export function peakOpsByDtype(design: DesignPoint): Partial<Record<Dtype, number>> {
  const out: Partial<Record<Dtype, number>> = {};
  for (const [dtype, macs] of Object.entries(design.hardware.matrix.macsPerSecond)) out[dtype as Dtype] = 2 * (macs ?? 0);
  return out;
}

function phaseSeconds(plan: PhasePlan, scale: number): number {
  const mapped = plan.mapped;
  let s = 0;
  for (let i = 0; i < mapped.length; i++) s += mapped.count(i) * mapped.seconds(i, scale);
  return s;
}

function phaseResult(
  plan: PhasePlan,
  scale: number,
  hw: Hardware,
  detail: boolean,
  matrixMacsPerSecond: number,
  pipelineStages: number,
): PhaseResult {
  // Seconds by what bounds each operator (locals, not a record keyed per operator: this loop runs per pass of an exploration).
  let memoryBound = 0;
  let computeBound = 0;
  let linkBound = 0;
  let overheadBound = 0;
  let busyCompute = 0;
  let busyLink = 0;
  let busyOverhead = 0;
  const levels = hw.memoryLevels;
  const levelCount = levels.length;
  const busyLevels = levels.map(() => 0);
  const bytesByLevel = levels.map(() => 0);
  let seconds = 0;
  let upper = 0;
  // Host time is by definition not hidden behind the chips: it adds to the lower bound too.
  let host = 0;
  let offChipBytes = 0;
  let flops = 0;
  let macs = 0;
  const operators: OperatorResult[] = [];
  const mapped = plan.mapped;
  const levelSecondsAtClock = mapped.levelSeconds;
  const scaledLevelSeconds = levels.map(() => 0);
  for (let i = 0; i < mapped.length; i++) {
    const compute = mapped.computeSeconds(i) / scale;
    // On-chip levels run on the chip's clock; off-chip levels do not slow down with it.
    const at = i * levelCount;
    for (let l = 0; l < levelCount; l++) {
      const s = levelSecondsAtClock[at + l]!;
      scaledLevelSeconds[l] = scale !== 1 && levels[l]!.onChip ? s / scale : s;
    }
    const total = mapped.seconds(i, scale);
    const n = mapped.count(i);
    const link = mapped.linkSeconds(i);
    const overhead = mapped.overheadSeconds(i);
    // Mapped at the nominal clock: a derated clock stretches on-chip work, not off-chip or link
    // time, and can turn a memory-bound operator compute-bound (a review: "56.1 ms (memory-bound)"
    // beside 14 % of the memory's bandwidth, on a clock at 23 %).
    let bottleneck = mapped.bottlenecks[i]!;
    if (scale !== 1) {
      let memory = 0;
      for (let l = 0; l < levelCount; l++) memory = Math.max(memory, scaledLevelSeconds[l]!);
      bottleneck = bottleneckOf(compute, memory, link, overhead);
    }
    seconds += n * total;
    // Sums over levels run slowest first (off-chip terms before on-chip ones, as they always have).
    let serial = compute;
    for (let l = levelCount - 1; l >= 0; l--) serial += scaledLevelSeconds[l]!;
    upper += n * (serial + link + overhead);
    busyCompute += n * compute;
    busyLink += n * link;
    for (let l = 0; l < levelCount; l++) {
      busyLevels[l] += n * scaledLevelSeconds[l]!;
      bytesByLevel[l] += n * mapped.levelBytes[at + l]!;
    }
    if (mapped.units[i] === 'host') host += n * overhead;
    else busyOverhead += n * overhead;
    // Time beyond the operator's overhead counts for its bottleneck; the overhead for overhead.
    if (bottleneck === 'overhead') overheadBound += n * total;
    else {
      const bound = n * (total - overhead);
      if (bottleneck === 'memory') memoryBound += bound;
      else if (bottleneck === 'compute') computeBound += bound;
      else linkBound += bound;
      overheadBound += n * overhead;
    }
    offChipBytes += n * mapped.offChipBytes(i);
    flops += n * mapped.flops(i);
    macs += n * mapped.macs(i);
    const r = mapped.results[i];
    if (detail && r) {
      if (scale !== 1) {
        r.time = { compute, levels: byLevelId(levels, scaledLevelSeconds), link, overhead, total };
        // An operator the derated clock turned from its nominal bottleneck (a memory-bound
        // product now compute-bound) is governed by the power cap that derated it: a click in
        // the views selects `chip.tdp`, not the memory's bandwidth it no longer waits on.
        if (bottleneck !== mapped.bottlenecks[i]) r.governingKey = 'chip.tdp';
        r.bottleneck = bottleneck;
      }
      operators.push(r);
    }
  }
  const floor = floorSeconds(macs, bytesByLevel, mapped, hw, matrixMacsPerSecond, pipelineStages);
  let busiest = Math.max(busyCompute, busyLink, busyOverhead);
  for (let l = 0; l < levelCount; l++) busiest = Math.max(busiest, busyLevels[l]!);
  const lower = busiest + host;
  const secondsBy: Record<Bottleneck, number> = {
    memory: memoryBound,
    compute: computeBound,
    interconnect: linkBound,
    overhead: overheadBound,
  };
  const bottleneck = (Object.keys(secondsBy) as Bottleneck[]).reduce((a, b) => (secondsBy[b] > secondsBy[a] ? b : a), 'memory');
  return {
    phase: plan.phase,
    tokens: plan.tokens,
    contextTokens: plan.context,
    seconds,
    bounds: { lowerSeconds: lower, upperSeconds: upper, floorSeconds: floor },
    bottleneck,
    secondsBy,
    operators,
    levelBytes: byLevelId(levels, bytesByLevel),
    offChipBytes,
    flops,
    energyJoulesPerChip: joulesAt(plan, scale, hw) + hw.idlePowerWatts * seconds,
  };
}
