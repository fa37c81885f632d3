// From out-of-fold residuals to the 80 % prediction ranges' quantile table
// (model/ranges/residualQuantiles.ts), and the ranges' coverage measured honestly: each
// fold's rows are checked against a table built without that fold.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  metricQuantiles,
  MIN_RESIDUALS_PER_METRIC,
  quantileMetric,
  pooledAs,
  RANGE_BASIS,
  RANGE_CATEGORIES,
  RANGE_METRICS,
  MIN_SERIES_PER_METRIC,
  pairedGroupOf,
  type PairedQuantiles,
  type PairedSmallChange,
  type QuantilePair,
  type RangeCategory,
  type RangeMetric,
  type ResidualQuantileTable,
  timeSign,
} from '../model/ranges/predictionRanges';
import type { Fold, Residual } from './crossValidate';
import { ROOT } from './evaluate';

/**
 * Quantiles with each fold weighing the same: a new chip or framework is one more draw of a
 * family's or a framework's bias, not of a row (Splitwise's 138 rows would otherwise set the
 * width of every unseen-runtime range).
 */
function pair(rs: readonly Residual[], sign: (r: Residual) => number = () => 1): QuantilePair {
  const perFold = new Map<string, number>();
  for (const r of rs) perFold.set(r.fold, (perFold.get(r.fold) ?? 0) + 1);
  const items = rs.map((r) => ({ x: sign(r) * r.logResidual, w: 1 / perFold.get(r.fold)! })).sort((a, b) => a.x - b.x);
  return { n: rs.length, q10: round(weightedQuantile(items, 0.1)), q90: round(weightedQuantile(items, 0.9)) };
}

/** Weighted quantile of sorted items: each item's weight centred on its value, linear in between. */
export function weightedQuantile(items: readonly { x: number; w: number }[], q: number): number {
  if (items.length === 0) return NaN;
  const total = items.reduce((s, i) => s + i.w, 0);
  let before = 0;
  let prev: { c: number; x: number } | undefined;
  for (const i of items) {
    const c = (before + i.w / 2) / total;
    if (c >= q) return prev ? prev.x + ((i.x - prev.x) * (q - prev.c)) / (c - prev.c) : i.x;
    prev = { c, x: i.x };
    before += i.w;
  }
  return items[items.length - 1]!.x;
}
const round = (x: number) => Math.round(x * 1e4) / 1e4;
/** The metrics with quantiles of their own (response time and per-chip throughput take the throughput's: RANGE_BASIS). */
const OWN_QUANTILE_METRICS = RANGE_METRICS.filter((m) => quantileMetric(m) === m);
const widest = (ps: readonly QuantilePair[]): QuantilePair => ({
  n: Math.max(...ps.map((p) => p.n)),
  q10: Math.min(...ps.map((p) => p.q10)),
  q90: Math.max(...ps.map((p) => p.q90)),
});

/**
 * The table: per category, the 10th/90th percentiles of ln(predicted / measured), per basis
 * metric where it has enough residuals (RANGE_BASIS), and pooled over every metric, each
 * residual read as a time's (timeSign; a metric that falls back to the pool reads it in its
 * own orientation). A category without residuals of its own takes
 * the widest of the categories it generalises (an unseen chip on an unseen runtime is never
 * narrower than either alone; nothing unseen is narrower than the seen case).
 */
