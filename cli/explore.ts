// `jalapeno explore`, `merge` and `search` (contract.md §4.3): a space of design points
// evaluated over worker threads, its Pareto front, shards for batch engines and their merge.

import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../model/config/resolve';
import { overrideFrom } from '../model/sweep';
import type { Config } from '../model/config/schema';
import { validateConfig } from '../model/config/validate';
import { ExploreSetupError, FLAG, isSimulatedMetric, readServingTraces, variedLabel, type ExploreSetup } from '../model/explore/evaluator';
import { mergedResults, mergeShards, MergeError, type Merged } from '../model/explore/merge';
import {
  metricLabel,
  metricText,
  parseConstraint,
  parseObjective,
  satisfies,
  unknownMetricHint,
  type Objective,
  sloConstraints,
} from '../model/explore/objectives';
import { infeasibleText, notFeasibleSummary, unpricedCostNote } from '../model/explore/reasons';
import {
  infeasibleCounts,
  notEvaluableNotes,
  valueNotes,
  nearTiePoints,
  NEAR_TIE_MARK,
  variedWarningNotes,
  pointJson,
  variedValueNote,
  explorationValid,
  pointsCsv,
  resultsCsv,
  resultsJson,
  type WhyNot,
  type ExploreJson,
  type ExploreResults,
  type PointJson,
} from '../model/explore/results';
import { batchDimension, bestPoint, closestPoint, parallelismDimension } from '../model/explore/search';
import { chipletSplitNotes, explorationDieNotes, nreAcrossNodesNotes, writtenMemoryNotes } from '../model/explore/siliconNote';
import { shardRange, spaceSize, type Dimension, type Sampling, type Space } from '../model/explore/space';
import { parseVary, SpaceError, spaceNotes } from '../model/explore/varySpec';
import { clockNotes } from '../model/explore/clockNote';
import { exploreInThreads } from './explorePool';
import { parseSets, print, readConfig, UsageError } from './io';
import { diagnosticLine } from './table';
import { aboutExploration } from '../model/diagnostics';
import { reportDiagnostic } from '../model/report/build';
import type { Args } from './main';
import { nodeFileHost, workspaceRootFor } from './nodeHost';

/** Points past which `explore` says, before it starts, how many it will evaluate. */
const LARGE_SPACE_POINTS = 10_000_000;

export const EXPLORE_OPTIONS = [
  'vary',
  'objective',
  'constraint',
  'metric',
  'shard',
  'samples',
  'sampling',
  'seed',
  'threads',
  'max-chips',
  'max-batch',
];

export const EXPLORE_USAGE = `  jalapeno explore FILE --vary PATH=V1,V2,... [--vary PATH=FROM..TO:N[log]]... [--objective METRIC[:min|max]]...
                   [--constraint "METRIC<=VALUE"]... [--metric METRIC]... [--json|--csv] [--front] [--shard I/N]
                   [--samples N [--sampling random|lhs] [--seed S]] [--threads T] [--set PATH=VALUE]... [--root DIR]
  jalapeno merge SHARD.json... [--json|--csv] [--front]
  jalapeno search FILE [--objective METRIC[:min|max]]... [--constraint "METRIC<=VALUE"]... [--max-chips 64] [--max-batch 1024]
                  [--vary PATH=V1,V2,...]... [--metric METRIC]... [--json] [--threads T] [--set PATH=VALUE]... [--root DIR]`;

/** Without `--objective`: the two a serving architect trades first. */
const DEFAULT_OBJECTIVES = ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'];

const workerFile = () => join(__dirname, 'exploreWorker.js');

function spec<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SpaceError) throw new UsageError(error.message);
    throw error;
  }
}

