// The readable summaries the CLI prints without --json: every number is a report metric's
// text and every comparison a report ratio's wording (model/report), so the table reads
// exactly like the editor.

import type { Analysis } from '../model/analysis';
import { isUnstated } from '../model/diagnostics';
import { diagnosticJson } from '../model/report/json';
import { buildReport, findMetric, findRatio, metricPairs, otherRangeNotes, pairedRangeNote } from '../model/report/build';
import { formatMs, formatPercent, formatWatts, significant } from '../model/report/format';
import { computeDtypeFor } from '../model/dtypes';
import { datapathIdleText } from '../model/report/labels';
import { ELECTRICITY_ONLY, SERVED_AT_SATURATION, SERVING_OVERLOADED, THROUGHPUT_ONLY_RANGES } from '../model/report/labels';
import type { Metric, Ratio, Report, ReportDiagnostic } from '../model/report/types';
import type { SweepRow } from '../model/report/sweep';
import { isTrafficMetric } from '../model/report/traffic';
import { relative } from 'node:path';

const LABEL_WIDTH = 34;

/** The serving runtime in effect: the software assumption behind every number below. */
function runtimeLine(rt: NonNullable<Analysis['design']>['runtime'], hostLaunch: boolean): string {
  const p = rt.provenance;
  // The generic runtime is fitted to five frameworks at once: which one serves is unknown, so
  // its ranges are a runtime the fit never saw (the legend's), not "fitted" as a framework is.
  const evidence =
    p.id === 'generic'
      ? `fitted to five frameworks' runs at once: no one framework's${p.modified ? ', not with these values' : ''}`
      : p.evidence === 'fitted'
        ? `fitted to measured runs${p.modified ? ', not with these values' : ''}`
        : 'prior: little measured data';
  const id = `${p.id}${p.modified ? ' with overrides' : ''} (${evidence})`;
  const buckets = rt.shapeBuckets === 'none' ? '' : ` · shapes padded to power-of-two buckets ≥ ${rt.smallestBucketTokens} tokens`;
  const request = rt.requestOverheadSeconds > 0 ? ` · +${formatMs(rt.requestOverheadSeconds * 1e3)}/request served` : '';
  // A decode step replayed from a captured graph pays neither host cost in decode (an
  // architect's review: `runtime: vllm` halved a decode the line said cost 2 µs per launch).
  const replayed = rt.decodeLaunch === 'graph' ? ` (${hostLaunch ? 'both ' : ''}prefill only: decode replays a captured graph)` : '';
  return `${id} · GEMM kernels ${formatPercent(rt.gemmEfficiency)} · prefill +${formatMs(rt.prefillOverheadSeconds * 1e3)} · step +${formatMs(rt.stepOverheadSeconds * 1e3)} · +${formatMs(rt.sequenceOverheadSeconds * 1e3)}/sequence · launch ${hostLaunch ? formatMs(rt.launchOverheadSeconds * 1e3) : 'none (the chip issues its own schedule)'} · collective ${formatMs(rt.collectiveOverheadSeconds * 1e3)}${replayed} · ${rt.groupedAttention ? 'GQA-aware' : 'per-query-head'} KV reads${buckets}${request}`;
}

/**
 * The chip's behaviour the config leaves to defaults (a chip written from its spec sheet): the
 * pooled prior of the measured chips and the presets' idle rule, said once above the numbers
 * they shape. Empty when every such key is stated (a preset states them all).
 */
