// The error on the measured rows beyond the calibration set (validation/sources/measured-*.csv:
// Gaudi, MI300X, TPU v4, H200/H100 under other stacks). None of them was ever fitted, so this
// is an out-of-sample figure for the presets as they are. Reads what `npm run validate` wrote
// (validation/out/report.csv) and rows.csv; prints median / p90 of |predicted / measured − 1|
// and the median optimism (predicted speed / measured speed − 1, speed = 1 / latency or the
// throughput: above 0 the model is too fast), overall and by trust, family, source and metric.
//
//   npm run validate && node --import tsx validation/outOfSample.ts

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measuredFiles } from './buildRows';
import { parseCsv, type CsvRecord } from './csv';
import { HERE, quantile } from './evaluate';

const calibrationIds = new Set(parseCsv(readFileSync(measuredFiles()[0]!, 'utf8')).map((r) => r.config_id));
const family = new Map(parseCsv(readFileSync(join(HERE, 'rows.csv'), 'utf8')).map((r) => [r.row_id, r.family]));
const report = parseCsv(readFileSync(join(HERE, 'out', 'report.csv'), 'utf8'));
const beyond = report.filter((r) => !calibrationIds.has(r.config_id!));
const inStats = beyond.filter((r) => r.in_stats === 'yes');

const LATENCY = new Set(['ttft', 'tpot', 'e2e', 'op_latency']);
/** Predicted speed / measured speed − 1: the sign of a latency error flipped, so above 0 is optimistic for every metric. */
const optimism = (r: CsvRecord) => (LATENCY.has(r.metric_kind!) ? 1 / (1 + Number(r.rel_error)) - 1 : Number(r.rel_error));

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
function line(label: string, rows: readonly CsvRecord[]): string {
  const a = rows.map((r) => Math.abs(Number(r.rel_error)));
  return `| ${label} | ${rows.length} | ${pct(quantile(a, 0.5))} | ${pct(quantile(a, 0.9))} | ${pct(quantile(rows.map(optimism), 0.5))} |`;
}
function table(title: string, key: (r: CsvRecord) => string): string[] {
  const groups = new Map<string, CsvRecord[]>();
  for (const r of inStats) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [
    `### ${title}`,
    '',
    '| group | n | median abs error | p90 abs error | median optimism |',
    '|---|---|---|---|---|',
    ...[...groups].sort((x, y) => x[0].localeCompare(y[0])).map(([k, rs]) => line(k, rs)),
    '',
  ];
}

console.log(
  [
    '## Rows beyond the calibration set (never fitted)',
    '',
    `${beyond.length} rows from validation/sources/measured-*.csv; ${inStats.length} in the statistics` +
      (beyond.length > inStats.length
        ? ` (not: ${beyond
            .filter((r) => r.in_stats !== 'yes')
            .map((r) => `${r.row_id}, ${r.stats_note}`)
            .join('; ')})`
        : '') +
      '.',
    'Error = predicted / measured − 1. Optimism = predicted speed / measured speed − 1 (speed = 1 / latency, or the throughput): above 0 the model is too fast.',
    '',
    '| set | n | median abs error | p90 abs error | median optimism |',
    '|---|---|---|---|---|',
    line('all', inStats),
    line(
      'A-trust',
      inStats.filter((r) => r.use_class === 'A'),
    ),
    line(
      'B-trust',
      inStats.filter((r) => r.use_class === 'B'),
    ),
    '',
    ...table('By chip family', (r) => family.get(r.row_id!) ?? '?'),
    ...table('By source', (r) => r.source_key!),
    ...table('By metric', (r) => r.metric_kind!),
  ].join('\n'),
);
