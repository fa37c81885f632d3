// Hostile input, one case at a time: alias bombs, huge and deep files, prototype keys,
// binary and mis-encoded text, line endings and tabs, extends/compare that try to loop or
// leave the workspace (in memory and on a real file system with symlinks), and memory over
// thousands of evaluations. Each case must end in a clear diagnostic, within a second of
// CPU time. Time is the process's CPU time, not wall time, so that a busy machine (the
// test runner, other jobs) does not make it fail while a slow input does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nodeFileHost } from '../../cli/nodeHost';
import { lineColumn, type Analysis } from '../../model/analysis';
import { analyzeConfig, type AnalyzeOptions } from '../../model/analyze';
import { PARSE_LIMITS } from '../../model/config/parse';
import type { FileHost } from '../../model/config/resolve';
import { checkAnalysis, nonFinitePaths, readsOutside, recordingHost, type Workspace } from './helpers/arbitraries';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/a.chip.yaml';
const VALID = 'extends: h100-sxm\nworkload: { model: llama-2-7b }\n';
const EXAMPLE = readFileSync(join(import.meta.dirname, '../../examples/jalapeno.chip.yaml'), 'utf8');

setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

interface Measured {
  a: Analysis;
  cpuMs: number;
  wallMs: number;
  heapMB: number;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
}

async function measure(
  text: string,
  files: Record<string, string> = {},
  options: AnalyzeOptions = {},
  host?: FileHost,
  file = FILE,
): Promise<Measured> {
  gc();
  const heap = process.memoryUsage().heapUsed;
  const wall = performance.now();
  const cpu = cpuNow();
  const a = await analyzeConfig(text, file, host ?? memoryHost({ [file]: text, ...files }), options);
  const cpuMs = cpuNow() - cpu;
  const wallMs = performance.now() - wall;
  return { a, cpuMs, wallMs, heapMB: (process.memoryUsage().heapUsed - heap) / 1e6 };
}

const codes = (a: Analysis) => a.diagnostics.map((d) => d.code);
const textAt = (text: string, d: { at?: { range: { start: number; end: number } } }) => text.slice(d.at!.range.start, d.at!.range.end);

type Reporter = { diagnostic(message: string): void };

/** The case ended in `code`, within a second of CPU and a bounded heap, with sane output. */
async function assertRefused(t: Reporter, text: string, code: string, files: Record<string, string> = {}): Promise<Measured> {
  const m = await measure(text, files);
  t.diagnostic(
    `${code} for ${(text.length / 1e6).toFixed(2)} MB: ${m.cpuMs.toFixed(0)} ms CPU, ${m.wallMs.toFixed(0)} ms wall, heap +${m.heapMB.toFixed(0)} MB`,
  );
  assert.ok(codes(m.a).includes(code), `expected ${code}, got ${JSON.stringify(codes(m.a).slice(0, 10))}`);
  assert.ok(m.cpuMs < 1000, `took ${m.cpuMs.toFixed(0)} ms of CPU`);
  assert.ok(m.heapMB < 150, `heap grew by ${m.heapMB.toFixed(0)} MB`);
  assert.deepEqual(checkAnalysis(m.a, { files: { [FILE]: text, ...files }, links: {} }), []);
  return m;
}

// ---------- alias bombs ----------

test('billion laughs (9 levels of 9 aliases) is refused as too-many-nodes', async (t) => {
  let text = 'lol0: &lol0 "lol"\n';
  for (let i = 1; i <= 9; i++)
    text += `lol${i}: &lol${i} [${Array(9)
      .fill(`*lol${i - 1}`)
      .join(', ')}]\n`;
  await assertRefused(t, text, 'too-many-nodes');
});

test('an alias bomb through mappings and merge keys is refused as too-many-nodes', async (t) => {
  let text = 'a0: &a0 { x: 1, y: 2 }\n';
  for (let i = 1; i <= 30; i++) text += `a${i}: &a${i} { l: *a${i - 1}, r: *a${i - 1}, <<: *a${i - 1} }\n`;
  await assertRefused(t, text, 'too-many-nodes');
});

