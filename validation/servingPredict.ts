// One serving case simulated as validation/serving.ts scores it: the case's chip config
// analysed, its serving spec with the case's KV-cache rule and offline fill, and the
// metrics the sources report. Shared by the scoring script and validation/requestOverhead.ts.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileHost } from '../cli/nodeHost';
import { analyzeConfig } from '../model/analyze';
import { footprint } from '../model/engine/memoryFootprint';
import { storageCapacityBytes } from '../model/engine/residency';
import { kvCacheTokens, measure } from '../model/serving/evaluateServing';
import { simulate } from '../model/serving/simulate';
import { servingSpecFrom } from '../model/serving/spec';
import { stepScales } from '../model/serving/servingRanges';
import { StepTimer } from '../model/serving/stepTimer';
import type { Case, Metric } from './servingCases';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * `end`: the simulation at one end of the serving ranges, every step as fast or as slow as the
 * static 80 % range of the case's category says (model/serving/servingRanges.ts).
 */
export async function predict(
  c: Pick<Case, 'config' | 'text' | 'kvRule' | 'fillBatch'>,
  end?: 'fast' | 'slow',
): Promise<Record<Metric, number> | string> {
  const file = join(HERE, `${c.config}.chip.yaml`);
  const host = nodeFileHost(join(HERE, '..'));
  const a = await analyzeConfig(c.text, file, host, { serving: false });
  const errors = a.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'memory-capacity');
  if (!a.design || !a.config || errors.length) return errors.map((d) => d.message).join(' ') || 'not evaluated';
  const parsed = await servingSpecFrom(a.config, a.origins, file, host);
  if (!parsed.spec) return parsed.diagnostics.map((d) => d.message).join(' ');
  let spec = parsed.spec;
  if (c.kvRule) {
    // The same KV capacity as a share of all memory for weights and cache (the simulator's
    // `memory_utilization`): weights + share × capacity, or weights + share × (capacity − weights).
    const capacity = storageCapacityBytes(a.design.hardware);
    const weights = footprint(a.design).weightsBytesPerChip;
    const kvBytes = c.kvRule.share * (c.kvRule.of === 'total' ? capacity : capacity - weights);
    spec = { ...spec, memoryUtilization: Math.min(1, (weights + kvBytes) / capacity) };
  }
  if (c.fillBatch && spec.arrivals.kind === 'closed') {
    const perSequence = Number(a.design.workload.promptTokens) + Number(a.design.workload.outputTokens);
    const clients = Math.max(1, Math.min(spec.maxBatch, Math.ceil((1.5 * kvCacheTokens(a.design, spec)) / perSequence)));
    spec = { ...spec, arrivals: { kind: 'closed', concurrency: clients } };
  }
  const kv = kvCacheTokens(a.design, spec);
  const timer = new StepTimer(a.design, Math.min(kv, 32_768), end && stepScales(a.design)[end]);
  const o = simulate(spec, timer, Math.floor(kv / spec.blockTokens));
  const m = measure(o, a.design, spec);
  return {
    ttft_mean: m.ttftMs.mean,
    ttft_median: m.ttftMs.p50,
    tpot_mean: m.tpotMs.mean,
    tpot_median: m.tpotMs.p50,
    token_latency_p50: m.tpotMs.p50,
    ms_per_token_median: m.e2eMs.p50 / m.meanOutputTokens,
    requests_per_second: m.requestsPerSecond,
    output_tokens_per_second: m.outputTokensPerSecond,
    watts_mean: m.wattsPerChip,
    joules_per_request: (m.wattsPerChip * a.design.system.chips) / m.requestsPerSecond,
  };
}
