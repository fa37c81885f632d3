// The serving part of an analysis: `serving:` simulated on the design (and on the baseline,
// same traffic and SLO, for the view's comparison), then `fleet:` sized from both. Problems
// become diagnostics on the keys that cause them.

import { MAX_SERVING_REQUESTS, type Config } from '../config/schema';
import type { FileHost } from '../config/resolve';
import type { DesignPoint } from '../design';
import { hasErrors, locate, type Diagnostic, type SourceRef } from '../diagnostics';
import { nearestInFile } from '../buildDesign';
import { formatAttainment, formatPercent, formatSeconds, significant } from '../report/format';
import { formatSI, trimNumber } from '../units';
import type { EvaluationResult } from '../result';
import {
  capRequests,
  evaluateServing,
  kvCacheTokens,
  offeredRequestsPerSecond,
  TRICKLE_SHARE,
  type ServingOptions,
} from './evaluateServing';
import {
  defaultKvTransferBytesPerSecond,
  NETWORK_BYTES_PER_SECOND_PER_CHIP,
  poolsShareScaleUp,
  simulateDisaggregated,
} from './disaggregate';
import { fleetSpecOf, sizeFleet } from './fleet';
import { longLength } from './lengths';
import { clockMs, type SimulationBound } from './simulate';
import { servingSpecFrom } from './spec';
import { traceMax } from './trace';
import { addRanges, disaggregatedEnds, disaggregatedRanges, fleetRanges, rangeEnds, servingRanges, type RangeEnd } from './servingRanges';
import { STABLE_SHARE, type DisaggregatedResult, type ServingResult, type ServingSpec } from './types';

export interface ServingTarget {
  design: DesignPoint;
  result: EvaluationResult;
}

/** A long time between requests in the unit it reads in ("one request every 18 days", not "6.5e-7 requests/s"). */
function interval(seconds: number): string {
  for (const [unit, s] of [
    ['days', 86400],
    ['hours', 3600],
    ['minutes', 60],
  ] as const)
    if (seconds >= 2 * s) return `${significant(seconds / s)} ${unit}`;
  return formatSeconds(seconds);
}

/** Two significant digits, rounded down: a rate to stay under (18.5 is 18, not 19). */
function twoDigitsDown(x: number): string {
  if (!(x > 0)) return '0';
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return String(+(Math.floor(x / unit + 1e-9) * unit).toPrecision(2));
}

/** Said when an end of the step-time range overloads an instance the value does not: its latencies have no range. */
function slowEndOverloaded(
  name: string,
  ends: RangeEnd[],
  serving: ServingResult,
  spec: ServingSpec,
  at: { at?: Diagnostic['at'] },
): Diagnostic[] {
  const slow = ends.find((e) => e.serving.overloaded);
  if (!slow || serving.overloaded || spec.arrivals.kind !== 'poisson') return [];
  return [
    {
      severity: 'info',
      code: 'serving-range-overloaded',
      path: 'serving.rate',
      ...at,
      message: `With every step at the slow end of its 80 % range, ${name} serves at most ${slow.serving.saturationRequestsPerSecond.toPrecision(3)} requests/s, below the ${significant(spec.arrivals.ratePerSecond)} /s offered: its queue would grow without bound, so its latency figures are shown without ranges (their ratios say "no 80 % range"). A lower \`serving.rate\` keeps the slow end below saturation.`,
    },
  ];
}

/** Said when no fleet meets the SLO at an end of the step-time range: the fleet's size has no upper bound. */
function fleetUnbounded(name: string, at: { at?: Diagnostic['at'] }): Diagnostic {
  return {
    severity: 'info',
    code: 'fleet-range-unbounded',
    path: 'fleet',
    ...at,
    message: `With every step at the slow end of its 80 % range, no replica of ${name} meets the SLO at any rate: the fleet's size has no upper bound there, so its figures are shown without ranges (their ratios say "no 80 % range"). A looser \`serving.slo\` bounds it.`,
  };
}

/** The targets the run at the offered rate misses, and by how much: " At the rate offered, p99 TTFT is 1.2 s against 1 s." */
function missedTargets(serving: ServingResult, percentile: number): string {
  const p = serving.sloPercentileMs;
  const slo = serving.slo;
  if (!p || !slo) return '';
  const missed = (['ttft', 'tpot', 'e2e'] as const)
    .filter((k) => slo[`${k}Ms`] !== undefined && (p[k] === null || p[k] > slo[`${k}Ms`]!))
    .map((k) => {
      const at = p[k];
      return `${k.toUpperCase()} ${at === null ? 'never met (requests that could never run)' : formatSeconds(at / 1e3)} against ${formatSeconds(slo[`${k}Ms`]! / 1e3)}`;
    });
  return missed.length ? ` At the rate offered, p${percentile} ${missed.join(', ')}.` : '';
}

