// Runtime presets: the serving software as data (`runtime: vllm` or
// `runtime: { extends: tensorrt-llm, launch_overhead: 0 us }`), ids fixed by the contract
// (§4.1). Each is written as a user would write the `runtime:` section, with the source of
// every number.
//
// Two kinds of evidence:
// - `fitted`: the framework has A-trust measured rows; its numbers are the joint
//   calibration of validation/calibrate.ts (which prints any difference between its fit
//   and these values, so they cannot drift apart silently);
// - `prior`: little or no measured data. The numbers are the generic runtime's (the pooled
//   fit over every framework, the best single guess for software the fit never saw) plus
//   what the software's own documentation states (static shapes, GQA-aware kernels). Their
//   prediction ranges are those of an unseen runtime (model/ranges), so they are wider.
//
// Plain data; no logic.

import type { Preset } from './types';

const FIT =
  'validation/calibrate.ts: joint fit over the A-trust rows of validation/rows.csv, one value set per framework (docs/validation.md, "Fitted values")';
const GENERIC =
  'the generic runtime: one runtime fitted to the measured rows of all frameworks at once, each framework weighing the same (validation/calibrate.ts; docs/validation.md): the best single guess for software the fit never saw';
const PRIOR = "prior, not fitted: too few measured rows for this runtime, so the generic runtime's value (" + GENERIC + ')';
const XQA =
  'GQA-aware decode attention since the XQA kernel ("XQA kernel provides optimization for MQA and GQA during generation phase", TensorRT-LLM blog 2024-01-30, docs/source/blogs/XQA-kernel.md); rows measured on v0.5-v0.6 set `grouped_attention: false`';
const PAGED =
  'GQA-aware decode attention: the paged-attention kernel takes num_kv_heads and maps each query head to its KV head (vLLM csrc/attention/attention_kernels.cu); FlashAttention/FlashInfer kernels likewise';
const NEURON_BUCKETS =
  'static shapes: Neuron compiles one graph per bucket; "During prefill, the input segment is padded to the smallest bucket size that can accommodate it", default "Power-of-2 token counts from 128" (vLLM-Neuron additional-config docs, num_batched_tokens_buckets); decode graphs read the KV blocks of the whole compiled length, "the attention mask zeros out the unused range so the result is correct, but the DMA traffic is real" (vLLM-Neuron decode context-length bucketing design doc); transformers-neuronx buckets likewise (NEURON_CONTEXT_LENGTH_BUCKETS / NEURON_TOKEN_GEN_BUCKETS, vLLM commit 257afc3)';
const JETSTREAM_BUCKETS =
  'static shapes: JetStream pads each prompt to the next prefill length of DEFAULT_PREFILL_BUCKETS = [16, 32, 64, ..., 32768] (jetstream/engine/token_utils.py, take_nearest_length) and XLA compiles one program per length; the decode cache is a static shape';

const EAGER_CPP =
  "eager: the runtime enqueues each kernel and collective call of a step from the host; none of the measured runs' sources states CUDA-graph capture (an opt-in where the runtime has it)";
const GPT_FAST_GRAPH =
  'graph: gpt-fast generate.py compiles `decode_one_token = torch.compile(decode_one_token, mode="reduce-overhead", fullgraph=True)`; reduce-overhead mode replays CUDA graphs; prefill is compiled without graphs (`dynamic=True`)';
const VLLM_GRAPH =
  'graph: vLLM captures decode batches as CUDA graphs by default since v0.2.7 (PR #1926 "Optimize model execution with CUDA graph", merged 2023-12-17; `enforce_eager: False`); prefill runs eagerly';
const VLLM_HOST_STEP =
  '4 ms per scheduler call (host time the GPU waits for: gathering the last step\'s results, scheduling, preparing inputs), vLLM\'s V0 engine of v0.5-v0.6: the multi-step scheduling RFC (vllm-project/vllm issue #6854, 2024-07-26, Llama 3 8B) profiles "about 4ms of GPU bubble" per decode step, "incurred on every decode" and "once for every 8 decode" steps with multi-step 8; the v0.6.0 blog (blog.vllm.ai 2024-09-05) profiles Llama 3 8B on one H100 under v0.5.3 as 29 % scheduling and input preparation against 38 % GPU execution, and the V1 blog (2025-01-27) puts that GPU execution "as low as ~5ms", so 29/38 x 5 ms = 3.8 ms. Paid by the first decode step of each scheduler call (`serving.scheduler_steps`) and by every prefill step. Output processing (detokenisation, stop checks) is not added: v0.6 runs it asynchronously, overlapped with the next step (blog: PR #7049). The V1 engine (v0.8+) aims at "near-zero CPU overhead" but states no per-step figure: set a lower value for it';
