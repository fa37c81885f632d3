// The serving rows as chip configs: one rule per source, each stating the benchmark's
// settings (arrivals, lengths, the engine's scheduler and memory defaults) with where they
// come from. Nothing here is tuned on the rows: a setting is what the source or the
// framework's documentation says, or the schema default when neither says anything.
// validation/serving.ts simulates the cases and scores them.

import type { CsvRecord } from './csv';
import { rowRuntimeYaml, TRTLLM_ALL_REDUCE } from './runtimes';

export type Metric =
  | 'ttft_mean'
  | 'ttft_median'
  | 'tpot_mean'
  | 'tpot_median'
  | 'token_latency_p50'
  | 'ms_per_token_median'
  | 'requests_per_second'
  | 'output_tokens_per_second'
  | 'watts_mean'
  | 'joules_per_request';

export const METRIC_LABEL: Record<Metric, string> = {
  ttft_mean: 'mean TTFT',
  ttft_median: 'median TTFT',
  tpot_mean: 'mean TPOT (mean ITL)',
  tpot_median: 'median TPOT',
  token_latency_p50: 'TPOT p50 (per-token latency)',
  ms_per_token_median: 'median e2e / output tokens (TGI ms/token)',
  requests_per_second: 'requests/s',
  output_tokens_per_second: 'output tokens/s',
  watts_mean: 'average power per chip (W)',
  joules_per_request: 'energy per request, all chips (J)',
};

/** The target groups: time to first token and time per output token, as each source states them (mean or median). */
export const TARGET_GROUPS: { label: string; metrics: Metric[] }[] = [
  { label: 'TTFT (mean or median as reported)', metrics: ['ttft_mean', 'ttft_median'] },
  { label: 'TPOT (mean, median or p50 as reported)', metrics: ['tpot_mean', 'tpot_median', 'token_latency_p50'] },
];

export interface Case {
  /** Offline (infinite-rate) runs: as many clients as the KV cache holds sequences, half as many again, up to max_batch. */
  fillBatch?: boolean;
  /** The runtime's KV-cache rule, when it is not vLLM's share of all memory for weights and cache (overrides `memory_utilization`). */
  kvRule?: KvRule;
  config: string;
  source: string;
  /** A short name of the source for the tables. */
  sourceLabel: string;
  label: string;
  text: string;
  metrics: { metric: Metric; measured: number }[];
  /** Mechanisms the case depends on, each with the text that sets it and what stands there without it: the script shows the prediction without each. */
  mechanisms?: { label: string; from: string; to: string }[];
  /** An assumed setting no source states: the script shows the prediction with each alternative value (every occurrence of `from` replaced). */
  assumption?: { label: string; from: string; alternatives: string[] };
}

/** The KV cache as a share of all memory (`total`) or of the memory the weights leave (`free`). */
export interface KvRule {
  share: number;
  of: 'total' | 'free';
}

/**
 * lmdeploy v0.2.0 gives the KV cache `cache_max_entry_count` = 0.5 of the TOTAL GPU memory:
 * "For versions of lmdeploy between `v0.2.0` and `v0.2.1`, it defaults to 0.5, depicting the
 * percentage of TOTAL GPU memory to be allocated to the k/v cache. For lmdeploy versions
 * greater than `v0.2.1`, it defaults to 0.8, signifying the percentage of FREE GPU memory"
 * (lmdeploy/messages.py, TurbomindEngineConfig docstring). The rule first written here read
 * it as the later versions' share of free memory; the script still shows that reading.
 */
export const LMDEPLOY_KV_RULE: KvRule = { share: 0.5, of: 'total' };
/** The later versions' reading, shown beside the documented one. */
export const LMDEPLOY_KV_RULE_LATER: KvRule = { share: 0.5, of: 'free' };

