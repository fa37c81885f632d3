// The last few serving simulations, by their inputs: a save that changes only what is sized or
// priced from them (`fleet:`, `cost:`) reuses them instead of simulating the traffic again (a
// workbench review: `peak_rate: 200 /s` → `400 /s` blanked the lenses for 3.6 s to give back
// the same serving figures). A simulation is a pure function of the design, the traffic and the
// parts asked for, seeded on its own, so an entry is exact; one a time budget cut short depends
// on the clock and is not kept.

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

/** The inputs a simulation's result depends on, as one string; undefined where they cannot be written out. */
export function servingMemoKey(design: DesignPoint, spec: ServingSpec, parts: readonly unknown[]): string | undefined {
  try {
    return JSON.stringify([design, spec, parts], replacer);
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

/** Keeps a result that no time budget cut short, dropping the least recently used past the limit. */
export function remember(key: string | undefined, result: ServingResult): void {
  if (key === undefined || result.truncated || result.searchTruncated) return;
  entries.set(key, { ...result });
  while (entries.size > ENTRIES) entries.delete(entries.keys().next().value!);
}

/** Forgets every kept simulation: a benchmark times the simulation itself, not a recall of it. */
export function forgetServingRuns(): void {
  entries.clear();
}
