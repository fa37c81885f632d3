// The prediction ranges' quantile table, built from out-of-fold residuals
// (validation/rangeTable.ts): fold-weighted quantiles, categories never narrower than the
// ones they generalise, and coverage checked against tables that never saw the fold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fold, Residual } from '../../validation/crossValidate';
import { buildTable, coverage, weightedQuantile } from '../../validation/rangeTable';
import { RANGE_CATEGORIES, type RangeCategory } from '../../model/ranges/predictionRanges';

const residual = (fold: string, category: RangeCategory, logResidual: number): Residual => ({
  rowId: `${fold}-${logResidual}`,
  metric: 'decode.msPerToken',
  category,
  logResidual,
  fold,
});

test('weighted quantiles: equal weights give the midpoint quantile; a heavy item pulls it', () => {
  const items = [1, 2, 3, 4].map((x) => ({ x, w: 1 }));
  assert.equal(weightedQuantile(items, 0.5), 2.5);
  assert.equal(weightedQuantile(items, 0), 1);
  assert.equal(weightedQuantile(items, 1), 4);
  assert.ok(
    weightedQuantile(
      [
        { x: 0, w: 10 },
        { x: 1, w: 1 },
      ],
      0.5,
    ) < 0.1,
  );
});

test('each fold weighs the same: 100 rows of one fold do not set the width alone', () => {
  const big = Array.from({ length: 100 }, (_, i) => residual('big', 'unseen-runtime', 0.01 * (i % 3)));
  const small = [residual('small', 'unseen-runtime', -1), residual('small', 'unseen-runtime', -1.1)];
  const t = buildTable([...big, ...small, residual('seen', 'seen', 0)], 'test');
  assert.ok(t.categories['unseen-runtime'].all.q10 < -0.5, `the small fold's bias shows: ${t.categories['unseen-runtime'].all.q10}`);
});

test('no unseen category is narrower than the seen one, and unseen-both holds unseen-runtime', () => {
  const rs = [
    ...[-0.1, 0, 0.1].map((x) => residual('s', 'seen', x)),
    ...[-0.6, 0.2].map((x) => residual('r', 'unseen-runtime', x)),
    ...[-0.05, 0.05].map((x) => residual('c', 'unseen-chip', x)),
  ];
  const t = buildTable(rs, 'test');
  const w = (c: RangeCategory) => t.categories[c].all;
  for (const c of RANGE_CATEGORIES) assert.ok(w(c).q10 <= w('seen').q10 && w(c).q90 >= w('seen').q90, c);
  assert.ok(w('unseen-both').q10 <= w('unseen-runtime').q10 && w('unseen-both').q90 >= w('unseen-runtime').q90);
});

test('coverage checks each fold against a table built without it', () => {
  // Two folds with opposite biases: each, held out, falls outside the other's range.
  const folds: Fold[] = [
    { kind: 'framework', heldOut: 'a', n: 3, residuals: [0.5, 0.6, 0.7].map((x) => residual('a', 'unseen-runtime', x)) },
    { kind: 'framework', heldOut: 'b', n: 3, residuals: [-0.5, -0.6, -0.7].map((x) => residual('b', 'unseen-runtime', x)) },
  ];
  assert.equal(coverage(folds).overall, 0);
  // Residuals of zero are always inside (a range always holds its prediction).
  const zero: Fold[] = folds.map((f) => ({ ...f, residuals: f.residuals.map((r) => ({ ...r, logResidual: 0 })) }));
  assert.equal(coverage(zero).overall, 1);
});

test("response-time rows check the throughput's interval, read inverted, without entering it", () => {
  const r = (fold: string, metric: Residual['metric'], logResidual: number): Residual => ({
    rowId: `${fold}-${metric}-${logResidual}`,
    metric,
    category: 'seen',
    logResidual,
    fold,
  });
  // Throughput always optimistic (predicted 10–35 % above measured); the response rows' far
  // tail must not widen it.
  const thr = Array.from({ length: 20 }, (_, i) => r('t', 'throughput.outputTokensPerSecond', 0.1 + 0.01 * i));
  const resp = Array.from({ length: 20 }, (_, i) => r('e', 'response.ms', 2 + i));
  const t = buildTable([...thr, ...resp], 'test');
  assert.equal(t.categories.seen['response.ms'], undefined);
  assert.equal(t.categories.seen['throughput.outputTokensPerSecond']!.n, 20);
  assert.ok(t.categories.seen['throughput.outputTokensPerSecond']!.q90 < 0.3);
  // An optimistic throughput is a response predicted too short: inside its range. A response
  // predicted too long (the throughput's pessimistic side, never seen) is not.
  const folds: Fold[] = [
    { kind: 'configurations', heldOut: 'a', n: 20, residuals: thr },
    {
      kind: 'configurations',
      heldOut: 'b',
      n: 2,
      residuals: [r('b', 'response.ms', -0.2), r('b', 'response.ms', 0.2)],
    },
  ];
  const c = coverage(folds);
  assert.deepEqual(c.byMetric['response.ms'], { n: 2, covered: 1 });
});

test('the pooled quantiles read every residual as a time: a rate 50 % optimistic is a time 50 % short', () => {
  const rs = Array.from({ length: 10 }, (_, i): Residual => ({
    rowId: `${i}`,
    metric: 'throughput.outputTokensPerSecond',
    category: 'seen',
    logResidual: 0.5,
    fold: 'f',
  }));
  const t = buildTable(rs, 'test');
  assert.equal(t.categories.seen.all.q10, -0.5);
  assert.equal(t.categories.seen.all.q90, -0.5);
  // Too few for quantiles of its own: the throughput reads the pool in its own orientation.
  assert.equal(t.categories.seen['throughput.outputTokensPerSecond']?.q90 ?? 0.5, 0.5);
});