function integerOption(args: Args, name: string, min: number, max: number): number | undefined {
  const text = args.options.get(name)?.at(-1);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max} (got "${text}")`);
  return n;
}

/** The config's `explore:` section (validated), read where the command line does not say. */
type ExploreSection = Config['explore'];

async function readSetupFiles(args: Args) {
  if (!args.file) throw new UsageError(`${args.command} needs a FILE`);
  const file = resolve(args.file);
  const text = readConfig(file);
  const root = workspaceRootFor(file, args.root);
  // Every file the config reads, read once here: workers get the texts, not the disk.
  const resolved = await resolveConfig(text, file, nodeFileHost(root));
  const validated = resolved.tree ? validateConfig(resolved.tree) : undefined;
  const section = validated ? (validated.config as Config).explore : undefined;
  const sectionErrors = (validated?.diagnostics ?? []).filter((d) => d.severity === 'error' && aboutExploration(d.path));
  return { file, root, resolved, section, sectionErrors };
}

/** The command-line option that replaces each part of the `explore:` section. */
const SECTION_OPTIONS: Readonly<Record<string, string>> = {
  vary: 'vary',
  objectives: 'objective',
  constraints: 'constraint',
  metrics: 'metric',
};

/**
 * Errors in the parts of the file's `explore:` section the command line does not replace, at their
 * places, as `eval` prints them (an architect's review: a bad key there read "explore needs at least
 * one --vary"). Exit 1, as for any error in the config.
 */
function sectionErrorsOf(args: Args, read: Awaited<ReturnType<typeof readSetupFiles>>): number | undefined {
  const unreplaced = read.sectionErrors.filter((d) => {
    const option = SECTION_OPTIONS[d.path.split('.')[1] ?? ''];
    return !(option && args.options.has(option));
  });
  if (unreplaced.length === 0) return undefined;
  const texts = { file: read.file, texts: read.resolved.texts };
  for (const d of unreplaced) process.stderr.write(`${diagnosticLine(reportDiagnostic(d, texts), read.file)}\n`);
  return 1;
}

/** The config as `--set` leaves it, and its `compare` design's where it has one. */
async function configsWithSets(
  args: Args,
  read: Awaited<ReturnType<typeof readSetupFiles>>,
): Promise<{ config: Config; baseline?: Config } | undefined> {
  const sets = parseSets(args.sets).map((s) => overrideFrom(s.path, s.value, '--set'));
  const resolved = sets.length === 0 ? read.resolved : await resolveConfig(readConfig(read.file), read.file, nodeFileHost(read.root), sets);
  if (!resolved.tree) return undefined;
  return {
    config: validateConfig(resolved.tree).config,
    ...(resolved.baseline ? { baseline: validateConfig(resolved.baseline.tree).config } : {}),
  };
}

/**
 * The chips the config's link reaches (`chip.link.domain`, with --set applied), if it states it;
 * where the `compare` design serves beside it on the same layout (a fleet's standby, a prefill
 * pool), the smaller of the two.
 */
function linkDomain(configs: { config: Config; baseline?: Config } | undefined): { chips: number; of: string } | undefined {
  if (!configs) return undefined;
  const { config } = configs;
  const baselineServes = config.fleet.standby === 'baseline' || config.serving.disaggregated?.prefill.design === 'baseline';
  const baseline = baselineServes ? configs.baseline?.chip.link.domain : undefined;
  const own = config.chip.link.domain;
  if (baseline !== undefined && (own === undefined || baseline < own))
    return { chips: baseline, of: 'the link of the `compare` design (serving beside this one) reaches' };
  return own === undefined ? undefined : { chips: own, of: 'the link reaches' };
}

async function setupFor(
  args: Args,
  dimensions: Dimension[],
  defaultObjectives: string[],
  read?: Awaited<ReturnType<typeof readSetupFiles>>,
  section?: ExploreSection,
  defaultConstraints: readonly string[] = [],
): Promise<ExploreSetup> {
  const { file, root, resolved } = read ?? (await readSetupFiles(args));
  const sets = parseSets(args.sets);
  const samples = integerOption(args, 'samples', 1, 100_000_000) ?? (section && section.sampling !== 'grid' ? section.samples : undefined);
  const samplingKind =
    args.options.get('sampling')?.at(-1) ?? (integerOption(args, 'samples', 1, 100_000_000) ? 'lhs' : (section?.sampling ?? 'grid'));
  if (!['grid', 'random', 'lhs'].includes(samplingKind)) throw new UsageError('--sampling takes grid, random or lhs');
  let sampling: Sampling = { kind: 'grid' };
  if (samplingKind !== 'grid') {
    if (!samples) throw new UsageError(`--sampling ${samplingKind} needs --samples N`);
    sampling = { kind: samplingKind as 'random' | 'lhs', samples, seed: integerOption(args, 'seed', 0, 2 ** 32 - 1) ?? section?.seed ?? 1 };
  }
  const space: Space = { dimensions, sampling };
  if (sampling.kind === 'grid') {
    const range = dimensions.find((d) => d.kind === 'range');
    if (range) throw new UsageError(`--vary ${range.paths[0]}: a range without a step count (FROM..TO:N) needs sampling (--samples N)`);
  }
  const objectives = spec(() =>
    (args.options.get('objective') ?? (section?.objectives.length ? section.objectives : defaultObjectives)).map(parseObjective),
  );
  const constraints = spec(() => (args.options.get('constraint') ?? section?.constraints ?? defaultConstraints).map(parseConstraint));
  const setup: ExploreSetup = {
    file,
    files: Object.fromEntries(resolved.texts),
    root,
    sets,
    space,
    objectives,
    constraints,
    metrics: args.options.get('metric') ?? [],
  };
  // Serving metrics simulate each point; a trace is read here, once, for every worker.
  await readServingTraces(setup, nodeFileHost(root));
  return setup;
}

function shardOf(args: Args, size: number): { start: number; end: number; label?: string } {
  const text = args.options.get('shard')?.at(-1);
  if (!text) return { start: 0, end: size };
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--shard takes I/N with 1 <= I <= N, e.g. --shard 3/8 (got "${text}")`);
  return { ...shardRange(size, i, n), label: text };
}

