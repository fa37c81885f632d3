// The Exploration panel in headless Chromium under the real CSP: it draws the explored
// points and the front from engine output, colours by a third metric, brushing selects
// points into a table, a click offers apply / open-as-config, and exports post their data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { currentPoint, explorationData, valuesOfPoint } from '../../extension/logic/exploreData';
import { nodeFileHost } from '../../cli/nodeHost';
import { analyzeConfig } from '../../model/analyze';
import { prepareExplore, type ExploreSetup } from '../../model/explore/evaluator';
import { parseConstraint, parseObjective } from '../../model/explore/objectives';
import { computeFront, emptyResults, notEvaluableNotes } from '../../model/explore/results';
import { evaluateChunk } from '../../model/explore/run';
import { parseVary } from '../../model/explore/varySpec';
import {
  artifactPath,
  buildExploreView,
  launchBrowser,
  openView,
  postFromHost,
  posted,
  startServer,
  violations,
  ROOT,
  type ViewServer,
} from './harness';

let browser: Browser;
let server: ViewServer;

before(async () => {
  await buildExploreView();
  browser = await launchBrowser();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Every point of a space over examples/jalapeno.chip.yaml, evaluated by the engine (not made-up numbers), and its front. */
async function explored(dimensions: string[], metrics: string[] = [], constraints: string[] = []) {
  const file = join(ROOT, 'examples/jalapeno.chip.yaml');
  const setup: ExploreSetup = {
    file,
    files: { [file]: readFileSync(file, 'utf8') },
    root: ROOT,
    sets: [],
    space: { dimensions: dimensions.map(parseVary), sampling: { kind: 'grid' } },
    objectives: ['decode.msPerToken', 'cost.usdPerMillionOutputTokens'].map(parseObjective),
    constraints: constraints.map(parseConstraint),
    metrics,
  };
  const prepared = await prepareExplore(setup);
  const chunk = evaluateChunk(prepared, 0, prepared.size);
  const r = emptyResults(setup.space, setup.objectives, setup.constraints, prepared.metrics, 0, prepared.size);
  r.flags = chunk.flags;
  r.values = chunk.values;
  r.evaluated = prepared.size;
  computeFront(r);
  return { prepared, r };
}

/** A real exploration, shaped as the host sends it. */
async function exploration() {
  const { prepared, r } = await explored(
    ['workload.batch=1..256:9log', 'chip.memory.bandwidth=2 TB/s..8 TB/s:4', 'chip.memory.capacity=24 GB,96 GB'],
    ['energy.joulesPerOutputToken'],
  );
  return {
    data: explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false }),
    front: r.front.length,
  };
}

