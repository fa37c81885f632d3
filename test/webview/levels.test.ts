// The views of chips with other memory levels than SRAM + one memory: a chip with three
// levels (SRAM, HBM, host memory holding the KV cache's overflow; recorded from
// examples/kv-offload.chip.yaml) draws every level in every view, and a chip without SRAM
// draws no SRAM at all. Screenshots land in artifacts/webview/ for a human to look at.
//
//   node --import tsx --test test/webview/levels.test.ts

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../model/analyze';
import type { MemoryLevelId } from '../../model/result';
import { overrideFrom } from '../../model/sweep';
import { nodeFileHost } from '../../cli/nodeHost';
import { toViewModel } from '../../extension/logic/viewModel';
import type { ViewModel } from '../../webview/protocol';
import { artifactPath, ROOT, loadFixture, renderCount } from './harness';
import { showTab, viewSession } from './session';

const offload = loadFixture('kv-offload');
const result = offload.result!;
const decode = result.phases.decode;
const HOST = 'host_lpddr' as MemoryLevelId;

const session = viewSession();

const open = (view: ViewModel, theme: 'dark' | 'light' = 'dark', width = 1100): Promise<Page> => session.open({ view, theme, width });

const count = (page: Page, selector: string): Promise<number> => page.locator(selector).count();
const choosePhase = async (page: Page, phase: 'prefill' | 'decode'): Promise<void> => {
  const before = await renderCount(page);
  await page.click(`vscode-radio[data-phase=${phase}]`);
  await page.waitForFunction((n) => performance.getEntriesByName('jalapeno:render').length > n, before);
};

describe('a chip with three memory levels (SRAM, HBM, host memory)', () => {
  it('the fixture is what it claims: three levels, the KV cache split between HBM and host memory', () => {
    assert.deepEqual(
      result.chip.memoryLevels.map((l) => [l.id, l.onChip, l.main]),
      [
        ['sram', true, false],
        ['memory', false, true],
        ['host_lpddr', false, false],
      ],
    );
    const levels = offload.report.design!.memoryLevels.levels;
    assert.deepEqual(
      levels.map((l) => l.id),
      ['sram', 'memory', 'host_lpddr'],
    );
    const host = levels.find((l) => l.id === HOST)!.metrics.kvCacheShare.value;
    assert.ok(host > 0 && host < 1, `host share ${host}`);
    assert.ok(decode.levelBytes[HOST]! > 0);
  });

  it('dataflow: a bar per level and an edge for every operator-level pair that moves bytes', async () => {
    const page = await open(offload);
    await showTab(page, 'dataflow');
    assert.deepEqual(
      await page.locator('#view-dataflow rect.memory-block').evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))),
      ['memory', 'host_lpddr', 'sram'],
    );
    const pairs = (level: string) => decode.operators.filter((op) => (op.levelBytes[level as MemoryLevelId] ?? 0) > 0).length;
    for (const level of ['sram', 'memory', 'host_lpddr']) {
      assert.equal(await count(page, `#view-dataflow .edge-level[data-level=${level}]`), pairs(level), level);
    }
    assert.ok(pairs('host_lpddr') > 0);
    // Two levels on the left: each bar is named along its length.
    const names = await page.locator('#view-dataflow .level-bar-label').allTextContents();
    assert.ok(names.some((t) => t.startsWith('Host LPDDR5X')) && names.some((t) => t.startsWith('Memory')), names.join(' | '));
    // The header says where the KV cache overflowed to.
    assert.match(await page.locator('body').innerText(), /KV [\d.]+ ?% in Host LPDDR5X \(NVLink-C2C\)/);
    await page.screenshot({ path: artifactPath('levels-dataflow-dark.png'), fullPage: true });
  });

  it('roofline: a roof per level and one for the links; bandwidth view: a strip per off-chip level, a byte series per level', async () => {
    const page = await open(offload);
    await showTab(page, 'bandwidth');
    assert.deepEqual(
      await page.locator('#view-bandwidth path.roof-memory').evaluateAll((els) => els.map((e) => e.getAttribute('data-roof'))),
      ['sram', 'memory', 'host_lpddr', 'link'],
    );
    assert.deepEqual(await page.locator('#view-bandwidth .level-plot').evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))), [
      'memory',
      'host_lpddr',
    ]);
    const series = await page
      .locator('#view-bandwidth rect.bar[data-series^="level-"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-series')))]);
    assert.deepEqual(series.sort(), ['level-host_lpddr', 'level-memory', 'level-sram']);
    const summaries = await page.locator('#view-bandwidth details.data-table summary').allTextContents();
    assert.ok(summaries.includes('Table: Host LPDDR5X (NVLink-C2C) bandwidth across one decode step'), summaries.join(' | '));
    await page.screenshot({ path: artifactPath('levels-bandwidth-dark.png'), fullPage: true });
    await choosePhase(page, 'prefill');
    await page.screenshot({ path: artifactPath('levels-bandwidth-dark-prefill.png'), fullPage: true });
  });

  it('every view renders without error in the light theme at 700 px', async () => {
    const page = await open(offload, 'light', 700);
    for (const tab of ['dataflow', 'bandwidth', 'latency']) {
      await showTab(page, tab);
      await page.screenshot({ path: artifactPath(`levels-${tab}-light-narrow.png`), fullPage: true });
    }
    assert.equal(await count(page, '.render-error'), 0);
  });

  it('a compute ceiling label sits clear of every bandwidth roof, or over a halo where none is clear', async () => {
    // At 700 px the 450 GB/s links roof reaches the peak at the right edge, where the ceilings' labels go.
    const page = await open(offload, 'light', 700);
    await showTab(page, 'bandwidth');
    const labels = await page.evaluate(() => {
      const svg = document.querySelector('#view-bandwidth svg.chart')!;
      const roofs = [...svg.querySelectorAll<SVGPathElement>('path.roof:not(.roof-compute)')];
      return [...svg.querySelectorAll<SVGTextElement>('text.roof-label')].map((text) => {
        const b = text.getBBox();
        const crossed = roofs.some((path) => {
          const length = path.getTotalLength();
          for (let d = 0; d <= length; d += 1) {
            const p = path.getPointAtLength(d);
            if (p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height) return true;
          }
          return false;
        });
        return { text: text.textContent, crossed, halo: text.classList.contains('halo') };
      });
    });
    assert.ok(labels.length >= 3, JSON.stringify(labels));
    for (const l of labels) assert.ok(!l.crossed || l.halo, `${l.text}: crossed by a roof and drawn without a halo`);
    // The same labels are kept, not dropped: one per ceiling value, naming every dtype at it
    // (shortened to "bf16 / fp16 989 TFLOPS" where the full form finds no clear spot: with its unit).
    assert.ok(
      labels.some((l) => /\bbf16\b.* [\d.]+ [kMGTPE]FLOPS$/.test(l.text ?? '')),
      JSON.stringify(labels),
    );
    const ceilings = labels.filter((l) => / peak /.test(l.text ?? '')).map((l) => l.text);
    assert.equal(
      new Set(ceilings.map((t) => t!.replace(/^.* peak /, ''))).size,
      ceilings.length,
      `one label per ceiling value: ${ceilings.join(' | ')}`,
    );
  });
});

