// `explore`, `merge` and `search` on the built dist/cli.js (contract §4.3), worker threads included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PointJson } from '../../model/explore/results';
import { scratchDir } from './helpers/scratchDir';

const CLI = join(__dirname, '../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: join(__dirname, '../..') });
/** A config written to a fresh temporary folder, one line per item: its path. */
function scratchConfig(name: string, lines: string[]): string {
  const file = join(scratchDir('jalapeno-explore'), name);
  writeFileSync(file, lines.join('\n'));
  return file;
}
const VARY = [
  '--vary',
  'workload.batch=1..512:10log',
  '--vary',
  'chip.memory.bandwidth=3 TB/s,6 TB/s',
  '--vary',
  'system.chips=4,8',
  '--vary',
  'system.tensor_parallel=4,8',
];

test('explore --json: one point per combination with values, ok, feasible, metrics, pareto; evaluated and seconds', () => {
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    ...VARY,
    '--objective',
    'decode.msPerToken:min',
    '--objective',
    'throughput.perChip:max',
    '--constraint',
    'prefill.ms<=3000',
    '--json',
    '--threads',
    '2',
  );
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout);
  assert.equal(j.points.length, 10 * 2 * 2 * 2);
  assert.equal(j.evaluated, 80);
  assert.equal(typeof j.seconds, 'number');
  const first = j.points[0];
  assert.deepEqual(Object.keys(first.values), ['workload.batch', 'chip.memory.bandwidth', 'system.chips', 'system.tensor_parallel']);
  assert.equal(first.values['chip.memory.bandwidth'], '3 TB/s');
  for (const pt of j.points) {
    assert.equal(typeof pt.ok, 'boolean');
    assert.equal(typeof pt.pareto, 'boolean');
    if (pt.pareto) assert.ok(pt.feasible);
    // tensor_parallel x pipeline_parallel must equal chips: 4 chips with TP 8 is not a design.
    if (pt.values['system.chips'] === '4' && pt.values['system.tensor_parallel'] === '8') assert.equal(pt.ok, false);
    if (pt.ok) for (const m of ['decode.msPerToken', 'throughput.perChip', 'prefill.ms']) assert.equal(typeof pt.metrics[m], 'number');
    if (pt.ok && pt.metrics['prefill.ms'] > 3000) assert.equal(pt.feasible, false);
  }
  assert.ok(j.points.some((pt: { pareto: boolean }) => pt.pareto));
  assert.ok(j.points.some((pt: { ok: boolean; feasible: boolean }) => pt.ok && !pt.feasible));
});

test('--shard I/N outputs merge to the single run (same points, same front)', () => {
  const dir = scratchDir('jalapeno-explore');
  const single = run('explore', 'examples/jalapeno.chip.yaml', ...VARY, '--json');
  assert.equal(single.status, 0, single.stderr);
  const files = [1, 2, 3].map((i) => {
    const p = run('explore', 'examples/jalapeno.chip.yaml', ...VARY, '--json', '--shard', `${i}/3`);
    assert.equal(p.status, 0, p.stderr);
    const f = join(dir, `shard-${i}.json`);
    writeFileSync(f, p.stdout);
    return f;
  });
  const merged = run('merge', ...files, '--json');
  assert.equal(merged.status, 0, merged.stderr);
  const strip = (j: { points: { index: number; feasible: boolean; pareto: boolean; metrics: object }[] }) =>
    j.points.map((p) => [p.index, p.feasible, p.pareto, p.metrics]);
  assert.deepEqual(strip(JSON.parse(merged.stdout)), strip(JSON.parse(single.stdout)));
  // As text, the same front table in the same order, and the notes a single run makes of its
  // points' values (a review: merge printed no notes and listed the front by index).
  const table = (stdout: string) => stdout.slice(stdout.indexOf('\n\n'));
  const notesOfValues = (stderr: string) =>
    stderr.split('\n').filter((l) => /^note: .*(behind it by less|by less than 0\.1 %|changes nothing)/.test(l));
  const singleText = run('explore', 'examples/jalapeno.chip.yaml', ...VARY);
  const mergedText = run('merge', ...files);
  assert.equal(table(mergedText.stdout), table(singleText.stdout));
  assert.ok(notesOfValues(singleText.stderr).length > 0, singleText.stderr);
  assert.deepEqual(notesOfValues(mergedText.stderr), notesOfValues(singleText.stderr));
  const partial = run('merge', files[0]!, files[2]!, '--json');
  assert.equal(partial.status, 1);
  assert.match(partial.stderr, /no shard covers points/);
});

test('explore --csv has a header with the varied keys and the metrics', () => {
  const p = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2,4', '--csv', '--threads', '0');
  assert.equal(p.status, 0, p.stderr);
  const lines = p.stdout.trim().split('\n');
  assert.equal(
    lines[0],
    'index,workload.batch,ok,feasible,pareto,decode.msPerToken,cost.usdPerMillionOutputTokens,infeasible,not_evaluable,valid',
  );
  assert.equal(lines.length, 4);
  assert.ok(lines.slice(1).every((l) => l.endsWith(',true')));
});

