// Writes test/webview/fixtures/handmade-llama3-70b.json: a hand-built stand-in for the model's
// output (Llama-3-70B on 8 chips, TP 8, batch 16, prompt 1024, output 256), used until
// record-fixture.ts can record the real model. A small roofline model (primer formulas:
// per-operator max(compute, memory) + dispatch, ring all-reduce, bottom-up energy) keeps
// the numbers consistent with each other, which a table typed by hand would not.
//
//   node --import tsx test/webview/make-fixture.ts

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BatchPoint,
  Bottleneck,
  EvaluationResult,
  ExecutionUnit,
  MemoryLevelId,
  OperatorClass,
  OperatorResult,
  PhaseResult,
  Sensitivity,
} from '../../model/result';
import type { ViewModel } from '../../webview/protocol';
import { reportOf } from '../../model/report/build';
import { batchCurveReport } from '../../model/report/batchCurve';

const SRAM = 'sram' as MemoryLevelId;
const MEMORY = 'memory' as MemoryLevelId;

interface Chip {
  name: string;
  int8: number;
  bf16: number;
  matrixEfficiency: number;
  arrayRows: number | null;
  vector: number;
  sramBw: number;
  memBw: number;
  memEff: number;
  memCapacity: number;
  linkBw: number;
  linkLatency: number;
  dispatch: number;
  fixedQkv: boolean;
  attentionFellBack: boolean;
  tdp: number;
  idle: number;
  macJ: number;
  sramJPerB: number;
  memJPerB: number;
  linkJPerB: number;
  price: number;
  weightBytes: number;
  actBytes: number;
  kvBytes: number;
  computeDtype: 'int8' | 'bf16';
}

const JALAPENO: Chip = {
  name: 'Jalapeño reference',
  int8: 1572.9e12,
  bf16: 786.4e12,
  matrixEfficiency: 0.8,
  arrayRows: 128,
  vector: 60e12,
  sramBw: 40e12,
  memBw: 4.8e12,
  memEff: 0.85,
  memCapacity: 96e9,
  linkBw: 450e9,
  linkLatency: 2e-6,
  dispatch: 4e-6,
  fixedQkv: true,
  attentionFellBack: true,
  tdp: 300,
  idle: 60,
  macJ: 0.3e-12,
  sramJPerB: 1.5e-12,
  memJPerB: 32e-12,
  linkJPerB: 40e-12,
  price: 20000,
  weightBytes: 1,
  actBytes: 1,
  kvBytes: 1,
  computeDtype: 'int8',
};

const H100: Chip = {
  name: 'NVIDIA H100 SXM',
  int8: 1979e12,
  bf16: 989e12,
  matrixEfficiency: 0.7,
  arrayRows: null,
  vector: 67e12,
  sramBw: 33e12,
  memBw: 3.35e12,
  memEff: 0.8,
  memCapacity: 80e9,
  linkBw: 450e9,
  linkLatency: 1e-6,
  dispatch: 5e-6,
  fixedQkv: false,
  attentionFellBack: false,
  tdp: 700,
  idle: 90,
  macJ: 1.0e-12,
  sramJPerB: 2e-12,
  memJPerB: 48e-12,
  linkJPerB: 40e-12,
  price: 35000,
  weightBytes: 2,
  actBytes: 2,
  kvBytes: 2,
  computeDtype: 'bf16',
};

const MODEL = { layers: 80, d: 8192, heads: 64, kvHeads: 8, dh: 128, ffn: 28672, vocab: 128256, params: 70.6e9 };
const TP = 8;
const PROMPT = 1024;
const OUTPUT = 256;

interface OpSpec {
  id: string;
  label: string;
  cls: OperatorClass;
  unit: ExecutionUnit;
  count: number;
  key: string;
  flops: number;
  weights?: number;
  kvRead?: number;
  kvWrite?: number;
  act?: number;
  link?: number;
  shape?: { m: number; k: number; n: number };
  fixed?: boolean;
  fellBack?: boolean;
  linkSeconds?: number;
}

