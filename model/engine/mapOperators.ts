// Mapping operators onto the chip: which unit runs each one, which memory level serves
// its bytes, and the time each resource needs (roofline per operator: LLM-Viewer, GenZ).
// Times here are at the nominal clock; power throttling rescales the clocked parts.

import type { DesignPoint, Hardware, MemoryLevel, MemoryLevelId } from '../design';
import { attentionVariant } from '../design';
import { BYTES_PER_ELEMENT, type Dtype } from '../dtypes';
import type { Bottleneck, ExecutionUnit, OperatorResult, Phase } from '../result';
import type { MatmulShape, OperatorSpec } from '../workload/operators';
import { allReduce, stageTransfer } from './collectives';
import { placeActivations, type Residency } from './residency';
import { MappedPass } from './mappedPass';
import { arrayDataflows, type ArrayGeometry, type Dataflow } from './systolic';

export interface MappingContext {
  design: DesignPoint;
  computeDtype: Dtype;
  residency: Residency;
  phase: Phase;
}

/** Which fixed-function blocks the model's variant lets the chip use. */
export function fixedFunctionFit(design: DesignPoint): { usable: Set<string>; fallbacks: { op: string; reason: string }[] } {
  const hw = design.hardware;
  const model = design.workload.model;
  const usable = new Set<string>();
  const fallbacks: { op: string; reason: string }[] = [];
  const variant = attentionVariant(model);
  for (const op of hw.fixedFunction) {
    let reason: string | undefined;
    if (op === 'qkv_projection' || op === 'attention') {
      if (!hw.fixedFunctionSupports.attention.includes(variant))
        reason = `the model uses ${variant.toUpperCase()} attention; the block is wired for ${hw.fixedFunctionSupports.attention.map((v) => v.toUpperCase()).join('/')}`;
      else if (hw.fixedFunctionSupports.maxHeadDim !== undefined && model.headDim > hw.fixedFunctionSupports.maxHeadDim)
        reason = `the model's head_dim is ${model.headDim}; the block handles at most ${hw.fixedFunctionSupports.maxHeadDim}`;
      else if (op === 'qkv_projection' && model.parallelAttention && hw.fixedFunctionSupports.attention.length === 0)
        reason = 'parallel attention';
    }
    if (op === 'ffn' && !hw.fixedFunctionSupports.activation.includes(model.activation)) {
      reason = `the model's FFN uses ${model.activation}; the block is wired for ${hw.fixedFunctionSupports.activation.join('/')}`;
    }
    if (op === 'ffn' && model.experts > 1) reason = reason ?? 'mixture-of-experts routing is not hard-wired';
    if (reason) fallbacks.push({ op, reason });
    else usable.add(op);
  }
  return { usable, fallbacks };
}

/**
 * `detail`: build each operator's `result` record (the views); false for numbers only. The
 * records are built only when asked for: an exploration or a serving simulation maps
 * hundreds of thousands of passes and reads none of them.
 */
