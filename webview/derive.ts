// Numbers the views derive from a phase's operators, computed once here so every view
// agrees on them (an operator's share of the step is the same in the dataflow and the
// timeline).

import type { Bottleneck, ExecutionUnit, OperatorClass, OperatorResult, Phase, PhaseResult } from '../model/result';

export const UNIT_LABEL: Record<ExecutionUnit, string> = {
  fixed: 'Fixed-function', matrix: 'Matrix units', vector: 'Vector units', link: 'Chip-to-chip links', host: 'Host runtime',
};
/** Lane titles for narrow panels, where the full names do not fit their column. */
export const UNIT_SHORT_LABEL: Record<ExecutionUnit, string> = {
  fixed: 'Fixed', matrix: 'Matrix', vector: 'Vector', link: 'Links', host: 'Host',
};
export const UNITS_IN_LANE_ORDER: readonly ExecutionUnit[] = ['fixed', 'matrix', 'vector', 'link', 'host'];

export const CLASS_LABEL: Record<OperatorClass, string> = {
  attention: 'Attention', ffn: 'FFN', norm: 'Norms & residuals', collective: 'Collectives', head: 'LM head', pipeline: 'Pipeline', runtime: 'Host runtime',
};
export const CLASSES: readonly OperatorClass[] = ['attention', 'ffn', 'norm', 'collective', 'head', 'pipeline', 'runtime'];

export const BOTTLENECK_LABEL: Record<Bottleneck, string> = {
  memory: 'Memory-bound', compute: 'Compute-bound', interconnect: 'Interconnect-bound', overhead: 'Dispatch & software overhead',
};
export const BOTTLENECKS: readonly Bottleneck[] = ['memory', 'compute', 'interconnect', 'overhead'];

export const PHASE_LABEL: Record<Phase, string> = { prefill: 'prefill pass', decode: 'decode step' };

/** Seconds an operator costs the whole pass: all its instances. */
export const passSeconds = (op: OperatorResult): number => op.time.total * op.count;

/** Share of the phase's time, 0..1. */
export function timeShare(op: OperatorResult, phase: PhaseResult): number {
  return phase.seconds > 0 ? passSeconds(op) / phase.seconds : 0;
}

/** Layers per chip: the largest instance count (per-layer operators run once per layer). */
export function layersPerChip(phase: PhaseResult): number {
  return phase.operators.reduce((n, op) => Math.max(n, op.count), 1);
}

/**
 * Operators that run once per decoder layer, then those that run once per pass (LM head,
 * final norm, pipeline transfers), each group in execution order.
 */
export function groupByRepeat(phase: PhaseResult): { perLayer: OperatorResult[]; perPass: OperatorResult[]; layers: number } {
  const layers = layersPerChip(phase);
  if (layers <= 1) return { perLayer: phase.operators.slice(), perPass: [], layers };
  return {
    perLayer: phase.operators.filter((op) => op.count === layers),
    perPass: phase.operators.filter((op) => op.count !== layers),
    layers,
  };
}

/** Seconds per pass by operator class. */
export function secondsByClass(phase: PhaseResult): Record<OperatorClass, number> {
  const sums = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<OperatorClass, number>;
  for (const op of phase.operators) sums[op.class] += passSeconds(op);
  return sums;
}

/** Achieved operations per second of one instance (0 when it does no arithmetic). */
export const achievedOpsPerSecond = (op: OperatorResult): number => (op.time.total > 0 ? op.flops / op.time.total : 0);

/** Off-chip bandwidth an operator draws while it runs, bytes/s. */
export const offChipBytesPerSecond = (op: OperatorResult): number => (op.time.total > 0 ? op.offChipBytes / op.time.total : 0);
