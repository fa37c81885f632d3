// The 80 % prediction ranges in the views (issue 11, item 5): every band and error bar is
// drawn at the report's numbers (read back through each chart's own axis), none is drawn
// where the report has no range, tables carry the range beside the value, and a ratio whose
// range straddles 1 is labelled a win nowhere on the page. Screenshots of the latency view
// with its bands, light and dark, narrow and wide, land in artifacts/webview/ranges-*.png.
//
//   node --import tsx --test test/webview/ranges.test.ts

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { formatRatio } from '../../model/report/format';
import { findMetric } from '../../model/report/build';
import { RATIOS, rangeAsWorded } from '../../model/report/ratios';
import type { Metric } from '../../model/report/types';
import type { ViewModel } from '../../webview/protocol';
import { composite, contrastRatio } from '../../webview/theme';
import { artifactPath, loadFixture, postFromHost } from './harness';
import { showTab, viewSession } from './session';
import { THEMES, type ThemeName } from './themes';

const fixture = loadFixture('llama3-70b');
const handmade = loadFixture('handmade-llama3-70b');
const serving = loadFixture('serving-fleet');

const session = viewSession();

const open = (view: ViewModel, options: { theme?: ThemeName; width?: number } = {}): Promise<Page> => session.open({ ...options, view });

/** Opens every data table under `scope` and returns their text. */
async function tablesText(page: Page, scope: string): Promise<string> {
  const details = page.locator(`${scope} details.data-table`);
  for (let i = 0; i < (await details.count()); i++) {
    await details.nth(i).locator('summary').click();
    await details.nth(i).locator('table').waitFor();
  }
  return (await details.allInnerTexts()).join('\n');
}

/**
 * A chart's axis as a function from value to pixel, rebuilt from two of its ticks (their
 * positions and the numbers their labels print), for the linear axes the bands are drawn on.
 */
async function axisScale(page: Page, axis: string, orient: 'x' | 'y'): Promise<(v: number) => number> {
  const ticks = await page
    .locator(`${axis} .tick`)
    .evaluateAll((nodes) => nodes.map((n) => ({ transform: n.getAttribute('transform') ?? '', label: n.textContent ?? '' })));
  const parsed = ticks
    .map((t) => {
      const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(t.transform);
      const si = /^([-\d.,]+)\s*([kMG]?)$/.exec(t.label.trim());
      if (!m || !si) return undefined;
      const scale = { '': 1, k: 1e3, M: 1e6, G: 1e9 }[si[2] as '' | 'k' | 'M' | 'G'];
      return { px: Number(orient === 'x' ? m[1] : m[2]), value: Number(si[1]!.replace(/,/g, '')) * scale };
    })
    .filter((t): t is { px: number; value: number } => t !== undefined);
  assert.ok(parsed.length >= 2, `${axis}: fewer than two readable ticks (${JSON.stringify(ticks)})`);
  const [a, b] = [parsed[0]!, parsed[parsed.length - 1]!];
  return (v) => a.px + ((v - a.value) * (b.px - a.px)) / (b.value - a.value);
}

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} px, expected ${expected} px`);

const metricOf = (view: ViewModel, side: 'design' | 'baseline', id: string): Metric => {
  const report = side === 'design' ? view.report.design! : view.report.baseline!.report;
  return report.metrics.find((m) => m.id === id)!;
};

describe('prediction ranges in the latency breakdown', () => {
  it('draws an error strip at the report range of each total, design and baseline, on the panel axis', async () => {
    const page = await open(fixture);
    await showTab(page, 'latency');
    for (const [phase, id] of [
      ['decode', 'decode.msPerToken'],
      ['prefill', 'prefill.ms'],
    ] as const) {
      const panel = `#view-latency .breakdown-${phase}`;
      const x = await axisScale(page, `${panel} .axis-bottom`, 'x');
      for (const side of ['design', 'baseline'] as const) {
        const m = metricOf(fixture, side, id);
        assert.ok(m.range, `${side} ${id} has a range in the fixture`);
        const strip = page.locator(`${panel} .range-strip[data-row=${side}]`);
        assert.equal(await strip.count(), 1);
        assert.equal(Number(await strip.getAttribute('data-low')), m.range.low);
        assert.equal(Number(await strip.getAttribute('data-high')), m.range.high);
        const rect = strip.locator('rect.range-strip-fill');
        const left = Number(await rect.getAttribute('x'));
        const width = Number(await rect.getAttribute('width'));
        // Tick positions are rounded by d3-axis to 0.5 px; the scale is rebuilt from them.
        close(left, x(m.range.low), 1, `${phase} ${side} low`);
        close(left + width, x(m.range.high), 1, `${phase} ${side} high`);
        close(Number(await strip.locator('.range-strip-value').getAttribute('x1')), x(m.value), 1, `${phase} ${side} value`);
        await strip.locator('rect.range-strip-fill').hover({ force: true });
        const tip = await page.locator('.tooltip').innerText();
        assert.ok(tip.includes(m.range.text) && tip.includes(m.text), tip);
      }
    }
    const table = await tablesText(page, '#view-latency');
    for (const side of ['design', 'baseline'] as const)
      for (const id of ['decode.msPerToken', 'prefill.ms']) assert.ok(table.includes(metricOf(fixture, side, id).range!.text), id);
    assert.match(table, /Total, 80 % range/);
  });
});

