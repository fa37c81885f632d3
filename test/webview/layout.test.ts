// Layout in narrow and wide panels, in the font the Linux workbench draws with (DejaVu Sans, wider
// than the test page's default): no label on another, on a roof label or on a point, nor a
// leader line across one; axis ticks apart; labels wrapped rather than cut; colours of
// categories drawn together told apart. Geometry is read from the rendered SVG (getBBox and
// the element's transform), so a label placed from a wrong estimate of its size fails here.
//
//   node --import tsx --test test/webview/layout.test.ts

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ViewModel } from '../../webview/protocol';
import { artifactPath, loadFixture } from './harness';
import { contrastRatio } from '../../webview/theme';
import { showTab, viewSession } from './session';
import { analyzeConfig } from '../../model/analyze';
import { toViewModel } from '../../extension/logic/viewModel';

const session = viewSession();

/** VS Code's UI font stack on Linux: resolves to DejaVu Sans on this machine, as in the workbench. */
const WORKBENCH_FONT = 'system-ui, "Ubuntu", "Droid Sans", sans-serif';

type Quad = Array<[number, number]>;
interface Shape {
  text: string;
  /** The operator it marks or names (`data-op` on it or its group), if any. */
  op: string | undefined;
  quad: Quad;
}

async function open(view: ViewModel, tab: string, theme: 'light' | 'dark' = 'light', width = 400): Promise<Page> {
  const page = await session.open({ theme, width });
  await page.evaluate((font) => document.documentElement.style.setProperty('--vscode-font-family', font), WORKBENCH_FONT);
  await page.evaluate((v) => globalThis.postMessage({ type: 'update', view: v }, '*'), view);
  await page.waitForSelector('svg.chart');
  await showTab(page, tab);
  return page;
}

/** Resizes the panel and waits for the render it causes. */
async function resize(page: Page, width: number): Promise<void> {
  const before = await page.evaluate(() => performance.getEntriesByName('jalapeno:render').length);
  await page.setViewportSize({ width, height: 900 });
  await page.waitForFunction((n) => performance.getEntriesByName('jalapeno:render').length > n, before);
}

/** Each element's box (getBBox, grown by `pad`) through its transform: four corners in the SVG's space. */
async function shapes(page: Page, selector: string, pad = 0): Promise<Shape[]> {
  return page.locator(selector).evaluateAll(
    (els, p) =>
      (els as SVGGraphicsElement[]).map((e) => {
        const b = e.getBBox();
        const m = e.getCTM()!;
        const corners: Array<[number, number]> = [
          [b.x - p, b.y - p],
          [b.x + b.width + p, b.y - p],
          [b.x + b.width + p, b.y + b.height + p],
          [b.x - p, b.y + b.height + p],
        ];
        const op = e.dataset.op ?? e.parentElement?.dataset.op;
        return {
          text: e.textContent || (op ?? ''),
          op,
          quad: corners.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f] as [number, number]),
        };
      }),
    pad,
  );
}

/**
 * Each line's stroke as a quadrilateral (a line's box has no height or width to test against),
 * through the line's transform as `shapes` reads boxes: lines drawn in a translated group (a
 * panel below a wrapped caption, small multiples) are compared in the same space as labels.
 */
async function strokes(page: Page, selector: string): Promise<Shape[]> {
  return page.locator(selector).evaluateAll((els) =>
    (els as SVGLineElement[]).map((e) => {
      // Written out, not a helper: a function declared in the page script would need the bundler's __name.
      const m = e.getCTM()!;
      const [a1, b1, a2, b2] = [e.x1, e.y1, e.x2, e.y2].map((v) => v.baseVal.value) as [number, number, number, number];
      const [x1, y1] = [m.a * a1 + m.c * b1 + m.e, m.b * a1 + m.d * b1 + m.f];
      const [x2, y2] = [m.a * a2 + m.c * b2 + m.e, m.b * a2 + m.d * b2 + m.f];
      const half = Math.max(0.5, Number(e.getAttribute('stroke-width') ?? 1) / 2);
      const length = Math.hypot(x2 - x1, y2 - y1) || 1;
      const [nx, ny] = [((y1 - y2) / length) * half, ((x2 - x1) / length) * half];
      return {
        text: `${e.getAttribute('class')} ${e.dataset.op ?? e.dataset.level ?? e.dataset.percentile ?? ''}`.trim(),
        op: e.dataset.op,
        quad: [
          [x1 + nx, y1 + ny],
          [x2 + nx, y2 + ny],
          [x2 - nx, y2 - ny],
          [x1 - nx, y1 - ny],
        ] as Quad,
      };
    }),
  );
}

