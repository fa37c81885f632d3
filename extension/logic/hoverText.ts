// The hover on a config key or value, composed from the schema (what the key means), the
// last evaluation (its value in normal units, where it came from, what it drives now and
// how sensitive the results are to it) and the preset registry (on a preset id).

import type { Analysis } from '../../model/analysis';
import { basename, looksLikePath, resolvePath } from '../../model/config/paths';
import { LENGTH_FIELDS, schemaAt, type LengthDistribution, type SchemaNode } from '../../model/config/schema';
import { isUnstated, type Diagnostic, type SourceRef } from '../../model/diagnostics';
import { findPreset } from '../../model/presets';
import type { Sensitivity } from '../../model/result';
import { binaryBytes, formatQuantity, type Dimension } from '../../model/units';
import { nearAnotherLimit, whatItDrives } from './drivers';
import { reportFor } from '../../model/report/build';
import {
  formatChange,
  formatOpsPerSecond,
  formatPercent,
  formatShare,
  formatSignedWatts,
  formatWatts,
  significant,
} from '../../model/report/format';
import { IDLE_SHARE_WHY } from '../../model/presets/pooledPrior';
import { datapathIdleText } from '../../model/report/labels';
import { presetMarkdown } from './presetSummary';
import { schemaDocMarkdown } from './schemaDocs';
import type { KeyLocation } from './yamlPath';
import { readsKey } from '../../model/silicon/memoryTechnologies';
import { presetEnergyNodeOf } from '../../model/silicon/fromConfig';
import type { Dtype } from '../../model/dtypes';
import { presetConfig, runtimePresetConfig, valueAt as presetValueAt } from '../../model/presets/presetValues';
import { parseConfigText } from '../../model/config/parse';
import { nodeAt } from '../../model/config/tree';

export interface HoverInput {
  location: KeyLocation;
  /** The last evaluation of this config; hovers still document keys without one. */
  analysis: Analysis | undefined;
  /** Path of the document hovered (POSIX, as the analysis names files). */
  file: string;
  /** A Markdown link target for a place in another file (the host builds a URI). */
  linkTo(file: string, offset: number): string;
}

const REFERENCE_KEYS: Record<string, 'chip' | 'model' | 'runtime'> = {
  extends: 'chip',
  compare: 'chip',
  'workload.model': 'model',
  runtime: 'runtime',
  'runtime.extends': 'runtime',
};

export function hoverMarkdown(input: HoverInput): string | undefined {
  const { location, analysis } = input;
  const path = location.path.filter((s) => !/^\d+$/.test(s)); // list items document their list
  const dotted = path.join('.');
  const node = schemaAt(path) ?? lengthField(path);
  if (!node) return undefined;

  const parts: string[] = [];
  const presetKind = REFERENCE_KEYS[dotted];
  if (presetKind && location.on === 'value' && typeof location.scalar === 'string') {
    const reference = location.scalar.trim();
    const preset = findPreset(presetKind, reference);
    if (preset) parts.push(presetMarkdown(preset));
    else if (presetKind === 'chip' && looksLikePath(reference)) {
      const target = resolvePath(input.file, reference);
      parts.push(
        `[${basename(target)}](${input.linkTo(target, 0)}): ${dotted === 'extends' ? 'this file is merged over it' : 'the baseline design'}.`,
      );
    }
    const baseline = dotted === 'compare' && analysis ? reportFor(analysis).baseline : null;
    if (baseline) parts.push(`This design vs ${baseline.name}: ${baseline.ratios.map((r) => `${r.label} ${r.wording}`).join(', ')}.`);
    if (parts.length) parts.push('---');
  }

  parts.push(schemaDocMarkdown(path, node));
  if (!analysis) return parts.join('\n\n');

  // The energies in force lead: the figures below them are 45 nm defaults or another node's (a
  // review read three screens of those before reaching the one used, in a narrow hover).
  const scaled = energiesInForce(dotted, analysis);
  const facts: string[] = scaled ? [scaled] : [];
  const rejected = rejectedValue(analysis, dotted, input.file);
  const value = formatConfigValue(node, valueAt(analysis.config, path), path);
  const origin = describeOrigin(analysis.origins.get(dotted), input);
  if (rejected) {
    // The value in force is a stand-in (the default, to keep checking the rest): showing it
    // as this key's value would present `4 GHz` of lifetime as "4 years".
    const written =
      location.on === 'value' && location.scalar !== undefined && location.scalar !== null ? ` \`${String(location.scalar)}\`` : '';
    facts.push(`**Not valid**${written}: ${rejected.message} The design is not evaluated until it is fixed.`);
  } else if (value !== undefined) {
    const under = presetValueUnder(analysis, dotted, input.file);
    const over = under && 'presetId' in under ? formatConfigValue(node, under.value, path) : undefined;
    const replaces =
      under && 'file' in under
        ? `, over [${basename(under.file)}](${input.linkTo(under.file, under.offset)})'s \`${under.written}\``
        : over && under && 'presetId' in under
          ? over === value
            ? `, the value of preset \`${under.presetId}\``
            : `, over preset \`${under.presetId}\`'s ${over}`
          : '';
    facts.push(`**Value** ${value}${origin ? ` — ${origin}${replaces}` : ''}`);
  } else if (origin && node.kind !== 'section') facts.push(`**Source** ${origin}`);
  const members = sectionValues(node, path, analysis, input);
  if (members) facts.push(members);
  if (analysis.result) {
    const drives = whatItDrives(dotted, analysis.result);
    if (drives) facts.push(`**Now:** ${drives}`);
  }
  const sensitivity = analysis.sensitivity.find((s) => s.path === dotted);
  if (sensitivity) {
    const near = analysis.result && nearAnotherLimit(dotted, analysis.result, sensitivity);
    facts.push(`**Sensitivity** ${describeSensitivity(sensitivity)}${near ? `; ${near}` : ''}`);
  }
  if (facts.length) parts.push(facts.join('\n\n'));
  return parts.join('\n\n');
}

