// The pipeline: text -> parse -> resolve (extends, presets) -> validate -> design ->
// evaluate -> checks, plus the baseline, sensitivities and the batch curve. Every surface
// (editor, views, CLI) calls this and reads its Analysis; nothing here throws on bad input.

import type { Analysis } from './analysis';
import { buildDesign, nearestInFile } from './buildDesign';
import { checkDesign, checkResult } from './checks';
import { basename, looksLikePath, resolvePath } from './config/paths';
import { resolveConfig, type Baseline, type FileHost, type Override } from './config/resolve';
import { validateConfig } from './config/validate';
import { aboutExploration, aboutTraffic, hasErrors, type Diagnostic, type SourceRef } from './diagnostics';
import { evaluateDesign } from './engine/evaluate';
import type { DesignPoint } from './design';
import type { BaselineComparison, EvaluationResult } from './result';
import { batchCurve, sensitivities } from './sensitivity';
import { analyzeServing } from './serving/analyzeServing';
import type { ServingOptions } from './serving/evaluateServing';
import { compareCost, comparedPrice, fleetCostsAtPrices } from './silicon/costComparison';
import { differingRuntimeKeys, pairedRanges } from './ranges/sharedError';
import { AFTER_RESULT, siliconDiagnostics } from './silicon/checks';
import { sectionMetricDiagnostics } from './explore/sectionCheck';
import { workloadSetting } from './report/labels';
import { predictionRanges, rangeCategoryWhy } from './ranges/predictionRanges';

export interface AnalyzeOptions {
  /** Values set from outside the file: `--set`, sweeps. */
  overrides?: readonly Override[];
  /** Compute +10% sensitivities of every numeric key (hover, views). */
  sensitivity?: boolean;
  /** Compute latency/throughput against batch size (latency view). */
  batchCurve?: boolean;
  /** Bounds of the `serving:` simulation (budget of its searches, cancellation); `false` skips it. */
  serving?: ServingOptions | false;
}