test('an alias inside its own anchor (a cycle) is refused as too-deep', async (t) => {
  await assertRefused(t, 'a: &a [1, *a]\n', 'too-deep');
  await assertRefused(t, 'chip: &c { memory: *c }\n', 'too-deep');
});

test("thousands of aliases resolve in linear time (the parser's own lookup is quadratic)", async (t) => {
  const text = VALID + 'x: &v 1\nlist: [' + Array(5000).fill('*v').join(', ') + ']\n';
  const m = await measure(text);
  t.diagnostic(`5,000 aliases: ${m.cpuMs.toFixed(0)} ms CPU, ${m.wallMs.toFixed(0)} ms wall`);
  assert.ok(m.cpuMs < 1000, `took ${m.cpuMs.toFixed(0)} ms of CPU`);
  assert.ok(m.a.result);
  assert.ok(codes(m.a).includes('unknown-key'));
});

// ---------- size and depth ----------

test('a 5 MB file is refused as file-too-large without being parsed', async (t) => {
  await assertRefused(t, VALID + '#'.repeat(5_000_000), 'file-too-large');
  await assertRefused(t, 'name: "' + 'x'.repeat(5_000_000) + '"\n', 'file-too-large');
});

test('a 1 MB single line: a long value is read; a long flow mapping or token soup is refused', async (t) => {
  const name = 'x'.repeat(PARSE_LIMITS.maxBytes - VALID.length - 20);
  const long = await measure(VALID + `name: "${name}"\n`);
  t.diagnostic(
    `a 1 MB name is read: ${long.cpuMs.toFixed(0)} ms CPU, ${long.wallMs.toFixed(0)} ms wall, heap +${long.heapMB.toFixed(0)} MB`,
  );
  assert.ok(long.cpuMs < 1000, `took ${long.cpuMs.toFixed(0)} ms of CPU`);
  assert.ok(long.a.result, JSON.stringify(codes(long.a)));
  assert.equal(long.a.name.length, name.length);

  const flow =
    '{' +
    Array.from({ length: 120_000 }, (_, i) => `k${i}: 1`)
      .join(', ')
      .slice(0, PARSE_LIMITS.maxBytes - 10) +
    '}';
  assert.ok(flow.length > 900_000 && !flow.includes('\n'));
  await assertRefused(t, flow, 'too-many-tokens');
  await assertRefused(t, '"'.repeat(PARSE_LIMITS.maxBytes), 'too-many-tokens');
  await assertRefused(t, ']'.repeat(PARSE_LIMITS.maxBytes), 'too-many-tokens');
  await assertRefused(t, ': '.repeat(PARSE_LIMITS.maxBytes / 2), 'too-deep');
  await assertRefused(t, 'x'.repeat(PARSE_LIMITS.maxBytes + 1), 'file-too-large');
});

