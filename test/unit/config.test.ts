// The config language: diagnostics with exact ranges, extends and presets, hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';
import { overrideFrom } from '../../model/sweep';

const FILE = '/ws/a.chip.yaml';
const analyze = (text: string, files: Record<string, string> = {}) => analyzeConfig(text, FILE, memoryHost({ [FILE]: text, ...files }));
const textAt = (text: string, d: { at?: { range: { start: number; end: number } } }) => text.slice(d.at!.range.start, d.at!.range.end);

const BASE = 'extends: h100-sxm\nworkload: { model: llama-2-7b }\n';

test('a bandwidth written in bytes is a unit-dimension error on the value', async () => {
  const text = 'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 4.8 GB\nworkload: { model: llama-2-7b }\n';
  const a = await analyze(text);
  const d = a.diagnostics.find((x) => x.code === 'unit-dimension')!;
  assert.equal(d.path, 'chip.memory.bandwidth');
  assert.equal(textAt(text, d), '4.8 GB');
  assert.match(d.message, /needs a bandwidth/);
});

test('a bare number offers quick fixes that add a unit', async () => {
  const text = 'extends: h100-sxm\nchip:\n  tdp: 300\nworkload: { model: llama-2-7b }\n';
  const a = await analyze(text);
  const d = a.diagnostics.find((x) => x.code === 'unit-missing')!;
  assert.equal(textAt(text, d), '300');
  assert.equal(d.fixes?.[0]?.newText, '300 W');
});

test('an unknown key with no near match is a warning on the key', async () => {
  const a = await analyze(BASE + 'notes_for_review: ask the memory team\n');
  const d = a.diagnostics.find((x) => x.code === 'unknown-key')!;
  assert.equal(d.severity, 'warning');
  assert.ok(a.result, 'an unrelated key does not stop evaluation');
});

test('a likely typo of a known key is an error on the key that names the closest known key', async () => {
  const text = BASE + 'chip:\n  memroy: { bandwidth: 3 TB/s }\n';
  const a = await analyze(text);
  const d = a.diagnostics.find((x) => x.code === 'unknown-key')!;
  assert.equal(d.severity, 'warning');
  assert.equal(d.invalidatesResult, true);
  assert.equal(textAt(text, d), 'memroy');
  assert.match(d.message, /did you mean `memory`/);
  assert.equal(d.fixes?.[0]?.newText, 'memory');
});

test('no rename quick fix onto a key the same mapping already writes', async () => {
  const text = BASE + 'runtime:\n  step_overhead: 1 ms\n  step_overheads: 2 ms\n';
  const d = (await analyze(text)).diagnostics.find((x) => x.code === 'unknown-key')!;
  assert.match(d.message, /did you mean `step_overhead`/);
  assert.deepEqual(d.fixes ?? [], []);
});

test('an unknown preset suggests the nearest id', async () => {
  const a = await analyze('extends: h100-sx\n');
  const d = a.diagnostics.find((x) => x.code === 'unknown-preset')!;
  assert.match(d.message, /Did you mean `h100-sxm`/);
});

test('extends: relative files deep-merge, and cycles, missing files and escapes are errors', async () => {
  const base = '/ws/base.chip.yaml';
  const ok = await analyze('extends: ./base.chip.yaml\nworkload: { batch: 4 }\n', {
    [base]: 'extends: a100-80gb-sxm\nworkload: { model: llama-2-7b, batch: 1 }\n',
  });
  assert.ok(ok.result, JSON.stringify(ok.diagnostics));
  assert.equal(ok.design!.workload.batch, 4);
  assert.equal(ok.origins.get('chip.memory.bandwidth')?.kind, 'preset');

  const cycle = await analyze('extends: ./b.chip.yaml\n', { '/ws/b.chip.yaml': 'extends: ./a.chip.yaml\n' });
  assert.ok(
    cycle.diagnostics.some((d) => d.code === 'extends-cycle'),
    JSON.stringify(cycle.diagnostics),
  );
  const self = await analyze('extends: ./a.chip.yaml\n');
  assert.ok(self.diagnostics.some((d) => d.code === 'extends-cycle'));
  const missing = await analyze('extends: ./nope.chip.yaml\n');
  assert.ok(missing.diagnostics.some((d) => d.code === 'file-not-found'));
  const escape = await analyze('extends: ../../etc/passwd.chip.yaml\n');
  assert.ok(escape.diagnostics.some((d) => d.code === 'path-outside-workspace'));
  const absolute = await analyze('extends: /etc/x.chip.yaml\n');
  assert.ok(absolute.diagnostics.some((d) => d.code === 'path-outside-workspace'));
});

