// A self-contained HTML report of one design point: the headline numbers (against the
// baseline when there is one), memory, chip rates, where the time goes, sensitivities, the
// batch curve, the views' charts when the panel supplied them, and the JSON. Every piece
// of user or model text is escaped; charts are embedded as images so nothing in them runs.

import type { Analysis } from '../../model/analysis';
import type { EvaluationResult, PhaseResult } from '../../model/result';
import { formatQuantity, formatSI } from '../../model/units';
import { formatChange, formatMs, formatPercent, formatRate, formatRatio, formatSignedWatts, formatUsd, formatWatts, significant } from './format';

export interface ReportChart { title: string; svg: string }

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
  const sections = [
    problems(analysis),
    r ? headline(analysis, r) : '<p class="warn">The config could not be evaluated; fix the problems above.</p>',
    r ? memory(r) : '',
    r ? chip(r) : '',
    r ? phaseTable('Where the time goes: one decode step', r.phases.decode) : '',
    r ? phaseTable('Where the time goes: prefill', r.phases.prefill) : '',
    sensitivity(analysis),
    batchCurve(analysis),
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
  const cell = (tag: 'th' | 'td', c: Cell) => (typeof c === 'string' ? `<${tag}>${escapeHtml(c)}</${tag}>` : `<${tag} class="n">${escapeHtml(c.n)}</${tag}>`);
  return `<table><thead><tr>${head.map((c) => cell('th', c)).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('')}</tbody></table>`;
}

const n = (text: string): Cell => ({ n: text });

function problems(analysis: Analysis): string {
  if (analysis.diagnostics.length === 0) return '';
  return `<section><h2>Problems</h2>${table(['Severity', 'Key', 'Message'], analysis.diagnostics.map((d) => [d.severity, d.path || '—', d.message]))}</section>`;
}

function headline(analysis: Analysis, r: EvaluationResult): string {
  const b = analysis.baseline;
  const rows: [string, (x: EvaluationResult) => string, number | undefined][] = [
    ['Per-token latency (decode step)', (x) => formatMs(x.decode.msPerToken), b?.ratios.decodeSpeedup],
    ['Time to first token', (x) => formatMs(x.prefill.ms), b?.ratios.prefillSpeedup],
    ['Response time', (x) => formatMs(x.response.ms), undefined],
    ['Throughput (output tokens/s, system)', (x) => formatRate(x.throughput.outputTokensPerSecond), undefined],
    ['Average power per chip', (x) => `${formatWatts(x.power.watts)}${x.power.throttled ? ' (throttled)' : ''}`, undefined],
    ['Energy per output token', (x) => formatQuantity(x.energy.joulesPerOutputToken, 'energy'), b?.ratios.perfPerWatt],
    ['Cost per million output tokens', (x) => `${formatUsd(x.cost.usdPerMillionOutputTokens)}${x.cost.capitalKnown ? '' : ' (electricity only)'}`, undefined],
    // No ratio when a side has no chip price (the engine gives 0).
    ['Cost per response', (x) => formatUsd(x.cost.usdPerResponse), b && b.ratios.costPerResponse > 0 ? b.ratios.costPerResponse : undefined],
    ['Chip price', (x) => (x.silicon ? `${formatUsd(x.silicon.chipPriceUsd)} (${x.silicon.priceSource})` : 'unknown'), undefined],
    ['Die area', (x) => (x.silicon?.dieAreaMm2 != null ? `${Math.round(x.silicon.dieAreaMm2)} mm² (${x.silicon.process})` : '—'), undefined],
    ['Decode bottleneck', (x) => x.decode.bottleneck, undefined],
  ];
  const head: Cell[] = b ? ['', 'This design', b.name, 'Better by'] : ['', 'This design'];
  const body = rows.map(([label, get, ratio]) => (b ? [label, n(get(r)), n(get(b.result)), n(ratio !== undefined ? formatRatio(ratio) : '')] : [label, n(get(r))]));
  return `<section><h2>Headline</h2>${table(head, body)}</section>`;
}

function memory(r: EvaluationResult): string {
  const m = r.memory.perChip;
  return `<section><h2>Memory per chip</h2>${table(['Weights', 'KV cache', 'Capacity', 'Used', 'Largest batch that fits'], [[
    n(formatQuantity(m.weightsBytes, 'bytes')), n(formatQuantity(m.kvCacheBytes, 'bytes')), n(formatQuantity(m.capacityBytes, 'bytes')),
    n(formatPercent((m.weightsBytes + m.kvCacheBytes) / m.capacityBytes)), n(String(r.memory.maxBatch)),
  ]])}${r.memory.fits ? '' : '<p class="error">Weights and KV cache do not fit in memory.</p>'}</section>`;
}

