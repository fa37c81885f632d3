// The readable summary the CLI prints without --json.

import { lineColumn, type Analysis } from '../model/analysis';
import type { RangeCategory, RangeMetric } from '../model/ranges/predictionRanges';
import type { BaselineComparison, EvaluationResult } from '../model/result';
import { formatSI, trimNumber } from '../model/units';
import { relative } from 'node:path';

type RatioRanges = NonNullable<BaselineComparison['ratioRanges']>;
interface Row { label: string; value: (r: EvaluationResult) => string; ratio?: (r: EvaluationResult, b: EvaluationResult, ranges?: RatioRanges) => string }

/** ` (6.9–11.8)`: the 80 % prediction range of a metric, scaled like its value. */
const range = (r: EvaluationResult, metric: RangeMetric, scale = 1) => {
  const x = r.ranges?.[metric];
  return x ? ` (${trimNumber(x[0] * scale)}–${trimNumber(x[1] * scale)})` : '';
};

/**
 * `1.47× faster (0.92–2.3: not a clear win)`: a ratio whose 80 % range straddles 1 is not
 * called a win or a loss.
 */
const times = (x: number, better: string, worse: string, within?: [number, number]) => {
  const head = x >= 1 ? `${trimNumber(x)}× ${better}` : `${trimNumber(1 / x)}× ${worse}`;
  if (!within) return head;
  return `${head} (${trimNumber(within[0])}–${trimNumber(within[1])}${within[0] <= 1 && within[1] >= 1 ? ': not a clear difference' : ''})`;
};

const ROWS: Row[] = [
  { label: 'Per-token latency', value: (r) => `${trimNumber(r.decode.msPerToken)} ms${range(r, 'decode.msPerToken')} ${r.decode.bottleneck}`, ratio: (r, b, q) => times(b.decode.msPerToken / r.decode.msPerToken, 'faster', 'slower', q?.decodeSpeedup) },
  { label: '  bounds (max..sum)', value: (r) => `${trimNumber(r.decode.lowerMs)}..${trimNumber(r.decode.upperMs)} ms` },
  { label: 'Time to first token', value: (r) => `${trimNumber(r.prefill.ms)} ms${range(r, 'prefill.ms')}`, ratio: (r, b, q) => times(b.prefill.ms / r.prefill.ms, 'faster', 'slower', q?.prefillSpeedup) },
  { label: 'Response time', value: (r) => `${trimNumber(r.response.ms / 1000)} s${range(r, 'response.ms', 1e-3)}` },
  { label: 'Throughput', value: (r) => `${trimNumber(r.throughput.outputTokensPerSecond)} tok/s${range(r, 'throughput.outputTokensPerSecond')}`, ratio: (r, b, q) => times(r.throughput.outputTokensPerSecond / b.throughput.outputTokensPerSecond, 'more', 'less', q?.throughput) },
  { label: '  per chip', value: (r) => `${trimNumber(r.throughput.perChip)} tok/s${range(r, 'throughput.perChip')}` },
  { label: 'Bandwidth / compute use', value: (r) => `${trimNumber(100 * r.utilization.memoryBandwidth)}% / ${trimNumber(100 * r.utilization.compute)}%` },
  { label: 'Power per chip', value: (r) => `${trimNumber(r.power.watts)} W${r.power.throttled ? ` (throttled to ${trimNumber(100 * r.power.clockScale)}% clock)` : ''}` },
  { label: 'Energy per token', value: (r) => formatSI(r.energy.joulesPerOutputToken, 'J'), ratio: (r, b) => times(r.energy.perfPerWatt / b.energy.perfPerWatt, 'perf/W', 'less perf/W') },
  { label: 'Cost per response', value: (r) => `$${r.cost.usdPerResponse.toPrecision(3)}`, ratio: (r, b) => times(b.cost.usdPerResponse / r.cost.usdPerResponse, 'cheaper', 'dearer') },
  { label: 'Cost per 1M tokens', value: (r) => `$${r.cost.usdPerMillionOutputTokens.toPrecision(3)}` },
  { label: 'Memory per chip', value: (r) => `${formatSI(r.memory.perChip.weightsBytes, 'B')} weights + ${formatSI(r.memory.perChip.kvCacheBytes, 'B')} KV of ${formatSI(r.memory.perChip.capacityBytes, 'B')}${r.memory.fits ? '' : '  DOES NOT FIT'}` },
];

