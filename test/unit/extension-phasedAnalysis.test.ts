// A config with traffic to simulate is shown in two phases: its static figures at once, then
// the full analysis with the serving simulation (extension/logic/phasedAnalysis.ts).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeInPhases } from '../../extension/logic/phasedAnalysis';
import type { Analysis } from '../../model/analysis';
import { analyzeConfig } from '../../model/analyze';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/p.chip.yaml';
const STATIC = 'extends: h100-sxm\nworkload: { model: llama-3-8b, prompt: 512, output: 64 }\n';
const SERVING = `${STATIC}serving:\n  rate: 1 /s\n  requests: 100\n`;

const phased = (text: string, onStatic: (a: Analysis) => boolean) =>
  analyzeInPhases(analyzeConfig, text, FILE, memoryHost({ [FILE]: text }), { options: { sensitivity: true }, serving: {}, onStatic });

test('a serving config shows its static figures first, then the full analysis with the same static figures', async () => {
  const seen: Analysis[] = [];
  const full = await phased(SERVING, (a) => (seen.push(a), true));
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.result!.serving, undefined, 'no simulation in the static phase');
  assert.ok(full!.result!.serving, 'the full analysis simulates');
  assert.equal(full!.result!.decode.msPerToken, seen[0]!.result!.decode.msPerToken);
  assert.equal(full!.sensitivity.length, seen[0]!.sensitivity.length);
});

test('a config without traffic runs once; a stale evaluation stops before simulating', async () => {
  let calls = 0;
  const once = await phased(STATIC, () => (calls++, true));
  assert.equal(calls, 0);
  assert.ok(once!.result);
  assert.equal(await phased(SERVING, () => false), undefined);
});