function chip(r: EvaluationResult): string {
  const peaks = Object.entries(r.chip.peakOpsPerSecond).map(([dtype, v]) => [`Peak ${dtype}`, n(formatSI(v ?? 0, dtype.startsWith('int') ? 'OPS' : 'FLOPS'))]);
  return `<section><h2>Chip</h2>${table(['Rate', 'Value'], [
    ...peaks,
    ['Memory bandwidth', n(formatQuantity(r.chip.memoryBandwidthBytesPerSecond, 'bandwidth'))],
    ['SRAM bandwidth', n(formatQuantity(r.chip.sramBandwidthBytesPerSecond, 'bandwidth'))],
    ['Link bandwidth', n(formatQuantity(r.chip.linkBandwidthBytesPerSecond, 'bandwidth'))],
    [`Ridge point (${r.chip.computeDtype})`, n(`${significant(r.chip.ridgeOpsPerByte)} op/B`)],
    ['Utilisation in decode: memory bandwidth', n(formatPercent(r.utilization.memoryBandwidth))],
    ['Utilisation in decode: compute', n(formatPercent(r.utilization.compute))],
  ])}</section>`;
}

function phaseTable(title: string, phase: PhaseResult): string {
  const rows = [...phase.operators]
    .sort((a, b) => b.time.total * b.count - a.time.total * a.count)
    .map((op) => [
      op.label + (op.fixedFunction ? ' (hard-wired)' : op.fellBack ? ' (fell back)' : ''), op.unit,
      n(formatMs(op.time.total * op.count * 1000)), n(formatPercent(phase.seconds > 0 ? (op.time.total * op.count) / phase.seconds : 0)),
      op.bottleneck, n(formatSI(op.flops * op.count, 'FLOP')), n(formatQuantity(op.offChipBytes * op.count, 'bytes')),
    ]);
  return `<section><h2>${escapeHtml(title)}</h2><p>${escapeHtml(`${formatMs(phase.seconds * 1000)} per pass, ${phase.bottleneck}-bound (bounds ${formatMs(phase.bounds.lowerSeconds * 1000)} – ${formatMs(phase.bounds.upperSeconds * 1000)}).`)}</p>${table(
    ['Operator', 'Unit', n('Time'), n('Share'), 'Limited by', n('Work'), n('Off-chip bytes')], rows)}</section>`;
}

function sensitivity(analysis: Analysis): string {
  const rows = analysis.sensitivity
    .filter((s) => Math.abs(s.decodeMsPerToken) + Math.abs(s.prefillMs) + Math.abs(s.joulesPerOutputToken) + Math.abs(s.usdPerResponse) > 0.001)
    .sort((a, b) => Math.abs(b.decodeMsPerToken) - Math.abs(a.decodeMsPerToken))
    .map((s) => [s.path, n(formatChange(s.step)), n(formatChange(s.decodeMsPerToken)), n(formatChange(s.prefillMs)), n(formatChange(s.joulesPerOutputToken)), n(formatChange(s.usdPerResponse)), n(formatSignedWatts(s.wattsDelta))]);
  if (!rows.length) return '';
  return `<section><h2>Sensitivity</h2>${table(['Key', n('Change'), n('Per-token latency'), n('TTFT'), n('J/token'), n('$/response'), n('Power')], rows)}</section>`;
}

function batchCurve(analysis: Analysis): string {
  const points = analysis.batchCurve.design;
  if (!points.length) return '';
  return `<section><h2>Batch size</h2>${table([n('Batch'), n('ms/token'), n('TTFT'), n('tokens/s'), 'Fits'], points.map((p) => [
    n(String(p.batch)), n(significant(p.decodeMsPerToken)), n(formatMs(p.prefillMs)), n(formatRate(p.outputTokensPerSecond)), p.fits ? 'yes' : 'no',
  ]))}</section>`;
}

function charts(list: readonly ReportChart[]): string {
  if (!list.length) return '';
  const figures = list.map((c) => `<figure><img alt="${escapeHtml(c.title)}" src="data:image/svg+xml;base64,${base64(c.svg)}"><figcaption>${escapeHtml(c.title)}</figcaption></figure>`);
  return `<section><h2>Views</h2>${figures.join('\n')}</section>`;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
