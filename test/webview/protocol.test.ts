// The parts of the webview side that run without a browser: message validation, the page
// builder the host imports, number formatting and the derived operator numbers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostMessage, isViewMessage, isViewModel } from '../../webview/protocol';
import { contentSecurityPolicy, escapeHtml, renderWebviewHtml } from '../../webview/page';
import { formatChange, formatPercent, formatSeconds, formatUsd, si, significant } from '../../webview/format';
import { groupByRepeat, secondsByClass, timeShare } from '../../webview/derive';
import { loadFixture } from './harness';

const fixture = loadFixture('llama3-70b');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test('the recorded fixture is a valid update', () => {
  assert.equal(isViewModel(fixture), true);
  assert.equal(isHostMessage({ type: 'update', view: fixture }), true);
  assert.equal(isViewModel(loadFixture('handmade-llama3-70b')), true);
  assert.equal(isViewModel(loadFixture('mixtral-moe')), true);
  assert.equal(isViewModel(loadFixture('kv-offload')), true);
});

test('malformed host messages are rejected', () => {
  const broken = (mutate: (v: any) => void): unknown => {
    const v = clone(fixture) as any;
    mutate(v);
    return { type: 'update', view: v };
  };
  for (const message of [
    null,
    'update',
    42,
    [],
    {},
    { type: 'nope' },
    { type: 'update' },
    { type: 'update', view: null },
    broken((v) => {
      delete v.name;
    }),
    broken((v) => {
      v.report.errors = '0';
    }),
    broken((v) => {
      v.report.design.metrics[0].value = 'fast';
    }),
    broken((v) => {
      v.report.design.metrics[0].text = 7;
    }),
    broken((v) => {
      v.report.baseline.ratios[0].verdict = 'win';
    }),
    broken((v) => {
      v.report.design.breakdowns.decode.byClass = null;
    }),
    broken((v) => {
      v.report.design.memoryLevels.levels[0].metrics.kvCache = null;
    }),
    broken((v) => {
      delete v.report.design.memoryLevels.overflowText;
    }),
    broken((v) => {
      v.result.chip.memoryLevels[0].onChip = 'yes';
    }),
    broken((v) => {
      delete v.result.phases.decode.operators[0].levelBytes.memory;
    }),
    broken((v) => {
      delete v.report;
    }),
    broken((v) => {
      v.result.phases.decode.operators[0].time.total = null;
    }),
    broken((v) => {
      v.result.phases.decode.operators[0].unit = 'gpu';
    }),
    broken((v) => {
      v.result.chip.peakOpsPerSecond.int8 = '1 POPS';
    }),
    broken((v) => {
      v.batchCurve.design[0].fits = 'yes';
    }),
    broken((v) => {
      v.sensitivity = {};
    }),
    broken((v) => {
      v.report.baseline.report.metrics = null;
    }),
    { type: 'sweep', path: 'chip.memory.bandwidth', points: [{ value: '4 TB/s', metrics: [{}], errors: 0 }] },
    { type: 'sweep', path: 'not a path!', points: [] },
    { type: 'sweep', path: 'workload.batch', points: [], current: 0 },
    { type: 'sweep', path: 'workload.batch', points: [{ value: '8', metrics: null, errors: 1 }], current: '0' },
    { type: 'requestCharts', requestId: 'one' },
    { type: 'edited', edited: 'yes' },
    { type: 'edited' },
  ])
    assert.equal(isHostMessage(message), false, JSON.stringify(message)?.slice(0, 120));
  assert.equal(isHostMessage({ type: 'theme' }), true);
  assert.equal(isHostMessage({ type: 'requestCharts', requestId: 3 }), true);
  assert.equal(isHostMessage({ type: 'edited', edited: true }), true);
  assert.equal(
    isHostMessage({
      type: 'sweep',
      path: 'workload.batch',
      points: [
        { value: '8', metrics: fixture.report.design!.metrics, errors: 0 },
        { value: '9999', metrics: null, errors: 1 },
      ],
    }),
    true,
  );
});