/**
 * The on-chip energies the model uses where they are not the values written: a default (a 45 nm
 * figure) or a preset's moved to this config's node is scaled to `chip.process` (buildDesign
 * onChipEnergies). Each with where it comes from, in pJ as the CLI gives them; on `chip.process`
 * too, where a config that writes no energies has nothing else to hover (a workbench review: the
 * hover had shown the 45 nm defaults beside a CLI line giving the scaled ones).
 */
function energiesInForce(dotted: string, analysis: Analysis): string | undefined {
  const hardware = analysis.design?.hardware;
  const config = analysis.config;
  const process = config?.chip.process;
  const asked =
    dotted === 'chip.process' || dotted === 'chip.energy' || dotted === 'chip.energy.sram' || dotted.startsWith('chip.energy.mac');
  // Not for a config that is not evaluated: no energy is in force there.
  if (!asked || !hardware || !config || !process || !analysis.result) return undefined;
  const pj = (joules: number) => `${significant(joules * 1e12)} pJ`;
  const differs = (a: number, b: number | undefined) => b !== undefined && Math.abs(a / b - 1) > 1e-9;
  /** Where a figure not written here comes from: the 45 nm default, or a preset's at its node. */
  const from = (path: string, stated: string): string => {
    const origin = analysis.origins.get(path);
    if (origin?.kind === 'preset') {
      const node = presetEnergyNodeOf(origin.presetId);
      return `${origin.presetId}'s ${stated}${node ? ` at ${node}` : ''}`;
    }
    return `default ${stated} at 45 nm`;
  };
  const [, , , dtype] = dotted.split('.');
  const shown: string[] = [];
  if (dotted !== 'chip.energy.sram') {
    // The formats the matrix units compute in (the others' figures are never drawn on).
    for (const [d, joules] of Object.entries(hardware.energy.macJoules) as [Dtype, number][]) {
      const stated = config.chip.energy.mac[d];
      if ((dtype !== undefined && d !== dtype) || hardware.matrix.macsPerSecond[d] === undefined || !differs(joules, stated)) continue;
      const path = `chip.energy.mac.${d}`;
      const isDefault = isUnstated(analysis.origins.get(path));
      shown.push(`${d} MAC ${pj(joules)} (${from(path, pj(stated!))}${isDefault ? " plus the GPUs' operand delivery" : ''})`);
    }
  }
  const sram = hardware.memoryLevels.find((l) => l.id === 'sram');
  if (!dtype && dotted !== 'chip.energy.mac' && sram && differs(sram.joulesPerByte, config.chip.energy.sram))
    shown.push(`SRAM ${pj(sram.joulesPerByte)}/B (${from('chip.energy.sram', `${pj(config.chip.energy.sram)}/B`)})`);
  return shown.length
    ? `**In force at ${process}** ${shown.join(', ')}: scaled to the node's switching energy (docs/silicon.md, "Switching energy by node")`
    : undefined;
}

/**
 * The value the preset under a written key would give it (`runtime.gemm_efficiency: 95 %` over
 * tensorrt-llm's 100 %): the schema's default line names the generic runtime's, which is not what
 * the file replaces. Only where this file writes the key and names the preset itself (`extends:
 * h100-sxm`, `runtime: { extends: tensorrt-llm }`): over a file that extends the preset, the
 * value replaced may be that file's.
 */
