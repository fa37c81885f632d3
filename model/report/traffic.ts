// The traffic a config's serving and fleet figures are for, in words (`Poisson 5 /s · prompts
// lognormal mean 1,024 (σ 0.6, ≤ 6,144) · … · SLO p99: TTFT ≤ 1 s`): not the static batch of
// equal requests the other figures run (labels.ts `workloadSetting`). One text for the CLI's
// legend, the views' header and the status bar's tooltip.

import type { Analysis } from '../analysis';
import { MAX_LENGTH_TOKENS, type LengthDistribution } from '../config/schema';
import { meanLength } from '../serving/lengths';
import { formatMs, significant } from './format';

/** A figure of the traffic (`serving.ttftMs.p99`, `fleet.chips`): the serving simulation's, or the fleet sized from it; not the static batch's. */
export const isTrafficMetric = (id: string): boolean =>
  id === 'serving' || id.startsWith('serving.') || id === 'fleet' || id.startsWith('fleet.');

/** A request length as written: `1024`, `uniform 128–2,048`, `lognormal mean 1,024 (σ 0.6, ≤ 6,144)`. */
function lengthText(d: LengthDistribution | undefined, fallback: number): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  if (!d) return n(fallback);
  switch (d.kind) {
    case 'fixed':
      return n(d.tokens);
    case 'uniform':
      return `uniform ${n(d.min)}–${n(d.max)}`;
    case 'lognormal': {
      // The mean written is the unclipped distribution's; where clipping moves it, the traffic's too.
      const clipped = meanLength(d);
      const moved = Math.abs(clipped / d.mean - 1) > 0.05 ? `; ${n(clipped)} as clipped` : '';
      return `lognormal mean ${n(d.mean)} (σ ${d.sigma}${d.max < MAX_LENGTH_TOKENS ? `, ≤ ${n(d.max)}` : ''}${moved})`;
    }
    case 'trace':
      return 'from the trace';
  }
}

/** The traffic the serving and fleet rows simulate, which is not the static rows' batch of equal requests. */
export function trafficSetting(analysis: Analysis): string | undefined {
  const config = analysis.config;
  if (!config || !analysis.origins.has('serving') || !analysis.result?.serving) return undefined;
  const s = config.serving;
  const w = config.workload;
  const arrivals = analysis.origins.has('serving.rate')
    ? `Poisson ${significant(s.rate ?? Number.NaN)} /s`
    : analysis.origins.has('serving.trace')
      ? `trace ${s.trace}`
      : `${s.concurrency} clients in closed loop`;
  const served = analysis.result.serving;
  const slo = served.slo;
  // A trace's requests carry their own lengths: not the workload's, which the static rows run.
  const traced = analysis.origins.has('serving.trace');
  const fromTrace = (mean: number) => `from the trace (mean ${Math.round(mean).toLocaleString('en-US')})`;
  const prompts = traced ? fromTrace(served.meanPromptTokens) : lengthText(s.prompt, w.prompt);
  const outputs = traced ? fromTrace(served.meanOutputTokens) : lengthText(s.output, w.output);
  const targets = slo
    ? [
        slo.ttftMs !== undefined && `TTFT ≤ ${formatMs(slo.ttftMs)}`,
        slo.tpotMs !== undefined && `TPOT ≤ ${formatMs(slo.tpotMs)}`,
        slo.e2eMs !== undefined && `end to end ≤ ${formatMs(slo.e2eMs)}`,
      ].filter(Boolean)
    : [];
  return `${arrivals} · prompts ${prompts} · outputs ${outputs} · ${s.scheduler} batching${s.scheduler === 'continuous' && s.admission === 'guaranteed' ? ' (guaranteed admission: no preemption)' : ''}${slo ? ` · SLO p${slo.percentile}: ${targets.join(', ')}` : ''}`;
}