test('10,000-deep nesting is refused as too-deep in every style', async (t) => {
  const n = 10_000;
  await assertRefused(t, 'a: ' + '['.repeat(n) + ']'.repeat(n), 'too-deep');
  await assertRefused(t, 'a: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n), 'too-deep');
  await assertRefused(t, 'a: ' + '['.repeat(n), 'too-deep');
  // A quote in a plain scalar or a comment does not hide the brackets after it.
  await assertRefused(t, "a: [it's, " + '['.repeat(n) + ']'.repeat(n) + ']', 'too-deep');
  await assertRefused(t, "a: { b: it's, # don't\n c: " + '{a: '.repeat(n) + '1' + '}'.repeat(n) + '}', 'too-deep');
  await assertRefused(t, '- '.repeat(n) + 'x\n', 'too-deep');
  await assertRefused(t, '? '.repeat(n) + 'x\n', 'too-deep');
  await assertRefused(t, '- &a !!seq '.repeat(n) + 'x\n', 'too-deep');
  // One line per level: 10,000 levels of indentation do not fit in the size limit...
  await assertRefused(t, Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', 'file-too-large');
  // ...and 1,000 levels, one space each, are refused for their depth.
  await assertRefused(t, Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', 'too-deep');
  await assertRefused(t, Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + '-').join('\n') + ' 1\n', 'too-deep');
});

test("a mapping of many keys is linear (the parser's unique-key check is quadratic), and duplicates are errors", async (t) => {
  const many = VALID + 'x:\n' + Array.from({ length: 2400 }, (_, i) => `  k${i}: ${i}`).join('\n') + '\n';
  const m = await measure(many);
  t.diagnostic(`2,400 keys in one mapping: ${m.cpuMs.toFixed(0)} ms CPU, ${m.wallMs.toFixed(0)} ms wall`);
  assert.ok(m.cpuMs < 1000, `took ${m.cpuMs.toFixed(0)} ms of CPU`);
  assert.ok(m.a.result);

  const text = 'extends: h100-sxm\nworkload: { model: llama-2-7b, batch: 2 }\nworkload: { batch: 3 }\n';
  const dup = (await measure(text)).a;
  const d = dup.diagnostics.find((x) => x.code === 'duplicate-key')!;
  assert.equal(d.severity, 'error');
  assert.equal(textAt(text, d), 'workload');
  assert.equal(d.at!.range.start, text.lastIndexOf('workload'));
  assert.equal(dup.design?.workload.batch, 2, 'the first value is used');
  // A merge key's entries may be overridden: that is not a duplicate.
  const merged = (await measure('base: &b { batch: 1 }\nextends: h100-sxm\nworkload: { <<: *b, model: llama-2-7b, batch: 4 }\n')).a;
  assert.ok(!codes(merged).includes('duplicate-key'));
  assert.equal(merged.design?.workload.batch, 4);
});

test('thousands of syntax errors are reported as the first hundred and a summary', async (t) => {
  const m = await assertRefused(t, VALID + ']\n'.repeat(5000), 'yaml-syntax');
  const syntax = m.a.diagnostics.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, PARSE_LIMITS.maxSyntaxDiagnostics + 1);
  assert.match(syntax.at(-1)!.message, /more YAML problems/);
});

test('a second YAML document is one error at its `---`, in our words, not the parser API it names', async () => {
  const text = 'extends: jalapeno\nworkload: { model: llama-3-8b }\n---\nchip: { tdp: 100 W }\n';
  const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({ '/ws/a.chip.yaml': text }));
  const d = a.diagnostics.filter((x) => x.code === 'yaml-syntax');
  assert.equal(d.length, 1);
  assert.equal(textAt(text, d[0]!).slice(0, 3), '---');
  assert.match(d[0]!.message, /A config is one YAML document/);
  assert.doesNotMatch(d[0]!.message, /parseAllDocuments/);
});

// ---------- prototype keys ----------

