// The objectives "Explore Design Space…" offers: the report's metrics in its words, a traffic
// config's simulated figures first. No vscode here, so the choice is tested as it is offered.

import { parseObjective } from '../../model/explore/objectives';
import { metricLabel } from '../../model/report/metricText';

/** Metrics offered as objectives (any dotted result path can be typed as well). */
const COMMON_METRICS = [
  'decode.msPerToken',
  'prefill.ms',
  'response.ms',
  'throughput.outputTokensPerSecond',
  'throughput.perChip',
  'energy.joulesPerOutputToken',
  'energy.perfPerWatt',
  'cost.usdPerMillionOutputTokens',
  'cost.usdPerResponse',
  'power.watts',
];

/** The die's figures, where the config models one: an exploration over chip keys trades them too (a review found none offered). */
const SILICON_METRICS = ['silicon.dieAreaMm2', 'silicon.chipPriceUsd'];

/** Which traffic sections the config has. */
export interface TrafficSections {
  serving: boolean;
  /** `serving.slo`: the highest rate within it is a figure. */
  slo: boolean;
  /** A fleet that can be sized: `fleet.peak_rate` and `serving.slo` given. */
  fleet: boolean;
}

export interface ObjectiveItem {
  label: string;
  description: string;
  detail?: string;
  objective: string;
  picked: boolean;
}

/**
 * What a traffic config is about, offered first and picked by default: an operator sizing a fleet
 * was offered the static batch's figures alone, its "Cost per 1M output tokens" read as the fleet's
 * (a workbench review). Each point then simulates the traffic, about 10^4 times an evaluation.
 */
function trafficMetrics(traffic: TrafficSections): { metric: string; picked: boolean }[] {
  if (!traffic.serving) return [];
  return [
    ...(traffic.fleet
      ? [
          { metric: 'fleet.usdPerMillionOutputTokens', picked: true },
          { metric: 'fleet.chips', picked: false },
          { metric: 'fleet.watts', picked: false },
        ]
      : []),
    { metric: 'serving.ttftMs.p99', picked: true },
    { metric: 'serving.tpotMs.p99', picked: !traffic.fleet && !traffic.slo },
    ...(traffic.slo ? [{ metric: 'serving.maxRateAtSlo', picked: !traffic.fleet }] : []),
  ];
}

/** The quick pick's items: in the report's words, with the direction and the key as the description (ids alone read as internals). */
export function objectiveItems(dieModelled: boolean, traffic: TrafficSections): ObjectiveItem[] {
  const simulated = trafficMetrics(traffic);
  const byDefault = (m: string) => simulated.length === 0 && (m === 'decode.msPerToken' || m === 'cost.usdPerMillionOutputTokens');
  return [
    ...simulated.map(({ metric, picked }) => ({ metric, picked, detail: 'simulated per design: slower' as string | undefined })),
    ...[...COMMON_METRICS, ...(dieModelled ? SILICON_METRICS : [])].map((metric) => ({
      metric,
      picked: byDefault(metric),
      // A traffic config's static figures are said to be the static batch's.
      detail: simulated.length > 0 && !metric.startsWith('silicon.') ? 'the static batch' : undefined,
    })),
  ].map(({ metric, picked, detail }) => {
    const { direction } = parseObjective(metric);
    const objective = `${metric}:${direction}`;
    return {
      label: `${metricLabel(metric) ?? metric} (${direction === 'min' ? 'lowest' : 'highest'})`,
      description: objective,
      ...(detail ? { detail } : {}),
      objective,
      picked,
    };
  });
}
