// Calibration against the A-trust rows of validation/rows.csv, one joint fit of
//   per chip family (never per row):  chip.matrix.efficiency   0.50 .. 0.95
//                                     chip.memory.efficiency   0.60 .. 0.95
//                                     chip.dispatch_overhead   0.5 .. 6 us   (device cost per kernel; one value for all NVIDIA families)
//                                     chip.link.latency        0.3 .. 3 us   (per hop)
//   per serving runtime (framework):  runtime.gemm_efficiency      0.60 .. 1
//                                     runtime.step_overhead        0 .. 40 ms
//                                     runtime.prefill_overhead     0 .. 40 ms
//                                     runtime.sequence_overhead    0 .. 1 ms
//                                     runtime.launch_overhead      0 .. 15 us
//                                     runtime.collective_overhead  0 .. 150 us
// by coordinate search on a grid, minimising median + p90 of |ln(predicted / measured)|.
// A parameter the data do not identify keeps its prior. The generic runtime (the schema's
// defaults) is then one runtime fitted to every row at once with the families held: the
// best single guess for a framework the fit never saw. fitModel is that whole fit; every
// cross-validation fold of `npm run validate` refits with it (validation/crossValidate.ts),
// which is where a framework held out is predicted with the generic runtime of the others.
//
//   node --import tsx validation/calibrate.ts      (writes validation/out/calibration.{json,md})

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  absLogError,
  absRelError,
  defaultRuntime,
  HERE,
  loadRows,
  predict,
  prepare,
  quantile,
  type Calibration,
  type FamilyParams,
  type Prepared,
} from './evaluate';
import { ABSOLUTE_KINDS } from './pairs';
import { CALIBRATED_FAMILIES } from '../model/presets/calibration';
import { RUNTIME_IDS, RUNTIMES, type RuntimeId, type RuntimeParams } from './runtimes';
import { mainMemoryOf } from '../model/engine/residency';

/**
 * Calibration families: the presets that share one value (model/presets/calibration.ts;
 * the a10g preset also carries the Ampere values), and the rows that inform it.
 */
export const FAMILIES = {
  hopper: { presets: CALIBRATED_FAMILIES.hopper, rowFamily: 'hopper' },
  ampere: { presets: CALIBRATED_FAMILIES.ampere, rowFamily: 'ampere' },
} as const;
export type Family = keyof typeof FAMILIES;
const FAMILY_IDS = Object.keys(FAMILIES) as Family[];

const us = 1e-6;
const ms = 1e-3;
const round = (x: number) => Math.round(x * 1e9) / 1e9;
const range = (from: number, step: number, to: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => round(from + step * i));

const FAMILY_GRID: Record<keyof Required<FamilyParams>, number[]> = {
  matrixEfficiency: range(0.5, 0.025, 0.95),
  memoryEfficiency: range(0.6, 0.025, 0.95),
  dispatchOverheadSeconds: range(0.5, 0.5, 6).map((x) => round(x * us)),
  linkLatencySeconds: [0.3, 0.5, 0.75, 1, 1.5, 2, 2.5, 3].map((x) => round(x * us)),
};
const RUNTIME_GRID: Record<keyof RuntimeParams, number[]> = {
  gemmEfficiency: range(0.6, 0.025, 1),
  stepOverheadSeconds: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 25, 30, 40].map((x) => round(x * ms)),
  prefillOverheadSeconds: [0, 0.2, 0.5, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 40].map((x) => round(x * ms)),
  sequenceOverheadSeconds: [0, 5, 10, 20, 50, 100, 150, 200, 300, 400, 500, 750, 1000].map((x) => round(x * us)),
  launchOverheadSeconds: [0, 0.5, 1, 2, 3, 4, 5, 6, 8, 10, 15].map((x) => round(x * us)),
  collectiveOverheadSeconds: [0, 2, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150].map((x) => round(x * us)),
};

/** Priors: the family values before any calibration (spec-sheet presets), no runtime cost. */
export const FAMILY_PRIOR: Record<Family, Required<FamilyParams>> = {
  hopper: { matrixEfficiency: 0.8, memoryEfficiency: 0.85, dispatchOverheadSeconds: 4 * us, linkLatencySeconds: 1 * us },
  ampere: { matrixEfficiency: 0.8, memoryEfficiency: 0.85, dispatchOverheadSeconds: 4 * us, linkLatencySeconds: 1 * us },
};
const RUNTIME_PRIOR: RuntimeParams = {
  gemmEfficiency: 1,
  stepOverheadSeconds: 0,
  prefillOverheadSeconds: 0,
  sequenceOverheadSeconds: 0,
  launchOverheadSeconds: 0,
  collectiveOverheadSeconds: 0,
};