test('view messages: what the host accepts', () => {
  assert.equal(isViewMessage({ type: 'ready' }), true);
  assert.equal(isViewMessage({ type: 'selectKey', path: 'chip.memory.bandwidth' }), true);
  assert.equal(isViewMessage({ type: 'selectKey', path: 'chip.matrix.peak.int8' }), true);
  assert.equal(isViewMessage({ type: 'selectKey', path: '../../etc/passwd' }), false);
  assert.equal(isViewMessage({ type: 'selectKey', path: '' }), false);
  assert.equal(isViewMessage({ type: 'export', format: 'svg', view: 'dataflow', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' }), true);
  assert.equal(isViewMessage({ type: 'export', format: 'png', view: 'latency', data: 'data:image/png;base64,iVBORw0KGgo=' }), true);
  assert.equal(isViewMessage({ type: 'export', format: 'png', view: 'latency', data: 'data:text/html,<script>' }), false);
  assert.equal(isViewMessage({ type: 'export', format: 'gif', view: 'latency', data: '<svg/>' }), false);
  assert.equal(isViewMessage({ type: 'export', format: 'svg', view: 'elsewhere', data: '<svg/>' }), false);
  assert.equal(isViewMessage({ type: 'charts', requestId: 1, charts: [{ view: 'dataflow', title: 'Dataflow', svg: '<svg/>' }] }), true);
  assert.equal(isViewMessage({ type: 'charts', requestId: 1, charts: [{ view: 'dataflow', title: 'Dataflow', svg: '<html>' }] }), false);
  assert.equal(isViewMessage({ type: 'update' }), false);
  // The tab a config was left on, which the host remembers for the next panel.
  assert.equal(isViewMessage({ type: 'tab', file: 'file:///ws/a.chip.yaml', tab: 'serving' }), true);
  assert.equal(isViewMessage({ type: 'tab', file: 'file:///ws/a.chip.yaml', tab: 'elsewhere' }), false);
  assert.equal(isViewMessage({ type: 'tab', tab: 'serving' }), false);
  assert.equal(isViewMessage({ type: 'tab', file: 'x'.repeat(5000), tab: 'serving' }), false);
  assert.equal(isHostMessage({ type: 'update', view: fixture, tab: 'bandwidth' }), true);
  assert.equal(isHostMessage({ type: 'update', view: fixture, tab: 'elsewhere' }), false);
});

test('renderWebviewHtml: strict CSP, nonce on the script, title escaped', () => {
  const html = renderWebviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abcDEF0123456789+/==',
    scriptUri: 'https://x/dist/webview.js?a=1&b=2',
    styleUris: ['https://x/media/views.css'],
    title: '</title><script>alert(1)</script>',
  });
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net data:; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net; font-src [^;]+; script-src &#39;nonce-abcDEF0123456789\+\/==&#39;">/,
  );
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
  assert.match(html, /<script nonce="abcDEF0123456789\+\/==" src="https:\/\/x\/dist\/webview.js\?a=1&amp;b=2"><\/script>/);
  assert.doesNotMatch(html, /style=/);
  assert.throws(() => renderWebviewHtml({ cspSource: 'x', nonce: "abc' 'unsafe-inline", scriptUri: '', styleUris: [], title: '' }));
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(contentSecurityPolicy('S', 'N'), "default-src 'none'; img-src S data:; style-src S; font-src S; script-src 'nonce-N'");
});

test('numbers print with units and three significant digits', () => {
  assert.equal(si(4.8e12, 'B/s'), '4.8 TB/s');
  assert.equal(si(1.2582912e15, 'OPS'), '1.26 POPS');
  assert.equal(si(999.96, 'W'), '1 kW');
  assert.equal(si(0, 'B'), '0 B');
  assert.equal(si(131_334_144, 'B'), '131 MB');
  assert.equal(formatSeconds(6.635e-3), '6.64 ms');
  assert.equal(formatSeconds(2.5e-6), '2.5 µs');
  assert.equal(formatSeconds(0.668), '668 ms');
  assert.equal(formatSeconds(2.36), '2.36 s');
  assert.equal(formatSeconds(Number.NaN), '—');
  assert.equal(formatPercent(0.4166), '42%');
  assert.equal(formatPercent(0.0312), '3.1%');
  assert.equal(formatChange(-0.043), '−4.3%');
  assert.equal(formatChange(0.0097), '+0.97%');
  assert.equal(formatChange(0), '0%');
  assert.equal(formatUsd(0.000255), '$0.000255');
  assert.equal(formatUsd(1.5856), '$1.59');
  assert.equal(formatUsd(20000), '$20,000');
  assert.equal(significant(1234.5), '1,230');
  assert.equal(significant(4.8), '4.8');
});

test('derived numbers: groups, shares and class sums agree with the phase', () => {
  const phase = fixture.result!.phases.decode;
  const { perLayer, perPass, layers } = groupByRepeat(phase);
  assert.equal(layers, 80);
  assert.equal(perLayer.length + perPass.length, phase.operators.length);
  assert.ok(perPass.every((op) => op.count === 1));
  const shares = phase.operators.reduce((sum, op) => sum + timeShare(op, phase), 0);
  assert.ok(Math.abs(shares - 1) < 0.01, `shares sum to ${shares}`);
  const byClass = secondsByClass(phase);
  const total = Object.values(byClass).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total / phase.seconds - 1) < 0.01);
});
