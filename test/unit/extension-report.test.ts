// The exported report (HTML, escaped and self-contained), its JSON, and new configs.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newConfigText, preferredDtype, scratchConfigText } from '../../extension/logic/newConfigText';
import { reportHtml } from '../../extension/logic/reportHtml';
import { reportJson } from '../../extension/logic/reportJson';
import { buildReport, findMetric } from '../../model/report/build';
import { analyzeConfig } from '../../model/analyze';
import { chipPresets, findPreset, modelPresets } from '../../model/presets';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/r.chip.yaml';

describe('report', () => {
  it('escapes user text, embeds charts as images and carries the contract JSON', async () => {
    const text = 'name: "<script>alert(1)</script> & co"\nextends: jalapeno\nworkload:\n  model: llama-3-8b\ncompare: h100-sxm\n';
    const analysis = await analyzeConfig(text, FILE, memoryHost({}), { sensitivity: true, batchCurve: true });
    const json = reportJson(analysis, 'r.chip.yaml');
    const html = reportHtml({
      analysis,
      fileLabel: 'r.chip.yaml',
      generatedAt: new Date('2025-01-01T00:00:00Z'),
      charts: [{ title: 'Dataflow', svg: '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>' }],
      json,
    });
    assert.ok(!html.includes('<script>alert'), 'the name is escaped');
    assert.match(html, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; co<\/h1>/);
    assert.ok(!html.includes('<script>x()'), 'chart markup is not inlined');
    assert.match(html, /<img alt="Dataflow" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+">/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"/);
    assert.ok(html.includes(findMetric(buildReport(analysis).design, 'decode.msPerToken')!.text));
    assert.match(html, /<th>NVIDIA H100[^<]*<\/th><th>Compared<\/th>/);
    const embedded = /<script type="application\/json" id="jalapeno-data">(.*)<\/script>/.exec(html)![1]!;
    assert.deepEqual(JSON.parse(embedded), JSON.parse(JSON.stringify(json)));
    assert.equal(json.ok, true);
    assert.equal(json.result!.decode.msPerToken, analysis.result!.decode.msPerToken);
    assert.equal(typeof json.baseline!.ratios.decodeSpeedup, 'number');
    // The die: area by component, the price's parts, and the baseline's prices beside them.
    const silicon = /<h2>Silicon<\/h2>[\s\S]*?<\/section>/.exec(html)![0];
    const s = analysis.result!.silicon!;
    for (const c of s.components) assert.ok(silicon.includes(`<td>${c.label.replace('&', '&amp;')}</td>`), c.label);
    assert.match(silicon, /<td>Modelled price<\/td><td class="n">\$14,000<\/td>/);
    assert.match(silicon, /The baseline: chip price \$33,800 \(given\), modelled from its die \$\d\d,\d00\./);
  });

  it('reports diagnostics with 1-based lines, and a config with errors without numbers', async () => {
    const text = 'extends: jalapeno\nchip:\n  memory:\n    bandwidth: 4.8 GB\n';
    const analysis = await analyzeConfig(text, FILE, memoryHost({}));
    const json = reportJson(analysis, 'r.chip.yaml');
    const d = json.diagnostics.find((x) => x.code === 'unit-dimension')!;
    assert.deepEqual([d.line, d.column, d.path], [4, 16, 'chip.memory.bandwidth']);
    assert.equal(json.ok, false);
    const html = reportHtml({ analysis, fileLabel: 'r.chip.yaml', generatedAt: new Date(), charts: [], json });
    assert.match(html, /<h2>Problems<\/h2>/);
  });
});

describe('new config', () => {
  it('uses the format the chip is built for: int8 on the int8 design, bf16 on GPUs', () => {
    assert.equal(preferredDtype(findPreset('chip', 'jalapeno')!), 'int8');
    assert.equal(preferredDtype(findPreset('chip', 'h100-sxm')!), 'bf16');
    assert.match(
      newConfigText(findPreset('chip', 'jalapeno')!, findPreset('model', 'llama-3-70b')!),
      /extends: jalapeno[\s\S]*\nsystem:\n  chips: (\d+)\n  tensor_parallel: \1\n[\s\S]*precision: \{ weights: int8, activations: int8, kv_cache: int8 \}/,
    );
  });

  it('evaluates without errors for every chip preset and model preset', async () => {
    const failures: string[] = [];
    for (const chip of chipPresets) {
      for (const model of modelPresets) {
        const text = newConfigText(chip, model);
        const analysis = await analyzeConfig(text, '/ws/new.chip.yaml', memoryHost({}));
        const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length || !analysis.result)
          failures.push(`${chip.id} + ${model.id}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('from scratch: every chip key written, evaluates without errors or warnings for every model, its price modelled', async () => {
    const failures: string[] = [];
    for (const model of modelPresets) {
      const text = scratchConfigText(model);
      const analysis = await analyzeConfig(text, '/ws/new.chip.yaml', memoryHost({}));
      const problems = analysis.diagnostics.filter((d) => d.severity !== 'info');
      if (problems.length || !analysis.result) failures.push(`${model.id}: ${problems.map((e) => `${e.code} ${e.message}`).join('; ')}`);
      else if (analysis.result.silicon?.priceSource !== 'modelled')
        failures.push(`${model.id}: price ${analysis.result.silicon?.priceSource}`);
    }
    assert.deepEqual(failures, []);
    assert.doesNotMatch(scratchConfigText(modelPresets[0]!), /^extends:/m);
  });
});