export function buildTable(
  residuals: readonly Residual[],
  generatedBy: string,
  paired?: ResidualQuantileTable['paired'],
): ResidualQuantileTable {
  const raw = {} as Record<RangeCategory, { all?: QuantilePair } & Partial<Record<string, QuantilePair>>>;
  // An unseen chip's residuals are pooled whatever the runtime: with two calibrated
  // families, splitting them by runtime leaves folds too few to estimate a spread from.
  const pool: Record<RangeCategory, RangeCategory[]> = {
    seen: ['seen'],
    'unseen-runtime': ['unseen-runtime'],
    'unseen-chip': ['unseen-chip', 'unseen-both'],
    'unseen-both': ['unseen-chip', 'unseen-both'],
  };
  for (const c of RANGE_CATEGORIES) {
    const mine = residuals.filter((r) => pool[c].includes(r.category));
    // Every metric pooled, each residual read as a time's (a rate's negated): one orientation.
    raw[c] = mine.length ? { all: pair(mine, (r) => timeSign(r.metric)) } : {};
    for (const m of OWN_QUANTILE_METRICS) {
      // A metric's residuals enter its basis's quantiles, read in the basis's orientation,
      // only where the basis pools them (response-time rows check the throughput's interval,
      // they do not set it).
      const rs = mine.filter((r) => quantileMetric(r.metric) === m && RANGE_BASIS[r.metric].pooled);
      if (rs.length >= MIN_RESIDUALS_PER_METRIC) raw[c][m] = pair(rs, (r) => RANGE_BASIS[r.metric].sign);
    }
  }
  const fallback: QuantilePair = { n: 0, q10: 0, q90: 0 };
  const seenAll = raw.seen.all ?? fallback;
  const asMetric = (all: QuantilePair | undefined, m: RangeMetric) => all && pooledAs(all, m);
  const at = (c: RangeCategory, m: RangeMetric): QuantilePair | undefined => raw[c][m] ?? asMetric(raw[c].all, m);
  const categories = {} as ResidualQuantileTable['categories'];
  const parents: Record<RangeCategory, RangeCategory[]> = {
    seen: [],
    'unseen-runtime': ['seen'],
    'unseen-chip': ['seen'],
    'unseen-both': ['unseen-runtime', 'unseen-chip', 'seen'],
  };
  for (const c of RANGE_CATEGORIES) {
    const out: ResidualQuantileTable['categories'][RangeCategory] = {
      all: widest([raw[c].all ?? seenAll, ...parents[c].map((p) => categories[p]?.all ?? fallback)]),
    };
    for (const m of OWN_QUANTILE_METRICS) {
      const own = raw[c][m];
      const inherited = parents[c].map((p) => categories[p]?.[m] ?? asMetric(categories[p]?.all, m)).filter((x): x is QuantilePair => !!x);
      if (own || inherited.length) out[m] = widest([own ?? at(c, m) ?? pooledAs(out.all, m), ...inherited]);
    }
    categories[c] = out;
  }
  return { generatedBy, categories, ...(paired ? { paired } : {}) };
}

/** What a measured row shares with another: its measurement series (source) and its chip's fitted parameters (family). */
export interface SeriesOf {
  source: string;
  family: string;
  /** The row's measured value: with the residuals, how far the model moves the figure between two rows. */
  measured: number;
}

/** One pair's out-of-fold difference d = r_i − r_j, counted both ways (`x` and −`x`, each at half its weight). */
export interface PairDifference {
  metric: RangeMetric;
  /** The range category of the series (one fold, source and family: one category). */
  category: RangeCategory;
  x: number;
  w: number;
  fold: string;
  series: string;
  /**
   * The two rows are of one metric and the model moves it between them by less than
   * SMALL_CHANGE_BELOW (|ln predicted ratio|): a change of the kind a what-if that barely touches a
   * figure is (pairedSmallChange).
   */
  small: boolean;
  /** |ln(predicted ratio)| of the two rows where they are of one metric, else NaN. */
  moved: number;
}

/**
 * The pairs of out-of-fold residuals that share a fold's fit, a measurement series (one
 * source: one software stack and harness) and a chip family (one set of fitted parameters),
 * per basis metric (RANGE_BASIS, each read in its basis's orientation): d = r_i − r_j =
 * ln(predicted ratio / measured ratio). Each series (fold × source × family × metric) weighs the
 * same whatever its number of pairs, as each fold does in the ranges: a series is one draw of how
 * the model's error moves between configurations on one stack.
 */