function presetValueUnder(
  analysis: Analysis,
  dotted: string,
  file: string,
): { presetId: string; value: unknown } | { file: string; offset: number; written: string } | undefined {
  const origin = analysis.origins.get(dotted);
  if (!analysis.config || origin?.kind !== 'file' || origin.file !== file) return undefined;
  const path = dotted.split('.');
  // Up the extends chain to the first file that writes the key, or the preset under them all
  // (a workbench review: `sram.capacity: 64 MB` in a file extending jalapeno.chip.yaml named
  // only the schema's default, not the preset's 128 MiB it replaced).
  const seen = new Set<string>();
  for (let current = file; !seen.has(current);) {
    seen.add(current);
    const text = analysis.texts.get(current);
    if (text === undefined) return undefined;
    const own = parseConfigText(text, current).root;
    const named = (at: string[]) => {
      const node = nodeAt(own, at);
      return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value.trim() : undefined;
    };
    if (current !== file) {
      const written = nodeAt(own, path);
      if (written?.kind === 'scalar' && written.value !== null && written.value !== undefined)
        return { file: current, offset: written.source.kind === 'file' ? written.source.range.start : 0, written: String(written.value) };
      if (written) return undefined;
    }
    if (dotted.startsWith('runtime.')) {
      const id = named(['runtime']) ?? named(['runtime', 'extends']);
      const value = id === undefined ? undefined : presetValueAt(runtimePresetConfig(id), dotted.slice('runtime.'.length));
      // The generic runtime's values are the documented defaults the schema line already gives.
      if (id !== undefined) return id === 'generic' || value === undefined ? undefined : { presetId: id, value };
    }
    const id = named(['extends']);
    if (id === undefined) return undefined;
    if (looksLikePath(id)) {
      current = resolvePath(current, id);
      continue;
    }
    if (!dotted.startsWith('chip.')) return undefined;
    const value = presetValueAt(presetConfig(id), dotted);
    return value === undefined ? undefined : { presetId: id, value };
  }
  return undefined;
}

/** On a section: each value in it, and where each comes from (this file, a preset, a default). */
function sectionValues(node: SchemaNode, path: readonly string[], analysis: Analysis, input: HoverInput): string | undefined {
  const section = node.kind === 'reference' && node.inline ? node.inline : node;
  if (section.kind !== 'section' || path.length === 0) return undefined;
  const rows: string[] = [];
  for (const [key, child] of Object.entries(section.fields)) {
    if (child.kind === 'section' || child.kind === 'namedSections') continue;
    if (rejectedValue(analysis, [...path, key].join('.'), input.file)) {
      rows.push(`- \`${key}\` not valid (see its diagnostic)`);
      continue;
    }
    const value = formatConfigValue(child, valueAt(analysis.config, [...path, key]), [...path, key]);
    if (value === undefined) {
      const derived = derivedValue([...path, key].join('.'), analysis);
      if (derived) rows.push(`- \`${key}\` ${derived}`);
      continue;
    }
    if (!readsKey(analysis.config?.chip.memory.technology, [...path, key].join('.'))) {
      rows.push(`- \`${key}\` ${value} — not used (\`chip.memory.technology: none\`)`);
      continue;
    }
    const entries =
      child.kind === 'dtypeMap'
        ? entryOrigins(child, [...path, key], valueAt(analysis.config, [...path, key]), analysis, input)
        : undefined;
    if (entries) {
      rows.push(`- \`${key}\``, ...entries.map((e) => `  - ${e}`));
      continue;
    }
    const origin = describeOrigin(analysis.origins.get([...path, key].join('.')), input);
    rows.push(`- \`${key}\` ${value}${origin ? ` — ${origin}` : ''}`);
  }
  return rows.length ? rows.join('\n') : undefined;
}

/**
 * A map by format whose entries come from different places (a preset's int8 and bf16 MAC
 * energies beside the documented defaults of the formats it does not state), each group with
 * its own origin: the map's origin alone labelled the defaults as the preset's (a workbench
 * review read a 45 nm fp16 default as `jalapeno`'s 1.5 pJ). Undefined where every entry has one origin.
 */