test('__proto__, constructor and prototype at every level are unknown keys and pollute nothing', async () => {
  const bad = (indent: string) =>
    ['__proto__', 'constructor', 'prototype'].map((k) => `${indent}${k}: { polluted: true, toString: 1 }\n`).join('');
  const text =
    'extends: h100-sxm\n' +
    bad('') +
    'chip:\n' +
    bad('  ') +
    '  memory:\n' +
    bad('    ') +
    '  matrix:\n    peak:\n' +
    bad('      ') +
    'system:\n' +
    bad('  ') +
    'workload:\n' +
    bad('  ') +
    '  model:\n    layers: 32\n    hidden: 4096\n    heads: 32\n    ffn: 11008\n    vocab: 32000\n' +
    bad('    ') +
    '  precision:\n' +
    bad('    ') +
    'cost:\n' +
    bad('  ');
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const { a } = await measure(
    text,
    {},
    {
      sensitivity: true,
      batchCurve: true,
      overrides: [
        { path: ['__proto__', 'polluted'], value: { kind: 'scalar', value: true, source: { kind: 'override', label: '--set' } } },
        {
          path: ['chip', 'link', 'constructor', 'prototype', 'polluted'],
          value: { kind: 'scalar', value: true, source: { kind: 'override', label: '--set' } },
        },
      ],
    },
  );
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object.prototype as unknown as Record<string, unknown>).polluted, undefined);
  assert.ok(a.result, JSON.stringify(a.diagnostics.filter((d) => d.severity === 'error')));
  const unknown = a.diagnostics.filter((d) => d.code === 'unknown-key' && d.at).map((d) => textAt(text, d));
  // 3 keys x 9 places in the file (the dtype map reports them as unknown dtypes), plus the
  // override's new `chip.link.constructor` (the other override lands in the file's `__proto__`).
  for (const key of ['__proto__', 'constructor', 'prototype'])
    assert.equal(unknown.filter((k) => k === key).length, 9, `${key}: ${unknown.join(',')}`);
  assert.ok(a.diagnostics.some((d) => d.code === 'unknown-key' && d.path === 'chip.link.constructor' && /--set/.test(d.message)));
  assert.equal(Object.getPrototypeOf(a.config), Object.prototype);
  for (const section of [a.config, a.config!.chip, a.config!.chip.memory, a.config!.chip.matrix.peak, a.config!.workload.model]) {
    for (const key of ['__proto__', 'constructor', 'prototype']) assert.ok(!Object.hasOwn(section as object, key), key);
  }
  assert.deepEqual(nonFinitePaths(a.result), []);
});

test('prototype names as preset ids are unknown presets', async () => {
  for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const a = (await measure(`extends: ${id}\nworkload: { model: ${id} }\ncompare: ${id}\n`)).a;
    assert.ok(a.diagnostics.filter((d) => d.code === 'unknown-preset').length >= 2, `${id}: ${JSON.stringify(codes(a))}`);
  }
});

// ---------- bytes and encodings ----------

/** A small seeded generator, so the garbage is the same on every run. */
function randomBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

test('random bytes are refused as binary-file; random bytes without NULs are diagnostics', async (t) => {
  for (const seed of [1, 2, 3]) {
    const bytes = randomBytes(64 * 1024, seed);
    await assertRefused(t, bytes.toString('utf8'), 'binary-file');
    const noNul = Buffer.from(bytes.filter((b) => b !== 0)).toString('latin1');
    const m = await measure(noNul);
    assert.ok(m.cpuMs < 1000, `took ${m.cpuMs.toFixed(0)} ms of CPU`);
    assert.ok(m.a.diagnostics.some((d) => d.severity === 'error'));
    assert.equal(m.a.result, undefined);
    assert.deepEqual(checkAnalysis(m.a, { files: { [FILE]: noNul }, links: {} }), []);
  }
});

test('UTF-16 read as UTF-8 is an encoding error; Latin-1 bytes are an encoding warning', async (t) => {
  const le = Buffer.from('\ufeff' + EXAMPLE, 'utf16le');
  const be = Buffer.from(le).swap16();
  for (const bytes of [le, be, Buffer.from(EXAMPLE, 'utf16le')]) {
    const m = await assertRefused(t, bytes.toString('utf8'), 'encoding');
    assert.match(m.a.diagnostics.find((d) => d.code === 'encoding')!.message, /UTF-16/);
  }
  const latin1 = Buffer.from('name: Jalapeño ☐\n' + VALID, 'latin1').toString('utf8');
  const { a } = await measure(latin1);
  const d = a.diagnostics.find((x) => x.code === 'encoding')!;
  assert.equal(d.severity, 'warning');
  assert.equal(textAt(latin1, d), '\ufffd');
  assert.ok(a.result, 'the config is still evaluated');
});

test('a BOM at the start of a valid file is ignored, and ranges still point at the right text', async () => {
  const text = 'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 4.8 GB\nworkload: { model: llama-2-7b }\n';
  const plain = (await measure(text)).a;
  const bom = (await measure('\ufeff' + text)).a;
  assert.deepEqual(codes(bom), codes(plain));
  const d = bom.diagnostics.find((x) => x.code === 'unit-dimension')!;
  assert.equal(textAt('\ufeff' + text, d), '4.8 GB');
  const example = (await measure('\ufeff' + EXAMPLE, { '/ws/jalapeno.chip.yaml': EXAMPLE })).a;
  assert.ok(example.result);
  assert.ok(!example.diagnostics.some((x) => x.severity === 'error'), JSON.stringify(example.diagnostics));
});