export function pairDifferences(folds: readonly Fold[], seriesOf: (rowId: string) => SeriesOf | undefined): PairDifference[] {
  const out: PairDifference[] = [];
  for (const f of folds) {
    const groups = new Map<string, { metric: RangeMetric; category: RangeCategory; rs: { x: number; r: Residual; measured: number }[] }>();
    for (const r of f.residuals) {
      const basis = RANGE_BASIS[r.metric];
      const s = seriesOf(r.rowId);
      if (!s || !basis.pooled) continue;
      const key = `${foldKey(f)} | ${s.source} | ${s.family} | ${basis.quantiles} | ${r.category}`;
      const g = groups.get(key) ?? { metric: basis.quantiles, category: r.category, rs: [] };
      g.rs.push({ x: basis.sign * r.logResidual, r, measured: s.measured });
      groups.set(key, g);
    }
    for (const [series, { metric, category, rs }] of groups) {
      const pairs = (rs.length * (rs.length - 1)) / 2;
      for (let i = 0; i < rs.length; i++)
        for (let j = i + 1; j < rs.length; j++) {
          const [a, b] = [rs[i]!, rs[j]!];
          const d = a.x - b.x;
          // ln(predicted_a / predicted_b) = ln(measured_a / measured_b) + r_a − r_b.
          const moved = Math.log(a.measured / b.measured) + a.r.logResidual - b.r.logResidual;
          const oneMetric = a.r.metric === b.r.metric;
          const small = oneMetric && Math.abs(moved) < SMALL_CHANGE_BELOW;
          const pair = {
            metric,
            category,
            w: 0.5 / pairs,
            fold: foldKey(f),
            series,
            small,
            moved: oneMetric ? Math.abs(moved) : Number.NaN,
          };
          out.push({ ...pair, x: d }, { ...pair, x: -d });
        }
    }
  }
  return out;
}

/**
 * A change the model predicts moves a figure by less than this (|ln predicted ratio|) is a small
 * one: measured pairs the model moved by under 0.5 % differ from it by about ±10 % (80 %), where
 * pairs it moved by 0.5–1 % differ by ±15 % and pairs it moved by tens of per cent by ±30-50 %
 * (validation/pairsBySize.ts). Read with the whole table, a what-if that moved a time to first
 * token by 0.13 % was given ±70 % (a new user: "on par, 0.584–1.72×"). Below 0.5 %, not 1 %: the
 * 0.5–1 % pairs' spread is wider than the pooled small ones', and a range there must not be narrower
 * than its own pairs say (a code review).
 */
export const SMALL_CHANGE_BELOW = 0.005;

/** The paired quantiles of small changes, every group and metric pooled (they are few), each series weighing the same. */
function pairedSmallChange(diffs: readonly PairDifference[]): PairedSmallChange | undefined {
  const small = diffs.filter((d) => d.small);
  const series = new Set(small.map((d) => d.series)).size;
  if (series < MIN_SERIES_PER_METRIC) return undefined;
  // Each series weighs the same, as in every paired quantile: its small pairs' weights rescaled to sum to one.
  const weightOf = new Map<string, number>();
  for (const d of small) weightOf.set(d.series, (weightOf.get(d.series) ?? 0) + d.w);
  const items = small.map((d) => ({ x: d.x, w: d.w / weightOf.get(d.series)! })).sort((a, b) => a.x - b.x);
  return {
    n: small.length / 2,
    q10: round(weightedQuantile(items, 0.1)),
    q90: round(weightedQuantile(items, 0.9)),
    series,
    below: SMALL_CHANGE_BELOW,
  };
}

/** One group's paired quantiles: per basis metric with enough series, and pooled. */
function pairedQuantilesOf(diffs: readonly PairDifference[]): PairedQuantiles {
  const quantiles = (ds: readonly PairDifference[]): QuantilePair => {
    const items = ds.map((d) => ({ x: d.x, w: d.w })).sort((a, b) => a.x - b.x);
    return { n: ds.length / 2, q10: round(weightedQuantile(items, 0.1)), q90: round(weightedQuantile(items, 0.9)) };
  };
  const seriesCount = (ds: readonly PairDifference[]) => new Set(ds.map((d) => d.series)).size;
  const metrics: PairedQuantiles['metrics'] = {};
  for (const m of OWN_QUANTILE_METRICS) {
    const ds = diffs.filter((d) => d.metric === m);
    if (seriesCount(ds) >= MIN_SERIES_PER_METRIC) metrics[m] = { ...quantiles(ds), series: seriesCount(ds) };
  }
  return { series: seriesCount(diffs), all: quantiles(diffs), metrics };
}

/** The paired quantiles (ResidualQuantileTable.paired), for the seen category and for the rest. */
export function pairedTable(diffs: readonly PairDifference[]): NonNullable<ResidualQuantileTable['paired']> {
  const smallChange = pairedSmallChange(diffs);
  return {
    ...(smallChange ? { smallChange } : {}),
    seen: pairedQuantilesOf(diffs.filter((d) => pairedGroupOf(d.category) === 'seen')),
    unseen: pairedQuantilesOf(diffs.filter((d) => pairedGroupOf(d.category) === 'unseen')),
  };
}

