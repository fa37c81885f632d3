// The last few serving simulations, by their inputs: a save that changes only what is sized or
// priced from them (`fleet:`, `cost:`) reuses them instead of simulating the traffic again (a
// workbench review: `peak_rate: 200 /s` → `400 /s` blanked the lenses for 3.6 s to give back
// the same serving figures). A simulation is a pure function of the design, the traffic and the
// parts asked for, seeded on its own, so an entry is exact; one a time budget cut short depends
// on the clock and is not kept. A recalled result is a copy at its top level; its arrays and
// summaries are shared, and no caller changes them.

import type { DesignPoint } from '../design';
import type { ServingResult, ServingSpec } from './types';

/** Enough for a design, its `compare` baseline and both ends of each one's range, over two saves. */
const ENTRIES = 12;
const entries = new Map<string, ServingResult>();

/** Sets and maps by their contents (a design's hard-wired blocks are a Set); functions by name. */
const replacer = (_key: string, value: unknown): unknown =>
  value instanceof Set
    ? [...value]
    : value instanceof Map
      ? [...value.entries()]
      : typeof value === 'function'
        ? `fn ${value.name}`
        : value;

/**
 * The inputs a simulation's result depends on, as one string; undefined where they cannot be
 * written out. The design's chip, system, runtime and workload: not its name, economics or die,
 * which only the fleet's sizing and pricing read (a code review: a `cost:` save re-simulated).
 */
export function servingMemoKey(design: DesignPoint, spec: ServingSpec, parts: readonly unknown[]): string | undefined {
  try {
    return JSON.stringify([design.hardware, design.system, design.runtime, design.workload, spec, parts], replacer);
  } catch {
    return undefined;
  }
}

/** A copy of the remembered result (callers add to it: the disaggregated pools'), or undefined. */
export function recalled(key: string | undefined): ServingResult | undefined {
  const hit = key === undefined ? undefined : entries.get(key);
  if (!hit || key === undefined) return undefined;
  entries.delete(key);
  entries.set(key, hit);
  return { ...hit };
}

/**
 * Keeps a result that no time budget cut short, dropping the least recently used past the limit.
 * `withinBudget`: the run ended inside its budget, so no simulation of it was stopped by the
 * clock (the saturation run is not flagged when it is: a code review).
 */
export function remember(key: string | undefined, result: ServingResult, withinBudget: boolean): void {
  if (key === undefined || !withinBudget || result.truncated || result.searchTruncated) return;
  entries.set(key, { ...result });
  while (entries.size > ENTRIES) entries.delete(entries.keys().next().value!);
}

/** Forgets every kept simulation: a benchmark times the simulation itself, not a recall of it. */
export function forgetServingRuns(): void {
  entries.clear();
}
