// Memory levels a chip declares: the residency policy by hand, a three-level chip through
// the model's API (KV overflow to host memory), the config form and its diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../model/analyze';
import type { MemoryLevel, MemoryLevelId } from '../../model/design';
import { orderLevels, placeActivations, placeData, storageCapacityBytes } from '../../model/engine/residency';
import type { EvaluationResult } from '../../model/result';
import { memoryLevelsReport } from '../../model/report/memoryLevels';
import { memoryHost } from './helpers/memoryHost';

const id = (s: string) => s as MemoryLevelId;
const level = (name: string, onChip: boolean, capacityBytes: number, bandwidthBytesPerSecond: number): MemoryLevel => ({
  id: id(name),
  label: name,
  configPath: `chip.${name}`,
  onChip,
  capacityBytes,
  bandwidthBytesPerSecond,
  efficiency: 1,
  joulesPerByte: 0,
});
const LEVELS = orderLevels([level('host', false, 5000, 10), level('sram', true, 100, 1000), level('memory', false, 1000, 100)]);

test('activations: a scratchpad keeps what fits and spills the rest; a cache holds a working set only whole', () => {
  const at = (levels: MemoryLevel[], bytes: number) => {
    const out = levels.map(() => -1);
    placeActivations(levels, bytes, out);
    return out;
  };
  const scratchpad = orderLevels([{ ...level('sram', true, 100, 1000), spills: true }, level('memory', false, 1000, 100)]);
  // 150 bytes past a 100-byte scratchpad: 100 stay, 50 go to HBM (all or nothing moved all 150).
  assert.deepEqual(at(scratchpad, 150), [100, 50]);
  assert.deepEqual(at(scratchpad, 80), [80, 0]);
  // A cache: a stream one byte larger than it evicts each line before its reuse.
  assert.deepEqual(at(LEVELS, 150), [0, 150, 0]);
  assert.deepEqual(at(LEVELS, 100), [100, 0, 0]);
  // No off-chip level: the fastest level serves what does not fit.
  assert.deepEqual(at([level('sram', true, 100, 1000)], 150), [150]);
});

test('levels are ordered on-chip first, then by achievable bandwidth', () => {
  assert.deepEqual(
    LEVELS.map((l) => l.id),
    ['sram', 'memory', 'host'],
  );
  assert.equal(storageCapacityBytes({ memoryLevels: LEVELS }), 6000);
});

test('storage: the weights and then the KV cache fill the off-chip levels fastest first and overflow', () => {
  const r = placeData({ memoryLevels: LEVELS }, 800, 600);
  assert.deepEqual(r.weights, { memory: 1 });
  // 200 of the KV cache's 600 bytes fit beside the weights in memory; 400 overflow to the host.
  assert.deepEqual(r.kvCache, { memory: 200 / 600, host: 400 / 600 });
  assert.deepEqual(r.placement, [
    { level: 'sram', weightsBytes: 0, kvCacheBytes: 0, activationWorkingSetBytes: 0 },
    { level: 'memory', weightsBytes: 800, kvCacheBytes: 200, activationWorkingSetBytes: 0 },
    { level: 'host', weightsBytes: 0, kvCacheBytes: 400, activationWorkingSetBytes: 0 },
  ]);
  // Beyond every level: the last one holds the rest (over its capacity: the design does not fit).
  const over = placeData({ memoryLevels: LEVELS }, 7000, 0);
  assert.deepEqual(over.weights, { memory: 1000 / 7000, host: 6000 / 7000 });
});

test('copies: whole weights, then the whole KV cache, in the on-chip level they fit in; never the KV cache alone', () => {
  const both = placeData({ memoryLevels: LEVELS }, 50, 30);
  assert.deepEqual([both.weights, both.kvCache], [{ sram: 1 }, { sram: 1 }]);
  const weightsOnly = placeData({ memoryLevels: LEVELS }, 50, 60);
  assert.deepEqual([weightsOnly.weights, weightsOnly.kvCache], [{ sram: 1 }, { memory: 1 }]);
  // The KV cache (10 B) would fit in SRAM, but the weights (150 B) do not: it is not placed faster than them.
  const neither = placeData({ memoryLevels: LEVELS }, 150, 10);
  assert.deepEqual([neither.weights, neither.kvCache], [{ memory: 1 }, { memory: 1 }]);
});

test('copies in part: a scratchpad holds what fits of weights too large for it, a cache none of them', () => {
  const pad = orderLevels([
    { ...level('sram', true, 100, 1000), spills: true },
    level('memory', false, 1000, 100),
    level('host', false, 5000, 10),
  ]);
  const part = placeData({ memoryLevels: pad }, 400, 10);
  assert.deepEqual([part.weights, part.kvCache], [{ sram: 0.25, memory: 0.75 }, { memory: 1 }]);
  assert.equal(part.placement.find((p) => p.level === 'sram')!.weightsBytes, 100);
  // Stored beyond the memory too: each storage level's share is cut by what the scratchpad holds.
  const spread = placeData({ memoryLevels: pad }, 2000, 0);
  assert.deepEqual(spread.weights, { sram: 0.05, memory: 0.5 * 0.95, host: 0.5 * 0.95 });
  // A cache keeps none: a stream larger than it is evicted line by line before it is read again.
  assert.deepEqual(placeData({ memoryLevels: LEVELS }, 400, 10).weights, { memory: 1 });
});