function operator(chip: Chip, s: OpSpec): OperatorResult {
  const weights = s.weights ?? 0,
    kvRead = s.kvRead ?? 0,
    kvWrite = s.kvWrite ?? 0,
    act = s.act ?? 0,
    link = s.link ?? 0;
  const offChipBytes = weights + kvRead + kvWrite;
  const sramBytes = act + (s.unit === 'vector' ? 0 : weights * 0.02);
  const peak = chip.computeDtype === 'int8' ? chip.int8 : chip.bf16;
  const tiling = s.shape && chip.arrayRows ? Math.min(1, s.shape.m / chip.arrayRows) * 0.98 : undefined;
  const compute =
    s.unit === 'vector'
      ? s.flops / chip.vector
      : s.unit === 'link'
        ? 0
        : s.flops / (peak * chip.matrixEfficiency * (tiling ?? (s.shape ? Math.min(1, s.shape.m / 64) : 1)));
  const memory = offChipBytes / (chip.memBw * chip.memEff);
  const sram = sramBytes / chip.sramBw;
  const linkTime = s.linkSeconds ?? 0;
  const overhead = s.fixed ? 0 : chip.dispatch;
  const busiest = Math.max(compute, memory, sram, linkTime);
  const bottleneck: Bottleneck =
    overhead > busiest ? 'overhead' : busiest === linkTime ? 'interconnect' : busiest === compute ? 'compute' : 'memory';
  const energyJoules =
    (s.unit === 'link' ? 0 : (s.flops / 2) * chip.macJ) + offChipBytes * chip.memJPerB + sramBytes * chip.sramJPerB + link * chip.linkJPerB;
  return {
    id: s.id,
    label: s.label,
    class: s.cls,
    unit: s.unit,
    count: s.count,
    fixedFunction: s.fixed ?? false,
    fellBack: s.fellBack ?? false,
    governingKey: s.key,
    ...(s.shape ? { shape: s.shape, dtype: chip.computeDtype } : {}),
    ...(tiling !== undefined ? { tilingUtilization: tiling } : {}),
    flops: s.flops,
    levelBytes: { [SRAM]: sramBytes, [MEMORY]: offChipBytes },
    offChipBytes,
    bytes: { weights, kvRead, kvWrite, activations: act, link },
    arithmeticIntensity: offChipBytes > 0 ? s.flops / offChipBytes : 0,
    time: { compute, levels: { [SRAM]: sram, [MEMORY]: memory }, link: linkTime, overhead, total: busiest + overhead },
    bottleneck,
    energyJoules,
  };
}

/** Ring all-reduce (primer): t0 + 2(N−1)·t_link + 2(N−1)/N · M / BW. */
function allReduce(chip: Chip, bytes: number): { link: number; linkSeconds: number } {
  const link = ((2 * (TP - 1)) / TP) * bytes;
  return { link, linkSeconds: 2 * (TP - 1) * chip.linkLatency + link / chip.linkBw };
}