function chipDefaultsLine(analysis: Analysis): string | undefined {
  const d = analysis.design;
  if (!d) return undefined;
  const hw = d.hardware;
  const defaulted = (path: string) => analysis.origins.get(path)?.kind === 'default';
  const unstated = (path: string) => isUnstated(analysis.origins.get(path));
  // The chip's off-chip memory, when it has one (`chip.memory.technology: none` leaves the key unread).
  const memory = hw.memoryLevels.find((l) => l.id === hw.mainMemory && l.configPath === 'chip.memory');
  const parts = [
    defaulted('chip.matrix.efficiency') && `matrix ${formatPercent(hw.matrix.efficiency)} of peak`,
    defaulted('chip.memory.efficiency') && memory && `memory ${formatPercent(memory.efficiency)} of its bandwidth`,
    defaulted('chip.dispatch_overhead') && `${formatMs(hw.dispatchOverheadSeconds * 1e3)} per kernel`,
    defaulted('chip.link.latency') && `${formatMs(hw.link.latencySeconds * 1e3)} per hop`,
  ].filter((x): x is string => typeof x === 'string');
  // The default MAC energy at a node carries a GPU's operand delivery (its register files): the
  // largest default behind a from-scratch chip's power and energy (an architect's review).
  const dtype = computeDtypeFor(hw.matrix, d.workload.precision.activations);
  const macJoules = hw.energy.macJoules[dtype];
  const macEnergy =
    analysis.config?.chip.process !== undefined && unstated(`chip.energy.mac.${dtype}`) && macJoules !== undefined
      ? `${dtype} MAC ${significant(macJoules * 1e12)} pJ (Horowitz's arithmetic + a GPU's operand delivery, at ${analysis.config.chip.process}: \`chip.energy.mac\` if the arrays feed it for less)`
      : undefined;
  const idle =
    hw.idlePowerSource === 'share of TDP'
      ? `idle ${formatPercent(hw.idlePowerWatts / hw.tdpWatts)} of TDP (the presets' rule)`
      : hw.idlePowerSource === 'share of datapath TDP'
        ? `idle ${datapathIdleText(hw.idlePowerWatts)}, the presets' rule`
        : hw.idlePowerSource === 'die area'
          ? `idle the modelled die's leakage, ${formatWatts(hw.idlePowerWatts)}`
          : hw.idlePowerSource === 'scaled from preset'
            ? `idle ${formatWatts(hw.idlePowerWatts)}, the preset's scaled with its rule to this die and TDP`
            : undefined;
  // Where active power follows the silicon, whether the arrays stay clocked through a step's
  // waits on memory is the next largest default behind a memory-bound decode's power.
  const clocked =
    hw.activePowerSource === 'datapath' && defaulted('chip.matrix.clock_gated')
      ? 'arrays clocked through waits on memory, as a GPU’s SMs are (`chip.matrix.clock_gated: true` if DMA engines feed them)'
      : undefined;
  if (!parts.length && !idle && !macEnergy && !clocked) return undefined;
  const prior = parts.length ? `the measured chips' pooled values: ${parts.join(' · ')}` : '';
  return `chip, not stated: ${[prior, macEnergy, clocked, idle].filter(Boolean).join('; ')}`;
}

/**
 * A table's long notes, numbered under it: a price note ("scaled from jalapeno's price:
 * chip.sram.capacity differs from jalapeno") inline made its column 80 characters wide and the
 * table 250. Short ones ("dispatch & software overhead", "electricity only: no chip price") stay in the cell.
 */
class Footnotes {
  static readonly INLINE_CHARACTERS = 40;
  private readonly notes: string[] = [];
  /**
   * The note as the cell shows it: itself, or its footnote's mark (one mark per distinct note).
   * `after`: the text the mark follows; after a unit that ends in a superscript ("mm²") the mark
   * is in superscript parentheses, as "1,430 mm² ²" read like mm⁴ (an architect's review).
   */
  mark(note: string, after = ''): string {
    if (note.length <= Footnotes.INLINE_CHARACTERS) return ` (${note})`;
    const i = this.notes.includes(note) ? this.notes.indexOf(note) : this.notes.push(note) - 1;
    return /[⁰¹²³⁴⁵⁶⁷⁸⁹]$/.test(after) ? ` ⁽${Footnotes.marker(i)}⁾` : ` ${Footnotes.marker(i)}`;
  }
  lines(): string[] {
    return this.notes.map((note, i) => `${Footnotes.marker(i)} ${note}`);
  }
  /** ¹ … ⁹, ¹⁰ …: superscripts throughout ("[10]" would read as a range, which the table writes in brackets). */
  private static marker(i: number): string {
    return String(i + 1).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
  }
}

