// The CLI contract (contract.md §3): JSON fields, exit codes, --set, sweep, presets.
// Runs the built dist/cli.js, as scripts and CI will (npm test builds first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './helpers/scratchDir';

const CLI = join(__dirname, '../../dist/cli.js');
/** A config written to a file of its own in a fresh temporary folder. */
function tempConfig(name: string, text: string): { dir: string; file: string } {
  const dir = scratchDir('jalapeno-cli');
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: join(__dirname, '../..') });

test('dist/cli.js exists (npm run build)', () => assert.ok(existsSync(CLI)));

test('eval --json has every contract field and exits 0', () => {
  const p = run('eval', 'examples/jalapeno.chip.yaml', '--json');
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout);
  assert.equal(j.ok, true);
  assert.ok(Array.isArray(j.diagnostics));
  const r = j.result;
  for (const [section, fields] of Object.entries({
    prefill: ['ms'],
    decode: ['msPerToken', 'bottleneck'],
    response: ['ms'],
    throughput: ['outputTokensPerSecond', 'perChip'],
    utilization: ['memoryBandwidth', 'compute'],
    power: ['watts', 'throttled'],
    energy: ['joulesPerOutputToken'],
    cost: ['usdPerMillionOutputTokens', 'usdPerResponse'],
    memory: ['weightsBytes', 'kvCacheBytes', 'capacityBytes', 'fits'],
  })) {
    for (const f of fields) assert.ok(f in r[section], `result.${section}.${f}`);
  }
  assert.ok(['memory', 'compute', 'interconnect', 'overhead'].includes(r.decode.bottleneck));
  assert.ok(Math.abs(r.response.ms - (r.prefill.ms + 255 * r.decode.msPerToken)) < 1e-6);
  assert.equal(typeof j.baseline.name, 'string');
  for (const k of ['decodeSpeedup', 'prefillSpeedup', 'perfPerWatt', 'costPerResponse'])
    assert.equal(typeof j.baseline.ratios[k], 'number');
});

test('eval --json gives each ratio its range, verdict and words beside the contract number', () => {
  const p = run('eval', 'examples/jalapeno.chip.yaml', '--json');
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout);
  const text = run('eval', 'examples/jalapeno.chip.yaml').stdout;
  for (const id of ['decodeSpeedup', 'prefillSpeedup', 'perfPerWatt', 'costPerResponse']) {
    const c = j.baseline.comparison[id];
    assert.equal(c.value, j.baseline.ratios[id], id);
    const [low, high] = c.range;
    assert.ok(low <= c.value && c.value <= high, `${id}: ${low} <= ${c.value} <= ${high}`);
    assert.ok(['better', 'worse', 'even', 'uncertain'].includes(c.verdict), id);
    // A cost ratio's basis (the prices it compares) is the table's footnote.
    const inTable = c.basis ? c.wording.replace(`, ${c.basis})`, ')') : c.wording;
    assert.ok(text.includes(inTable), `${id}: the table says "${inTable}"`);
  }
  // The ranges the table prints for energy, perf/W and cost are in result.ranges too, each holding its value.
  for (const path of ['energy.joulesPerOutputToken', 'energy.perfPerWatt', 'cost.usdPerMillionOutputTokens', 'cost.usdPerResponse']) {
    const [low, high] = j.result.ranges[path];
    const value = path.split('.').reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, j.result) as unknown as number;
    assert.ok(low <= value && value <= high, `${path}: ${low} <= ${value} <= ${high}`);
  }
  // A ratio whose range straddles 1 is no win, whichever side of 1 its value is.
  const d = j.baseline.comparison.decodeSpeedup;
  assert.equal(d.verdict, d.range[0] < 1 && d.range[1] > 1 ? 'uncertain' : d.value > 1 ? 'better' : 'worse');
});

test('errors: exit 1, diagnostics with 1-based line and column, still JSON', () => {
  const { file } = tempConfig(
    'bad.chip.yaml',
    'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 4.8 GB\nworkload: { model: llama-2-7b }\n',
  );
  const p = run('eval', file, '--json');
  assert.equal(p.status, 1);
  const j = JSON.parse(p.stdout);
  assert.equal(j.ok, false);
  const d = j.diagnostics.find((x: { code: string }) => x.code === 'unit-dimension');
  assert.deepEqual([d.severity, d.path, d.line, d.column], ['error', 'chip.memory.bandwidth', 4, 16]);
});