test('the front table marks the points on it by less than 0.1 %, and says what the mark means', () => {
  // A new user read 8 TB/s at $53.5 beside 3 TB/s at $27.8, both 18.5 ms, as a front the tool meant.
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'workload.batch=1',
    '--vary',
    'chip.memory.bandwidth=3 TB/s,8 TB/s',
    '--threads',
    '0',
  );
  assert.equal(p.status, 0, p.stderr);
  const rows = p.stdout.split('\n').filter((l) => /TB\/s/.test(l));
  assert.equal(rows.length, 2, p.stdout);
  assert.match(
    rows.find((l) => l.includes('8 TB/s'))!,
    /^≈ /,
    'the dearer, as fast within 0.1 %',
  );
  assert.match(
    rows.find((l) => l.includes('3 TB/s'))!,
    /^ {3}1 /,
    'the cheaper is not marked',
  );
  assert.match(p.stdout, /^≈ on the front by less than 0\.1 %/m);
  assert.match(p.stderr, /1 of the 2 front points is on it by less than 0\.1 %/);
});

test("varying stacks or a technology where the file writes the bandwidth says every point runs at it; a preset's does not", () => {
  // An architect's review: HBM3 in 8 stacks ran at a GDDR design's written 512 GB/s, and the front took the fewest stacks.
  const file = scratchConfig('gddr.chip.yaml', [
    'chip:',
    '  process: 5 nm',
    '  clock: 1.5 GHz',
    '  tdp: 400 W',
    '  matrix: { units: 16, array: 128x128, macs_per_cycle: { int8: 1, bf16: 0.25 } }',
    '  vector: { peak: 10 TFLOPS }',
    '  memory: { technology: gddr6, capacity: 32 GB, bandwidth: 512 GB/s }',
    'workload: { model: llama-3-8b, precision: { weights: int8, activations: int8, kv_cache: int8 } }',
  ]);
  const p = run('explore', file, '--vary', 'chip.memory.technology=gddr6,hbm3', '--vary', 'chip.memory.stacks=4,8', '--threads', '0');
  assert.equal(p.status, 0, p.stderr);
  assert.match(
    p.stderr,
    /note: chip\.memory\.stacks and chip\.memory\.technology change no point's memory bandwidth or capacity: the file writes `chip\.memory\.bandwidth` \(512 GB\/s\) and `chip\.memory\.capacity` \(32 GB\), which every point uses as written, so they move the die, the package and the price only/,
  );
  // Varied with them, the bandwidth is not held: only the capacity is said.
  const q = run('explore', file, '--vary', 'chip.memory.stacks=16,24', '--vary', 'chip.memory.bandwidth=512 GB/s,1 TB/s', '--threads', '0');
  assert.match(
    q.stderr,
    /note: chip\.memory\.stacks changes no point's memory capacity: the file writes `chip\.memory\.capacity` \(32 GB\)/,
  );
  // Only the capacity written: the stacks still set the bandwidth, and the note says so, not "the price only" (a code review).
  const capacityOnly = scratchConfig('capacity.chip.yaml', [
    'extends: jalapeno',
    'chip: { memory: { capacity: 64 GB } }',
    'workload: { model: llama-3-8b }',
  ]);
  const c = run('explore', capacityOnly, '--root', join(__dirname, '../..'), '--vary', 'chip.memory.stacks=4,6,8', '--threads', '0');
  assert.match(c.stderr, /changes no point's memory capacity: .*, and it sets the bandwidth, the die and the price\./);
  assert.doesNotMatch(c.stderr, /price only/);
  // Written figures that need more stacks than any value gives: each point is built with those, and
  // the note says how to let the values count (an architect's review found the fix in the docs only).
  const raised = scratchConfig('raised.chip.yaml', [
    'extends: jalapeno',
    'chip: { memory: { technology: hbm3e, stacks: 8, bandwidth: 9.8 TB/s, capacity: 288 GB } }',
    'workload: { model: llama-3-8b }',
  ]);
  const r = run('explore', raised, '--root', join(__dirname, '../..'), '--vary', 'chip.memory.stacks=4,6,8', '--threads', '0');
  assert.match(
    r.stderr,
    /note: chip\.memory\.stacks changes nothing here: the file writes `chip\.memory\.bandwidth` \(9\.8 TB\/s\) and `chip\.memory\.capacity` \(288 GB\), and every point is built with the stacks they need .*`--set chip\.memory\.bandwidth=null --set chip\.memory\.capacity=null` on the command line/,
  );
  // The reference writes no bandwidth of its own (its preset's follows the stacks): nothing to say.
  const ref = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'chip.memory.stacks=4,6', '--threads', '0');
  assert.doesNotMatch(ref.stderr, /changes? no point's memory/);
  // Nor where the stacks are varied first, so that the first 64 points share one count (a new user's review).
  const slowest = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'chip.memory.stacks=2,8',
    '--vary',
    'chip.matrix.units=16,32',
    '--vary',
    'workload.batch=1..32:32',
    '--threads',
    '0',
  );
  assert.equal(slowest.status, 0, slowest.stderr);
  assert.doesNotMatch(slowest.stderr, /changes? no point's memory/);
});

test('a likely typo in the file marks explore, merge and search not valid in every form, as eval marks its result', () => {
  // An architect's review: `sarm:` for `sram:` was said on stderr, and every point read feasible and on the front.
  const file = scratchConfig('typo.chip.yaml', [
    'extends: jalapeno',
    'chip: { sarm: { capacity: 64 MiB } }',
    'workload: { model: llama-2-7b }',
  ]);
  const root = ['--root', join(__dirname, '../..')];
  const explore = (...more: string[]) => run('explore', file, ...root, '--vary', 'workload.batch=1,2,3', '--threads', '0', ...more);
  const json = explore('--json');
  assert.equal(json.status, 0, json.stderr);
  assert.match(json.stderr, /sarm.*every result is marked not valid/);
  assert.equal(JSON.parse(json.stdout).valid, false);
  const csv = explore('--csv').stdout.trim().split('\n');
  assert.ok(csv[0]!.endsWith(',valid') && csv.slice(1).every((l) => l.endsWith(',false')), csv.join('\n'));
  assert.match(explore().stdout, /^NOT VALID: every point is of a design other than the one written/);
  // Shards keep it through a merge.
  const dir = scratchDir('jalapeno-explore');
  const shards = [1, 2].map((i) => {
    const f = join(dir, `typo-${i}.json`);
    writeFileSync(f, explore('--json', '--shard', `${i}/2`).stdout);
    return f;
  });
  assert.equal(JSON.parse(run('merge', ...shards, '--json').stdout).valid, false);
  assert.ok(
    run('merge', ...shards, '--csv')
      .stdout.trim()
      .split('\n')
      .slice(1)
      .every((l) => l.endsWith(',false')),
  );
  assert.match(run('merge', ...shards).stdout, /^NOT VALID: .*\n3 points from 2 shards/);
  const search = run('search', file, ...root, '--max-chips', '1', '--max-batch', '4', '--json');
  assert.equal(JSON.parse(search.stdout).valid, false, search.stderr);
  // The file as written: valid.
  const clean = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2', '--threads', '0', '--json');
  assert.equal(JSON.parse(clean.stdout).valid, true);
});

test('a package beyond the largest interposer is not feasible (eval warns of it; a front does not hold it)', () => {
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'chip.memory.bandwidth=3.28 TB/s,20 TB/s',
    '--set',
    'chip.silicon.chiplets=4',
    '--json',
    '--threads',
    '0',
  );
  assert.equal(p.status, 0, p.stderr);
  const [small, large] = JSON.parse(p.stdout).points as { ok: boolean; feasible: boolean; infeasible?: string[] }[];
  assert.ok(small!.ok && small!.feasible);
  // 24 HBM3 stacks beside four dies: a 5,540 mm² interposer, past TSMC's 5.5 reticles.
  assert.ok(large!.ok && !large!.feasible);
  assert.deepEqual(large!.infeasible, ['package']);
  assert.doesNotMatch(p.stderr, /beyond-interposer/, 'a feasibility reason is not said again as a warning');
  const e = run(
    'eval',
    'examples/jalapeno.chip.yaml',
    '--set',
    'chip.memory.bandwidth=20 TB/s',
    '--set',
    'chip.silicon.chiplets=4',
    '--json',
  );
  assert.ok((JSON.parse(e.stdout).diagnostics as { code: string }[]).some((d) => d.code === 'beyond-interposer'));
});

