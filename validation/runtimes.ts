// The serving software each measured row ran on, as a `runtime:` block of the chip config.
// Chip presets describe silicon; what a framework adds — host time per prefill, per step,
// per sequence, per kernel launched and per collective call, its kernels' share of the
// chip's GEMM rate, and whether its decode attention kernel is GQA-aware — is the runtime's. One value set per framework (never per row),
// fitted by validation/calibrate.ts together with the chip families and written here.
//
// Rows whose framework has no fitted set (B-trust frameworks, unknown software) use the
// schema's defaults for `runtime.*`, the "generic runtime"; validation/validate.ts also
// reports every A-trust row under the generic runtime, which is the error to expect on a
// framework the fit never saw.

import type { Row } from './evaluate';

export interface RuntimeParams {
  gemmEfficiency: number;
  stepOverheadSeconds: number;
  prefillOverheadSeconds: number;
  sequenceOverheadSeconds: number;
  launchOverheadSeconds: number;
  collectiveOverheadSeconds: number;
}

export interface RuntimeProfile {
  /** Which rows ran on it: a test on the framework column (and source). */
  matches: (row: Row) => boolean;
  /** Stated, not fitted: whether decode attention reads a KV head once per query-head group. */
  groupedAttention: boolean;
  groupedAttentionSource: string;
  /** Stated: the int4 quantisation group size the framework's int4 rows used. */
  int4GroupSize?: { value: number; source: string };
  /** Fitted by validation/calibrate.ts (validation/out/calibration.md). */
  fitted: RuntimeParams;
}

const us = 1e-6;
const ms = 1e-3;

export const RUNTIMES = {
  'tensorrt-llm-2023': {
    matches: (r: Row) => /^TensorRT-LLM v0\.[56]|^TensorRT-LLM \(late 2023\)/.test(r.framework),
    groupedAttention: false,
    groupedAttentionSource: 'TensorRT-LLM v0.5-v0.6 predate the XQA generation kernel ("XQA kernel provides optimization for MQA and GQA during generation phase", TensorRT-LLM blog 2024-01-30, docs/source/blogs/XQA-kernel.md)',
    fitted: { gemmEfficiency: 1, prefillOverheadSeconds: 3 * ms, stepOverheadSeconds: 1.5 * ms, sequenceOverheadSeconds: 0, launchOverheadSeconds: 0, collectiveOverheadSeconds: 75 * us },
  },
  'gpt-fast': {
    matches: (r: Row) => r.framework.startsWith('gpt-fast'),
    groupedAttention: false,
    groupedAttentionSource: 'gpt-fast model.py expands K/V per query head (`k.repeat_interleave(n_head // n_local_heads, dim=1)`) before scaled_dot_product_attention',
    int4GroupSize: { value: 32, source: 'gpt-fast README: `quantize.py --mode int4 --groupsize 32`; bf16 scales and zeros per group' },
    fitted: { gemmEfficiency: 1, prefillOverheadSeconds: 0, stepOverheadSeconds: 0.05 * ms, sequenceOverheadSeconds: 0, launchOverheadSeconds: 0, collectiveOverheadSeconds: 0 },
  },
  'lmdeploy-0.2': {
    matches: (r: Row) => r.framework.startsWith('lmdeploy'),
    groupedAttention: true,
    groupedAttentionSource: 'only MHA models (Llama-2-7B) in the rows: grouping does not arise',
    fitted: { gemmEfficiency: 1, prefillOverheadSeconds: 10 * ms, stepOverheadSeconds: 0, sequenceOverheadSeconds: 10 * us, launchOverheadSeconds: 0, collectiveOverheadSeconds: 0 },
  },
  fastertransformer: {
    matches: (r: Row) => r.framework.startsWith('FasterTransformer'),
    groupedAttention: true,
    groupedAttentionSource: 'only MHA models (GPT) in the rows: grouping does not arise',
    fitted: { gemmEfficiency: 0.8, prefillOverheadSeconds: 10 * ms, stepOverheadSeconds: 0.1 * ms, sequenceOverheadSeconds: 10 * us, launchOverheadSeconds: 5 * us, collectiveOverheadSeconds: 15 * us },
  },
  splitwise: {
    matches: (r: Row) => r.source_key.startsWith('Splitwise'),
    groupedAttention: true,
    groupedAttentionSource: 'framework not stated (Splitwise profiled a production-like stack on DGX-A100); GQA-aware assumed',
    fitted: { gemmEfficiency: 0.85, prefillOverheadSeconds: 7.5 * ms, stepOverheadSeconds: 15 * ms, sequenceOverheadSeconds: 300 * us, launchOverheadSeconds: 1 * us, collectiveOverheadSeconds: 0 },
  },
} satisfies Record<string, RuntimeProfile>;

export type RuntimeId = keyof typeof RUNTIMES;
export const RUNTIME_IDS = Object.keys(RUNTIMES) as RuntimeId[];

/** The runtime a row ran on, or undefined: the generic runtime (schema defaults). */
export function runtimeOf(row: Row): RuntimeId | undefined {
  return RUNTIME_IDS.find((id) => RUNTIMES[id].matches(row));
}

/** The `runtime:` block of a row's chip config (empty for the generic runtime). */
export function runtimeYaml(id: RuntimeId | undefined): string[] {
  if (!id) return [];
  const r: RuntimeProfile = RUNTIMES[id];
  const f = r.fitted;
  return [
    'runtime:',
    `  gemm_efficiency: ${+(f.gemmEfficiency * 100).toPrecision(6)} %`,
    `  step_overhead: ${+(f.stepOverheadSeconds / ms).toPrecision(6)} ms`,
    `  prefill_overhead: ${+(f.prefillOverheadSeconds / ms).toPrecision(6)} ms`,
    `  sequence_overhead: ${+(f.sequenceOverheadSeconds / us).toPrecision(6)} us`,
    `  launch_overhead: ${+(f.launchOverheadSeconds / us).toPrecision(6)} us`,
    `  collective_overhead: ${+(f.collectiveOverheadSeconds / us).toPrecision(6)} us`,
    `  grouped_attention: ${r.groupedAttention}`,
  ];
}

/** The int4 group size a row's framework used, if stated. */
export function groupSizeOf(id: RuntimeId | undefined): number | undefined {
  if (!id) return undefined;
  const r: RuntimeProfile = RUNTIMES[id];
  return r.int4GroupSize?.value;
}
