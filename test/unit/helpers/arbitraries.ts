// fast-check arbitraries for hostile and half-valid chip configs: whole workspaces of
// configs generated from the schema (every leaf kind with right, wrong, missing and
// absurd values), and mutations of the shipped examples. Used by the fuzz test and the
// soak script; the checks every analysis must pass are in `checkAnalysis` below.

import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Analysis } from '../../../model/analysis';
import { analyzeConfig, type AnalyzeOptions } from '../../../model/analyze';
import { chipConfigSchema, type SchemaNode, type SectionNode } from '../../../model/config/schema';
import type { FileHost } from '../../../model/config/resolve';
import { DTYPES } from '../../../model/dtypes';
import { presetIds } from '../../../model/presets';
import { DIMENSIONS, type Dimension } from '../../../model/units';

// ---------- a workspace in memory ----------

export const WS = '/ws';
export const MAIN = `${WS}/a.chip.yaml`;
/** Files a generated workspace may hold besides the main one (some may be missing). */
export const OTHER_FILES = [`${WS}/b.chip.yaml`, `${WS}/sub/c.chip.yaml`, `${WS}/sub/d.chip.yml`];
/** Files that exist outside the workspace: reading any of them is a failure. */
export const OUTSIDE = { '/etc/x.chip.yaml': 'name: secret\n', '/outside/o.chip.yaml': 'name: outside\n' };

export interface Workspace {
  files: Record<string, string>;
  links: Record<string, string>;
}

/**
 * A FileHost over an in-memory workspace, with symlinks (`links`: path -> real path) and a
 * log of every path read, so tests can assert that nothing outside the workspace is read.
 */
export function recordingHost(ws: Workspace, root = WS): FileHost & { reads: string[] } {
  const reads: string[] = [];
  const real = (path: string) => realPathIn(ws, path);
  const all: Record<string, string> = { ...OUTSIDE, ...ws.files };
  return {
    reads,
    async read(path) {
      reads.push(path);
      return Object.hasOwn(all, real(path)) ? all[real(path)] : undefined;
    },
    rootOf: () => root,
    async realPath(path) {
      return real(path);
    },
  };
}

/** `path` with the workspace's symlinks followed (one level, like a link to a file or folder). */
export function realPathIn(ws: Workspace, path: string): string {
  for (const [link, target] of Object.entries(ws.links)) {
    if (path === link) return target;
    if (path.startsWith(link + '/')) return target + path.slice(link.length);
  }
  return path;
}

// ---------- values ----------

const CHIP_PRESETS = presetIds('chip');
const MODEL_PRESETS = presetIds('model');
const ALL_UNITS = [...new Set(Object.values(DIMENSIONS).flatMap((d) => d.suggestions))];
const ODD_UNITS = [
  '',
  '%',
  'tflops',
  'GB/sec',
  'µs',
  'μs',
  'Gbit/s',
  'KiB',
  'kWh',
  '$',
  'x',
  'B/s/s',
  'pJ/b',
  'years',
  '🌶',
  'TB/s ',
  ' ',
  'e',
  'Infinity',
];
const ODD_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  1e300,
  -1e300,
  1e-300,
  5e-324,
  Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  1e21,
  65536,
  65537,
  4096,
  1e6,
  1e9,
];
const ODD_TEXT = [
  '',
  ' ',
  '~',
  'null',
  'NaN',
  '.nan',
  '.inf',
  '-.inf',
  'Infinity',
  '1e999',
  '-1e999',
  '0x1F',
  '0o17',
  '1_000',
  '1,000',
  '1.2.3',
  'true',
  'yes',
  '<<',
  '*',
  '&a',
  '!!binary',
  '%',
  'x',
  '\t',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '😀',
  'a'.repeat(300),
];
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  'then',
  'length',
  '<<',
  '',
  ' ',
  '0',
  '1e3',
  'null',
  'true',
];

/** A number worth trying: ordinary, at a bound, absurd, negative, zero, non-finite. */
export const numberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: 1e-3, max: 1e4, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -10, max: 100_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, NaN) },
);

