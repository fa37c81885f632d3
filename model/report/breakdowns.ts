// Where a phase's time and bytes go, keyed by what the engine declares: operator classes,
// execution units, bottlenecks and memory levels. The views' stacked bars and tables and
// the HTML report read these sums, so an operator class's share is the same everywhere.

import type { MemoryLevelSummary, OperatorClass, OperatorResult, PhaseResult, SiliconResult } from '../result';
import { formatBytes, formatMm2, formatPercent, formatSeconds } from './format';
import { BOTTLENECK_LABEL, BOTTLENECKS, CLASS_LABEL, CLASSES, UNIT_LABEL, UNITS_IN_LANE_ORDER } from './labels';
import type { AreaShare, PhaseBreakdown, Share } from './types';

/** Seconds an operator costs the whole pass: all its instances. */
export const passSeconds = (op: OperatorResult): number => op.time.total * op.count;

/** Seconds per pass by operator class. */
export function secondsByClass(phase: PhaseResult): Record<OperatorClass, number> {
  const sums = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<OperatorClass, number>;
  for (const op of phase.operators) sums[op.class] += passSeconds(op);
  return sums;
}

function shares<E extends { key: string; label: string; value: number }>(
  entries: readonly E[],
  format: (v: number) => string,
): (Share & Omit<E, keyof Share>)[] {
  const total = entries.reduce((sum, e) => sum + e.value, 0);
  return entries
    .filter((e) => e.value > 0)
    .map((e) => {
      const share = total > 0 ? e.value / total : 0;
      return { ...e, text: format(e.value), share, shareText: formatPercent(share) };
    });
}

/** Bytes per pass by memory level the chip declares (fastest first), then over the chip-to-chip links. */
function bytesByLevel(phase: PhaseResult, levels: readonly MemoryLevelSummary[]): { key: string; label: string; value: number }[] {
  return [
    ...levels.map((l) => ({ key: l.id, label: l.label, value: phase.levelBytes[l.id] ?? 0 })),
    { key: 'link', label: UNIT_LABEL.link, value: phase.operators.reduce((sum, op) => sum + op.bytes.link * op.count, 0) },
  ];
}

export function phaseBreakdown(phase: PhaseResult, levels: readonly MemoryLevelSummary[]): PhaseBreakdown {
  const byClass = secondsByClass(phase);
  const byUnit = Object.fromEntries(UNITS_IN_LANE_ORDER.map((u) => [u, 0])) as Record<string, number>;
  for (const op of phase.operators) byUnit[op.unit] = (byUnit[op.unit] ?? 0) + passSeconds(op);
  return {
    seconds: phase.seconds,
    text: formatSeconds(phase.seconds),
    bottleneck: { key: phase.bottleneck, label: BOTTLENECK_LABEL[phase.bottleneck] },
    byClass: shares(
      CLASSES.map((c) => ({ key: c, label: CLASS_LABEL[c], value: byClass[c] })),
      formatSeconds,
    ),
    byUnit: shares(
      UNITS_IN_LANE_ORDER.map((u) => ({ key: u, label: UNIT_LABEL[u], value: byUnit[u] ?? 0 })),
      formatSeconds,
    ),
    byBottleneck: shares(
      BOTTLENECKS.map((b) => ({ key: b, label: BOTTLENECK_LABEL[b], value: phase.secondsBy[b] ?? 0 })),
      formatSeconds,
    ),
    bytesByLevel: shares(bytesByLevel(phase, levels), formatBytes),
  };
}

/** Die area by component (model/silicon), in the estimator's order; empty when the die is not modelled. */
export function areaBreakdown(silicon: SiliconResult): AreaShare[] {
  return shares(
    silicon.components.map((c) => ({ key: c.id, label: c.label, value: c.mm2, detail: c.detail })),
    formatMm2,
  );
}