async function run(
  args: Args,
  setup: ExploreSetup,
): Promise<{ results: ExploreResults; size: number; emptyDimensions: string[]; whyNot: WhyNot; valid: boolean } | number> {
  const size = spaceSize(setup.space);
  if (!Number.isFinite(size) || size > 2 ** 31)
    throw new UsageError(`the space has ${size} points: more than one run takes; sample it (--samples N) or shard it (--shard I/N)`);
  const shard = shardOf(args, size);
  // Ctrl-C stops handing out points and prints what was evaluated (a prefix of the range);
  // a second Ctrl-C ends the process.
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\njalapeno: interrupted: finishing the points in flight (Ctrl-C again to quit)\n');
  };
  process.on('SIGINT', onInterrupt);
  let lastProgress = 0;
  try {
    const { prepared, results } = await exploreInThreads(setup, {
      workerFile: workerFile(),
      threads: integerOption(args, 'threads', 0, 256),
      start: shard.start,
      count: shard.end - shard.start,
      isCancelled: () => interrupted,
      onProgress: (done, total) => {
        if (!process.stderr.isTTY || Date.now() - lastProgress < 250) return;
        lastProgress = Date.now();
        process.stderr.write(`\r${done.toLocaleString('en')} of ${total.toLocaleString('en')} points${done === total ? '\n' : ''}`);
      },
      onPrepared: (prepared) => {
        // A grid past ten million points runs for minutes to hours: say so before it starts (progress shows on a terminal only).
        const count = shard.end - shard.start;
        if (count > LARGE_SPACE_POINTS)
          process.stderr.write(
            `note: ${count.toLocaleString('en')} points to evaluate${process.stderr.isTTY ? '' : ' (no progress is shown off a terminal)'}; \`--samples N\` draws a Latin-hypercube sample of the space instead, and \`--shard I/N\` splits it over machines\n`,
          );
        // Cost metrics of a chip with no price are not values (model/explore/objectives.ts): say why no point is feasible.
        const noPrice = prepared.result(0)?.cost.capitalKnown === false;
        const unpriced = unpricedCostNote(prepared);
        if (unpriced) process.stderr.write(`warning: ${unpriced}\n`);
        const check = prepared.unknownMetrics();
        if (check && check.unknown.length > 0) {
          const near = (m: string) => check.known.filter((k) => k.split('.')[0] === m.split('.')[0]);
          throw new UsageError(
            check.unknown
              .map((m) => {
                const hint = unknownMetricHint(m);
                if (hint) return `${m} is not a metric exploration reads: ${hint}`;
                // A chip with no price has no `silicon` section: the metric exists, this chip just has none.
                if (noPrice && m.startsWith('silicon.'))
                  return `${m}: this chip has no price and no modelled die (neither \`cost.chip_price\` nor a \`chip.process\` to model it from): add \`chip.process\` (e.g. \`process: 5 nm\`) to explore its area and price`;
                const named = namedLike(m, check.known);
                if (named.length) return `${m} is not a metric of the result; did you mean ${named.join(' or ')}?`;
                return `${m} is not a metric of the result${near(m).length ? `; in ${m.split('.')[0]}: ${near(m).join(', ')}` : ''}`;
              })
              .join('\n') + `\nmetrics: ${check.known.join(', ')}`,
          );
        }
      },
    });
    // A varied value's error is an error (its points are not evaluated), said as eval says it; the run goes on.
    for (const d of prepared.diagnostics) process.stderr.write(`${d.severity === 'error' ? 'error' : 'warning'} ${variedValueNote(d)}\n`);
    if (process.stderr.isTTY && lastProgress) process.stderr.write('\n');
    for (const line of [
      ...spaceNotes(setup.space.dimensions),
      ...clockNotes(setup.space.dimensions),
      ...notEvaluableNotes(results, (index) => prepared.whyNot(index)),
      ...variedWarningNotes(results, (index) => prepared.whatWarned(index)),
      ...valueNotes(results),
      ...explorationDieNotes(prepared, setup.space),
      ...writtenMemoryNotes(prepared, setup.space),
      ...nreAcrossNodesNotes(prepared, setup.space),
      ...chipletSplitNotes(prepared, results),
    ])
      process.stderr.write(`note: ${line}\n`);
    return {
      results,
      size,
      emptyDimensions: prepared.emptyDimensions,
      whyNot: (index: number) => prepared.whyNot(index),
      valid: explorationValid(prepared),
    };
  } catch (error) {
    if (!(error instanceof ExploreSetupError)) throw error;
    if (error.usage) throw new UsageError(error.message);
    process.stderr.write(`jalapeno: ${error.message}\n`);
    // At its line and column, as `eval` prints it (an architect's review got `explore.constraints.0:` alone).
    const texts = { file: setup.file, texts: new Map(Object.entries(setup.files)) };
    for (const d of error.diagnostics) process.stderr.write(`${diagnosticLine(reportDiagnostic(d, texts), setup.file)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

export async function exploreCommand(args: Args): Promise<number> {
  const read = await readSetupFiles(args);
  const broken = sectionErrorsOf(args, read);
  if (broken !== undefined) return broken;
  const section = read.section;
  // --vary replaces the file's `explore.vary`; without either there is nothing to explore.
  const varies = args.options.get('vary') ?? Object.entries(section?.vary ?? {}).map(([path, values]) => `${path}=${values}`);
  if (varies.length === 0)
    throw new UsageError('explore needs at least one --vary PATH=V1,V2,... (or an `explore: vary:` section in the file)');
  const dimensions = spec(() => varies.map(parseVary));
  const repeated = dimensions.flatMap((d) => d.paths).find((p, i, all) => all.indexOf(p) !== i);
  if (repeated) throw new UsageError(`--vary ${repeated} is given twice`);
  const setup = await setupFor(args, dimensions, DEFAULT_OBJECTIVES, read, section);
  setup.variedFrom = args.options.has('vary') ? 'flags' : 'file';
  const outcome = await run(args, setup);
  if (typeof outcome === 'number') return outcome;
  output(args, outcome.results, outcome.size, outcome.valid, outcome.whyNot);
  // Interrupted: the output holds the evaluated prefix; the exit code says it is not all.
  if (outcome.results.evaluated < outcome.results.count) return 130;
  // A varied key none of whose values is valid leaves no point of the space evaluable: for a
  // script that is a failed run, as a sweep of invalid values is. Known before any point runs,
  // so every shard and every sample of that space says so alike.
  if (outcome.emptyDimensions.length > 0) {
    process.stderr.write(
      `jalapeno: no value of ${outcome.emptyDimensions.map((p) => variedLabel(setup, p)).join(' or ')} is valid (the warnings above say why): no point of the space can be evaluated\n`,
    );
    return 1;
  }
  return 0;
}

function output(args: Args, r: ExploreResults, size: number, valid: boolean, whyNot?: WhyNot): void {
  const frontOnly = args.flags.has('--front');
  if (args.flags.has('--json')) print(JSON.stringify(resultsJson(r, size, { frontOnly, whyNot, valid })));
  else if (args.flags.has('--csv')) print(resultsCsv(r, { frontOnly, whyNot, valid }));
  else print(summary(r, size, valid));
}

/** As eval's table marks a result of a likely typo; a merge's shards said which key when they ran. */
const notValidLine = (where: string) =>
  `NOT VALID: every point is of a design other than the one written (a likely typo: ${where} says which key)`;

function summary(r: ExploreResults, size: number, valid = true): string {
  let ok = 0;
  let feasible = 0;
  for (let i = 0; i < r.evaluated; i++) {
    if (r.flags[i]! & FLAG.ok) ok++;
    if (r.flags[i]! & FLAG.feasible) feasible++;
  }
  const rate = r.evaluated / Math.max(r.seconds, 1e-9);
  const lines = [
    // As eval's table marks a result of a likely typo (an architect's review: explore and search said it on stderr only).
    ...(valid ? [] : [notValidLine('the warning above')]),
    // The points' own time (loading the config and simulating a standby come before it); a rate below 10/s keeps a decimal ("1 points/s" was 1.08).
    `${r.evaluated.toLocaleString('en')} of ${size.toLocaleString('en')} points in ${r.seconds.toFixed(2)} s (${rate < 10 ? rate.toPrecision(2) : Math.round(rate).toLocaleString('en')} points/s): ${ok.toLocaleString('en')} evaluable, ${feasible.toLocaleString('en')} feasible, ${r.front.length.toLocaleString('en')} on the front`,
    // Why the rest are not feasible, counted by reason (a design can fail more than one); why some could not be evaluated is on stderr.
    ...(ok > feasible ? [notFeasibleSummary(ok - feasible, infeasibleCounts(r).byReason)] : []),
    ...(ok < r.evaluated ? [`${(r.evaluated - ok).toLocaleString('en')} not evaluable (the notes say why)`] : []),
    `objectives: ${r.objectives.map((o) => `${o.metric} (${o.direction})`).join(', ')}${r.constraints.length ? `; constraints: ${r.constraints.map((c) => `${c.metric} ${c.op} ${c.value}`).join(', ')}` : ''}`,
  ];
  return [
    ...lines,
    ...frontTable(
      r.front.map((i) => pointJson(r, i, true)),
      r.space,
      r.metrics,
      nearTiePoints(r),
    ),
  ].join('\n');
}

/** The front's first 40 points by the first metric, as a table; a line says how many more. The same for one run and a merge. */
function frontTable(front: PointJson[], space: ExploreResults['space'], metrics: string[], nearTies = new Set<number>()): string[] {
  const top = front
    .slice()
    .sort((a, b) => a.metrics[metrics[0]!]! - b.metrics[metrics[0]!]!)
    .slice(0, 40);
  const lines: string[] = [];
  if (top.length)
    lines.push(
      '',
      table(
        top,
        space.dimensions.flatMap((d) => d.paths),
        metrics,
        nearTies,
      ),
    );
  if (front.length > top.length) lines.push(`... ${front.length - top.length} more on the front (--json or --csv for all)`);
  // The points the near-tie note counts, named where they are listed (a new user read 8 TB/s at
  // $53.5 beside 3 TB/s at $27.8, both 18.5 ms, as a front the tool meant).
  if (top.some((p) => nearTies.has(p.index)))
    lines.push(
      `${NEAR_TIE_MARK} on the front by less than 0.1 %: another front point is within 0.1 % of it on every objective and better by more on one (the near-tie note says how many)`,
    );
  return lines;
}

function table(points: PointJson[], paths: string[], metrics: string[], nearTies: ReadonlySet<number>): string {
  const marked = points.some((p) => nearTies.has(p.index));
  const header = [...(marked ? [' '] : []), ...paths, ...metrics];
  const rows = points.map((p) => [
    ...(marked ? [nearTies.has(p.index) ? NEAR_TIE_MARK : ''] : []),
    ...paths.map((k) => p.values[k]!),
    ...metrics.map((m) => metricText(m, p.metrics[m]!)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function mergeCommand(args: Args): number {
  const files = [args.file, ...args.files].filter((f): f is string => !!f);
  if (files.length === 0) throw new UsageError('merge needs the JSON outputs of explore --shard I/N --json');
  const shards = files.map((f) => {
    try {
      // A shard is a file `explore --json` wrote, of any size a grid gives: not a device or a pipe (`/dev/zero` ran out of memory).
      if (!statSync(f).isFile()) throw new Error('not a file');
      return JSON.parse(readFileSync(f, 'utf8')) as ExploreJson;
    } catch (error) {
      throw new UsageError(`cannot read ${f} as explore JSON: ${(error as Error).message}`);
    }
  });
  let merged: Merged;
  try {
    merged = mergeShards(shards);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  for (const m of merged.missing) process.stderr.write(`warning: no shard covers points ${m.start} to ${m.end - 1}\n`);
  const frontOnly = args.flags.has('--front') || merged.frontOnly;
  const points = frontOnly ? merged.points.filter((p) => p.pareto) : merged.points;
  if (args.flags.has('--csv')) {
    print(pointsCsv(points, merged.space, merged.metrics, merged.valid));
  } else if (args.flags.has('--json')) {
    print(JSON.stringify({ ...merged, points, frontOnly }));
  } else {
    // What a single run notes about its points, from the merged ones (each shard's stderr said its own warnings).
    const whole = mergedResults(merged);
    if (whole) for (const line of valueNotes(whole)) process.stderr.write(`note: ${line}\n`);
    const front = merged.points.filter((p) => p.pareto);
    print(
      [
        ...(merged.valid ? [] : [notValidLine("the shards' run")]),
        `${merged.evaluated.toLocaleString('en')} point${merged.evaluated === 1 ? '' : 's'} from ${shards.length} shard${shards.length === 1 ? '' : 's'} (${merged.seconds.toFixed(2)} s of evaluation), ${merged.feasible.toLocaleString('en')} feasible, ${front.length} on the front`,
        ...frontTable(front, merged.space, merged.metrics, whole ? nearTiePoints(whole) : undefined),
      ].join('\n'),
    );
  }
  return merged.missing.length > 0 ? 1 : 0;
}

/** A point's varied values as `--set` would write them: `system.chips=8, workload.batch=38`. */
const valuesText = (p: PointJson) =>
  Object.entries(p.values)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export async function searchCommand(args: Args): Promise<number> {
  const maxChips = integerOption(args, 'max-chips', 1, 4096) ?? 64;
  const maxBatch = integerOption(args, 'max-batch', 1, 65536) ?? 1024;
  const extra = spec(() => (args.options.get('vary') ?? []).map(parseVary));
  // Serving and fleet figures batch as the simulation schedules (`serving.max_batch`), not by
  // `workload.batch`: where every objective and constraint is one, searching the batch would
  // only repeat each layout (a review's search ran 16 identical batches of every layout).
  const asked = spec(() => [
    ...(args.options.get('objective') ?? []).map((t) => parseObjective(t).metric),
    ...(args.options.get('constraint') ?? []).map((t) => parseConstraint(t).metric),
  ]);
  const servedOnly = asked.length > 0 && asked.every(isSimulatedMetric);
  const read = await readSetupFiles(args);
  const configs = await configsWithSets(args, read);
  const link = linkDomain(configs);
  const domain = link?.chips;
  const dimensions = [parallelismDimension(maxChips, domain), ...(servedOnly ? [] : [batchDimension(maxBatch)]), ...extra];
  // Without --constraint, the file's latency targets hold; a serving-only search simulates them itself.
  const fromSlo = args.options.has('constraint') || servedOnly ? [] : sloConstraints(configs?.config.serving.slo);
  const setup = await setupFor(args, dimensions, ['cost.usdPerMillionOutputTokens:min', 'decode.msPerToken:min'], read, undefined, fromSlo);
  for (const m of ['decode.msPerToken', 'prefill.ms', 'throughput.outputTokensPerSecond', 'cost.usdPerMillionOutputTokens'])
    if (!setup.metrics.includes(m)) setup.metrics.push(m);
  const outcome = await run(args, setup);
  if (typeof outcome === 'number') return outcome;
  // After the run: a setup error (a usage error, an unsizable fleet) is the only thing said then.
  if (domain !== undefined && domain < maxChips)
    process.stderr.write(
      `note: tensor_parallel is kept within the ${domain} chips ${link!.of} (chip.link.domain); layouts of more chips add pipeline stages\n`,
    );
  if (servedOnly)
    process.stderr.write(
      `note: workload.batch is not searched: every objective and constraint is a serving or fleet figure, which the simulation batches itself (serving.max_batch)\n`,
    );
  const r = outcome.results;
  const best = bestPoint(r);
  if (fromSlo.length) {
    // The static batch prefills its prompts in one pass and queues nothing: a server admitting
    // requests as they arrive can meet a TTFT target it misses, or miss one it meets (the fleet
    // example: 815 ms static, 313 ms at p99 served; a review had read the static miss as final).
    const served = configs?.config.fleet.peak_rate !== undefined ? 'fleet.usdPerMillionOutputTokens:min' : 'serving.maxRateAtSlo:max';
    process.stderr.write(
      `note: constraints from serving.slo, the file's latency targets: ${fromSlo.join(', ')}, on the static batch this search models (the batch's prompts prefilled in one pass, no queueing); a server admitting requests as they arrive can meet a time-to-first-token target the static batch misses, or miss one it meets: --objective ${served} simulates the traffic at each layout (seconds a point); --constraint replaces these\n`,
    );
  } else if (args.options.has('constraint') && !servedOnly) {
    // --constraint replaces the file's targets: said where it leaves one out, with what the best
    // does against it (a review's search named a design with a 17.5 s TTFT beside an SLO of 1 s).
    const given = new Set(setup.constraints.map((c) => c.metric));
    const left = sloConstraints(configs?.config.serving.slo).filter((t) => !given.has(parseConstraint(t).metric));
    if (left.length) {
      const p = best === undefined ? undefined : pointJson(r, best, r.front.includes(best));
      const missed = left.map(parseConstraint).filter((c) => p?.metrics[c.metric] !== undefined && !satisfies(p.metrics[c.metric]!, c));
      process.stderr.write(
        `note: serving.slo in the file gives ${left.join(', ')}, not applied: --constraint replaces the file's targets${missed.length ? `; the best design misses ${missed.map((c) => `${c.metric} (${metricText(c.metric, p!.metrics[c.metric]!)})`).join(', ')}` : ''}; add them as --constraint to keep them\n`,
      );
    }
  } else if (setup.constraints.length === 0 && !servedOnly && best !== undefined) {
    const ttft = pointJson(r, best, r.front.includes(best)).metrics['prefill.ms'];
    if (ttft !== undefined)
      process.stderr.write(
        `note: no latency target (no --constraint, no serving.slo in the file): the best design's time to first token is ${metricText('prefill.ms', ttft)}; state serving.slo or add one, e.g. --constraint "prefill.ms<=2000"\n`,
      );
  }
  const objective: Objective = setup.objectives[0]!;
  if (args.flags.has('--json')) {
    const json = resultsJson(r, outcome.size, { frontOnly: true, valid: outcome.valid });
    print(JSON.stringify({ best: best === undefined ? null : pointJson(r, best, r.front.includes(best)), ...json }));
  } else {
    print(summary(r, outcome.size, outcome.valid));
    print('');
    if (best === undefined) {
      // "meets the constraints" only where there are some: a search with none fails on memory,
      // heads, power or an objective with no value (a chip without a price), and says which.
      const needs = r.constraints.length > 0 ? 'meets the constraints' : 'is feasible';
      // Wider tensor parallelism was not tried: say so, and what would try it.
      const capped =
        domain !== undefined && domain < maxChips
          ? ` (tensor_parallel kept within the link domain of ${domain} chips; if the link reaches more, raise chip.link.domain)`
          : '';
      print(
        `No feasible design: no layout of up to ${maxChips} chips${servedOnly ? '' : ` and batch up to ${maxBatch}`} ${needs}${capped}.`,
      );
      const closest = closestPoint(r);
      if (closest !== undefined) {
        const p = pointJson(r, closest, false);
        const misses = r.constraints
          .filter((c) => !satisfies(p.metrics[c.metric]!, c))
          .map((c) => `${c.metric} = ${metricText(c.metric, p.metrics[c.metric]!)} against ${c.op} ${metricText(c.metric, c.value)}`);
        const other = (p.infeasible ?? []).filter((reason) => reason !== 'constraint').map(infeasibleText);
        const why = [...misses, ...other];
        print(`Closest: ${valuesText(p)}${why.length ? `, where ${why.join('; ')}` : ''}.`);
      }
    } else {
      const p = pointJson(r, best, r.front.includes(best));
      print(`Best by ${objective.metric} (${objective.direction}): ${valuesText(p)}`);
      print(
        `  ${Object.entries(p.metrics)
          .map(([k, v]) => `${metricLabel(k) ?? k} (${k}): ${metricText(k, v)}`)
          .join('\n  ')}`,
      );
    }
  }
  return best === undefined ? 1 : 0;
}

/**
 * Metrics whose last name shares a word with the unknown one's (`chip.areaMm2` ->
 * `silicon.dieAreaMm2`): the section a user guesses is often not where the number lives.
 */
function namedLike(metric: string, known: readonly string[]): string[] {
  const words = (path: string) => (path.split('.').at(-1) ?? '').split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  const units = new Set(['mm2', 'usd', 'ms', 'watts', 'bytes', 'per', 'second', 'seconds']);
  const wanted = words(metric).filter((w) => w.length > 2 && !units.has(w));
  return wanted.length ? known.filter((k) => wanted.every((w) => words(k).includes(w))).slice(0, 3) : [];
}
