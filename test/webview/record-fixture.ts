// Records the views' test fixtures from the real model: each example config analysed the
// way the editor analyses it (with sensitivities and the batch curve) and reduced to the
// ViewModel the host posts, by the host's own function.
//
//   node --import tsx test/webview/record-fixture.ts

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeConfig } from '../../model/analyze';
import { nodeFileHost } from '../../cli/nodeHost';
import { toViewModel } from '../../extension/logic/viewModel';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

/** Fixture name → example config. */
const FIXTURES: Record<string, string> = {
  'llama3-70b': 'examples/jalapeno.chip.yaml',
  'mixtral-moe': 'examples/mixtral-moe.chip.yaml',
  // Three memory levels: SRAM, HBM, host memory taking the KV cache's overflow.
  'kv-offload': 'examples/kv-offload.chip.yaml',
  // A `serving:` section and a fleet, with the H100 baseline under the same traffic.
  'serving-fleet': 'examples/jalapeno-fleet.chip.yaml',
};

// A fixed time keeps the recorded files stable between runs.
const EVALUATED_AT = new Date('2025-01-01T00:00:00.000Z');

async function main(): Promise<void> {
  for (const [name, config] of Object.entries(FIXTURES)) {
    const file = join(root, config);
    const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(root), { sensitivity: true, batchCurve: true });
    const view = toViewModel(analysis, config, EVALUATED_AT);
    const out = join(here, 'fixtures', `${name}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(view, null, 1) + '\n');
    const r = analysis.result;
    console.log(
      `${out}: ${
        r
          ? `decode ${r.decode.msPerToken.toFixed(2)} ms/token, TTFT ${r.prefill.ms.toFixed(0)} ms, ` +
            `${r.phases.decode.operators.length}+${r.phases.prefill.operators.length} operators`
          : 'no result'
      }, ${view.report.errors} errors`,
    );
  }
}

void main();
