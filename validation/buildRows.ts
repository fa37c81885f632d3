// Builds validation/rows.csv (the measured rows we compare against, each with its source,
// locator and quote, plus the columns that turn it into a design point) and
// validation/excluded.csv (every other measured row, with the reason it is not used) from the
// measured-value files of validation/sources/ (measured.csv and every measured-*.csv; all in
// the columns of measured.csv, validation/sources/README.md). The mapping rules are all here,
// one per source, written before looking at predictions; docs/validation.md explains each.
//
//   node --import tsx validation/buildRows.ts [measured.csv ...]

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, writeCsv, type CsvRecord } from './csv';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SOURCES_DIR = join(HERE, 'sources');

/** The measured-value files, in a fixed order: measured.csv (the GPU calibration set) first. */
export function measuredFiles(dir = SOURCES_DIR): string[] {
  const extra = readdirSync(dir)
    .filter((f) => /^measured-.+\.csv$/.test(f))
    .sort();
  return [join(dir, 'measured.csv'), ...extra.map((f) => join(dir, f))];
}

/** measured.csv columns copied unchanged into rows.csv. */
export const SOURCE_COLUMNS = [
  'config_id',
  'source',
  'locator',
  'hardware',
  'n_chips',
  'parallelism',
  'model',
  'model_arch',
  'weight_prec',
  'act_prec',
  'kv_prec',
  'framework',
  'batch_size',
  'input_len',
  'output_len',
  'metric',
  'value',
  'unit',
  'quote',
  'trust',
  'caveats',
];

/** Mapping columns added by us. */
export const MAP_COLUMNS = [
  'row_id',
  'use_class',
  'source_key',
  'family',
  'chip',
  'chip_overrides',
  'workload_model',
  'weights',
  'activations',
  'kv_cache',
  'batch',
  'prompt',
  'output',
  'tp',
  'pp',
  'metric_kind',
  'op',
  'measured',
  'measured_unit',
  'baseline_precision',
  'mapping_note',
];

export interface Mapping {
  /** The class the row is reported in: its trust, unless demoted to B (the note says why). */
  use_class?: 'A' | 'B';
  source_key: string;
  family: 'hopper' | 'ampere' | 'ampere-ga102' | 'cdna3' | 'gaudi2' | 'gaudi3' | 'tpu-v5e' | 'tpu-v4';
  chip: string;
  chip_overrides?: string;
  workload_model: string;
  weights: string;
  activations: string;
  kv_cache: string;
  batch: number;
  prompt: number;
  output: number;
  tp: number;
  pp: number;
  metric_kind: 'ttft' | 'tpot' | 'e2e' | 'throughput_total' | 'throughput_per_gpu' | 'op_latency' | 'speedup';
  op?: string;
  measured: number;
  measured_unit: string;
  baseline_precision?: string;
  mapping_note: string;
}

type Decision = { use: Mapping } | { exclude: string };

// ---------- models: preset ids, or the architecture inline (from measured.csv model_arch) ----------

