// The operator graph of a decoder-only transformer for one pass (prefill or one decode
// step), per chip after tensor-parallel splitting. Work only: FLOPs, MACs, bytes and
// shapes — where each operator runs, and how long it takes, is the engine's business.
// Formulas: model-primer.md "Operators of one decoder layer" (after LLM-Viewer, GenZ and
// the scaling book).

import type { FixedFunctionOp } from '../config/schema';
import { weightBytesPerParameter, type ModelArchitecture, type Precision, type SystemSpec } from '../design';
import { BYTES_PER_ELEMENT } from '../dtypes';
import type { OperatorClass, Phase } from '../result';

export interface MatmulShape {
  /**
   * Independent matrix products of this shape (e.g. one per sequence and KV head). Under
   * mixture of experts `batch` and `m` are expectations (experts touched, tokens per
   * expert) and may be fractional.
   */
  batch: number;
  m: number;
  k: number;
  n: number;
}

export interface OperatorSpec {
  id: string;
  label: string;
  class: OperatorClass;
  kind: 'matmul' | 'vector' | 'collective' | 'transfer';
  /** Instances per pass (layers for per-layer operators). */
  count: number;
  /** The hard-wired block that could run it, if the chip has one. */
  fixedFunction?: FixedFunctionOp;
  /** Operators of one group share one dispatch and keep intermediates on chip (kernel fusion). */
  fusedGroup?: string;
  matmul?: MatmulShape;
  macs: number;
  vectorOps: number;
  weightBytes: number;
  kvReadBytes: number;
  kvWriteBytes: number;
  activationInBytes: number;
  activationOutBytes: number;
  /** Collectives and stage transfers: the message size per chip. */
  messageBytes: number;
  governingKey: string;
}

export interface PassShape {
  phase: Phase;
  batch: number;
  /** Tokens per sequence processed in this pass: the prompt (prefill) or 1 (decode). */
  tokensPerSequence: number;
  /** Tokens attended to: prompt length (prefill) or the mean context over the output (decode). */
  context: number;
  /** Decode attention reads each KV head once per group of query heads (`runtime.grouped_attention`). */
  groupedAttention?: boolean;
  /**
   * A serving step mixes sequences at different points (prefill chunks beside decodes):
   * its totals replace the uniform `batch x tokensPerSequence` products. `tokens`: tokens
   * in the pass; `attendedPairs`: query-key pairs attention computes (a decode attends to
   * its context, a prefill chunk of s tokens after c cached ones to s·c + s²/2);
   * `kvTokens`: cached tokens attention reads. Absent: the uniform batch.
   */
  mixed?: { tokens: number; attendedPairs: number; kvTokens: number };
}

/** Per-chip head counts under tensor parallelism: heads are padded up when TP does not divide them. */
export function headsPerChip(model: ModelArchitecture, tensorParallel: number) {
  return {
    query: Math.ceil(model.heads / tensorParallel),
    // Fewer KV heads than chips: each chip keeps a replica of the KV head its queries use.
    kv: Math.ceil(model.kvHeads / tensorParallel),
  };
}

/**
 * Expected number of distinct experts touched when `tokens` tokens each pick
 * `perToken` of `experts` uniformly: E·(1 − (1 − k/E)^T). Bounded by min(E, T·k), the
 * primer's figure; the expectation is what a decode step at batch B actually reads.
 */
export function expertsTouched(experts: number, perToken: number, tokens: number): number {
  if (experts <= 1) return 1;
  return experts * (1 - Math.pow(1 - perToken / experts, tokens));
}