function phase(chip: Chip, which: 'prefill' | 'decode', batch: number): PhaseResult {
  const { layers, d, dh, vocab } = MODEL;
  const h = MODEL.heads / TP,
    k = MODEL.kvHeads / TP,
    f = MODEL.ffn / TP,
    v = vocab / TP;
  const T = which === 'prefill' ? batch * PROMPT : batch;
  const C = which === 'prefill' ? PROMPT : PROMPT + OUTPUT / 2;
  const W = chip.weightBytes,
    A = chip.actBytes,
    KV = chip.kvBytes;
  const qkvN = (h + 2 * k) * dh;
  const attnFlops = which === 'prefill' ? (2 * batch * h * dh * C * C) / 2 : 2 * T * h * dh * C;
  const kvRead = which === 'prefill' ? batch * k * dh * C * KV : batch * k * dh * C * KV;
  const matrixKey = `chip.matrix.peak.${chip.computeDtype}`;
  const attentionUnit: ExecutionUnit = 'matrix';
  const headTokens = batch;
  const specs: OpSpec[] = [
    {
      id: 'attn_norm',
      label: 'Attention norm',
      cls: 'norm',
      unit: 'vector',
      count: layers,
      key: 'chip.vector.peak',
      flops: 5 * T * d,
      weights: d * 2,
      act: 2 * T * d * A,
    },
    {
      id: 'qkv_projection',
      label: 'QKV projection',
      cls: 'attention',
      unit: chip.fixedQkv ? 'fixed' : 'matrix',
      count: layers,
      key: chip.fixedQkv ? 'chip.fixed_function' : matrixKey,
      fixed: chip.fixedQkv,
      flops: 2 * T * d * qkvN,
      weights: d * qkvN * W,
      kvWrite: 2 * T * k * dh * KV,
      act: T * (d + qkvN) * A,
      shape: { m: T, k: d, n: qkvN },
    },
    {
      id: 'rope',
      label: 'Rotary embedding',
      cls: 'attention',
      unit: 'vector',
      count: layers,
      key: 'chip.vector.peak',
      flops: 6 * T * (h + k) * dh,
      act: 2 * T * (h + k) * dh * A,
    },
    {
      id: 'attention_scores',
      label: 'Attention scores QKᵀ',
      cls: 'attention',
      unit: attentionUnit,
      count: layers,
      key: chip.attentionFellBack ? 'chip.fixed_function' : matrixKey,
      fellBack: chip.attentionFellBack,
      flops: attnFlops,
      kvRead,
      act: T * h * dh * A + (which === 'prefill' ? 0 : T * h * C * 2),
      shape: { m: which === 'prefill' ? C : h * (which === 'decode' ? batch : 1), k: dh, n: C },
    },
    {
      id: 'softmax',
      label: 'Softmax',
      cls: 'attention',
      unit: 'vector',
      count: layers,
      key: 'chip.vector.peak',
      flops: 5 * T * h * (which === 'prefill' ? C / 2 : C),
      act: which === 'prefill' ? 2 * T * h * 64 : 2 * T * h * C * 2,
    },
    {
      id: 'attention_values',
      label: 'Attention · V',
      cls: 'attention',
      unit: attentionUnit,
      count: layers,
      key: chip.attentionFellBack ? 'chip.fixed_function' : matrixKey,
      fellBack: chip.attentionFellBack,
      flops: attnFlops,
      kvRead,
      act: T * h * dh * A,
      shape: { m: which === 'prefill' ? C : h * batch, k: C, n: dh },
    },
    {
      id: 'output_projection',
      label: 'Output projection',
      cls: 'attention',
      unit: 'matrix',
      count: layers,
      key: matrixKey,
      flops: 2 * T * h * dh * d,
      weights: h * dh * d * W,
      act: T * (h * dh + d) * A,
      shape: { m: T, k: h * dh, n: d },
    },
    {
      id: 'all_reduce_attention',
      label: 'All-reduce (attention)',
      cls: 'collective',
      unit: 'link',
      count: layers,
      key: 'chip.link.latency',
      flops: 0,
      ...allReduce(chip, T * d * A),
    },
    {
      id: 'ffn_norm',
      label: 'FFN norm',
      cls: 'norm',
      unit: 'vector',
      count: layers,
      key: 'chip.vector.peak',
      flops: 5 * T * d,
      weights: d * 2,
      act: 2 * T * d * A,
    },
    {
      id: 'ffn_gate_up',
      label: 'FFN gate & up',
      cls: 'ffn',
      unit: 'matrix',
      count: layers,
      key: matrixKey,
      flops: 2 * T * d * 2 * f,
      weights: 2 * d * f * W,
      act: T * (d + 2 * f) * A,
      shape: { m: T, k: d, n: 2 * f },
    },
    {
      id: 'swiglu',
      label: 'SwiGLU',
      cls: 'ffn',
      unit: 'vector',
      count: layers,
      key: 'chip.vector.peak',
      flops: 4 * T * f,
      act: 3 * T * f * A,
    },
    {
      id: 'ffn_down',
      label: 'FFN down',
      cls: 'ffn',
      unit: 'matrix',
      count: layers,
      key: matrixKey,
      flops: 2 * T * f * d,
      weights: f * d * W,
      act: T * (f + d) * A,
      shape: { m: T, k: f, n: d },
    },
    {
      id: 'all_reduce_ffn',
      label: 'All-reduce (FFN)',
      cls: 'collective',
      unit: 'link',
      count: layers,
      key: 'chip.link.latency',
      flops: 0,
      ...allReduce(chip, T * d * A),
    },
    {
      id: 'final_norm',
      label: 'Final norm',
      cls: 'norm',
      unit: 'vector',
      count: 1,
      key: 'chip.vector.peak',
      flops: 5 * headTokens * d,
      weights: d * 2,
      act: 2 * headTokens * d * A,
    },
    {
      id: 'lm_head',
      label: 'LM head',
      cls: 'head',
      unit: 'matrix',
      count: 1,
      key: matrixKey,
      flops: 2 * headTokens * d * v,
      weights: d * v * W,
      act: headTokens * (d + v) * 2,
      shape: { m: headTokens, k: d, n: v },
    },
    {
      id: 'all_gather_logits',
      label: 'All-gather logits',
      cls: 'collective',
      unit: 'link',
      count: 1,
      key: 'chip.link.bandwidth',
      flops: 0,
      link: (TP - 1) * headTokens * v * 2,
      linkSeconds: (TP - 1) * chip.linkLatency + ((TP - 1) * headTokens * v * 2) / chip.linkBw,
    },
  ];
  const operators = specs.map((s) => operator(chip, s));
  const sum = (f: (op: OperatorResult) => number) => operators.reduce((acc, op) => acc + f(op) * op.count, 0);
  const seconds = sum((op) => op.time.total);
  const secondsBy: Record<Bottleneck, number> = { memory: 0, compute: 0, interconnect: 0, overhead: 0 };
  for (const op of operators) secondsBy[op.bottleneck] += op.time.total * op.count;
  const bottleneck = (Object.keys(secondsBy) as Bottleneck[]).reduce((a, b) => (secondsBy[b] > secondsBy[a] ? b : a));
  return {
    phase: which,
    tokens: T,
    contextTokens: C,
    seconds,
    bounds: {
      // No physical limit in the hand-made fixture: its ranges stop nowhere (model/ranges rangeOf ignores 0).
      floorSeconds: 0,
      lowerSeconds:
        Math.max(
          sum((op) => op.time.compute),
          sum((op) => op.time.levels[MEMORY]!),
          sum((op) => op.time.link),
        ) +
        sum((op) => op.time.overhead) * 0.5,
      upperSeconds: sum((op) => op.time.compute + op.time.levels[MEMORY]! + op.time.levels[SRAM]! + op.time.link + op.time.overhead),
    },
    bottleneck,
    secondsBy,
    operators,
    levelBytes: { [SRAM]: sum((op) => op.levelBytes[SRAM]!), [MEMORY]: sum((op) => op.offChipBytes) },
    offChipBytes: sum((op) => op.offChipBytes),
    flops: sum((op) => op.flops),
    energyJoulesPerChip: sum((op) => op.energyJoules) + chip.idle * seconds,
  };
}