export async function analyzeConfig(text: string, file: string, host: FileHost, options: AnalyzeOptions = {}): Promise<Analysis> {
  const started = now();
  const resolved = await resolveConfig(text, file, host, options.overrides);
  const diagnostics: Diagnostic[] = [...resolved.diagnostics];
  const analysis: Analysis = {
    file,
    name: designName(file),
    diagnostics,
    config: undefined,
    origins: new Map(),
    design: undefined,
    result: undefined,
    baseline: undefined,
    sensitivity: [],
    batchCurve: { design: [], baseline: [] },
    texts: resolved.texts,
    elapsedMs: 0,
  };
  if (resolved.tree) {
    const validated = validateConfig(resolved.tree);
    diagnostics.push(...validated.diagnostics.map((d) => shadowedTypo(d, validated.origins, resolved.chainFiles)));
    analysis.config = validated.config;
    analysis.origins = validated.origins;
    analysis.name = validated.config.name ?? analysis.name;
    const built = buildDesign(validated.config, validated.origins, analysis.name, file);
    // A broken `extends` is the one root cause of every key the design then lacks: report it
    // alone (`extends: jalapneo` is one error, not one per chip key the preset would supply).
    diagnostics.push(...(resolved.extendsBroken ? built.diagnostics.filter((d) => d.code !== 'missing-key') : built.diagnostics));
    diagnostics.push(...summariesOnExtends(diagnostics, validated.origins, file, resolved.chainFiles, resolved.texts));
    if (built.design) {
      analysis.design = built.design;
      const designProblems = checkDesign(built.design, validated.origins, file);
      // A bandwidth the unit-slip check already reads as a slip is said once, there.
      const slipped = new Set(diagnostics.filter((d) => d.code === 'unit-slip' || d.code === 'bits-for-bytes').map((d) => d.path));
      const silicon = siliconDiagnostics(built.design, validated.config, validated.origins, file).filter(
        (d) => d.code !== 'memory-bandwidth-low' || !slipped.has(d.path),
      );
      diagnostics.push(...designProblems, ...silicon.filter((d) => !AFTER_RESULT.has(d.code)));
      // Any error so far about the design, here or anywhere in its `extends` chain, means
      // some value is not what the user wrote (an invalid value is replaced by its default to
      // keep checking the rest): no numbers from a design the user did not describe. A broken
      // `compare` only loses the baseline, and errors about the result itself (memory
      // capacity) come later. Problems inside other files are summarised on the key that
      // references them here (`extends` or `compare`). An error in `serving:` or `fleet:` leaves
      // the static batch, which reads neither, and nothing simulated (a new user's `rate: -5 /s`
      // lost the static numbers the README promises).
      if (
        !hasErrors(
          diagnostics.filter(
            (d) =>
              d.path !== 'compare' && !aboutExploration(d.path) && !aboutTraffic(d.path) && (!d.at || resolved.chainFiles.has(d.at.file)),
          ),
        )
      ) {
        const result = evaluateDesign(built.design);
        const overflow = nonFiniteFields(result);
        if (overflow.length > 0) {
          diagnostics.push({
            severity: 'error',
            code: 'not-evaluable',
            path: '',
            at: nearestInFile('chip', validated.origins, file),
            message: notEvaluable('This design', overflow),
          });
        } else {
          analysis.result = withRanges(result, built.design);
          diagnostics.push(
            ...checkResult(built.design, analysis.result, validated.origins, file),
            ...silicon.filter((d) => AFTER_RESULT.has(d.code)),
          );
          if (options.sensitivity) analysis.sensitivity = sensitivities(validated.config, validated.origins, file, result).filter(isFinite);
          if (options.batchCurve) analysis.batchCurve.design = batchCurve(built.design).filter(isFinite);
        }
      }
    }
    let baselineDesign: DesignPoint | undefined;
    if (resolved.baseline && analysis.result) {
      const baseline = evaluateBaseline(resolved.baseline, file, diagnostics, analysis);
      if (baseline) {
        baselineDesign = baseline.design;
        const b = withRanges(baseline.result, baseline.design);
        const cost = compareCost(analysis.design!, analysis.result, baseline.design, b, resolved.baseline.name, resolved.baseline.presetId);
        analysis.baseline = {
          name: resolved.baseline.name,
          result: b,
          ratios: { ...ratios(analysis.result, b), costPerResponse: cost.costPerResponse },
          ...(cost.basis ? { costBasis: cost.basis } : {}),
          ...(cost.pricesUsd ? { costPricesUsd: cost.pricesUsd } : {}),
          ...(cost.usdPerResponse ? { costUsdPerResponse: cost.usdPerResponse } : {}),
          ...pairedOf(analysis, baseline),
        };
        // Said at `compare`, where this file names the baseline.
        const compareAt = analysis.origins.get('compare');
        const atCompare = (severity: Diagnostic['severity'], code: string, message: string): Diagnostic => ({
          severity,
          code,
          path: 'compare',
          ...(compareAt?.kind === 'file' ? { at: { file: compareAt.file, range: compareAt.range } } : {}),
          message,
        });
        if (cost.note) diagnostics.push(atCompare(cost.note.severity, cost.note.code, cost.note.message));
        const runtimeDiffers = analysis.design && differingRuntimeKeys(analysis.design.runtime, baseline.design.runtime);
        if (runtimeDiffers && runtimeDiffers.length > 0)
          diagnostics.push(
            atCompare(
              'warning',
              'runtime-differs',
              `The baseline \`${resolved.baseline.name}\` runs on a different serving runtime (${runtimeDiffers.join(', ')} differ): the ratios mix software with silicon. Give both files the same \`runtime:\` section to compare the chips.`,
            ),
          );
        const work = analysis.design && otherWork(analysis.design, baseline.design);
        if (work)
          diagnostics.push(
            atCompare(
              // Other work is another question; another system for the same work is a comparison
              // of systems an architect may mean (a chip that needs 4 against one that needs 8).
              work.workDiffers ? 'warning' : 'info',
              'workload-differs',
              work.workDiffers
                ? `The baseline \`${resolved.baseline.name}\` is evaluated as its file writes it, on other work: ${work.text}. Its static-batch ratios compare different work (the serving and fleet rows run this file's traffic on both). Give both files the same \`workload:\` to compare the chips.`
                : `The baseline \`${resolved.baseline.name}\` serves the same work on another system: ${work.text}. Its ratios compare the two systems, not chip for chip (the per-chip rows do).`,
            ),
          );
        // The traffic is this file's on both sides: a baseline file's own `serving:` or `fleet:`
        // differing from it was set aside without a word (an operator's review: its p90 SLO and
        // 1,000 /s peak ran as this file's p99 and 100 /s).
        const setAside = (['serving', 'fleet'] as const).filter(
          (section) =>
            [...baseline.origins].some(([path, o]) => path.startsWith(`${section}.`) && o.kind === 'file' && o.file !== file) &&
            JSON.stringify(baseline.config[section]) !== JSON.stringify(validated.config[section]),
        );
        if (setAside.length > 0 && validated.origins.has('serving'))
          diagnostics.push(
            atCompare(
              'info',
              'baseline-traffic-set-aside',
              `The baseline \`${resolved.baseline.name}\`'s file writes its own ${setAside.map((s) => `\`${s}:\``).join(' and ')}, which differ${setAside.length === 1 ? 's' : ''} from this file's: the serving and fleet rows run this file's traffic, SLO${setAside.includes('fleet') ? ', peak and standby' : ''} on both, so that the two answer the same demand.`,
            ),
          );
        if (options.batchCurve) analysis.batchCurve.baseline = batchCurve(baseline.design).filter(isFinite);
      }
    }
    // A traffic key in error was replaced by its default to check the rest: simulate nothing from it.
    const trafficInError = diagnostics.some((d) => d.severity === 'error' && aboutTraffic(d.path));
    if (analysis.config && analysis.design && analysis.result && options.serving !== false && !trafficInError) {
      const baseline = baselineDesign && analysis.baseline ? { design: baselineDesign, result: analysis.baseline.result } : undefined;
      diagnostics.push(
        ...(await analyzeServing(
          analysis.config,
          analysis.origins,
          file,
          host,
          { design: analysis.design, result: analysis.result },
          baseline,
          options.serving || {},
        )),
      );
      if (baselineDesign) compareFleetCost(analysis, baselineDesign);
    }
  }
  if (analysis.config && analysis.result && options.serving !== false)
    diagnostics.push(...sectionMetricDiagnostics(analysis.config, analysis.origins, file, analysis.result));
  fromOverrides(diagnostics, analysis.origins);
  sortByPlace(diagnostics);
  analysis.elapsedMs = now() - started;
  return analysis;
}

/**
 * How a baseline file's static batch differs from this design's, in words, or undefined: a
 * file baseline is evaluated as written, so its ratios compared 64 requests of 4,096 tokens on
 * 16 chips with 32 of 2,048 on 8 under this file's header (a review). A preset baseline takes
 * this file's workload and system, so it never differs.
 */
function otherWork(design: DesignPoint, baseline: DesignPoint): { text: string; workDiffers: boolean } | undefined {
  const model = JSON.stringify(design.workload.model) !== JSON.stringify(baseline.workload.model);
  const kv = design.workload.precision.kvCache !== baseline.workload.precision.kvCache;
  const [here, there] = [workloadSetting(design), workloadSetting(baseline)];
  if (!model && !kv && here === there) return undefined;
  // The same setting with the system taken out: what differs is the work, not only the system.
  const work = (d: DesignPoint) => workloadSetting({ workload: d.workload, system: design.system });
  const kvText = (d: DesignPoint) => (kv ? `, ${d.workload.precision.kvCache} KV cache` : '');
  return {
    text: `${model ? 'another model, ' : ''}${there}${kvText(baseline)} against this file's ${here}${kvText(design)}`,
    workDiffers: model || kv || work(design) !== work(baseline),
  };
}

/**
 * A likely typo in a file this one extends whose intended key a file nearer this one writes
 * (`pipline_parallel` in the parent, `pipeline_parallel` here): the typo would have been
 * overridden anyway, so it does not mark these numbers not valid (a review found a child that
 * fixed the key itself still read "not valid"). It stays a warning, in the file it is in.
 * `chainFiles` is in chain order: this file first, then the one it extends, and so on.
 */
function shadowedTypo(d: Diagnostic, origins: ReadonlyMap<string, SourceRef>, chainFiles: ReadonlySet<string>): Diagnostic {
  const rename = d.code === 'unknown-key' && d.invalidatesResult ? d.fixes?.[0]?.newText : undefined;
  if (!rename || d.at === undefined || !d.path) return d;
  const intended = [...d.path.split('.').slice(0, -1), rename].join('.');
  const source = origins.get(intended);
  const order = [...chainFiles];
  const nearer = source?.kind === 'file' && order.indexOf(source.file) >= 0 && order.indexOf(source.file) < order.indexOf(d.at.file);
  if (!nearer) return d;
  const out = { ...d };
  delete out.invalidatesResult;
  return out;
}

/**
 * Errors about values written in a file this one extends (a parent's `batch: -3`) are shown
 * in that file; this file gets one summary of each on its own `extends` line, so the reason
 * its numbers are missing is visible where the user is looking. Errors found while reading
 * the chain (syntax, a broken reference) are already summarised there by the resolver. So is
 * a warning there that marks the numbers not valid (a likely typo), as a warning.
 */
function summariesOnExtends(
  diagnostics: readonly Diagnostic[],
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  chainFiles: ReadonlySet<string>,
  texts: ReadonlyMap<string, string>,
): Diagnostic[] {
  const ext = origins.get('extends');
  if (ext?.kind !== 'file' || ext.file !== file) return [];
  // The file this one names; one further up the chain is reached through it (a review read a
  // grandparent's name as "extended here").
  const ref = texts
    .get(file)
    ?.slice(ext.range.start, ext.range.end)
    .replace(/^["']|["']$/g, '')
    .trim();
  const parent = ref && looksLikePath(ref) ? resolvePath(file, ref) : undefined;
  const reached = (problemFile: string) =>
    problemFile === parent || !parent ? 'extended here' : `extended through \`${basename(parent)}\``;
  const summarised = new Set(
    diagnostics
      .filter((d) => d.code === 'error-in-referenced-file')
      .flatMap((d) => d.related ?? [])
      .map((r) => `${r.at.file}:${r.at.range.start}`),
  );
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    // A likely typo there marks these numbers not valid too: said here, or this file's Problems
    // are empty beside "not valid: see Problems" (a workbench review).
    const invalidating = d.severity === 'warning' && d.invalidatesResult === true;
    if (
      (d.severity !== 'error' && !invalidating) ||
      !d.at ||
      d.at.file === file ||
      !chainFiles.has(d.at.file) ||
      d.path === 'compare' ||
      d.code === 'error-in-referenced-file'
    )
      continue;
    if (summarised.has(`${d.at.file}:${d.at.range.start}`)) continue;
    out.push(
      invalidating
        ? {
            severity: 'warning',
            code: 'warning-in-referenced-file',
            path: 'extends',
            at: { file, range: ext.range },
            message: `\`${basename(d.at.file)}\` (${reached(d.at.file)}): ${d.message} Its numbers and these are marked not valid until it is fixed.`,
            related: [{ message: d.message, at: d.at }],
            invalidatesResult: true,
          }
        : {
            severity: 'error',
            code: 'error-in-referenced-file',
            path: 'extends',
            at: { file, range: ext.range },
            message: `\`${basename(d.at.file)}\` (${reached(d.at.file)}): ${d.message} Nothing is evaluated until it is fixed.`,
            related: [{ message: d.message, at: d.at }],
          },
    );
  }
  return out;
}

/** The fleets' cost ratio at the chip prices the per-response ratio compares, where those are not the rows' own. */
function compareFleetCost(analysis: Analysis, baselineDesign: DesignPoint): void {
  const design = analysis.design!;
  const fleet = analysis.result?.fleet;
  const baselineFleet = analysis.baseline?.result.fleet;
  const priceOf = comparedPrice(design, baselineDesign);
  if (!fleet || !baselineFleet || !priceOf || !analysis.baseline) return;
  const standby = analysis.config!.fleet.standby === 'baseline' ? baselineDesign : design;
  const costs = fleetCostsAtPrices(
    { fleet, pools: [design, standby] },
    { fleet: baselineFleet, pools: [baselineDesign, baselineDesign] },
    priceOf,
  );
  analysis.baseline.ratios.fleetCostPerToken = costs.ratio;
  analysis.baseline.fleetCostUsdPerMillionOutputTokens = { design: costs.design, baseline: costs.baseline };
}

/** The ratios whose ranges pair, when the two designs' errors share their sources (model/ranges/sharedError.ts). */
function pairedOf(
  analysis: Analysis,
  baseline: { design: DesignPoint; result: EvaluationResult; origins: ReadonlyMap<string, SourceRef> },
) {
  const paired = pairedRanges({ design: analysis.design!, origins: analysis.origins, result: analysis.result! }, baseline);
  return paired ? { pairedRanges: paired } : {};
}

/** The baseline is evaluated like a design; its problems are summarised on `compare`. */
function evaluateBaseline(baseline: Baseline, file: string, diagnostics: Diagnostic[], analysis: Analysis) {
  const validated = validateConfig(baseline.tree);
  const built = buildDesign(validated.config, validated.origins, baseline.name, file);
  // As for the design itself: keys a broken `extends` would have supplied are not problems of their own.
  const buildProblems = baseline.extendsBroken ? built.diagnostics.filter((d) => d.code !== 'missing-key') : built.diagnostics;
  const checks = built.design ? checkDesign(built.design, validated.origins, file) : [];
  // A preset baseline shares this file's `explore:` section, which evaluates nothing (an architect's review: a typo there read
  // "the baseline cannot be evaluated"), and its `serving:` and `fleet:`, whose errors are said at the design and leave the
  // static batch (a review: `rate: -5 /s` lost the comparison column).
  const problems = [...validated.diagnostics, ...buildProblems, ...checks].filter(
    (d) => d.severity === 'error' && !aboutExploration(d.path) && !aboutTraffic(d.path),
  );
  const compareAt = analysis.origins.get('compare');
  const at = compareAt?.kind === 'file' ? { file: compareAt.file, range: compareAt.range } : undefined;
  // The baseline shares this layout: tensor parallelism past its own link domain skews every ratio
  // (and a standby or prefill pool of it) as much as past this chip's.
  for (const d of checks.filter((c) => c.code === 'beyond-link-domain'))
    diagnostics.push({
      severity: 'warning',
      code: 'baseline-beyond-link-domain',
      path: 'compare',
      ...(at ? { at } : {}),
      message: `The baseline \`${baseline.name}\`: ${d.message}`,
    });
  // A likely unit slip in the baseline's file skews every ratio as much as one in this file.
  const slips = validated.diagnostics.filter((d) => d.code === 'unit-slip' || d.code === 'bits-for-bytes');
  if (slips.length > 0)
    diagnostics.push({
      severity: 'warning',
      code: 'baseline-unit-slip',
      path: 'compare',
      ...(at ? { at } : {}),
      message: `The baseline \`${baseline.name}\`: ${slips.map((d) => d.message).join(' ')}`,
      related: slips.flatMap((d) => (d.at ? [{ message: d.message, at: d.at }] : [])),
    });
  if (!built.design || problems.length > 0) {
    // A broken `extends` in the baseline's file is already summarised on `compare`.
    if (problems.length > 0 || !baseline.extendsBroken) {
      diagnostics.push({
        severity: 'error',
        code: 'baseline-invalid',
        path: 'compare',
        ...(at ? { at } : {}),
        message: `The baseline \`${baseline.name}\` cannot be evaluated: ${problems.map((p) => p.message).join(' ') || 'incomplete design.'}`,
      });
    }
    return undefined;
  }
  const result = evaluateDesign(built.design);
  const overflow = [...nonFiniteFields(result), ...nonFiniteFields(ratios(analysis.result!, result), 'ratios')];
  if (overflow.length > 0) {
    diagnostics.push({
      severity: 'error',
      code: 'baseline-invalid',
      path: 'compare',
      ...(at ? { at } : {}),
      message: notEvaluable(`The baseline \`${baseline.name}\``, overflow),
    });
    return undefined;
  }
  if (!result.memory.fits) {
    diagnostics.push({
      severity: 'warning',
      code: 'baseline-memory-capacity',
      path: 'compare',
      ...(at ? { at } : {}),
      message: `The baseline \`${baseline.name}\` cannot hold this workload (weights + KV cache exceed its memory); its figures are what it would do if it could.`,
    });
  }
  return { design: built.design, result, origins: validated.origins, config: validated.config };
}

/** The result with its 80 % prediction ranges (model/ranges). */
function withRanges(result: EvaluationResult, design: DesignPoint): EvaluationResult {
  const { ranges, category } = predictionRanges(result, design);
  const why = rangeCategoryWhy(design);
  return { ...result, ranges, rangeCategory: category, ...(why ? { rangeCategoryWhy: why } : {}) };
}

function ratios(r: EvaluationResult, b: EvaluationResult): BaselineComparison['ratios'] {
  return {
    decodeSpeedup: b.decode.msPerToken / r.decode.msPerToken,
    prefillSpeedup: b.prefill.ms / r.prefill.ms,
    perfPerWatt: r.energy.perfPerWatt / b.energy.perfPerWatt,
    costPerResponse: r.cost.usdPerResponse > 0 ? b.cost.usdPerResponse / r.cost.usdPerResponse : 0,
  };
}

/**
 * Dotted paths of the numbers in `value` that are not finite. The engine divides by rates,
 * powers and times; a design at the edge of what the schema allows (all energies and idle
 * power zero, a vanishing rate) can make one of them 0 or infinite, and an Infinity or NaN
 * must become a diagnostic, not a number in a view or in `--json` (where it prints `null`).
 */
export function nonFiniteFields(value: unknown, path = '', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(path);
  } else if (value !== null && typeof value === 'object' && !allFinite(value)) {
    for (const [key, child] of Object.entries(value)) nonFiniteFields(child, path ? `${path}.${key}` : key, out);
  }
  return out;
}

/** The same test without building paths: a result holds thousands of numbers. */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!allFinite(value[i])) return false;
    return true;
  }
  // for-in over own data keys allocates nothing (Object.values does): exploration runs this per point.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (typeof child === 'number' ? !Number.isFinite(child) : !allFinite(child)) return false;
  }
  return true;
}