/**
 * A ratio's words, a cost ratio's basis (the prices it compares) set under the table: inline it
 * ran the row past 300 characters, cut off in any terminal (an operator's review). What the
 * range leaves out ("power not validated") stays beside the verdict it qualifies.
 */
function ratioCell(r: Ratio, notes: Footnotes): string {
  return r.basis && r.wording.endsWith(`, ${r.basis})`) ? `${r.wording.slice(0, -r.basis.length - 3)})${notes.mark(r.basis)}` : r.wording;
}

const cellOf = (m: Metric | undefined, notes: Footnotes): string =>
  m ? `${m.text}${m.note ? notes.mark(m.note, m.text) : ''}${m.range ? ` [${m.range.text}]` : ''}` : '—';

/** The static batch in words: "16 requests of 1,024 + 256 tokens, run together". */
function staticBatchText(w: NonNullable<Analysis['design']>['workload']): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return w.batch === 1
    ? `1 request of ${n(w.promptTokens)} + ${n(w.outputTokens)} tokens`
    : `${n(w.batch)} requests of ${n(w.promptTokens)} + ${n(w.outputTokens)} tokens, run together`;
}

/**
 * The eval table. `width`: the terminal's columns, where the output is one: a table wider than
 * them is printed stacked, each metric's cells on lines of their own under it (a new user's first
 * command printed 220-column rows that a 120-column terminal wrapped into staggered halves).
 * Without it (a pipe, a file, a script), the one-row-per-metric table.
 */
