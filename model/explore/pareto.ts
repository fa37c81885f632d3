// The Pareto front: the points no other point dominates. Point a dominates b when a is no
// worse on every objective and strictly better on at least one; equal points do not
// dominate each other (both stay on the front). Objectives are minimised here: callers
// negate the ones to maximise.
//
// Compared exactly, as the contract defines the front (contract.md §4.3: "no other feasible
// point dominates"): a script recomputing it from the points' metrics gets the same front.
// Rounded to four digits it disagreed on 26 of 63 points of a bandwidth sweep, whose latency
// still moves in the eighth digit past the bandwidth decode needs (each dearer point is then
// on the front, faster by a hair: `explore` notes such near-ties, docs/exploration.md).

/**
 * Indices (into `rows`) of the non-dominated rows. `values` holds `k` objectives per row
 * (row-major, `values[row * k + j]`); `rows` the candidates (feasible points).
 * Two objectives: a sort and one sweep, O(n log n) (Kung, Luccio & Preparata 1975).
 * More: a lexicographic sort, then each row is checked against the front found so far —
 * a row can only be dominated by one that sorts before it, and a dominated row's dominator
 * is itself dominated by, or is, a front row, so the front suffices. O(n log n + n·|front|·k).
 */
export function paretoFront(values: Float64Array, k: number, rows: ArrayLike<number>): number[] {
  const order = Array.from(rows);
  if (k === 0) return order;
  order.sort((a, b) => {
    for (let j = 0; j < k; j++) {
      const d = values[a * k + j]! - values[b * k + j]!;
      if (d !== 0) return d;
    }
    return a - b;
  });
  if (k === 1) {
    const best = order.length ? values[order[0]! * k]! : 0;
    return order.filter((r) => values[r * k] === best).sort((a, b) => a - b);
  }
  const front: number[] = [];
  if (k === 2) {
    // Rows sorted by (f0, f1): a row is on the front when its f1 beats every earlier row's
    // f1, or equals that of the row that set the best so far with the same f0 (a duplicate).
    let bestF1 = Number.POSITIVE_INFINITY;
    let bestF0 = Number.NaN;
    for (const r of order) {
      const f0 = values[r * 2]!;
      const f1 = values[r * 2 + 1]!;
      if (f1 < bestF1) {
        front.push(r);
        bestF1 = f1;
        bestF0 = f0;
      } else if (f1 === bestF1 && f0 === bestF0) {
        front.push(r);
      }
    }
    return front.sort((a, b) => a - b);
  }
  for (const r of order) {
    let dominated = false;
    for (let i = front.length - 1; i >= 0 && !dominated; i--) dominated = dominates(values, k, front[i]!, r);
    if (!dominated) front.push(r);
  }
  return front.sort((a, b) => a - b);
}

/** Row a dominates row b (all objectives minimised). */
export function dominates(values: Float64Array, k: number, a: number, b: number): boolean {
  let strictly = false;
  for (let j = 0; j < k; j++) {
    const x = values[a * k + j]!;
    const y = values[b * k + j]!;
    if (x > y) return false;
    if (x < y) strictly = true;
  }
  return strictly;
}
