// Which varied keys an exploration validates together. A value is planned once (evaluator.ts
// planExplore): validated alone over the base config, the leaves it changes are then written
// into every point. That holds while a value changes only its own keys. Where validation
// derives others from it (HBM stacks or a memory technology set the capacity and bandwidth they
// imply; a chip count the tensor parallelism), the derived leaves depend on the other varied
// keys of that section too: those dimensions' values are validated in combination, as
// `eval --set` of both would validate them.

import type { Dimension, DiscreteDimension } from './space';

/** The most combinations of jointly validated values planned (each is one validation, ~1 ms). */
export const JOINT_COMBINATIONS = 20_000;

/** `chip.memory` of `chip.memory.stacks`: the section whose keys one validation step derives from each other. */
const section = (path: string) => path.split('.').slice(0, 2).join('.');
const under = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}.`));

/** What planning a dimension found: the leaves its values change (a range's: its own key). */
export interface PlannedKeys {
  keys: readonly string[];
}

/**
 * Dimensions that must be validated together, as groups of dimension indices (each of two or
 * more, in the space's order): a dimension whose values change leaves outside its own keys,
 * with every dimension that varies or changes a key in a section of its own keys or of those
 * leaves (what it derives from, and what it derives), transitively.
 */
export function jointGroups(dimensions: readonly Dimension[], planned: readonly PlannedKeys[]): number[][] {
  const touched = dimensions.map((d, i) => new Set([...d.paths, ...planned[i]!.keys].map(section)));
  const derived = dimensions.map((d, i) => planned[i]!.keys.filter((k) => !under(k, d.paths)));
  const parent = dimensions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < dimensions.length; i++)
    for (let j = 0; j < dimensions.length; j++)
      // A derived key's section, or a section its own keys (what it derives from) share with j.
      if (i !== j && derived[i]!.length > 0 && [...touched[i]!].some((sec) => touched[j]!.has(sec))) parent[root(j)] = root(i);
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

/** A range sampled together with keys whose validation depends on it: not re-derived per point, so refused. */
export function rangeDerivedMessage(path: string, others: readonly string[]): string {
  const why = others.length
    ? `its values and those of ${others.join(', ')} derive each other's section when written (as \`eval --set\` of both would)`
    : 'writing it derives other keys (as `eval --set` would), which a sampled range does not re-derive per point';
  return `--vary ${path} as a continuous range: ${why}; give its values as a list or a grid (FROM..TO:N)`;
}