export function mapOperators(
  specs: readonly OperatorSpec[],
  ctx: MappingContext,
  usableFixed: ReadonlySet<string>,
  detail = true,
): MappedPass {
  const hw = ctx.design.hardware;
  const { fixedAt, activationBytesAt, launchesAt } = fusionOf(specs, usableFixed);
  // Per level, once per pass rather than once per operator (the same values: an exploration
  // maps tens of operators per point, and these lookups were a good part of each).
  const levels = hw.memoryLevels;
  const weightShare = levels.map((l) => ctx.residency.weights[l.id] ?? 0);
  const kvShare = levels.map((l) => ctx.residency.kvCache[l.id] ?? 0);
  const achievable = levels.map((l) => l.bandwidthBytesPerSecond * l.efficiency);
  const onChipAt = levels.map((l) => l.onChip);
  const mapped = new MappedPass(levels.length);
  // The arrays take their operands from the fastest on-chip level (SRAM feeds the arrays); on a
  // chip with none, from its fastest level (a review: with no SRAM the operands came for free, so
  // an exploration over SRAM capacity favoured none).
  const feedLevel = Math.max(
    0,
    levels.findIndex((l) => l.onChip),
  );
  mapped.feedLevel = feedLevel;
  const feedBytesPerElement = BYTES_PER_ELEMENT[ctx.computeDtype];
  // Seconds per weight byte at the levels' peak bandwidth, the slowest level's share: every
  // operator's weights are split over the levels in the same shares (the residency's).
  const weightFloorPerByte = levels.reduce((most, l, i) => Math.max(most, weightShare[i]! / l.bandwidthBytesPerSecond), 0);
  // Each operator's activation bytes by level (placeActivations), one array for the pass, in
  // what the level's copies of the weights and KV cache leave free (a code review: a partial
  // copy filled the scratchpad and the activations were served from it as well).
  const activationsAt = levels.map(() => 0);
  const freeAt = levels.map((l, i) => {
    const held = ctx.residency.placement[i];
    return l.onChip && held ? Math.max(0, l.capacityBytes - held.weightsBytes - held.kvCacheBytes) : l.capacityBytes;
  });
  // Runtimes capture decode steps only (prefill shapes vary); see `runtime.decode_launch`.
  const replayed = ctx.phase === 'decode' && ctx.design.runtime.decodeLaunch === 'graph';
  const runtime = ctx.design.runtime;
  const matrixRate = hw.matrix.macsPerSecond[ctx.computeDtype] ?? 0;
  const macJoules = hw.energy.macJoules[ctx.computeDtype] ?? 0;
  const levelBytes = mapped.levelBytes;
  const levelSeconds = mapped.levelSeconds;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const fixed = fixedAt[i]!;
    const activationBytes = activationBytesAt[i]!;
    const kvBytes = spec.kvReadBytes + spec.kvWriteBytes;
    placeActivations(levels, activationBytes, activationsAt, freeAt);
    // This operator's levels in the pass's columns.
    const at = levelBytes.length;
    let offChipBytes = 0;
    let onChipBytes = 0;
    let onChipSeconds = 0;
    let offChipSeconds = 0;
    mapped.weightFloorSeconds += spec.count * spec.weightBytes * weightFloorPerByte;
    // The arrays (geometry form): the dataflow that runs the product soonest on this chip, the
    // time its operands take through the feeding level included (a dataflow that saves 6 % of
    // cycles by reading twice the bytes is no faster where the SRAM's port binds: a review saw
    // more arrays slow a prefill), and the bytes it moves there. The shape may stand for more
    // products than the MACs count (a serving step's attention is shaped per sequence, a causal
    // prefill computes half its square): its feed is scaled as its time is, by MACs over the
    // shape's MACs. A hard-wired block's MACs are the arrays' (docs/silicon.md): it pays the feed too.
    let tiling: number | undefined;
    let feedBytes = 0;
    let matrixSeconds = 0;
    if (spec.matmul && spec.macs > 0) {
      // The runtime's kernels reach gemm_efficiency of the chip's rate; a hard-wired block runs no software kernel.
      const kernels = fixed ? 1 : runtime.gemmEfficiency;
      const untiledSeconds = spec.macs / (matrixRate * hw.matrix.efficiency * kernels);
      if (hw.matrix.geometry) {
        const flows = dataflowsOf(spec, spec.matmul, hw.matrix.geometry);
        const bytesPerElement = (feedBytesPerElement * spec.macs) / shapeMacs(spec.matmul);
        const secondsPerElement = bytesPerElement / achievable[feedLevel]!;
        let best = flows[0]!;
        let bestSeconds = Math.max(untiledSeconds / best.utilization, best.feedElements * secondsPerElement);
        // The flows come busiest first: once the feed keeps up, no later one is faster.
        for (let f = 1; f < flows.length && bestSeconds > untiledSeconds / best.utilization; f++) {
          const flow = flows[f]!;
          const seconds = Math.max(untiledSeconds / flow.utilization, flow.feedElements * secondsPerElement);
          if (seconds < bestSeconds || (seconds === bestSeconds && flow.feedElements < best.feedElements)) {
            best = flow;
            bestSeconds = seconds;
          }
        }
        tiling = best.utilization;
        feedBytes = best.feedElements * bytesPerElement;
      }
      matrixSeconds = untiledSeconds / (tiling ?? 1);
    }
    for (let l = 0; l < levels.length; l++) {
      let bytes = shareOf(spec.weightBytes, weightShare[l]!) + shareOf(kvBytes, kvShare[l]!) + activationsAt[l]!;
      // Every operand passes the feeding level's port on its way into the arrays, wherever it is
      // held. What it reads beyond the bytes the level serves is the model's count of re-reads,
      // not a physical floor: kept apart for the floor (evaluate.ts floorSeconds).
      if (l === feedLevel && feedBytes > bytes) {
        mapped.feedExcessBytes += spec.count * (feedBytes - bytes);
        bytes = feedBytes;
      }
      const seconds = bytes / achievable[l]!;
      levelBytes.push(bytes);
      levelSeconds.push(seconds);
      if (onChipAt[l]) {
        onChipBytes += bytes;
        onChipSeconds = Math.max(onChipSeconds, seconds);
      } else {
        offChipBytes += bytes;
        offChipSeconds = Math.max(offChipSeconds, seconds);
      }
    }

    const computeSeconds = matrixSeconds + spec.vectorOps / hw.vectorOpsPerSecond;

    let linkSeconds = 0;
    let linkBytes = 0;
    const communicates = spec.kind === 'collective' || spec.kind === 'transfer';
    if (communicates) {
      const cost =
        spec.kind === 'collective'
          ? allReduce(spec.messageBytes, ctx.design.system.tensorParallel, ctx.design.system.topology, hw.link)
          : stageTransfer(spec.messageBytes, hw.link);
      linkSeconds = cost.latencySeconds + cost.transferSeconds;
      linkBytes = cost.bytesSentPerChip;
    }

    // One dispatch per kernel launched on programmable units (the device's cost plus the
    // runtime's host launch path): a fused group launches once. A collective also pays the
    // collective library's start-up (NCCL protocol, stream synchronisation): software time,
    // not link time; a hard-wired collective engine has none.
    // A decode step replayed from a captured graph pays neither host cost: the host
    // launches the graph once, and the collective calls were enqueued at capture.
    let overheadSeconds = 0;
    if (launchesAt[i]) overheadSeconds = hw.dispatchOverheadSeconds + (hw.hostLaunch && !replayed ? runtime.launchOverheadSeconds : 0);
    if (!fixed && communicates && !replayed) overheadSeconds += runtime.collectiveOverheadSeconds;

    const clockedSeconds = Math.max(computeSeconds, onChipSeconds);
    const unclockedSeconds = Math.max(offChipSeconds, linkSeconds);
    const total = Math.max(clockedSeconds, unclockedSeconds) + overheadSeconds;
    const memorySeconds = Math.max(offChipSeconds, onChipSeconds);
    const bottleneck = bottleneckOf(computeSeconds, memorySeconds, linkSeconds, overheadSeconds);

    let dynamicJoules = spec.macs * macJoules + spec.vectorOps * hw.energy.vectorJoulesPerOp;
    // Slowest level first (the levels in reverse), as the sums over levels always run.
    for (let l = levels.length - 1; l >= 0; l--) dynamicJoules += levelBytes[at + l]! * levels[l]!.joulesPerByte;
    dynamicJoules += linkBytes * hw.energy.linkJoulesPerByte;
    const flops = 2 * spec.macs + spec.vectorOps;
    const unit: ExecutionUnit =
      spec.kind === 'collective' || spec.kind === 'transfer' ? 'link' : fixed ? 'fixed' : spec.kind === 'matmul' ? 'matrix' : 'vector';
    let result: OperatorResult | undefined;
    if (detail) {
      const servingBytes = offChipBytes > 0 ? offChipBytes : onChipBytes;
      // The level that bounds a memory-bound operator governs it when it is not `chip.memory`
      // (KV offload to host memory, weights resident in SRAM, an SRAM-only chip); else the
      // operator's own key.
      const ownSeconds = levelSeconds.slice(at);
      const bounding = bottleneck === 'memory' ? boundingLevel(hw, ownSeconds) : undefined;
      const secondsByLevel = byLevelId(levels, ownSeconds);
      const governingKey =
        bottleneck === 'memory'
          ? bounding
            ? `${bounding.configPath}.bandwidth`
            : spec.governingKey
          : bottleneck === 'overhead'
            ? overheadKey(spec, fixed, launchesAt[i]!, replayed, hw.hostLaunch, hw.dispatchOverheadSeconds, runtime)
            : bottleneck === 'compute' && unit === 'matrix'
              ? 'chip.matrix'
              : spec.governingKey;
      result = {
        id: spec.id,
        label: spec.label,
        class: spec.class,
        unit,
        count: spec.count,
        fixedFunction: fixed,
        fellBack: !!spec.fixedFunction && hw.fixedFunction.has(spec.fixedFunction as never) && !fixed,
        governingKey,
        // Always the same properties (undefined when absent): one object shape, fast loops.
        shape: spec.matmul,
        tilingUtilization: tiling,
        dtype: spec.matmul ? ctx.computeDtype : undefined,
        flops,
        levelBytes: byLevelId(levels, levelBytes.slice(at)),
        offChipBytes,
        bytes: {
          weights: spec.weightBytes,
          kvRead: spec.kvReadBytes,
          kvWrite: spec.kvWriteBytes,
          activations: activationBytes,
          link: linkBytes,
        },
        arithmeticIntensity: servingBytes > 0 ? flops / servingBytes : 0,
        time: { compute: computeSeconds, levels: secondsByLevel, link: linkSeconds, overhead: overheadSeconds, total },
        bottleneck,
        energyJoules: dynamicJoules,
      };
    }
    mapped.add({
      count: spec.count,
      unit,
      bottleneck,
      result,
      macs: spec.macs,
      flops,
      computeSeconds,
      linkSeconds,
      offChipBytes,
      clockedSeconds,
      unclockedSeconds,
      overheadSeconds,
      dynamicJoules,
    });
  }
  return mapped;
}

