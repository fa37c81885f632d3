// The one number formatter of the product: every result a surface shows (CodeLens, status
// bar, hover, CLI table, HTML report, views) is formatted here, so the same number reads
// the same everywhere. Three significant digits: the model behind a number is not more
// accurate than that (see docs/validation.md). Thousands separators without locale data
// (toLocaleString loads locale tables on first use: tens of ms in a webview), a real minus
// sign, decimal SI prefixes (spec sheets quote bandwidth in GB/s, and so does the config
// language). A number that is not finite reads "—". Dependency-free: the webview bundle
// imports it as well.

const MINUS = '−';
const DASH = '—';
const PREFIXES = ['p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'] as const;
const UNPREFIXED = 4;

/** 1234567 → "1,234,567". */
export function groupThousands(integer: number): string {
  const sign = integer < 0 ? MINUS : '';
  return (
    sign +
    Math.abs(integer)
      .toFixed(0)
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  );
}

/** `digits` significant digits, no exponent, trailing zeros dropped: 6.1, 210, 0.423, 2,650. */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return DASH;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const magnitude = Math.floor(Math.log10(Number(abs.toPrecision(digits))));
  const sign = value < 0 ? MINUS : '';
  if (magnitude >= digits - 1) {
    // Round the integer part too: 1881 → 1,880.
    const scale = 10 ** (magnitude + 1 - digits);
    return sign + groupThousands(Math.round(abs / scale) * scale);
  }
  const decimals = Math.min(digits - 1 - magnitude, 15);
  return sign + abs.toFixed(decimals).replace(/\.?0+$/, '');
}

/** `value` with a decimal SI prefix on `unit`: si(4.8e12, 'B/s') → "4.8 TB/s". */
export function si(value: number, unit: string, digits = 3): string {
  if (!Number.isFinite(value)) return DASH;
  if (value === 0) return `0 ${unit}`.trim();
  let exponent = Math.floor(Math.log10(Math.abs(value)) / 3);
  exponent = Math.max(-UNPREFIXED, Math.min(PREFIXES.length - 1 - UNPREFIXED, exponent));
  let scaled = value / 1000 ** exponent;
  // 999.96 rounds to "1000": move up a prefix instead.
  if (Math.abs(Number(scaled.toPrecision(digits))) >= 1000 && exponent < PREFIXES.length - 1 - UNPREFIXED) {
    exponent += 1;
    scaled = value / 1000 ** exponent;
  }
  return `${significant(scaled, digits)} ${PREFIXES[exponent + UNPREFIXED]}${unit}`.trim();
}

/** Seconds as a reader wants them: `850 µs`, `6.1 ms`, `1.25 s`, `1,880 s`. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return DASH;
  if (seconds === 0) return '0 s';
  const abs = Math.abs(seconds);
  if (abs >= 0.9995) return `${significant(seconds)} s`;
  if (abs >= 0.9995e-3) return `${significant(seconds * 1e3)} ms`;
  if (abs >= 0.9995e-6) return `${significant(seconds * 1e6)} µs`;
  return `${significant(seconds * 1e9)} ns`;
}

/** A time given in ms: zero reads in ms too ("step +0 ms" beside "prefill +2 ms", not "+0 s": an architect's review). */
export const formatMs = (ms: number): string => (ms === 0 ? '0 ms' : formatSeconds(ms / 1e3));
export const formatBytes = (bytes: number): string => si(bytes, 'B');

/**
 * A memory's capacity: SI bytes as every other byte count here, and the binary figure beside it
 * where the capacity is a whole number of GiB or MiB, as spec sheets write it. H100's "80 GB" is
 * 80 GiB; printed alone as "85.9 GB" an architect's review read it as a wrong capacity.
 */
export function formatCapacity(bytes: number): string {
  const decimal = formatBytes(bytes);
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
  ] as const) {
    const n = bytes / size;
    if (n >= 1 && Number.isInteger(n)) return `${decimal} (${groupThousands(n)} ${unit})`;
  }
  return decimal;
}

export const formatBandwidth = (bytesPerSecond: number): string => si(bytesPerSecond, 'B/s');
export const formatWatts = (watts: number): string => si(watts, 'W');
export const formatJoules = (joules: number): string => si(joules, 'J');

/** A rate of tokens: `1,450 tok/s`. */
export const formatTokensPerSecond = (tokensPerSecond: number): string => `${significant(tokensPerSecond)} tok/s`;

