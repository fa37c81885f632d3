// YAML text -> source tree, with every syntax problem as a diagnostic at its range.
// Bounded on purpose: a config can come from anyone, so size, nesting depth and alias
// expansion (the "billion laughs" bomb) have hard limits instead of taking the editor down.
// The limits hold for a config and every file it references together (a `ParseBudget`
// shared along `extends` and `compare` chains), so 32 files of 1 MB each cannot add up.

import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { Diagnostic, TextRange } from '../diagnostics';
import type { SourceNode } from './tree';
import { schemaAt } from './schema';
import { withColon } from './closest';

export const PARSE_LIMITS = {
  /** Larger than any real chip config by three orders of magnitude. */
  maxBytes: 1_000_000,
  maxDepth: 64,
  /** Nodes produced in all, aliases expanded: stops alias bombs in linear time. */
  maxNodes: 20_000,
  /**
   * YAML tokens (scalars, indicators, spaces, comments): the reference example has 162. The
   * YAML parser spends microseconds per token and builds an error object for every stray
   * one, so a megabyte of `""""` or `]]]]` would take seconds; this keeps parsing to a
   * fraction of a second whatever the text.
   */
  maxTokens: 20_000,
  /** Syntax errors reported per file; after the first few they are mostly echoes of them. */
  maxSyntaxDiagnostics: 100,
} as const;

/** What is left of the limits for the files of one config, consumed as each is parsed. */
export interface ParseBudget {
  bytes: number;
  tokens: number;
  nodes: number;
}

export function newParseBudget(): ParseBudget {
  return { bytes: PARSE_LIMITS.maxBytes, tokens: PARSE_LIMITS.maxTokens, nodes: PARSE_LIMITS.maxNodes };
}

export interface ParsedFile {
  root: SourceNode | undefined;
  diagnostics: Diagnostic[];
}

class BudgetExceeded extends Error {
  constructor(readonly tooDeep: boolean) {
    super();
  }
}

