// Evaluating design points of a space fast and exactly as `eval` would. The config is
// parsed, resolved and validated once per distinct value (not per point); each value
// becomes the set of validated-config leaves it changes. A point then writes its values'
// leaves into one validated config in place and runs the same buildDesign -> checkDesign ->
// evaluateDesign as `analyzeConfig`, so its numbers are `eval`'s numbers (tested).

import { allFinite } from '../analyze';
import { buildDesign } from '../buildDesign';
import { checkDesign, powerOverTdp } from '../checks';
import { resolveConfig, sharedWithPresetBaseline, type Baseline, type FileHost, type Override } from '../config/resolve';
import { withValueAt } from '../config/tree';
import { schemaAt, type Config } from '../config/schema';
import { SLIP_CODES, validateConfig } from '../config/validate';
import type { DesignPoint } from '../design';
import { aboutExploration, isWritten, type Diagnostic, type SourceRef } from '../diagnostics';
import { evaluateDesign } from '../engine/evaluate';
import { beyondInterposer, cheaperSplit, siliconDiagnostics, siliconWarningKeys } from '../silicon/checks';
import type { DieMemo, DieOutcome } from '../silicon/fromConfig';
import { overTdpAtEveryClock, type EvaluationResult } from '../result';
import { simulateDisaggregated } from '../serving/disaggregate';
import { evaluateServingSync, kvCacheTokens } from '../serving/evaluateServing';
import { fleetSpecOf, sizeFleet, type FleetMember } from '../serving/fleet';
import { readTrace, servingSpecWith, type TraceRead } from '../serving/spec';
import type { ServingResult, ServingSpec } from '../serving/types';
import { overrideFrom } from '../sweep';
import { valueAt } from '../presets/presetValues';
import { parseFraction, parseQuantity } from '../units';
import { metricPaths, metricReader, rangeEndOf, satisfies, type Constraint, type Objective } from './objectives';
import { rangeCategory } from '../ranges/predictionRanges';
import { isTrafficMetric } from '../report/traffic';
import { JOINT_COMBINATIONS, jointChoices, jointGroups, jointStrides, nested, rangeDerivedMessage, rangeNestedMessage } from './joint';
import { locator, rangeText, spaceSize, type Dimension, type DiscreteDimension, type RangeDimension, type Space } from './space';

/** Everything a worker needs to evaluate points: plain data, posted as it is. */
export interface ExploreSetup {
  file: string;
  /** Text of the config and of every file its `extends` chain reads (the worker reads no disk). */
  files: Record<string, string>;
  root: string;
  /** `--set PATH=VALUE` applied to every point. */
  sets: { path: string; value: string }[];
  space: Space;
  /**
   * Where the varied values were written, named in what is said about one of them ("… (from
   * --vary chip.process)"): `--vary` flags (the default), the file's `explore.vary`, or the
   * values chosen in the editor's "Explore Design Space…".
   */
  variedFrom?: 'flags' | 'file' | 'chosen';
  objectives: Objective[];
  constraints: Constraint[];
  /** Further metrics to record per point (shown, not optimised). */
  metrics: string[];
  /**
   * `serving.trace` files read beforehand, by reference (`readServingTraces`): workers read
   * no disk. Only needed when a recorded metric is a `serving.*` one.
   */
  traces?: Record<string, TraceRead>;
}

/** Where a varied key's values came from, as a diagnostic about one of them names it. */
export function variedLabel(setup: Pick<ExploreSetup, 'variedFrom'>, path: string): string {
  switch (setup.variedFrom) {
    case 'file':
      return `explore.vary.${path} in the file`;
    case 'chosen':
      return `the values chosen for ${path}`;
    default:
      return `--vary ${path}`;
  }
}

/** Why a point is not feasible; bits of the per-point flags. */
export const FLAG = {
  ok: 1,
  feasible: 2,
  memory: 4,
  tdp: 8,
  heads: 16,
  constraint: 32,
  invalidValue: 64,
  warned: 128,
  package: 256,
} as const;
export const REASONS: Record<string, number> = {
  memory: FLAG.memory,
  tdp: FLAG.tdp,
  heads: FLAG.heads,
  constraint: FLAG.constraint,
  'invalid-value': FLAG.invalidValue,
  package: FLAG.package,
};

export interface PreparedExplore {
  size: number;
  /** Recorded metrics per point, in this order: objectives, constraints, then `metrics` (deduplicated). */
  metrics: string[];
  /** Problems with the config or a value that no point can get past (each with the value). */
  diagnostics: Diagnostic[];
  /** Varied keys none of whose values is valid: no point of the space can be evaluated. */
  emptyDimensions: string[];
  /** Evaluate point `index`: metrics into `out[offset ..]`, returns its FLAG bits. */
  evaluate(index: number, out: Float64Array, offset: number): number;
  /** The full result of one point, for `eval`-equivalence tests and "open as config". */
  result(index: number): EvaluationResult | undefined;
  /**
   * Recorded metrics that name no number of the result (misspelt, or a section this
   * config does not have), with every metric that does; undefined if no point among the
   * first thousand is evaluable to check against.
   */
  unknownMetrics(): { unknown: string[]; known: string[] } | undefined;
  /** Why point `index` cannot be evaluated (the first error a build or check of it gives); undefined if it can. */
  whyNot(index: number): NotEvaluable | undefined;
  /** The warnings the varied values bring at point `index` (FLAG.warned): at a varied key, or of a kind the file's values do not give. */
  whatWarned(index: number): NotEvaluable[];
  /** Point `index`'s die priced lower as more chiplets (`eval`'s `chiplets-cheaper`), or undefined. */
  cheaperAsChiplets(index: number): { chiplets: number; priceUsd: number; builtChiplets: number; builtUsd: number } | undefined;
  /**
   * Why the chip has no price over the space, as `eval` says it (`price-unknown`): a preset's
   * price set aside because a varied key changes a die that cannot be modelled, or no price at all.
   */
  priceUnknown: string | undefined;
  /** Whether the file (or `--set`) writes `path`, as the space's base: a preset's or a default value is not written. */
  writes(path: string): boolean;
}

