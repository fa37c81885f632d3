// The serving software each measured row ran on, as the `runtime:` section of the row's
// chip config. A framework with a runtime preset (model/presets/runtimes.ts) runs as
// `runtime: { extends: <preset>, <stated conditions of the measured version> }`: the
// preset holds the fitted numbers (validation/calibrate.ts fits them and prints any
// difference from the preset). One profile is validation-only — Splitwise's, a modified
// late-2023 vLLM whose fitted values must not become the `vllm` preset (today's vLLM) —
// and keeps its fitted values here, over the prior preset its framework names.
//
// Rows whose framework matches nothing (B-trust frameworks, unknown software) run on the
// generic runtime (the schema's defaults); validation/validate.ts also reports every
// A-trust row on the generic runtime, and cross-validates by holding each framework out.

import type { Row } from './evaluate';
import { TRTLLM_CUSTOM_ALL_REDUCE } from '../model/presets/runtimes';

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
  /** The runtime preset id; absent for a validation-only profile. */
  preset?: string;
  /** Stated, not fitted: the measured version's decode attention (when it differs from the preset). */
  groupedAttention?: { value: boolean; source: string };
  /** Stated: the int4 quantisation group size the framework's int4 rows used. */
  int4GroupSize?: { value: number; source: string };
  /** A validation-only profile's fitted values (validation/calibrate.ts). */
  fitted?: RuntimeParams;
  /**
   * A validation-only profile's software, as a user would name it: the prior runtime preset
   * and the stated conditions of the measured version. Its rows' configs extend it (the
   * fitted values on top), and a fold without the profile's rows predicts them with what
   * that preset states over the fold's generic runtime (validation/crossValidate.ts).
   */
  prior?: { preset: string; yaml: string; source: string };
}

const us = 1e-6;
const ms = 1e-3;

export const RUNTIMES = {
  'tensorrt-llm': {
    matches: (r: Row) => /^TensorRT-LLM v0\.[56]|^TensorRT-LLM \(late 2023\)/.test(r.framework),
    preset: 'tensorrt-llm',
    groupedAttention: {
      value: false,
      source:
        'TensorRT-LLM v0.5-v0.6 predate the XQA generation kernel ("XQA kernel provides optimization for MQA and GQA during generation phase", TensorRT-LLM blog 2024-01-30, docs/source/blogs/XQA-kernel.md)',
    },
  },
  'gpt-fast': {
    matches: (r: Row) => r.framework.startsWith('gpt-fast'),
    preset: 'gpt-fast',
    int4GroupSize: { value: 32, source: 'gpt-fast README: `quantize.py --mode int4 --groupsize 32`; bf16 scales and zeros per group' },
  },
  lmdeploy: {
    matches: (r: Row) => r.framework.startsWith('lmdeploy'),
    preset: 'lmdeploy',
  },
  fastertransformer: {
    matches: (r: Row) => r.framework.startsWith('FasterTransformer'),
    preset: 'fastertransformer',
  },
  splitwise: {
    matches: (r: Row) => r.source_key.startsWith('Splitwise'),
    // vLLM, as the Splitwise authors modified it (Patel et al., ISCA 2024, arXiv
    // 2311.18677v2): §3 "Models": "Unless stated otherwise, we run BLOOM-176B and Llama-70B
    // on vLLM [51] on a machine with 8 H100 GPUs"; §5.1: "we implement Splitwise's KV-cache
    // transfer mechanism on top of vLLM ... We run this modified vLLM on two DGX-A100 and
    // two DGX-H100 virtual machines (VMs) on Microsoft Azure ... These are the VMs used to
    // collect the characterization data in Section 3", with "state-of-the-art mixed
    // continuous batching" added; §5.2: the simulator's performance model (splitwise-sim's
    // data/perf_model.csv, these rows) is built from "performance profiles ... on A100 and
    // H100 machines from Section 3". The branch itself is not public ("an internal
    // prototype on top of an internal vLLM branch", vllm-project/vllm issue #2472,
    // 2024-01-18). Its fitted values stay here rather than in the `vllm` preset: an eager
    // late-2023 fork is not today's vLLM. GQA-aware (vLLM's paged attention).
    prior: {
      preset: 'vllm',
      yaml: 'decode_launch: eager',
      source:
        "eager: §3's characterization was published in arXiv v1 of 2023-11-30, before vLLM's CUDA-graph decode (PR #1926, merged 2023-12-17, default since v0.2.7)",
    },
    fitted: {
      gemmEfficiency: 0.85,
      prefillOverheadSeconds: 7.5 * ms,
      stepOverheadSeconds: 15 * ms,
      sequenceOverheadSeconds: 300 * us,
      launchOverheadSeconds: 1 * us,
      collectiveOverheadSeconds: 0,
    },
  },
} satisfies Record<string, RuntimeProfile>;

export type RuntimeId = keyof typeof RUNTIMES;
export const RUNTIME_IDS = Object.keys(RUNTIMES) as RuntimeId[];

/** The runtime a row ran on, or undefined: the generic runtime (schema defaults). */
export function runtimeOf(row: Row): RuntimeId | undefined {
  return RUNTIME_IDS.find((id) => RUNTIMES[id].matches(row));
}

