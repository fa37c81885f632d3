// Serving validation: the measured rows that calibration leaves out because their batch was
// a concurrency or a scheduler's choice (validation/excluded.csv) are simulated as what they
// were — closed-loop benchmark clients driving a continuous-batching server — and compared
// per metric. Nothing here is fitted: chips, models and runtimes are the presets and the
// runtimes of validation/runtimes.ts; each source's benchmark settings are stated below.
//
//   npm run validate:serving      (prints the table; writes validation/out/serving.md and serving.csv)
//   npm run validate:serving -- --from ../shared/calibration/measured.csv   (refreshes serving-rows.csv)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileHost } from '../cli/nodeHost';
import { analyzeConfig } from '../model/analyze';
import { footprint } from '../model/engine/memoryFootprint';
import { storageCapacityBytes } from '../model/engine/residency';
import { kvCacheTokens, measure } from '../model/serving/evaluateServing';
import { simulate } from '../model/serving/simulate';
import { servingSpecFrom } from '../model/serving/spec';
import { StepTimer } from '../model/serving/stepTimer';
import { parseCsv, writeCsv, type CsvRecord } from './csv';
import { runtimeOf, runtimeYaml } from './runtimes';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The serving rows of the shared calibration data, copied with every source column (`--from measured.csv` refreshes them). */
const SERVING_ROWS = join(HERE, 'serving-rows.csv');

/** The excluded rows that are serving measurements (validation/excluded.csv reasons). */
const SERVING_REASONS = [/^TGI serving benchmark/, /^trtllm-bench offline max-load/, /^serving benchmark over a prompt dataset/];

type Metric = 'ttft_mean' | 'token_latency_p50' | 'ms_per_token_median' | 'requests_per_second' | 'output_tokens_per_second';
const METRIC_LABEL: Record<Metric, string> = {
  ttft_mean: 'mean TTFT',
  token_latency_p50: 'TPOT p50 (per-token latency)',
  ms_per_token_median: 'median e2e / output tokens (TGI ms/token)',
  requests_per_second: 'requests/s',
  output_tokens_per_second: 'output tokens/s',
};

interface Case {
  /** Offline (infinite-rate) runs: as many clients as the KV cache holds sequences, half as many again, up to max_batch. */
  fillBatch?: boolean;
  /** The runtime's KV-cache rule: a share of the memory left after the weights (overrides `memory_utilization`). */
  kvShareOfFreeMemory?: number;
  config: string;
  source: string;
  label: string;
  text: string;
  metrics: { metric: Metric; measured: number }[];
}

/**
 * lmdeploy v0.2 gives the KV cache a share of the GPU memory left after the weights
 * (`cache_max_entry_count`, default 0.5, TurbomindEngineConfig), not vLLM's 90 % of all of it.
 */
const LMDEPLOY_KV_SHARE = 0.5;

const CHIPS: [RegExp, string][] = [
  [/A10G/, 'a10g'],
  [/p4d|A100 40GB|A100-40/, 'a100-40gb-sxm'],
  [/A100/, 'a100-80gb-sxm'],
  [/H100/, 'h100-sxm'],
];
const MODELS: Record<string, string> = {
  'Llama-2-7B': 'llama-2-7b',
  'Llama-2-13B': 'llama-2-13b',
  'Llama-2-70B': 'llama-2-70b',
  'Llama-3.1-8B': 'llama-3-8b',
  'Llama-3.3-70B': 'llama-3-70b',
};

function precisionOf(weights: string): string {
  // GPTQ checkpoints of this era (TheBloke's, used by the SageMaker blog) use 128-weight groups
  // and compute in fp16; FP8 ModelOpt checkpoints keep activations and KV cache in fp8.
  if (/GPTQ/.test(weights)) return '{ weights: int4, activations: fp16, kv_cache: fp16, group_size: 128 }';
  if (/FP8/.test(weights)) return '{ weights: fp8, activations: fp8, kv_cache: fp8 }';
  return '{ weights: fp16, activations: fp16, kv_cache: fp16 }';
}

