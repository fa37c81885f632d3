// The serving histograms (model/serving/statistics.ts) stay finite when every value is the
// same large number: a time per output token of 2e8 ms (a 1000 B/s link across 100 pipeline
// stages) once gave bins of zero width and a count at index NaN.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogram } from '../../model/serving/statistics';

test('equal values, small or large, fall in the first bin of a histogram with a width', () => {
  for (const v of [0, 1e-3, 12.5, 207618107.57390472, 1e15]) {
    const h = histogram(Float64Array.from([v, v, v]), 1);
    assert.ok(h.hi > h.lo, `hi > lo at ${v}`);
    assert.equal(h.counts.length, 40);
    assert.deepEqual(Object.keys(h.counts).length, 40, `no stray keys at ${v}`);
    assert.ok(h.counts.every(Number.isFinite));
    assert.equal(h.counts[0], 3, `at ${v}`);
  }
});