export function parseConfigText(text: string, file: string, budget: ParseBudget = newParseBudget()): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const whole = { file, range: { start: 0, end: Math.min(text.length, 1) } };
  if (text.length > budget.bytes) {
    const mb = (n: number) => `${+(n / 1e6).toFixed(2)} MB`;
    diagnostics.push({
      severity: 'error',
      code: 'file-too-large',
      path: '',
      at: whole,
      message:
        text.length > PARSE_LIMITS.maxBytes
          ? `This file is ${mb(text.length)}; chip configs are limited to ${mb(PARSE_LIMITS.maxBytes)}. It was not read.`
          : `This file (${mb(text.length)}) and the files that reference it add up to more than ${mb(PARSE_LIMITS.maxBytes)}, the limit for one chip config. It was not read.`,
    });
    return { root: undefined, diagnostics };
  }
  budget.bytes -= text.length;
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // UTF-16 read as UTF-8: every other byte of ASCII text is NUL.
    // eslint-disable-next-line no-control-regex -- NUL bytes are exactly what UTF-16 text looks like when read as UTF-8
    const utf16 = /^(?:\ufffd\ufffd)?(?:[^\u0000]\u0000|\u0000[^\u0000]){4}/.test(text);
    diagnostics.push({
      severity: 'error',
      code: utf16 ? 'encoding' : 'binary-file',
      path: '',
      at: { file, range: { start: nul, end: nul + 1 } },
      message: utf16
        ? 'This file looks like UTF-16 text; chip configs are read as UTF-8. Save it as UTF-8.'
        : 'This file contains NUL bytes: it looks binary, not a YAML chip config.',
    });
    return { root: undefined, diagnostics };
  }
  const undecodable = text.indexOf('\ufffd');
  if (undecodable >= 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'encoding',
      path: '',
      at: { file, range: { start: undecodable, end: undecodable + 1 } },
      message:
        'This file has bytes that are not valid UTF-8 (shown as �), e.g. Latin-1 text: save it as UTF-8 so names and units read as written.',
    });
  }
  // The YAML parser recurses per level and spends microseconds per token: both are
  // checked before it runs, the nesting from the lines and the tokens, the size by counting.
  const shared = budget.tokens < PARSE_LIMITS.maxTokens;
  const scan = firstTooDeepBlock(text) ?? scanTokens(text, budget);
  if (scan?.problem === 'too-deep') {
    diagnostics.push({
      severity: 'error',
      code: 'too-deep',
      path: '',
      at: { file, range: visibleRange(scan.offset, scan.offset + 1, text.length) },
      message: `Nesting deeper than ${PARSE_LIMITS.maxDepth} levels: chip configs are a few levels deep. The file was not read.`,
    });
    return { root: undefined, diagnostics };
  }
  if (scan?.problem === 'too-many-tokens') {
    diagnostics.push({
      severity: 'error',
      code: 'too-many-tokens',
      path: '',
      at: { file, range: visibleRange(scan.offset, scan.offset + 1, text.length) },
      message: `The file${shared ? ', with the files that reference it,' : ''} has more than ${PARSE_LIMITS.maxTokens.toLocaleString('en')} YAML tokens; chip configs have a few hundred. It was not read.`,
    });
    return { root: undefined, diagnostics };
  }

  let doc: Document.Parsed;
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    // The parser makes an Error per syntax problem; their stack traces are never read.
    Error.stackTraceLimit = 0;
    // Duplicate keys are found while building the tree: the parser's own check compares
    // every key with every earlier one, quadratic in the size of a mapping.
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    diagnostics.push({ severity: 'error', code: 'yaml-syntax', path: '', at: whole, message: `Could not parse YAML: ${String(error)}` });
    return { root: undefined, diagnostics };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const problems = [...doc.errors, ...doc.warnings];
  // A key indented under a key that already has a value: the parser reports the value, one
  // line early, twice and in its own terms; the user needs the line to move and how far.
  const overIndented = new Set<number>();
  for (const e of doc.errors.slice(0, PARSE_LIMITS.maxSyntaxDiagnostics)) {
    const hint = indentHint(text, e);
    if (!hint) continue;
    if (!overIndented.has(hint.lineStart))
      diagnostics.push({
        severity: 'error',
        code: hint.code ?? 'yaml-indentation',
        path: '',
        at: { file, range: hint.keyRange },
        message: hint.message,
        ...(hint.fixTitle ? { fixes: [{ title: hint.fixTitle, file, range: hint.indentRange, newText: hint.indent }] } : {}),
      });
    overIndented.add(hint.lineStart);
    overIndented.add(e.pos[0]);
  }
  // The parser's errors after an indentation hint, in the same top-level section, are what the
  // misplaced line does to the lines after it (`process:` one space short: "Nested mappings are
  // not allowed in compact mappings" on `clock:` and `tdp:`): gone with the fix, not said beside it.
  const sectionEnd = (at: number) => {
    const next = /\n(?=[^\s#])/g;
    next.lastIndex = at;
    return next.exec(text)?.index ?? text.length;
  };
  const hinted = diagnostics.filter((d) => d.code === 'yaml-indentation' || d.code === 'yaml-key-colon').map((d) => d.at!.range.start);
  const consequence = (offset: number) => hinted.some((at) => offset > at && offset < sectionEnd(at));
  for (const [i, e] of problems.slice(0, PARSE_LIMITS.maxSyntaxDiagnostics).entries()) {
    const error = i < doc.errors.length;
    if (error && (overIndented.has(e.pos[0]) || consequence(e.pos[0]))) continue;
    diagnostics.push({
      severity: error ? 'error' : 'warning',
      code: error ? 'yaml-syntax' : 'yaml-warning',
      path: '',
      at: { file, range: visibleRange(e.pos[0], e.pos[1], text.length) },
      message: cleanYamlMessage(e.message, text, e.pos),
    });
  }
  if (problems.length > PARSE_LIMITS.maxSyntaxDiagnostics) {
    const last = problems[PARSE_LIMITS.maxSyntaxDiagnostics]!;
    diagnostics.push({
      severity: doc.errors.length > 0 ? 'error' : 'warning',
      code: doc.errors.length > 0 ? 'yaml-syntax' : 'yaml-warning',
      path: '',
      at: { file, range: visibleRange(last.pos[0], last.pos[1], text.length) },
      message: `${(problems.length - PARSE_LIMITS.maxSyntaxDiagnostics).toLocaleString('en')} more YAML problems from here on are not listed; fix the ones above first.`,
    });
  }
  if (doc.errors.length > 0) return { root: undefined, diagnostics };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-config',
      path: '',
      at: whole,
      message: 'The config is empty: start with `extends: <preset>` or a `chip:` section.',
    });
    return { root: undefined, diagnostics };
  }

  const walk: Walk = { budget, textLength: text.length, anchors: aliasTargets(doc) };
  try {
    const root = toSourceNode(doc.contents as YamlNode, file, diagnostics, walk, 0);
    if (root && root.kind !== 'map') {
      diagnostics.push({
        severity: 'error',
        code: 'not-a-mapping',
        path: '',
        at: { file, range: root.source.kind === 'file' ? root.source.range : whole.range },
        message: 'A chip config is a mapping of sections (`chip:`, `system:`, `workload:`, `cost:`), not a list or a single value.',
      });
      return { root: undefined, diagnostics };
    }
    return { root, diagnostics };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    diagnostics.push(
      error.tooDeep
        ? {
            severity: 'error',
            code: 'too-deep',
            path: '',
            at: whole,
            message: `Nesting deeper than ${PARSE_LIMITS.maxDepth} levels (YAML aliases expanded): chip configs are a few levels deep. The file was not read.`,
          }
        : {
            severity: 'error',
            code: 'too-many-nodes',
            path: '',
            at: whole,
            message: `The document expands to more than ${PARSE_LIMITS.maxNodes} values (YAML aliases expanded). This is not a chip config; it was not read.`,
          },
    );
    return { root: undefined, diagnostics };
  }
}