test('every diagnostic has a line and column in FILE: one in an extended file keeps its own as file/fileLine, a --set one sits where FILE leads to it', () => {
  const dir = scratchDir('jalapeno-cli');
  writeFileSync(join(dir, 'base.chip.yaml'), 'chip:\n  clock: -1 GHz\n');
  const file = join(dir, 'top.chip.yaml');
  // FILE writes the same section: the diagnostic still sits on the `extends` line (3:10), not on FILE's `chip:`.
  writeFileSync(file, 'name: top\nchip: { tdp: 300 W }\nextends: ./base.chip.yaml\n');
  const j = JSON.parse(run('eval', file, '--json', '--root', dir).stdout);
  const clock = j.diagnostics.find((x: { code: string }) => x.code === 'out-of-range');
  assert.deepEqual([clock.line, clock.column, clock.fileLine, clock.fileColumn], [3, 10, 2, 10]);
  assert.match(clock.file, /base\.chip\.yaml$/);
  for (const d of j.diagnostics) assert.ok(Number.isInteger(d.line) && Number.isInteger(d.column), JSON.stringify(d));
  // A --set value FILE does not write: at the `extends` it would have come in by (line 5 of the example).
  const set = JSON.parse(run('eval', 'examples/jalapeno.chip.yaml', '--set', 'chip.memory.bandwidth=6', '--json').stdout);
  const unit = set.diagnostics.find((x: { code: string }) => x.code === 'unit-missing');
  assert.deepEqual([unit.line, unit.column, unit.file], [5, 10, undefined]);
});

test('an option of another command is a usage error, not ignored (eval --param … --values … ran one eval and exited 0)', () => {
  for (const args of [
    ['eval', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch', '--values', '1,2'],
    ['eval', 'examples/jalapeno.chip.yaml', '--csv'],
    ['presets', '--csv'],
    ['sweep', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch', '--values', '1', '--detail'],
  ]) {
    const p = run(...args);
    assert.equal(p.status, 2, args.join(' '));
    assert.match(p.stderr, new RegExp(`--(param|csv|detail) is not an option of ${args[0]}`));
  }
  // --root is every config command's.
  assert.equal(run('search', 'examples/jalapeno.chip.yaml', '--max-chips', '1', '--max-batch', '1', '--root', '.', '--json').status, 0);
  // A stray word is refused too: `presets extra` listed the presets as if it were not there, `eval` a second file.
  for (const args of [
    ['presets', 'extra'],
    ['eval', 'examples/jalapeno.chip.yaml', 'examples/h100-baseline.chip.yaml'],
  ]) {
    const p = run(...args);
    assert.equal(p.status, 2, args.join(' '));
    assert.match(p.stderr, /takes no argument \(got extra\)|unexpected argument examples\/h100/);
  }
});

test('a reference outside the guessed workspace folder says which folder it was and how to widen it', () => {
  const dir = scratchDir('jalapeno-cli');
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'b', 'base.chip.yaml'), 'extends: h100-sxm\nworkload: { model: llama-2-7b }\n');
  const file = join(dir, 'a', 'x.chip.yaml');
  writeFileSync(file, 'extends: ../b/base.chip.yaml\n');
  const outside = run('eval', file, '--json');
  assert.equal(outside.status, 1);
  assert.equal(JSON.parse(outside.stdout).diagnostics[0].code, 'path-outside-workspace');
  assert.match(outside.stderr, new RegExp(`workspace folder is ${join(dir, 'a')} .*pass --root DIR`));
  const widened = run('eval', file, '--json', '--root', dir);
  assert.equal(widened.status, 0, widened.stdout.slice(0, 500));
  assert.equal(widened.stderr, '');
});

test('--set overrides a key with the same parsing and diagnostics', () => {
  const a = JSON.parse(run('eval', 'examples/jalapeno.chip.yaml', '--json', '--set', 'workload.batch=32').stdout);
  const b = JSON.parse(run('eval', 'examples/jalapeno.chip.yaml', '--json').stdout);
  assert.ok(a.result.throughput.outputTokensPerSecond > b.result.throughput.outputTokensPerSecond);
  const bad = run('eval', 'examples/jalapeno.chip.yaml', '--json', '--set', 'chip.memory.bandwidth=6 GB');
  assert.equal(bad.status, 1);
  assert.ok(JSON.parse(bad.stdout).diagnostics.some((d: { code: string }) => d.code === 'unit-dimension'));
  // A percentage written without its sign says what the file would say, not "6000 %".
  const pct = JSON.parse(run('eval', 'examples/jalapeno.chip.yaml', '--json', '--set', 'cost.utilization=60').stdout);
  assert.ok(
    pct.diagnostics.some((d: { message: string }) => /Did you mean `60 %`\?/.test(d.message)),
    JSON.stringify(pct.diagnostics),
  );
});

