// A fleet sized for peak traffic: enough active replicas that each one's share of the peak
// stays at or below its highest Poisson rate within the SLO (`maxRateAtSlo`), a powered hot
// standby sized as a share of that capacity (of this design, or of the baseline's: a GPU
// standby for an ASIC fleet), and power and cost counted at the average load the fleet
// really carries — not at a utilisation assumed for one static batch.
//
// Cost: capital $/s = chips × price / lifetime (a fleet is deployed for its whole life;
// `cost.utilization` is replaced by the real load) and energy $/s = watts × PUE × $/J.

import type { DesignPoint } from '../design';
import { simulate, type SimulationBound } from './simulate';
import { kvCacheTokens, measure } from './evaluateServing';
import { StepTimer, type StepScale } from './stepTimer';
import { traceMax } from './trace';
import { expectedOutputTokens, maxLength } from './lengths';
import type { FleetPool, FleetResult, ServingResult, ServingSpec } from './types';

export interface FleetSpec {
  peakRatePerSecond: number;
  averageRatePerSecond: number;
  hotStandby: number;
}

/** The `fleet:` section as the sizing reads it, for `eval` and exploration alike: the average is the peak where not given. */
export function fleetSpecOf(f: { average_rate?: number; hot_standby: number }, peakRatePerSecond: number): FleetSpec {
  return { peakRatePerSecond, averageRatePerSecond: f.average_rate ?? peakRatePerSecond, hotStandby: f.hot_standby };
}

export interface FleetMember {
  design: DesignPoint;
  serving: ServingResult;
}

/** Replicas, chips, power and cost of a fleet; undefined when a replica cannot meet the SLO at any rate. */
export function sizeFleet(
  spec: ServingSpec,
  fleet: FleetSpec,
  active: FleetMember,
  standby: FleetMember,
  bound: SimulationBound = {},
  stepScale?: StepScale,
): FleetResult | undefined {
  const capacity = active.serving.maxRateAtSlo ?? 0;
  const standbyCapacity = standby.serving.maxRateAtSlo ?? 0;
  if (!(capacity > 0) || (fleet.hotStandby > 0 && !(standbyCapacity > 0))) return undefined;
  const replicas = Math.max(1, Math.ceil(fleet.peakRatePerSecond / capacity - 1e-9));
  // The standby covers hot_standby of the capacity the peak needs, in its own replicas.
  const standbyReplicas = fleet.hotStandby > 0 ? Math.ceil((fleet.hotStandby * fleet.peakRatePerSecond) / standbyCapacity - 1e-9) : 0;
  const average = Math.min(fleet.averageRatePerSecond, fleet.peakRatePerSecond);
  const perReplicaRate = average / replicas;
  const activeWattsPerChip = wattsAtRate(active.design, spec, perReplicaRate, bound, stepScale);
  const chipsActive = replicas * active.design.system.chips;
  const chipsStandby = standbyReplicas * standby.design.system.chips;
  const activeWatts = chipsActive * activeWattsPerChip;
  // A hot standby is powered and idle: it draws its idle power.
  const standbyWatts = chipsStandby * standby.design.hardware.idlePowerWatts;
  const watts = activeWatts + standbyWatts;
  // The hosts of every chip, the standby's too: powered whether they serve or not.
  const hostWatts = chipsActive * active.design.economics.hostWattsPerChip + chipsStandby * standby.design.economics.hostWattsPerChip;
  const usdPerSecond =
    poolUsdPerSecond(active.design, chipsActive, activeWatts) + poolUsdPerSecond(standby.design, chipsStandby, standbyWatts);
  // The traffic's expected output per request, not the one run's sample mean: an operator's review
  // saw $/M move $1.47 -> $1.33 with `serving.requests` while replicas, chips and $/h held.
  const outputTokensPerSecond = average * expectedOutputTokens(spec);
  const pools: FleetPool[] = [
    { design: active.design.name, replicas, chips: chipsActive, watts: activeWatts, utilization: perReplicaRate / capacity },
  ];
  if (standbyReplicas > 0)
    pools.push({ design: standby.design.name, replicas: standbyReplicas, chips: chipsStandby, watts: standbyWatts, utilization: 0 });
  return {
    replicas,
    standbyReplicas,
    chips: chipsActive + chipsStandby,
    watts,
    hostWatts,
    usdPerMillionOutputTokens: outputTokensPerSecond > 0 ? (usdPerSecond / outputTokensPerSecond) * 1e6 : 0,
    usdPerResponse: average > 0 ? usdPerSecond / average : 0,
    usdPerHour: usdPerSecond * 3600,
    capitalKnown:
      active.design.economics.priceSource !== 'unknown' && (standbyReplicas === 0 || standby.design.economics.priceSource !== 'unknown'),
    peakUtilization: fleet.peakRatePerSecond / (replicas * capacity),
    averageRatePerSecond: average,
    peakRatePerSecond: fleet.peakRatePerSecond,
    pools,
  };
}

/**
 * What a pool of `chips` of one design costs a second while they draw `watts` (before PUE): its
 * chips' price over their lifetime (a pool is deployed for its whole life, so `cost.utilization`
 * is replaced by the load it really carries) and its electricity at the design's PUE and price,
 * its hosts' share (`cost.host_power`, powered whether busy or not) beside the chips'.
 * A fleet's active and standby pools and a disaggregated deployment's prefill and decode pools.
 */
export function poolUsdPerSecond(design: DesignPoint, chips: number, watts: number): number {
  const e = design.economics;
  return (chips * e.chipPriceUsd) / e.lifetimeSeconds + (watts + chips * e.hostWattsPerChip) * e.pue * e.electricityUsdPerJoule;
}

/** Requests of the run that measures a replica's power at the fleet's average rate (a tenth of them warm-up). */
const FLEET_POWER_REQUESTS = 1000;

/** Average power per chip of one replica serving Poisson traffic at `rate`. */
function wattsAtRate(design: DesignPoint, spec: ServingSpec, rate: number, bound: SimulationBound, stepScale?: StepScale): number {
  if (!(rate > 0)) return design.hardware.idlePowerWatts;
  const kvBlocks = Math.floor(kvCacheTokens(design, spec) / spec.blockTokens);
  const timer = new StepTimer(design, Math.max(2, Math.min(maxContext(spec), kvBlocks * spec.blockTokens)), stepScale);
  // A run of its own length, as the max-rate search's are: the fleet's power must not follow
  // `serving.requests` (an operator's review: 14.1 kW at 10 requests, 16.2 kW at 200).
  const o = simulate(spec, timer, kvBlocks, { ...bound, poissonRate: rate, requests: FLEET_POWER_REQUESTS });
  return measure(o, design, spec).wattsPerChip;
}

function maxContext(spec: ServingSpec): number {
  const trace = spec.arrivals.kind === 'trace' ? spec.arrivals.requests : [];
  const of = (d: ServingSpec['prompt'], key: 'promptTokens' | 'outputTokens') => (d.kind === 'trace' ? traceMax(trace, key) : maxLength(d));
  return of(spec.prompt, 'promptTokens') + of(spec.output, 'outputTokens');
}