/** Whether two convex quadrilaterals overlap (separating axis test; touching is apart). */
function intersects(a: Quad, b: Quad): boolean {
  for (const quad of [a, b])
    for (let i = 0; i < quad.length; i++) {
      const [x1, y1] = quad[i]!;
      const [x2, y2] = quad[(i + 1) % quad.length]!;
      const [nx, ny] = [y2 - y1, x1 - x2];
      const pa = a.map(([x, y]) => x * nx + y * ny);
      const pb = b.map(([x, y]) => x * nx + y * ny);
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  return true;
}

describe('roofline labels', () => {
  it('no label overlaps another, a roof label or a point, from 320 to 1000 px', async () => {
    for (const name of ['llama3-70b', 'mixtral-moe', 'kv-offload']) {
      const page = await open(loadFixture(name), 'bandwidth');
      const found: string[] = [];
      for (let width = 320; width <= 1000; width += 20) {
        await resize(page, width);
        const roofline = '#view-bandwidth g.panel:first-of-type';
        // Labels are drawn over a 1.5 px halo: each is grown by 1 px, so two must keep 2 px apart.
        const labels = await shapes(page, `${roofline} :is(text.roof-label, text.point-label, text.caption)`, 1);
        const points = await shapes(page, `${roofline} .roofline-point .mark`);
        // The caption under the title is outside the plot.
        const plotted = labels.filter((l) => Math.min(...l.quad.map(([, y]) => y)) > 40);
        for (const [i, a] of plotted.entries()) {
          for (const b of plotted.slice(i + 1))
            if (intersects(a.quad, b.quad)) found.push(`${name} ${width} px: "${a.text}" on "${b.text}"`);
          for (const p of points) if (intersects(a.quad, p.quad)) found.push(`${name} ${width} px: "${a.text}" on point ${p.text}`);
        }
      }
      assert.deepEqual(found, []);
      if (name === 'llama3-70b') {
        await resize(page, 400);
        await page
          .locator('#view-bandwidth g.panel')
          .first()
          .screenshot({ path: artifactPath('layout-roofline-400.png') });
      }
    }
  });

  it('no leader line crosses a label, nor a point but those touching its own, from 320 to 1400 px', async () => {
    let drawn = 0;
    for (const name of ['llama3-70b', 'mixtral-moe', 'kv-offload']) {
      const page = await open(loadFixture(name), 'bandwidth');
      const found: string[] = [];
      for (let width = 320; width <= 1400; width += width < 1000 ? 20 : 200) {
        await resize(page, width);
        const roofline = '#view-bandwidth g.panel:first-of-type';
        // As above: labels grown by their halo, the caption under the title left out.
        const labels = (await shapes(page, `${roofline} :is(text.roof-label, text.point-label, text.caption)`, 1)).filter(
          (l) => Math.min(...l.quad.map(([, y]) => y)) > 40,
        );
        const points = await shapes(page, `${roofline} .roofline-point .mark`);
        const leaders = await strokes(page, `${roofline} line.leader`);
        drawn += leaders.length;
        // A leader starts among the marks that touch its own (their centres under 9 px apart, as
        // the view blocks 4.5 px around each): it may cross those, and nothing else.
        const centre = (q: Quad) => [0, 1].map((k) => q.reduce((sum, c) => sum + c[k]!, 0) / q.length);
        const touching = (leader: Shape, p: Shape) => {
          const [a, b] = [centre(points.find((q) => q.op === leader.op)!.quad), centre(p.quad)];
          return Math.abs(a[0]! - b[0]!) < 9 && Math.abs(a[1]! - b[1]!) < 9;
        };
        for (const leader of leaders)
          for (const other of [...labels, ...points.filter((p) => !touching(leader, p))])
            if (other.op !== leader.op && intersects(leader.quad, other.quad))
              found.push(`${name} ${width} px: the leader of ${leader.op} crosses "${other.text}"`);
      }
      assert.deepEqual(found, []);
    }
    // Else the check above checked nothing.
    assert.ok(drawn > 0, 'no leader line at any width');
  });
});

describe('roofline ceilings', () => {
  it("a ceiling's label is crossed by no other ceiling nor the ridge, with ceilings 2x apart, from 320 to 1000 px", async () => {
    // A review: at 360 px "fp8 / int8 peak" sat on the bf16 ceiling (half its rate), the ridge through it.
    const file = '/ws/two-ceilings.chip.yaml';
    const text = [
      'chip:',
      '  process: 5 nm',
      '  clock: 1.5 GHz',
      '  tdp: 300 W',
      '  matrix: { units: 64, array: 64x64, macs_per_cycle: { int8: 1, bf16: 0.5, fp8: 1 } }',
      '  vector: { peak: 20 TFLOPS }',
      '  sram: { capacity: 64 MiB, bandwidth: 10 TB/s }',
      '  memory: { technology: gddr6, stacks: 12, capacity: 24 GB, bandwidth: 768 GB/s }',
      '  link: { bandwidth: 64 GB/s, latency: 2 us }',
      'workload: { model: llama-3-8b, precision: { weights: int8, activations: int8, kv_cache: int8 }, batch: 8 }',
      '',
    ].join('\n');
    const host = { read: async (p: string) => (p === file ? text : undefined), rootOf: () => '/ws', realPath: async (p: string) => p };
    const analysis = await analyzeConfig(text, file, host, { sensitivity: true, batchCurve: true });
    const page = await open(JSON.parse(JSON.stringify(toViewModel(analysis, file, new Date(0)))) as ViewModel, 'bandwidth');
    const found: string[] = [];
    let labelled = 0;
    for (let width = 320; width <= 1000; width += 40) {
      await resize(page, width);
      const roofline = '#view-bandwidth g.panel:first-of-type';
      const rect = (sel: string) =>
        page.locator(sel).evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return {
              text: e.textContent ?? '',
              roof: e.getAttribute('data-roof') ?? 'ridge',
              left: r.left,
              right: r.right,
              top: r.top,
              bottom: r.bottom,
            };
          }),
        );
      // A label with no clear spot is drawn over a halo: the ridge may run under it, another ceiling not.
      const labels = (await rect(`${roofline} text.roof-label`)).filter((l) => /peak|\d [kMGTPE]?(?:FL)?OPS$/.test(l.text));
      const haloed = new Set((await rect(`${roofline} text.roof-label.halo`)).map((l) => l.text));
      const lines = [...(await rect(`${roofline} path.roof-compute`)), ...(await rect(`${roofline} line.ridge`))];
      labelled += labels.length;
      for (const l of labels)
        for (const line of lines.filter(
          (line) => !l.text.split(/ \/ | peak| /).includes(line.roof) && !(haloed.has(l.text) && line.roof === 'ridge'),
        )) {
          const crosses = line.left < l.right && line.right > l.left && line.top < l.bottom - 1 && line.bottom > l.top + 1;
          if (crosses) found.push(`${width} px: "${l.text}" crossed by ${line.roof}`);
        }
    }
    assert.deepEqual(found, []);
    assert.ok(labelled >= 2 * 18, `both ceilings labelled at every width (${labelled})`);
  });
});