test('YAML syntax errors are diagnostics with a range, not exceptions', async () => {
  const a = await analyze('chip:\n  memory: [1, 2\n');
  assert.ok(a.diagnostics.some((d) => d.code === 'yaml-syntax' && d.at));
  assert.equal(a.result, undefined);
  // Two keys run together on one line: said as the slip, not in YAML's grammar words (a review).
  const joined = await analyze('name: Y\nchip: h100-sxmcompare: h100-sxm\n');
  const d = joined.diagnostics.find((x) => x.code === 'yaml-syntax')!;
  assert.match(d.message, /^Two `key: value` pairs on one line/);
  assert.doesNotMatch(d.message, /compact mappings/);
});

test('a key with no space after its colon is one error at that line, with the fix that works, a comment after it or not (a workbench review)', async () => {
  for (const [line, after] of [
    ['  rate:6 /s   # the traffic', '  requests: 200\n  scheduler: continuous\n'],
    ['  batch:16 # c', ''],
    ['  batch:16', ''],
  ] as const) {
    const section = line.includes('rate') ? 'serving' : 'workload';
    const text = `extends: h100-sxm\nworkload:\n  model: llama-3-8b\n${section === 'serving' ? 'serving:\n' : ''}${line}\n${after}`;
    const errors = (await analyze(text)).diagnostics.filter((d) => d.severity === 'error');
    const key = line.includes('rate') ? 'rate:6 /s' : 'batch:16';
    assert.deepEqual(
      errors.map((d) => [d.code, textAt(text, d)]),
      [['yaml-key-colon', key]],
      line,
    );
    assert.match(errors[0]!.message, new RegExp(`^\`${key}\` has no \`: \` after its key`));
    const fix = errors[0]!.fixes![0]!;
    const fixed = text.slice(0, fix.range.start) + fix.newText + text.slice(fix.range.end);
    assert.deepEqual(
      (await analyze(fixed)).diagnostics.filter((d) => d.severity === 'error'),
      [],
      fixed,
    );
  }
});

test('a key indented under a key with a value is one error at that key, with the fix that works', async () => {
  const text = 'extends: h100-sxm\nworkload:\n  model: llama-2-7b\n\n   # the batch\n   batch: 4\n  prompt: 128\n';
  const a = await analyze(text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => [d.code, textAt(text, d)]),
    [['yaml-indentation', 'batch']],
  );
  assert.match(errors[0]!.message, /indented 3 spaces, deeper than `model:`.*Indent it 2 spaces/);
  const fix = errors[0]!.fixes![0]!;
  const fixed = text.slice(0, fix.range.start) + fix.newText + text.slice(fix.range.end);
  const b = await analyze(fixed);
  assert.deepEqual(
    b.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(b.result!.memory.fits, true);
  assert.equal(b.design!.workload.batch, 4);
  // Indented under a key that opens a section, it is a nested key, not this mistake.
  const nested = await analyze('extends: h100-sxm\nworkload:\n    model: llama-2-7b\n');
  assert.ok(!nested.diagnostics.some((d) => d.code === 'yaml-indentation'));
});

