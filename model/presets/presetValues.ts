// A preset's own values, validated (SI units, defaults filled), and whether a config sets a key
// to another value than the preset under it: a key a file repeats from its preset
// (`bandwidth: 3.35 TB/s` over `h100-sxm`) changes neither the price basis nor the range category.

import type { Config } from '../config/schema';
import { treeFromData } from '../config/tree';
import { validateConfig } from '../config/validate';
import { isInvalidWritten, isWritten, type SourceRef } from '../diagnostics';
import { findPreset, presetTree } from './index';

const CHIP_CONFIGS = new Map<string, Config | undefined>();
/** A chip preset's own config, validated, to compare a key with. */
export function presetConfig(id: string): Config | undefined {
  if (!CHIP_CONFIGS.has(id)) {
    const preset = findPreset('chip', id);
    CHIP_CONFIGS.set(id, preset ? validateConfig(presetTree(preset)).config : undefined);
  }
  return CHIP_CONFIGS.get(id);
}

const RUNTIME_CONFIGS = new Map<string, Config['runtime'] | undefined>();
/** A runtime preset's values, validated as a config's `runtime:` section would be. */
export function runtimePresetConfig(id: string): Config['runtime'] | undefined {
  if (!RUNTIME_CONFIGS.has(id)) {
    const preset = findPreset('runtime', id);
    const source = (): SourceRef => ({ kind: 'preset', presetId: id });
    RUNTIME_CONFIGS.set(id, preset ? validateConfig(treeFromData({ runtime: preset.config }, source)).config.runtime : undefined);
  }
  return RUNTIME_CONFIGS.get(id);
}

export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Equal values, numbers to a relative 1e-9 (`3.28 TB/s` and `3280 GB/s` parse to the same figure up to rounding). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const isVaried = (ref: SourceRef) => ref.kind === 'override' && ref.varied === true;

/**
 * Whether a key (its origin `ref`, its `value`) is written, in a file or an override, to another
 * value than the preset's (`presetValue`; `presetKnown` false when the preset could not be read).
 * A swept or explored key differs at some point: every point is alike.
 */
export function writtenOverPreset(ref: SourceRef | undefined, value: unknown, presetValue: unknown, presetKnown: boolean): boolean {
  if (!ref || !isWritten(ref)) return false;
  // Whatever the base holds: an exploration decides this once, over its base config, where a
  // key the base nulls holds no value until a point writes one (its points were priced at the
  // preset's price, where eval prices each one's die: a review).
  if (isVaried(ref)) return true;
  // Written but rejected: its own error says so, and the design uses what it would without it.
  if (isInvalidWritten(ref, value)) return false;
  return !presetKnown || !sameValue(value, presetValue);
}
