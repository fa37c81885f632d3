// Defaults in force that shape the result are visible: a new config that leaves out batch,
// tokens and precision sees them at the end of its `workload:` line, with their sources.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultHints } from '../../extension/logic/defaultHints';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/a.chip.yaml';
async function hintsFor(text: string, files: Record<string, string> = {}) {
  const analysis = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text, ...files }));
  return defaultHints(analysis, FILE, text).map((h) => ({
    ...h,
    line: text.slice(0, h.offset).split('\n').at(-1)!,
    atLineEnd: text[h.offset] === '\n' || h.offset === text.length,
  }));
}

describe('defaults in force', () => {
  it('a new config sees bf16, batch 1, 512/128 tokens at the end of its workload line', async () => {
    const hints = await hintsFor('extends: jalapeno\nworkload:\n  model: llama-3-8b\n');
    const workload = hints.find((h) => h.line === 'workload:')!;
    assert.ok(workload.atLineEnd);
    assert.equal(workload.label, 'defaults: batch 1 · prompt 512 · output 128 · weights bf16 · activations bf16 · KV cache bf16');
    assert.match(workload.tooltip, /`workload\.batch` = 1 — latency-oriented serving/);
    // Sections the file does not write are summarised on its first line.
    const top = hints.find((h) => h.line === 'extends: jalapeno')!;
    assert.match(top.label, /^defaults in force: system: 1 chip/);
  });

  it('keys the file (or a file it extends) sets are not defaults', async () => {
    const hints = await hintsFor('extends: ./base.chip.yaml\nworkload:\n  batch: 8\n  prompt: 1024\n', {
      '/ws/base.chip.yaml':
        'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  output: 256\n  precision: { weights: int8, activations: int8, kv_cache: int8 }\n',
    });
    assert.equal(
      hints.find((h) => h.line === 'workload:'),
      undefined,
    );
  });

  it('a value that was rejected is not shown as a default in force', async () => {
    const hints = await hintsFor('extends: jalapeno\nworkload:\n  model: llama-3-8b\n  batch: -3\n');
    const workload = hints.find((h) => h.line === 'workload:')!;
    assert.doesNotMatch(workload.label, /batch/);
  });

  it('a chip price not given is shown as the price that stands in, in the tooltip as in the label (a review: "= 0 USD" beside "$18,200")', async () => {
    const modelled = await hintsFor('extends: jalapeno\ncost: { chip_price: null }\nworkload:\n  model: llama-3-8b\n');
    const cost = modelled.find((h) => h.line.startsWith('cost:'))!;
    assert.match(cost.label, /chip price \$14,000 \(modelled\)/);
    assert.match(cost.tooltip, /`cost\.chip_price` not given: \$14,000 \(modelled at 75% margin\), from the die/);
    assert.doesNotMatch(cost.tooltip, /0 USD/);
    const chip =
      'chip: { clock: 1 GHz, tdp: 300 W, matrix: { peak: { bf16: 100 TFLOPS } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 80 GB, bandwidth: 1 TB/s } }';
    const none = await hintsFor(`${chip}\ncost: { utilization: 50 % }\nworkload:\n  model: llama-3-8b\n`);
    assert.match(
      none.find((h) => h.line.startsWith('cost:'))!.tooltip,
      /`cost\.chip_price` not given and not modellable: electricity only/,
    );
    // Not evaluated (a required key missing), nothing was priced: no "electricity only" claimed (a review).
    const unevaluated = await hintsFor(
      `${chip.replace('tdp: 300 W, ', '')}\ncost: { utilization: 50 % }\nworkload:\n  model: llama-3-8b\n`,
    );
    const hint = unevaluated.find((h) => h.line.startsWith('cost:'))!;
    assert.match(hint.label, /chip price: once evaluated/);
    assert.doesNotMatch(hint.label, /electricity only/);
  });

  it('a flow-style section gets its hint after the whole line', async () => {
    const text = 'extends: jalapeno\nworkload: { model: llama-3-8b, batch: 4 }\nsystem: { chips: 1 }\n';
    const hints = await hintsFor(text);
    const workload = hints.find((h) => h.line.startsWith('workload:'))!;
    assert.ok(workload.atLineEnd);
    assert.equal(workload.label, 'defaults: prompt 512 · output 128 · weights bf16 · activations bf16 · KV cache bf16');
  });
});