interface Walk {
  budget: ParseBudget;
  textLength: number;
  /** What each alias refers to, found in one pass over the document. */
  anchors: Map<Alias, YamlNode>;
}

/**
 * The node each alias names: the last node with that anchor before it, in document order
 * (YAML 1.2, 7.1). The parser's `Alias.resolve` searches the whole document per alias,
 * which is quadratic in the number of aliases.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, YamlNode> {
  const latest = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = latest.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) {
        latest.set(node.anchor, node);
      }
    },
  });
  return targets;
}

type ScanProblem = { problem: 'too-deep' | 'too-many-tokens'; offset: number } | undefined;

/** Tokens the lexer adds that are not in the text (document start, scalar and flow-end markers). */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * One pass of the YAML lexer (iterative, unlike the parser): takes the tokens from the
 * budget and follows flow nesting, `[` and `{`, exactly as the parser will see it (a
 * bracket in a quoted string, a comment or a plain scalar such as `it's [x]` is not one).
 */
function scanTokens(text: string, budget: ParseBudget): ScanProblem {
  let offset = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (--budget.tokens < 0) return { problem: 'too-many-tokens', offset };
    if (token === '[' || token === '{') {
      if (++depth > PARSE_LIMITS.maxDepth) return { problem: 'too-deep', offset };
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    }
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return undefined;
}

