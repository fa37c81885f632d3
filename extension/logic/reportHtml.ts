// A self-contained HTML report of one design point: the headline numbers (against the
// baseline when there is one), memory, chip rates, where the time goes, sensitivities, the
// batch curve, the views' charts when the panel supplied them, and the JSON. Every piece
// of user or model text is escaped; charts are embedded as images so nothing in them runs.

import type { Analysis } from '../../model/analysis';
import { batchCurveReport } from '../../model/report/batchCurve';
import { findMetric, metricPairs, otherRangeNotes, pairedRangeNote, reportFor } from '../../model/report/build';
import {
  formatBytes,
  formatChange,
  formatMm2,
  formatMs,
  formatOps,
  formatPercent,
  formatRange,
  formatSignedWatts,
  formatUsd,
} from '../../model/report/format';
import { BOTTLENECK_LABEL, THROUGHPUT_ONLY_RANGES, UNIT_LABEL } from '../../model/report/labels';
import { COMPARED_COSTS, METRICS } from '../../model/report/metrics';
import type { DesignReport, Metric, Report } from '../../model/report/types';
import { modelledPriceApart, type PhaseResult } from '../../model/result';

export interface ReportChart {
  title: string;
  svg: string;
}

export interface ReportInput {
  analysis: Analysis;
  /** How the config is named in the report (a workspace-relative path). */
  fileLabel: string;
  generatedAt: Date;
  charts: readonly ReportChart[];
  /** The JSON written beside the report, embedded as well. */
  json: unknown;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function reportHtml(input: ReportInput): string {
  const { analysis } = input;
  const r = analysis.result;
  const report = reportFor(analysis);
  const design = report.design;
  const sections = [
    problems(analysis),
    design ? headline(report, design) : '<p class="warn">The config could not be evaluated; fix the problems above.</p>',
    design ? memory(design) : '',
    design ? chip(design) : '',
    silicon(analysis),
    r ? phaseTable('Where the time goes: one decode step', r.phases.decode) : '',
    r ? phaseTable('Where the time goes: prefill', r.phases.prefill) : '',
    sensitivity(analysis),
    batchCurve(analysis, report.valid),
    charts(input.charts),
    `<section><h2>Data</h2><details><summary>JSON (also saved beside this report)</summary><pre>${escapeHtml(JSON.stringify(input.json, null, 2))}</pre></details></section>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Jalapeño report: ${analysis.name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(analysis.name)}</h1>
<p class="meta">${escapeHtml(input.fileLabel)} · evaluated ${escapeHtml(input.generatedAt.toISOString())} · Jalapeño design explorer</p>
${sections.filter(Boolean).join('\n')}
<script type="application/json" id="jalapeno-data">${JSON.stringify(input.json).replace(/</g, '\\u003c')}</script>
</body>
</html>
`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
h1 { margin-bottom: 0; } .meta { color: #59636e; margin-top: .2rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; width: 100%; }
th, td { border-bottom: 1px solid #d1d9e0; padding: .25rem .5rem; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.warn { color: #9a6700; } .error { color: #d1242f; }
figure { margin: 1rem 0; } figure img { max-width: 100%; border: 1px solid #d1d9e0; }
pre { white-space: pre-wrap; font-size: 12px; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } th, td { border-color: #30363d; } .meta { color: #9198a1; } }
`;

type Cell = string | { n: string };

function table(head: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const cell = (tag: 'th' | 'td', c: Cell) =>
    typeof c === 'string' ? `<${tag}>${escapeHtml(c)}</${tag}>` : `<${tag} class="n">${escapeHtml(c.n)}</${tag}>`;
  return `<table><thead><tr>${head.map((c) => cell('th', c)).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('')}</tbody></table>`;
}

const n = (text: string): Cell => ({ n: text });

function problems(analysis: Analysis): string {
  if (analysis.diagnostics.length === 0) return '';
  return `<section><h2>Problems</h2>${table(
    ['Severity', 'Key', 'Message'],
    analysis.diagnostics.map((d) => [d.severity, d.path || '—', d.message]),
  )}</section>`;
}

function headline(report: Report, design: DesignReport): string {
  const b = report.baseline;
  const rows = metricPairs(design.metrics, b?.report.metrics)
    .filter((p) => HEADLINE.has(p.id))
    .map((p) => {
      const ratio = b?.ratios.find((r) => r.metricId === p.id);
      return b ? [p.label, n(valueText(p.design)), n(valueText(p.baseline)), n(ratio?.wording ?? '')] : [p.label, n(valueText(p.design))];
    });
  const head: Cell[] = b ? ['', 'This design', b.name, 'Compared'] : ['', 'This design'];
  const invalid = report.valid
    ? ''
    : '<p class="error">The config has problems (see Problems) that leave these numbers not a valid result.</p>';
  // What the brackets are: the 80 % prediction ranges' basis, and any range of another kind (the die area's).
  const notes = [
    ...(design.ranges
      ? [
          `[a–b]: 80 % prediction range, from cross-validated errors for ${design.ranges.basis}`,
          ...(design.ranges.limits ? [`[a–b]: ${design.ranges.limits}`] : []),
          THROUGHPUT_ONLY_RANGES,
        ]
      : []),
    // Only for the rows the table shows.
    ...otherRangeNotes(design.metrics.filter((m) => HEADLINE.has(m.id))),
    ...(b ? [pairedRangeNote(b.ratios.filter((r) => HEADLINE.has(r.metricId)))].filter((t): t is string => t !== undefined) : []),
  ];
  return `<section><h2>Headline</h2>${invalid}${table(head, rows)}${notes.map((t) => `<p class="meta">${escapeHtml(t)}</p>`).join('')}</section>`;
}

const HEADLINE = new Set(
  METRICS.filter((m) => m.headline)
    .map((m) => m.id)
    // The costs a cost ratio divides, where its prices are not the rows' own (its row holds the ratio).
    .concat(['energy.perfPerWatt', ...COMPARED_COSTS.map((c) => c.id)]),
);

function valueText(m: Metric | undefined): string {
  if (!m) return '—';
  return `${m.text}${m.note ? ` (${m.note})` : ''}${m.range ? ` [${m.range.text}]` : ''}`;
}

function memory(design: DesignReport): string {
  const ids = [
    'memory.perChip.weightsBytes',
    'memory.perChip.kvCacheBytes',
    'memory.perChip.capacityBytes',
    'memory.perChip.usedBytes',
    'memory.maxBatch',
  ];
  const metrics = ids.map((id) => findMetric(design, id));
  const fits = !findMetric(design, 'memory.perChip.usedBytes')?.note;
  // One row per memory level the chip declares: what it holds and serves, and its rates.
  const levels = design.memoryLevels.levels.map((l) => [
    l.label,
    ...[l.metrics.weights, l.metrics.kvCache, l.metrics.kvCacheShare, l.metrics.capacity, l.metrics.bandwidth].map((m) => n(m.text)),
  ]);
  return `<section><h2>Memory per chip</h2>${table(
    metrics.map((m) => m?.label ?? ''),
    [metrics.map((m) => n(m?.text ?? '—'))],
  )}${table(
    ['Level', n('Weights'), n('KV cache'), n('Share of KV reads'), n('Capacity'), n('Bandwidth')],
    levels,
  )}${fits ? '' : '<p class="error">Weights and KV cache do not fit in memory.</p>'}</section>`;
}

function chip(design: DesignReport): string {
  const utilization = ['utilization.memoryBandwidth', 'utilization.compute']
    .map((id) => findMetric(design, id))
    .filter((m): m is Metric => !!m);
  return `<section><h2>Chip</h2>${table(
    ['Rate', 'Value'],
    [...design.chip, ...utilization].map((m) => [m.label, n(m.text)]),
  )}</section>`;
}

/**
 * The die the price is modelled from: area by component (the area view's, as a table) and the
 * price's parts, and the baseline's modelled and given prices, which a cost ratio at modelled
 * prices compares.
 */
function silicon(analysis: Analysis): string {
  const s = analysis.result?.silicon;
  if (!s || s.dieAreaMm2 === null || !s.price) return '';
  const total = s.dieAreaMm2;
  const area = table(
    ['Component', n('Area'), n('Share'), 'How'],
    s.components.map((c) => [c.label, n(formatMm2(c.mm2)), n(formatPercent(c.mm2 / total)), c.detail]),
  );
  const p = s.price;
  const parts: [string, number][] = [
    ['Dies (wafer, yield)', p.dieUsd],
    ['Memory', p.memoryUsd],
    ['Package (substrate, interposer)', p.packageUsd],
    ['Assembly (bonds that fail)', p.assemblyUsd],
    ['Test', p.testUsd],
    ['Board or module', p.boardUsd],
    ['Manufactured cost', p.costUsd],
    ['Margin', p.marginUsd],
    ...(p.nreUsd > 0 ? [['Design (NRE per chip)', p.nreUsd] as [string, number]] : []),
    ['Server share', p.systemUsd],
    ['Modelled price', p.priceUsd],
  ];
  const price = table(
    ['Part', n('USD')],
    parts.map(([label, usd]) => [label, n(formatUsd(usd))]),
  );
  const summary = `${formatMm2(total)} at ${s.process}${s.chiplets > 1 ? ` in ${s.chiplets} chiplets` : ''}, yield ${formatPercent(p.yield)}; chip price ${formatUsd(s.chipPriceUsd)} (${s.priceSource === 'given' ? 'given' : s.modelledOverPreset ? `scaled from ${s.modelledOverPreset.presetId}'s price` : 'modelled'})${modelledPriceApart(s) ? `, modelled ${formatUsd(s.modelledPriceUsd ?? p.priceUsd)}` : ''}.`;
  const b = analysis.baseline?.result.silicon;
  const baseline =
    b && b.chipPriceUsd !== null
      ? `<p class="meta">${escapeHtml(`The baseline: chip price ${formatUsd(b.chipPriceUsd)} (${b.priceSource === 'given' ? 'given' : 'modelled'})${b.modelledPriceUsd !== null && b.modelledPriceUsd !== undefined ? `, modelled from its die ${formatUsd(b.modelledPriceUsd)}` : ', its die not modelled'}.`)}</p>`
      : '';
  return `<section><h2>Silicon</h2><p>${escapeHtml(summary)}</p>${area}${price}${baseline}</section>`;
}

function phaseTable(title: string, phase: PhaseResult): string {
  const rows = [...phase.operators]
    .sort((a, b) => b.time.total * b.count - a.time.total * a.count)
    .map((op) => [
      op.label + (op.fixedFunction ? ' (hard-wired)' : op.fellBack ? ' (fell back)' : ''),
      UNIT_LABEL[op.unit],
      n(formatMs(op.time.total * op.count * 1000)),
      n(formatPercent(phase.seconds > 0 ? (op.time.total * op.count) / phase.seconds : 0)),
      BOTTLENECK_LABEL[op.bottleneck],
      n(formatOps(op.flops * op.count, op.dtype)),
      n(formatBytes(op.offChipBytes * op.count)),
    ]);
  return `<section><h2>${escapeHtml(title)}</h2><p>${escapeHtml(`${formatMs(phase.seconds * 1000)} per pass, ${BOTTLENECK_LABEL[phase.bottleneck].toLowerCase()} (bounds ${formatRange(formatMs(phase.bounds.lowerSeconds * 1000), formatMs(phase.bounds.upperSeconds * 1000))}).`)}</p>${table(
    ['Operator', 'Unit', n('Time'), n('Share'), 'Limited by', n('Work'), n('Off-chip bytes')],
    rows,
  )}</section>`;
}

function sensitivity(analysis: Analysis): string {
  const rows = analysis.sensitivity
    .filter(
      (s) => Math.abs(s.decodeMsPerToken) + Math.abs(s.prefillMs) + Math.abs(s.joulesPerOutputToken) + Math.abs(s.usdPerResponse) > 0.001,
    )
    .sort((a, b) => Math.abs(b.decodeMsPerToken) - Math.abs(a.decodeMsPerToken))
    .map((s) => [
      s.path,
      n(formatChange(s.step)),
      n(formatChange(s.decodeMsPerToken)),
      n(formatChange(s.prefillMs)),
      n(formatChange(s.joulesPerOutputToken)),
      n(formatChange(s.usdPerResponse)),
      n(formatSignedWatts(s.wattsDelta)),
    ]);
  if (!rows.length) return '';
  return `<section><h2>Sensitivity</h2>${table(['Key', n('Change'), n('Per-token latency'), n('TTFT'), n('J/token'), n('$/response'), n('Power')], rows)}</section>`;
}

function batchCurve(analysis: Analysis, valid: boolean): string {
  const points = batchCurveReport(analysis.batchCurve.design, analysis.result?.rangeCategory, valid);
  if (!points.length) return '';
  // The report's texts, each with its 80 % range as in the headline: "8.29 ms [6.62–24.1 ms]".
  const ranged = (m: Metric) => n(valueText(m));
  return `<section><h2>Batch size</h2>${table(
    [n('Batch'), n('Per-token latency'), n('TTFT'), n('Throughput'), 'Fits'],
    points.map((p) => [n(String(p.batch)), ranged(p.decode), ranged(p.prefill), ranged(p.throughput), p.fits ? 'yes' : 'no']),
  )}</section>`;
}

function charts(list: readonly ReportChart[]): string {
  if (!list.length) return '';
  const figures = list.map(
    (c) =>
      `<figure><img alt="${escapeHtml(c.title)}" src="data:image/svg+xml;base64,${base64(c.svg)}"><figcaption>${escapeHtml(c.title)}</figcaption></figure>`,
  );
  return `<section><h2>Views</h2>${figures.join('\n')}</section>`;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
