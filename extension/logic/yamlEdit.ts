// The smallest text edit that sets one config key: replace the value where the key is
// written, or add the key to its section (creating the section at the end if needed); or
// that removes one where it is written.
// Small edits keep the user's comments, order and formatting, and undo cleanly.

import { isMap, isPair, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { TextRange } from '../../model/diagnostics';

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export function setValueEdit(text: string, path: readonly string[], value: string): TextEdit {
  const doc = parseDocument(text, { uniqueKeys: false });
  let node = doc.contents as YamlNode | null;
  let depth = 0;
  // Indentation of the deepest section found, and where its key line starts.
  let sectionIndent = -1;
  let lastKeyEnd = -1;
  while (depth < path.length && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === path[depth]);
    if (!pair || !isScalar(pair.key) || !pair.key.range) break;
    const value_ = pair.value as YamlNode | null;
    if (depth === path.length - 1) return replaceValue(text, pair.key.range[1], value_, value);
    sectionIndent = columnOf(text, pair.key.range[0]);
    lastKeyEnd = pair.key.range[1];
    node = value_;
    depth++;
  }
  const missing = path.slice(depth);
  if (depth === 0) return appendTopLevel(text, missing, value);
  if (isMap(node) && node.flow && node.range) {
    // `{ a: 1 }`: add `, key: value` before the closing brace (one level only; deeper
    // paths inside flow maps do not occur in this language).
    const entry = `${missing.join(': { ')}: ${value}${' }'.repeat(missing.length - 1)}`;
    const last = node.items.at(-1);
    const lastEnd = isPair(last) ? ((last.value as YamlNode | null)?.range?.[1] ?? (last.key as YamlNode | null)?.range?.[1]) : undefined;
    if (lastEnd !== undefined) return { range: { start: lastEnd, end: lastEnd }, newText: `, ${entry}` };
    const close = text.lastIndexOf('}', node.range[1]);
    return { range: { start: close, end: close }, newText: `${entry} ` };
  }
  if (isMap(node) && node.range && node.items.length) {
    const childIndent = columnOf(text, (node.items[0]!.key as YamlNode).range![0]);
    const at = endOfLastLine(text, node.range[1]);
    return {
      range: { start: at.offset, end: at.offset },
      newText: at.prefix + block(missing, value, childIndent, childIndent - sectionIndent),
    };
  }
  // The section key exists with no value (`workload:`): add the block after its line.
  const lineEnd = text.indexOf('\n', lastKeyEnd);
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const step = 2;
  return { range: { start: at, end: at }, newText: (lineEnd < 0 ? '\n' : '') + block(missing, value, sectionIndent + step, step) };
}

function replaceValue(text: string, keyEnd: number, node: YamlNode | null, value: string): TextEdit {
  if (node?.range && node.range[1] > node.range[0]) return { range: { start: node.range[0], end: node.range[1] }, newText: value };
  // `key:` with no value: write after the colon.
  const colon = text.indexOf(':', keyEnd);
  const at = colon < 0 ? keyEnd : colon + 1;
  return { range: { start: at, end: at }, newText: ` ${value}` };
}

function appendTopLevel(text: string, path: readonly string[], value: string): TextEdit {
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  return { range: { start: text.length, end: text.length }, newText: (needsNewline ? '\n' : '') + block(path, value, 0, 2) };
}

/** `a:\n  b: value\n` at the given indentation. */
function block(path: readonly string[], value: string, indent: number, step: number): string {
  return path.map((key, i) => `${' '.repeat(indent + i * Math.max(step, 1))}${key}:${i === path.length - 1 ? ` ${value}` : ''}\n`).join('');
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Where to insert a line after a block that ends at `end` (the next line's start). */
function endOfLastLine(text: string, end: number): { offset: number; prefix: string } {
  // Block ranges end after the trailing newline, or at the end of the text without one;
  // trailing blank and comment lines belong to what follows, so back up over them.
  let offset = Math.min(end, text.length);
  while (offset > 0) {
    const lineStart = text.lastIndexOf('\n', offset - 2) + 1;
    const line = text.slice(lineStart, offset).trim();
    if (line && !line.startsWith('#')) break;
    offset = lineStart;
  }
  if (offset > 0 && text[offset - 1] !== '\n') return { offset, prefix: '\n' };
  return { offset, prefix: '' };
}

/**
 * Remove a key written in `text`: its lines in a block map (a comment on them goes with it),
 * or its entry and one comma in a flow map (`{ a: 1, b: 2 }`). Undefined when the key is not
 * written there, or shares a line with another key of a block map.
 */
export function removeKeyEdit(text: string, path: readonly string[]): TextEdit | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  let node = doc.contents as YamlNode | null;
  for (let depth = 0; depth < path.length && isMap(node); depth++) {
    const map = node;
    const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === path[depth]);
    if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    const value = pair.value as YamlNode | null;
    if (depth < path.length - 1) {
      node = value;
      continue;
    }
    const start = pair.key.range[0];
    const end = value?.range?.[1] ?? pair.key.range[1];
    if (map.flow) {
      // The entry and the comma after it, or (the last entry) the comma before it.
      const after = /^\s*,\s*/.exec(text.slice(end));
      if (after) return { range: { start, end: end + after[0].length }, newText: '' };
      const before = /,\s*$/.exec(text.slice(0, start));
      return { range: { start: before ? before.index : start, end }, newText: '' };
    }
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (text.slice(lineStart, start).trim() !== '') return undefined;
    // A block value's range may already end past its last newline.
    const newline = text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
    return { range: { start: lineStart, end: newline < 0 ? text.length : newline + 1 }, newText: '' };
  }
  return undefined;
}