function toSourceNode(
  node: YamlNode | null,
  file: string,
  diagnostics: Diagnostic[],
  walk: Walk,
  depth: number,
  keyRange?: TextRange,
): SourceNode | undefined {
  if (depth > PARSE_LIMITS.maxDepth) throw new BudgetExceeded(true);
  if (--walk.budget.nodes < 0) throw new BudgetExceeded(false);
  if (node === null) return undefined;
  const range = rangeOf(node, walk.textLength);
  const source = { kind: 'file' as const, file, range, ...(keyRange ? { keyRange } : {}) };
  if (isAlias(node)) {
    const target = walk.anchors.get(node);
    if (!target) {
      diagnostics.push({
        severity: 'error',
        code: 'yaml-alias',
        path: '',
        at: { file, range },
        message: `Unknown YAML alias \`*${node.source}\`.`,
      });
      return undefined;
    }
    const resolved = toSourceNode(target, file, diagnostics, walk, depth + 1, keyRange);
    // Point at the alias, where the user wrote it, not at the anchor.
    return resolved && { ...resolved, source };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'bigint' ? Number(v) : (v as string | number | boolean | null);
    // A key left empty (`rate:` while typing) is at its key, as a key with no value node is: not
    // an explicit `null` or `~`, which removes an inherited key (model/config/tree.ts mergeTrees).
    if (value === null && node.source === '' && keyRange) return { kind: 'scalar', value, source: { ...source, range: keyRange } };
    return { kind: 'scalar', value, source };
  }
  if (isSeq(node)) {
    const items: SourceNode[] = [];
    for (const item of node.items) {
      const child = toSourceNode(item as YamlNode, file, diagnostics, walk, depth + 1);
      if (child) items.push(child);
    }
    return { kind: 'seq', items, source };
  }
  if (isMap(node)) {
    const entries = new Map<string, SourceNode>();
    /** Keys written in this mapping (a `<<` merge's keys may be overridden, these may not). */
    const own = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      const keyText = isScalar(key) ? key.value : undefined;
      const kRange = key ? rangeOf(key, walk.textLength) : range;
      if (keyText === '<<') {
        // YAML merge key: the aliased mapping's entries, then this mapping's own.
        const merged = toSourceNode(pair.value as YamlNode, file, diagnostics, walk, depth + 1);
        if (merged?.kind === 'map') for (const [k, v] of merged.entries) if (!entries.has(k)) entries.set(k, v);
        continue;
      }
      if (typeof keyText !== 'string' && typeof keyText !== 'number') {
        diagnostics.push({
          severity: 'error',
          code: 'bad-key',
          path: '',
          at: { file, range: kRange },
          message: 'Keys in a chip config are plain words, such as `bandwidth`.',
        });
        continue;
      }
      const name = String(keyText);
      if (own.has(name)) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-key',
          path: '',
          at: { file, range: kRange },
          message: `\`${name.length > 80 ? name.slice(0, 80) + '…' : name}\` is set twice in this mapping; YAML keys must be unique. The first value is used.`,
        });
        continue;
      }
      own.add(name);
      const child = toSourceNode(pair.value as YamlNode, file, diagnostics, walk, depth + 1, kRange);
      entries.set(name, child ?? { kind: 'scalar', value: null, source: { kind: 'file', file, range: kRange, keyRange: kRange } });
    }
    return { kind: 'map', entries, source };
  }
  return undefined;
}

function rangeOf(node: YamlNode, textLength: number): TextRange {
  const r = node.range;
  return r ? visibleRange(r[0], r[1], textLength) : visibleRange(0, 1, textLength);
}

/**
 * At least one character wide, so an empty value (`compare:`) can still be underlined, but
 * never past the end of the text: an error at the very end of a file (an unclosed flow
 * collection, a key with no value and no final newline) is an empty range at the end.
 */
function visibleRange(start: number, end: number, textLength: number): TextRange {
  const s = Math.min(Math.max(0, start), textLength);
  return { start: s, end: Math.min(Math.max(end, s + 1), textLength) };
}

/** The yaml package's messages end with "at line X, column Y:" and a code frame; we show the range instead. */
interface IndentHint {
  lineStart: number;
  keyRange: TextRange;
  /** What the fix replaces, and with what (the key's indentation, or its colon). */
  indentRange: TextRange;
  indent: string;
  message: string;
  /** Absent where no indentation is the fix (a key under a value written inline). */
  fixTitle?: string;
  /** `yaml-indentation` unless said (`yaml-key-colon`: a key with no space after its colon). */
  code?: 'yaml-key-colon';
}