describe('whose errors the ranges come from', () => {
  it('the header names the category of this design and, when it differs, of the baseline', async () => {
    const design = fixture.report.design!.ranges!;
    const baseline = fixture.report.baseline!.report.ranges!;
    assert.notEqual(design.category, baseline.category, 'the fixture compares two categories');
    const page = await open(fixture);
    // Folded under one line with the other notes (the power check, ...), closed: at a narrow pane
    // they pushed the views below the fold.
    const details = page.locator('header.summary details.range-details');
    assert.equal(await details.count(), 1);
    assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.match(
      await details.locator('summary').innerText(),
      /^\[a–b\]: 80 % prediction ranges: whose errors, and what they leave out \(\d+ notes\)$/,
    );
    const note = (await page.locator('header.summary details.range-details .range-note').textContent()) ?? '';
    assert.ok(note.includes(design.basis) && note.includes(`${fixture.report.baseline!.name}: ${baseline.basis}`), note);
    assert.match((await details.textContent()) ?? '', /power not validated/);
    const bare = await open(handmade);
    assert.equal(await bare.locator('header.summary .range-note').count(), 0);
  });
});

describe('prediction bands on the batch curves', () => {
  it('shades each curve between the report range of every fitting batch point, through the chart scale', async () => {
    const page = await open(fixture);
    await showTab(page, 'latency');
    for (const [key, chart] of [
      ['decode', 'batch-decode'],
      ['throughput', 'batch-throughput'],
    ] as const) {
      const y = await axisScale(page, `#view-latency .${chart} .axis-left`, 'y');
      for (const side of ['design', 'baseline'] as const) {
        const points = fixture.batchCurve[side].filter((p) => p.fits);
        const band = page.locator(`#view-latency .${chart} .range-band-${side}`);
        assert.equal(await band.count(), 1, `${chart} ${side}`);
        const lows = (await band.getAttribute('data-lows'))!.split(' ').map(Number);
        const highs = (await band.getAttribute('data-highs'))!.split(' ').map(Number);
        assert.deepEqual(
          lows,
          points.map((p) => p[key].range!.low),
        );
        assert.deepEqual(
          highs,
          points.map((p) => p[key].range!.high),
        );
        // The path's vertices: the high edge left to right, then the low edge back.
        const d = (await band.locator('path.range-band-fill').getAttribute('d'))!;
        const ys = [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => Number(m[2]));
        assert.equal(ys.length, 2 * points.length, d);
        points.forEach((p, i) => {
          close(ys[i]!, y(p[key].range!.high), 1.5, `${chart} ${side} batch ${p.batch} high`);
          close(ys[ys.length - 1 - i]!, y(p[key].range!.low), 1.5, `${chart} ${side} batch ${p.batch} low`);
        });
      }
    }
    // The current batch's point carries the headline's own range: one number, one range.
    const current = fixture.batchCurve.design.find((p) => p.batch === fixture.result!.phases.decode.tokens)!;
    assert.deepEqual(current.decode.range, metricOf(fixture, 'design', 'decode.msPerToken').range);
    assert.deepEqual(current.throughput.range, metricOf(fixture, 'design', 'throughput.outputTokensPerSecond').range);
    await page.locator('#view-latency .batch-decode .batch-point.current').hover();
    assert.ok((await page.locator('.tooltip').innerText()).includes(current.decode.range!.text));
    const table = await tablesText(page, '#view-latency');
    assert.match(table, /Decode per token, 80 % range/);
    assert.ok(table.includes(current.throughput.range!.text));
  });

  it('draws the bands under the curves, and the curves keep contrast on them in every theme', async () => {
    const page = await open(fixture);
    await showTab(page, 'latency');
    // Document order is paint order: every band before the first curve of its chart.
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('#view-latency .batch-decode *')]
        .filter((n) => n.matches('.range-band, path.curve'))
        .map((n) => (n.matches('.range-band') ? 'band' : 'curve')),
    );
    assert.deepEqual(order.slice(0, 2), ['band', 'band']);
    assert.ok(!order.slice(2).includes('band'));
    for (const name of Object.keys(THEMES) as ThemeName[]) {
      const v = THEMES[name].variables;
      const opacity = await (async () => {
        const p = await open(fixture, { theme: name });
        await showTab(p, 'latency');
        return Number(await p.locator('#view-latency .range-band-design path.range-band-fill').first().getAttribute('fill-opacity'));
      })();
      for (const color of [v['charts-blue']!, v['charts-orange']!]) {
        const bg = v['editor-background']!;
        const band = composite(bg, color, opacity);
        // Visible against the background, and the line on it keeps two thirds of its contrast.
        assert.ok(contrastRatio(band, bg)! >= 1.2, `${name} ${color}: band ${contrastRatio(band, bg)}`);
        assert.ok(contrastRatio(color, band)! >= (2 / 3) * contrastRatio(color, bg)!, `${name} ${color}: line on band`);
      }
    }
  });
});