/**
 * An operator's dataflows on the arrays, remembered per operator and geometry: the operator lists
 * are reused while the model, layout and shape hold (cachedPasses; never modified), so an
 * exploration over chip keys asks for the same products again and again.
 */
const DATAFLOWS = new WeakMap<OperatorSpec, ArrayGeometry & { flows: Dataflow[] }>();
function dataflowsOf(spec: OperatorSpec, shape: MatmulShape, geometry: ArrayGeometry): Dataflow[] {
  const known = DATAFLOWS.get(spec);
  if (known && known.units === geometry.units && known.rows === geometry.rows && known.cols === geometry.cols) return known.flows;
  const flows = arrayDataflows(shape, geometry);
  DATAFLOWS.set(spec, { units: geometry.units, rows: geometry.rows, cols: geometry.cols, flows });
  return flows;
}

const shapeMacs = (shape: MatmulShape): number => shape.batch * shape.m * shape.k * shape.n;

/**
 * Add the runtime's host time of one pass (`runtime.step_overhead` + batch ×
 * `runtime.sequence_overhead`, plus `runtime.prefill_overhead` in prefill) to the pass: the
 * chips wait, so it is overhead at idle power.
 */
export function addHostOperator(mapped: MappedPass, design: DesignPoint, phase: Phase, detail = true): void {
  const { runtime } = design;
  const prefill = phase === 'prefill' ? runtime.prefillOverheadSeconds : 0;
  const seconds = prefill + runtime.stepOverheadSeconds + design.workload.batch * runtime.sequenceOverheadSeconds;
  if (!(seconds > 0)) return;
  const levels = design.hardware.memoryLevels;
  const zeros = levels.map(() => 0);
  for (let l = 0; l < levels.length; l++) {
    mapped.levelBytes.push(0);
    mapped.levelSeconds.push(0);
  }
  const result: OperatorResult | undefined = detail
    ? {
        id: 'host_runtime',
        label: 'Host runtime (scheduling, sampling)',
        class: 'runtime',
        unit: 'host',
        count: 1,
        fixedFunction: false,
        fellBack: false,
        governingKey: largestOf({
          'runtime.prefill_overhead': prefill,
          'runtime.step_overhead': runtime.stepOverheadSeconds,
          'runtime.sequence_overhead': design.workload.batch * runtime.sequenceOverheadSeconds,
        }),
        shape: undefined,
        tilingUtilization: undefined,
        dtype: undefined,
        flops: 0,
        levelBytes: byLevelId(levels, zeros),
        offChipBytes: 0,
        bytes: { weights: 0, kvRead: 0, kvWrite: 0, activations: 0, link: 0 },
        arithmeticIntensity: 0,
        time: { compute: 0, levels: byLevelId(levels, zeros), link: 0, overhead: seconds, total: seconds },
        bottleneck: 'overhead',
        energyJoules: 0,
      }
    : undefined;
  mapped.add({
    count: 1,
    unit: 'host',
    bottleneck: 'overhead',
    result,
    macs: 0,
    flops: 0,
    computeSeconds: 0,
    linkSeconds: 0,
    offChipBytes: 0,
    clockedSeconds: 0,
    unclockedSeconds: 0,
    overheadSeconds: seconds,
    dynamicJoules: 0,
  });
}