test('a key dedented among its siblings is the one the error and its fix name, not the next key (a review)', async () => {
  const text = 'extends: jalapeno\nchip:\n  clock: 1.4 GHz\n tdp: 300 W\n  matrix:\n    units: 32\nworkload: { model: llama-2-7b }\n';
  const a = await analyze(text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => [d.code, textAt(text, d)]),
    [['yaml-indentation', 'tdp']],
  );
  assert.match(errors[0]!.message, /^`tdp:` is indented 1 space, where the other keys of its section are at 2: .* Indent it 2 spaces/);
  const fix = errors[0]!.fixes![0]!;
  const b = await analyze(text.slice(0, fix.range.start) + fix.newText + text.slice(fix.range.end));
  assert.deepEqual(
    b.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(b.design!.hardware.tdpWatts, 300);
  // After a nested block or a list the key with the value is at an open level: the deeper line after it moves (a code review).
  for (const block of ['  memory:\n    capacity: 80 GB\n', '  fixed_function:\n  - qkv_projection\n']) {
    const nested = `extends: jalapeno\nchip:\n${block}  clock: 1 GHz\n    tdp: 300 W\nworkload: { model: llama-2-7b }\n`;
    const c = (await analyze(nested)).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      c.map((d) => [d.code, textAt(nested, d)]),
      [['yaml-indentation', 'tdp']],
    );
    assert.match(c[0]!.message, /Indent it 2 spaces, as `clock:` is/);
  }
  // After a flow map closed on its line, as after a scalar; with no other key in the section, the deeper line moves (a workbench review got the raw YAML error).
  const flow = 'extends: jalapeno\nchip:\n  memory: { bandwidth: 3 TB/s }\n    tdp: 300 W\nworkload: { model: llama-2-7b }\n';
  const f = (await analyze(flow)).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    f.map((d) => [d.code, textAt(flow, d)]),
    [['yaml-indentation', 'tdp']],
  );
  const fixed = flow.slice(0, f[0]!.fixes![0]!.range.start) + f[0]!.fixes![0]!.newText + flow.slice(f[0]!.fixes![0]!.range.end);
  assert.equal((await analyze(fixed)).design!.hardware.tdpWatts, 300);
  // Under a top-level section written inline, no indentation is the fix: said, with none offered (a code review: "Indent it 0 spaces").
  const top = 'extends: jalapeno\nworkload: { model: llama-2-7b }  # inline\n  batch: 3\n';
  const t = (await analyze(top)).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    t.map((d) => [d.code, textAt(top, d)]),
    [['yaml-indentation', 'batch']],
  );
  assert.match(t[0]!.message, /whose value is written inline \(`\{ model: llama-2-7b \}`\): .* Put `batch` inside the brackets/);
  assert.equal(t[0]!.fixes, undefined);
});

test("a key dedented to the top among a section's keys is the one the error and its fix name (a review: the lines after it got raw YAML errors)", async () => {
  for (const sram of ['sram:\n    capacity: 256 MiB\n    bandwidth: 20 TB/s\n', 'sram: { capacity: 256 MiB, bandwidth: 20 TB/s }\n']) {
    const text = `extends: jalapeno\nchip:\n  clock: 1.4 GHz\n${sram}  memory: { capacity: 96 GB }\n  link: { bandwidth: 400 GB/s }\nworkload: { model: llama-2-7b }\n`;
    const a = await analyze(text);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => [d.code, textAt(text, d)]),
      [['yaml-indentation', 'sram']],
    );
    assert.match(errors[0]!.message, /^`sram:` is indented 0 spaces, where the keys before and after it are at 2/);
    const fix = errors[0]!.fixes![0]!;
    const b = await analyze(text.slice(0, fix.range.start) + fix.newText + text.slice(fix.range.end));
    assert.deepEqual(
      b.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.equal(b.config!.chip.sram.capacity, 256 * 2 ** 20);
  }
  // A section of its own at column 0 is where it belongs: the hint does not nest it (a code review), it moves the key short of its siblings.
  const own = 'extends: jalapeno\nsystem:\n  chips: 8\nworkload:\n    model: llama-3-70b\n  batch: 4\n';
  const hint = (await analyze(own)).diagnostics.find((d) => d.code === 'yaml-indentation')!;
  assert.equal(textAt(own, hint), 'batch');
  const fixed = own.slice(0, hint.fixes![0]!.range.start) + hint.fixes![0]!.newText + own.slice(hint.fixes![0]!.range.end);
  assert.equal((await analyze(fixed)).design!.workload.batch, 4);
});