/** Why a point could not be evaluated, or what was said about it: a diagnostic's code and message. */
export interface NotEvaluable {
  code: string;
  message: string;
}

export class ExploreSetupError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
    /** The request itself is wrong (a serving metric of a config without `serving:`), not the config. */
    readonly usage = false,
  ) {
    super(message);
  }
}

const isFleetMetric = (m: string) => m === 'fleet' || m.startsWith('fleet.');
/** A serving or fleet figure: read from the serving simulation (a fleet is sized from it), not the static evaluation. */
export const isSimulatedMetric = isTrafficMetric;

/** The recorded metrics that need the serving simulation (`serving.ttftMs.p99`, ...), fleet figures included. */
export function servingMetrics(setup: Pick<ExploreSetup, 'objectives' | 'constraints' | 'metrics'>): string[] {
  return recordedMetrics(setup).filter(isSimulatedMetric);
}

/** The recorded fleet figures (`fleet.chips`, `fleet.usdPerMillionOutputTokens`, ...): each point sizes its fleet. */
export function fleetMetrics(setup: Pick<ExploreSetup, 'objectives' | 'constraints' | 'metrics'>): string[] {
  return recordedMetrics(setup).filter(isFleetMetric);
}

/**
 * Read the `serving.trace` files a space uses (the config's, after `--set`, and every
 * `--vary serving.trace` value) into `setup.traces`, through the caller's host: the
 * simulation of each point then reads no disk. Nothing is read without a serving metric.
 */
export async function readServingTraces(setup: ExploreSetup, host: FileHost): Promise<void> {
  if (servingMetrics(setup).length === 0) return;
  const text = setup.files[setup.file];
  if (text === undefined) return;
  const overrides = setup.sets.map((s) => overrideFrom(s.path, s.value, `--set ${s.path}`));
  const resolved = await resolveConfig(text, setup.file, memoryHost(setup.files, setup.root), overrides);
  const validated = resolved.tree ? validateConfig(resolved.tree) : undefined;
  const refs = new Set<string>();
  if (validated?.origins.has('serving.trace') && validated.config.serving.trace !== undefined) refs.add(validated.config.serving.trace);
  for (const dim of setup.space.dimensions) {
    if (dim.kind !== 'discrete') continue;
    const k = dim.paths.indexOf('serving.trace');
    if (k >= 0) for (const choice of dim.choices) refs.add(choice.texts[k]!.trim());
  }
  setup.traces ??= {};
  for (const ref of refs) setup.traces[ref] = await readTrace(ref, setup.file, host);
}

/** The metrics a run records, objectives first (the Pareto front reads them by position). */
export function recordedMetrics(setup: Pick<ExploreSetup, 'objectives' | 'constraints' | 'metrics'>): string[] {
  return [...new Set([...setup.objectives.map((o) => o.metric), ...setup.constraints.map((c) => c.metric), ...setup.metrics])];
}

export function memoryHost(files: Record<string, string>, root: string): FileHost {
  return { read: async (path) => files[path], rootOf: () => root, realPath: async (path) => path };
}

/**
 * What preparing a space produces, as plain data: the validated base config and, per
 * dimension, the leaves its values change. Computed once (in the calling thread) and posted
 * to the workers, which then only compile it.
 */
export interface ExplorePlan {
  config: Config;
  origins: Map<string, SourceRef>;
  name: string;
  /**
   * The `compare` design, where a fleet's hot standby (`fleet.standby: baseline`) or a
   * disaggregated prefill pool (`prefill.design: baseline`) is made of it, validated once;
   * `shared`: the varied leaves it takes from each point (a preset baseline shares the workload,
   * system and economics: sharedWithPresetBaseline), none for a compare file.
   */
  baseline?: { config: Config; origins: Map<string, SourceRef>; name: string; shared: string[] };
  dimensions: (DiscretePlan | { kind: 'range' })[];
  diagnostics: Diagnostic[];
}

/** A discrete dimension's values, as the leaves each changes in the validated config. */
export interface DiscretePlan {
  kind: 'discrete';
  keys: string[];
  values: unknown[][];
  invalid: Uint8Array;
  /**
   * Where each value's leaves come from, as `eval --set` records them (a runtime preset's
   * keys are that preset's: its provenance sets the range category): per value, one
   * entry per path of `originPaths`, undefined where the value has none.
   */
  originPaths: string[];
  origins: (SourceRef | undefined)[][];
  /**
   * Dimensions validated in combination (joint.ts): this one's values are the combinations of
   * `members` (dimension indices, this one first), at index Σ choice × stride; the others write nothing.
   */
  joint?: { members: number[]; strides: number[] };
}

/** Keys whose value `resolveConfig` expands (a model preset id): these take the full resolution per value. */
const expandedByResolve = (path: string) =>
  path === 'workload.model' || path.startsWith('workload.model.') || path === 'runtime' || path.startsWith('runtime.');

