// Turning a row of validation/rows.csv into a design point and a predicted value.
// Each row becomes a chip config text in memory (`extends: <chip preset>`, the system,
// the workload), evaluated with analyzeConfig exactly as the CLI would. For calibration,
// the design point is built once and its calibrated hardware keys are varied directly
// (evaluateDesign is pure), which is the same computation without re-parsing.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileHost } from '../cli/nodeHost';
import { analyzeConfig } from '../model/analyze';
import type { DesignPoint } from '../model/design';
import { evaluateDesign } from '../model/engine/evaluate';
import type { EvaluationResult } from '../model/result';
import { parseCsv, type CsvRecord } from './csv';
import { findPreset } from '../model/presets';
import { GENERIC_RUNTIME_VALUES } from '../model/presets/runtimes';
import { groupSizeOf, rowRuntimeYaml, RUNTIMES, runtimeOf, type RuntimeId, type RuntimeParams, type RuntimeProfile } from './runtimes';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..');

export type Row = CsvRecord;

export function loadRows(path = join(HERE, 'rows.csv')): Row[] {
  return parseCsv(readFileSync(path, 'utf8'));
}

/** The chip config text of one row (precision given, or the row's own), with the runtime it ran on. */
export function configText(row: Row, precision?: { weights: string; activations: string; kv_cache: string }): string {
  const p = precision ?? { weights: row.weights, activations: row.activations, kv_cache: row.kv_cache };
  const tp = Number(row.tp);
  const pp = Number(row.pp);
  const group = groupSizeOf(runtimeOf(row));
  return [
    `name: ${row.row_id}`,
    `extends: ${row.chip}`,
    ...(row.chip_overrides ? [`chip: ${row.chip_overrides}`] : []),
    `system: { chips: ${tp * pp}, tensor_parallel: ${tp}, pipeline_parallel: ${pp} }`,
    'workload:',
    `  model: ${row.workload_model}`,
    `  precision: { weights: ${p.weights}, activations: ${p.activations}, kv_cache: ${p.kv_cache}${group ? `, group_size: ${group}` : ''} }`,
    `  batch: ${row.batch}`,
    `  prompt: ${row.prompt}`,
    `  output: ${row.output}`,
    ...rowRuntimeYaml(row),
    '',
  ].join('\n');
}

const host = nodeFileHost(ROOT);

/** The design point of a row (and the baseline precision's, for speed-up rows). */
export interface Prepared {
  row: Row;
  design: DesignPoint;
  baselineDesign?: DesignPoint;
  /** The row sets its own link latency (PCIe): link-latency calibration does not apply. */
  ownLinkLatency: boolean;
  /** The serving software it ran on; undefined: the generic runtime (schema defaults). */
  runtime: RuntimeId | undefined;
  errors: string[];
}

export async function prepare(row: Row): Promise<Prepared | { row: Row; errors: string[] }> {
  // A workload over the memory capacity is still evaluated (the engine is pure); the row is
  // then reported as not fitting and left out of the statistics, except per-operator rows,
  // which time one layer on one GPU whatever the whole model's size.
  const build = async (text: string) => {
    const a = await analyzeConfig(text, join(HERE, `${row.row_id}.chip.yaml`), host);
    const errors = a.diagnostics
      .filter((d) => d.severity === 'error' && d.code !== 'memory-capacity')
      .map((d) => `${d.code}: ${d.message}`);
    return { design: a.design, errors };
  };
  const main = await build(configText(row));
  if (!main.design || main.errors.length) return { row, errors: main.errors.length ? main.errors : ['no design'] };
  let baselineDesign: DesignPoint | undefined;
  if (row.metric_kind === 'speedup') {
    const [weights, activations, kv_cache] = row.baseline_precision.split('/');
    const b = await build(configText(row, { weights, activations, kv_cache }));
    if (!b.design || b.errors.length) return { row, errors: b.errors };
    baselineDesign = b.design;
  }
  return {
    row,
    design: main.design,
    baselineDesign,
    ownLinkLatency: /latency/.test(row.chip_overrides),
    runtime: runtimeOf(row),
    errors: [],
  };
}

/** The schema's `runtime.*` defaults: the generic runtime a config without a `runtime:` block gets. */
export async function defaultRuntime(): Promise<DesignPoint['runtime']> {
  const a = await analyzeConfig('extends: a100-80gb-sxm\nworkload: { model: llama-2-7b }\n', join(HERE, 'generic.chip.yaml'), host);
  if (!a.design) throw new Error('the generic-runtime probe config did not evaluate');
  return a.design.runtime;
}

/** The `runtime:` keys of the fitted numbers (validation/calibrate.ts), by RuntimeParams member. */
const RUNTIME_PARAM_KEYS: Record<keyof RuntimeParams, keyof typeof GENERIC_RUNTIME_VALUES> = {
  gemmEfficiency: 'gemm_efficiency',
  stepOverheadSeconds: 'step_overhead',
  prefillOverheadSeconds: 'prefill_overhead',
  sequenceOverheadSeconds: 'sequence_overhead',
  launchOverheadSeconds: 'launch_overhead',
  collectiveOverheadSeconds: 'collective_overhead',
};