/**
 * TensorRT-LLM gives the KV cache 0.9 of the memory free after the model is loaded: "The
 * default for free_gpu_memory_fraction is 0.9, which means TensorRT LLM will try to allocate
 * 90% of free GPU memory for KV cache" (TensorRT-LLM docs, "How to Change KV Cache Behavior");
 * trtllm-bench's `--kv_cache_free_gpu_mem_fraction` is "the percentage of memory to use for KV
 * Cache after model load". Read here as 0.9 of the memory the weights leave: the runtime's
 * activation workspace, which it also subtracts, is not modelled, so the cache is an upper bound.
 */
export const TRTLLM_KV_RULE: KvRule = { share: 0.9, of: 'free' };

/**
 * "TensorRT-LLM currently supports three batch scheduler policies: GUARANTEED_NO_EVICT
 * (default), MAX_UTILIZATION and STATIC_BATCH ... GUARANTEED_NO_EVICT to guarantee that a
 * started request is never paused" (TensorRT-LLM performance tuning guide, "Useful Runtime
 * Options", Capacity Scheduler Policy): a request starts only when its prompt and its whole
 * output fit the cache (`serving.admission: guaranteed`).
 */
const TRTLLM_ADMISSION = '  admission: guaranteed';
const TRTLLM_ADMISSION_MECHANISM = {
  label: "TensorRT-LLM's capacity scheduler (GUARANTEED_NO_EVICT)",
  from: `${TRTLLM_ADMISSION}\n`,
  to: '',
};

/** TensorRT-LLM's own all-reduce from v0.9 (validation/runtimes.ts, TRTLLM_ALL_REDUCE): no NCCL start-up. */
const TRTLLM_ALL_REDUCE_MECHANISM = {
  label: "TensorRT-LLM's custom all-reduce (no NCCL start-up)",
  from: `, ${TRTLLM_ALL_REDUCE.yaml}`,
  to: '',
};

const CHIPS: [RegExp, string][] = [
  [/A10G/, 'a10g'],
  [/p4d|A100 40GB|A100-40/, 'a100-40gb-sxm'],
  [/A100/, 'a100-80gb-sxm'],
  [/H100/, 'h100-sxm'],
  [/MI300X/, 'mi300x'],
];
const MODELS: Record<string, string> = {
  'Llama-2-7B': 'llama-2-7b',
  'Llama-2-13B': 'llama-2-13b',
  'Llama-2-70B': 'llama-2-70b',
  // Llama 3.1 and 3.3 keep Llama 3's architecture (layers, widths, GQA, vocabulary); only the context length grew.
  'Llama-3.1-8B': 'llama-3-8b',
  'Llama-3-8B': 'llama-3-8b',
  'Llama-3-70B': 'llama-3-70b',
  'Llama-3.1-70B': 'llama-3-70b',
  'Llama-3.3-70B': 'llama-3-70b',
  // No preset: Llama 3.1 405B's published architecture (its config.json).
  'Llama-3.1-405B': '{ layers: 126, hidden: 16384, heads: 128, kv_heads: 8, ffn: 53248, activation: swiglu, vocab: 128256 }',
};

function precisionOf(weights: string): string {
  // GPTQ checkpoints of this era (TheBloke's, used by the SageMaker blog) use 128-weight groups
  // and compute in fp16; FP8 checkpoints (ModelOpt, NIM's FP8 profiles) keep activations and KV cache in fp8.
  if (/GPTQ/.test(weights)) return '{ weights: int4, activations: fp16, kv_cache: fp16, group_size: 128 }';
  if (/FP8/.test(weights)) return '{ weights: fp8, activations: fp8, kv_cache: fp8 }';
  if (/BF16/.test(weights)) return '{ weights: bf16, activations: bf16, kv_cache: bf16 }';
  return '{ weights: fp16, activations: fp16, kv_cache: fp16 }';
}