export function summaryTable(analysis: Analysis, report: Report = buildReport(analysis), columnsWide?: number): string {
  const width = usableWidth(columnsWide);
  const lines: string[] = [];
  lines.push(`${report.name}  (${relative(process.cwd(), analysis.file)})`);
  const design = report.design;
  // The design line only with a result: without one, values may be stand-in defaults.
  if (analysis.design && design) {
    if (report.setting) lines.push(`  ${report.setting}`);
    lines.push(`  runtime: ${runtimeLine(analysis.design.runtime, analysis.design.hardware.hostLaunch)}`);
    const chipDefaults = chipDefaultsLine(analysis);
    if (chipDefaults) lines.push(`  ${chipDefaults}`);
    const basis = design.ranges?.basis;
    if (basis) {
      lines.push(`  [a–b]: 80 % prediction range, from cross-validated errors for ${basis}`);
      // Each metric's errors were measured on its own rows (decode at small batches, throughput
      // mostly at large ones): a per-token end times the tokens is not a response-time end.
      lines.push(`  each range is its own metric's, from the rows that measured it: do not multiply a per-token end out`);
      // Power has no measured rows: its ranges are the throughput's alone (docs/model.md).
      lines.push(`  ${THROUGHPUT_ONLY_RANGES}`);
    }
    if (design.ranges?.serving) lines.push(`  [a–b] on ${design.ranges.serving}`);
    if (design.ranges?.limits) lines.push(`  [a–b]: ${design.ranges.limits}`);
    for (const line of otherRangeNotes(design.metrics)) lines.push(`  ${line}`);
    const paired = report.baseline && pairedRangeNote(report.baseline.ratios);
    if (paired) lines.push(`  ${paired}`);
    if (report.traffic) lines.push(`  serving and fleet rows: ${report.traffic}`);
  }
  if (design) {
    const baseline = report.baseline;
    const pairs = [...metricPairs(design.metrics, baseline?.report.metrics), ...metricPairs(design.chip, baseline?.report.chip)];
    const notes = new Footnotes();
    // A baseline whose fleet could not be sized says why in its first fleet row, not a bare "—"
    // in each (an architect's review: an H200 that meets the SLO at no rate).
    const baselineServing = analysis.baseline?.result.serving;
    const unsized =
      baseline && baselineServing && !analysis.baseline?.result.fleet
        ? baselineServing.maxRateAtSlo === 0
          ? 'not sized: no rate meets the SLO'
          : 'not sized'
        : undefined;
    const firstFleet = pairs.find((p) => p.id.startsWith('fleet.'))?.id;
    const row = (p: (typeof pairs)[number]) => {
      const ratio = baseline?.ratios.find((r) => r.metricId === p.id);
      // This design's cell first: the footnotes are numbered in reading order (a review saw ¹ on the baseline's).
      const designCell = cellOf(p.design, notes);
      const baselineCell = !p.baseline && unsized && p.id === firstFleet ? unsized : cellOf(p.baseline, notes);
      return [p.label, designCell, ...(baseline ? [baselineCell, ratio ? ratioCell(ratio, notes) : ''] : [])];
    };
    // What each memory level holds, after the metrics and before the chip's rates.
    const held = [
      'Held per level',
      design.memoryLevels.heldText || '—',
      ...(baseline ? [baseline.report.memoryLevels.heldText || '—', ''] : []),
    ];
    const designPairs = metricPairs(design.metrics, baseline?.report.metrics);
    const chipPairs = pairs.slice(designPairs.length);
    // With a `serving:` section two kinds of figure share the table: one instance's (or the
    // fleet's) under the traffic, and the static batch's (its "Time to first token" is the
    // whole batch's prefill; a p99 TTFT smaller than it read as a contradiction). A traffic
    // config is about its traffic, so its rows lead, as in the editor's status bar and header;
    // each group says which it is, and the chip's rates close the table.
    const isServed = (p: (typeof pairs)[number]) => isTrafficMetric(p.id);
    const served = designPairs.filter(isServed);
    const batchPairs = designPairs.filter((p) => !isServed(p));
    const head = ['', 'this design', ...(baseline ? [baseline.name, 'ratio'] : [])];
    const groups: { title?: string; rows: string[][] }[] =
      served.length > 0 && analysis.design
        ? [
            {
              title: "Under the serving traffic (the 'serving and fleet rows' line), one instance unless a row says fleet:",
              rows: served.map(row),
            },
            {
              // Its costs count the chips busy `cost.utilization` of the time; a fleet's, at its average rate (a review
              // found $1.20 above the fleet's $0.416 with no word of either basis).
              title: `The chip on a static batch: ${staticBatchText(analysis.design.workload)}${analysis.config ? `, its costs at \`cost.utilization\` ${formatPercent(analysis.config.cost.utilization)} busy` : ''}${analysis.result?.fleet ? ' (the fleet rows: at its average rate)' : ''}:`,
              rows: batchPairs.map(row),
            },
            { title: "The static batch's memory, and the chip:", rows: [held, ...chipPairs.map(row)] },
          ]
        : [{ rows: [...designPairs.map(row), held, ...chipPairs.map(row)] }];
    lines.push('');
    if (!report.valid) lines.push('  NOT VALID: the problems listed below leave these numbers not a valid result.');
    // One set of column widths over every group, so the groups' columns line up.
    const laidOut = columns([head, ...groups.flatMap((g) => g.rows)], [LABEL_WIDTH]).map((l) => `  ${l}`);
    if (width !== undefined && laidOut.some((l) => l.length > width)) lines.push(...stacked(head, groups));
    else {
      const table = [laidOut.shift()!];
      for (const g of groups) {
        if (g.title) table.push(`  ${g.title}`);
        table.push(...laidOut.splice(0, g.rows.length));
      }
      lines.push(...table);
    }
    const footnotes = notes.lines();
    if (footnotes.length) lines.push('', ...footnotes.map((l) => `  ${l}`));
  } else {
    lines.push('', '  Not evaluated: fix the errors below.');
  }
  if (report.diagnostics.length) {
    lines.push('');
    for (const d of report.diagnostics) lines.push(`  ${diagnosticLine(placedInFile(d, analysis), analysis.file)}`);
  }
  // On a terminal, the legend, footnotes and diagnostics (lines of 200-400 characters) wrap at
  // its width under their own indent, not at column 0 (an architect's review at 100 columns).
  return wrappedAt(lines, width).join('\n');
}

/** A line cut at spaces into lines of at most `width` columns, each after the first indented 4 past the line's own indent. */
export function wrapLine(line: string, width: number): string[] {
  // Narrower than any line can be cut to usefully (a pty reporting 0 columns): as it is.
  if (line.length <= width || width < MIN_WRAP_WIDTH) return [line];
  const indent = ' '.repeat(/^ */.exec(line)![0].length + 4);
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    // Cut past this line's own indent (the first line's, then the continuation's), so every pass moves on.
    const lead = /^ */.exec(rest)![0].length;
    const cut = rest.lastIndexOf(' ', width);
    // A word longer than the line (a path, a URL) stays whole: cut after it.
    const at = cut > lead ? cut : rest.indexOf(' ', Math.max(width, lead + 1));
    if (at <= lead) break;
    out.push(rest.slice(0, at).trimEnd());
    rest = indent + rest.slice(at + 1).trimStart();
  }
  out.push(rest);
  return out;
}

/** Below this many columns a terminal's width is not used: no stacking, no wrapping. */
export const MIN_WRAP_WIDTH = 40;

/** A terminal's columns where a table may stack and wrap at them; undefined off a terminal or below MIN_WRAP_WIDTH. */
const usableWidth = (columns: number | undefined): number | undefined =>
  columns !== undefined && columns >= MIN_WRAP_WIDTH ? columns : undefined;

/** Every line wrapped at `width` (wrapLine), or as they are without one. */
const wrappedAt = (lines: readonly string[], width: number | undefined): readonly string[] =>
  width === undefined ? lines : lines.flatMap((l) => wrapLine(l, width));

/** The table's rows stacked: each label on a line, its cells under it, each named by its column's head. */
function stacked(
  head: readonly string[],
  groups: readonly { title?: string; rows: readonly (readonly string[])[] }[],
  indent = '  ',
): string[] {
  const names = head.slice(1);
  const nameWidth = Math.max(...names.map((n) => n.length));
  const out: string[] = [];
  for (const g of groups) {
    if (g.title) out.push(`${indent}${g.title}`);
    for (const [label, ...cells] of g.rows) {
      out.push(`${indent}${label}`);
      cells.forEach((c, i) => {
        if (c) out.push(`${indent}    ${names[i]!.padEnd(nameWidth)}  ${c}`);
      });
    }
  }
  return out;
}

/**
 * A diagnostic with no place of its own (a `--set` value) at the place `--json` gives it, in FILE
 * (diagnosticJson: the key where FILE writes it, else its section, else the `extends` line), so the
 * table and the JSON name one line (a new user's script read file:line from the table and missed these).
 */
function placedInFile(d: ReportDiagnostic, analysis: Analysis): ReportDiagnostic {
  if (d.line !== null || d.file !== undefined) return d;
  const { line, column, endLine, endColumn } = diagnosticJson(d, {}, analysis);
  return { ...d, line, column, endLine, endColumn };
}

/** A diagnostic on one line, as every command prints it: severity, `file:line:column`, message, code. */
export const diagnosticLine = (d: ReportDiagnostic, file: string): string =>
  `${d.severity.padEnd(7)} ${where(d, file)}  ${d.message} [${d.code}]`;

/** Where a diagnostic is, as an editor links it: `file:line:column`, or its key where it has no place in a file. */
function where(d: ReportDiagnostic, file: string): string {
  if (d.line === null) return d.path || '-';
  return `${relative(process.cwd(), d.file ?? file)}:${d.line}:${d.column}`;
}

/** Columns padded to their widest cell (at least `minWidths`), trailing space trimmed. */
function columns(rows: readonly (readonly string[])[], minWidths: readonly number[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? minWidths[i] ?? 0, c.length);
    });
  return rows.map((row) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]! + 2)))
      .join('')
      .trimEnd(),
  );
}

/** The die's columns, where the sweep moves them (a chip key, a node, chiplets): what a stack or an MiB more costs. */
const SWEEP_DIE_COLUMNS: readonly [id: string, head: string][] = [
  ['silicon.dieAreaMm2', 'die area'],
  ['silicon.memory.interfaces', 'memory interfaces'],
  ['silicon.chipPriceUsd', 'chip price'],
];

/** Serving and fleet columns of a sweep, each shown when some point has the figure (a `serving:` or `fleet:` config). */
const SWEEP_SERVING_COLUMNS: readonly [id: string, head: string][] = [
  ['serving.ttftMs.p99', 'p99 TTFT under load'],
  ['serving.tpotMs.p99', 'p99 TPOT under load'],
  ['serving.requestsPerSecond', 'served'],
  ['serving.sloAttainment', 'SLO met'],
  ['serving.maxRateAtSlo', 'max rate at SLO'],
  ['serving.disaggregated.ttftMs.p99', 'disagg. TTFT p99'],
  ['serving.disaggregated.tpotMs.p99', 'disagg. TPOT p99'],
  ['fleet.replicas', 'replicas'],
  ['fleet.chips', 'fleet chips'],
  ['fleet.usdPerMillionOutputTokens', 'fleet $/1M tok'],
];

/** A sweep cell: the metric's text, with the notes that say it cannot be read as the others are. */
function cell(metric: Metric | undefined): string {
  if (!metric) return '-';
  return [ELECTRICITY_ONLY, SERVING_OVERLOADED, SERVED_AT_SATURATION].includes(metric.note ?? '')
    ? `${metric.text} (${metric.note})`
    : metric.text;
}

/** Ratios against the `compare` design a sweep shows, each when some point has it: how the comparison moves with the value. */
const SWEEP_RATIO_COLUMNS: readonly [id: string, head: string][] = [
  ['decodeSpeedup', 'decode'],
  ['costPerResponse', 'cost per response'],
  ['fleet.usdPerMillionOutputTokens', 'fleet cost per token'],
];

/**
 * The sweep as a table: the value, whether it evaluated, the headline metrics' texts, and the
 * ratios against the baseline. `width` as summaryTable's: a terminal narrower than its rows gets
 * each swept value's cells stacked under it, and its notes wrapped (a review: 270-column rows at 100).
 */
export function sweepTable(param: string, points: readonly SweepRow[], columnsWide?: number): string {
  const width = usableWidth(columnsWide);
  const ids = [
    'decode.msPerToken',
    'prefill.ms',
    'throughput.outputTokensPerSecond',
    'power.watts',
    'energy.joulesPerOutputToken',
    'cost.usdPerMillionOutputTokens',
  ];
  const reports = points.map((p) => buildReport(p.analysis));
  // A sweep of `serving.rate` changes only these: without them the table would not move.
  const serving = SWEEP_SERVING_COLUMNS.filter(([id]) => reports.some((r) => findMetric(r.design, id)));
  const textsOf = (id: string) => reports.map((r) => findMetric(r.design, id)?.text);
  const die = SWEEP_DIE_COLUMNS.filter(([id]) => new Set(textsOf(id)).size > 1);
  const ratios = SWEEP_RATIO_COLUMNS.filter(([id]) => reports.some((r) => findRatio(r, id)));
  const baselineName = reports.find((r) => r.baseline)?.baseline?.name;
  const head = [
    param,
    'valid',
    'ms/token',
    'bound',
    // Beside the serving columns, the static ones say they are the batch's: its TTFT is the whole batch's prefill.
    serving.length ? 'batch TTFT' : 'TTFT',
    serving.length ? 'batch throughput' : 'throughput',
    'W/chip',
    'J/token',
    '$/1M tok',
    'fits',
    ...die.map(([, h]) => h),
    ...serving.map(([, h]) => h),
    ...ratios.map(([, h]) => `${h} vs ${baselineName}`),
  ];
  // A cost ratio's basis (the prices it compares, which move along a die sweep) is set under the table, as eval's is.
  const notes = new Footnotes();
  const rows = points.map((p, i) => {
    const report = reports[i]!;
    const r = p.analysis.result;
    const texts = ids.map((id) => cell(findMetric(report.design, id)));
    const servingTexts = serving.map(([id]) => cell(findMetric(report.design, id)));
    return [
      p.value,
      String(report.valid),
      texts[0]!,
      // One output token runs no decode step: no bound to name (its ms/token cell's note says so).
      r && r.decodeSteps > 0 ? r.decode.bottleneck : '-',
      ...texts.slice(1),
      r ? String(r.memory.fits) : '-',
      // A die split into chiplets says so: a sweep that crosses a split prices the split (a
      // review read 8 stacks in 4 dies costing less than 6 in one as a non-monotone price).
      ...die.map(
        ([id]) =>
          `${cell(findMetric(report.design, id))}${id === 'silicon.dieAreaMm2' && (r?.silicon?.chiplets ?? 1) > 1 ? ` in ${r!.silicon!.chiplets} dies` : ''}`,
      ),
      ...servingTexts,
      ...ratios.map(([id]) => {
        const ratio = findRatio(report, id);
        return ratio ? ratioCell(ratio, notes) : '-';
      }),
    ];
  });
  const laidOut = columns([head, ...rows]);
  const fits = width === undefined || laidOut.every((l) => l.length <= width);
  const lines = [
    ...(fits ? laidOut : stacked(['', ...head.slice(1)], [{ rows: rows.map(([value, ...cells]) => [`${param}=${value}`, ...cells]) }], '')),
    ...notes.lines(),
  ];
  // Where a row's ratio ranges are paired, and which rows: the range's width changes with its rule.
  const pairedAt = points.filter((_, i) => reports[i]!.baseline?.ratios.some((r) => r.paired)).map((p) => p.value);
  const pairedNote = reports.map((r) => r.baseline && pairedRangeNote(r.baseline.ratios, false)).find((t) => t !== undefined);
  if (pairedNote) lines.push(`${pairedAt.length === points.length ? 'every row' : `${param}=${pairedAt.join(', ')}`}: ${pairedNote}`);
  // Warnings that only some values draw (an overloaded rate, a unit slip in one value): what
  // sets those points apart. One that every point draws is the config's, which eval shows,
  // unless it is about the swept key: then the sweep brought it (a preset's price set aside
  // because the swept key changes its die), and eval of the file says nothing of it. Once.
  const warningsAt = points.map((p) => p.analysis.diagnostics.filter((x) => x.severity === 'warning'));
  const everywhere = new Set(warningsAt[0]?.map((d) => d.code).filter((code) => warningsAt.every((ws) => ws.some((d) => d.code === code))));
  // A warning that makes every row not valid (a likely typo in the file) is said too: the
  // `valid` column would read false with no reason (a review).
  for (const d of warningsAt[0] ?? [])
    if (everywhere.has(d.code) && (d.invalidatesResult || d.path === param || d.message.includes(`\`${param}\``)))
      lines.push(`warning every row: ${d.message} [${d.code}]`);
  points.forEach((p, i) => {
    for (const d of p.analysis.diagnostics.filter((x) => x.severity === 'error'))
      lines.push(`error   ${param}=${p.value}: ${d.message} [${d.code}]`);
    for (const d of warningsAt[i]!.filter((x) => !everywhere.has(x.code)))
      lines.push(`warning ${param}=${p.value}: ${d.message} [${d.code}]`);
  });
  return wrappedAt(lines, width).join('\n');
}