/**
 * What a validation-only profile's prior preset states beyond the generic runtime, as
 * numbers: the members whose preset value differs from the generic runtime's (for `vllm`,
 * its sourced host time per scheduler call). Everything else of the preset is the generic
 * runtime's fitted values, which a fold replaces by its own refit. Empty without a prior.
 */
export async function priorStatedParams(id: RuntimeId): Promise<Partial<RuntimeParams>> {
  const r: RuntimeProfile = RUNTIMES[id];
  if (!r.prior) return {};
  const preset = findPreset('runtime', r.prior.preset);
  if (!preset) throw new Error(`validation/runtimes.ts ${id}: no runtime preset ${r.prior.preset}`);
  const a = await analyzeConfig(
    `extends: a100-80gb-sxm\nworkload: { model: llama-2-7b }\nruntime: { extends: ${r.prior.preset}, ${r.prior.yaml} }\n`,
    join(HERE, `${id}-prior.chip.yaml`),
    host,
  );
  if (!a.design) throw new Error(`the prior-runtime probe config of ${id} did not evaluate`);
  const rt = a.design.runtime;
  return Object.fromEntries(
    (Object.entries(RUNTIME_PARAM_KEYS) as [keyof RuntimeParams, keyof typeof GENERIC_RUNTIME_VALUES][])
      .filter(([, key]) => preset.config[key] !== GENERIC_RUNTIME_VALUES[key])
      .map(([member]) => [member, rt[member]]),
  );
}

/** The calibrated keys of a chip family; undefined members keep the preset's value. */
export interface FamilyParams {
  matrixEfficiency?: number;
  memoryEfficiency?: number;
  dispatchOverheadSeconds?: number;
  linkLatencySeconds?: number;
}

/**
 * Values to evaluate a row with instead of its config's: its chip family's and its
 * runtime's (a row on the generic runtime takes `generic`). Absent members keep the config.
 */
export interface Calibration {
  family?: Partial<Record<string, FamilyParams>>;
  runtime?: Partial<Record<RuntimeId, RuntimeParams>>;
  generic?: RuntimeParams & { groupedAttention?: boolean };
  /** Evaluate every row on the generic runtime (what an unseen framework gets). */
  allGeneric?: boolean;
}

function withCalibration(design: DesignPoint, p: Prepared, c: Calibration | undefined): DesignPoint {
  if (!c) return design;
  const f = c.family?.[p.row.family];
  const rt = c.allGeneric ? c.generic : p.runtime ? c.runtime?.[p.runtime] : c.generic;
  const hw = design.hardware;
  return {
    ...design,
    hardware: f
      ? {
          ...hw,
          matrix: { ...hw.matrix, efficiency: f.matrixEfficiency ?? hw.matrix.efficiency },
          memoryLevels: hw.memoryLevels.map((l) => (l.id === hw.mainMemory ? { ...l, efficiency: f.memoryEfficiency ?? l.efficiency } : l)),
          dispatchOverheadSeconds: f.dispatchOverheadSeconds ?? hw.dispatchOverheadSeconds,
          link: {
            ...hw.link,
            latencySeconds: p.ownLinkLatency ? hw.link.latencySeconds : (f.linkLatencySeconds ?? hw.link.latencySeconds),
          },
        }
      : hw,
    runtime: rt ? { ...design.runtime, ...rt } : design.runtime,
  };
}

export interface Prediction {
  value: number;
  fits: boolean;
  bottleneck: string;
  result: EvaluationResult;
}

export function metricOf(row: Row, r: EvaluationResult): number {
  switch (row.metric_kind) {
    case 'ttft':
      return r.prefill.ms;
    case 'tpot':
      return r.decode.msPerToken;
    case 'e2e':
      return r.response.ms;
    case 'throughput_total':
      return r.throughput.outputTokensPerSecond;
    case 'throughput_per_gpu':
      return r.throughput.perChip;
    case 'op_latency': {
      const [phase, id] = row.op.split(':') as ['prefill' | 'decode', string];
      const op = r.phases[phase].operators.find((o) => o.id === id);
      return op ? op.time.total * 1e3 : NaN;
    }
    default:
      return NaN;
  }
}

export function predict(p: Prepared, c?: Calibration): Prediction {
  const r = evaluateDesign(withCalibration(p.design, p, c));
  if (p.row.metric_kind === 'speedup' && p.baselineDesign) {
    const b = evaluateDesign(withCalibration(p.baselineDesign, p, c));
    return { value: b.response.ms / r.response.ms, fits: r.memory.fits && b.memory.fits, bottleneck: r.decode.bottleneck, result: r };
  }
  const fits = p.row.metric_kind === 'op_latency' ? true : r.memory.fits;
  return { value: metricOf(p.row, r), fits, bottleneck: r.decode.bottleneck, result: r };
}

// ---------- statistics ----------

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** |predicted / measured − 1|. */
export const absRelError = (pred: number, meas: number) => Math.abs(pred / meas - 1);
/** |ln(predicted / measured)|: symmetric for latencies and throughputs alike. */
export const absLogError = (pred: number, meas: number) => Math.abs(Math.log(pred / meas));