test('usage errors and unreadable files exit 2', () => {
  assert.equal(run('eval').status, 2);
  assert.equal(run('eval', 'no/such.chip.yaml').status, 2);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch').status, 2);
  // A value left out (`1,,8`) is said, not skipped; two output formats are one too many.
  const gap = run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch', '--values', '1,,8');
  assert.equal(gap.status, 2);
  assert.match(gap.stderr, /has an empty value/);
  assert.equal(run('eval', 'examples/jalapeno.chip.yaml', '--json', '--csv').status, 2);
  // A misspelt --set key is the file's unknown-key warning (contract §3: the same diagnostics as
  // the file): exit 0, and the result marked not valid, never silently unchanged.
  const typo = run('eval', 'examples/jalapeno.chip.yaml', '--set', 'runtime.step_overheads=1 ms', '--json');
  assert.equal(typo.status, 0);
  const typoJson = JSON.parse(typo.stdout);
  assert.equal(typoJson.valid, false);
  assert.match(
    typoJson.diagnostics.find((d: { code: string }) => d.code === 'unknown-key').message,
    /did you mean `step_overhead`\?.*\(from --set runtime\.step_overheads\)/,
  );
  // A misspelt section in the middle is found too; a path with nothing near gets no guess.
  assert.match(run('eval', 'examples/jalapeno.chip.yaml', '--set', 'chip.memry.bandwidth=4 TB/s').stdout, /did you mean `memory`\?/);
  assert.doesNotMatch(run('eval', 'examples/jalapeno.chip.yaml', '--set', 'foo.bar=1').stdout, /did you mean/);
  // Any path the language does not have leaves the override unapplied: never a valid result that
  // is the design as written (an architect's review: `--set chip.memory.bw=6 TB/s` read valid).
  for (const set of ['foo.bar=1', 'chip.memory.bw=6 TB/s', 'chip.sram.size=1 GiB']) {
    const out = JSON.parse(run('eval', 'examples/jalapeno.chip.yaml', '--set', set, '--json').stdout);
    assert.equal(out.valid, false, set);
  }
  assert.match(run('eval', 'examples/jalapeno.chip.yaml', '--set', 'chip.sram.size=1 GiB').stdout, /did you mean `capacity`\?/);
  // An empty value would remove the key (as `null` does) and re-derive it silently.
  const empty = run('eval', 'examples/jalapeno.chip.yaml', '--set', 'cost.chip_price=');
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /--set cost\.chip_price= has no value: give one, or write cost\.chip_price=null/);
  assert.match(run('eval', 'examples/jalapeno.chip.yaml', '--set', ' =3').stderr, /--set takes PATH=VALUE/);
  // explore and search read --set the same way, and say the warning once before the points.
  const exploreTypo = run('explore', 'examples/jalapeno.chip.yaml', '--vary', 'workload.batch=1,2', '--set', 'chip.memry.bandwidth=4 TB/s');
  assert.equal(exploreTypo.status, 0);
  assert.match(exploreTypo.stderr, /^warning chip\.memry: Unknown key `memry` in `chip`; did you mean `memory`\?/m);
});

test('sweep prints CSV and JSON, one point per value', () => {
  const csv = run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch', '--values', '1,8,64', '--csv');
  assert.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^value,ok,decode_ms_per_token/);
  const json = JSON.parse(
    run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'chip.memory.bandwidth', '--values', '2 TB/s,4 TB/s', '--json').stdout,
  );
  assert.equal(json.points.length, 2);
  assert.ok(json.points[0].result.decode.msPerToken > json.points[1].result.decode.msPerToken);
  // A likely typo: as eval says it, ok (no error) but not valid, with the reason in every form
  // (a review: the CSV read ok=false with an empty errors column, the JSON ok=true and no more).
  const typo = [
    'sweep',
    'examples/jalapeno.chip.yaml',
    '--param',
    'workload.batch',
    '--values',
    '1,8',
    '--set',
    'chip.memry.bandwidth=4 TB/s',
  ];
  const [head, first] = run(...typo, '--csv')
    .stdout.trim()
    .split('\n');
  const cell = (name: string) => first!.split(',')[head!.split(',').indexOf(name)];
  assert.equal(cell('ok'), 'true');
  assert.equal(cell('valid'), 'false');
  assert.match(first!, /warning: Unknown key `memry` in `chip`/);
  const typoJson = JSON.parse(run(...typo, '--json').stdout);
  assert.deepEqual([typoJson.points[0].ok, typoJson.points[0].valid], [true, false]);
  assert.match(run(...typo).stdout, /^warning every row: Unknown key `memry`/m);
});