export async function planExplore(setup: ExploreSetup): Promise<ExplorePlan> {
  const text = setup.files[setup.file];
  if (text === undefined) throw new ExploreSetupError(`no text for ${setup.file}`);
  const host = memoryHost(setup.files, setup.root);
  const baseOverrides = setup.sets.map((s) => overrideFrom(s.path, s.value, `--set ${s.path}`));
  // The `explore:` section is not the design: its errors are the command's to report (cli/explore.ts sectionErrorsOf).
  const errorsOf = (diagnostics: Diagnostic[]) =>
    diagnostics.filter((d) => d.severity === 'error' && d.path !== 'compare' && !aboutExploration(d.path));
  // A value a unit prefix from real chips' (`--vary chip.memory.bandwidth=3 PB/s`) is said as
  // `--set` says it: its points are evaluated as written (a new user's were dropped as beyond the
  // wafer with no word of the slip).
  const slipsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'warning' && SLIP_CODES.has(d.code));
  const baseResolved = await resolveConfig(text, setup.file, host, baseOverrides);
  const baseTree = baseResolved.tree;
  const validatedWith = async (extra: Override[]) => {
    // A leaf value is written into the resolved tree, as resolveConfig would write it; keys
    // that resolution expands go through it again.
    if (baseTree && extra.every((o) => !expandedByResolve(o.path.join('.')))) {
      let tree = baseTree;
      for (const o of extra) tree = withValueAt(tree, o.path, o.value);
      const validated = validateConfig(tree);
      return {
        validated,
        diagnostics: errorsOf([...baseResolved.diagnostics, ...validated.diagnostics]),
        slips: slipsOf(validated.diagnostics),
      };
    }
    const resolved = await resolveConfig(text, setup.file, host, [...baseOverrides, ...extra]);
    const validated = resolved.tree ? validateConfig(resolved.tree) : undefined;
    return {
      validated,
      diagnostics: errorsOf([...resolved.diagnostics, ...(validated?.diagnostics ?? [])]),
      slips: slipsOf(validated?.diagnostics ?? []),
    };
  };
  const base = await validatedWith([]);
  if (!base.validated) throw new ExploreSetupError(`${setup.file} cannot be read as a config`, base.diagnostics);
  const variedPaths = setup.space.dimensions.flatMap((d) => d.paths);
  const under = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}.`));
  const baseErrors = base.diagnostics.filter((d) => !under(d.path, variedPaths));
  if (baseErrors.length > 0) throw new ExploreSetupError(`${setup.file} has errors that no varied key changes`, baseErrors);
  const config = base.validated.config as Config;
  const serving = servingMetrics(setup);
  if (serving.length > 0 && !base.validated.origins.has('serving') && !variedPaths.some((p) => under(p, ['serving']))) {
    throw new ExploreSetupError(
      `${serving.join(', ')} ${serving.length > 1 ? 'need' : 'needs'} the serving simulation, and ${setup.file} has no \`serving:\` section: add one (\`serving: { rate: 4 /s }\`, see docs/config.md) or use --set serving.rate=4/s`,
      [],
      true,
    );
  }
  const fleet = fleetMetrics(setup);
  if (fleet.length > 0) checkFleetSetup(fleet, base.validated.origins, config, variedPaths, setup.file);
  // A varied key that no recorded metric reads would give every point the same numbers.
  for (const path of variedPaths) {
    if (under(path, ['fleet']) && fleet.length === 0)
      throw new ExploreSetupError(
        `${path} is read only by fleet sizing, and no recorded metric is a fleet figure, so every point would be the same: rank, constrain or record one (e.g. --objective fleet.usdPerMillionOutputTokens:min, --metric fleet.chips)`,
        [],
        true,
      );
    if (under(path, ['serving']) && serving.length === 0)
      throw new ExploreSetupError(
        `${path} is read only by the serving simulation, and no recorded metric needs it, so every point would be the same: rank, constrain or record a serving figure (e.g. --objective serving.ttftMs.p99:min, --metric serving.maxRateAtSlo)`,
        [],
        true,
      );
  }
  // A likely typo in the file or a --set (`bacth: 3`) leaves every point not the design as
  // written, as `eval` marks its result not valid: said once, before the points (it was silent).
  const diagnostics: Diagnostic[] = [...baseResolved.diagnostics, ...base.validated.diagnostics].filter(
    (d) => d.invalidatesResult && !under(d.path, variedPaths),
  );
  // Where each value came from, as `eval --set` would record it: a varied key is an
  // override at every point (some results depend on it: a die key set over a chip preset
  // makes its price modelled rather than the preset's).
  const origins = new Map(base.validated.origins);

  // Each discrete value: the leaves it changes (the union over the dimension's values, so
  // the next point overwrites every leaf the previous one touched) and whether it is valid.
  const planValues = async (paths: readonly string[], choices: readonly (readonly string[])[]) => {
    const configs: Config[] = [];
    const choiceOrigins: Map<string, SourceRef>[] = [];
    const invalid = new Uint8Array(choices.length);
    const said: Diagnostic[] = [];
    for (const [c, texts] of choices.entries()) {
      await breather();
      const {
        validated,
        diagnostics: errors,
        slips,
      } = await validatedWith(paths.map((p, k) => overrideFrom(p, texts[k]!, variedLabel(setup, p), true)));
      // This value's errors: at its own keys, or at keys no dimension varies. An error at
      // another dimension's key is the base value there, which that dimension replaces.
      const own = errors.filter((d) => under(d.path, paths) || !under(d.path, variedPaths));
      for (const d of slips.filter((x) => under(x.path, paths))) {
        const k = paths.findIndex((p) => under(d.path, [p]));
        const message = `${paths[k]}=${texts[k]}: ${d.message}`;
        if (!said.some((x) => x.message === message)) said.push({ ...d, message });
      }
      if (!validated || own.length > 0) {
        invalid[c] = 1;
        for (const d of own) {
          // Named by the value it is at where it is at one (a combination's own error once, not once per combination).
          const at = paths.flatMap((p, k) => (under(d.path, [p]) ? [k] : []));
          const named = (at.length ? at : paths.map((_, k) => k)).map((k) => `${paths[k]}=${texts[k]}`).join(', ');
          const message = `${named}: ${d.message}`;
          if (!said.some((x) => x.message === message && x.path === d.path)) said.push({ ...d, message });
        }
      }
      configs.push((validated?.config ?? config) as Config);
      choiceOrigins.push(new Map([...(validated?.origins ?? [])].filter(([path]) => under(path, paths))));
    }
    const changed = new Set<string>();
    for (const c of configs) diffLeaves(config, c, '', changed);
    const keys = [...changed];
    // Only where the values' origins differ (preset ids: `runtime=generic,vllm`); an override's
    // are the same at every value and stay as set below.
    const differ = new Set(choiceOrigins.map((o) => JSON.stringify([...o].sort(([a], [b]) => (a < b ? -1 : 1))))).size > 1;
    const originPaths = differ ? [...new Set(choiceOrigins.flatMap((o) => [...o.keys()]))] : [];
    const plan: DiscretePlan = {
      kind: 'discrete',
      invalid,
      keys,
      values: configs.map((c) => keys.map((k) => valueAt(c, k))),
      originPaths,
      origins: choiceOrigins.map((o) => originPaths.map((p) => o.get(p))),
    };
    return { plan, said, firstOrigins: choiceOrigins[0] };
  };
  const dimensions: ExplorePlan['dimensions'] = [];
  const saidOf: Diagnostic[][] = [];
  const keep = (d: number, planned: Awaited<ReturnType<typeof planValues>>) => {
    dimensions[d] = planned.plan;
    saidOf[d] = planned.said;
    for (const [path, ref] of planned.firstOrigins ?? []) origins.set(path, ref);
  };
  for (const [d, dim] of setup.space.dimensions.entries()) {
    if (dim.kind === 'range') {
      await checkRangeEnds(dim, validatedWith, (path) => variedLabel(setup, path), config);
      origins.set(dim.paths[0], { kind: 'override', label: variedLabel(setup, dim.paths[0]), varied: true });
      dimensions[d] = { kind: 'range' };
      saidOf[d] = [];
      continue;
    }
    keep(
      d,
      await planValues(
        dim.paths,
        dim.choices.map((c) => c.texts),
      ),
    );
  }
  // Values that derive keys another varied key sets (HBM stacks and technology both set the
  // memory's capacity and bandwidth) are validated together, as `eval --set` of both would be:
  // planned one dimension at a time, the last written won (a review: GDDR6 on 2 devices read
  // 21.9 ms a token at HBM3's bandwidth, where `eval` gives 98.8 ms).
  const plannedKeys = dimensions.map((p, d) => ({ keys: p.kind === 'discrete' ? p.keys : setup.space.dimensions[d]!.paths }));
  for (const members of jointGroups(setup.space.dimensions, plannedKeys)) {
    const ranged = members.find((d) => setup.space.dimensions[d]!.kind === 'range');
    if (ranged !== undefined) {
      const rangedDim = setup.space.dimensions[ranged]!;
      const others = members.filter((d) => d !== ranged).map((d) => setup.space.dimensions[d]!);
      const inside = others.filter((o) => nested(rangedDim, o));
      throw new ExploreSetupError(
        inside.length > 0
          ? rangeNestedMessage(
              rangedDim.paths[0]!,
              inside.flatMap((o) => o.paths),
            )
          : rangeDerivedMessage(
              rangedDim.paths[0]!,
              others.flatMap((o) => o.paths),
            ),
        [],
        true,
      );
    }
    const dims = members.map((d) => setup.space.dimensions[d] as DiscreteDimension);
    const combinations = jointChoices(dims);
    if (combinations.length > JOINT_COMBINATIONS)
      throw new ExploreSetupError(
        `${dims.flatMap((m) => m.paths).join(', ')} are validated in combination (validation derives keys of one from the others' values, as \`eval --set\` of them all would): ${combinations.length.toLocaleString('en-US')} combinations, more than ${JOINT_COMBINATIONS.toLocaleString('en-US')}; give fewer values`,
        [],
        true,
      );
    const joint = await planValues(
      dims.flatMap((m) => m.paths),
      combinations,
    );
    keep(members[0]!, joint);
    dimensions[members[0]!] = { ...joint.plan, joint: { members, strides: jointStrides(dims) } };
    // The other members write nothing of their own: the first one writes the combination.
    for (const d of members.slice(1)) {
      const count = dims[members.indexOf(d)]!.choices.length;
      dimensions[d] = {
        kind: 'discrete',
        keys: [],
        values: Array.from({ length: count }, () => []),
        invalid: new Uint8Array(count),
        originPaths: [],
        origins: Array.from({ length: count }, () => []),
      };
      saidOf[d] = [];
    }
  }
  diagnostics.push(...saidOf.flat());
  const standbyOfBaseline = fleet.length > 0 && (config.fleet.standby === 'baseline' || variedPaths.includes('fleet.standby'));
  const prefillOfBaseline =
    serving.some((m) => m.startsWith('serving.disaggregated.')) &&
    (config.serving.disaggregated?.prefill.design === 'baseline' || variedPaths.some((p) => under(p, ['serving.disaggregated'])));
  const baseline =
    standbyOfBaseline || prefillOfBaseline ? baselinePlan(baseResolved.baseline, dimensions, setup, !standbyOfBaseline) : undefined;
  return { config, origins, name: config.name ?? setup.file, dimensions, diagnostics, ...(baseline ? { baseline } : {}) };
}