test('one misindented key among its section is the line the error names, and its fix alone makes the file whole (a workbench review)', async () => {
  const whole = [
    'name: Hand-written',
    'chip:',
    '  process: 5 nm',
    '  clock: 1.4 GHz',
    '  tdp: 500 W',
    '  matrix: { units: 48, array: 128x128, macs_per_cycle: { int8: 1, bf16: 0.5 } }',
    '  vector: { peak: 40 TFLOPS }',
    '  memory:',
    '    technology: hbm3e',
    '    capacity: 144 GB',
    '    bandwidth: 4.8 TB/s',
    '  link: { bandwidth: 450 GB/s }',
    '  silicon: { sram_kind: scratchpad }',
    'workload:',
    '  model: llama-3-8b',
    '  prompt: 1024',
    '  output: 256',
    'cost:',
    '  lifetime: 4 years',
    '  electricity: 0.08 USD/kWh',
    '',
  ].join('\n');
  const cases: [string, string, string][] = [
    ['the first key of a section, a space short', '  process: 5 nm', ' process: 5 nm'],
    ['the last key of a section, a space short', '  silicon: {', ' silicon: {'],
    ["the last key of the file's last section", '  electricity:', ' electricity:'],
    ['a section in the middle', '  output: 256', ' output: 256'],
    ['a nested key', '    bandwidth:', '   bandwidth:'],
    ['a key with a value at column 0', '  tdp: 500 W', 'tdp: 500 W'],
  ];
  for (const [what, from, to] of cases) {
    const text = whole.replace(from, to);
    const errors = (await analyze(text)).diagnostics.filter((d) => d.severity === 'error');
    const key = to.trim().split(':')[0]!;
    assert.deepEqual(
      errors.map((d) => [d.code, textAt(text, d)]),
      [['yaml-indentation', key]],
      what,
    );
    const fix = errors[0]!.fixes![0]!;
    assert.equal(text.slice(0, fix.range.start) + fix.newText + text.slice(fix.range.end), whole, what);
  }
});

test('an alias bomb is refused in bounded time', async () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++)
    text += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  const started = Date.now();
  const a = await analyze(text);
  assert.ok(Date.now() - started < 2000);
  assert.ok(a.diagnostics.some((d) => d.code === 'too-many-nodes'));
});

test('10,000-deep nesting, huge files and binary bytes are refused with a diagnostic', async () => {
  const deep = await analyze('a: ' + '['.repeat(10000) + ']'.repeat(10000));
  assert.ok(deep.diagnostics.some((d) => d.code === 'too-deep'));
  const huge = await analyze('name: x\n' + '#'.repeat(5_000_000));
  assert.ok(huge.diagnostics.some((d) => d.code === 'file-too-large'));
  const binary = await analyze('name: \u0000\u0001\u0002');
  assert.ok(binary.diagnostics.some((d) => d.code === 'binary-file'));
});

test('__proto__ and constructor keys do not pollute prototypes', async () => {
  const a = await analyze(BASE + '__proto__: { polluted: true }\nchip:\n  constructor: { prototype: { polluted: true } }\n');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(a.diagnostics.filter((d) => d.code === 'unknown-key').length >= 2);
  assert.ok(a.result);
});

test('absurd values are range errors, never NaN results', async () => {
  const a = await analyze('extends: h100-sxm\nchip:\n  memory: { bandwidth: 1e300 TB/s }\nworkload: { model: llama-2-7b, batch: -3 }\n');
  assert.ok(a.diagnostics.some((d) => d.code === 'out-of-range' && d.path === 'chip.memory.bandwidth'));
  assert.ok(a.diagnostics.some((d) => (d.code === 'out-of-range' || d.code === 'not-a-count') && d.path === 'workload.batch'));
});

test('a fraction written as a percentage number offers the % fix', async () => {
  const text = BASE + 'chip:\n  memory: { efficiency: 85 }\n';
  const a = await analyze(text);
  const d = a.diagnostics.find((x) => x.path === 'chip.memory.efficiency')!;
  assert.equal(d.fixes?.[0]?.newText, '85 %');
});

