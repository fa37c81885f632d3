// Serving validation: the measured rows that calibration leaves out because their batch was
// a concurrency or a scheduler's choice (validation/excluded.csv) are simulated as what they
// were — closed-loop benchmark clients driving a continuous-batching server — and compared
// per metric. Nothing here is fitted: chips, models and runtimes are the presets and the
// runtimes of validation/runtimes.ts; each source's benchmark settings are stated below.
//
//   npm run validate:serving      (prints the table; writes validation/out/serving.md and serving.csv)
//   npm run validate:serving -- --from ../shared/calibration/measured.csv   (refreshes serving-rows.csv)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, writeCsv } from './csv';
import { servingConfigurations, servingIds, SERVING_ROWS } from './servingRows';
import {
  caseOf,
  LMDEPLOY_KV_RULE,
  LMDEPLOY_KV_RULE_LATER,
  TRTLLM_KV_RULE,
  METRIC_LABEL,
  TARGET_GROUPS,
  type Case,
  type Metric,
} from './servingCases';
import { predict } from './servingPredict';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Metrics the serving ranges do not cover: the power model's own error is in no range. */
const UNRANGED: readonly Metric[] = ['watts_mean', 'joules_per_request'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2) : NaN;
};
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;

async function main() {
  const from = process.argv.indexOf('--from');
  if (from > 0) {
    const ids = servingIds();
    const all = parseCsv(readFileSync(process.argv[from + 1]!, 'utf8')).filter((r) => ids.has(r.config_id));
    writeFileSync(SERVING_ROWS, writeCsv(all, Object.keys(all[0] ?? {})));
  }
  const configurations = servingConfigurations();
  const results: { c: Case; metric: Metric; measured: number; predicted: number; error: number; inside: boolean }[] = [];
  const skipped: string[] = [];
  const sensitivity = [
    '',
    "KV-cache size (lmdeploy rows): v0.2.0's documented rule, 50 % of the total memory, against the later versions' 50 % of the memory left after the weights and the schema default (90 % of all memory for weights and cache, vLLM's):",
    '',
    '| config | metric | measured | predicted, 50 % of total (v0.2.0) | 50 % of free (later versions) | 90 % of memory (vLLM) |',
    '|---|---|---:|---:|---:|---:|',
  ];
  const trtllmKv = [
    '',
    "KV-cache size (TensorRT-LLM rows: NIM, trtllm-bench): its documented 90 % of the memory left after the weights (an upper bound: its activation workspace is not modelled) against the schema default (90 % of all memory for weights and cache, vLLM's):",
    '',
    '| config | metric | measured | predicted, 90 % of free (TensorRT-LLM) | 90 % of memory (vLLM) |',
    '|---|---|---:|---:|---:|',
  ];
  const mechanisms = [
    '',
    'Mechanisms: each case against the same case without the mechanism its source states:',
    '',
    '| config | mechanism | metric | measured | predicted | predicted without it |',
    '|---|---|---|---:|---:|---:|',
  ];
  const assumptions = ['', '', '', '| config | assumption | metric | measured | as assumed |', '|---|---|---|---:|---:|'];
  const cell = (x: Record<Metric, number> | string, m: Case['metrics'][number]) =>
    typeof x === 'string' ? x : `${+x[m.metric].toPrecision(4)} (${pct(x[m.metric] / m.measured - 1)})`;
  const started = performance.now();
  for (const rows of configurations) {
    const c = caseOf(rows);
    if (typeof c === 'string') {
      skipped.push(`${rows[0]!.config_id}: ${c}`);
      continue;
    }
    const p = await predict(c);
    if (typeof p === 'string') {
      skipped.push(`${c.config}: ${p}`);
      continue;
    }
    // The serving ranges (model/serving/servingRanges.ts): the same case with every step at the
    // fast and the slow end of the static 80 % range; a measured value inside counts as covered.
    const ends = await Promise.all((['fast', 'slow'] as const).map((end) => predict(c, end)));
    for (const m of c.metrics) {
      const values = [p[m.metric], ...ends.map((e) => (typeof e === 'string' ? NaN : e[m.metric]))];
      const inside = Math.min(...values) <= m.measured && m.measured <= Math.max(...values);
      results.push({ c, metric: m.metric, measured: m.measured, predicted: p[m.metric], error: p[m.metric] / m.measured - 1, inside });
    }
    if (c.assumption) {
      const { from, alternatives, label } = c.assumption;
      const alt = await Promise.all(alternatives.map((to) => predict({ ...c, text: c.text.replaceAll(from, to) })));
      // Cases assume different things: each row names its own values (as assumed, then the alternatives).
      if (assumptions.length === 5) {
        assumptions[1] = 'Assumptions: each case as assumed and with the alternatives its row names:';
        assumptions[3] += ' first alternative | second alternative |';
        assumptions[4] += '---:|---:|';
      }
      for (const m of c.metrics)
        assumptions.push(
          `| ${c.config} | ${label}: ${from}, then ${alternatives.join(', ')} | ${METRIC_LABEL[m.metric]} | ${+m.measured.toPrecision(4)} | ${cell(p, m)} | ${alt.map((x) => cell(x, m)).join(' | ')} |`,
        );
    }
    for (const mechanism of c.mechanisms ?? []) {
      // How much the mechanism matters: the same case without it.
      const q = await predict({ ...c, text: c.text.replace(mechanism.from, mechanism.to) });
      if (typeof q !== 'string')
        for (const m of c.metrics)
          mechanisms.push(
            `| ${c.config} | ${mechanism.label} | ${METRIC_LABEL[m.metric]} | ${+m.measured.toPrecision(4)} | ${+p[m.metric].toPrecision(4)} (${pct(p[m.metric] / m.measured - 1)}) | ${+q[m.metric].toPrecision(4)} (${pct(q[m.metric] / m.measured - 1)}) |`,
          );
    }
    if (c.kvRule === TRTLLM_KV_RULE) {
      // How much the rule matters: the schema's default (vLLM's) instead.
      const { kvRule: _rule, ...plain } = c;
      const q = await predict(plain);
      for (const m of c.metrics)
        trtllmKv.push(`| ${c.config} | ${METRIC_LABEL[m.metric]} | ${+m.measured.toPrecision(4)} | ${cell(p, m)} | ${cell(q, m)} |`);
    }
    if (c.kvRule === LMDEPLOY_KV_RULE) {
      // How much the rule matters: the later versions' reading, and the schema's default (vLLM's).
      const { kvRule: _rule, ...plain } = c;
      const later = await predict({ ...plain, kvRule: LMDEPLOY_KV_RULE_LATER });
      const q = await predict(plain);
      const cell = (x: Record<Metric, number> | string, m: Case['metrics'][number]) =>
        typeof x === 'string' ? x : `${+x[m.metric].toPrecision(4)} (${pct(x[m.metric] / m.measured - 1)})`;
      for (const m of c.metrics)
        sensitivity.push(
          `| ${c.config} | ${METRIC_LABEL[m.metric]} | ${+m.measured.toPrecision(4)} | ${cell(p, m)} | ${cell(later, m)} | ${cell(q, m)} |`,
        );
    }
  }
  const row = (label: string, rs: typeof results) => {
    const abs = rs.map((r) => Math.abs(r.error));
    return `| ${label} | ${rs.length} | ${(100 * median(abs)).toFixed(1)} % | ${((100 * abs.reduce((x, y) => x + y, 0)) / abs.length).toFixed(1)} % | ${pct(median(rs.map((r) => r.error)))} |`;
  };
  const header = ['| metric | rows | median abs error | mean abs error | median signed error |', '|---|---:|---:|---:|---:|'];
  const inside = (rs: typeof results) => `${((100 * rs.filter((r) => r.inside).length) / rs.length).toFixed(0)} %`;
  const target = ['Target (issue 12): median abs error of TTFT and of TPOT <= 25 %.', '', ...header];
  for (const g of TARGET_GROUPS) {
    const rs = results.filter((r) => g.metrics.includes(r.metric));
    if (rs.length) target.push(`${row(`**${g.label}**`, rs)} ${median(rs.map((r) => Math.abs(r.error))) <= 0.25 ? 'met' : 'NOT met'} |`);
  }
  target[2] = `${target[2]} target |`;
  target[3] = `${target[3]}---|`;
  const lines = ['', `${header[0]} inside the serving range |`, `${header[1]}---:|`];
  // Power and energy have no serving range (the ranges carry the step time's error, not the power model's): no coverage to count.
  for (const metric of Object.keys(METRIC_LABEL) as Metric[]) {
    const rs = results.filter((r) => r.metric === metric);
    if (rs.length) lines.push(`${row(METRIC_LABEL[metric], rs)} ${UNRANGED.includes(metric) ? 'no range' : inside(rs)} |`);
  }
  const timed = results.filter((r) => !UNRANGED.includes(r.metric));
  lines.push(`${row('**every latency and rate**', timed)} **${inside(timed)}** |`);
  const bySource = ['', '| source | metric | rows | median abs error | median signed error |', '|---|---|---:|---:|---:|'];
  for (const source of new Set(results.map((r) => r.c.sourceLabel))) {
    for (const metric of Object.keys(METRIC_LABEL) as Metric[]) {
      const rs = results.filter((r) => r.c.sourceLabel === source && r.metric === metric);
      if (rs.length)
        bySource.push(
          `| ${source} | ${METRIC_LABEL[metric]} | ${rs.length} | ${(100 * median(rs.map((r) => Math.abs(r.error)))).toFixed(1)} % | ${pct(median(rs.map((r) => r.error)))} |`,
        );
    }
  }
  const detail = [
    '',
    '| config | case | metric | measured | predicted | error |',
    '|---|---|---|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.c.config} | ${r.c.label} | ${METRIC_LABEL[r.metric]} | ${+r.measured.toPrecision(4)} | ${+r.predicted.toPrecision(4)} | ${pct(r.error)} |`,
    ),
  ];
  const summary = [
    ...target,
    ...lines,
    ...bySource,
    ...mechanisms,
    ...(assumptions.length > 5 ? assumptions : []),
    ...sensitivity,
    ...trtllmKv,
  ].join('\n');
  console.log(summary);
  if (skipped.length) console.log(`\nskipped: ${skipped.join('; ')}`);
  console.log(
    `\n${configurations.length} configurations, ${results.length} metric values, simulated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // The tables of docs/validation.md are this summary, written between its markers: the doc's
  // figures are what the script prints.
  const docPath = join(HERE, '..', 'docs', 'validation.md');
  const doc = readFileSync(docPath, 'utf8');
  const [open, close] = ['<!-- validate:serving tables: start -->', '<!-- validate:serving tables: end -->'];
  if (doc.includes(open) && doc.includes(close))
    writeFileSync(docPath, `${doc.slice(0, doc.indexOf(open) + open.length)}\n\n${summary}\n\n${doc.slice(doc.indexOf(close))}`);
  // The power check the surfaces quote (model/report/labels.ts): written as a module, checked for staleness by the unit tests.
  writeFileSync(
    join(HERE, '..', 'model', 'ranges', 'measuredPower.ts'),
    measuredPowerModule(results.filter((r) => r.metric === 'watts_mean')),
  );
  const out = join(HERE, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'serving.md'), [summary, ...detail, ''].join('\n'));
  writeFileSync(
    join(out, 'serving.csv'),
    [
      'config,metric,measured,predicted,error',
      ...results.map((r) => `${r.c.config},${r.metric},${r.measured},${r.predicted},${r.error}`),
    ].join('\n') + '\n',
  );
}

/** model/ranges/measuredPower.ts from the power rows' errors. */
export function measuredPowerModule(rows: readonly { error: number; c: Pick<Case, 'sourceLabel'> }[]): string {
  return `// Written by \`npm run validate:serving\` (validation/serving.ts), do not edit: the power model
// against the GPU power measured while serving (docs/validation.md, "Power against measured GPU
// power"). test/unit/servingValidation.test.ts fails when it is stale.

export const MEASURED_POWER_CHECK = {
  /** Serving runs with measured power. */
  runs: ${rows.length},
  /** Median of modelled over measured average power per chip, minus 1. */
  medianError: ${+median(rows.map((r) => r.error)).toFixed(3)},
  /** The least and the greatest of those errors: a median near 0 can hide runs read low and runs read high. */
  lowestError: ${+Math.min(...rows.map((r) => r.error)).toFixed(3)},
  highestError: ${+Math.max(...rows.map((r) => r.error)).toFixed(3)},
  /** Where the measured power comes from (validation/sources/). */
  source: '${[...new Set(rows.map((r) => r.c.sourceLabel))].join('; ').replace(/[\\']/g, (c) => `\\${c}`)}',
} as const;
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
