// Active power (what a chip draws above idle while its units are busy) follows the silicon where
// the MAC energies describe it, and the TDP is then a cap: a review's TDP sweep from 150 W to
// 1 kW took a from-scratch chip's energy per token from 0.34 to 1.20 J with the silicon unchanged,
// and called the 150 W point 3.33× better in perf/W than an H100.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../model/analyze';
import type { Analysis } from '../../model/analysis';
import { chipPresets } from '../../model/presets/chips';
import { ACTIVE_OVER_PEAK_MAC_POWER, ACTIVE_SHARE_OF_HEADROOM, IDLE_SHARE_OF_TDP, datapathTdpWatts } from '../../model/presets/pooledPrior';
import { whatItDrives } from '../../extension/logic/drivers';
import { memoryHost } from './helpers/memoryHost';
import { findMetric, reportFor } from '../../model/report/build';

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
  // The datapath's peak in the format the workload computes in (int8): its MAC rate × its node-scaled energy.
  const peakWatts = hw.matrix.macsPerSecond.int8! * hw.energy.macJoules.int8!;
  assert.ok(Math.abs(hw.activePowerWatts - ACTIVE_OVER_PEAK_MAC_POWER * peakWatts) < 1e-9 * peakWatts);
  // A BF16 mode the INT8 workload never runs draws nothing while it runs (a review: 512 such
  // arrays drew 1 kW of "active" power in a memory-bound decode and throttled it to 153 MHz).
  const int8Only = await analyze(scratch(`process: 5 nm\n  tdp: 500 W\n  idle_power: 40 W`).replace(', bf16: 0.5', ''));
  assert.equal(int8Only.design!.hardware.activePowerWatts, hw.activePowerWatts);
  assert.equal(int8Only.result!.decode.msPerToken, a.result!.decode.msPerToken);
  // The same chip serving BF16 activations switches BF16 multipliers: more active power.
  const bf16 = await analyze(scratch(`process: 5 nm\n  tdp: 500 W\n  idle_power: 40 W`).replace('activations: int8', 'activations: bf16'));
  const bf16Watts = bf16.design!.hardware.matrix.macsPerSecond.bf16! * bf16.design!.hardware.energy.macJoules.bf16!;
  assert.ok(Math.abs(bf16.design!.hardware.activePowerWatts - ACTIVE_OVER_PEAK_MAC_POWER * bf16Watts) < 1e-9 * bf16Watts);
  assert.ok(bf16.design!.hardware.activePowerWatts > hw.activePowerWatts);
  assert.equal(a.result!.power.activeSource, 'datapath');
  // Neither throttled: the TDP is a cap, and the energy is the silicon's.
  assert.equal(a.result!.power.throttled, false);
  assert.equal(b.result!.power.throttled, false);
  assert.equal(b.design!.hardware.activePowerWatts, hw.activePowerWatts);
  assert.equal(b.result!.energy.joulesPerOutputToken, a.result!.energy.joulesPerOutputToken);
  // A cap below what the chip draws throttles it: its compute-bound prefill is slower and pays
  // for its stretched time in idle energy (the memory-bound decode's case is the next test's).
  const capped = await at('80 W');
  assert.equal(capped.result!.power.throttled, true);
  assert.ok(capped.result!.prefill.ms > a.result!.prefill.ms);
  assert.ok(capped.result!.energy.joulesPerOutputToken >= a.result!.energy.joulesPerOutputToken * 0.999);
  // The report says which phase ran derated, at what clock: the average beside a cap it is under
  // read "(throttled)" alone, a contradiction to an architect's review.
  const power = findMetric(reportFor(capped).design, 'power.watts')!;
  const p = capped.result!.power;
  assert.ok(p.prefillClockScale < 1, 'the prefill is the phase derated here');
  assert.match(power.note!, new RegExp(`^prefill throttled to ${Math.round(100 * p.prefillClockScale)}% of the clock`));
  assert.equal(power.note!.includes('decode'), p.decodeClockScale < 1);
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

