// The serving validation's cases (validation/servingCases.ts): every serving row becomes a
// chip config that the model accepts, with the settings its source states — so that
// `npm run validate:serving` scores what the rows measured, not a config that silently
// fell back to defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { nodeFileHost } from '../../cli/nodeHost';
import { analyzeConfig } from '../../model/analyze';
import { servingSpecFrom } from '../../model/serving/spec';
import { caseOf, type Case } from '../../validation/servingCases';
import { servingConfigurations } from '../../validation/servingRows';
import { predict } from '../../validation/servingPredict';
import { measuredPowerModule } from '../../validation/serving';
import { readFileSync } from 'node:fs';

const ROOT = join(import.meta.dirname, '..', '..');
const cases = servingConfigurations().map(caseOf);
const built = cases.filter((c): c is Case => typeof c !== 'string');

test('every serving row of a source with a rule becomes a case, with finite measured metrics', () => {
  assert.deepEqual(
    cases.filter((c) => typeof c === 'string'),
    [],
  );
  assert.ok(built.length >= 110, `${built.length} cases`);
  for (const c of built) {
    assert.ok(c.metrics.length > 0, c.config);
    for (const m of c.metrics) assert.ok(Number.isFinite(m.measured) && m.measured > 0, `${c.config} ${m.metric}`);
  }
});

test('each case is a config the model accepts, with the serving settings its source states', async () => {
  const host = nodeFileHost(ROOT);
  for (const c of built) {
    const file = join(ROOT, 'validation', `${c.config}.chip.yaml`);
    const a = await analyzeConfig(c.text, file, host, { serving: false });
    const problems = a.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && d.code === 'unknown-key'));
    assert.deepEqual(
      problems.map((d) => `${d.path}: ${d.message}`),
      [],
      c.config,
    );
    const { spec } = await servingSpecFrom(a.config!, a.origins, file, host);
    assert.ok(spec, c.config);
    const framework = c.label;
    if (/vLLM v0\.6\.0/.test(framework)) {
      // The README's --num-scheduler-steps 10, prefill-first V0 engine.
      assert.equal(spec.schedulerSteps, 10, c.config);
      assert.equal(spec.chunkedPrefill, false, c.config);
    } else assert.equal(spec.schedulerSteps, 1, c.config);
    if (/SGLang/.test(framework)) assert.equal(spec.blockTokens, 1, c.config);
    if (/request rate/.test(framework)) assert.equal(spec.arrivals.kind, 'poisson', c.config);
    if (/NIM/.test(framework)) assert.equal(spec.arrivals.kind, 'closed', c.config);
    // TensorRT-LLM's capacity scheduler (NIM serves through it, trtllm-bench drives it): GUARANTEED_NO_EVICT.
    assert.equal(spec.admission, /NIM|trtllm-bench/.test(c.sourceLabel) ? 'guaranteed' : 'on_demand', c.config);
    // TensorRT-LLM from v0.9 reduces with its own kernel, not NCCL: no collective start-up.
    const collective = a.design!.runtime.collectiveOverheadSeconds;
    if (/NIM|trtllm-bench/.test(c.sourceLabel)) assert.equal(collective, 0, c.config);
    // The server's latency per request: the preset's on the online runs; none where the closed
    // loop stands for a queue filled at the start (offline runs, benchmark_throughput.py).
    const request = a.design!.runtime.requestOverheadSeconds;
    if (c.fillBatch) assert.equal(request, 0, c.config);
    else if (/SGLang v0\.3/.test(framework)) assert.equal(request, 4.3e-3, c.config);
    // vLLM's OpenAI server, v0.6.0 (SGLang's runs) and v0.4.2 (ML.ENERGY's): the vllm preset's time per request.
    else if (/vLLM v0\.(6\.0|4\.2)/.test(framework)) assert.equal(request, 4e-3, c.config);
    else assert.equal(request, 0, c.config);
  }
});

test('each row runs on the runtime preset its framework names', () => {
  for (const c of built) {
    const runtime = /runtime: (?:\{ extends: )?([\w-]+)|extends: (lmdeploy)/.exec(c.text);
    const id = runtime?.[1] ?? runtime?.[2];
    if (/SGLang v0/.test(c.label)) assert.equal(id, 'sglang', c.config);
    else if (/vLLM v0/.test(c.label)) assert.equal(id, 'vllm', c.config);
    else if (/TGI/.test(c.label)) assert.equal(id, 'tgi', c.config);
    else if (/lmdeploy/.test(c.label)) assert.equal(id, 'lmdeploy', c.config);
    else if (/NIM/.test(c.label)) assert.equal(id, 'tensorrt-llm', c.config);
    else if (/PyTorch backend/.test(c.label)) assert.equal(id, 'generic', c.config);
  }
});

test('the power check the surfaces quote is what the measured-power runs give (rerun `npm run validate:serving`)', async () => {
  const rows: { error: number; c: Case }[] = [];
  for (const c of built) {
    const measured = c.metrics.find((m) => m.metric === 'watts_mean');
    if (!measured) continue;
    const p = await predict(c);
    assert.notEqual(typeof p, 'string', `${c.config}: ${String(p)}`);
    if (typeof p !== 'string') rows.push({ error: p.watts_mean / measured.measured - 1, c });
  }
  assert.ok(rows.length >= 19, `${rows.length} runs with measured power`);
  assert.equal(readFileSync(join(ROOT, 'model', 'ranges', 'measuredPower.ts'), 'utf8'), measuredPowerModule(rows));
});