/**
 * The `compare` design a hot standby or a disaggregated prefill pool is made of, as `eval`
 * builds it (model/config/resolve.ts loadBaseline) from the file with its --set values, and the
 * varied leaves it shares. A prefill pool's is `optional`: without it (or with errors in it)
 * `eval` warns and has no disaggregated figures, and so has the point.
 */
function baselinePlan(
  baseline: Baseline | undefined,
  dimensions: ExplorePlan['dimensions'],
  setup: ExploreSetup,
  optional: boolean,
): ExplorePlan['baseline'] {
  // Only for a disaggregated prefill pool: without a baseline `eval` says so and has no such figures.
  if (!baseline && optional) return undefined;
  if (!baseline)
    throw new ExploreSetupError(
      'the `compare` design of the hot standby could not be read (see its diagnostics with `jalapeno eval`)',
      [],
      true,
    );
  const validated = validateConfig(baseline.tree);
  const errors = validated.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && optional) return undefined;
  if (errors.length > 0)
    throw new ExploreSetupError(
      `the \`compare\` design, ${baseline.name}, has errors: ${errors.map((d) => d.message).join(' ')}`,
      [],
      true,
    );
  const leaves = [...new Set(dimensions.flatMap((d, i) => (d.kind === 'discrete' ? d.keys : [setup.space.dimensions[i]!.paths[0]])))];
  const presetId = baseline.presetId;
  return {
    config: validated.config as Config,
    origins: validated.origins,
    name: baseline.name,
    shared: presetId ? leaves.filter((path) => sharedWithPresetBaseline(path, presetId)) : [],
  };
}