const isFinite = (value: object) => allFinite(value);

function notEvaluable(what: string, fields: string[]): string {
  const shown =
    fields
      .slice(0, 4)
      .map((f) => `\`${f}\``)
      .join(', ') + (fields.length > 4 ? ` and ${fields.length - 4} more` : '');
  return `${what} cannot be evaluated: ${shown} came out infinite or undefined. This happens when a rate is so small that times overflow, or when nothing draws power (every energy and the idle power are zero, so performance per watt is unbounded); check those values.`;
}

function designName(file: string): string {
  return basename(file).replace(/\.chip\.ya?ml$/, '');
}

/**
 * A check about a key given on the command line (`--set`) is said as the validator says its own,
 * "(from --set …)", on the value the file wrote for it, not on the section or the `extends` line
 * it would otherwise fall back to (a review's `--set chip.silicon.chiplets=1` error pointed at
 * `extends:`, another's `--set chip.tdp="300 GB"` at `chip:`). Varied keys (sweep, explore) are
 * named by their own notes.
 */
function fromOverrides(diagnostics: Diagnostic[], origins: ReadonlyMap<string, SourceRef>): void {
  for (const d of diagnostics) {
    const o = d.path ? origins.get(d.path) : undefined;
    if (o?.kind !== 'override' || o.varied) continue;
    // On the value it replaces where the file wrote one (a check the validator did not place); else said by the words alone.
    if (o.replaces) d.at = { ...o.replaces };
    else delete d.at;
    if (!d.message.endsWith(`(from ${o.label})`)) d.message += ` (from ${o.label})`;
  }
}

function sortByPlace(diagnostics: Diagnostic[]): void {
  diagnostics.sort((a, b) => (a.at?.file ?? '').localeCompare(b.at?.file ?? '') || (a.at?.range.start ?? -1) - (b.at?.range.start ?? -1));
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
