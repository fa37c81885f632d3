// The batch curve (latency and throughput against batch size, model/sensitivity.ts) as the
// report's metrics: each point's numbers with their text and their 80 % prediction range, so
// the views draw a band from the same numbers every other surface prints. A batch point is
// the same design at another batch: its chip family and runtime are unchanged, so its ranges
// come from the same category's residuals of the same metric's basis as the headline ones
// (model/ranges: rangeFor). Without a category (a result the bare engine made) there are none.

import { rangeFor, type RangeCategory, type RangeMetric } from '../ranges/predictionRanges';
import type { BatchPoint } from '../result';
import { metric } from './metric';
import { METRICS } from './metrics';
import type { Metric } from './types';

export interface BatchPointReport {
  batch: number;
  /** Whether the weights and KV cache fit in memory at this batch. */
  fits: boolean;
  /** `decode.msPerToken`, `prefill.ms` and `throughput.outputTokensPerSecond` at this batch. */
  decode: Metric;
  prefill: Metric;
  throughput: Metric;
}

function pointMetric(id: RangeMetric, value: number, category: RangeCategory | undefined, valid: boolean, p: BatchPoint): Metric {
  const def = METRICS.find((d) => d.id === id)!;
  return metric(id, def.label, value, def.unit, valid, {
    ...(def.better ? { better: def.better } : {}),
    ...(category !== undefined && Number.isFinite(value) ? { range: rangeFor(id, value, category, p) } : {}),
  });
}

export function batchCurveReport(points: readonly BatchPoint[], category: RangeCategory | undefined, valid: boolean): BatchPointReport[] {
  return points.map((p) => {
    const at = (id: RangeMetric, value: number) => pointMetric(id, value, category, valid, p);
    return {
      batch: p.batch,
      fits: p.fits,
      decode: at('decode.msPerToken', p.decodeMsPerToken),
      prefill: at('prefill.ms', p.prefillMs),
      throughput: at('throughput.outputTokensPerSecond', p.outputTokensPerSecond),
    };
  });
}