describe('bytes by level', () => {
  it('tick labels keep apart at every width', async () => {
    const page = await open(loadFixture('llama3-70b'), 'bandwidth');
    const found: string[] = [];
    for (let width = 320; width <= 1000; width += 40) {
      await resize(page, width);
      const axes = page.locator('#view-bandwidth g.panel:last-of-type .axis');
      for (let i = 0; i < (await axes.count()); i++) {
        const ticks = await axes
          .nth(i)
          .locator('.tick text')
          .evaluateAll((els) =>
            els.map((e) => {
              const r = e.getBoundingClientRect();
              return { text: e.textContent, left: r.left, right: r.right };
            }),
          );
        ticks.slice(1).forEach((t, k) => {
          if (t.left < ticks[k]!.right + 4) found.push(`${width} px: "${ticks[k]!.text}" ${ticks[k]!.right} / "${t.text}" ${t.left}`);
        });
      }
    }
    assert.deepEqual(found, []);
  });

  it('no kind of bytes has the colour of a memory level, in the light and dark themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(loadFixture('kv-offload'), 'bandwidth', theme, 1000);
      const fills = await page
        .locator('#view-bandwidth rect.bar[data-series]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-series')!, getComputedStyle(e).fill] as const));
      const series = new Map(fills);
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const levels = [...series].filter(([s]) => s.startsWith('level-'));
      const kinds = [...series].filter(([s]) => !s.startsWith('level-'));
      assert.ok(levels.length >= 3 && kinds.length >= 4, `${theme}: ${[...series.keys()].join(', ')}`);
      for (const [kind, a] of kinds)
        for (const [level, b] of levels) {
          const distance = Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));
          assert.ok(distance > 60, `${theme}: ${kind} ${a} and ${level} ${b} are ${distance.toFixed(0)} apart`);
        }
      await page
        .locator('#view-bandwidth g.panel')
        .last()
        .screenshot({ path: artifactPath(`layout-bytes-kv-offload-${theme}.png`) });
    }
  });

  it("says where the SRAM carries every operand into the arrays, so its bars may sum past the kinds'; not on a GPU", async () => {
    const note = 'also carries every operand into the arrays';
    const asic = await open(loadFixture('llama3-70b'), 'bandwidth', 'light', 1000);
    const caption = async (page: typeof asic) =>
      (await page.locator('#view-bandwidth g.panel').last().locator('text.caption').allTextContents()).join(' ');
    assert.match(await caption(asic), /the SRAM also carries every operand into the arrays, so a byte can count at two levels/);
    await asic.context().close();
    const gpu = await open(loadFixture('kv-offload'), 'bandwidth', 'light', 1000);
    assert.ok(!(await caption(gpu)).includes(note));
    await gpu.context().close();
  });
});