test('usage errors exit 2 with the reason', () => {
  for (const [args, reason] of [
    [['explore', 'examples/jalapeno.chip.yaml'], /--vary/],
    [['explore', 'examples/jalapeno.chip.yaml', '--vary', 'chip.memory.bandwith=1 TB/s'], /not a key/],
    [['explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1..8'], /needs sampling/],
    [['explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2', '--shard', '3/2'], /--shard/],
    [['explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2', '--constraint', 'decode.msPerToken=2'], /METRIC<=VALUE/],
    [['merge', 'examples/jalapeno.chip.yaml'], /explore JSON/],
  ] as const) {
    const p = run(...args);
    assert.equal(p.status, 2, `${args.join(' ')}: ${p.stderr}`);
    assert.match(p.stderr, reason);
  }
});

test('a varied key with no valid value exits 1, on every shard and sample alike (one invalid value among valid ones does not)', () => {
  const none = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=0,-1');
  assert.equal(none.status, 1, none.stderr);
  assert.match(none.stderr, /no value of --vary workload\.batch is valid/);
  for (const shard of ['1/2', '2/2']) {
    const p = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=0,-1', '--shard', shard, '--json');
    assert.equal(p.status, 1, `${shard}: ${p.stderr}`);
  }
  const some = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=0,4');
  assert.equal(some.status, 0, some.stderr);
  assert.match(some.stderr, /workload\.batch=0: `batch` must be at least 1/);
  // A sample that happens to draw only invalid values is still a valid space: the seed does not decide.
  for (const seed of ['1', '2']) {
    const p = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=0,-1,-2,-3,4', '--samples', '1', '--seed', seed);
    assert.equal(p.status, 0, `seed ${seed}: ${p.stderr}`);
  }
});

test('an unknown metric is an error that lists what can be measured', () => {
  const p = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2', '--objective', 'decode.msPerTok');
  assert.equal(p.status, 2);
  assert.match(p.stderr, /decode\.msPerToken/);
});

test('search: cheapest layout and batch within the TPOT and TTFT limits', () => {
  const p = run(
    'search',
    'examples/jalapeno.chip.yaml',
    '--constraint',
    'decode.msPerToken<=20',
    '--constraint',
    'prefill.ms<=2000',
    '--max-chips',
    '16',
    '--max-batch',
    '128',
    '--json',
  );
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout);
  assert.ok(j.best.feasible);
  assert.ok(j.best.metrics['decode.msPerToken'] <= 20 && j.best.metrics['prefill.ms'] <= 2000);
  assert.equal(
    Number(j.best.values['system.chips']),
    Number(j.best.values['system.tensor_parallel']) * Number(j.best.values['system.pipeline_parallel']),
  );
});

