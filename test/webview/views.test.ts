// The views in headless Chromium, in a page with the host's CSP: marks drawn for the data,
// tooltips with units, clicks that select config keys, export, hostile text kept inert,
// theme changes, state, and no CSP violation anywhere. Screenshots of every view in the
// light, dark and high-contrast themes land in artifacts/webview/ for a human to look at.
//
//   node --import tsx --test test/webview/*.test.ts

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchPoint, OperatorResult, PhaseResult } from '../../model/result';
import { analyzeConfig } from '../../model/analyze';
import { toViewModel } from '../../extension/logic/viewModel';
import { batchCurveReport } from '../../model/report/batchCurve';
import type { ViewModel } from '../../webview/protocol';
import { composite, contrastRatio } from '../../webview/theme';
import { applyTheme, artifactPath, loadFixture, postFromHost, posted, renderCount, violations, waitForRender } from './harness';
import { showTab, viewSession } from './session';
import { THEMES } from './themes';
import { EDITED_BADGE } from '../../webview/header';
import { NO_DECODE_STEP } from '../../model/report/labels';

/** A hand-made batch point states no physical limits (0: none, as model/ranges reads it). */
const NO_LIMITS: BatchPoint['physicalLimits'] = {
  'prefill.ms': 0,
  'decode.msPerToken': 0,
  'response.ms': 0,
  'throughput.outputTokensPerSecond': 0,
  'throughput.perChip': 0,
};

const fixture = loadFixture('llama3-70b');
const handmade = loadFixture('handmade-llama3-70b');
const result = fixture.result!;
const decode = result.phases.decode;
const prefill = result.phases.prefill;

const session = viewSession();

const open = session.open;

const count = (page: Page, selector: string): Promise<number> => page.locator(selector).count();
const choosePhase = async (page: Page, phase: 'prefill' | 'decode'): Promise<void> => {
  const before = await renderCount(page);
  await page.click(`vscode-radio[data-phase=${phase}]`);
  await page.waitForFunction((n) => performance.getEntriesByName('jalapeno:render').length > n, before);
};
const lastPosted = async (page: Page, type: string): Promise<any> => (await posted(page)).filter((m) => m.type === type).pop();

const roofPoints = (phase: PhaseResult): OperatorResult[] =>
  phase.operators.filter((op) => op.flops > 0 && op.offChipBytes > 0 && op.time.total > 0);
const nonZero = (values: number[]): number => values.filter((v) => v > 0).length;

describe('dataflow view', () => {
  it('draws one node per operator of the phase, fixed-function ones as squares, and follows the phase switch', async () => {
    const page = await open({ view: fixture });
    assert.equal(await count(page, '#view-dataflow .node'), decode.operators.length);
    assert.equal(await count(page, '#view-dataflow .node.fixed rect.mark'), decode.operators.filter((op) => op.fixedFunction).length);
    assert.equal(await count(page, '#view-dataflow .edge-offchip'), decode.operators.filter((op) => op.offChipBytes > 0).length);
    assert.equal(
      await count(page, '#view-dataflow .edge-level'),
      decode.operators.reduce((n, op) => n + nonZero(Object.values(op.levelBytes)), 0),
    );
    assert.equal(await count(page, '#view-dataflow rect.memory-block'), result.chip.memoryLevels.length);
    assert.equal(await count(page, '#view-dataflow .edge-activations'), decode.operators.length - 1);
    const caption = await page.locator('#view-dataflow .panel-title').textContent();
    assert.match(caption ?? '', /× 80/);
    await choosePhase(page, 'prefill');
    assert.equal(await count(page, '#view-dataflow .node'), prefill.operators.length);
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().phase), 'prefill');
  });

  it('flags operators that fell back from fixed function', async () => {
    const page = await open({ view: handmade });
    const fellBack = handmade.result!.phases.decode.operators.filter((op) => op.fellBack).length;
    assert.ok(fellBack > 0);
    assert.equal(await count(page, '#view-dataflow .node.fell-back .fell-back-ring'), fellBack);
    assert.equal(await count(page, '#view-dataflow .node-label:has-text("⚠")'), fellBack);
  });

  it('shows a tooltip with units on hover, and a click selects the governing key', async () => {
    const page = await open({ view: fixture });
    const op = decode.operators.reduce((a, b) => (b.time.total * b.count > a.time.total * a.count ? b : a));
    const node = page.locator(`#view-dataflow .node[data-op="${op.id}"]`);
    await node.hover();
    const tip = page.locator('.tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = await tip.innerText();
    assert.match(text ?? '', new RegExp(op.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(text ?? '', /\d (ms|µs|ns)\b/);
    assert.match(text ?? '', /\d (kB|MB|GB)\b/);
    await node.click();
    assert.deepEqual(await lastPosted(page, 'selectKey'), { type: 'selectKey', path: op.governingKey });
    // The same operator is highlighted in the other views.
    assert.ok((await count(page, `#view-bandwidth .op-mark.selected[data-op="${op.id}"]`)) > 0);
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().selectedOperatorId), op.id);
  });

  it('is reachable from the keyboard: Enter on a focused node selects its key', async () => {
    const page = await open({ view: fixture });
    const op = decode.operators[1]!;
    await page.locator(`#view-dataflow .node[data-op="${op.id}"]`).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(page, 'selectKey'), { type: 'selectKey', path: op.governingKey });
  });
});