describe('a chip without SRAM', () => {
  // The same design evaluated with no SRAM (`chip.sram.capacity: 0 B`), as the host would post it.
  let noSram: ViewModel;
  before(async () => {
    const file = join(ROOT, 'examples/kv-offload.chip.yaml');
    const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(ROOT), {
      overrides: [overrideFrom('chip.sram.capacity', '0 B', 'test')],
      sensitivity: true,
      batchCurve: true,
    });
    noSram = toViewModel(analysis, 'examples/kv-offload.chip.yaml', new Date('2025-01-01T00:00:00.000Z'));
    assert.deepEqual(
      noSram.result!.chip.memoryLevels.map((l) => l.id),
      ['memory', 'host_lpddr'],
    );
  });

  it('draws no SRAM roof, bar, series or bandwidth anywhere', async () => {
    const page = await open(noSram);
    for (const tab of ['dataflow', 'bandwidth']) await showTab(page, tab);
    assert.equal(await count(page, '[data-roof=sram], [data-level=sram], [data-series=level-sram]'), 0);
    // The memory-level charts (the die-area chart's SRAM components are silicon, not a level).
    const text = await page.locator('#view-dataflow svg.chart, #view-bandwidth svg.chart').allTextContents();
    assert.ok(text.length > 0);
    assert.ok(!text.some((t) => /SRAM/.test(t)), 'no SRAM text in any memory-level chart');
    assert.ok(!text.some((t) => /\b1 B\/s/.test(t)), 'no 1 B/s bandwidth');
    assert.equal(await count(page, '.render-error'), 0);
  });
});