function evaluate(chip: Chip, batch: number): EvaluationResult {
  const prefill = phase(chip, 'prefill', batch);
  const decode = phase(chip, 'decode', batch);
  const responseSeconds = prefill.seconds + (OUTPUT - 1) * decode.seconds;
  const tokensPerSecond = (batch * OUTPUT) / responseSeconds;
  const energyPerChip = prefill.energyJoulesPerChip + (OUTPUT - 1) * decode.energyJoulesPerChip;
  const unthrottledWatts = energyPerChip / responseSeconds;
  const watts = Math.min(unthrottledWatts, chip.tdp);
  const joulesPerOutputToken = (energyPerChip * TP) / (batch * OUTPUT);
  const capitalUsdPerSecond = (TP * chip.price) / (4 * 365.25 * 86400 * 0.6);
  const energyUsdPerSecond = (watts * TP * 1.2 * 0.08) / 3.6e6;
  const usdPerSecond = capitalUsdPerSecond + energyUsdPerSecond;
  const weightsBytes = MODEL.params * chip.weightBytes;
  const kvPerSequence = 2 * MODEL.kvHeads * MODEL.dh * MODEL.layers * (PROMPT + OUTPUT) * chip.kvBytes;
  const peak = chip.computeDtype === 'int8' ? chip.int8 : chip.bf16;
  return {
    physicalLimits: NO_LIMITS,
    decodeSteps: OUTPUT - 1,
    prefill: { ms: prefill.seconds * 1e3, lowerMs: prefill.bounds.lowerSeconds * 1e3, upperMs: prefill.bounds.upperSeconds * 1e3 },
    decode: {
      msPerToken: decode.seconds * 1e3,
      bottleneck: decode.bottleneck,
      lowerMs: decode.bounds.lowerSeconds * 1e3,
      upperMs: decode.bounds.upperSeconds * 1e3,
    },
    response: { ms: responseSeconds * 1e3 },
    throughput: { outputTokensPerSecond: tokensPerSecond, perChip: tokensPerSecond / TP },
    utilization: {
      memoryBandwidth: decode.offChipBytes / decode.seconds / chip.memBw,
      compute: decode.flops / decode.seconds / peak,
      computeOfStage: decode.flops / decode.seconds / peak,
    },
    power: {
      watts,
      throttled: unthrottledWatts > chip.tdp,
      clockScale: 1,
      prefillClockScale: 1,
      decodeClockScale: 1,
      effectiveClockHz: 1.5e9,
      tdpWatts: chip.tdp,
      unthrottledWatts,
      throttledWatts: Math.min(unthrottledWatts, chip.tdp),
      idleWatts: chip.idle,
      idleSource: 'given',
      activeWatts: 0.3 * (chip.tdp - chip.idle),
      activeSource: 'share of TDP',
    },
    energy: { joulesPerOutputToken, perfPerWatt: tokensPerSecond / (watts * TP) },
    cost: {
      usdPerMillionOutputTokens: (usdPerSecond / tokensPerSecond) * 1e6,
      usdPerResponse: (usdPerSecond * responseSeconds) / batch,
      capitalShare: capitalUsdPerSecond / usdPerSecond,
      capitalKnown: true,
    },
    memory: {
      weightsBytes,
      kvCacheBytes: kvPerSequence * batch,
      capacityBytes: chip.memCapacity * TP,
      fits: weightsBytes / TP + (kvPerSequence * batch) / TP <= chip.memCapacity,
      perChip: { weightsBytes: weightsBytes / TP, kvCacheBytes: (kvPerSequence * batch) / TP, capacityBytes: chip.memCapacity },
      maxBatch: Math.max(0, Math.floor((chip.memCapacity - weightsBytes / TP) / (kvPerSequence / TP))),
      levels: [
        { level: SRAM, weightsBytes: 0, kvCacheBytes: 0, weightsShare: 0, kvCacheShare: 0, activationWorkingSetBytes: 0 },
        {
          level: MEMORY,
          weightsBytes: weightsBytes / TP,
          kvCacheBytes: (kvPerSequence * batch) / TP,
          weightsShare: 1,
          kvCacheShare: 1,
          activationWorkingSetBytes: 0,
        },
      ],
    },
    chip: {
      peakOpsPerSecond: { int8: chip.int8, bf16: chip.bf16 },
      memoryBandwidthBytesPerSecond: chip.memBw,
      linkBandwidthBytesPerSecond: chip.linkBw,
      ridgeOpsPerByte: peak / chip.memBw,
      computeDtype: chip.computeDtype,
      memoryLevels: [
        {
          id: SRAM,
          label: 'SRAM',
          configPath: 'chip.sram',
          onChip: true,
          main: false,
          capacityBytes: 128 * 2 ** 20,
          bandwidthBytesPerSecond: chip.sramBw,
          efficiency: 1,
        },
        {
          id: MEMORY,
          label: 'Memory',
          configPath: 'chip.memory',
          onChip: false,
          main: true,
          capacityBytes: chip.memCapacity,
          bandwidthBytesPerSecond: chip.memBw,
          efficiency: chip.memEff,
        },
      ],
    },
    phases: { prefill, decode },
  };
}