/** How a number is written in text: plain, exponent, with separators, signed, overflowing. */
const numberText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: numberArb.map(String) },
  { weight: 1, arbitrary: numberArb.map((n) => (Number.isFinite(n) ? n.toExponential() : String(n))) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 1e9 }).map((n) => n.toLocaleString('en')) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e6 }).map((n) => `+${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('1e999', '-1e999', '.5', '5.', '1_000', '0x10', '--1', '1e', '١٢٣', '١') },
);

const oddScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...ODD_TEXT),
  fc.constant(null),
  fc.boolean(),
  numberArb,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Something that is not a scalar where a scalar belongs: a list or a small mapping. */
const oddCollection: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(oddScalar, { maxLength: 3 }),
  fc.array(fc.tuple(fc.constantFrom(...ODD_KEYS, 'a', 'bf16'), oddScalar), { maxLength: 3 }).map((es) => new Map(es)),
);

function quantityArb(dimension: Dimension): fc.Arbitrary<unknown> {
  const right = DIMENSIONS[dimension].suggestions;
  const unit = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...right) },
    { weight: 2, arbitrary: fc.constantFrom(...ALL_UNITS) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_UNITS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const space = fc.constantFrom(' ', '', '  ', '\t');
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(numberText, space, unit).map(([n, s, u]) => `${n}${s}${u}`) },
    { weight: 1, arbitrary: fc.tuple(numberText, unit).map(([n, u]) => `$${n}${u === 'USD' ? '' : u}`) },
    { weight: 1, arbitrary: numberArb },
    { weight: 1, arbitrary: oddScalar },
    { weight: 1, arbitrary: oddCollection },
  );
}

function countArb(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: Math.max(min, 1), max: Math.min(max, 256) }) },
    { weight: 2, arbitrary: fc.integer({ min: Math.max(min, 1), max }) },
    { weight: 2, arbitrary: fc.constantFrom(0, -1, -max, max, max + 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e300, 1.5, 0.5) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((n) => `${n}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((n) => `${n} tokens`) },
    { weight: 1, arbitrary: fc.constant(BigInt('123456789012345678901234567890')) },
    { weight: 1, arbitrary: oddScalar },
    { weight: 1, arbitrary: oddCollection },
  );
}

const fractionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 120 }).map((n) => `${n} %`) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 1.2, 5, 5.0001, 85, 100, -0.1, 1e300, '85%', '  85 %  ', '1e-3', '0.85 %', '%') },
  { weight: 1, arbitrary: oddScalar },
  { weight: 1, arbitrary: oddCollection },
);

function nearMiss(word: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: Math.max(0, word.length - 1) }), fc.constantFrom('', 'x', '-', '_', 'O'))
    .map(([i, c]) => word.slice(0, i) + c + word.slice(i + 1));
}

function enumArb(values: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...values) },
    { weight: 2, arbitrary: fc.constantFrom(...values).chain(nearMiss) },
    { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => v.toUpperCase()) },
    { weight: 1, arbitrary: oddScalar },
  );
}

function enumListArb(values: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom(...values), { maxLength: values.length }) },
    { weight: 2, arbitrary: fc.array(enumArb(values), { maxLength: 4 }) },
    { weight: 1, arbitrary: enumArb(values) },
    { weight: 1, arbitrary: oddCollection },
  );
}

function dtypeMapArb(of: 'number' | Dimension): fc.Arbitrary<unknown> {
  const leaf =
    of === 'number'
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(0.25, 0.5, 1, 2, 4) },
          { weight: 2, arbitrary: numberArb },
          { weight: 1, arbitrary: oddScalar },
        )
      : quantityArb(of);
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...DTYPES) },
    { weight: 1, arbitrary: fc.constantFrom(...DTYPES).chain(nearMiss) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.tuple(key, leaf), { maxLength: 5 }).map((es) => new Map(es)) },
    { weight: 1, arbitrary: oddScalar },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
  );
}

const geometryArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 512 })).map(([r, c]) => `${r}x${c}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(0, 1, 65536, 65537, 1e21, 1e20),
        fc.constantFrom('x', ' x ', '×', 'X', '*', 'by'),
        fc.constantFrom(1, 128, 0, 65537),
      )
      .map(([r, s, c]) => `${r}${s}${c}`),
  },
  { weight: 1, arbitrary: oddScalar },
  { weight: 1, arbitrary: oddCollection },
);

/** Where `extends`/`compare` may point: siblings, subfolders, self, escapes, absolute paths. */
export const REFERENCE_PATHS = [
  './b.chip.yaml',
  'b.chip.yaml',
  './sub/c.chip.yaml',
  'sub/d.chip.yml',
  './a.chip.yaml',
  '../a.chip.yaml',
  '../b.chip.yaml',
  './missing.chip.yaml',
  '../../etc/x.chip.yaml',
  '../outside/o.chip.yaml',
  '/etc/x.chip.yaml',
  '/ws/b.chip.yaml',
  '/ws/../outside/o.chip.yaml',
  './link.chip.yaml',
  './sub/',
  '.',
  '..',
  '/',
  './',
  'sub',
  '~/.ssh/id_rsa',
  'file:///etc/passwd',
  'https://example.invalid/x.chip.yaml',
  './b.chip.yaml\u0000.png',
  '.\\b.chip.yaml',
  '%2e%2e/x.chip.yaml',
];

function referenceArb(kind: 'chip' | 'model' | 'runtime', allowPath: boolean): fc.Arbitrary<unknown> {
  const ids = kind === 'chip' ? CHIP_PRESETS : kind === 'model' ? MODEL_PRESETS : presetIds('runtime');
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.constantFrom(...ids).chain(nearMiss) },
    { weight: 1, arbitrary: fc.constantFrom(...(kind === 'chip' ? MODEL_PRESETS : CHIP_PRESETS)) },
    { weight: allowPath ? 4 : 1, arbitrary: fc.constantFrom(...REFERENCE_PATHS) },
    { weight: 1, arbitrary: oddScalar },
  );
}

/** A value for one schema node: mostly the right kind, often wrong, sometimes absurd. */
export function valueArb(node: SchemaNode, depth = 0): fc.Arbitrary<unknown> {
  switch (node.kind) {
    case 'section':
      return sectionArb(node, depth);
    case 'quantity':
      return quantityArb(node.dimension);
    case 'count':
      return countArb(node.min, node.max);
    case 'fraction':
      return fractionArb;
    case 'enum':
      return enumArb(node.values);
    case 'text':
      return fc.oneof(fc.string({ maxLength: 20 }), oddScalar);
    case 'boolean':
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: oddScalar });
    case 'dtypeMap':
      return dtypeMapArb(node.of);
    case 'enumList':
      return enumListArb(node.values);
    case 'geometry':
      return geometryArb;
    case 'namedSections':
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .array(fc.tuple(fc.constantFrom('host_ddr', 'cxl', 'sram', 'Bad Name', 'lpddr'), sectionArb(node.entry, depth)), {
              maxLength: 2,
            })
            .map((es) => new Map(es)),
        },
        { weight: 1, arbitrary: oddScalar },
      );
    case 'length':
      return fc.oneof(
        { weight: 3, arbitrary: countArb(1, 100_000_000) },
        { weight: 1, arbitrary: fc.constant('trace') },
        {
          weight: 3,
          arbitrary: fc.record(
            {
              distribution: fc.oneof(fc.constantFrom('fixed', 'uniform', 'lognormal', 'trace'), oddScalar),
              mean: countArb(1, 100_000),
              min: countArb(1, 100_000),
              max: countArb(1, 100_000),
              sigma: fc.oneof(fc.double({ min: -1, max: 6 }), oddScalar),
            },
            { requiredKeys: [] },
          ),
        },
        { weight: 1, arbitrary: oddScalar },
      );
    case 'textList':
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.array(
            fc.constantFrom(
              'decode.msPerToken:min',
              'throughput.perChip',
              'prefill.ms<=2000',
              'cost.usdPerMillionOutputTokens>0.1',
              'x<=',
              ':max',
            ),
            { maxLength: 4 },
          ),
        },
        { weight: 1, arbitrary: oddScalar },
      );
    case 'varyMap':
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.dictionary(
            fc.constantFrom('workload.batch', 'chip.memory.bandwidth', 'chip.clock', 'extends', 'chip.memory.bandwith', 'explore.seed'),
            fc.oneof(
              fc.constantFrom('1..256:9log', '2 TB/s..8 TB/s:4', '1 GHz..2 GHz', '1..8:0', '4 GB..8 TB/s:3'),
              fc.array(oddScalar, { maxLength: 3 }),
              oddScalar,
            ),
            { maxKeys: 3 },
          ),
        },
        { weight: 1, arbitrary: oddScalar },
      );
    case 'reference':
      return node.inline
        ? fc.oneof(
            { weight: 3, arbitrary: referenceArb(node.presetKind, node.allowPath) },
            { weight: 2, arbitrary: sectionArb(node.inline, depth) },
          )
        : referenceArb(node.presetKind, node.allowPath);
  }
}

/**
 * A mapping for a schema section: a random subset of its keys with generated values, plus
 * now and then an unknown key (prototype names included) or a wrong-kind value.
 */
export function sectionArb(section: SectionNode, depth = 0): fc.Arbitrary<unknown> {
  const entries = Object.entries(section.fields).map(([key, node]) =>
    fc.option(
      valueArb(node, depth + 1).map((v) => [key, v] as [string, unknown]),
      { freq: 2, nil: undefined },
    ),
  );
  const unknown = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...ODD_KEYS), fc.constantFrom(...Object.keys(section.fields)).chain(nearMiss), fc.string({ maxLength: 8 })),
      oddScalar,
    ),
    { maxLength: 2 },
  );
  const mapping = fc.tuple(fc.tuple(...entries), unknown, fc.boolean()).map(([known, extra, extraFirst]) => {
    const pairs = known.filter((e): e is [string, unknown] => e !== undefined);
    return new Map(extraFirst ? [...extra, ...pairs] : [...pairs, ...extra]);
  });
  return fc.oneof({ weight: 12, arbitrary: mapping }, { weight: 1, arbitrary: oddScalar }, { weight: 1, arbitrary: oddCollection });
}

/** A whole config: usually based on a real chip and model preset so it reaches evaluation. */
export const configTreeArb: fc.Arbitrary<Map<string, unknown>> = fc
  .tuple(
    sectionArb(chipConfigSchema as SectionNode),
    fc.option(fc.constantFrom(...CHIP_PRESETS), { freq: 3, nil: undefined }),
    fc.option(fc.constantFrom(...MODEL_PRESETS), { freq: 3, nil: undefined }),
  )
  .map(([generated, chip, model]) => {
    const tree = generated instanceof Map ? new Map(generated as Map<string, unknown>) : new Map<string, unknown>([['name', generated]]);
    // A valid base is filled in only where the generator left the key out, so wrong values stay.
    if (chip && !tree.has('extends')) tree.set('extends', chip);
    if (model) {
      const workload = tree.get('workload');
      if (workload instanceof Map && !workload.has('model')) workload.set('model', model);
      else if (workload === undefined) tree.set('workload', new Map([['model', model]]));
    }
    return tree;
  });

/** YAML text of a tree, in a random style (block, flow, mixed; indent; quoting). */
export const yamlTextArb = (tree: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc
    .tuple(
      tree,
      fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>,
      fc.boolean(),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([t, collectionStyle, indent, defaultStringType, indentSeq, eol]) => {
      let text: string;
      try {
        text = stringify(t, { collectionStyle, indent, defaultStringType, indentSeq, lineWidth: 0 });
      } catch {
        text = stringify(t, { lineWidth: 0 });
      }
      return eol === '\n' ? text : text.replace(/\n/g, eol);
    });

/** A workspace of generated configs: the main file and, maybe, the files it references. */
export const generatedWorkspaceArb: fc.Arbitrary<Workspace> = fc
  .tuple(
    yamlTextArb(configTreeArb),
    fc.array(fc.tuple(fc.constantFrom(...OTHER_FILES), yamlTextArb(configTreeArb)), { maxLength: 3 }),
    fc.option(fc.constantFrom('/outside/o.chip.yaml', '/etc', `${WS}/b.chip.yaml`, '/'), { freq: 3, nil: undefined }),
  )
  .map(([main, others, link]): Workspace => ({
    files: { ...Object.fromEntries(others), [MAIN]: main },
    links: link ? { [`${WS}/link.chip.yaml`]: link } : ({} as Record<string, string>),
  }));

// ---------- mutations of real files ----------

export type Mutation =
  | { op: 'deleteLine' | 'duplicateLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'indent'; line: number; delta: number }
  | { op: 'replaceValue'; line: number; value: string }
  | { op: 'deleteRange'; at: number; length: number }
  | { op: 'eol'; crlf: boolean };

const insertText = fc.oneof(
  fc.constantFrom(
    ':',
    '-',
    ' ',
    '\n',
    '\t',
    '[',
    ']',
    '{',
    '}',
    ',',
    '#',
    '&a',
    '*a',
    '!',
    '|',
    '>',
    '?',
    '"',
    "'",
    '%',
    '@',
    '`',
    '\ufeff',
    '\u0000',
    '\r',
    '<<: *a',
    '- - -',
    '\u2028',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const replacement = fc
  .oneof(
    quantityArb('bandwidth'),
    quantityArb('power'),
    countArb(1, 1e6),
    fractionArb,
    oddScalar,
    referenceArb('chip', true),
    referenceArb('model', false),
  )
  .map((v) =>
    typeof v === 'string' ? v : v instanceof Map || Array.isArray(v) ? stringify(v, { collectionStyle: 'flow' }).trim() : String(v),
  );

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const), line: fc.nat(40) }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(40), b: fc.nat(40) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(2000), text: insertText }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat(2000) }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(40), delta: fc.integer({ min: -4, max: 8 }) }),
  fc.record({ op: fc.constant('replaceValue' as const), line: fc.nat(40), value: replacement }),
  fc.record({ op: fc.constant('deleteRange' as const), at: fc.nat(2000), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('eol' as const), crlf: fc.boolean() }),
);

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const at = (n: number) => n % Math.max(1, lines.length);
  switch (m.op) {
    case 'deleteLine':
      lines.splice(at(m.line), 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(at(m.line), 0, lines[at(m.line)]!);
      return lines.join('\n');
    case 'swapLines': {
      const a = at(m.a),
        b = at(m.b);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'indent': {
      const i = at(m.line);
      const line = lines[i]!;
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + line : line.slice(Math.min(-m.delta, line.length - line.trimStart().length));
      return lines.join('\n');
    }
    case 'replaceValue': {
      const i = at(m.line);
      const colon = lines[i]!.indexOf(':');
      if (colon < 0) lines[i] = m.value;
      else lines[i] = `${lines[i]!.slice(0, colon + 1)} ${m.value}`;
      return lines.join('\n');
    }
    case 'deleteRange': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'eol':
      return m.crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
  }
}

/** An example file (by index into `examples`) with 1-6 mutations applied. */
export const mutatedExampleArb = (examples: readonly { name: string; text: string }[]) =>
  fc
    .tuple(fc.nat(examples.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 6 }))
    .map(([i, ms]) => ({ example: examples[i]!.name, mutations: ms, text: ms.reduce(applyMutation, examples[i]!.text) }));