test('a scratchpad speeds a memory-bound decode in step with the share it holds, up to the whole copy: no cliff at the capacity', async () => {
  // The toy's weights are about 10.5 MB in bf16 (one layer and the embeddings).
  const at = (sram: string, kind = 'scratchpad') =>
    evaluate(
      TOY.replace('batch: 64', 'batch: 1')
        .replace('prompt: 4096', 'prompt: 16')
        .replace(
          '  energy: { memory: 0 pJ/B }\n',
          `  energy: { memory: 0 pJ/B }\n  sram: { capacity: ${sram}, bandwidth: 100 TB/s }\n  silicon: { sram_kind: ${kind} }\n`,
        ),
    );
  const weights = (await at('1 KB')).memory.perChip.weightsBytes;
  const decode = async (bytes: number, kind?: string) => (await at(`${bytes} B`, kind)).decode.msPerToken;
  const none = await decode(1);
  const half = await decode(weights / 2);
  const whole = await decode(weights);
  assert.ok(whole < half && half < none, `${none} > ${half} > ${whole} ms`);
  // Just below the whole copy the decode is within a hair of it, not back at the memory's speed.
  assert.ok((await decode(weights * 0.999)) < whole * 1.01 + (none - whole) * 0.01);
  // A cache gains nothing from holding more of them until the whole copy fits.
  const cached = await decode(weights / 2, 'cache');
  assert.equal(await decode(weights * 0.999, 'cache'), cached);
  assert.ok((await decode(weights, 'cache')) < 0.5 * cached);
});

test("a scratchpad's partial copy of the weights makes room for activations that leave the chip, not for attention's fused scores", async () => {
  // 32 heads of 32 at a 1,024-token prompt: prefill's scores and probabilities, were they
  // written out, would be 32 x 1,024²/2 pairs x 2 B each way, 67 MB; the fused kernel keeps
  // them on chip. The largest activations that do leave the chip are an operator's 2 MiB in and
  // 2 MiB out, so a 12 MB scratchpad keeps 12 MB - 4 MiB of the 24.5 MB of weights. It had
  // reserved the scores' 67 MB and kept none: a longer prompt slowed decode by 4x what its KV
  // reads cost (a modelling review).
  const r = await evaluate(
    TOY.replace('heads: 8, kv_heads: 8, ffn: 4096', 'heads: 32, kv_heads: 32, ffn: 1024')
      .replace('batch: 64', 'batch: 1')
      .replace('prompt: 4096', 'prompt: 1024')
      .replace(
        '  energy: { memory: 0 pJ/B }\n',
        '  energy: { memory: 0 pJ/B }\n  sram: { capacity: 12 MB, bandwidth: 100 TB/s }\n  silicon: { sram_kind: scratchpad }\n',
      ),
  );
  const sram = r.memory.levels?.find((l) => l.level === 'sram');
  assert.ok(r.memory.perChip.weightsBytes > 12e6, `${r.memory.perChip.weightsBytes} B of weights`);
  assert.equal(sram?.weightsBytes, 12e6 - 4 * 2 ** 20, JSON.stringify(r.memory.levels));
});

test("a scratchpad that a step's activations fill holds no weights, and the report says why", async () => {
  // Prefill of 64 x 4,096 tokens: the FFN's activations are hundreds of MB, the scratchpad 1 MB.
  const r = await evaluate(
    TOY.replace(
      '  energy: { memory: 0 pJ/B }\n',
      '  energy: { memory: 0 pJ/B }\n  sram: { capacity: 1 MB, bandwidth: 100 TB/s }\n  silicon: { sram_kind: scratchpad }\n',
    ),
  );
  const sram = r.memory.levels.find((l) => l.level === 'sram')!;
  assert.equal(sram.weightsBytes, 0);
  assert.ok(sram.activationWorkingSetBytes > 1e6, `${sram.activationWorkingSetBytes}`);
  const report = memoryLevelsReport(r, true);
  assert.match(
    report.levels.find((l) => l.id === 'sram')!.heldText,
    /^no weights: the largest step's activations \(up to [\d.]+ [MG]B\) take all its [\d.]+ [kMG]B, one placement for both phases$/,
  );
  // Where the weights fit whole there is no partial copy and nothing to explain.
  const small = await evaluate(
    TOY.replace(
      '  energy: { memory: 0 pJ/B }\n',
      '  energy: { memory: 0 pJ/B }\n  sram: { capacity: 64 MB, bandwidth: 100 TB/s }\n  silicon: { sram_kind: scratchpad }\n',
    ),
  );
  assert.equal(small.memory.levels.find((l) => l.level === 'sram')!.activationWorkingSetBytes, 0);
});

