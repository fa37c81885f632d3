// Numbers with units, as the figures print them. Decimal SI prefixes throughout (GB, TB/s):
// they are what spec sheets quote for bandwidth and what the config language means by GB.

import type { Dtype } from '../model/dtypes';

const PREFIXES = ['p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'] as const;
const UNPREFIXED = 4;
const DASH = '—';

/** Three significant digits without trailing zeros: 4.80 → "4.8", 1234 → "1230". */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return DASH;
  if (value === 0) return '0';
  const text = Math.abs(value) >= 10 ** digits ? Math.round(value).toString() : value.toPrecision(digits);
  return text.includes('e') ? text : text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** `value` with an SI prefix on `unit`: si(4.8e12, 'B/s') → "4.8 TB/s". */
export function si(value: number, unit: string, digits = 3): string {
  if (!Number.isFinite(value)) return DASH;
  if (value === 0) return `0 ${unit}`;
  let exponent = Math.floor(Math.log10(Math.abs(value)) / 3);
  exponent = Math.max(-UNPREFIXED, Math.min(PREFIXES.length - 1 - UNPREFIXED, exponent));
  let scaled = value / 1000 ** exponent;
  // 999.96 rounds to "1000": move up a prefix instead.
  if (Math.abs(Number(scaled.toPrecision(digits))) >= 1000 && exponent < PREFIXES.length - 1 - UNPREFIXED) {
    exponent += 1;
    scaled = value / 1000 ** exponent;
  }
  return `${significant(scaled, digits)} ${PREFIXES[exponent + UNPREFIXED]}${unit}`;
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return DASH;
  if (seconds === 0) return '0 s';
  const abs = Math.abs(seconds);
  if (abs >= 1) return `${significant(seconds)} s`;
  if (abs >= 1e-3) return `${significant(seconds * 1e3)} ms`;
  if (abs >= 1e-6) return `${significant(seconds * 1e6)} µs`;
  return `${significant(seconds * 1e9)} ns`;
}

export const formatMs = (ms: number): string => formatSeconds(ms / 1e3);
export const formatBytes = (bytes: number): string => si(bytes, 'B');
export const formatBandwidth = (bytesPerSecond: number): string => si(bytesPerSecond, 'B/s');
export const formatWatts = (watts: number): string => si(watts, 'W');
export const formatJoules = (joules: number): string => si(joules, 'J');

/** Integer formats count operations (TOPS); floating-point ones floating-point operations (TFLOPS). */
export function opsUnit(dtype: Dtype | undefined): 'OPS' | 'FLOPS' {
  return dtype && dtype.startsWith('int') ? 'OPS' : 'FLOPS';
}
export const formatOpsPerSecond = (ops: number, dtype?: Dtype): string => si(ops, opsUnit(dtype));
export const formatOps = (ops: number, dtype?: Dtype): string => si(ops, dtype && dtype.startsWith('int') ? 'OP' : 'FLOP');

/** 1234567 → "1,234,567". (toLocaleString would load locale data on first use: tens of ms.) */
export function groupThousands(integer: number): string {
  const sign = integer < 0 ? '-' : '';
  return sign + Math.abs(integer).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return DASH;
  const abs = Math.abs(usd);
  if (abs >= 1000) return `$${groupThousands(Math.round(usd))}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  return `$${significant(usd, 3)}`;
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  const percent = fraction * 100;
  return `${Math.abs(percent) >= 10 ? Math.round(percent) : significant(percent, 2)}%`;
}

/** Signed relative change: 0.052 → "+5.2%". */
export function formatChange(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  if (fraction === 0) return '0%';
  return `${fraction > 0 ? '+' : '−'}${formatPercent(Math.abs(fraction))}`;
}

export const formatRatio = (ratio: number): string => (Number.isFinite(ratio) ? `${significant(ratio, 3)}×` : DASH);

export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  return Math.abs(value) >= 100 ? groupThousands(Math.round(value)) : significant(value);
}

/** Tick labels for log axes: the SI prefix alone, so the axis title carries the unit ("10 T"). */
export function siTick(value: number): string {
  return si(value, '', 3).trim();
}
