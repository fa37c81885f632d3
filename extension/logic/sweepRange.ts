// The values of a parameter sweep, written the way the user writes the key (`2.4 TB/s`,
// `16`, `85 %`), from a start, an end and a number of steps. Also the keys that can be
// swept (numeric ones) and their default bounds.

import { valueAt } from '../../model/presets/presetValues';
import { parseVary } from '../../model/explore/varySpec';
import { chipConfigSchema, schemaAt, type SchemaNode, type SectionNode } from '../../model/config/schema';
import { MAX_SWEEP_POINTS } from '../../webview/protocol';
import { parseFraction, parseQuantity, formatQuantity, trimNumber, type Dimension } from '../../model/units';

/** What kind of number a sweepable key holds. */
export type SweepKind =
  | { kind: 'quantity'; dimension: Dimension }
  | { kind: 'count'; min: number; max: number }
  | { kind: 'fraction'; percent: boolean; min: number; max: number };

export function sweepKindOf(path: readonly string[]): SweepKind | undefined {
  const node = schemaAt(path);
  if (!node) return undefined;
  if (node.kind === 'quantity') return { kind: 'quantity', dimension: node.dimension };
  if (node.kind === 'count') return { kind: 'count', min: node.min, max: node.max };
  if (node.kind === 'fraction') return { kind: 'fraction', percent: node.max <= 1, min: node.min, max: node.max };
  // One entry of a per-dtype map: `chip.matrix.peak.bf16`.
  if (node.kind === 'dtypeMap' && path.length > 0 && schemaAt(path.slice(0, -1)) === node) {
    return node.of === 'number' ? { kind: 'fraction', percent: false, min: 0, max: 1e6 } : { kind: 'quantity', dimension: node.of };
  }
  return undefined;
}

export type SweepValues = { ok: true; values: string[] } | { ok: false; message: string };

export type SweepScale = 'linear' | 'log';

/** The views accept this many points (each one a whole evaluation): one limit for both. */
export const MAX_SWEEP_VALUES = MAX_SWEEP_POINTS;

export function sweepValues(kind: SweepKind, from: string, to: string, steps: number, scale: SweepScale = 'linear'): SweepValues {
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_SWEEP_VALUES)
    return { ok: false, message: `Steps: a whole number from 2 to ${MAX_SWEEP_VALUES}.` };
  const a = parseBound(kind, from);
  if (!a.ok) return a;
  const b = parseBound(kind, to);
  if (!b.ok) return b;
  if (scale === 'log' && (a.value <= 0 || b.value <= 0)) return { ok: false, message: 'A logarithmic sweep needs values above zero.' };
  const points = Array.from({ length: steps }, (_, i) => {
    const t = i / (steps - 1);
    return scale === 'log' ? a.value * (b.value / a.value) ** t : a.value + (b.value - a.value) * t;
  });
  const written = points.map((v) => write(kind, v, a.unit));
  return { ok: true, values: [...new Set(written)] };
}

/** Both bounds above zero and a factor of ten or more apart: logarithmic spacing makes sense. */
export function spansDecade(kind: SweepKind, from: string, to: string): boolean {
  const a = parseBound(kind, from);
  const b = parseBound(kind, to);
  if (!a.ok || !b.ok || a.value <= 0 || b.value <= 0) return false;
  return Math.max(a.value / b.value, b.value / a.value) >= 10;
}

/**
 * Which of `values` (as written) is `current` (the config's value in SI units), within a part in
 * a million: the point the sweep view marks as the design's own. Undefined when none is.
 */
export function indexOfValue(kind: SweepKind, values: readonly string[], current: number | undefined): number | undefined {
  if (current === undefined || !Number.isFinite(current)) return undefined;
  const i = values.findIndex((text) => {
    const b = parseBound(kind, text);
    return b.ok && Math.abs(b.value - current) <= 1e-6 * Math.max(Math.abs(current), Number.MIN_VALUE);
  });
  return i >= 0 ? i : undefined;
}

/** Checks one bound as the user types it (for input box validation). */
export function checkBound(kind: SweepKind, text: string): string | undefined {
  const r = parseBound(kind, text);
  return r.ok ? undefined : r.message;
}

type Bound = { ok: true; value: number; unit: string } | { ok: false; message: string };

function parseBound(kind: SweepKind, text: string): Bound {
  if (kind.kind === 'quantity') {
    const q = parseQuantity(text, kind.dimension);
    return q.ok ? { ok: true, value: q.value, unit: q.unit } : { ok: false, message: q.message };
  }
  if (kind.kind === 'count') {
    const v = Number(text.trim());
    if (!Number.isFinite(v) || text.trim() === '') return { ok: false, message: 'A whole number, such as 16.' };
    if (v < kind.min || v > kind.max) return { ok: false, message: `Between ${kind.min} and ${kind.max}.` };
    return { ok: true, value: v, unit: '' };
  }
  const f = parseFraction(text);
  if (!f.ok) return { ok: false, message: f.message };
  return { ok: true, value: f.value, unit: /%\s*$/.test(text) ? '%' : '' };
}