test('compare with a preset evaluates the baseline on the same workload', async () => {
  const a = await analyze(BASE + 'compare: a100-80gb-sxm\n');
  assert.ok(a.baseline);
  assert.equal(a.baseline.name.includes('A100'), true);
  assert.ok(a.baseline.ratios.decodeSpeedup > 1, 'H100 decodes faster than A100');
});

test('a fixed-function block the model cannot use falls back, with a warning', async () => {
  const a = await analyze(
    'extends: jalapeno\nworkload: { model: gpt-j-6b, precision: { weights: int8, activations: int8, kv_cache: int8 } }\n',
  );
  assert.ok(a.diagnostics.some((d) => d.code === 'fixed-function-fallback'));
  assert.ok(a.result!.phases.decode.operators.find((o) => o.id === 'qkv_projection')!.fellBack);
});

test('a process node the table lacks suggests the nearest node by size, not by spelling', async () => {
  const suggested = async (process: string) => {
    const a = await analyze(`extends: jalapeno\nchip: { process: ${process} }\nworkload: { model: llama-2-7b }\n`);
    const d = a.diagnostics.find((x) => x.code === 'bad-enum' && x.path === 'chip.process')!;
    return d.fixes?.[0]?.newText;
  };
  // By spelling `2 nm` is one edit from `12 nm`, six times the size.
  assert.equal(await suggested('2 nm'), '3 nm');
  assert.equal(await suggested('20 nm'), '16 nm');
  assert.equal(await suggested('9 nm'), '10 nm');
  assert.equal(await suggested('N5'), '5 nm');
  assert.equal(await suggested('N3E'), '3 nm');
});

test('an enum value spelled with other spaces or case is that value; a list where one value goes says so', async () => {
  for (const [written, meant] of [
    ['5nm', '5 nm'],
    ['7 NM', '7 nm'],
  ]) {
    const a = await analyze(`extends: jalapeno\nchip: { process: ${written} }\nworkload: { model: llama-2-7b }\n`);
    assert.equal(a.config!.chip.process, meant, written);
    assert.ok(!a.diagnostics.some((d) => d.path === 'chip.process'), written);
  }
  const list = await analyze('extends: jalapeno\nchip: { process: [7 nm] }\nworkload: { model: llama-2-7b }\n');
  assert.match(list.diagnostics.find((d) => d.path === 'chip.process')!.message, /^Expected one value, one of `16 nm`.*; got a list\.$/);
  const quoted = await analyze('extends: jalapeno\nchip: { silicon: { chiplets: "2" } }\nworkload: { model: llama-2-7b }\n');
  assert.equal(quoted.config!.chip.silicon.chiplets, 2, 'a whole number quoted is that number');
});

test('a key written in the wrong section says where it belongs', async () => {
  const message = async (chip: string) => {
    const a = await analyze(`extends: jalapeno\nchip: ${chip}\nworkload: { model: llama-2-7b }\n`);
    return a.diagnostics.find((x) => x.code === 'unknown-key')!.message;
  };
  // As written elsewhere, or joined to its section's name.
  assert.match(await message('{ sram_kind: scratchpad }'), /It belongs at `chip\.silicon\.sram_kind`\./);
  assert.match(
    await message('{ sram: { kind: scratchpad } }'),
    /Unknown key `kind` in `chip\.sram`\. It belongs at `chip\.silicon\.sram_kind`\./,
  );
  // A near spelling in the section itself comes first.
  assert.doesNotMatch(await message('{ memory: { stack: 4 } }'), /belongs at/);
  // Its value is not used where it was written, so the numbers are not the design's: not valid, as for a typo (a review's
  // `cost: { margin: 0 % }` priced the chip at the default 75 % margin, marked valid).
  const misplaced = await analyze('extends: jalapeno\ncost: { margin: 0 % }\nworkload: { model: llama-2-7b }\n');
  const d = misplaced.diagnostics.find((x) => x.code === 'unknown-key')!;
  assert.equal(d.invalidatesResult, true);
  assert.match(d.message, /It belongs at `cost\.silicon\.margin`\. As written, its value is not used/);
  // A known key as one word of the written one (`hbm_stacks`) is as likely meant as a typo.
  const worded = await analyze('extends: jalapeno\nchip: { memory: { hbm_stacks: 8 } }\nworkload: { model: llama-2-7b }\n');
  assert.equal(worded.diagnostics.find((x) => x.code === 'unknown-key')!.invalidatesResult, true);
  // A label (`name` belongs at the top level) or a note named after a key (`tdp_note: …`) changes no number:
  // a warning only (a review found both marked not valid).
  for (const chip of ['{ name: my variant }', '{ tdp_note: "measured at the wall" }']) {
    const benign = await analyze(`extends: jalapeno\nchip: ${chip}\nworkload: { model: llama-2-7b }\n`);
    assert.notEqual(benign.diagnostics.find((x) => x.code === 'unknown-key')?.invalidatesResult, true, chip);
  }
  // A name found in many sections says too little to stop the numbers.
  const vague = await analyze('extends: jalapeno\nchip: { efficiency: 0.9 }\nworkload: { model: llama-2-7b }\n');
  assert.notEqual(vague.diagnostics.find((x) => x.code === 'unknown-key')?.invalidatesResult, true);
});