test("search without --constraint holds the file's serving.slo, and says so; without either it names the best's time to first token", () => {
  const small = ['--max-chips', '8', '--max-batch', '128', '--json'];
  const slo = run('search', 'examples/jalapeno-fleet.chip.yaml', ...small);
  assert.equal(slo.status, 0, slo.stderr);
  // The fleet example states `slo: { ttft: 1 s, tpot: 50 ms }`: the best meets both.
  const best = JSON.parse(slo.stdout).best;
  assert.ok(best.metrics['prefill.ms'] <= 1000 && best.metrics['decode.msPerToken'] <= 50, JSON.stringify(best.metrics));
  assert.match(
    slo.stderr,
    // The fleet example sizes a fleet: the simulated objective named is the fleet's cost.
    /constraints from serving\.slo, the file's latency targets: prefill\.ms<=1000, decode\.msPerToken<=50, on the static batch .*--objective fleet\.usdPerMillionOutputTokens:min simulates the traffic .*--constraint replaces these/,
  );
  // Written constraints replace the SLO's.
  const loose = run('search', 'examples/jalapeno-fleet.chip.yaml', ...small, '--constraint', 'decode.msPerToken<=1000');
  assert.ok(JSON.parse(loose.stdout).best.metrics['prefill.ms'] > 1000);
  // ... and say which of the file's targets they leave out, and what the best does against it (a review: 17.5 s beside a 1 s TTFT).
  assert.match(
    loose.stderr,
    /note: serving\.slo in the file gives prefill\.ms<=1000, not applied: --constraint replaces the file's targets; the best design misses prefill\.ms \([\d.]+ s\); add them as --constraint to keep them/,
  );
  assert.doesNotMatch(loose.stderr, /constraints from serving\.slo/);
  // No SLO, no constraint: the unconstrained best is said, with its time to first token.
  const none = run('search', 'examples/jalapeno.chip.yaml', ...small);
  const ttft = JSON.parse(none.stdout).best.metrics['prefill.ms'];
  assert.ok(ttft > 2000, String(ttft));
  assert.match(
    none.stderr,
    /no latency target \(no --constraint, no serving\.slo in the file\): the best design's time to first token is [\d.]+ s/,
  );
});
test("one NRE over several process nodes is said: a node's NRE is its own", () => {
  const args = [
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'chip.process=7 nm,3 nm',
    '--threads',
    '0',
    '--set',
    'cost.silicon.margin=0',
  ];
  const withNre = run(...args, '--set', 'cost.silicon.nre=300 MUSD');
  assert.equal(withNre.status, 0, withNre.stderr);
  assert.match(withNre.stderr, /note: chip\.process is varied with one `cost\.silicon\.nre` for every node/);
  assert.doesNotMatch(run(...args).stderr, /with one `cost\.silicon\.nre`/, 'no NRE, nothing to say');
});

test('past the first 1,000 points with a warning, a note counts the points checked and names the total', () => {
  // Its wordings read as garbled, as a share of the grid and twice as hard to read (reviews).
  const p = run(
    'search',
    'examples/jalapeno.chip.yaml',
    '--constraint',
    'decode.msPerToken<=20',
    '--max-chips',
    '64',
    '--max-batch',
    '512',
  );
  assert.equal(p.status, 0, p.stderr);
  const note = /^note: ([\d,]+) of the 1,000 checked \(of ([\d,]+) points with a warning\) \[uneven-stages\], e\.g\. /m.exec(
    p.stdout + p.stderr,
  );
  assert.ok(note, p.stdout + p.stderr);
  const [checked, total] = [note[1]!, note[2]!].map((x) => Number(x.replace(/,/g, '')));
  assert.ok(checked <= 1000 && total > 1000, `${checked} of 1,000 checked, ${total} in all`);
});

test('search keeps tensor parallelism within the link domain, says so, and says it when nothing is feasible', () => {
  const args = [
    'search',
    'examples/h100-baseline.chip.yaml',
    '--constraint',
    'decode.msPerToken<=20',
    '--max-chips',
    '32',
    '--max-batch',
    '8',
  ];
  // Within 8 GPUs no layout decodes in 20 ms on the eager generic runtime: none is feasible.
  const p = run(...args, '--json');
  assert.equal(JSON.parse(p.stdout).best, null);
  assert.match(p.stderr, /tensor_parallel is kept within the 8 chips the link reaches \(chip\.link\.domain\)/);
  const table = run(...args);
  assert.match(
    table.stdout,
    /No feasible design: .*\(tensor_parallel kept within the link domain of 8 chips; if the link reaches more, raise chip\.link\.domain\)/,
  );
  // A larger domain, stated: the wider layouts are searched.
  const wide = JSON.parse(run(...args, '--set', 'chip.link.domain=32', '--json').stdout);
  assert.ok(wide.best?.feasible && Number(wide.best.values['system.tensor_parallel']) > 8, JSON.stringify(wide.best));
});

test('search with nothing feasible names the closest point and the constraints it misses', () => {
  const p = run(
    'search',
    'examples/jalapeno.chip.yaml',
    '--constraint',
    'decode.msPerToken@high<=10 ms',
    '--max-chips',
    '16',
    '--max-batch',
    '32',
  );
  assert.equal(p.status, 1, p.stderr);
  assert.match(p.stdout, /No feasible design/);
  assert.match(p.stdout, /Closest: system\.chips=\d+.*where decode\.msPerToken@high = [\d.]+ ms against <= 10 ms\./);
});

