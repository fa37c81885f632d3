// YAML text -> source tree, with every syntax problem as a diagnostic at its range.
// Bounded on purpose: a config can come from anyone, so size, nesting depth and alias
// expansion (the "billion laughs" bomb) have hard limits instead of taking the editor down.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic, TextRange } from '../diagnostics';
import type { SourceNode } from './tree';

export const PARSE_LIMITS = {
  /** Larger than any real chip config by three orders of magnitude. */
  maxBytes: 1_000_000,
  maxDepth: 64,
  /** Nodes produced in all, aliases expanded: stops alias bombs in linear time. */
  maxNodes: 20_000,
} as const;

export interface ParsedFile {
  root: SourceNode | undefined;
  diagnostics: Diagnostic[];
}

class BudgetExceeded extends Error {}

export function parseConfigText(text: string, file: string): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const whole = { file, range: { start: 0, end: Math.min(text.length, 1) } };
  if (text.length > PARSE_LIMITS.maxBytes) {
    diagnostics.push({ severity: 'error', code: 'file-too-large', path: '', at: whole,
      message: `This file is ${(text.length / 1e6).toFixed(1)} MB; chip configs are limited to ${PARSE_LIMITS.maxBytes / 1e6} MB. It was not read.` });
    return { root: undefined, diagnostics };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    diagnostics.push({ severity: 'error', code: 'binary-file', path: '', at: { file, range: { start: nul, end: nul + 1 } },
      message: 'This file contains NUL bytes: it looks binary, not a YAML chip config.' });
    return { root: undefined, diagnostics };
  }
  const depthProblem = firstTooDeep(text);
  if (depthProblem !== undefined) {
    diagnostics.push({ severity: 'error', code: 'too-deep', path: '', at: { file, range: { start: depthProblem, end: depthProblem + 1 } },
      message: `Nesting deeper than ${PARSE_LIMITS.maxDepth} levels: chip configs are a few levels deep. The file was not read.` });
    return { root: undefined, diagnostics };
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    diagnostics.push({ severity: 'error', code: 'yaml-syntax', path: '', at: whole, message: `Could not parse YAML: ${String(error)}` });
    return { root: undefined, diagnostics };
  }
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    diagnostics.push({ severity: 'error', code: 'yaml-syntax', path: '', at: { file, range: { start, end: Math.max(end, start + 1) } }, message: cleanYamlMessage(e.message) });
  }
  for (const w of doc.warnings) {
    const [start, end] = w.pos;
    diagnostics.push({ severity: 'warning', code: 'yaml-warning', path: '', at: { file, range: { start, end: Math.max(end, start + 1) } }, message: cleanYamlMessage(w.message) });
  }
  if (doc.errors.length > 0) return { root: undefined, diagnostics };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    diagnostics.push({ severity: 'error', code: 'empty-config', path: '', at: whole, message: 'The config is empty: start with `extends: <preset>` or a `chip:` section.' });
    return { root: undefined, diagnostics };
  }

  const budget = { nodes: 0 };
  try {
    const root = toSourceNode(doc.contents as YamlNode, doc, file, diagnostics, budget, 0);
    if (root && root.kind !== 'map') {
      diagnostics.push({ severity: 'error', code: 'not-a-mapping', path: '', at: { file, range: root.source.kind === 'file' ? root.source.range : whole.range },
        message: 'A chip config is a mapping of sections (`chip:`, `system:`, `workload:`, `cost:`), not a list or a single value.' });
      return { root: undefined, diagnostics };
    }
    return { root, diagnostics };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    diagnostics.push({ severity: 'error', code: 'too-many-nodes', path: '', at: whole,
      message: `The document expands to more than ${PARSE_LIMITS.maxNodes} values (YAML aliases expanded). This is not a chip config; it was not read.` });
    return { root: undefined, diagnostics };
  }
}

function toSourceNode(node: YamlNode | null, doc: Document.Parsed, file: string, diagnostics: Diagnostic[],
  budget: { nodes: number }, depth: number, keyRange?: TextRange): SourceNode | undefined {
  if (++budget.nodes > PARSE_LIMITS.maxNodes || depth > PARSE_LIMITS.maxDepth) throw new BudgetExceeded();
  if (node === null) return undefined;
  const range = rangeOf(node);
  const source = { kind: 'file' as const, file, range, ...(keyRange ? { keyRange } : {}) };
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) {
      diagnostics.push({ severity: 'error', code: 'yaml-alias', path: '', at: { file, range }, message: `Unknown YAML alias \`*${node.source}\`.` });
      return undefined;
    }
    const resolved = toSourceNode(target as YamlNode, doc, file, diagnostics, budget, depth + 1, keyRange);
    // Point at the alias, where the user wrote it, not at the anchor.
    return resolved && { ...resolved, source };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'bigint' ? Number(v) : (v as string | number | boolean | null);
    return { kind: 'scalar', value, source };
  }
  if (isSeq(node)) {
    const items: SourceNode[] = [];
    for (const item of node.items) {
      const child = toSourceNode(item as YamlNode, doc, file, diagnostics, budget, depth + 1);
      if (child) items.push(child);
    }
    return { kind: 'seq', items, source };
  }
  if (isMap(node)) {
    const entries = new Map<string, SourceNode>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      const keyText = isScalar(key) ? key.value : undefined;
      const kRange = key ? rangeOf(key) : range;
      if (keyText === '<<') {
        // YAML merge key: the aliased mapping's entries, then this mapping's own.
        const merged = toSourceNode(pair.value as YamlNode, doc, file, diagnostics, budget, depth + 1);
        if (merged?.kind === 'map') for (const [k, v] of merged.entries) if (!entries.has(k)) entries.set(k, v);
        continue;
      }
      if (typeof keyText !== 'string' && typeof keyText !== 'number') {
        diagnostics.push({ severity: 'error', code: 'bad-key', path: '', at: { file, range: kRange }, message: 'Keys in a chip config are plain words, such as `bandwidth`.' });
        continue;
      }
      const child = toSourceNode(pair.value as YamlNode, doc, file, diagnostics, budget, depth + 1, kRange);
      entries.set(String(keyText), child ?? { kind: 'scalar', value: null, source: { kind: 'file', file, range: kRange, keyRange: kRange } });
    }
    return { kind: 'map', entries, source };
  }
  return undefined;
}

function rangeOf(node: YamlNode): TextRange {
  const r = node.range;
  if (!r) return { start: 0, end: 1 };
  return { start: r[0], end: Math.max(r[1], r[0] + 1) };
}

/** The yaml package's messages end with "at line X, column Y:" and a code frame; we show the range instead. */
function cleanYamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
}

/**
 * The offset where bracket or indentation nesting first exceeds the limit, scanning the text
 * once (the YAML parser itself recurses and would overflow its stack on 10,000 levels).
 */
function firstTooDeep(text: string): number | undefined {
  let brackets = 0;
  let inQuote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) { if (c === inQuote) inQuote = undefined; continue; }
    if (c === '"' || c === "'") { inQuote = c; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '\n') inQuote = undefined;
    if (c === '[' || c === '{') { if (++brackets > PARSE_LIMITS.maxDepth) return i; }
    else if (c === ']' || c === '}') brackets = Math.max(0, brackets - 1);
  }
  // Block nesting: an indentation deeper than two spaces per allowed level.
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (indent > 2 * PARSE_LIMITS.maxDepth + 2 && line.trim() && !line.trimStart().startsWith('#')) return lineStart + indent;
    lineStart += line.length + 1;
  }
  return undefined;
}
