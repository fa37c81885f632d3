// Presets are data with a source for every number: ids as in the contract, every numeric
// leaf cited, no citation pointing nowhere, dense (not sparse) peaks, and each preset a
// valid config fragment.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { validateConfig } from '../../model/config/validate';
import { treeFromData } from '../../model/config/tree';
import { chipPresets } from '../../model/presets/chips';
import { modelPresets } from '../../model/presets/models';
import type { Preset } from '../../model/presets/types';
import { PROCESS_NODE_TABLE, switchingEnergyScale, type ProcessNodeName } from '../../model/silicon/processNodes';
import { parseQuantity, type Dimension } from '../../model/units';

const CHIP_IDS = [
  'jalapeno',
  'h100-sxm',
  'h200-sxm',
  'a100-80gb-sxm',
  'a100-40gb-sxm',
  'a10g',
  'l40s',
  'mi300x',
  'tpu-v5e',
  'inferentia2',
  'trn1',
  'trn2',
  'tpu-v4',
  'gaudi2',
  'gaudi3',
];
const MODEL_IDS = [
  'llama-2-7b',
  'llama-2-13b',
  'llama-2-70b',
  'llama-3-8b',
  'llama-3-70b',
  'mistral-7b',
  'mixtral-8x7b',
  'gpt-j-6b',
  'gpt-3-175b',
  'bloom-176b',
];
const GPU_IDS = ['h100-sxm', 'h200-sxm', 'a100-80gb-sxm', 'a100-40gb-sxm', 'a10g', 'l40s', 'mi300x'];
const ALL: readonly Preset[] = [...chipPresets, ...modelPresets];

/** Every leaf of a config as [dotted path, value]; list items are `path.i`. */
function leaves(value: unknown, path: string[] = []): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, String(i)]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path.join('.'), value]];
}

const isNumericLooking = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^\s*[0-9.]/.test(v));

