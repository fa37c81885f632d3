// Regression guard for the calibration: the model against the A-trust measured rows of
// validation/rows.csv, with the presets as they are. The thresholds are the values
// documented in docs/validation.md plus a small margin (all usable A rows 14.8 % / 40.4 %,
// fit set 6.7 % / 24.3 %, median / p90): a change that makes
// the model worse against measured hardware fails here. If a model fix makes it better,
// re-run `npm run validate`, update docs/validation.md and lower these numbers.
//
//   node --import tsx --test test/unit/validation.test.ts

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { prepareAll } from '../../validation/calibrate';
import { evaluateAll, stat, type Evaluated } from '../../validation/validate';

/** docs/validation.md, "Results": median / p90 of |predicted / measured − 1|. */
const DOCUMENTED = {
  allA: { median: 0.155, p90: 0.42 },
  fitSet: { median: 0.075, p90: 0.255 },
};

describe('validation against measured A-trust rows', () => {
  let ev: Evaluated[] = [];
  before(async () => { ev = evaluateAll(await prepareAll()); });

  it('evaluates every row of rows.csv', () => {
    assert.ok(ev.length >= 360, `only ${ev.length} rows evaluated`);
    assert.ok(ev.every((e) => Number.isFinite(e.pred.value) && e.pred.value > 0), 'a prediction is not a positive number');
  });

  it(`all usable A-trust rows: median ≤ ${DOCUMENTED.allA.median * 100} %, p90 ≤ ${DOCUMENTED.allA.p90 * 100} %`, () => {
    const s = stat(ev.filter((e) => e.inStats && e.p.row.use_class === 'A'));
    assert.ok(s.n >= 250, `only ${s.n} A rows`);
    assert.ok(s.median <= DOCUMENTED.allA.median, `median ${(s.median * 100).toFixed(1)} %`);
    assert.ok(s.p90 <= DOCUMENTED.allA.p90, `p90 ${(s.p90 * 100).toFixed(1)} %`);
  });

  it(`calibration fit set: median ≤ ${DOCUMENTED.fitSet.median * 100} %, p90 ≤ ${DOCUMENTED.fitSet.p90 * 100} %`, () => {
    const s = stat(ev.filter((e) => e.inStats && e.p.row.use_class === 'A' && !e.fitExcluded));
    assert.ok(s.n >= 100, `only ${s.n} fit rows`);
    assert.ok(s.median <= DOCUMENTED.fitSet.median, `median ${(s.median * 100).toFixed(1)} %`);
    assert.ok(s.p90 <= DOCUMENTED.fitSet.p90, `p90 ${(s.p90 * 100).toFixed(1)} %`);
  });
});