/** Objective change (median + p90 of |ln error|) below which a parameter counts as not identified. */
const IDENTIFIED = 0.005;

export interface JointParams {
  family: Record<Family, Required<FamilyParams>>;
  runtime: Partial<Record<RuntimeId, RuntimeParams>>;
  /** The generic runtime: one set for every row, GQA-aware (what an unseen framework gets). */
  generic?: RuntimeParams;
}

/** One coordinate of the search: the value it moves, the rows it touches, its grid and prior. */
interface Coordinate {
  name: string;
  get: (p: JointParams) => number;
  set: (p: JointParams, v: number) => void;
  touches: (row: Prepared) => boolean;
  grid: number[];
  prior: number;
}

/**
 * Chip-family keys, one coordinate per family — except the device's per-kernel dispatch
 * cost, which is one value for every NVIDIA family: the same driver and launch hardware
 * (a per-family value was confounded with the one framework that measured the H100).
 */
const SHARED_FAMILY_KEYS = new Set<keyof FamilyParams>(['dispatchOverheadSeconds']);

function familyCoordinates(families: readonly Family[]): Coordinate[] {
  const inFamilies = (fs: readonly Family[]) => (row: Prepared) => fs.some((f) => row.row.family === FAMILIES[f].rowFamily);
  return (Object.entries(FAMILY_GRID) as [keyof FamilyParams, number[]][]).flatMap(([key, grid]) => {
    const groups = SHARED_FAMILY_KEYS.has(key) ? [families] : families.map((f) => [f]);
    return groups.map((fs) => ({
      name: `${fs.join('+')}.${key}`,
      grid,
      prior: FAMILY_PRIOR[fs[0]][key],
      get: (p: JointParams) => p.family[fs[0]][key],
      set: (p: JointParams, v: number) => {
        for (const f of fs) p.family[f][key] = v;
      },
      touches: inFamilies(fs),
    }));
  });
}

function runtimeCoordinates(which: RuntimeId | 'generic'): Coordinate[] {
  const slot = (p: JointParams) => (which === 'generic' ? p.generic : p.runtime[which])!;
  return (Object.entries(RUNTIME_GRID) as [keyof RuntimeParams, number[]][]).map(([key, grid]) => ({
    name: `${which}.${key}`,
    grid,
    prior: RUNTIME_PRIOR[key],
    get: (p: JointParams) => slot(p)[key],
    set: (p: JointParams, v: number) => {
      slot(p)[key] = v;
    },
    touches: (row: Prepared) => which === 'generic' || row.runtime === which,
  }));
}

/**
 * The fitted numbers of a runtime and nothing else. A row evaluated on them keeps what its
 * config states about the software (its decode launch, its shape buckets): a fit sets
 * numbers, never a stated mechanism.
 */
export const runtimeNumbers = (r: RuntimeParams): RuntimeParams => ({
  gemmEfficiency: r.gemmEfficiency,
  stepOverheadSeconds: r.stepOverheadSeconds,
  prefillOverheadSeconds: r.prefillOverheadSeconds,
  sequenceOverheadSeconds: r.sequenceOverheadSeconds,
  launchOverheadSeconds: r.launchOverheadSeconds,
  collectiveOverheadSeconds: r.collectiveOverheadSeconds,
});

/**
 * The parameters as values to evaluate rows with. The generic runtime is its numbers,
 * GQA-aware: the attention kernel of the software the generic runtime stands for (the
 * schema default, and every prior preset), also while it is fitted to rows whose software
 * states otherwise (TensorRT-LLM v0.5-v0.6, gpt-fast). Everything else stays the row's own.
 */
export function toCalibration(p: JointParams): Calibration {
  return {
    family: p.family,
    runtime: p.runtime,
    ...(p.generic ? { generic: { ...runtimeNumbers(p.generic), groupedAttention: true } } : {}),
  };
}

const objective = (errors: readonly number[]) => quantile(errors, 0.5) + quantile(errors, 0.9);

/**
 * Coordinate search over `set`. `joint`: every family's and framework runtime's parameters
 * at once, each row on its framework's runtime. `generic`: the families held as in
 * `start`, one runtime for every row (GQA-aware): the best single guess for a framework
 * the fit never saw.
 */