export function buildPass(model: ModelArchitecture, precision: Precision, system: SystemSpec, pass: PassShape): OperatorSpec[] {
  const tp = system.tensorParallel;
  const { query: hq, kv } = headsPerChip(model, tp);
  const d = model.hidden;
  const dh = model.headDim;
  const B = pass.batch;
  const T = pass.mixed ? pass.mixed.tokens : B * pass.tokensPerSequence;
  const S = pass.tokensPerSequence;
  const C = pass.context;
  const L = model.layers;
  const wB = weightBytesPerParameter(precision);
  const aB = BYTES_PER_ELEMENT[precision.activations];
  const kvB = BYTES_PER_ELEMENT[precision.kvCache];
  const ffnPerChip = Math.ceil(model.ffn / tp);
  const ffnMatrices = model.gated ? 3 : 2;
  const ops: OperatorSpec[] = [];

  const norm = (id: string, label: string, rows = T, count = L): OperatorSpec =>
    spec({
      count,
      id,
      label,
      class: 'norm',
      kind: 'vector',
      fixedFunction: 'norm',
      // RMSNorm/LayerNorm: square, sum, rsqrt, scale, gain ≈ 5 operations per element.
      vectorOps: 5 * rows * d,
      weightBytes: d * wB,
      activationInBytes: rows * d * aB,
      activationOutBytes: rows * d * aB,
      governingKey: 'chip.vector.peak',
    });
  const allReduce = (id: string, label: string): OperatorSpec =>
    spec({
      count: L,
      id,
      label,
      class: 'collective',
      kind: 'collective',
      fixedFunction: 'all_reduce',
      // Partial sums are reduced in at least 16-bit precision even for 8-bit activations
      // (TensorRT-LLM reduces FP8 models' all-reduces in FP16/BF16).
      messageBytes: T * d * Math.max(aB, 2),
      governingKey: 'chip.link.bandwidth',
    });

  ops.push(norm('attn_norm', 'Attention norm'));
  const qkvN = (hq + 2 * kv) * dh;
  ops.push(
    spec({
      count: L,
      id: 'qkv_projection',
      label: 'QKV projection',
      class: 'attention',
      kind: 'matmul',
      fixedFunction: 'qkv_projection',
      matmul: { batch: 1, m: T, k: d, n: qkvN },
      macs: T * d * qkvN,
      // Rotary embedding and the KV-cache append are this operator's epilogue.
      vectorOps: 3 * T * (hq + kv) * dh,
      weightBytes: d * qkvN * wB,
      kvWriteBytes: T * 2 * kv * dh * kvB,
      activationInBytes: T * d * aB,
      activationOutBytes: T * hq * dh * aB,
      governingKey: 'chip.matrix',
    }),
  );

  // Attention. Decode: each query attends to C cached tokens. Prefill: causal, so half of
  // the S x S score matrix (the primer's ≈2·B·h·dh·S² FLOPs for both products).
  const group = hq / Math.max(1, kv) >= 1 ? Math.max(1, Math.round(hq / kv)) : 1;
  const causal = pass.phase === 'prefill' ? 0.5 : 1;
  const attendedPairs = pass.mixed ? pass.mixed.attendedPairs : B * S * C * causal;
  const scoreMacs = hq * dh * attendedPairs;
  const attentionShape: MatmulShape = { batch: B * kv, m: group * S, k: dh, n: C };
  // In decode the whole cache is read; in prefill K and V were just produced and are read
  // back once by the fused (flash) attention kernel. A decode kernel that is not GQA-aware
  // reads each KV head once per query head that uses it.
  const kvHeadReads = pass.phase === 'decode' && pass.groupedAttention === false ? Math.max(kv, hq) : kv;
  const kvReadEach = kvHeadReads * dh * (pass.mixed ? pass.mixed.kvTokens : B * C) * kvB;
  ops.push(
    spec({
      count: L,
      id: 'attention_scores',
      label: 'Attention scores QKᵀ',
      class: 'attention',
      kind: 'matmul',
      fixedFunction: 'attention',
      fusedGroup: 'attention',
      matmul: attentionShape,
      macs: scoreMacs,
      kvReadBytes: kvReadEach,
      activationInBytes: T * hq * dh * aB,
      activationOutBytes: hq * attendedPairs * aB,
      governingKey: pass.phase === 'decode' ? 'chip.memory.bandwidth' : 'chip.matrix',
    }),
  );
  ops.push(
    spec({
      count: L,
      id: 'softmax',
      label: 'Softmax',
      class: 'attention',
      kind: 'vector',
      fixedFunction: 'attention',
      fusedGroup: 'attention',
      vectorOps: 5 * hq * attendedPairs,
      activationInBytes: hq * attendedPairs * aB,
      activationOutBytes: hq * attendedPairs * aB,
      governingKey: 'chip.vector.peak',
    }),
  );
  ops.push(
    spec({
      count: L,
      id: 'attention_context',
      label: 'Attention scores·V',
      class: 'attention',
      kind: 'matmul',
      fixedFunction: 'attention',
      fusedGroup: 'attention',
      matmul: { batch: B * kv, m: group * S, k: C, n: dh },
      macs: scoreMacs,
      kvReadBytes: kvReadEach,
      activationInBytes: hq * attendedPairs * aB,
      activationOutBytes: T * hq * dh * aB,
      governingKey: pass.phase === 'decode' ? 'chip.memory.bandwidth' : 'chip.matrix',
    }),
  );
  ops.push(
    spec({
      count: L,
      id: 'output_projection',
      label: 'Output projection',
      class: 'attention',
      kind: 'matmul',
      fixedFunction: 'output_projection',
      matmul: { batch: 1, m: T, k: hq * dh, n: d },
      macs: T * hq * dh * d,
      weightBytes: hq * dh * d * wB,
      activationInBytes: T * hq * dh * aB,
      activationOutBytes: T * d * aB,
      governingKey: 'chip.matrix',
    }),
  );
  if (tp > 1 && !model.parallelAttention) ops.push(allReduce('attention_all_reduce', 'All-reduce (attention)'));
  if (!model.parallelAttention) ops.push(norm('ffn_norm', 'FFN norm'));

  // FFN, possibly mixture of experts. Each expert's matrices are split across the TP chips.
  const touched = expertsTouched(model.experts, model.expertsPerToken, T);
  const routedTokens = T * (model.experts > 1 ? model.expertsPerToken : 1);
  const tokensPerExpert = routedTokens / touched;
  // The expert products' shape is the expectation, left fractional: `touched` products of
  // `tokensPerExpert` rows, whose product is exactly the routed tokens the MACs count. The
  // engine times a matmul as its shape's array cycles scaled by MACs / shape MACs, so a
  // shape that rounded the two factors separately (round(touched) x round(tokensPerExpert))
  // misstated the MACs it stood for, by a ratio that jumps with the batch: Mixtral-8x7B
  // (bf16, one Jalapeño chip, prompt 1) at batch 4 was 5 x 1 rows for 8 routed tokens
  // (compute ×1.6 too slow), at batch 5 6 x 2 rows for 10 (×0.83 too fast), so decode
  // fell from 50.8 to 32.7 ms per token as the batch grew (and again from batch 157,
  // 8 x 39 rows for 314 routed tokens, to 158, 8 x 40 for 316).
  // With the expectation the cycles follow the expected folds, which never fall as the
  // batch grows. A dense FFN is one product of T rows (unchanged for a whole T).
  const expertShape = { batch: touched, m: tokensPerExpert };
  if (model.experts > 1) {
    ops.push(
      spec({
        count: L,
        id: 'router',
        label: 'Expert router',
        class: 'ffn',
        kind: 'matmul',
        matmul: { batch: 1, m: T, k: d, n: model.experts },
        macs: T * d * model.experts,
        vectorOps: 5 * T * model.experts,
        weightBytes: d * model.experts * wB,
        activationInBytes: T * d * aB,
        activationOutBytes: T * model.experts * aB,
        governingKey: 'workload.model.experts',
      }),
    );
  }
  const upN = (ffnMatrices - 1) * ffnPerChip;
  ops.push(
    spec({
      count: L,
      id: 'ffn_up',
      label: model.gated ? 'FFN gate+up' : 'FFN up',
      class: 'ffn',
      kind: 'matmul',
      fixedFunction: 'ffn',
      fusedGroup: 'ffn_up',
      matmul: { ...expertShape, k: d, n: upN },
      macs: routedTokens * d * upN,
      weightBytes: touched * d * upN * wB,
      activationInBytes: T * d * aB,
      activationOutBytes: routedTokens * upN * aB,
      governingKey: 'chip.matrix',
    }),
  );
  ops.push(
    spec({
      count: L,
      id: 'ffn_activation',
      label: `FFN ${model.activation}`,
      class: 'ffn',
      kind: 'vector',
      fixedFunction: 'ffn',
      fusedGroup: 'ffn_up',
      // SwiGLU: sigmoid, two multiplies ≈ 5 ops per element; GeLU (tanh form) ≈ 8.
      vectorOps: routedTokens * ffnPerChip * (model.gated ? 5 : 8),
      activationInBytes: routedTokens * upN * aB,
      activationOutBytes: routedTokens * ffnPerChip * aB,
      governingKey: 'chip.vector.peak',
    }),
  );
  ops.push(
    spec({
      count: L,
      id: 'ffn_down',
      label: 'FFN down',
      class: 'ffn',
      kind: 'matmul',
      fixedFunction: 'ffn',
      matmul: { ...expertShape, k: ffnPerChip, n: d },
      macs: routedTokens * ffnPerChip * d,
      weightBytes: touched * ffnPerChip * d * wB,
      activationInBytes: routedTokens * ffnPerChip * aB,
      activationOutBytes: T * d * aB,
      governingKey: 'chip.matrix',
    }),
  );
  if (tp > 1) ops.push(allReduce('ffn_all_reduce', model.parallelAttention ? 'All-reduce (attention+FFN)' : 'All-reduce (FFN)'));

  // Once per pass: embedding lookup in, final norm and LM head out (only the last position
  // of each sequence produces a token).
  ops.push(
    spec({
      count: 1,
      id: 'embedding',
      label: 'Embedding lookup',
      class: 'head',
      kind: 'vector',
      vectorOps: T * d,
      weightBytes: T * d * wB,
      activationOutBytes: T * d * aB,
      governingKey: 'workload.model.hidden',
    }),
  );
  ops.push(norm('final_norm', 'Final norm', B, 1));
  const vocabPerChip = Math.ceil(model.vocab / tp);
  ops.push(
    spec({
      count: 1,
      id: 'lm_head',
      label: 'LM head',
      class: 'head',
      kind: 'matmul',
      fixedFunction: 'lm_head',
      matmul: { batch: 1, m: B, k: d, n: vocabPerChip },
      macs: B * d * vocabPerChip,
      vectorOps: 5 * B * vocabPerChip,
      weightBytes: d * vocabPerChip * wB,
      activationInBytes: B * d * aB,
      activationOutBytes: B * vocabPerChip * aB,
      governingKey: 'workload.model.vocab',
    }),
  );
  if (system.pipelineParallel > 1) {
    ops.push(
      spec({
        count: system.pipelineParallel - 1,
        id: 'stage_transfer',
        label: 'Pipeline stage transfer',
        class: 'pipeline',
        kind: 'transfer',
        messageBytes: T * d * aB,
        governingKey: 'system.pipeline_parallel',
      }),
    );
  }
  return ops;
}