test('idle power not given, with a process: the share of the TDP the datapath implies where the stated TDP is a cap above it', async () => {
  const at = (tdp: string) => analyze(scratch(`process: 5 nm\n  tdp: ${tdp}`));
  const [a, b] = [await at('1000 W'), await at('2000 W')];
  const hw = a.design!.hardware;
  const peak = Math.max(
    ...Object.entries(hw.matrix.macsPerSecond).map(([d, rate]) => rate! * hw.energy.macJoules[d as keyof typeof hw.energy.macJoules]!),
  );
  // A review: a TDP sweep from 450 W to 2 kW raised energy per token by 54 % through idle power alone.
  assert.equal(a.result!.power.idleSource, 'share of datapath TDP');
  assert.ok(Math.abs(a.result!.power.idleWatts - IDLE_SHARE_OF_TDP * datapathTdpWatts(peak)) < 1e-9 * peak);
  assert.ok(datapathTdpWatts(peak) < 1000);
  assert.equal(b.result!.power.idleWatts, a.result!.power.idleWatts);
  assert.equal(b.result!.energy.joulesPerOutputToken, a.result!.energy.joulesPerOutputToken);
  assert.match(whatItDrives('chip.idle_power', a.result!)!, /TDP its matrix units imply .* a higher cap does not leak more/);
  // A TDP below what the datapath implies is the chip's: the share is of it, as for the presets.
  const low = await at('500 W');
  assert.equal(low.result!.power.idleSource, 'share of TDP');
  assert.ok(Math.abs(low.result!.power.idleWatts - IDLE_SHARE_OF_TDP * 500) < 1e-9);
  // For a GPU preset the datapath implies its own TDP (its MAC energies are worked back from it).
  const h100 = await analyze('extends: h100-sxm\nworkload: { model: llama-3-8b }\n');
  const g = h100.design!.hardware;
  const gPeak = Math.max(
    ...Object.entries(g.matrix.macsPerSecond).map(([d, rate]) => rate! * g.energy.macJoules[d as keyof typeof g.energy.macJoules]!),
  );
  assert.ok(Math.abs(datapathTdpWatts(gPeak) / g.tdpWatts - 1) < 0.02, `${datapathTdpWatts(gPeak)} W against ${g.tdpWatts} W`);
});

test('a TDP the active power alone outruns names the active power as the load, not the memory (a review: 1 kW of active power blamed on 177 W of memory)', async () => {
  const a = await analyze(scratch('process: 5 nm\n  tdp: 200 W').replace('units: 32', 'units: 512'));
  const d = a.diagnostics.find((x) => x.code === 'power-over-tdp')!;
  assert.match(d.message, /The active power is what draws it: [\d.]+ [kW]+ while the units are busy/);
  // Drawn per cycle, it is what a lower clock cuts: not "a lower clock saves little" (a code review).
  assert.match(d.message, /It is drawn per cycle, so the clock derates until it fits\./);
  assert.doesNotMatch(d.message, /saves little power|The memory is what draws it/);
});

test('active power is an energy per cycle: a memory-bound decode throttled by more arrays keeps its time, and each operator its bottleneck at the derated clock', async () => {
  // An architect's review: doubling a GDDR chip's arrays took a memory-bound decode from 44 to
  // 55 ms a token at 6 % of its clock, as the active power was held per second of memory time.
  const at = (units: number) =>
    analyze(
      scratch(`process: 6 nm\n  tdp: 300 W`)
        .replace('units: 32', `units: ${units}`)
        .replace(
          'memory: { technology: hbm3, stacks: 4, capacity: 96 GB, bandwidth: 3.2 TB/s }',
          'memory: { technology: gddr6, capacity: 32 GB, bandwidth: 864 GB/s }',
        )
        .replace('llama-3-8b', 'llama-3-70b')
        .replace('batch: 16', 'batch: 8'),
    );
  const [few, many] = [await at(32), await at(128)];
  assert.ok(many.result!.power.throttled && many.result!.power.clockScale < 0.6, `${many.result!.power.clockScale}`);
  assert.equal(few.result!.decode.bottleneck, 'memory');
  const ratio = many.result!.decode.msPerToken / few.result!.decode.msPerToken;
  assert.ok(ratio < 1.02, `decode ${few.result!.decode.msPerToken} → ${many.result!.decode.msPerToken} ms`);
  // Capping a memory-bound decode saves energy at no cost in time (the clock tree runs fewer cycles
  // while the units wait on memory), as power-capped GPUs do on memory-bound work; uncapped, the
  // same silicon draws more per step.
  const uncapped = await analyze(
    scratch(`process: 6 nm\n  tdp: 5000 W`)
      .replace('units: 32', 'units: 128')
      .replace(
        'memory: { technology: hbm3, stacks: 4, capacity: 96 GB, bandwidth: 3.2 TB/s }',
        'memory: { technology: gddr6, capacity: 32 GB, bandwidth: 864 GB/s }',
      )
      .replace('llama-3-8b', 'llama-3-70b')
      .replace('batch: 16', 'batch: 8'),
  );
  assert.equal(uncapped.result!.power.throttled, false);
  const [free, cap] = [uncapped.result!.phases.decode, many.result!.phases.decode];
  assert.ok(Math.abs(cap.seconds / free.seconds - 1) < 0.02, `${free.seconds} → ${cap.seconds} s`);
  assert.ok(cap.energyJoulesPerChip < 0.9 * free.energyJoulesPerChip, `${free.energyJoulesPerChip} → ${cap.energyJoulesPerChip} J`);
  // Each operator's bottleneck is the one of its times at the clock it ran at.
  for (const a of [few, many])
    for (const phase of [a.result!.phases.prefill, a.result!.phases.decode])
      for (const op of phase.operators) {
        const t = op.time;
        const memory = Math.max(0, ...Object.values(t.levels));
        const top = Math.max(t.compute, memory, t.link);
        const expected =
          t.overhead > top ? 'overhead' : top === t.link && t.link > 0 ? 'interconnect' : t.compute >= memory ? 'compute' : 'memory';
        assert.equal(op.bottleneck, expected, `${op.label} in ${phase.phase} at ${a.result!.power.clockScale}`);
      }
});