describe('prediction bands on a sweep', () => {
  it('shades each metric that has a range, not the one without', async () => {
    const page = await open(fixture);
    // Cost per token carries the throughput's range in the report; it is taken off here so
    // that one metric of the sweep has none.
    const noCostRange = (metrics: Metric[]) =>
      metrics.map((m) => (m.id === 'cost.usdPerMillionOutputTokens' ? { ...m, range: undefined } : m));
    const points = [
      { value: '3.28 TB/s', metrics: noCostRange(fixture.report.design!.metrics), errors: 0 },
      { value: 'broken', metrics: null, errors: 1 },
      { value: '4.8 TB/s', metrics: noCostRange(loadFixture('mixtral-moe').report.design!.metrics), errors: 0 },
      { value: '6 TB/s', metrics: noCostRange(loadFixture('kv-offload').report.design!.metrics), errors: 0 },
    ];
    await postFromHost(page, { type: 'sweep', path: 'chip.memory.bandwidth', points, current: 0 });
    const charts = page.locator('#view-latency .sweep-chart');
    assert.equal(await charts.count(), 4);
    // The config's own value is marked in every chart, as the batch charts mark the current batch.
    assert.equal(await page.locator('#view-latency .sweep-chart line.current-batch').count(), 4);
    assert.equal(await charts.first().locator('text.caption', { hasText: 'now 3.28 TB/s' }).count(), 1);
    // Every swept value is labelled, its unit in the axis title (two of four were, "3.28 TB/s" and
    // "4.8 TB/s": a new user could not tell which value failed).
    assert.deepEqual((await charts.first().locator('.tick text').allTextContents()).slice(0, 4), ['3.28', 'broken', '4.8', '6']);
    assert.equal(await charts.first().locator('text', { hasText: 'chip.memory.bandwidth (TB/s)' }).count(), 1);
    await page
      .locator('#view-latency g.panel', { has: page.locator('.sweep-chart') })
      .screenshot({ path: artifactPath('ranges-sweep.png') });
    // Decode, TTFT, throughput carry ranges; cost (here) does not.
    const ids = ['decode.msPerToken', 'prefill.ms', 'throughput.outputTokensPerSecond', 'cost.usdPerMillionOutputTokens'];
    for (const [i, id] of ids.entries()) {
      const band = charts.nth(i).locator('.range-band');
      const ranged = points.filter((p) => p.metrics?.find((m) => m.id === id)?.range);
      assert.equal(await band.count(), ranged.length ? 1 : 0, id);
      if (!ranged.length) continue;
      const highs = (await band.getAttribute('data-highs'))!.split(' ').map(Number);
      assert.deepEqual(
        highs,
        ranged.map((p) => p.metrics!.find((m) => m.id === id)!.range!.high),
      );
      // The failed value leaves a gap: two separate runs of the band (M starts a subpath).
      const d = (await band.locator('path.range-band-fill').getAttribute('d'))!;
      assert.equal((d.match(/M/g) ?? []).length, 2, d);
    }
    // Each band lies under its line: painted first.
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('#view-latency .sweep-chart')].map((chart) =>
        [...chart.querySelectorAll('.range-band, path.curve')].map((n) => (n.matches('.range-band') ? 'band' : 'curve')).join(' '),
      ),
    );
    assert.deepEqual(order, ['band curve', 'band curve', 'band curve', 'curve']);
    const table = await tablesText(page, '#view-latency');
    assert.match(table, /Decode latency, 80 % range/);
    assert.doesNotMatch(table, /Cost, 80 % range/);
  });
});

