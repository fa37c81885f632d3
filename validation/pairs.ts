// Relative checks: pairs of measured rows whose ratio design exploration depends on —
// H100 over A100 within one source, and quantised over 16-bit weights within one source
// (same model, hardware and parallelism), for the report (validate.ts).

import type { Row } from './evaluate';

export const ABSOLUTE_KINDS = new Set(['ttft', 'tpot', 'e2e', 'throughput_total', 'throughput_per_gpu']);

export interface Pair<T> {
  kind: string;
  source: string;
  label: string;
  num: T;
  den: T;
}

/** The pairs among `items` (`usable` drops rows that cannot be compared, e.g. not fitting). */
export function relativePairs<T>(items: readonly T[], rowOf: (t: T) => Row, usable: (t: T) => boolean = () => true): Pair<T>[] {
  const out: Pair<T>[] = [];
  const r = rowOf;
  // H100 vs A100 within one source (TensorRT-LLM: H100 FP8 vs A100 FP16, as the sources ran them).
  const gpuPairs: [RegExp, RegExp, (t: T) => string][] = [
    [/low latency, H100/, /low latency, A100/, (t) => `${r(t).model} ${r(t).prompt} tok`],
    [
      /TRT-LLM blog: H100 has 4.6x A100/,
      /TRT-LLM blog: H100 has 4.6x A100/,
      (t) => `${r(t).model} b${r(t).batch} ${r(t).prompt}/${r(t).output} ${r(t).metric_kind}`,
    ],
    [/H100 FP8 peak throughput/, /A100 FP16 peak throughput/, (t) => `${r(t).model} ${r(t).prompt}/${r(t).output}`],
  ];
  for (const [hSrc, aSrc, key] of gpuPairs) {
    const h = items.filter((t) => hSrc.test(r(t).source_key) && r(t).chip === 'h100-sxm' && ABSOLUTE_KINDS.has(r(t).metric_kind));
    const a = items.filter((t) => aSrc.test(r(t).source_key) && r(t).chip.startsWith('a100') && ABSOLUTE_KINDS.has(r(t).metric_kind));
    for (const ht of h) {
      const at = a.find((x) => key(x) === key(ht));
      if (!at || !usable(ht) || !usable(at)) continue;
      const note =
        r(ht).batch !== r(at).batch || r(ht).tp !== r(at).tp
          ? ` (H100 b${r(ht).batch} TP${r(ht).tp} vs A100 b${r(at).batch} TP${r(at).tp}, per GPU)`
          : '';
      out.push({
        kind: 'H100 FP8 / A100 FP16',
        source: r(ht).source_key.replace(/ \(.*$/, ''),
        label: `${key(ht)}${note}`,
        num: ht,
        den: at,
      });
    }
  }
  const quantPairs: [RegExp, (t: T) => string, string, string[]][] = [
    [/gpt-fast/, (t) => `${r(t).model} TP${r(t).tp}`, 'bf16', ['int8', 'int4']],
    [
      /mlc-ai\/llm-perf-bench/,
      (t) => `${r(t).model} ${r(t).hardware.slice(0, 16)} ${r(t).source_key.replace(/^.*\[/, '[')}`,
      'fp16',
      ['int4'],
    ],
  ];
  for (const [src, key, baseW, quantW] of quantPairs) {
    const rows = items.filter((t) => src.test(r(t).source_key));
    for (const q of rows.filter((t) => quantW.includes(r(t).weights))) {
      const b = rows.find((t) => r(t).weights === baseW && key(t) === key(q));
      if (!b || !usable(q) || !usable(b)) continue;
      out.push({
        kind: `${r(q).weights} / ${baseW} weights`,
        source: r(q).source_key.replace(/ \(.*$/, ''),
        label: key(q),
        num: q,
        den: b,
      });
    }
  }
  return out;
}