function entryOrigins(
  node: SchemaNode,
  path: readonly string[],
  value: unknown,
  analysis: Analysis,
  input: HoverInput,
): string[] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const dotted = path.join('.');
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'number') as [string, number][];
  const own = entries.map(([dtype]) => analysis.origins.get(`${dotted}.${dtype}`));
  if (own.every((o) => o === undefined) || own.every((o) => o !== undefined)) return undefined;
  const show = (dtype: string, v: number) => `${dtype} ${formatConfigValue(node, v, [...path, dtype]) ?? v}`;
  const lines = entries.flatMap(([dtype, v], i) => {
    const origin = own[i] && describeOrigin(own[i], input);
    return origin ? [`${show(dtype, v)} — ${origin}`] : [];
  });
  const defaults = entries.filter((_, i) => own[i] === undefined).map(([dtype, v]) => show(dtype, v));
  // Energies are quoted at 45 nm and carried to the chip's node where it has one (the line above says which are in force).
  const at45nm = path[0] === 'chip' && path[1] === 'energy';
  lines.push(
    `${defaults.join(' · ')} — documented default${defaults.length > 1 ? 's' : ''}${at45nm ? ' at 45 nm, scaled to the node in force' : ''}`,
  );
  return lines;
}

/** A value the model derives where the config gives none, with how (idle power: the die's leakage or a share of TDP). */
function derivedValue(dotted: string, analysis: Analysis): string | undefined {
  const power = analysis.result?.power;
  if (dotted !== 'chip.idle_power' || !power) return undefined;
  return power.idleSource === 'die area'
    ? `${formatWatts(power.idleWatts)} — not given: the leakage of the modelled die`
    : power.idleSource === 'share of datapath TDP'
      ? `${formatWatts(power.idleWatts)} — not given: ${datapathIdleText(power.idleWatts)}, ${IDLE_SHARE_WHY}`
      : `${formatWatts(power.idleWatts)} — not given: ${formatPercent(power.idleWatts / power.tdpWatts)} of the TDP, ${IDLE_SHARE_WHY}`;
}

/**
 * The error that rejected the value written for `dotted` in `file`, if it was rejected: the
 * validator then falls back to the documented default (or nothing) to keep checking the
 * rest, so the origin in force is no longer this file. Errors about a value that was used
 * (a batch that does not fit in memory) are not rejections.
 */
export function rejectedValue(analysis: Analysis, dotted: string, file: string): Diagnostic | undefined {
  const origin = analysis.origins.get(dotted);
  if (origin?.kind === 'file' && origin.file === file) return undefined;
  return analysis.diagnostics.find((d) => d.severity === 'error' && d.path === dotted && d.at?.file === file);
}

export function valueAt(config: unknown, path: readonly string[]): unknown {
  let node = config;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A quantity as read, not as written: `20,000 USD` where the config language writes `20000 USD`
 * (formatQuantity, which quick fixes write into the file); to the cent, as the value in force is.
 */
function displayQuantity(value: number, dimension: Dimension, dtype?: string): string {
  if (dimension === 'money') return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} USD`;
  // A compute rate in the unit of its format: integer formats count operations (TOPS), the rest
  // floating-point ones (a vector peak, `bf16`: TFLOPS), as the chip's datasheet and the report say.
  if (dimension === 'opsPerSecond') return formatOpsPerSecond(value, dtype ?? 'fp32');
  if (dimension === 'bytes') {
    const binary = binaryBytes(value);
    if (binary) return `${binary.count.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${binary.unit}`;
  }
  return formatQuantity(value, dimension);
}

/**
 * The validated (SI) value, written back in the units an architect reads. `path`, where known, names
 * a compute rate's format (`chip.matrix.peak.int8`: TOPS).
 */
export function formatConfigValue(node: SchemaNode, value: unknown, path?: readonly string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const last = path?.at(-1);
  const quantity = (v: unknown, dimension: Dimension, dtype = last) =>
    typeof v === 'number' ? displayQuantity(v, dimension, dtype) : undefined;
  switch (node.kind) {
    case 'section':
      return undefined;
    case 'namedSections':
      return typeof value === 'object' && Object.keys(value).length ? Object.keys(value).join(', ') : undefined;
    case 'quantity':
      return quantity(value, node.dimension);
    case 'count':
      return typeof value === 'number' ? value.toLocaleString('en-US') : undefined;
    case 'fraction':
      return typeof value === 'number' ? (node.max <= 1 ? `${+(value * 100).toPrecision(6)} %` : String(value)) : undefined;
    case 'dtypeMap': {
      const show = (v: unknown, dtype?: string) => (node.of === 'number' ? String(v) : quantity(v, node.of, dtype));
      // On one entry (`bf16` inside `peak`) the value is a number; on the map, all entries.
      if (typeof value === 'number') return show(value);
      if (typeof value !== 'object') return undefined;
      const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${show(v, k)}`);
      return entries.length ? entries.join(' · ') : undefined;
    }
    case 'geometry': {
      const g = value as { rows?: number; cols?: number };
      return typeof g.rows === 'number' ? `${g.rows} × ${g.cols} processing elements` : undefined;
    }
    case 'enumList':
    case 'textList':
      return Array.isArray(value) ? (value.length ? value.join(', ') : 'none') : undefined;
    case 'varyMap':
      return value && typeof value === 'object'
        ? Object.entries(value)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(' · ') || 'none'
        : undefined;
    case 'length': {
      const d = value as LengthDistribution;
      switch (d.kind) {
        case 'fixed':
          return `${d.tokens.toLocaleString('en-US')} tokens`;
        case 'uniform':
          return `uniform ${d.min.toLocaleString('en-US')}–${d.max.toLocaleString('en-US')} tokens`;
        case 'lognormal':
          return `lognormal, mean ${d.mean.toLocaleString('en-US')} tokens, σ ${d.sigma} (${d.min.toLocaleString('en-US')}–${d.max.toLocaleString('en-US')})`;
        case 'trace':
          return 'from the trace';
      }
      return undefined;
    }
    case 'reference':
      // `workload.model` is validated into the inline architecture; its id is shown by the preset part.
      return typeof value === 'string' ? `\`${value}\`` : undefined;
    default:
      return `\`${String(value)}\``;
  }
}

