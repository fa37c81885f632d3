// Quick-fix edits: the model's fixes, "set batch to the largest that fits", and the small
// YAML edits behind them (and behind "Compare With…").

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { largestBatchFix, plannedFixes, MEMORY_CAPACITY_CODE } from '../../extension/logic/quickFixEdits';
import { setValueEdit, type TextEdit } from '../../extension/logic/yamlEdit';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';

const apply = (text: string, edit: TextEdit | { range: { start: number; end: number }; newText: string }) =>
  text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);

describe('setValueEdit', () => {
  const TEXT = 'name: x\nchip:\n  memory:\n    bandwidth: 4.8 TB/s  # HBM3\n\nworkload:\n  batch: 16\n  prompt: 1024\n# end\n';

  it('replaces a written value and keeps the comment after it', () => {
    assert.equal(apply(TEXT, setValueEdit(TEXT, ['workload', 'batch'], '8')), TEXT.replace('batch: 16', 'batch: 8'));
    assert.equal(apply(TEXT, setValueEdit(TEXT, ['chip', 'memory', 'bandwidth'], '6 TB/s')), TEXT.replace('4.8 TB/s', '6 TB/s'));
  });

  it('adds a missing key at the end of its section, indented like its siblings', () => {
    const out = apply(TEXT, setValueEdit(TEXT, ['workload', 'output'], '256'));
    assert.equal(out, TEXT.replace('  prompt: 1024\n', '  prompt: 1024\n  output: 256\n'));
    const deeper = apply(TEXT, setValueEdit(TEXT, ['chip', 'memory', 'capacity'], '96 GB'));
    assert.equal(deeper, TEXT.replace('# HBM3\n', '# HBM3\n    capacity: 96 GB\n'));
  });

  it('adds missing sections, nested, at the end of the file', () => {
    assert.equal(apply(TEXT, setValueEdit(TEXT, ['compare'], 'h100-sxm')), `${TEXT}compare: h100-sxm\n`);
    assert.equal(apply('name: x', setValueEdit('name: x', ['system', 'chips'], '2')), 'name: x\nsystem:\n  chips: 2\n');
    assert.equal(
      apply(TEXT, setValueEdit(TEXT, ['chip', 'link', 'bandwidth'], '450 GB/s')),
      TEXT.replace('# HBM3\n', '# HBM3\n  link:\n    bandwidth: 450 GB/s\n'),
    );
  });

  it('fills a key written without a value, and a section written empty', () => {
    const empty = 'workload:\n  batch:\ncost:\n';
    assert.equal(apply(empty, setValueEdit(empty, ['workload', 'batch'], '4')), 'workload:\n  batch: 4\ncost:\n');
    assert.equal(apply(empty, setValueEdit(empty, ['cost', 'pue'], '1.2')), 'workload:\n  batch:\ncost:\n  pue: 1.2\n');
  });

  it('adds to a flow map', () => {
    const flow = 'workload:\n  precision: { weights: int8 }\n';
    assert.equal(
      apply(flow, setValueEdit(flow, ['workload', 'precision', 'kv_cache'], 'int8')),
      'workload:\n  precision: { weights: int8, kv_cache: int8 }\n',
    );
  });

  it('always leaves valid YAML with the value set', async () => {
    const { parse } = await import('yaml');
    for (const [path, value] of [
      [['workload', 'batch'], '1'],
      [['a', 'b', 'c'], 'd'],
      [['chip', 'memory', 'efficiency'], '85 %'],
    ] as const) {
      const out = parse(apply(TEXT, setValueEdit(TEXT, path, value)));
      assert.equal(
        path.reduce((node: Record<string, unknown>, k) => node[k] as Record<string, unknown>, out),
        value === '1' ? 1 : value,
      );
    }
  });
});

const FILE = '/ws/big.chip.yaml';
const BIG = `extends: jalapeno
workload:
  model: llama-3-70b
  precision: { weights: int8, activations: int8, kv_cache: int8 }
  batch: 512
  prompt: 8192
  output: 1024
`;

describe('quick fixes', () => {
  it('offers the largest batch that fits for the memory-capacity error, at the batch value', async () => {
    const analysis = await analyzeConfig(BIG, FILE, memoryHost({ [FILE]: BIG }));
    const diagnostic = analysis.diagnostics.find((d) => d.code === MEMORY_CAPACITY_CODE);
    assert.ok(diagnostic, JSON.stringify(analysis.diagnostics.map((d) => d.code)));
    const maxBatch = analysis.result!.memory.maxBatch;
    assert.ok(maxBatch >= 1 && maxBatch < 512);
    const [fix] = plannedFixes(diagnostic, analysis, FILE, BIG);
    assert.equal(fix!.title, `Set batch to ${maxBatch}, the largest that fits in memory`);
    assert.equal(fix!.preferred, true);
    const fixed = apply(BIG, fix!);
    assert.equal(fixed, BIG.replace('batch: 512', `batch: ${maxBatch}`));
    const after = await analyzeConfig(fixed, FILE, memoryHost({ [FILE]: fixed }));
    assert.equal(after.result!.memory.fits, true);
    assert.equal(
      after.diagnostics.some((d) => d.code === MEMORY_CAPACITY_CODE),
      false,
    );
  });

  it('sets the batch in this file when it is inherited, and recomputes on edited text', async () => {
    const base = '/ws/base.chip.yaml';
    const top = 'extends: ./base.chip.yaml\nname: top\n';
    const analysis = await analyzeConfig(top, '/ws/top.chip.yaml', memoryHost({ [base]: BIG }));
    const fix = largestBatchFix(analysis, '/ws/top.chip.yaml', top)!;
    assert.equal(apply(top, fix), `${top}workload:\n  batch: ${analysis.result!.memory.maxBatch}\n`);
    const own = await analyzeConfig(BIG, FILE, memoryHost({}));
    const edited = `# a comment added since\n${BIG}`;
    assert.equal(apply(edited, largestBatchFix(own, FILE, edited)!), edited.replace('batch: 512', `batch: ${own.result!.memory.maxBatch}`));
  });

  it("passes on the model's own fixes, but only while the text is the one evaluated", async () => {
    const text = 'extends: jalapeno\nchip:\n  memory:\n    bandwidth: 4.8 GB\n';
    const analysis = await analyzeConfig(text, FILE, memoryHost({}));
    const unknown = 'extends: jalapeno\nchip:\n  memroy:\n    bandwidth: 4.8 TB/s\n';
    const a2 = await analyzeConfig(unknown, FILE, memoryHost({}));
    const d = a2.diagnostics.find((x) => x.code === 'unknown-key')!;
    const fixes = plannedFixes(d, a2, FILE, unknown);
    assert.equal(fixes[0]!.title, 'Rename to `memory`');
    assert.equal(apply(unknown, fixes[0]!), unknown.replace('memroy', 'memory'));
    assert.deepEqual(plannedFixes(d, a2, FILE, `${unknown}# edited\n`), []);
    assert.ok(analysis.diagnostics.some((x) => x.code === 'unit-dimension'));
  });
});