/** Lines of a text by their start offsets: the next and previous ones that are not blank or only a comment. */
function contentLines(text: string) {
  const lineEnd = (from: number) => {
    const newline = text.indexOf('\n', from);
    return newline < 0 ? text.length : newline;
  };
  const lineAt = (start: number) => text.slice(start, lineEnd(start)).replace(/\r$/, '');
  const isContent = (start: number) => {
    const line = lineAt(start).trim();
    return line !== '' && !line.startsWith('#');
  };
  return {
    lineAt,
    startOf: (offset: number) => text.lastIndexOf('\n', offset - 1) + 1,
    next(start: number): number | undefined {
      for (let s = lineEnd(start) + 1; s < text.length; s = lineEnd(s) + 1) if (isContent(s)) return s;
      return undefined;
    },
    previous(start: number): number | undefined {
      for (let s = start; s > 0;) {
        // The start of the line before the one at s (s − 1 is its newline).
        s = s >= 2 ? text.lastIndexOf('\n', s - 2) + 1 : 0;
        if (isContent(s)) return s;
      }
      return undefined;
    },
  };
}

/**
 * `model: llama-2-7b` followed by `   batch: 4`, indented further: YAML reads `batch: 4` as
 * more of the value `llama-2-7b` and reports the value, or an indentation "column", in its
 * own terms. The hint names the key line, how deep it is and how deep it should be, with the
 * fix; undefined unless the line after a key with a value is a deeper key.
 */
