// `--vary` text (and the `explore.vary` entries of a config) -> a dimension.
//   PATH=V1,V2,...          a list of values in the config's syntax (`6 TB/s`, `[qkv_projection]`)
//   PATH=FROM..TO:N         N values evenly spaced from FROM to TO (both ends included)
//   PATH=FROM..TO:Nlog      N values spaced by a constant ratio (1, 2, 4, ... for counts)
//   PATH=FROM..TO[:log]     a continuous range, for random / Latin-hypercube sampling
// FROM and TO are one quantity (`2 TB/s..8 TB/s`, `64 MiB..1 GiB`: spaced in FROM's unit); counts round to whole values.

import { schemaAt, unknownKeyPathMessage } from '../config/schema';
import { parseQuantity } from '../units';
import { bytesReading } from '../config/unitSlip';
import type { Dimension } from './space';

export class SpaceError extends Error {}

const RANGE = /^(.+?)\s*\.\.\s*(.+?)(?:\s*:\s*(\d+)?\s*(log|lin|linear)?)?$/i;
const NUMBER_AND_UNIT = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(.*?)\s*$/i;

/** Parse one `PATH=VALUES` specification. */
export function parseVary(spec: string): Dimension {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new SpaceError(`--vary takes PATH=V1,V2,... or PATH=FROM..TO:STEPS (got "${spec}")`);
  return dimensionFor(spec.slice(0, eq).trim(), spec.slice(eq + 1).trim());
}

export function dimensionFor(path: string, valuesText: string): Dimension {
  const node = schemaAt(path.split('.'));
  if (!node || node.kind === 'section') throw new SpaceError(unknownKeyPathMessage(path));
  if (path === 'extends' || path === 'compare' || path.startsWith('explore'))
    throw new SpaceError(`${path} cannot be varied: explore the keys of the design itself (write one config per base to compare bases)`);
  const range = !/[[{]/.test(valuesText) ? RANGE.exec(valuesText) : null;
  if (range) {
    const from = NUMBER_AND_UNIT.exec(range[1]!);
    const to = NUMBER_AND_UNIT.exec(range[2]!);
    if (!from || !to) throw new SpaceError(`${path}: a range is FROM..TO with numbers (got "${valuesText}")`);
    if (!['quantity', 'count', 'fraction'].includes(node.kind))
      throw new SpaceError(`${path}: a range needs a numeric key; list its values instead`);
    const scale = range[4]?.toLowerCase() === 'log' ? 'log' : 'linear';
    const a = Number(from[1]);
    // Ends in units of one quantity (`64 MiB..1 GiB`) are spaced in the first end's unit.
    const b = from[2] === to[2] ? Number(to[1]) : inUnitOf(path, node, from, to);
    if (scale === 'log' && (a <= 0 || b <= 0)) throw new SpaceError(`${path}: a log range needs positive ends`);
    const dim: Dimension = { kind: 'range', paths: [path], from: a, to: b, unit: from[2]!, scale, integer: node.kind === 'count' };
    if (range[3] === undefined) return dim;
    const steps = Number(range[3]);
    if (steps < 1 || steps > 1_000_000) throw new SpaceError(`${path}: a range takes 1 to 1,000,000 steps`);
    // Both ends are included: one step cannot hold two (a review's `64 MiB..1 GiB:1` evaluated 64 MiB alone, without a word).
    if (steps === 1 && a !== b)
      throw new SpaceError(
        `${path}=${valuesText}: one step cannot include both ends; write ${path}=${range[1]!.trim()} for one value, or 2 or more steps`,
      );
    const seen = new Set<string>();
    for (let i = 0; i < steps; i++) {
      const t = steps === 1 ? 0 : i / (steps - 1);
      const v = dim.scale === 'log' ? a * Math.pow(b / a, t) : a + t * (b - a);
      // The far end as written: `64 MiB..1 GB:4` ends at "1 GB", not "953.674 MiB" (a review).
      if (i === steps - 1 && steps > 1 && from[2] !== to[2]) {
        seen.add(`${to[1]} ${to[2]}`);
        continue;
      }
      const written = dim.integer ? String(Math.round(v)) : String(+v.toPrecision(6));
      seen.add(dim.unit ? `${written} ${dim.unit}` : written);
    }
    const read: Dimension = { kind: 'discrete', paths: [path], choices: [...seen].map((t) => ({ texts: [t] })) };
    // Steps that round to the same written value are one point: said, not dropped without a word
    // (a new user's `workload.batch=1..4:7` evaluated 4 points).
    if (seen.size < steps) {
      const values = [...seen];
      const listed = values.length <= 8 ? values.join(', ') : `${values.slice(0, 6).join(', ')}, … ${values[values.length - 1]}`;
      READ_NOTES.set(
        read,
        `${path}=${valuesText}: ${steps} steps give ${seen.size} distinct value${seen.size === 1 ? '' : 's'} (${listed})${dim.integer ? ', as the key takes whole numbers' : ', as written to six significant digits'}`,
      );
    }
    return read;
  }
  const values = splitTopLevel(valuesText, true);
  if (values.every((v) => v === '')) throw new SpaceError(`${path}: no values`);
  // `1,,2` is a slip, not two values (it was read so without a word: a review).
  if (values.includes('')) throw new SpaceError(`${path}=${valuesText}: an empty value between commas; write each value once`);
  return { kind: 'discrete', paths: [path], choices: [...new Set(values)].map((t) => ({ texts: [t] })) };
}

/** What reading a dimension changed from what was written (a range's steps that coincide). */
const READ_NOTES = new WeakMap<Dimension, string>();
export const spaceNotes = (dimensions: readonly Dimension[]): string[] =>
  dimensions.flatMap((d) => {
    const note = READ_NOTES.get(d);
    return note ? [note] : [];
  });

/** The range's far end in its near end's unit (`1 GiB` as `1024` for `64 MiB..1 GiB`), or why not. */
function inUnitOf(path: string, node: NonNullable<ReturnType<typeof schemaAt>>, from: RegExpExecArray, to: RegExpExecArray): number {
  const unit = (m: RegExpExecArray) => (node.kind === 'quantity' ? parseQuantity(`1 ${m[2]}`, node.dimension) : undefined);
  const [near, far] = [unit(from), unit(to)];
  if (!near?.ok || !far?.ok)
    throw new SpaceError(`${path}: both ends of a range take units of the same quantity ("${from[2]}" vs "${to[2]}")`);
  // Bits at one end and bytes at the other is the 8x slip `bits-for-bytes` warns of in a config.
  if (!bytesReading(`1 ${from[2]}`) !== !bytesReading(`1 ${to[2]}`))
    throw new SpaceError(`${path}: one end of the range is in bits, the other in bytes ("${from[2]}" vs "${to[2]}"): write both in one`);
  return Number(to[1]) * (far.value / near.value);
}

/** Split at commas outside brackets and quotes: `[a, b],[c]` is two values. `keepEmpty`: `a,,b` keeps its empty value. */
export function splitTopLevel(text: string, keepEmpty = false): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return keepEmpty ? out : out.filter(Boolean);
}