/**
 * ShareGPT as sglang.bench_serving (v0.3) samples it: the first turn is the prompt, the
 * second turn's length the output; pairs with prompt or output under 4 tokens, a prompt
 * over 1,024 or a total over 2,048 are dropped (`sample_sharegpt_requests`). Means with the
 * Llama 3 tokenizer: prompt 229.7 tokens (vLLM PR #18566's run of the same dataset and
 * tokenizer: 229,711 input tokens over 1,000 prompts); output 194.4, the ratio of output
 * tokens/s to requests/s of the offline rows themselves (4281.51 / 22.03, identical to 0.1 %
 * in all four), so their tokens/s is not an independent check and is not scored. The spread
 * (sigma 1.0 of the log) is assumed, as for lmdeploy's ShareGPT runs.
 */
const SHAREGPT_LLAMA3 = [
  '  prompt: { distribution: lognormal, mean: 230, sigma: 1.0, min: 4, max: 1024 }',
  '  output: { distribution: lognormal, mean: 194, sigma: 1.0, min: 4, max: 1024 }',
];

function head(r: CsvRecord, chip: string, tp: number): string[] {
  return [`name: ${r.config_id}`, `extends: ${chip}`, `system: { chips: ${tp}, tensor_parallel: ${tp} }`];
}

