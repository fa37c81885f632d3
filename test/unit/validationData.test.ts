// The measured data the validation rests on: every value in validation/sources/ carries its
// source, locator, quote and trust; every value is either used (rows.csv) or excluded with a
// reason (excluded.csv); rows.csv and excluded.csv are what buildRows.ts makes of the sources
// today (a rule or a data change without rerunning it fails here).
//
//   node --import tsx --test test/unit/validationData.test.ts

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { buildRowsCsv, measuredFiles, SERVING_ROW, SOURCE_COLUMNS, SOURCES_DIR } from '../../validation/buildRows';
import { parseCsv, type CsvRecord } from '../../validation/csv';
import { rangeMetricOf } from '../../validation/crossValidate';
import { chipPresets } from '../../model/presets/chips';

const VALIDATION = join(SOURCES_DIR, '..');
const files = measuredFiles();
const records = (path: string): CsvRecord[] => parseCsv(readFileSync(path, 'utf8'));

describe('validation/sources', () => {
  it('has the calibration set and the files beyond it', () => {
    assert.equal(basename(files[0]!), 'measured.csv');
    assert.ok(files.length >= 5, `only ${files.length} measured files`);
  });

  for (const path of files) {
    const name = basename(path);
    it(`${name}: the columns of measured.csv, and every value with its source, locator, quote and trust`, () => {
      const header = readFileSync(path, 'utf8').split(/\r?\n/, 1)[0]!.split(',');
      assert.deepEqual(header, SOURCE_COLUMNS, `${name} header`);
      const rs = records(path);
      assert.ok(rs.length > 0, `${name} is empty`);
      for (const r of rs) {
        for (const c of ['config_id', 'source', 'locator', 'hardware', 'model', 'metric', 'value', 'unit', 'quote']) {
          assert.ok(r[c]!.trim().length > 0, `${name} ${r.config_id}: empty ${c}`);
        }
        assert.ok(r.trust === 'A' || r.trust === 'B', `${name} ${r.config_id}: trust ${r.trust}`);
        assert.ok(Number.isFinite(Number(r.value!.replace(/,/g, ''))), `${name} ${r.config_id}: value ${r.value} is not a number`);
        if (r.trust === 'B') assert.ok(r.caveats!.trim().length > 0, `${name} ${r.config_id}: B-trust row without caveats`);
      }
    });
  }

  it('each new file uses one config_id prefix of its own', () => {
    const owner = new Map<string, string>();
    for (const path of files.slice(1)) {
      const prefixes = new Set(records(path).map((r) => r.config_id!.replace(/\d+$/, '')));
      assert.equal(prefixes.size, 1, `${basename(path)}: prefixes ${[...prefixes].join(', ')}`);
      const [prefix] = [...prefixes];
      assert.ok(!owner.has(prefix!), `${prefix} used by ${owner.get(prefix!)} and ${basename(path)}`);
      owner.set(prefix!, basename(path));
    }
  });

  it('keeps the reserved sources out (AWS Neuron performance tables, Splitwise H100 profiling)', () => {
    for (const path of files) {
      for (const r of records(path)) {
        const text = `${r.source} ${r.locator} ${r.hardware}`;
        assert.ok(!/neuron|inferentia|trainium/i.test(text), `${basename(path)} ${r.config_id}: AWS Neuron data is reserved`);
        // The calibration set holds Splitwise's DGX-A100 rows; its H100 rows are the reserved part.
        assert.ok(
          !(/splitwise/i.test(text) && /H100/.test(r.hardware!)),
          `${basename(path)} ${r.config_id}: Splitwise H100 data is reserved`,
        );
      }
    }
  });
});

describe('rows.csv and excluded.csv', () => {
  const built = buildRowsCsv();

  it('are what buildRows.ts makes of validation/sources/ (rerun `node --import tsx validation/buildRows.ts`)', () => {
    assert.equal(readFileSync(join(VALIDATION, 'rows.csv'), 'utf8'), built.rowsCsv);
    assert.equal(readFileSync(join(VALIDATION, 'excluded.csv'), 'utf8'), built.excludedCsv);
  });

  it('account for every measured value: used or excluded with a reason', () => {
    const total = files.reduce((n, f) => n + records(f).length, 0);
    assert.equal(built.used + built.excluded, total);
    for (const e of parseCsv(built.excludedCsv)) assert.ok(e.reason!.trim().length > 0, `${e.config_id}: excluded without a reason`);
  });

  it('send serving data (batch set by a scheduler) to excluded.csv with the reason the serving model looks for', () => {
    const serving = parseCsv(built.excludedCsv).filter((e) => e.reason === SERVING_ROW);
    assert.ok(serving.length >= 50, `only ${serving.length} serving rows`);
    for (const r of parseCsv(built.rowsCsv)) {
      assert.ok(
        !/^scheduler|concurrency [2-9]|slots/.test(r.batch_size!),
        `${r.row_id}: a scheduler-chosen batch (${r.batch_size}) is used as a static batch`,
      );
    }
  });

  it('name a chip preset for every used row, and reach beyond the GPU calibration set', () => {
    const ids = new Set(chipPresets.map((p) => p.id));
    const used = parseCsv(built.rowsCsv);
    for (const r of used) assert.ok(ids.has(r.chip!), `${r.row_id}: no chip preset ${r.chip}`);
    const beyond = used.filter((r) => !['hopper', 'ampere', 'ampere-ga102'].includes(r.family!));
    assert.ok(beyond.length >= 90, `only ${beyond.length} rows outside the NVIDIA families`);
    assert.ok(new Set(beyond.map((r) => r.family)).size >= 4, 'fewer than four new hardware families');
  });
});

describe('rows and the prediction ranges', () => {
  it('no response-time or throughput row has one output token, so the coverage check reads every row on the basis the product uses', () => {
    // With no decode step the product ranges response time and throughput by the prefill's
    // residuals (model/ranges/predictionRanges.ts basisFor); validation/rangeTable.ts checks
    // coverage on the throughput's. The two agree only while no such row exists.
    const prefillOnly = records(join(VALIDATION, 'rows.csv')).filter((r) => {
      const metric = rangeMetricOf(r.metric_kind!);
      return (metric === 'response.ms' || metric?.startsWith('throughput.')) && Number(r.output) <= 1;
    });
    assert.deepEqual(
      prefillOnly.map((r) => r.row_id),
      [],
    );
  });
});