test("the config's explore: section is the space when no --vary is given; its mistakes are diagnostics on their lines", () => {
  const file = scratchConfig('space.chip.yaml', [
    'extends: jalapeno',
    'system: { chips: 8, tensor_parallel: 8 }',
    'workload: { model: llama-3-70b, precision: { weights: int8, activations: int8, kv_cache: int8 }, batch: 16 }',
    'explore:',
    '  vary:',
    '    workload.batch: 1..64:7log',
    '    chip.fixed_function: [[qkv_projection], []]',
    '  objectives: [decode.msPerToken:min, energy.joulesPerOutputToken]',
    '  constraints: ["prefill.ms<=3000"]',
    '',
  ]);
  const p = run('explore', file, '--json');
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout);
  assert.equal(j.points.length, 14);
  assert.deepEqual(j.objectives, ['decode.msPerToken:min', 'energy.joulesPerOutputToken:min']);
  assert.deepEqual(j.constraints, ['prefill.ms<=3000']);
  assert.deepEqual(j.points.map((pt: { values: Record<string, string> }) => pt.values['chip.fixed_function']).slice(0, 2), [
    '[qkv_projection]',
    '[]',
  ]);
  // --vary replaces the section's keys.
  const q = JSON.parse(run('explore', file, '--json', '--vary', 'workload.batch=1,2').stdout);
  assert.equal(q.points.length, 2);

  const bad = scratchConfig('bad.chip.yaml', [
    'extends: jalapeno',
    'workload: { model: llama-3-8b }',
    'explore:',
    '  vary:',
    '    workload.bach: [1, 2]',
    '    chip.clock: 1 GHz..2 GB',
    '  objectives: [decode.ms:mid]',
    '',
  ]);
  const e = run('eval', bad, '--json');
  const found = JSON.parse(e.stdout).diagnostics.map((d: { path: string; line: number }) => `${d.path}@${d.line}`);
  for (const expected of ['explore.vary.workload.bach@5', 'explore.vary.chip.clock@6', 'explore.objectives.0@7'])
    assert.ok(found.includes(expected), `${expected} in ${found}`);
});

test('--samples N draws N points (Latin hypercube by default), the same for the same seed', () => {
  const args = [
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'workload.batch=1..256',
    '--vary',
    'chip.memory.bandwidth=2 TB/s..8 TB/s:log',
    '--samples',
    '40',
    '--json',
    '--threads',
    '0',
  ];
  const a = JSON.parse(run(...args).stdout);
  const b = JSON.parse(run(...args).stdout);
  const c = JSON.parse(run(...args, '--seed', '9').stdout);
  assert.equal(a.points.length, 40);
  assert.deepEqual(a.space.sampling, { kind: 'lhs', samples: 40, seed: 1 });
  assert.deepEqual(
    a.points.map((p: { values: object }) => p.values),
    b.points.map((p: { values: object }) => p.values),
  );
  assert.notDeepEqual(
    a.points.map((p: { values: object }) => p.values),
    c.points.map((p: { values: object }) => p.values),
  );
  assert.equal(new Set(a.points.map((p: { values: Record<string, string> }) => p.values['chip.memory.bandwidth'])).size, 40);
});

test('points that cannot be evaluated are said to be, grouped by the code of why, with an example, on stderr (stdout stays the results)', () => {
  // TP 3 over 8 chips leaves TP x PP != chips: 5 of the 10 points cannot be built.
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'workload.batch=1..16:5log',
    '--vary',
    'system.tensor_parallel=8,3',
    '--json',
  );
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout);
  assert.equal(j.points.filter((x: { ok: boolean }) => !x.ok).length, 5);
  assert.match(
    p.stderr,
    /note: 5 points not evaluable \[parallelism-mismatch\], e\.g\. workload\.batch=1, system\.tensor_parallel=3: tensor_parallel/,
  );
  // Chips varied alone against the file's tensor_parallel: the note says what to do about the grid.
  const chips = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'system.chips=4,8', '--threads', '1');
  assert.equal(chips.status, 0, chips.stderr);
  assert.match(
    chips.stderr,
    /Varying `system\.chips` alone keeps `tensor_parallel` and `pipeline_parallel` as the file or its preset sets them/,
  );
  assert.doesNotMatch(chips.stderr, /If you counted cores/);
  // One cause whose message carries each point's own numbers is still one line.
  const v = run(
    'explore',
    'examples/silicon/v100.chip.yaml',
    '--vary',
    'chip.silicon.chiplets=1',
    '--vary',
    'chip.sram.capacity=6 MiB,12 MiB,96 MiB,192 MiB',
  );
  assert.equal(v.status, 0, v.stderr);
  // 6 and 12 MiB are past the reticle at the modelled area but within it at the low end of the
  // area's range (GV100's own miss): evaluated, warned. 96 and 192 MiB are past it either way.
  const notes = v.stderr.split('\n').filter((l) => l.startsWith('note: '));
  // The third: the 12 MiB point, off the front by less than the model can tell two designs apart.
  assert.equal(notes.length, 3, v.stderr);
  assert.match(
    notes[2]!,
    /^note: 1 feasible point off the front is behind it by less than the model's error on a ratio of two configurations/,
  );
  assert.match(
    notes[0]!,
    /^note: 2 points not evaluable \[beyond-reticle\], e\.g\. chip\.silicon\.chiplets=1, chip\.sram\.capacity=96 MiB: As one die/,
  );
  assert.match(
    notes[1]!,
    /^note: 2 points with a warning \[beyond-reticle\], e\.g\. chip\.silicon\.chiplets=1, chip\.sram\.capacity=6 MiB/,
  );
  // --json and --csv say it per point: the code and message of each point that could not be evaluated.
  const space = ['examples/silicon/v100.chip.yaml', '--vary', 'chip.silicon.chiplets=1', '--vary', 'chip.sram.capacity=6 MiB,96 MiB'];
  const points = (JSON.parse(run('explore', ...space, '--json').stdout) as { points: PointJson[] }).points;
  assert.equal(points[0]!.notEvaluable, undefined);
  assert.equal(points[1]!.ok, false);
  assert.equal(points[1]!.notEvaluable?.code, 'beyond-reticle');
  assert.match(points[1]!.notEvaluable!.message, /^As one die it is 1,9\d\d mm²/);
  assert.match(
    run('explore', ...space, '--csv')
      .stdout.trim()
      .split('\n')[2]!,
    /,false,false,false,.*,beyond-reticle,true$/,
  );
});

