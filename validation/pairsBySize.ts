// The paired error by how far the model moves a figure between the two rows of a pair: the
// evidence for the small-change paired quantiles (rangeTable.ts SMALL_CHANGE_BELOW). Reads the
// folds `npm run validate` wrote (validation/out/cross-validation.json) and pairs them as the
// paired table does. Usage: node --import tsx validation/pairsBySize.ts

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareAll } from './calibrate';
import type { Fold } from './crossValidate';
import { pairDifferences, weightedQuantile } from './rangeTable';

const HERE = __dirname;
async function main(): Promise<void> {
  const folds: Fold[] = JSON.parse(readFileSync(join(HERE, 'out', 'cross-validation.json'), 'utf8'));
  const prepared = await prepareAll();
  const rows = new Map(
    prepared.map((p) => [p.row.row_id, { source: p.row.source_key, family: p.row.family || p.row.chip, measured: Number(p.row.measured) }]),
  );
  const diffs = pairDifferences(folds, (id) => rows.get(id)).filter((d) => Number.isFinite(d.moved));
  const edges = [0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, Number.POSITIVE_INFINITY];
  const pct = (x: number) => `${+(100 * x).toPrecision(2)} %`;
  console.log('| model moves the figure by | pairs | series | 80 % of pairs within (each series weighing the same) |');
  console.log('|---|---|---|---|');
  for (let i = 0; i + 1 < edges.length; i++) {
    const bin = diffs.filter((d) => d.moved >= edges[i]! && d.moved < edges[i + 1]!);
    if (bin.length === 0) continue;
    // |d| by series weight, each series' pairs in the bin summing to one.
    const weightOf = new Map<string, number>();
    for (const d of bin) weightOf.set(d.series, (weightOf.get(d.series) ?? 0) + d.w);
    const items = bin.map((d) => ({ x: Math.abs(d.x), w: d.w / weightOf.get(d.series)! })).sort((a, b) => a.x - b.x);
    const q80 = weightedQuantile(items, 0.8);
    const to = Number.isFinite(edges[i + 1]!) ? pct(edges[i + 1]!) : 'more';
    console.log(
      `| ${pct(edges[i]!)} to ${to} | ${bin.length / 2} | ${weightOf.size} | ×${Math.exp(-q80).toFixed(2)} to ×${Math.exp(q80).toFixed(2)} |`,
    );
  }
}

void main();