/** The hand-made results state no physical limits (0: none, as model/ranges reads it). */
const NO_LIMITS: EvaluationResult['physicalLimits'] = {
  'prefill.ms': 0,
  'decode.msPerToken': 0,
  'response.ms': 0,
  'throughput.outputTokensPerSecond': 0,
  'throughput.perChip': 0,
};

function batchCurve(chip: Chip): BatchPoint[] {
  return [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096].map((batch) => {
    const r = evaluate(chip, batch);
    return {
      batch,
      decodeMsPerToken: r.decode.msPerToken,
      prefillMs: r.prefill.ms,
      outputTokensPerSecond: r.throughput.outputTokensPerSecond,
      fits: r.memory.fits,
      physicalLimits: NO_LIMITS,
      decodeSteps: r.decodeSteps,
    };
  });
}

function sensitivity(chip: Chip, batch: number): Sensitivity[] {
  const base = evaluate(chip, batch);
  const knobs: Array<[string, keyof Chip]> = [
    ['chip.memory.bandwidth', 'memBw'],
    ['chip.memory.efficiency', 'memEff'],
    ['chip.link.latency', 'linkLatency'],
    ['chip.link.bandwidth', 'linkBw'],
    ['chip.dispatch_overhead', 'dispatch'],
    ['chip.matrix.peak.int8', 'int8'],
    ['chip.vector.peak', 'vector'],
    ['chip.sram.bandwidth', 'sramBw'],
    ['chip.idle_power', 'idle'],
    ['chip.energy.memory', 'memJPerB'],
  ];
  return knobs.map(([path, key]) => {
    const r = evaluate({ ...chip, [key]: (chip[key] as number) * 1.1 }, batch);
    return {
      path,
      step: 0.1,
      decodeMsPerToken: r.decode.msPerToken / base.decode.msPerToken - 1,
      prefillMs: r.prefill.ms / base.prefill.ms - 1,
      joulesPerOutputToken: r.energy.joulesPerOutputToken / base.energy.joulesPerOutputToken - 1,
      usdPerResponse: r.cost.usdPerResponse / base.cost.usdPerResponse - 1,
      wattsDelta: r.power.watts - base.power.watts,
    };
  });
}

