// What must live in each chip's memory levels: its share of the weights and of the KV cache.
// KV cache per sequence: 2 · bytes(kv) · dh · k · L · tokens (primer; the scaling book's
// Llama-13B at 8k tokens in bf16 is 6.7 GB).

import { weightBytesPerParameter, type DesignPoint, type ModelArchitecture, type Precision } from '../design';
import { BYTES_PER_ELEMENT } from '../dtypes';
import { headsPerChip } from '../workload/operators';
import { storageCapacityBytes } from './residency';
import { bucketTokens } from './shapeBuckets';

export interface Footprint {
  weightsBytesTotal: number;
  kvBytesTotal: number;
  weightsBytesPerChip: number;
  kvBytesPerChip: number;
  /** One token of one sequence's KV cache on the most loaded chip. */
  kvBytesPerTokenPerChip: number;
  /** Largest batch whose weights and KV cache fit on the most loaded chip (0: weights alone do not). */
  maxBatch: number;
  fits: boolean;
}

export function parameterCounts(model: ModelArchitecture) {
  const { hidden: d, headDim: dh, heads: h, kvHeads: k } = model;
  const attention = d * (h + 2 * k) * dh + h * dh * d;
  const ffn = model.experts * (model.gated ? 3 : 2) * d * model.ffn + (model.experts > 1 ? d * model.experts : 0);
  const perLayer = attention + ffn + 2 * d;
  const embedding = model.vocab * d;
  const lmHead = model.tiedEmbeddings ? 0 : model.vocab * d;
  return { attention, ffn, perLayer, embedding, lmHead, total: model.layers * perLayer + embedding + lmHead + d };
}

export function kvBytesPerSequenceToken(model: ModelArchitecture, precision: Precision): number {
  return 2 * BYTES_PER_ELEMENT[precision.kvCache] * model.headDim * model.kvHeads * model.layers;
}

export function footprint(design: DesignPoint): Footprint {
  const { model, precision, batch, promptTokens, outputTokens } = design.workload;
  const { tensorParallel: tp, pipelineParallel: pp } = design.system;
  const wB = weightBytesPerParameter(precision);
  const p = parameterCounts(model);
  const heads = headsPerChip(model, tp);
  const layersPerStage = Math.ceil(model.layers / pp);
  // Per chip: its TP shard of the layers of its stage (heads padded), plus the embedding
  // on the first stage or the LM head on the last, whichever is larger.
  const attentionPerChip = model.hidden * (heads.query + 2 * heads.kv) * model.headDim + heads.query * model.headDim * model.hidden;
  const ffnPerChip = p.ffn / tp;
  const perLayerPerChip = attentionPerChip + ffnPerChip + 2 * model.hidden;
  const endsPerChip = pp > 1 ? Math.max(p.embedding, p.lmHead || p.embedding) / tp : (p.embedding + p.lmHead) / tp;
  const weightsBytesPerChip = (layersPerStage * perLayerPerChip + endsPerChip) * wB;
  // A static-shape runtime allocates each sequence's KV cache for its compiled length (the
  // bucket that holds prompt and output; its decode graphs read that whole length too,
  // model/engine/shapeBuckets.ts), not for the tokens it holds.
  const tokens = bucketTokens(promptTokens + outputTokens, design.runtime);
  const kvBytesPerTokenPerChip = 2 * BYTES_PER_ELEMENT[precision.kvCache] * model.headDim * heads.kv * layersPerStage;
  const kvPerSequencePerChip = kvBytesPerTokenPerChip * tokens;
  const kvBytesPerChip = batch * kvPerSequencePerChip;
  const capacity = storageCapacityBytes(design.hardware);
  const free = capacity - weightsBytesPerChip;
  const maxBatch = free <= 0 ? 0 : Math.floor(free / kvPerSequencePerChip);
  return {
    weightsBytesTotal: p.total * wB,
    kvBytesTotal: batch * kvBytesPerSequenceToken(model, precision) * tokens,
    weightsBytesPerChip,
    kvBytesPerChip,
    kvBytesPerTokenPerChip,
    maxBatch,
    fits: weightsBytesPerChip + kvBytesPerChip <= capacity,
  };
}
