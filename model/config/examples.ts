// What the editor offers for a quantity key (completion, hover, quick fixes): an example and
// units that fit the key's meaning and bounds, not only its dimension. A lifetime is a time,
// but `2 us` (the time dimension's example) or a unit of microseconds is no lifetime.

import { DIMENSIONS, parseQuantity, suggestedUnits, type Dimension } from '../units';

/** What is needed of a key: its dimension, its own example, its bounds (SI). */
export interface QuantityKey {
  readonly dimension: Dimension;
  readonly example?: string;
  readonly min?: number;
  readonly max?: number;
  readonly allowZero?: boolean;
  /** Quoted in bytes (memory bandwidths): bit rates are not offered. */
  readonly quotedInBytes?: boolean;
}

/** The example shown for a key: its own, else its dimension's. */
export function exampleOf(key: QuantityKey): string {
  return key.example ?? DIMENSIONS[key.dimension].example;
}

/** Whether `text` parses as the key's dimension and lies within its bounds. */
export function fitsKey(text: string, key: QuantityKey): boolean {
  const q = parseQuantity(text, key.dimension);
  if (!q.ok) return false;
  if (q.value < 0 || (q.value === 0 && !key.allowZero)) return false;
  return (key.min === undefined || q.value >= key.min) && (key.max === undefined || q.value <= key.max);
}

/**
 * Units worth offering after a number: the example's unit first, then the dimension's
 * units in which some value from 1 to 999 lies within the key's bounds (no `us` for a
 * lifetime of at least a day).
 */
export function unitsFor(key: QuantityKey): string[] {
  const exampleUnit = exampleOf(key).replace(/^[\d.,\s]+/, '');
  const candidates = [...new Set([exampleUnit, ...suggestedUnits(key.dimension, key.quotedInBytes)])];
  return candidates.filter((unit) => unit === exampleUnit || [1, 10, 100, 999].some((n) => fitsKey(`${n} ${unit}`, key)));
}