function write(kind: SweepKind, value: number, unit: string): string {
  if (kind.kind === 'count') return String(Math.max(kind.min, Math.round(value)));
  if (kind.kind === 'fraction') return unit === '%' ? `${trimNumber(value * 100)} %` : trimNumber(value);
  // In the unit the user typed the start in: `1 TB/s` steps as `1.5 TB/s`, not `1.5e12 B/s`.
  const one = parseQuantity(`1 ${unit}`, kind.dimension);
  return one.ok ? `${+(value / one.value).toPrecision(4)} ${unit}` : formatQuantity(value, kind.dimension);
}

/** A value in SI units written as the config writes the kind (`90 %`, `16`, `3.2 TB/s`). */
export function writeValue(kind: SweepKind, siValue: number): string {
  if (kind.kind === 'count') return String(Math.round(siValue));
  if (kind.kind === 'fraction') return kind.percent ? `${trimNumber(siValue * 100)} %` : trimNumber(siValue);
  return formatQuantity(siValue, kind.dimension);
}

/** Default bounds: half and double the current value, in the way it is written. */
export function defaultBounds(kind: SweepKind, siValue: number | undefined, written: string | undefined): { from: string; to: string } {
  if (siValue === undefined || !Number.isFinite(siValue)) return { from: '', to: '' };
  if (kind.kind === 'count')
    return { from: String(Math.max(kind.min, Math.round(siValue / 2))), to: String(Math.min(kind.max, Math.round(siValue * 2))) };
  if (kind.kind === 'fraction') {
    const lo = Math.max(kind.min, siValue / 2);
    const hi = Math.min(kind.max, siValue * 2);
    return kind.percent
      ? { from: `${trimNumber(lo * 100)} %`, to: `${trimNumber(hi * 100)} %` }
      : { from: trimNumber(lo), to: trimNumber(hi) };
  }
  const unit = written ? parseQuantity(written, kind.dimension) : undefined;
  const u = unit?.ok ? unit.unit : undefined;
  return u
    ? { from: write(kind, siValue / 2, u), to: write(kind, siValue * 2, u) }
    : { from: formatQuantity(siValue / 2, kind.dimension), to: formatQuantity(siValue * 2, kind.dimension) };
}

/** Every numeric key of the schema that has a value in `config` (the keys a sweep can vary). */
export function sweepableKeys(config: unknown): string[] {
  const out: string[] = [];
  const walk = (node: SchemaNode, value: unknown, path: string[]) => {
    if (value === undefined || value === null) return;
    const section = node.kind === 'reference' && node.inline ? node.inline : node;
    if (section.kind === 'section') {
      if (typeof value !== 'object') return;
      for (const [key, child] of Object.entries(section.fields)) walk(child, (value as Record<string, unknown>)[key], [...path, key]);
      return;
    }
    if (section.kind === 'namedSections' && typeof value === 'object') {
      for (const [name, entry] of Object.entries(value as Record<string, unknown>)) walk(section.entry, entry, [...path, name]);
      return;
    }
    if (section.kind === 'dtypeMap' && typeof value === 'object') {
      for (const dtype of Object.keys(value as object)) out.push([...path, dtype].join('.'));
      return;
    }
    if ((section.kind === 'quantity' || section.kind === 'count' || section.kind === 'fraction') && typeof value === 'number')
      out.push(path.join('.'));
  };
  walk(chipConfigSchema as SectionNode, config, []);
  return out;
}

/** The config's number at a dotted path (a sweep's or an exploration's current value), if it is one. */
export function numberAt(config: unknown, path: string): number | undefined {
  const v = valueAt(config, path);
  return typeof v === 'number' ? v : undefined;
}

/**
 * `FROM..TO:7` from half to double the config's value, where the key takes a range and the 7
 * values pass through the value; else a list around it (a fraction capped at 100 % stepped
 * 45 % … 100 % past its own 90 %: a review).
 */
export function valuesAround(key: string, config: unknown): string | undefined {
  const kind = sweepKindOf(key.split('.'));
  const current = numberAt(config, key);
  if (!kind || current === undefined) return undefined;
  const bounds = defaultBounds(kind, current, undefined);
  const range = sweepValues(kind, bounds.from, bounds.to, 7);
  const text = `${bounds.from}..${bounds.to}:7`;
  const takesRange = (() => {
    try {
      parseVary(`${key}=${text}`);
      return true;
    } catch {
      return false; // a key that takes a list only (a dtype's entry)
    }
  })();
  if (takesRange && range.ok && indexOfValue(kind, range.values, current) !== undefined) return text;
  if (!range.ok) return undefined;
  const lo = indexOfValue(kind, [bounds.from], current) === undefined ? [bounds.from] : [];
  const hi = indexOfValue(kind, [bounds.to], current) === undefined ? [bounds.to] : [];
  return [...new Set([...lo, writeValue(kind, current), ...hi])].join(', ');
}