const SGLANG_HOST_STEP =
  '0.5 ms per scheduler call, SGLang before its overlap scheduler (v0.3): the v0.4 blog (lmsys.org 2024-12-04) gives the overlap of CPU scheduling with the GPU a "1.1x increase in throughput", i.e. about 1 - 1/1.1 = 9 % of a step was host time the GPU waited for; on the ~5 ms GPU step of Llama 3 8B on one H100 (vLLM V1 blog, 2025-01-27) that is 0.45 ms. v0.4+ hides it (Nsight: "no single idle time on the GPU" between decode batches): set 0 ms for those';
const NO_SERVER_PATH =
  "0 ms: no per-request latency outside the engine. The static calibration rows are engine benchmarks with no server in the path, and no public measurement of this runtime's own request path (HTTP, tokenisation, streaming) was found; set it for a serving stack whose front end you have measured";
const VLLM_REQUEST =
  '4 ms per request outside the engine (HTTP server, the hop to the engine process over ZMQ, streaming back), vLLM\'s multiprocess OpenAI server (v0.5.4+, PR #6883, the front end of v0.6): tenstorrent/tt-inference-server issue #190 (2025-05-08, Llama 3.3 70B, vLLM\'s V0 engine) measures the mean TTFT of the same engine offline and behind the OpenAI server as 231 and 235 ms, "+4 ms, acceptable from HTTP server + ZMQ latency". A thin source: the same comment calls another +4 ms step "likely noise", so read it as 0-8 ms';
const SGLANG_REQUEST =
  '4.3 ms per request outside the engine (HTTP server, tokenizer manager, the hops to the scheduler and through the detokenizer process, streaming back), SGLang v0.3. Fitted on an independent run, not on the scored serving rows: sgl-project/sglang issue #1268 (zhyncs, 2024-08-30, SGLang main days before v0.3.0, one H100 SXM, ShareGPT, prefix cache off, 300 prompts) measures a median TTFT of 18.00 ms at 1 request/s and 17.29 ms at 2/s, loads at which requests rarely wait; the model simulates that run without a request latency 5.05 and 3.52 ms lower, mean 4.3 ms (validation/requestOverhead.ts; Llama 3 8B assumed: the comment as stored names no model, its 5 ms median ITL on one H100 is a 7-8B model; 3.1-6.5 ms over Llama 2 7B and the length spread). SGLang of 2026 with a CPU mock of a 2.63 ms forward pass shows the same size: 9.54 ms median TTFT at concurrency 1 (tenstorrent/tt-inference-server issue #3560), 4.3-6.9 ms outside the one or two passes';
const COMPILED_PROGRAM =
  'graph: the step is one compiled program (a Neuron NEFF / an XLA executable) launched once; the chip sequences its own kernels';

/**
 * TensorRT-LLM's own all-reduce, a stated condition of its versions from v0.9 (the validation's
 * NIM and trtllm-bench rows state it; the `tensorrt-llm` preset's fitted value is the NCCL path).
 */
export const TRTLLM_CUSTOM_ALL_REDUCE =
  "0 us for TensorRT-LLM from v0.9 on NVLink: `trtllm-build` enables its custom all-reduce by default (`use_custom_all_reduce: bool = True`, tensorrt_llm/plugin/plugin.py at 0.9.0.dev2024040900; later versions pick NCCL or their one-shot and two-shot kernels per message at run time, AllReduceStrategy AUTO, the PyTorch backend's default too: `allreduce_strategy: AllReduceStrategy = AllReduceStrategy.AUTO`, tensorrt_llm/_torch/model_config.py): one kernel over NVLink peer memory, with no NCCL start-up. That kernel measures 3.7-7.8 us per all-reduce on H100 at TP2-8 for up to 32,768 elements (sgl-project/sglang PR #2904, 2025-01-15: TensorRT-LLM's kernel as SGLang adapted it, timed without CUDA graphs), no more than the model already charges any collective as a kernel dispatch plus link latency (7.1 us at TP2 on `h100-sxm`), so no start-up is added. The `tensorrt-llm` preset's fitted 75 us is the NCCL path of the v0.5-v0.6.1 rows: their per-model build scripts left the custom kernel off (`--use_custom_all_reduce`, action='store_true', \"Activates latency-optimized algorithm for all-reduce instead of NCCL\")";

/** The generic runtime: what a config without a `runtime:` key gets (the schema's defaults). */
export const GENERIC_RUNTIME_VALUES = {
  step_overhead: '0 ms',
  request_overhead: '0 ms',
  prefill_overhead: '2 ms',
  gemm_efficiency: '90 %',
  launch_overhead: '2 us',
  sequence_overhead: '10 us',
  collective_overhead: '75 us',
  grouped_attention: true,
  decode_launch: 'eager',
  shape_buckets: 'none',
  smallest_bucket: 128,
} as const;

