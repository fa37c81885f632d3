// Quick fixes where the message already knows the fix: each is applied to the text, and the
// config is analysed again to show the fix removes the problem (not merely that it exists).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plannedFixes, type PlannedFix } from '../../extension/logic/quickFixEdits';
import { removeKeyEdit } from '../../extension/logic/yamlEdit';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/a.chip.yaml';
const analyze = (text: string, others: Record<string, string> = {}) => analyzeConfig(text, FILE, memoryHost({ ...others, [FILE]: text }));
const apply = (text: string, fix: PlannedFix) => text.slice(0, fix.range.start) + fix.newText + text.slice(fix.range.end);

/** The fixes offered for the first diagnostic with `code`, each applied and re-analysed. */
async function fixesFor(text: string, code: string, others: Record<string, string> = {}) {
  const analysis = await analyze(text, others);
  const diagnostic = analysis.diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(analysis.diagnostics.map((d) => d.code))}`);
  const fixes = plannedFixes(diagnostic, analysis, FILE, text);
  return Promise.all(
    fixes.map(async (fix) => {
      const fixed = apply(text, fix);
      const after = await analyze(fixed, others);
      return { fix, fixed, after, errors: after.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) };
    }),
  );
}

const BASE = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n';

describe('quick fixes the message implies', () => {
  it('a per-token time as the lenses write it (tpot: 50 ms/token) becomes 50 ms', async () => {
    const [first] = await fixesFor(`${BASE}serving:\n  rate: 1 /s\n  requests: 50\n  slo: { tpot: 50 ms/token }\n`, 'unit-unknown');
    assert.equal(first!.fix.title, 'Change to `50 ms`');
    assert.deepEqual(first!.errors, []);
  });

  it('a size given for a bandwidth (4.8 TB) becomes 4.8 TB/s', async () => {
    const [first] = await fixesFor(`${BASE}chip:\n  memory:\n    bandwidth: 4.8 TB\n`, 'unit-dimension');
    assert.equal(first!.fix.title, 'Change to `4.8 TB/s`');
    assert.match(first!.fixed, /bandwidth: 4\.8 TB\/s\n/);
    assert.deepEqual(first!.errors, []);
    assert.ok(first!.after.result);
  });

  it('a rate given for a capacity (96 GB/s) becomes 96 GB, a per-op energy for a per-bit one gets /bit', async () => {
    const [capacity] = await fixesFor(`${BASE}chip:\n  memory:\n    capacity: 96 GB/s\n`, 'unit-dimension');
    assert.match(capacity!.fixed, /capacity: 96 GB\n/);
    const [energy] = await fixesFor(`${BASE}chip:\n  energy:\n    memory: 4 pJ\n`, 'unit-dimension');
    assert.match(energy!.fixed, /memory: 4 pJ\/bit\n/);
    assert.deepEqual(energy!.errors, []);
  });

  it("a lifetime written as a frequency is offered in years, the key's own unit", async () => {
    const fixes = await fixesFor(`${BASE}cost:\n  lifetime: 4 GHz\n`, 'unit-dimension');
    assert.deepEqual(
      fixes.map((f) => f.fix.newText),
      ['4 years'],
    );
    assert.deepEqual(fixes[0]!.errors, []);
  });

  it('batch: -3 offers 3 (the sign) and 1 (the smallest batch)', async () => {
    const fixes = await fixesFor(`${BASE}  batch: -3\n`, 'out-of-range');
    assert.deepEqual(
      fixes.map((f) => f.fix.newText),
      ['3', '1'],
    );
    for (const f of fixes) assert.deepEqual(f.errors, []);
    assert.equal(fixes[0]!.after.design!.workload.batch, 3);
  });

  it('tensor_parallel × pipeline_parallel ≠ chips offers each of the three numbers', async () => {
    const text = `${BASE}system:\n  chips: 8\n  tensor_parallel: 4\n  pipeline_parallel: 1\n`;
    const fixes = await fixesFor(text, 'parallelism-mismatch');
    assert.deepEqual(
      fixes.map((f) => f.fix.title),
      [
        'Set chips to 4 (tensor_parallel × pipeline_parallel)',
        'Set tensor_parallel to 8 (chips / pipeline_parallel)',
        'Set pipeline_parallel to 2 (chips / tensor_parallel)',
      ],
    );
    for (const f of fixes) assert.equal(f.errors.includes('parallelism-mismatch'), false, f.fixed);
    assert.match(fixes[0]!.fixed, /chips: 4\n/);
  });

  it('a chip count inherited from another file is set in this file', async () => {
    // Both written, in two files: the quick fix writes the chip count here.
    const text = 'extends: ./base.chip.yaml\nsystem:\n  tensor_parallel: 2\n';
    const base = { '/ws/base.chip.yaml': 'extends: h100-sxm\nworkload: { model: llama-2-7b }\nsystem: { chips: 8 }\n' };
    const [first] = await fixesFor(text, 'parallelism-mismatch', base);
    assert.match(first!.fixed, /system:\n {2}tensor_parallel: 2\n {2}chips: 2\n/);
    assert.deepEqual(first!.errors, []);
  });

  it('"`tdp` is required" adds `tdp: 300 W` to the chip section', async () => {
    const text =
      'chip:\n  clock: 1 GHz\n  memory: { capacity: 80 GB, bandwidth: 3 TB/s }\n  vector: { peak: 60 TFLOPS }\n  matrix: { peak: { bf16: 900 TFLOPS } }\nworkload: { model: llama-2-7b }\n';
    const fixes = await fixesFor(text, 'missing-key');
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0]!.fix.preferred, true);
    assert.match(fixes[0]!.fix.title, /`tdp: 300 W`/);
    assert.match(fixes[0]!.fixed, /\n {2}tdp: 300 W\n/);
    assert.deepEqual(fixes[0]!.errors, []);
    assert.ok(fixes[0]!.after.result);
  });

  it('precision: int8 expands to the section with int8 for every format', async () => {
    const fixes = await fixesFor(`${BASE}  precision: int8\n`, 'expected-mapping');
    assert.deepEqual(
      fixes.map((f) => f.fix.newText),
      ['{ weights: int8, activations: int8, kv_cache: int8 }'],
    );
    assert.deepEqual(fixes[0]!.errors, []);
    assert.equal(fixes[0]!.after.design!.workload.precision.kvCache, 'int8');
  });

  it('chip: <a preset id> is one error, whose fix writes the extends it meant; a near id is suggested, not written', async () => {
    // One edit from `a10g`, or a prefix of two ids: said in words, with no fix that could write the wrong chip.
    for (const [written, said] of [
      ['a100', /\(`a100-80gb-sxm` or `a100-40gb-sxm`\?\)/],
      ['h100', /\(`h100-sxm`\?\)/],
    ] as const) {
      const near = await analyze(`name: mine\nchip: ${written}\nworkload:\n  model: llama-3-8b\n`);
      const errors = near.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => d.code),
        ['expected-mapping'],
      );
      assert.match(errors[0]!.message, said);
      assert.equal(errors[0]!.fixes, undefined);
    }
    const text = 'name: mine\nchip: h100-sxm\nworkload:\n  model: llama-3-8b\n';
    const analysis = await analyze(text);
    // Read as the extends it meant: not also every chip key "required".
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
      ['chip-preset-reference'],
    );
    const fixes = await fixesFor(text, 'chip-preset-reference');
    assert.deepEqual(
      fixes.map((f) => f.fixed),
      ['name: mine\nextends: h100-sxm\nworkload:\n  model: llama-3-8b\n'],
    );
    assert.deepEqual(fixes[0]!.errors, []);
    assert.equal(fixes[0]!.after.design!.hardware.tdpWatts, 700); // the H100 SXM5's
    // Beside an extends of its own the file keeps that one, and no fix guesses which was meant.
    const both = await analyze(`${BASE}chip: h100-sxm\n`);
    const error = both.diagnostics.find((d) => d.code === 'chip-preset-reference');
    assert.match(error!.message, /already starts from `extends`/);
    assert.equal(error!.fixes, undefined);
  });

  it('a section written as a value is one error at the value: its keys are not each reported missing', async () => {
    const analysis = await analyze('name: mine\nchip: my own design\nworkload: llama-3-8b\n');
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path]),
      [
        ['expected-mapping', 'chip'],
        ['expected-mapping', 'workload'],
      ],
    );
    const fixes = await fixesFor('extends: jalapeno\nworkload: llama-3-8b\n', 'expected-mapping');
    assert.deepEqual(
      fixes.map((f) => f.fixed),
      ['extends: jalapeno\nworkload: { model: llama-3-8b }\n'],
    );
    assert.deepEqual(fixes[0]!.errors, []);
  });
  it('a memory key a chip without off-chip memory does not read is removed, its line and only its line (block or flow)', async () => {
    const block = `extends: groq-like\nchip:\n  memory:\n    technology: none\n    capacity: 32 GB   # left over\n  sram: { capacity: 230 MB, bandwidth: 80 TB/s }\n`;
    const text = block.replace('extends: groq-like\n', `${BASE}`);
    const [removed] = await fixesFor(text, 'memory-none-unused');
    assert.equal(removed!.fix.title, 'Remove `chip.memory.capacity` (not used without off-chip memory)');
    assert.equal(removed!.fixed, text.replace('    capacity: 32 GB   # left over\n', ''));
    assert.ok(!removed!.after.diagnostics.some((d) => d.code === 'memory-none-unused'));
    // In a flow map: the entry and its comma.
    const flow = `${BASE}chip:\n  memory: { technology: none, bandwidth: 3 TB/s, capacity: 80 GB }\n  sram: { capacity: 230 MB, bandwidth: 80 TB/s }\n`;
    const fixes = await fixesFor(flow, 'memory-none-unused');
    assert.match(fixes[0]!.fixed, /memory: \{ technology: none, capacity: 80 GB \}\n/);
    const last = (await analyze(flow)).diagnostics.filter((d) => d.code === 'memory-none-unused')[1]!;
    const [lastFix] = plannedFixes(last, await analyze(flow), FILE, flow);
    assert.match(apply(flow, lastFix!), /memory: \{ technology: none, bandwidth: 3 TB\/s \}\n/);
  });
  it('removing a key takes its own lines only, a whole block section included', () => {
    const t = 'chip:\n  memory:\n    capacity: 1 GB\n  sram:\n    capacity: 2 MB\n    bandwidth: 1 TB/s\nworkload:\n  batch: 1\n';
    const removed = (path: string[]) => {
      const e = removeKeyEdit(t, path)!;
      return t.slice(0, e.range.start) + e.newText + t.slice(e.range.end);
    };
    assert.equal(removed(['chip', 'sram']), 'chip:\n  memory:\n    capacity: 1 GB\nworkload:\n  batch: 1\n');
    assert.equal(removed(['chip', 'sram', 'bandwidth']), t.replace('    bandwidth: 1 TB/s\n', ''));
    assert.equal(removed(['workload', 'batch']), t.replace('  batch: 1\n', ''));
    assert.equal(removeKeyEdit(t, ['chip', 'tdp']), undefined);
  });
});