test("warnings the varied values bring are said per code with an example; those of the file's own values are not", () => {
  // 2 stated HBM3 stacks cannot give a stated 3.28 TB/s: that point is the 4-stack die, and
  // without the note it reads as a design of its own with the same numbers as 4. (Over the
  // preset's bandwidth the stacks would set it: 2 stacks, half of it.)
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--set',
    'chip.memory.bandwidth=3.28 TB/s',
    '--vary',
    'chip.memory.stacks=2,4',
    '--vary',
    'workload.prompt=1024,9000',
  );
  assert.equal(p.status, 0, p.stderr);
  const notes = p.stderr.split('\n').filter((l) => l.startsWith('note: '));
  assert.equal(notes.length, 4, p.stderr);
  // The 2-stack point is the 4-stack die, its memory the 4 stacks' too: the same numbers, and said,
  // with why (the bandwidth --set writes) and not of the capacity, which the 4 stacks give.
  assert.match(notes.join('\n'), /^note: chip\.memory\.stacks: every value recorded the same .* varying it only repeats each point$/m);
  assert.match(
    notes.join('\n'),
    /^note: chip\.memory\.stacks changes nothing here: the file writes `chip\.memory\.bandwidth` \(3\.28 TB\/s\), and every point is built with the stacks it needs/m,
  );
  assert.doesNotMatch(notes.join('\n'), /writes .*`chip\.memory\.capacity`/);
  assert.match(
    notes.join('\n'),
    /^note: 2 points with a warning \[beyond-context\], e\.g\. chip\.memory\.stacks=2, workload\.prompt=9000: prompt \+ output/m,
  );
  assert.match(
    notes.join('\n'),
    /^note: 2 points with a warning \[memory-stacks\], e\.g\. chip\.memory\.stacks=2, workload\.prompt=1024: 2 hbm3 stacks give at most .* modelled with the 4 stacks/m,
  );
  // The reference's own warning (its all-reduces are latency-bound) is eval's to say, not each point's.
  const same = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=8,16');
  assert.equal(same.status, 0, same.stderr);
  assert.doesNotMatch(same.stderr, /note:/);
});

test('a design that throttles to its TDP is feasible at its derated clock, and said; one no clock brings under it is not', () => {
  const p = run('explore', 'examples/jalapeno.chip.yaml', '--set', 'workload.batch=64', '--vary', 'chip.tdp=45 W,60 W,300 W', '--json');
  assert.equal(p.status, 0, p.stderr);
  const points: PointJson[] = JSON.parse(p.stdout).points;
  const at = (tdp: string) => points.find((q) => q.values['chip.tdp'] === tdp)!;
  // 60 W derates prefill to 48 % of the clock: slower than at 300 W, and feasible.
  assert.ok(at('60 W').feasible && at('300 W').feasible, JSON.stringify(points));
  assert.ok(at('60 W').metrics['decode.msPerToken']! > at('300 W').metrics['decode.msPerToken']!);
  assert.match(
    p.stderr,
    /^note: 2 points with a warning \[power-over-tdp\], e\.g\. chip\.tdp=45 W: At the nominal clock prefill would draw/m,
  );
  // Under 1 W no clock down to 5 % fits: not feasible, for the TDP.
  const floor = run('explore', 'examples/jalapeno.chip.yaml', '--set', 'chip.idle_power=0.5 W', '--vary', 'chip.tdp=1 W,300 W', '--json');
  const low = (JSON.parse(floor.stdout).points as PointJson[]).find((q) => q.values['chip.tdp'] === '1 W')!;
  assert.equal(low.feasible, false, floor.stderr);
  assert.deepEqual(low.infeasible, ['tdp']);
});

test('a --vary value a unit prefix from real chips is warned of as --set warns of it, once, before its points are said', () => {
  const p = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'chip.memory.bandwidth=3 TB/s,3 PB/s', '--vary', 'workload.batch=8,16');
  assert.equal(p.status, 0, p.stderr);
  const slips = p.stderr.split('\n').filter((l) => l.includes('[unit-slip]'));
  assert.equal(slips.length, 1, p.stderr);
  assert.match(slips[0]!, /^warning chip\.memory\.bandwidth=3 PB\/s: .*Did you mean `3 TB\/s`\?/);
  // The values in range are not said.
  assert.doesNotMatch(p.stderr, /chip\.memory\.bandwidth=3 TB\/s:/);
});