describe('no range, no band', () => {
  it('draws no band, strip or range column for a result without ranges', async () => {
    for (const m of handmade.report.design!.metrics) assert.equal(m.range, undefined, m.id);
    const page = await open(handmade);
    await showTab(page, 'latency');
    assert.equal(await page.locator('#view-latency .range-band, #view-latency .range-strip').count(), 0);
    assert.doesNotMatch(await page.locator('#view-latency svg.chart').innerHTML(), /80 % range/);
    assert.doesNotMatch(await tablesText(page, '#view-latency'), /80 % range/);
  });

  it('the serving view draws no band on its load curves, says so, and gives the fleet its ranges', async () => {
    const page = await open(serving);
    await showTab(page, 'serving');
    assert.equal(await page.locator('#view-serving .range-band').count(), 0);
    const captions = await page.locator('#view-serving .caption').evaluateAll((nodes) => nodes.map((n) => n.textContent).join(' '));
    assert.match(captions, /no bands/);
    // The fleet's figures carry the report's serving ranges (model/serving/servingRanges.ts), in words and in the table.
    const replicas = findMetric(serving.report.design, 'fleet.replicas')!;
    assert.ok(replicas.range, 'the fixture has fleet ranges');
    // The view keeps a range on one line (no-break spaces, word joiners about its dash): compared as words.
    const words = (t: string) => t.replace(/\u2060/g, '').replace(/\u00a0/g, ' ');
    const line = words((await page.locator('#view-serving .fleet-line').first().textContent())!);
    assert.ok(line.includes(`${replicas.value} [${replicas.range.text}] replicas`), line);
    assert.ok(words(await tablesText(page, '#view-serving')).includes(`${replicas.value} [${replicas.range.text}]`));
  });
});

