// "Did you mean": the candidate nearest to a misspelt key or id, if any is near enough.

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  // A leading part of an id (`h200` for `h200-sxm`) is a likelier intent than any typo.
  const extended = [...candidates].filter((c) => w.length >= 3 && c.toLowerCase().startsWith(w));
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Near enough: a third of the word may differ (typos, a missing underscore, a plural).
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(w.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from<number>({ length: rows * cols }).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * A misspelling rather than another word: one slip (a swapped, missing, extra or wrong
 * letter, `bacth`, `memroy`, `bandwith`), or two in a long key. `list` is two edits from
 * `cost` but no one meant one for the other; `closest` still suggests such a key.
 */
export function isLikelyTypo(word: string, known: string): boolean {
  const distance = editDistance(word.toLowerCase(), known.toLowerCase());
  return distance > 0 && distance <= (Math.min(word.length, known.length) >= 8 ? 2 : 1);
}