export async function prepareExplore(setup: ExploreSetup): Promise<PreparedExplore> {
  return compileExplore(setup, await planExplore(setup));
}

/** A plan -> the per-point evaluator. Writes into `plan.config`: one evaluator per plan (per thread). */
export function compileExplore(setup: ExploreSetup, plan: ExplorePlan): PreparedExplore {
  const { config, name, diagnostics } = plan;
  // Replaced, not mutated, when a point's values bring other origins: provenance is cached per map.
  let origins = plan.origins;
  const dims = setup.space.dimensions;
  const plans = plan.dimensions.map((p, d) => {
    const dim = dims[d]!;
    if (p.kind === 'discrete' || dim.kind !== 'range') return p as Extract<ExplorePlan['dimensions'][number], { kind: 'discrete' }>;
    return { kind: 'range' as const, dim, key: dim.paths[0].split('.'), toSi: rangeParser(dim) };
  });
  const size = spaceSize(setup.space);
  const locate = locator(setup.space);
  const at = new Float64Array(dims.length);
  const metrics = recordedMetrics(setup);
  const readers = metrics.map(metricReader);
  const objectiveCount = setup.objectives.length;
  const constraintIndex = setup.constraints.map((c) => metrics.indexOf(c.metric));
  const setters = plans.map((p) => (p.kind === 'discrete' ? p.keys.map((k) => setterFor(k.split('.'))) : [setterFor(p.key)]));
  // The serving simulation runs only when a recorded metric reads it (it costs ~10^4 times an
  // evaluation); its max-rate search only when `serving.maxRateAtSlo` is asked for, and the
  // load curve (no metric: an array) never.
  const serving = servingMetrics(setup);
  // A range end (`decode.msPerToken@high`) needs the design's range category on the result.
  const rangeEnds = metrics.some((m) => rangeEndOf(m) !== undefined);
  // A fleet is sized from the highest rate at the SLO: fleet figures need the max-rate search too.
  const sizesFleet = serving.some(isFleetMetric);
  const servingParts = { maxRateSearch: sizesFleet || serving.some((m) => m.startsWith('serving.maxRateAtSlo')), loadCurve: false };
  const traceOf = (ref: string): TraceRead =>
    setup.traces?.[ref.trim()] ?? { ok: false, code: 'file-not-found', message: `the trace \`${ref}\` was not read` };

  /** Write point `index`'s values into the config; false when one of them is invalid. */
  const apply = (index: number): boolean => {
    locate(index, at);
    let valid = true;
    for (let d = 0; d < plans.length; d++) {
      const plan = plans[d]!;
      const set = setters[d]!;
      if (plan.kind === 'discrete') {
        const c = plan.joint ? jointIndex(plan.joint, at) : at[d]!;
        if (plan.invalid[c]) valid = false;
        const values = plan.values[c]!;
        for (let k = 0; k < set.length; k++) set[k]!(config, values[k]);
        const refs = plan.origins[c]!;
        let copied = false;
        for (let k = 0; k < refs.length; k++) {
          const path = plan.originPaths[k]!;
          const ref = refs[k];
          if (origins.get(path) === ref) continue;
          if (!copied) origins = new Map(origins);
          copied = true;
          if (ref) origins.set(path, ref);
          else origins.delete(path);
        }
      } else {
        set[0]!(config, plan.toSi(rangeText(plan.dim, at[d]!)));
      }
    }
    return valid;
  };
  // A die is the chip's keys and the silicon economics (siliconOf): points that differ only in
  // the workload, the system or the traffic share it. Kept by those dimensions' values; not
  // where one of them is a continuous range, as no two of its points share a value.
  const dieDims = dims.flatMap((d, i) => (d.paths.some(shapesDie) ? [i] : []));
  const dies = new Map<string, DieOutcome>();
  const dieMemo: DieMemo | undefined = dieDims.some((d) => dims[d]!.kind === 'range')
    ? undefined
    : (compute) => {
        let key = '';
        for (const d of dieDims) key += `${at[d]},`;
        let die = dies.get(key);
        if (!die) {
          if (dies.size >= DIES_KEPT) dies.clear();
          dies.set(key, (die = compute()));
        }
        return die;
      };
  // A warning the varied values bring says the model changed or doubts a design at this point
  // (a bandwidth the stated HBM stacks cannot give, modelled with the stacks it needs; a prompt
  // past the model's context; a die split at the reticle): said in the notes, as `eval` would
  // say it. Brought: at a varied key, or of a kind the file's own values do not give. Warnings
  // that a feasibility bit already reports (heads, over the TDP) are not said again.
  const variedPaths = dims.flatMap((d) => d.paths);
  type Said = { code: string; path: string; severity?: Diagnostic['severity'] };
  const warning = (d: Said) => (d.severity ?? 'warning') === 'warning' && !FLAGGED_WARNINGS.has(d.code);
  // Codes and keys only, for every point (cheap); the messages when a note quotes the point.
  const warningKeys = (design: DesignPoint, said: readonly Said[]): Said[] =>
    [...said, ...siliconWarningKeys(design, config)].filter(warning);
  const baseWarnings = new Set<string>();
  let priceUnknown: string | undefined;
  {
    const built = buildDesign(config, origins, name, setup.file);
    if (built.design) {
      const checks = checkDesign(built.design, origins, setup.file);
      for (const d of warningKeys(built.design, [...built.diagnostics, ...checks])) baseWarnings.add(d.code);
      // A file whose own design throttles is eval's to say, not every point's.
      if (![...built.diagnostics, ...checks].some(isError) && evaluateDesign(built.design).power.throttled)
        baseWarnings.add(THROTTLE_KEY.code);
      priceUnknown = siliconDiagnostics(built.design, config, origins, setup.file, { infos: false }).find(
        (d) => d.code === 'price-unknown',
      )?.message;
    }
  }
  const brought = (d: Said) => !baseWarnings.has(d.code) || variedPaths.some((p) => d.path === p || d.path.startsWith(`${p}.`));
  type Evaluated = { result: EvaluationResult; heads: boolean; warned: boolean; design: DesignPoint; said: Diagnostic[] };
  /** Point `index` evaluated, or why it cannot be (the first error, by code). */
  const tryPoint = (index: number, operators = false): Evaluated | { rejected: NotEvaluable } => {
    if (!apply(index))
      return { rejected: { code: 'invalid-value', message: 'a varied value is not valid (see the errors about the values)' } };
    const built = buildDesign(config, origins, name, setup.file, dieMemo);
    const error = built.diagnostics.find(isError);
    if (error || !built.design) return { rejected: error ?? { code: 'not-built', message: 'the design could not be built' } };
    const checks = checkDesign(built.design, origins as Map<string, SourceRef>, setup.file);
    const checked = checks.find(isError);
    if (checked) return { rejected: checked };
    const result = evaluateDesign(built.design, { operators });
    if (!summaryFinite(result)) return { rejected: { code: 'not-evaluable', message: 'its result is not a finite number' } };
    if (rangeEnds) result.rangeCategory = rangeCategory(built.design);
    // What the serving spec warns of at this point (an average rate over the peak) is said as eval says it.
    const servingSaid = serving.length > 0 ? simulateServing(built.design, result) : [];
    const { heads } = built.design.workload.model;
    const said = [...built.diagnostics, ...checks, ...servingSaid];
    // A throttled design is feasible at its derated clocks (the `tdp` bit is for one no clock
    // brings under): said as eval's warning, its message made for the quoted points only.
    const throttles = result.power.throttled && !overTdpAtEveryClock(result.power);
    const warned = [...warningKeys(built.design, said), ...(throttles ? [THROTTLE_KEY] : [])].some(brought);
    return { result, heads: heads % built.design.system.tensorParallel === 0, warned, design: built.design, said };
  };
  const evaluatePoint = (index: number, operators = false): Evaluated | undefined => {
    const point = tryPoint(index, operators);
    return 'rejected' in point ? undefined : point;
  };

  // The `compare` design where a fleet's standby or a disaggregated prefill pool is made of it:
  // built once per combination of the values it shares with the point (a varied chip key leaves
  // it as it is), and simulated once per serving spec as well (a compare file shares no value,
  // but the traffic it serves is the point's).
  const compare = plan.baseline;
  const baselineSetters = (compare?.shared ?? []).map((path) => ({ path, set: setterFor(path.split('.')) }));
  const trafficPaths = variedPaths.filter((p) => !p.startsWith('chip.'));
  const baselines = new Map<string, { design: DesignPoint; serving: Map<string, ServingResult> } | null>();
  const baselineAt = () => {
    if (!compare) return undefined;
    const values = baselineSetters.map(({ path }) => valueAt(config, path));
    const key = JSON.stringify(values);
    if (!baselines.has(key)) {
      baselineSetters.forEach(({ set }, i) => set(compare.config, values[i]));
      const design = baselineDesign(compare.config, compare.origins, compare.name, setup.file);
      baselines.set(key, design ? { design, serving: new Map() } : null);
    }
    return baselines.get(key) ?? undefined;
  };
  const baselineMember = (spec: ServingSpec): FleetMember | undefined => {
    const b = baselineAt();
    if (!b) return undefined;
    const traffic = JSON.stringify(trafficPaths.map((p) => valueAt(config, p)));
    let serving = b.serving.get(traffic);
    if (!serving) b.serving.set(traffic, (serving = evaluateServingSync(b.design, spec, { maxRateSearch: true, loadCurve: false })));
    return { design: b.design, serving };
  };

  /**
   * `result.serving` as `eval` gives it (`analyzeServing`, with no time budget); absent where
   * `eval` has none. Returns the serving spec's warnings at this point.
   */
  const simulateServing = (design: DesignPoint, result: EvaluationResult): Diagnostic[] => {
    const { spec, diagnostics: problems } = servingSpecWith(config, origins, traceOf);
    const warnings = problems.filter((d) => d.severity === 'warning');
    if (!spec || problems.some(isError) || kvCacheTokens(design, spec) < spec.blockTokens) return warnings;
    result.serving = evaluateServingSync(design, spec, servingParts);
    // The prefill pool is this design or the `compare` design, as `eval` runs it.
    const prefillDesign = spec.disaggregated?.prefillDesign === 'baseline' ? baselineAt()?.design : design;
    if (spec.disaggregated && prefillDesign) {
      const d = simulateDisaggregated(spec, design, prefillDesign);
      if (d) result.serving.disaggregated = d;
    }
    // The fleet as `eval` sizes it: its standby this design, or the `compare` design.
    if (sizesFleet && config.fleet.peak_rate !== undefined) {
      const member = { design, serving: result.serving };
      const standby = config.fleet.standby === 'baseline' ? baselineMember(spec) : member;
      const fleet = standby && sizeFleet(spec, fleetSpecOf(config.fleet, config.fleet.peak_rate), member, standby);
      if (fleet) result.fleet = fleet;
    }
    return warnings;
  };

  const emptyDimensions = plan.dimensions.flatMap((p, d) =>
    p.kind === 'discrete' && p.invalid.length > 0 && p.invalid.every((bad) => bad === 1)
      ? [(p.joint?.members ?? [d]).flatMap((m) => dims[m]!.paths).join(', ')]
      : [],
  );
  const whyNotAsked = new Map<number, NotEvaluable | undefined>();
  return {
    size,
    emptyDimensions,
    metrics,
    diagnostics,
    result: (index) => evaluatePoint(index, true)?.result,
    priceUnknown,
    writes: (path) => isWritten(plan.origins.get(path)),
    unknownMetrics() {
      for (let i = 0; i < Math.min(size, 1000); i++) {
        const r = evaluatePoint(i)?.result;
        // A point whose simulation cannot run (no room for a KV cache) says nothing of the serving metrics.
        // ... nor a point whose replica meets the SLO at no rate of the fleet ones.
        if (!r || (serving.length > 0 && !r.serving) || (sizesFleet && !r.fleet)) continue;
        const known = metricPaths(r);
        return { unknown: metrics.filter((m) => !known.includes(m)), known };
      }
      return undefined;
    },
    whyNot(index) {
      // Asked of the same points by the CLI's notes and again by its --json or --csv rows: a
      // failing point is rebuilt once, not once per asker.
      if (whyNotAsked.has(index)) return whyNotAsked.get(index);
      const point = tryPoint(index);
      const why = 'rejected' in point ? { code: point.rejected.code, message: point.rejected.message } : undefined;
      whyNotAsked.set(index, why);
      return why;
    },
    cheaperAsChiplets(index) {
      const point = evaluatePoint(index);
      const split = point && cheaperSplit(point.design);
      const s = point?.design.silicon;
      return (
        split &&
        s && { chiplets: split.chiplets, priceUsd: split.price.priceUsd, builtChiplets: s.area.chiplets, builtUsd: s.modelled.priceUsd }
      );
    },
    whatWarned(index) {
      const point = evaluatePoint(index);
      if (!point?.warned) return [];
      const throttle = powerOverTdp(point.design, point.result, origins, setup.file);
      return [
        ...point.said,
        ...siliconDiagnostics(point.design, config, origins, setup.file, { infos: false }),
        ...(throttle?.severity === 'warning' ? [throttle] : []),
      ]
        .filter((d) => warning(d) && brought(d))
        .map((d) => ({ code: d.code, message: d.message }));
    },
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
      // Over the TDP only where no clock the model allows brings a pass under it: a design that
      // throttles is evaluated at its derated clock, its figures honest (a review: points that
      // derated prefill by 1.7 % were dropped as infeasible, and beat the search's best on both
      // objectives). The points that throttle are counted in a note (the `power-over-tdp` warning's).
      if (overTdpAtEveryClock(r.power)) flags |= FLAG.tdp;
      if (!point.heads) flags |= FLAG.heads;
      if (point.warned) flags |= FLAG.warned;
      if (beyondInterposer(point.design)) flags |= FLAG.package;
      for (let c = 0; c < constraintIndex.length; c++) {
        if (!satisfies(out[offset + constraintIndex[c]!]!, setup.constraints[c]!)) flags |= FLAG.constraint;
      }
      let finite = true;
      for (let m = 0; m < objectiveCount; m++) if (!Number.isFinite(out[offset + m]!)) finite = false;
      if (finite && (flags & (FLAG.memory | FLAG.tdp | FLAG.heads | FLAG.constraint | FLAG.package)) === 0) flags |= FLAG.feasible;
      return flags;
    },
  };
}

