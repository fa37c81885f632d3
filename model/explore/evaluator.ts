// Evaluating design points of a space fast and exactly as `eval` would. The config is
// parsed, resolved and validated once per distinct value (not per point); each value
// becomes the set of validated-config leaves it changes. A point then writes its values'
// leaves into one validated config in place and runs the same buildDesign -> checkDesign ->
// evaluateDesign as `analyzeConfig`, so its numbers are `eval`'s numbers (tested).

import { allFinite } from '../analyze';
import { buildDesign } from '../buildDesign';
import { checkDesign } from '../checks';
import { resolveConfig, type FileHost, type Override } from '../config/resolve';
import { schemaAt, type Config } from '../config/schema';
import { validateConfig } from '../config/validate';
import type { Diagnostic, SourceRef } from '../diagnostics';
import { evaluateDesign } from '../engine/evaluate';
import type { EvaluationResult } from '../result';
import { overrideFrom } from '../sweep';
import { parseFraction, parseQuantity } from '../units';
import { metricReader, satisfies, type Constraint, type Objective } from './objectives';
import { locator, rangeText, spaceSize, type Dimension, type RangeDimension, type Space } from './space';

/** Everything a worker needs to evaluate points: plain data, posted as it is. */
export interface ExploreSetup {
  file: string;
  /** Text of the config and of every file its `extends` chain reads (the worker reads no disk). */
  files: Record<string, string>;
  root: string;
  /** `--set PATH=VALUE` applied to every point. */
  sets: { path: string; value: string }[];
  space: Space;
  objectives: Objective[];
  constraints: Constraint[];
  /** Further metrics to record per point (shown, not optimised). */
  metrics: string[];
}

/** Why a point is not feasible; bits of the per-point flags. */
export const FLAG = { ok: 1, feasible: 2, memory: 4, tdp: 8, heads: 16, constraint: 32, invalidValue: 64 } as const;
export const REASONS: Record<string, number> = { memory: FLAG.memory, tdp: FLAG.tdp, heads: FLAG.heads, constraint: FLAG.constraint, 'invalid-value': FLAG.invalidValue };

export interface PreparedExplore {
  size: number;
  /** Recorded metrics per point, in this order: objectives, constraints, then `metrics` (deduplicated). */
  metrics: string[];
  /** Problems with the config or a value that no point can get past (each with the value). */
  diagnostics: Diagnostic[];
  /** Evaluate point `index`: metrics into `out[offset ..]`, returns its FLAG bits. */
  evaluate(index: number, out: Float64Array, offset: number): number;
  /** The full result of one point, for `eval`-equivalence tests and "open as config". */
  result(index: number): EvaluationResult | undefined;
}

export class ExploreSetupError extends Error {
  constructor(message: string, readonly diagnostics: Diagnostic[] = []) { super(message); }
}

/** The metrics a run records, objectives first (the Pareto front reads them by position). */
export function recordedMetrics(setup: Pick<ExploreSetup, 'objectives' | 'constraints' | 'metrics'>): string[] {
  return [...new Set([...setup.objectives.map((o) => o.metric), ...setup.constraints.map((c) => c.metric), ...setup.metrics])];
}

export function memoryHost(files: Record<string, string>, root: string): FileHost {
  return { read: async (path) => files[path], rootOf: () => root, realPath: async (path) => path };
}

interface Leaf { keys: string[]; values: unknown[] }