const BATCH = 16;
const design = evaluate(JALAPENO, BATCH);
const baseline = evaluate(H100, BATCH);
const comparison = {
  name: H100.name,
  result: baseline,
  ratios: {
    decodeSpeedup: baseline.decode.msPerToken / design.decode.msPerToken,
    prefillSpeedup: baseline.prefill.ms / design.prefill.ms,
    perfPerWatt: design.energy.perfPerWatt / baseline.energy.perfPerWatt,
    costPerResponse: baseline.cost.usdPerResponse / design.cost.usdPerResponse,
  },
};
// The report is built by the model's own function from the hand-made result, as the host builds it.
const report = reportOf({
  name: JALAPENO.name,
  result: design,
  baseline: comparison,
  diagnostics: [
    {
      severity: 'warning',
      code: 'handmade',
      message: 'A hand-made stand-in for the model.',
      path: '',
      line: null,
      column: null,
      endLine: null,
      endColumn: null,
    },
  ],
});
const view: ViewModel = {
  file: 'examples/jalapeno.chip.yaml',
  name: JALAPENO.name,
  report,
  result: { phases: design.phases, chip: design.chip },
  sensitivity: sensitivity(JALAPENO, BATCH),
  // No prediction ranges: a hand-made result has no calibration category (the views must draw no band).
  batchCurve: {
    design: batchCurveReport(batchCurve(JALAPENO), undefined, report.valid),
    baseline: batchCurveReport(batchCurve(H100), undefined, report.valid),
  },
  evaluatedAt: '2025-01-01T00:00:00.000Z',
};

const out = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'handmade-llama3-70b.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(view, null, 1) + '\n');
console.log(
  `wrote ${out}: decode ${design.decode.msPerToken.toFixed(2)} ms/token (baseline ${baseline.decode.msPerToken.toFixed(2)}), TTFT ${design.prefill.ms.toFixed(0)} ms, ${design.throughput.outputTokensPerSecond.toFixed(0)} tok/s, ${design.power.watts.toFixed(0)} W`,
);