function caseOf(rows: CsvRecord[]): Case | string {
  const r = rows[0]!;
  const chip = CHIPS.find(([re]) => re.test(r.hardware))?.[1];
  const model = MODELS[r.model];
  if (!chip || !model) return `no preset for ${r.hardware} / ${r.model}`;
  const tp = Number(r.n_chips);
  const runtime = runtimeYaml(runtimeOf({ ...r, source_key: r.source } as never));
  const head = [`name: ${r.config_id}`, `extends: ${chip}`, `system: { chips: ${tp}, tensor_parallel: ${tp} }`];
  const metrics: Case['metrics'] = [];
  const value = (name: string) => Number(rows.find((x) => x.metric === name)?.value);
  let workload: string;
  let serving: string[];
  let kvShare: number | undefined;
  let fillBatch = false;
  if (/TGI/.test(r.framework)) {
    // HF SageMaker blog (TGI 1.0.3): k6 virtual users each send the next request when the
    // last returns; a ~10-token prompt, 50 new tokens; TGI v1 runs prefill and decode in
    // separate steps (no chunking) with up to 128 concurrent requests by default.
    const users = Number(/^(\d+) concurrent/.exec(r.batch_size)?.[1]);
    workload = `workload: { model: ${model}, precision: ${precisionOf(r.weight_prec)}, batch: 1, prompt: 10, output: 50 }`;
    serving = [`  concurrency: ${users}`, '  requests: 400', '  chunked_prefill: false', '  max_batch: 128', '  max_batched_tokens: 4096'];
    metrics.push({ metric: 'ms_per_token_median', measured: value('Latency (ms/token) med') });
    metrics.push({ metric: 'output_tokens_per_second', measured: value('Thorughput (tokens/second)') });
  } else if (/trtllm-bench/.test(r.source)) {
    // trtllm-bench offline throughput: every request queued at once (infinite rate), fixed
    // lengths, the runtime choosing the batch (TensorRT-LLM defaults: max_batch_size 2048,
    // max_num_tokens 8192, chunked context), KV cache up to 95 % of free memory.
    workload = `workload: { model: ${model}, precision: ${precisionOf(r.weight_prec)}, batch: 1, prompt: ${r.input_len}, output: ${r.output_len} }`;
    // Clients: enough to keep the batch full, as the queue of an offline run does; `fillBatch`
    // sets them from the design's KV cache in predict (1 here is a placeholder).
    serving = [
      '  concurrency: 1',
      '  requests: 1500',
      '  max_batch: 2048',
      '  max_batched_tokens: 8192',
      '  chunked_prefill: true',
      '  memory_utilization: 95 %',
    ];
    fillBatch = true;
    metrics.push({ metric: 'output_tokens_per_second', measured: value('Total Output Throughput (tokens/sec)') });
  } else {
    // lmdeploy profile_throughput over a ShareGPT-style dataset, 3000 prompts, `max N` clients.
    // Lengths: ShareGPT's mean prompt is 161 tokens (vLLM paper, Kwon et al. SOSP 2023, §6.1);
    // the mean output, 232.7 tokens, is the dataset's as these runs report it (out tok/s over
    // RPS, identical in all three), so out tok/s is not an independent check and is not scored.
    const clients = Number(/max (\d+)/.exec(r.batch_size)?.[1]);
    workload = `workload: { model: ${model}, precision: ${precisionOf(r.weight_prec)}, batch: 1, prompt: 161, output: 233 }`;
    // TurboMind v0.2 pages the KV cache in blocks of 128 tokens (`cache_block_seq_len`).
    serving = [
      `  concurrency: ${clients}`,
      '  requests: 3000',
      `  max_batch: ${clients}`,
      '  chunked_prefill: false',
      '  max_batched_tokens: 8192',
      '  block_size: 128',
      '  prompt: { distribution: lognormal, mean: 161, sigma: 1.0, min: 4, max: 2048 }',
      '  output: { distribution: lognormal, mean: 233, sigma: 1.0, min: 4, max: 2048 }',
    ];
    kvShare = LMDEPLOY_KV_SHARE;
    metrics.push({ metric: 'ttft_mean', measured: value('FTL(ave)(s)') * 1e3 });
    metrics.push({ metric: 'token_latency_p50', measured: value('50%(s)') * 1e3 });
    metrics.push({ metric: 'requests_per_second', measured: value('RPS') });
  }
  return {
    ...(kvShare !== undefined ? { kvShareOfFreeMemory: kvShare } : {}),
    ...(fillBatch ? { fillBatch } : {}),
    config: r.config_id,
    source: r.source,
    label: `${r.hardware.replace(/\s*\(.*\)$/, '')} ×${tp}, ${r.model} ${r.weight_prec.split(' ')[0]}, ${r.batch_size.split(' ').slice(0, 2).join(' ')}, ${r.input_len.split(' ')[0]}/${r.output_len}`,
    text: [...head, workload, ...runtime, 'serving:', ...serving, ''].join('\n'),
    metrics: metrics.filter((m) => Number.isFinite(m.measured)),
  };
}