function pathExists(config: unknown, dotted: string): boolean {
  let node: unknown = config;
  for (const key of dotted.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

const PREFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };
/** "989.4 TFLOPS" -> 9.894e14 (operations per second). */
function opsPerSecond(text: unknown): number {
  const m = /^\s*([0-9.]+)\s*([kMGTP]?)(FLOPS|OPS)\s*$/.exec(String(text));
  assert.ok(m, `not a compute rate: ${String(text)}`);
  return Number(m[1]) * PREFIX[m[2]!]!;
}
/** "300 W" -> 300. */
function watts(text: unknown): number {
  const m = /^\s*([0-9.]+)\s*W\s*$/.exec(String(text));
  assert.ok(m, `not a power in W: ${String(text)}`);
  return Number(m[1]);
}

const chip = (id: string) => chipPresets.find((p) => p.id === id)!;
const chipSection = (p: Preset) => p.config['chip'] as Record<string, any>;

describe('preset ids', () => {
  it('has every contract chip id exactly once, and no others', () => {
    const ids = chipPresets.map((p) => p.id);
    for (const id of CHIP_IDS) assert.equal(ids.filter((x) => x === id).length, 1, `chip preset ${id}`);
    assert.deepEqual([...ids].sort(), [...CHIP_IDS].sort());
  });
  it('has every contract model id exactly once, and no others', () => {
    const ids = modelPresets.map((p) => p.id);
    for (const id of MODEL_IDS) assert.equal(ids.filter((x) => x === id).length, 1, `model preset ${id}`);
    assert.deepEqual([...ids].sort(), [...MODEL_IDS].sort());
  });
  it('labels each preset with its kind, a name and a summary', () => {
    for (const p of chipPresets) assert.equal(p.kind, 'chip', p.id);
    for (const p of modelPresets) assert.equal(p.kind, 'model', p.id);
    for (const p of ALL) {
      assert.ok(p.name.trim().length > 0, `${p.id} name`);
      assert.ok(p.summary.trim().length > 0, `${p.id} summary`);
    }
  });
});

describe('sources', () => {
  for (const p of ALL) {
    it(`${p.id}: every numeric leaf has a non-empty source`, () => {
      const missing = leaves(p.config)
        .filter(([, v]) => isNumericLooking(v))
        .map(([path]) => path)
        .filter((path) => !p.sources[path]?.trim());
      assert.deepEqual(missing, [], `${p.id}: numbers without a source`);
    });
    it(`${p.id}: every source points at a path that exists`, () => {
      const dangling = Object.keys(p.sources).filter((path) => !pathExists(p.config, path));
      assert.deepEqual(dangling, [], `${p.id}: sources for paths not in the config`);
      for (const [path, text] of Object.entries(p.sources)) assert.ok(text.trim().length > 0, `${p.id}: empty source for ${path}`);
    });
  }
});

describe('chip presets', () => {
  it('GPU peaks are dense, not 2:4-sparse', () => {
    const peak = (id: string, dtype: string) => opsPerSecond(chipSection(chip(id)).matrix.peak[dtype]);
    assert.ok(peak('h100-sxm', 'bf16') < 1000e12, 'H100 dense bf16 is 989.4 TFLOPS');
    assert.ok(peak('h200-sxm', 'bf16') < 1000e12, 'H200 dense bf16 is 989.4 TFLOPS');
    assert.ok(peak('h100-sxm', 'fp8') < 2000e12, 'H100 dense fp8 is 1978.9 TFLOPS');
    assert.ok(peak('a100-80gb-sxm', 'bf16') <= 312e12, 'A100 dense bf16 is 312 TFLOPS');
    assert.ok(peak('a100-40gb-sxm', 'int8') <= 624e12, 'A100 dense int8 is 624 TOPS');
    assert.ok(peak('l40s', 'bf16') < 400e12, 'L40S dense bf16 is 362 TFLOPS');
    assert.ok(peak('mi300x', 'bf16') < 1400e12, 'MI300X dense bf16 is 1307.4 TFLOPS');
    assert.ok(peak('a10g', 'bf16') < 125e12, "A10G is below the A10's dense 125 TFLOPS");
    for (const id of GPU_IDS) {
      const p = chipSection(chip(id)).matrix.peak as Record<string, string>;
      for (const low of ['fp8', 'int8', 'int4']) {
        if (p[low]) assert.ok(opsPerSecond(p[low]) <= 4 * opsPerSecond(p['bf16']) + 1, `${id} ${low} is at most 4x bf16`);
      }
    }
  });
  it('A100 has no fp8', () => {
    assert.equal(chipSection(chip('a100-80gb-sxm')).matrix.peak.fp8, undefined);
    assert.equal(chipSection(chip('a100-40gb-sxm')).matrix.peak.fp8, undefined);
  });
  it('jalapeno stays under 300 W and uses the geometry form with INT8', () => {
    const j = chipSection(chip('jalapeno'));
    assert.ok(watts(j.tdp) <= 300, 'seed: peak power under 300 W');
    assert.equal(j.matrix.peak, undefined);
    assert.ok(j.matrix.units > 0 && /^\d+x\d+$/.test(j.matrix.array));
    assert.equal(j.matrix.macs_per_cycle.int8, 1);
    assert.deepEqual(j.fixed_function, ['qkv_projection']);
  });
  it('GPUs, TPU and Inferentia use the peak form and no fixed function', () => {
    for (const p of chipPresets.filter((c) => c.id !== 'jalapeno')) {
      const c = chipSection(p);
      assert.ok(c.matrix.peak && c.matrix.units === undefined, `${p.id} peak form`);
      assert.deepEqual(c.fixed_function, [], `${p.id} fixed_function`);
      assert.equal(c.fixed_function_supports, undefined, `${p.id} fixed_function_supports`);
    }
  });
  it('every MAC energy is for a dtype the matrix units support', () => {
    for (const p of chipPresets) {
      const c = chipSection(p);
      const supported = Object.keys(c.matrix.peak ?? c.matrix.macs_per_cycle).sort();
      assert.deepEqual(Object.keys(c.energy.mac).sort(), supported, p.id);
    }
  });
  it("SRAM energies are Horowitz's 12.5 pJ/B at 45 nm scaled to the node the note names, as the model scales defaults (processNodes.ts)", () => {
    const scale = (node: ProcessNodeName) => switchingEnergyScale(PROCESS_NODE_TABLE[node]);
    const pJ = (s: string) => (parseQuantity(s, 'energy') as { value: number }).value * 1e12;
    for (const p of chipPresets) {
      const note = p.sources['chip.energy.sram']!;
      // The class each note names: 4-5 nm, N7/N6, or 8 nm (Samsung's, or an unpublished node taken conservatively).
      const node: ProcessNodeName = /4-5 nm-class/.test(note) ? '5 nm' : /TSMC N7\/N6/.test(note) ? '7 nm' : '8 nm';
      const stated = pJ(chipSection(p).energy.sram.replace('/B', ''));
      assert.ok(Math.abs(stated / (12.5 * scale(node)) - 1) < 0.03, `${p.id}: ${stated} pJ/B at ${node}`);
      // The node the energies are at: the preset's process, or, where it states none, `energiesAt`.
      const at = (chipSection(p).process as ProcessNodeName | undefined) ?? p.energiesAt;
      assert.ok(at, `${p.id} states neither a process nor energiesAt`);
      assert.equal(scale(at), scale(node), p.id);
    }
    // jalapeno's MACs: the 45 nm arithmetic x the 5 nm scale x 2 for operand delivery in the array.
    const j = chipSection(chipPresets.find((c) => c.id === 'jalapeno')!).energy.mac;
    assert.ok(Math.abs(pJ(j.int8!) / (0.315 * scale('5 nm') * 2) - 1) < 0.01, `int8 ${j.int8}`);
    assert.ok(Math.abs(pJ(j.bf16!) / (1.5 * scale('5 nm') * 2) - 1) < 0.01, `bf16 ${j.bf16}`);
  });
  for (const p of chipPresets) {
    it(`${p.id} validates as a chip config with no errors or warnings`, () => {
      const { diagnostics } = validateConfig(treeFromData(p.config, () => ({ kind: 'preset', presetId: p.id })));
      const problems = diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.path}: ${d.message}`);
      assert.deepEqual(problems, []);
    });
  }
});

describe('model presets', () => {
  for (const p of modelPresets) {
    it(`${p.id} has a consistent architecture`, () => {
      const m = p.config as Record<string, any>;
      for (const key of ['layers', 'hidden', 'heads', 'kv_heads', 'ffn', 'activation', 'vocab', 'max_context']) {
        assert.ok(m[key] !== undefined, `${p.id}.${key}`);
      }
      assert.equal(m.heads % m.kv_heads, 0, 'heads are a multiple of kv_heads');
      if (m.head_dim === undefined) assert.equal(m.hidden % m.heads, 0, 'default head_dim = hidden / heads is whole');
      else assert.notEqual(m.head_dim, m.hidden / m.heads, 'head_dim given only where it differs from hidden / heads');
    });
    it(`${p.id} validates as an inline workload.model with no errors or warnings`, () => {
      const { diagnostics } = validateConfig(treeFromData({ workload: { model: p.config } }, () => ({ kind: 'preset', presetId: p.id })));
      const problems = diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.path}: ${d.message}`);
      assert.deepEqual(problems, []);
    });
  }
  it('encodes the public architectures named in the brief', () => {
    const m = (id: string) => modelPresets.find((p) => p.id === id)!.config as Record<string, unknown>;
    assert.deepEqual(
      [
        m('llama-3-70b')['layers'],
        m('llama-3-70b')['hidden'],
        m('llama-3-70b')['heads'],
        m('llama-3-70b')['kv_heads'],
        m('llama-3-70b')['ffn'],
        m('llama-3-70b')['vocab'],
      ],
      [80, 8192, 64, 8, 28672, 128256],
    );
    assert.equal(m('gpt-j-6b')['parallel_attention'], true);
    assert.equal((m('gpt-j-6b')['hidden'] as number) / (m('gpt-j-6b')['heads'] as number), 256);
    assert.deepEqual([m('mixtral-8x7b')['experts'], m('mixtral-8x7b')['experts_per_token']], [8, 2]);
    assert.deepEqual([m('bloom-176b')['layers'], m('bloom-176b')['vocab'], m('bloom-176b')['activation']], [70, 250880, 'gelu']);
  });
});