describe('memory-bandwidth view', () => {
  it('draws a roof per dtype and per memory level, a point per operator with arithmetic, spans and byte bars', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'bandwidth');
    const dtypes = Object.values(result.chip.peakOpsPerSecond).filter((v) => (v ?? 0) > 0).length;
    assert.equal(await count(page, '#view-bandwidth path.roof-compute'), dtypes);
    // One roof per memory level the chip declares, and the links'.
    const roofs = result.chip.memoryLevels.length + 1;
    assert.equal(await count(page, '#view-bandwidth path.roof-memory'), roofs);
    assert.equal(await count(page, '#view-bandwidth path.roof'), dtypes + roofs);
    assert.equal(await count(page, '#view-bandwidth .roofline-point'), roofPoints(decode).length);
    assert.equal(await count(page, '#view-bandwidth rect.span'), decode.operators.length);
    const kindBars = decode.operators.reduce(
      (n, op) => n + nonZero([op.bytes.weights, op.bytes.kvRead, op.bytes.kvWrite, op.bytes.activations, op.bytes.link]),
      0,
    );
    const levelBars = decode.operators.reduce((n, op) => n + nonZero(Object.values(op.levelBytes)), 0);
    assert.equal(await count(page, '#view-bandwidth rect.bar[data-series]'), kindBars + levelBars);
    const ticks = await page.locator('#view-bandwidth .axis-left text').allTextContents();
    assert.ok(
      ticks.some((t) => /^\d+ [GTP]$/.test(t)),
      `log ticks with SI prefixes: ${ticks.join(', ')}`,
    );
    await choosePhase(page, 'prefill');
    assert.equal(await count(page, '#view-bandwidth .roofline-point'), roofPoints(prefill).length);
  });

  it('hovering a roofline point shows intensity and rate with units; clicking selects its key', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'bandwidth');
    // Points can coincide: take one that is on top at its own centre.
    const id = await page.evaluate(
      () =>
        [...document.querySelectorAll<SVGGElement>('#view-bandwidth .roofline-point')].find((g) => {
          const box = g.getBoundingClientRect();
          return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.closest('.roofline-point') === g;
        })?.dataset.op,
    );
    const op = decode.operators.find((o) => o.id === id)!;
    const point = page.locator(`#view-bandwidth .roofline-point[data-op="${op.id}"]`);
    await point.hover();
    const text = await page.locator('.tooltip').innerText();
    assert.match(text ?? '', /op\/B/);
    assert.match(text ?? '', /\d (T|P|G)?(FLOPS|OPS)\b/);
    await point.click();
    assert.deepEqual(await lastPosted(page, 'selectKey'), { type: 'selectKey', path: op.governingKey });
  });
});

