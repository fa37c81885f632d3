// A unit one prefix away from what was meant: `3.35 GB/s` written for an HBM bandwidth of
// 3.35 TB/s, `1.5 MHz` for a clock of 1.5 GHz, `3 ms` for a link hop of 3 µs. Given where
// real chips lie (a schema key's `typical` band), the text with its prefix moved the fewest
// steps that put the value inside the band, written as the user wrote it (`96 MiB` → `96 GiB`,
// `3.35 Gb/s` → `3.35 Tb/s`); undefined when no such move exists (an unusual design, not a slip).

import { parseQuantity, type Dimension } from '../units';
import type { Typical } from './schema';

const SI = ['p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'];
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
const SI_ALIASES: Record<string, string> = { u: 'µ', μ: 'µ', K: 'k' };

/** The written number, the unit's prefix ladder and position, and the rest of the unit. */
function splitUnit(text: string): { number: string; ladder: string[]; at: number; rest: string }[] {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(\S.*?)\s*$/i.exec(text);
  if (!m) return [];
  const [, number, unit] = m as unknown as [string, string, string];
  const out: { number: string; ladder: string[]; at: number; rest: string }[] = [];
  const binary = /^(Ki|Mi|Gi|Ti|Pi)(.+)$/.exec(unit);
  if (binary) out.push({ number, ladder: BINARY, at: BINARY.indexOf(binary[1]!), rest: binary[2]! });
  const si = /^(p|n|µ|μ|u|m|k|K|M|G|T|P|E)(.+)$/.exec(unit);
  if (si) out.push({ number, ladder: SI, at: SI.indexOf(SI_ALIASES[si[1]!] ?? si[1]!), rest: si[2]! });
  // No prefix at all ("W", "B/s", "s"); also the reading when a letter above was the unit's own ("min").
  out.push({ number, ladder: SI, at: SI.indexOf(''), rest: unit });
  return out;
}

export function unitSlip(written: string, dimension: Dimension, typical: Typical): string | undefined {
  const parsed = parseQuantity(written, dimension);
  if (!parsed.ok || parsed.value === 0) return undefined;
  const [lo, hi] = typical.range;
  if (parsed.value >= lo && parsed.value <= hi) return undefined;
  const direction = parsed.value < lo ? 1 : -1;
  for (const steps of [1, 2])
    for (const { number, ladder, at, rest } of splitUnit(written)) {
      const prefix = ladder[at + direction * steps];
      if (prefix === undefined) continue;
      const candidate = `${number} ${prefix}${rest}`;
      const q = parseQuantity(candidate, dimension);
      // The same unit one or two prefixes away, and inside the band: a slip, not a design.
      if (q.ok && q.value >= lo && q.value <= hi && Math.abs(Math.log10(q.value / parsed.value)) > 2.5) return candidate;
    }
  // A price per byte has its prefix under the line, and memory is priced per GB: `15 USD/TB` is 1,000x less.
  const perByte =
    dimension === 'moneyPerByte' ? /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(USD|\$)\s*\/\s*(\S+)\s*$/i.exec(written) : null;
  if (perByte && perByte[3] !== 'GB') {
    const candidate = `${perByte[1]} ${perByte[2]}/GB`;
    const q = parseQuantity(candidate, dimension);
    if (q.ok && q.value >= lo && q.value <= hi && Math.abs(Math.log10(q.value / parsed.value)) > 2.5) return candidate;
  }
  // Area units are no prefix ladder: defect densities are quoted per cm², and `/mm2` is 100x.
  const area =
    dimension === 'perArea' ? /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*\/\s*(mm|cm|m)(?:2|²|\^2)\s*$/i.exec(written) : null;
  if (area)
    // Only towards per cm², the unit they are quoted in: `0.005 /cm2` is a low figure, not a slip.
    for (const unit of area[2]!.toLowerCase() === 'cm' ? [] : ['cm']) {
      const candidate = `${area[1]} /${unit}2`;
      const q = parseQuantity(candidate, dimension);
      if (q.ok && q.value >= lo && q.value <= hi) return candidate;
    }
  return undefined;
}

/**
 * The byte reading of a bandwidth written in bits (`3.35 Tb/s` -> `3.35 TB/s`, `400 Gbps` ->
 * `400 GB/s`, `3.35 Tbit/sec` -> `3.35 TB/s`), or undefined when it is not written in bits.
 */
export function bytesReading(written: string): string | undefined {
  const m = /^(.*?\d\s*)((?:[kKMGTPE]i?)?)(?:bits?|b)(?:\/s|\/sec|ps)\s*$/.exec(written);
  return m ? `${m[1]}${m[2]}B/s` : undefined;
}