/**
 * Share of pairs inside their paired 80 % range, each fold's pairs against the quantiles of the
 * other folds' pairs: by pair, and with each series weighing the same (as the quantiles do).
 */
export function pairedCoverage(diffs: readonly PairDifference[]): { pairs: number; series: number; byPair: number; bySeries: number } {
  let inside = 0;
  let insideWeight = 0;
  let weight = 0;
  const folds = [...new Set(diffs.map((d) => d.fold))];
  for (const fold of folds) {
    const table = pairedTable(diffs.filter((d) => d.fold !== fold));
    for (const d of diffs.filter((x) => x.fold === fold)) {
      const group = table[pairedGroupOf(d.category)];
      const q = (d.small && table.smallChange) || group.metrics[d.metric] || group.all;
      if (d.x >= q.q10 && d.x <= q.q90) {
        inside++;
        insideWeight += d.w;
      }
      weight += d.w;
    }
  }
  return {
    pairs: diffs.length / 2,
    series: new Set(diffs.map((d) => d.series)).size,
    byPair: diffs.length ? inside / diffs.length : NaN,
    bySeries: weight ? insideWeight / weight : NaN,
  };
}

const foldKey = (f: Fold) => `${f.kind} ${f.heldOut}`;

/**
 * Share of out-of-fold measured values inside their 80 % range, each fold against a table
 * built without it: from the other folds of `reference` (by default the folds themselves;
 * another prediction of the same rows is checked against the ranges of the shipped folds).
 */
export function coverage(
  folds: readonly Fold[],
  reference: readonly Fold[] = folds,
): {
  overall: number;
  n: number;
  byCategory: Record<string, { n: number; covered: number }>;
  /** By the metric measured (response-time rows check the throughput's interval without entering it). */
  byMetric: Record<string, { n: number; covered: number }>;
  byFold: { fold: string; n: number; covered: number }[];
} {
  const byCategory: Record<string, { n: number; covered: number }> = {};
  const byMetric: Record<string, { n: number; covered: number }> = {};
  const byFold: { fold: string; n: number; covered: number }[] = [];
  let n = 0;
  let covered = 0;
  for (const f of folds) {
    const others = reference.filter((g) => foldKey(g) !== foldKey(f)).flatMap((g) => g.residuals);
    const table = buildTable(others, 'coverage check');
    let fc = 0;
    for (const r of f.residuals) {
      // The range in the metric's own residual space: [min(q10, 0), max(q90, 0)] (it always
      // holds the value); a response time's is the throughput's, inverted.
      const q = metricQuantiles(r.category, r.metric, table);
      const inside = r.logResidual >= Math.min(q.q10, 0) && r.logResidual <= Math.max(q.q90, 0);
      const c = (byCategory[r.category] ??= { n: 0, covered: 0 });
      const m = (byMetric[r.metric] ??= { n: 0, covered: 0 });
      c.n++;
      m.n++;
      if (inside) {
        c.covered++;
        m.covered++;
        fc++;
      }
    }
    byFold.push({ fold: foldKey(f), n: f.residuals.length, covered: fc });
    n += f.residuals.length;
    covered += fc;
  }
  return { overall: n ? covered / n : NaN, n, byCategory, byMetric, byFold };
}

export const TABLE_PATH = join(ROOT, 'model', 'ranges', 'residualQuantiles.ts');

/** Writes the table as the repository's formatter would (`npm run lint` checks generated files too). */
export async function writeTable(table: ResidualQuantileTable): Promise<void> {
  const text = [
    '// Generated by `npm run validate` (validation/validate.ts, validation/rangeTable.ts) from the',
    '// out-of-fold residuals ln(predicted / measured) of the cross-validation; do not edit.',
    '// Each entry: the number of residuals and their 10th and 90th percentiles.',
    '',
    "import type { ResidualQuantileTable } from './predictionRanges';",
    '',
    `export const RESIDUAL_QUANTILES: ResidualQuantileTable = ${JSON.stringify(table, null, 2).replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, '$1:')};`,
    '',
  ].join('\n');
  const options = (await resolveConfig(TABLE_PATH)) ?? {};
  writeFileSync(TABLE_PATH, await format(text, { ...options, filepath: TABLE_PATH }));
}