/**
 * What fleet figures need of the config, said before any point runs: a peak rate to size for, an
 * SLO to size by (a replica's capacity is its highest rate within it), and a `compare` design
 * where the standby is made of it.
 */
function checkFleetSetup(fleet: string[], origins: ReadonlyMap<string, SourceRef>, config: Config, varied: string[], file: string): void {
  const given = (path: string) => origins.has(path) || varied.some((p) => p === path || p.startsWith(`${path}.`));
  const needs = fleet.length > 1 ? 'need' : 'needs';
  if (!given('fleet.peak_rate'))
    throw new ExploreSetupError(
      `${fleet.join(', ')} ${needs} a fleet to size, and ${file} has no \`fleet.peak_rate\`: add a \`fleet:\` section (\`fleet: { peak_rate: 200 /s }\`, see docs/config.md) or use --set fleet.peak_rate=200/s`,
      [],
      true,
    );
  if (!given('serving.slo'))
    throw new ExploreSetupError(
      `${fleet.join(', ')} ${needs} \`serving.slo\`: a replica's capacity is the highest rate at which it meets the SLO (e.g. --set "serving.slo={ttft: 1 s, tpot: 50 ms}")`,
      [],
      true,
    );
  if ((config.fleet.standby === 'baseline' || varied.includes('fleet.standby')) && !given('compare'))
    throw new ExploreSetupError(
      `a hot standby of the baseline (\`fleet.standby: baseline\`) needs a \`compare\` design to be made of: add \`compare: h100-sxm\` (a chip preset id or a file) or use --set fleet.standby=same`,
      [],
      true,
    );
}

