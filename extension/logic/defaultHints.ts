// The defaults in force that shape the result, shown where the user looks: a new config
// silently runs bf16, batch 1, 512 prompt and 128 output tokens on one chip. Each section
// that relies on a default gets one inlay hint at the end of its key line (or, when the
// file does not write the section, at the end of the first line). Pure: the host only
// turns offsets into positions.

import type { Analysis } from '../../model/analysis';
import { schemaAt } from '../../model/config/schema';
import { metricOf } from '../../model/report/build';
import { ELECTRICITY_ONLY } from '../../model/report/labels';
import { formatConfigValue, rejectedValue, valueAt } from './hoverText';
import { rangeOfPath } from './yamlPath';

export interface DefaultHint {
  /** Offset in the current text where the hint is drawn (end of a line). */
  offset: number;
  label: string;
  /** Markdown: every default in the hint with its source. */
  tooltip: string;
}

interface Shaping {
  path: string;
  /** Short form for the hint, from the formatted value (`batch 1`) or the result it led to. */
  short(value: string, analysis: Analysis): string;
  /** The tooltip's line, where the key's value is not what stands in (a price not given is modelled, not 0). */
  line?(value: string, analysis: Analysis): string | undefined;
}

/** The chip price the result carries for a price not given: the modelled one, or none. */
const chipPriceMetric = (a: Analysis) => (a.result ? metricOf('silicon.chipPriceUsd', a.result) : undefined);

/**
 * Keys whose default changes the headline numbers, per section. Runtime and energy
 * defaults shape them too, but they are calibrated or sourced values, not choices a new
 * user forgot to make; the hover on each key shows them.
 */
const SHAPING: Record<string, readonly Shaping[]> = {
  workload: [
    { path: 'workload.batch', short: (v) => `batch ${v}` },
    { path: 'workload.prompt', short: (v) => `prompt ${v}` },
    { path: 'workload.output', short: (v) => `output ${v}` },
    { path: 'workload.precision.weights', short: (v) => `weights ${v}` },
    { path: 'workload.precision.activations', short: (v) => `activations ${v}` },
    { path: 'workload.precision.kv_cache', short: (v) => `KV cache ${v}` },
  ],
  system: [{ path: 'system.chips', short: (v) => `${v} chip${v === '1' ? '' : 's'}` }],
  cost: [
    // Not given: the price is modelled from the die (model/silicon), or there is none.
    {
      path: 'cost.chip_price',
      short: (v, a) => {
        // Short, as an inlay hint is cut: the margin and the rest are in its tooltip.
        const price = chipPriceMetric(a);
        if (price) return `chip price ${price.text} (${price.note?.startsWith('modelled') ? 'modelled' : price.note})`;
        // Not evaluated (an error elsewhere), the die was not priced either: "no chip price" would
        // claim what only an evaluation can say (a review: a 7 nm chip read so while a key was missing).
        if (!a.result) return 'chip price: once evaluated';
        return v === '0 USD' ? ELECTRICITY_ONLY : `chip price ${v}`;
      },
      line: (v, a) => {
        const price = chipPriceMetric(a);
        if (price) return `\`cost.chip_price\` not given: ${price.text} (${price.note}), from the die (docs/silicon.md)`;
        if (!a.result) return '`cost.chip_price` not given: modelled from the die once the config evaluates, where `chip.process` is given';
        return v === '0 USD' ? `\`cost.chip_price\` not given and not modellable: ${ELECTRICITY_ONLY}` : undefined;
      },
    },
    { path: 'cost.utilization', short: (v) => `utilization ${v}` },
  ],
};

export function defaultHints(analysis: Analysis, file: string, currentText: string): DefaultHint[] {
  if (!analysis.config) return [];
  const hints: DefaultHint[] = [];
  const unplaced: { section: string; items: { short: string; line: string }[] }[] = [];
  for (const [section, keys] of Object.entries(SHAPING)) {
    const items = keys.flatMap((key) => {
      const origin = analysis.origins.get(key.path);
      // A value the file writes but that was rejected has a default standing in for it:
      // that is the diagnostic's story, not a default the user chose to keep.
      if (origin?.kind !== 'default' || rejectedValue(analysis, key.path, file)) return [];
      const node = schemaAt(key.path.split('.'));
      const value = node && formatConfigValue(node, valueAt(analysis.config, key.path.split('.')));
      if (!value) return [];
      const plain = value.replace(/`/g, '');
      return [{ short: key.short(plain, analysis), line: key.line?.(plain, analysis) ?? `\`${key.path}\` = ${plain} — ${origin.source}` }];
    });
    if (items.length === 0) continue;
    const at = rangeOfPath(currentText, [section]);
    if (at) hints.push(hint(lineEnd(currentText, at.keyRange.start), 'defaults', items));
    else unplaced.push({ section, items });
  }
  if (unplaced.length > 0) {
    const items = unplaced.flatMap((u) => u.items);
    const label = unplaced.map((u) => `${u.section}: ${u.items.map((i) => i.short).join(' · ')}`).join(' | ');
    hints.unshift({
      offset: lineEnd(currentText, firstContentLine(currentText)),
      label: `defaults in force: ${label}`,
      tooltip: tooltipOf(items),
    });
  }
  return hints;
}

function hint(offset: number, prefix: string, items: { short: string; line: string }[]): DefaultHint {
  return { offset, label: `${prefix}: ${items.map((i) => i.short).join(' · ')}`, tooltip: tooltipOf(items) };
}

function tooltipOf(items: { line: string }[]): string {
  return ['**Documented defaults in force** (set the key to change it):', '', ...items.map((i) => `- ${i.line}`)].join('\n');
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  const stop = end === -1 ? text.length : end;
  return text[stop - 1] === '\r' ? stop - 1 : stop;
}

/** The start of the first line that is not blank or a comment (the file's own first key). */
function firstContentLine(text: string): number {
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim() && !line.trim().startsWith('#')) return offset;
    offset += line.length + 1;
  }
  return 0;
}