// A toy chip whose numbers can be followed by hand: 1 TB/s of memory, a host level at 10 GB/s.
const TOY = `
chip:
  tdp: 1000 W
  matrix: { peak: { bf16: 1000 TFLOPS }, efficiency: 1 }
  vector: { peak: 1000 TFLOPS }
  memory: { capacity: 500 MB, bandwidth: 1 TB/s, efficiency: 1 }
  dispatch_overhead: 0 us
  energy: { memory: 0 pJ/B }
runtime: { gemm_efficiency: 100 %, prefill_overhead: 0 ms, step_overhead: 0 ms, sequence_overhead: 0 us, launch_overhead: 0 us, collective_overhead: 0 us }
workload:
  model: { layers: 1, hidden: 1024, heads: 8, kv_heads: 8, ffn: 4096, activation: gelu, vocab: 1000 }
  precision: { weights: bf16, activations: bf16, kv_cache: bf16 }
  batch: 64
  prompt: 4096
  output: 2
`;
const HOST = (bandwidth = '10 GB/s', energy = '0 pJ/B', capacity = '8 GB') => `
  memory_levels:
    host_ddr: { label: Host DDR, capacity: ${capacity}, bandwidth: ${bandwidth}, efficiency: 100 %, energy: ${energy} }
`;
const withHost = (host: string, text = TOY) => text.replace('  energy: { memory: 0 pJ/B }\n', `  energy: { memory: 0 pJ/B }\n${host}`);

async function evaluate(text: string): Promise<EvaluationResult> {
  const a = await analyzeConfig(text, '/ws/toy.chip.yaml', memoryHost({}), {});
  assert.ok(a.result, JSON.stringify(a.diagnostics));
  return a.result;
}

test('KV overflow: the batch fits only with the host level, and KV reads split between the levels at their bandwidths', async () => {
  const without = await evaluate(TOY);
  assert.equal(without.memory.fits, false);
  const r = await evaluate(withHost(HOST()));
  assert.equal(r.memory.fits, true);
  assert.equal(r.memory.perChip.capacityBytes, 500e6 + 8e9);
  assert.ok(r.memory.maxBatch > without.memory.maxBatch);
  const { weightsBytes, kvCacheBytes } = r.memory.perChip;
  const hostShare = (kvCacheBytes - (500e6 - weightsBytes)) / kvCacheBytes;
  const host = r.memory.levels.find((l) => l.level === 'host_ddr')!;
  assert.ok(Math.abs(host.kvCacheShare - hostShare) < 1e-12, `${host.kvCacheShare} vs ${hostShare}`);
  assert.equal(host.weightsShare, 0);
  for (const op of r.phases.decode.operators) {
    const kv = op.bytes.kvRead + op.bytes.kvWrite;
    if (kv === 0) continue;
    // The two levels transfer side by side: the slower share bounds the operator.
    const expected = Math.max((kv * (1 - hostShare) + op.bytes.activations) / 1e12, (kv * hostShare) / 10e9);
    assert.ok(Math.abs(op.time.total - expected) / expected < 1e-9, `${op.id}: ${op.time.total} vs ${expected}`);
    assert.equal(op.governingKey, 'chip.memory_levels.host_ddr.bandwidth');
  }
  assert.deepEqual(
    r.chip.memoryLevels.map((l) => [l.id, l.label, l.main]),
    [
      ['memory', 'Memory', true],
      ['host_ddr', 'Host DDR', false],
    ],
  );
  // Utilisation is of the chip's own memory, not of the host level.
  const decode = r.phases.decode;
  assert.ok(Math.abs(r.utilization.memoryBandwidth - decode.levelBytes[id('memory')]! / (decode.seconds * 1e12)) < 1e-12);
});

test('a host level the design does not need changes no time, energy or cost, only the capacity', async () => {
  const small = TOY.replace('batch: 64', 'batch: 1');
  const a = await evaluate(small);
  const b = await evaluate(withHost(HOST('10 GB/s', '100 pJ/B'), small));
  assert.equal(b.memory.levels.find((l) => l.level === 'host_ddr')!.kvCacheBytes, 0);
  for (const pick of [
    (r: EvaluationResult) => r.decode.msPerToken,
    (r: EvaluationResult) => r.prefill.ms,
    (r: EvaluationResult) => r.energy.joulesPerOutputToken,
    (r: EvaluationResult) => r.cost.usdPerResponse,
  ]) {
    assert.equal(pick(b), pick(a));
  }
  assert.equal(b.memory.capacityBytes, a.memory.capacityBytes + 8e9);
});

test('decode time falls as the host level gets faster', async () => {
  const times: number[] = [];
  for (const bw of ['1 GB/s', '10 GB/s', '100 GB/s', '1 TB/s', '100 TB/s'])
    times.push((await evaluate(withHost(HOST(bw)))).decode.msPerToken);
  for (let i = 1; i < times.length; i++) assert.ok(times[i]! <= times[i - 1]!, times.join(' > '));
  assert.ok(times[0]! > 10 * times.at(-1)!);
});