const isError = (d: Diagnostic) => d.severity === 'error';
/** A varied key the die depends on: the chip's, or the economics' (`cost.silicon.*`; all of `cost`, to be safe). */
const shapesDie = (path: string) => path === 'chip' || path.startsWith('chip.') || path === 'cost' || path.startsWith('cost.');
/** Dies kept by an exploration's worker: every chip of a 10 × 10 × 10 grid of chip keys, and a bound on a longer run's memory. */
const DIES_KEPT = 4096;
/** Warnings a point's feasibility bits already report (not feasible: heads, over the TDP, a package beyond any interposer). */
const FLAGGED_WARNINGS = new Set(['heads-not-divisible', 'beyond-interposer']);
/** What a throttled point's warning is keyed by (checks.ts powerOverTdp), for the cheap per-point check. */
const THROTTLE_KEY = { code: 'power-over-tdp', path: 'chip.tdp', severity: 'warning' } as const;

let lastBreath = 0;
/** Validating thousands of values takes seconds: give the event loop a turn every ~20 ms (the editor's host must keep answering keystrokes). */
async function breather(): Promise<void> {
  const now = Date.now();
  if (now - lastBreath < 20) return;
  lastBreath = now;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

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
    if (key === 'silicon' ? !siliconFinite(result.silicon!) : !allFinite((result as unknown as Record<string, unknown>)[key])) return false;
  }
  for (const phase of [result.phases.prefill, result.phases.decode]) {
    if (
      !Number.isFinite(phase.seconds) ||
      !Number.isFinite(phase.offChipBytes) ||
      !Number.isFinite(phase.flops) ||
      !Number.isFinite(phase.energyJoulesPerChip) ||
      !allFinite(phase.bounds) ||
      !allFinite(phase.secondsBy)
    )
      return false;
  }
  return true;
}