test("the summary counts why evaluated designs are not feasible; a value from the file's explore: section is said to come from there, once", () => {
  const file = scratchConfig('why.chip.yaml', [
    'extends: jalapeno',
    'system: { chips: 8, tensor_parallel: 8 }',
    'workload: { model: llama-3-70b, precision: { weights: int8, activations: int8, kv_cache: int8 }, batch: 16 }',
    'explore:',
    '  vary:',
    '    chip.memory.capacity: [4 GB, 96 GB]',
    '    chip.process: [7 nm, 2 nm]',
    '',
  ]);
  const p = run('explore', file);
  assert.equal(p.status, 0, p.stderr);
  // The first line is unchanged for scripts; the next says why the rest are not feasible, counted by reason.
  assert.match(p.stdout, /^4 of 4 points in [\d.]+ s \([\d,.]+ points\/s\): 2 evaluable, 1 feasible, 1 on the front\n/);
  assert.match(p.stdout, /\n1 not feasible: the weights and KV cache do not fit in memory \(1\)\n2 not evaluable \(the notes say why\)\n/);
  // `2 nm` came from the file's explore.vary, not a --vary flag, and its key is not said twice.
  assert.match(
    p.stderr,
    /^error chip\.process=2 nm: `2 nm` is not one of .*\(from explore\.vary\.chip\.process in the file\) \[bad-enum\]$/m,
  );
  const flagged = run('explore', file, '--vary', 'chip.process=7 nm,2 nm');
  assert.match(flagged.stderr, /\(from --vary chip\.process\) \[bad-enum\]/);
});

test('a cost objective on a chip with no price: every point is not feasible, and stderr says why', () => {
  // trn2: AWS publishes no price and no process node, so no price can be modelled either.
  const file = scratchConfig('unpriced.chip.yaml', [
    'extends: trn2',
    'workload: { model: llama-3-8b, precision: { weights: bf16, activations: bf16, kv_cache: bf16 }, batch: 8 }',
    '',
  ]);
  const p = run('explore', file, '--vary', 'chip.memory.bandwidth=1 TB/s,3 TB/s', '--objective', 'cost.usdPerMillionOutputTokens');
  assert.equal(p.status, 0, p.stderr);
  assert.match(p.stdout, /2 evaluable, 0 feasible/);
  assert.match(
    p.stderr,
    /warning: cost\.usdPerMillionOutputTokens: This chip has no price: `cost\.chip_price` is not given.* are not feasible/,
  );
  // A preset priced by its vendor whose die the varied key changes, and whose node is not
  // published: eval's reason (the price set aside), not "no price" of a chip that has one.
  const setAside = scratchConfig('v5e.chip.yaml', ['extends: tpu-v5e', 'workload: { model: llama-2-7b }', '']);
  const clock = run('explore', setAside, '--vary', 'chip.clock=1.5 GHz,1.6 GHz', '--objective', 'cost.usdPerMillionOutputTokens');
  assert.match(
    clock.stderr,
    /warning: cost\.usdPerMillionOutputTokens: The preset's `cost\.chip_price` \(\$5,000, `tpu-v5e`\) describes its own die, which this chip changes \(`chip\.clock`\), and the changed die cannot be priced without `chip\.process`/,
  );
  // Its silicon metrics exist, this chip just has none: said so, not "not a metric of the result".
  const silicon = run('explore', file, '--vary', 'chip.memory.bandwidth=1 TB/s,3 TB/s', '--objective', 'silicon.chipPriceUsd:min');
  assert.equal(silicon.status, 2);
  assert.match(silicon.stderr, /silicon\.chipPriceUsd: this chip has no price and no modelled die .* add `chip\.process`/);
  assert.doesNotMatch(silicon.stderr, /not a metric of the result/);
});

test('a metric named in the wrong section is suggested where it lives', () => {
  const p = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2', '--metric', 'chip.areaMm2');
  assert.equal(p.status, 2);
  assert.match(p.stderr, /chip\.areaMm2 is not a metric of the result; did you mean silicon\.dieAreaMm2/);
});

test('a modelled die area or price in the table is noted with the span of the area model’s errors; a given or scaled price is not', () => {
  const objectives = ['--objective', 'decode.msPerToken', '--objective', 'silicon.chipPriceUsd'];
  // TPU v4 has no given price: its price is modelled from its die at each node.
  const die = run(
    'explore',
    'examples/silicon/tpu-v4.chip.yaml',
    '--vary',
    'chip.process=12 nm,7 nm',
    ...objectives,
    '--metric',
    'silicon.dieAreaMm2',
  );
  assert.equal(die.status, 0, die.stderr);
  const note = die.stderr.split('\n').find((l) => l.startsWith('note: silicon.'));
  assert.ok(note, die.stderr);
  // One clause per node class, each naming its own dies: 12 nm the older class (GV100's +59 %), 7 nm the newer.
  assert.match(note, /^note: silicon\.chipPriceUsd, silicon\.dieAreaMm2 come from the modelled die, shown here without its range/);
  assert.match(note, /×0\.63 to ×1\.16 of the modelled one at 12 nm, .*GV100 12 nm \+59%/);
  assert.match(note, /×0\.93 to ×1\.09 of the modelled one at 7 nm, .*AD102 4 nm \+7\.2%/);
  // The area's factors are not the price's: it says so.
  assert.match(note, /silicon\.chipPriceUsd is priced from that die and moves less than its area/);
  // The H100's price is the preset's, given at its own die and scaled from it elsewhere (a ratio of two modelled dies): the area alone is noted.
  const scaled = run(
    'explore',
    'examples/h100-baseline.chip.yaml',
    '--vary',
    'chip.process=7 nm,4 nm',
    ...objectives,
    '--metric',
    'silicon.dieAreaMm2',
  );
  assert.match(scaled.stderr, /note: silicon\.dieAreaMm2 comes from the modelled die/);
  assert.doesNotMatch(scaled.stderr, /silicon\.chipPriceUsd[^\n]*modelled die/);
  const given = run('explore', 'examples/h100-baseline.chip.yaml', '--vary', 'workload.batch=1,8', ...objectives);
  assert.equal(given.status, 0, given.stderr);
  assert.doesNotMatch(given.stderr, /modelled die/);
});