/** What the disaggregated figures cannot be trusted for: a run cut short, pools that do not keep up. */
function disaggregatedTrust(result: DisaggregatedResult, spec: ServingSpec, at: { at?: Diagnostic['at'] }): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (result.truncated)
    out.push({
      severity: 'warning',
      code: 'disaggregated-truncated',
      path: 'serving.disaggregated',
      ...at,
      message:
        "A disaggregated pool's simulation reached its step bound or the editor's time budget before its requests finished: the disaggregated figures cover the steps simulated, without ranges. `jalapeno eval` has no time budget.",
    });
  else if (result.overloaded)
    out.push({
      severity: 'warning',
      code: 'disaggregated-overloaded',
      path: 'serving.disaggregated',
      ...at,
      message: `The disaggregated pools complete ${result.requestsPerSecond.toPrecision(3)} requests/s of the ${spec.arrivals.kind === 'poisson' ? `${significant(spec.arrivals.ratePerSecond)} /s` : 'traffic'} offered: a queue grows for as long as the run, so their latencies measure \`serving.requests\`, not the design. ${
        // The links carry no more than this: their queue, not a pool, holds the requests back.
        result.kvTransferCapacityRequestsPerSecond < result.requestsPerSecond / STABLE_SHARE
          ? `The KV transfer is the limit: the prefill instances' links carry at most ${result.kvTransferCapacityRequestsPerSecond.toPrecision(3)} requests/s at this prompt length; raise \`serving.disaggregated.kv_transfer\` or add prefill replicas.`
          : 'Add replicas to the slower pool.'
      }`,
    });
  return out;
}

/** The longest prompt or output the traffic sends: the trace's, else its distribution's (`longLength`). */
function longestLength(spec: ServingSpec, key: 'promptTokens' | 'outputTokens'): number {
  const d = key === 'promptTokens' ? spec.prompt : spec.output;
  return d.kind === 'trace' && spec.arrivals.kind === 'trace' ? traceMax(spec.arrivals.requests, key) : longLength(d);
}

/** More memory for the KV cache, its share of the memory first (a new user's 0.1 was named nowhere in the fix). */
const kvMemoryFix = (spec: ServingSpec): string =>
  `give the KV cache more memory (a larger \`serving.memory_utilization\`, now ${formatPercent(spec.memoryUtilization)}, more chips, or more memory per chip)`;

/** Why requests cannot run, of the two reasons the simulator rejects one, those that can apply. */
/** Why requests could never run: the KV cache, the token budget without chunked prefill, or both, each with its fix. */
function rejectionCauseList(
  spec: ServingSpec,
  kvTokens: number,
  longestPrompt: number,
  longestOutput: number,
): { cause: string; fix: string }[] {
  const causes: { cause: string; fix: string }[] = [];
  if (longestPrompt + longestOutput > kvTokens)
    causes.push({
      cause: `prompt + output (up to ${(longestPrompt + longestOutput).toLocaleString('en-US')} tokens) exceed the KV cache of one instance (${kvTokens.toLocaleString('en-US')} tokens)`,
      fix: kvMemoryFix(spec),
    });
  if (!spec.chunkedPrefill && spec.scheduler === 'continuous' && longestPrompt > spec.maxBatchedTokens)
    causes.push({
      cause: `prompts (up to ${longestPrompt.toLocaleString('en-US')} tokens) exceed \`max_batched_tokens\` (${spec.maxBatchedTokens.toLocaleString('en-US')}) without chunked prefill`,
      fix: 'raise `max_batched_tokens` or turn `chunked_prefill` on',
    });
  return causes.length > 0
    ? causes
    : [
        {
          cause: `prompt + output exceed the KV cache of one instance (${kvTokens.toLocaleString('en-US')} tokens)`,
          fix: kvMemoryFix(spec),
        },
      ];
}
const rejectionCauses = (spec: ServingSpec, kvTokens: number, longestPrompt: number, longestOutput: number): string =>
  rejectionCauseList(spec, kvTokens, longestPrompt, longestOutput)
    .map((c) => c.cause)
    .join('; ');
/** Each cause's fix, or shorter requests (an operator's review was told to add KV memory where the token budget rejected them). */
const rejectionFixes = (
  spec: ServingSpec,
  kvTokens: number,
  longestPrompt: number,
  longestOutput: number,
  shorten = 'shorten them',
): string => [shorten, ...rejectionCauseList(spec, kvTokens, longestPrompt, longestOutput).map((c) => c.fix)].join(', or ');

/** Said when the editor's budget left a design's serving figures without ranges. */
function rangesCutShort(figures: string, at: { at?: Diagnostic['at'] }): Diagnostic {
  return {
    severity: 'info',
    code: 'serving-ranges-cut-short',
    path: 'serving',
    ...at,
    message: `The ranges of ${figures} did not finish within the editor's time budget, so they are shown without ranges (and their ratios say so). \`jalapeno eval\` computes them.`,
  };
}

export async function analyzeServing(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  host: FileHost,
  design: ServingTarget,
  baseline: ServingTarget | undefined,
  options: ServingOptions = {},
): Promise<Diagnostic[]> {
  const parsed = await servingSpecFrom(config, origins, file, host);
  const diagnostics = parsed.diagnostics;
  if (!parsed.spec || hasErrors(diagnostics)) return diagnostics;
  const spec = capRequests(parsed.spec, options.requestsCap);
  // In this file: a key it inherits (a `compare:` its parent writes) is said at its section or its
  // `extends`, not as a squiggle in the parent, which has no traffic (a workbench review).
  const at = (path: string) => {
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const origin = origins.get(p);
      const found = origin?.kind === 'file' && origin.file === file ? locate(origin, true) : undefined;
      if (found) return { at: found };
    }
    return { at: nearestInFile(path, origins, file) };
  };
  if (kvCacheTokens(design.design, spec) < spec.blockTokens) {
    diagnostics.push({
      severity: 'error',
      code: 'no-kv-cache',
      path: 'serving.memory_utilization',
      ...at('serving.memory_utilization'),
      message: `The weights leave no room for a KV cache in ${Math.round(spec.memoryUtilization * 100)} % of each chip's memory (\`serving.memory_utilization\`): no request can be served. Use more chips, smaller weights or more memory.`,
    });
    return diagnostics;
  }
  // A TensorRT-LLM runtime under vLLM's block policy: its own default is the other one.
  const admissionWritten = origins.get('serving.admission');
  if (
    design.design.runtime.provenance.id === 'tensorrt-llm' &&
    spec.scheduler === 'continuous' &&
    (!admissionWritten || admissionWritten.kind === 'default')
  )
    diagnostics.push({
      severity: 'info',
      code: 'admission-default',
      path: 'serving',
      ...at('serving'),
      message:
        "The runtime is TensorRT-LLM, whose default capacity scheduler (GUARANTEED_NO_EVICT) starts a request only when its prompt and whole output fit the KV cache; this simulation takes blocks on demand and preempts (vLLM's policy, `serving.admission`'s default). Set `admission: guaranteed` to simulate TensorRT-LLM's.",
    });
  const longestPrompt = longestLength(spec, 'promptTokens');
  const longestOutput = longestLength(spec, 'outputTokens');
  const context = design.design.workload.model.maxContext;
  if (context !== undefined && longestPrompt + longestOutput > context) {
    const key = origins.has('serving.prompt') || !origins.has('serving.output') ? 'serving.prompt' : 'serving.output';
    diagnostics.push({
      severity: 'warning',
      code: 'beyond-context',
      path: key,
      ...at(key),
      message: `The longest requests (prompt up to ${longestPrompt.toLocaleString('en-US')} + output up to ${longestOutput.toLocaleString('en-US')} tokens) exceed the model's trained context of ${context.toLocaleString('en-US')} tokens: a server would refuse or truncate them; the simulation serves them as written.`,
    });
  }
  // The editor's budget bounds every simulation below it (the fleet's power runs and the
  // disaggregated pools too), each stage from its own start.
  const bound = (): SimulationBound => (options.budgetMs !== undefined ? { deadlineMs: clockMs() + options.budgetMs } : {});
  const serving = await evaluateServing(design.design, spec, options);
  design.result.serving = serving;
  const ranged = options.ranges !== false;
  // A run the budget already cut (its search too) leaves none for the ends: no ranges, and the
  // search's own diagnostic says so.
  const cut = serving.truncated || serving.searchTruncated;
  const designEnds = cut || !ranged ? undefined : await rangeEnds(design.design, spec, options);
  if (!designEnds && !cut && ranged) diagnostics.push(rangesCutShort("this design's serving and fleet figures", at('serving')));
  if (designEnds) {
    addRanges(
      design.result,
      servingRanges(
        serving,
        designEnds.map((e) => e.serving),
      ),
    );
    diagnostics.push(...slowEndOverloaded('this design', designEnds, serving, spec, at('serving.rate')));
  }
  if (serving.truncated) {
    diagnostics.push({
      severity: 'warning',
      code: 'serving-truncated',
      path: 'serving',
      ...at('serving.requests'),
      message:
        "The simulation reached its step bound, or the editor's time budget, before every measured request finished (the queue grows without bound, requests are very long, or the token budget per step is tiny): its figures cover the steps simulated. Lower the load, `serving.requests`, or raise `serving.max_batched_tokens`; `jalapeno eval` has no time budget.",
    });
  }
  if (serving.searchTruncated) {
    diagnostics.push({
      severity: 'info',
      code: 'serving-search-truncated',
      path: 'serving',
      ...at('serving.slo'),
      message: `The max-rate search and the load curve stopped at the editor's time budget (${serving.loadCurve.length} load points)${searchBracket(serving)}, and the serving figures are shown without ranges. \`jalapeno eval\` runs the full search.`,
    });
  }
  if (serving.rejected > 0) {
    // At the length to shorten: the output when the prompts alone fit.
    const outputIsCause = longestPrompt < serving.kvCacheTokens && longestPrompt + longestOutput > serving.kvCacheTokens;
    diagnostics.push({
      severity: 'warning',
      code: 'requests-rejected',
      path: 'serving',
      ...at(outputIsCause ? 'serving.output' : 'serving.prompt'),
      message: `${serving.rejected} of ${serving.measuredRequests} requests could never run: ${rejectionCauses(spec, serving.kvCacheTokens, longestPrompt, longestOutput)}.${spec.slo ? ' They count as missing the SLO.' : ' The serving figures are of the requests that ran.'}`,
    });
  }
  // Rejected requests count as missing the SLO at every rate.
  const rejectedShare = serving.measuredRequests > 0 ? serving.rejected / serving.measuredRequests : 0;
  if (spec.slo && serving.maxRateAtSlo === 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'slo-unreachable',
      path: 'serving.slo',
      ...at('serving.slo'),
      message:
        rejectedShare > 1 - spec.slo.percentile / 100
          ? `The SLO fails at any rate: ${trimNumber(100 * rejectedShare)} % of requests can never run (see \`requests-rejected\`), more than the ${trimNumber(100 - spec.slo.percentile)} % that p${spec.slo.percentile} lets miss. Those requests, not the design's speed, set this: ${rejectionFixes(spec, serving.kvCacheTokens, longestPrompt, longestOutput)}.`
          : `The SLO fails even at a trickle of traffic (p${spec.slo.percentile} at one request every ${interval(1 / (serving.saturationRequestsPerSecond * TRICKLE_SHARE))}, where no request waits for another): one request alone is slower than the targets.${missedTargets(serving, spec.slo.percentile)}`,
    });
  }
  // The traffic as configured misses its own SLO, where a lower rate holds it: said plainly (a
  // workbench review read the lens's "SLO met by 96.4%" at p99 as a pass). Not past saturation nor
  // at the SLO's edge, where their own notes speak, nor where no rate holds it (slo-unreachable).
  if (
    spec.slo &&
    spec.arrivals.kind === 'poisson' &&
    serving.sloAttainment !== undefined &&
    serving.sloAttainment < spec.slo.percentile / 100 &&
    serving.maxRateAtSlo !== undefined &&
    serving.maxRateAtSlo > 0 &&
    !serving.overloaded &&
    serving.sloEdge?.run !== 'missed'
  ) {
    diagnostics.push({
      severity: 'warning',
      code: 'slo-missed',
      path: 'serving.slo',
      ...at('serving.slo'),
      message: `At the ${significant(spec.arrivals.ratePerSecond)} requests/s configured, the SLO is met by ${formatAttainment(serving.sloAttainment)} of requests, not the ${spec.slo.percentile}% p${spec.slo.percentile} asks.${missedTargets(serving, spec.slo.percentile)} One instance of this design holds the SLO up to ${significant(serving.maxRateAtSlo)} requests/s (the max-rate search's settled runs)${config.fleet ? '; the fleet is sized at that rate' : ': more traffic needs more instances (`fleet:` sizes them)'}.`,
    });
  }
  // Above saturation an open loop's queue grows for as long as the simulation runs: its
  // percentiles measure how many requests were simulated, not the design.
  if (spec.arrivals.kind === 'poisson' && serving.overloaded) {
    diagnostics.push({
      severity: 'warning',
      code: 'serving-overloaded',
      path: 'serving.rate',
      ...at('serving.rate'),
      message: `${significant(spec.arrivals.ratePerSecond)} requests/s is more than this design serves at all (saturation ${serving.saturationRequestsPerSecond.toPrecision(3)} requests/s): the queue grows without bound, so the latency percentiles depend on \`serving.requests\`, not on the design. Offer at most ${twoDigitsDown(STABLE_SHARE * serving.saturationRequestsPerSecond)} /s (${100 * STABLE_SHARE} % of saturation: nearer, the percentiles still grow with the run)${serving.maxRateAtSlo ? `; ${twoDigitsDown(serving.maxRateAtSlo)} /s meets the SLO` : ''}.`,
    });
  }
  if (spec.arrivals.kind === 'trace' && serving.overloaded) {
    const offered = offeredRequestsPerSecond(spec)!;
    diagnostics.push({
      severity: 'warning',
      code: 'serving-overloaded',
      path: 'serving.trace',
      ...at('serving.trace'),
      message: Number.isFinite(offered)
        ? `The trace offers ${offered.toPrecision(3)} requests/s on average, more than this design serves at all (saturation ${serving.saturationRequestsPerSecond.toPrecision(3)} requests/s): its queue grows for as long as the trace lasts, so the latency percentiles measure the trace's length, not the design. Replay it on more replicas or a faster design, or slow it to at most ${twoDigitsDown(STABLE_SHARE * serving.saturationRequestsPerSecond)} /s (${100 * STABLE_SHARE} % of saturation).`
        : `Every request of the trace arrives at once (an offline batch): the design serves them at its saturation, ${serving.saturationRequestsPerSecond.toPrecision(3)} requests/s, and the latency percentiles measure how many requests queue, not the design. For latencies under load, spread the arrivals (at most ${twoDigitsDown(STABLE_SHARE * serving.saturationRequestsPerSecond)} /s, ${100 * STABLE_SHARE} % of saturation).`,
    });
  }
  // Near saturation, not past it: the queue's random walk still grows with the run, so its
  // percentiles depend on how long it is (an operator's review: at 99.7 % of saturation p99 TTFT
  // read 3.9 s over 2,000 requests and 1.85 s over 8,000, with no word). The max-rate search
  // counts nothing above the same share as meeting an SLO. A trace is the run the user gave.
  if (
    spec.arrivals.kind === 'poisson' &&
    !serving.overloaded &&
    spec.arrivals.ratePerSecond > STABLE_SHARE * serving.saturationRequestsPerSecond
  ) {
    const rate = spec.arrivals.ratePerSecond;
    diagnostics.push({
      severity: 'warning',
      code: 'serving-near-saturation',
      path: 'serving.rate',
      ...at('serving.rate'),
      message: `${significant(rate)} requests/s is ${((100 * rate) / serving.saturationRequestsPerSecond).toPrecision(3)} % of what this design serves at all (saturation ${serving.saturationRequestsPerSecond.toPrecision(3)} requests/s): this near it, the queue still grows with the run, so the latency percentiles depend on \`serving.requests\` as much as on the design, and a longer run reads them differently. Offer at most ${twoDigitsDown(STABLE_SHARE * serving.saturationRequestsPerSecond)} /s (${100 * STABLE_SHARE} % of saturation, the most the max-rate search counts as meeting an SLO) for percentiles that hold.`,
    });
  }
  // Below saturation, the measured requests must arrive over several request lifetimes for the
  // run to stand for its steady state: the warm-up (a tenth of the requests) fills the instance
  // before the window opens only if it spans a lifetime, so the window must span ten. At 8.4
  // (Llama 3 8B on one H100 at 18 /s, 500 requests) the served rate read 7 % low (16.5 against
  // 17.8 over 2,000); the advice asks for twenty, since a lifetime grows as a longer run's
  // queue settles.
  const STEADY_LIFETIMES = 10;
  const MIN_PERCENTILE_REQUESTS = 100;
  const ADVISED_LIFETIMES = 20;
  if (spec.arrivals.kind === 'poisson' && !serving.overloaded && serving.e2eMs.mean > 0) {
    const rate = spec.arrivals.ratePerSecond;
    const windowS = serving.measuredRequests / rate;
    const lifetimeS = serving.e2eMs.mean / 1e3;
    if (windowS < STEADY_LIFETIMES * lifetimeS) {
      diagnostics.push({
        severity: 'warning',
        code: 'serving-short-run',
        path: 'serving.requests',
        ...at('serving.requests'),
        message: `${serving.measuredRequests} requests at ${significant(rate)} /s arrive over ${formatSeconds(windowS)}, ${(windowS / lifetimeS).toPrecision(2)}× one request's mean end-to-end time (${formatSeconds(lifetimeS)}): the run ends while the instance is still filling up, so its served rate (${serving.requestsPerSecond.toPrecision(3)} requests/s) and percentiles are partly a start-up transient. Simulate about ${Math.ceil(ADVISED_LIFETIMES * lifetimeS * rate).toLocaleString('en-US')} requests (twenty lifetimes).`,
      });
    }
  }
  // A p99 of fewer than 100 requests is their slowest one: say so where the count is set.
  if (serving.measuredRequests > 0 && serving.measuredRequests < MIN_PERCENTILE_REQUESTS) {
    const traced = spec.arrivals.kind === 'trace';
    diagnostics.push({
      severity: 'warning',
      code: 'few-requests',
      path: traced ? 'serving.trace' : 'serving.requests',
      ...at(traced ? 'serving.trace' : 'serving.requests'),
      message: `Only ${serving.measuredRequests} ${serving.measuredRequests === 1 ? 'request is' : 'requests are'} measured${traced ? ' (the rows of the trace)' : ''}: their p99 is the slowest of them${serving.measuredRequests < 10 ? ', and their p90 too' : ''}, so the percentiles${spec.slo ? ' and the SLO attainment' : ''} rest on too few samples to describe the traffic. ${traced ? 'A trace of at least 100 requests' : 'At least 100 requests'} give${traced ? 's' : ''} a p99 that is not just the maximum.`,
    });
  }
  // An SLO percentile above what the run can resolve: p99.9 of 2,000 requests is the second
  // slowest (an operator's review: set with no word). Ten requests beyond it, as p99 has at the
  // default 2,000 requests' twenty; below 100 requests `few-requests` says it for every percentile.
  const beyond = spec.slo ? ((100 - spec.slo.percentile) / 100) * serving.measuredRequests : Infinity;
  if (spec.slo && serving.measuredRequests >= MIN_PERCENTILE_REQUESTS && beyond < 10) {
    const traced = spec.arrivals.kind === 'trace';
    const needed = Math.ceil(1000 / (100 - spec.slo.percentile) - 1e-6);
    diagnostics.push({
      severity: 'warning',
      code: 'slo-percentile-unresolved',
      path: 'serving.slo.percentile',
      ...at('serving.slo.percentile'),
      message: `p${spec.slo.percentile} of ${serving.measuredRequests.toLocaleString('en-US')} measured requests rests on the slowest ${Math.max(1, Math.round(beyond))}: the SLO's figures and its attainment depend on those few requests, not on the traffic. ${traced ? `A trace of at least ${needed.toLocaleString('en-US')} requests puts ten beyond it.` : needed <= MAX_SERVING_REQUESTS ? `\`serving.requests: ${needed}\` or more puts ten beyond it.` : `No run \`serving.requests\` allows (at most ${MAX_SERVING_REQUESTS.toLocaleString('en-US')}) puts ten beyond it: state a lower percentile.`}`,
    });
  }
  // A TPOT target over requests that output one token each is met by every one (a request with
  // no second token has no time between tokens): an operator's review saw it dropped without a word.
  if (spec.slo?.tpotSeconds !== undefined && serving.measuredRequests > 0 && serving.meanOutputTokens <= 1) {
    diagnostics.push({
      severity: 'warning',
      code: 'slo-tpot-no-tokens',
      path: 'serving.slo.tpot',
      ...at('serving.slo.tpot'),
      message: `Every request outputs one token, which the prefill gives: no request has a time between tokens, so the TPOT target holds for all of them and says nothing. Drop it, or give \`serving.output\` the lengths the traffic has.`,
    });
  }
  if (spec.disaggregated) {
    const prefillDesign = spec.disaggregated.prefillDesign === 'baseline' ? baseline?.design : design.design;
    if (!prefillDesign) {
      diagnostics.push({
        severity: 'warning',
        code: 'disaggregated-no-baseline',
        path: 'serving.disaggregated.prefill.design',
        ...at('serving.disaggregated.prefill.design'),
        message: 'The prefill pool is the `compare` design, which could not be evaluated: no disaggregated result.',
      });
    } else {
      const result = simulateDisaggregated(spec, design.design, prefillDesign, bound());
      if (result) {
        serving.disaggregated = result;
        // A pool whose design leaves no memory for a KV cache runs no request: said at the pool,
        // not as an overload more replicas would cure.
        const empty = (
          [
            ['prefill', prefillDesign],
            ['decode', design.design],
          ] as const
        ).find(([, d]) => kvCacheTokens(d, spec) === 0);
        if (empty)
          diagnostics.push({
            severity: 'warning',
            code: 'disaggregated-pool-empty',
            path: `serving.disaggregated.${empty[0]}`,
            ...at(`serving.disaggregated.${empty[0]}`),
            message: `The ${empty[0]} pool's design (${empty[1].name}, ${empty[1].system.chips} chip${empty[1].system.chips === 1 ? '' : 's'} per replica) leaves no memory for a KV cache beside the weights: no request runs on it, whatever the replicas, so the disaggregated figures have no value. Give that design more chips or memory.`,
          });
        else diagnostics.push(...disaggregatedTrust(result, spec, at('serving.disaggregated')));
        // Pools of one design default to its scale-up links: true inside one scale-up domain
        // (an 8-GPU server, an NVL72 rack), optimistic across servers. Say so where it is assumed.
        if (spec.disaggregated.kvTransferBytesPerSecond === undefined && prefillDesign === design.design) {
          const rate = defaultKvTransferBytesPerSecond(prefillDesign, design.design, spec.disaggregated);
          const d = spec.disaggregated;
          const chips = (d.prefillReplicas + d.decodeReplicas) * design.design.system.chips;
          const domain = design.design.hardware.link.domainChips;
          const network = NETWORK_BYTES_PER_SECOND_PER_CHIP * design.design.system.chips;
          diagnostics.push({
            severity: 'info',
            code: 'kv-transfer-default',
            path: 'serving.disaggregated.kv_transfer',
            ...at('serving.disaggregated'),
            message: poolsShareScaleUp(design.design, d)
              ? `The KV cache moves from prefill to decode instances at ${formatSI(rate, 'B/s')} (${formatSeconds(result.kvTransferMs / 1e3)} per request), over the chips' own scale-up links, as if the pools shared one scale-up domain (one server, one NVLink rack): the model's default, an assumption${domain === undefined ? ' (`chip.link.domain` does not say how many chips the link reaches)' : ''}. Across servers it crosses the network, ${formatSI(network, 'B/s')} at a 400 Gb/s port per chip: write \`serving.disaggregated.kv_transfer\` for that.`
              : `The pools' ${chips} chips span more than one scale-up domain of ${domain} (\`chip.link.domain\`), so the KV cache moves from prefill to decode instances over the network: ${formatSI(rate, 'B/s')} at a 400 Gb/s port per chip (${formatSeconds(result.kvTransferMs / 1e3)} per request), the model's default, an assumption. Write \`serving.disaggregated.kv_transfer\` for another fabric.`,
          });
        }
        // Ranged as the aggregated instance is, when its ranges were not cut short.
        const ends = designEnds && !result.truncated ? disaggregatedEnds(spec, design.design, prefillDesign, bound) : undefined;
        if (ends) addRanges(design.result, disaggregatedRanges(result, ends));
        else if (designEnds && !result.truncated)
          diagnostics.push(rangesCutShort('the disaggregated figures', at('serving.disaggregated')));
        if (ends?.some((e) => e.overloaded) && !result.overloaded)
          diagnostics.push({
            severity: 'info',
            code: 'serving-range-overloaded',
            path: 'serving.disaggregated',
            ...at('serving.disaggregated'),
            message:
              'With every step at the slow end of its 80 % range, the disaggregated pools do not keep up with the traffic: their queue would grow without bound, so their latency figures are shown without ranges. More replicas in the slower pool, or a lower `serving.rate`, keep the slow end up.',
          });
      }
    }
  }
  let baselineEnds: RangeEnd[] | undefined;
  if (baseline) {
    baseline.result.serving = await evaluateServing(baseline.design, spec, options);
    const b = baseline.result.serving;
    const baselineCut = b.truncated || b.searchTruncated;
    baselineEnds = baselineCut || !ranged ? undefined : await rangeEnds(baseline.design, spec, options);
    if (!baselineEnds && !baselineCut && ranged)
      diagnostics.push(rangesCutShort("the `compare` design's serving and fleet figures", at('compare')));
    if (baselineEnds) {
      addRanges(
        baseline.result,
        servingRanges(
          b,
          baselineEnds.map((e) => e.serving),
        ),
      );
      diagnostics.push(...slowEndOverloaded('the `compare` design', baselineEnds, b, spec, at('compare')));
    }
    if (spec.arrivals.kind === 'poisson' && b.overloaded) {
      diagnostics.push({
        severity: 'warning',
        code: 'baseline-serving-overloaded',
        path: 'compare',
        ...at('compare'),
        message: `The \`compare\` design is offered ${significant(spec.arrivals.ratePerSecond)} requests/s, more than it serves at all (saturation ${b.saturationRequestsPerSecond.toPrecision(3)} requests/s): its queue grows without bound, so its latency percentiles depend on \`serving.requests\`, and the two designs' percentiles are not compared.`,
      });
    }
    if (b.rejected > 0) {
      diagnostics.push({
        severity: 'warning',
        code: 'baseline-requests-rejected',
        path: 'compare',
        ...at('compare'),
        message: `On the \`compare\` design ${b.rejected} of ${b.measuredRequests} requests could never run: ${rejectionCauses(spec, b.kvCacheTokens, longestPrompt, longestOutput)}, so its serving figures count them as missing the SLO. To fix it there: ${rejectionFixes(spec, b.kvCacheTokens, longestPrompt, longestOutput, 'shorten `serving.prompt` / `serving.output`')}.`,
      });
    }
  }
  if (origins.has('fleet') && config.fleet.peak_rate !== undefined) {
    const standby = config.fleet.standby === 'baseline' ? baseline : design;
    if (!standby?.result.serving) return diagnostics;
    const standbyEnds = config.fleet.standby === 'baseline' ? baselineEnds : designEnds;
    const fleetSpec = fleetSpecOf(config.fleet, config.fleet.peak_rate);
    const fleet = sizeFleet(
      spec,
      fleetSpec,
      { design: design.design, serving },
      { design: standby.design, serving: standby.result.serving },
      bound(),
    );
    if (fleet) {
      design.result.fleet = fleet;
      // A trace's lengths reach the sizing; its arrival times do not (an operator's review: a
      // bursty trace sized a fleet as if its peak were Poisson, with no word).
      if (spec.arrivals.kind === 'trace') {
        // Where the trace itself misses the SLO at a mean rate a replica holds under Poisson
        // arrivals, its bursts are what the sizing leaves out: a warning, not a note (an
        // operator's review: a trace meeting the SLO for 88 % of requests sized 11 replicas).
        const offered = offeredRequestsPerSecond(spec);
        const burstsMiss = traceBurstsMiss(spec, serving);
        diagnostics.push({
          severity: burstsMiss ? 'warning' : 'info',
          code: 'fleet-poisson-sizing',
          path: 'fleet.peak_rate',
          ...at('fleet.peak_rate'),
          message: `The fleet is sized on each replica's highest Poisson rate within the SLO (${serving.maxRateAtSlo!.toPrecision(3)} requests/s, with the trace's prompt and output lengths): the trace's own arrival times, its bursts, are not carried into the sizing.${burstsMiss ? ` They matter here: replayed on one replica at a mean of ${offered!.toPrecision(3)} requests/s, below that rate, the trace meets the SLO for ${formatAttainment(serving.sloAttainment!)} of its requests, not the ${spec.slo!.percentile}% p${spec.slo!.percentile} asks, so this fleet is too small for traffic that arrives as the trace does.` : ''} Where the peak arrives burstier than a Poisson stream, state a higher \`peak_rate\`, or replay the peak as a trace on one replica to see its latencies.`,
        });
      }
      if (spec.disaggregated)
        diagnostics.push({
          severity: 'info',
          code: 'fleet-aggregated',
          path: 'fleet',
          ...at('fleet'),
          message:
            'The fleet is sized from aggregated replicas of this design (each serving prefill and decode), not from the disaggregated pools: those are simulated at `serving.rate` for their latencies and served rate, with the replicas `serving.disaggregated` states. Size disaggregated pools by varying their replicas (`explore --vary serving.disaggregated.decode.replicas=...`).',
        });
      if (designEnds && standbyEnds) {
        const ends = designEnds.map((end, i) =>
          sizeFleet(
            spec,
            fleetSpec,
            { design: design.design, serving: end.serving },
            { design: standby.design, serving: standbyEnds[i]!.serving },
            bound(),
            end.scale,
          ),
        );
        addRanges(design.result, fleetRanges(fleet, ends));
        // Whose replicas meet the SLO at no rate there: this design's, or (a standby of the
        // `compare` design) the standby's, which a fleet of this design's replicas then waits on.
        const unsized = designEnds.filter((_, i) => ends[i] === undefined);
        if (unsized.length > 0)
          diagnostics.push(
            fleetUnbounded(
              config.fleet.standby === 'baseline' && unsized.every((end) => (end.serving.maxRateAtSlo ?? 0) > 0)
                ? 'the `compare` design, on standby,'
                : 'this design',
              at('fleet'),
            ),
          );
      }
    } else if (serving.maxRateAtSlo === undefined || (config.fleet.hot_standby > 0 && standby.result.serving.maxRateAtSlo === undefined)) {
      // Not unsizable: the editor's budget cut a max-rate search (serving-search-truncated says so).
      diagnostics.push({
        severity: 'info',
        code: 'fleet-cut-short',
        path: 'fleet',
        ...at('fleet'),
        message:
          "The fleet is not sized here: the editor's time budget cut the max-rate search of " +
          (serving.maxRateAtSlo === undefined ? 'this design' : 'the standby design') +
          ' before it found the highest rate at the SLO, and a fleet sized from a loose lower bound would be many times too large. `jalapeno eval` sizes it.',
      });
    } else {
      diagnostics.push({
        severity: 'warning',
        code: 'fleet-unsizable',
        path: 'fleet',
        ...at('fleet'),
        message:
          'No fleet can meet the SLO: one replica misses it at any load, so adding replicas does not help. Relax `serving.slo` or change the design.',
      });
    }
    // The baseline as an all-baseline fleet with the same traffic, standby share and SLO.
    if (baseline?.result.serving) {
      const all = sizeFleet(
        spec,
        fleetSpec,
        { design: baseline.design, serving: baseline.result.serving },
        { design: baseline.design, serving: baseline.result.serving },
        bound(),
      );
      if (all) {
        baseline.result.fleet = all;
        // The compare design's fleet is sized the same way: where the trace's bursts break its
        // SLO, its fleet is too small too (a final check found the warning for this design only).
        if (spec.arrivals.kind === 'trace' && traceBurstsMiss(spec, baseline.result.serving))
          diagnostics.push({
            severity: 'warning',
            code: 'fleet-poisson-sizing',
            path: 'compare',
            ...at('compare'),
            message: `The \`compare\` design's fleet is sized on its replicas' highest Poisson rate within the SLO (${baseline.result.serving.maxRateAtSlo!.toPrecision(3)} requests/s), but replayed on one of its replicas at a mean of ${offeredRequestsPerSecond(spec)!.toPrecision(3)} requests/s, below that rate, the trace meets the SLO for ${formatAttainment(baseline.result.serving.sloAttainment!)} of its requests, not the ${spec.slo!.percentile}% p${spec.slo!.percentile} asks: its fleet is too small for traffic that arrives as the trace does, so the fleet comparison favours it.`,
          });
        const ends = baselineEnds;
        if (ends) {
          const member = (end: RangeEnd) => ({ design: baseline.design, serving: end.serving });
          const fleets = ends.map((end) => sizeFleet(spec, fleetSpec, member(end), member(end), bound(), end.scale));
          addRanges(baseline.result, fleetRanges(all, fleets));
          if (fleets.some((f) => f === undefined)) diagnostics.push(fleetUnbounded('the `compare` design', at('compare')));
        }
      }
    }
  }
  return diagnostics;
}