test('a value explore.vary lists that its key rejects is a warning at the value; the design still evaluates', async () => {
  const text = [
    'extends: jalapeno',
    'workload: { model: llama-2-7b }',
    'explore:',
    '  vary:',
    '    chip.process: [3 nm, 2 nm]',
    '    workload.batch: "1, -4"',
    '    chip.sram.capacity: [64 MiB, 128 MiB]',
    // Valid as the run reads them: an entry of a dtype map, a quoted map read as YAML.
    '    chip.energy.mac.int8: [0.1 pJ, 0.3 pJ]',
    '    serving.prompt: [512, "{distribution: lognormal, mean: 1024, sigma: 0.5}"]',
    'serving: { rate: 1 /s }',
    '',
  ].join('\n');
  const a = await analyze(text);
  assert.ok(a.result, 'the base design is evaluated');
  const skipped = a.diagnostics.filter((d) => /`explore` skips/.test(d.message));
  assert.deepEqual(
    skipped.map((d) => [d.severity, d.path, d.code]),
    [
      ['warning', 'explore.vary.chip.process', 'bad-enum'],
      ['warning', 'explore.vary.workload.batch', 'out-of-range'],
    ],
  );
  // At the listed value itself, with the key's own fix.
  assert.equal(textAt(text, skipped[0]!), '2 nm');
  assert.equal(skipped[0]!.fixes?.[0]?.newText, '3 nm');
  // A value a unit prefix away is said as the key says it (a new user's 256 GB of SRAM was not), and
  // a key the language does not have is an error at the key, not at its values.
  const slip = [
    'extends: jalapeno',
    'workload: { model: llama-2-7b }',
    'explore:',
    '  vary:',
    '    chip.sram.capacity: [64 MiB, 256 GB]',
    '    chip.matrix.unit: [16, 32]',
    '',
  ].join('\n');
  const b = await analyze(slip);
  const warned = b.diagnostics.find((d) => d.code === 'unit-slip');
  assert.ok(warned && warned.path === 'explore.vary.chip.sram.capacity' && textAt(slip, warned) === '256 GB', JSON.stringify(warned));
  assert.equal(warned.fixes?.[0]?.newText, '256 MB');
  const typo = b.diagnostics.find((d) => d.path === 'explore.vary.chip.matrix.unit');
  assert.ok(typo && typo.severity === 'error' && textAt(slip, typo) === 'chip.matrix.unit', JSON.stringify(typo));
});