const RANGE_TEXT: Record<RangeCategory, string> = {
  seen: 'a calibrated chip family on a calibrated runtime',
  'unseen-runtime': 'a calibrated chip family on a runtime the fit never saw',
  'unseen-chip': 'a chip family the fit never saw on a calibrated runtime',
  'unseen-both': 'a chip family and a runtime the fit never saw',
};

/** The serving runtime in effect: the software assumption behind every number below. */
function runtimeLine(rt: NonNullable<Analysis['design']>['runtime']): string {
  const us = (x: number) => `${trimNumber(x * 1e6)} µs`;
  const ms = (x: number) => `${trimNumber(x * 1e3)} ms`;
  const p = rt.provenance;
  const id = `${p.id}${p.modified ? ' with overrides' : ''} (${p.evidence === 'fitted' ? 'fitted to measured runs' : 'prior: little measured data'})`;
  const buckets = rt.shapeBuckets === 'none' ? '' : ` · shapes padded to power-of-two buckets ≥ ${rt.smallestBucketTokens} tokens`;
  return `${id} · GEMM kernels ${trimNumber(100 * rt.gemmEfficiency)}% · prefill +${ms(rt.prefillOverheadSeconds)} · step +${ms(rt.stepOverheadSeconds)} · +${us(rt.sequenceOverheadSeconds)}/sequence · launch ${us(rt.launchOverheadSeconds)} · collective ${us(rt.collectiveOverheadSeconds)} · ${rt.groupedAttention ? 'GQA-aware' : 'per-query-head'} KV reads${buckets}`;
}

export function summaryTable(analysis: Analysis): string {
  const lines: string[] = [];
  const r = analysis.result;
  const b = analysis.baseline;
  lines.push(`${analysis.name}  (${relative(process.cwd(), analysis.file)})`);
  // The design line only with a result: without one, values may be stand-in defaults.
  if (analysis.design && r) {
    const { workload: w, system: s } = analysis.design;
    lines.push(`  batch ${w.batch} · prompt ${w.promptTokens} · output ${w.outputTokens} · ${s.chips} chip${s.chips > 1 ? 's' : ''} (TP${s.tensorParallel}${s.pipelineParallel > 1 ? ` PP${s.pipelineParallel}` : ''}) · ${w.precision.weights} weights, ${w.precision.activations} activations`);
    lines.push(`  runtime: ${runtimeLine(analysis.design.runtime)}`);
    if (r.rangeCategory) lines.push(`  (a–b): 80 % prediction range, from cross-validated errors for ${RANGE_TEXT[r.rangeCategory]}`);
  }
  if (r) {
    const width = Math.max(...ROWS.map((row) => row.value(r).length), 12);
    lines.push('');
    lines.push(`  ${''.padEnd(24)}${'this design'.padEnd(width + 2)}${b ? `${b.name.padEnd(width + 2)}ratio` : ''}`);
    for (const row of ROWS) {
      const ratio = b && row.ratio ? row.ratio(r, b.result, b.ratioRanges) : '';
      lines.push(`  ${row.label.padEnd(24)}${row.value(r).padEnd(width + 2)}${b ? `${row.value(b.result).padEnd(width + 2)}${ratio}` : ''}`.trimEnd());
    }
  } else {
    lines.push('', '  Not evaluated: fix the errors below.');
  }
  if (analysis.diagnostics.length) {
    lines.push('');
    for (const d of analysis.diagnostics) {
      const text = d.at ? analysis.texts.get(d.at.file) : undefined;
      const pos = d.at && text !== undefined ? lineColumn(text, d.at.range.start) : undefined;
      const where = d.at ? `${relative(process.cwd(), d.at.file)}${pos ? `:${pos.line}:${pos.column}` : ''}` : d.path || '-';
      lines.push(`  ${d.severity.padEnd(7)} ${where}  ${d.message} [${d.code}]`);
    }
  }
  return lines.join('\n');
}