export async function prepareExplore(setup: ExploreSetup): Promise<PreparedExplore> {
  const text = setup.files[setup.file];
  if (text === undefined) throw new ExploreSetupError(`no text for ${setup.file}`);
  const host = memoryHost(setup.files, setup.root);
  const baseOverrides = setup.sets.map((s) => overrideFrom(s.path, s.value, `--set ${s.path}`));
  const validatedWith = async (extra: Override[]) => {
    const resolved = await resolveConfig(text, setup.file, host, [...baseOverrides, ...extra]);
    const validated = resolved.tree ? validateConfig(resolved.tree) : undefined;
    const diagnostics = [...resolved.diagnostics, ...(validated?.diagnostics ?? [])].filter((d) => d.severity === 'error' && d.path !== 'compare');
    return { validated, diagnostics };
  };
  const base = await validatedWith([]);
  if (!base.validated) throw new ExploreSetupError(`${setup.file} cannot be read as a config`, base.diagnostics);
  const variedPaths = setup.space.dimensions.flatMap((d) => d.paths);
  const under = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}.`));
  const baseErrors = base.diagnostics.filter((d) => !under(d.path, variedPaths));
  if (baseErrors.length > 0) throw new ExploreSetupError(`${setup.file} has errors that no varied key changes`, baseErrors);

  const config = base.validated.config as Config;
  const origins = base.validated.origins;
  const name = config.name ?? setup.file;
  const diagnostics: Diagnostic[] = [];

  // Each discrete value: the leaves it changes (the union over the dimension's values, so
  // the next point overwrites every leaf the previous one touched) and whether it is valid.
  const dims = setup.space.dimensions;
  const plans: ({ kind: 'discrete'; leaves: Leaf; invalid: Uint8Array } | { kind: 'range'; dim: RangeDimension; key: string[]; toSi: (text: string) => number })[] = [];
  for (const dim of dims) {
    if (dim.kind === 'range') {
      plans.push({ kind: 'range', dim, key: dim.paths[0].split('.'), toSi: await rangeParser(dim, validatedWith) });
      continue;
    }
    const configs: Config[] = [];
    const invalid = new Uint8Array(dim.choices.length);
    for (const [c, choice] of dim.choices.entries()) {
      const { validated, diagnostics: errors } = await validatedWith(dim.paths.map((p, k) => overrideFrom(p, choice.texts[k]!, `--vary ${p}`)));
      const own = errors.filter((d) => under(d.path, dim.paths) || !baseErrors.includes(d));
      if (!validated || own.length > 0) {
        invalid[c] = 1;
        diagnostics.push(...own.map((d) => ({ ...d, message: `${dim.paths.map((p, k) => `${p}=${choice.texts[k]}`).join(', ')}: ${d.message}` })));
      }
      configs.push((validated?.config ?? config) as Config);
    }
    const changed = new Set<string>();
    for (const c of configs) diffLeaves(config, c, '', changed);
    const keys = [...changed];
    plans.push({ kind: 'discrete', invalid, leaves: { keys, values: configs.map((c) => keys.map((k) => valueAt(c, k))) } });
  }

  const size = spaceSize(setup.space);
  const locate = locator(setup.space);
  const at = new Float64Array(dims.length);
  const metrics = recordedMetrics(setup);
  const readers = metrics.map(metricReader);
  const objectiveCount = setup.objectives.length;
  const constraintIndex = setup.constraints.map((c) => metrics.indexOf(c.metric));
  const setters = plans.map((p) => (p.kind === 'discrete' ? p.leaves.keys.map((k) => setterFor(k.split('.'))) : [setterFor(p.key)]));

  /** Write point `index`'s values into the config; false when one of them is invalid. */
  const apply = (index: number): boolean => {
    locate(index, at);
    let valid = true;
    for (let d = 0; d < plans.length; d++) {
      const plan = plans[d]!;
      const set = setters[d]!;
      if (plan.kind === 'discrete') {
        const c = at[d]!;
        if (plan.invalid[c]) valid = false;
        const values = plan.leaves.values[c] as unknown[];
        for (let k = 0; k < set.length; k++) set[k]!(config, values[k]);
      } else {
        set[0]!(config, plan.toSi(rangeText(plan.dim, at[d]!)));
      }
    }
    return valid;
  };
  const evaluatePoint = (index: number): { result: EvaluationResult; heads: boolean } | undefined => {
    if (!apply(index)) return undefined;
    const built = buildDesign(config, origins, name, setup.file);
    if (!built.design || built.diagnostics.some(isError)) return undefined;
    if (checkDesign(built.design, origins as Map<string, SourceRef>, setup.file).some(isError)) return undefined;
    const result = evaluateDesign(built.design);
    if (!summaryFinite(result)) return undefined;
    const { heads } = built.design.workload.model;
    return { result, heads: heads % built.design.system.tensorParallel === 0 };
  };

  return {
    size,
    metrics,
    diagnostics,
    result: (index) => evaluatePoint(index)?.result,
    evaluate(index, out, offset) {
      const point = evaluatePoint(index);
      if (!point) {
        for (let m = 0; m < readers.length; m++) out[offset + m] = Number.NaN;
        return 0;
      }
      const r = point.result;
      for (let m = 0; m < readers.length; m++) out[offset + m] = readers[m]!(r);
      let flags = FLAG.ok;
      if (!r.memory.fits) flags |= FLAG.memory;
      if (r.power.throttled) flags |= FLAG.tdp;
      if (!point.heads) flags |= FLAG.heads;
      for (let c = 0; c < constraintIndex.length; c++) {
        if (!satisfies(out[offset + constraintIndex[c]!]!, setup.constraints[c]!)) flags |= FLAG.constraint;
      }
      let finite = true;
      for (let m = 0; m < objectiveCount; m++) if (!Number.isFinite(out[offset + m]!)) finite = false;
      if (finite && (flags & (FLAG.memory | FLAG.tdp | FLAG.heads | FLAG.constraint)) === 0) flags |= FLAG.feasible;
      return flags;
    },
  };
}

const isError = (d: Diagnostic) => d.severity === 'error';

/**
 * `analyzeConfig` refuses a result with any non-finite number. Every per-operator time,
 * byte count and energy is summed into its phase's totals (a non-finite operator makes its
 * phase's seconds, bytes, FLOPs or joules non-finite), so the summary and the phase totals
 * are checked here and the per-operator detail, which is most of the result's numbers and
 * most of the check's time, is not.
 */
export function summaryFinite(result: EvaluationResult): boolean {
  for (const key in result) {
    if (key === 'phases') continue;
    if (!allFinite((result as unknown as Record<string, unknown>)[key])) return false;
  }
  for (const phase of [result.phases.prefill, result.phases.decode]) {
    if (!Number.isFinite(phase.seconds) || !Number.isFinite(phase.offChipBytes) || !Number.isFinite(phase.flops) || !Number.isFinite(phase.energyJoulesPerChip)
      || !allFinite(phase.bounds) || !allFinite(phase.secondsBy)) return false;
  }
  return true;
}

/** Text of a range's value -> the validated config's number, parsed as the validator does. */
async function rangeParser(dim: RangeDimension, validatedWith: (o: Override[]) => Promise<{ diagnostics: Diagnostic[] }>): Promise<(text: string) => number> {
  const path = dim.paths[0];
  // Both ends go through the validator once: its bounds and units are checked there, and a
  // value between two valid ends is valid (every bound is an interval).
  for (const t of [0, 1]) {
    const text = rangeText(dim, t);
    const { diagnostics } = await validatedWith([overrideFrom(path, text, `--vary ${path}`)]);
    const own = diagnostics.filter((d) => d.path === path);
    if (own.length > 0) throw new ExploreSetupError(`${path}=${text}: ${own[0]!.message}`, own);
  }
  const node = schemaAt(path.split('.'))!;
  if (node.kind === 'quantity') return (text) => { const q = parseQuantity(text, node.dimension); return q.ok ? q.value : Number.NaN; };
  if (node.kind === 'fraction') return (text) => { const f = parseFraction(/%/.test(text) ? text : Number(text)); return f.ok ? f.value : Number.NaN; };
  return (text) => Number(text);
}

/** Dotted paths of the leaves where `b` differs from `a` (arrays and absent values are leaves). */
function diffLeaves(a: unknown, b: unknown, path: string, out: Set<string>): void {
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) diffLeaves((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b)) return;
  out.add(path);
}

function valueAt(root: unknown, path: string): unknown {
  let v = root;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A writer of one leaf; absent values are deleted (the validator leaves them out, and buildDesign tests presence). */
function setterFor(keys: string[]): (root: unknown, value: unknown) => void {
  const last = keys[keys.length - 1]!;
  return (root, value) => {
    let o = root as Record<string, unknown>;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = o[keys[i]!] as Record<string, unknown> | undefined;
      if (next === undefined || next === null || typeof next !== 'object') {
        if (value === undefined) return;
        next = {};
        o[keys[i]!] = next;
      }
      o = next;
    }
    if (value === undefined) delete o[last]; else o[last] = value;
  };
}

export type { Dimension };