const shareOf = (bytes: number, share: number): number => (share ? bytes * share : 0);

/** What of a pass's mapping follows from its operators and the usable hard-wired blocks alone. */
interface Fusion {
  /** Runs on a hard-wired block. */
  fixedAt: boolean[];
  /** Activation bytes to and from memory: none inside a fused group or around a hard-wired block. */
  activationBytesAt: number[];
  /** Launches a kernel: a programmable operator, the first of its fused group. */
  launchesAt: boolean[];
}

/**
 * The fusion of a pass, remembered per operator list with the set of usable blocks it was
 * computed for (the pass cache hands the same prefill and decode lists to design after
 * design of an exploration, alternately: one remembered entry missed every time).
 */
function fusionOf(specs: readonly OperatorSpec[], usableFixed: ReadonlySet<string>): Fusion {
  const known = fusionBySpecs.get(specs);
  if (known && sameMembers(known.usable, usableFixed)) return known.fusion;
  const fixedAt: boolean[] = [];
  for (const spec of specs) fixedAt.push(!!spec.fixedFunction && usableFixed.has(spec.fixedFunction));
  const activationBytesAt: number[] = [];
  const launchesAt: boolean[] = [];
  // Fused groups seen so far in this pass.
  const seenGroups = new Set<string>();
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const fixed = fixedAt[i]!;
    const prev = specs[i - 1];
    const next = specs[i + 1];
    // Intermediates stay on chip inside a fused group and around a hard-wired block.
    const fusedIn = fixed || fixedAt[i - 1] === true || (!!spec.fusedGroup && prev?.fusedGroup === spec.fusedGroup);
    const fusedOut = fixed || fixedAt[i + 1] === true || (!!spec.fusedGroup && next?.fusedGroup === spec.fusedGroup);
    activationBytesAt.push((fusedIn ? 0 : spec.activationInBytes) + (fusedOut ? 0 : spec.activationOutBytes));
    launchesAt.push(!fixed && !(spec.fusedGroup && seenGroups.has(spec.fusedGroup)));
    if (spec.fusedGroup) seenGroups.add(spec.fusedGroup);
  }
  const fusion = { fixedAt, activationBytesAt, launchesAt };
  fusionBySpecs.set(specs, { usable: [...usableFixed], fusion });
  return fusion;
}
const fusionBySpecs = new WeakMap<readonly OperatorSpec[], { usable: string[]; fusion: Fusion }>();

