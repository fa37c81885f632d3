// Each formula of the engine against a value computed by hand (shown in the comments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allReduce, latencyBoundBelowBytes, stageTransfer } from '../../model/engine/collectives';
import { costOf } from '../../model/engine/cost';
import { kvBytesPerSequenceToken, parameterCounts } from '../../model/engine/memoryFootprint';
import { arrayDataflows, tilingUtilization } from '../../model/engine/systolic';
import type { ArrayGeometry } from '../../model/engine/systolic';
import type { MatmulShape } from '../../model/workload/operators';
import { expertsTouched } from '../../model/workload/operators';
import type { ModelArchitecture } from '../../model/design';

/** The dataflow a chip with no feed limit takes: the busiest. */
const arrayMapping = (shape: MatmulShape, array: ArrayGeometry) => arrayDataflows(shape, array)[0]!;

const near = (actual: number, expected: number, rel = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} is not within ${rel * 100}% of ${expected}`);

test('systolic tiling: full tiles, SCALE-Sim fold cycles', () => {
  // M=K=N=128 on one 128x128 array: 1 fold of 128 + (2·128 + 128 − 2) = 510 cycles for 128³ MACs.
  near(tilingUtilization({ batch: 1, m: 128, k: 128, n: 128 }, { units: 1, rows: 128, cols: 128 }), 128 / 510);
  // Large K amortises fill and drain: K = 8192 -> 8192 / (8192 + 256 + 128 − 2) = 0.9554.
  near(tilingUtilization({ batch: 1, m: 128, k: 8192, n: 128 }, { units: 1, rows: 128, cols: 128 }), 8192 / 8574);
});

test('systolic tiling: folds on one unit run back to back, the next tile loading while one computes', () => {
  // 8 folds of 128³ on one array: 8 · max(128, 128) + 382 = 1406 cycles (SCALE-Sim's unpipelined 8 · 510 = 4080).
  near(tilingUtilization({ batch: 1, m: 128, k: 128, n: 1024 }, { units: 1, rows: 128, cols: 128 }), (8 * 128) / 1406);
  // Attention's QKᵀ in prefill: 32 heads of a 2048 × 128 · 128 × 2048 product on 32 arrays. Output
  // stationary: 32 · 16 · 16 = 8192 folds, 256 per array of 128 cycles each -> 256 · 128 + 382 = 33150
  // cycles, 98.8 % busy (a quarter unpipelined: a review's 11.6 against 2.95 ms per layer for ·V's FLOPs).
  near(
    tilingUtilization({ batch: 32, m: 2048, k: 128, n: 2048 }, { units: 32, rows: 128, cols: 128 }),
    (32 * 2048 * 2048 * 128) / (32 * 128 * 128 * 33150),
  );
});

test('systolic tiling: a decode batch fills B of R rows', () => {
  // M = 16 of 128 rows, 64 folds over 64 units -> 16/128 · 8192/8574.
  near(tilingUtilization({ batch: 1, m: 16, k: 8192, n: 8192 }, { units: 64, rows: 128, cols: 128 }), (16 / 128) * (8192 / 8574));
});

test('systolic tiling: split-K when output folds are fewer than units, or weight stationary when that is faster', () => {
  // 10 output folds on 32 units: K = 8192 split 3 ways -> 30 folds in one round of 2731 + 382 = 3113 cycles.
  // Weight stationary: 64 · 10 = 640 folds, 20 per unit of max(16, 128) cycles -> 2560 + 382 = 2942: taken.
  const u = tilingUtilization({ batch: 1, m: 16, k: 8192, n: 1280 }, { units: 32, rows: 128, cols: 128 });
  near(u, (16 * 1280 * 8192) / (32 * 128 * 128 * 2942));
  // More units: 10 output folds on 64 units split 6 ways, one round of 1366 + 382 = 1748 cycles;
  // weight stationary 640 folds, 10 per unit, 1280 + 382 = 1662: weight stationary again.
  const v = tilingUtilization({ batch: 1, m: 16, k: 8192, n: 1280 }, { units: 64, rows: 128, cols: 128 });
  near(v, (16 * 1280 * 8192) / (64 * 128 * 128 * 1662));
  // A short batch of long rows: M = 4, K = 16384, N = 128 on 128 units. Output stationary splits K 128 ways:
  // one round of 128 + 382 = 510 cycles; weight stationary 128 folds, one per unit, 128 + 382 = 510: equal.
  const w = tilingUtilization({ batch: 1, m: 4, k: 16384, n: 128 }, { units: 128, rows: 128, cols: 128 });
  near(w, (4 * 128 * 16384) / (128 * 128 * 128 * 510));
});

test('systolic operand feed: weight stationary reads each weight once and the streamed rows once per column tile', () => {
  // M = 16, K = 8192, N = 1280 on 32 128x128 arrays runs weight stationary (above): the 8192 · 1280
  // weights once, the 16 · 8192 activations once per each of the 10 column tiles, the 16 · 1280 outputs once.
  const ws = arrayMapping({ batch: 1, m: 16, k: 8192, n: 1280 }, { units: 32, rows: 128, cols: 128 });
  assert.equal(ws.feedElements, 8192 * 1280 + 10 * 16 * 8192 + 16 * 1280);
  // The same MACs on 32x32 arrays (16x the units): the activations are re-read 40 times, not 10.
  const small = arrayMapping({ batch: 1, m: 16, k: 8192, n: 1280 }, { units: 512, rows: 32, cols: 32 });
  assert.equal(small.feedElements, 8192 * 1280 + 40 * 16 * 8192 + 16 * 1280);
});

test('systolic operand feed: weight stationary streams M in chunks its accumulators hold, 16 rows per array row', () => {
  // A 16,384-token prefill's FFN, 16384 x 8192 · 8192 x 7168, on 32 128x128 arrays: accumulators of
  // 16 · 128 = 2,048 rows, so 8 chunks, each loading the weights again; the rows once per each of 56
  // column tiles. Cycles: 64 · 56 · 8 = 28,672 folds of 2,048 rows over 32 units = 896 · 2048 + 382.
  const square = arrayDataflows({ batch: 1, m: 16384, k: 8192, n: 7168 }, { units: 32, rows: 128, cols: 128 })[0]!;
  assert.equal(square.feedElements, 8 * 8192 * 7168 + 56 * 16384 * 8192 + 16384 * 7168);
  near(square.utilization, (16384 * 8192 * 7168) / (32 * 128 * 128 * (896 * 2048 + 382)));
  // The same MACs as 128 arrays of 32 x 128: the same column tiles, but accumulators of 512 rows,
  // 32 chunks: the weights are loaded 32 times. Fewer rows are not free.
  const flat = arrayDataflows({ batch: 1, m: 16384, k: 8192, n: 7168 }, { units: 128, rows: 32, cols: 128 })[0]!;
  assert.equal(flat.feedElements, 32 * 8192 * 7168 + 56 * 16384 * 8192 + 16384 * 7168);
});

test('systolic operand feed: output stationary re-reads each input once per tile of the other; a split reduction adds partial sums', () => {
  // M = 1024, K = 200, N = 1024 on one 128x128 array. Output stationary: 64 folds of 200 cycles = 12,800;
  // weight stationary: 2 · 8 folds streaming 1024 rows = 16,384 (K pads to 256): output stationary taken.
  // Each of the 8 row tiles reads the 200 x 1024 operand, each of the 8 column tiles the 1024 x 200 one.
  const os = arrayMapping({ batch: 1, m: 1024, k: 200, n: 1024 }, { units: 1, rows: 128, cols: 128 });
  near(os.utilization, (1024 * 200 * 1024) / (128 * 128 * (12800 + 382)));
  assert.equal(os.feedElements, 8 * 1024 * 200 + 8 * 200 * 1024 + 1024 * 1024);
  // M = 4, K = 16384, N = 128 on 128 arrays: split-K 128 ways ties weight stationary in cycles (above); weight
  // stationary reads less (no partial sums), so it is taken: the weights once, 4 rows once, 4 · 128 outputs.
  const tie = arrayMapping({ batch: 1, m: 4, k: 16384, n: 128 }, { units: 128, rows: 128, cols: 128 });
  assert.equal(tie.feedElements, 16384 * 128 + 4 * 16384 + 4 * 128);
});

test('ring all-reduce: 2(N−1) hops and 2(N−1)/N of the message (GenZ)', () => {
  // 8 chips, 1 MB, 100 GB/s, 1 µs: 14 µs + 1.75 MB / 100 GB/s = 14 + 17.5 µs.
  const c = allReduce(1e6, 8, 'ring', { bandwidthBytesPerSecond: 100e9, latencySeconds: 1e-6 });
  near(c.latencySeconds, 14e-6);
  near(c.transferSeconds, 17.5e-6);
  near(c.bytesSentPerChip, 1.75e6);
});

test('torus all-reduce: a ring along each whole axis, 2·Σ(a_i − 1) hops, never more than the flat ring', () => {
  const link = { bandwidthBytesPerSecond: 100e9, latencySeconds: 1e-6 };
  const hops = (n: number, topology: 'torus_2d' | 'torus_3d') =>
    Math.round((allReduce(1e6, n, topology, link).latencySeconds / 2e-6) * 1e6) / 1e6;
  // 4×4×4: 9 hops a pass (18 steps), not the flat ring's 63.
  assert.equal(hops(64, 'torus_3d'), 9);
  // Whole chips per axis: 2 chips are a ring of 2 (N^(1/D) gave 0.83), 12 in 3D are 2×2×3, 6 in 3D are 2×3, a prime is one ring.
  assert.equal(hops(2, 'torus_2d'), 1);
  assert.equal(hops(12, 'torus_3d'), 4);
  assert.equal(hops(6, 'torus_3d'), 3);
  assert.equal(hops(7, 'torus_2d'), 6);
  for (let n = 2; n <= 64; n++)
    for (const t of ['torus_2d', 'torus_3d'] as const) assert.ok(Number.isInteger(hops(n, t)) && hops(n, t) <= n - 1);
});

test('switch without in-network reduction: recursive halving/doubling, 2·log2(N) steps (Rabenseifner)', () => {
  // 8 chips: 2·3 = 6 steps of 4.5 µs; the ring's bandwidth term 1.75 MB / 300 GB/s.
  const c = allReduce(1e6, 8, 'switch', { bandwidthBytesPerSecond: 300e9, latencySeconds: 4.5e-6 });
  near(c.latencySeconds, 27e-6);
  near(c.transferSeconds, 1.75e6 / 300e9);
  // A non-power-of-two count rounds the steps up: 6 chips -> 2·3 steps.
  near(allReduce(1e6, 6, 'switch', { bandwidthBytesPerSecond: 300e9, latencySeconds: 1e-6 }).latencySeconds, 6e-6);
});

test('in-switch all-reduce: two hops, M(1+1/N) (Calculon)', () => {
  const c = allReduce(1e6, 8, 'reducing_switch', { bandwidthBytesPerSecond: 450e9, latencySeconds: 1e-6 });
  near(c.latencySeconds, 2e-6);
  near(c.transferSeconds, 1.125e6 / 450e9);
});

test('a single chip has no collective and a stage transfer is one hop', () => {
  assert.equal(allReduce(1e6, 1, 'ring', { bandwidthBytesPerSecond: 1, latencySeconds: 1 }).transferSeconds, 0);
  near(stageTransfer(1e6, { bandwidthBytesPerSecond: 1e9, latencySeconds: 2e-6 }).transferSeconds, 1e-3);
});

const llama2_13b: ModelArchitecture = {
  layers: 40,
  hidden: 5120,
  heads: 40,
  kvHeads: 40,
  headDim: 128,
  ffn: 13824,
  activation: 'swiglu',
  gated: true,
  vocab: 32000,
  experts: 1,
  expertsPerToken: 1,
  parallelAttention: false,
  tiedEmbeddings: false,
};

test("KV cache: the scaling book's Llama-13B at 8k tokens in bf16 is 6.7 GB", () => {
  // 2 · 2 B · 128 · 40 · 40 · 8192 = 6.71e9 bytes.
  near(kvBytesPerSequenceToken(llama2_13b, { weights: 'bf16', activations: 'bf16', kvCache: 'bf16', groupSize: 128 }) * 8192, 6.7108864e9);
});

test('parameter counts: Llama-2-13B is 13.0 B parameters', () => {
  // 40 · (5120·(40+80)·128 + 40·128·5120 + 3·5120·13824 + 2·5120) + 2·32000·5120 + 5120 = 13.016e9.
  near(parameterCounts(llama2_13b).total, 13_015_864_320, 1e-6);
});

test('experts touched at batch B: E·(1 − (1 − k/E)^T), between k and min(E, T·k)', () => {
  near(expertsTouched(8, 2, 1), 2);
  near(expertsTouched(8, 2, 2), 8 * (1 - 0.75 ** 2)); // 3.5
  assert.ok(expertsTouched(8, 2, 64) > 7.99);
  assert.equal(expertsTouched(1, 1, 100), 1);
});

test('cost per response: (capital + energy) $/s · chips · time / batch', () => {
  const e = {
    chipPriceUsd: 20000,
    lifetimeSeconds: 4 * 365.25 * 86400,
    electricityUsdPerJoule: 0.08 / 3.6e6,
    pue: 1.2,
    utilization: 0.6,
    priceSource: 'given' as const,
    hostWattsPerChip: 0,
  };
  // capital per chip 20000 / (126,230,400 s · 0.6) = 2.6407e-4 $/s; energy 300 W · 1.2 · 2.2222e-8 = 8.0e-6 $/s.
  const c = costOf(e, 8, 300, 2, 16, 2000);
  const perSecond = 8 * (20000 / (4 * 365.25 * 86400 * 0.6) + (300 * 1.2 * 0.08) / 3.6e6);
  near(c.usdPerResponse, (perSecond * 2) / 16);
  near(c.usdPerMillionOutputTokens, (perSecond / 2000) * 1e6);
  // A host's share of power (`cost.host_power`) is electricity beside the chip's, at the same PUE.
  const hosted = costOf({ ...e, hostWattsPerChip: 575 }, 8, 300, 2, 16, 2000);
  near(hosted.usdPerMillionOutputTokens, ((perSecond + (8 * 575 * 1.2 * 0.08) / 3.6e6) / 2000) * 1e6);
});

test('latency-bound below hop latency x bandwidth of bytes sent', () => {
  // Ring of 8 at 1 µs per hop and 100 GB/s: 14 µs of hops = 1.4 MB sent.
  near(latencyBoundBelowBytes(8, 'ring', { bandwidthBytesPerSecond: 100e9, latencySeconds: 1e-6 }), 1.4e6);
});
