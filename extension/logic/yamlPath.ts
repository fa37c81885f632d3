// Which config key sits under the cursor: the dotted path, whether the cursor is on the
// key or on its value, and both ranges. Pure (no vscode) so that hover, quick fixes and
// commands share one tested answer. Works on the current text of the editor, which may be
// newer than the last evaluation: paths are stable across edits, offsets are not.

import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { TextRange } from '../../model/diagnostics';

export interface KeyLocation {
  /** Dotted path segments, e.g. ['chip', 'memory', 'bandwidth']; list items are indices. */
  path: string[];
  on: 'key' | 'value';
  keyRange: TextRange;
  /** Range of the value node (empty at the key's end when the key has no value). */
  valueRange: TextRange;
  /** The scalar under the cursor, when the value is a scalar (a list item counts). */
  scalar?: string | number | boolean | null;
}

/** The innermost key (or list item) at `offset`, or undefined between keys. */
export function keyAt(text: string, offset: number): KeyLocation | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  return visit(doc.contents as YamlNode | null, offset, []);
}

function visit(node: YamlNode | null, offset: number, path: string[]): KeyLocation | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      if (!isScalar(key) || !key.range) continue;
      const name = String(key.value);
      const keyRange = { start: key.range[0], end: key.range[1] };
      const value = pair.value as YamlNode | null;
      const valueRange = value?.range ? { start: value.range[0], end: value.range[1] } : { start: keyRange.end, end: keyRange.end };
      const here = [...path, name];
      if (within(keyRange, offset)) return { path: here, on: 'key', keyRange, valueRange, ...scalarOf(value) };
      if (value && (isMap(value) || isSeq(value)) && within(valueRange, offset)) {
        const inner = visit(value, offset, here);
        if (inner) return inner;
        continue;
      }
      if (within(valueRange, offset)) return { path: here, on: 'value', keyRange, valueRange, ...scalarOf(value) };
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as YamlNode | null;
      if (!item?.range) continue;
      const range = { start: item.range[0], end: item.range[1] };
      if (!within(range, offset)) continue;
      if (isMap(item) || isSeq(item)) return visit(item, offset, [...path, String(i)]);
      // A list item has no key of its own: its range serves as both.
      return { path: [...path, String(i)], on: 'value', keyRange: range, valueRange: range, ...scalarOf(item) };
    }
  }
  return undefined;
}

/** Inclusive of the end, so that a cursor just after a word still belongs to it. */
function within(range: TextRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

function scalarOf(node: YamlNode | null): Pick<KeyLocation, 'scalar'> {
  if (!isScalar(node)) return {};
  const v = node.value;
  return { scalar: typeof v === 'bigint' ? Number(v) : (v as KeyLocation['scalar']) };
}

/** The range of the value at a dotted path in `text`, or of the key when it has no value. */
export function rangeOfPath(text: string, path: readonly string[]): { keyRange: TextRange; valueRange: TextRange } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  let node = doc.contents as YamlNode | null;
  let found: { keyRange: TextRange; valueRange: TextRange } | undefined;
  for (const segment of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
    if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    const key = pair.key;
    const keyRange = { start: key.range![0], end: key.range![1] };
    const value = pair.value as YamlNode | null;
    found = {
      keyRange,
      valueRange: value?.range ? { start: value.range[0], end: value.range[1] } : { start: keyRange.end, end: keyRange.end },
    };
    node = value;
  }
  return found;
}