test('a varied key that changes none of the recorded metrics is said, and one that changes them is not', () => {
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'workload.batch=8,16',
    '--vary',
    'chip.sram.capacity=128 MiB,256 MiB',
    '--objective',
    'silicon.dieAreaMm2',
  );
  assert.equal(p.status, 0, p.stderr);
  const inert = p.stderr.split('\n').filter((l) => /every value recorded the same/.test(l));
  assert.deepEqual(inert, [
    'note: workload.batch: every value recorded the same silicon.dieAreaMm2, which does not change with it here: varying it only repeats each point',
  ]);
});

test('a varied clock is said, in explore and in search: the model has no voltage-frequency curve', () => {
  for (const command of ['explore', 'search']) {
    const p = run(
      command,
      'examples/jalapeno.chip.yaml',
      '--vary',
      'chip.clock=1 GHz,2 GHz',
      ...(command === 'search' ? ['--max-chips', '2'] : []),
    );
    assert.equal(p.status, 0, p.stderr);
    assert.match(p.stderr, /^note: chip\.clock is varied, .*no voltage–frequency scaling/m, command);
  }
});

test('front points a split into chiplets would price lower are said, as eval says it of one design; varied chiplets weigh it themselves', () => {
  // At a node early in its ramp (0.2 defects /cm², LLMCompass's 5 nm figure): at today's 0.1, with
  // the SRAM cells repaired, no die of this space is cheaper split.
  const ramp = ['--set', 'cost.silicon.defect_density=0.2 /cm2'];
  const space = [...ramp, '--vary', 'chip.sram.capacity=256 MiB,512 MiB,1 GiB', '--vary', 'chip.matrix.units=32,64'];
  const p = run('explore', 'examples/jalapeno.chip.yaml', ...space);
  assert.equal(p.status, 0, p.stderr);
  const note = p.stderr.split('\n').find((l) => l.includes('would be priced lower built as more chiplets'));
  assert.ok(note, p.stderr);
  const [, point, split, chiplets, one] = /the most, (.*?), at (\$[\d,]+) as (\d+) chiplets against (\$[\d,]+) as one die/.exec(note)!;
  // The same split and prices as eval's `chiplets-cheaper` of that point.
  const sets = point!.split(', ').flatMap((kv) => ['--set', kv]);
  const evaluated = run('eval', 'examples/jalapeno.chip.yaml', ...ramp, ...sets, '--json');
  const info = JSON.parse(evaluated.stdout).diagnostics.find((d: { code: string }) => d.code === 'chiplets-cheaper');
  assert.ok(info, evaluated.stdout);
  assert.ok(info.message.startsWith(`Built as ${chiplets} chiplets, this chip would be priced at ${split} by the model`), info.message);
  assert.ok(info.message.includes(`below the one die's ${one}:`), info.message);
  // With the chiplets varied, the front weighs the split itself: nothing to say.
  const varied = run('explore', 'examples/jalapeno.chip.yaml', ...space, '--vary', 'chip.silicon.chiplets=1,2,4');
  assert.equal(varied.status, 0, varied.stderr);
  assert.doesNotMatch(varied.stderr, /priced lower built as more chiplets/);
  // Nor with no objective that reads the price.
  const unpriced = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    ...space,
    '--objective',
    'decode.msPerToken',
    '--objective',
    'energy.joulesPerOutputToken',
  );
  assert.doesNotMatch(unpriced.stderr, /priced lower built as more chiplets/);
});

test('an infeasible point names the constraints it fails, as written (an architect review)', () => {
  const p = run(
    'explore',
    'examples/jalapeno.chip.yaml',
    '--vary',
    'chip.matrix.units=8,32',
    '--constraint',
    'prefill.ms<=1000',
    '--constraint',
    'decode.msPerToken<=1000',
    '--json',
  );
  assert.equal(p.status, 0, p.stderr);
  const points = JSON.parse(p.stdout).points as { values: Record<string, string>; infeasible?: string[]; failedConstraints?: string[] }[];
  const few = points.find((x) => x.values['chip.matrix.units'] === '8')!;
  assert.deepEqual(few.infeasible, ['constraint']);
  assert.deepEqual(few.failedConstraints, ['prefill.ms<=1000']);
  assert.equal(points.find((x) => x.values['chip.matrix.units'] === '32')!.failedConstraints, undefined);
});
