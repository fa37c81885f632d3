// Hover text composed from the schema, the last analysis and the presets.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { describeSensitivity, formatConfigValue, hoverMarkdown } from '../../extension/logic/hoverText';
import { schemaAt } from '../../model/config/schema';
import { keyAt } from '../../extension/logic/yamlPath';
import type { Analysis } from '../../model/analysis';
import { analyzeConfig } from '../../model/analyze';
import { collectiveTime } from '../../model/result';
import { formatPercent } from '../../model/report/format';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/top.chip.yaml';
const BASE = '/ws/base.chip.yaml';
const BASE_TEXT = `chip:
  clock: 1.5 GHz
  tdp: 300 W
  matrix:
    units: 64
    array: 128x128
    macs_per_cycle: { int8: 1, bf16: 0.5 }
  vector:
    peak: 60 TFLOPS
  sram:
    capacity: 128 MiB
    bandwidth: 40 TB/s
  memory:
    capacity: 96 GB
    bandwidth: 4.8 TB/s
  link:
    bandwidth: 450 GB/s
`;
const TEXT = `name: Top design
extends: ./base.chip.yaml
chip:
  memory:
    bandwidth: 3.2 TB/s
system:
  chips: 2
  tensor_parallel: 2
workload:
  model: llama-3-8b
  precision: { weights: int8, activations: int8, kv_cache: int8 }
  batch: 8
compare: h100-sxm
`;

let analysis: Analysis;
before(async () => {
  analysis = await analyzeConfig(TEXT, FILE, memoryHost({ [FILE]: TEXT, [BASE]: BASE_TEXT }), { sensitivity: true });
  assert.equal(analysis.diagnostics.filter((d) => d.severity === 'error').length, 0, JSON.stringify(analysis.diagnostics));
});

function hover(needle: string, delta = 1, withAnalysis = true): string {
  const location = keyAt(TEXT, TEXT.indexOf(needle) + delta);
  assert.ok(location, `a key at ${needle}`);
  return (
    hoverMarkdown({
      location,
      analysis: withAnalysis ? analysis : undefined,
      file: FILE,
      linkTo: (file, offset) => `file://${file}#${offset}`,
    }) ?? ''
  );
}

