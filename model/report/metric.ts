// One metric: a value in its unit with its text, formatted once here (format.ts) so that
// every surface prints the same number the same way.

import {
  formatBandwidth,
  formatBytes,
  formatCount,
  formatJoules,
  formatMm2,
  formatMs,
  formatPercent,
  formatRange,
  formatTokensPerSecond,
  formatUsd,
  formatWatts,
  si,
  significant,
} from './format';
import type { Metric, MetricUnit } from './types';

/** A value in its unit, as every surface prints it. */
export function formatMetricValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'tokens/s':
      return formatTokensPerSecond(value);
    case 'W':
      return formatWatts(value);
    case 'J':
      return formatJoules(value);
    case 'tokens/J':
      return `${significant(value)} tok/J`;
    case 'USD':
      return formatUsd(value);
    case 'fraction':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'B/s':
      return formatBandwidth(value);
    case 'OPS':
    case 'FLOPS':
      return si(value, unit);
    case 'op/B':
      return `${significant(value)} op/B`;
    case 'requests/s':
      return `${significant(value)} req/s`;
    case 'count':
      return formatCount(value);
    case 'mm²':
      return formatMm2(value);
  }
}

export function metric(
  id: string,
  label: string,
  value: number,
  unit: MetricUnit,
  valid: boolean,
  extra: Partial<Pick<Metric, 'note' | 'better'>> & {
    range?: [number, number];
    rangeBasis?: string;
    format?: (value: number) => string;
  } = {},
): Metric {
  const { range, rangeBasis, format = (v: number) => formatMetricValue(v, unit), ...rest } = extra;
  return {
    id,
    label,
    value,
    unit,
    text: format(value),
    valid,
    ...rest,
    ...(range
      ? {
          range: {
            low: range[0],
            high: range[1],
            // A share whose range is all of 0-100 % says nothing by its numbers: said in words (a
            // new user read "SLO met by 100% [0%–100%]" beside a confident 100 %).
            text: `${formatRange(format(range[0]), format(range[1]))}${unit === 'fraction' && range[0] <= 0.005 && range[1] >= 0.995 ? ", either way within the model's error" : ''}`,
            ...(rangeBasis ? { basis: rangeBasis } : {}),
          },
        }
      : {}),
  };
}

/** "die area [a–b]: the span of the area model's errors on …": what each range of another kind than the 80 % ones is, one line per basis. */
export function otherRangeNotes(metrics: readonly Metric[]): string[] {
  const byBasis = new Map<string, string[]>();
  for (const m of metrics) if (m.range?.basis) byBasis.set(m.range.basis, [...(byBasis.get(m.range.basis) ?? []), m.label.toLowerCase()]);
  return [...byBasis].map(([basis, labels]) => `${labels.join(' and ')} [a–b]: ${basis}`);
}