test('CRLF line endings: ranges, lines and columns are those of LF', async () => {
  const lf =
    'extends: h100-sxm\nchip:\n  memroy: { bandwidth: 3 TB/s }\n  memory:\n    bandwidth: 4.8 GB\nworkload: { model: llama-2-7b }\n';
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = (await measure(crlf)).a;
  const b = (await measure(lf)).a;
  assert.deepEqual(codes(a), codes(b));
  for (const [code, expected, line, column] of [
    ['unit-dimension', '4.8 GB', 5, 16],
    ['unknown-key', 'memroy', 3, 3],
  ] as const) {
    const d = a.diagnostics.find((x) => x.code === code)!;
    assert.equal(textAt(crlf, d), expected);
    assert.deepEqual(lineColumn(crlf, d.at!.range.start), { line, column });
  }
  const ex = (await measure(EXAMPLE.replace(/\n/g, '\r\n'))).a;
  assert.ok(ex.result && !ex.diagnostics.some((x) => x.severity === 'error'));
});

test('tabs for indentation are a syntax error at the tab; tabs between tokens are fine', async () => {
  const text = 'extends: h100-sxm\nchip:\n\tmemory:\n\t\tbandwidth: 4.8 TB/s\nworkload: { model: llama-2-7b }\n';
  const a = (await measure(text)).a;
  const d = a.diagnostics.find((x) => x.code === 'yaml-syntax')!;
  assert.match(d.message, /[Tt]ab/);
  assert.equal(textAt(text, d)[0], '\t');
  assert.equal(a.result, undefined);
  const ok = (await measure('extends:\th100-sxm\t# a comment\nworkload: {\tmodel:\tllama-2-7b,\tbatch: 4 }\t\n')).a;
  assert.ok(ok.result);
  assert.equal(ok.design!.workload.batch, 4);
});

test('an error at the very end of a file has a range inside the file', async () => {
  for (const text of [
    'extends: h100-sxm\nworkload: { model: llama-2-7b }\ncompare:',
    'chip: [1, 2',
    'chip: "unterminated',
    'a: b: c',
    '',
    ' ',
  ]) {
    const { a } = await measure(text);
    assert.deepEqual(
      checkAnalysis(a, { files: { [FILE]: text }, links: {} }).filter((p) => p.includes('range')),
      [],
      JSON.stringify(text),
    );
  }
});

// ---------- extends and compare ----------

async function inWorkspace(text: string, files: Record<string, string>, links: Record<string, string> = {}) {
  const ws: Workspace = { files: { [FILE]: text, ...files }, links };
  const host = recordingHost(ws);
  const m = await measure(text, {}, {}, host);
  assert.ok(m.cpuMs < 1000, `took ${m.cpuMs.toFixed(0)} ms of CPU`);
  assert.deepEqual(readsOutside(host.reads, ws), []);
  assert.deepEqual(checkAnalysis(m.a, ws), []);
  return m.a;
}

test('extends and compare cycles (self, 2 files, 3 files) are errors, never loops', async () => {
  assert.ok(codes(await inWorkspace('extends: ./a.chip.yaml\n', {})).includes('extends-cycle'));
  // Compared with itself: no baseline, a warning (not a cycle: a compare is not followed further).
  assert.ok(codes(await inWorkspace(VALID + 'compare: ./a.chip.yaml\n', {})).includes('compare-self'));
  const two = await inWorkspace('extends: ./b.chip.yaml\n', { '/ws/b.chip.yaml': 'extends: ./a.chip.yaml\n' });
  assert.match(two.diagnostics.find((d) => d.code === 'extends-cycle')!.message, /a\.chip\.yaml → b\.chip\.yaml → a\.chip\.yaml/);
  const three = await inWorkspace('extends: ./b.chip.yaml\n', {
    '/ws/b.chip.yaml': 'extends: ./sub/c.chip.yaml\n',
    '/ws/sub/c.chip.yaml': 'extends: ../a.chip.yaml\n',
  });
  assert.ok(codes(three).includes('extends-cycle'));
  // compare a file that extends this one: the baseline chain meets the config again.
  const back = await inWorkspace(VALID + 'compare: ./b.chip.yaml\n', { '/ws/b.chip.yaml': 'extends: ./a.chip.yaml\n' });
  assert.ok(back.result);
  assert.ok(!back.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(back.diagnostics));
});