export type RuntimeEvidence = 'fitted' | 'prior';

export interface RuntimePreset extends Preset {
  kind: 'runtime';
  /** Whether the numbers are fitted to measured rows of this software, or priors. */
  evidence: RuntimeEvidence;
}

// `request_overhead` is never fitted (the calibration rows have no server in the path): it keeps its own source.
const genericSources = (source: string): Record<string, string> => ({
  ...Object.fromEntries(Object.keys(GENERIC_RUNTIME_VALUES).map((k) => [k, source])),
  request_overhead: NO_SERVER_PATH,
});

const fittedSources = (stated: Record<string, string>): Record<string, string> => ({
  ...Object.fromEntries(
    ['step_overhead', 'prefill_overhead', 'gemm_efficiency', 'launch_overhead', 'sequence_overhead', 'collective_overhead'].map((k) => [
      k,
      FIT,
    ]),
  ),
  request_overhead: NO_SERVER_PATH,
  decode_launch: EAGER_CPP,
  shape_buckets: 'none: dynamic shapes (kernels run at the exact token count)',
  smallest_bucket: 'unused without shape_buckets',
  ...stated,
});

const prior = (
  id: string,
  name: string,
  summary: string,
  stated: Record<string, { value: string | number | boolean; source: string }> = {},
): RuntimePreset => ({
  id,
  kind: 'runtime',
  name,
  summary: `${summary} Prior: little measured data, wider ranges.`,
  evidence: 'prior',
  config: { ...GENERIC_RUNTIME_VALUES, ...Object.fromEntries(Object.entries(stated).map(([k, v]) => [k, v.value])) },
  sources: { ...genericSources(PRIOR), ...Object.fromEntries(Object.entries(stated).map(([k, v]) => [k, v.source])) },
});