test('the host level charges its energy per byte it serves', async () => {
  const cheap = await evaluate(withHost(HOST('10 GB/s', '0 pJ/B')));
  const costly = await evaluate(withHost(HOST('10 GB/s', '100 pJ/B')));
  const d = costly.phases.decode;
  const extra = d.energyJoulesPerChip - cheap.phases.decode.energyJoulesPerChip;
  const expected = d.levelBytes[id('host_ddr')]! * 100e-12;
  assert.ok(Math.abs(extra - expected) / expected < 1e-9, `${extra} vs ${expected}`);
});

test('config: names, required keys and typos in memory_levels are diagnosed where they are written', async () => {
  const diagnose = async (levels: string) => (await analyzeConfig(withHost(levels), '/ws/toy.chip.yaml', memoryHost({}), {})).diagnostics;
  const reserved = await diagnose('  memory_levels:\n    sram: { capacity: 1 GB, bandwidth: 1 TB/s }\n');
  assert.ok(reserved.some((d) => d.code === 'reserved-name' && d.path === 'chip.memory_levels.sram' && /chip\.sram/.test(d.message)));
  const badName = await diagnose('  memory_levels:\n    Host-DDR: { capacity: 1 GB, bandwidth: 1 TB/s }\n');
  assert.ok(badName.some((d) => d.code === 'bad-name' && d.severity === 'error'));
  const missing = await diagnose('  memory_levels:\n    host_ddr: { capacity: 1 GB }\n');
  assert.ok(
    missing.some((d) => d.code === 'missing-key' && d.path === 'chip.memory_levels.host_ddr.bandwidth' && d.at),
    JSON.stringify(missing),
  );
  const typo = await diagnose('  memory_levels:\n    host_ddr: { capacity: 1 GB, bandwith: 1 TB/s }\n');
  assert.ok(typo.some((d) => d.code === 'unknown-key' && /did you mean `bandwidth`/.test(d.message)));
  const unit = await diagnose('  memory_levels:\n    host_ddr: { capacity: 1 GB, bandwidth: 64 GB }\n');
  assert.ok(unit.some((d) => d.severity === 'error' && d.path === 'chip.memory_levels.host_ddr.bandwidth'));
});

test('extends deep-merges a level: the child overrides one key and keeps the rest', async () => {
  const parent = withHost(HOST('10 GB/s'));
  const child = 'extends: ./parent.chip.yaml\nchip:\n  memory_levels:\n    host_ddr: { bandwidth: 20 GB/s }\n';
  const a = await analyzeConfig(child, '/ws/child.chip.yaml', memoryHost({ '/ws/parent.chip.yaml': parent }), {});
  assert.ok(a.result, JSON.stringify(a.diagnostics));
  const host = a.result.chip.memoryLevels.find((l) => l.id === 'host_ddr')!;
  assert.deepEqual([host.bandwidthBytesPerSecond, host.capacityBytes, host.label], [20e9, 8e9, 'Host DDR']);
  assert.equal(a.origins.get('chip.memory_levels.host_ddr.bandwidth')?.kind, 'file');
});

test('CLI: --set reaches a level key, and the JSON carries every level', () => {
  const root = join(import.meta.dirname, '../..');
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { encoding: 'utf8', cwd: root });
  const slow = JSON.parse(run('eval', 'examples/kv-offload.chip.yaml', '--json').stdout);
  const fast = JSON.parse(
    run('eval', 'examples/kv-offload.chip.yaml', '--json', '--set', 'chip.memory_levels.host_lpddr.bandwidth=900 GB/s').stdout,
  );
  assert.equal(slow.ok, true);
  assert.deepEqual(
    slow.result.chip.memoryLevels.map((l: { id: string }) => l.id),
    ['sram', 'memory', 'host_lpddr'],
  );
  assert.ok(fast.result.decode.msPerToken < slow.result.decode.msPerToken);
});

test('editor: completion inside a level offers its keys with docs; no key names are invented under memory_levels', async () => {
  const { completionsAt } = await import('../../extension/logic/completionItems');
  const at = (text: string) => completionsAt(text.replace('|', ''), text.indexOf('|'), {});
  const inLevel = at('chip:\n  memory_levels:\n    host_ddr:\n      capacity: 512 GB\n      |');
  assert.deepEqual(
    inLevel.map((i) => i.label),
    ['label', 'bandwidth', 'efficiency', 'energy', 'technology', 'on_chip'],
  );
  assert.match(inLevel.find((i) => i.label === 'energy')!.documentation!, /Default: `70 pJ\/bit` — Accelergy/);
  assert.deepEqual(
    at('chip:\n  memory_levels:\n    |').map((i) => i.label),
    [],
  );
  const section = at('chip:\n  |').find((i) => i.label === 'memory_levels')!;
  assert.equal(section.kind, 'section');
  assert.match(section.documentation!, /KV-cache offload/);
  const { schemaDocMarkdown } = await import('../../extension/logic/schemaDocs');
  const { schemaAt } = await import('../../model/config/schema');
  assert.match(
    schemaDocMarkdown(['chip', 'memory_levels', 'cxl', 'bandwidth'], schemaAt(['chip', 'memory_levels', 'cxl', 'bandwidth'])!),
    /^\*\*chip\.memory_levels\.cxl\.bandwidth\*\* — a bandwidth/,
  );
  assert.equal(schemaAt(['chip', 'memory_levels', 'sram', 'bandwidth']), undefined);
});

