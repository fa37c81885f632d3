// An unmeasured chip, preset or written from its spec sheet, gets the pooled calibrated
// values: the mean of the calibrated families' presets for every key both families identify
// (the link latency only Ampere identifies, docs/validation.md). A recalibration that moves
// the families' values and leaves the prior behind fails here.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaAt } from '../../model/config/schema';
import { analyzeConfig } from '../../model/analyze';
import { CALIBRATED_FAMILIES } from '../../model/presets/calibration';
import { findPreset } from '../../model/presets';
import { IDLE_SHARE_OF_TDP, POOLED_PRIOR } from '../../model/presets/pooledPrior';
import { memoryHost } from './helpers/memoryHost';
import { parseFraction, parseQuantity } from '../../model/units';

type Chip = {
  matrix: { efficiency: string };
  memory: { efficiency: string };
  link: { latency: string };
  dispatch_overhead: string;
};
const chipOf = (id: string) => (findPreset('chip', id)!.config as { chip: Chip }).chip;
const families = Object.values(CALIBRATED_FAMILIES).map((ids) => chipOf(ids[0]));
const fraction = (s: string) => (parseFraction(s) as { value: number }).value;
const seconds = (s: string) => (parseQuantity(s, 'time') as { value: number }).value;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('the pooled prior is the calibrated families’ mean', () => {
  assert.equal(families.length, 2);
  close(fraction(POOLED_PRIOR.matrixEfficiency), mean(families.map((c) => fraction(c.matrix.efficiency))));
  close(fraction(POOLED_PRIOR.memoryEfficiency), mean(families.map((c) => fraction(c.memory.efficiency))));
  close(seconds(POOLED_PRIOR.dispatchOverhead), mean(families.map((c) => seconds(c.dispatch_overhead))));
  // Only Ampere's ring steps identify the hop latency; Hopper keeps its unfitted 1 us.
  close(seconds(POOLED_PRIOR.linkLatency), seconds(chipOf(CALIBRATED_FAMILIES.ampere[0]).link.latency));
});

test('a chip written from its spec sheet gets the pooled prior as its defaults', () => {
  const d = (path: string) => schemaAt(path.split('.')) as { default?: { value: number | string } };
  close(d('chip.matrix.efficiency').default!.value as number, fraction(POOLED_PRIOR.matrixEfficiency));
  close(d('chip.memory.efficiency').default!.value as number, fraction(POOLED_PRIOR.memoryEfficiency));
  assert.equal(d('chip.link.latency').default!.value, POOLED_PRIOR.linkLatency);
  assert.equal(d('chip.dispatch_overhead').default!.value, POOLED_PRIOR.dispatchOverhead);
});

test('idle power not given: the share of TDP the presets assume, or the modelled die’s leakage where that is more, never 0 W', async () => {
  const chip = (extra: string) =>
    `chip:\n  clock: 1.5 GHz\n  tdp: 600 W\n${extra}  matrix: { peak: { bf16: 800 TFLOPS } }\n  vector: { peak: 60 TFLOPS }\n  memory: { capacity: 96 GB, bandwidth: 4.8 TB/s }\nworkload: { model: llama-3-8b }\n`;
  const power = async (text: string) =>
    (await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({ '/ws/a.chip.yaml': text }), {})).result!.power;
  const specSheet = await power(chip(''));
  assert.equal(specSheet.idleSource, 'share of TDP');
  close(specSheet.idleWatts, IDLE_SHARE_OF_TDP * 600);
  // With a process the die is modelled; this one leaks less than 78 W, so the share stands
  // (a datasheet chip with a node is not compared at its bare die leakage against a preset).
  const die = await power(chip('  process: 5 nm\n'));
  assert.equal(die.idleSource, 'share of TDP');
  close(die.idleWatts, IDLE_SHARE_OF_TDP * 600);
  const given = await power(chip('  idle_power: 0 W\n'));
  assert.deepEqual([given.idleSource, given.idleWatts], ['given', 0]);
  // A preset states its own, by the same rule (h100-sxm: 13 % of 700 W = 91 -> 90 W).
  const h100 = await power('extends: h100-sxm\nworkload: { model: llama-3-8b }\n');
  assert.deepEqual([h100.idleSource, h100.idleWatts], ['given', 90]);
});
