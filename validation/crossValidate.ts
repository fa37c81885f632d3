// Cross-validation: the error to expect on hardware and software the fit never saw.
//
//   leave one hardware family out: refit every parameter without the family's rows; predict
//     them with the pooled values of the families that remain (the prior an uncalibrated chip
//     gets) and, for a framework with no rows left, the generic runtime fitted without them
//     (plus what the framework's prior preset states, where it names one);
//   leave one framework out: refit without the framework's rows; predict them with the
//     generic runtime fitted on the others, keeping only what is stated about the software
//     (its attention kernel, its decode launch, and the numbers its prior preset states with
//     a source: validation/runtimes.ts `prior`), as a prior runtime preset does;
//   leave configurations out (5 folds by configuration id): family and runtime seen, the
//     configuration not — the error of a calibrated chip on a calibrated runtime.
//
// Every fold refits as the shipped presets are fitted (validation/calibrate.ts fitModel, the
// same starts): the fit sets numbers, and each row keeps what its config states about its
// software (its decode launch), so a fold measures the model as it ships.
//
// Every held-out row gives one out-of-fold residual ln(predicted / measured), tagged with
// its metric and with whether its chip family and runtime were in the fold's fit. The
// 80 % prediction ranges (model/ranges) are the 10th and 90th percentiles of these.

import { CALIBRATED_FAMILIES, type CalibratedFamily } from '../model/presets/calibration';
import { rangeCategory, type RangeCategory, type RangeMetric } from '../model/ranges/predictionRanges';
import { fitModel, type JointParams, type ModelFit } from './calibrate';
import { predict, type Calibration, type FamilyParams, type Prepared } from './evaluate';
import { ABSOLUTE_KINDS } from './pairs';
import { RUNTIME_IDS, type RuntimeId, type RuntimeParams } from './runtimes';

export interface Residual {
  rowId: string;
  metric: RangeMetric;
  category: RangeCategory;
  /** ln(predicted / measured), out of fold. */
  logResidual: number;
  fold: string;
}

export interface Fold {
  kind: 'hardware family' | 'framework' | 'configurations';
  heldOut: string;
  n: number;
  residuals: Residual[];
  /** Rows never in any fit (a family or framework without a calibration), predicted by the presets as they are. */
  neverFitted?: boolean;
  /** The fold's refit (refitted folds only): the values it predicts its held-out rows with. */
  fit?: ModelFit;
}

/** The range metric a row's measured value is (undefined: not a headline metric). */
export function rangeMetricOf(kind: string): RangeMetric | undefined {
  switch (kind) {
    case 'ttft':
      return 'prefill.ms';
    case 'tpot':
      return 'decode.msPerToken';
    case 'e2e':
      return 'response.ms';
    case 'throughput_total':
      return 'throughput.outputTokensPerSecond';
    case 'throughput_per_gpu':
      return 'throughput.perChip';
    default:
      return undefined;
  }
}

const categoryOf = (familySeen: boolean, runtimeSeen: boolean): RangeCategory =>
  familySeen && runtimeSeen ? 'seen' : familySeen ? 'unseen-runtime' : runtimeSeen ? 'unseen-chip' : 'unseen-both';

/** The mean of each family parameter over the fitted families: an uncalibrated chip's prior. */
function pooledFamily(p: JointParams, families: readonly CalibratedFamily[]): Required<FamilyParams> {
  const keys = Object.keys(p.family[families[0]!]) as (keyof FamilyParams)[];
  return Object.fromEntries(
    keys.map((k) => [k, families.reduce((s, f) => s + p.family[f][k], 0) / families.length]),
  ) as Required<FamilyParams>;
}

function residualsOf(
  test: readonly Prepared[],
  c: Calibration,
  fold: string,
  seen: (p: Prepared) => { family: boolean; runtime: boolean },
): Residual[] {
  return test.flatMap((p) => {
    const metric = rangeMetricOf(p.row.metric_kind);
    if (!metric) return [];
    const s = seen(p);
    return [
      {
        rowId: p.row.row_id,
        metric,
        category: categoryOf(s.family, s.runtime),
        logResidual: Math.log(predict(p, c).value / Number(p.row.measured)),
        fold,
      },
    ];
  });
}

/** What each framework's prior preset states beyond the generic runtime (validation/evaluate.ts priorStatedParams). */
export type PriorStated = Partial<Record<RuntimeId, Partial<RuntimeParams>>>;

/**
 * The runtimes as evaluated in a fold: fitted where the fold saw rows, else the fold's
 * generic runtime with what the framework's prior preset states on top.
 */
function runtimesFor(
  train: readonly Prepared[],
  fit: JointParams,
  generic: RuntimeParams,
  priors: PriorStated,
): Partial<Record<RuntimeId, RuntimeParams>> {
  return Object.fromEntries(
    RUNTIME_IDS.map((id) => [id, train.some((p) => p.runtime === id) && fit.runtime[id] ? fit.runtime[id] : { ...generic, ...priors[id] }]),
  );
}

const familiesIn = (set: readonly Prepared[]) =>
  (Object.keys(CALIBRATED_FAMILIES) as CalibratedFamily[]).filter((f) => set.some((p) => p.row.family === f));