describe('die area', () => {
  it('each row names its price whole, and no label crosses the reticle line', async () => {
    const page = await open(loadFixture('llama3-70b'), 'latency');
    for (const width of [320, 400, 600, 1000]) {
      await resize(page, width);
      const area = page.locator('#view-latency g.panel').last();
      const rows = await area.locator('text.row-label').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return {
            // Lines joined as read: a line ending in a hyphen (wrapLines breaks after one, as in
            // "h100-|sxm") runs on into the next.
            text: [...e.querySelectorAll('tspan')]
              .map((t) => t.textContent)
              .join('\n')
              .replace(/-\n/g, '-')
              .replace(/\s+/g, ' '),
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
          };
        }),
      );
      const reticle = await area.locator('line.reticle').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
      assert.equal(rows.length, 2);
      for (const row of rows) {
        // The whole price and where it comes from: a given one with the modelled beside it, or the modelled one and its margin.
        assert.match(
          row.text,
          /\$[\d,]+ \((?:(?:given|the [\w-]+ preset's estimate); modelled \$[\d,]+|modelled at \d+% margin)\)/,
          `${width} px: ${row.text}`,
        );
        assert.ok(row.right <= width, `${width} px: "${row.text}" ends at ${row.right}`);
        for (const line of reticle)
          assert.ok(
            line.left > row.right || line.right < row.left || line.top >= row.bottom || line.bottom <= row.top,
            `${width} px: the reticle line crosses "${row.text}"`,
          );
      }
      if (width === 400) await area.screenshot({ path: artifactPath('layout-area-400.png') });
    }
  });
  it('a label inside a bar keeps 4.5:1 contrast with it in every theme (a workbench review: "Vector units" black on dark olive)', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const page = await session.open({ theme, width: 1000 });
      await page.evaluate((v) => globalThis.postMessage({ type: 'update', view: v }, '*'), loadFixture('llama3-70b'));
      await page.waitForSelector('svg.chart');
      await showTab(page, 'latency');
      const pairs = await page.locator('#view-latency .segment-labels text').evaluateAll((els) =>
        els.map((e) => {
          const bar = (e as SVGElement).ownerSVGElement!.querySelector(
            `rect.area-bar[data-component="${e.getAttribute('data-component')}"]`,
          )!;
          return { label: e.textContent, text: getComputedStyle(e).fill, bar: getComputedStyle(bar).fill };
        }),
      );
      assert.ok(pairs.length > 0, theme);
      for (const { label, text, bar } of pairs) {
        if (bar.startsWith('url(')) continue; // a hatch: its label is drawn in the foreground over the background
        const ratio = contrastRatio(text, bar)!;
        assert.ok(ratio >= 4.5, `${theme}: "${label}" ${text} on ${bar} is ${ratio.toFixed(2)}:1`);
      }
      if (theme === 'dark')
        await page
          .locator('#view-latency g.panel')
          .last()
          .screenshot({ path: artifactPath('layout-area-dark.png') });
    }
  });
});