describe('Trainium presets agree with the instance totals AWS publishes (hardware_specs.csv)', () => {
  const chip = (id: string) => (chipPresets.find((p) => p.id === id)!.config as { chip: Record<string, Record<string, unknown>> }).chip;
  const si = (text: unknown, dimension: Dimension) => {
    const q = parseQuantity(String(text), dimension);
    assert.ok(q.ok, String(text));
    return q.value;
  };
  it('trn2.48xlarge = 16 Trainium2: 10.7 PF bf16, 20.8 PF fp8, 1,536 GiB, 46.4 TB/s (trn2-arch.rst)', () => {
    const c = chip('trn2');
    const peak = c['matrix']!['peak'] as Record<string, string>;
    const memory = c['memory'] as Record<string, string>;
    assert.ok(Math.abs((16 * si(peak['bf16'], 'opsPerSecond')) / 10.7e15 - 1) < 0.01);
    assert.ok(Math.abs((16 * si(peak['fp8'], 'opsPerSecond')) / 20.8e15 - 1) < 0.01);
    assert.equal(16 * si(memory['capacity'], 'bytes'), 1536 * 2 ** 30);
    assert.ok(Math.abs((16 * si(memory['bandwidth'], 'bandwidth')) / 46.4e12 - 1) < 0.001);
  });
  it('trn1.32xlarge = 16 Trainium: 3,040 TFLOPS, 512 GiB, 13,120 GiB/s (trn1-arch.rst); the Inferentia2 chip with twice its NeuronLink bandwidth', () => {
    const c = chip('trn1');
    assert.equal(16 * si((c['matrix']!['peak'] as Record<string, string>)['bf16'], 'opsPerSecond'), 3040e12);
    assert.equal(16 * si((c['memory'] as Record<string, string>)['capacity'], 'bytes'), 512 * 2 ** 30);
    assert.equal(16 * si((c['memory'] as Record<string, string>)['bandwidth'], 'bandwidth'), 13120 * 2 ** 30);
    const inf2 = chip('inferentia2');
    assert.deepEqual({ ...c, link: undefined }, { ...inf2, link: undefined });
    // Twice the links; the pages write 384 GB/s (trainium2.rst) and 192 GiB/s (inf2-arch.rst): 7 % apart in their units.
    assert.ok(Math.abs(si(c['link']!['bandwidth'], 'bandwidth') / si(inf2['link']!['bandwidth'], 'bandwidth') / 2 - 1) < 0.08);
  });
});