// ---------- what every analysis must satisfy ----------

/** Paths of numbers that are not finite, anywhere in `value` (booleans and strings skipped). */
export function nonFinitePaths(value: unknown, path = '', out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path}=${value}`);
  } else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, path ? `${path}.${k}` : k, out, seen);
  }
  return out;
}

/**
 * The invariants of the pipeline's output. Returns the problems found (empty: all good), so
 * the fuzz test and the soak script can report them the same way.
 */
export function checkAnalysis(a: Analysis, ws: Workspace, options: { compareWritten?: boolean } = {}): string[] {
  const problems: string[] = [];
  const bad = nonFinitePaths({ result: a.result, baseline: a.baseline, sensitivity: a.sensitivity, batchCurve: a.batchCurve });
  if (bad.length) problems.push(`non-finite numbers: ${bad.slice(0, 5).join(', ')}`);
  const checkRange = (where: string, at: { file: string; range: { start: number; end: number } } | undefined) => {
    if (!at) return;
    const text = a.texts.get(at.file) ?? ws.files[at.file];
    if (text === undefined) {
      problems.push(`${where}: range in a file that was not read: ${at.file}`);
      return;
    }
    const { start, end } = at.range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
      problems.push(`${where}: range ${start}..${end} outside 0..${text.length} of ${at.file}`);
    }
  };
  for (const d of a.diagnostics) {
    if (!d.code || !d.message || !['error', 'warning', 'info'].includes(d.severity))
      problems.push(`malformed diagnostic ${JSON.stringify(d).slice(0, 200)}`);
    checkRange(`${d.code}`, d.at);
    for (const r of d.related ?? []) checkRange(`${d.code} related`, r.at);
    for (const f of d.fixes ?? []) checkRange(`${d.code} fix`, { file: f.file, range: f.range });
  }
  const ok = !a.diagnostics.some((d) => d.severity === 'error');
  if (ok && !a.result) problems.push('no error diagnostics, but no result');
  if (ok && options.compareWritten && a.config?.compare !== undefined && !a.baseline)
    problems.push('`compare` is set and there are no errors, but no baseline');
  if (({} as Record<string, unknown>).polluted !== undefined || Object.keys(Object.prototype).length > 0)
    problems.push('Object.prototype polluted');
  return problems;
}

/** Paths read that lie outside the workspace, before or after following links. */
export function readsOutside(reads: readonly string[], ws: Workspace, root = WS): string[] {
  const inside = (p: string) => p === root || p.startsWith(root + '/');
  return reads.filter((p) => !inside(p) || !inside(realPathIn(ws, p))).map((p) => `${p} -> ${realPathIn(ws, p)}`);
}

// ---------- valid designs at the edges of the schema ----------

const SI_UNIT: Record<Dimension, string> = {
  frequency: 'Hz',
  bytes: 'B',
  bandwidth: 'B/s',
  time: 's',
  power: 'W',
  energy: 'J',
  energyPerByte: 'J/B',
  opsPerSecond: 'OPS',
  money: 'USD',
  moneyPerEnergy: 'USD/J',
  rate: '/s',
  area: 'm2',
  perArea: '/m2',
  moneyPerByte: 'USD/B',
};

type Leaf = { path: string[]; node: SchemaNode };

function numericLeaves(section: SectionNode, path: string[] = []): Leaf[] {
  const out: Leaf[] = [];
  for (const [key, node] of Object.entries(section.fields)) {
    const here = [...path, key];
    if (node.kind === 'section') out.push(...numericLeaves(node, here));
    else if (node.kind === 'reference' && node.inline) out.push(...numericLeaves(node.inline, here));
    else if (node.kind === 'dtypeMap') for (const dtype of DTYPES) out.push({ path: [...here, dtype], node });
    else if (node.kind === 'namedSections') out.push(...numericLeaves(node.entry, [...here, 'host_ddr']));
    else if (node.kind === 'quantity' || node.kind === 'count' || node.kind === 'fraction') out.push({ path: here, node });
  }
  return out;
}

/** Every numeric key of the schema: quantities, counts, fractions, dtype-map entries. */
export const NUMERIC_LEAVES = numericLeaves(chipConfigSchema as SectionNode);

/** A value the schema accepts for `node`, spread log-uniformly over its whole range, ends included. */
function inRangeArb(node: SchemaNode): fc.Arbitrary<unknown> {
  const logUniform = (lo: number, hi: number) =>
    fc.oneof(
      fc.constantFrom(lo, hi),
      fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => Math.min(hi, Math.max(lo, 10 ** e))),
    );
  switch (node.kind) {
    case 'quantity': {
      const lo = node.min ?? 1e-30;
      const hi = node.max ?? 1e30;
      const values = node.allowZero
        ? fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: logUniform(lo, hi) })
        : logUniform(lo, hi);
      return values.map((v) => `${v} ${SI_UNIT[node.dimension]}`);
    }
    case 'count':
      return logUniform(node.min, node.max).map((v) => Math.min(node.max, Math.max(node.min, Math.round(v))));
    case 'fraction':
      return fc.double({ min: node.min, max: node.max, noNaN: true });
    case 'dtypeMap': {
      const lo = node.min ?? 1e-30;
      const hi = node.max ?? 1e30;
      const values = node.of === 'energy' ? fc.oneof(fc.constant(0), logUniform(lo, hi)) : logUniform(lo, hi);
      return node.of === 'number' ? values : values.map((v) => `${v} ${SI_UNIT[node.of as Dimension]}`);
    }
    default:
      return fc.constant(undefined);
  }
}

function setAt(tree: Map<string, unknown>, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    let next = node.get(key);
    if (!(next instanceof Map)) {
      next = new Map();
      node.set(key, next);
    }
    node = next as Map<string, unknown>;
  }
  node.set(path.at(-1)!, value);
}

/**
 * A config the schema accepts, built on a chip and a model preset, with a few numeric keys
 * anywhere in their allowed range (the ends included) and a consistent parallelism: these
 * reach the engine, so they probe it for overflow, division by zero and NaN.
 */
export const boundaryConfigArb: fc.Arbitrary<Map<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...CHIP_PRESETS),
    fc.constantFrom(...MODEL_PRESETS),
    fc.array(
      fc.constantFrom(...NUMERIC_LEAVES).chain((leaf) => inRangeArb(leaf.node).map((v) => [leaf.path, v] as const)),
      { maxLength: 6 },
    ),
    fc.option(fc.tuple(fc.constantFrom(1, 2, 4, 8, 3, 1000), fc.constantFrom(1, 2, 3, 100)), { nil: undefined }),
    fc.option(fc.constantFrom(...CHIP_PRESETS), { freq: 3, nil: undefined }),
  )
  .map(([chip, model, leaves, parallel, compare]) => {
    const tree = new Map<string, unknown>([
      ['extends', chip],
      ['workload', new Map([['model', model]])],
    ]);
    for (const [path, value] of leaves) if (!path.includes('system')) setAt(tree, path, value);
    if (parallel) {
      const [tp, pp] = parallel;
      setAt(tree, ['system', 'tensor_parallel'], tp);
      setAt(tree, ['system', 'pipeline_parallel'], pp);
      setAt(tree, ['system', 'chips'], tp * pp);
    }
    if (compare) tree.set('compare', compare);
    return tree;
  });

// ---------- random text and bytes ----------

const YAML_BITS = [
  '\n',
  '  ',
  '- ',
  ': ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '&a ',
  '*a',
  '!!str ',
  '!x ',
  '|',
  '>',
  '"',
  "'",
  '---\n',
  '...\n',
  '<<: ',
  '%YAML 1.2\n',
  '%YAML 1.1\n',
  '!!binary aGk= ',
  '!!timestamp 2001-12-14 ',
  '!!set ',
  '!!omap ',
  '0x1F',
  'yes',
  'on',
  '\t',
  '\r\n',
  '\ufeff',
  'chip',
  'memory',
  'bandwidth',
  'workload',
  'model',
  'extends',
  'compare',
  'h100-sxm',
  'llama-2-7b',
  '4.8 TB/s',
  '1e300',
  '-1',
  '0',
  '.inf',
  '.nan',
  '~',
  'null',
  '__proto__',
];

/** Text that is not a config: random strings, token soup, random bytes in various decodings. */
export const randomTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...YAML_BITS), { maxLength: 200 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('utf8', 'latin1', 'utf16le', 'ascii') as fc.Arbitrary<BufferEncoding>)
    .map(([bytes, encoding]) => Buffer.from(bytes).toString(encoding)),
);

// ---------- one case, run and checked ----------

export interface CaseOutcome {
  problems: string[];
  cpuMs: number;
  wallMs: number;
  evaluated: boolean;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
}

/** Requests simulated per serving case in the fuzz, and the CPU it may add to a case. */
const SERVING_FUZZ_REQUESTS = 100;
const SERVING_FUZZ_BOUND_MS = 800;

/**
 * Analyses `file` of the workspace and checks every invariant. Time is process CPU time
 * (what the input costs, whatever else the machine is doing); a case over `boundMs` is run
 * up to twice more and its fastest run counts, so a garbage collection or a busy machine
 * does not fail it but a slow input does.
 */
export async function runCase(ws: Workspace, file: string, options: AnalyzeOptions, boundMs: number): Promise<CaseOutcome> {
  // A `serving:` simulation is its own budget (the serving issue: seconds, off the save path,
  // cancellable): here it runs on a sample of the traffic with the searches cut at once, and
  // is bounded separately from the on-save pipeline.
  options = { ...options, serving: { requestsCap: SERVING_FUZZ_REQUESTS, budgetMs: 0 } };
  boundMs += /\bserving['"]?\s*:/.test(Object.values(ws.files).join('\n')) ? SERVING_FUZZ_BOUND_MS : 0;
  let cpuMs = Infinity;
  let wallMs = Infinity;
  let outcome: CaseOutcome | undefined;
  for (let attempt = 0; attempt < 3 && cpuMs > boundMs; attempt++) {
    const host = recordingHost(ws);
    const wall = performance.now();
    const cpu = cpuNow();
    let analysis: Analysis;
    try {
      analysis = await analyzeConfig(ws.files[file]!, file, host, options);
    } catch (error) {
      return {
        problems: [`analyzeConfig threw: ${(error as Error)?.stack ?? String(error)}`],
        cpuMs: cpuNow() - cpu,
        wallMs: performance.now() - wall,
        evaluated: false,
      };
    }
    cpuMs = Math.min(cpuMs, cpuNow() - cpu);
    wallMs = Math.min(wallMs, performance.now() - wall);
    const problems = [
      ...checkAnalysis(analysis, ws, { compareWritten: true }),
      ...readsOutside(host.reads, ws).map((p) => `read outside the workspace: ${p}`),
    ];
    outcome = { problems, cpuMs, wallMs, evaluated: analysis.result !== undefined };
  }
  if (cpuMs > boundMs) outcome!.problems.push(`took ${cpuMs.toFixed(0)} ms of CPU (bound ${boundMs} ms)`);
  return outcome!;
}
