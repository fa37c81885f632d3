// Completion items computed from the schema and presets, at cursor positions written as
// `|` in the test text.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionsAt, relativeReference, type CompletionEntry } from '../../extension/logic/completionItems';
import { ACTIVATIONS, chipConfigSchema, TOPOLOGIES } from '../../model/config/schema';
import { DTYPES } from '../../model/dtypes';
import { presetIds } from '../../model/presets';

function complete(textWithCursor: string, env = {}): { items: CompletionEntry[]; text: string; offset: number } {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  return { items: completionsAt(text, offset, env), text, offset };
}
const labels = (textWithCursor: string, env = {}) => complete(textWithCursor, env).items.map((i) => i.label);

describe('key completion', () => {
  it('offers the top-level sections in schema order, with docs', () => {
    const { items } = complete('|');
    assert.deepEqual(
      items.map((i) => i.label),
      Object.keys(chipConfigSchema.fields),
    );
    const chip = items.find((i) => i.label === 'chip')!;
    assert.equal(chip.kind, 'section');
    assert.equal(chip.insertText, 'chip:\n\t$0');
    assert.match(chip.documentation!, /One accelerator chip/);
  });

  it('offers the keys of the section the cursor is indented under, not those already written', () => {
    assert.deepEqual(labels('chip:\n  memory:\n    bandwidth: 4.8 TB/s\n    |'), ['technology', 'stacks', 'capacity', 'efficiency']);
    const workload = labels('chip:\n  clock: 1 GHz\nworkload:\n  batch: 3\n  |\ncost:\n  pue: 1.2\n');
    assert.deepEqual(workload, ['model', 'precision', 'prompt', 'output']);
  });

  it('inserts a key with its default or an example as a snippet placeholder', () => {
    const { items } = complete('chip:\n  memory:\n    |');
    const efficiency = items.find((i) => i.label === 'efficiency')!;
    assert.equal(efficiency.insertText, 'efficiency: ${1:86.25 %}');
    assert.match(efficiency.documentation!, /Default: `86.25 %` — 86.25 %: pooled prior \(no measured rows for this chip\)/);
    assert.equal(items.find((i) => i.label === 'bandwidth')!.insertText, 'bandwidth: ${1:4.8 TB/s}');
    assert.equal(items.find((i) => i.label === 'bandwidth')!.detail, 'a bandwidth, e.g. 4.8 TB/s');
  });

  it('offers enum keys as a choice snippet', () => {
    const topology = complete('system:\n  |').items.find((i) => i.label === 'topology')!;
    assert.equal(topology.insertText, `topology: \${1|${TOPOLOGIES.join(',')}|}`);
  });

  it('replaces the part of the key already typed', () => {
    const { items, text } = complete('chip:\n  memory:\n    band|');
    const bandwidth = items.find((i) => i.label === 'bandwidth')!;
    assert.equal(text.slice(bandwidth.range.start, bandwidth.range.end), 'band');
  });

  it('offers dtypes as keys inside a flow map and model keys inside an inline model', () => {
    assert.deepEqual(
      labels('chip:\n  matrix:\n    macs_per_cycle: { int8: 1, |'),
      DTYPES.filter((d) => d !== 'int8'),
    );
    assert.ok(labels('workload:\n  model: { layers: 32, |').includes('kv_heads'));
    assert.deepEqual(labels('workload:\n  precision: { weights: int8, |'), ['activations', 'kv_cache', 'group_size']);
  });

  it('leaves keys and enum values to Red Hat YAML when it is installed', () => {
    assert.deepEqual(labels('chip:\n  |', { schemaCompletionElsewhere: true }), []);
    assert.deepEqual(labels('system:\n  topology: |', { schemaCompletionElsewhere: true }), []);
    // Preset ids and units are ours alone.
    assert.equal(labels('extends: |', { schemaCompletionElsewhere: true }).length, presetIds('chip').length);
  });

  it('offers nothing in a comment', () => {
    assert.deepEqual(labels('chip:  # mem|'), []);
  });
});