describe('a chip with no off-chip memory (SRAM only)', () => {
  // examples/silicon/groq-tsp.chip.yaml: `memory: { technology: none }`, its SRAM stores the weights.
  let sramOnly: ViewModel;
  before(async () => {
    const config = 'examples/silicon/groq-tsp.chip.yaml';
    const file = join(ROOT, config);
    const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(ROOT), { sensitivity: true, batchCurve: true });
    sramOnly = toViewModel(analysis, config, new Date('2025-01-01T00:00:00.000Z'));
    assert.deepEqual(
      sramOnly.result!.chip.memoryLevels.map((l) => [l.id, l.onChip, l.main]),
      [['sram', true, true]],
    );
  });

  it('every view draws the SRAM as the one level, and nothing of an off-chip memory', async () => {
    for (const [theme, width] of [
      ['dark', 1100],
      ['light', 700],
    ] as const) {
      const page = await open(sramOnly, theme, width);
      for (const tab of ['dataflow', 'bandwidth', 'latency']) {
        await showTab(page, tab);
        await page.screenshot({ path: artifactPath(`sram-only-${tab}-${theme}-${width}.png`), fullPage: true });
      }
      assert.equal(await count(page, '.render-error'), 0);
      assert.ok((await count(page, '[data-roof=sram], [data-level=sram]')) > 0, 'the SRAM is drawn');
      assert.equal(await count(page, '[data-roof=memory], [data-level=memory], [data-series=level-memory]'), 0);
      const text = await page.locator('#view-dataflow svg.chart, #view-bandwidth svg.chart').allTextContents();
      assert.ok(!text.some((t) => /\bHBM\b|\b0 B\/s/.test(t)), 'no HBM and no 0 B/s anywhere');
      // The roofline plots its operators per on-chip byte, and the bandwidth strip is the SRAM's.
      assert.ok((await count(page, '#view-bandwidth g.points [data-op]')) >= 8, 'operators on the roofline');
      assert.ok(text.some((t) => /per on-chip byte/.test(t) && /SRAM bandwidth in use/.test(t)));
    }
  });
});

describe('decode roofline labels', () => {
  it('no label overlaps another label or a point, one label per spot, and a leader line joins every label set apart from its point', async () => {
    for (const fixture of ['llama3-70b', 'mixtral-moe', 'kv-offload']) {
      const page = await open(loadFixture(fixture), 'dark', 800);
      await showTab(page, 'bandwidth');
      const boxes = (selector: string) =>
        page.locator(`#view-bandwidth ${selector}`).evaluateAll((els) =>
          els.map((e) => {
            const b = e.getBoundingClientRect();
            return {
              op: e.getAttribute('data-op') ?? e.closest('[data-op]')?.getAttribute('data-op'),
              x: b.x,
              y: b.y,
              w: b.width,
              h: b.height,
            };
          }),
        );
      const geometry = {
        labels: await boxes('.point-label'),
        points: (await boxes('.roofline-point .mark')).map((b) => ({ cx: b.x + b.w / 2, cy: b.y + b.h / 2 })),
        leaders: await boxes('line.leader'),
      };
      const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
        a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
      geometry.labels.forEach((a, i) =>
        geometry.labels.slice(i + 1).forEach((b) => assert.ok(!overlap(a, b), `${fixture}: labels of ${a.op} and ${b.op} overlap`)),
      );
      for (const l of geometry.labels) {
        for (const p of geometry.points)
          assert.ok(!(p.cx > l.x && p.cx < l.x + l.w && p.cy > l.y && p.cy < l.y + l.h), `${fixture}: label of ${l.op} covers a point`);
      }
      for (const leader of geometry.leaders)
        assert.ok(
          geometry.labels.some((l) => l.op === leader.op),
          `${fixture}: leader of ${leader.op} has its label`,
        );
      // Operators at one spot share one label (two labels for one dot cannot be told apart).
      const marks = await boxes('.roofline-point .mark');
      const at = (op: string | null | undefined) => {
        const m = marks.find((b) => b.op === op)!;
        return { x: m.x + m.w / 2, y: m.y + m.h / 2 };
      };
      geometry.labels.forEach((a, i) =>
        geometry.labels.slice(i + 1).forEach((b) => {
          const [pa, pb] = [at(a.op), at(b.op)];
          assert.ok(Math.hypot(pa.x - pb.x, pa.y - pb.y) >= 4, `${fixture}: ${a.op} and ${b.op} sit at one spot but have two labels`);
        }),
      );
      // Most operators are named: a label for each spot, or a dropped few at most.
      assert.ok(
        geometry.labels.length >= Math.min(geometry.points.length, 4),
        `${fixture}: ${geometry.labels.length} labels for ${geometry.points.length} points`,
      );
      await page.locator('#view-bandwidth svg.chart').screenshot({ path: artifactPath(`levels-roofline-${fixture}.png`) });
    }
  });
});
