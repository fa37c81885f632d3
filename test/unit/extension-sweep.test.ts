// Sweep values written as the user writes the key, default bounds, sweepable keys, CSV.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sweepCsv } from '../../model/report/sweep';
import {
  valuesAround,
  checkBound,
  defaultBounds,
  indexOfValue,
  spansDecade,
  sweepableKeys,
  sweepKindOf,
  sweepValues,
} from '../../extension/logic/sweepRange';
import { analyzeConfig } from '../../model/analyze';
import { sweepValues as runSweep } from '../../model/sweep';
import { memoryHost } from './helpers/memoryHost';

const kind = (path: string) => sweepKindOf(path.split('.'))!;

describe('sweep values', () => {
  it('knows which keys are numeric, including one dtype of a per-dtype map', () => {
    assert.deepEqual(kind('chip.memory.bandwidth'), { kind: 'quantity', dimension: 'bandwidth' });
    assert.equal(kind('workload.batch').kind, 'count');
    assert.deepEqual(kind('chip.memory.efficiency'), { kind: 'fraction', percent: true, min: 0.01, max: 1 });
    assert.deepEqual(kind('chip.matrix.peak.bf16'), { kind: 'quantity', dimension: 'opsPerSecond' });
    assert.equal(sweepKindOf(['system', 'topology']), undefined);
    assert.equal(sweepKindOf(['chip', 'matrix', 'peak']), undefined);
  });

  it('steps linearly in the unit the start is written in', () => {
    assert.deepEqual(sweepValues(kind('chip.memory.bandwidth'), '2 TB/s', '8 TB/s', 4), {
      ok: true,
      values: ['2 TB/s', '4 TB/s', '6 TB/s', '8 TB/s'],
    });
    assert.deepEqual(sweepValues(kind('chip.memory.bandwidth'), '800 GB/s', '1.6 TB/s', 3), {
      ok: true,
      values: ['800 GB/s', '1200 GB/s', '1600 GB/s'],
    });
    assert.deepEqual(sweepValues(kind('chip.memory.efficiency'), '50 %', '90 %', 3), { ok: true, values: ['50 %', '70 %', '90 %'] });
  });

  it('steps logarithmically and rounds counts without repeating a value', () => {
    assert.deepEqual(sweepValues(kind('workload.batch'), '1', '256', 9, 'log'), {
      ok: true,
      values: ['1', '2', '4', '8', '16', '32', '64', '128', '256'],
    });
    assert.deepEqual(sweepValues(kind('workload.batch'), '1', '3', 5), { ok: true, values: ['1', '2', '3'] });
  });

  it('rejects bounds of the wrong dimension and bad step counts, saying why', () => {
    const bad = sweepValues(kind('chip.memory.bandwidth'), '4 GB', '8 TB/s', 4);
    assert.equal(bad.ok, false);
    assert.match((bad as { message: string }).message, /needs a bandwidth/);
    assert.equal(sweepValues(kind('workload.batch'), '1', '8', 1).ok, false);
    assert.equal(checkBound(kind('workload.batch'), '0'), 'Between 1 and 1000000.');
    assert.equal(checkBound(kind('chip.memory.bandwidth'), '3 TB/s'), undefined);
  });

  it('proposes half to double the current value, in the written unit', () => {
    assert.deepEqual(defaultBounds(kind('chip.memory.bandwidth'), 4.8e12, '4.8 TB/s'), { from: '2.4 TB/s', to: '9.6 TB/s' });
    assert.deepEqual(defaultBounds(kind('workload.batch'), 16, '16'), { from: '8', to: '32' });
    assert.deepEqual(defaultBounds(kind('chip.memory.efficiency'), 0.85, '85 %'), { from: '42.5 %', to: '100 %' });
    assert.deepEqual(defaultBounds(kind('chip.memory.bandwidth'), 3.35e12, undefined), { from: '1.68 TB/s', to: '6.7 TB/s' });
    assert.equal(spansDecade(kind('workload.batch'), '1', '256'), true);
    assert.equal(spansDecade(kind('workload.batch'), '8', '32'), false);
  });
});

describe('the current value in a sweep', () => {
  it("half to double in 7 linear values passes through the config's value, which the views mark", () => {
    const kind = sweepKindOf(['chip', 'memory', 'bandwidth'])!;
    const { from, to } = defaultBounds(kind, 3.28e12, '3.28 TB/s');
    const r = sweepValues(kind, from, to, 7, 'linear');
    assert.ok(r.ok);
    assert.deepEqual(r.values, ['1.64 TB/s', '2.46 TB/s', '3.28 TB/s', '4.1 TB/s', '4.92 TB/s', '5.74 TB/s', '6.56 TB/s']);
    assert.equal(indexOfValue(kind, r.values, 3.28e12), 2);
    assert.equal(indexOfValue(kind, ['3280 GB/s'], 3.28e12), 0);
    assert.equal(indexOfValue(kind, r.values, 3.3e12), undefined);
    assert.equal(indexOfValue(sweepKindOf(['workload', 'batch'])!, ['8', '16', '32'], 16), 1);
  });
});

describe('sweep results', () => {
  it('lists the numeric keys of a config and writes one CSV row per value', async () => {
    const file = '/ws/s.chip.yaml';
    const text = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  batch: 4\n';
    const analysis = await analyzeConfig(text, file, memoryHost({}));
    const keys = sweepableKeys(analysis.config);
    for (const key of ['chip.memory.bandwidth', 'workload.batch', 'cost.pue', 'workload.model.layers']) assert.ok(keys.includes(key), key);
    assert.ok(!keys.includes('system.topology'));

    const points = await runSweep(text, file, memoryHost({}), 'workload.batch', ['1', '4', 'many']);
    const csv = sweepCsv(points).trimEnd().split('\n');
    assert.equal(csv.length, 4);
    assert.match(csv[0]!, /^value,ok,decode_ms_per_token,prefill_ms,/);
    const [value, ok, decodeMs] = csv[2]!.split(',');
    assert.equal(ok, 'true');
    assert.equal(value, '4');
    assert.equal(Number(decodeMs), +points[1]!.analysis.result!.decode.msPerToken.toPrecision(6));
    assert.match(csv[3]!, /^many,false,,,,,,,,,,,,,,.*whole number/);
  });
});

describe("the Explore command's values box", () => {
  it("offers a range through the config's value, or a list around it where a range would miss it or cannot be", async () => {
    const file = '/ws/e.chip.yaml';
    const text = 'extends: jalapeno\nworkload: { model: llama-3-8b }\n';
    const config = (await analyzeConfig(text, file, memoryHost({ [file]: text }))).config;
    // 3.28 TB/s: half to double, 7 values, through it.
    assert.equal(valuesAround('chip.memory.bandwidth', config), '1.64 TB/s..6.56 TB/s:7');
    // 60 % (the pooled prior), doubled past 100 % and capped there: a range would step 30 %, 41.7 %, … past it (a review); a list holds it.
    assert.equal(valuesAround('chip.matrix.efficiency', config), '30 %, 60 %, 100 %');
    // A dtype's entry takes a list only.
    const mac = valuesAround('chip.matrix.macs_per_cycle.int8', config)!;
    assert.match(mac, /^[\d.]+, 1, [\d.]+$/);
  });
});