async function predict(c: Case): Promise<Record<Metric, number> | string> {
  const file = join(HERE, `${c.config}.chip.yaml`);
  const host = nodeFileHost(join(HERE, '..'));
  const a = await analyzeConfig(c.text, file, host, { serving: false });
  const errors = a.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'memory-capacity');
  if (!a.design || !a.config || errors.length) return errors.map((d) => d.message).join(' ') || 'not evaluated';
  const parsed = await servingSpecFrom(a.config, a.origins, file, host);
  if (!parsed.spec) return parsed.diagnostics.map((d) => d.message).join(' ');
  let spec = parsed.spec;
  if (c.kvShareOfFreeMemory !== undefined) {
    // The same KV capacity as a share of all memory: weights + share × (capacity − weights).
    const capacity = storageCapacityBytes(a.design.hardware);
    const weights = footprint(a.design).weightsBytesPerChip;
    spec = { ...spec, memoryUtilization: (weights + c.kvShareOfFreeMemory * (capacity - weights)) / capacity };
  }
  if (c.fillBatch && spec.arrivals.kind === 'closed') {
    const perSequence = Number(a.design.workload.promptTokens) + Number(a.design.workload.outputTokens);
    const clients = Math.max(1, Math.min(spec.maxBatch, Math.ceil((1.5 * kvCacheTokens(a.design, spec)) / perSequence)));
    spec = { ...spec, arrivals: { kind: 'closed', concurrency: clients } };
  }
  const kv = kvCacheTokens(a.design, spec);
  const timer = new StepTimer(a.design, Math.min(kv, 32_768));
  const o = simulate(spec, timer, Math.floor(kv / spec.blockTokens));
  const m = measure(o, a.design, spec);
  return {
    ttft_mean: m.ttftMs.mean,
    token_latency_p50: m.tpotMs.p50,
    ms_per_token_median: m.e2eMs.p50 / m.meanOutputTokens,
    requests_per_second: m.requestsPerSecond,
    output_tokens_per_second: m.outputTokensPerSecond,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2) : NaN;
};
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;