/** TensorRT-LLM's custom all-reduce (v0.9 on): no NCCL start-up per collective. */
export const TRTLLM_ALL_REDUCE = { yaml: 'collective_overhead: 0 us', source: TRTLLM_CUSTOM_ALL_REDUCE };

/**
 * Frameworks with no fitted profile: the runtime preset a user naming the software would
 * extend (model/presets/runtimes.ts; a prior preset, or the fitted preset of the engine it
 * serves through) and the stated conditions of the measured version. Their rows are never fitted.
 */
const PRIOR_PRESETS: { matches: (r: Row) => boolean; preset: string; stated?: { yaml: string; source: string } }[] = [
  {
    matches: (r) => r.framework.startsWith('vLLM (Oct 2023)'),
    preset: 'vllm',
    stated: {
      yaml: 'decode_launch: eager',
      source:
        'mlc-ai/llm-perf-bench ran vLLM at commit acbed3e of 2023-10-06 (README, Setup Details), before CUDA-graph decode (PR #1926, merged 2023-12-17, default since v0.2.7): every kernel launched eagerly from Python',
    },
  },
  { matches: (r) => r.framework.startsWith('vLLM'), preset: 'vllm' },
  // NIM serves through TensorRT-LLM engines where NVIDIA ships an optimized profile ("The
  // optimized TensorRT-LLM profiles are preferred over vLLM when available", NIM for LLMs docs,
  // "Automatic Profile Selection"), of a version that runs Llama 3.3 (released 2024-12-06):
  // later than v0.9, so with TensorRT-LLM's own all-reduce.
  { matches: (r) => r.framework.startsWith('NVIDIA NIM'), preset: 'tensorrt-llm', stated: TRTLLM_ALL_REDUCE },
  // trtllm-bench on the PyTorch backend (v0.19+): no runtime preset for that engine, so the
  // generic runtime, with the same all-reduce (the PyTorch backend's AllReduce, strategy AUTO).
  { matches: (r) => r.framework.startsWith('TensorRT-LLM (PyTorch'), preset: 'generic', stated: TRTLLM_ALL_REDUCE },
  { matches: (r) => r.framework.startsWith('SGLang'), preset: 'sglang' },
  { matches: (r) => r.framework.startsWith('MLC LLM'), preset: 'mlc-llm' },
  { matches: (r) => /JetStream/i.test(r.framework), preset: 'jetstream' },
  { matches: (r) => /Text Generation Inference|\bTGI\b/.test(r.framework), preset: 'tgi' },
];

/** The prior runtime preset a row's (unfitted) framework names, if any. */
export function priorPresetOf(row: Row): string | undefined {
  return priorOf(row)?.preset;
}

const priorOf = (row: Row) => (runtimeOf(row) ? undefined : PRIOR_PRESETS.find((p) => p.matches(row)));

/**
 * The `runtime:` section of a row's chip config: its fitted profile, else the prior preset
 * its framework names, else nothing (the chip preset's runtime, or the generic one); with
 * `overrides` (`key: value` lines) set over it.
 */
export function rowRuntimeYaml(row: Row, overrides: readonly string[] = []): string[] {
  const prior = priorOf(row);
  if (!prior) {
    const lines = runtimeYaml(runtimeOf(row));
    if (!overrides.length) return lines;
    return [...(lines.length ? lines : ['runtime:']), ...overrides.map((o) => `  ${o}`)];
  }
  const keys = [...(prior.stated ? [prior.stated.yaml] : []), ...overrides];
  return keys.length ? [`runtime: { extends: ${prior.preset}, ${keys.join(', ')} }`] : [`runtime: ${prior.preset}`];
}

/** The `runtime:` section of a fitted profile (empty for the generic runtime). */
export function runtimeYaml(id: RuntimeId | undefined): string[] {
  if (!id) return [];
  const r: RuntimeProfile = RUNTIMES[id];
  const lines = ['runtime:'];
  if (r.preset) lines.push(`  extends: ${r.preset}`);
  if (r.prior) lines.push(`  extends: ${r.prior.preset}`, `  ${r.prior.yaml}`);
  const f = r.fitted;
  if (f) {
    lines.push(
      `  gemm_efficiency: ${+(f.gemmEfficiency * 100).toPrecision(6)} %`,
      `  step_overhead: ${+(f.stepOverheadSeconds / ms).toPrecision(6)} ms`,
      `  prefill_overhead: ${+(f.prefillOverheadSeconds / ms).toPrecision(6)} ms`,
      `  sequence_overhead: ${+(f.sequenceOverheadSeconds / us).toPrecision(6)} us`,
      `  launch_overhead: ${+(f.launchOverheadSeconds / us).toPrecision(6)} us`,
      `  collective_overhead: ${+(f.collectiveOverheadSeconds / us).toPrecision(6)} us`,
    );
  }
  if (r.groupedAttention) lines.push(`  grouped_attention: ${r.groupedAttention.value}`);
  return lines;
}

/** The int4 group size a row's framework used, if stated. */
export function groupSizeOf(id: RuntimeId | undefined): number | undefined {
  if (!id) return undefined;
  const r: RuntimeProfile = RUNTIMES[id];
  return r.int4GroupSize?.value;
}