/** The chip config and measured metrics of one serving configuration, or why it cannot be simulated. */
export function caseOf(rows: CsvRecord[]): Case | string {
  const r = rows[0]!;
  const chip = CHIPS.find(([re]) => re.test(r.hardware))?.[1];
  const model = MODELS[r.model];
  if (!chip || !model) return `no preset for ${r.hardware} / ${r.model}`;
  const tp = Number(r.n_chips);
  // The runtime the row's framework names: its fitted preset (lmdeploy), else the preset a
  // user naming the software would extend (tgi, vllm, sglang; NIM on tensorrt-llm; trtllm-bench's
  // PyTorch backend on the generic runtime), with the measured version's stated conditions.
  const runtime = rowRuntimeYaml({ ...r, source_key: r.source } as never);
  // Offline runs queue every request at the start: a request's path outside the engine
  // (`runtime.request_overhead`: HTTP, tokenisation) overlaps its wait in that queue and delays
  // no step, and benchmark_throughput.py drives the engine in-process, with no server at all.
  // The closed loop that stands for the queue (`fillBatch`) must not delay each next request by it.
  const queuedRuntime = rowRuntimeYaml({ ...r, source_key: r.source } as never, ['request_overhead: 0 ms']);
  const metrics: Case['metrics'] = [];
  const value = (name: string) => Number(rows.find((x) => x.metric === name)?.value);
  const workload = (prompt: number | string, output: number | string) =>
    `workload: { model: ${model}, precision: ${precisionOf(r.weight_prec)}, batch: 1, prompt: ${prompt}, output: ${output} }`;
  let lines: string[];
  let sourceLabel: string;
  let kvRule: KvRule | undefined;
  let fillBatch = false;
  const mechanisms: NonNullable<Case['mechanisms']> = [];
  let assumption: Case['assumption'];
  if (/TGI/.test(r.framework)) {
    // HF SageMaker blog (TGI 1.0.3): k6 virtual users each send the next request when the
    // last returns; a ~10-token prompt, 50 new tokens; TGI v1 runs prefill and decode in
    // separate steps (no chunking) with up to 128 concurrent requests by default.
    sourceLabel = 'TGI 1.0.3 SageMaker (A10G, A100-40GB)';
    const users = Number(/^(\d+) concurrent/.exec(r.batch_size)?.[1]);
    lines = [
      workload(10, 50),
      ...runtime,
      'serving:',
      `  concurrency: ${users}`,
      '  requests: 400',
      '  chunked_prefill: false',
      '  max_batch: 128',
      '  max_batched_tokens: 4096',
    ];
    metrics.push({ metric: 'ms_per_token_median', measured: value('Latency (ms/token) med') });
    metrics.push({ metric: 'output_tokens_per_second', measured: value('Thorughput (tokens/second)') });
  } else if (/trtllm-bench/.test(r.source)) {
    // trtllm-bench offline throughput: every request queued at once (infinite rate), fixed
    // lengths, the runtime choosing the batch (TensorRT-LLM defaults: max_batch_size 2048,
    // max_num_tokens 8192, chunked context), the KV cache 90 % of the free memory, and its
    // capacity scheduler's GUARANTEED_NO_EVICT.
    sourceLabel = 'trtllm-bench offline (H100)';
    lines = [
      workload(r.input_len, r.output_len),
      ...queuedRuntime,
      'serving:',
      // Clients: enough to keep the batch full, as the queue of an offline run does; `fillBatch`
      // sets them from the design's KV cache in predict (1 here is a placeholder).
      '  concurrency: 1',
      '  requests: 1500',
      '  max_batch: 2048',
      '  max_batched_tokens: 8192',
      '  chunked_prefill: true',
      TRTLLM_ADMISSION,
    ];
    kvRule = TRTLLM_KV_RULE;
    mechanisms.push(TRTLLM_ADMISSION_MECHANISM, TRTLLM_ALL_REDUCE_MECHANISM);
    fillBatch = true;
    metrics.push({ metric: 'output_tokens_per_second', measured: value('Total Output Throughput (tokens/sec)') });
  } else if (r.framework.startsWith('lmdeploy')) {
    // lmdeploy profile_throughput over a ShareGPT-style dataset, 3000 prompts, `max N` clients.
    // Lengths: ShareGPT's mean prompt is 161 tokens (vLLM paper, Kwon et al. SOSP 2023, §6.1);
    // the mean output, 232.7 tokens, is the dataset's as these runs report it (out tok/s over
    // RPS, identical in all three), so out tok/s is not an independent check and is not scored.
    sourceLabel = 'lmdeploy v0.2 profile_throughput (A100)';
    const clients = Number(/max (\d+)/.exec(r.batch_size)?.[1]);
    // TurboMind v0.2 pages the KV cache in blocks of 128 tokens (`cache_block_seq_len`) and
    // prefills up to `max_prefill_token_num` = 8,192 tokens per iteration (TurbomindEngineConfig).
    lines = [
      workload(161, 233),
      ...runtime,
      'serving:',
      `  concurrency: ${clients}`,
      '  requests: 3000',
      `  max_batch: ${clients}`,
      '  chunked_prefill: false',
      '  max_batched_tokens: 8192',
      '  block_size: 128',
      '  prompt: { distribution: lognormal, mean: 161, sigma: 1.0, min: 4, max: 2048 }',
      '  output: { distribution: lognormal, mean: 233, sigma: 1.0, min: 4, max: 2048 }',
    ];
    kvRule = LMDEPLOY_KV_RULE;
    metrics.push({ metric: 'ttft_mean', measured: value('FTL(ave)(s)') * 1e3 });
    metrics.push({ metric: 'token_latency_p50', measured: value('50%(s)') * 1e3 });
    metrics.push({ metric: 'requests_per_second', measured: value('RPS') });
  } else if (r.source.startsWith('ML.ENERGY leaderboard v2')) {
    // ML.ENERGY leaderboard v2 (Chung et al., "The ML.ENERGY Benchmark", NeurIPS Datasets and
    // Benchmarks 2025; github ml-energy/leaderboard, benchmark/llm_text_generation/chat/): the
    // client sends the first turn of each of 500 ShareGPT conversations (ShareGPT_V3_filtered_500:
    // prompt and reference answer 4-800 tokens, sharegpt/filter_dataset.py), after a system prompt,
    // to vLLM v0.4.2's OpenAI chat server at a Poisson rate, max_tokens 1024
    // (scripts/benchmark_client.py, benchmark_one_model.py); the server runs at
    // --gpu-memory-utilization 0.90 on 1 or 8 GPUs (TP) and vLLM 0.4.2's defaults: no chunked
    // prefill, max_num_seqs 256, max_num_batched_tokens the model's context, blocks of 16, one
    // scheduler step per call. Runtime: the `vllm` preset, whose host times (4 ms per scheduler
    // call and per request) are sourced to v0.5-v0.6; v0.4.2 ran its output processing in line,
    // so they may be low for it. Assumed, not stated: the mean lengths, ShareGPT's from the vLLM
    // paper (161 prompt tokens, Kwon et al. SOSP 2023 §6.1) plus ~40 tokens of system prompt and
    // chat template, and an output mean of 338 (the same paper's), shown at 200 and 700 too since
    // the answers are the model's own; the lognormal spread (sigma 1.0 of the log, as for the other
    // ShareGPT rows). Scored: requests/s, and the power and energy the source measured: the GPUs'
    // energy over the whole run per request (all chips), and that times requests/s per chip.
    sourceLabel = 'ML.ENERGY v2, vLLM v0.4.2 ShareGPT, A100 40GB TP1 and TP8';
    const rate = /request rate (\d+(?:\.\d+)?)\/s/.exec(r.batch_size)?.[1];
    if (!rate) return `no request rate in "${r.batch_size}"`;
    const context = model.startsWith('llama-3') ? 8192 : 4096;
    lines = [
      workload(201, 338),
      ...runtime,
      'serving:',
      `  rate: ${rate} /s`,
      '  requests: 500',
      '  prompt: { distribution: lognormal, mean: 201, sigma: 1.0, min: 4, max: 840 }',
      '  output: { distribution: lognormal, mean: 338, sigma: 1.0, min: 4, max: 1024 }',
      '  chunked_prefill: false',
      `  max_batched_tokens: ${context}`,
      '  max_batch: 256',
      '  block_size: 16',
      '  memory_utilization: 90 %',
    ];
    assumption = { label: "mean output length (the model's own answers)", from: 'mean: 338', alternatives: ['mean: 200', 'mean: 700'] };
    const requestsPerSecond = value('Requests per second');
    const joulesPerRequest = value('Energy per request (J)');
    metrics.push({ metric: 'requests_per_second', measured: requestsPerSecond });
    metrics.push({ metric: 'watts_mean', measured: (joulesPerRequest * requestsPerSecond) / tp });
    metrics.push({ metric: 'joules_per_request', measured: joulesPerRequest });
  } else if (r.source.startsWith('SGLang benchmark')) {
    const c = sglangCase(r, rows, workload, runtime, queuedRuntime, tp);
    if (typeof c === 'string') return c;
    ({ lines, fillBatch } = c);
    // The spread of ShareGPT's lengths is assumed: show what it does to the medians.
    if (!fillBatch)
      assumption = { label: 'ShareGPT length spread (sigma of the log)', from: 'sigma: 1.0', alternatives: ['sigma: 0.7', 'sigma: 1.3'] };
    if (r.framework.startsWith('vLLM') && !fillBatch)
      mechanisms.push({ label: 'multi-step scheduling (10 steps per call)', from: '  scheduler_steps: 10\n', to: '' });
    if (!fillBatch && runtime[0] !== queuedRuntime[0])
      mechanisms.push({ label: "the server's latency per request (runtime.request_overhead)", from: runtime[0]!, to: queuedRuntime[0]! });
    sourceLabel = `${r.framework.startsWith('vLLM') ? 'vLLM v0.6.0' : 'SGLang v0.3.0'} ShareGPT (sglang.bench_serving; A100, H100)`;
    metrics.push(...c.metrics);
  } else if (r.framework.startsWith('NVIDIA NIM')) {
    // NIM LLM benchmarking docs (NIM 1.8.0, AIPerf): a closed loop of `concurrency` clients,
    // fixed lengths (ignore_eos). NIM serves through TensorRT-LLM where NVIDIA ships an
    // optimized profile for the GPU (the "fp8 TP2" H100 rows name one): "The optimized
    // TensorRT-LLM profiles are preferred over vLLM when available"; "Lower precision profiles
    // are preferred" (NIM for LLMs docs, Optimization, "Automatic Profile Selection"). So
    // TensorRT-LLM's scheduler defaults stand: its capacity scheduler (GUARANTEED_NO_EVICT)
    // and 90 % of the free memory for the KV cache. Step times come from the `tensorrt-llm`
    // preset, as for the static rows of this source, with TensorRT-LLM's own all-reduce: NIM
    // 1.8.0 does not state its TensorRT-LLM version, but one that serves Llama 3.3 is later than
    // v0.9 (validation/runtimes.ts). The profile's batch and token limits are not stated: the
    // schema's (chunked prefill, 8,192 tokens per step, 256 sequences) stand. TTFT and ITL are
    // the tables' averages.
    const concurrency = Number(/concurrency (\d+)/.exec(r.batch_size)?.[1]);
    if (!(concurrency > 1)) return 'concurrency 1 is a batch-1 row of the static calibration';
    sourceLabel = 'NVIDIA NIM 1.8.0 AIPerf (H100 TP2)';
    lines = [
      workload(r.input_len, r.output_len),
      ...runtime,
      'serving:',
      `  concurrency: ${concurrency}`,
      '  requests: 400',
      TRTLLM_ADMISSION,
    ];
    mechanisms.push(TRTLLM_ADMISSION_MECHANISM, TRTLLM_ALL_REDUCE_MECHANISM);
    kvRule = TRTLLM_KV_RULE;
    metrics.push({ metric: 'ttft_mean', measured: value('TTFT (ms)') });
    metrics.push({ metric: 'tpot_mean', measured: value('ITL (ms)') });
    metrics.push({ metric: 'output_tokens_per_second', measured: value('Throughput(Tokens/s)') });
  } else if (r.source.startsWith('ROCm vLLM dev-docker') && r.batch_size.startsWith('scheduler')) {
    // ROCm/vllm docs/dev-docker/README.md (vLLM v0.10.0, V1 engine): benchmark_throughput.py
    // with every prompt at once and the README's command: `--kv-cache-dtype fp8
    // --gpu-memory-utilization 0.9 --max-num-batched-tokens 131072 --max-num-seqs <num prompts>`,
    // fixed lengths; V1 chunks prefills into steps shared with decodes. The table's
    // "Throughput (tokens/s)" is read as output tokens/s (the script prints total and output
    // rates; which one the table holds is not stated).
    const seqs = Number(/max num seqs (\d+)/.exec(r.batch_size)?.[1]);
    if (!(seqs > 0)) return `no max num seqs in "${r.batch_size}"`;
    sourceLabel = 'vLLM v0.10.0 ROCm benchmark_throughput (MI300X TP8)';
    lines = [
      workload(r.input_len, r.output_len),
      ...queuedRuntime,
      'serving:',
      '  concurrency: 1',
      `  requests: ${Math.min(seqs, 1500)}`,
      `  max_batch: ${seqs}`,
      '  max_batched_tokens: 131072',
      '  chunked_prefill: true',
      '  memory_utilization: 90 %',
    ];
    fillBatch = true;
    metrics.push({ metric: 'output_tokens_per_second', measured: value('Throughput (tokens/s)') });
  } else return `no serving rule for ${r.source}`;
  return {
    ...(kvRule ? { kvRule } : {}),
    ...(fillBatch ? { fillBatch } : {}),
    ...(mechanisms.length ? { mechanisms } : {}),
    ...(assumption ? { assumption } : {}),
    config: r.config_id,
    source: r.source,
    sourceLabel,
    label: `${r.hardware.replace(/\s*\(.*$/, '')} ×${tp}, ${r.model} ${r.weight_prec.split(' ')[0]}, ${r.framework.split(' (')[0]}, ${r.batch_size.replace(/\s*\(dynamic batching\)/, '').slice(0, 48)}, ${r.input_len.split(' ')[0]}/${r.output_len.split(' ')[0]}`,
    text: [...head(r, chip, tp), ...lines, ''].join('\n'),
    metrics: metrics.filter((m) => Number.isFinite(m.measured)),
  };
}