test('a text sweep of serving.rate shows the serving columns, which move with the rate', () => {
  const { file } = tempConfig(
    's.chip.yaml',
    'extends: h100-sxm\nworkload: { model: llama-3-8b, prompt: 512, output: 128 }\nserving:\n  rate: 1 /s\n  requests: 300\n  slo: { ttft: 400 ms, percentile: 90 }\n',
  );
  const p = run('sweep', file, '--param', 'serving.rate', '--values', '2 /s,8 /s');
  assert.equal(p.status, 0, p.stderr);
  assert.match(p.stderr, /note: the serving and fleet figures carry no 80 % ranges in a sweep/);
  const [head, ...rows] = p.stdout.trim().split('\n');
  for (const column of ['p99 TTFT under load', 'p99 TPOT under load', 'batch TTFT', 'served', 'SLO met', 'max rate at SLO'])
    assert.ok(head!.includes(column), head);
  assert.ok(!head!.includes('replicas'), 'no fleet columns without fleet:');
  const served = rows.map((r) => r.match(/([\d.]+) req\/s/)![1]);
  assert.notEqual(served[0], served[1], p.stdout);
  // The CSV marks a rate past saturation: its latency columns measure the run's length, not the design.
  const csv = run('sweep', file, '--param', 'serving.rate', '--values', '2 /s,1000 /s', '--csv');
  const [csvHead, ...csvRows] = csv.stdout.trim().split('\n');
  const at = csvHead!.split(',').indexOf('serving_overloaded');
  assert.deepEqual(
    csvRows.map((r) => r.split(',')[at]),
    ['false', 'true'],
    csv.stdout,
  );
});

test('a text sweep of a die key shows the die columns, which move with it; one of the workload does not', () => {
  const p = run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'chip.memory.bandwidth', '--values', '3.28 TB/s,6 TB/s');
  assert.equal(p.status, 0, p.stderr);
  const [head, first, second] = p.stdout.trim().split('\n');
  for (const column of ['die area', 'memory interfaces', 'chip price']) assert.ok(head!.includes(column), head);
  // 4 HBM3 stacks on 204 mm², then 8 on two dies of 154 mm²; each priced from its die.
  assert.match(first!, /204 mm²\s+4\s+\$14,000/);
  assert.match(second!, /307 mm² in 2 dies\s+8\s+\$/);
  const batch = run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch', '--values', '1,2');
  assert.ok(!batch.stdout.split('\n')[0]!.includes('die area'), 'the die does not move with the batch');
});