type SpecFields = Pick<OperatorSpec, 'id' | 'label' | 'class' | 'kind' | 'count' | 'governingKey'> & Partial<OperatorSpec>;

/**
 * Every operator built with the same properties in the same order: one object shape, so
 * the engine's per-operator loops stay monomorphic (ad-hoc literals made evaluation 30×
 * slower, measured with `npm run bench`).
 */
function spec(f: SpecFields): OperatorSpec {
  return {
    id: f.id,
    label: f.label,
    class: f.class,
    kind: f.kind,
    count: f.count,
    fixedFunction: f.fixedFunction,
    fusedGroup: f.fusedGroup,
    matmul: f.matmul,
    macs: f.macs ?? 0,
    vectorOps: f.vectorOps ?? 0,
    weightBytes: f.weightBytes ?? 0,
    kvReadBytes: f.kvReadBytes ?? 0,
    kvWriteBytes: f.kvWriteBytes ?? 0,
    activationInBytes: f.activationInBytes ?? 0,
    activationOutBytes: f.activationOutBytes ?? 0,
    messageBytes: f.messageBytes ?? 0,
    governingKey: f.governingKey,
  };
}

/**
 * `buildPass` for one design, remembering the last pass of each phase: a sweep, a
 * sensitivity or an exploration evaluates design after design whose model, precision,
 * layout and shape are unchanged (only the chip moves), and building the operator list was
 * a tenth of an evaluation. The inputs are compared by value, every field (a field added to
 * any of them takes part without a change here): the design's once, here, and each pass's
 * shape when it is asked for. The lists are never modified by their readers.
 */
