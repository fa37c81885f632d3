// Engine tests through the model's API: design points built in code and evaluated with
// evaluateDesign, each against a value worked out by hand. Covers what no YAML test did:
// pipeline parallelism, weights and KV cache resident in SRAM, fused operator groups, and
// mixture-of-experts products on systolic arrays.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateDesign } from '../../model/engine/evaluate';
import type { OperatorResult } from '../../model/result';
import type { DesignPoint, MemoryLevelId } from '../../model/design';
import type { MatmulShape } from '../../model/workload/operators';
import { toyDesign, withParts, withSram } from './helpers/designs';

const close = (actual: number, expected: number, what: string, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
const op = (ops: OperatorResult[], id: string) => ops.find((o) => o.id === id)!;

// The toy's bytes, by hand (bf16 = 2 B): d = 1024, h = 8, dh = 128, f = 4096, V = 1000.
const d = 1024,
  h = 8,
  dh = 128,
  f = 4096,
  V = 1000;
const LAYER_WEIGHT_BYTES = 2 * (d * 3 * h * dh + h * dh * d + 2 * d * f + 2 * d);

describe('pipeline parallelism (through evaluateDesign)', () => {
  const layers = 4;
  const one = withParts(toyDesign(), { model: { layers } });
  const two = withParts(one, { system: { chips: 2, pipelineParallel: 2 } });

  it("a decode step runs every stage in turn: one chip's time plus one stage transfer per boundary", () => {
    const single = evaluateDesign(one);
    const staged = evaluateDesign(two);
    // One token's hidden state (1 × 1024 bf16) crosses one boundary: one hop + bytes / bandwidth.
    const transferSeconds = 2e-6 + (d * 2) / 100e9;
    close(staged.phases.decode.seconds, single.phases.decode.seconds + transferSeconds, 'decode step');
    const transfer = op(staged.phases.decode.operators, 'stage_transfer');
    assert.equal(transfer.count, 1);
    close(transfer.time.total, transferSeconds, 'stage transfer');
    assert.equal(op(single.phases.decode.operators, 'stage_transfer'), undefined);
  });

  it("each chip holds its stage's layers: per-chip weights and KV cache are halved", () => {
    const single = evaluateDesign(one);
    const staged = evaluateDesign(two);
    // Per chip: 2 of 4 layers, plus the larger end (embedding or LM head) instead of both.
    close(staged.memory.perChip.weightsBytes, 2 * LAYER_WEIGHT_BYTES + 2 * V * d, 'weights per chip');
    close(single.memory.perChip.weightsBytes, 4 * LAYER_WEIGHT_BYTES + 2 * 2 * V * d, 'weights on one chip');
    close(staged.memory.perChip.kvCacheBytes, single.memory.perChip.kvCacheBytes / 2, 'KV cache per chip');
  });

  it('throughput per chip halves with twice the chips and no speed-up', () => {
    const single = evaluateDesign(one);
    const staged = evaluateDesign(two);
    assert.ok(staged.throughput.outputTokensPerSecond < single.throughput.outputTokensPerSecond);
    close(staged.throughput.perChip, staged.throughput.outputTokensPerSecond / 2, 'per chip');
  });
});

describe('SRAM residency (through evaluateDesign)', () => {
  const weightsBytes = LAYER_WEIGHT_BYTES + 2 * 2 * V * d;

  it('weights that fit in SRAM are read from it: a decode step is weight bytes / SRAM bandwidth, not HBM', () => {
    const resident = withParts(toyDesign(), {
      hardware: withSram(toyDesign().hardware, { capacityBytes: weightsBytes + 1e6, bandwidthBytesPerSecond: 10e12 }),
    });
    const r = evaluateDesign(resident);
    const decode = r.phases.decode;
    // Weights and the (tiny) KV cache in SRAM: nothing is left for memory.
    assert.equal(decode.offChipBytes, 0);
    // A decode step reads every layer's weights, the LM head, the final norm's gain and one
    // embedding row per token, once each.
    const weightReads = decode.operators.reduce((s, o) => s + o.count * o.bytes.weights, 0);
    close(weightReads, LAYER_WEIGHT_BYTES + 2 * V * d + 2 * d + 2 * d, 'weight bytes read');
    const sramBytes = decode.operators.reduce((s, o) => s + o.count * (o.levelBytes['sram' as MemoryLevelId] ?? 0), 0);
    assert.ok(sramBytes >= weightReads);
    // Every operator is SRAM-bound here (no software time): the step is SRAM bytes / SRAM bandwidth.
    close(decode.seconds, sramBytes / 10e12, 'decode step', 1e-3);
    assert.ok(decode.seconds < weightReads / 1e12 / 5, `far faster than streaming the weights from memory: ${decode.seconds} s`);
  });

  it('one byte too little SRAM and the weights stream from memory again', () => {
    const spilled = withParts(toyDesign(), {
      hardware: withSram(toyDesign().hardware, { capacityBytes: weightsBytes - 1, bandwidthBytesPerSecond: 10e12 }),
    });
    const decode = evaluateDesign(spilled).phases.decode;
    const weightReads = decode.operators.reduce((s, o) => s + o.count * o.bytes.weights, 0);
    assert.ok(decode.offChipBytes >= weightReads);
    assert.ok(decode.seconds >= weightReads / 1e12);
  });

  it('the KV cache joins the weights in SRAM only when both fit', () => {
    const long = withParts(toyDesign(), { workload: { batch: 8, promptTokens: 4096, outputTokens: 64 } });
    const kvBytes = evaluateDesign(long).memory.perChip.kvCacheBytes;
    const weightsOnly = evaluateDesign(
      withParts(long, { hardware: withSram(long.hardware, { capacityBytes: weightsBytes + kvBytes / 2, bandwidthBytesPerSecond: 10e12 }) }),
    ).phases.decode;
    const attention = op(weightsOnly.operators, 'attention_scores');
    assert.ok(attention.offChipBytes > 0, 'KV reads still go to memory');
    const both = evaluateDesign(
      withParts(long, {
        hardware: withSram(long.hardware, { capacityBytes: weightsBytes + kvBytes + 1e6, bandwidthBytesPerSecond: 10e12 }),
      }),
    ).phases.decode;
    assert.equal(op(both.operators, 'attention_scores').offChipBytes, 0);
  });
});

describe('fused groups (through evaluateDesign)', () => {
  const dispatch = 5e-6;
  const design = withParts(toyDesign(), { hardware: { dispatchOverheadSeconds: dispatch } });

  it('a fused group launches once: scores, softmax and context pay one dispatch together', () => {
    const decode = evaluateDesign(design).phases.decode;
    const group = ['attention_scores', 'softmax', 'attention_context'].map((id) => op(decode.operators, id));
    close(
      group.reduce((s, o) => s + o.time.overhead, 0),
      dispatch,
      'dispatch of the attention group',
    );
    assert.equal(op(decode.operators, 'attention_scores').time.overhead, dispatch);
    // Unfused operators each pay their own.
    assert.equal(op(decode.operators, 'qkv_projection').time.overhead, dispatch);
  });

  it('intermediates inside a fused group never leave the chip', () => {
    const decode = evaluateDesign(design).phases.decode;
    // Softmax sits inside the group on both sides: no activation traffic at all.
    assert.equal(op(decode.operators, 'softmax').bytes.activations, 0);
    // The group's ends still read their input and write their output.
    assert.ok(op(decode.operators, 'attention_scores').bytes.activations > 0);
    assert.ok(op(decode.operators, 'attention_context').bytes.activations > 0);
  });

  it("hard-wiring an operator fuses its neighbours' edges with it and removes its dispatch", () => {
    const wired = evaluateDesign(withParts(design, { hardware: { fixedFunction: new Set(['qkv_projection']) } })).phases.decode;
    const qkv = op(wired.operators, 'qkv_projection');
    assert.equal(qkv.fixedFunction, true);
    assert.equal(qkv.time.overhead, 0);
    assert.equal(qkv.bytes.activations, 0);
  });
});

describe('mixture of experts on systolic arrays (through evaluateDesign)', () => {
  // The toy with 8 experts, 2 per token, on two 128 x 128 arrays at 1 GHz (32.8 T MAC/s):
  // slow enough that the expert products are compute-bound, so their tiling sets the step.
  const units = 2;
  const moe = withParts(toyDesign(), {
    hardware: { matrix: { geometry: { units, rows: 128, cols: 128 }, macsPerSecond: { bf16: units * 128 * 128 * 1e9 }, efficiency: 1 } },
    model: { experts: 8, expertsPerToken: 2 },
  });
  const atBatch = (batch: number) => evaluateDesign(withParts(moe, { workload: { batch } }));

  it('a decode step never gets faster as the batch grows', () => {
    // Rounding experts touched and tokens per expert separately made batch 5 faster than 4.
    let previous = 0;
    for (let batch = 1; batch <= 64; batch++) {
      const seconds = atBatch(batch).phases.decode.seconds;
      assert.ok(seconds >= previous * (1 - 1e-12), `batch ${batch}: ${seconds} s after ${previous} s at batch ${batch - 1}`);
      previous = seconds;
    }
  });

  it('the expert products stand for exactly the routed tokens: experts touched x tokens per expert = 2 x batch', () => {
    for (const batch of [1, 3, 4, 5, 157]) {
      const decode = atBatch(batch).phases.decode;
      for (const id of ['ffn_up', 'ffn_down']) {
        const shape = op(decode.operators, id).shape as MatmulShape;
        close(shape.batch * shape.m, 2 * batch, `${id} at batch ${batch}`);
        // Expected experts touched, E·(1 − (1 − k/E)^B), not rounded.
        close(shape.batch, 8 * (1 - 0.75 ** batch), `${id} experts at batch ${batch}`);
      }
    }
  });
});

describe('operand feed of systolic arrays (through evaluateDesign)', () => {
  // The toy on two 128 x 128 arrays at 1 GHz (32.8 T MAC/s), with 1 MB of SRAM feeding them: its
  // FFN up projection in a 256-token prefill is 256 x 1024 · 1024 x 4096. Output and weight
  // stationary both take 32 · 1024 + 382 = 33,150 cycles; weight stationary reads less: the
  // 1024 x 4096 weights once, the 256 x 1024 rows once per each of 32 column tiles, the
  // 256 x 4096 outputs once = 13,631,488 bf16 elements through the SRAM's port.
  const feedBytes = 2 * (1024 * 4096 + 32 * 256 * 1024 + 256 * 4096);
  const computeSeconds = (256 * 1024 * 4096) / (2 * 128 * 128 * 1e9 * ((256 * 1024 * 4096) / (2 * 128 * 128 * 33150)));
  const onArrays = (sramBytesPerSecond: number, parts: Partial<DesignPoint['hardware']> = {}) => {
    const hardware = {
      matrix: { geometry: { units: 2, rows: 128, cols: 128 }, macsPerSecond: { bf16: 2 * 128 * 128 * 1e9 }, efficiency: 1 },
      ...withSram(toyDesign().hardware, { capacityBytes: 1e6, bandwidthBytesPerSecond: sramBytesPerSecond }),
      ...parts,
    };
    const design = withParts(toyDesign(), { hardware, workload: { promptTokens: 256 } });
    return op(evaluateDesign(design).phases.prefill.operators, 'ffn_up');
  };

  it("every operand the arrays take passes the SRAM's port, wherever it is held", () => {
    const ffn = onArrays(1e15);
    close(ffn.levelBytes['sram' as MemoryLevelId]!, feedBytes, 'SRAM bytes');
    close(ffn.time.total, computeSeconds, 'compute-bound at 1 PB/s');
  });

  it('an SRAM too slow for the feed bounds the product, and a click selects its bandwidth', () => {
    const ffn = onArrays(0.5e12);
    close(ffn.time.total, feedBytes / 0.5e12, 'SRAM-bound at 0.5 TB/s');
    assert.equal(ffn.bottleneck, 'memory');
    assert.equal(ffn.governingKey, 'chip.sram.bandwidth');
  });

  it('no feed is charged where the arrays are not described (peak form); a hard-wired block on them pays it', () => {
    const peakForm = onArrays(0.5e12, { matrix: { macsPerSecond: { bf16: 2 * 128 * 128 * 1e9 }, efficiency: 1 } });
    assert.ok(peakForm.levelBytes['sram' as MemoryLevelId]! < feedBytes / 2);
    // A hard-wired block's MACs are the arrays' (docs/silicon.md): its operands pass the same port.
    const wired = onArrays(0.5e12, { fixedFunction: new Set(['ffn']) });
    close(wired.levelBytes['sram' as MemoryLevelId]!, feedBytes, 'hard-wired SRAM bytes');
  });

  it('with no SRAM the arrays take their operands from the memory: no free feed (a review: no SRAM read faster than 1 MiB)', () => {
    const design = withParts(toyDesign(), {
      hardware: { matrix: { geometry: { units: 2, rows: 128, cols: 128 }, macsPerSecond: { bf16: 2 * 128 * 128 * 1e9 }, efficiency: 1 } },
      workload: { promptTokens: 256 },
    });
    const ffn = op(evaluateDesign(design).phases.prefill.operators, 'ffn_up');
    close(ffn.levelBytes['memory' as MemoryLevelId]!, feedBytes, 'memory bytes');
  });

  it("the physical floor counts the bytes a level serves, not the feed model's re-reads", () => {
    // At 0.5 TB/s the feed alone would take 54.5 µs of the FFN; the floor is the MACs at peak, the
    // weights from memory and what the SRAM serves: a design with deeper accumulators reads less.
    const design = withParts(toyDesign(), {
      hardware: {
        matrix: { geometry: { units: 2, rows: 128, cols: 128 }, macsPerSecond: { bf16: 2 * 128 * 128 * 1e9 }, efficiency: 1 },
        ...withSram(toyDesign().hardware, { capacityBytes: 1e6, bandwidthBytesPerSecond: 0.5e12 }),
      },
      workload: { promptTokens: 256 },
    });
    const prefill = evaluateDesign(design).phases.prefill;
    const sramBytes = prefill.operators.reduce((sum, o) => sum + o.count * o.levelBytes['sram' as MemoryLevelId]!, 0);
    assert.ok(prefill.bounds.floorSeconds < sramBytes / 0.5e12, `${prefill.bounds.floorSeconds} s against ${sramBytes / 0.5e12} s of feed`);
    assert.ok(
      prefill.bounds.floorSeconds >= (256 * (3 * 1024 * 1024 + 2 * 1024 * 4096)) / (2 * 128 * 128 * 1e9),
      'at least the MACs at peak',
    );
  });

  it('a dataflow that reads less is taken where the feed binds, and more arrays are never slower', () => {
    // A 2,048-token prefill's 2048 x 1024 · 1024 x 4096 on 128x128 arrays, 4 TB/s of SRAM. With 9
    // units, output stationary takes fewer cycles than weight stationary but reads 1.7x the bytes:
    // taken for its cycles, it made 9 arrays slower than 8 (a review saw 34 slower than 32).
    let previous = Infinity;
    for (const units of [8, 9, 10, 11, 12, 14, 17, 21]) {
      const design = withParts(toyDesign(), {
        hardware: {
          matrix: { geometry: { units, rows: 128, cols: 128 }, macsPerSecond: { bf16: units * 128 * 128 * 1e9 }, efficiency: 1 },
          ...withSram(toyDesign().hardware, { capacityBytes: 1e6, bandwidthBytesPerSecond: 4e12 }),
        },
        workload: { promptTokens: 2048 },
      });
      const ffn = op(evaluateDesign(design).phases.prefill.operators, 'ffn_up');
      assert.ok(ffn.time.total <= previous * (1 + 1e-12), `${units} units: ${ffn.time.total} s after ${previous} s`);
      previous = ffn.time.total;
    }
  });
});
