// Silicon area and price (issue 14, contract §4.4): each component estimator against a
// hand-computed value, known dies against their published areas, the GPU presets' modelled
// prices against the prices they cite, and what doubling a part does.
//   node --import tsx --test test/unit/silicon.test.ts

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { whatItDrives } from '../../extension/logic/drivers';
import { describeSensitivity, hoverMarkdown } from '../../extension/logic/hoverText';
import { keyAt } from '../../extension/logic/yamlPath';
import { formatChange, formatMm2, formatRatio, formatUsd } from '../../model/report/format';
import { analyzeConfig } from '../../model/analyze';
import type { Analysis } from '../../model/analysis';
import { dieArea, scaledArea, shorelineDieMm2, stacksAlongEdges, UNCORE_SHARE, type DieArea } from '../../model/silicon/area';
import {
  bankEfficiency,
  ESTIMATORS,
  MAC_TRANSISTORS,
  registerFileMm2PerByte,
  SCRATCHPAD_BITCELL_FACTOR,
  SRAM_BANK_BYTES,
  sramMm2,
} from '../../model/silicon/estimators';
import { MEMORY_TECHNOLOGY_TABLE, memoryInterfaces, memoryStacks, stacksForBandwidth } from '../../model/silicon/memoryTechnologies';
import { buildReport, metricOf } from '../../model/report/build';
import { analysisJson } from '../../model/report/json';
import { overrideFrom, sweepValues } from '../../model/sweep';
import {
  atHostFloor,
  chipPrice,
  dieYield,
  diesPerWafer,
  repairedYield,
  SYSTEM_SHARE_MARGIN,
  type SiliconEconomics,
} from '../../model/silicon/price';
import { PROCESS_NODE_TABLE } from '../../model/silicon/processNodes';
import { OPERAND_DELIVERY_JOULES_PER_BIT_45NM, datapathTdpWatts } from '../../model/presets/pooledPrior';
import type { Dtype } from '../../model/dtypes';
import type { SiliconSpec } from '../../model/silicon/spec';
import { memoryHost } from './helpers/memoryHost';
import {
  COMPANY_MARGIN,
  GPU_PRESETS,
  KNOWN_DIE_ERRORS_FILE,
  KNOWN_DIES,
  knownDieErrorsModule,
  knownDieRows,
  siliconOfText,
  siliconTables,
  withTables,
} from '../../validation/siliconTables';
import { areaErrorBand, areaRange, type KnownDieError } from '../../model/silicon/areaRange';
import { otherRangeNotes } from '../../model/report/metric';
import { marginOf } from '../../model/report/labels';
import { COMPARED_MARGIN } from '../../model/silicon/costComparison';

const MiB = 2 ** 20;
const N7 = PROCESS_NODE_TABLE['7 nm'];
const N5 = PROCESS_NODE_TABLE['5 nm'];

/** A bare spec: nothing on the die unless a test adds it. */
function spec(over: Partial<SiliconSpec> = {}): SiliconSpec {
  return {
    process: '7 nm',
    clockHz: 1e9,
    matrixMacsPerCycle: {},
    vectorLanes: 0,
    fp64Rate: 0.5,
    int32Rate: 1,
    sram: [],
    sramKind: 'cache',
    registerFileBytes: 0,
    localSramBytes: 0,
    memory: { label: 'Memory', technology: 'hbm2e', stacks: 0, interfaces: 0, capacityBytes: 0, bandwidthBytesPerSecond: 0 },
    attachedMemory: [],
    link: { phy: 'nvlink4', bandwidthBytesPerSecond: 0 },
    fixedFunctionBlocks: 0,
    spareFraction: 0,
    ...over,
  };
}
const estimate = (id: string, s: SiliconSpec) => ESTIMATORS.find((e) => e.id === id)!.estimate(s, PROCESS_NODE_TABLE[s.process]).mm2;
const describeEstimate = (id: string, s: SiliconSpec) =>
  ESTIMATORS.find((e) => e.id === id)!
    .estimate(s, PROCESS_NODE_TABLE[s.process])
    .describe();
const near = (actual: number, expected: number, rel = 1e-3, what = '') =>
  assert.ok(Math.abs(actual / expected - 1) <= rel, `${what} ${actual} vs ${expected}`);