describe('latency view', () => {
  it('stacks classes per phase for both designs with bound error bars, batch curves and sensitivity bars', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'latency');
    for (const [phase, p] of [
      ['prefill', prefill],
      ['decode', decode],
    ] as const) {
      const classes = new Set(p.operators.filter((op) => op.time.total * op.count > 0).map((op) => op.class));
      const bars = await count(page, `#view-latency .breakdown-${phase} .class-bar[data-row=design]:not([data-class=other])`);
      assert.equal(bars, classes.size, phase);
      assert.ok((await count(page, `#view-latency .breakdown-${phase} .class-bar[data-row=baseline]`)) > 0);
    }
    assert.equal(await count(page, '#view-latency .error-bar'), 4);
    const points = fixture.batchCurve.design.length + fixture.batchCurve.baseline.length;
    assert.equal(await count(page, '#view-latency .batch-point'), 2 * points);
    assert.equal(await count(page, '#view-latency .batch-point.current'), 2);
    assert.equal(await count(page, '#view-latency .sensitivity-bar'), Math.min(10, fixture.sensitivity.length));

    await page.locator('#view-latency .breakdown-decode .class-bar[data-row=design]').first().hover();
    assert.match(await page.locator('.tooltip').innerText(), /\d (ms|µs)\b/);
    const top = [...fixture.sensitivity].sort((a, b) => Math.abs(b.decodeMsPerToken) - Math.abs(a.decodeMsPerToken))[0]!;
    await page.locator(`#view-latency .sensitivity-bar[data-key="${top.path}"]`).click();
    assert.deepEqual(await lastPosted(page, 'selectKey'), { type: 'selectKey', path: top.path });
    await page.locator('#view-latency .batch-point.current').first().click();
    assert.deepEqual(await lastPosted(page, 'selectKey'), { type: 'selectKey', path: 'workload.batch' });
  });

  it('with one output token, charts what the keys do to the time to first token: no decode step runs', async () => {
    const view = structuredClone(fixture);
    view.report.design!.metrics.find((m) => m.id === 'decode.msPerToken')!.note = NO_DECODE_STEP;
    const page = await open({ view });
    await showTab(page, 'latency');
    const text = (await page.locator('#view-latency svg').first().textContent()) ?? '';
    assert.match(text, /Sensitivity of time to first token/);
    assert.doesNotMatch(text, /Sensitivity of decode latency/);
    const top = [...view.sensitivity].sort((a, b) => Math.abs(b.prefillMs) - Math.abs(a.prefillMs))[0]!;
    const first = page.locator('#view-latency .sensitivity-bar').first();
    assert.equal(await first.getAttribute('data-key'), top.path);
  });

  it('draws the die area by component for both designs, with area and share in the tooltip', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'latency');
    const mine = fixture.report.design!.silicon!,
      theirs = fixture.report.baseline!.report.silicon!;
    assert.equal(await count(page, '#view-latency .area-bar[data-row=design]'), mine.areaByComponent.length);
    assert.equal(await count(page, '#view-latency .area-bar[data-row=baseline]'), theirs.areaByComponent.length);
    await page.locator('#view-latency .area-bar[data-row=design][data-component=sram]').hover();
    const sram = mine.areaByComponent.find((c) => c.key === 'sram')!;
    const tooltip = await page.locator('.tooltip').innerText();
    assert.ok(tooltip.includes(sram.text) && tooltip.includes(sram.shareText), tooltip);
    // The data table is built when its details are opened.
    await page.locator('#view-latency details.data-table summary', { hasText: 'die area' }).click();
    const area = fixture.report.design!.metrics.find((m) => m.id === 'silicon.dieAreaMm2')!;
    // The table is built on the details' toggle event: wait for it, not for the click.
    const details = page.locator('#view-latency details.data-table', { hasText: 'die area' });
    await details.locator('table', { hasText: 'Total' }).waitFor();
    const table = await details.innerText();
    assert.match(table, new RegExp(`Total\\s+${area.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), table);
  });

  it('says electricity only and gives no cost win when the design has no chip price', async () => {
    // A real analysis of a chip whose price is neither given nor modellable (tpu-v4 has no
    // `cost.chip_price` and no `chip.process`) against a priced baseline.
    const file = '/ws/unpriced.chip.yaml';
    const text = 'extends: tpu-v4\nworkload:\n  model: llama-3-8b\ncompare: jalapeno\n';
    const analysis = await analyzeConfig(
      text,
      file,
      { read: async (p) => (p === file ? text : undefined), rootOf: () => '/ws', realPath: async (p) => p },
      { sensitivity: true, batchCurve: true },
    );
    const view = JSON.parse(JSON.stringify(toViewModel(analysis, file, new Date(0)))) as ViewModel;
    const page = await open({ view });
    const comparison = await page.locator('.comparison').innerText();
    assert.match(comparison, /cost per response\s+not comparable: no chip price on one side/);
    assert.doesNotMatch(comparison, /cheaper|dearer|Infinity|∞/);
    assert.match(await page.locator('[data-metric="cost.usdPerMillionOutputTokens"]').innerText(), /electricity only: no chip price/);
    assert.equal(await count(page, '[data-metric="silicon.chipPriceUsd"]'), 0);
    await showTab(page, 'latency');
    // The baseline's die is still drawn; this design has none.
    assert.equal(await count(page, '#view-latency .area-bar[data-row=design]'), 0);
    assert.ok((await count(page, '#view-latency .area-bar[data-row=baseline]')) > 0);
  });

  it('the baseline checkbox hides the baseline everywhere', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'latency');
    assert.equal(await count(page, '.comparison'), 1);
    const before = await renderCount(page);
    await page.click('vscode-checkbox[data-control=baseline]');
    await page.waitForFunction((n) => performance.getEntriesByName('jalapeno:render').length > n, before);
    assert.equal(await count(page, '.comparison'), 0);
    assert.equal(await count(page, '#view-latency .class-bar[data-row=baseline]'), 0);
    assert.equal(await count(page, '#view-latency .error-bar'), 2);
    assert.equal(await count(page, '#view-latency .batch-point'), 2 * fixture.batchCurve.design.length);
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().showBaseline), false);
  });

  it('marks batch sizes that do not fit in memory', async () => {
    const view = structuredClone(fixture);
    view.batchCurve.design.push(
      ...batchCurveReport(
        [
          {
            batch: 512,
            decodeMsPerToken: 30,
            prefillMs: 9000,
            outputTokensPerSecond: 9000,
            fits: false,
            physicalLimits: NO_LIMITS,
            decodeSteps: 127,
          },
        ],
        'seen',
        true,
      ),
    );
    const page = await open({ view });
    await showTab(page, 'latency');
    assert.equal(await count(page, '#view-latency .batch-point.no-fit'), 2);
    assert.equal(await count(page, '#view-latency .no-fit-region'), 2);
  });

  it('shows a sweep from the host as small multiples', async () => {
    const page = await open({ view: fixture });
    await postFromHost(page, {
      type: 'sweep',
      path: 'chip.memory.bandwidth',
      points: [
        { value: '3.28 TB/s', metrics: fixture.report.design!.metrics, errors: 0 },
        { value: '4.8 TB/s', metrics: handmade.report.design!.metrics, errors: 0 },
        { value: '-1 TB/s', metrics: null, errors: 1 },
      ],
    });
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().tab), 'latency');
    assert.equal(await count(page, '#view-latency .sweep-chart'), 4);
    assert.equal(await count(page, '#view-latency .sweep-point'), 8);
    assert.equal(await count(page, '#view-latency .sweep-failed'), 4);
  });

  it('draws a sweep of an earlier text of the config faded, and says so (a review: it kept its old numbers beside the new ones)', async () => {
    const page = await open({ view: { ...fixture, revision: 'a' } });
    const points = [
      { value: '3.28 TB/s', metrics: fixture.report.design!.metrics, errors: 0 },
      { value: '4.8 TB/s', metrics: handmade.report.design!.metrics, errors: 0 },
    ];
    await postFromHost(page, { type: 'sweep', path: 'chip.memory.bandwidth', points, revision: 'a' });
    assert.equal(await count(page, '#view-latency .stale'), 0);
    // The config is edited and saved: the next update is of another text.
    await postFromHost(page, { type: 'update', view: { ...fixture, revision: 'b' } });
    assert.equal(await count(page, '#view-latency .sweep-chart'), 4);
    assert.equal(await count(page, '#view-latency .stale'), 1);
    assert.match(await page.locator('#view-latency').innerText(), /of an earlier version of the config/);
  });
});

describe('serving view', () => {
  const servingFixture = loadFixture('serving-fleet');
  const serving = servingFixture.result!.serving!;
  const baselineServing = servingFixture.baselineServing!.serving!;

  it("the header leads with the traffic's cards, the static batch's folded under them, and keeps that shape while the traffic is simulated", async () => {
    // While simulating: no traffic cards yet, the batch's already folded (the header does not unfold and fold again on a save).
    const pendingView = structuredClone(servingFixture) as ViewModel & { result: { serving?: unknown; fleet?: unknown } };
    pendingView.servingPending = true;
    delete pendingView.result.serving;
    delete pendingView.result.fleet;
    delete pendingView.report.traffic;
    pendingView.report.design!.metrics = pendingView.report.design!.metrics.filter((m) => !/^(serving|fleet)\./.test(m.id));
    pendingView.report.baseline!.ratios = pendingView.report.baseline!.ratios.filter((r) => !/^(serving|fleet)\./.test(r.id));
    const page = await open({ view: pendingView, width: 420 });
    assert.match(await page.locator('header.summary .setting[data-group=traffic]').innerText(), /^The configured traffic: simulating/);
    assert.equal(await page.locator('header.summary details.batch-cards').getAttribute('open'), null);
    assert.match(await page.locator('header.summary details.batch-cards > summary').innerText(), /^A static batch: batch 16 · /);
    // Simulated: the traffic's cards first, under their caption; the batch's still folded.
    await postFromHost(page, { type: 'update', view: servingFixture });
    assert.match(
      await page.locator('header.summary .setting[data-group=traffic]').innerText(),
      /^The configured traffic, one instance: Poisson 5 \/s · /,
    );
    const first = await page
      .locator('header.summary dl.headline')
      .first()
      .locator('.metric')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-metric')));
    assert.deepEqual(first, [
      'serving.ttftMs.p99',
      'serving.tpotMs.p99',
      'serving.maxRateAtSlo',
      'fleet.chips',
      'fleet.usdPerMillionOutputTokens',
    ]);
    assert.equal(await page.locator('header.summary details.batch-cards').getAttribute('open'), null);
    assert.equal(await count(page, 'header.summary details.batch-cards .metric'), 8);
    // The next save simulates again: the last simulation's cards, verdicts and charts stand in,
    // faded and said to be (the page had collapsed to one line and back on every save).
    await showTab(page, 'serving');
    const height = await page.evaluate(() => document.body.scrollHeight);
    await postFromHost(page, { type: 'update', view: pendingView });
    assert.match(await page.locator('header.summary .setting[data-group=traffic]').innerText(), /until then, the last simulation, faded$/);
    assert.equal(await count(page, 'header.summary dl.headline.stale .metric'), 5);
    assert.ok((await count(page, 'header.summary .ratio.stale')) > 0);
    assert.equal(await count(page, '#view-serving div.stale svg.chart'), await count(page, '#view-serving svg.chart'));
    assert.ok((await count(page, '#view-serving svg.chart')) > 0);
    assert.ok((await page.evaluate(() => document.body.scrollHeight)) > 0.9 * height);
    // Another config with no traffic: the views leave its empty Serving tab for the first one.
    assert.notEqual(fixture.file, servingFixture.file);
    await postFromHost(page, { type: 'update', view: fixture });
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().tab), 'dataflow');
    // Left on its Bandwidth tab, then back to the traffic config and back again: each config
    // opens on the tab it was left on (a review chose the Serving tab again at every switch).
    await showTab(page, 'bandwidth');
    await postFromHost(page, { type: 'update', view: servingFixture });
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().tab), 'serving');
    await postFromHost(page, { type: 'update', view: fixture });
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().tab), 'bandwidth');
    // Each choice is told to the host, which keeps it past this page (a panel closed and opened
    // again starts with no state) and sends it with a config's first update to a new page.
    assert.deepEqual(await lastPosted(page, 'tab'), { type: 'tab', file: fixture.file, tab: 'bandwidth' });
    const reopened = await open({ view: servingFixture });
    assert.equal(await reopened.evaluate(() => (globalThis as any).__getState().tab), 'dataflow');
    await postFromHost(reopened, { type: 'update', view: fixture, tab: 'latency' });
    assert.equal(await reopened.evaluate(() => (globalThis as any).__getState().tab), 'latency');
  });

  it('draws latency against load for both designs with the SLO lines and the knee, the distributions and the timeline', async () => {
    const page = await open({ view: servingFixture });
    await showTab(page, 'serving');
    // p50 and p99 curves for this design and the baseline, in both load charts.
    assert.equal(await count(page, '#view-serving .load-ttftMs path.load-curve'), 4);
    // The configured rate marked on both load charts' axes, named in its tooltip.
    assert.equal(serving.offeredRequestsPerSecond, 5);
    assert.equal(await count(page, '#view-serving path.offered-mark'), 2);
    assert.match(
      (await page.locator('#view-serving path.offered-mark title').first().textContent()) ?? '',
      /^The configured traffic: 5 req\/s/,
    );
    assert.equal(await count(page, '#view-serving .load-tpotMs path.load-curve'), 4);
    assert.equal(
      await count(page, '#view-serving .load-ttftMs .load-points circle'),
      serving.loadCurve.length + baselineServing.loadCurve.length,
    );
    assert.equal(await count(page, '#view-serving .load-chart .slo-line'), 2, 'TTFT and TPOT targets');
    // This design's highest rate within the SLO, and the baseline's in its colour (a workbench review saw only this design's).
    assert.equal(await count(page, '#view-serving .load-chart .knee-line'), 4);
    assert.equal(await count(page, '#view-serving .load-chart .knee-baseline'), 2);
    assert.match(
      (await page.locator('#view-serving .knee-baseline title').first().textContent()) ?? '',
      new RegExp(`^${baselineServing.maxRateAtSlo !== undefined ? '.+: at most [\\d.]+ req/s within the SLO$' : ''}`),
    );
    // The open markers are in the legend.
    assert.ok((await page.locator('#view-serving .legend-label').allTextContents()).includes('open: p99 misses the SLO'));
    assert.equal(await count(page, '#view-serving .histogram-ttft .bars rect'), serving.ttftHistogramMs.counts.length);
    assert.equal(await count(page, '#view-serving .histogram-tpot .bars rect'), serving.tpotHistogramMs.counts.length);
    assert.equal(await count(page, '#view-serving path.timeline-batch'), 1);
    assert.equal(await count(page, '#view-serving path.timeline-queue'), 1);
    const knee = await page.locator('#view-serving .load-ttftMs text:has-text("at SLO")').textContent();
    assert.match(knee ?? '', new RegExp(`max ${Number(serving.maxRateAtSlo!.toPrecision(3))}`));
    const fleet = await page.locator('#view-serving .fleet-line').allTextContents();
    assert.equal(fleet.length, 2, 'this fleet and the all-baseline fleet');
    assert.match(
      fleet[0]!,
      new RegExp(
        `${servingFixture.result!.fleet!.replicas} \\[\\d+\u2060–\u2060\\d+\\] replicas \\+ ${servingFixture.result!.fleet!.standbyReplicas} \\[\\d+\u2060–\u2060\\d+\\] standby`,
      ),
      'the range kept whole by word joiners about its dash',
    );
    // Who stands by (an H100 beside Jalapeño replicas), as the CLI says; the instance table carries the p99's range.
    assert.match(fleet[0]!, /chips \(\d+ of this design \+ \d+ NVIDIA H100 SXM5 80GB on standby\)/);
    // Each fleet's cost names the chip price it stands on, and the verdict compares them at one basis
    // (a review read a modelled ASIC against a market-priced H100 as the bare costs' ratio).
    assert.match(fleet[0]!, /; chips at \$[\d,]+ \(modelled at \d+% margin\)\)\.$/);
    assert.match(fleet[1]!, /; chips at \$[\d,]+ \(the h100-sxm preset's estimate\)\)\.$/);
    const verdict = servingFixture.report.baseline!.ratios.find((r) => r.id === 'fleet.usdPerMillionOutputTokens')!;
    assert.equal(
      await page.locator('#view-serving .fleet-verdict').textContent(),
      `Cost per million output tokens against ${fleet[1]!.split(':')[0]}: ${verdict.wording}.`,
    );
    assert.match(verdict.wording, /at modelled chip prices/);
    await page.locator('#view-serving details.data-table summary').first().click();
    const instance = await page.locator('#view-serving details.data-table table').first().innerText();
    assert.match(instance, /p99 [\d.]+ ms \[[\d.]+\u2060–\u2060[\d.]+\u00a0ms\]/);
    // Rates as the report writes them, the unit once, before the range.
    assert.match(instance, /[\d.]+ req\/s \[[\d.]+\u2060–\u2060[\d.]+\u00a0req\/s\]/);
    assert.doesNotMatch(instance, /\] req\/s/);
    // The histograms' last bar says it holds the tail, on the chart.
    assert.equal(await count(page, '#view-serving .histogram-ttft .tail-label'), 1);
  });

  it("shows a load point's percentiles with units on hover, and hides the baseline when asked", async () => {
    const page = await open({ view: servingFixture });
    await showTab(page, 'serving');
    await page.locator('#view-serving .load-ttftMs .load-points circle').last().hover();
    const tip = page.locator('.tooltip');
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.innerText(), /TTFT p50 \/ p99\s+[\d.]+ (ms|s) \/ [\d.]+ (ms|s)/);
    const page2 = await open({ view: servingFixture, initialState: { showBaseline: false, tab: 'serving' } });
    assert.equal(await count(page2, '#view-serving .load-ttftMs path.load-curve'), 2);
  });

  it('explains how to get a serving simulation when the config has none', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'serving');
    assert.match((await page.locator('#view-serving .no-result').textContent()) ?? '', /serving:/);
  });
});

describe('page', () => {
  it('header shows the headline numbers with units and the baseline ratios', async () => {
    const page = await open({ view: fixture });
    assert.equal(await page.locator('h1.design-name').textContent(), fixture.name);
    const metrics = await page.locator('.headline .metric').allTextContents();
    assert.ok(metrics.some((m) => /Decode.*ms\/token/.test(m)));
    assert.ok(metrics.some((m) => /Time to first token.*ms/.test(m)));
    assert.ok(metrics.some((m) => /tok\/s/.test(m)));
    assert.ok(metrics.some((m) => /\d W/.test(m)));
    assert.ok(metrics.some((m) => /\$.*\/1M tok/.test(m)));
    const ratios = await page.locator('.comparison .ratio').allTextContents();
    const expected = fixture.report.baseline!.ratios;
    assert.equal(ratios.length, expected.length);
    // The report's wording, as every other surface prints it: a clear verdict with its words, the
    // ones the ranges cannot tell apart by name after "no clear difference in", their words in the tooltip.
    const clear = expected.filter((r) => r.verdict !== 'uncertain');
    const unclear = expected.filter((r) => r.verdict === 'uncertain');
    assert.deepEqual(ratios, [...clear.map((r) => `${r.label} ${r.wording}`), ...unclear.map((r) => r.label)]);
    for (const r of unclear)
      assert.ok(
        (await page.locator(`.comparison .ratio[data-metric="${r.id}"]`).getAttribute('title'))!.startsWith(`${r.label}: ${r.wording}. `),
      );
  });

  it('renders hostile names and titles as inert text', async () => {
    const name = '<img src=x onerror=alert(1)></script><b>bold</b>';
    const title = '</title><script>alert(2)</script>';
    const page = await open({ view: { ...fixture, name, file: '<svg onload=alert(3)>.chip.yaml' }, title });
    assert.equal(await page.locator('h1.design-name').textContent(), name);
    assert.equal(await page.title(), title);
    assert.equal(await count(page, 'img, b, #app svg[onload]'), 0);
    assert.equal(await page.evaluate(() => (globalThis as any).__alerts), 0);
    await page.click('vscode-button[data-export=svg]');
    await page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'export'));
    const svg = (await lastPosted(page, 'export')).data as string;
    assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;&lt;\/script&gt;/);
    assert.doesNotMatch(svg, /<img|<script/);
  });

  it('ignores malformed and unknown messages', async () => {
    const page = await open({ view: fixture });
    const before = await renderCount(page);
    const broken = structuredClone(fixture) as any;
    delete broken.result.phases.decode.operators[0].time;
    for (const message of [
      { type: 'update', view: { name: 'x' } },
      { type: 'update', view: broken },
      { type: 'explode' },
      'update',
      null,
      7,
    ]) {
      await postFromHost(page, message, { expectRender: false });
    }
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.equal(await renderCount(page), before);
    assert.equal(await page.locator('h1.design-name').textContent(), fixture.name);
  });

  it('exports each view as SVG that parses, with concrete colours, and as PNG', async () => {
    const page = await open({ view: fixture });
    for (const tab of ['dataflow', 'bandwidth', 'latency']) {
      await showTab(page, tab);
      await page.click('vscode-button[data-export=svg]');
      await page.waitForFunction(
        (t) => (globalThis as any).__posted.some((m: any) => m.type === 'export' && m.view === t && m.format === 'svg'),
        tab,
      );
      const svg = (await posted(page)).filter((m) => m.type === 'export' && m.view === tab && m.format === 'svg').pop().data as string;
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.nodeName,
          marks: doc.querySelectorAll('rect, circle, path').length,
        };
      }, svg);
      assert.equal(parsed.error, null, `${tab}: ${parsed.error}`);
      assert.equal(parsed.root, 'svg');
      assert.ok(parsed.marks > 10);
      assert.doesNotMatch(svg, /var\(--/, 'colours are inlined');
      assert.doesNotMatch(svg, /tabindex|role="button"/);
    }
    await page.click('vscode-button[data-export=png]');
    await page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'export' && m.format === 'png'));
    const png = (await lastPosted(page, 'export')).data as string;
    assert.match(png, /^data:image\/png;base64,/);
    const bytes = Buffer.from(png.slice(png.indexOf(',') + 1), 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    const svgWidth = await page.evaluate(() => (document.querySelector('#view-latency svg.chart') as SVGSVGElement).width.baseVal.value);
    assert.equal(bytes.readUInt32BE(16), Math.round(svgWidth * 2), 'PNG at twice the chart size');
  });

  it('answers a report request with one SVG per view', async () => {
    const page = await open({ view: fixture });
    await postFromHost(page, { type: 'requestCharts', requestId: 7 }, { expectRender: false });
    await page.waitForFunction(() => (globalThis as any).__posted.some((m: any) => m.type === 'charts'));
    const reply = await lastPosted(page, 'charts');
    assert.equal(reply.requestId, 7);
    assert.deepEqual(
      reply.charts.map((c: any) => c.view),
      ['dataflow', 'bandwidth', 'latency'],
    );
  });

  it('keeps tab, phase and file in its state and restores from it without the host', async () => {
    const page = await open({ view: fixture });
    await showTab(page, 'bandwidth');
    await choosePhase(page, 'prefill');
    const state = await page.evaluate(() => (globalThis as any).__getState());
    assert.equal(state.tab, 'bandwidth');
    assert.equal(state.phase, 'prefill');
    assert.equal(state.file, fixture.file);

    const restored = await open({ initialState: state });
    await restored.waitForFunction(() => performance.getEntriesByName('jalapeno:render').length > 0);
    assert.equal(await restored.locator('vscode-tab-panel[data-view=bandwidth]').evaluate((el) => (el as HTMLElement).hidden), false);
    assert.equal(await restored.locator('vscode-radio[data-phase=prefill]').evaluate((el) => (el as any).checked), true);
    assert.equal(await count(restored, '#view-bandwidth .roofline-point'), roofPoints(prefill).length);
  });

  it('re-reads the theme colours when VS Code switches theme', async () => {
    const page = await open({ view: fixture, theme: 'dark' });
    // A compute-bound operator: the reference's decode, its arrays at the pooled 60 % of peak, has no memory-bound one.
    const computeBound = decode.operators.find((op) => op.bottleneck === 'compute' && !op.fixedFunction && !op.fellBack)!;
    const fill = (): Promise<string | null> =>
      page.locator(`#view-dataflow .node[data-op="${computeBound.id}"] .mark`).getAttribute('fill');
    const dark = await fill();
    assert.equal(dark, THEMES.dark.variables['charts-orange']);
    await applyTheme(page, 'light');
    // The light theme's orange, darkened where needed to keep 3:1 on the light background (theme.ts legibleOn).
    const light = await fill();
    assert.notEqual(light, dark);
    assert.ok(contrastRatio(light!, THEMES.light.variables['editor-background']!)! >= 3, `${light}`);
    await applyTheme(page, 'high-contrast');
    assert.equal(
      await page.locator(`#view-dataflow .node[data-op="${computeBound.id}"] .mark`).getAttribute('stroke'),
      THEMES['high-contrast'].variables.contrastBorder,
    );
  });

  it('dataflow nodes keep 3:1 contrast with the background and the lane bands in the light and dark themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await open({ view: fixture, theme });
      const vars = THEMES[theme].variables;
      const background = vars['editor-background']!;
      // media/views.css: the odd lane band is the foreground at 7 % over the background.
      const band = composite(background, vars['charts-foreground']!, 0.07);
      const fills = await page.locator('#view-dataflow .node .mark').evaluateAll((marks) => marks.map((m) => m.getAttribute('fill') ?? ''));
      assert.ok(fills.length > 0);
      for (const fill of new Set(fills)) {
        for (const surface of [background, band]) {
          const ratio = contrastRatio(fill, surface)!;
          assert.ok(ratio >= 3, `${theme}: ${fill} on ${surface} is ${ratio.toFixed(2)}:1`);
        }
      }
    }
  });

  it("a theme's translucent chart colour (charts.orange comes from minimap.findMatchHighlight) is drawn opaque", async () => {
    const page = await open({ view: fixture, theme: 'dark' });
    const computeBound = decode.operators.find((op) => op.bottleneck === 'compute' && !op.fixedFunction && !op.fellBack)!;
    assert.ok(computeBound, 'the fixture has a compute-bound operator');
    const before = await renderCount(page);
    await page.evaluate(() => document.documentElement.style.setProperty('--vscode-charts-orange', '#d1861640'));
    await waitForRender(page, before);
    assert.equal(await page.locator(`#view-dataflow .node[data-op="${computeBound.id}"] .mark`).getAttribute('fill'), '#d18616');
  });

  it('the vscode-elements controls render under the CSP (adopted style sheets) and answer the keyboard', async () => {
    const page = await open({ view: fixture });
    const sheets = await page.evaluate(() =>
      ['jalapeno-tabs', 'vscode-tab-header', 'vscode-radio', 'vscode-checkbox', 'vscode-button'].map(
        (tag) => document.querySelector(tag)?.shadowRoot?.adoptedStyleSheets.length ?? 0,
      ),
    );
    assert.ok(
      sheets.every((n) => n > 0),
      `adopted style sheets: ${sheets.join(', ')}`,
    );
    const box = await page.locator('vscode-button[data-export=svg]').boundingBox();
    assert.ok(box && box.width > 40 && box.height > 15);
    await page.locator('vscode-tab-header[data-tab=dataflow]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).__getState().tab === 'bandwidth');
    await page.locator('vscode-radio[data-phase=decode]').focus();
    const before = await renderCount(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => performance.getEntriesByName('jalapeno:render').length > n, before);
    assert.equal(await page.evaluate(() => (globalThis as any).__getState().phase), 'prefill');
  });

  it('the CSP is enforced: an inline style attribute would be reported (so "no violations" means something)', async () => {
    const viewPage = await session.openUnchecked({ theme: 'dark' });
    const csp = await viewPage.page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.doesNotMatch(csp ?? '', /unsafe-inline/);
    await viewPage.page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await viewPage.page.waitForFunction(() => (globalThis as any).__violations.length > 0);
    assert.match((await violations(viewPage.page))[0].directive, /^style-src/);
    await viewPage.page.context().close();
  });

  it('draws degenerate results (no operators, zero times, no peaks, no curves) without errors', async () => {
    const page = await open({ view: fixture });
    const empty = structuredClone(fixture);
    for (const phase of [empty.result!.phases.prefill, empty.result!.phases.decode]) {
      phase.operators = [];
      phase.seconds = 0;
      phase.bounds = { lowerSeconds: 0, upperSeconds: 0, floorSeconds: 0 };
    }
    empty.result!.chip.peakOpsPerSecond = {};
    empty.batchCurve = { design: [], baseline: [] };
    empty.sensitivity = [];
    empty.report = { ...empty.report, baseline: null };
    await postFromHost(page, { type: 'update', view: empty });
    const zero = structuredClone(fixture);
    for (const op of zero.result!.phases.decode.operators) {
      const zeroLevels = Object.fromEntries(Object.keys(op.levelBytes).map((id) => [id, 0])) as typeof op.levelBytes;
      op.flops = 0;
      op.offChipBytes = 0;
      op.levelBytes = zeroLevels;
      op.arithmeticIntensity = 0;
      op.bytes = { weights: 0, kvRead: 0, kvWrite: 0, activations: 0, link: 0 };
      op.time = { compute: 0, levels: { ...zeroLevels }, link: 0, overhead: 0, total: 0 };
    }
    zero.result!.phases.decode.seconds = 0;
    zero.batchCurve.design = zero.batchCurve.design.slice(0, 1);
    await postFromHost(page, { type: 'update', view: zero });
    for (const tab of ['dataflow', 'bandwidth', 'latency']) await showTab(page, tab);
    assert.equal(await count(page, '.render-error'), 0, (await page.locator('.render-error').allTextContents()).join(' | '));
    const nan = await page.evaluate(() =>
      [...document.querySelectorAll('svg.chart *')].flatMap((el) =>
        [...el.attributes].filter((a) => /NaN|Infinity/.test(a.value)).map((a) => `${el.nodeName}.${a.name}=${a.value}`),
      ),
    );
    assert.deepEqual(nan, []);
  });

  it('a narrow panel has one scrollbar at most: the page never overflows, the tabs wrap in their strip, charts fit down to 320 px', async () => {
    for (const [width, view] of [
      [320, loadFixture('serving-fleet')],
      [450, fixture],
      [600, fixture],
    ] as const) {
      const page = await open({ view, width, theme: width === 320 ? 'light' : 'dark' });
      // Each tab header inside the page, none cut at its edge (the strip wraps rather than running past the panel).
      const headers = await page.locator('vscode-tab-header').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, page: document.documentElement.clientWidth };
        }),
      );
      assert.equal(headers.length, 4);
      for (const h of headers)
        assert.ok(h.left >= 0 && h.right <= h.page, `${width} px: a tab header at ${h.left}–${h.right} of ${h.page}`);
      for (const tab of ['dataflow', 'bandwidth', 'latency', 'serving']) {
        await showTab(page, tab);
        const m = await page.evaluate((t) => {
          const body = document.querySelector(`#view-${t}`) as HTMLElement;
          return {
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            scrolled: window.scrollX,
            chart: body.scrollWidth - body.clientWidth,
          };
        }, tab);
        assert.ok(m.page <= 0, `${width} px, ${tab}: the page scrolls sideways by ${m.page} px`);
        assert.equal(m.scrolled, 0, `${width} px, ${tab}: selecting the tab scrolled the page sideways`);
        assert.ok(m.chart <= 0, `${width} px, ${tab}: the chart scrolls sideways by ${m.chart} px`);
        if (width === 320) await page.screenshot({ path: artifactPath(`narrow-320-${tab}.png`), fullPage: true });
      }
      // Dataflow lane headers: whole words (a short name when the full one does not fit), never cut; at 320 px a lane is
      // ~20 px wide and its title is written upwards.
      const titles = await page.locator('#view-dataflow .lane-title').allTextContents();
      assert.ok(titles.length >= 5 && titles.every((t) => !t.includes('…')), `${width} px: ${titles.join(' | ')}`);
    }
  });

  it('names the config by its workspace path, the URI only in a tooltip', async () => {
    const page = await open({ view: { ...fixture, file: 'file:///home/u/ws/designs/a.chip.yaml', location: 'designs/a.chip.yaml' } });
    assert.equal(await page.locator('.summary .file').textContent(), 'designs/a.chip.yaml');
    assert.equal(await page.locator('.summary .file').getAttribute('title'), 'file:///home/u/ws/designs/a.chip.yaml');
  });

  it('shows why there is nothing to draw when the config has errors, the first of them with their lines', async () => {
    const error = (line: number, message: string) => ({
      severity: 'error' as const,
      code: 'yaml-syntax',
      message,
      path: '',
      line,
      column: 3,
      endLine: line,
      endColumn: 9,
    });
    const diagnostics = [1, 2, 3, 4, 5].map((n) => error(8 + n, `problem ${n}`));
    const page = await open({
      view: { ...fixture, result: null, report: { ...fixture.report, valid: false, errors: 5, diagnostics, design: null, baseline: null } },
    });
    assert.match((await page.locator('.badge.error').textContent()) ?? '', /5 errors/);
    assert.equal(await count(page, 'svg.chart'), 0);
    assert.ok((await count(page, '.no-result')) > 0);
    assert.deepEqual(await page.locator('.no-result-errors li').allTextContents(), [
      'line 9: problem 1',
      'line 10: problem 2',
      'line 11: problem 3',
      'and 2 more in the Problems panel',
    ]);
  });
});