function describeOrigin(source: SourceRef | undefined, input: HoverInput): string | undefined {
  if (!source) return undefined;
  switch (source.kind) {
    case 'file': {
      if (source.file === input.file) return 'set in this file';
      const name = source.file.slice(source.file.lastIndexOf('/') + 1);
      const text = input.analysis?.texts.get(source.file);
      const line = text ? lineOf(text, source.range.start) : undefined;
      return `from [${name}${line ? `:${line}` : ''}](${input.linkTo(source.file, source.range.start)}) (extends)`;
    }
    case 'preset':
      return `from preset \`${source.presetId}\`${source.source ? ` (source: ${source.source})` : ''}`;
    case 'default':
      return `documented default (${source.source})`;
    case 'override':
      return source.label;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** `+10% here → −7.9% per-token latency, −0.4% TTFT, +2.1 W per chip, −1.2% $/response`. */
export function describeSensitivity(s: Sensitivity): string {
  const effects: string[] = [];
  const significantChange = (x: number) => Math.abs(x) >= 0.0005;
  if (significantChange(s.decodeMsPerToken)) effects.push(`${formatChange(s.decodeMsPerToken)} per-token latency`);
  if (significantChange(s.prefillMs)) effects.push(`${formatChange(s.prefillMs)} TTFT`);
  if (Math.abs(s.wattsDelta) >= 0.05) effects.push(`${formatSignedWatts(s.wattsDelta)} per chip`);
  if (significantChange(s.joulesPerOutputToken)) effects.push(`${formatChange(s.joulesPerOutputToken)} J/token`);
  if (significantChange(s.usdPerResponse)) effects.push(`${formatChange(s.usdPerResponse)} $/response`);
  if (s.dieAreaMm2 !== undefined && significantChange(s.dieAreaMm2)) effects.push(`${formatChange(s.dieAreaMm2)} die area`);
  if (s.modelledPriceUsd !== undefined && significantChange(s.modelledPriceUsd))
    effects.push(`${formatChange(s.modelledPriceUsd)} modelled chip price`);
  // A stack or chiplet more is a step of the die, not a slope: the area and price jump with it.
  if (s.dieStep) effects.push(`a step of the die: ${s.dieStep}`);
  const share = s.shareStep && ` (${s.shareStep.map(formatShare).join(' → ')})`;
  const step = `${formatChange(s.step)} here${share ?? ''}`;
  if (!effects.length) return `${step} → no visible change: not a limit at this design point`;
  // Silicon or cost that moves while the speed does not: say so, or the line reads as if speed had been left out.
  const latencyMoves = significantChange(s.decodeMsPerToken) || significantChange(s.prefillMs);
  return `${step} → ${effects.join(', ')}${latencyMoves ? '' : '; latency unchanged: not a limit at this design point'}`;
}

/** A key inside a length distribution (`serving.prompt: { distribution: lognormal, sigma: 0.6 }`): documented by LENGTH_FIELDS. */
function lengthField(path: readonly string[]): SchemaNode | undefined {
  const key = path.at(-1);
  if (key === undefined || schemaAt(path.slice(0, -1))?.kind !== 'length' || !Object.hasOwn(LENGTH_FIELDS, key)) return undefined;
  return LENGTH_FIELDS[key as keyof typeof LENGTH_FIELDS];
}