test('a second on-chip level holds the weights the small SRAM cannot, adds no capacity, and runs on the clock', async () => {
  const tiered = TOY.replace('batch: 64', 'batch: 1')
    .replace('prompt: 4096', 'prompt: 16')
    .replace(
      '  energy: { memory: 0 pJ/B }\n',
      '  energy: { memory: 0 pJ/B }\n  sram: { capacity: 1 MB, bandwidth: 100 TB/s }\n  memory_levels:\n    l3: { capacity: 100 MB, bandwidth: 20 TB/s, efficiency: 100 %, on_chip: true }\n',
    );
  const r = await evaluate(tiered);
  assert.deepEqual(
    r.chip.memoryLevels.map((l) => l.id),
    ['sram', 'l3', 'memory'],
  );
  const l3 = r.memory.levels.find((l) => l.level === 'l3')!;
  assert.deepEqual([l3.weightsShare, l3.kvCacheShare], [1, 1]);
  assert.equal(r.memory.perChip.capacityBytes, 500e6);
  const ffn = r.phases.decode.operators.find((op) => op.id === 'ffn_up')!;
  assert.ok(
    Math.abs(ffn.time.levels[id('l3')]! - (ffn.bytes.weights + ffn.bytes.kvRead + ffn.bytes.kvWrite) / 20e12) < 1e-15,
    JSON.stringify(ffn.time),
  );
  assert.equal(r.power.throttled, false);
  // Its energy per byte, not stated, is SRAM's (12.5 pJ/B by default: a 1 MB bank's read at 45 nm),
  // not a DRAM interface's; the MACs are bf16's 1.5 pJ.
  assert.ok(
    Math.abs(ffn.energyJoules - (1024 * 4096 * 1.5e-12 + ffn.levelBytes[id('l3')]! * 12.5e-12 + ffn.levelBytes[id('sram')]! * 12.5e-12)) /
      ffn.energyJoules <
      1e-9,
  );
  // Throttled, the on-chip level slows with the clock; the off-chip memory would not.
  const hot = await evaluate(tiered.replace('tdp: 1000 W', 'tdp: 20 W'));
  assert.ok(hot.power.decodeClockScale < 1);
  const hotFfn = hot.phases.decode.operators.find((op) => op.id === ffn.id)!;
  assert.ok(Math.abs(hotFfn.time.levels[id('l3')]! - ffn.time.levels[id('l3')]! / hot.power.decodeClockScale) < 1e-15);
});

test('report: every surface lists the levels the chip declares, from the one report', async () => {
  const { buildReport } = await import('../../model/report/build');
  const { headerModel } = await import('../../webview/headerModel');
  const { summaryTable } = await import('../../cli/table');
  const { reportHtml } = await import('../../extension/logic/reportHtml');
  const analysis = await analyzeConfig(withHost(HOST()), '/ws/toy.chip.yaml', memoryHost({}), {});
  const r = analysis.result!;
  const report = buildReport(analysis);
  const design = report.design!;
  // The toy has no SRAM: no level, bandwidth or byte share of one anywhere.
  assert.deepEqual(
    design.memoryLevels.levels.map((l) => [l.id, l.label, l.main]),
    [
      ['memory', 'Memory', true],
      ['host_ddr', 'Host DDR', false],
    ],
  );
  assert.deepEqual(
    design.chip.filter((m) => m.unit === 'B/s').map((m) => [m.id, m.label]),
    [
      ['chip.memoryBandwidthBytesPerSecond', 'Memory bandwidth'],
      ['chip.memoryLevels.host_ddr.bandwidthBytesPerSecond', 'Host DDR bandwidth'],
      // One chip with no link stated: no "Link bandwidth 1 B/s".
    ],
  );
  const decode = r.phases.decode;
  const bytes = design.breakdowns.decode.bytesByLevel;
  assert.deepEqual(
    bytes.map((s) => s.key),
    ['memory', 'host_ddr'],
  );
  assert.equal(bytes.find((s) => s.key === 'host_ddr')!.value, decode.levelBytes[id('host_ddr')]);
  // What each level holds, and where the KV cache overflowed to.
  const host = design.memoryLevels.levels.find((l) => l.id === 'host_ddr')!;
  const share = r.memory.levels.find((l) => l.level === 'host_ddr')!.kvCacheShare;
  assert.equal(host.metrics.kvCacheShare.value, share);
  assert.match(
    design.memoryLevels.heldText,
    new RegExp(
      `^Memory: .+ weights \\+ .+ KV \\(\\d+%\\) · Host DDR: ${host.metrics.kvCache.text} KV \\(${host.metrics.kvCacheShare.text}\\)$`,
    ),
  );
  assert.equal(design.memoryLevels.overflowText, `KV ${host.metrics.kvCacheShare.text} in Host DDR`);
  // The surfaces print those texts.
  const card = headerModel(report).metrics.find((m) => m.id === 'memory.perChip.usedBytes')!;
  assert.match(card.detail!, new RegExp(`^of .+ · KV ${host.metrics.kvCacheShare.text} in Host DDR$`));
  assert.match(
    summaryTable(analysis, report),
    new RegExp(`Held per level +${design.memoryLevels.heldText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`),
  );
  const html = reportHtml({ analysis, fileLabel: 'toy.chip.yaml', generatedAt: new Date(0), charts: [], json: {} });
  assert.ok(
    html.includes(
      `<tr><td>Host DDR</td><td class="n">0 B</td><td class="n">${host.metrics.kvCache.text}</td><td class="n">${host.metrics.kvCacheShare.text}</td>`,
    ),
    'the HTML level table',
  );
  assert.ok(!/SRAM/.test(html));
});