/**
 * sglang benchmark/benchmark_vllm_060/README.md (SGLang v0.3.0 against vLLM v0.6.0), whose
 * commands state the settings:
 * - online: `sglang.bench_serving --dataset-name sharegpt --num-prompts 1200|2400
 *   --request-rate 4|8` (Poisson arrivals), offline: `--num-prompts 5000`, no rate (all at once);
 * - vLLM server: `--num-scheduler-steps 10 --max_model_len 4096`, `gpu_memory_utilization`
 *   0.9 (the README); v0.6.0 is the V0 engine: prefill-first steps without chunking (chunked
 *   prefill is on by default only past a 32K context, and multi-step excludes it in v0.6.0),
 *   a prefill budget of max(max_model_len, 2048) = 4,096 tokens, `max_num_seqs` 256, blocks of 16;
 * - SGLang server: `mem_fraction_static` 0.88 at TP1 and 0.85 at TP4 (0.88 in the offline
 *   TP4 run, `--mem-frac 0.88`; the README), `--disable-radix-cache` (no prefix reuse, as
 *   modelled), a token-granular KV pool (page size 1), prefill batches apart from decode
 *   batches (mixed chunks off by default), a prefill budget of `chunked_prefill_size` 8,192
 *   (v0.3.0 server_args default), running requests limited by the KV pool; one decode step
 *   per scheduler call: its `num_continue_decode_steps` (10) runs of decode stop after any
 *   step with streamed output to send (`if self.out_pyobjs and self.running_batch.has_stream(): break`,
 *   ModelTpServer.forward_step, python/sglang/srt/managers/tp_worker.py of v0.2-v0.3), and
 *   bench_serving streams.
 */