test('a text sweep with a compare design shows how the ratios against it move with the value', () => {
  const p = run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'workload.batch', '--values', '1,64');
  assert.equal(p.status, 0, p.stderr);
  const [head, ...lines] = p.stdout.trim().split('\n');
  // A cost ratio sets the prices it compares under the table, as eval does: the batch leaves the dies and prices alone.
  const footnote = /^([¹²³⁴⁵⁶⁷⁸⁹]) /;
  const rows = lines.filter((l) => !footnote.test(l));
  const notes = lines.filter((l) => footnote.test(l));
  assert.ok(notes.length >= 1, p.stdout);
  for (const note of notes) assert.match(note, /^. at modelled chip prices, both at a 75% margin: \$14,000 against \$16,700 /);
  for (const row of rows)
    assert.ok(
      notes.some((n) => row.endsWith(` ${footnote.exec(n)![1]}`)),
      row,
    );
  assert.ok(head!.includes('decode vs NVIDIA H100') && head!.includes('cost per response vs NVIDIA H100'), head);
  // The same wording as eval's ratios: a point estimate and its range, or no clear difference.
  for (const row of rows)
    assert.match(row!, /(× (faster|slower|cheaper|dearer) \(|no clear difference \((on par|[\d.]+× \w+) as estimated, )[\d.]+–[\d.]+×\)/);
  // A warning only some values draw is printed for them; one every value draws is not repeated.
  const bits = run('sweep', 'examples/jalapeno.chip.yaml', '--param', 'chip.memory.bandwidth', '--values', '1.5 TB/s,12 Tb/s');
  const warnings = bits.stdout.split('\n').filter((l) => l.startsWith('warning'));
  assert.deepEqual(
    warnings.map((l) => l.replace(/:.*\[/, ' [')),
    ['warning chip.memory.bandwidth=12 Tb/s [bits-for-bytes]'],
    bits.stdout,
  );
  // One every value draws because of the swept key is the sweep's, not the file's: said once.
  const v5e = tempConfig('v5e.chip.yaml', 'extends: tpu-v5e\nworkload: { model: llama-2-7b }\n').file;
  const clock = run('sweep', v5e, '--param', 'chip.clock', '--values', '1.5 GHz,1.6 GHz');
  assert.deepEqual(
    clock.stdout
      .split('\n')
      .filter((l) => l.startsWith('warning'))
      .map((l) => l.replace(/:.*\[/, ' [')),
    ['warning every row [price-unknown]'],
    clock.stdout,
  );
  const plain = run('sweep', 'examples/h100-baseline.chip.yaml', '--param', 'workload.batch', '--values', '1,8');
  assert.ok(!plain.stdout.split('\n')[0]!.includes(' vs '), 'no ratio columns without compare:');
});

test('presets lists every contract id', () => {
  const j = JSON.parse(run('presets', '--json').stdout);
  const ids = [...j.chips, ...j.models].map((p: { id: string }) => p.id);
  for (const id of [
    'jalapeno',
    'h100-sxm',
    'h200-sxm',
    'a100-80gb-sxm',
    'a100-40gb-sxm',
    'a10g',
    'l40s',
    'mi300x',
    'tpu-v5e',
    'inferentia2',
    'llama-2-7b',
    'llama-2-13b',
    'llama-2-70b',
    'llama-3-8b',
    'llama-3-70b',
    'mistral-7b',
    'mixtral-8x7b',
    'gpt-j-6b',
    'gpt-3-175b',
    'bloom-176b',
  ]) {
    assert.ok(ids.includes(id), id);
  }
});

test('presets --json lists every contract runtime id, with a source for every number', () => {
  const j = JSON.parse(run('presets', '--json').stdout) as {
    runtimes: { id: string; evidence: string; config: Record<string, unknown>; sources: Record<string, string> }[];
  };
  const ids = j.runtimes.map((p) => p.id);
  assert.deepEqual([...ids].sort(), [
    'fastertransformer',
    'generic',
    'gpt-fast',
    'jetstream',
    'lmdeploy',
    'mlc-llm',
    'sglang',
    'tensorrt-llm',
    'tgi',
    'transformers-neuronx',
    'vllm',
  ]);
  for (const p of j.runtimes) {
    assert.ok(['fitted', 'prior'].includes(p.evidence), p.id);
    for (const key of Object.keys(p.config)) assert.ok(p.sources[key] && p.sources[key]!.length > 10, `${p.id}.${key} has no source`);
  }
});

test('eval --json carries 80 % prediction ranges around every headline value (contract §4.1)', () => {
  const j = JSON.parse(run('eval', 'examples/jalapeno.chip.yaml', '--json').stdout);
  const at = (path: string) => path.split('.').reduce((o, k) => o[k], j.result);
  for (const key of ['prefill.ms', 'decode.msPerToken', 'response.ms', 'throughput.outputTokensPerSecond', 'throughput.perChip']) {
    const [low, high] = j.result.ranges[key] as [number, number];
    assert.ok(low <= at(key) && at(key) <= high && low < high, `${key}: ${low} <= ${at(key)} <= ${high}`);
  }
  const table = run('eval', 'examples/jalapeno.chip.yaml').stdout;
  assert.match(table, /Per-token latency.*[\d.]+ ms.*\[[\d.]+–[\d.]+ ms\]/);
  assert.match(table, /runtime: generic/);
  // A runtime that replays decode from a captured graph says its host costs are prefill's only.
  assert.match(
    run('eval', 'examples/h100-baseline.chip.yaml', '--set', 'runtime=vllm').stdout,
    /launch 2 µs · collective 75 µs \(both prefill only: decode replays a captured graph\)/,
  );
  assert.doesNotMatch(table, /captured graph/);
});

test('every example evaluates with no error', () => {
  for (const f of ['jalapeno', 'h100-baseline', 'jalapeno-hbm3e', 'mixtral-moe']) {
    const p = run('eval', `examples/${f}.chip.yaml`, '--json');
    assert.equal(p.status, 0, `${f}: ${p.stdout.slice(0, 500)}`);
  }
});

test('a chip written from its spec sheet is told which of its behaviour the defaults supply; a preset is not', () => {
  const { file } = tempConfig(
    'sheet.chip.yaml',
    'chip:\n  clock: 1.8 GHz\n  tdp: 600 W\n  matrix: { peak: { bf16: 1000 TFLOPS }, efficiency: 70 % }\n  vector: { peak: 60 TFLOPS }\n  memory: { capacity: 144 GB, bandwidth: 6 TB/s }\nworkload: { model: llama-3-8b }\n',
  );
  const p = run('eval', file);
  assert.equal(p.status, 0, p.stdout);
  const line = p.stdout.split('\n').find((l) => l.includes('chip, not stated'));
  assert.ok(line, p.stdout.slice(0, 600));
  // The stated matrix efficiency is not listed; the defaulted keys are, with their values.
  assert.doesNotMatch(line, /matrix/);
  assert.match(line, /memory 86% of its bandwidth · 5 µs per kernel · 3 µs per hop; idle 13% of TDP/);
  // Without a process the MAC energies are not a node's: nothing said of them ...
  assert.doesNotMatch(line, /MAC/);
  // ... with one, the default the power rests on is (an architect's review: a GPU's operand delivery on a systolic array).
  writeFileSync(file, readFileSync(file, 'utf8').replace('clock: 1.8 GHz', 'clock: 1.8 GHz\n  process: 5 nm'));
  const atNode = run('eval', file)
    .stdout.split('\n')
    .find((l) => l.includes('chip, not stated'))!;
  assert.match(
    atNode,
    /; bf16 MAC [\d.]+ pJ \(Horowitz's arithmetic \+ a GPU's operand delivery, at 5 nm: `chip\.energy\.mac` if the arrays feed it for less\); arrays clocked through waits on memory, as a GPU’s SMs are \(`chip\.matrix\.clock_gated: true` if DMA engines feed them\); idle /,
  );
  // Stated either way, it is not listed.
  writeFileSync(file, readFileSync(file, 'utf8').replace('efficiency: 70 % }', 'efficiency: 70 %, clock_gated: false }'));
  assert.doesNotMatch(run('eval', file).stdout, /clock_gated/);
  assert.doesNotMatch(run('eval', 'examples/h100-baseline.chip.yaml').stdout, /chip, not stated/);
});

test('eval --json with serving: and fleet: prints result.serving and result.fleet (contract §4.2)', () => {
  const p = run(
    'eval',
    'examples/jalapeno.chip.yaml',
    '--json',
    '--set',
    'serving.rate=2 /s',
    '--set',
    'serving.requests=200',
    '--set',
    'serving.slo.ttft=1 s',
    '--set',
    'serving.slo.tpot=60 ms',
    '--set',
    'fleet.peak_rate=20 /s',
    '--set',
    'fleet.hot_standby=12 %',
  );
  assert.equal(p.status, 0, p.stdout.slice(0, 800));
  const j = JSON.parse(p.stdout);
  const s = j.result.serving;
  for (const metric of ['ttftMs', 'tpotMs', 'e2eMs'])
    for (const k of ['mean', 'p50', 'p90', 'p99']) assert.equal(typeof s[metric][k], 'number', `${metric}.${k}`);
  for (const k of ['requestsPerSecond', 'outputTokensPerSecond', 'meanBatch', 'sloAttainment', 'maxRateAtSlo'])
    assert.equal(typeof s[k], 'number', k);
  assert.ok(s.ttftMs.p99 >= s.ttftMs.p50 && s.maxRateAtSlo > 0);
  assert.equal(s.timeline, undefined, 'the per-step timeline only with --detail');
  const f = j.result.fleet;
  for (const k of ['replicas', 'chips', 'watts', 'usdPerMillionOutputTokens']) assert.equal(typeof f[k], 'number', k);
  assert.equal(f.chips, (f.replicas + f.standbyReplicas) * 8);
  // The baseline serves the same traffic.
  assert.equal(typeof j.baseline.result.serving.maxRateAtSlo, 'number');
});

test('the serving example evaluates with no error and prints the serving and fleet tables', () => {
  const p = run('eval', 'examples/jalapeno-fleet.chip.yaml');
  assert.equal(p.status, 0, p.stdout.slice(0, 800));
  // The report's serving and fleet metrics, each with its serving range, with the all-baseline fleet and the ratios.
  const r = String.raw` \[[^\]]+\]`;
  const ratio = String.raw`\s+(no clear difference|[\d.]+× \w+) \(`;
  assert.match(p.stdout, new RegExp(String.raw`Serving: time to first token, p99\s+[\d.]+ m?s${r}\s+[\d.]+ m?s${r}${ratio}`));
  assert.match(p.stdout, new RegExp(String.raw`Highest Poisson rate within the SLO\s+[\d.]+ req/s${r}\s+[\d.]+ req/s${r}`));
  assert.match(p.stdout, new RegExp(String.raw`Fleet: active replicas\s+\d+${r}\s+\d+${r}`));
  // The fleets' cost ratio compares modelled prices (an H100's at 75 %): it stands on the row of the costs it divides.
  assert.match(p.stdout, new RegExp(String.raw`Fleet: cost per 1M output tokens\s+\$[\d.]+${r}\s+\$[\d.]+${r}\n`));
  assert.match(
    p.stdout,
    new RegExp(
      String.raw`Fleet: cost per 1M output tokens at the compared chip prices\s+\$[\d.]+ (\S+)${r}\s+\$[\d.]+ \(\$[\d,]+ chip at 75% margin\)${r}${ratio}`,
    ),
  );
  // This design's fleet keeps a standby of H100s: its footnote names both prices it pays.
  assert.match(p.stdout, /\n {2}\S+ \$[\d,]+ chip at 75% margin; standby \$[\d,]+\n/);
  assert.match(p.stdout, /\[a–b\] on serving and fleet rows: .* hold fewer than 80 % of measured runs/);
  // The instance is shown under traffic both designs can serve: no percentiles of a queue that grows without bound.
  assert.doesNotMatch(p.stdout, /serving-overloaded/);
});

test("a usage error prints the command's own usage, not every command's", () => {
  const p = run('sweep', 'x.chip.yaml');
  assert.equal(p.status, 2);
  assert.match(p.stderr, /^jalapeno: sweep needs --param PATH\nusage:\n {2}jalapeno sweep FILE --param PATH/);
  assert.doesNotMatch(p.stderr, /jalapeno (eval|explore|search|merge) /);
  assert.match(p.stderr, /jalapeno --help: every command/);
  // An unknown command has no usage of its own: every command's.
  assert.match(run('bogus').stderr, /jalapeno eval FILE[^]*jalapeno search FILE/);
});

test('a baseline whose fleet cannot be sized says why in the table, not a bare dash', () => {
  // The A10G decodes Llama-3-8B in bf16 slower than the 20 ms TPOT target at any rate.
  const { file } = tempConfig(
    'unsized.chip.yaml',
    'extends: h100-sxm\nworkload: { model: llama-3-8b, batch: 8, prompt: 512, output: 128 }\nserving:\n  rate: 2 /s\n  requests: 300\n  slo: { ttft: 1 s, tpot: 20 ms }\nfleet: { peak_rate: 20 /s }\ncompare: a10g\n',
  );
  const out = run('eval', file).stdout;
  assert.match(out, /\n {2}Fleet: active replicas +[\d,]+ \[[^\]]+\] +not sized: no rate meets the SLO\n/);
});

test('the table numbers its footnotes in reading order: this design before the baseline', () => {
  const out = run('eval', 'examples/jalapeno-fleet.chip.yaml').stdout;
  const line = out.split('\n').find((l) => l.includes('Requests meeting the SLO'))!;
  assert.ok(line.indexOf('¹') >= 0 && line.indexOf('¹') < line.indexOf('²'), line);
});

test("a footnote's mark after a unit ending in a superscript is in parentheses: mm² ⁽²⁾, not mm² ²", () => {
  const out = run('eval', 'examples/jalapeno.chip.yaml', '--set', 'chip.memory.stacks=12', '--set', 'chip.silicon.chiplets=64').stdout;
  const line = out.split('\n').find((l) => l.includes('Die area'))!;
  assert.match(line, /mm² ⁽[¹²³⁴⁵⁶⁷⁸⁹]⁾ \[/, line);
  assert.doesNotMatch(out, /mm² [¹²³⁴⁵⁶⁷⁸⁹]/);
});

test('--version prints the package version; a command with --help prints its own usage', () => {
  const v = run('--version');
  assert.equal(v.status, 0);
  assert.equal(v.stdout.trim(), JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version);
  const help = run('eval', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage:\n  jalapeno eval FILE/);
  assert.doesNotMatch(help.stdout, /jalapeno explore/);
});

test('an error in the `explore:` section is an error at its place, and the file is still evaluated, its numbers valid', () => {
  const { file } = tempConfig(
    'space.chip.yaml',
    'extends: jalapeno\nworkload: { model: llama-3-8b }\nexplore:\n  vary: { workload.batch: [1, 8] }\n  constraints: ["decode.msPerToken<=20 GB"]\n',
  );
  const p = run('eval', file, '--json');
  // An error diagnostic: exit 1, as the contract counts them.
  assert.equal(p.status, 1, p.stderr);
  const j = JSON.parse(p.stdout);
  assert.ok(j.result, 'evaluated');
  const d = j.diagnostics.find((x: { severity: string }) => x.severity === 'error');
  assert.deepEqual([d.path, d.line], ['explore.constraints.0', 5]);
  assert.doesNotMatch(run('eval', file).stdout, /NOT VALID|Not evaluated/);
  // `explore` says it at its line and column too.
  const explore = run('explore', file);
  assert.equal(explore.status, 1);
  assert.match(explore.stderr, /error {3}.*space\.chip\.yaml:5:\d+ {2}/);
});

test('a package no foundry builds marks the numbers not valid, as explore counts it infeasible; `null` over nothing inherited is a key not given', () => {
  const p = run('eval', 'examples/jalapeno.chip.yaml', '--set', 'chip.sram.capacity=8 GiB', '--json');
  // An error of what the design does, as weights that do not fit: evaluated, not valid, exit 1 (a CI gate must not pass it).
  assert.equal(p.status, 1);
  const j = JSON.parse(p.stdout);
  assert.ok(j.result, 'evaluated');
  assert.ok(
    j.diagnostics.some((d: { code: string }) => d.code === 'beyond-interposer'),
    p.stdout,
  );
  assert.equal(j.baseline.comparison.costPerResponse.verdict, 'not-comparable');
  assert.match(run('eval', 'examples/jalapeno.chip.yaml', '--set', 'chip.sram.capacity=8 GiB').stdout, /NOT VALID/);
  // The reference chip states no price: `chip_price: null` unsets nothing, and is no error.
  const unset = run('eval', 'examples/jalapeno.chip.yaml', '--set', 'cost.chip_price=null', '--json');
  assert.equal(unset.status, 0, unset.stdout);
  // The runtime line gives a zero in the unit of its neighbours.
  assert.match(run('eval', 'examples/jalapeno.chip.yaml').stdout, /step \+0 ms/);
});

test('the `explore:` section over a preset baseline: a bad key there leaves the comparison, a misspelt metric is said at its item, and explore names the section errors', () => {
  const { file } = tempConfig(
    'space.chip.yaml',
    'extends: jalapeno\nworkload: { model: llama-3-8b }\ncompare: h100-sxm\nexplore:\n  vary: { chip.matrix.unit: [32, 64] }\n  objectives: [decode.msPerTokn]\n',
  );
  const j = JSON.parse(run('eval', file, '--json').stdout);
  assert.ok(j.result && j.baseline, 'the baseline is evaluated');
  assert.ok(!j.diagnostics.some((d: { message: string }) => /baseline .* cannot be evaluated/.test(d.message)));
  const typo = j.diagnostics.find((d: { code: string }) => d.code === 'explore-metric-unknown');
  assert.equal(typo.severity, 'warning');
  assert.equal(typo.line, 6);
  assert.match(typo.message, /^`decode\.msPerTokn` is not a metric of the result; did you mean `decode\.msPerToken`\?/);
  const explore = run('explore', file);
  assert.equal(explore.status, 1);
  assert.match(explore.stderr, /^error {3}.*space\.chip\.yaml:5:\d+ {2}/m);
  assert.doesNotMatch(explore.stderr, /needs at least one --vary/);
  // The command line replaces the broken part: it runs.
  const replaced = run('explore', file, '--vary', 'workload.batch=1,8', '--objective', 'decode.msPerToken');
  assert.equal(replaced.status, 0, replaced.stderr);
});