const MODELS: Record<string, string> = {
  'GPT-J-6B': 'gpt-j-6b',
  'Llama-2-7B': 'llama-2-7b',
  'Llama-2-13B': 'llama-2-13b',
  'Llama-2-70B': 'llama-2-70b',
  'Llama-3-8B': 'llama-3-8b',
  'Llama-3-70B': 'llama-3-70b',
  'Llama-3.3-70B': 'llama-3-70b', // same architecture as Llama 3 70B (model_arch row: L=80 d=8192 H=64 KV=8 FFN=28672 V=128256)
  'Mixtral-8x7B': 'mixtral-8x7b',
  // PaLM 540B as served by Pope et al.: 48 heads padded to 64 (Section 4), head_dim 256, multi-query, d_ff = 4d, parallel block, shared embeddings (PaLM Table 1).
  'PaLM-540B':
    '{ layers: 118, hidden: 18432, heads: 64, kv_heads: 1, head_dim: 256, ffn: 73728, activation: swiglu, vocab: 256000, parallel_attention: true, tied_embeddings: true }',
  'Mistral-7B': 'mistral-7b',
  'Llama-3.1-8B': 'llama-3-8b', // same architecture as Llama 3 8B (model_arch row: L=32 d=4096 H=32 KV=8 FFN=14336 V=128256)
  'Llama-3.1-70B': 'llama-3-70b', // same architecture as Llama 3 70B
  'BLOOM-176B': 'bloom-176b',
  'GPT-3-175B layer(LLMCompass)': 'gpt-3-175b',
  'Falcon-180B':
    '{ layers: 80, hidden: 14848, heads: 232, kv_heads: 8, ffn: 59392, activation: gelu, vocab: 65024, parallel_attention: true }',
  'Llama-3.1-405B': '{ layers: 126, hidden: 16384, heads: 128, kv_heads: 8, ffn: 53248, activation: swiglu, vocab: 128256 }',
  'CodeLlama-34B': '{ layers: 48, hidden: 8192, heads: 64, kv_heads: 8, ffn: 22016, activation: swiglu, vocab: 32000 }',
  // FasterTransformer GPT: FFN = 4d (README: the standard assumption), vocabulary padded to 51200, tied embeddings (GPT-2 layout).
  'GPT-6.7B(FT)':
    '{ layers: 32, hidden: 4096, heads: 32, kv_heads: 32, ffn: 16384, activation: gelu, vocab: 51200, tied_embeddings: true }',
  'GPT-20B(FT)': '{ layers: 44, hidden: 6144, heads: 48, kv_heads: 48, ffn: 24576, activation: gelu, vocab: 51200, tied_embeddings: true }',
  'GPT-3-175B(FT)':
    '{ layers: 96, hidden: 12288, heads: 96, kv_heads: 96, ffn: 49152, activation: gelu, vocab: 51200, tied_embeddings: true }',
};

// ---------- helpers ----------

const num = (s: string) => Number(String(s).replace(/,/g, '').trim());
const tpOf = (r: CsvRecord) => {
  const m = /TP(\d+)/.exec(r.parallelism);
  return m ? Number(m[1]) : 1;
};
const ppOf = (r: CsvRecord) => {
  const m = /PP(\d+)/.exec(r.parallelism);
  return m ? Number(m[1]) : 1;
};

function precisionOf(r: CsvRecord): { weights: string; activations: string; kv_cache: string } | undefined {
  const w = r.weight_prec.toLowerCase();
  if (w.startsWith('fp8')) return { weights: 'fp8', activations: 'fp8', kv_cache: 'fp8' };
  if (w.startsWith('fp16')) return { weights: 'fp16', activations: 'fp16', kv_cache: 'fp16' };
  if (w.startsWith('bf16')) return { weights: 'bf16', activations: 'bf16', kv_cache: 'bf16' };
  // Weight-only quantisation (W8A16, W4A16): weights stored narrow, matrix work in 16-bit.
  if (w.startsWith('int8 weight-only')) return { weights: 'int8', activations: 'bf16', kv_cache: 'bf16' };
  if (w.startsWith('int4 weight-only')) return { weights: 'int4', activations: 'bf16', kv_cache: 'bf16' };
  if (w.startsWith('4-bit')) return { weights: 'int4', activations: 'fp16', kv_cache: 'fp16' };
  return undefined;
}

function chipOf(r: CsvRecord): { chip: string; family: Mapping['family']; chip_overrides?: string; note?: string } | undefined {
  const h = r.hardware;
  // Match the start of the hardware text: A100 rows mention "H100vsA100" in their notes.
  if (h.startsWith('NVIDIA H100')) return { chip: 'h100-sxm', family: 'hopper' };
  if (h.startsWith('NVIDIA H200')) return { chip: 'h200-sxm', family: 'hopper' };
  if (h.startsWith('NVIDIA A10G')) return { chip: 'a10g', family: 'ampere-ga102' };
  if (/A100/.test(h) && /PCIe interconnect/.test(h)) {
    // llm-perf-bench: "all numbers are based on PCIe, not NVLink". The A100 itself is the
    // 80 GB part (70B fp16 on 2 GPUs); its GPUs talk over PCIe Gen4 x16, described with the
    // a10g preset's PCIe link numbers (32 GB/s per direction, 2 us per hop).
    return {
      chip: 'a100-80gb-sxm',
      family: 'ampere',
      chip_overrides: '{ link: { bandwidth: 32 GB/s, latency: 2 us } }',
      note: "A100 GPUs joined over PCIe (link from the a10g preset's PCIe figures)",
    };
  }
  if (/^NVIDIA A100 (80GB|SXM 80GB)/.test(h)) return { chip: 'a100-80gb-sxm', family: 'ampere' };
  if (h.startsWith('NVIDIA A100 40GB')) return { chip: 'a100-40gb-sxm', family: 'ampere' };
  if (h.startsWith('AMD Instinct MI300X')) return { chip: 'mi300x', family: 'cdna3' };
  if (h.startsWith('Intel Gaudi 2')) return { chip: 'gaudi2', family: 'gaudi2' };
  if (h.startsWith('Intel Gaudi 3')) return { chip: 'gaudi3', family: 'gaudi3' };
  if (h.startsWith('Google Cloud TPU v5e')) return { chip: 'tpu-v5e', family: 'tpu-v5e' };
  if (h.startsWith('Google TPU v4')) return { chip: 'tpu-v4', family: 'tpu-v4' };
  return undefined;
}

