// Whether two designs' model errors share their sources, so that a ratio of their predictions
// takes the paired range (predictionRanges.ts pairedRatioRange) rather than both sides' ranges
// combined as if independent.

import type { DesignPoint } from '../design';
import type { SourceRef } from '../diagnostics';
import { familyOf } from '../presets/calibration';
import type { EvaluationResult } from '../result';
import { rangeCategory, type RangeCategory, type RangeMetric } from './predictionRanges';

/**
 * The keys whose values carry most of a chip's model error: the efficiencies and the dispatch
 * overhead the calibration fits (a family's) or a preset or file states. The memory's bandwidth
 * is a spec-sheet figure, not an error source: an H100 with faster memory keeps the H100's.
 */
const ERROR_SOURCE_KEYS = ['chip.matrix.efficiency', 'chip.memory.efficiency', 'chip.dispatch_overhead'] as const;

/** A source as an identity: a calibrated family (H100 and H200 share Hopper's fit), a preset, a place in a file, an override. */
function sourceOf(ref: SourceRef | undefined): string | undefined {
  switch (ref?.kind) {
    case 'preset':
      return `preset ${familyOf(ref.presetId) ?? ref.presetId}`;
    case 'file':
      return `file ${ref.file}:${ref.range.start}`;
    case 'override':
      return `override ${ref.label}`;
    default:
      return undefined;
  }
}

/** Where a chip key's value is written, without the place in it: a preset or a file. */
const authorOf = (ref: SourceRef): string | undefined =>
  ref.kind === 'preset' ? `preset ${ref.presetId}` : ref.kind === 'file' ? `file ${ref.file}` : undefined;

/**
 * The chip a design varies: the preset or file that writes most of its `chip.*` values (the
 * reference preset for a what-if that changes its memory; the base file for a file that extends
 * it). Undefined for a chip with no values written anywhere.
 */
function baseChip(origins: ReadonlyMap<string, SourceRef>): string | undefined {
  const count = new Map<string, number>();
  for (const [path, ref] of origins) {
    const author = path.startsWith('chip.') ? authorOf(ref) : undefined;
    if (author) count.set(author, (count.get(author) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/**
 * Where a design's chip error comes from, as an identity two designs share or not: per key, the
 * family's fit, the preset or the line of a file that states it; a key left to the pooled prior
 * (an uncalibrated chip) is the prior on the chip it describes, so two variants of one chip
 * share it, and two different chips on the prior, different hardware with biases of their own,
 * do not.
 */
export function chipErrorSource(origins: ReadonlyMap<string, SourceRef>): string | undefined {
  const base = baseChip(origins);
  const sources = ERROR_SOURCE_KEYS.map((k) => sourceOf(origins.get(k)) ?? (base && `prior on ${base}`));
  return sources.every((s) => s !== undefined) ? sources.join(' · ') : undefined;
}

/** The `runtime.*` keys whose values differ between two designs. */
export function differingRuntimeKeys(a: DesignPoint['runtime'], b: DesignPoint['runtime']): string[] {
  const key: Record<Exclude<keyof DesignPoint['runtime'], 'provenance'>, string> = {
    gemmEfficiency: 'gemm_efficiency',
    prefillOverheadSeconds: 'prefill_overhead',
    requestOverheadSeconds: 'request_overhead',
    stepOverheadSeconds: 'step_overhead',
    sequenceOverheadSeconds: 'sequence_overhead',
    launchOverheadSeconds: 'launch_overhead',
    collectiveOverheadSeconds: 'collective_overhead',
    groupedAttention: 'grouped_attention',
    decodeLaunch: 'decode_launch',
    shapeBuckets: 'shape_buckets',
    smallestBucketTokens: 'smallest_bucket',
  };
  return (Object.keys(key) as (keyof typeof key)[]).filter((k) => a[k] !== b[k]).map((k) => `runtime.${key[k]}`);
}

export interface Compared {
  design: DesignPoint;
  origins: ReadonlyMap<string, SourceRef>;
  result: EvaluationResult;
}

/**
 * The two designs' errors share their sources: the same chip efficiencies and dispatch overhead
 * from the same place (a family's fit, a preset, a file's line), the same runtime values, and
 * so the same range category. What differs between them is what the model computes from
 * physics (memory speed, array sizes, the workload), which is what the paired ranges measure.
 */
function sharedErrorSources(a: Omit<Compared, 'result'>, b: Omit<Compared, 'result'>): boolean {
  const source = chipErrorSource(a.origins);
  if (source === undefined || source !== chipErrorSource(b.origins)) return false;
  if (rangeCategory(a.design) !== rangeCategory(b.design)) return false;
  return differingRuntimeKeys(a.design.runtime, b.design.runtime).length === 0;
}

/** The same workload on the same system: the what-if changes the chip, not the question. */
function sameWork(a: DesignPoint, b: DesignPoint): boolean {
  const sa = a.system,
    sb = b.system;
  return (
    sa.chips === sb.chips &&
    sa.tensorParallel === sb.tensorParallel &&
    sa.pipelineParallel === sb.pipelineParallel &&
    JSON.stringify(a.workload) === JSON.stringify(b.workload)
  );
}

/**
 * The ratios whose ranges pair (BaselineComparison.pairedRanges): none unless the two designs'
 * errors share their sources and they run the same workload on the same system; then each basis
 * metric whose phase the same resource bounds on both sides (a compute-bound chip against a
 * dispatch-bound one errs in different ways: those do not cancel). Throughput is the whole
 * response: both phases.
 */
export function pairedRanges(
  a: Compared,
  b: Compared,
): { category: RangeCategory; metrics: RangeMetric[]; decodeSteps: number } | undefined {
  if (!sharedErrorSources(a, b) || !sameWork(a.design, b.design)) return undefined;
  const prefill = a.result.phases.prefill.bottleneck === b.result.phases.prefill.bottleneck;
  const decode = a.result.decode.bottleneck === b.result.decode.bottleneck;
  const metrics: RangeMetric[] = [
    ...(prefill ? (['prefill.ms'] as const) : []),
    ...(decode ? (['decode.msPerToken'] as const) : []),
    ...(prefill && decode ? (['throughput.outputTokensPerSecond'] as const) : []),
  ];
  return metrics.length > 0 ? { category: rangeCategory(a.design), metrics, decodeSteps: a.result.decodeSteps } : undefined;
}