describe('value completion', () => {
  it('offers enum values (dtypes, activations, topology)', () => {
    assert.deepEqual(labels('workload:\n  precision: { weights: |'), [...DTYPES]);
    assert.deepEqual(labels('workload:\n  precision:\n    kv_cache: |'), [...DTYPES]);
    assert.deepEqual(labels('system:\n  topology: |'), [...TOPOLOGIES]);
    assert.deepEqual(labels('workload:\n  model:\n    activation: |'), [...ACTIVATIONS]);
  });

  it('offers fixed-function operators not yet listed, in flow and block lists', () => {
    const flow = labels('chip:\n  fixed_function: [qkv_projection, |');
    assert.ok(!flow.includes('qkv_projection'));
    assert.ok(flow.includes('attention'));
    const block = labels('chip:\n  fixed_function:\n    - qkv_projection\n    - |');
    assert.ok(!block.includes('qkv_projection'));
    assert.ok(block.includes('lm_head'));
  });

  it('offers preset ids with their names for extends, compare and workload.model', () => {
    const { items } = complete('extends: |');
    assert.deepEqual(
      items.map((i) => i.label),
      presetIds('chip'),
    );
    const h100 = items.find((i) => i.label === 'h100-sxm')!;
    assert.equal(h100.kind, 'preset');
    assert.match(h100.documentation!, /Memory .*TB\/s/);
    assert.deepEqual(labels('compare: |'), presetIds('chip'));
    assert.deepEqual(labels('workload:\n  model: ll|'), presetIds('model'));
  });

  it('offers workspace configs as references where paths are allowed', () => {
    const env = { configPaths: ['./base.chip.yaml'] };
    assert.ok(labels('extends: |', env).includes('./base.chip.yaml'));
    assert.ok(!labels('workload:\n  model: |', env).includes('./base.chip.yaml'));
  });

  it("offers units of the key's dimension after a number", () => {
    const { items, text } = complete('chip:\n  memory:\n    bandwidth: 4.8|');
    assert.deepEqual(
      items.map((i) => i.label),
      ['TB/s', 'GB/s', 'GiB/s'],
    );
    // A memory bandwidth is quoted in bytes (no `Gbit/s`, the 8x slip `bits-for-bytes` warns of); a link's in bits too.
    assert.deepEqual(labels('chip:\n  link:\n    bandwidth: 400 |'), ['TB/s', 'GB/s', 'GiB/s', 'Gbit/s']);
    assert.equal(items[0]!.insertText, ' TB/s'); // a space between number and unit
    assert.equal(items[0]!.range.start, text.length);
    const typed = complete('chip:\n  memory:\n    bandwidth: 4.8 T|');
    assert.equal(typed.items[0]!.insertText, 'TB/s');
    assert.equal(typed.text.slice(typed.items[0]!.range.start, typed.items[0]!.range.end), 'T');
    assert.deepEqual(labels('chip:\n  matrix:\n    peak: { bf16: 989 |'), ['TFLOPS', 'TOPS', 'PFLOPS', 'GFLOPS']);
    assert.deepEqual(labels('cost:\n  electricity: 0.1 |'), ['USD/kWh', 'USD/MWh']);
  });

  it('offers the default and an example for an empty quantity', () => {
    const items = complete('chip:\n  link:\n    latency: |').items;
    assert.deepEqual(
      items.map((i) => i.label),
      ['3 us', '2 us'],
    );
    assert.equal(items[0]!.detail, 'default');
  });

  it('offers nothing for a key the schema does not know', () => {
    assert.deepEqual(labels('chip:\n  memroy: |'), []);
  });
});

describe('relativeReference', () => {
  it('writes references the way configs write them', () => {
    assert.equal(relativeReference('/ws/designs', '/ws/designs/base.chip.yaml'), './base.chip.yaml');
    assert.equal(relativeReference('/ws/designs', '/ws/shared/h100.chip.yaml'), '../shared/h100.chip.yaml');
    assert.equal(relativeReference('/ws', '/ws/a/b.chip.yaml'), './a/b.chip.yaml');
  });
});