/** Analyses a config; one without a workload serves Llama-2-7B (the silicon does not depend on it). */
async function analyze(text: string): Promise<Analysis> {
  const full = /^workload:/m.test(text) ? text : `${text}\nworkload: { model: llama-2-7b }\n`;
  return analyzeConfig(full, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': full }));
}

describe('component estimators (hand-computed)', () => {
  it('matrix: 16,384 int8 PEs at 7 nm = 16,384 x 3,540 transistors / 96.3 MTr/mm² = 0.602 mm²', () => {
    // int8 MAC = fp16 MAC (685,300 x (10/52)² = 25,344) x (282 + 137) / (1,640 + 1,360) = 3,539.7 transistors.
    near(MAC_TRANSISTORS.int8, 3539.7, 1e-4);
    near(estimate('matrix', spec({ matrixMacsPerCycle: { int8: 16384 } })), (16384 * 3539.7) / 96.3e6, 1e-4);
  });
  it('matrix: a bf16-capable PE is 7.2x an int8-only PE; the most demanding dtype sizes the shared datapath', () => {
    const int8 = estimate('matrix', spec({ matrixMacsPerCycle: { int8: 16384 } }));
    const bf16 = estimate('matrix', spec({ matrixMacsPerCycle: { int8: 16384, bf16: 16384 } }));
    near(bf16 / int8, 25344.2 / 3539.7, 1e-3);
    // fp8 at twice the bf16 rate (Hopper) adds nothing: 2 x 2,281 < 25,344.
    near(estimate('matrix', spec({ matrixMacsPerCycle: { bf16: 1000, fp8: 2000 } })), (1000 * 25344.2) / 96.3e6, 1e-4);
  });
  it('vector: 1,000 FP32 lanes at 7 nm = 1,000 x 654,410 transistors / 96.3 MTr/mm² = 6.80 mm²', () => {
    near(estimate('vector', spec({ vectorLanes: 1000 })), (1000 * (134_070 + 177_690 + 342_650)) / 96.3e6, 1e-3);
  });
  it('vector: a lane carries its share of an FP64 FPU: at 1/64 of the FP32 rate (GA102, Ada) a lane is 322,468 transistors, half of an A100 lane', () => {
    near(estimate('vector', spec({ vectorLanes: 1000, fp64Rate: 1 / 64 })), (1000 * (134_070 + 177_690 + 685_300 / 64)) / 96.3e6, 1e-3);
    near(estimate('vector', spec({ vectorLanes: 1000, fp64Rate: 0 })), (1000 * (134_070 + 177_690)) / 96.3e6, 1e-3);
  });
  it('vector: a lane carries its share of an INT32 ALU: with one per two lanes (H100, GA102, Ada) a GA102 lane is 233,623 transistors', () => {
    const lanes = (int32Rate: number) => spec({ vectorLanes: 1000, fp64Rate: 1 / 64, int32Rate });
    near(estimate('vector', lanes(0.5)), (1000 * (134_070 + 177_690 / 2 + 685_300 / 64)) / 96.3e6, 1e-3);
    near(estimate('vector', lanes(0)), (1000 * (134_070 + 685_300 / 64)) / 96.3e6, 1e-3);
    assert.match(describeEstimate('vector', lanes(0.5)), /FP64 at 1\/64 of the FP32 rate, INT32 at 50 % of the FP32 rate/);
    assert.doesNotMatch(describeEstimate('vector', lanes(1)), /INT32/);
  });
  it('SRAM: 48 MiB at 7 nm in 96 banks of 512 KB = 48 MiB x 8 x 1.7e-7 mm² / 0.602 = 113.7 mm² (GA100 die shot: 119.3 mm² for 48 MB)', () => {
    near(
      estimate('sram', spec({ sram: [{ label: 'SRAM', capacityBytes: 48 * MiB, bandwidthBytesPerSecond: 1e12 }] })),
      (48 * MiB * 8 * 1.7e-7) / 0.602,
      1e-6,
    );
  });
  it("SRAM: the cells a spare row or column repairs are bits x the node's bit cell, a tenth of a cache, 1/2.75 of a 512 KB-bank scratchpad", () => {
    const n7 = PROCESS_NODE_TABLE['7 nm'];
    const cache = sramMm2(48 * MiB, 1e12, 1e9, n7);
    near(cache.arrayMm2, 48 * MiB * 8 * 0.027e-6, 1e-9);
    near(cache.arrayMm2 / cache.mm2, (0.027e-6 * 0.602) / 1.7e-7, 1e-6);
    const pad = sramMm2(48 * MiB, 1e12, 1e9, n7, undefined, 'scratchpad');
    near(pad.arrayMm2 / pad.mm2, 1 / 2.75, 1e-6);
  });
  it('SRAM: bandwidth beyond one 64 B port per bank per cycle splits it into smaller, less dense banks', () => {
    const narrow = estimate('sram', spec({ sram: [{ label: 'SRAM', capacityBytes: 48 * MiB, bandwidthBytesPerSecond: 1e12 }] }));
    // 48 MiB at 64 B x 768 banks x 1 GHz: 64 KB banks, efficiency 0.526 instead of 0.602 (CACTI's
    // 0.559 at 64 KB, but never denser than a larger bank: 256 KB's 0.526).
    const wide = estimate('sram', spec({ sram: [{ label: 'SRAM', capacityBytes: 48 * MiB, bandwidthBytesPerSecond: 768 * 64e9 }] }));
    near(wide / narrow, 0.602 / 0.526, 1e-6);
  });
  it('SRAM: more bandwidth never makes it smaller (smooth in the bank size; CACTI alone went 571, 625, 571 mm² on a Groq-like die)', () => {
    let last = 0;
    for (let tb = 1; tb <= 400; tb *= 1.07) {
      const mm2 = estimate('sram', spec({ sram: [{ label: 'SRAM', capacityBytes: 220 * MiB, bandwidthBytesPerSecond: tb * 1e12 }] }));
      assert.ok(mm2 >= last * (1 - 1e-12), `${tb.toFixed(1)} TB/s: ${mm2} mm² < ${last}`);
      last = mm2;
    }
    // Between table sizes the efficiency moves by the log of the size, without steps.
    near(bankEfficiency(362 * 1024), 0.526 + (0.602 - 0.526) * Math.log2(362 / 256), 1e-12);
  });
  it('SRAM as a scratchpad: 2.75 x the node bit cell per bit at 512 KB banks (N7: 7.4e-8 mm², 3.8x denser than the cache figure); smaller banks cost what CACTI says', () => {
    const level = (bandwidthBytesPerSecond: number) => [{ label: 'SRAM', capacityBytes: 48 * MiB, bandwidthBytesPerSecond }];
    const scratchpad = estimate('sram', spec({ sram: level(1e12), sramKind: 'scratchpad' }));
    near(scratchpad, 48 * MiB * 8 * 0.027e-6 * 2.75, 1e-9);
    near(estimate('sram', spec({ sram: level(1e12) })) / scratchpad, 1.7e-7 / 0.602 / (0.027e-6 * 2.75), 1e-9);
    near(estimate('sram', spec({ sram: level(768 * 64e9), sramKind: 'scratchpad' })) / scratchpad, 0.602 / 0.526, 1e-9);
  });
  it("the scratchpad factor is GC200's: 823 mm² less uncore, matrix and links, over 900 MiB of N7 bit cells; 2.39-3.13 as its FP32 rate is a GPU's lanes or its matrix units', 2.75 between", () => {
    // Graphcore GC200 (launch, July 2020; Hot Chips 33): TSMC N7, 823 mm², 900 MiB of tile SRAM,
    // 250 TFLOPS FP16 and 62.5 TFLOPS FP32 at 1.325 GHz, 10 IPU-Links of 32 GB/s.
    const clockHz = 1.325e9;
    const macsPerCycle = (tflops: number) => (tflops * 1e12) / 2 / clockHz;
    const factorWith = (fp32: 'vector lanes' | 'matrix units') => {
      const gc200 = spec({
        clockHz,
        // The FP32 rate from the matrix units (AMP): their datapath is sized by the widest format.
        matrixMacsPerCycle: fp32 === 'matrix units' ? { fp16: macsPerCycle(250), fp32: macsPerCycle(62.5) } : { fp16: macsPerCycle(250) },
        vectorLanes: fp32 === 'vector lanes' ? macsPerCycle(62.5) : 0,
        link: { phy: 'nvlink3', bandwidthBytesPerSecond: 320e9 },
      });
      const logic = ESTIMATORS.reduce((sum, e) => sum + e.estimate(gc200, N7).mm2, 0);
      return (823 * (1 - UNCORE_SHARE) - logic) / (900 * MiB * 8 * N7.bitcellMm2);
    };
    const [low, high] = [factorWith('vector lanes'), factorWith('matrix units')];
    near(low, 2.39, 0.01);
    near(high, 3.13, 0.01);
    near(SCRATCHPAD_BITCELL_FACTOR, Math.sqrt(low * high), 0.01);
  });
  it('register file: 64 KB with 4 ports is 23.55 mm² at 90 nm (EMPIRE), 0.391 mm² at 7 nm, plus 23.2 M transistors of issue logic', () => {
    near(registerFileMm2PerByte(N7) * 65536, (23.553 * 1.6) / 96.3, 1e-3);
    near(estimate('registerFile', spec({ registerFileBytes: 65536 })), (23.553 * 1.6) / 96.3 + (725_650 * 32) / 96.3e6, 1e-3);
  });
  it('register file off 7 nm: an array of bit cells, carried by the bit cell as every SRAM (16FF+ 2.74x N7, N5 0.78x), not by logic density (3.33x, 0.70x)', () => {
    const at = (node: keyof typeof PROCESS_NODE_TABLE) => registerFileMm2PerByte(PROCESS_NODE_TABLE[node]) * 65536;
    near(at('16 nm') / at('7 nm'), 0.074 / 0.027, 1e-9);
    near(at('5 nm') / at('7 nm'), 0.021 / 0.027, 1e-9);
    // The issue logic beside it is logic: it scales by logic density.
    const control = (node: keyof typeof PROCESS_NODE_TABLE) =>
      estimate('registerFile', spec({ registerFileBytes: 65536, process: node })) - at(node);
    near(control('16 nm') / control('7 nm'), 96.3 / 28.9, 1e-6);
  });
  it('memory interfaces: 5 HBM2E stacks at 7 nm = 5 x (10.45 mm² PHY + 552.7 M transistors / 96.3) = 80.9 mm²', () => {
    near(
      estimate(
        'memoryInterface',
        spec({
          memory: { label: 'Memory', technology: 'hbm2e', stacks: 5, interfaces: 5, capacityBytes: 80e9, bandwidthBytesPerSecond: 2e12 },
        }),
      ),
      5 * (10.45 + 552.7 / 96.3),
      1e-6,
    );
  });
  it('memory stacks follow capacity and bandwidth; GDDR interfaces follow bandwidth, two devices at most to a channel (clamshell)', () => {
    const hbm3 = MEMORY_TECHNOLOGY_TABLE.hbm3;
    assert.equal(memoryStacks(hbm3, 80 * 2 ** 30, 3.35e12), 5); // bandwidth-bound: 3.35 / 0.819
    assert.equal(memoryStacks(hbm3, 141e9, 1e12), 6); // capacity-bound: 141 / 24
    const gddr6 = MEMORY_TECHNOLOGY_TABLE.gddr6;
    assert.equal(memoryStacks(gddr6, 48 * 2 ** 30, 864e9), 24); // L40S: 24 devices of 16 Gb (2 GiB)
    assert.equal(memoryStacks(MEMORY_TECHNOLOGY_TABLE.hbm2, 32 * 2 ** 30, 1.2e12), 4); // TPU v4: 32 GiB on 4 stacks of 8 GiB
    assert.equal(memoryInterfaces(gddr6, 24, 864e9), 14);
    assert.equal(memoryInterfaces(hbm3, 5, 3.35e12), 5);
    // The L4: 12 devices at 300 GB/s need 5 channels for the bandwidth but sit on 6, two to a channel (its 192-bit bus).
    assert.equal(memoryInterfaces(gddr6, 12, 300e9), 6);
    // More devices than the bandwidth needs still take a channel per pair: 32 LPDDR5 devices are 16 channels, not 4.
    assert.equal(memoryInterfaces(MEMORY_TECHNOLOGY_TABLE.lpddr5, 32, 100e9), 16);
  });
  it('links: 450 GB/s of NVLink4 at 5 nm = 18 links x (0.965 mm² + 86.6 M transistors / 138.2) = 28.6 mm²', () => {
    near(
      estimate('links', spec({ process: '5 nm', link: { phy: 'nvlink4', bandwidthBytesPerSecond: 450e9 } })),
      18 * (0.965 + 86.628 / 138.2),
      1e-6,
    );
  });
  it('fixed function: 2 hard-wired blocks at 5 nm = 2 x 50 M transistors / 138.2 = 0.72 mm²', () => {
    near(estimate('fixedFunction', spec({ process: '5 nm', fixedFunctionBlocks: 2 })), 100 / 138.2, 1e-6);
  });
  it('uncore: the GA100 die-shot share, 116.4 of 822.7 mm² = 14.2 %; the die is the components over (1 - share)', () => {
    near(UNCORE_SHARE, 116.44 / 822.72, 1e-4);
    const s = spec({
      matrixMacsPerCycle: { int8: 1e6 },
      sram: [{ label: 'SRAM', capacityBytes: 64 * MiB, bandwidthBytesPerSecond: 1e12 }],
    });
    const a = dieArea(s);
    const components = a.components.reduce((sum, c) => sum + c.mm2, 0);
    near(a.totalMm2, components / (1 - UNCORE_SHARE), 1e-9);
    near(a.uncoreMm2, a.totalMm2 - components, 1e-9);
  });
  it('spare units add area to the replicated arrays only, and make that area repairable', () => {
    const base = spec({
      matrixMacsPerCycle: { bf16: 1e5 },
      memory: { label: 'Memory', technology: 'hbm3', stacks: 4, interfaces: 4, capacityBytes: 96e9, bandwidthBytesPerSecond: 3e12 },
    });
    const plain = dieArea(base),
      spared = dieArea({ ...base, spareFraction: 0.1 });
    const mm2 = (a: typeof plain, id: string) => a.components.find((c) => c.id === id)!.mm2;
    near(mm2(spared, 'matrix'), 1.1 * mm2(plain, 'matrix'), 1e-9);
    near(mm2(spared, 'memoryInterface'), mm2(plain, 'memoryInterface'), 1e-9);
    assert.equal(plain.repairableMm2, 0);
    near(spared.repairableMm2, mm2(spared, 'matrix'), 1e-9);
  });
  it('beyond the 858 mm² reticle the die is split into chiplets with 5 % die-to-die area', () => {
    const a = dieArea(spec({ sram: [{ label: 'SRAM', capacityBytes: 600 * MiB, bandwidthBytesPerSecond: 1e12 }] }));
    const mono = a.totalMm2 - a.dieToDieMm2;
    assert.ok(mono > 858, `${mono}`);
    assert.equal(a.chiplets, Math.ceil((mono * 1.05) / 858));
    near(a.dieToDieMm2, 0.05 * mono, 1e-9);
    assert.ok(a.dieMm2 <= 858);
  });
  it('an absurdly large die is split at once, not counted up chiplet by chiplet', () => {
    const started = performance.now();
    const a = dieArea(spec({ sram: [{ label: 'SRAM', capacityBytes: 1e18, bandwidthBytesPerSecond: 1e12 }] }));
    assert.ok(performance.now() - started < 50);
    assert.ok(a.chiplets > 1e9 && a.dieMm2 <= 858, `${a.chiplets} chiplets of ${a.dieMm2} mm²`);
  });
  it('shoreline: the least 26:33 die whose four edges take n PHY edges, by hand and against the count it gives', () => {
    // 4 HBM3 stacks, one per edge: the short edge must be 11 mm, so √A = 11 / √(26/33).
    near(shorelineDieMm2(4, 11), (121 * 33) / 26, 1e-9);
    // 6: two on each long edge (22 mm), one on each short edge.
    near(shorelineDieMm2(6, 11), (484 * 26) / 33, 1e-9);
    // A reticle-sized die (33 x 26 mm): 3 + 2 per pair of edges of 11 mm HBM3, 4 + 3 of 7.75 mm HBM2.
    assert.equal(stacksAlongEdges(858, 11), 10);
    assert.equal(stacksAlongEdges(858, 7.75), 14);
    for (const edge of [7.75, 11])
      for (let n = 1; n <= 40; n++) {
        const least = shorelineDieMm2(n, edge);
        assert.ok(stacksAlongEdges(least, edge) >= n, `${n} stacks of ${edge} mm fit beside ${least} mm²`);
        assert.ok(stacksAlongEdges(least * 0.99, edge) < n, `${n} stacks of ${edge} mm do not fit beside 1 % less`);
      }
  });
  it('a die too small for its stacks is padded to their edge or split into smaller dies, whichever needs less (here: silicon; priced: the cheaper)', () => {
    const withStacksSpec = (stacks: number, chiplets?: number): Partial<SiliconSpec> => ({
      matrixMacsPerCycle: { int8: 1e5 },
      memory: {
        label: 'Memory',
        technology: 'hbm3',
        stacks,
        interfaces: stacks,
        capacityBytes: stacks * 24e9,
        bandwidthBytesPerSecond: stacks * 819e9,
      },
      ...(chiplets ? { chiplets } : {}),
    });
    const withStacks = (stacks: number, chiplets?: number) => dieArea(spec(withStacksSpec(stacks, chiplets)));
    // 4 stacks: one die padded to 154 mm² beats 2 x 95 or 4 x 95.
    const four = withStacks(4);
    assert.equal(four.chiplets, 1);
    near(four.totalMm2, shorelineDieMm2(4, 11), 1e-9, 'this small logic needs padding even for 4');
    const larger = dieArea(
      spec({ ...withStacksSpec(4), sram: [{ label: 'SRAM', capacityBytes: 128 * MiB, bandwidthBytesPerSecond: 1e12 }] }),
    );
    assert.equal(larger.shorelinePadMm2, 0, `a ${larger.totalMm2} mm² die has edge for 4`);
    // 8: one die padded to 614 mm², or two of 154 (4 stacks each): two.
    const one8 = withStacks(8, 1);
    near(one8.totalMm2, shorelineDieMm2(8, 11), 1e-9);
    near(one8.shorelinePadMm2, one8.totalMm2 - one8.uncoreMm2 - one8.components.reduce((s, c) => s + c.mm2, 0), 1e-9);
    const eight = withStacks(8);
    assert.equal(eight.chiplets, 2);
    near(eight.totalMm2, 2 * shorelineDieMm2(4, 11), 1e-9);
    // 12: a reticle-sized die's edges take 10, so at least 2 dies (of 6 each: 2 x 381 mm²); 3 of 4 each need 3 x 154.
    const twelve = withStacks(12);
    assert.equal(twelve.fewestChiplets, 2);
    assert.equal(twelve.chiplets, 3);
    near(twelve.dieMm2, shorelineDieMm2(4, 11), 1e-9);
    // Stated as one die, it is that large (model/checks.ts calls it beyond the reticle), and 2 is the fewest.
    const one = withStacks(12, 1);
    near(one.dieMm2, shorelineDieMm2(12, 11), 1e-9);
    assert.equal(one.fewestChiplets, 2);
    // More dies stated than stacks: only the dies that carry one are padded (a review found all 8 padded for 4 stacks).
    const spread = withStacks(4, 8);
    assert.equal(spread.shorelineDies, 4);
    near(spread.shorelinePadMm2, 4 * (shorelineDieMm2(1, 11) - (spread.totalMm2 - spread.shorelinePadMm2) / 8), 1e-9);
    // A stack more never needs less silicon (the fewest dies alone padded 9 and 10 stacks to the reticle, and split 11 for less).
    let before = 0;
    for (let n = 1; n <= 40; n++) {
      const a = withStacks(n);
      assert.ok(a.totalMm2 >= before * (1 - 1e-9), `${n} stacks: ${a.totalMm2} mm² after ${before}`);
      before = a.totalMm2;
    }
    // Any number of stacks is counted at once.
    const started = performance.now();
    assert.ok(withStacks(1e9).chiplets >= 1e8);
    assert.ok(performance.now() - started < 50);
    // The area's range scales the estimate; the padding is geometry, so a smaller estimate is padded back.
    near(scaledArea(one8, 0.5).totalMm2, one8.totalMm2, 1e-9);
    near(scaledArea(larger, 0.5).totalMm2, larger.totalMm2 * 0.5, 1e-9);
  });
  it("priced, the split is the cheaper: jalapeno's price never falls as HBM3 stacks are added", async () => {
    let before = 0;
    for (let n = 4; n <= 16; n++) {
      const a = await analyze(`extends: jalapeno\nchip: { memory: { stacks: ${n}, capacity: ${24 * n} GB, bandwidth: ${819 * n} GB/s } }`);
      const price = a.result!.silicon!.modelledPriceUsd!;
      assert.ok(price > before, `${n} stacks: $${price} after $${before}`);
      before = price;
    }
  });
});

/** A die of `totalMm2` in `chiplets` dies with no components, uncore, spares or padding: the price model alone. */
const bareArea = (totalMm2: number, chiplets: number): DieArea => ({
  totalMm2,
  dieMm2: totalMm2 / chiplets,
  chiplets,
  components: [],
  sramArrayMm2: 0,
  uncoreMm2: 0,
  dieToDieMm2: 0,
  repairableMm2: 0,
  shorelinePadMm2: 0,
  shorelineDieMm2: 0,
  shorelineDies: 0,
  fewestChiplets: 1,
});

describe('price from area (hand-computed)', () => {
  it('dies per wafer: 100 mm² on 300 mm = 706.9 - 942.5 / 14.14 = 640.2', () => {
    near(diesPerWafer(100), (Math.PI * 150 * 150) / 100 - (Math.PI * 300) / Math.sqrt(200), 1e-9);
    near(diesPerWafer(100), 640.2, 1e-3);
  });
  /** A 10,000 USD wafer with no defects, memory at 10 USD/GB, a 20 USD substrate, 99 % per bond; the shares as given. */
  const economics = (
    shares: Pick<SiliconEconomics, 'testShare' | 'boardShare' | 'margin' | 'systemShare'> &
      Partial<Pick<SiliconEconomics, 'hostUsdPerChip' | 'nreUsd' | 'volume'>>,
  ): SiliconEconomics => ({
    hostUsdPerChip: 0,
    nreUsd: 0,
    volume: 100_000,
    waferUsd: 10_000,
    defectsPerMm2: 0,
    memoryUsdPerByte: 10 / 1e9,
    interposerWaferUsd: 0,
    substrateUsd: 20,
    bondYield: 0.99,
    ...shares,
  });
  it('price: die, memory, package, test on those three, board on die and memory, then margin and server share', () => {
    const e = economics({ testShare: 0.1, boardShare: 0.25, margin: 0.75, systemShare: 0.2 });
    const s = spec({
      memory: { label: 'Memory', technology: 'gddr6', stacks: 4, interfaces: 4, capacityBytes: 8e9, bandwidthBytesPerSecond: 256e9 },
    });
    const area = bareArea(100, 1);
    const p = chipPrice(s, area, e);
    const die = 10_000 / diesPerWafer(100); // yield 1 at D0 = 0
    near(p.dieUsd, die, 1e-9);
    near(p.memoryUsd, 80, 1e-9);
    near(p.packageUsd, 20, 1e-9, 'GDDR: no interposer');
    near(p.testUsd, 0.1 * (die + 80 + 20), 1e-9);
    near(p.boardUsd, 0.25 * (die + 80), 1e-9);
    // One die bonded, the GDDR on the board: 1 % of die and package scrapped with a failed bond.
    near(p.assemblyYield, 0.99, 1e-12);
    near(p.assemblyUsd, (die + 20) * (1 / 0.99 - 1), 1e-9);
    near(p.costUsd, die + 80 + 20 + p.assemblyUsd + p.testUsd + p.boardUsd, 1e-9);
    // The server share is of the accelerator as priced at the margin it was measured at, not this chip's own.
    near(p.priceUsd, p.costUsd / 0.25 + (0.2 * p.costUsd) / (1 - SYSTEM_SHARE_MARGIN), 1e-9);
    const inHouse = chipPrice(s, area, { ...e, margin: 0 });
    near(inHouse.systemUsd, p.systemUsd, 1e-9, 'no cheaper server for a chip sold at cost');
    assert.equal(atHostFloor(p), false);
    // A chip whose share would come to less than its slot in a host server pays the slot.
    const floored = chipPrice(s, area, { ...e, hostUsdPerChip: 1300 });
    assert.ok(p.systemUsd < 1300, `the small die's share ${p.systemUsd}`);
    near(floored.systemUsd, 1300, 1e-12);
    assert.equal(atHostFloor(floored), true);
    near(floored.priceUsd, p.priceUsd - p.systemUsd + 1300, 1e-9, 'nothing else moves');
    const aboveFloor = chipPrice(s, area, { ...e, hostUsdPerChip: p.systemUsd / 2 });
    near(aboveFloor.systemUsd, p.systemUsd, 1e-12, 'a share above the floor is the share');
    // A design's NRE is spread evenly over the chips built; nothing else moves.
    assert.equal(p.nreUsd, 0);
    const designed = chipPrice(s, area, { ...e, margin: 0, nreUsd: 300e6, volume: 50_000 });
    near(designed.nreUsd, 6000, 1e-12, '300 M USD over 50,000 chips');
    near(designed.priceUsd, inHouse.priceUsd + 6000, 1e-9);
    near(designed.costUsd, inHouse.costUsd, 1e-12, 'not a manufacturing cost: no test, board or margin on it');
    near(designed.systemUsd, inHouse.systemUsd, 1e-12);
  });
  it('cost.silicon.host_per_chip from a config: a cheap chip pays its slot in a host server, and the table says why', async () => {
    // The Groq TSP example, built for 124 USD: 22.7 % of that at an H100's margin is 234 USD of server.
    const text = readFileSync('examples/silicon/groq-tsp.chip.yaml', 'utf8');
    const a = await analyze(text);
    const p = a.result!.silicon!.price!;
    assert.equal(p.systemUsd, 1300);
    assert.equal(atHostFloor(p), true);
    near(p.systemFromShareUsd, (0.227 * p.costUsd) / (1 - SYSTEM_SHARE_MARGIN), 1e-9);
    assert.ok(
      metricOf('silicon.price.systemUsd', a.result!)!.note!.includes(
        `host_per_chip\`, more than the ${formatUsd(p.systemFromShareUsd)} that \`system_share\` gives`,
      ),
      metricOf('silicon.price.systemUsd', a.result!)!.note,
    );
    // Without the floor, the share is what system_share gives; the reference's share is above the floor.
    const bare = (await analyze(text.replace(/^( {4}margin: 0 %)/m, '    host_per_chip: 0 USD\n$1'))).result!.silicon!.price!;
    assert.equal(atHostFloor(bare), false);
    near(bare.systemUsd, p.systemFromShareUsd, 1e-9);
    near(bare.priceUsd, p.priceUsd - 1300 + p.systemFromShareUsd, 1e-9);
    const reference = (await analyze('extends: jalapeno')).result!.silicon!.price!;
    assert.equal(atHostFloor(reference), false);
  });
  it('cost.silicon.nre from a config: spread over the volume, the design own (not the baseline), said where counted twice or not at all', async () => {
    const codes = (a: Analysis) => a.diagnostics.map((d) => d.code);
    const built = 'extends: jalapeno\ncompare: h100-sxm\ncost:\n  silicon: { margin: 0 %';
    const bare = await analyze(`${built} }`);
    const designed = await analyze(`${built}, nre: 300000000 USD, volume: 50000 }`);
    const p = designed.result!.silicon!.price!;
    assert.equal(p.nreUsd, 6000);
    near(designed.result!.silicon!.chipPriceUsd!, bare.result!.silicon!.chipPriceUsd! + 6000, 1e-9);
    // The H100 baseline keeps its own price: this design's NRE is not NVIDIA's.
    assert.equal(designed.baseline!.result.silicon!.chipPriceUsd, bare.baseline!.result.silicon!.chipPriceUsd);
    assert.equal(designed.baseline!.result.silicon!.price!.nreUsd, 0);
    // Listed in the table where counted, with where it comes from in the price's note.
    assert.equal(metricOf('silicon.price.nreUsd', bare.result!), undefined);
    assert.equal(metricOf('silicon.price.nreUsd', designed.result!)!.value, 6000);
    assert.match(metricOf('silicon.chipPriceUsd', designed.result!)!.note!, /with \$6,000 of design \(NRE\) a chip/);
    // At 0 % without NRE the design is not counted; NRE at a vendor's margin is counted twice.
    assert.ok(codes(bare).includes('design-cost-not-counted'), codes(bare).join());
    assert.ok(!codes(designed).includes('design-cost-not-counted'));
    const twice = await analyze('extends: jalapeno\ncost:\n  silicon: { nre: 300000000 USD }');
    const note = twice.diagnostics.find((d) => d.code === 'design-cost-twice');
    assert.ok(note, twice.diagnostics.map((d) => d.code).join());
    assert.match(note.message, /adds \$3,000 a chip on top of the 75% margin, .* may be counted twice/);
    assert.ok(!codes(await analyze('extends: jalapeno')).some((c) => c.startsWith('design-cost')), 'nothing said at the defaults');
    // Over a preset's given price the design's NRE is added, not scaled with the silicon; volume alone changes nothing.
    const h100 = await analyze('extends: h100-sxm');
    const h100Nre = await analyze('extends: h100-sxm\ncost:\n  silicon: { nre: 300000000 USD }');
    near(h100Nre.result!.silicon!.chipPriceUsd!, h100.result!.silicon!.chipPriceUsd! + 3000, 1e-9);
    // A volume below the system's chips is a warning; a given price leaves the NRE out and says so.
    const few = await analyze(`${built}, nre: 300000000 USD, volume: 4 }\nsystem: { chips: 8, tensor_parallel: 8 }`);
    assert.match(few.diagnostics.find((d) => d.code === 'volume-below-system')?.message ?? '', /\(4\) is fewer chips than this system's 8/);
    assert.ok(!codes(designed).includes('volume-below-system'));
    const given = await analyze(`${built}, nre: 300000000 USD }\n  chip_price: 20000 USD`);
    assert.equal(given.result!.silicon!.chipPriceUsd, 20000);
    assert.ok(codes(given).includes('design-cost-unused'), codes(given).join());
    const volumeOnly = await analyze('extends: h100-sxm\ncost:\n  silicon: { volume: 5000 }');
    assert.equal(volumeOnly.result!.silicon!.priceSource, 'given');
    assert.ok(!codes(volumeOnly).includes('price-modelled'), codes(volumeOnly).join());
  });
  it('SRAM cells are repaired by their spare rows and columns: the yield is of the die less its cells, per chiplet, with spare units on the rest', () => {
    const e = economics({ testShare: 0, boardShare: 0, margin: 0, systemShare: 0 });
    const d0 = 0.2 / 100;
    const s = spec({});
    const withD0 = { ...e, defectsPerMm2: d0 };
    // 400 mm² in 2 dies, 120 mm² of cells: each die yields as 200 - 60 = 140 mm² of critical area.
    const area = { ...bareArea(400, 2), sramArrayMm2: 120 };
    const p = chipPrice(s, area, withD0);
    near(p.yield, dieYield(140, d0), 1e-12);
    near(p.criticalMm2, 140, 1e-12, 'the critical area reported is the one the yield is of');
    // With spare units (SiliconSpec.enabledUnits) over 100 mm² of replicated logic per die, outside the cells.
    const spared = chipPrice({ ...s, enabledUnits: 100, spareFraction: 0.04 }, { ...area, repairableMm2: 200 }, withD0);
    near(spared.yield, repairedYield(140, 100, 2, d0), 1e-12);
    // The area's range scales the cells with the rest.
    near(scaledArea(area, 1.1).sramArrayMm2, 132, 1e-12);
  });
  it('assembly: 2 chiplets and 4 HBM stacks are 6 bonds; a failed one scraps the dice, the stacks and the package', () => {
    const e = economics({ testShare: 0, boardShare: 0, margin: 0, systemShare: 0 });
    const s = spec({
      memory: { label: 'Memory', technology: 'hbm3', stacks: 4, interfaces: 4, capacityBytes: 64e9, bandwidthBytesPerSecond: 3e12 },
    });
    const area = bareArea(200, 2);
    const p = chipPrice(s, area, e);
    near(p.assemblyYield, 0.99 ** 6, 1e-12);
    near(p.assemblyUsd, (p.dieUsd + 640 + 20) * (0.99 ** -6 - 1), 1e-9);
    // More chiplets, more bonds: 64 of them would scrap about half the packages.
    const many = chipPrice(s, { ...area, dieMm2: 200 / 64, chiplets: 64 }, e);
    near(many.assemblyYield, 0.99 ** 68, 1e-12);
    assert.ok(many.assemblyUsd > 10 * p.assemblyUsd);
  });
  it('negative-binomial yield: 100 mm² at 0.1 /cm² (5 nm) = (1 + 0.1 / 3)^-3 = 0.906', () => {
    near(dieYield(100, N5.defectsPerMm2), (1 + 0.1 / 3) ** -3, 1e-9);
    near(dieYield(100, N5.defectsPerMm2), 0.906, 1e-3);
  });
  it('spare units repair one defect each: no spares is the plain yield, a spare for every defect the yield of the rest', () => {
    const d0 = 0.2 / 100; // 0.2 /cm²
    near(repairedYield(800, 500, 0, d0), dieYield(800, d0), 1e-12);
    near(repairedYield(800, 500, Number.POSITIVE_INFINITY, d0), dieYield(300, d0), 1e-12);
    near(repairedYield(800, 500, 200, d0), dieYield(300, d0), 1e-9, 'many spares: every defect');
    // One spare: the k = 1 term, 3·θ·A_r / (1 + θ·A)^4 with θ = D0 / 3, on top of the plain yield.
    const theta = d0 / 3;
    near(repairedYield(800, 500, 1, d0), dieYield(800, d0) + (3 * theta * 500) / (1 + theta * 800) ** 4, 1e-12);
    for (let spares = 0; spares < 8; spares++) assert.ok(repairedYield(800, 500, spares + 1, d0) > repairedYield(800, 500, spares, d0));
  });
  it('a share of a unit is no spare: 0.0001 % of an H100 prices as none, 9 % as 12 SMs', async () => {
    const priced = async (spares: string) =>
      (await siliconOfText(`extends: h100-sxm\nchip: { memory: { capacity: 96 GB }, silicon: { spare_units: ${spares} } }`)).chipPriceUsd!;
    near(await priced('0.0001 %'), await priced('0 %'), 1e-5, 'its area alone');
    // $36,299 against $38,065 at 5 nm's 0.1 defects /cm² (14 % apart at 0.2, before the SRAM cells were repaired).
    assert.ok((await priced('9 %')) < 0.97 * (await priced('0 %')), 'spares pay for their area');
    // Spread over chiplets, the chip's spares are not rounded away per die: L40S's 2 spare SMs on
    // 4 chiplets are one on each of two dies (rounded per die, 0.5 was none, and the spares' area
    // made the chip dearer).
    const l40s = async (spares: string) =>
      (await siliconOfText(`extends: l40s\nchip: { silicon: { chiplets: 4, spare_units: ${spares} } }`)).chipPriceUsd!;
    assert.ok((await l40s('1.4 %')) < (await l40s('0 %')));
  });
});

describe('known dies within 15 % of their published areas (docs/silicon.md)', () => {
  for (const known of KNOWN_DIES) {
    it(
      `${known.die} (${known.config}): ${known.bound ? '< ' : ''}${known.publishedMm2} mm², ${known.source}`,
      known.knownMiss ? { todo: known.knownMiss } : {},
      async () => {
        const area = (await siliconOfText(known.text())).dieAreaMm2!;
        // A published upper bound ("< 600 mm²") is met within 15 % above it, and not absurdly below.
        const ok = known.bound
          ? area <= known.publishedMm2 * 1.15 && area >= known.publishedMm2 * 0.6
          : Math.abs(area / known.publishedMm2 - 1) <= 0.15;
        assert.ok(ok, `${known.die}: modelled ${area.toFixed(0)} mm² vs ${known.publishedMm2} mm²`);
      },
    );
  }
});

describe("the pre-Ampere GPUs' misses are their SM and their realized density, not a node figure (docs/silicon.md)", () => {
  const v100 = () => readFileSync('examples/silicon/v100.chip.yaml', 'utf8');
  it('at one node (7 nm) the V100 config is 0.55 of GA100, against 0.39 of its transistors (21.1 G / 54.2 G): x1.40', async () => {
    const gv100 = (await siliconOfText(v100().replace('process: 12 nm', 'process: 7 nm'))).dieAreaMm2!;
    const ga100 = (await siliconOfText('extends: a100-80gb-sxm')).dieAreaMm2!;
    near(gv100 / ga100, 0.546, 0.005);
    near(gv100 / ga100 / (21.1 / 54.2), 1.4, 0.02);
  });
  it('from 7 to 12 nm the model scales the V100 config 2.9x, against 2.53x between the densities GA100 and GV100 realize: x1.14', async () => {
    const at12 = (await siliconOfText(v100())).dieAreaMm2!;
    const at7 = (await siliconOfText(v100().replace('process: 12 nm', 'process: 7 nm'))).dieAreaMm2!;
    near(at12 / at7, 2.88, 0.02);
    near(at12 / at7 / (54.2 / 826 / (21.1 / 815)), 1.14, 0.01);
  });
  // The same two factors on the other pre-Ampere dies: GP100 has no tensor cores, so the SM's
  // factor is not the tensor cores the matrix estimator sizes by MAC rate.
  const older = [
    { die: 'GP100', file: 'examples/silicon/p100.chip.yaml', node: '16 nm', transistorsG: 15.3, mm2: 610, sm: 1.42, density: 1.07 },
    {
      die: 'TU102',
      file: 'examples/silicon/quadro-rtx-6000.chip.yaml',
      node: '12 nm',
      transistorsG: 18.6,
      mm2: 754,
      sm: 1.13,
      density: 1.12,
    },
  ];
  for (const d of older) {
    it(`${d.die}: x${d.sm} the SM (at 7 nm, against ${d.transistorsG} G / 54.2 G transistors), x${d.density} the density realized`, async () => {
      const text = readFileSync(d.file, 'utf8');
      const at7 = (await siliconOfText(text.replace(`process: ${d.node}`, 'process: 7 nm'))).dieAreaMm2!;
      const atOwn = (await siliconOfText(text)).dieAreaMm2!;
      const ga100 = (await siliconOfText('extends: a100-80gb-sxm')).dieAreaMm2!;
      near(at7 / ga100 / (d.transistorsG / 54.2), d.sm, 0.02);
      near(atOwn / at7 / (54.2 / 826 / (d.transistorsG / d.mm2)), d.density, 0.02);
      // The two factors are the whole miss.
      near(atOwn / d.mm2, d.sm * d.density, 0.05);
    });
  }
});

describe('modelled costs and prices of the GPU presets against the figures they cite (docs/silicon.md)', () => {
  it("manufactured cost within 30 % of the independent analysts' estimates (H100: Raymond James 3,320 USD; H200: 4,800 USD)", async () => {
    for (const cited of GPU_PRESETS.filter((c) => c.costEstimateUsd)) {
      const s = await siliconOfText(`extends: ${cited.preset}`);
      const ratio = s.price!.costUsd / cited.costEstimateUsd!;
      assert.ok(Math.abs(ratio - 1) <= 0.3, `${cited.preset}: modelled cost / estimate = ${ratio.toFixed(2)}`);
    }
  });
  // At the company-wide 10-K margin (the default for designs of your own) every preset comes out
  // at 0.40-0.56x its cited price; the docs' table shows it and the margin each cited price implies.
  for (const cited of GPU_PRESETS) {
    it(`${cited.preset}: modelled price within 30 % of its cited price (at the preset's NVIDIA product margin)`, async () => {
      const s = await siliconOfText(`extends: ${cited.preset}`);
      assert.equal(s.priceSource, 'given');
      const ratio = s.modelledPriceUsd! / s.chipPriceUsd;
      assert.ok(Math.abs(ratio - 1) <= 0.3, `${cited.preset}: modelled / cited = ${ratio.toFixed(2)}`);
    });
  }
  it("every NVIDIA GPU preset carries the one product margin (88 %), designs of your own the 10-K's 75 %", async () => {
    for (const cited of GPU_PRESETS) {
      const a = await analyze(`extends: ${cited.preset}`);
      assert.equal(a.config!.cost.silicon.margin, 0.88, cited.preset);
    }
    const own = await analyze('extends: jalapeno');
    assert.equal(own.config!.cost.silicon.margin, COMPANY_MARGIN);
  });
  it('mi300x, tpu-v5e, inferentia2 have no `chip.process` (chiplet mix or unpublished node): their prices stay given and no area is claimed', async () => {
    for (const preset of ['mi300x', 'tpu-v5e', 'inferentia2']) {
      const s = (await analyze(`extends: ${preset}`)).result!.silicon!;
      assert.equal(s.priceSource, 'given');
      assert.equal(s.dieAreaMm2, null);
    }
  });
});

describe("docs/silicon.md tables are the model's output", () => {
  it('each generated table on the page matches a fresh run (npm run docs rewrites them)', async () => {
    const page = readFileSync('docs/silicon.md', 'utf8');
    assert.equal(page, withTables(page, await siliconTables()), 'docs/silicon.md is stale: run `npm run docs`');
  });
});

describe("the die area's range: the model's errors on the published dies of the design's node class", () => {
  it('model/silicon/knownDieErrors.ts is the known-dies check as the model gives it now (npm run docs rewrites it)', async () => {
    const module = knownDieErrorsModule(await knownDieRows());
    assert.equal(readFileSync(KNOWN_DIE_ERRORS_FILE, 'utf8'), module, `${KNOWN_DIE_ERRORS_FILE} is stale: run \`npm run docs\``);
    // GA100 calibrated the SM terms and TPU v4's figure is a bound: neither is evidence of the error.
    assert.ok(!/die: '(GA100|TPU v4)'/.test(module));
  });
  const dies: KnownDieError[] = [
    { die: 'A', process: '4 nm', kind: 'GPU', error: -0.1 },
    { die: 'B', process: '8 nm', kind: 'GPU', error: 0.2 },
    { die: 'C', process: '12 nm', kind: 'ASIC', error: 0.5 },
    { die: 'D', process: '16 nm', kind: 'GPU', error: -0.2 },
    { die: 'E', process: '7 nm', kind: 'GPU', error: 0.05 },
  ];
  it("a node takes its class's span only: 3 nm from A, B, E (8 nm and newer); 10 nm from C, D (older)", () => {
    const newer = areaErrorBand('3 nm', dies)!;
    assert.deepEqual([newer.low, newer.high], [-0.1, 0.2]);
    assert.match(newer.basis, /3 published GPU dies at 8 nm and newer \(A 4 nm −10%, B 8 nm \+20%, E 7 nm \+5%/);
    const older = areaErrorBand('10 nm', dies)!;
    assert.deepEqual([older.low, older.high], [-0.2, 0.5]);
    assert.match(older.basis, /2 published dies at nodes older than 8 nm/);
    assert.equal(areaErrorBand('5 nm', dies.slice(2)), undefined, 'one die is no span');
  });
  it('the true area is the modelled one over (1 + error): a model 20 % high means a die 1/1.2 of it', () => {
    const [low, high] = areaRange(600, areaErrorBand('5 nm', dies)!);
    near(low, 600 / 1.2, 1e-12);
    near(high, 600 / 0.9, 1e-12);
  });
  it("every independent known die's published area lies in its own modelled range (the division's direction)", async () => {
    for (const { known, silicon } of (await knownDieRows()).filter((r) => !r.known.fitted && !r.known.bound)) {
      const [low, high] = silicon.dieAreaRangeMm2!;
      // The stored errors are rounded to 0.1 %: an end may miss its own die by that much.
      assert.ok(low <= known.publishedMm2 * 1.001 && known.publishedMm2 <= high * 1.001, `${known.die}: ${low}-${high}`);
    }
  });
  it('a die choice left to its default reaches the low end down to the leaner die: an SRAM as a scratchpad, lanes without FP64', async () => {
    const chip = (silicon: string) => `chip:
  process: 7 nm
  clock: 1.5 GHz
  tdp: 75 W
  matrix: { units: 4, array: 128x128, macs_per_cycle: { int8: 1 } }
  vector: { peak: 8 TFLOPS }
  sram: { capacity: 64 MiB, bandwidth: 8 TB/s }
  memory: { technology: lpddr5, capacity: 32 GB, bandwidth: 200 GB/s }
  ${silicon}
workload: { model: llama-3-8b, precision: { weights: int4, activations: int8 } }
`;
    const open = (await analyze(chip('silicon: {}'))).result!.silicon!;
    const stated = (await analyze(chip('silicon: { sram_kind: scratchpad, fp64_rate: 0 }'))).result!.silicon!;
    const asDefaults = (await analyze(chip('silicon: { sram_kind: cache, fp64_rate: 0.5 }'))).result!.silicon!;
    // Stated as the defaults are, the die is the same and its range the published dies' alone.
    assert.equal(asDefaults.dieAreaMm2, open.dieAreaMm2);
    assert.doesNotMatch(asDefaults.areaRangeBasis!, /leaves open/);
    // Left open, the low end is the leaner die's own low end, and the basis says which keys.
    near(open.dieAreaRangeMm2![0], stated.dieAreaRangeMm2![0], 1e-9);
    near(open.dieAreaRangeMm2![1], asDefaults.dieAreaRangeMm2![1], 1e-9);
    assert.ok(
      open.dieAreaRangeMm2![0] < 0.7 * asDefaults.dieAreaRangeMm2![0],
      `${open.dieAreaRangeMm2} against ${asDefaults.dieAreaRangeMm2}`,
    );
    assert.match(
      open.areaRangeBasis!,
      /; its low end is the die with its SRAM a scratchpad and without FP64 in its vector lanes, which the config leaves open \(`chip\.silicon\.sram_kind` and `chip\.silicon\.fp64_rate` not stated\)$/,
    );
    near(open.modelledPriceRangeUsd![0], stated.modelledPriceRangeUsd![0], 1e-9);
  });
  it('the modelled price moves with the area at the ends; a given price has no range; neither is among the 80 % ranges', async () => {
    const v100 = await analyze(readFileSync('examples/silicon/v100.chip.yaml', 'utf8'));
    const s = v100.result!.silicon!;
    const [low, high] = s.modelledPriceRangeUsd!;
    assert.ok(low < s.modelledPriceUsd! && s.modelledPriceUsd! < high, `${low} < ${s.modelledPriceUsd} < ${high}`);
    const report = buildReport(v100);
    assert.ok(metricOf('silicon.chipPriceUsd', v100.result!)!.range, 'a modelled price in use has the range');
    assert.deepEqual(otherRangeNotes(report.design!.metrics), [
      `die area [a–b]: ${s.areaRangeBasis}`,
      "chip price [a–b]: the modelled price at the two ends of the die area's range: the die's error only, not the memory's, wafer's or margin's prices (docs/silicon.md)",
    ]);
    // Where it is the price used on every side shown, the report leaves out its twin row (an architect's review)...
    assert.ok(!report.design!.metrics.some((m) => m.id === 'silicon.modelledPriceUsd'));
    // ...which, beside a baseline's other price, is there and says so (a blank cell read as "none").
    assert.match(metricOf('silicon.modelledPriceUsd', v100.result!)!.note!, /^the price used, at \d+% margin$/);
    const json = analysisJson(v100, { detail: false }) as { result: { ranges: Record<string, unknown> } };
    assert.ok(!Object.keys(json.result.ranges).some((id) => id.startsWith('silicon.')));
    const h100 = await analyze('extends: h100-sxm');
    assert.equal(metricOf('silicon.chipPriceUsd', h100.result!)!.range, undefined, 'a cited price is not widened by the area');
    assert.ok(metricOf('silicon.modelledPriceUsd', h100.result!)!.range, 'the modelled price beside it is');
  });
});

describe('doubling a part raises area and price by what that part costs (docs/silicon.md)', () => {
  // The jalapeno preset's price is modelled from its die: what these compare.
  const modelled = (chip: string) => analyze(`extends: jalapeno\nchip: ${chip}`);
  const componentMm2 = (a: Analysis, id: string) => a.result!.silicon!.components.find((c) => c.id === id)!.mm2;
  const areaOf = (a: Analysis) => a.result!.silicon!.dieAreaMm2!;
  const priceOf = (a: Analysis) => a.result!.silicon!.modelledPriceUsd!;

  it('SRAM 128 -> 256 MiB: area grows by the SRAM block over (1 - uncore share), price more than in proportion (yield)', async () => {
    const one = await modelled('{ sram: { capacity: 128 MiB } }');
    const two = await modelled('{ sram: { capacity: 256 MiB } }');
    near(areaOf(two) - areaOf(one), componentMm2(one, 'sram') / (1 - UNCORE_SHARE), 1e-6);
    assert.ok(priceOf(two) > priceOf(one));
    // The die cost grows faster than its area: fewer dies per wafer and a lower yield.
    assert.ok(two.result!.silicon!.price!.dieUsd / one.result!.silicon!.price!.dieUsd > areaOf(two) / areaOf(one));
  });
  it('matrix units 32 -> 64: the matrix block doubles', async () => {
    const one = await modelled('{ matrix: { units: 32 } }');
    const two = await modelled('{ matrix: { units: 64 } }');
    near(componentMm2(two, 'matrix'), 2 * componentMm2(one, 'matrix'), 1e-9);
    near(areaOf(two) - areaOf(one), componentMm2(one, 'matrix') / (1 - UNCORE_SHARE), 1e-6);
    assert.ok(priceOf(two) > priceOf(one));
  });
  it('memory stacks 4 -> 8 (capacity and bandwidth doubled): PHYs double, memory cost doubles, the interposer grows', async () => {
    const one = await modelled('{ memory: { stacks: 4, capacity: 96 GB, bandwidth: 3.28 TB/s } }');
    const two = await modelled('{ memory: { stacks: 8, capacity: 192 GB, bandwidth: 6.56 TB/s } }');
    near(componentMm2(two, 'memoryInterface'), 2 * componentMm2(one, 'memoryInterface'), 1e-9);
    near(two.result!.silicon!.price!.memoryUsd, 2 * one.result!.silicon!.price!.memoryUsd, 1e-9);
    assert.ok(two.result!.silicon!.price!.packageUsd > one.result!.silicon!.price!.packageUsd);
    assert.ok(priceOf(two) > priceOf(one));
  });
});

describe('memory levels on the die (chip.memory_levels)', () => {
  const modelled = (chip: string) => analyze(`extends: jalapeno\nchip: ${chip}`);
  const component = (a: Analysis, id: string) => a.result!.silicon!.components.find((c) => c.id === id)!;
  const areaOf = (a: Analysis) => a.result!.silicon!.dieAreaMm2!;
  const priceOf = (a: Analysis) => a.result!.silicon!.price!;

  it('a second on-chip level is SRAM area of its own, banked for its own bandwidth', async () => {
    const one = await modelled('{}');
    const two = await modelled('{ memory_levels: { l3: { label: L3, capacity: 32 MiB, bandwidth: 4 TB/s, on_chip: true } } }');
    // SRAM is a replicated array: the preset's spare units add to it.
    const l3 =
      sramMm2(32 * MiB, 4e12, one.design!.hardware.clockHz, PROCESS_NODE_TABLE['5 nm'], SRAM_BANK_BYTES, 'scratchpad').mm2 *
      (1 + one.config!.chip.silicon.spare_units);
    near(component(two, 'sram').mm2 - component(one, 'sram').mm2, l3, 1e-9);
    assert.equal(two.result!.silicon!.chiplets, 1);
    near(areaOf(two) - areaOf(one), l3 / (1 - UNCORE_SHARE), 1e-6);
    assert.match(component(two, 'sram').detail, /^SRAM: \d+ banks .*; L3: \d+ banks/);
    assert.match(component(one, 'sram').detail, /^\d+ banks/, 'one level: not named');
  });
  it('an off-chip level with a technology adds its PHYs and its memory to the chip; host memory (no technology) adds neither', async () => {
    const base = await modelled('{}');
    const host = await modelled('{ memory_levels: { host_ddr: { capacity: 512 GB, bandwidth: 64 GB/s } } }');
    assert.equal(areaOf(host), areaOf(base));
    assert.deepEqual(priceOf(host), priceOf(base));
    const tier = await modelled(
      '{ memory_levels: { lpddr: { label: LPDDR tier, capacity: 256 GB, bandwidth: 256 GB/s, technology: lpddr5 } } }',
    );
    const t = MEMORY_TECHNOLOGY_TABLE.lpddr5;
    // 256 GB at 16 GB per package: 16 packages, 10 x32 channels for 256 GB/s.
    const per = t.phyMm2PerStack + t.controllerTransistorsPerStack / 1e6 / PROCESS_NODE_TABLE['5 nm'].logicMTrPerMm2;
    near(component(tier, 'memoryInterface').mm2 - component(base, 'memoryInterface').mm2, 10 * per, 1e-9);
    assert.match(component(tier, 'memoryInterface').detail, /^Memory: .*; LPDDR tier: 10 lpddr5 x32 channel interfaces/);
    near(priceOf(tier).memoryUsd - priceOf(base).memoryUsd, 256e9 * t.usdPerByte, 1e-9);
  });
  it('adding host memory to a preset keeps its price; adding an on-chip level or an attached tier models it', async () => {
    const host = await analyze('extends: h100-sxm\nchip: { memory_levels: { host: { capacity: 480 GB, bandwidth: 450 GB/s } } }');
    assert.equal(host.result!.silicon!.priceSource, 'given');
    for (const level of [
      '{ capacity: 64 MB, bandwidth: 4 TB/s, on_chip: true }',
      '{ capacity: 64 GB, bandwidth: 200 GB/s, technology: lpddr5 }',
    ]) {
      const a = await analyze(`extends: h100-sxm\nchip: { memory_levels: { extra: ${level} } }`);
      assert.equal(a.result!.silicon!.priceSource, 'modelled', level);
      assert.ok(
        a.diagnostics.some((d) => d.code === 'price-modelled' && /chip\.memory_levels\.extra\./.test(d.message)),
        level,
      );
    }
  });
});

describe('given, modelled and unknown prices', () => {
  it('a price of its own against a preset compares the prices as given, and says what one model at one margin would (an architect review)', async () => {
    const text =
      'extends: jalapeno\nworkload: { model: llama-3-70b }\nsystem: { chips: 8, tensor_parallel: 8 }\ncost: { chip_price: 25000 USD }\ncompare: h100-sxm\n';
    const a = await analyze(text);
    const note = a.diagnostics.find((x) => x.code === 'cost-basis')!;
    assert.equal(note.severity, 'info');
    const [, asGiven, modelled] =
      /as given: .*: ([\d.]+× (?:cheaper|dearer))\. Priced from both dies by one model at one margin \(75%\), \$[\d,]+ against \$[\d,]+, it would be ([\d.]+× (?:cheaper|dearer))/.exec(
        note.message,
      )!;
    // The ratio is the prices' as given, the rows' own; the note's other is the modelled one.
    const shown = a.baseline!.result.cost.usdPerResponse / a.result!.cost.usdPerResponse;
    assert.equal(asGiven, shown >= 1 ? `${formatRatio(shown)} cheaper` : `${formatRatio(1 / shown)} dearer`);
    near(a.baseline!.ratios.costPerResponse, shown, 1e-9);
    assert.notEqual(modelled, asGiven);
    // Two presets compare as their vendors price them, without the note.
    const presets = await analyze(
      'extends: h100-sxm\nworkload: { model: llama-3-70b }\nsystem: { chips: 8, tensor_parallel: 8 }\ncompare: a100-80gb-sxm\n',
    );
    assert.ok(!presets.diagnostics.some((x) => x.code === 'cost-basis'));
  });
  const inline =
    'workload: { model: llama-2-7b }\nchip: { clock: 1 GHz, tdp: 300 W, matrix: { units: 16, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 64 GB, bandwidth: 2 TB/s } }\n';
  it('a given `cost.chip_price` is used as is; the modelled price is still reported beside it', async () => {
    const b = await analyze(`${inline.replace('chip: {', 'chip: { process: 5 nm,')}cost: { chip_price: 9000 USD }`);
    const s = b.result!.silicon!;
    assert.equal(s.priceSource, 'given');
    assert.equal(s.chipPriceUsd, 9000);
    assert.ok(s.modelledPriceUsd! > 0 && s.modelledPriceUsd !== 9000);
  });
  it('without a price, `chip.process` models it, and the cost counts it as capital', async () => {
    const a = await analyze(inline.replace('chip: {', 'chip: { process: 5 nm,'));
    const s = a.result!.silicon!;
    assert.equal(s.priceSource, 'modelled');
    assert.equal(s.chipPriceUsd, s.modelledPriceUsd);
    assert.equal(a.design!.economics.chipPriceUsd, s.chipPriceUsd);
    assert.ok(a.result!.cost.capitalKnown && a.result!.cost.capitalShare > 0);
  });
  it('neither given nor modellable: a warning on the missing key, no silicon result, no capital, no cost ratio', async () => {
    const a = await analyze(`${inline}compare: h100-sxm`);
    const d = a.diagnostics.find((x) => x.code === 'price-unknown');
    assert.ok(d && d.path === 'chip.process' && /electricity only/.test(d.message), JSON.stringify(a.diagnostics));
    assert.equal(a.result!.silicon, undefined);
    assert.equal(a.result!.cost.capitalKnown, false);
    assert.equal(a.result!.cost.capitalShare, 0);
    assert.equal(a.baseline!.ratios.costPerResponse, 0);
    // The contract JSON keeps the key (§4.4), with nothing a script could add up.
    const json = analysisJson(a, { detail: false });
    assert.deepEqual(json.result!.silicon, { dieAreaMm2: null, chipPriceUsd: null, priceSource: 'none' });
    assert.equal(json.baseline!.comparison.costPerResponse!.value, null);
    // The contract's bare ratio stays a number (contract §3: scripts read it as one): 0, no ratio.
    assert.equal(json.baseline!.ratios.costPerResponse, 0);
    assert.equal(json.baseline!.comparison.costPerResponse!.verdict, 'not-comparable');
    // One root cause, one diagnostic: price-unknown already names the cost ratio.
    assert.equal(a.diagnostics.filter((x) => x.code === 'price-unknown' || x.code === 'cost-not-comparable').length, 1);
  });
  it('an unpriced baseline: the cost ratio is not comparable, and the warning names the baseline', async () => {
    const file = '/ws/priced.chip.yaml';
    const text = 'extends: jalapeno\nworkload:\n  model: llama-2-7b\ncompare: ./unpriced.chip.yaml\n';
    const a = await analyzeConfig(text, file, memoryHost({ [file]: text, '/ws/unpriced.chip.yaml': inline }));
    assert.equal(a.baseline!.ratios.costPerResponse, 0);
    const d = a.diagnostics.filter((x) => x.code === 'cost-not-comparable');
    assert.equal(d.length, 1);
    assert.match(d[0]!.message, /The baseline `[^`]+` has no chip price/);
    assert.ok(!a.diagnostics.some((x) => x.code === 'price-unknown'));
    // A preset with no price stays without one: this file's price is this chip's, and the advice says where one can go (a contract review: it took this file's).
    const preset = await analyzeConfig('extends: jalapeno\nworkload:\n  model: llama-2-7b\ncompare: tpu-v4\n', file, memoryHost({}));
    assert.equal(preset.baseline!.result.silicon, undefined);
    assert.equal(preset.baseline!.ratios.costPerResponse, 0);
    assert.match(preset.diagnostics.find((x) => x.code === 'cost-not-comparable')!.message, /compare with a file that `extends: tpu-v4`/);
  });
  it('a modelled design against a given baseline compares modelled prices on both sides, and says so', async () => {
    const a = await analyze(`${inline.replace('chip: {', 'chip: { process: 5 nm,')}compare: h100-sxm`);
    const note = a.diagnostics.find((x) => x.code === 'cost-basis');
    assert.ok(
      note && /modelled chip prices on both sides/.test(note.message) && /preset's estimate \$33,800/.test(note.message),
      note?.message,
    );
    // Ratio from the baseline's modelled price: capital scales with the price, energy does not.
    const b = a.baseline!.result,
      r = a.result!;
    // ... at one margin: the H100 preset's 88 % is the vendor's, not a dearer die.
    const [marginA, marginB] = [r, b].map((x) => marginOf(x.silicon!.price!));
    assert.equal(marginA, COMPARED_MARGIN);
    // The same manufactured cost at the one margin, with the same server share (not the margin's).
    const modelledB = b.silicon!.price!.costUsd / (1 - COMPARED_MARGIN) + b.silicon!.price!.systemUsd,
      givenB = b.silicon!.chipPriceUsd;
    assert.ok(marginB! > marginA!);
    const capitalB = b.cost.usdPerResponse * b.cost.capitalShare;
    const expectedB = b.cost.usdPerResponse - capitalB + (capitalB * modelledB) / givenB;
    near(a.baseline!.ratios.costPerResponse, expectedB / r.cost.usdPerResponse, 1e-9);
    // The rows beside the ratio show the given price: the ratio's wording names its own basis.
    const ratio = buildReport(a).baseline!.ratios.find((x) => x.id === 'costPerResponse')!;
    // In its brackets, in place of "at the chip prices shown", which would contradict it.
    assert.match(
      ratio.wording,
      /, at modelled chip prices, both at a 75% margin: \$[\d,]+ against \$[\d,]+ \(at the prices the rows show, \$[\d,]+ against \$[\d,]+, ([\d.]+)× (cheaper|dearer)\), their die-area ranges not included\)$/,
    );
    // ... with the ratio of the rows beside it, so the reader can tell the two apart.
    const shown = b.cost.usdPerResponse / r.cost.usdPerResponse;
    const [, times, way] = /at the prices the rows show, \$[\d,]+ against \$[\d,]+, ([\d.]+)× (cheaper|dearer)\)/.exec(ratio.wording)!;
    near(way === 'cheaper' ? Number(times) : 1 / Number(times), shown, 0.01 * shown);
    assert.doesNotMatch(ratio.wording, /at the chip prices shown/);
  });
  it('the FP64 the default lane carries is said where it is 5 % of the die and fp64_rate is not stated; the GPU presets state theirs', async () => {
    const text = `name: H\nchip: { process: 5 nm, clock: 1.4 GHz, tdp: 500 W, matrix: { units: 48, array: 128x128, macs_per_cycle: { int8: 1, bf16: 0.5 } }, vector: { peak: 40 TFLOPS }, sram: { capacity: 256 MiB, bandwidth: 20 TB/s }, memory: { technology: hbm3e, capacity: 144 GB, bandwidth: 4.8 TB/s }, silicon: { sram_kind: scratchpad } }\nworkload: { model: llama-3-8b }\n`;
    const a = await analyze(text);
    const d = a.diagnostics.find((x) => x.code === 'fp64-rate-default')!;
    assert.equal(d.severity, 'info');
    const [, dieMm2] = /this die would be ([\d,.]+) mm² instead of/.exec(d.message)!;
    const fixed = await analyze(text.replace('sram_kind: scratchpad', `sram_kind: scratchpad, fp64_rate: ${d.keyFixes![0]!.value}`));
    assert.equal(formatMm2(fixed.result!.silicon!.dieAreaMm2!), `${dieMm2} mm²`);
    // ... and the price it states, which can be the higher one where the smaller die is no longer split (a workbench review).
    const [, priced] = /priced at (\$[\d,]+) instead of/.exec(d.message)!;
    assert.equal(`$${Math.round(fixed.result!.silicon!.chipPriceUsd!).toLocaleString('en-US')}`, priced);
    assert.ok(!fixed.diagnostics.some((x) => x.code === 'fp64-rate-default'));
    // A die its HBM edge splits: the what-if is built as the key would build it (a review: the
    // info priced one die at $15,868 where `fp64_rate: 0` gives 4 chiplets at $15,551).
    const edge = `name: E\nchip: { process: 5 nm, clock: 1.6 GHz, tdp: 600 W, matrix: { units: 32, array: 256x256, macs_per_cycle: { int8: 1, fp8: 1, bf16: 0.5 } }, vector: { peak: 40 TFLOPS }, sram: { capacity: 256 MiB, bandwidth: 40 TB/s }, memory: { technology: hbm3, stacks: 6, capacity: 96 GB, bandwidth: 6.4 TB/s }, link: { bandwidth: 400 GB/s }, silicon: { sram_kind: scratchpad } }\nworkload: { model: llama-3-8b }\n`;
    const split = await analyze(edge);
    const e = split.diagnostics.find((x) => x.code === 'fp64-rate-default')!;
    const noFp64 = await analyze(edge.replace('sram_kind: scratchpad', 'sram_kind: scratchpad, fp64_rate: 0'));
    assert.ok(split.result!.silicon!.chiplets > 1 && noFp64.result!.silicon!.chiplets > 1);
    assert.match(
      e.message,
      new RegExp(`priced at \\$${Math.round(noFp64.result!.silicon!.chipPriceUsd!).toLocaleString('en-US')} instead of`),
    );
    assert.ok(noFp64.result!.silicon!.chipPriceUsd! < split.result!.silicon!.chipPriceUsd!);
    for (const id of ['h100-sxm', 'h200-sxm', 'a100-80gb-sxm', 'a100-40gb-sxm', 'a10g', 'l40s', 'jalapeno'])
      assert.ok(!(await analyze(`extends: ${id}`)).diagnostics.some((x) => x.code === 'fp64-rate-default'), id);
  });
  it('a split the model prices well below its default one die is said at chiplets, with the count; a preset-priced or small saving is not', async () => {
    const chip = (sram: string, silicon = '') =>
      `name: H\nchip: { process: 5 nm, clock: 1.4 GHz, tdp: 500 W, matrix: { units: 48, array: 128x128, macs_per_cycle: { int8: 1, bf16: 0.5 } }, vector: { peak: 40 TFLOPS }, sram: { capacity: ${sram}, bandwidth: 20 TB/s }, memory: { technology: hbm3e, capacity: 144 GB, bandwidth: 4.8 TB/s }, link: { bandwidth: 400 GB/s }, silicon: { sram_kind: scratchpad${silicon} } }\nsystem: { chips: 4, tensor_parallel: 4 }\nworkload: { model: llama-3-70b, precision: { weights: int8, activations: int8, kv_cache: int8 } }\ncost: { silicon: { defect_density: 0.2 /cm2 } }\n`;
    // At a node early in its ramp (0.2 defects /cm²): at 5 nm's 0.1, with its SRAM cells repaired, one die is the cheaper.
    const a = await analyze(chip('1060 MiB'));
    assert.equal(a.result!.silicon!.chiplets, 1);
    const d = a.diagnostics.find((x) => x.code === 'chiplets-cheaper')!;
    assert.equal(d.severity, 'info');
    assert.equal(d.path, 'chip.silicon.chiplets');
    const fix = d.keyFixes![0]!;
    const [, priced] = /priced at (\$[\d,]+) by the model/.exec(d.message)!;
    // The fix's count gives the price the info states, below the one die's by more than its range.
    const split = await analyze(chip('1060 MiB', `, chiplets: ${fix.value}`));
    // As the table shows prices, to three digits.
    assert.equal(formatUsd(split.result!.silicon!.chipPriceUsd!), priced);
    assert.ok(split.result!.silicon!.chipPriceUsd! < a.result!.silicon!.modelledPriceRangeUsd![0]);
    // And says it so: the split's price is below the range (a review read "the saving is more than
    // this die's price range ($1,190–$1,360)" of an $80 saving).
    assert.match(d.message, /The split's price is below the whole of this die's price range at its area's error \(\$[\d,]+–\$[\d,]+/);
    assert.ok(!split.diagnostics.some((x) => x.code === 'chiplets-cheaper'));
    // A preset's die (H100 with more memory: a price scaled from the preset's) and a saving within 5 % (TPU v4) are not said.
    for (const text of [
      'extends: h100-sxm\nchip: { memory: { capacity: 96 GB } }',
      readFileSync('examples/silicon/tpu-v4.chip.yaml', 'utf8'),
    ])
      assert.ok(!(await analyze(text)).diagnostics.some((x) => x.code === 'chiplets-cheaper'), text.slice(0, 40));
  });
  it("a fleet's cost ratio compares the chip prices the per-response ratio does, its standby's too (a review: one eval set a modelled price against a given one there)", async () => {
    const text = [
      'extends: jalapeno',
      'cost: { chip_price: null }',
      'workload: { model: llama-3-8b, prompt: 512, output: 128 }',
      'system: { chips: 1, tensor_parallel: 1 }',
      'serving: { rate: 2 /s, requests: 300, slo: { tpot: 100 ms } }',
      'fleet: { peak_rate: 20 /s, hot_standby: 10 %, standby: baseline }',
      'compare: h100-sxm',
      '',
    ].join('\n');
    const a = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text }), { serving: {} });
    const fleet = a.result!.fleet!,
      baseline = a.baseline!.result.fleet!;
    assert.equal(fleet.pools.length, 2);
    // Every pool's chips at the compared prices: this design's modelled, the H100's modelled where the rows show its given price.
    const h100 = a.baseline!.result.silicon!;
    const lifetime = a.design!.economics.lifetimeSeconds;
    // ... at this design's margin (the H100 preset's is its vendor's 88 %).
    assert.equal(marginOf(a.result!.silicon!.price!), COMPARED_MARGIN);
    const h100Compared = h100.price!.costUsd / (1 - COMPARED_MARGIN) + h100.price!.systemUsd;
    const atModelled = (f: typeof fleet, h100Chips: number) =>
      f.usdPerMillionOutputTokens * (1 + (h100Chips * (h100Compared - h100.chipPriceUsd!)) / lifetime / (f.usdPerHour / 3600));
    const expected = atModelled(baseline, baseline.chips) / atModelled(fleet, fleet.pools[1]!.chips);
    near(a.baseline!.ratios.fleetCostPerToken!, expected, 1e-9);
    const ratio = buildReport(a).baseline!.ratios.find((x) => x.id === 'fleet.usdPerMillionOutputTokens')!;
    assert.match(
      ratio.wording,
      // Where the prices the rows show turn the verdict round, said beside it first.
      // (its ratio then not again in the basis, which keeps the prices shown).
      /power not validated, (?:[\d.]+× (?:cheaper|dearer) at the prices the rows show, at modelled chip prices, both at a 75% margin: \$[\d,]+ against \$[\d,]+ \(the rows show \$[\d,]+ against \$[\d,]+\)|at modelled chip prices, both at a 75% margin: \$[\d,]+ against \$[\d,]+ \(at the prices the rows show, \$[\d,]+ against \$[\d,]+, [\d.]+× (cheaper|dearer)\))/,
    );
    assert.doesNotMatch(ratio.wording, /at the chip prices shown/);
  });
  it('one margin on both sides: the ratio does not improve as this design raises its own price, and A against B is the inverse of B against A (a code review)', async () => {
    const own = inline.replace('chip: {', 'chip: { process: 5 nm,');
    const other = inline.replace('chip: {', 'chip: { process: 7 nm,');
    const ratioAt = async (margin: string, a = own, b = other) => {
      const text = `${a}cost: { silicon: { margin: ${margin} } }\ncompare: ./other.chip.yaml\n`;
      return (await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text, '/ws/other.chip.yaml': b }))).baseline!
        .ratios.costPerResponse;
    };
    near(await ratioAt('0 %'), await ratioAt('90 %'), 1e-9);
    near(await ratioAt('75 %', own, other), 1 / (await ratioAt('75 %', other, own)), 1e-9);
  });
  it('two modelled prices: the rows show the prices compared, so their ratio is not said twice', async () => {
    const own = inline.replace('chip: {', 'chip: { process: 5 nm,');
    const other = inline.replace('chip: {', 'chip: { process: 7 nm,');
    const text = `${own}compare: ./other.chip.yaml\n`;
    const a = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text, '/ws/other.chip.yaml': other }));
    const ratio = buildReport(a).baseline!.ratios.find((x) => x.id === 'costPerResponse')!;
    assert.match(
      ratio.wording,
      /at modelled chip prices, both at a 75% margin: \$[\d,]+ against \$[\d,]+, their die-area ranges not included\)$/,
    );
    assert.doesNotMatch(ratio.wording, /at the prices the rows show/);
    // The JSON says which prices the ratio compares, with the two prices (a review divided the results' costs).
    const json = analysisJson(a, { detail: false }) as {
      baseline: { costBasis?: string; costPricesUsd?: { design: number; baseline: number } };
    };
    assert.equal(json.baseline.costBasis, 'modelled');
    assert.deepEqual(json.baseline.costPricesUsd, {
      design: a.result!.silicon!.modelledPriceUsd,
      baseline: a.baseline!.result.silicon!.modelledPriceUsd,
      margin: 0.75,
    });
  });
  it("against a baseline whose die cannot be modelled (mi300x: no published node), the advice is what can be done: this design's price as sold", async () => {
    const a = await analyze(`${inline.replace('chip: {', 'chip: { process: 5 nm,')}compare: mi300x`);
    const note = a.diagnostics.find((x) => x.code === 'cost-basis')!;
    assert.match(note.message, /mixes a modelled and a given chip price/);
    assert.match(note.message, /to compare prices as sold, give this design a `cost\.chip_price`/);
  });
  it("a preset's price stops applying once the config changes the preset's die, and says so; other chip keys keep it", async () => {
    const kept = await analyze('extends: h100-sxm\nchip: { memory: { efficiency: 80 % }, tdp: 600 W }');
    assert.equal(kept.result!.silicon!.priceSource, 'given');
    const changed = await analyze('extends: h100-sxm\nchip: { sram: { capacity: 100 MB } }');
    const s = changed.result!.silicon!;
    assert.equal(s.priceSource, 'modelled');
    // The preset's price, scaled by what the model says this die costs against the preset's own.
    const presetModelled = kept.result!.silicon!.modelledPriceUsd!;
    assert.deepEqual(s.modelledOverPreset, {
      presetId: 'h100-sxm',
      keys: ['chip.sram.capacity'],
      presetPriceUsd: 33750,
      presetModelledUsd: presetModelled,
    });
    near(s.chipPriceUsd, (33750 * s.modelledPriceUsd!) / presetModelled, 1e-12);
    assert.ok(s.modelledPriceUsd! > presetModelled && s.chipPriceUsd > 33750, 'more SRAM costs more than the preset');
    const d = changed.diagnostics.find((x) => x.code === 'price-modelled');
    assert.ok(d && /chip\.sram\.capacity/.test(d.message) && /\$33,750 × \$[\d,]+ \/ \$[\d,]+ = \$[\d,]+/.test(d.message), d?.message);
    // The preset's die is modelled with the preset's own economics (those its price was paid
    // under), so a dearer memory raises this chip's price and never lowers it, whether the die
    // holds more memory than the preset's or less.
    for (const sram of ['100 MB', '10 MB']) {
      const base = (await analyze(`extends: h100-sxm\nchip: { sram: { capacity: ${sram} }, memory: { capacity: 40 GB } }`)).result!
        .silicon!;
      const dear = (
        await analyze(
          `extends: h100-sxm\nchip: { sram: { capacity: ${sram} }, memory: { capacity: 40 GB } }\ncost: { silicon: { memory_price: 30 USD/GB } }`,
        )
      ).result!.silicon!;
      assert.equal(dear.modelledOverPreset!.presetModelledUsd, presetModelled);
      assert.ok(dear.chipPriceUsd > base.chipPriceUsd, `${sram}: ${dear.chipPriceUsd} vs ${base.chipPriceUsd}`);
    }
    // A preset whose node is not published: a changed die has no price, and the warning says why.
    const mi = await analyze('extends: mi300x\nchip: { memory: { capacity: 256 GB } }');
    assert.equal(mi.result!.silicon, undefined);
    const unknown = mi.diagnostics.find((x) => x.code === 'price-unknown');
    assert.ok(
      unknown && /describes its own die, which this chip changes \(`chip\.memory\.capacity`\)/.test(unknown.message),
      unknown?.message,
    );
    const own = await analyze('extends: h100-sxm\nchip: { sram: { capacity: 100 MB } }\ncost: { chip_price: 30000 USD }');
    assert.equal(own.result!.silicon!.priceSource, 'given');
    assert.equal(own.result!.silicon!.chipPriceUsd, 30000);
  });
  it('memory stacks that cannot hold the capacity or deliver the bandwidth are a warning on `stacks`', async () => {
    const a = await analyze('extends: jalapeno\nchip: { memory: { capacity: 144 GB } }');
    const d = a.diagnostics.find((x) => x.code === 'memory-stacks');
    assert.ok(d && d.path === 'chip.memory.stacks' && /4 hbm3 stacks give at most 96 GiB \(103 GB\)/.test(d.message), d?.message);
    const ok = await analyze('extends: jalapeno\nchip: { memory: { capacity: 144 GB, technology: hbm3e } }');
    assert.equal(
      ok.diagnostics.some((x) => x.code === 'memory-stacks'),
      false,
    );
    // The die is built with the stacks the capacity needs, as for bandwidth: 200 GB is 8 HBM3 stacks
    // of 24 GiB, each with its PHY and interposer footprint (a review's 1 TB on 8 HBM3E stacks cost no area).
    const [held, more] = [await analyze('extends: jalapeno'), await analyze('extends: jalapeno\nchip: { memory: { capacity: 200 GB } }')];
    assert.equal(more.result!.silicon!.memory!.stacks, 8);
    // Stacks written with a capacity they cannot hold: the bandwidth derived from them is the 8
    // built stacks', as the price is (a new user's `stacks: 2` ran at 2 stacks' 1.64 TB/s, priced for 8).
    const two = await analyze('extends: jalapeno\nchip: { memory: { stacks: 2, capacity: 200 GB } }');
    assert.equal(two.result!.silicon!.memory!.stacks, 8);
    near(two.config!.chip.memory.bandwidth!, 8 * (3.28e12 / 4), 1e-9, "8 stacks at the preset's 820 GB/s a stack");
    assert.match(
      two.diagnostics.find((x) => x.code === 'memory-stacks')!.message,
      /less than the 200 GB asked for: .* the 8 stacks that capacity needs .*, and the bandwidth is theirs, 6\.56 TB\/s/,
    );
    assert.match(
      more.diagnostics.find((x) => x.code === 'memory-stacks')!.message,
      /less than the 200 GB asked for: .* the 8 stacks that capacity needs/,
    );
    const t = MEMORY_TECHNOLOGY_TABLE.hbm3;
    const per = t.phyMm2PerStack + t.controllerTransistorsPerStack / 1e6 / PROCESS_NODE_TABLE['5 nm'].logicMTrPerMm2;
    const phys = (a: Analysis) => a.result!.silicon!.components.find((c) => c.id === 'memoryInterface')!.mm2;
    near(phys(more) - phys(held), 4 * per, 1e-9);
    assert.ok(more.result!.silicon!.price!.packageUsd > held.result!.silicon!.price!.packageUsd, 'a larger interposer');
  });
  it('idle power not given: the die’s leakage (0.05 W/mm² at 5 nm), or 13 % of TDP where that is more', async () => {
    // 150 W of TDP (below the ~210 W its matrix units imply): 19.5 W, more than this small die leaks.
    const a = await analyze(inline.replace('chip: {', 'chip: { process: 5 nm,').replace('tdp: 300 W', 'tdp: 150 W'));
    assert.equal(a.result!.silicon!.idlePowerFromArea, false);
    assert.ok(0.05 * a.result!.silicon!.dieAreaMm2! < 19.5);
    near(a.design!.hardware.idlePowerWatts, 19.5, 1e-9);
    // 300 W is a cap above what the datapath draws: 13 % of the TDP the datapath implies, not of the cap.
    const capped = await analyze(inline.replace('chip: {', 'chip: { process: 5 nm,'));
    assert.equal(capped.result!.power.idleSource, 'share of datapath TDP');
    assert.ok(capped.design!.hardware.idlePowerWatts > 19.5 && capped.design!.hardware.idlePowerWatts < 39);
    // 30 W of TDP: 3.9 W, less than the die leaks.
    const cool = await analyze(inline.replace('chip: {', 'chip: { process: 5 nm,').replace('tdp: 300 W', 'tdp: 30 W'));
    const s = cool.result!.silicon!;
    assert.equal(s.idlePowerFromArea, true);
    // Its 2 HBM stacks need more edge than its logic: the padding added for them leaks nothing.
    const padMm2 = s.components.find((c) => c.id === 'shorelinePad')?.mm2 ?? 0;
    near(cool.design!.hardware.idlePowerWatts, 0.05 * (s.dieAreaMm2! - padMm2), 1e-9);
    const given = await analyze(inline.replace('chip: {', 'chip: { process: 5 nm, idle_power: 20 W,'));
    assert.equal(given.design!.hardware.idlePowerWatts, 20);
  });
  it('a large SRAM left at the default kind says it is priced as a cache and what a scratchpad would be; not once the kind is written, nor for a GPU', async () => {
    const ipu =
      'chip: { process: 7 nm, clock: 1.325 GHz, tdp: 300 W, matrix: { peak: { fp16: 250 TFLOPS } }, vector: { peak: 8 TFLOPS }, sram: { capacity: 900 MiB, bandwidth: 47.5 TB/s }, memory: { technology: lpddr5, capacity: 16 GB, bandwidth: 100 GB/s } }';
    const a = await analyze(ipu);
    const d = a.diagnostics.find((x) => x.code === 'sram-kind-default')!;
    assert.equal(d.severity, 'info');
    assert.match(
      d.message,
      /The SRAM takes 2,130 mm², 80 % of the silicon, modelled as a hardware-managed cache.*`chip.silicon.sram_kind: scratchpad`: 561 mm²/,
    );
    const written = await analyze(ipu.replace('process: 7 nm,', 'process: 7 nm, silicon: { sram_kind: scratchpad },'));
    assert.equal(
      written.diagnostics.some((x) => x.code === 'sram-kind-default'),
      false,
    );
    assert.ok(
      written.result!.silicon!.dieAreaMm2! < 858 && a.result!.silicon!.chiplets > 1,
      'the scratchpad fits one reticle, the cache needs chiplets',
    );
    for (const preset of ['h100-sxm', 'a100-80gb-sxm', 'jalapeno'])
      assert.equal(
        (await analyze(`extends: ${preset}`)).diagnostics.some((x) => x.code === 'sram-kind-default'),
        false,
        preset,
      );
  });
  it('a design beyond the reticle says it needs chiplets', async () => {
    const a = await analyze(inline.replace('chip: {', 'chip: { process: 5 nm, sram: { capacity: 1 GiB, bandwidth: 20 TB/s },'));
    const d = a.diagnostics.find((x) => x.code === 'reticle-limit');
    assert.ok(d && /chiplets/.test(d.message));
    // The split is the modelled area's (a new user read it as a fact about a real single die).
    assert.match(
      d.message,
      /^The area model puts the design at [\d,]+ mm² of silicon, .*: at that area it has to be built as \d+ chiplets/,
    );
    // On the `chip` key, not under its whole block (which hid every other squiggle in it).
    const text = inline.replace('chip: {', 'chip: { process: 5 nm, sram: { capacity: 1 GiB, bandwidth: 20 TB/s },');
    assert.equal(text.slice(d.at!.range.start, d.at!.range.end), 'chip');
    const count = a.result!.silicon!.chiplets;
    assert.ok(count > 1);
    // Its fix states the split, which then is the architect's choice: no warning, the same die.
    assert.deepEqual(d.keyFixes, [
      { title: `State the split: chiplets ${count}`, path: ['chip', 'silicon', 'chiplets'], value: String(count) },
    ]);
    const stated = await analyze(
      inline.replace('chip: {', `chip: { process: 5 nm, silicon: { chiplets: ${count} }, sram: { capacity: 1 GiB, bandwidth: 20 TB/s },`),
    );
    assert.ok(!stated.diagnostics.some((x) => x.code === 'reticle-limit'));
    assert.equal(stated.result!.silicon!.dieAreaMm2, a.result!.silicon!.dieAreaMm2);
  });
});

describe('hover: what a silicon key drives now', () => {
  it('chip.process: the die, its largest parts and the price with its parts', async () => {
    const a = await analyze('extends: jalapeno');
    const text = whatItDrives('chip.process', a.result!)!;
    assert.match(text, /^Die 204 mm² \[191–223 mm²\] at 5 nm, largest parts SRAM \(shared\) 30%, Memory PHYs \+ controllers 28%/);
    assert.match(
      text,
      /Chip price \$14,000 \[\$13,900–\$14,100\] \(modelled at 75% margin\): die \$67.7 \(yield 84% over [\d.]+ mm² critical at 0\.1 defects\/cm², 299 dies a \$16,988 wafer\) .* \+ failed bonds \$[\d.]+ \(95% assembly yield\) .* \+ board \$377, then margin \$7,110 and server share \$4,480/,
    );
    const none = await analyze(
      'workload: { model: llama-2-7b }\nchip: { clock: 1 GHz, tdp: 300 W, matrix: { peak: { bf16: 100 TFLOPS } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 64 GB, bandwidth: 2 TB/s } }',
    );
    assert.match(whatItDrives('cost.chip_price', none.result!)!, /No chip price/);
    // A chip whose server share is the host's floor says so where the share is given.
    const groq = await analyze(readFileSync('examples/silicon/groq-tsp.chip.yaml', 'utf8'));
    assert.match(whatItDrives('chip.process', groq.result!)!, /server share \$1,300 \(its slot in a host server, `host_per_chip`\)/);
  });
});

describe('sensitivity: +10 % on a chip key moves area and price', () => {
  it('sram.capacity moves the die area and the modelled price', async () => {
    const text = 'extends: jalapeno\nworkload: { model: llama-2-7b }\n';
    const a = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text }), { sensitivity: true });
    const s = a.sensitivity.find((x) => x.path === 'chip.sram.capacity')!;
    assert.ok(s.dieAreaMm2! > 0.02 && s.modelledPriceUsd! > 0, JSON.stringify(s));
    const tdp = a.sensitivity.find((x) => x.path === 'chip.tdp');
    assert.equal(tdp?.dieAreaMm2 ?? 0, 0);
  });
  it("the node's wafer price, defect density and the memory's price are probed where the file writes none, as eval --set of them gives (an architect review)", async () => {
    const text = 'extends: jalapeno\nworkload: { model: llama-2-7b }\n';
    const a = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text }), { sensitivity: true });
    const price = a.result!.silicon!.price!;
    for (const [path, value] of [
      ['cost.silicon.wafer_price', `${price.waferUsd * 1.1} USD`],
      ['cost.silicon.memory_price', `${price.memoryUsdPerByte * 1.1 * 1e9} USD/GB`],
      ['cost.silicon.defect_density', `${price.defectsPerMm2 * 1.1 * 100} /cm2`],
    ] as const) {
      const s = a.sensitivity.find((x) => x.path === path)!;
      assert.ok(s, `${path} is probed`);
      const up = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text }), {
        overrides: [overrideFrom(path, value, `--set ${path}`)],
      });
      near(s.modelledPriceUsd!, up.result!.silicon!.modelledPriceUsd! / a.result!.silicon!.modelledPriceUsd! - 1, 1e-6, path);
    }
    // HBM's price is among the largest levers of the modelled price.
    assert.ok(a.sensitivity.find((x) => x.path === 'cost.silicon.memory_price')!.modelledPriceUsd! > 0.05);
    // Written in the file, a key is probed once, at its written value.
    const written = 'extends: jalapeno\ncost: { silicon: { memory_price: 20 USD/GB } }\nworkload: { model: llama-2-7b }\n';
    const w = await analyzeConfig(written, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': written }), { sensitivity: true });
    assert.equal(w.sensitivity.filter((x) => x.path === 'cost.silicon.memory_price').length, 1);
  });
  it('the hover on a chip key says what +10 % does to die area and modelled price, with the numbers of a +10 % run', async () => {
    const text = 'extends: jalapeno\nchip:\n  sram:\n    capacity: 128 MiB\nworkload: { model: llama-2-7b }\n';
    const a = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text }), { sensitivity: true });
    const location = keyAt(text, text.indexOf('capacity') + 1)!;
    const hover = hoverMarkdown({ location, analysis: a, file: '/ws/x.chip.yaml', linkTo: () => '' })!;
    // The same +10 % evaluated directly: 140.8 MiB of SRAM.
    const base = a.result!.silicon!;
    const up = await siliconOfText('extends: jalapeno\nchip: { sram: { capacity: 140.8 MiB } }');
    const expected = `${formatChange(up.dieAreaMm2! / base.dieAreaMm2! - 1)} die area, ${formatChange(up.modelledPriceUsd! / base.modelledPriceUsd! - 1)} modelled chip price`;
    assert.match(hover, /\*\*Sensitivity\*\* \+10% here → /);
    assert.ok(hover.includes(expected), `${expected} in:\n${hover}`);
  });
  it('a step that adds a stack says so: the area and price jump with it, they do not slope', async () => {
    const text = 'extends: jalapeno\nchip: { memory: { stacks: 4 }, silicon: { chiplets: 1 } }\nworkload: { model: llama-2-7b }\n';
    const a = await analyzeConfig(text, '/ws/x.chip.yaml', memoryHost({ '/ws/x.chip.yaml': text }), { sensitivity: true });
    const stacks = a.sensitivity.find((x) => x.path === 'chip.memory.stacks')!;
    assert.equal(stacks.dieStep, "5 hbm3 stacks instead of 4, the die grown for its HBM PHYs' edge");
    assert.match(describeSensitivity(stacks), /die area, .* a step of the die: 5 hbm3 stacks instead of 4/);
    // A key that changes no structure has no step.
    assert.equal(a.sensitivity.find((x) => x.path === 'chip.sram.capacity')!.dieStep, undefined);
  });
});

// The H100 preset's price is a market estimate of the chip as sold; its die is modelled beside it.
describe("a preset's price against a die key written again (the reviewer's `--set chip.memory.bandwidth` case)", () => {
  const FILE = '/ws/x.chip.yaml';
  const withOverrides = (text: string, overrides: [string, string][], sensitivity = false) => {
    const full = `${text}\nworkload: { model: llama-2-7b }\n`;
    return analyzeConfig(full, FILE, memoryHost({ [FILE]: full }), {
      overrides: overrides.map(([p, v]) => overrideFrom(p, v, `--set ${p}`)),
      sensitivity,
    });
  };
  it("the preset's own value, in the file or as an override, in any spelling, keeps the preset's price", async () => {
    const preset = await withOverrides('extends: h100-sxm', []);
    assert.equal(preset.result!.silicon!.priceSource, 'given');
    for (const [label, a] of [
      ['override', await withOverrides('extends: h100-sxm', [['chip.memory.bandwidth', '3.35 TB/s']])],
      ['override in GB/s', await withOverrides('extends: h100-sxm', [['chip.memory.bandwidth', '3350 GB/s']])],
      ['file', await withOverrides('extends: h100-sxm\nchip: { memory: { bandwidth: 3.35 TB/s, stacks: 5 }, process: 4 nm }', [])],
    ] as const) {
      const s = a.result!.silicon!;
      assert.equal(s.priceSource, 'given', label);
      assert.equal(s.chipPriceUsd, 33750, label);
      assert.equal(s.modelledOverPreset, undefined, label);
      assert.equal(a.result!.cost.usdPerMillionOutputTokens, preset.result!.cost.usdPerMillionOutputTokens, label);
      assert.equal(
        a.diagnostics.some((d) => d.code === 'price-modelled'),
        false,
        label,
      );
    }
  });
  it("a +10 % sensitivity step on a key the file repeats from the preset keeps the preset's price", async () => {
    const bw = (a: Analysis) => a.sensitivity.find((s) => s.path === 'chip.memory.bandwidth')!;
    const preset = await withOverrides('extends: h100-sxm', [], true);
    const repeated = await withOverrides('extends: h100-sxm\nchip: { memory: { bandwidth: 3.35 TB/s } }', [], true);
    assert.equal(bw(repeated).usdPerResponse, bw(preset).usdPerResponse);
  });
  it('a +10 % step is what eval --set of the stepped value gives: the die changed, so the price is scaled (a sixth stack costs)', async () => {
    const preset = await withOverrides('extends: h100-sxm', [], true);
    for (const [path, stepped] of [
      ['chip.memory.bandwidth', '3.685 TB/s'],
      ['chip.memory.capacity', '88 GiB'],
    ] as const) {
      const s = preset.sensitivity.find((x) => x.path === path)!;
      const direct = (await withOverrides('extends: h100-sxm', [[path, stepped]])).result!;
      near(1 + s.usdPerResponse, direct.cost.usdPerResponse / preset.result!.cost.usdPerResponse, 1e-9);
      // 88 GiB needs a sixth 16 GiB stack; 3.685 TB/s fits the five (4.1 TB/s), and is faster.
      if (path === 'chip.memory.capacity') assert.ok(s.usdPerResponse > 0, `${path}: more memory is dearer (${s.usdPerResponse})`);
    }
  });
  it('a yield is stepped on its loss and a margin on the cost share, never to a value the validator rejects (a 109 % bond yield)', async () => {
    const a = await withOverrides('extends: h100-sxm', [['cost.silicon.margin', '95 %']], true);
    // A margin: +10 % of the cost's share of the price, 95 % -> 94.5 %: the price falls by 1/1.1
    // (not 88 % -> 96.8 %, which read as +222 % cost per response).
    const margin = a.sensitivity.find((x) => x.path === 'cost.silicon.margin')!;
    assert.deepEqual(
      margin.shareStep!.map((x) => +x.toFixed(6)),
      [0.95, 0.945],
    );
    // The chip's part of the price falls by 1/1.1; the server share does not follow the margin.
    const { modelledPriceUsd: before, price } = a.result!.silicon!;
    near((1 + margin.modelledPriceUsd!) * before! - price!.systemUsd, (before! - price!.systemUsd) / 1.1, 1e-9);
    // A small margin steps on itself, 5 % -> 5.5 % (on its complement it left the schema's floor and jumped to 14.5 %).
    const small = await withOverrides('extends: h100-sxm', [['cost.silicon.margin', '5 %']], true);
    assert.deepEqual(
      small.sensitivity.find((x) => x.path === 'cost.silicon.margin')!.shareStep!.map((x) => +x.toFixed(6)),
      [0.05, 0.055],
    );
    // A fraction at its cap is stepped down, never to a value the validator rejects: a 95 % utilization to 85.5 %.
    const busy = await withOverrides('extends: h100-sxm', [['cost.utilization', '95 %']], true);
    assert.deepEqual(
      busy.sensitivity.find((x) => x.path === 'cost.utilization')!.shareStep!.map((x) => +x.toFixed(6)),
      [0.95, 0.855],
    );
    // A yield: +10 % of its loss, 99 % -> 98.9 %, not -10 % of itself (89.1 %, which moved the price +53 %).
    const bond = a.sensitivity.find((x) => x.path === 'cost.silicon.bond_yield')!;
    assert.deepEqual(
      bond.shareStep!.map((x) => +x.toFixed(6)),
      [0.99, 0.989],
    );
    assert.ok(bond.modelledPriceUsd! > 0 && bond.modelledPriceUsd! < 0.01, `bond_yield: ${bond.modelledPriceUsd}`);
    // At the schema's floor (50 %) the loss steps down instead, to a value the validator takes (a code review: 45 %).
    const floor = await withOverrides('extends: h100-sxm', [['cost.silicon.bond_yield', '50 %']], true);
    const atFloor = floor.sensitivity.find((x) => x.path === 'cost.silicon.bond_yield')!;
    assert.deepEqual(
      atFloor.shareStep!.map((x) => +x.toFixed(6)),
      [0.5, 0.55],
    );
  });
  it('a different value models the price and says why: in the result, the report note and an info at the key', async () => {
    const a = await withOverrides('extends: h100-sxm', [['chip.memory.bandwidth', '3 TB/s']]);
    const s = a.result!.silicon!;
    assert.equal(s.priceSource, 'modelled');
    const presetModelled = (await withOverrides('extends: h100-sxm', [])).result!.silicon!.modelledPriceUsd!;
    near(s.chipPriceUsd, (33750 * s.modelledPriceUsd!) / presetModelled, 1e-12);
    assert.deepEqual(s.modelledOverPreset, {
      presetId: 'h100-sxm',
      keys: ['chip.memory.bandwidth'],
      presetPriceUsd: 33750,
      presetModelledUsd: presetModelled,
    });
    assert.equal(
      metricOf('silicon.chipPriceUsd', a.result!)!.note,
      "scaled from h100-sxm's price: chip.memory.bandwidth differs from h100-sxm",
    );
    const d = a.diagnostics.find((x) => x.code === 'price-modelled');
    assert.ok(
      d && /describes its own die; this chip differs in `chip\.memory\.bandwidth`, so its price is the preset's scaled/.test(d.message),
      d?.message,
    );
  });
});

describe('memory bandwidth beyond the stated stacks adds stacks to the die and the price', () => {
  it('stacksForBandwidth: the stated count, or what the bandwidth needs at the per-stack rate (2 % headroom)', () => {
    const hbm3 = MEMORY_TECHNOLOGY_TABLE.hbm3; // 819.2 GB/s a stack (JEDEC HBM3, 6.4 Gb/s x 1024)
    assert.equal(stacksForBandwidth(hbm3, 4, 3.28e12), 4); // 4 x 819.2 = 3,276.8 GB/s, written 3.28 TB/s
    assert.equal(stacksForBandwidth(hbm3, 4, 3e12), 4);
    assert.equal(stacksForBandwidth(hbm3, 4, 6e12), 8); // 6,000 / 819.2 = 7.3
    assert.equal(stacksForBandwidth(hbm3, 4, 20e12), 24); // 20,000 / (819.2 x 1.02) = 23.9
    // A100 40GB: 5 HBM2 stacks at 2.43 Gb/s a pin give 1,555 GB/s, 1.3 % past JEDEC's 2.4 Gb/s.
    assert.equal(stacksForBandwidth(MEMORY_TECHNOLOGY_TABLE.hbm2, 5, 1555e9), 5);
    // Derived with the same headroom: jalapeno's 3.28 TB/s (4 x 819.2 GB/s, rounded up) is 4 stacks
    // whether `stacks` is written or left out (a review found 5 when left out).
    assert.equal(memoryStacks(hbm3, 96e9, 3.28e12), 4);
  });
  it('leaving `stacks` out gives the count a written one would', async () => {
    const written = await analyze('extends: jalapeno');
    const derived = await analyze('extends: jalapeno\nchip: { memory: { stacks: null } }');
    assert.equal(derived.result!.silicon!.memory!.stacks, written.result!.silicon!.memory!.stacks);
    near(derived.result!.silicon!.dieAreaMm2!, written.result!.silicon!.dieAreaMm2!, 1e-12);
  });
  const component = (a: Analysis, id: string) => a.result!.silicon!.components.find((c) => c.id === id)!;
  const priceOf = (a: Analysis) => a.result!.silicon!.price!;
  it('at 3, 6 and 20 TB/s with 4 stated HBM3 stacks the PHYs, the interposer and the price follow the bandwidth', async () => {
    const at = (bw: string) => analyze(`extends: jalapeno\nchip: { memory: { bandwidth: ${bw} } }`);
    const [three, six, twenty] = [await at('3 TB/s'), await at('6 TB/s'), await at('20 TB/s')];
    assert.deepEqual(
      [three, six, twenty].map((a) => a.result!.silicon!.memory!.stacks),
      [4, 8, 24],
    );
    const t = MEMORY_TECHNOLOGY_TABLE.hbm3;
    const per = t.phyMm2PerStack + t.controllerTransistorsPerStack / 1e6 / PROCESS_NODE_TABLE['5 nm'].logicMTrPerMm2;
    near(component(six, 'memoryInterface').mm2 - component(three, 'memoryInterface').mm2, 4 * per, 1e-9);
    const price = (a: Analysis) => a.result!.silicon!.chipPriceUsd;
    assert.ok(price(three) < price(six) && price(six) < price(twenty), `${price(three)} ${price(six)} ${price(twenty)}`);
    assert.ok(priceOf(six).packageUsd > priceOf(three).packageUsd, 'a larger interposer');
    // The bill is by the byte, and each stack holds at least the 16 GB of H100's: 96 GB in 4 stacks,
    // at least 128 GB in 8 (a review priced 16 GB on 8 HBM3E stacks at 240 USD).
    near(priceOf(three).memoryUsd, 96 * 15, 1e-9);
    near(priceOf(six).memoryUsd, 8 * 16 * 15, 1e-9);
    assert.equal(
      three.diagnostics.some((d) => d.code === 'memory-stacks'),
      false,
    );
    const d = six.diagnostics.find((x) => x.code === 'memory-stacks');
    assert.ok(d && /modelled with the 8 stacks that bandwidth needs/.test(d.message), d?.message);
  });
});

describe('a key written at the value a preset derives for it changes nothing', () => {
  it("chiplets, wafer price, defect density and memory price at the preset's own keep its given price; another value models it", async () => {
    for (const chip of ['{ silicon: { chiplets: 1 } }', '{ memory: { stacks: 5 } }'])
      assert.equal((await analyze(`extends: h100-sxm\nchip: ${chip}`)).result!.silicon!.priceSource, 'given', chip);
    for (const silicon of ['{ wafer_price: 16988 USD }', '{ defect_density: 0.1 /cm2 }', '{ memory_price: 15 USD/GB }'])
      assert.equal((await analyze(`extends: h100-sxm\ncost: { silicon: ${silicon} }`)).result!.silicon!.priceSource, 'given', silicon);
    // A preset whose die is not modelled is one die, and economics keys price no die of it: its price stands (a review).
    for (const over of ['chip: { silicon: { chiplets: 1 } }', 'cost: { silicon: { wafer_price: 9000 USD } }'])
      assert.equal((await analyze(`extends: inferentia2\n${over}`)).result!.silicon!.priceSource, 'given', over);
    const two = (await analyze('extends: h100-sxm\nchip: { silicon: { chiplets: 2 } }')).result!.silicon!;
    assert.equal(two.priceSource, 'modelled');
    assert.deepEqual(two.modelledOverPreset?.keys, ['chip.silicon.chiplets']);
  });
});

describe('one price basis along a sweep of a die key', () => {
  it("models every point's price, the preset's own value too (no jump to the given price mid-sweep)", async () => {
    const file = '/ws/s.chip.yaml';
    const text = 'extends: h100-sxm\nworkload:\n  model: llama-3-8b\n';
    const points = await sweepValues(text, file, memoryHost({ [file]: text }), 'chip.memory.bandwidth', [
      '3 TB/s',
      '3.35 TB/s',
      '3.5 TB/s',
    ]);
    assert.deepEqual(
      points.map((p) => p.analysis.result!.silicon!.priceSource),
      ['modelled', 'modelled', 'modelled'],
    );
    // eval --set at the preset's own value keeps the preset's given price.
    const one = await analyzeConfig(text, file, memoryHost({ [file]: text }), {
      overrides: [overrideFrom('chip.memory.bandwidth', '3.35 TB/s', '--set chip.memory.bandwidth')],
    });
    assert.equal(one.result!.silicon!.priceSource, 'given');
  });
});

describe('silicon economics over a preset, and a baseline priced at its own (review fixes)', () => {
  const file = '/ws/e.chip.yaml';
  const run = (text: string, overrides: [string, string][] = []) =>
    analyzeConfig(text, file, memoryHost({ [file]: text }), { overrides: overrides.map(([p, v]) => overrideFrom(p, v, `--set ${p}`)) });
  const jalapeno = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n';

  it("`margin: 0 %` over the h100-sxm preset sets its price aside in eval, at the price a sweep gives at the preset's die", async () => {
    const margin: [string, string] = ['cost.silicon.margin', '0 %'];
    const h100 = 'extends: h100-sxm\nworkload:\n  model: llama-3-8b\n';
    const one = await run(h100, [margin]);
    const s = one.result!.silicon!;
    assert.equal(s.priceSource, 'modelled');
    assert.deepEqual(s.modelledOverPreset!.keys, ['cost.silicon.margin']);
    near(s.chipPriceUsd, (s.modelledOverPreset!.presetPriceUsd! * s.modelledPriceUsd!) / s.modelledOverPreset!.presetModelledUsd!, 1e-12);
    assert.ok(s.chipPriceUsd < 0.5 * s.modelledOverPreset!.presetPriceUsd!, 'a 0 % margin makes the chip cheaper');
    const d = one.diagnostics.find((x) => x.code === 'price-modelled');
    assert.match(d!.message, /describes its own die at its own silicon costs; this config differs in `cost\.silicon\.margin`/);
    const swept = await analyzeConfig(h100, file, memoryHost({ [file]: h100 }), {
      overrides: [overrideFrom(...margin, '--set cost.silicon.margin'), overrideFrom('chip.sram.capacity', '50 MB', 'sweep', true)],
    });
    near(swept.result!.silicon!.chipPriceUsd, s.chipPriceUsd, 1e-12, 'sweep at the preset SRAM');
    // The preset's own margin, written again, changes nothing.
    const same = await run(`${h100}cost: { silicon: { margin: 88 % } }\n`);
    assert.equal(same.result!.silicon!.priceSource, 'given');
  });

  it("a preset baseline keeps its node's wafer price, defects, memory price and margin; the shares stay shared", async () => {
    const own = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\ncompare: h100-sxm\n';
    const h100Price = async (key: string, value: string) => (await run(own, [[key, value]])).baseline!.result.silicon!.modelledPriceUsd!;
    const plain = (await run(own)).baseline!.result.silicon!.modelledPriceUsd!;
    for (const [key, value] of [
      ['cost.silicon.wafer_price', '40000 USD'],
      ['cost.silicon.defect_density', '0.05 /cm2'],
      ['cost.silicon.memory_price', '30 USD/GB'],
      ['cost.silicon.margin', '0 %'],
    ] as const)
      assert.equal(await h100Price(key, value), plain, key);
    assert.ok((await h100Price('cost.silicon.system_share', '50 %')) > plain, 'the server share is the deployment, shared');
  });

  it('a modelled price says the margin it is at (0 % in house and 88 % differ 8x)', async () => {
    const groq = await analyze(readFileSync('examples/silicon/groq-tsp.chip.yaml', 'utf8'));
    assert.equal(metricOf('silicon.chipPriceUsd', groq.result!)!.note, 'modelled at 0% margin');
  });

  it('a chip price of 0 is an error that says why (an electricity-only cost would read as a win)', async () => {
    const a = await run(`${jalapeno}cost: { chip_price: 0 USD }\n`);
    const d = a.diagnostics.find((x) => x.path === 'cost.chip_price' && x.severity === 'error');
    assert.match(d!.message, /greater than zero: a price of 0 would count electricity only/);
  });

  it('a process written but rejected has its own error, not also "cannot be modelled without `chip.process`"', async () => {
    const a = await run('extends: jalapeno\nchip: { process: 2 nm }\nworkload: { model: llama-3-8b }\n');
    assert.ok(a.diagnostics.some((d) => d.code === 'bad-enum' && d.path === 'chip.process'));
    assert.ok(!a.diagnostics.some((d) => d.code === 'price-unknown'));
  });

  it("idle power scaled from a preset never falls below the die's own leakage", async () => {
    const big = await run(jalapeno, [['chip.sram.capacity', '2 GiB']]);
    const r = big.result!;
    assert.equal(r.power.idleSource, 'scaled from preset');
    assert.ok(r.power.idleWatts >= r.silicon!.staticWatts! - 1e-9, `${r.power.idleWatts} W idle, ${r.silicon!.staticWatts} W leakage`);
  });
});

describe('off-chip memory energy follows the memory technology where it is not written', () => {
  const pj = (a: Analysis) => a.config!.chip.energy.memory / 8 / 1e-12;
  const chip = (memory: string, extra = '') =>
    `chip:\n  process: 5 nm\n  clock: 1.5 GHz\n  tdp: 400 W\n  matrix: { peak: { bf16: 500 TFLOPS } }\n  vector: { peak: 20 TFLOPS }\n  memory: { ${memory}capacity: 64 GB, bandwidth: 2 TB/s }\n${extra}workload: { model: llama-2-7b }\n`;
  it('each technology its own figure: HBM3 4.5 (the default technology), GDDR6 7.5, GDDR6X 6.4, LPDDR5 8, HBM2 3.9 pJ/bit', async () => {
    near(pj(await analyze(chip(''))), 4.5, 1e-12);
    for (const [technology, figure] of [
      ['gddr6', 7.5],
      ['gddr6x', 6.4],
      ['lpddr5', 8],
      ['hbm2', 3.9],
      ['hbm2e', 6],
    ] as const)
      near(pj(await analyze(chip(`technology: ${technology}, `))), figure, 1e-12, technology);
  });
  it('a written energy stays; a preset keeps its own unless a technology is written over it', async () => {
    near(pj(await analyze(chip('technology: gddr6, ', '  energy: { memory: 5 pJ/bit }\n'))), 5, 1e-12, 'written');
    const preset = await analyze('extends: jalapeno\nworkload: { model: llama-2-7b }\n');
    assert.equal(preset.origins.get('chip.energy.memory')!.kind, 'preset');
    const gddr = await analyze('extends: jalapeno\nchip: { memory: { technology: gddr6 } }\nworkload: { model: llama-2-7b }\n');
    near(pj(gddr), 7.5, 1e-12, 'gddr6 over jalapeno');
    const own = await analyze(
      'extends: jalapeno\nchip: { memory: { technology: gddr6 }, energy: { memory: 9 pJ/bit } }\nworkload: { model: llama-2-7b }\n',
    );
    near(pj(own), 9, 1e-12, 'written over both');
  });
});

describe("designs past what has shipped or past the model's own error say so", () => {
  it('HBM stacks that do not fit beside the dies are a warning; the presets and examples fit', async () => {
    const fits = async (text: string) => !(await analyze(text)).diagnostics.some((x) => x.code === 'memory-shoreline');
    // jalapeno: 4 HBM3 stacks beside 204 mm² (16.1 x 12.7 mm: one 11 mm stack on each of the four edges).
    assert.ok(await fits('extends: jalapeno'));
    assert.ok(await fits('extends: h100-sxm'));
    assert.ok(await fits('extends: a100-80gb-sxm'));
    // 8 stacks beside 272 mm² of logic: two dies of 154 mm² are cheaper than one padded to 614.
    const eight = await analyze('extends: jalapeno\nchip: { memory: { bandwidth: 6 TB/s } }');
    assert.match(
      eight.diagnostics.find((x) => x.code === 'memory-shoreline')!.message,
      /^8 hbm3 stacks \(11 mm of PHY edge each.*\) do not fit beside the die its logic needs: the chip is built as 2 chiplets of 143 mm² of logic, 4 stacks beside each, the cheaper split against padding fewer dies/,
    );
    assert.equal(eight.result!.silicon!.chiplets, 2);
    // Stated as one die, it is padded: the die priced is the grown one, at both ends of its range, and its padding leaks nothing.
    const padded = await analyze('extends: jalapeno\nchip: { memory: { bandwidth: 6 TB/s }, silicon: { chiplets: 1 } }');
    assert.match(
      padded.diagnostics.find((x) => x.code === 'memory-shoreline')!.message,
      /^8 hbm3 stacks \(11 mm of PHY edge each, on all four edges.*\) do not fit beside a 272 mm² die\. The die is grown from the 272 mm² its logic needs to 614 mm², the least whose four edges take 8 stacks/,
    );
    const silicon = padded.result!.silicon!;
    near(silicon.dieAreaMm2!, shorelineDieMm2(8, 11), 1e-9);
    assert.deepEqual(silicon.dieAreaRangeMm2, [silicon.dieAreaMm2, silicon.dieAreaMm2]);
    assert.ok(silicon.modelledPriceUsd! > eight.result!.silicon!.modelledPriceUsd!, 'the padded die costs more than the split');
    const pad = silicon.components.find((c) => c.id === 'shorelinePad')!;
    assert.match(pad.detail, /8 hbm3 stacks beside the die take 8 × 11 mm of its edges: it is grown to 614 mm²/);
    const design = padded.design!;
    near(design.silicon!.staticWatts, (silicon.dieAreaMm2! - pad.mm2) * PROCESS_NODE_TABLE['5 nm'].leakageWattsPerMm2, 1e-9);
    // Two chiplets have the edges of two dies: each is grown from its 143 mm² of logic to 154 (4 stacks' edge), not to 614.
    const two = (await analyze('extends: jalapeno\nchip: { memory: { bandwidth: 6 TB/s }, silicon: { chiplets: 2 } }')).result!.silicon!;
    near(two.largestDieMm2!, shorelineDieMm2(4, 11), 1e-9);
  });
  it('a GDDR bus wider than 512 bits is a warning at the bandwidth, with the HBM3 stacks that would give it', async () => {
    const a = await analyze('extends: jalapeno\nchip: { memory: { technology: gddr6, stacks: null } }\nworkload: { model: llama-2-7b }\n');
    const d = a.diagnostics.find((x) => x.code === 'memory-bus');
    assert.ok(d, a.diagnostics.map((x) => x.code).join(', '));
    assert.equal(d.path, 'chip.memory.bandwidth');
    assert.match(
      d.message,
      /3\.28 TB\/s of gddr6 takes 51 x32 channels, a 1,632-bit bus: the widest shipped on one die is 512 bits .* HBM3 holds that capacity at that bandwidth in 4 stacks\./,
    );
    // Where the capacity sets the channels, the message says so, and the HBM3 count holds it too.
    const byCapacity = await analyze(
      'extends: jalapeno\nchip: { memory: { technology: gddr6x, stacks: null, capacity: 96 GB, bandwidth: 500 GB/s } }\nworkload: { model: llama-2-7b }\n',
    );
    assert.match(
      byCapacity.diagnostics.find((x) => x.code === 'memory-bus')!.message,
      /^96 GB of gddr6x takes 45 devices of 2\.15 GB, 23 x32 channels at two a channel \(its 0\.5 TB\/s would take 6\).* in 4 stacks\.$/,
    );
    const narrow = await analyze(
      'extends: jalapeno\nchip: { memory: { technology: gddr6, stacks: null, capacity: 32 GB, bandwidth: 1 TB/s } }\nworkload: { model: llama-2-7b }\n',
    );
    assert.ok(!narrow.diagnostics.some((x) => x.code === 'memory-bus'), '16 channels have shipped');
  });
  it("a split at the reticle that the area's range reaches below says the real die may fit in one (V100); one it does not, does not", async () => {
    const v100 = await analyze(readFileSync('examples/silicon/v100.chip.yaml', 'utf8'));
    assert.match(
      v100.diagnostics.find((d) => d.code === 'reticle-limit')!.message,
      /overestimated GV100 \(12 nm\) by 59%: erring as much here, the 1,230 mm² would be 776 mm², one die within the reticle/,
    );
    const huge = await analyze('extends: jalapeno\nchip: { sram: { capacity: 2 GiB } }\nworkload: { model: llama-2-7b }\n');
    const d = huge.diagnostics.find((x) => x.code === 'reticle-limit');
    assert.ok(d && !/one die within the reticle/.test(d.message), d?.message);
  });
});

describe('package limits', () => {
  const base = 'extends: jalapeno\nworkload: { model: llama-3-8b }\n';
  it('a design beyond a whole wafer is an error and is not evaluated; past the largest interposer it is a warning', async () => {
    const wafer = await analyze(`${base}chip: { matrix: { units: 1000000 } }\n`);
    assert.equal(wafer.result, undefined);
    assert.ok(wafer.diagnostics.some((d) => d.code === 'beyond-wafer' && d.severity === 'error'));
    assert.ok(!wafer.diagnostics.some((d) => d.code === 'reticle-limit'), 'one root cause, one diagnostic');
    const big = await analyze(`${base}chip: { matrix: { units: 8000 }, tdp: 5000 W }\n`);
    assert.ok(big.result, 'evaluated');
    const d = big.diagnostics.find((x) => x.code === 'beyond-interposer')!;
    // An error of what the design does: evaluated, and not valid (as weights that do not fit).
    assert.ok(d && d.severity === 'error');
    assert.ok(big.result!.silicon!.price!.interposerMm2 > 5.5 * 858);
    // An interposer past a wafer (dies and HBM footprints) is the same error, alone: the
    // die's leakage past the TDP is its consequence, not a second finding.
    const sram = await analyze(`${base}chip: { sram: { capacity: 60 GiB } }\n`);
    const codes = sram.diagnostics.filter((x) => x.severity === 'error').map((x) => x.code);
    assert.deepEqual(codes, ['beyond-wafer']);
    assert.match(sram.diagnostics.find((x) => x.code === 'beyond-wafer')!.message, /interposer/);
    // Idle power past the TDP on a preset's scaled idle says why and what to change.
    const hot = await analyze(`${base}chip: { sram: { capacity: 20 GiB } }\n`);
    assert.match(hot.diagnostics.find((x) => x.code === 'idle-over-tdp')!.message, /preset's idle power scaled .* raise `chip.tdp`/);
    const fits = await analyze(`${base}chip: { matrix: { units: 600 } }\n`);
    assert.ok(!fits.diagnostics.some((x) => x.code === 'beyond-interposer' || x.code === 'beyond-wafer'));
  });
});

describe('chiplets the design states (chip.silicon.chiplets)', () => {
  it('split the die into that many, each with its 5 % die-to-die share, on an interposer', () => {
    const sram = [{ label: 'SRAM', capacityBytes: 256 * MiB, bandwidthBytesPerSecond: 1e12 }];
    const whole = dieArea(spec({ sram }));
    const split = dieArea(spec({ sram, chiplets: 4 }));
    assert.ok(whole.totalMm2 > 100);
    assert.equal(whole.chiplets, 1);
    assert.equal(split.chiplets, 4);
    near(split.totalMm2, whole.totalMm2 * 1.05, 1e-12);
    near(split.dieMm2, split.totalMm2 / 4, 1e-12);
  });
  it('are priced as built, and a count whose dies do not fit the reticle, even at the low end of their range, is an error with the fewest that do as its fix', async () => {
    const base = 'extends: jalapeno\nworkload: { model: llama-3-8b }\ncost: { chip_price: 10000 USD }\n';
    const one = (await analyze(base)).result!.silicon!;
    const two = await analyze(`${base}chip: { silicon: { chiplets: 2 } }\n`);
    const s = two.result!.silicon!;
    assert.equal(s.chiplets, 2);
    near(s.dieAreaMm2!, one.dieAreaMm2! * 1.05, 1e-9);
    assert.ok(Math.abs(s.modelledPriceUsd! / one.modelledPriceUsd! - 1) < 0.05, `${s.modelledPriceUsd} vs ${one.modelledPriceUsd}`);
    assert.ok(!two.diagnostics.some((d) => d.code === 'reticle-limit'), 'a stated split is not a warning');
    const v100 = readFileSync('examples/silicon/v100.chip.yaml', 'utf8').replace('spare_units: 5 %', 'spare_units: 5 %\n    chiplets: 1');
    // GV100 is one 815 mm² die the model sizes at ~1,230 mm²: its range (÷1.59, GV100's own miss)
    // reaches under the reticle, so the architect's one die stands, warned, priced at the modelled area.
    const one12nm = await analyze(v100);
    assert.equal(one12nm.result?.silicon?.chiplets, 1);
    const w = one12nm.diagnostics.find((x) => x.code === 'beyond-reticle')!;
    assert.equal(w.severity, 'warning');
    assert.match(
      w.message,
      /^As one die it is 1,2\d\d mm², beyond the 858 mm².* the die would be 7\d\d mm², within it, so the stated count is kept/,
    );
    // Four times the L2 is past the reticle even at the range's low end: an error, not evaluated.
    const tooFew = await analyze(v100.replace('capacity: 6 MiB', 'capacity: 96 MiB'));
    assert.equal(tooFew.result, undefined);
    const d = tooFew.diagnostics.find((x) => x.code === 'beyond-reticle')!;
    assert.equal(d.severity, 'error');
    assert.equal(d.path, 'chip.silicon.chiplets');
    assert.match(
      d.message,
      /^As one die it is 1,9\d\d mm², beyond the 858 mm² a scanner exposes in one shot; overestimated by GV100's 59%, the die would still be 1,2\d\d mm²: at least 3 chiplets/,
    );
    assert.deepEqual(d.keyFixes?.[0]?.value, '3');
  });
});

describe("a preset's idle power over a changed die, not over a changed TDP", () => {
  const base = 'extends: jalapeno\nworkload: { model: llama-3-8b }\n';
  const idle = async (chip: string) => (await analyze(`${base}${chip}`)).result!.power;
  it("is the preset's at its own values and follows the idle rule's ratio to the preset's elsewhere", async () => {
    const preset = await idle('');
    assert.equal(preset.idleSource, 'given');
    assert.equal(preset.idleWatts, 35);
    // The same value written: nothing changes.
    assert.equal((await idle('chip: { tdp: 280 W }\n')).idleSource, 'given');
    // A TDP over the same die is a cap on the same silicon, which idles as it did, lowered (a
    // review: an H100 at 400 W, not throttled, idled at 51 W against 90) or raised (a review: 250 W
    // of idle at 2 kW).
    for (const cap of ['100 W', '200 W', '1000 W', '2000 W']) {
      const capped = await idle(`chip: { tdp: ${cap} }\n`);
      assert.equal(capped.idleSource, 'given', cap);
      near(capped.idleWatts, 35, 1e-9, cap);
    }
    // Without a process no datapath implies a TDP: a die key changed keeps the preset's (its
    // datapath read as infinite once idled at infinity, and every explored point failed).
    const trn2 = (await analyze('extends: trn2\nchip: { memory: { bandwidth: 1 TB/s } }\nworkload: { model: llama-3-8b }\n')).result!.power;
    assert.equal(trn2.idleSource, 'scaled from preset');
    near(trn2.idleWatts, (await analyze('extends: trn2\nworkload: { model: llama-3-8b }\n')).result!.power.idleWatts, 1e-9, 'trn2');
    // A new die with a lower TDP is a new design, and idles lower: a quarter of the arrays at
    // 100 W, 13 % of 100 W against the preset's rule (a code review: it idled at the preset's 35 W).
    near((await idle('chip: { tdp: 100 W, matrix: { units: 8 } }\n')).idleWatts, (35 * 0.13 * 100) / (0.13 * 280), 1e-9, 'new die');
    // A sweep of a die key prices and powers every value alike, the preset's own too: there the
    // ratio is 1 (a code review: A100 at its own link bandwidth idled at 50.59 W, not its 50).
    const file = '/ws/a.chip.yaml';
    const a100 = 'extends: a100-80gb-sxm\nworkload: { model: llama-3-8b }\n';
    const swept = await sweepValues(a100, file, memoryHost({ [file]: a100 }), 'chip.link.bandwidth', ['300 GB/s', '303 GB/s']);
    near(swept[0]!.analysis.result!.power.idleWatts, 50, 1e-9, 'A100 at its own value');
    // The rule at the preset: max(leakage of its 204 mm² die, 13 % of 280 W) = 36.4 W; over a
    // changed die, of the TDP capped as above, never below the preset's own.
    // Four times the arrays at 2 kW: a datapath that implies more than the preset's 280 W raises it.
    const wide = await analyze(`${base}chip: { tdp: 2000 W, matrix: { units: 128 } }\n`);
    const hw = wide.design!.hardware;
    const implied = datapathTdpWatts(
      Math.max(...Object.entries(hw.matrix.macsPerSecond).map(([d, r]) => r! * hw.energy.macJoules[d as Dtype]!)),
    );
    assert.ok(implied > 280);
    near(wide.result!.power.idleWatts, (35 * 0.13 * implied) / (0.13 * 280), 1e-9, 'the datapath’s TDP');
    // More SRAM: a die whose leakage passes 13 % of TDP.
    const sram = await analyze(`${base}chip: { sram: { capacity: 2 GiB } }\n`);
    const staticWatts = sram.result!.silicon!.staticWatts!;
    assert.ok(staticWatts > 0.13 * 280);
    // 35 / 36.4 of the leakage would idle below the die's own leakage: the leakage is the floor.
    near(sram.result!.power.idleWatts, Math.max((35 * staticWatts) / (0.13 * 280), staticWatts), 1e-9, 'leakage');
    near(sram.result!.power.idleWatts, staticWatts, 1e-9, 'at the floor');
    // Continuous through the preset's value: one MiB more moves it a little, not to another rule.
    const near128 = await idle('chip: { sram: { capacity: 129 MiB } }\n');
    assert.ok(Math.abs(near128.idleWatts / 35 - 1) < 0.01, `${near128.idleWatts} W`);
  });
});

describe('default on-chip energies follow chip.process', () => {
  const chip = (extra: string) =>
    `chip:\n  ${extra}clock: 1.5 GHz\n  tdp: 400 W\n  matrix: { peak: { int8: 1000 TOPS } }\n  vector: { peak: 20 TFLOPS }\n  sram: { capacity: 64 MiB, bandwidth: 10 TB/s }\n  memory: { technology: hbm3, capacity: 96 GB, bandwidth: 3.2 TB/s }\n  link: { bandwidth: 200 GB/s }\n`;
  const energies = async (text: string) => {
    const a = await analyze(text);
    return a.design!.hardware;
  };
  it('scales the 45 nm defaults by the node’s switching energy (0.124 at 5 nm), a MAC’s with operand delivery, leaves written and off-chip energies as they are', async () => {
    const plain = await energies(chip(''));
    const n5 = await energies(chip('process: 5 nm\n  '));
    // 45 nm to 16FF+ by gate pitch and supply (90/160 x (0.8/0.9)²), then TSMC's claims: N7 60 % below 16FF+, N5 30 % below N7.
    const k = (90 / 160) * (0.8 / 0.9) ** 2 * 0.4 * 0.7;
    near(k, 0.1244, 1e-3);
    // The int8 arithmetic (0.3 pJ) and 8 bits of operand delivery at 0.366 pJ a bit, both at 45 nm, scaled.
    const delivered = (dtype: 'int8' | 'bf16', bits: number) =>
      (plain.energy.macJoules[dtype]! + OPERAND_DELIVERY_JOULES_PER_BIT_45NM * bits) * k;
    near(n5.energy.macJoules.int8!, delivered('int8', 8), 1e-9, 'mac');
    near(n5.energy.macJoules.int8!, (0.3e-12 + 8 * 0.366e-12) * k, 1e-9, 'mac by hand');
    // A 3 nm design by default pays less per fp8 MAC than the H100's TDP-derived 0.43 pJ (N3E 32 %
    // below N5): by the gate pitch alone it paid 0.50 pJ, more than the older chip (an architect's review).
    const n3 = await energies(chip('process: 3 nm\n  ').replace('{ int8: 1000 TOPS }', '{ fp8: 1000 TFLOPS }'));
    near(n3.energy.macJoules.fp8!, (0.5e-12 + 8 * 0.366e-12) * k * 0.68, 1e-9, 'fp8 at 3 nm');
    assert.ok(n3.energy.macJoules.fp8! < 0.43e-12 * 0.8, `${n3.energy.macJoules.fp8} J`);
    // Vector energy is held at its 45 nm figure, as the presets hold theirs.
    assert.equal(n5.energy.vectorJoulesPerOp, plain.energy.vectorJoulesPerOp, 'vector');
    const sram = (h: typeof plain) => h.memoryLevels.find((l) => l.onChip)!.joulesPerByte;
    near(sram(n5), sram(plain) * k, 1e-9, 'sram');
    const main = (h: typeof plain) => h.memoryLevels.find((l) => l.id === h.mainMemory)!.joulesPerByte;
    assert.equal(main(n5), main(plain), 'HBM energy is not the logic node');
    assert.equal(n5.energy.linkJoulesPerByte, plain.energy.linkJoulesPerByte, 'nor is the SerDes');
    const written = await energies(chip('process: 5 nm\n  energy: { mac: { int8: 0.3 pJ } }\n  '));
    near(written.energy.macJoules.int8!, 0.3e-12, 1e-9, 'a written energy is used as written');
    // The dtypes left at their defaults beside it are still scaled, each by its own origin.
    near(written.energy.macJoules.bf16!, delivered('bf16', 16), 1e-9, 'bf16 beside a written int8');
    // The jalapeno preset writes its own (already scaled) energies: unchanged at its 5 nm, and
    // moved by the ratio of the nodes' scales when a config moves it to another node.
    const preset = (await analyze('extends: jalapeno\n')).design!.hardware;
    near(preset.energy.macJoules.int8!, 0.078e-12, 1e-9, 'preset');
    const at7 = (await analyze('extends: jalapeno\nchip: { process: 7 nm }\n')).design!.hardware;
    near(at7.energy.macJoules.int8!, 0.078e-12 / 0.7, 1e-9, 'preset at 7 nm: N5 is 30 % below N7');
    // A preset that states no process moves from the node its energies are at (trn2: 8 nm-class).
    const trn2 = (await analyze('extends: trn2\nchip: { process: 5 nm }\n')).design!.hardware;
    near(
      trn2.memoryLevels.find((l) => l.onChip)!.joulesPerByte,
      (3.3e-12 * (0.4 * 0.7)) / ((0.4 / 0.6) * 0.9),
      1e-9,
      'trn2 SRAM: 5 nm over 8 nm',
    );
    assert.equal(at7.energy.vectorJoulesPerOp, preset.energy.vectorJoulesPerOp);
  });
});

describe('what the report says of the dies and their memory interfaces', () => {
  it('a bond yield that scraps most packages is a warning at the key, with what the failed bonds cost', async () => {
    // A review priced a $2.09 M chip at a written 50 % bond yield with no word.
    const low = await analyze('extends: jalapeno\ncost: { silicon: { bond_yield: 50 % } }');
    const d = low.diagnostics.find((x) => x.code === 'assembly-yield-low')!;
    assert.equal(d.path, 'cost.silicon.bond_yield');
    const p = low.result!.silicon!.price!;
    near(p.assemblyYield, 0.5 ** 5, 1e-12);
    assert.match(
      d.message,
      /^At 50% a bond over 5 bonds \(1 die and 4 memory stacks\), 3\.1% of assembled packages hold: each good chip pays for 32 assembled/,
    );
    // A given price has no bond yield in it: nothing to say of it (a code review).
    const given = await analyze('extends: jalapeno\ncost: { chip_price: 20000 USD, silicon: { bond_yield: 50 % } }');
    assert.ok(!given.diagnostics.some((x) => x.code === 'assembly-yield-low'));
    // Board-mounted GDDR is no bond: the dies alone, and no word of stacks.
    const gddr = await analyze(
      'extends: jalapeno\nchip: { silicon: { chiplets: 6 }, memory: { technology: gddr6, capacity: 32 GB, bandwidth: 512 GB/s } }\ncost: { silicon: { bond_yield: 85 % } }',
    );
    assert.match(
      gddr.diagnostics.find((x) => x.code === 'assembly-yield-low')!.message,
      /over 6 bonds \(6 dies\).*fewer chiplets, or a higher/,
    );
    // The default 99 %, and 90 % (59 % of packages hold), say nothing.
    for (const text of ['extends: jalapeno', 'extends: jalapeno\ncost: { silicon: { bond_yield: 90 % } }'])
      assert.ok(!(await analyze(text)).diagnostics.some((x) => x.code === 'assembly-yield-low'), text);
  });
  it("a preset's own die shows its maker's area beside the model's; a changed die does not", async () => {
    // A review saw the H100's modelled 769 mm² and nowhere the 814 mm² NVIDIA publishes.
    const h100 = await analyze('extends: h100-sxm');
    assert.deepEqual(h100.result!.silicon!.publishedDie, {
      name: 'GH100',
      mm2: 814,
      source: 'NVIDIA H100 Tensor Core GPU architecture whitepaper',
    });
    assert.match(metricOf('silicon.dieAreaMm2', h100.result!)!.note!, /^4 nm; GH100 as published: 814 mm²$/);
    assert.equal((analysisJson(h100, { detail: false }).result!.silicon as { publishedDie?: { mm2: number } }).publishedDie!.mm2, 814);
    // More memory is another die (a sixth stack's PHY): the preset's figure is not this chip's.
    const more = await analyze('extends: h100-sxm\nchip: { memory: { capacity: 96 GB } }');
    assert.equal(more.result!.silicon!.publishedDie, undefined);
    assert.doesNotMatch(metricOf('silicon.dieAreaMm2', more.result!)!.note!, /published/);
    // A design of its own has none.
    assert.equal((await analyze('extends: jalapeno')).result!.silicon!.publishedDie, undefined);
    // The die is the preset's whatever gives the price: a price or a wafer price of one's own keeps it (a code review).
    for (const cost of ['cost: { chip_price: 25000 USD }', 'cost: { silicon: { wafer_price: 20000 USD } }'])
      assert.equal((await analyze(`extends: h100-sxm\n${cost}`)).result!.silicon!.publishedDie?.mm2, 814, cost);
  });
  it("the modelled price's parts: the cost to build one chip, and the server's share, each with what it is made of", async () => {
    // A review found $4.5k of the reference's $14.1k was its share of a server, said only in --json.
    const a = await analyze('extends: jalapeno');
    const p = a.result!.silicon!.price!;
    const built = metricOf('silicon.price.costUsd', a.result!)!;
    const server = metricOf('silicon.price.systemUsd', a.result!)!;
    assert.equal(built.value, p.costUsd);
    assert.equal(server.value, p.systemUsd);
    // The parts add up to the cost, and cost + margin + server share to the price.
    near(p.dieUsd + p.memoryUsd + p.packageUsd + p.assemblyUsd + p.testUsd + p.boardUsd, p.costUsd, 1e-9);
    near(p.costUsd + p.marginUsd + p.systemUsd, p.priceUsd, 1e-9);
    assert.match(
      built.note!,
      new RegExp(
        `^die \\$[\\d.,]+ \\(yield \\d+% over [\\d.,]+ mm² critical at [\\d.]+ defects/cm², [\\d,]+ dies a \\$[\\d,]+ wafer\\) \\+ memory ${formatUsd(p.memoryUsd).replace('$', '\\$')} \\(\\$\\d+/GB\\) \\+ package`,
      ),
    );
    assert.match(server.note!, /cost\.silicon\.system_share.*grows with the chip's cost, memory included/);
    // A chip with no price has neither.
    const unpriced = await analyze(
      'chip: { clock: 1 GHz, tdp: 300 W, matrix: { peak: { bf16: 100 TFLOPS } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 64 GB, bandwidth: 2 TB/s } }',
    );
    assert.equal(metricOf('silicon.price.costUsd', unpriced.result!), undefined);
  });
  it('GDDR: the channels the die builds for its devices, not the devices', async () => {
    const a10g = await analyze('extends: a10g');
    const m = metricOf('silicon.memory.interfaces', a10g.result!)!;
    // 12 GDDR6 devices, two to a channel in clamshell, and enough channels for 600 GB/s: 10, as the die's component says.
    assert.equal(m.value, 10);
    // The fewest at the table's 16 Gb/s a pin: the A10G's own bus runs 12 at 12.5 Gb/s, so the note says which count this is.
    assert.equal(
      m.note,
      'gddr6 x32 channels for 12 devices: the fewest that carry the bandwidth at 16 Gb/s a pin, one for every 2 devices at least',
    );
    assert.match(a10g.result!.silicon!.components.find((c) => c.id === 'memoryInterface')!.detail, /^10 gddr6 x32 channel interfaces/);
  });
  it('chiplets of different sizes: the note and the reticle name the largest, not the mean', async () => {
    // Four HBM3 stacks on eight chiplets: four dies grown for a stack's edge, four not.
    const eight = (await analyze('extends: jalapeno\nchip: { silicon: { chiplets: 8 } }')).result!;
    const s = eight.silicon!;
    assert.ok(s.largestDieMm2! > s.perDieMm2! * 1.2, `${s.largestDieMm2} vs ${s.perDieMm2}`);
    assert.match(metricOf('silicon.dieAreaMm2', eight)!.note!, /8 chiplets, the largest 95\.3 mm², grown for their HBM edge/);
    // Dies all alike: their size.
    const two = (await analyze('extends: jalapeno\nchip: { silicon: { chiplets: 2 } }')).result!;
    assert.equal(two.silicon!.largestDieMm2, two.silicon!.perDieMm2);
    assert.match(metricOf('silicon.dieAreaMm2', two)!.note!, /2 chiplets of [\d.]+ mm²/);
  });
  it('a die its HBM edge sizes shows no area range and no price range, not one "at both ends" beside the other', async () => {
    // 6 HBM3 stacks: 3 chiplets grown for their edge; the area's ends differed in their last bits (an architect's review).
    const six = (await analyze('extends: jalapeno\nchip: { memory: { stacks: 6 } }')).result!;
    assert.match(metricOf('silicon.dieAreaMm2', six)!.note!, /grown for their HBM edge, which sets the area/);
    assert.equal(metricOf('silicon.dieAreaMm2', six)!.range, undefined);
    assert.equal(metricOf('silicon.chipPriceUsd', six)!.range, undefined);
  });
});

describe('a stack holds at least the smallest of its generation', () => {
  it('fewer bytes than the stacks hold are priced as they hold, with a warning at the capacity; usable capacity a little under them is no slip', async () => {
    const at = (capacity: string) =>
      analyze(`extends: jalapeno\nchip: { memory: { technology: hbm3e, stacks: 8, capacity: ${capacity}, bandwidth: 9.83 TB/s } }\n`);
    const thin = await at('16 GB');
    const full = await at('192 GB');
    // 8 HBM3E stacks of at least 24 GB (H200's), at 15 USD/GB: the same bill however few bytes are written (a review: 240 USD).
    near(thin.result!.silicon!.price!.memoryUsd, 8 * 24 * 15, 1e-9);
    near(full.result!.silicon!.price!.memoryUsd, thin.result!.silicon!.price!.memoryUsd, 1e-12);
    const d = thin.diagnostics.find((x) => x.code === 'memory-below-stacks')!;
    assert.equal(d.severity, 'warning');
    assert.equal(d.path, 'chip.memory.capacity');
    assert.match(
      d.message,
      /^8 hbm3e stacks hold at least 192 GiB \(206 GB, sold as "192 GB"\) \(the smallest hbm3e stack shipped holds 24 GiB: H200/,
    );
    assert.ok(!full.diagnostics.some((x) => x.code === 'memory-below-stacks'));
    // H200's 141 GiB usable of six 24 GiB stacks: no warning, priced by its capacity as H100's 80 GiB is.
    const h200 = await analyze('extends: h200-sxm');
    assert.ok(!h200.diagnostics.some((x) => x.code === 'memory-below-stacks'));
    near(h200.result!.silicon!.price!.memoryUsd, (141 * 2 ** 30 * 15) / 1e9, 1e-9);
  });
});