test('an operator the derated clock turns compute-bound is governed by the cap: a click in the views selects chip.tdp', async () => {
  // 64 arrays on GDDR6 under 120 W run at about 12 % of their clock: at batch 128 the decode's
  // larger products, memory-bound at the nominal clock, wait on the arrays instead.
  const at = (tdp: string) =>
    analyze(
      scratch(`process: 6 nm\n  tdp: ${tdp}`)
        .replace('units: 32', 'units: 64')
        .replace(
          'memory: { technology: hbm3, stacks: 4, capacity: 96 GB, bandwidth: 3.2 TB/s }',
          'memory: { technology: gddr6, capacity: 32 GB, bandwidth: 864 GB/s }',
        )
        .replace('batch: 16', 'batch: 128'),
    );
  const [capped, free] = [await at('120 W'), await at('5000 W')];
  assert.ok(capped.result!.power.throttled && !free.result!.power.throttled);
  const nominal = new Map(free.result!.phases.decode.operators.map((op) => [op.id, op]));
  const ops = capped.result!.phases.decode.operators;
  const flipped = ops.filter((op) => op.bottleneck !== nominal.get(op.id)!.bottleneck);
  assert.ok(flipped.length > 0, 'the cap turns some decode operator');
  for (const op of flipped) {
    assert.equal(op.bottleneck, 'compute', op.label);
    assert.equal(op.governingKey, 'chip.tdp', op.label);
  }
  // A pass at its full clock is not said to derate ("derates to … and 100% in decode").
  for (const a of [capped, await at('700 W')]) {
    const message = a.diagnostics.find((d) => d.code === 'power-over-tdp')?.message ?? '';
    assert.match(message, /the clock derates to [\d.]+% \([\d.]+ [MG]Hz\) in (prefill|decode)/);
    assert.doesNotMatch(message, /\b100% in/);
    // Each derated clock with its phase; no "lowest" beside "runs at its full clock" (an operator's review).
    assert.doesNotMatch(message, /lowest/);
    assert.match(message, /voltage scaling is not modelled/);
  }
  // The others keep the key they have at the nominal clock.
  for (const op of ops.filter((o) => !flipped.includes(o))) assert.equal(op.governingKey, nominal.get(op.id)!.governingKey, op.label);
});

test('arrays whose clocks gate draw active power for their own cycles only: more of them cost a memory-bound decode its leakage, not their clocks through the waits', async () => {
  // An architect's review: 128 to 256 units left a memory-bound decode's time unchanged and added
  // 650 W, the arrays' active power drawn through every wait on HBM.
  const at = async (units: number, gated: boolean) => {
    const a = await analyze(scratch('process: 6 nm\n  tdp: 5000 W').replace('units: 32', `units: ${units}, clock_gated: ${gated}`));
    const r = a.result!;
    const decode = r.phases.decode;
    assert.equal(decode.bottleneck, 'memory');
    // Above idle: the operations' energies and the active power's.
    return { seconds: decode.seconds, aboveIdle: decode.energyJoulesPerChip - r.power.idleWatts * decode.seconds };
  };
  const [few, many] = [await at(32, true), await at(128, true)];
  assert.ok(Math.abs(many.seconds / few.seconds - 1) < 0.01);
  assert.ok(many.aboveIdle < 1.15 * few.aboveIdle, `${few.aboveIdle} → ${many.aboveIdle} J`);
  // Clocked through the waits (the default, a GPU's), the same arrays cost far more.
  const [fewClocked, manyClocked] = [await at(32, false), await at(128, false)];
  assert.ok(manyClocked.aboveIdle > 2 * fewClocked.aboveIdle, `${fewClocked.aboveIdle} → ${manyClocked.aboveIdle} J`);
  assert.ok(few.aboveIdle < fewClocked.aboveIdle);
});
