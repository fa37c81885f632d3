// Which varied keys an exploration validates together. A value is planned once (evaluator.ts
// planExplore): validated alone over the base config, the leaves it changes are then written
// into every point. That holds while a value changes only its own keys. Where validation
// derives others from it (HBM stacks or a memory technology set the capacity and bandwidth they
// imply; a chip count the tensor parallelism), the derived leaves depend on the other varied
// keys that derivation reads too: those dimensions' values are validated in combination, as
// `eval --set` of both would validate them.

import { DERIVED_TOGETHER } from '../config/validate';
import type { Dimension, DiscreteDimension } from './space';

/** The most combinations of jointly validated values planned (each is one validation, ~1 ms). */
export const JOINT_COMBINATIONS = 20_000;

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || prefix.startsWith(`${path}.`);

/** One dimension varies a section (or a preset id in its place) that holds a key the other varies. */
export const nested = (a: Dimension, b: Dimension) => a.paths.some((p) => b.paths.some((q) => p !== q && under(p, q)));

/** What planning a dimension found: the leaves its values change (a range's: its own key). */
export interface PlannedKeys {
  keys: readonly string[];
}

/**
 * Dimensions that must be validated together, as groups of dimension indices (each of two or
 * more, in the space's order): dimensions whose keys (varied, or changed by validation) fall in
 * one of validation's derivations (DERIVED_TOGETHER), where one of them changes a key it does
 * not vary, transitively; and a section's dimension with one of a key inside it (`runtime` and
 * `runtime.collective_overhead`), whose values `eval --set` writes in order: the later replaces
 * the earlier, planned apart both were kept whatever the order (a review). A key no derivation
 * reads (`chip.memory.efficiency`) is not grouped.
 */
export function jointGroups(dimensions: readonly Dimension[], planned: readonly PlannedKeys[]): number[][] {
  const keysOf = dimensions.map((d, i) => [...d.paths, ...planned[i]!.keys]);
  const derives = dimensions.map((d, i) => planned[i]!.keys.some((k) => !d.paths.some((p) => under(k, p))));
  const sets = keysOf.map((keys) => DERIVED_TOGETHER.flatMap((set, s) => (keys.some((k) => set.some((p) => under(k, p))) ? [s] : [])));
  const parent = dimensions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < dimensions.length; i++)
    for (let j = 0; j < dimensions.length; j++)
      if (i !== j && ((derives[i] && sets[i]!.some((s) => sets[j]!.includes(s))) || nested(dimensions[i]!, dimensions[j]!)))
        parent[root(j)] = root(i);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < dimensions.length; i++) groups.set(root(i), [...(groups.get(root(i)) ?? []), i]);
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Every combination of the members' values, the last member's varying fastest: the texts of all their keys, in order. */
export function jointChoices(members: readonly DiscreteDimension[]): string[][] {
  let combinations: string[][] = [[]];
  for (const m of members) combinations = combinations.flatMap((texts) => m.choices.map((c) => [...texts, ...c.texts]));
  return combinations;
}

/** Per member, what one step of its value index adds to the combination's index (jointChoices' order). */
export function jointStrides(members: readonly DiscreteDimension[]): number[] {
  const strides = members.map(() => 1);
  for (let i = members.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * members[i + 1]!.choices.length;
  return strides;
}

/** A range of a key inside a varied section, or of a section holding a varied key: refused, as writing one undoes the other. */
export function rangeNestedMessage(path: string, others: readonly string[]): string {
  return `--vary ${path} as a continuous range: it and ${others.join(', ')} lie one inside the other, and \`eval --set\` writes them in order (the later replaces the earlier), which a sampled range does not redo per point; give its values as a list or a grid (FROM..TO:N)`;
}

/** A range sampled together with keys whose validation depends on it: not re-derived per point, so refused. */
export function rangeDerivedMessage(path: string, others: readonly string[]): string {
  const why = others.length
    ? `validation derives keys of it or of ${others.join(', ')} from the other's values (as \`eval --set\` of both would), which a sampled range does not redo per point`
    : 'writing it derives other keys (as `eval --set` would), which a sampled range does not re-derive per point';
  return `--vary ${path} as a continuous range: ${why}; give its values as a list or a grid (FROM..TO:N)`;
}
