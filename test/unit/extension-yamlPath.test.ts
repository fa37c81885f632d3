// The key under the cursor, read from the YAML document with node ranges.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyAt, rangeOfPath } from '../../extension/logic/yamlPath';

const TEXT = `name: Test design   # a comment
chip:
  clock: 1.5 GHz
  matrix:
    macs_per_cycle: { int8: 1, bf16: 0.5 }
  fixed_function: [qkv_projection, ffn]
  memory:
    bandwidth: 4.8 TB/s
workload:
  model: llama-3-70b
  batch:
cost:
  lifetime: 4 years
`;

const at = (needle: string, delta = 0) => TEXT.indexOf(needle) + delta;

describe('keyAt', () => {
  it('finds a nested key under the cursor, with its key and value ranges', () => {
    const loc = keyAt(TEXT, at('bandwidth', 3))!;
    assert.deepEqual(loc.path, ['chip', 'memory', 'bandwidth']);
    assert.equal(loc.on, 'key');
    assert.equal(TEXT.slice(loc.keyRange.start, loc.keyRange.end), 'bandwidth');
    assert.equal(TEXT.slice(loc.valueRange.start, loc.valueRange.end), '4.8 TB/s');
    assert.equal(loc.scalar, '4.8 TB/s');
  });

  it('knows the cursor is on the value, including just after its last character', () => {
    assert.equal(keyAt(TEXT, at('4.8 TB/s', 2))!.on, 'value');
    const end = keyAt(TEXT, at('4.8 TB/s', '4.8 TB/s'.length))!;
    assert.deepEqual(end.path, ['chip', 'memory', 'bandwidth']);
    assert.equal(end.on, 'value');
  });

  it('goes into flow maps (dtype entries) and flow lists (items by index)', () => {
    const bf16 = keyAt(TEXT, at('bf16', 1))!;
    assert.deepEqual(bf16.path, ['chip', 'matrix', 'macs_per_cycle', 'bf16']);
    assert.equal(bf16.on, 'key');
    const half = keyAt(TEXT, at('0.5'))!;
    assert.deepEqual(half.path, ['chip', 'matrix', 'macs_per_cycle', 'bf16']);
    assert.equal(half.scalar, 0.5);
    const ffn = keyAt(TEXT, at('ffn]', 1))!;
    assert.deepEqual(ffn.path, ['chip', 'fixed_function', '1']);
    assert.equal(ffn.scalar, 'ffn');
  });

  it('answers on a section key and on a key without a value', () => {
    assert.deepEqual(keyAt(TEXT, at('chip:', 1))!.path, ['chip']);
    const batch = keyAt(TEXT, at('batch', 2))!;
    assert.deepEqual(batch.path, ['workload', 'batch']);
    assert.equal(batch.scalar, null);
  });

  it('answers nothing between keys or in a comment', () => {
    assert.equal(keyAt(TEXT, at('# a comment', 4)), undefined);
    assert.equal(keyAt(TEXT, at('  matrix', 0)), undefined);
  });

  it('still works on text that is not valid YAML everywhere', () => {
    const broken = 'chip:\n  clock: 1.5 GHz\n  memory: [\nworkload:\n  batch: 4\n';
    assert.deepEqual(keyAt(broken, broken.indexOf('clock') + 1)?.path, ['chip', 'clock']);
  });
});

describe('rangeOfPath', () => {
  it('gives the ranges of a written key', () => {
    const found = rangeOfPath(TEXT, ['cost', 'lifetime'])!;
    assert.equal(TEXT.slice(found.valueRange.start, found.valueRange.end), '4 years');
    assert.equal(TEXT.slice(found.keyRange.start, found.keyRange.end), 'lifetime');
  });

  it('is undefined for a key that is not written', () => {
    assert.equal(rangeOfPath(TEXT, ['chip', 'tdp']), undefined);
    assert.equal(rangeOfPath(TEXT, ['system', 'chips']), undefined);
  });
});

describe('LineIndex', () => {
  it('turns offsets into zero-based lines and characters, clamped to the text', async () => {
    const { LineIndex } = await import('../../extension/logic/positions');
    const index = new LineIndex('ab\ncd\n\nef');
    assert.deepEqual(index.position(0), { line: 0, character: 0 });
    assert.deepEqual(index.position(4), { line: 1, character: 1 });
    assert.deepEqual(index.position(6), { line: 2, character: 0 });
    assert.deepEqual(index.position(8), { line: 3, character: 1 });
    assert.deepEqual(index.position(99), { line: 3, character: 2 });
  });
});

describe('locateKey (select a key from the views)', () => {
  it('selects the value in this file, follows extends files, and explains inherited keys', async () => {
    const { locateKey } = await import('../../extension/logic/keyTarget');
    const { analyzeConfig } = await import('../../model/analyze');
    const { memoryHost } = await import('./helpers/memoryHost');
    const base = '/ws/base.chip.yaml';
    const baseText = 'extends: jalapeno\nchip:\n  clock: 1.2 GHz\n';
    const text = 'extends: ./base.chip.yaml\nchip:\n  memory:\n    bandwidth: 4 TB/s\n';
    const analysis = await analyzeConfig(text, '/ws/top.chip.yaml', memoryHost({ [base]: baseText }));
    const here = locateKey('chip.memory.bandwidth', analysis, '/ws/top.chip.yaml', text);
    assert.equal(here.kind, 'here');
    assert.equal(
      text.slice(
        (here as { range: { start: number; end: number } }).range.start,
        (here as { range: { start: number; end: number } }).range.end,
      ),
      '4 TB/s',
    );
    const there = locateKey('chip.clock', analysis, '/ws/top.chip.yaml', text);
    assert.deepEqual(there.kind === 'file' && [there.file, baseText.slice(there.range.start, there.range.end)], [base, '1.2 GHz']);
    const inherited = locateKey('chip.memory.capacity', analysis, '/ws/top.chip.yaml', text);
    assert.equal(inherited.kind, 'inherited');
    assert.match((inherited as { origin: string }).origin, /comes from preset `jalapeno`/);
    assert.equal(text.slice((inherited as { range: { start: number } }).range.start).startsWith('memory:'), true);
    const section = locateKey('chip.memory', analysis, '/ws/top.chip.yaml', text) as { range: { start: number; end: number } };
    assert.equal(text.slice(section.range.start, section.range.end), 'memory');
    const edited = `# new first line\n${text}`;
    const moved = locateKey('chip.memory.bandwidth', analysis, '/ws/top.chip.yaml', edited) as { range: { start: number; end: number } };
    assert.equal(edited.slice(moved.range.start, moved.range.end), '4 TB/s');
  });
});