describe('dataflow headings', () => {
  it('the title wraps and the lane titles are whole words at every width, the long node labels at 600 px and up', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(loadFixture('llama3-70b'), 'dataflow', theme);
      for (const width of [320, 360, 400, 450, 600, 800, 1000]) {
        await resize(page, width);
        // Its lines joined: the whole title, not cut.
        const title = await page.locator('#view-dataflow .panel-title tspan').allTextContents();
        assert.match(title.join(' '), /^Dataflow of one decode step: one decoder layer × 80, then once per pass$/, `${width} px`);
        // The lane titles only, without their tooltips (the level bars' headings are `text.lane-title` too).
        const lanes = await page
          .locator('#view-dataflow .lanes text.lane-title')
          .evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
        assert.equal(lanes.length, 5);
        assert.ok(
          lanes.every((t) => t.length >= 4 && !t.includes('…')),
          `${width} px: ${lanes.join(' | ')}`,
        );
        const m = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          chart: document.querySelector('#view-dataflow')!.scrollWidth - document.querySelector('#view-dataflow')!.clientWidth,
        }));
        assert.ok(m.page <= 0 && m.chart <= 0, `${width} px: scrolls sideways by ${JSON.stringify(m)}`);
        if (width >= 600) {
          const cut = await page
            .locator('#view-dataflow .node-label')
            .evaluateAll((els) => els.map((e) => e.textContent ?? '').filter((t) => t.includes('…')));
          assert.deepEqual(cut, [], `${width} px`);
        }
        if (width === 400 || width === 320)
          await page.screenshot({ path: artifactPath(`layout-dataflow-${width}-${theme}.png`), fullPage: true });
      }
    }
  });

  it('the lane subtitles are whole where the lanes have room for one line, and overlap nothing', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(loadFixture('llama3-70b'), 'dataflow', theme);
      for (const width of [320, 360, 380, 400, 420, 450, 600, 1000]) {
        await resize(page, width);
        // Each lane's heading in order: its title (the whole subtitle in its tooltip), then the subtitle's lines.
        const lanes = await page.locator('#view-dataflow .lanes text').evaluateAll((els) => {
          const out: Array<{ tooltip: string; lines: string[] }> = [];
          for (const e of els)
            if (e.classList.contains('lane-title')) out.push({ tooltip: e.querySelector('title')?.textContent ?? '', lines: [] });
            else out.at(-1)?.lines.push(e.textContent ?? '');
          return out;
        });
        assert.equal(lanes.length, 5);
        // Lines break at spaces or after a hyphen: compared without spaces.
        const bare = (t: string) => t.replace(/\s+/g, '');
        for (const { tooltip, lines } of lanes) {
          const subtitle = tooltip.slice(tooltip.indexOf(': ') + 2);
          assert.ok(subtitle && !subtitle.includes('…'), `${width} px: tooltip "${tooltip}"`);
          // Below 360 px the lanes are too narrow for a line beside the title: the tooltip alone has it.
          if (width >= 360) assert.ok(lines.length > 0, `${width} px: no subtitle beside "${tooltip}"`);
          if (lines.length) assert.equal(bare(lines.join('')), bare(subtitle), `${width} px: ${lines.join(' | ')}`);
        }
        // Upright lines are set solid, 12 px apart: their em boxes touch, so each is shrunk by 0.5 px.
        const heads = await shapes(page, '#view-dataflow .lanes text', -0.5);
        const others = await shapes(page, '#view-dataflow svg.chart text:not(.lanes text)');
        const bandTop = await page
          .locator('#view-dataflow rect.lane-band')
          .first()
          .evaluate((e) => (e as SVGRectElement).y.baseVal.value);
        const found: string[] = [];
        for (const [i, a] of heads.entries()) {
          for (const b of [...heads.slice(i + 1), ...others]) if (intersects(a.quad, b.quad)) found.push(`"${a.text}" on "${b.text}"`);
          if (Math.max(...a.quad.map(([, y]) => y)) > bandTop) found.push(`"${a.text}" hangs into the lanes`);
        }
        assert.deepEqual(found, [], `${theme} ${width} px`);
      }
    }
  });

  it('node labels are whole, wrapped or left of their node, and on no other label, node, bar or edge', async () => {
    for (const name of ['llama3-70b', 'mixtral-moe', 'kv-offload']) {
      const view = loadFixture(name);
      const operators = Object.values(view.result!.phases).flatMap((phase) => phase.operators.map((op) => op.label));
      const page = await open(view, 'dataflow');
      const found: string[] = [];
      for (let width = 320; width <= 1000; width += 40) {
        await resize(page, width);
        // A label's lines joined: the operator's name whole, or shortened by whole words (the link
        // bytes, in the narrowest panes a parenthesis) with the whole text in its tooltip.
        const texts = await page.locator('#view-dataflow .node-label').evaluateAll((els) =>
          els.map((e) => ({
            lines: [...e.querySelectorAll('tspan')].map((t) => t.textContent).join(' '),
            tooltip: e.querySelector('title')?.textContent,
          })),
        );
        const bare = (t: string) => t.replace(/\s+/g, '');
        for (const { lines, tooltip } of texts) {
          const whole = operators.some((op) => bare(lines).startsWith(bare(op)));
          const shortened = tooltip !== undefined && operators.some((op) => bare(tooltip).startsWith(bare(op)));
          if (lines.includes('…') || !(whole || shortened)) found.push(`${name} ${width} px: "${lines}" (tooltip "${tooltip}")`);
        }
        // Labels are drawn over a halo: grown by 1 px.
        const labels = await shapes(page, '#view-dataflow .node-label', 1);
        const others = [
          ...(await shapes(page, '#view-dataflow :is(text.edge-label, rect.memory-block, .node .mark, .node .fell-back-ring)')),
          ...(await strokes(page, '#view-dataflow line.edge-level')),
        ];
        for (const [i, a] of labels.entries())
          for (const b of [...labels.slice(i + 1), ...others])
            if (intersects(a.quad, b.quad)) found.push(`${name} ${width} px: "${a.text}" on "${b.text}"`);
        if (width === 400 || width === 320)
          await page.screenshot({ path: artifactPath(`layout-dataflow-nodes-${name}-${width}.png`), fullPage: true });
      }
      assert.deepEqual(found, []);
    }
  });
});

