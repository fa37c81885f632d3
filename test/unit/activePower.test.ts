// Active power (what a chip draws above idle while its units are busy) follows the silicon where
// the MAC energies describe it, and the TDP is then a cap: a review's TDP sweep from 150 W to
// 1 kW took a from-scratch chip's energy per token from 0.34 to 1.20 J with the silicon unchanged,
// and called the 150 W point 3.33× better in perf/W than an H100.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../model/analyze';
import type { Analysis } from '../../model/analysis';
import { chipPresets } from '../../model/presets/chips';
import { ACTIVE_OVER_PEAK_MAC_POWER, ACTIVE_SHARE_OF_HEADROOM } from '../../model/presets/pooledPrior';
import { whatItDrives } from '../../extension/logic/drivers';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/power.chip.yaml';
const analyze = (text: string): Promise<Analysis> => analyzeConfig(text, FILE, memoryHost({ [FILE]: text }), {});

/** A chip written from scratch: 32 arrays of 128x128 int8 MACs at 1.5 GHz, 4 HBM3 stacks. */
const scratch = (extra: string) => `
chip:
  clock: 1.5 GHz
  ${extra}
  matrix: { units: 32, array: 128x128, macs_per_cycle: { int8: 1, bf16: 0.5 } }
  vector: { peak: 20 TFLOPS }
  sram: { capacity: 64 MiB, bandwidth: 20 TB/s }
  memory: { technology: hbm3, stacks: 4, capacity: 96 GB, bandwidth: 3.2 TB/s }
  link: { bandwidth: 200 GB/s }
workload: { model: llama-3-8b, precision: { weights: int8, activations: int8 }, batch: 16, prompt: 512, output: 128 }
`;

test('with a process, active power is 3/7 of the matrix datapath’s peak switching power, whatever the TDP', async () => {
  const at = (tdp: string) => analyze(scratch(`process: 5 nm\n  tdp: ${tdp}\n  idle_power: 40 W`));
  const [a, b] = [await at('500 W'), await at('1000 W')];
  const hw = a.design!.hardware;
  // The datapath's peak: the most demanding dtype's MAC rate × its node-scaled energy.
  const peakWatts = Math.max(
    ...Object.entries(hw.matrix.macsPerSecond).map(([d, rate]) => rate! * hw.energy.macJoules[d as keyof typeof hw.energy.macJoules]!),
  );
  assert.ok(Math.abs(hw.activePowerWatts - ACTIVE_OVER_PEAK_MAC_POWER * peakWatts) < 1e-9 * peakWatts);
  assert.equal(a.result!.power.activeSource, 'datapath');
  // Neither throttled: the TDP is a cap, and the energy is the silicon's.
  assert.equal(a.result!.power.throttled, false);
  assert.equal(b.result!.power.throttled, false);
  assert.equal(b.design!.hardware.activePowerWatts, hw.activePowerWatts);
  assert.equal(b.result!.energy.joulesPerOutputToken, a.result!.energy.joulesPerOutputToken);
  // A cap below what the chip draws throttles it: slower, never more efficient for free.
  const capped = await at('100 W');
  assert.equal(capped.result!.power.throttled, true);
  assert.ok(capped.result!.prefill.ms > a.result!.prefill.ms);
  assert.ok(capped.result!.energy.joulesPerOutputToken >= a.result!.energy.joulesPerOutputToken * 0.999);
  // Twice the arrays draw twice the active power (same node, same energies).
  const wide = await analyze(scratch('process: 5 nm\n  tdp: 500 W\n  idle_power: 40 W').replace('units: 32', 'units: 64'));
  assert.ok(Math.abs(wide.design!.hardware.activePowerWatts / hw.activePowerWatts - 2) < 1e-9);
  assert.match(whatItDrives('chip.tdp', a.result!)!, /3\/7 of its matrix units. peak switching power, so the TDP caps it/);
});

test('without a process there is no die for active power to come from: 30 % of TDP − idle stands in, and the hover says so', async () => {
  const a = await analyze(scratch('tdp: 500 W\n  idle_power: 40 W'));
  assert.equal(a.result!.power.activeSource, 'share of TDP');
  assert.ok(Math.abs(a.design!.hardware.activePowerWatts - ACTIVE_SHARE_OF_HEADROOM * (500 - 40)) < 1e-9);
  assert.match(whatItDrives('chip.tdp', a.result!)!, /without `chip\.process` there is no modelled die/);
  // Written MAC energies without a process too: the contract's example (0.3 pJ per int8 MAC at
  // 1.6 POPS under 300 W) would otherwise throttle to a third of its clock on its own figures.
  const written = await analyze(scratch("tdp: 500 W\n  idle_power: 40 W\n  energy: { mac: { int8: '0.3 pJ', bf16: '1 pJ' } }"));
  assert.equal(written.result!.power.activeSource, 'share of TDP');
});

test('every chip preset keeps its 30 % of TDP − idle: its MAC energies were derived from its TDP (within 1 %)', async () => {
  for (const preset of chipPresets) {
    if (preset.id === 'jalapeno') continue; // bottom-up MAC energies (Horowitz, node-scaled): the datapath's own
    const a = await analyze(`extends: ${preset.id}\nworkload: { model: llama-2-7b }\n`);
    const hw = a.design!.hardware;
    const rule = ACTIVE_SHARE_OF_HEADROOM * (hw.tdpWatts - hw.idlePowerWatts);
    // The datapath rule gives every preset its 30 % (whichever rule is in force: with a process
    // the datapath's, without one the share itself), so moving a preset to a process keeps it.
    const peakWatts = Math.max(
      ...Object.entries(hw.matrix.macsPerSecond).map(([d, rate]) => rate! * hw.energy.macJoules[d as keyof typeof hw.energy.macJoules]!),
    );
    assert.ok(
      Math.abs((ACTIVE_OVER_PEAK_MAC_POWER * peakWatts) / rule - 1) < 0.01,
      `${preset.id}: datapath ${ACTIVE_OVER_PEAK_MAC_POWER * peakWatts} W against ${rule} W`,
    );
    assert.equal(a.result!.power.activeSource, a.config!.chip.process ? 'datapath' : 'share of TDP', preset.id);
    assert.ok(Math.abs(hw.activePowerWatts / rule - 1) < 0.01, `${preset.id}: ${hw.activePowerWatts} W against ${rule} W`);
  }
});
