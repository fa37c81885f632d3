// Axis domains as pure functions (no DOM): the views draw with them, unit tests check them in Node.

/**
 * A linear scatter axis's [lo, hi]. Zero stays on it while the values reach toward it (their
 * least within a third of their greatest), so a spread reads at its true proportion; a tight
 * cluster far from zero (dies of 600-640 mm², prices of $11.7-12.0 k) gets the axis to itself,
 * not a sliver of it. One value is widened by one either side; none gives [0, 1].
 */
export function scatterDomain(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const least = Math.min(...values);
  const hi = Math.max(...values);
  const lo = least > 0 && least > hi / 3 ? least : Math.min(least, 0);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/**
 * A formatter for an axis's ticks: the fewest significant digits, from 3, that tell every tick
 * apart, so a tight cluster's axis reads 18.80, 18.82, 18.84, not "18.8" five times.
 */
export function distinctTicks(ticks: readonly number[], format: (value: number, digits: number) => string): (value: number) => string {
  let digits = 3;
  while (digits < 12 && new Set(ticks.map((t) => format(t, digits))).size < ticks.length) digits++;
  return (value) => format(value, digits);
}

/**
 * Tick labels for the swept values: where every value that is a number has one unit, their
 * numbers, the unit apart; a value that is no number (one that failed: `broken`) keeps its text.
 */
export function tickLabels(values: readonly string[]): { labels: string[]; unit?: string } {
  // A unit starts with no digit and holds none (`TB/s`, `GHz`, `%`): `100` is no "10" of unit "0",
  // nor `32x128` a 32 of "x128" (a code review).
  const parts = values.map((v) => /^(-?\d*\.?\d+(?:e[+-]?\d+)?)\s*([^\d\s.][^\d]*)$/i.exec(v.trim()));
  const units = new Set(parts.flatMap((p) => (p ? [p[2]!] : [])));
  if (units.size !== 1) return { labels: [...values] };
  return { labels: parts.map((p, i) => (p ? p[1]! : values[i]!)), unit: [...units][0] };
}