async function main() {
  const excluded = parseCsv(readFileSync(join(HERE, 'excluded.csv'), 'utf8'));
  const ids = new Set(excluded.filter((r) => SERVING_REASONS.some((re) => re.test(r.reason))).map((r) => r.config_id));
  const from = process.argv.indexOf('--from');
  if (from > 0) {
    const all = parseCsv(readFileSync(process.argv[from + 1]!, 'utf8')).filter((r) => ids.has(r.config_id));
    writeFileSync(SERVING_ROWS, writeCsv(all, Object.keys(all[0] ?? {})));
  }
  const measured = parseCsv(readFileSync(SERVING_ROWS, 'utf8')).filter((r) => ids.has(r.config_id));
  const byConfig = new Map<string, CsvRecord[]>();
  for (const r of measured) byConfig.set(r.config_id, [...(byConfig.get(r.config_id) ?? []), r]);
  const results: { c: Case; metric: Metric; measured: number; predicted: number; error: number }[] = [];
  const skipped: string[] = [];
  const sensitivity = [
    '',
    "KV-cache share (lmdeploy rows): its rule, 50 % of the memory left after the weights, against the schema default (90 % of all memory, vLLM's):",
    '',
    '| config | metric | measured | predicted, lmdeploy rule | predicted, 90 % of memory |',
    '|---|---|---:|---:|---:|',
  ];
  const started = performance.now();
  for (const rows of byConfig.values()) {
    const c = caseOf(rows);
    if (typeof c === 'string') {
      skipped.push(`${rows[0]!.config_id}: ${c}`);
      continue;
    }
    const p = await predict(c);
    if (typeof p === 'string') {
      skipped.push(`${c.config}: ${p}`);
      continue;
    }
    for (const m of c.metrics)
      results.push({ c, metric: m.metric, measured: m.measured, predicted: p[m.metric], error: p[m.metric] / m.measured - 1 });
    if (c.kvShareOfFreeMemory !== undefined) {
      // How much the rule matters: the same case with the schema's default KV share.
      const { kvShareOfFreeMemory: _rule, ...plain } = c;
      const q = await predict(plain);
      if (typeof q !== 'string')
        for (const m of c.metrics)
          sensitivity.push(
            `| ${c.config} | ${METRIC_LABEL[m.metric]} | ${+m.measured.toPrecision(4)} | ${+p[m.metric].toPrecision(4)} (${pct(p[m.metric] / m.measured - 1)}) | ${+q[m.metric].toPrecision(4)} (${pct(q[m.metric] / m.measured - 1)}) |`,
          );
    }
  }
  const lines = ['| metric | rows | median abs error | mean abs error | median signed error |', '|---|---:|---:|---:|---:|'];
  for (const metric of Object.keys(METRIC_LABEL) as Metric[]) {
    const rs = results.filter((r) => r.metric === metric);
    if (!rs.length) continue;
    const abs = rs.map((r) => Math.abs(r.error));
    lines.push(
      `| ${METRIC_LABEL[metric]} | ${rs.length} | ${(100 * median(abs)).toFixed(1)} % | ${((100 * abs.reduce((a, b) => a + b, 0)) / abs.length).toFixed(1)} % | ${pct(median(rs.map((r) => r.error)))} |`,
    );
  }
  const bySource = ['', '| source | metric | rows | median abs error |', '|---|---|---:|---:|'];
  for (const source of new Set(results.map((r) => r.c.source))) {
    for (const metric of Object.keys(METRIC_LABEL) as Metric[]) {
      const rs = results.filter((r) => r.c.source === source && r.metric === metric);
      if (rs.length)
        bySource.push(
          `| ${source} | ${METRIC_LABEL[metric]} | ${rs.length} | ${(100 * median(rs.map((r) => Math.abs(r.error)))).toFixed(1)} % |`,
        );
    }
  }
  const detail = [
    '',
    '| config | case | metric | measured | predicted | error |',
    '|---|---|---|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.c.config} | ${r.c.label} | ${METRIC_LABEL[r.metric]} | ${+r.measured.toPrecision(4)} | ${+r.predicted.toPrecision(4)} | ${pct(r.error)} |`,
    ),
  ];
  const summary = [...lines, ...bySource, ...sensitivity].join('\n');
  console.log(summary);
  if (skipped.length) console.log(`\nskipped: ${skipped.join('; ')}`);
  console.log(
    `\n${byConfig.size} configurations, ${results.length} metric values, simulated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const out = join(HERE, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'serving.md'), [summary, ...detail, ''].join('\n'));
  writeFileSync(
    join(out, 'serving.csv'),
    [
      'config,metric,measured,predicted,error',
      ...results.map((r) => `${r.c.config},${r.metric},${r.measured},${r.predicted},${r.error}`),
    ].join('\n') + '\n',
  );
}

void main();