export function cachedPasses(model: ModelArchitecture, precision: Precision, system: SystemSpec): (pass: PassShape) => OperatorSpec[] {
  if (!(lastDesign && sameAs(lastDesign.model, model) && sameAs(lastDesign.precision, precision) && sameAs(lastDesign.system, system))) {
    // Copies of the inputs: a caller may later change the objects it passed (the explorer writes values in place).
    lastDesign = { model: snapshot(model), precision: snapshot(precision), system: snapshot(system), passes: [undefined, undefined] };
  }
  const remembered = lastDesign;
  return (pass) => {
    const slot = pass.phase === 'prefill' ? 0 : 1;
    const last = remembered.passes[slot];
    if (last && sameAs(last.pass, pass)) return last.ops;
    const ops = buildPass(model, precision, system, pass);
    remembered.passes[slot] = { pass: snapshot(pass), ops };
    return ops;
  };
}

interface DesignInputs {
  model: Snapshot;
  precision: Snapshot;
  system: Snapshot;
  /** The last pass of each phase (prefill, decode) built for these inputs. */
  passes: ({ pass: Snapshot; ops: OperatorSpec[] } | undefined)[];
}
let lastDesign: DesignInputs | undefined;

/**
 * A copy of an input's fields in their enumeration order (one level of nested objects: a
 * serving step's `mixed`). Arrays, not a record: comparing by position is what keeps a
 * cache hit cheap (a hit is checked on every pass of an exploration).
 */
interface Snapshot {
  keys: string[];
  values: unknown[];
}

function snapshot(o: object): Snapshot {
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of Object.entries(o)) {
    keys.push(k);
    values.push(v !== null && typeof v === 'object' ? snapshot(v) : v);
  }
  return { keys, values };
}

/**
 * The same fields, in the same order, with the same values as when the snapshot was taken.
 * Fields in another order, or NaN, never match: a miss, which is safe.
 */
function sameAs(s: Snapshot, o: object): boolean {
  const y = o as Record<string, unknown>;
  let n = 0;
  for (const k in y) {
    if (s.keys[n] !== k) return false;
    const u = s.values[n++];
    const v = y[k];
    if (u === v) continue;
    if (v !== null && typeof v === 'object' && typeof u === 'object' && u !== null && 'keys' in u && sameAs(u as Snapshot, v)) continue;
    return false;
  }
  return n === s.keys.length;
}