/** Area breakdowns found finite: a point's is its die's (model/silicon/result.ts numbersOnly), checked once per die. */
const FINITE_COMPONENTS = new WeakSet<object>();
function siliconFinite(silicon: NonNullable<EvaluationResult['silicon']>): boolean {
  for (const key in silicon) {
    const child = (silicon as unknown as Record<string, unknown>)[key];
    if (key === 'components' && FINITE_COMPONENTS.has(child as object)) continue;
    if (!allFinite(child)) return false;
    if (key === 'components') FINITE_COMPONENTS.add(child as object);
  }
  return true;
}

/** Both ends of a range go through the validator once: a value between two valid ends is valid (every bound is an interval). */
async function checkRangeEnds(
  dim: RangeDimension,
  validatedWith: (o: Override[]) => Promise<{ validated?: { config: unknown }; diagnostics: Diagnostic[] }>,
  labelOf: (path: string) => string,
  base: Config,
): Promise<void> {
  const path = dim.paths[0];
  for (const t of [0, 1]) {
    const text = rangeText(dim, t);
    const { validated, diagnostics } = await validatedWith([overrideFrom(path, text, labelOf(path), true)]);
    const own = diagnostics.filter((d) => d.path === path);
    if (own.length > 0) throw new ExploreSetupError(`${path}=${text}: ${own[0]!.message}`, own);
    // A sampled value is written as it is at each point: one whose validation derives other keys would leave them stale.
    const changed = new Set<string>();
    if (validated) diffLeaves(base, validated.config, '', changed);
    if ([...changed].some((k) => k !== path)) throw new ExploreSetupError(rangeDerivedMessage(path, []), [], true);
  }
}

/** The combination a point's values pick in dimensions validated together (DiscretePlan.joint). */
function jointIndex(joint: NonNullable<DiscretePlan['joint']>, at: Float64Array): number {
  let index = 0;
  for (let i = 0; i < joint.members.length; i++) index += at[joint.members[i]!]! * joint.strides[i]!;
  return index;
}

/** Text of a range's value -> the validated config's number, parsed as the validator parses it. */
function rangeParser(dim: RangeDimension): (text: string) => number {
  const node = schemaAt(dim.paths[0].split('.'))!;
  if (node.kind === 'quantity')
    return (text) => {
      const q = parseQuantity(text, node.dimension);
      return q.ok ? q.value : Number.NaN;
    };
  if (node.kind === 'fraction')
    return (text) => {
      const f = parseFraction(/%/.test(text) ? text : Number(text));
      return f.ok ? f.value : Number.NaN;
    };
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

/** The `compare` design, as `eval` evaluates a baseline (analyze.ts evaluateBaseline), or undefined where it has none. */
function baselineDesign(config: Config, origins: ReadonlyMap<string, SourceRef>, name: string, file: string): DesignPoint | undefined {
  const built = buildDesign(config, origins, name, file);
  if (!built.design || built.diagnostics.some(isError) || checkDesign(built.design, origins, file).some(isError)) return undefined;
  return summaryFinite(evaluateDesign(built.design, { operators: false })) ? built.design : undefined;
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
    if (value === undefined) delete o[last];
    else o[last] = value;
  };
}

export type { Dimension };