describe('hover', () => {
  it('documents the keys inside a length distribution (serving.prompt: { distribution: lognormal, sigma: … })', () => {
    const text = 'serving:\n  prompt: { distribution: lognormal, mean: 1024, sigma: 0.6, max: 6144 }\n';
    const at = (needle: string) =>
      hoverMarkdown({ location: keyAt(text, text.indexOf(needle) + 1)!, analysis: undefined, file: FILE, linkTo: () => '' }) ?? '';
    assert.match(at('sigma'), /^\*\*serving\.prompt\.sigma\*\* — ratio, 0–5\n\nSpread of a `lognormal`/);
    assert.match(at('lognormal'), /^\*\*serving\.prompt\.distribution\*\* — one of fixed \| uniform \| lognormal \| trace/);
    assert.match(at('max:'), /^\*\*serving\.prompt\.max\*\* — whole number/);
  });

  it("a chip preset's headline prints its figures as the report does (1.98 PFLOPS, $33,800), not as the preset writes them", () => {
    const text = 'extends: h100-sxm\n';
    const h = hoverMarkdown({ location: keyAt(text, text.indexOf('h100') + 1)!, analysis: undefined, file: FILE, linkTo: () => '' }) ?? '';
    assert.match(h, /- Peak bf16 989 TFLOPS · fp16 989 TFLOPS · fp8 1\.98 PFLOPS · int8 1\.98 POPS\n/);
    assert.match(h, /- Price \$33,800/);
  });

  it('documents a key from the schema even before an evaluation', () => {
    const text = hover('bandwidth', 1, false);
    assert.match(text, /^\*\*chip\.memory\.bandwidth\*\* — a bandwidth, e\.g\. 4\.8 TB\/s/);
    assert.match(text, /Peak memory bandwidth per chip/);
    assert.doesNotMatch(text, /\*\*Value\*\*/);
  });

  it('gives the value in normal units, that it is set here, what it drives and its sensitivity', () => {
    const text = hover('3.2 TB/s', 2);
    assert.match(text, /\*\*Value\*\* 3\.2 TB\/s — set in this file/);
    const decode = analysis.result!.phases.decode;
    const total = Object.values(decode.secondsBy).reduce((a, b) => a + b, 0);
    const share = Math.round((100 * decode.secondsBy.memory) / total);
    assert.match(
      text,
      new RegExp(`\\*\\*Now:\\*\\* Decode is ${decode.bottleneck}-bound.*memory traffic limits ${share}% of the decode step time`),
    );
    const s = analysis.sensitivity.find((x) => x.path === 'chip.memory.bandwidth')!;
    assert.ok(s.decodeMsPerToken < 0, 'more bandwidth, less latency');
    assert.match(
      text,
      new RegExp(`\\*\\*Sensitivity\\*\\* \\+10% here → −${Math.abs(100 * s.decodeMsPerToken).toFixed(1)}% per-token latency`),
    );
  });

  it('on a parallelism key, says what the all-reduces take of a step: their link time and their start-up, as the collective check counts them', () => {
    // An all-reduce whose start-up outweighs its hops is overhead-bound: the interconnect's
    // bottleneck share alone read "limits 0 %" beside a warning that all-reduces take most of a step.
    const text = hover('tensor_parallel', 1);
    const { linkShare, startupShare } = collectiveTime(analysis.result!.phases.decode);
    assert.ok(linkShare > 0 && startupShare > 0);
    const pct = (x: number) => formatPercent(x).replace('.', '\\.');
    assert.match(
      text,
      new RegExp(
        `the chip-to-chip all-reduces take ${pct(linkShare + startupShare)} of the decode step \\(${pct(linkShare)} on the links, ${pct(startupShare)} in start-up and dispatch(, their start-up counted as overhead, not link time)?\\)`,
      ),
    );
    // Overhead-bound with the all-reduces most of the step: why both hold (a workbench review read a contradiction).
    assert.ok(analysis.result!.decode.bottleneck === 'overhead' && startupShare > linkShare);
    assert.match(text, /Decode is overhead-bound, not interconnect-bound: .*their start-up counted as overhead, not link time\)/);
    // The collective check words the same shares the same way (a review read "13.9 %" there beside the hover's "14 %").
    const check = analysis.diagnostics.find((d) => d.code === 'collective-latency-bound');
    assert.ok(
      check?.message.includes(`take ${formatPercent(linkShare + startupShare)} of each step: ${formatPercent(linkShare)} on the links`),
      check?.message,
    );
  });

  it("lists a section's values with where each comes from: this file, the extends file (linked), a preset, a default", () => {
    const chip = hover('chip:', 1);
    assert.match(chip, /- `clock` 1\.5 GHz — from \[base\.chip\.yaml:2\]\(file:\/\/\/ws\/base\.chip\.yaml#\d+\) \(extends\)/);
    // Not given, no process to model the die: the share of TDP every preset assumes (13 % of 300 W).
    assert.match(chip, /- `idle_power` 39 W — not given: 13% of the TDP, what the chip presets assume where no idle reading is published/);
    const model = hover('model:', 1);
    assert.match(model, /- `layers` 32 — from preset `llama-3-8b`/);
    const memory = hover('memory:', 1);
    assert.match(memory, /- `bandwidth` 3\.2 TB\/s — set in this file/);
    assert.match(memory, /- `efficiency` 86\.25 % — documented default/);
  });

  it("shows a preset's headline figures on its id, and the comparison on `compare`", () => {
    const model = hover('llama-3-8b', 2);
    assert.match(model, /\*\*Llama 3 8B\*\* \(`llama-3-8b`, model preset\)/);
    assert.match(model, /≈8\.0\dB parameters/);
    const compare = hover('h100-sxm', 2);
    assert.match(compare, /h100-sxm`, chip preset/);
    // With prediction ranges, a ratio whose range holds 1 is worded as no clear difference.
    assert.match(
      compare,
      /This design vs .*H100.*: decode ([\d.]+× (faster|slower)|no clear difference \((on par|[\d.]+× (faster|slower)) as estimated, [\d.]+–[\d.]+×\))/,
    );
  });

  it('reads a price with its thousands grouped (20,000 USD), not as the config writes it (20000 USD), to the cent', () => {
    assert.equal(formatConfigValue(schemaAt(['cost', 'chip_price'])!, 20000), '20,000 USD');
    assert.equal(formatConfigValue(schemaAt(['cost', 'chip_price'])!, 12.5), '12.5 USD');
    assert.equal(formatConfigValue(schemaAt(['cost', 'chip_price'])!, 1999.99), '1,999.99 USD');
  });

  it('reads a size written in binary units in them (256 MiB, not 268 MB), and a decimal one in decimal', () => {
    const capacity = schemaAt(['chip', 'sram', 'capacity'])!;
    assert.equal(formatConfigValue(capacity, 256 * 2 ** 20), '256 MiB');
    assert.equal(formatConfigValue(schemaAt(['chip', 'memory', 'capacity'])!, 80 * 2 ** 30), '80 GiB');
    assert.equal(formatConfigValue(schemaAt(['chip', 'memory', 'capacity'])!, 96e9), '96 GB');
    // Round decimal sizes stay decimal (512 kB is also 500 KiB); a binary one with a fraction reads binary (a code review).
    assert.equal(formatConfigValue(capacity, 512e3), '512 kB');
    assert.equal(formatConfigValue(capacity, 1.5e9), '1.5 GB');
    assert.equal(formatConfigValue(capacity, 1.5 * 2 ** 30), '1.5 GiB');
  });

  it("reads a compute rate in its format's unit (a vector peak in TFLOPS, int8 in TOPS) and a lane share exactly (a workbench review)", () => {
    assert.equal(formatConfigValue(schemaAt(['chip', 'vector', 'peak'])!, 40e12, ['chip', 'vector', 'peak']), '40 TFLOPS');
    assert.equal(
      formatConfigValue(schemaAt(['chip', 'matrix', 'peak'])!, { bf16: 315e12, int8: 1.26e15 }, ['chip', 'matrix', 'peak']),
      'bf16 315 TFLOPS · int8 1.26 POPS',
    );
    assert.equal(formatConfigValue(schemaAt(['chip', 'silicon', 'fp64_rate'])!, 1 / 64), '1.5625 %');
  });

  it('links an extends path to its file', () => {
    assert.match(hover('./base.chip.yaml', 3), /\[base\.chip\.yaml\]\(file:\/\/\/ws\/base\.chip\.yaml#0\): this file is merged over it/);
  });

  it('documents the list a list item belongs to', () => {
    const text = 'chip:\n  fixed_function: [qkv_projection]\n';
    const location = keyAt(text, text.indexOf('qkv') + 1)!;
    assert.match(hoverMarkdown({ location, analysis: undefined, file: FILE, linkTo: () => '' })!, /\*\*chip\.fixed_function\*\* — list of/);
  });
});

describe('describeSensitivity', () => {
  it('writes changes with signs, dropping what does not move', () => {
    assert.equal(
      describeSensitivity({
        path: 'x',
        step: 0.1,
        decodeMsPerToken: -0.079,
        prefillMs: 0,
        joulesPerOutputToken: 0.0001,
        usdPerResponse: -0.012,
        wattsDelta: 2.14,
      }),
      '+10% here → −7.9% per-token latency, +2.14 W per chip, −1.2% $/response',
    );
    assert.equal(
      describeSensitivity({
        path: 'x',
        step: 0.1,
        decodeMsPerToken: 0,
        prefillMs: 0,
        joulesPerOutputToken: 0,
        usdPerResponse: 0,
        wattsDelta: 0,
      }),
      '+10% here → no visible change: not a limit at this design point',
    );
  });
  it('adds die area and modelled chip price when the die is modelled', () => {
    assert.equal(
      describeSensitivity({
        path: 'chip.sram.capacity',
        step: 0.1,
        decodeMsPerToken: 0,
        prefillMs: 0,
        joulesPerOutputToken: 0,
        usdPerResponse: 0,
        wattsDelta: 0,
        dieAreaMm2: 0.061,
        modelledPriceUsd: 0.025,
      }),
      // The speed did not move: said, or the line reads as if it had been left out.
      '+10% here → +6.1% die area, +2.5% modelled chip price; latency unchanged: not a limit at this design point',
    );
  });
  it("gives a share's two values: an 88 % margin is stepped on the cost's share of the price, to 86.8 %", async () => {
    const a = await analyzeConfig('extends: h100-sxm\nworkload: { model: llama-2-7b }\n', '/ws/m.chip.yaml', memoryHost({}), {
      sensitivity: true,
    });
    const margin = a.sensitivity.find((s) => s.path === 'cost.silicon.margin')!;
    assert.deepEqual(
      margin.shareStep!.map((x) => +x.toFixed(4)),
      [0.88, 0.868],
    );
    // Not +10 % of the margin itself (96.8 %, a quarter of the cost's share: +222 % cost per response).
    assert.match(describeSensitivity(margin), /^[−-]1\.4% here \(88% → 86\.8%\) → .*[−-]\d+\.\d% modelled chip price/);
    // Not on a key that is not a share.
    assert.equal(a.sensitivity.find((s) => s.path === 'chip.memory.bandwidth')!.shareStep, undefined);
  });

  it('a rate key whose resource bounds decode, where +10 % cuts far less than that limit would, says another limit is close (a review: "memory-bound" beside −2.5 %)', async () => {
    const file = '/ws/tpu.chip.yaml';
    // At 0.98 GHz its arrays take nearly as long as its memory in decode: +10 % bandwidth makes them the limit.
    const text = readFileSync(join(__dirname, '../../examples/silicon/tpu-v4.chip.yaml'), 'utf8').replace(
      'clock: 1.05 GHz',
      'clock: 0.98 GHz',
    );
    const a = await analyzeConfig(text, file, memoryHost({ [file]: text }), { sensitivity: true });
    assert.equal(a.result!.decode.bottleneck, 'memory');
    const at = (needle: string) =>
      hoverMarkdown({ location: keyAt(text, text.indexOf(needle) + 1)!, analysis: a, file, linkTo: () => '' }) ?? '';
    const bandwidth = at('bandwidth: 1200 GB/s');
    assert.match(bandwidth, /Decode is memory-bound/);
    assert.match(bandwidth, /less than the −[\d.]+% a pure memory limit would give: another limit is close/);
    // Not on a key that is not the bounding resource's rate.
    assert.doesNotMatch(at('clock:'), /another limit is close/);
  });
});

describe('hover on an on-chip energy the node scales', () => {
  // A review: the hover gave the 45 nm default (fp8 500 fJ) beside the CLI's scaled 0.29 pJ.
  const file = '/ws/e.chip.yaml';
  const hoverIn = async (text: string, needle: string) => {
    const a = await analyzeConfig(text, file, memoryHost({ [file]: text }));
    return hoverMarkdown({ location: keyAt(text, text.indexOf(needle) + 1)!, analysis: a, file, linkTo: () => '' }) ?? '';
  };
  const chip = (energy: string) =>
    `chip:\n  process: 3 nm\n  clock: 1.5 GHz\n  tdp: 400 W\n  matrix: { peak: { fp8: 1000 TFLOPS } }\n  vector: { peak: 20 TFLOPS }\n  sram: { capacity: 64 MiB, bandwidth: 10 TB/s }\n  memory: { technology: hbm3, capacity: 96 GB, bandwidth: 3.2 TB/s }\n${energy}workload: { model: llama-3-8b }\n`;
  const inForce = (h: string) => /\*\*In force.*/.exec(h)?.[0];
  it('gives the energies in force, each with where it comes from, first among the facts; the formats the arrays run only', async () => {
    const h = await hoverIn(chip('  energy: { vector: 2.3 pJ }\n'), 'energy:');
    // (0.5 pJ + 8 bits x 0.366 pJ) x 0.0846 at 3 nm; 12.5 pJ/B x 0.0846.
    assert.equal(
      inForce(h),
      `**In force at 3 nm** fp8 MAC 0.29 pJ (default 0.5 pJ at 45 nm plus the GPUs' operand delivery), SRAM 1.06 pJ/B (default 12.5 pJ/B at 45 nm): scaled to the node's switching energy (docs/silicon.md, "Switching energy by node")`,
    );
    assert.ok(h.indexOf('**In force') < h.indexOf('- `mac`'), 'before the 45 nm defaults it replaces');
  });
  it('is on chip.process where the file writes no energies, and not where the config is not evaluated', async () => {
    assert.match(inForce(await hoverIn(chip(''), 'process')) ?? '', /^\*\*In force at 3 nm\*\* fp8 MAC 0\.29 pJ/);
    assert.equal(inForce(await hoverIn(chip('  energy: { sram: }\n'), 'sram: }')), undefined);
  });
  it('says nothing more where the value written is the one in force', async () => {
    assert.equal(inForce(await hoverIn(chip('  energy: { mac: { fp8: 0.3 pJ }, sram: 1 pJ/B }\n'), 'sram: 1')), undefined);
  });
  it("labels each format's MAC energy with its own origin: a preset's stated formats apart from the documented defaults", async () => {
    // A workbench review read the 45 nm defaults of the formats jalapeno does not state as `jalapeno`'s own.
    const text = 'extends: jalapeno\nchip:\n  process: 5 nm\n  energy:\n    vector: 1 pJ\n';
    const h = await hoverIn(text, 'energy:');
    const mac = h.slice(h.indexOf('- `mac`'), h.indexOf('- `vector`'));
    assert.match(mac, /^- `mac`\n  - int8 78 fJ — from preset `jalapeno`/);
    assert.match(mac, /\n  - bf16 370 fJ — from preset `jalapeno`/);
    assert.match(
      mac,
      /\n  - int4 150 fJ · fp8 500 fJ · fp16 1\.5 pJ · fp32 4\.6 pJ — documented defaults at 45 nm, scaled to the node in force\n/,
    );
    assert.doesNotMatch(mac, /fp16 1\.5 pJ[^\n]*jalapeno/);
  });
  it("gives a preset's energies moved to this config's node, from the preset's node", async () => {
    const text = 'extends: h100-sxm\nchip:\n  process: 3 nm\nworkload: { model: llama-3-8b }\n';
    assert.match(
      inForce(await hoverIn(text, 'process')) ?? '',
      /fp8 MAC 0\.292 pJ \(h100-sxm's 0\.43 pJ at 4 nm\).* SRAM 1\.09 pJ\/B \(h100-sxm's 1\.6 pJ\/B at 4 nm\)/,
    );
  });
});