test('a chain of 40 files stops at the chain limit; 1 MB files in a chain stop at the size budget', async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i < 40; i++) files[`/ws/f${i}.chip.yaml`] = `extends: ./f${i + 1}.chip.yaml\n`;
  assert.ok(codes(await inWorkspace('extends: ./f1.chip.yaml\n', files)).includes('extends-too-deep'));

  const big: Record<string, string> = {};
  const pad = (i: number) => `extends: ./g${i + 1}.chip.yaml\nname: "${'x'.repeat(PARSE_LIMITS.maxBytes - 100)}"\n`;
  for (let i = 1; i < 40; i++) big[`/ws/g${i}.chip.yaml`] = pad(i);
  const a = await inWorkspace('extends: ./g1.chip.yaml\ncompare: ./g5.chip.yaml\n', big);
  assert.ok(codes(a).includes('file-too-large'));
  assert.ok(a.texts.size <= 4, `read ${a.texts.size} files`);
});

test('missing files, ../.., absolute paths and links that leave the workspace are refused and not read', async () => {
  assert.ok(codes(await inWorkspace('extends: ./nope.chip.yaml\n', {})).includes('file-not-found'));
  for (const ref of [
    '../../etc/x.chip.yaml',
    '../outside/o.chip.yaml',
    '/etc/x.chip.yaml',
    '/ws/../outside/o.chip.yaml',
    './sub/../../outside/o.chip.yaml',
  ]) {
    for (const key of ['extends', 'compare']) {
      const a = await inWorkspace(
        `${VALID}${key === 'extends' ? '' : `compare: ${ref}\n`}`.replace(
          /^extends: h100-sxm/,
          key === 'extends' ? `extends: ${ref}` : 'extends: h100-sxm',
        ),
        {},
      );
      assert.ok(codes(a).includes('path-outside-workspace'), `${key}: ${ref}: ${JSON.stringify(codes(a))}`);
    }
  }
  // An absolute path inside the workspace is fine.
  assert.ok((await inWorkspace('extends: /ws/b.chip.yaml\n', { '/ws/b.chip.yaml': VALID })).result);
  // Links: to a file outside, to a folder outside, to the root; a link inside is followed.
  const links = {
    '/ws/out.chip.yaml': '/outside/o.chip.yaml',
    '/ws/dir': '/etc',
    '/ws/root.chip.yaml': '/',
    '/ws/in.chip.yaml': '/ws/b.chip.yaml',
  };
  for (const ref of ['./out.chip.yaml', './dir/x.chip.yaml', './root.chip.yaml']) {
    assert.ok(codes(await inWorkspace(`extends: ${ref}\n`, {}, links)).includes('path-outside-workspace'), ref);
  }
  assert.ok((await inWorkspace('extends: ./in.chip.yaml\n', { '/ws/b.chip.yaml': VALID }, links)).result);
});

