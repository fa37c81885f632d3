// What the cursor is completing: a key under some section, or the value of a key. Read
// from the lines above the cursor by indentation rather than from a YAML parse, because
// text being typed is usually not valid YAML yet (`  memo` under `chip:` parses as a
// scalar, not as a key of `chip`).

import type { TextRange } from '../../model/diagnostics';

export type CompletionContext =
  | {
      kind: 'key';
      /** Path of the section the new key goes into. */
      parent: string[];
      /** What has been typed of the key so far. */
      prefix: string;
      replace: TextRange;
      /** Keys already present in that section (not offered again). */
      siblings: Set<string>;
      /** Inside `{ ... }` on one line: insert `key: ` rather than a block. */
      flow: boolean;
    }
  | {
      kind: 'value';
      path: string[];
      /** What has been typed of the value so far. */
      prefix: string;
      replace: TextRange;
      /** An item of a list (`- x` or `[a, x`): values already listed are in `siblings`. */
      inList: boolean;
      siblings: Set<string>;
    };

const KEY = /[\w.$-]/;

export function completionContextAt(text: string, offset: number): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);
  if (hasComment(linePrefix)) return undefined;
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop(); // the empty string after the last newline
  const following = text.slice(lineStart).split('\n').slice(1);

  const flow = flowContext(linePrefix, lineStart, lines);
  if (flow !== null) return flow;

  const keyValue = /^(\s*)(-\s+)?([\w.$-]+)\s*:(\s*)(.*)$/.exec(linePrefix);
  if (keyValue) {
    const indent = keyValue[1]!.length + (keyValue[2]?.length ?? 0);
    // `key:` immediately before the cursor with no space yet: nothing to offer.
    if (!keyValue[4] && !keyValue[5]) return undefined;
    const prefix = keyValue[5]!;
    const { path } = parentOf(lines, indent);
    return {
      kind: 'value',
      path: [...path, keyValue[3]!],
      prefix,
      replace: { start: offset - prefix.length, end: offset },
      inList: false,
      siblings: new Set(),
    };
  }

  const listItem = /^(\s*)-\s+([^\s,:#]*)$/.exec(linePrefix);
  if (listItem) {
    const indent = listItem[1]!.length;
    const prefix = listItem[2]!;
    const owner = listOwner(lines, indent);
    if (!owner) return undefined;
    return {
      kind: 'value',
      path: owner.path,
      prefix,
      replace: { start: offset - prefix.length, end: offset },
      inList: true,
      siblings: owner.items,
    };
  }

  const keyOnly = /^(\s*)([\w.$-]*)$/.exec(linePrefix);
  if (keyOnly) {
    const indent = keyOnly[1]!.length;
    const prefix = keyOnly[2]!;
    const { path, line } = parentOf(lines, indent);
    const rest = wordAfter(text, offset);
    return {
      kind: 'key',
      parent: path,
      prefix,
      replace: { start: offset - prefix.length, end: offset + rest },
      siblings: siblingKeys([...lines, linePrefix, ...following], line, indent, lines.length),
      flow: false,
    };
  }
  return undefined;
}

/** `key: { a: 1, b` or `key: [x, y` on the current line; null when not inside brackets. */
function flowContext(linePrefix: string, lineStart: number, lines: string[]): CompletionContext | undefined | null {
  const open = lastUnclosedBracket(linePrefix);
  if (open < 0) return null;
  const owner = /^(\s*)(-\s+)?([\w.$-]+)\s*:\s*$/.exec(linePrefix.slice(0, open));
  if (!owner) return undefined;
  const indent = owner[1]!.length + (owner[2]?.length ?? 0);
  const path = [...parentOf(lines, indent).path, owner[3]!];
  const inside = linePrefix.slice(open + 1);
  if (/[{[]/.test(inside)) return undefined; // nested flow collections: not in this language
  const segments = inside.split(',');
  const segment = segments.pop()!;
  const segmentStart = lineStart + linePrefix.length - segment.length;
  if (linePrefix[open] === '[') {
    const prefix = segment.trimStart();
    const siblings = new Set(segments.map((s) => s.trim()).filter(Boolean));
    return {
      kind: 'value',
      path,
      prefix,
      replace: { start: segmentStart + segment.length - prefix.length, end: segmentStart + segment.length },
      inList: true,
      siblings,
    };
  }
  const colon = segment.indexOf(':');
  if (colon >= 0) {
    const key = segment.slice(0, colon).trim();
    const prefix = segment.slice(colon + 1).trimStart();
    const end = segmentStart + segment.length;
    return {
      kind: 'value',
      path: [...path, key],
      prefix,
      replace: { start: end - prefix.length, end },
      inList: false,
      siblings: new Set(),
    };
  }
  const prefix = segment.trimStart();
  const end = segmentStart + segment.length;
  const siblings = new Set(segments.map((s) => s.split(':')[0]!.trim()).filter(Boolean));
  return { kind: 'key', parent: path, prefix, replace: { start: end - prefix.length, end }, siblings, flow: true };
}

function lastUnclosedBracket(s: string): number {
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') stack.push(i);
    else if (c === '}' || c === ']') stack.pop();
  }
  return stack.length ? stack[stack.length - 1]! : -1;
}

function hasComment(s: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return true;
  }
  return false;
}

function wordAfter(text: string, offset: number): number {
  let n = 0;
  while (offset + n < text.length && KEY.test(text[offset + n]!)) n++;
  return n;
}

interface Line {
  indent: number;
  key?: string;
  opensBlock: boolean;
  isItem: boolean;
  item?: string;
}

function readLine(raw: string): Line | undefined {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') return undefined;
  const indent = raw.length - raw.trimStart().length;
  const item = /^-\s*(.*)$/.exec(trimmed);
  if (item) {
    const inner = /^([\w.$-]+)\s*:\s*(#.*)?$/.exec(item[1]!);
    return {
      indent,
      isItem: true,
      opensBlock: !!inner,
      item: item[1]!.replace(/\s+#.*$/, '').trim(),
      ...(inner ? { key: inner[1]! } : {}),
    };
  }
  const keyed = /^([\w.$-]+)\s*:(.*)$/.exec(trimmed);
  if (!keyed) return { indent, isItem: false, opensBlock: false };
  const rest = keyed[2]!.trim();
  return { indent, key: keyed[1]!, isItem: false, opensBlock: rest === '' || rest.startsWith('#') };
}

/** The path of keys that a line at `indent` sits under, and the line of its direct parent. */
function parentOf(lines: string[], indent: number): { path: string[]; line: number } {
  const path: string[] = [];
  let limit = indent;
  let parentLine = -1;
  for (let i = lines.length - 1; i >= 0 && limit > 0; i--) {
    const line = readLine(lines[i]!);
    if (!line || line.indent >= limit) continue;
    if (line.key && line.opensBlock && !line.isItem) {
      path.unshift(line.key);
      if (parentLine < 0) parentLine = i;
    }
    limit = line.indent;
  }
  return { path, line: parentLine };
}

/** For a `- item` line at `indent`: the key the list belongs to, and the items above it. */
function listOwner(lines: string[], indent: number): { path: string[]; items: Set<string> } | undefined {
  const items = new Set<string>();
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = readLine(lines[i]!);
    if (!line) continue;
    if (line.isItem && line.indent === indent) {
      if (line.item) items.add(line.item);
      continue;
    }
    if (line.indent > indent) continue;
    if (line.key && line.opensBlock && !line.isItem) return { path: [...parentOf(lines.slice(0, i), line.indent).path, line.key], items };
    return undefined;
  }
  return undefined;
}

/** Keys at `indent` in the block that starts after `parentLine` (all lines, cursor line at `cursorLine`). */
function siblingKeys(all: string[], parentLine: number, indent: number, cursorLine: number): Set<string> {
  const keys = new Set<string>();
  for (let i = parentLine + 1; i < all.length; i++) {
    if (i === cursorLine) continue;
    const line = readLine(all[i]!);
    if (!line) continue;
    if (line.indent < indent) break;
    if (line.indent === indent && line.key && !line.isItem) keys.add(line.key);
  }
  return keys;
}