/**
 * The most activation bytes any one operator of a pass moves to and from memory, as the pass is
 * mapped: what a fused group keeps on chip (attention's scores and probabilities, tiled by a
 * FlashAttention-style kernel) is not among them.
 */
export function largestActivationBytes(specs: readonly OperatorSpec[], usableFixed: ReadonlySet<string>): number {
  return Math.max(0, ...fusionOf(specs, usableFixed).activationBytesAt);
}

function sameMembers(list: readonly string[], set: ReadonlySet<string>): boolean {
  if (list.length !== set.size) return false;
  for (const x of list) if (!set.has(x)) return false;
  return true;
}

/** Values by level position -> a record by level id (the per-operator records the views read). */
export function byLevelId(levels: readonly MemoryLevel[], values: readonly number[]): Record<MemoryLevelId, number> {
  const out = {} as Record<MemoryLevelId, number>;
  for (let l = 0; l < levels.length; l++) out[levels[l]!.id] = values[l]!;
  return out;
}

function boundingLevel(hw: Hardware, seconds: readonly number[]): MemoryLevel | undefined {
  let top: number | undefined;
  for (let l = 0; l < seconds.length; l++) if (seconds[l]! > 0 && (top === undefined || seconds[l]! > seconds[top]!)) top = l;
  return top === undefined ? undefined : hw.memoryLevels[top];
}

function largestOf(parts: Record<string, number>): string {
  return Object.entries(parts).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

export function bottleneckOf(compute: number, memory: number, link: number, overhead: number): Bottleneck {
  const top = Math.max(compute, memory, link);
  if (overhead > top) return 'overhead';
  if (top === link && link > 0) return 'interconnect';
  return compute >= memory ? 'compute' : 'memory';
}

/**
 * The key a click on an overhead-bound operator selects: the largest of its overheads (a review
 * read "Bottleneck: dispatch & software overhead" beside "click to select chip.memory.bandwidth").
 */
function overheadKey(
  spec: OperatorSpec,
  fixed: boolean,
  launches: boolean,
  replayed: boolean,
  hostLaunch: boolean,
  dispatchSeconds: number,
  runtime: DesignPoint['runtime'],
): string {
  const communicates = spec.kind === 'collective' || spec.kind === 'transfer';
  const parts: [string, number][] = [
    ['chip.dispatch_overhead', launches ? dispatchSeconds : 0],
    ['runtime.launch_overhead', launches && hostLaunch && !replayed ? runtime.launchOverheadSeconds : 0],
    ['runtime.collective_overhead', !fixed && communicates && !replayed ? runtime.collectiveOverheadSeconds : 0],
  ];
  return parts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