/**
 * A trace that misses the SLO on one replica at a mean rate below the replica's highest Poisson
 * rate within it: its bursts, which fleet sizing does not carry, are what breaks the SLO.
 */
function traceBurstsMiss(spec: ServingSpec, serving: ServingResult): boolean {
  const offered = offeredRequestsPerSecond(spec);
  const share = spec.slo ? spec.slo.percentile / 100 : undefined;
  return (
    share !== undefined &&
    serving.sloAttainment !== undefined &&
    serving.sloAttainment < share &&
    offered !== undefined &&
    Number.isFinite(offered) &&
    serving.maxRateAtSlo !== undefined &&
    offered <= serving.maxRateAtSlo
  );
}

/** Where a cut search left the highest rate at the SLO, for its diagnostic. */
function searchBracket(serving: ServingResult): string {
  const b = serving.maxRateBracket;
  if (!b) return '';
  const rate = (x: number) => `${+x.toPrecision(3)} requests/s`;
  const met = b[0] > 0 ? `${rate(b[0])} met it` : 'no rate was seen to meet it';
  const above = serving.maxRateBracketUntried ? `no rate above was tried (the search stops at ${rate(b[1])})` : `${rate(b[1])} missed it`;
  return serving.maxRateAtSlo === undefined
    ? `: ${met} and ${above}, too loose a bracket to show the highest rate at the SLO, or to size a fleet from it`
    : `: the highest rate at the SLO is shown as ${rate(b[0])}, the rate last met; ${above}`;
}