export function fitJoint(
  set: readonly Prepared[],
  start: JointParams,
  mode: 'joint' | 'generic' = 'joint',
): { params: JointParams; median: number; p90: number } {
  const families = FAMILY_IDS.filter((f) => set.some((p) => p.row.family === FAMILIES[f].rowFamily));
  const runtimes = RUNTIME_IDS.filter((r) => set.some((p) => p.runtime === r));
  const coords: Coordinate[] =
    mode === 'generic' ? runtimeCoordinates('generic') : [...familyCoordinates(families), ...runtimes.flatMap(runtimeCoordinates)];
  const cur: JointParams = structuredClone(start);
  for (const id of runtimes) cur.runtime[id] ??= { ...RUNTIME_PRIOR };
  if (mode === 'generic') cur.generic = runtimeNumbers(cur.generic ?? RUNTIME_PRIOR);
  const members = new Map(coords.map((c) => [c, set.map((p, i) => ({ p, i })).filter(({ p }) => c.touches(p))]));
  // |ln(predicted / measured)| per row.
  const errorOf = (p: Prepared, params: JointParams) =>
    absLogError(predict(p, { ...toCalibration(params), allGeneric: mode === 'generic' }).value, Number(p.row.measured));
  const errors = set.map((p) => errorOf(p, cur));
  // Try value v on coordinate c: re-evaluate only the rows it touches.
  const trial = (c: Coordinate, v: number) => {
    const old = c.get(cur);
    c.set(cur, v);
    const next = [...errors];
    for (const { p, i } of members.get(c)!) next[i] = errorOf(p, cur);
    c.set(cur, old);
    return next;
  };
  // The generic runtime must serve every framework, not the one with most rows: its
  // objective is the mean of the frameworks' own objectives.
  const groups = [...new Set(set.map((p) => p.runtime ?? 'generic'))].map((r) =>
    set.flatMap((p, i) => ((p.runtime ?? 'generic') === r ? [i] : [])),
  );
  const score =
    mode === 'generic'
      ? (e: readonly number[]) => groups.reduce((sum, idx) => sum + objective(idx.map((i) => e[i])), 0) / groups.length
      : objective;
  let best = score(errors);
  for (let sweep = 0; sweep < 8; sweep++) {
    let improved = false;
    for (const c of coords) {
      for (const v of c.grid) {
        if (v === c.get(cur)) continue;
        const next = trial(c, v);
        const s = score(next);
        if (s < best - 1e-9) {
          c.set(cur, v);
          errors.splice(0, errors.length, ...next);
          best = s;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  // A parameter the data do not identify goes back to its prior.
  for (const c of coords) {
    if (c.get(cur) === c.prior) continue;
    const next = trial(c, c.prior);
    if (score(next) - best < IDENTIFIED) {
      c.set(cur, c.prior);
      errors.splice(0, errors.length, ...next);
      best = Math.min(best, score(next));
    }
  }
  return { params: cur, median: quantile(errors, 0.5), p90: quantile(errors, 0.9) };
}

/** Where the joint fit starts from the priors: the spec-sheet family values, no runtime cost. */
export const priorStart = (): JointParams => ({ family: structuredClone(FAMILY_PRIOR), runtime: {} });

export interface ModelFit {
  /** Every family's and framework runtime's values, and the generic runtime's numbers. */
  params: JointParams & { generic: RuntimeParams };
  /** The joint fit from each start (|ln error| median and p90), in the order given. */
  fromStarts: { median: number; p90: number }[];
}

/**
 * The model's fit on a set of rows, as the shipped presets are made (main below) and as
 * every cross-validation fold refits without its held-out rows (validation/crossValidate.ts),
 * so the folds measure the model as it ships. The joint fit from each start, the better end
 * point kept (coordinate search finds local optima); then the generic runtime's numbers,
 * searched from the runtime prior with the families held, each row keeping its stated
 * decode launch (toCalibration).
 */
export function fitModel(set: readonly Prepared[], starts: readonly JointParams[]): ModelFit {
  const fits = starts.map((s) => fitJoint(set, { family: s.family, runtime: s.runtime }));
  const best = fits.reduce((a, b) => (b.median + b.p90 < a.median + a.p90 ? b : a));
  const generic = fitJoint(set, best.params, 'generic').params.generic!;
  return { params: { ...best.params, generic }, fromStarts: fits.map((f) => ({ median: f.median, p90: f.p90 })) };
}

/** The values the presets and runtimes.ts carry now. */
export function currentParams(set: readonly Prepared[]): JointParams {
  const family = structuredClone(FAMILY_PRIOR);
  for (const f of FAMILY_IDS) {
    const hw = set.find((p) => p.row.family === FAMILIES[f].rowFamily && !p.ownLinkLatency)?.design.hardware;
    if (hw)
      family[f] = {
        matrixEfficiency: hw.matrix.efficiency,
        memoryEfficiency: mainMemoryOf(hw).efficiency,
        dispatchOverheadSeconds: hw.dispatchOverheadSeconds,
        linkLatencySeconds: hw.link.latencySeconds,
      };
  }
  return {
    family,
    runtime: Object.fromEntries(
      RUNTIME_IDS.flatMap((id) => {
        const r = runtimeParamsOf(set, id);
        return r ? [[id, r]] : [];
      }),
    ),
  };
}

/** The runtime values the rows of one runtime are evaluated with now (its preset's, or validation/runtimes.ts's). */
export function runtimeParamsOf(set: readonly Prepared[], id: RuntimeId): RuntimeParams | undefined {
  const rt = set.find((p) => p.runtime === id)?.design.runtime;
  return (
    rt && {
      gemmEfficiency: rt.gemmEfficiency,
      stepOverheadSeconds: rt.stepOverheadSeconds,
      prefillOverheadSeconds: rt.prefillOverheadSeconds,
      sequenceOverheadSeconds: rt.sequenceOverheadSeconds,
      launchOverheadSeconds: rt.launchOverheadSeconds,
      collectiveOverheadSeconds: rt.collectiveOverheadSeconds,
    }
  );
}

/** Where the fit differs from what the presets (and validation/runtimes.ts) carry: what to write back. */
function staleValues(set: readonly Prepared[], p: JointParams): string[] {
  const out: string[] = [];
  for (const id of RUNTIME_IDS) {
    const now = runtimeParamsOf(set, id);
    const fit = p.runtime[id];
    if (!now || !fit) continue;
    for (const k of Object.keys(fit) as (keyof RuntimeParams)[]) {
      if (Math.abs(now[k] - fit[k]) > 1e-12)
        out.push(
          `${RUNTIMES[id] && 'preset' in RUNTIMES[id] ? `model/presets/runtimes.ts ${RUNTIMES[id].preset}` : `validation/runtimes.ts ${id}`}.${k}: ${now[k]} -> ${fit[k]}`,
        );
    }
  }
  return out;
}

/** Where the fitted generic runtime differs from the schema's defaults (model/presets/runtimes.ts GENERIC_RUNTIME_VALUES). */
function staleGeneric(fit: RuntimeParams, now: RuntimeParams): string[] {
  return (Object.keys(fit) as (keyof RuntimeParams)[])
    .filter((k) => Math.abs(now[k] - fit[k]) > 1e-12)
    .map((k) => `model/presets/runtimes.ts GENERIC_RUNTIME_VALUES.${k}: ${now[k]} -> ${fit[k]}`);
}

export async function prepareAll(): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (const row of loadRows()) {
    const p = await prepare(row);
    if (p.errors.length === 0) out.push(p as Prepared);
    else console.warn(`cannot evaluate ${row.row_id}: ${p.errors.join('; ')}`);
  }
  return out;
}

/** The A-trust rows the calibration is fitted on: absolute metrics whose workload fits. */
export function fitSet(all: readonly Prepared[]): Prepared[] {
  return all.filter(
    (p) =>
      p.row.use_class === 'A' &&
      FAMILY_IDS.some((f) => p.row.family === FAMILIES[f].rowFamily) &&
      ABSOLUTE_KINDS.has(p.row.metric_kind) &&
      predict(p).fits,
  );
}

function summarise(set: readonly Prepared[], c: Calibration) {
  const e = set.map((p) => absRelError(predict(p, c).value, Number(p.row.measured)));
  return { n: e.length, median: quantile(e, 0.5), p90: quantile(e, 0.9) };
}

async function main() {
  const all = await prepareAll();
  const set = fitSet(all);
  const before = summarise(
    set,
    toCalibration({ family: FAMILY_PRIOR, runtime: Object.fromEntries(RUNTIME_IDS.map((id) => [id, RUNTIME_PRIOR])) }),
  );
  console.log(`${set.length} rows; fitting...`);
  // Two starts: the spec-sheet priors, and the values the presets carry now (the last fit).
  const fit = fitModel(set, [priorStart(), currentParams(set)]);
  const [fromPriors, fromCurrent] = fit.fromStarts;
  console.log(
    `from the priors: ${pct(fromPriors.median)} / ${pct(fromPriors.p90)} (|ln|); from the current presets: ${pct(fromCurrent.median)} / ${pct(fromCurrent.p90)}`,
  );
  const params = fit.params;
  const generic = params.generic;
  const fittedRuntimes = RUNTIME_IDS.filter((id) => params.runtime[id]);
  const after = summarise(set, toCalibration(params));
  const allGeneric = summarise(set, { ...toCalibration(params), allGeneric: true });
  console.log(
    `joint fit on ${set.length} rows: median ${pct(after.median)} p90 ${pct(after.p90)} (before ${pct(before.median)} / ${pct(before.p90)}); every row on the generic runtime ${pct(allGeneric.median)} / ${pct(allGeneric.p90)}`,
  );
  console.log(JSON.stringify(params, null, 1));
  const stale = staleValues(set, params);
  console.log(
    stale.length ? `The presets differ from this fit; write back:\n  ${stale.join('\n  ')}` : 'The runtime presets carry this fit.',
  );
  const genericStale = staleGeneric(generic, runtimeNumbers(await defaultRuntime()));
  console.log(
    genericStale.length
      ? `The generic runtime differs from this fit; write back:\n  ${genericStale.join('\n  ')}`
      : 'The generic runtime (model/presets/runtimes.ts GENERIC_RUNTIME_VALUES) carries this fit.',
  );
  // A framework held out (refit without its rows, predicted on the generic runtime fitted
  // to the others) is a cross-validation fold of `npm run validate`, by the same fitModel.

  const report = { rows: set.map((p) => p.row.row_id), params, generic, before, after, allGeneric };
  const md: string[] = [
    '# Calibration fit (generated by validation/calibrate.ts)',
    '',
    `Joint fit on ${set.length} A-trust rows. |pred/meas − 1|: before (spec-sheet presets, no runtime cost) median ${pct(before.median)}, p90 ${pct(before.p90)}; after median ${pct(after.median)}, p90 ${pct(after.p90)}; every row on the generic runtime's numbers ${pct(allGeneric.median)} / ${pct(allGeneric.p90)}.`,
    '',
    '| family | matrix.efficiency | memory.efficiency | dispatch_overhead | link.latency |',
    '|---|---|---|---|---|',
    ...FAMILY_IDS.map((f) => {
      const p = params.family[f];
      return `| ${f} (${FAMILIES[f].presets.join(', ')}) | ${p.matrixEfficiency} | ${p.memoryEfficiency} | ${usOf(p.dispatchOverheadSeconds)} | ${usOf(p.linkLatencySeconds)} |`;
    }),
    '',
    '| runtime | rows | gemm_efficiency | prefill_overhead | step_overhead | sequence_overhead | launch_overhead | collective_overhead | grouped_attention |',
    '|---|---|---|---|---|---|---|---|---|',
    ...fittedRuntimes.map((id) => {
      const p = params.runtime[id]!;
      return `| ${id} | ${set.filter((r) => r.runtime === id).length} | ${p.gemmEfficiency} | ${msOf(p.prefillOverheadSeconds)} | ${msOf(p.stepOverheadSeconds)} | ${usOf(p.sequenceOverheadSeconds)} | ${usOf(p.launchOverheadSeconds)} | ${usOf(p.collectiveOverheadSeconds)} | ${set.find((r) => r.runtime === id)?.design.runtime.groupedAttention} |`;
    }),
    `| generic (one runtime fitted to every row) | — | ${generic.gemmEfficiency} | ${msOf(generic.prefillOverheadSeconds)} | ${msOf(generic.stepOverheadSeconds)} | ${usOf(generic.sequenceOverheadSeconds)} | ${usOf(generic.launchOverheadSeconds)} | ${usOf(generic.collectiveOverheadSeconds)} | true |`,
    '',
    'Each framework held out (refitted without its rows by the same fit, predicted on the generic runtime fitted to the others): the framework folds of `npm run validate` (validation/out/summary.md).',
    '',
  ];
  const outDir = join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'calibration.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(outDir, 'calibration.md'), md.join('\n'));
}

const usOf = (s: number) => `${round(s / us)} us`;
const msOf = (s: number) => `${round(s / ms)} ms`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv[1] && process.argv[1].endsWith('calibrate.ts')) void main();