test('a chip with no off-chip level stores the weights and then the KV cache in its on-chip levels, fastest first, and holds no copies', () => {
  const levels = orderLevels([level('sram', true, 100, 1000), level('l3', true, 400, 100)]);
  assert.equal(storageCapacityBytes({ memoryLevels: levels }), 500);
  const r = placeData({ memoryLevels: levels }, 80, 60);
  assert.deepEqual(r.weights, { sram: 1 });
  assert.deepEqual(r.kvCache, { sram: 20 / 60, l3: 40 / 60 });
  assert.deepEqual(r.placement, [
    { level: 'sram', weightsBytes: 80, kvCacheBytes: 20, activationWorkingSetBytes: 0 },
    { level: 'l3', weightsBytes: 0, kvCacheBytes: 40, activationWorkingSetBytes: 0 },
  ]);
});

// TOY with no off-chip memory: 500 MB of SRAM at 20 TB/s stores everything.
const SRAM_ONLY = TOY.replace(
  '  memory: { capacity: 500 MB, bandwidth: 1 TB/s, efficiency: 1 }\n',
  '  memory: { technology: none }\n  sram: { capacity: 500 MB, bandwidth: 20 TB/s }\n',
)
  .replace('batch: 64', 'batch: 1')
  .replace('prompt: 4096', 'prompt: 16');

test('memory: { technology: none }: the SRAM is the chip memory, stores weights and KV cache, and governs memory-bound decode', async () => {
  const r = await evaluate(SRAM_ONLY);
  assert.deepEqual(
    r.chip.memoryLevels.map((l) => [l.id, l.onChip, l.main]),
    [['sram', true, true]],
  );
  assert.equal(r.memory.perChip.capacityBytes, 500e6);
  assert.deepEqual(
    r.memory.levels.map((l) => [l.level, l.weightsShare, l.kvCacheShare]),
    [['sram', 1, 1]],
  );
  assert.equal(r.chip.memoryBandwidthBytesPerSecond, 20e12);
  const ffn = r.phases.decode.operators.find((op) => op.id === 'ffn_up')!;
  assert.equal(ffn.bottleneck, 'memory');
  assert.equal(ffn.governingKey, 'chip.sram.bandwidth');
  assert.ok(Math.abs(ffn.time.total - ffn.levelBytes[id('sram')]! / 20e12) / ffn.time.total < 1e-9);
  assert.ok(ffn.arithmeticIntensity > 0);
  // Halving the SRAM bandwidth slows decode; nothing reads an off-chip memory.
  const slower = await evaluate(SRAM_ONLY.replace('bandwidth: 20 TB/s', 'bandwidth: 10 TB/s'));
  assert.ok(slower.decode.msPerToken > r.decode.msPerToken * 1.5);
});