export const runtimePresets: readonly RuntimePreset[] = [
  {
    id: 'generic',
    kind: 'runtime',
    name: 'Generic runtime',
    evidence: 'fitted',
    summary: 'The default: one runtime fitted to every measured framework at once; what software the fit never saw gets.',
    config: { ...GENERIC_RUNTIME_VALUES },
    sources: {
      ...genericSources(GENERIC),
      grouped_attention: 'GQA-aware decode kernels are the norm since early 2024 (TensorRT-LLM XQA blog, 2024-01-30)',
      decode_launch:
        'eager: an unknown stack is assumed to launch each kernel from the host (graph capture is a property a runtime states, never assumed); the held-out evidence is that unseen stacks run slower than the model, not faster',
      shape_buckets: 'none: dynamic shapes, as GPU runtimes run',
      smallest_bucket: 'unused without shape_buckets',
    },
  },
  {
    id: 'tensorrt-llm',
    kind: 'runtime',
    name: 'NVIDIA TensorRT-LLM',
    evidence: 'fitted',
    summary: 'Static-batch TensorRT-LLM engines (gptSessionBenchmark); fitted to v0.5-v0.6.1 rows on H100 and A100.',
    config: {
      step_overhead: '1.5 ms',
      request_overhead: '0 ms',
      prefill_overhead: '3 ms',
      gemm_efficiency: '100 %',
      launch_overhead: '0 us',
      sequence_overhead: '0 us',
      collective_overhead: '75 us',
      grouped_attention: true,
      decode_launch: 'eager',
      shape_buckets: 'none',
      smallest_bucket: 128,
    },
    sources: fittedSources({
      grouped_attention: XQA,
      collective_overhead: `${FIT}; the v0.5-v0.6.1 rows ran NCCL. For an engine of v0.9 or later on NVLink set ${TRTLLM_CUSTOM_ALL_REDUCE}`,
    }),
  },
  {
    id: 'gpt-fast',
    kind: 'runtime',
    name: 'PyTorch gpt-fast',
    evidence: 'fitted',
    summary: 'torch.compile with CUDA graphs, batch 1 (pytorch-labs/gpt-fast); fitted to its README rows on A100.',
    config: {
      step_overhead: '0.05 ms',
      request_overhead: '0 ms',
      prefill_overhead: '0 ms',
      gemm_efficiency: '100 %',
      launch_overhead: '0 us',
      sequence_overhead: '0 us',
      collective_overhead: '0 us',
      grouped_attention: false,
      decode_launch: 'graph',
      shape_buckets: 'none',
      smallest_bucket: 128,
    },
    sources: fittedSources({
      decode_launch: GPT_FAST_GRAPH,
      grouped_attention:
        'false: gpt-fast model.py expands K/V per query head (`k.repeat_interleave(n_head // n_local_heads, dim=1)`) before scaled_dot_product_attention',
    }),
  },
  {
    id: 'lmdeploy',
    kind: 'runtime',
    name: 'LMDeploy TurboMind',
    evidence: 'fitted',
    summary: "LMDeploy's TurboMind engine; fitted to v0.2 static-inference rows on A100 (Llama-2-7B).",
    config: {
      step_overhead: '0 ms',
      request_overhead: '0 ms',
      prefill_overhead: '10 ms',
      gemm_efficiency: '100 %',
      launch_overhead: '0 us',
      sequence_overhead: '10 us',
      collective_overhead: '0 us',
      grouped_attention: true,
      decode_launch: 'eager',
      shape_buckets: 'none',
      smallest_bucket: 128,
    },
    sources: fittedSources({
      grouped_attention: 'GQA-aware assumed (the generic default): the measured rows are an MHA model, where grouping does not arise',
    }),
  },
  {
    id: 'fastertransformer',
    kind: 'runtime',
    name: 'NVIDIA FasterTransformer',
    evidence: 'fitted',
    summary: "FasterTransformer GPT (TensorRT-LLM's predecessor); fitted to its GPT guide rows on A100, TP1-8.",
    config: {
      step_overhead: '0.1 ms',
      request_overhead: '0 ms',
      prefill_overhead: '10 ms',
      gemm_efficiency: '80 %',
      launch_overhead: '5 us',
      sequence_overhead: '10 us',
      collective_overhead: '15 us',
      grouped_attention: true,
      decode_launch: 'eager',
      shape_buckets: 'none',
      smallest_bucket: 128,
    },
    sources: fittedSources({
      grouped_attention: 'GQA-aware assumed (the generic default): the measured rows are MHA GPT models, where grouping does not arise',
    }),
  },
  prior(
    'vllm',
    'vLLM',
    'PagedAttention serving engine with continuous batching (host time per scheduler call of the V0 engine and per request of its OpenAI server, v0.5-v0.6).',
    {
      step_overhead: { value: '4 ms', source: VLLM_HOST_STEP },
      request_overhead: { value: '4 ms', source: VLLM_REQUEST },
      grouped_attention: { value: true, source: PAGED },
      decode_launch: { value: 'graph', source: VLLM_GRAPH },
    },
  ),
  prior(
    'sglang',
    'SGLang',
    'RadixAttention serving engine (FlashInfer kernels; host time per step of v0.3, before the overlap scheduler, and per request of its server).',
    {
      step_overhead: { value: '0.5 ms', source: SGLANG_HOST_STEP },
      request_overhead: { value: '4.3 ms', source: SGLANG_REQUEST },
      grouped_attention: {
        value: true,
        source: 'GQA-aware decode attention: FlashInfer decode kernels group query heads per KV head (num_qo_heads / num_kv_heads)',
      },
      decode_launch: {
        value: 'graph',
        source:
          'graph: SGLang captures decode batches as CUDA graphs unless `--disable-cuda-graph` is given (server arguments, cuda_graph_max_bs)',
      },
    },
  ),
  prior('tgi', 'Hugging Face Text Generation Inference', 'TGI router and flash/paged-attention model server.', {
    grouped_attention: { value: true, source: PAGED + " (TGI uses vLLM's paged-attention kernels)" },
  }),
  prior('mlc-llm', 'MLC LLM', 'TVM-compiled models with CUDA graphs.', {
    decode_launch: {
      value: 'graph',
      source:
        'graph: MLC LLM captures the decode function as a CUDA graph (`mlc_llm compile` default optimisation O2 sets cudagraph=1; the October 2023 build of mlc-ai/llm-perf-bench ran `python -m mlc_llm.build ... --target cuda --use-cuda-graph`)',
    },
  }),
  prior('transformers-neuronx', 'AWS transformers-neuronx', 'Neuron-compiled static-shape graphs for Inferentia2/Trainium.', {
    decode_launch: { value: 'graph', source: COMPILED_PROGRAM },
    shape_buckets: { value: 'power_of_two', source: NEURON_BUCKETS },
    smallest_bucket: { value: 128, source: NEURON_BUCKETS },
  }),
  prior('jetstream', 'Google JetStream', 'XLA-compiled serving for TPUs (MaxText / PyTorch-XLA engines).', {
    decode_launch: { value: 'graph', source: COMPILED_PROGRAM },
    shape_buckets: { value: 'power_of_two', source: JETSTREAM_BUCKETS },
    smallest_bucket: { value: 16, source: JETSTREAM_BUCKETS },
  }),
];
