// Numbers a user can trust: a likely typo marks every result not valid (a warning, as
// contract §1 keeps unknown keys), an error anywhere in the `extends` chain stops evaluation
// (with the reason where the user looks), and one root cause is one diagnostic.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFileHost } from '../../cli/nodeHost';
import { describe, it } from 'node:test';
import type { Analysis } from '../../model/analysis';
import { analyzeConfig } from '../../model/analyze';
import type { Diagnostic } from '../../model/diagnostics';
import { buildReport } from '../../model/report/build';
import { analysisJson } from '../../model/report/json';
import { memoryHost } from './helpers/memoryHost';
import { overrideFrom } from '../../model/sweep';
import { bytesReading, unitSlip } from '../../model/config/unitSlip';
import { presetIds } from '../../model/presets';

/** The warning a likely typo gives, and a report in which no number is valid. */
function typoWarning(a: Analysis): Diagnostic {
  const typos = a.diagnostics.filter((d) => d.code === 'unknown-key');
  assert.equal(typos.length, 1);
  assert.equal(typos[0]!.severity, 'warning', 'contract §1: unknown keys are warnings');
  assert.equal(typos[0]!.invalidatesResult, true);
  const report = buildReport(a);
  assert.equal(report.valid, false);
  assert.ok(
    report.design!.metrics.every((m) => !m.valid),
    'no metric looks valid',
  );
  const json = analysisJson(a, { detail: false }, report);
  assert.equal(json.ok, true);
  assert.equal(json.valid, false);
  return typos[0]!;
}

const analyze = (file: string, files: Record<string, string>) => analyzeConfig(files[file]!, file, memoryHost(files));
const errorsIn = (a: Analysis, file: string): Diagnostic[] => a.diagnostics.filter((d) => d.severity === 'error' && d.at?.file === file);