test('on disk (nodeFileHost, realpath): a symlink out of the workspace is refused and nothing outside is read', async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'jalapeno-robustness-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const ws = join(tmp, 'ws');
  const outside = join(tmp, 'outside');
  mkdirSync(join(ws, 'sub'), { recursive: true });
  mkdirSync(outside);
  const secret = 'name: SECRET-OUTSIDE\nextends: h100-sxm\nworkload: { model: llama-2-7b }\n';
  writeFileSync(join(outside, 'secret.chip.yaml'), secret);
  writeFileSync(join(ws, 'base.chip.yaml'), VALID);
  symlinkSync(join(outside, 'secret.chip.yaml'), join(ws, 'evil.chip.yaml'));
  symlinkSync(outside, join(ws, 'sub', 'outdir'));
  symlinkSync(join(ws, 'base.chip.yaml'), join(ws, 'good.chip.yaml'));
  symlinkSync(ws, join(tmp, 'ws-link'));

  const run = async (root: string, text: string) => {
    const host = nodeFileHost(root);
    const reads: string[] = [];
    const recording: FileHost = {
      ...host,
      read: (p) => {
        reads.push(p);
        return host.read(p);
      },
    };
    const file = join(root, 'main.chip.yaml');
    writeFileSync(join(ws, 'main.chip.yaml'), text);
    const { a, cpuMs } = await measure(text, {}, {}, recording, file);
    assert.ok(cpuMs < 1000);
    // Files are read at their checked real path: inside the workspace, as written or resolved.
    const realRoot = realpathSync(root);
    for (const p of reads) assert.ok(p.startsWith(root + '/') || p.startsWith(realRoot + '/'), `read ${p}`);
    assert.ok(![...a.texts.values()].some((x) => x.includes('SECRET-OUTSIDE')));
    assert.ok(!a.diagnostics.some((d) => d.message.includes('SECRET-OUTSIDE')));
    assert.ok(![...a.texts.keys()].some((p) => p.startsWith(outside)));
    return { a, file, reads };
  };
  for (const ref of [
    './evil.chip.yaml',
    './sub/outdir/secret.chip.yaml',
    '../outside/secret.chip.yaml',
    join(outside, 'secret.chip.yaml'),
  ]) {
    for (const key of ['extends', 'compare']) {
      const text = key === 'extends' ? `extends: ${ref}\n` : `${VALID}compare: ${ref}\n`;
      const { a, reads } = await run(ws, text);
      assert.ok(codes(a).includes('path-outside-workspace'), `${key} ${ref}: ${JSON.stringify(codes(a))}`);
      assert.ok(!reads.some((p) => p.includes('evil') || p.includes('outdir') || p.includes('outside')), reads.join());
    }
  }
  // A link inside the workspace is followed; a workspace reached through a link still works.
  assert.ok((await run(ws, 'extends: ./good.chip.yaml\n')).a.result);
  const viaLink = await run(join(tmp, 'ws-link'), 'extends: ./base.chip.yaml\n');
  assert.ok(viaLink.a.result, JSON.stringify(viaLink.a.diagnostics));
  assert.ok(codes((await run(join(tmp, 'ws-link'), 'extends: ./evil.chip.yaml\n')).a).includes('path-outside-workspace'));
});

// ---------- memory ----------

test('2,000 analyses of the reference example retain less than 20 MB of heap', async (t) => {
  const files = { '/ws/jalapeno.chip.yaml': EXAMPLE };
  const host = memoryHost(files);
  const file = '/ws/jalapeno.chip.yaml';
  for (let i = 0; i < 50; i++) await analyzeConfig(EXAMPLE, file, host, { sensitivity: true, batchCurve: true });
  gc();
  const before = process.memoryUsage().heapUsed;
  let kept: Analysis | undefined;
  for (let i = 0; i < 2000; i++) kept = await analyzeConfig(EXAMPLE, file, host, { sensitivity: i % 10 === 0, batchCurve: i % 10 === 0 });
  gc();
  const grownMB = (process.memoryUsage().heapUsed - before) / 1e6;
  t.diagnostic(
    `heap after gc: ${(before / 1e6).toFixed(1)} MB before, ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB after 2,000 analyses (${grownMB >= 0 ? '+' : ''}${grownMB.toFixed(1)} MB)`,
  );
  assert.ok(kept?.result);
  assert.ok(grownMB < 20, `heap grew by ${grownMB.toFixed(1)} MB`);
});