describe('screenshots', () => {
  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`every view in the ${theme} theme`, async () => {
      const page = await open({ view: fixture, theme, width: 1000 });
      for (const tab of ['dataflow', 'bandwidth', 'latency']) {
        await showTab(page, tab);
        await page.screenshot({ path: artifactPath(`${tab}-${theme}.png`), fullPage: true });
      }
    });
  }
  it('a mixture-of-experts model (Mixtral 8x7B) in the light theme', async () => {
    const page = await open({ view: loadFixture('mixtral-moe'), theme: 'light', width: 1000 });
    for (const tab of ['dataflow', 'bandwidth', 'latency']) {
      await showTab(page, tab);
      await page.screenshot({ path: artifactPath(`${tab}-light-mixtral.png`), fullPage: true });
    }
  });
  it('the serving view (fleet example) in every theme, and narrow', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const page = await open({ view: loadFixture('serving-fleet'), theme, width: 1000 });
      await showTab(page, 'serving');
      await page.screenshot({ path: artifactPath(`serving-${theme}.png`), fullPage: true });
    }
    const narrow = await open({ view: loadFixture('serving-fleet'), theme: 'dark', width: 600 });
    await showTab(narrow, 'serving');
    await narrow.screenshot({ path: artifactPath('serving-dark-narrow.png'), fullPage: true });
  });
  it('a narrow panel (600 px) in the dark theme, prefill', async () => {
    const page = await open({ view: fixture, theme: 'dark', width: 600 });
    await choosePhase(page, 'prefill');
    for (const tab of ['dataflow', 'bandwidth', 'latency']) {
      await showTab(page, tab);
      await page.screenshot({ path: artifactPath(`${tab}-dark-narrow-prefill.png`), fullPage: true });
    }
  });
});

describe('edits not yet evaluated', () => {
  it('mark the header while the editor text differs from the one shown, and the mark goes when it is the same again', async () => {
    const page = await open({ view: fixture });
    const badge = page.locator('header.summary .badge.edited');
    assert.equal(await badge.count(), 0);
    await postFromHost(page, { type: 'edited', edited: true });
    assert.equal(await badge.textContent(), EDITED_BADGE);
    await postFromHost(page, { type: 'edited', edited: false });
    assert.equal(await badge.count(), 0);
  });
});