/** Each text's box in page pixels with its text (a <title> tooltip left out) and whether it carries one. */
async function textBoxes(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      const own = [...e.childNodes]
        .filter((n) => n.nodeName !== 'title')
        .map((n) => n.textContent)
        .join('');
      return { text: own, tooltip: e.querySelector('title')?.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
}
type TextBox = Awaited<ReturnType<typeof textBoxes>>[number];
const apart = (a: Omit<TextBox, 'text'>, b: Omit<TextBox, 'text'>) =>
  a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

describe('titles and captions', () => {
  it('wrap onto further lines instead of being cut, inside the panel and on nothing, from 320 px to wide', async () => {
    const found: string[] = [];
    for (const [fixture, tab] of [
      ['llama3-70b', 'latency'],
      ['serving-fleet', 'serving'],
      ['llama3-70b', 'bandwidth'],
    ] as const) {
      const page = await open(loadFixture(fixture), tab);
      for (const width of [320, 400, 600, 1100]) {
        await resize(page, width);
        const headings = await textBoxes(page, `#view-${tab} g.panel > :is(text.panel-title, text.caption)`);
        assert.ok(headings.length >= 2, `${tab} ${width} px: no titles found`);
        // Everything else drawn as text in the view: legends, subtitles, axis labels, labels in the plots.
        const others = await textBoxes(page, `#view-${tab} svg.chart text:not(g.panel > text.panel-title, g.panel > text.caption)`);
        const svgRight = await page
          .locator(`#view-${tab} svg.chart`)
          .first()
          .evaluate((e) => e.getBoundingClientRect().right);
        for (const h of headings) {
          if (h.text.includes('…')) found.push(`${tab} ${width} px: cut: "${h.text}"`);
          if (h.right > svgRight + 0.5) found.push(`${tab} ${width} px: runs past the panel: "${h.text}"`);
          for (const o of [...headings.filter((x) => x !== h), ...others])
            if (!apart(h, o)) found.push(`${tab} ${width} px: "${h.text}" on "${o.text}"`);
        }
        if (width === 400 || width === 320)
          await page
            .locator(`#view-${tab} g.panel`)
            .first()
            .screenshot({ path: artifactPath(`layout-captions-${tab}-${width}.png`) });
      }
    }
    assert.deepEqual(found, []);
  });

  it("keep their text inside them: a scaled price's note names long keys (kv-offload: chip.memory.bandwidth)", async () => {
    const found: string[] = [];
    const page = await open(loadFixture('kv-offload'), 'latency');
    for (const width of [320, 400, 700, 1100, 1400]) {
      await resize(page, width);
      found.push(
        ...(await page
          .locator('.headline .metric')
          .evaluateAll(
            (cards, w) =>
              cards
                .filter((card) => card.scrollWidth > card.clientWidth + 1)
                .map((card) => `${w} px: "${card.textContent}" is ${card.scrollWidth} px wide in a ${card.clientWidth} px card`),
            width,
          )),
      );
      // The cards share a wide panel's width: no empty tracks beside them (a review: 300 px at 1,400 px).
      const [cardsRight, rowRight] = await page.evaluate(() => [
        Math.max(...[...document.querySelectorAll('.headline .metric')].map((c) => c.getBoundingClientRect().right)),
        document.querySelector('.headline')!.getBoundingClientRect().right,
      ]);
      if (cardsRight < rowRight - 2) found.push(`${width} px: the cards end at ${cardsRight} px in a ${rowRight} px row`);
    }
    assert.deepEqual(found, []);
  });
});

describe('latency bars', () => {
  it("each 80 % range strip is labelled, the design's as the baseline's, beside its strip and on nothing", async () => {
    const found: string[] = [];
    // A design named longer than its baseline, as a review's was: at some width its row has room
    // for its bounds where the baseline's has.
    const view = loadFixture('llama3-70b');
    view.name = `${view.name}, 48 arrays`;
    const page = await open(view, 'latency');
    for (const width of [320, 400, 480, 600, 900, 1400]) {
      await resize(page, width);
      for (const phase of ['prefill', 'decode']) {
        const panel = `#view-latency .breakdown-${phase}`;
        const strips = await page
          .locator(`${panel} .range-strip`)
          .evaluateAll((els) =>
            els.map((e) => ({ row: (e as SVGGElement).dataset.row, labelled: e.querySelector('.range-strip-label') !== null })),
          );
        assert.equal(strips.length, 2, `${phase} ${width} px: a strip for the design and the baseline`);
        for (const s of strips) if (!s.labelled) found.push(`${phase} ${width} px: the ${s.row}'s range has no label`);
        const labels = await shapes(page, `${panel} :is(text.range-strip-label, text.row-label, .axis text)`);
        const marks = await shapes(page, `${panel} :is(rect.class-bar, rect.range-strip-fill)`);
        for (const [i, a] of labels.entries())
          for (const b of [...labels.slice(i + 1), ...marks])
            if (intersects(a.quad, b.quad)) found.push(`${phase} ${width} px: "${a.text}" on "${b.text}"`);
        // The row's name whole: shortened only when it alone is wider than the panel.
        const names = await page.locator(`${panel} text.row-label tspan:first-child`).allTextContents();
        for (const name of names) if (name.endsWith('…') && width >= 400) found.push(`${phase} ${width} px: the name is cut: "${name}"`);
        // The bounds beside every row's total or none: a narrow pane dropped the design's and kept the baseline's (a review).
        const bounds = await page
          .locator(`${panel} text.row-label`)
          .evaluateAll((els) => els.map((e) => e.querySelector('.row-bounds') !== null));
        if (new Set(bounds).size > 1) found.push(`${phase} ${width} px: bounds on some rows only (${bounds.join(', ')})`);
      }
      if (width === 400)
        await page
          .locator('#view-latency g.panel')
          .first()
          .screenshot({ path: artifactPath('layout-latency-bars-400.png') });
    }
    assert.deepEqual(found, []);
  });
});

describe('header cards', () => {
  it('fill their rows evenly: as many columns as fit, then as few as the rows need, narrow and wide', async () => {
    const page = await open(loadFixture('llama3-70b'), 'dataflow', 'light', 400);
    const uneven: string[] = [];
    for (const width of [320, 400, 560, 700, 900, 1100, 1400, 1800]) {
      await resize(page, width);
      const tops = await page
        .locator('header.summary dl.headline:not(.stale) .metric')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      const perRow = [...tops.reduce((rows, top) => rows.set(top, (rows.get(top) ?? 0) + 1), new Map<number, number>()).values()];
      if (Math.max(...perRow) - Math.min(...perRow) > 1) uneven.push(`${width} px: ${perRow.join(' + ')} cards`);
    }
    assert.deepEqual(uneven, []);
  });
});

describe('serving labels', () => {
  it('the SLO, knee, percentile and tail names keep off the curves, markers, lines and each other, narrow and wide', async () => {
    const found: string[] = [];
    // As recorded, and with the TPOT target among the bars, between the p90 and p99 ticks (a review
    // saw its name drawn over the bars and crossed by the p99 tick).
    const amid = loadFixture('serving-fleet');
    const tpot = amid.result!.serving!.tpotMs;
    amid.result!.serving!.slo!.tpotMs = (tpot.p90 + tpot.p99) / 2;
    for (const [theme, view] of [
      ['light', loadFixture('serving-fleet')],
      ['dark', loadFixture('serving-fleet')],
      ['light', amid],
    ] as const) {
      const page = await open(view, 'serving', theme);
      for (const width of [320, 400, 560, 700, 900, 1100, 1400]) {
        await resize(page, width);
        const labels = await shapes(page, '#view-serving :is(text.slo-label, text.knee-label, text.percentile-label, text.tail-label)');
        // Both histograms say their last bar holds the tail, in the short form where the long one has no room.
        // in the same words on both (a review read the long form beside the short one at a narrow pane).
        const tails = labels.filter((l) => /^(tail above p99\.5|> p99\.5)$/.test(l.text)).map((l) => l.text);
        if (width >= 400) assert.equal(tails.length, 2, `${width} px: both tails are named`);
        assert.ok(new Set(tails).size <= 1, `${width} px: the tails in one wording: ${tails.join(' / ')}`);
        assert.ok(labels.filter((l) => l.text.startsWith('SLO')).length >= 3, `${width} px: the SLO lines are named`);
        assert.ok(labels.filter((l) => l.text.endsWith('at SLO')).length === 2, `${width} px: the knees are named`);
        assert.ok(labels.filter((l) => /^p\d\d$/.test(l.text)).length >= 4, `${width} px: the percentile ticks are named`);
        const marks = [
          ...(await shapes(page, '#view-serving :is(.load-points circle, .bars rect)')),
          ...(await strokes(page, '#view-serving :is(line.slo-line, line.knee-line, line.percentile-tick)')),
        ];
        // The curves as points every 2 px along them: a label on a curve holds one of them.
        const curvePoints = await page.locator('#view-serving path.load-curve').evaluateAll((els) =>
          (els as SVGPathElement[]).flatMap((e) => {
            const m = e.getCTM()!;
            const points: Array<[number, number, string]> = [];
            for (let at = 0; at <= e.getTotalLength(); at += 2) {
              const p = e.getPointAtLength(at);
              points.push([m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f, e.getAttribute('class') ?? '']);
            }
            return points;
          }),
        );
        for (const [i, a] of labels.entries()) {
          // A percentile's name may sit on its own tick (centred, the halo breaking the line) where ticks crowd.
          for (const b of [...labels.slice(i + 1), ...marks])
            if (b.text !== `percentile-tick ${a.text}` && intersects(a.quad, b.quad))
              found.push(`${theme} ${width} px: "${a.text}" on "${b.text}"`);
          const xs = a.quad.map(([x]) => x);
          const ys = a.quad.map(([, y]) => y);
          const on = curvePoints.find(([x, y]) => x > Math.min(...xs) && x < Math.max(...xs) && y > Math.min(...ys) && y < Math.max(...ys));
          if (on) found.push(`${theme} ${width} px: "${a.text}" on ${on[2]}`);
        }
        if (width === 400 || width === 1100)
          await page
            .locator('#view-serving svg.chart')
            .screenshot({ path: artifactPath(`layout-serving-labels-${width}-${theme}${view === amid ? '-slo-amid' : ''}.png`) });
      }
    }
    assert.deepEqual([...new Set(found)], []);
  });
});

describe('data tables', () => {
  it('a table wider than a narrow panel scrolls in its own box, the tab does not (a workbench review: 922 px of table at 420 px)', async () => {
    const page = await open(loadFixture('serving-fleet'), 'serving');
    await resize(page, 420);
    for (const summary of await page.locator('#view-serving details.data-table summary').all()) await summary.click();
    // Every box from the view up to the page: none is wider than it shows (the table's own box may be).
    const wide = await page.evaluate(() => {
      const out: string[] = [];
      for (let el: Element | null = document.querySelector('#view-serving'); el; el = el.parentElement)
        if (el.scrollWidth > el.clientWidth + 1)
          out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} is ${el.scrollWidth} px wide in ${el.clientWidth} px`);
      return out;
    });
    assert.deepEqual(wide, []);
  });
});

describe('header cards', () => {
  it('never break a value from its unit, nor a range in two, in a narrow or a wide panel', async () => {
    const found: string[] = [];
    const page = await open(loadFixture('llama3-70b'), 'latency');
    for (const width of [320, 360, 400, 500, 700, 900, 1100]) {
      await resize(page, width);
      found.push(
        ...(await page.locator('.headline .metric dd').evaluateAll((els, w) => {
          // A number with its unit ("801 mJ", "92.9 tok/s", "$1.81"), or a range of two ("468–801 mJ", "553 ms – 1.06 s").
          const quantity = String.raw`\$?\d[\d.,]*(?:[ \u00a0](?:%|[A-Za-zµ][A-Za-z²³/]*))?`;
          const value = new RegExp(`${quantity}(?:[ \u00a0]?–[ \u00a0]?${quantity})?`, 'g');
          const broken: string[] = [];
          for (const dd of els) {
            // The card's text as one string, with where each character is (text node and offset).
            const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
            const at: Array<[Text, number]> = [];
            let text = '';
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              for (let i = 0; i < n.textContent!.length; i++) at.push([n as Text, i]);
              text += n.textContent;
            }
            for (const m of text.matchAll(value)) {
              const range = document.createRange();
              range.setStart(...at[m.index]!);
              const [endNode, endOffset] = at[m.index + m[0].length - 1]!;
              range.setEnd(endNode, endOffset + 1);
              const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
              if (lines.size > 1) broken.push(`${w} px: "${m[0]}" broken across lines in "${text}"`);
            }
          }
          return broken;
        }, width)),
      );
      if (width === 400) await page.locator('.headline').screenshot({ path: artifactPath('layout-header-400.png') });
    }
    assert.deepEqual(found, []);
  });
});