test('exploration panel: points, front line, colour by a third metric, hover, brush, pick and export, without CSP violations', async () => {
  const { data, front } = await exploration();
  const { page, errors } = await openView(browser, server, { theme: 'dark', script: 'exploreView.js', title: 'Exploration' });
  await postFromHost(page, { type: 'exploration', data });
  assert.equal(
    await page.locator('circle.explore-point').count(),
    data.points.filter((p) => p.metrics[0] !== null && p.metrics[1] !== null).length,
  );
  assert.equal(await page.locator('circle.explore-point.pareto').count(), front);
  assert.equal(await page.locator('path.front-line').count(), 1);
  // A staircase: each segment horizontal or vertical, never a diagonal that promises designs
  // between two front points (a workbench review).
  const d = (await page.locator('path.front-line').getAttribute('d'))!;
  const corners = [...d.matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  assert.ok(corners.length >= 2, d);
  for (let i = 1; i < corners.length; i++) {
    const [[x0, y0], [x1, y1]] = [corners[i - 1]!, corners[i]!];
    assert.ok(Math.abs(x1 - x0) < 1e-6 || Math.abs(y1 - y0) < 1e-6, `diagonal segment in ${d}`);
  }
  await page.screenshot({ path: artifactPath('exploration-dark.png'), fullPage: true });
  // Colour by the third metric (energy per token): feasible points take different colours.
  const fills = await page
    .locator('circle.explore-point:not(.infeasible)')
    .evaluateAll((els) => new Set(els.map((e) => e.getAttribute('fill'))).size);
  assert.ok(fills > 3, `${fills} distinct colours`);

  // The last drawn is on top (equal designs overlap exactly).
  const first = page.locator('circle.explore-point.pareto').last();
  await first.hover();
  await page.waitForSelector('.tooltip:not([hidden])');
  assert.match(await page.locator('.tooltip').innerText(), /workload\.batch/);
  await first.click();
  await page.getByRole('button', { name: 'Apply to config' }).click();
  await page.getByRole('button', { name: 'Open as new config' }).click();
  const messages = await posted(page);
  assert.ok(messages.some((m) => m.type === 'apply' && Number.isInteger(m.index)));
  assert.ok(messages.some((m) => m.type === 'open' && Number.isInteger(m.index)));

  // Brush the whole plot: every drawn point is selected into a table.
  const area = await page.locator('rect.brush-area').boundingBox();
  assert.ok(area);
  await page.mouse.move(area.x + 2, area.y + 2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width - 2, area.y + area.height - 2, { steps: 4 });
  await page.mouse.up();
  assert.match(await page.locator('.explore-tables summary').first().innerText(), /^Selected: \d+ designs/);

  for (const format of ['CSV', 'JSON', 'SVG']) await page.getByRole('button', { name: `Export ${format}` }).click();
  const exports = (await posted(page)).filter((m) => m.type === 'export');
  assert.deepEqual(
    exports.map((m) => m.format),
    ['csv', 'json', 'svg'],
  );
  assert.match(exports[0].data, /^index,workload\.batch,chip\.memory\.bandwidth,chip\.memory\.capacity,decode\.msPerToken/);
  assert.match(exports[2].data, /^<svg|^<\?xml/);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: switching axes re-draws; the front line is drawn only on the objectives', async () => {
  const { data } = await exploration();
  const { page, errors } = await openView(browser, server, { theme: 'light', script: 'exploreView.js' });
  await postFromHost(page, { type: 'exploration', data });
  await page.locator('select').nth(1).selectOption('2');
  await page.waitForFunction(() => document.querySelectorAll('path.front-line').length === 0);
  assert.equal((await page.locator('circle.explore-point').count()) > 0, true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("exploration panel: one varied key draws as a sweep (the first metric against the key's value)", async () => {
  const { prepared, r } = await explored(['chip.memory.bandwidth=2 TB/s..8 TB/s:7']);
  const data = explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false });
  const { page, errors } = await openView(browser, server, { theme: 'high-contrast', script: 'exploreView.js' });
  await postFromHost(page, { type: 'exploration', data });
  assert.match(
    (await page.locator('svg.chart').getAttribute('aria-label')) ?? '',
    /Per-token latency \(ms\) against chip\.memory\.bandwidth \(TB\/s\)/,
  );
  assert.equal(await page.locator('circle.explore-point').count(), 7);
  // Faster memory, lower latency: the points fall from left to right.
  const ys = await page.locator('circle.explore-point').evaluateAll((els) =>
    els
      .map((e) => [Number(e.getAttribute('cx')), Number(e.getAttribute('cy'))])
      .sort((a, b) => a[0]! - b[0]!)
      .map((p) => p[1]),
  );
  for (let i = 1; i < ys.length; i++) assert.ok(ys[i]! >= ys[i - 1]!, `point ${i} lower than point ${i - 1}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: restored after a reload from its saved state, tables in the report texts, and still picks a point', async () => {
  const { data } = await exploration();
  // What the host sends a panel restored mid-run (extension/logic/exploreData.ts restoredExploration).
  const interrupted = { ...data, done: true, interrupted: true };
  const { page, errors } = await openView(browser, server, {
    theme: 'dark',
    script: 'exploreView.js',
    initialState: { data: interrupted, choice: { x: 0, y: 1, colour: -1, logX: true, logY: false } },
  });
  // Drawn from the state alone, before the host says anything.
  await page.waitForSelector('circle.explore-point');
  assert.match(
    await page.locator('.explore-status').innerText(),
    /^Interrupted by a window reload: \d+ of \d+ designs, \d+ evaluable, \d+ feasible/,
  );
  assert.equal(await page.getByRole('checkbox', { name: 'Log X' }).isChecked(), true, 'the saved axis choice is kept');
  // The front table: metric columns under the report's labels, cells in the report's texts.
  const front = page.locator('.explore-tables details').last();
  const headers = await front.locator('th').allInnerTexts();
  const titles = await front.locator('th').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  const latency = titles.indexOf('decode.msPerToken');
  const cost = titles.indexOf('cost.usdPerMillionOutputTokens');
  assert.ok(latency > 0 && cost > 0, titles.join(', '));
  assert.notEqual(headers[latency], 'decode.msPerToken', 'a label, not the path');
  const cells = await front.locator('tbody tr').first().locator('td').allInnerTexts();
  assert.match(cells[latency]!, /^[\d.,]+ ms$/);
  assert.match(cells[cost]!, /^\$[\d.,]+$/);
  // Hover and click still work on the restored chart; the click offers apply / open.
  const point = page.locator('circle.explore-point.pareto').last();
  await point.hover();
  await page.waitForSelector('.tooltip:not([hidden])');
  assert.match(await page.locator('.tooltip').innerText(), /ms/);
  await point.click();
  await page.getByRole('button', { name: 'Apply to config' }).click();
  assert.ok((await posted(page)).some((m) => m.type === 'apply' && Number.isInteger(m.index)));
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: at a narrow 470 px pane the front table fits, its keys broken at their dots and its values whole', async () => {
  const { data } = await exploration();
  const { page, errors } = await openView(browser, server, { theme: 'light', script: 'exploreView.js', width: 470 });
  await postFromHost(page, { type: 'exploration', data });
  const front = page.locator('.explore-tables details').last();
  await front.locator('tbody tr').first().waitFor();
  await page.screenshot({ path: artifactPath('exploration-table-470-light.png'), fullPage: true });
  const { table, pane } = await front.evaluate((e) => ({ table: e.querySelector('table')!.scrollWidth, pane: e.clientWidth }));
  assert.ok(table <= pane, `the table is ${table} px in a ${pane} px pane: its right-hand columns are cut`);
  // The key reads whole (a break opportunity after each dot, no characters added); a value is one line.
  const titles = await front.locator('th').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  const key = titles.indexOf('chip.memory.bandwidth');
  assert.equal((await front.locator('th').nth(key).textContent())!, 'chip.memory.bandwidth');
  // Each cell's text one line high: the row's index (a number alone) is the measure.
  const heights = await front
    .locator('tbody tr')
    .first()
    .locator('td')
    .evaluateAll((cells) =>
      cells.map((c) => {
        // The value's own text (a tie's change sits on its own line under it, by design).
        const range = document.createRange();
        range.selectNodeContents(c.firstChild ?? c);
        return range.getClientRects().length;
      }),
    );
  assert.ok(
    heights.every((lines) => lines === 1),
    `cells on more than one line: ${heights.map((n, i) => `${titles[i]} ${n}`).join(', ')}`,
  );
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: points that could not be evaluated are listed with why, under the status', async () => {
  // 8 chips: TP 3 leaves TP x PP != chips, so half the points cannot be built.
  const { prepared, r } = await explored(['workload.batch=1..64:4log', 'system.tensor_parallel=8,3']);
  const notes = notEvaluableNotes(r, (index) => prepared.whyNot(index));
  assert.equal(notes.length, 1);
  const data = explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false, notes });
  const { page, errors } = await openView(browser, server, { theme: 'light', script: 'exploreView.js' });
  await postFromHost(page, { type: 'exploration', data });
  await page.screenshot({ path: artifactPath('exploration-notes-light.png') });
  const shown = await page.locator('.explore-notes li').allInnerTexts();
  assert.equal(shown.length, 1);
  assert.match(
    shown[0]!,
    /^4 points not evaluable \[parallelism-mismatch\], e\.g\. workload\.batch=1, system\.tensor_parallel=3: tensor_parallel/,
  );
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: an exploration of an earlier version of the config, or of a likely typo, says so in its status (a review: it kept "Done")', async () => {
  const { prepared, r } = await explored(['workload.batch=1,16']);
  const data = explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false });
  const { page, errors } = await openView(browser, server, { theme: 'light', script: 'exploreView.js' });
  await postFromHost(page, { type: 'exploration', data });
  assert.doesNotMatch(await page.locator('.explore-status').innerText(), /earlier version/);
  await postFromHost(page, { type: 'exploration', data: { ...data, stale: true } });
  assert.match(
    await page.locator('.explore-status').innerText(),
    /^Of an earlier version of the config \(it has changed since\): explore again · Done: /,
  );
  // A likely typo in the config: every point is of another design, said first (as the CLI's NOT VALID; a code review).
  const typo = explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false, valid: false });
  assert.equal(typo.valid, false);
  assert.equal(data.valid, undefined);
  await postFromHost(page, { type: 'exploration', data: typo });
  assert.match(await page.locator('.explore-status').innerText(), /^NOT VALID: every point is of a design other than the one written/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: an infeasible point says why on hover, over its whole hollow marker; the texts count in words', async () => {
  // 4 GB per chip holds no eighth of Llama-3-70B's weights; 20 ms per token is a limit some designs miss.
  const { prepared, r } = await explored(
    ['chip.memory.capacity=4 GB,96 GB', 'workload.batch=1,16,64', 'chip.memory.bandwidth=2 TB/s,6 TB/s'],
    [],
    ['decode.msPerToken<=20'],
  );
  const data = explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false });
  assert.ok(data.points.some((p) => p.infeasible?.includes('memory')));
  assert.ok(data.points.some((p) => p.infeasible?.includes('constraint')));
  const { page, errors } = await openView(browser, server, { theme: 'light', script: 'exploreView.js', width: 900 });
  await postFromHost(page, { type: 'exploration', data });
  // The middle of a hollow mark is the mark (fill: none alone catches the pointer on the ring only).
  const hollow = page.locator('circle.explore-point.infeasible').first();
  const box = await hollow.boundingBox();
  assert.ok(box);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  assert.equal(
    await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('infeasible') ?? false, centre),
    true,
    'the centre of a hollow marker is the marker',
  );
  await page.mouse.move(centre.x, centre.y);
  await page.waitForSelector('.tooltip:not([hidden])');
  const tip = await page.locator('.tooltip-title').innerText();
  assert.match(tip, /not feasible: (the weights and KV cache do not fit in memory|the constraint decode\.msPerToken<=20 is not met)/);
  await page.screenshot({ path: artifactPath('exploration-infeasible-tooltip-light.png') });
  for (const reason of ['the weights and KV cache do not fit in memory', 'the constraint decode.msPerToken<=20 is not met']) {
    const labels = await page.locator('circle.explore-point.infeasible').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.ok(
      labels.some((l) => l?.includes(`not feasible: ${reason}`) || l?.includes(`; ${reason}`)),
      `${reason}: ${labels.join(' | ')}`,
    );
  }
  // Every design ran: said as such, with how many were evaluable and feasible; labels keep their units' case; singular where one.
  const status = await page.locator('.explore-status').innerText();
  assert.match(status, new RegExp(`^Done: ${prepared.size} designs, ${data.evaluated} evaluable, ${data.feasible} feasible in `));
  assert.match(status, /objectives per-token latency \(lowest\), cost per 1M output tokens \(lowest\)/);
  assert.match(status, / · constraint decode\.msPerToken<=20$/);
  const front = data.points.filter((p) => p.pareto).length;
  assert.equal(await page.locator('.explore-tables summary').last().innerText(), `Pareto front: ${front} design${front === 1 ? '' : 's'}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exploration panel: the chart title and the colour key never overlap, from a narrow panel to a wide one', async () => {
  const { data } = await exploration();
  for (const [width, theme] of [
    [320, 'light'],
    [450, 'dark'],
    [900, 'light'],
    [1800, 'dark'],
  ] as const) {
    const { page, errors } = await openView(browser, server, { theme, script: 'exploreView.js', width });
    await postFromHost(page, { type: 'exploration', data });
    for (const colour of ['-1', '2']) {
      await page.locator('select').nth(2).selectOption(colour);
      await page.waitForSelector('svg.chart .explore-key');
      const [title, caption, ...keys] = await page.evaluate(() =>
        [
          document.querySelector('svg.chart .panel-title')!,
          document.querySelector('svg.chart .caption:not(.explore-key)')!,
          ...document.querySelectorAll('svg.chart .explore-key'),
        ]
          .map((e) => e.getBoundingClientRect())
          .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
      );
      const boxes = { title: title!, caption: caption!, keys, page: width };
      // The title whole, wrapped onto a second line where the axis names are long, not cut with "…".
      const titleText = await page.locator('svg.chart .panel-title').evaluate((e) =>
        [...e.childNodes]
          .filter((n) => n.nodeName !== 'title')
          .map((n) => n.textContent)
          .join(''),
      );
      assert.ok(!titleText.includes('…'), `${width} px: the title is cut: "${titleText}"`);
      assert.ok(boxes.title.right <= width, `${width} px: the title runs past the page`);
      assert.ok(boxes.title.bottom <= boxes.caption.top, `${width} px: the title runs into the caption`);
      const overlap = (a: typeof boxes.title, b: typeof boxes.title) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const key of boxes.keys) {
        assert.ok(!overlap(boxes.title, key), `${width} px, colour ${colour}: the key overlaps the title`);
        assert.ok(!overlap(boxes.caption, key), `${width} px, colour ${colour}: the key overlaps the caption`);
        assert.ok(key.right <= boxes.page, `${width} px, colour ${colour}: the key runs past the page`);
      }
      if (colour === '-1') await page.screenshot({ path: artifactPath(`exploration-title-${width}-${theme}.png`) });
    }
    // The front's near ties carry a change under the value, said what it is where it appears (a new user met "+<0.01%" with no legend).
    assert.ok((await page.locator('.tie-change').count()) > 0, 'this front has rows that print alike');
    assert.match(
      (await page.locator('.tie-change').first().getAttribute('title'))!,
      /above the least of the rows that print the same value/,
    );
    assert.equal(await page.locator('.data-table .table-note', { hasText: '+0.04% and the like: above the least' }).count(), 1);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('exploration panel: the config as written is marked among the designs, and each constraint on a drawn metric at its limit', async () => {
  const file = join(ROOT, 'examples/jalapeno.chip.yaml');
  const { prepared, r } = await explored(
    ['workload.batch=1..256:9log', 'chip.memory.bandwidth=2 TB/s..8 TB/s:4'],
    [],
    ['decode.msPerToken<=20', 'cost.usdPerMillionOutputTokens<=3'],
  );
  // The editor's own evaluation of the file, read as the points are.
  const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(ROOT), {});
  const paths = r.space.dimensions.flatMap((d) => d.paths);
  const first = valuesOfPoint(r, 0);
  const current = currentPoint(
    r.metrics,
    analysis.result,
    paths,
    paths.map((p) => first[p]),
    analysis.config,
  );
  assert.equal(current.metrics[0], analysis.result!.decode.msPerToken);
  // The varied keys' values as the config has them, in the explored values' units.
  assert.deepEqual(current.values, ['16', '3.28 TB/s']);
  const data = explorationData(r, 'file:///ws/jalapeno.chip.yaml', prepared.size, { done: true, cancelled: false, current });
  for (const theme of ['light', 'dark'] as const) {
    const { page, errors } = await openView(browser, server, { theme, script: 'exploreView.js' });
    await postFromHost(page, { type: 'exploration', data });
    assert.equal(await page.locator('g.explore-current path').count(), 1);
    assert.equal(await page.locator('g.explore-current text').textContent(), 'this config');
    assert.deepEqual(await page.locator('text.constraint-label').allTextContents(), ['≤ 20 ms', '≤ $3.00']);
    assert.equal(await page.locator('line.constraint-line').count(), 2);
    await page.locator('g.explore-current path').hover();
    await page.waitForSelector('.tooltip:not([hidden])');
    assert.match(await page.locator('.tooltip').innerText(), /This config, as written/);
    await page.screenshot({ path: artifactPath(`exploration-current-${theme}.png`), fullPage: true });
    // On an axis of a varied key too (a workbench review: the default chart never showed it).
    await page.locator('select').first().selectOption({ label: 'workload.batch' });
    await page.waitForFunction(() => [...document.querySelectorAll('svg text')].some((t) => t.textContent === 'workload.batch'));
    assert.equal(await page.locator('g.explore-current').count(), 1);
    if (theme === 'light') await page.screenshot({ path: artifactPath('exploration-current-batch-axis.png'), fullPage: true });
    assert.match((await page.locator('g.explore-current').getAttribute('transform')) ?? '', /^translate\(/);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});
