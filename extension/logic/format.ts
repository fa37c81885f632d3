// Number formats for the editor surfaces (CodeLens, status bar, hovers): three significant
// digits, thousands separators, a real minus sign. One place so that the same number reads
// the same everywhere.

const MINUS = '−';

/** Three significant digits, no exponent, trailing zeros dropped: 6.1, 210, 0.423, 2650. */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  const rounded = Number(abs.toFixed(Math.min(decimals, 12)));
  // Above the digits kept, round the integer too: 1881 -> 1,880.
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(abs)) + 1 - digits);
  const text = decimals > 0 ? rounded.toFixed(Math.min(decimals, 12)).replace(/\.?0+$/, '') : (Math.round(abs / scale) * scale).toLocaleString('en-US');
  return (value < 0 ? MINUS : '') + text;
}

/** Milliseconds as a reader wants them: `6.1 ms`, `210 ms`, `1.25 s`, `850 µs`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '— ms';
  if (Math.abs(ms) >= 1000) return `${significant(ms / 1000)} s`;
  if (Math.abs(ms) < 1 && ms !== 0) return `${significant(ms * 1000)} µs`;
  return `${significant(ms)} ms`;
}

/** A rate rounded to three significant digits with separators: 2,650. */
/**
 * Milliseconds with their 80 % prediction range in the value's own unit:
 * `8.29 ms (4.11–16.7)`, `2.83 s (1.4–5.7)`.
 */
export function formatMsRange(ms: number, range: readonly [number, number] | undefined): string {
  if (!range) return formatMs(ms);
  const [scale, unit] = Math.abs(ms) >= 1000 ? [1e-3, 's'] : Math.abs(ms) < 1 && ms !== 0 ? [1e3, 'µs'] : [1, 'ms'];
  return `${significant(ms * scale)} ${unit} (${significant(range[0] * scale)}–${significant(range[1] * scale)})`;
}

/** A rate with its range: `1,450 (719–2,920)`. */
export function formatRateRange(value: number, range: readonly [number, number] | undefined): string {
  return range ? `${significant(value)} (${significant(range[0])}–${significant(range[1])})` : significant(value);
}

/**
 * A ratio with its 80 % range; a range that contains 1 is not a win or a loss:
 * `1.5× (0.44–4.9, not a clear difference)`.
 */
export function formatRatioRange(ratio: number, range: readonly [number, number] | undefined): string {
  return `${formatRatio(ratio)}${ratioRangeNote(range)}`;
}

/** ` (0.44–4.9, not a clear difference)`, or nothing without a range. */
export function ratioRangeNote(range: readonly [number, number] | undefined): string {
  if (!range) return '';
  const straddles = range[0] <= 1 && range[1] >= 1;
  return ` (${range[0].toPrecision(2)}–${range[1].toPrecision(2)}${straddles ? ', not a clear difference' : ''})`;
}

export function formatRate(value: number): string {
  return significant(value);
}

export function formatWatts(watts: number): string {
  return Math.abs(watts) >= 1000 ? `${significant(watts / 1000)} kW` : `${significant(watts)} W`;
}

export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '$—';
  if (Math.abs(usd) >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`;
  return `$${significant(usd, Math.abs(usd) >= 1 ? 3 : 2)}`;
}

/** 0.873 -> "87%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  return `${Math.abs(pct) >= 10 || pct === 0 ? Math.round(pct) : significant(pct, 2)}%`;
}

/** A relative change with its sign: 0.021 -> "+2.1%", -0.079 -> "−7.9%". */
export function formatChange(fraction: number): string {
  const pct = fraction * 100;
  const sign = pct > 0 ? '+' : pct < 0 ? MINUS : '±';
  const abs = Math.abs(pct);
  return `${sign}${abs >= 10 ? abs.toFixed(0) : abs >= 0.1 ? abs.toFixed(1) : abs.toFixed(2)}%`;
}

export function formatSignedWatts(watts: number): string {
  const sign = watts > 0 ? '+' : watts < 0 ? MINUS : '±';
  const abs = Math.abs(watts);
  return `${sign}${abs >= 10 ? abs.toFixed(0) : abs.toFixed(1)} W`;
}

/** A ratio where above 1 is better: "1.9×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—×';
  // Two significant digits: the models behind a ratio are not more accurate than that.
  if (ratio >= 10) return `${ratio.toFixed(0)}×`;
  return `${ratio.toPrecision(2)}×`;
}