describe('a likely typo of a known key', () => {
  it('marks every number not valid instead of passing off the default (bacth: 16 is not batch 1)', async () => {
    const file = '/ws/a.chip.yaml';
    const text = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  bacth: 16\n';
    const a = await analyze(file, { [file]: text });
    const d = typoWarning(a);
    assert.equal(text.slice(d!.at!.range.start, d!.at!.range.end), 'bacth');
    assert.match(d!.message, /did you mean `batch`\?/);
    assert.match(d!.message, /marked not valid/);
    assert.deepEqual(
      a.diagnostics.find((x) => x.code === 'unknown-key')!.fixes?.map((f) => f.newText),
      ['batch'],
    );
  });

  it("or another tool's name for it (batch_size, TDP, power, price) marks them not valid too, with the rename", async () => {
    const file = '/ws/a.chip.yaml';
    for (const [section, key, meant] of [
      ['workload', 'batch_size: 64', 'batch'],
      ['workload', 'max_new_tokens: 64', 'output'],
      ['chip', 'TDP: 150 W', 'tdp'],
      ['chip', 'power: 150 W', 'tdp'],
      ['cost', 'price: 9000 USD', 'chip_price'],
      ['system', 'tp_size: 8', 'tensor_parallel'],
    ] as const) {
      const text =
        `extends: jalapeno\nworkload: { model: llama-3-8b }\n${section === 'workload' ? 'workload:\n  model: llama-3-8b\n' : `${section}:\n`}  ${key}\n`.replace(
          'workload: { model: llama-3-8b }\nworkload:',
          'workload:',
        );
      const d = typoWarning(await analyze(file, { [file]: text }));
      assert.match(d.message, new RegExp(`did you mean \`${meant}\`\\?`), key);
      assert.deepEqual(
        d.fixes?.map((f) => f.newText),
        [meant],
      );
    }
    // In another section, it points to where the key lives, as a misplaced key does.
    const misplaced = await analyze(file, {
      [file]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\nchip: { batch_size: 8 }\ncost: { TDP: 3 W }\n',
    });
    assert.deepEqual(
      misplaced.diagnostics.filter((x) => x.code === 'unknown-key').map((x) => /It belongs at `([^`]+)`/.exec(x.message)?.[1]),
      ['workload.batch', 'chip.tdp'],
    );
    // Two names for one key: only the first is offered the rename (both would write `tdp` twice).
    const twice = await analyze(file, {
      [file]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\nchip:\n  TDP: 150 W\n  power: 160 W\n',
    });
    const [first, second] = twice.diagnostics.filter((x) => x.code === 'unknown-key');
    assert.deepEqual(
      first!.fixes?.map((f) => f.newText),
      ['tdp'],
    );
    assert.deepEqual(second!.fixes ?? [], []);
    assert.match(second!.message, /`TDP` above is offered the rename to `tdp`: keep one of the two\./);
    // An alias names a key only in its own section: `power` in `workload` is just unknown.
    const elsewhere = await analyze(file, { [file]: 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  power: 3\n' });
    const unknown = elsewhere.diagnostics.find((x) => x.code === 'unknown-key')!;
    assert.doesNotMatch(unknown.message, /did you mean `tdp`/);
  });

  it('in a dtype map (in8 for int8) marks the numbers not valid too, with the rename', async () => {
    const file = '/ws/a.chip.yaml';
    const text = 'extends: jalapeno\nworkload: { model: llama-3-8b }\nchip:\n  matrix:\n    macs_per_cycle: { in8: 1, bf16: 0.5 }\n';
    const a = await analyze(file, { [file]: text });
    const d = typoWarning(a);
    assert.equal(text.slice(d.at!.range.start, d.at!.range.end), 'in8');
    assert.deepEqual(
      d.fixes?.map((f) => f.newText),
      ['int8'],
    );
  });

  it('in a --set override marks the numbers not valid too', async () => {
    const file = '/ws/a.chip.yaml';
    const files = { [file]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\n' };
    const a = await analyzeConfig(files[file], file, memoryHost(files), {
      overrides: [
        {
          path: ['workload', 'bacth'],
          value: { kind: 'scalar', value: 16, source: { kind: 'override', label: '--set workload.bacth=16' } },
        },
      ],
    });
    typoWarning(a);
  });
});

describe('an error in an extended file', () => {
  const parent = '/ws/base.chip.yaml';
  const child = '/ws/child.chip.yaml';
  const files = {
    [parent]: 'extends: jalapeno\nworkload:\n  model: llama-3-70b\n  batch: -3\n',
    [child]: 'extends: ./base.chip.yaml\nname: child\n',
  };

  it('stops evaluation of the child, which says why on its extends line', async () => {
    const a = await analyze(child, files);
    assert.equal(a.result, undefined, 'no numbers computed from the default batch');
    assert.ok(
      errorsIn(a, parent).some((d) => d.path === 'workload.batch'),
      'the error itself is shown in the parent',
    );
    const summaries = errorsIn(a, child);
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.path, 'extends');
    assert.match(summaries[0]!.message, /base\.chip\.yaml.*`batch`/);
  });

  it('in a grandparent stops evaluation too', async () => {
    const grandchild = '/ws/grandchild.chip.yaml';
    const a = await analyze(grandchild, { ...files, [grandchild]: 'extends: ./child.chip.yaml\n' });
    assert.equal(a.result, undefined);
    assert.equal(errorsIn(a, grandchild).length, 1);
  });

  it('in a compare file loses only the baseline', async () => {
    const a = await analyze(child, {
      ...files,
      [parent]: 'extends: jalapeno\nworkload: { model: llama-3-70b }\n',
      [child]: 'extends: ./base.chip.yaml\ncompare: ./bad.chip.yaml\n',
      '/ws/bad.chip.yaml': 'extends: h100-sxm\nworkload: { batch: -3 }\n',
    });
    assert.ok(a.result, JSON.stringify(a.diagnostics.map((d) => d.message)));
    assert.equal(a.baseline, undefined);
  });
});

describe('a likely typo in a file this one extends', () => {
  it("is said on this file's extends line, which its numbers are marked not valid by", async () => {
    const parent = '/ws/base.chip.yaml';
    const child = '/ws/child.chip.yaml';
    const a = await analyze(child, {
      [parent]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\nsystem: { pipline_parallel: 2 }\n',
      [child]: 'extends: ./base.chip.yaml\nworkload: { batch: 8 }\n',
    });
    assert.ok(a.result, 'evaluated');
    const here = a.diagnostics.filter((d) => d.at?.file === child && d.severity !== 'info');
    assert.deepEqual(
      here.map((d) => [d.code, d.severity, d.invalidatesResult]),
      [['warning-in-referenced-file', 'warning', true]],
    );
    assert.match(here[0]!.message, /^`base\.chip\.yaml` \(extended here\): .*pipline_parallel.* marked not valid until it is fixed\.$/s);
    assert.equal(buildReport(a).valid, false);
    // A file further up is named as reached through the one this file extends (a review read
    // the grandparent's name as "extended here").
    const grandchild = '/ws/grandchild.chip.yaml';
    const g = await analyze(grandchild, {
      [parent]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\nsystem: { pipline_parallel: 2 }\n',
      [child]: 'extends: ./base.chip.yaml\nworkload: { batch: 8 }\n',
      [grandchild]: 'extends: ./child.chip.yaml\n',
    });
    const far = g.diagnostics.find((d) => d.at?.file === grandchild && d.code === 'warning-in-referenced-file')!;
    assert.match(far.message, /^`base\.chip\.yaml` \(extended through `child\.chip\.yaml`\): /);
    // A file that writes the intended key itself overrides the typo: its numbers are valid, and
    // nothing is summarised on its extends line (the typo stays a warning in the parent).
    const fixed = await analyze(child, {
      [parent]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\nsystem: { pipline_parallel: 2 }\n',
      [child]: 'extends: ./base.chip.yaml\nsystem: { pipeline_parallel: 1 }\n',
    });
    assert.equal(buildReport(fixed).valid, true);
    assert.ok(fixed.diagnostics.some((d) => d.code === 'unknown-key' && d.at?.file === parent));
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'warning-in-referenced-file'));
  });
});

describe('a misspelt extends', () => {
  const typo = '/ws/typo.chip.yaml';
  const files = {
    [typo]: 'extends: jalapneo\nworkload:\n  model: llama-3-70b\n',
    '/ws/child.chip.yaml': 'extends: ./typo.chip.yaml\nworkload: { batch: 8 }\n',
  };

  it('is one diagnostic, not one per key the preset would have supplied', async () => {
    const a = await analyze(typo, files);
    assert.deepEqual(
      a.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      ['unknown-preset'],
    );
    assert.deepEqual(
      a.diagnostics[0]!.fixes?.map((f) => f.newText),
      ['jalapeno'],
    );
  });

  it('gives a file extending it one summary', async () => {
    const a = await analyze('/ws/child.chip.yaml', files);
    assert.deepEqual(
      errorsIn(a, '/ws/child.chip.yaml').map((d) => d.code),
      ['error-in-referenced-file'],
    );
    assert.deepEqual(
      errorsIn(a, typo).map((d) => d.code),
      ['unknown-preset'],
    );
  });

  it('still reports keys a file without extends lacks', async () => {
    const a = await analyze('/ws/bare.chip.yaml', { '/ws/bare.chip.yaml': 'workload: { model: llama-3-70b }\n' });
    assert.ok(a.diagnostics.filter((d) => d.code === 'missing-key').length >= 3);
  });
});

describe('a misspelt extends in the compare file', () => {
  it('loses the baseline with one reason, not one per missing key', async () => {
    const file = '/ws/a.chip.yaml';
    const files = {
      [file]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\ncompare: ./other.chip.yaml\n',
      '/ws/other.chip.yaml': 'extends: h100-sx\n',
    };
    const a = await analyze(file, files);
    assert.ok(a.result, 'the design itself is evaluated');
    assert.equal(a.baseline, undefined);
    const onCompare = errorsIn(a, file);
    assert.deepEqual(
      onCompare.map((d) => d.code),
      ['error-in-referenced-file'],
    );
    assert.match(onCompare[0]!.message, /Unknown chip preset `h100-sx`/);
    assert.ok(!a.diagnostics.some((d) => /is required/.test(d.message)));
  });
});

describe('an invalid value of a key another needs', () => {
  it('is one diagnostic at the value, not also "is required" (clock: -1 GHz)', async () => {
    const file = '/ws/clock.chip.yaml';
    const text = 'extends: jalapeno\nchip:\n  clock: -1 GHz\nworkload:\n  model: llama-3-8b\n';
    const a = await analyze(file, { [file]: text });
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => d.code),
      ['out-of-range'],
    );
    assert.equal(text.slice(errors[0]!.at!.range.start, errors[0]!.at!.range.end), '-1 GHz');
  });

  it('is one diagnostic too where its stand-in would fail a check of another key (experts, array, units)', async () => {
    const file = '/ws/a.chip.yaml';
    const moe =
      '{ layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336, activation: swiglu, vocab: 32000, experts: 1000000, experts_per_token: 2 }';
    for (const [text, value] of [
      [`extends: jalapeno\nworkload: { model: ${moe} }\n`, '1000000'],
      ['extends: jalapeno\nworkload: { model: llama-3-8b }\nchip:\n  matrix: { array: 128x0 }\n', '128x0'],
      ['extends: jalapeno\nworkload: { model: llama-3-8b }\nchip:\n  matrix: { units: 0 }\n', '0'],
    ] as const) {
      const errors = (await analyze(file, { [file]: text })).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => d.code),
        ['out-of-range'],
        text,
      );
      assert.equal(text.slice(errors[0]!.at!.range.start, errors[0]!.at!.range.end), value);
    }
    // Not written at all, the same cross-check still speaks: one expert cannot serve two per token.
    const unwritten = await analyze(file, { [file]: `extends: jalapeno\nworkload: { model: ${moe.replace('experts: 1000000, ', '')} }\n` });
    assert.ok(unwritten.diagnostics.some((d) => d.code === 'bad-experts'));
  });
});

describe('a unit one prefix away from where real chips lie', () => {
  it('reaches every SLO target: a TTFT of `2 ms` is read as 2 s slipped, as a TPOT of `40 s` is (an operator review)', async () => {
    const file = '/ws/slo.chip.yaml';
    const text = (slo: string) =>
      `extends: h100-sxm\nworkload: { model: llama-3-8b }\nserving:\n  rate: 2 /s\n  requests: 200\n  slo: { ${slo} }\n`;
    const a = await analyze(file, { [file]: text('ttft: 2 ms, tpot: 40 s, e2e: 5 ms') });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.code === 'unit-slip').map((d) => [d.path, d.fixes?.[0]?.newText]),
      [
        ['serving.slo.ttft', '2 s'],
        ['serving.slo.tpot', '40 ms'],
        ['serving.slo.e2e', '5 s'],
      ],
    );
    const fine = await analyze(file, { [file]: text('ttft: 200 ms, tpot: 50 ms, e2e: 20 s') });
    assert.ok(!fine.diagnostics.some((d) => d.code === 'unit-slip' || d.code === 'atypical-value'), JSON.stringify(fine.diagnostics));
  });

  it('is a warning at the value with the fix, and the value is used as written', async () => {
    const file = '/ws/slip.chip.yaml';
    const text =
      'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 3.35 GB/s\n  link:\n    latency: 3 ms\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    const slips = a.diagnostics.filter((d) => d.code === 'unit-slip');
    assert.deepEqual(
      slips.map((d) => [d.severity, d.path, text.slice(d.at!.range.start, d.at!.range.end), d.fixes?.[0]?.newText]),
      [
        ['warning', 'chip.memory.bandwidth', '3.35 GB/s', '3.35 TB/s'],
        ['warning', 'chip.link.latency', '3 ms', '3 µs'],
      ],
    );
    assert.ok(!slips.some((d) => d.invalidatesResult));
    // As written: a thousand times less bandwidth, a thousand times slower decode, near enough.
    const fixed = await analyze(file, { [file]: text.replace('3.35 GB/s', '3.35 TB/s').replace('3 ms', '3 us') });
    assert.equal(fixed.diagnostics.filter((d) => d.code === 'unit-slip').length, 0);
    assert.ok(a.result!.decode.msPerToken > 300 * fixed.result!.decode.msPerToken);
  });

  it('a value outside every real chip’s range with no unit slip to explain it is said at the value, and used (a review: 16 GHz passed)', async () => {
    const file = '/ws/clock.chip.yaml';
    const at = async (clock: string) => {
      const text = `extends: jalapeno\nchip: { clock: ${clock} }\nworkload: { model: llama-3-8b }\n`;
      const a = await analyze(file, { [file]: text });
      return { a, text, said: a.diagnostics.filter((d) => d.code === 'atypical-value') };
    };
    for (const clock of ['16 GHz', '20 MHz']) {
      const { a, text, said } = await at(clock);
      assert.equal(said.length, 1, clock);
      assert.equal(said[0]!.severity, 'warning');
      assert.equal(text.slice(said[0]!.at!.range.start, said[0]!.at!.range.end), clock);
      assert.match(said[0]!.message, /100 MHz–5 GHz/);
      assert.ok(a.result, clock);
    }
    assert.equal((await at('2.5 GHz')).said.length, 0);
    // A fleet's peak rate past any service's (a new user's 1e9 /s sized 987 million chips with no word).
    const fleetFile = '/ws/fleet.chip.yaml';
    const fleet = (rate: string) =>
      `extends: jalapeno\nworkload: { model: llama-3-8b }\nserving: { rate: 1 /s, requests: 100, slo: { ttft: 2 s } }\nfleet: { peak_rate: ${rate} }\n`;
    const huge = await analyze(fleetFile, { [fleetFile]: fleet('1e9 /s') });
    assert.match(huge.diagnostics.find((d) => d.code === 'atypical-value' && d.path === 'fleet.peak_rate')?.message ?? '', /ChatGPT/);
    const usual = await analyze(fleetFile, { [fleetFile]: fleet('200 /s') });
    assert.ok(!usual.diagnostics.some((d) => d.code === 'atypical-value'));
  });

  it('neither new plausibility warning fires on a shipped example or a chip preset (a review: 0 µs read as atypical on the Groq example)', async () => {
    const root = join(__dirname, '../..');
    const examples = ['examples', 'examples/silicon'].flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.chip.yaml'))
        .map((f) => join(root, dir, f)),
    );
    const texts = [
      ...examples.map((file) => ({ file, text: readFileSync(file, 'utf8') })),
      ...presetIds('chip').map((id) => ({
        file: join(root, 'examples', `${id}.preset.chip.yaml`),
        text: `extends: ${id}\nworkload: { model: llama-3-8b }\n`,
      })),
    ];
    assert.ok(examples.length >= 10);
    for (const { file, text } of texts) {
      const a = await analyzeConfig(text, file, nodeFileHost(root));
      const said = a.diagnostics.filter((d) => d.code === 'atypical-value' || d.code === 'memory-bandwidth-low');
      assert.deepEqual(
        said.map((d) => `${d.code} ${d.path}`),
        [],
        file,
      );
    }
    // 0 is a meaning (no SRAM, no dispatch cost), not a magnitude.
    const zero =
      'extends: jalapeno\nchip: { sram: { capacity: 0 B }, dispatch_overhead: 0 us, idle_power: 0 W }\nworkload: { model: llama-3-8b }\n';
    const z = await analyzeConfig(zero, '/ws/zero.chip.yaml', memoryHost({ '/ws/zero.chip.yaml': zero }));
    assert.ok(!z.diagnostics.some((d) => d.code === 'atypical-value'), JSON.stringify(z.diagnostics.map((d) => d.message)));
  });

  it('stacks asked for a tenth of their rate or less: the bandwidth is said at its key, with the thousandfold reading where the stacks give it', async () => {
    const file = '/ws/stacks.chip.yaml';
    const chip = (bandwidth: string) =>
      `chip: { process: 5 nm, clock: 1.5 GHz, tdp: 500 W, matrix: { units: 32, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 20 TFLOPS }, sram: { capacity: 64 MiB, bandwidth: 20 TB/s }, memory: { technology: hbm3, stacks: 6, capacity: 96 GB, bandwidth: ${bandwidth} } }\nworkload: { model: llama-3-8b, precision: { weights: int8, activations: int8 } }\n`;
    const low = await analyze(file, { [file]: chip('4.8 GB/s') });
    const d = low.diagnostics.find((x) => x.code === 'memory-bandwidth-low')!;
    assert.equal(d.path, 'chip.memory.bandwidth');
    assert.match(
      d.message,
      /6 hbm3 stacks give up to 4\.92 TB\/s; `bandwidth: 4\.8 GB\/s` runs them at 0\.098% of that\. Did you mean `4\.8 TB\/s`\?/,
    );
    assert.equal(d.keyFixes![0]!.value, '4.8 TB/s');
    // Without a process (no die modelled) too; and said once where the unit-slip check speaks.
    const noProcess = await analyze(file, { [file]: chip('4.8 GB/s').replace('process: 5 nm, ', '') });
    assert.ok(noProcess.diagnostics.some((x) => x.code === 'memory-bandwidth-low'));
    const slip = await analyze(file, { [file]: chip('3.2 GB/s') });
    assert.deepEqual(
      slip.diagnostics.filter((x) => x.path === 'chip.memory.bandwidth' && x.severity === 'warning').map((x) => x.code),
      ['unit-slip'],
    );
    // A modest bandwidth on many stacks is a design, not a slip; nor is a tenth of their rate's worth.
    for (const bandwidth of ['3 TB/s', '0.6 TB/s'])
      assert.ok(!(await analyze(file, { [file]: chip(bandwidth) })).diagnostics.some((x) => x.code === 'memory-bandwidth-low'), bandwidth);
  });

  it("says where another memory technology over a preset replaced the preset's capacity and bandwidth", async () => {
    const file = '/ws/tech.chip.yaml';
    const text = 'extends: h100-sxm\nchip: { memory: { technology: hbm3e } }\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    const d = a.diagnostics.find((x) => x.code === 'memory-from-technology')!;
    assert.equal(text.slice(d.at!.range.start, d.at!.range.end), 'hbm3e');
    assert.match(
      d.message,
      /re-derives its memory from its 5 stacks: 193 GB at 6\.14 TB\/s, .* where the preset's hbm3 gave 85\.9 GB at 3\.35 TB\/s/,
    );
    // Stated figures, or the preset's own technology, leave nothing to say.
    for (const other of [
      'extends: h100-sxm\nchip: { memory: { technology: hbm3e, capacity: 141 GB, bandwidth: 4.8 TB/s } }\nworkload: { model: llama-3-8b }\n',
      'extends: h100-sxm\nchip: { memory: { technology: hbm3, stacks: 6 } }\nworkload: { model: llama-3-8b }\n',
    ])
      assert.ok(!(await analyze(file, { [file]: other })).diagnostics.some((x) => x.code === 'memory-from-technology'), other);
  });

  it('derives the capacity from the devices a stated bandwidth needs, the ones the die is built with', async () => {
    // jalapeno's 4 HBM3 stacks carried over to GDDR6X were 4 devices, 8.59 GB, beside the 57 devices' PHYs that 4.8 TB/s needs.
    const file = '/ws/gddr.chip.yaml';
    const text =
      'extends: jalapeno\nchip: { process: 3 nm, memory: { technology: gddr6x, bandwidth: 4.8 TB/s } }\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    const memory = a.result!.silicon!.memory!;
    assert.equal(memory.stacks, 57);
    assert.equal(a.config!.chip.memory.capacity, 57 * 2 * 2 ** 30);
    assert.match(
      a.diagnostics.find((x) => x.code === 'memory-from-technology')!.message,
      /from its 57 x32 devices \(raised from 4 for the 4\.8 TB\/s bandwidth\): 122 GB/,
    );
    assert.ok(!a.diagnostics.some((x) => x.code === 'memory-capacity'));
  });

  it("restating the preset's own stacks resizes nothing: the same capacity and price as not writing them", async () => {
    // `stacks: 4` over jalapeno's 4 at 4.5 TB/s had derived 144 GB (6 stacks' worth), +40 % on the price (an architect's review).
    const file = '/ws/restated.chip.yaml';
    const text = (stacks: string) =>
      `extends: jalapeno\nchip: { memory: { bandwidth: 4.5 TB/s${stacks} } }\nworkload: { model: llama-3-8b }\n`;
    const bare = await analyze(file, { [file]: text('') });
    const restated = await analyze(file, { [file]: text(', stacks: 4') });
    assert.equal(restated.config!.chip.memory.capacity, bare.config!.chip.memory.capacity);
    assert.equal(restated.result!.silicon!.chipPriceUsd, bare.result!.silicon!.chipPriceUsd);
    // Another count still derives the capacity of the stacks the bandwidth needs.
    const resized = await analyze(file, { [file]: text(', stacks: 5') });
    assert.equal(resized.config!.chip.memory.capacity, 6 * 24e9);
  });

  it('moves the prefix the user wrote (binary, bits, microseconds), and past the hard bounds the error carries the fix', async () => {
    const memory = { range: [2.5e8, 1e13] as const, of: 'memory' };
    assert.equal(unitSlip('96 MiB', 'bytes', memory), '96 GiB');
    assert.equal(unitSlip('3.35 Gb/s', 'bandwidth', { range: [4e9, 5e13], of: 'bandwidth' }), '3.35 Tb/s');
    assert.equal(unitSlip('3 ms', 'time', { range: [1e-9, 1e-4], of: 'hop' }), '3 µs');
    assert.equal(unitSlip('3 ns', 'time', { range: [1e-9, 1e-4], of: 'hop' }), undefined, 'inside the band');
    assert.equal(unitSlip('0 B', 'bytes', memory), undefined);
    // Area units are no prefix ladder: a defect density per mm² for one per cm² (100x).
    const d0 = { range: [100, 2e4] as const, of: 'D0' };
    assert.equal(unitSlip('0.1 /mm2', 'perArea', d0), '0.1 /cm2');
    assert.equal(unitSlip('0.1 /m2', 'perArea', d0), '0.1 /cm2');
    assert.equal(unitSlip('0.1 /cm2', 'perArea', d0), undefined);
    assert.equal(unitSlip('0.005 /cm2', 'perArea', d0), undefined, 'a low figure in the quoted unit is no slip');
    const density = await analyze('/ws/d0.chip.yaml', {
      '/ws/d0.chip.yaml': 'extends: jalapeno\ncost: { silicon: { defect_density: 0.1 /mm2 } }\nworkload: { model: llama-3-8b }\n',
    });
    assert.equal(density.diagnostics.find((x) => x.code === 'unit-slip')?.fixes?.[0]?.newText, '0.1 /cm2');
    // Money: a wafer in USD for kUSD, memory per TB for per GB (the prefix under the line).
    const cheap = await analyze('/ws/money.chip.yaml', {
      '/ws/money.chip.yaml':
        'extends: jalapeno\ncost: { silicon: { wafer_price: 17 USD, memory_price: 15 USD/TB } }\nworkload: { model: llama-3-8b }\n',
    });
    assert.deepEqual(
      cheap.diagnostics.filter((x) => x.code === 'unit-slip').map((x) => [x.path, x.fixes?.[0]?.newText]),
      [
        ['cost.silicon.wafer_price', '17 kUSD'],
        ['cost.silicon.memory_price', '15 USD/GB'],
      ],
    );
    assert.equal(unitSlip('15 USD/GiB', 'moneyPerByte', { range: [5e-10, 2e-7], of: 'DRAM' }), undefined);
    assert.equal(
      unitSlip('0.3 USD/GB', 'moneyPerByte', { range: [5e-10, 2e-7], of: 'DRAM' }),
      undefined,
      'the quoted unit: a low price, no slip',
    );
    const file = '/ws/bound.chip.yaml';
    const text = 'extends: jalapeno\nchip: { clock: 1.5 THz }\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    const d = a.diagnostics.find((x) => x.code === 'out-of-range')!;
    assert.equal(d.message, '`clock` = 1.5 THz is implausibly large (above 20 GHz). Did you mean `1.5 GHz`?');
    assert.equal(d.fixes?.[0]?.newText, '1.5 GHz');
  });

  it('a written chip price below what its own memory costs is a warning, with kUSD where that is a chip price; a --set key is named, not placed on `extends`', async () => {
    const file = '/ws/price.chip.yaml';
    const at = (price: string) =>
      analyze(file, { [file]: `extends: jalapeno\ncost: { chip_price: ${price} }\nworkload: { model: llama-3-8b }\n` });
    const d = (await at('16 USD')).diagnostics.find((x) => x.code === 'price-below-memory')!;
    assert.match(
      d.message,
      /^`chip_price` \$16 is less than what the chip's 96 GB of hbm3 alone costs \(\$1,440 at 15 USD\/GB.*Did you mean `16 kUSD`\?/,
    );
    assert.equal(d.keyFixes?.[0]?.value, '16 kUSD');
    assert.equal(d.at?.file, file);
    // 500 kUSD would be 350x its memory: no chip's price, so no suggestion.
    assert.equal((await at('500 USD')).diagnostics.find((x) => x.code === 'price-below-memory')!.keyFixes, undefined);
    assert.ok(!(await at('16000 USD')).diagnostics.some((x) => x.code === 'price-below-memory'));
    // Presets' own prices are estimates with sources, never a slip.
    for (const id of presetIds('chip')) {
      const p = await analyze(file, { [file]: `extends: ${id}\nworkload: { model: llama-3-8b }\n` });
      assert.ok(!p.diagnostics.some((x) => x.code === 'price-below-memory'), id);
    }
    // From the command line: named as the validator names its own, not placed on `extends:`.
    const text = 'extends: jalapeno\nworkload: { model: llama-3-8b }\n';
    const set = await analyzeConfig(text, file, memoryHost({ [file]: text }), {
      overrides: [
        overrideFrom('chip.silicon.chiplets', '1', '--set chip.silicon.chiplets'),
        overrideFrom('chip.sram.capacity', '2 GiB', '--set chip.sram.capacity'),
      ],
    });
    const reticle = set.diagnostics.find((x) => x.code === 'beyond-reticle')!;
    assert.equal(reticle.at, undefined);
    assert.match(reticle.message, /\(from --set chip\.silicon\.chiplets\)$/);
  });

  it('a rejected die key has its own error and no word about the die without it (a review: `stacks: eight` drew a shoreline warning for 5 stacks)', async () => {
    const file = '/ws/rejected.chip.yaml';
    const a = await analyze(file, {
      [file]: 'extends: h100-sxm\nchip: { memory: { stacks: eight, bandwidth: 4 TB/s } }\nworkload: { model: llama-3-8b }\n',
    });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.path === 'chip.memory.stacks').map((d) => d.code),
      ['not-a-count'],
    );
    // Nothing said of the die built with a stand-in for it, the price scaled over the bandwidth
    // included: its arithmetic would be the stand-in's (a review: SRAM in MB/s drew a shoreline
    // warning for the die without its SRAM).
    assert.deepEqual(
      a.diagnostics.filter((d) => ['price-modelled', 'memory-shoreline', 'memory-stacks'].includes(d.code)),
      [],
    );
    const sram = await analyze(file, {
      [file]:
        'extends: jalapeno\nchip: { sram: { capacity: 256 MB/s } }\nworkload: { model: llama-3-8b, precision: { weights: int8, activations: int8 } }\n',
    });
    assert.deepEqual(
      sram.diagnostics.map((d) => d.code),
      ['unit-dimension'],
    );
  });

  it('covers the matrix peaks by dtype, the SRAM, the vector units and the memory levels', async () => {
    const file = '/ws/slip2.chip.yaml';
    const text =
      'extends: h100-sxm\nchip:\n  matrix: { peak: { bf16: 989 GFLOPS, int8: 1979 TOPS } }\n  vector: { peak: 60 GFLOPS }\n  sram: { capacity: 50 KB }\n  memory_levels:\n    host: { capacity: 512 GB, bandwidth: 64 MB/s }\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.code === 'unit-slip').map((d) => [d.path, d.fixes?.[0]?.newText]),
      [
        ['chip.matrix.peak.bf16', '989 TFLOPS'],
        ['chip.vector.peak', '60 TFLOPS'],
        ['chip.sram.capacity', '50 MB'],
        ['chip.memory_levels.host.bandwidth', '64 GB/s'],
      ],
    );
  });

  it('a memory bandwidth written in bits is a warning with the byte reading, prefix moved when that is still far off', async () => {
    const file = '/ws/bits.chip.yaml';
    const text =
      'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 3.35 Tb/s\n  sram: { bandwidth: 30 Gbit/s }\n  link: { bandwidth: 400 Gb/s }\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    const said = a.diagnostics.filter((d) => d.code === 'bits-for-bytes' || d.code === 'unit-slip');
    // A link's rate is quoted in bits (SerDes lanes): not flagged. 30 Gbit/s of SRAM is 3.75 GB/s, far below any chip's: 30 TB/s.
    assert.deepEqual(
      said.map((d) => [d.code, d.severity, d.path, text.slice(d.at!.range.start, d.at!.range.end), d.fixes?.[0]?.newText]),
      [
        ['bits-for-bytes', 'warning', 'chip.memory.bandwidth', '3.35 Tb/s', '3.35 TB/s'],
        ['bits-for-bytes', 'warning', 'chip.sram.bandwidth', '30 Gbit/s', '30 TB/s'],
      ],
    );
    assert.match(said[0]!.message, /is in bits per second: 419 GB\/s/);
    // As written: an eighth of the bandwidth.
    const bytes = await analyze(file, { [file]: text.replace('3.35 Tb/s', '3.35 TB/s').replace('30 Gbit/s', '30 TB/s') });
    assert.equal(bytes.diagnostics.filter((d) => d.code === 'bits-for-bytes').length, 0);
    const main = (x: typeof a) => x.design!.hardware.memoryLevels.find((l) => l.id === x.design!.hardware.mainMemory)!;
    assert.ok(Math.abs(main(a).bandwidthBytesPerSecond * 8 - main(bytes).bandwidthBytesPerSecond) < 1);
    // Bits may be meant (pins × Gb/s per pin): the second fix keeps the value, in bytes, and that is quiet.
    assert.equal(said[0]!.fixes?.[1]?.newText, '419 GB/s');
    const kept = await analyze(file, { [file]: text.replace('3.35 Tb/s', '419 GB/s') });
    assert.equal(kept.diagnostics.filter((d) => d.path === 'chip.memory.bandwidth').length, 0);
  });

  it('reads every bit spelling, gives the byte fix past the hard bounds too, and reaches a compare file', async () => {
    for (const [written, meant] of [
      ['3.35 Tb/sec', '3.35 TB/s'],
      ['3.35 Tbit/s', '3.35 TB/s'],
      ['26800 Gbps', '26800 GB/s'],
      ['3.35Tb/s', '3.35TB/s'],
    ])
      assert.equal(bytesReading(written), meant, written);
    for (const written of ['3.35 TB/s', '3.35 TiB/s', '3.35 TBps', '3.35 GB/sec']) assert.equal(bytesReading(written), undefined, written);
    const file = '/ws/bound-bits.chip.yaml';
    const text = 'extends: h100-sxm\nchip: { memory: { bandwidth: 3.35 Mbit/s } }\nworkload: { model: llama-3-8b }\n';
    const a = await analyze(file, { [file]: text });
    const d = a.diagnostics.find((x) => x.path === 'chip.memory.bandwidth')!;
    assert.equal(d.code, 'out-of-range');
    assert.equal(d.fixes?.[0]?.newText, '3.35 TB/s');
    const main = '/ws/main-bits.chip.yaml';
    const parent = '/ws/parent-bits.chip.yaml';
    const parentText = 'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 3.35 Tb/s\nworkload: { model: llama-3-8b }\n';
    const b = await analyze(main, {
      [main]: 'extends: jalapeno\nworkload: { model: llama-3-8b }\ncompare: ./parent-bits.chip.yaml\n',
      [parent]: parentText,
    });
    const summary = b.diagnostics.find((x) => x.code === 'baseline-unit-slip')!;
    assert.match(summary.message, /is in bits per second/);
    assert.equal(parentText.slice(summary.related![0]!.at.range.start, summary.related![0]!.at.range.end), '3.35 Tb/s');
  });

  it('an unknown unit on a memory bandwidth lists byte units only; on a link, bit rates too', async () => {
    const file = '/ws/unknown-unit.chip.yaml';
    const unitsListed = async (key: string) => {
      const text = `extends: h100-sxm\nchip: { ${key}: { bandwidth: 3 TBx/s } }\nworkload: { model: llama-3-8b }\n`;
      const a = await analyze(file, { [file]: text });
      return /\(units: ([^)]*)\)/.exec(a.diagnostics.find((d) => d.path === `chip.${key}.bandwidth`)!.message)![1];
    };
    assert.equal(await unitsListed('memory'), 'TB/s, GB/s, GiB/s');
    assert.equal(await unitsListed('sram'), 'TB/s, GB/s, GiB/s');
    assert.equal(await unitsListed('link'), 'TB/s, GB/s, GiB/s, Gbit/s');
  });

  it('in a `compare` file, is a warning on `compare` that points at the value', async () => {
    const file = '/ws/main.chip.yaml';
    const parent = '/ws/parent.chip.yaml';
    const parentText = 'extends: h100-sxm\nchip:\n  memory:\n    bandwidth: 3.35 GB/s\nworkload: { model: llama-3-8b }\n';
    const text = 'extends: jalapeno\nworkload: { model: llama-3-8b }\ncompare: ./parent.chip.yaml\n';
    const a = await analyze(file, { [file]: text, [parent]: parentText });
    const d = a.diagnostics.find((x) => x.code === 'baseline-unit-slip')!;
    assert.equal(d.severity, 'warning');
    assert.equal(text.slice(d.at!.range.start, d.at!.range.end), './parent.chip.yaml');
    assert.match(d.message, /Did you mean `3.35 TB\/s`/);
    assert.equal(d.related?.[0]?.at.file, parent);
    assert.equal(parentText.slice(d.related![0]!.at.range.start, d.related![0]!.at.range.end), '3.35 GB/s');
  });

  it('stays quiet for an unusual value no prefix slip explains, and for every preset', async () => {
    const file = '/ws/odd.chip.yaml';
    // 400 MHz is inside the band; 30 MHz is below it, yet 30 GHz is past it too: no fix to offer.
    for (const clock of ['400 MHz', '30 MHz']) {
      const text = `extends: jalapeno\nchip: { clock: ${clock} }\nworkload: { model: llama-3-8b }\n`;
      const a = await analyze(file, { [file]: text });
      assert.equal(a.diagnostics.filter((d) => d.code === 'unit-slip').length, 0, clock);
    }
    for (const preset of presetIds('chip')) {
      const text = `extends: ${preset}\nworkload: { model: llama-2-7b }\n`;
      const a = await analyze(file, { [file]: text });
      assert.equal(a.diagnostics.filter((d) => d.code === 'unit-slip').length, 0, preset);
    }
  });
});

describe('activations in a format the matrix units lack', () => {
  const file = '/ws/dt.chip.yaml';
  const run = (chip: string, activations: string) =>
    analyze(file, {
      [file]: `extends: ${chip}\nworkload:\n  model: llama-2-7b\n  precision: { weights: ${activations}, activations: ${activations}, kv_cache: ${activations} }\n`,
    });

  it('are upcast to the nearest format at least as wide (fp8 on an A100 runs at its bf16 rate), a warning that names it', async () => {
    const a = await run('a100-80gb-sxm', 'fp8');
    const d = a.diagnostics.find((x) => x.code === 'dtype-unsupported');
    assert.equal(d?.severity, 'warning');
    assert.match(d!.message, /modelled at the bf16 rate/);
    assert.ok(a.result, 'evaluated');
  });

  it('with no wider format (fp32 on bf16 tensor cores), give no number: a narrower rate would be the chip running faster than it can', async () => {
    const a = await run('a100-80gb-sxm', 'fp32');
    const d = a.diagnostics.find((x) => x.code === 'dtype-unsupported');
    assert.equal(d?.severity, 'error');
    assert.match(d!.message, /no fp32 rate and no wider one/);
    assert.equal(d!.path, 'workload.precision.activations');
    assert.equal(buildReport(a).valid, false);
  });

  it("with none written, an int8-only ASIC's precision defaults are its own format (the bf16 default is not one it has)", async () => {
    const a = await analyze(file, {
      [file]:
        'workload: { model: llama-2-7b }\nchip: { clock: 1 GHz, tdp: 300 W, matrix: { units: 16, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 64 GB, bandwidth: 2 TB/s } }\n',
    });
    // Weights, activations and KV cache alike: the header said bf16 while the work ran in int8.
    const p = a.design!.workload.precision;
    assert.deepEqual([p.weights, p.activations, p.kvCache], ['int8', 'int8', 'int8']);
    const origin = a.origins.get('workload.precision.activations');
    assert.ok(origin?.kind === 'default' && /widest format: they have no bf16 \(int8 only\)/.test(origin.source), JSON.stringify(origin));
    assert.equal(
      a.diagnostics.find((x) => x.code === 'dtype-unsupported'),
      undefined,
    );
    assert.ok(a.result && buildReport(a).valid);
    const written = await analyze(file, {
      [file]:
        'workload: { model: llama-2-7b, precision: { weights: bf16, activations: bf16, kv_cache: bf16 } }\nchip: { clock: 1 GHz, tdp: 300 W, matrix: { units: 16, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 10 TFLOPS }, memory: { capacity: 64 GB, bandwidth: 2 TB/s } }\n',
    });
    assert.equal(written.diagnostics.find((x) => x.code === 'dtype-unsupported')?.severity, 'error');
  });
});

describe('a number written as another locale or tool writes it', () => {
  it('with a decimal comma (1,5 GHz) is an error at the value, not 15 GHz; thousands separators still read', async () => {
    const file = '/ws/a.chip.yaml';
    for (const clock of ['1,5 GHz', '1_5 GHz', '1,50 GHz', '15,00 MHz']) {
      const text = `extends: jalapeno\nworkload: { model: llama-3-8b }\nchip: { clock: "${clock}" }\n`;
      const a = await analyze(file, { [file]: text });
      const d = a.diagnostics.find((x) => x.code === 'not-a-number');
      assert.ok(d && d.severity === 'error', `${clock}: ${a.diagnostics.map((x) => x.message).join(' | ')}`);
      assert.match(d.message, /only separate thousands/);
      assert.equal(text.slice(d.at!.range.start, d.at!.range.end).replace(/"/g, ''), clock);
      assert.equal(a.result ?? null, null);
      assert.deepEqual(
        d.fixes?.map((f) => f.newText),
        [clock.replace(/[,_]/, '.')],
      );
    }
    // In `{ }` YAML splits `3,35 TB/s` into `bandwidth: 3` and a key `35 TB/s`: one error with the number meant,
    // not a unit missing from 3 (whose fix wrote 3 TB/s) and an unknown key; also over a preset's keys.
    const flow =
      'extends: h100-sxm\nworkload: { model: llama-2-7b }\nchip: { memory: { bandwidth: 3,35 TB/s }, matrix: { efficiency: 0,85 } }\n';
    const split = await analyze(file, { [file]: flow });
    assert.deepEqual(
      split.diagnostics.map((d) => d.code),
      ['decimal-comma', 'decimal-comma'],
    );
    for (const [d, written, meant] of [
      [split.diagnostics[0]!, '3,35 TB/s', '3.35 TB/s'],
      [split.diagnostics[1]!, '0,85', '0.85'],
    ] as const) {
      assert.equal(flow.slice(d.at!.range.start, d.at!.range.end), written);
      assert.deepEqual(
        d.fixes?.map((f) => f.newText),
        [meant],
      );
    }
    // Three digits after the comma are thousands: `{ batch: 1,024 }` is 1024, not 1.024; quoted, a count reads them.
    const grouped =
      'extends: jalapeno\nworkload: { model: llama-3-8b, batch: 1,024, precision: { weights: int8, activations: int8 } }\nchip: { memory: { bandwidth: 3,350 GB/s } }\n';
    const thousands = await analyze(file, { [file]: grouped });
    assert.deepEqual(thousands.diagnostics.map((d) => `${d.code} ${d.fixes?.[0]?.newText}`).sort(), [
      'thousands-comma 1024',
      'thousands-comma 3350 GB/s',
    ]);
    const quoted = await analyze(file, { [file]: 'extends: jalapeno\nworkload: { model: llama-3-8b, batch: "1,024" }\n' });
    assert.equal(quoted.design?.workload.batch, 1024);
    for (const [clock, hz] of [
      ['1,500 MHz', 1.5e9],
      ['1_500 MHz', 1.5e9],
      ['1,000,000 kHz', 1e9],
    ] as const) {
      const a = await analyze(file, { [file]: `extends: jalapeno\nworkload: { model: llama-3-8b }\nchip: { clock: "${clock}" }\n` });
      assert.equal(a.design?.hardware.clockHz, hz, clock);
    }
  });
});

describe('a system or model that cannot be laid out', () => {
  it('more pipeline stages than layers is an error at pipeline_parallel', async () => {
    const file = '/ws/a.chip.yaml';
    const text = 'extends: jalapeno\nworkload: { model: llama-2-7b }\nsystem: { chips: 40, tensor_parallel: 1, pipeline_parallel: 40 }\n';
    const a = await analyze(file, { [file]: text });
    const d = a.diagnostics.find((x) => x.code === 'empty-stages')!;
    assert.equal(d.severity, 'error');
    assert.match(d.message, /40 pipeline stages for 32 layers: 8 stages would hold no layer/);
    assert.equal(text.slice(d.at!.range.start, d.at!.range.end), '40');
    const even = await analyze(file, { [file]: text.replace(/40/g, '32') });
    assert.ok(!even.diagnostics.some((x) => x.code === 'empty-stages'));
  });

  it('pipeline stages say they run in turn, how to model an interleaving engine, and that no measured run had them', async () => {
    const file = '/ws/a.chip.yaml';
    const text = (tp: number, pp: number) =>
      `extends: h100-sxm\nworkload: { model: llama-3-70b, batch: 32 }\nsystem: { chips: 8, tensor_parallel: ${tp}, pipeline_parallel: ${pp} }\n`;
    const a = await analyze(file, { [file]: text(1, 8) });
    const d = a.diagnostics.find((x) => x.code === 'pipeline-in-turn')!;
    assert.equal(d.severity, 'info');
    assert.match(d.message, /8 pipeline stages run a batch in turn .* holds 8 batches at once: write their sum as the batch/);
    assert.match(d.message, /No measured run in the validation used pipeline parallelism/);
    assert.equal(text(1, 8).slice(d.at!.range.start, d.at!.range.end), '8');
    const single = await analyze(file, { [file]: text(8, 1) });
    assert.ok(!single.diagnostics.some((x) => x.code === 'pipeline-in-turn'));
  });

  it('tensor parallelism past the measured groups of 8 says the ranges may be too narrow, at tensor_parallel', async () => {
    const file = '/ws/a.chip.yaml';
    const text = (chips: number) =>
      `extends: jalapeno\nworkload: { model: llama-2-70b }\nsystem: { chips: ${chips}, tensor_parallel: ${chips} }\nchip: { link: { domain: 16 } }\n`;
    const a = await analyze(file, { [file]: text(16) });
    const d = a.diagnostics.find((x) => x.code === 'ranges-beyond-measured')!;
    assert.equal(d.severity, 'info');
    assert.match(d.message, /more than 8 chips.*at tensor_parallel: 16 their growth with the group is the model's/);
    assert.equal(text(16).slice(d.at!.range.start, d.at!.range.end), '16');
    assert.ok(!(await analyze(file, { [file]: text(8) })).diagnostics.some((x) => x.code === 'ranges-beyond-measured'));
  });

  it("tensor parallelism wider than the link's domain is a warning at tensor_parallel: the network between nodes is not the link", async () => {
    const file = '/ws/a.chip.yaml';
    const text = (chips: number) =>
      `extends: h100-sxm\nworkload: { model: llama-2-70b }\nsystem: { chips: ${chips}, tensor_parallel: ${chips} }\n`;
    const a = await analyze(file, { [file]: text(16) });
    const d = a.diagnostics.find((x) => x.code === 'beyond-link-domain')!;
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /across 16 chips spans 2 link domains of 8/);
    assert.equal(text(16).slice(d.at!.range.start, d.at!.range.end), '16');
    assert.ok(!(await analyze(file, { [file]: text(8) })).diagnostics.some((x) => x.code === 'beyond-link-domain'));
    // Pipeline stages across nodes are how such systems are built: no warning.
    const pp = await analyze(file, {
      [file]: 'extends: h100-sxm\nworkload: { model: llama-2-70b }\nsystem: { chips: 16, tensor_parallel: 8, pipeline_parallel: 2 }\n',
    });
    assert.ok(!pp.diagnostics.some((x) => x.code === 'beyond-link-domain'));
    // A chip that states no domain (the reference design) is not checked.
    const own = await analyze(file, {
      [file]: 'extends: jalapeno\nworkload: { model: llama-2-70b }\nsystem: { chips: 64, tensor_parallel: 64 }\n',
    });
    assert.ok(!own.diagnostics.some((x) => x.code === 'beyond-link-domain'));
    // ... but its H100 baseline, on the same layout, is: said on `compare`.
    const compared = await analyze(file, {
      [file]: 'extends: jalapeno\nworkload: { model: llama-2-70b }\nsystem: { chips: 64, tensor_parallel: 64 }\ncompare: h100-sxm\n',
    });
    const b = compared.diagnostics.find((x) => x.code === 'baseline-beyond-link-domain')!;
    assert.equal(b.path, 'compare');
    assert.match(b.message, /The baseline `NVIDIA H100 SXM5 80GB`: Tensor parallelism across 64 chips spans 8 link domains of 8/);
  });

  it('a hidden size that is no whole number of heads, without head_dim, is a warning at heads', async () => {
    const file = '/ws/a.chip.yaml';
    const model = '{ layers: 32, hidden: 4096, heads: 30, kv_heads: 6, ffn: 11008, activation: swiglu, vocab: 32000 }';
    const a = await analyze(file, { [file]: `extends: jalapeno\nworkload: { model: ${model} }\n` });
    const d = a.diagnostics.find((x) => x.code === 'head-dim-rounded')!;
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /each head is taken as 137 wide/);
    const stated = await analyze(file, {
      [file]: `extends: jalapeno\nworkload: { model: ${model.replace('vocab', 'head_dim: 128, vocab')} }\n`,
    });
    assert.ok(!stated.diagnostics.some((x) => x.code === 'head-dim-rounded'));
  });
});

describe('a batch that fills the memory', () => {
  it("past 90 % is a warning at the batch: the runtime's own memory is not counted", async () => {
    const file = '/ws/a.chip.yaml';
    const text = (batch: number) =>
      `extends: h100-sxm\nsystem: { chips: 2, tensor_parallel: 2 }\nworkload: { model: llama-2-70b, precision: { weights: fp16, activations: fp16, kv_cache: fp16 }, batch: ${batch}, prompt: 8192, output: 128 }\n`;
    const full = await analyze(file, { [file]: text(7) });
    const used =
      (full.result!.memory.perChip.weightsBytes + full.result!.memory.perChip.kvCacheBytes) / full.result!.memory.perChip.capacityBytes;
    assert.ok(used > 0.9 && used <= 1, String(used));
    const d = full.diagnostics.find((x) => x.code === 'memory-headroom')!;
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /fill \d+(\.\d+)?% of each chip's/);
    // The batch that stays within 90 %, as the fix: one more sequence would pass it.
    const within = Number(/The largest batch within 90% is (\d+)\./.exec(d.message)![1]);
    assert.deepEqual(
      d.keyFixes?.map((f) => f.value),
      [String(within)],
    );
    const at = (b: number) => analyze(file, { [file]: text(b) });
    const m = async (b: number) => (await at(b)).result!.memory.perChip;
    const share = async (b: number) => ((await m(b)).weightsBytes + (await m(b)).kvCacheBytes) / (await m(b)).capacityBytes;
    assert.ok((await share(within)) <= 0.9 && (await share(within + 1)) > 0.9);
    assert.equal(text(7).slice(d.at!.range.start, d.at!.range.end), '7');
    const roomy = await analyze(file, { [file]: text(1) });
    assert.ok(!roomy.diagnostics.some((x) => x.code === 'memory-headroom'));
  });
});

describe('a problem is said at the value that causes it (a review)', () => {
  const file = '/ws/place.chip.yaml';
  const text = [
    'name: S',
    'chip:',
    '  process: 5 nm',
    '  clock: 1.4 GHz',
    '  tdp: 500 W',
    '  matrix: { units: 8, array: 128x128, macs_per_cycle: { int8: 1, bf16: 0.5 } }',
    '  vector: { peak: 10 TFLOPS }',
    '  sram: { capacity: 32 MiB, bandwidth: 10 TB/s }',
    '  memory: { technology: hbm3e, capacity: 288 GB, bandwidth: 4.8 TB/s }',
    '  link: { bandwidth: 400 GB/s }',
    'workload:',
    '  model: llama-3-8b',
    '  output: 100000000',
    '',
  ].join('\n');
  const placed = (a: Analysis, code: string) => {
    const d = a.diagnostics.find((x) => x.code === code)!;
    return text.slice(d.at!.range.start, d.at!.range.end);
  };
  it('a shoreline its capacity sets (288 GB: 8 stacks, where 4.8 TB/s takes 4) is said at the capacity; a huge output at the output', async () => {
    const a = await analyze(file, { [file]: text });
    assert.equal(placed(a, 'memory-shoreline'), '288 GB');
    assert.equal(placed(a, 'beyond-context'), '100000000');
    assert.equal(placed(a, 'memory-capacity'), '100000000');
  });
  it('idle power over a TDP set with --set is said at chip.tdp, with where it came from', async () => {
    const a = await analyzeConfig(text, file, memoryHost({ [file]: text }), {
      overrides: [overrideFrom('chip.tdp', '10 W', '--set chip.tdp')],
    });
    const d = a.diagnostics.find((x) => x.code === 'idle-over-tdp')!;
    assert.equal(d.path, 'chip.tdp');
    assert.match(d.message, /\(from --set chip\.tdp\)$/);
    // ... on the value the file wrote and the command line replaced (an architect's review: at `chip:`).
    assert.equal(placed(a, 'idle-over-tdp'), '500 W');
  });
  it('a value set with --set that the validator rejects is said at the value it replaces, without a fix to the file', async () => {
    const a = await analyzeConfig(text, file, memoryHost({ [file]: text }), {
      overrides: [overrideFrom('chip.tdp', '300 GB', '--set chip.tdp'), overrideFrom('workload.output', '-1', '--set workload.output')],
    });
    const unit = a.diagnostics.find((x) => x.code === 'unit-dimension')!;
    assert.equal(placed(a, 'unit-dimension'), '500 W');
    assert.match(unit.message, /\(from --set chip\.tdp\)$/);
    assert.equal(unit.fixes, undefined);
    assert.equal(placed(a, 'out-of-range'), '100000000');
    // A key the file does not write has no place in it: the words alone say where it came from.
    const unwritten = await analyzeConfig(text, file, memoryHost({ [file]: text }), {
      overrides: [overrideFrom('workload.batch', '-1', '--set workload.batch')],
    });
    const batch = unwritten.diagnostics.find((x) => x.path === 'workload.batch')!;
    assert.equal(batch.at, undefined);
    assert.match(batch.message, /\(from --set workload\.batch\)$/);
    // A value a file it extends wrote is not that file's error: one error, said by its words (a code review found a second on `extends:`).
    const child = '/ws/child.chip.yaml';
    const childText = 'extends: ./place.chip.yaml\n';
    const overParent = await analyzeConfig(childText, child, memoryHost({ [child]: childText, [file]: text }), {
      overrides: [overrideFrom('chip.tdp', '300 GB', '--set chip.tdp')],
    });
    const errors = overParent.diagnostics.filter((x) => x.severity === 'error');
    assert.deepEqual(
      errors.map((x) => [x.code, x.at?.file]),
      [['unit-dimension', undefined]],
    );
  });
});

describe('a rejected value has its own error and no consequence said of it (a review)', () => {
  it('an int8 rate written but rejected is its error only, not also "no int8 rate"; a count past a thousand reads grouped', async () => {
    const file = '/ws/i8.chip.yaml';
    const text =
      'extends: jalapeno\nchip:\n  matrix: { macs_per_cycle: { int8: 1e9 } }\nworkload: { model: llama-2-7b, precision: { weights: int8, activations: int8 } }\n';
    const a = await analyze(file, { [file]: text });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      ['out-of-range'],
    );
    assert.match(a.diagnostics[0]!.message, /= 1,000,000,000 is implausibly large \(above 1,000,000\)/);
    // A valid peak in the geometry form gives no rate (it is only checked against the geometry): the units still have none (a code review).
    const removed =
      'extends: jalapeno\nchip:\n  matrix: { macs_per_cycle: { int8: null, bf16: 1 }, peak: { int8: 500 TOPS } }\nworkload: { model: llama-2-7b, precision: { weights: int8, activations: int8 } }\n';
    const b = await analyze(file, { [file]: removed });
    assert.match(b.diagnostics.find((d) => d.code === 'dtype-unsupported')!.message, /have no int8 rate/);
  });
});

describe('a diagnostic about a key the file does not write', () => {
  it('sits on a key the file writes, never on the whole document (a review: every line of a chip without extends was squiggled)', async () => {
    const file = '/ws/h.chip.yaml';
    const text = `# a chip written from scratch
name: Habanero
chip:
  process: 3 nm
  clock: 1.8 GHz
  tdp: 600 W
  matrix: { units: 32, array: 128x128, macs_per_cycle: { int8: 1 } }
  vector: { peak: 40 TFLOPS }
  memory: { technology: hbm3e, stacks: 6, capacity: 144 GB, bandwidth: 7 TB/s }
  link: { bandwidth: 400 GB/s }
system: { chips: 8, tensor_parallel: 8 }
workload: { model: llama-3-70b, precision: { weights: int8, activations: int8 } }
`;
    const a = await analyze(file, { [file]: text });
    const collective = a.diagnostics.find((d) => d.code === 'collective-latency-bound')!;
    // Neither lever is written here: it sits on the tensor parallelism the all-reduces come from.
    assert.equal(collective.path, 'runtime.collective_overhead');
    assert.equal(text.slice(collective.at!.range.start, collective.at!.range.end), '8');
    assert.match(text.slice(0, collective.at!.range.start), /tensor_parallel: $/);
    // In a file that writes neither, on the extends line the parallelism came in by, not on the
    // file's first key (a review saw it at 1:1 while other infos sat on the extends line).
    const child = '/ws/child.chip.yaml';
    const childText = 'name: child\nextends: ./h.chip.yaml\n';
    const c = await analyze(child, { [file]: text, [child]: childText });
    const inherited = c.diagnostics.find((d) => d.code === 'collective-latency-bound' && d.at?.file === child)!;
    assert.equal(childText.slice(inherited.at!.range.start, inherited.at!.range.end), './h.chip.yaml');
    // And a missing section's error too (the workload deleted: "workload.model is required" spanned the file).
    const deleted = await analyze(file, { [file]: text.replace(/^workload:.*\n/m, '') });
    for (const d of deleted.diagnostics)
      assert.ok(d.at!.range.end - d.at!.range.start < 40, `${d.code} spans ${d.at!.range.end - d.at!.range.start} characters`);
  });
});

describe('a YAML slip a user makes', () => {
  const errorOf = async (text: string) => {
    const file = '/ws/y.chip.yaml';
    return (await analyze(file, { [file]: text })).diagnostics.filter((d) => d.severity === 'error');
  };
  it('a key without its colon is said in the config’s words, with the line as meant (a review met "Implicit keys need to be on a single line")', async () => {
    const [joined] = await errorOf('extends: h100-sxm\nchip:\n  tdp 350 W\n  clock: 1.8 GHz\nworkload: { model: llama-3-8b }\n');
    assert.equal(joined!.code, 'yaml-syntax');
    assert.match(joined!.message, /^`tdp 350 W` has no `: ` after a key, .* Did you mean `tdp: 350 W`\?$/);
    // Alone under its section it is the section's value: the same reading, with the fix.
    const [alone] = await errorOf('extends: h100-sxm\nchip:\n  tdp 350 W\nworkload: { model: llama-3-8b }\n');
    assert.equal(alone!.code, 'expected-mapping');
    assert.match(alone!.message, /`tdp 350 W` has no `: ` after its key.*Did you mean `tdp: 350 W`\?/);
    assert.deepEqual(
      alone!.fixes?.map((f) => [f.title, f.newText]),
      [['Change to `tdp: 350 W`', 'tdp: 350 W']],
    );
  });
  it('text after a quoted value says to put it inside the quotes (a review met "Unexpected scalar at node end")', async () => {
    const [e] = await errorOf('name: "Habanero" — 3 nm inference ASIC\nextends: h100-sxm\nworkload: { model: llama-3-8b }\n');
    assert.match(e!.message, /^`— 3 nm inference ASIC` follows a quoted value: .* Put all of it inside the quotes\.$/);
  });
});

describe('a memory generation the model does not have', () => {
  it('suggests the newest of its family, and says nothing of the stacks of the default it fell back to (a review: `hbm4` drew `hbm2` and "8 hbm3 stacks")', async () => {
    const file = '/ws/m.chip.yaml';
    const text =
      'chip: { process: 3 nm, clock: 1.8 GHz, tdp: 900 W, matrix: { units: 64, array: 128x128, macs_per_cycle: { int8: 1 } }, vector: { peak: 80 TFLOPS }, memory: { technology: hbm4, stacks: 8, capacity: 288 GiB, bandwidth: 9.8 TB/s } }\nworkload: { model: llama-3-8b, precision: { weights: int8, activations: int8 } }\n';
    const a = await analyze(file, { [file]: text });
    const bad = a.diagnostics.find((d) => d.code === 'bad-enum')!;
    assert.match(bad.message, /Did you mean `hbm3e`, the newest HBM the model has\?/);
    assert.deepEqual(
      a.diagnostics.filter((d) => d.path?.startsWith('chip.memory.stacks')).map((d) => d.code),
      [],
    );
  });
});

describe('a compute format the model does not have', () => {
  it('is not offered a narrower one as "the newest" (a code review: int16 drew int8)', async () => {
    const file = '/ws/f.chip.yaml';
    const a = await analyze(file, { [file]: 'extends: h100-sxm\nworkload: { model: llama-3-8b, precision: { activations: int16 } }\n' });
    const bad = a.diagnostics.find((d) => d.code === 'bad-enum')!;
    assert.doesNotMatch(bad.message, /the newest/);
  });
});

describe('a sliding window the model declares and the engine does not model', () => {
  it('is said where the context passes it, with what a rolling buffer would change; not below it', async () => {
    // A review: Mistral 7B at 8,000 tokens held 8.39 GB of KV cache per chip without a word.
    const file = '/ws/mistral.chip.yaml';
    const text = (prompt: number) => `extends: h100-sxm\nworkload: { model: mistral-7b, batch: 8, prompt: ${prompt}, output: 1000 }\n`;
    const past = await analyze(file, { [file]: text(7000) });
    const d = past.diagnostics.find((x) => x.code === 'sliding-window');
    assert.equal(d?.severity, 'warning');
    assert.match(d!.message, /sliding window of 4,096 tokens, and prompt \+ output reach 8,000/);
    assert.match(d!.message, /49 % fewer KV bytes/);
    const within = await analyze(file, { [file]: text(3000) });
    assert.equal(
      within.diagnostics.find((x) => x.code === 'sliding-window'),
      undefined,
    );
  });
});