test('memory stacks written without capacity or bandwidth set them: stacks x the technology per-stack figures', async () => {
  const chip = (memory: string) =>
    `chip:\n  clock: 1.8 GHz\n  tdp: 1200 W\n  matrix: { peak: { bf16: 4 PFLOPS } }\n  vector: { peak: 100 TFLOPS }\n  sram: { capacity: 256 MiB, bandwidth: 40 TB/s }\n  memory: ${memory}\n  link: { bandwidth: 900 GB/s }\nworkload: { model: llama-2-7b }\n`;
  const a = await analyze(chip('{ technology: hbm3e, stacks: 16 }'));
  assert.deepEqual(
    a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
    'no missing-key error for capacity or bandwidth',
  );
  assert.equal(a.config!.chip.memory.capacity, 16 * 36 * 2 ** 30);
  assert.equal(a.config!.chip.memory.bandwidth, 16 * 1228.8e9);
  assert.match(
    (a.origins.get('chip.memory.bandwidth') as { source: string }).source,
    /^from `chip\.memory\.stacks`: 16 hbm3e stacks x 1\.23 TB\/s a stack, the hbm3e table's/,
  );
  // What is written stays; only the missing one is derived. GDDR6 counts x32 devices.
  const b = await analyze(chip('{ technology: gddr6, stacks: 12, capacity: 24 GB }'));
  assert.equal(b.config!.chip.memory.capacity, 24e9);
  assert.equal(b.config!.chip.memory.bandwidth, 12 * 64e9);
  // Over a preset, per stack: the H100's 80 GiB and 3.35 TB/s on 5 stacks carry over to 6, and are its own at 5.
  const h100 = (stacks: number) => analyze(`extends: h100-sxm\nchip: { memory: { stacks: ${stacks} } }\nworkload: { model: llama-2-7b }\n`);
  const six = (await h100(6)).config!.chip.memory;
  assert.ok(Math.abs(six.capacity! - (6 / 5) * 80 * 2 ** 30) < 1 && Math.abs(six.bandwidth! - (6 / 5) * 3.35e12) < 1e3);
  const five = (await h100(5)).config!.chip.memory;
  assert.ok(Math.abs(five.capacity! - 80 * 2 ** 30) < 1 && Math.abs(five.bandwidth! - 3.35e12) < 1e3);
  // Another technology over the preset takes the table's per-stack figures.
  const e = (await analyze('extends: h100-sxm\nchip: { memory: { technology: hbm3e, stacks: 6 } }\nworkload: { model: llama-2-7b }\n'))
    .config!;
  assert.equal(e.chip.memory.bandwidth, 6 * 1228.8e9);
  // Without stacks, the two are still required.
  const c = await analyze(chip('{ technology: hbm3e }'));
  assert.ok(c.diagnostics.some((d) => d.code === 'missing-key' && d.path === 'chip.memory.bandwidth'));
});

test('idle power over the TDP is reported at the value the file writes: a `tdp: 300 mW` slip, not the `chip:` line', async () => {
  const text = 'extends: jalapeno\nchip:\n  tdp: 300 mW\nworkload: { model: llama-3-8b }\n';
  const d = (await analyze(text)).diagnostics.find((x) => x.code === 'idle-over-tdp')!;
  assert.equal(d.path, 'chip.tdp');
  assert.equal(textAt(text, d), '300 mW');
  const given = 'extends: jalapeno\nchip:\n  idle_power: 400 W\nworkload: { model: llama-3-8b }\n';
  assert.equal(
    textAt(
      given,
      (await analyze(given)).diagnostics.find((x) => x.code === 'idle-over-tdp')!,
    ),
    '400 W',
  );
});