test('memory: { technology: none }: diagnostics at the keys it leaves unused, and when nothing can store the weights', async () => {
  const withCapacity = SRAM_ONLY.replace('memory: { technology: none }', 'memory: { technology: none, capacity: 80 GB }');
  const a = await analyzeConfig(withCapacity, '/ws/toy.chip.yaml', memoryHost({}), {});
  const unused = a.diagnostics.find((d) => d.code === 'memory-none-unused')!;
  assert.equal(unused.path, 'chip.memory.capacity');
  assert.equal(withCapacity.slice(unused.at!.range.start, unused.at!.range.end), '80 GB');
  assert.ok(a.result, 'a warning does not stop the evaluation');
  // Its hover says the same, not what the key would drive.
  const { whatItDrives } = await import('../../extension/logic/drivers');
  assert.match(whatItDrives('chip.memory.capacity', a.result!)!, /^Not used: `chip\.memory\.technology: none`.* its SRAM stores/);
  assert.match(whatItDrives('chip.sram.capacity', a.result!)!, /^Per chip: weights/);
  // The section's hover marks what it does not read, and says what stores the data instead.
  const { hoverMarkdown } = await import('../../extension/logic/hoverText');
  const { keyAt } = await import('../../extension/logic/yamlPath');
  const section = hoverMarkdown({
    location: keyAt(withCapacity, withCapacity.indexOf('memory:') + 1)!,
    analysis: a,
    file: '/ws/toy.chip.yaml',
    linkTo: (f, o) => `file://${f}#${o}`,
  })!;
  assert.match(section, /- `capacity` 80 GB — not used \(`chip\.memory\.technology: none`\)/);
  assert.match(section, /- `efficiency` [\d.]+ ?% — not used/);
  assert.match(section, /\*\*Now:\*\* No memory of its own \(`technology: none`\): its SRAM stores the weights and KV cache\./);
  // No measured row read its weights from on-chip memory: the ranges say so where this chip does.
  const beyond = a.diagnostics.find((d) => d.code === 'ranges-beyond-measured')!;
  assert.equal(beyond.path, 'chip.sram.capacity');
  assert.match(beyond.message, /^100% of the weights are read from on-chip memory \(SRAM\)/);
  const offChip = await analyzeConfig(TOY, '/ws/toy.chip.yaml', memoryHost({}), {});
  assert.ok(!offChip.diagnostics.some((d) => d.code === 'ranges-beyond-measured'));
  // Weights that do not fit in the SRAM have the capacity's error, not a note on where they are read from.
  const overfull = await analyzeConfig(
    'extends: jalapeno\nchip: { memory: { technology: none } }\nworkload: { model: llama-3-8b }\n',
    '/ws/full.chip.yaml',
    memoryHost({}),
    {},
  );
  assert.ok(
    overfull.diagnostics.some((d) => d.severity === 'error' && d.code === 'memory-capacity'),
    overfull.diagnostics.map((d) => d.code).join(),
  );
  assert.ok(!overfull.diagnostics.some((d) => d.code === 'ranges-beyond-measured'));

  const noSram = SRAM_ONLY.replace('  sram: { capacity: 500 MB, bandwidth: 20 TB/s }\n', '');
  const b = await analyzeConfig(noSram, '/ws/toy.chip.yaml', memoryHost({}), {});
  assert.equal(b.result, undefined);
  const none = b.diagnostics.find((d) => d.code === 'no-storage')!;
  assert.equal(none.severity, 'error');
  assert.match(none.message, /chip\.sram\.capacity/);
  // With no SRAM written, at the `none` that left nothing to store in (not at `chip:`).
  assert.equal(noSram.slice(none.at!.range.start, none.at!.range.end), 'none');

  // Weights past the SRAM: the capacity error names the on-chip memory.
  const small = SRAM_ONLY.replace('capacity: 500 MB', 'capacity: 10 MB');
  const c = await analyzeConfig(small, '/ws/toy.chip.yaml', memoryHost({}), {});
  const over = c.diagnostics.find((d) => d.code === 'memory-capacity')!;
  assert.match(over.message, /of on-chip memory \(SRAM\)/);
});

test('memory: { technology: none }: no memory interfaces, memory price or interposer on the die; the Groq TSP is within 15 % of its die', async () => {
  const text = readFileSync(join(__dirname, '../../examples/silicon/groq-tsp.chip.yaml'), 'utf8');
  const a = await analyzeConfig(text, '/ws/groq.chip.yaml', memoryHost({}), {});
  const s = a.result!.silicon!;
  assert.deepEqual(s.memory, { technology: 'none', stacks: 0, interfaces: 0 });
  assert.equal(s.components.find((c) => c.id === 'memoryInterface')?.mm2 ?? 0, 0);
  assert.equal(s.price!.memoryUsd, 0);
  assert.equal(s.price!.interposer, false);
  // ISCA 2020: "25x29 mm" = 725 mm² (docs/silicon.md, known dies).
  assert.ok(Math.abs(s.dieAreaMm2! / 725 - 1) < 0.15, String(s.dieAreaMm2));
  // The same die with 80 GB of HBM3 beside it gains its interfaces, memory and interposer.
  const hbm = text.replace(/^ {4}technology: none/m, '    technology: hbm3\n    capacity: 80 GB\n    bandwidth: 3.2 TB/s');
  const h = (await analyzeConfig(hbm, '/ws/groq.chip.yaml', memoryHost({}), {})).result!.silicon!;
  assert.ok(h.dieAreaMm2! > s.dieAreaMm2! + 30);
  assert.ok(h.price!.memoryUsd > 1000 && h.price!.interposer);
});

