// Numbers the views derive from a phase's operators, computed once here so every view
// agrees on them (an operator's share of the step is the same in the dataflow and the
// timeline).

import type { ExecutionUnit, MemoryLevelId, OperatorResult, PhaseResult } from '../model/result';
import { passSeconds } from '../model/report/breakdowns';

export { BOTTLENECK_LABEL, BOTTLENECKS, CLASS_LABEL, CLASSES, PHASE_LABEL, UNIT_LABEL, UNITS_IN_LANE_ORDER } from '../model/report/labels';
export { passSeconds, secondsByClass } from '../model/report/breakdowns';
/** Lane titles for narrow panels, where the full names do not fit their column. */
export const UNIT_SHORT_LABEL: Record<ExecutionUnit, string> = {
  fixed: 'Fixed',
  matrix: 'Matrix',
  vector: 'Vector',
  link: 'Links',
  host: 'Host',
};

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

/** Achieved operations per second of one instance (0 when it does no arithmetic). */
export const achievedOpsPerSecond = (op: OperatorResult): number => (op.time.total > 0 ? op.flops / op.time.total : 0);

/** Bandwidth an operator draws from one memory level while it runs, bytes/s. */
export const levelBytesPerSecond = (op: OperatorResult, level: MemoryLevelId): number =>
  op.time.total > 0 ? (op.levelBytes[level] ?? 0) / op.time.total : 0;