function overIndentedKey(text: string, ownStart: number, nextStart: number): IndentHint | undefined {
  const lines = contentLines(text);
  const ownLine = lines.lineAt(ownStart);
  const own = /^( *)(- +)?([^\s:#][^:#]*?):[ \t]+(\S.*?)\s*$/.exec(ownLine);
  const next = /^( +)([^\s:#][^:#]*?):(?:[ \t]|$)/.exec(lines.lineAt(nextStart));
  // A flow collection closed on its own line (`memory: { bandwidth: 3 TB/s }`) is a whole value,
  // as a scalar is; one left open continues on the next lines, and block scalars and anchors too.
  if (!own || !next || /^[|>&!*]/.test(own[4]!) || (/^[[{]/.test(own[4]!) && !closedFlow(own[4]!))) return undefined;
  const ownIndent = own[1]!.length + (own[2]?.length ?? 0);
  const nextIndent = next[1]!.length;
  if (nextIndent <= ownIndent) return undefined;
  // The key with the value is the odd one out where the other keys of its section are at the next
  // key's depth (` tdp: 3` or ` process: 5 nm` under `chip:` whose other keys are at 2 spaces):
  // that line is the one to move, not the rest. A key after a nested block (`  clock:` after
  // `memory:`'s keys) is as deep as its section's others: the deeper line after it moves.
  // At column 0 there is no section to go by: the schema says whether the key is one of the
  // section's above (`clock: 1.4 GHz` after `chip:`'s keys) rather than a section of its own.
  // The deeper line itself is no evidence of its section's depth: with nothing else in the
  // section (`memory: { … }` then `    tdp:` under `chip:`), the deeper line is the one to move.
  const odd = ownIndent === 0 ? ofSectionAbove(lines, ownStart, own[3]!) : blockDepth(lines, ownStart, nextStart) === nextIndent;
  if (!own[2] && odd) {
    const ownKeyStart = ownStart + ownIndent;
    return {
      lineStart: ownStart,
      keyRange: { start: ownKeyStart, end: ownKeyStart + own[3]!.length },
      indentRange: { start: ownStart, end: ownKeyStart },
      indent: ' '.repeat(nextIndent),
      message: `\`${own[3]}:\` is indented ${spaces(ownIndent)}, where the keys before and after it are at ${nextIndent}: YAML reads the next one, \`${next[2]}:\`, as more of its value (\`${own[4]}\`). Indent it ${spaces(nextIndent)}, as they are.`,
      fixTitle: `Indent \`${own[3]}:\` ${spaces(nextIndent)}`,
    };
  }
  const keyStart = nextStart + nextIndent;
  const value = own[4]!.replace(/\s+#.*$/, '');
  // Under a top-level value written inline (`workload: { model: … }` then `  batch: 3`) no
  // indentation is right: dedented to column 0, `batch:` would be a top-level key of its own.
  // Nested (`  memory: { … }` then `    tdp:` under `chip:`), the dedent makes it a sibling.
  if (ownIndent === 0 && /^[[{]/.test(value))
    return {
      lineStart: nextStart,
      keyRange: { start: keyStart, end: keyStart + next[2]!.length },
      indentRange: { start: nextStart, end: keyStart },
      indent: '',
      message: `\`${next[2]}:\` is indented ${spaces(nextIndent)} under \`${own[3]}:\`, whose value is written inline (\`${value}\`): YAML cannot add a key below it. Put \`${next[2]}\` inside the brackets, or write the keys of \`${own[3]}:\` one per line below it.`,
    };
  return {
    lineStart: nextStart,
    keyRange: { start: keyStart, end: keyStart + next[2]!.length },
    indentRange: { start: nextStart, end: keyStart },
    indent: ' '.repeat(ownIndent),
    message: `\`${next[2]}:\` is indented ${spaces(nextIndent)}, deeper than \`${own[3]}:\` above it, which already has a value (\`${value}\`): YAML reads it as more of that value. Indent it ${spaces(ownIndent)}, as \`${own[3]}:\` is.`,
    fixTitle: `Indent \`${next[2]}:\` ${spaces(ownIndent)}`,
  };
}

const spaces = (n: number) => (n === 1 ? '1 space' : `${n} spaces`);

/** A `{ … }` or `[ … ]` whose brackets close on this line (quotes skipped), a comment allowed after it. */
function closedFlow(value: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return /^\s*(#.*)?$/.test(value.slice(i + 1));
    }
  }
  return false;
}

/**
 * The depth of the other lines of the section a line falls in: the least indentation of the lines
 * under the nearest shallower line above it, the line itself (and `alsoLeftOut`) left out (the
 * depth its siblings agree on); undefined at the top level or where it has no sibling.
 */
function blockDepth(lines: ReturnType<typeof contentLines>, lineStart: number, alsoLeftOut?: number): number | undefined {
  const indentOf = (start: number) => /^ */.exec(lines.lineAt(start))![0].length;
  const indent = indentOf(lineStart);
  let parent = lines.previous(lineStart);
  while (parent !== undefined && indentOf(parent) >= indent) parent = lines.previous(parent);
  if (parent === undefined) return undefined;
  let least: number | undefined;
  for (let l = lines.next(parent); l !== undefined && indentOf(l) > indentOf(parent); l = lines.next(l))
    if (l !== lineStart && l !== alsoLeftOut) least = Math.min(least ?? Infinity, indentOf(l));
  return least;
}

/** A key at column 0 that is no top-level section but a key of the section above it (`sram:` or `clock:` after `chip:`'s keys). */
function ofSectionAbove(lines: ReturnType<typeof contentLines>, lineStart: number, key: string): boolean {
  let section = lines.previous(lineStart);
  while (section !== undefined && /^\s/.test(lines.lineAt(section))) section = lines.previous(section);
  const name = section === undefined ? null : /^([^\s:#-][^:#]*?):(?:[ \t]|$)/.exec(lines.lineAt(section));
  return !!name && !schemaAt([key]) && !!schemaAt([name[1]!, key]);
}

/**
 * A key shallower than the other keys of its section but deeper than the section's own line
 * (` output: 256` under `workload:`, whose keys are at 2): YAML says "All mapping items must start
 * at the same column" there, and where to move it is the others' depth.
 */
function misplacedKey(text: string, lineStart: number): IndentHint | undefined {
  const lines = contentLines(text);
  const key = /^( *)([^\s:#-][^:#]*?):(?:[ \t]|$)/.exec(lines.lineAt(lineStart));
  const depth = blockDepth(lines, lineStart);
  if (!key || depth === undefined || key[1]!.length >= depth) return undefined;
  const keyStart = lineStart + key[1]!.length;
  return {
    lineStart,
    keyRange: { start: keyStart, end: keyStart + key[2]!.length },
    indentRange: { start: lineStart, end: keyStart },
    indent: ' '.repeat(depth),
    message: `\`${key[2]}:\` is indented ${spaces(key[1]!.length)}, where the other keys of its section are at ${depth}: YAML cannot place it. Indent it ${spaces(depth)}, as they are.`,
    fixTitle: `Indent \`${key[2]}:\` ${spaces(depth)}`,
  };
}

/** The hint for a YAML error, when it is a key indented under a key with a value. */
function indentHint(text: string, e: { code: string; message: string; pos: [number, number] }): IndentHint | undefined {
  const lines = contentLines(text);
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') {
    // Reported at the value: the key line is the next one.
    const own = lines.startOf(e.pos[0]);
    const next = lines.next(own);
    return next === undefined ? undefined : overIndentedKey(text, own, next);
  }
  if (e.code === 'MISSING_CHAR' && e.message.startsWith('Implicit map keys need to be followed by map values')) {
    // `batch:16` among `workload:`'s keys: reported at the line itself.
    const line = lines.startOf(e.pos[0]);
    return colonWithoutSpace(text, line);
  }
  if (e.code === 'BAD_INDENT') {
    // Reported at the key line (after a comment the parser sees the indentation first).
    const line = lines.startOf(e.pos[0]);
    const previous = lines.previous(line);
    return previous === undefined
      ? undefined
      : (overIndentedKey(text, previous, line) ??
          dedentedKey(text, line) ??
          misplacedKey(text, line) ??
          colonWithoutSpace(text, previous, line));
  }
  return undefined;
}

/**
 * `rate:6 /s   # the traffic` above `requests: 200`: with no space after its colon the line is one
 * plain scalar, the section's value, and YAML reports each key after it ("All mapping items
 * must start at the same column"), never the line itself (a workbench review: five errors on the
 * lines below, none on the one to fix). Without the comment the parser joins the next line to it
 * and `cleanYamlMessage` says so; with one, this names the line, at the same depth as the
 * reported key, and inserts the space.
 */
function colonWithoutSpace(text: string, previous: number, lineStart?: number): IndentHint | undefined {
  const lines = contentLines(text);
  const indentOf = (start: number) => /^ */.exec(lines.lineAt(start))![0].length;
  const key = /^( *)([A-Za-z_][\w-]*):(?![\s/:])(.*?)\s*(?:#.*)?$/.exec(lines.lineAt(previous));
  // Below the line, the key YAML reported is at its depth (the line is one of its section's).
  if (!key || (lineStart !== undefined && key[1]!.length !== indentOf(lineStart))) return undefined;
  const keyStart = previous + key[1]!.length;
  const colon = keyStart + key[2]!.length;
  const written = `${key[2]}:${key[3]}`;
  return {
    lineStart: previous,
    keyRange: { start: keyStart, end: colon + 1 + key[3]!.length },
    indentRange: { start: colon, end: colon + 1 },
    indent: ': ',
    message: `\`${written}\` has no \`: \` after its key, so YAML reads the whole line as a value, not \`${key[2]}\` set to \`${key[3]}\`, ${lineStart === undefined ? 'which its section of keys cannot hold' : 'and cannot place the keys after it'}. Put \`: \` between the key and its value: \`${key[2]}: ${key[3]}\`.`,
    fixTitle: `Write \`${key[2]}: ${key[3]}\``,
    code: 'yaml-key-colon',
  };
}

/**
 * `sram:` at column 0 among `chip:`'s keys at 2: YAML ends `chip:` there, and reports the keys
 * after it (`  memory:`), each "must start at the same column", not the line to move. The hint
 * names the shallower key line between keys as deep as the reported one, and the fix.
 */
function dedentedKey(text: string, lineStart: number): IndentHint | undefined {
  const lines = contentLines(text);
  const indentOf = (start: number) => /^ */.exec(lines.lineAt(start))![0].length;
  const depth = indentOf(lineStart);
  if (depth === 0) return undefined;
  let odd = lines.previous(lineStart);
  while (odd !== undefined && indentOf(odd) >= depth) odd = lines.previous(odd);
  const before = odd === undefined ? undefined : lines.previous(odd);
  const key = odd === undefined ? null : /^( *)([^\s:#-][^:#]*?):(?:[ \t]|$)/.exec(lines.lineAt(odd));
  if (odd === undefined || before === undefined || !key || indentOf(before) < depth) return undefined;
  // Only a top-level line that is no section of its own but a key of the section it ended
  // (`sram:` under `chip:`); a real section there (`workload:` after `system:`) is where it belongs.
  if (key[1]!.length > 0 || !ofSectionAbove(lines, odd, key[2]!)) return undefined;
  const keyStart = odd + key[1]!.length;
  return {
    lineStart: odd,
    keyRange: { start: keyStart, end: keyStart + key[2]!.length },
    indentRange: { start: odd, end: keyStart },
    indent: ' '.repeat(depth),
    message: `\`${key[2]}:\` is indented ${spaces(key[1]!.length)}, where the keys before and after it are at ${depth}: YAML ends the section above it there, and reads the keys after it as out of place. Indent it ${spaces(depth)}, as they are.`,
    fixTitle: `Indent \`${key[2]}:\` ${spaces(depth)}`,
  };
}

function cleanYamlMessage(message: string, text: string, [start, end]: [number, number]): string {
  const first = message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
  // `tdp 350 W` above `clock: 1.8 GHz`: a line with no `: ` joins the next into one key (a review
  // met "Implicit keys need to be on a single line").
  if (first.startsWith('Implicit keys need to be on a single line')) {
    const line = text.slice(start, end).split('\n')[0]!.trim();
    const meant = withColon(line);
    return `\`${line}\` has no \`: \` after a key, so YAML reads it and the next line as one key spread over two lines.${meant ? ` Did you mean \`${meant.text}\`?` : ' Put `: ` between the key and its value.'}`;
  }
  // `name: "Habanero" — 3 nm`: text after a quoted value (a review met "Unexpected scalar at node end").
  if (first.startsWith('Unexpected scalar at node end')) {
    const rest = text.slice(start, end).trim();
    const quote = /["']\s*$/.test(text.slice(0, start));
    return quote
      ? `\`${rest}\` follows a quoted value: the value ends at its closing quote, and YAML cannot place the rest. Put all of it inside the quotes.`
      : `\`${rest}\` follows a complete value, and YAML cannot place it: put the whole value in quotes, or the rest on a line of its own.`;
  }
  // The library's advice names its own API; a config file is one document.
  if (/multiple documents/.test(first))
    return 'A config is one YAML document: this `---` starts a second. Remove it (and merge what follows into the first), or move the second document to a file of its own.';
  // `chip: h100-sxmcompare: h100-sxm`: two keys run together on one line (a review met the
  // parser's words, which name YAML's grammar, not the slip).
  if (first.startsWith('Nested mappings are not allowed in compact mappings'))
    return 'Two `key: value` pairs on one line: YAML reads the second `key:` inside the first value. Put each key on a line of its own (a value with `: ` in it goes in quotes).';
  return first;
}

/**
 * Block nesting, line by line: indentation, and the compact forms that nest on one line
 * (`- - - x`, `? ? x`, with anchors or tags between), deeper than two columns per allowed
 * level. (The YAML parser recurses per level and overflows its stack at a few thousand.)
 */
function firstTooDeepBlock(text: string): ScanProblem {
  const limit = 2 * PARSE_LIMITS.maxDepth + 2;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const prefix = BLOCK_PREFIX.exec(line)![0];
    const blankOrComment =
      prefix.trim() === '' && (prefix.length === line.length || line[prefix.length] === '#' || line[prefix.length] === '\r');
    if (prefix.length > limit && !blankOrComment) return { problem: 'too-deep', offset: lineStart + limit };
    lineStart += line.length + 1;
  }
  return undefined;
}

/** The start of a line that only opens block structure: spaces, `- `, `? `, `: `, `&anchor `, `!tag `. */
const BLOCK_PREFIX = /^(?:[ \t]|[-?:](?=[ \t])|[&!][^ \t]*(?=[ \t]))*/;