/** Integer formats count operations (TOPS); floating-point ones floating-point operations (TFLOPS). */
export function opsUnit(dtype: string | undefined): 'OPS' | 'FLOPS' {
  return dtype && dtype.startsWith('int') ? 'OPS' : 'FLOPS';
}
export const formatOpsPerSecond = (ops: number, dtype?: string): string => si(ops, opsUnit(dtype));
export const formatOps = (ops: number, dtype?: string): string => si(ops, dtype && dtype.startsWith('int') ? 'OP' : 'FLOP');

/** US dollars to three significant digits: `$0.000305`, `$0.900`, `$1.10`, `$12.3`, `$1,230`. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return DASH;
  const abs = Math.abs(usd);
  // Below $1,000 the three digits keep their trailing zeros, as prices are read: $1.10 beside
  // $1.03, not $1.1; $0.900 beside $0.637, not $0.9 (a review found "$0.9 [$0.637–$6.27]").
  const rounded = Number(abs.toPrecision(3));
  const digits = rounded >= 1e-6 && rounded < 1000 ? rounded.toFixed(Math.min(2 - Math.floor(Math.log10(rounded)), 20)) : significant(abs);
  return usd < 0 ? `${MINUS}$${digits}` : `$${digits}`;
}

/**
 * A share of requests meeting an SLO: three digits, never rounded up. At two, 98.6 % read "99%"
 * beside a p99 target it misses, and 99.9 % read "100%" as if no request missed.
 */
export function formatAttainment(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  if (fraction >= 1) return '100%';
  const percent = Math.max(0, fraction) * 100;
  const scale = 10 ** (percent >= 10 ? 1 : percent >= 1 ? 2 : 3);
  // The epsilon keeps 0.986 * 100 * 10 = 985.9999… from flooring to 98.5.
  return `${Math.floor(percent * scale + 1e-9) / scale}%`;
}

/** A silicon area as every surface prints it: three significant figures (1,466 → "1,470 mm²"). */
export function formatMm2(mm2: number): string {
  return `${significant(mm2)} mm²`;
}

/** 0.873 → "87%", 0.0734 → "7.3%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  const percent = fraction * 100;
  return `${Math.abs(percent) >= 10 ? groupThousands(Math.round(percent)) : significant(percent, 2)}%`;
}

/**
 * A share to three digits, where formatPercent's two would hide what matters: a margin stepped
 * from 90.5 % reads "91% → 100%" there, as if the price divided by zero; here "90.5% → 99.6%".
 */
export function formatShare(fraction: number): string {
  return Number.isFinite(fraction) ? `${+(fraction * 100).toPrecision(3)}%` : DASH;
}

/** A relative change with its sign: 0.052 → "+5.2%", −0.079 → "−7.9%", 0 → "0%". */
export function formatChange(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  if (fraction === 0) return '0%';
  return `${fraction > 0 ? '+' : MINUS}${formatPercent(Math.abs(fraction))}`;
}

/** An absolute change of power with its sign: "+12 W", "−3.4 W". */
export function formatSignedWatts(watts: number): string {
  if (!Number.isFinite(watts)) return DASH;
  const sign = watts > 0 ? '+' : watts < 0 ? MINUS : '±';
  return `${sign}${formatWatts(Math.abs(watts))}`;
}

/** A ratio: "1.47×", "0.873×", "12.4×". */
export const formatRatio = (ratio: number): string => (Number.isFinite(ratio) ? `${significant(ratio)}×` : DASH);

/** Exact counts (batch sizes, operators): grouped integers, else three digits. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  return Number.isInteger(value) ? groupThousands(value) : significant(value);
}

/**
 * Tick labels for log axes: the SI prefix alone, so the axis title carries the unit ("10 T").
 * Below 1 a plain decimal: a bare "100 m" on an operations-per-byte axis reads as metres.
 */
export function siTick(value: number): string {
  return Math.abs(value) < 1 ? significant(value) : si(value, '', 3);
}

/**
 * A range of values in one unit, the unit written once: "5.8–6.9 ms", "0.92–1.18×". The dash is
 * spaced only where an end has a space of its own ("848 mJ – 1.45 J"); ends without one close up
 * as counts and prices do ("18–148", "$3,580–$6,480"). Ends that print alike say so once
 * ("4.9 req/s at both ends": a served rate that is the offered rate at every end), not "4.9–4.9".
 */
export function formatRange(low: string, high: string): string {
  if (low === high) return `${low} at both ends`;
  const unit = /[^\d.,]+$/.exec(high)?.[0];
  // A share keeps its sign on both ends: "0.05–100%" read as 0.05 of something (a workbench review).
  if (unit && unit !== '%' && low.endsWith(unit) && /\d$/.test(low.slice(0, -unit.length))) return `${low.slice(0, -unit.length)}–${high}`;
  return /\s/.test(low) || /\s/.test(high) ? `${low} – ${high}` : `${low}–${high}`;
}