test('an explicit null over an inherited key removes it; a key left empty is still "has no value"', async () => {
  const base = 'extends: h100-sxm\nworkload: { model: llama-3-8b }\nserving:\n  rate: 5 /s\n';
  const files = (child: string) => ({
    '/ws/base.chip.yaml': base,
    '/ws/t.csv': 'arrival,prompt,output\n0,512,64\n1,512,64\n',
    '/ws/c.chip.yaml': child,
  });
  const run = async (child: string) => analyzeConfig(child, '/ws/c.chip.yaml', memoryHost(files(child)), {});
  for (const unset of ['null', '~']) {
    const a = await run(`extends: ./base.chip.yaml\nserving:\n  rate: ${unset}\n  trace: t.csv\n`);
    assert.deepEqual(
      a.diagnostics.filter((d) => d.severity === 'error'),
      [],
      unset,
    );
    assert.equal(a.config!.serving.rate, undefined, unset);
  }
  // So does --set PATH=null.
  const set = await analyzeConfig(base, '/ws/base.chip.yaml', memoryHost(files(base)), {
    overrides: [overrideFrom('serving.rate', 'null', '--set serving.rate'), overrideFrom('serving.trace', 't.csv', '--set serving.trace')],
  });
  assert.deepEqual(
    set.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const empty = await run('extends: ./base.chip.yaml\nserving:\n  rate:\n  trace: t.csv\n');
  assert.ok(empty.diagnostics.some((d) => d.code === 'missing-value' && d.path === 'serving.rate'));
  // Over a preset too: `stacks: null` derives the stacks again from capacity and bandwidth.
  const stacks = await analyzeConfig(
    'extends: jalapeno\nchip: { memory: { stacks: null } }\nworkload: { model: llama-3-8b }\n',
    '/ws/s.chip.yaml',
    memoryHost({}),
    {},
  );
  assert.deepEqual(
    stacks.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
});

test('an invalid value over an inherited one is checked with what it replaced: every error of the design at once, no numbers', async () => {
  // A new user fixed `tdp: 300 kW` and only then learnt that 8 chips at TP4 do not match: the
  // rejected TDP had left the design unbuilt, so no other check ran.
  const text = 'extends: jalapeno\nchip: { tdp: 300 kW }\nsystem: { chips: 8, tensor_parallel: 4 }\nworkload: { model: llama-3-70b }\n';
  const a = await analyze(text);
  const codes = a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`);
  assert.ok(codes.includes('out-of-range chip.tdp'), codes.join('; '));
  assert.ok(codes.includes('parallelism-mismatch system.chips'), codes.join('; '));
  assert.equal(a.result, undefined, 'nothing is evaluated while an error stands');
  // The stand-in is the preset's value, said as such; the written one keeps its own error.
  assert.equal(a.config!.chip.tdp, (await analyze('extends: jalapeno\nworkload: { model: llama-3-70b }\n')).config!.chip.tdp);
  assert.deepEqual(a.origins.get('chip.tdp'), {
    kind: 'default',
    source: 'the value the written one replaced (preset `jalapeno`)',
    replaced: true,
  });
  // Without an inherited value there is none to stand in: the key is dropped, as before.
  const bare = await analyze('chip: { tdp: 300 kW }\nworkload: { model: llama-3-70b }\n');
  assert.equal(bare.config!.chip.tdp, undefined);
});

test("a rejected TDP is not compared with the idle power: what stands in for it is not the user's", async () => {
  // With the preset's TDP standing in for `tdp: 300 kW`, an idle power of 400 W would read "above
  // the TDP (350 W)", a TDP the user did not write.
  const a = await analyze('extends: jalapeno\nchip: { tdp: 300 kW, idle_power: 400 W }\nworkload: { model: llama-3-70b }\n');
  const codes = a.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('out-of-range'), codes.join(', '));
  assert.ok(!codes.includes('idle-over-tdp'), codes.join(', '));
  // Written and valid, the comparison stands.
  const b = await analyze('extends: jalapeno\nchip: { tdp: 300 W, idle_power: 400 W }\nworkload: { model: llama-3-70b }\n');
  assert.ok(b.diagnostics.some((d) => d.code === 'idle-over-tdp'));
});

test('a base compared against its what-if that extends it is no cycle (an operator review)', async () => {
  const a = await analyze('extends: ./base.chip.yaml\nworkload: { batch: 4 }\n', {
    '/ws/base.chip.yaml': 'extends: a100-80gb-sxm\nworkload: { model: llama-2-7b, batch: 1 }\ncompare: ./a.chip.yaml\n',
  });
  assert.ok(a.result, JSON.stringify(a.diagnostics));
  const base = await analyze('extends: a100-80gb-sxm\nworkload: { model: llama-2-7b, batch: 1 }\ncompare: ./variant.chip.yaml\n', {
    '/ws/variant.chip.yaml': 'extends: ./a.chip.yaml\ncompare: null\nchip: { memory: { bandwidth: 4 TB/s } }\n',
  });
  assert.ok(!base.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(base.diagnostics));
  assert.ok(base.baseline?.result, 'the what-if is evaluated as the baseline');
  assert.ok(base.baseline!.result!.decode.msPerToken < base.result!.decode.msPerToken, 'more bandwidth, a faster decode');
});
