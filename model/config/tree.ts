// The source tree: a YAML document as plain values that remember where each came from.
// Merging `extends` chains and presets works on this tree, so every value, however it
// was inherited, can still be traced to its file and range (or preset and citation).

import { parse as parseYaml } from 'yaml';
import type { SourceRef } from '../diagnostics';

export type Scalar = string | number | boolean | null;

export type SourceNode =
  /** `inherited`: the value an `extends` chain, a preset or a `--set` replaced here, which stands in for an invalid one. */
  | { kind: 'scalar'; value: Scalar; source: SourceRef; inherited?: SourceNode }
  | { kind: 'map'; entries: Map<string, SourceNode>; source: SourceRef }
  | { kind: 'seq'; items: SourceNode[]; source: SourceRef };

/**
 * Deep merge: `over` wins; maps merge key by key; scalars and lists replace; an explicit
 * `null` (or `~`) over an inherited key removes it (`rate: null` to replay a `trace` where the
 * extended file set a rate). Neither input is modified.
 */
export function mergeTrees(base: SourceNode | undefined, over: SourceNode): SourceNode {
  // A scalar over an inherited value keeps it: where the scalar is invalid, the validator checks
  // the rest of the design with what it replaced (validate.ts), so every error shows at once.
  if (base && over.kind === 'scalar' && !isExplicitNull(over)) return { ...over, inherited: base };
  if (!base || base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [key, value] of over.entries) {
    if (isExplicitNull(value) && base.entries.has(key)) entries.delete(key);
    else entries.set(key, mergeTrees(base.entries.get(key), value));
  }
  return { kind: 'map', entries, source: over.source };
}

/** `null` or `~` written, not a key left empty while typing (`rate:`), which stays "has no value". */
export function isExplicitNull(node: SourceNode): boolean {
  if (node.kind !== 'scalar' || node.value !== null) return false;
  if (node.source.kind !== 'file') return true;
  // A key with no value at all is given the key's own range (model/config/parse.ts).
  const { range, keyRange } = node.source;
  return range.end > range.start && range.start !== keyRange?.start;
}

/** The node at a dotted path, or undefined. */
export function nodeAt(root: SourceNode | undefined, path: readonly string[]): SourceNode | undefined {
  let node = root;
  for (const key of path) {
    if (!node || node.kind !== 'map') return undefined;
    node = node.entries.get(key);
  }
  return node;
}

/** A copy of `root` without the given top-level keys. */
export function withoutKeys(root: SourceNode, keys: readonly string[]): SourceNode {
  if (root.kind !== 'map') return root;
  const entries = new Map(root.entries);
  for (const key of keys) entries.delete(key);
  return { ...root, entries };
}

/** `root` without `keys` of the map at `path` (`['cost', 'silicon']`); the rest of the tree as it is. */
export function withoutKeysAt(root: SourceNode, path: readonly string[], keys: readonly string[]): SourceNode {
  if (path.length === 0) return withoutKeys(root, keys);
  if (root.kind !== 'map') return root;
  const child = root.entries.get(path[0]!);
  if (!child) return root;
  const entries = new Map(root.entries);
  entries.set(path[0]!, withoutKeysAt(child, path.slice(1), keys));
  return { ...root, entries };
}

/** Builds a tree from plain data (presets), each leaf citing `sourceOf(path)`. */
export function treeFromData(value: unknown, sourceOf: (path: string) => SourceRef, path: string[] = []): SourceNode {
  const here = sourceOf(path.join('.'));
  if (Array.isArray(value))
    return { kind: 'seq', items: value.map((v, i) => treeFromData(v, sourceOf, [...path, String(i)])), source: here };
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, SourceNode>();
    for (const [k, v] of Object.entries(value)) entries.set(k, treeFromData(v, sourceOf, [...path, k]));
    return { kind: 'map', entries, source: here };
  }
  return { kind: 'scalar', value: value as Scalar, source: here };
}

/** A value written as text (`6 TB/s`, `[qkv_projection]`, `8`) read as YAML reads it, citing `source`. */
export function nodeFromText(text: string, source: SourceRef): SourceNode {
  let parsed: unknown = text;
  try {
    parsed = parseYaml(text);
  } catch {
    parsed = text;
  }
  return parsed !== null && typeof parsed === 'object'
    ? treeFromData(parsed, () => source)
    : { kind: 'scalar', value: (parsed ?? null) as Scalar, source };
}

/** Sets a scalar at a dotted path (for `--set` and sweeps), creating maps on the way. */
export function withValueAt(root: SourceNode, path: readonly string[], value: SourceNode): SourceNode {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const entries = new Map(root.kind === 'map' ? root.entries : []);
  const child = entries.get(head) ?? { kind: 'map', entries: new Map(), source: value.source };
  entries.set(head, withValueAt(child, rest, value));
  return { kind: 'map', entries, source: root.source };
}