function base(
  r: CsvRecord,
  extra: Partial<Mapping> & Pick<Mapping, 'metric_kind' | 'measured' | 'measured_unit' | 'batch' | 'prompt' | 'output' | 'mapping_note'>,
): Decision {
  const chip = chipOf(r);
  if (!chip) return { exclude: `hardware not mapped to a preset: ${r.hardware}` };
  const model = MODELS[r.model];
  if (!model) return { exclude: `model not mapped: ${r.model}` };
  const prec = precisionOf(r);
  if (!prec) return { exclude: `precision not mapped: ${r.weight_prec}` };
  return {
    use: {
      source_key: r.source,
      family: chip.family,
      chip: chip.chip,
      ...(chip.chip_overrides ? { chip_overrides: chip.chip_overrides } : {}),
      workload_model: model,
      ...prec,
      tp: tpOf(r),
      pp: ppOf(r),
      ...extra,
      mapping_note: [chip.note, extra.mapping_note].filter(Boolean).join('; '),
    },
  };
}

// ---------- one rule per source ----------

function decide(r: CsvRecord): Decision {
  const s = r.source;
  const m = r.metric;
  const v = num(r.value);
  const B = num(r.batch_size);
  const S = num(r.input_len);
  const O = num(r.output_len);

  if (s.startsWith('TensorRT-LLM performance doc (H100 FP8 peak throughput')) {
    return base(r, {
      metric_kind: 'throughput_per_gpu',
      measured: v,
      measured_unit: 'tok/s',
      batch: B,
      prompt: S,
      output: O,
      mapping_note: 'static batch (gptSessionBenchmark); per-GPU output tokens/s as the header states',
    });
  }
  if (s.startsWith('TensorRT-LLM performance doc (A100 FP16 peak throughput')) {
    return base(r, {
      metric_kind: 'throughput_per_gpu',
      measured: v,
      measured_unit: 'tok/s',
      batch: B,
      prompt: S,
      output: O,
      mapping_note: 'read as per-GPU like the H100 table of the same doc and benchmark; the A100 header does not say (trust B)',
    });
  }
  if (s.startsWith('TensorRT-LLM performance doc (low latency')) {
    return base(r, {
      metric_kind: 'ttft',
      measured: v,
      measured_unit: 'ms',
      batch: B,
      prompt: S,
      output: 1,
      mapping_note: "first-token latency measured with a single output token: the model's prefill of the batch",
    });
  }
  if (s.startsWith('TRT-LLM blog: H100 has 4.6x A100')) {
    if (/1st Token Latency/.test(m)) {
      return base(r, {
        metric_kind: 'ttft',
        measured: v,
        measured_unit: 'ms',
        batch: B,
        prompt: S,
        output: 1,
        mapping_note: 'first-token latency of the whole batch (TP1)',
      });
    }
    if (!Number.isFinite(O))
      return { exclude: 'throughput at batch 1 with the output length not given: tokens/s cannot be turned into a time per token' };
    return base(r, {
      metric_kind: 'throughput_total',
      measured: v,
      measured_unit: 'tok/s',
      batch: B,
      prompt: S,
      output: O,
      mapping_note: 'output tokens/s, TP1 so total = per GPU',
    });
  }
  if (s.startsWith('TRT-LLM blog: quantization speedups')) {
    const fp8 = /FP8/.test(m);
    const d = base(
      { ...r, hardware: 'NVIDIA H100 SXM 80GB', weight_prec: 'FP16' },
      {
        metric_kind: 'speedup',
        measured: v,
        measured_unit: 'x',
        batch: B,
        prompt: S,
        output: O,
        mapping_note: `${fp8 ? 'FP8 (fp8 weights and activations)' : 'INT8 SmoothQuant W8A8 (int8 weights and activations)'} vs FP16, speed-up of the whole request (prefill + 127 decode steps); KV cache fp16 in both (not stated); H100 SXM assumed (doc: "H100 80GB")`,
      },
    );
    if ('use' in d)
      Object.assign(
        d.use,
        fp8 ? { weights: 'fp8', activations: 'fp8', kv_cache: 'fp16' } : { weights: 'int8', activations: 'int8', kv_cache: 'fp16' },
        { baseline_precision: 'fp16/fp16/fp16' },
      );
    return d;
  }
  if (s.startsWith('TensorRT-LLM perf overview')) {
    return {
      exclude: 'trtllm-bench offline max-load: the batch is chosen by the scheduler and not reported (README: saturation checks only)',
    };
  }
  if (s.startsWith('gpt-fast')) {
    if (/Memory Bandwidth/.test(m))
      return { exclude: 'author-computed (model bytes x tokens/s): derived from the Tokens/Second row, not a separate measurement' };
    return base(r, {
      metric_kind: 'throughput_total',
      measured: v,
      measured_unit: 'tok/s',
      batch: 1,
      prompt: 5,
      output: 200,
      chip_overrides: '{ tdp: 330 W }',
      mapping_note:
        'tokens/s = generated tokens / wall time of generate() incl. prefill; 200 new tokens = generate.py CLI default --max_new_tokens (github pytorch-labs/gpt-fast generate.py); prompt 5 tokens (README); GPUs power-limited to 330 W (README)',
    });
  }
  if (s.startsWith('lmdeploy TurboMind benchmark on A100 (request throughput')) {
    return { exclude: 'serving benchmark over a prompt dataset: batch is a concurrency cap (256) and prompt/output lengths vary' };
  }
  if (s.startsWith('lmdeploy TurboMind benchmark on A100 (static inference)')) {
    if (/99%/.test(m))
      return { exclude: 'tail (p99) token latency: the model gives the mean decode step; the p50 row of the same configuration is used' };
    if (/FTL/.test(m)) {
      if (B > 1)
        return {
          exclude:
            'average first-token latency over concurrently submitted requests: TurboMind staggers their prefills (quote: FTL min/ave/max differ, e.g. 0.023/0.129/0.149 s at batch 16), so it is not the whole-batch prefill the model gives',
        };
      return base(r, {
        metric_kind: 'ttft',
        measured: v * 1e3,
        measured_unit: 'ms',
        batch: B,
        prompt: S,
        output: O,
        mapping_note: 'batch 1: first-token latency = prefill',
      });
    }
    if (/50%/.test(m)) {
      return base(r, {
        metric_kind: 'tpot',
        measured: v * 1e3,
        measured_unit: 'ms',
        batch: B,
        prompt: S,
        output: O,
        mapping_note: 'median per-token latency = one decode step of the batch; the source rounds it to 1 ms',
      });
    }
    if (B > 1) {
      return base(r, {
        use_class: 'B',
        metric_kind: 'throughput_total',
        measured: v,
        measured_unit: 'tok/s',
        batch: B,
        prompt: S,
        output: O,
        mapping_note:
          'demoted to B: the wall time includes staggered admission of the concurrently submitted requests (FTL min/ave/max in the quote), which a static batch does not have',
      });
    }
    return base(r, {
      metric_kind: 'throughput_total',
      measured: v,
      measured_unit: 'tok/s',
      batch: B,
      prompt: S,
      output: O,
      mapping_note: 'batch 1: output tokens/s, prefill included',
    });
  }
  if (s.startsWith("HF blog 'Llama 2 on Amazon SageMaker")) {
    return {
      exclude:
        'TGI serving benchmark: "virtual users" is concurrency, not a batch; ms/token amortises prefill and serving overheads (README: 10-40x below a roofline)',
    };
  }
  if (s.startsWith('mlc-ai/llm-perf-bench')) {
    const framework = /^(MLC LLM|llama\.cpp|vLLM)/.exec(r.framework)?.[1] ?? r.framework;
    const d = base(r, {
      metric_kind: 'tpot',
      measured: 1e3 / v,
      measured_unit: 'ms',
      batch: 1,
      prompt: 7,
      output: 256,
      mapping_note: `decode tokens/s -> ms per decode step = 1000 / value; ${framework}, batch 1, prompt ~7 tokens, 256 generated`,
    });
    if ('use' in d) d.use.source_key = `${s} [${framework}]`;
    return d;
  }
  if (s.startsWith('Splitwise')) {
    // The CSV names no framework; the paper does (validation/runtimes.ts `splitwise`).
    const framework =
      "framework: vLLM as the Splitwise authors modified it, late 2023 (paper §3: 'we run BLOOM-176B and Llama-70B on vLLM'; §5.1: the modified vLLM ran on the Azure DGX-A100/H100 VMs 'used to collect the characterization data in Section 3')";
    if (m === 'e2e_time')
      return {
        exclude:
          "e2e_time = prompt_time + (tokens - 1) x token_time, already covered by the two rows it is made of; and for long outputs the source's e2e is inconsistent (README)",
      };
    if (m === 'prompt_time')
      return base(r, {
        metric_kind: 'ttft',
        measured: v,
        measured_unit: 'ms',
        batch: B,
        prompt: S,
        output: O,
        mapping_note: `prefill of the whole batch; ${framework}`,
      });
    if (m === 'token_time')
      return base(r, {
        metric_kind: 'tpot',
        measured: v,
        measured_unit: 'ms',
        batch: B,
        prompt: S,
        output: O,
        mapping_note: `one decode iteration of the batch; ${framework}`,
      });
  }
  if (s.startsWith('FasterTransformer GPT guide')) {
    if (/Megatron-530B/.test(s))
      return {
        exclude:
          'multi-node (TP16/TP32 span 2/4 DGX nodes over InfiniBand, TP8xPP3 spans 3): the model has one link type per system, NVLink here',
      };
    if (/Memory Usage/.test(m))
      return { exclude: 'memory in use includes framework workspace and allocator slack; not a performance figure' };
    return base(r, {
      metric_kind: 'e2e',
      measured: v,
      measured_unit: 'ms',
      batch: B,
      prompt: S,
      output: O,
      mapping_note: 'end-to-end request latency = prefill + (output - 1) decode steps',
    });
  }
  if (s.startsWith("LLMCompass ISCA'24 artifact")) {
    const op = LLMCOMPASS_OPS[m.split(' ')[0]];
    const decode = /decode/.test(m);
    if (!op) return { exclude: `operator not mapped: ${m}` };
    return base(r, {
      metric_kind: 'op_latency',
      op: `${decode ? 'decode' : 'prefill'}:${op}`,
      measured: v * 1e3,
      measured_unit: 'ms',
      batch: 8,
      prompt: 2048,
      output: decode ? 2048 : 1,
      mapping_note: `one operator of one layer on one GPU of a TP4 shard; ${decode ? 'decode at KV length 3072 (prompt 2048 + mean of 2048 outputs)' : 'prefill of 8 x 2048 tokens'}. The model fuses QK^T, softmax and score.V (flash attention); PyTorch ran them as separate kernels`,
    });
  }
  // ---------- sources beyond the GPU calibration set (validation/sources/measured-*.csv) ----------
  if (/^Intel Gaudi [23] model performance data \(inference,/.test(s)) {
    return base(r, {
      metric_kind: 'throughput_total',
      measured: v,
      measured_unit: 'tok/s',
      batch: B,
      prompt: S,
      output: O,
      mapping_note:
        'static batch; read as output tokens/s of the whole instance, prefill included (caveats: not stated by the table, trust B)',
    });
  }
  if (/^Intel Gaudi [23] model performance data \(inference low latency,/.test(s)) {
    return base(r, {
      metric_kind: 'ttft',
      measured: v,
      measured_unit: 'ms',
      batch: B,
      prompt: S,
      output: 1,
      mapping_note:
        'batch-1 "latency" read as first-token latency = prefill of the prompt (it scales with input length as a prefill does; trust B)',
    });
  }
  if (s.startsWith('ROCm vLLM dev-docker benchmarks on MI300X')) {
    if (s.endsWith('throughput')) return { exclude: SERVING_ROW };
    const d = base(r, {
      metric_kind: 'e2e',
      measured: v * 1e3,
      measured_unit: 'ms',
      batch: B,
      prompt: S,
      output: O,
      mapping_note:
        'vLLM benchmark_latency: the whole batch submitted at once with fixed lengths = prefill + (output - 1) decode steps; seconds -> ms; KV cache float16 (the command sets --dtype float16 and no --kv-cache-dtype)',
    });
    if ('use' in d) d.use.kv_cache = 'fp16';
    return d;
  }
  if (s.startsWith('OCI blog: Llama 3.1 405B on 8x MI300X')) {
    if (/benchmark_throughput/.test(s)) return { exclude: SERVING_ROW };
    if (/TPS/.test(m))
      return { exclude: 'derived: output TPS = batch x 128 / the average latency of the same configuration, which is used' };
    const d = base(r, {
      use_class: 'B',
      metric_kind: 'e2e',
      measured: v * 1e3,
      measured_unit: 'ms',
      batch: B,
      prompt: S,
      output: O,
      mapping_note:
        'vLLM benchmark_latency average latency = prefill + 127 decode steps; seconds -> ms; KV-cache precision not stated, float16 assumed (vLLM default)',
    });
    if ('use' in d) d.use.kv_cache = 'fp16';
    return d;
  }
  if (s.startsWith('Pope et al. 2022, Efficiently Scaling Transformer Inference')) {
    // int8 weights (AQT) with bf16 activations and KV cache (Pope et al. Section 3.6), or bf16 throughout.
    const int8 = r.weight_prec.startsWith('INT8');
    const precision = { weights: int8 ? 'int8' : 'bf16', activations: 'bf16', kv_cache: 'bf16' };
    const rb = { ...r, weight_prec: 'BF16' };
    const d = m.startsWith('prefill')
      ? base(rb, {
          metric_kind: 'ttft',
          measured: v * 1e3,
          measured_unit: 'ms',
          batch: B,
          prompt: S,
          output: 1,
          mapping_note: `prefill of the whole batch (${B} x ${S} tokens); seconds -> ms. TP64 stands for the paper's 2D weight-stationary / weight-gathered layout over 64 chips, which the model cannot express`,
        })
      : base(rb, {
          metric_kind: 'tpot',
          measured: (v * 1e3) / O,
          measured_unit: 'ms',
          batch: B,
          prompt: S,
          output: O,
          mapping_note: `decode of ${O} tokens in ${v} s -> ${O} steps, ms per step = ${v} s x 1000 / ${O}; the paper shards multi-query attention by batch, the model replicates the single kv head's cache on every chip`,
        });
    if ('use' in d) Object.assign(d.use, precision);
    return d;
  }
  if (s.startsWith('vLLM performance benchmark (buildkite')) {
    return base(
      { ...r, weight_prec: 'BF16' },
      {
        metric_kind: 'e2e',
        measured: v,
        measured_unit: 'ms',
        batch: B,
        prompt: S,
        output: O,
        mapping_note:
          'vLLM benchmark_latency: fixed batch of 8, 32 input and 128 output tokens, mean end-to-end latency; bf16 assumed (not stated)',
      },
    );
  }
  if (s.startsWith('NVIDIA NIM LLM benchmarking performance')) {
    if (!r.batch_size.startsWith('1 (concurrency 1)')) return { exclude: SERVING_ROW };
    if (m.startsWith('Throughput'))
      return { exclude: 'derived: at concurrency 1, tokens/s = output / (TTFT + (output - 1) x ITL) of the same row, which are used' };
    return m.startsWith('TTFT')
      ? base(r, {
          use_class: 'B',
          metric_kind: 'ttft',
          measured: v,
          measured_unit: 'ms',
          batch: 1,
          prompt: S,
          output: O,
          mapping_note:
            'concurrency 1: one request in flight, TTFT = prefill of one prompt plus the serving path (HTTP, tokenizer). Demoted to B: NIM profile (TensorRT-LLM or vLLM) and KV format not stated; fp8 KV assumed',
        })
      : base(r, {
          use_class: 'B',
          metric_kind: 'tpot',
          measured: v,
          measured_unit: 'ms',
          batch: 1,
          prompt: S,
          output: O,
          mapping_note:
            'concurrency 1: ITL = one decode step at batch 1. Demoted to B: NIM profile (TensorRT-LLM or vLLM) and KV format not stated; fp8 KV assumed',
        });
  }
  if (
    s.startsWith('JetStream-PyTorch benchmark summary') ||
    s.startsWith('SGLang benchmark: SGLang v0.3.0 vs vLLM v0.6.0') ||
    s.startsWith('ML.ENERGY leaderboard v2')
  ) {
    return { exclude: SERVING_ROW };
  }
  return { exclude: `no rule for source: ${s}` };
}

/** The reason the serving engineer looks for: lengths or batch set by a scheduler, not a static batch. */
export const SERVING_ROW = 'serving row: batch chosen by a scheduler';

const LLMCOMPASS_OPS: Record<string, string> = {
  Q_K_V: 'qkv_projection',
  Q_mul_K: 'attention_scores',
  A_mul_V: 'attention_context',
  Wo_proj: 'output_projection',
  W1_proj: 'ffn_up',
  W2_proj: 'ffn_down',
  Softmax: 'softmax',
  LayerNorm_MHA: 'attn_norm',
  LayerNorm_FFN: 'ffn_norm',
  GeLU: 'ffn_activation',
  AllReduce_MHA: 'attention_all_reduce',
  AllReduce_FFN: 'ffn_all_reduce',
};

const KIND_TAG: Record<Mapping['metric_kind'], string> = {
  ttft: 'ttft',
  tpot: 'tpot',
  e2e: 'e2e',
  throughput_total: 'thr',
  throughput_per_gpu: 'thrgpu',
  op_latency: 'op',
  speedup: 'x',
};

export function buildRows(measuredCsvs: string | readonly string[]): { used: CsvRecord[]; excluded: CsvRecord[] } {
  const used: CsvRecord[] = [];
  const excluded: CsvRecord[] = [];
  const seen = new Map<string, number>();
  const records = (typeof measuredCsvs === 'string' ? [measuredCsvs] : measuredCsvs).flatMap((text) => parseCsv(text));
  // config_id names one configuration of one source; two files must not share an id.
  const sourceOf = new Map<string, string>();
  for (const r of records) {
    const first = sourceOf.get(r.config_id);
    if (first !== undefined && first !== r.source)
      throw new Error(`config_id ${r.config_id} is used by two sources (${first}; ${r.source}): give each file its own id prefix`);
    sourceOf.set(r.config_id, r.source);
  }
  for (const r of records) {
    const d = decide(r);
    if ('exclude' in d) {
      excluded.push({
        config_id: r.config_id,
        source: r.source,
        hardware: r.hardware,
        model: r.model,
        metric: r.metric,
        value: r.value,
        trust: r.trust,
        reason: d.exclude,
      });
      continue;
    }
    const u = d.use;
    let id = `${r.config_id}-${KIND_TAG[u.metric_kind]}${u.op ? '-' + u.op.replace(':', '-') : ''}${u.metric_kind === 'speedup' ? '-' + u.weights : ''}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id += `-${n + 1}`;
    const mapped: CsvRecord = {};
    for (const c of SOURCE_COLUMNS) mapped[c] = r[c] ?? '';
    for (const c of MAP_COLUMNS) mapped[c] = c === 'row_id' ? id : String((u as unknown as Record<string, unknown>)[c] ?? '');
    mapped.use_class = u.use_class ?? r.trust;
    used.push(mapped);
  }
  return { used, excluded };
}

/** The text of rows.csv and excluded.csv built from measured-value files (default: validation/sources/). */
export function buildRowsCsv(paths: readonly string[] = measuredFiles()): {
  rowsCsv: string;
  excludedCsv: string;
  used: number;
  excluded: number;
} {
  const { used, excluded } = buildRows(paths.map((p) => readFileSync(p, 'utf8')));
  return {
    rowsCsv: writeCsv(used, [...MAP_COLUMNS.slice(0, 1), ...SOURCE_COLUMNS, ...MAP_COLUMNS.slice(1)]),
    excludedCsv: writeCsv(excluded, ['config_id', 'source', 'hardware', 'model', 'metric', 'value', 'trust', 'reason']),
    used: used.length,
    excluded: excluded.length,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = process.argv.length > 2 ? process.argv.slice(2) : measuredFiles();
  const out = buildRowsCsv(paths);
  writeFileSync(join(HERE, 'rows.csv'), out.rowsCsv);
  writeFileSync(join(HERE, 'excluded.csv'), out.excludedCsv);
  console.log(
    `rows.csv: ${out.used} rows used; excluded.csv: ${out.excluded} rows excluded (from ${paths.map((p) => p.replace(HERE + '/', 'validation/')).join(', ')})`,
  );
}