test('an on-chip level without its own efficiency delivers its whole bandwidth, as chip.sram does', async () => {
  const tiered = TOY.replace(
    '  energy: { memory: 0 pJ/B }\n',
    '  energy: { memory: 0 pJ/B }\n  memory_levels:\n    l3: { capacity: 100 MB, bandwidth: 20 TB/s, on_chip: true }\n',
  );
  const r = await evaluate(tiered);
  assert.equal(r.chip.memoryLevels.find((l) => l.id === 'l3')!.efficiency, 1);
});

test('memory: { technology: none } over a preset: keys it leaves unread neither change the die nor appear as the reason for a modelled price', async () => {
  const text =
    'extends: h100-sxm\nchip:\n  memory: { technology: none, capacity: 40 GB }\n  sram: { capacity: 256 MiB, bandwidth: 20 TB/s }\nsystem: { chips: 64, tensor_parallel: 8, pipeline_parallel: 8 }\nworkload: { model: llama-2-7b, batch: 1 }\n';
  const a = await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({}), {});
  const keys = a.design!.economics.modelledOverPreset!.keys;
  assert.ok(keys.includes('chip.memory.technology') && keys.includes('chip.sram.capacity'), keys.join());
  assert.ok(!keys.includes('chip.memory.capacity'), keys.join());
  assert.ok(a.diagnostics.some((d) => d.code === 'memory-none-unused' && d.path === 'chip.memory.capacity'));
});

test('report: an SRAM-only chip lists its SRAM under the level id, so a comparison pairs SRAM with SRAM, and says whose bandwidth use it reports', async () => {
  const { buildReport } = await import('../../model/report/build');
  const { summaryTable } = await import('../../cli/table');
  const text = SRAM_ONLY + 'compare: h100-sxm\n';
  const analysis = await analyzeConfig(text, '/ws/toy.chip.yaml', memoryHost({ '/ws/toy.chip.yaml': text }), {});
  const report = buildReport(analysis);
  const bandwidths = (chip: { id: string; unit: string }[]) => chip.filter((m) => m.unit === 'B/s').map((m) => m.id);
  assert.deepEqual(bandwidths(report.design!.chip), ['chip.memoryLevels.sram.bandwidthBytesPerSecond']);
  assert.deepEqual(bandwidths(report.baseline!.report.chip), [
    'chip.memoryBandwidthBytesPerSecond',
    'chip.memoryLevels.sram.bandwidthBytesPerSecond',
    'chip.linkBandwidthBytesPerSecond',
  ]);
  const table = summaryTable(analysis, report);
  assert.match(table, /Memory bandwidth used in decode +[\d.]+% \(of the SRAM: no off-chip memory\)/);
  assert.doesNotMatch(table, /memory \d+% of its bandwidth/);
});

test('a memory technology on an on-chip level is said not to be used (the level is SRAM on the die)', async () => {
  const file = '/ws/oc.chip.yaml';
  const text = (technology: string) =>
    `extends: jalapeno\nchip:\n  memory_levels:\n    l3: { on_chip: true,${technology} capacity: 64 MiB, bandwidth: 20 TB/s }\nworkload:\n  model: llama-2-7b\n`;
  const a = await analyzeConfig(text(' technology: hbm3,'), file, memoryHost({ [file]: text(' technology: hbm3,') }), {});
  const d = a.diagnostics.find((x) => x.code === 'technology-on-chip')!;
  assert.equal(d.path, 'chip.memory_levels.l3.technology');
  assert.equal(text(' technology: hbm3,').slice(d.at!.range.start, d.at!.range.end), 'hbm3');
  const plain = await analyzeConfig(text(''), file, memoryHost({ [file]: text('') }), {});
  assert.ok(!plain.diagnostics.some((x) => x.code === 'technology-on-chip'));
});

test('an on-chip memory level of a scratchpad chip spills as `chip.sram` does (sram_kind covers both)', async () => {
  const workload =
    'workload: { model: llama-3-70b, precision: { weights: int8, activations: int8, kv_cache: int8 }, batch: 16, prompt: 8192, output: 16 }\nsystem: { chips: 8, tensor_parallel: 8 }\n';
  const at = async (chip: string) => {
    const text = `extends: jalapeno\nchip: ${chip}\n${workload}`;
    return (await analyzeConfig(text, '/ws/a.chip.yaml', memoryHost({ '/ws/a.chip.yaml': text }), {})).result!;
  };
  const sram = await at('{ sram: { capacity: 64 MiB } }');
  const level = await at('{ sram: { capacity: 0 B }, memory_levels: { vmem: { on_chip: true, capacity: 64 MiB, bandwidth: 9.8 TB/s } } }');
  // The prefill's activations pass 64 MiB: both keep what fits on chip (it read 0.65 MB on the level, all else in HBM).
  const bytesAt = (r: EvaluationResult, level: string) => r.phases.prefill.levelBytes[id(level)]!;
  assert.ok(bytesAt(sram, 'sram') > 1e10);
  assert.equal(bytesAt(level, 'vmem'), bytesAt(sram, 'sram'));
  assert.equal(level.prefill.ms, sram.prefill.ms);
});