describe('a ratio whose range straddles 1 is no win', () => {
  it('no view labels an uncertain ratio as faster, higher or cheaper', async () => {
    const uncertain = fixture.report.baseline!.ratios.filter((r) => r.verdict === 'uncertain');
    assert.ok(
      uncertain.some((r) => r.id === 'decodeSpeedup' && r.value > 1),
      'the fixture has a straddling decode speed-up above 1',
    );
    const page = await open(fixture);
    const texts: string[] = [];
    for (const tab of ['dataflow', 'bandwidth', 'latency', 'serving']) {
      await showTab(page, tab);
      texts.push(await page.locator(`#view-${tab}`).innerText(), await tablesText(page, `#view-${tab}`));
      // SVG text (titles of cut labels included), which innerText of a hidden part may miss.
      texts.push(await page.locator(`#view-${tab}`).evaluate((n) => n.textContent ?? ''));
    }
    texts.push(await page.locator('header.summary').innerText());
    const all = texts.join('\n');
    for (const r of uncertain) {
      const def = RATIOS.find((d) => d.id === r.id)!;
      const win = `${formatRatio(r.value)} ${def.better}`;
      // The estimate's lean is said only inside "no clear difference (… as estimated, range)", never as a verdict.
      const leaning = `no clear difference (${win} as estimated, `;
      assert.ok(!all.replaceAll(leaning, '').includes(win), `"${win}" shown for ${r.id}, whose verdict is ${r.verdict}`);
      // Named with the others the ranges cannot tell apart; its words and range in its tooltip.
      const item = page.locator(`.comparison .ratio[data-metric="${r.id}"]`);
      assert.equal(await item.getAttribute('class'), 'ratio even');
      assert.equal(await item.innerText(), r.label);
      assert.match(
        await page.locator('.comparison .ratio-unclear', { has: page.locator(`.ratio[data-metric="${r.id}"]`) }).innerText(),
        /^no clear difference in /,
      );
      assert.equal(
        await item.getAttribute('title'),
        `${r.label}: ${r.wording}. 80 % range of the ratio: ${rangeAsWorded(r.value, r.verdict, r.range!)} (holds 1: no clear difference)`,
      );
    }
    // A ratio without a range keeps the report's wording, and its hover says it has no range.
    for (const r of fixture.report.baseline!.ratios.filter((x) => !x.range)) {
      const item = page.locator(`.comparison .ratio[data-metric="${r.id}"]`);
      assert.ok(((await item.innerText()) + ((await item.getAttribute('title')) ?? '')).includes(r.wording));
      assert.match((await item.getAttribute('title')) ?? '', /No 80 % range/);
    }
  });
});

describe('screenshots of the ranges', () => {
  it('latency view with bands, light and dark, 360 px and wide', async () => {
    for (const theme of ['light', 'dark'] as const)
      for (const width of [360, 1100]) {
        const page = await open(fixture, { theme, width });
        await showTab(page, 'latency');
        await page.screenshot({ path: artifactPath(`ranges-latency-${theme}-${width}.png`), fullPage: true });
        // Every chart whole: nothing wider than the pane (no sideways scroll, no cut-off edge).
        const overflow = await page.evaluate(() =>
          [...document.querySelectorAll('#view-latency svg')].map(
            (s) => s.getBoundingClientRect().right - document.documentElement.clientWidth,
          ),
        );
        assert.ok(Math.max(...overflow) <= 0, `${theme} ${width} px: a chart overflows by ${Math.max(...overflow)} px`);
      }
    const page = await open(serving, { theme: 'dark', width: 1100 });
    await showTab(page, 'serving');
    await page.locator('#view-serving svg.chart').screenshot({ path: artifactPath('ranges-serving-dark.png') });
  });
});