export function crossValidate(
  set: readonly Prepared[],
  starts: readonly JointParams[],
  log: (line: string) => void = () => {},
  priors: PriorStated = {},
): Fold[] {
  const folds: Fold[] = [];
  const families = familiesIn(set);
  // Each fold refits as the shipped presets are fitted (validation/calibrate.ts fitModel):
  // the better joint end point from `starts` (validate.ts: the priors alone, none fitted with
  // held-out rows), then the generic runtime's numbers with each training row keeping its
  // stated decode launch.
  const refit = (train: readonly Prepared[]) => fitModel(train, starts);
  for (const held of families) {
    const t0 = Date.now();
    const train = set.filter((p) => p.row.family !== held);
    const test = set.filter((p) => p.row.family === held);
    const model = refit(train);
    const fit = model.params;
    const family = { ...fit.family, [held]: pooledFamily(fit, familiesIn(train)) };
    const c: Calibration = { family, runtime: runtimesFor(train, fit, fit.generic, priors), generic: fit.generic };
    const residuals = residualsOf(test, c, `family ${held}`, (p) => ({
      family: false,
      runtime: !!p.runtime && train.some((q) => q.runtime === p.runtime),
    }));
    folds.push({ kind: 'hardware family', heldOut: held, n: residuals.length, residuals, fit: model });
    log(`  fold: hardware family ${held} held out (${residuals.length} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  for (const held of RUNTIME_IDS.filter((id) => set.some((p) => p.runtime === id))) {
    const t0 = Date.now();
    const train = set.filter((p) => p.runtime !== held);
    const test = set.filter((p) => p.runtime === held);
    const model = refit(train);
    const fit = model.params;
    // The generic runtime's numbers only: each held-out row keeps what is stated about its
    // software (attention kernel, decode launch). A framework whose prior preset states a
    // number (vLLM's host time per scheduler call) keeps it: what a user naming the
    // software gets, less the held-out rows.
    // A family every training row of which ran the held-out framework (all Hopper rows are
    // TensorRT-LLM) is not refitted: its values would be the start's. It takes the pooled
    // values of the families that were, as a held-out family does.
    const family = { ...fit.family };
    for (const f of families) if (!train.some((q) => q.row.family === f)) family[f] = pooledFamily(fit, familiesIn(train));
    const c: Calibration = { family, runtime: fit.runtime, generic: { ...fit.generic, ...priors[held] }, allGeneric: true };
    const residuals = residualsOf(test, c, `framework ${held}`, (p) => ({
      family: train.some((q) => q.row.family === p.row.family),
      runtime: false,
    }));
    folds.push({ kind: 'framework', heldOut: held, n: residuals.length, residuals, fit: model });
    log(`  fold: framework ${held} held out (${residuals.length} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const K = 5;
  for (let k = 0; k < K; k++) {
    const t0 = Date.now();
    const inFold = (p: Prepared) => hash(p.row.config_id) % K === k;
    const train = set.filter((p) => !inFold(p));
    const test = set.filter(inFold);
    const model = refit(train);
    const fit = model.params;
    const c: Calibration = { family: fit.family, runtime: fit.runtime, generic: fit.generic };
    const residuals = residualsOf(test, c, `configurations ${k + 1}/${K}`, () => ({ family: true, runtime: true }));
    folds.push({ kind: 'configurations', heldOut: `${k + 1} of ${K}`, n: residuals.length, residuals, fit: model });
    log(`  fold: configurations ${k + 1}/${K} held out (${residuals.length} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return folds;
}

/**
 * Rows outside the fit altogether — a hardware family with no calibration (its preset
 * carries the pooled prior), or a framework with no fitted runtime (the prior preset it
 * names, or the generic runtime) — predicted with the presets exactly as a user's config
 * is: already out of fold, nothing to refit. One fold per family, else per framework.
 */
/**
 * The rows outside every fit: absolute measurements (A- or B-trust) not in the fit set, of a
 * chip family with no calibration or on a framework with no fitted runtime.
 */
export function neverFittedRows(prepared: readonly Prepared[], fitted: readonly Prepared[]): Prepared[] {
  const inFit = new Set(fitted);
  return prepared.filter(
    (p) =>
      !inFit.has(p) &&
      ABSOLUTE_KINDS.has(p.row.metric_kind) &&
      (p.row.use_class === 'A' || p.row.use_class === 'B') &&
      (!Object.hasOwn(CALIBRATED_FAMILIES, p.row.family) || !p.runtime),
  );
}

export function neverFittedFolds(rows: readonly Prepared[]): Fold[] {
  const groups = new Map<string, { kind: Fold['kind']; rows: Prepared[] }>();
  for (const p of rows) {
    const familySeen = Object.hasOwn(CALIBRATED_FAMILIES, p.row.family);
    const key = familySeen ? `framework ${p.row.framework.replace(/ \(.*$/, '')}` : `hardware family ${p.row.family}`;
    const g = groups.get(key) ?? { kind: familySeen ? ('framework' as const) : ('hardware family' as const), rows: [] };
    g.rows.push(p);
    groups.set(key, g);
  }
  return [...groups]
    .map(([key, g]) => {
      const residuals = g.rows.flatMap((p) => {
        const metric = rangeMetricOf(p.row.metric_kind);
        const pred = predict(p);
        if (!metric || !pred.fits) return [];
        return [
          {
            rowId: p.row.row_id,
            metric,
            category: rangeCategory(p.design),
            logResidual: Math.log(pred.value / Number(p.row.measured)),
            fold: key,
          },
        ];
      });
      const trust = [...new Set(g.rows.map((p) => p.row.use_class))].sort().join('/');
      return {
        kind: g.kind,
        heldOut: `${key.replace(/^(framework|hardware family) /, '')} (never fitted; ${trust}-trust)`,
        n: residuals.length,
        residuals,
        neverFitted: true,
      };
    })
    .filter((f) => f.n > 0);
}

/** A stable small hash (FNV-1a) so the configuration folds do not change between runs. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