function sglangCase(
  r: CsvRecord,
  rows: CsvRecord[],
  workload: (p: number, o: number) => string,
  runtime: string[],
  queuedRuntime: string[],
  tp: number,
): { lines: string[]; fillBatch: boolean; metrics: Case['metrics'] } | string {
  const vllm = r.framework.startsWith('vLLM');
  const rate = /request rate (\d+(?:\.\d+)?)\/s/.exec(r.batch_size)?.[1];
  const offline = /all \d+ prompts at once/.test(r.batch_size);
  if (!rate && !offline) return `no arrivals stated in "${r.batch_size}"`;
  const value = (name: string) => Number(rows.find((x) => x.metric === name)?.value);
  const engine = vllm
    ? [
        '  scheduler_steps: 10',
        '  chunked_prefill: false',
        '  max_batched_tokens: 4096',
        '  max_batch: 256',
        '  block_size: 16',
        '  memory_utilization: 90 %',
      ]
    : [
        '  chunked_prefill: false',
        '  max_batched_tokens: 8192',
        '  max_batch: 4096',
        '  block_size: 1',
        `  memory_utilization: ${tp > 1 && !offline ? 85 : 88} %`,
      ];
  const metrics: Case['metrics'] = [];
  let arrivals: string[];
  if (offline) {
    // Every prompt at once: clients enough to keep the batch full (placeholder, see fillBatch).
    arrivals = ['  concurrency: 1', '  requests: 1500'];
    metrics.push({ metric: 'requests_per_second', measured: value('Request throughput') });
  } else {
    const prompts = Number(/(\d+) prompts/.exec(r.batch_size)?.[1]);
    arrivals = [`  rate: ${rate} /s`, `  requests: ${Math.min(prompts, 2000)}`];
    metrics.push({ metric: 'ttft_median', measured: value('Median TTFT') });
    metrics.push({ metric: 'tpot_median', measured: value('Median TPOT') });
  }
  return {
    lines: [workload(230, 194), ...(offline ? queuedRuntime : runtime), 'serving:', ...arrivals, ...SHAREGPT_LLAMA3, ...engine],
    fillBatch: offline,
    metrics,
  };
}
