// The `serving:` section as a simulation spec, with the diagnostics a user needs where
// they wrote the problem: arrivals given twice or not at all, a trace outside the
// workspace, too large or malformed, lengths the KV cache can never hold, an SLO percentile
// that is not one, a simulation too large to run on save.

import { sloPercentile } from './sloPercentile';
import type { Config } from '../config/schema';
import { isInside, resolvePath } from '../config/paths';
import type { FileHost } from '../config/resolve';
import type { Diagnostic, SourceRef } from '../diagnostics';
import { isUnstated, isWritten, locate } from '../diagnostics';
import { meanLength } from './lengths';
import { parseTrace, traceMax } from './trace';
import type { ServingSpec } from './types';
import { significant } from '../report/format';

/** Output tokens one simulation may generate, warm-up included: about a second of CPU at most. */
export const MAX_SIMULATED_TOKENS = 20_000_000;
/**
 * Prefill chunks one simulation may take, warm-up included: a chunk is a step of its own, never
 * merged with the next as decode steps are, and the max-rate search runs a dozen simulations. A
 * token budget of 1 (in range) had 2,200 prompts of 512 tokens take 1.1 M steps each and `eval`
 * run for three minutes with no word (a new user's review); 250,000 is about ten seconds.
 */
export const MAX_PREFILL_CHUNKS = 250_000;

export interface SpecResult {
  /** Undefined when `serving:` is absent or has an error. */
  spec?: ServingSpec;
  diagnostics: Diagnostic[];
}

export async function servingSpecFrom(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  host: FileHost,
): Promise<SpecResult> {
  // The trace, if any, is read first; the rest is `servingSpecWith`'s, which asks for the
  // trace only when `serving.trace` is set.
  const trace = origins.has('serving.trace') ? await readTrace(config.serving.trace ?? '', file, host) : undefined;
  return servingSpecWith(config, origins, () => trace!);
}

/**
 * A length written over the trace: by an override, beside the trace in its file, or in the config
 * itself over a trace its parent wrote. Not a parent's lengths under a trace this file sets: an
 * operator's review wrote `serving: { rate: null, trace: … }` over a parent with lognormal lengths,
 * and the run drew the parent's while the header said "prompts from the trace".
 */
function overTrace(origins: ReadonlyMap<string, SourceRef>, path: 'serving.prompt' | 'serving.output'): boolean {
  const length = origins.get(path);
  if (!length || !isWritten(length)) return false;
  if (length.kind === 'override') return true;
  const trace = origins.get('serving.trace');
  if (trace?.kind !== 'file' || length.kind !== 'file') return true;
  // The config's own file is where its `extends` is written (a config without one is one file).
  const own = origins.get('extends');
  return length.file === trace.file || (own?.kind === 'file' && length.file === own.file);
}

/**
 * The spec, synchronously, with the trace read by `readTrace` (given its reference): what
 * exploration's worker threads use, with the traces read beforehand.
 */
export function servingSpecWith(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  readTrace: (ref: string) => TraceRead,
): SpecResult {
  const diagnostics: Diagnostic[] = [];
  if (!origins.has('serving')) {
    if (origins.has('fleet'))
      diagnostics.push(
        problem(
          'error',
          'fleet-without-serving',
          'fleet',
          origins,
          'A `fleet:` is sized from a `serving:` simulation: add a `serving:` section with an `slo`.',
        ),
      );
    return { diagnostics };
  }
  const s = config.serving;
  const given = (['concurrency', 'rate', 'trace'] as const).filter((k) => origins.has(`serving.${k}`));
  if (given.length !== 1) {
    diagnostics.push(
      problem(
        'error',
        'serving-arrivals',
        given.length ? `serving.${given[1]}` : 'serving',
        origins,
        given.length === 0
          ? 'Give exactly one of `serving.concurrency` (closed loop: N clients), `serving.rate` (open loop: Poisson arrivals, e.g. `4 /s`) and `serving.trace` (a CSV or JSONL file of requests).'
          : `\`serving.${given.join('` and `serving.')}\` are both set: give exactly one of \`concurrency\` (closed loop), \`rate\` (open loop) and \`trace\` (a file).`,
      ),
    );
    return { diagnostics };
  }
  // A value the validator rejected was replaced by its default or dropped: stop here.
  if (given[0] === 'concurrency' && s.concurrency === undefined) return { diagnostics };
  if (given[0] === 'rate' && s.rate === undefined) return { diagnostics };

  const prompt = s.prompt ?? { kind: 'fixed' as const, tokens: config.workload.prompt };
  const output = s.output ?? { kind: 'fixed' as const, tokens: config.workload.output };
  let arrivals: ServingSpec['arrivals'];
  if (given[0] === 'trace') {
    const read = readTrace(s.trace ?? '');
    if (!read.ok) {
      diagnostics.push(problem('error', read.code, 'serving.trace', origins, read.message));
      return { diagnostics };
    }
    arrivals = { kind: 'trace', requests: read.requests };
  } else if (given[0] === 'rate') {
    arrivals = { kind: 'poisson', ratePerSecond: s.rate! };
  } else {
    arrivals = { kind: 'closed', concurrency: s.concurrency! };
  }
  for (const [key, d] of [
    ['prompt', prompt],
    ['output', output],
  ] as const) {
    if (d.kind === 'trace' && arrivals.kind !== 'trace') {
      diagnostics.push(
        problem(
          'error',
          'length-needs-trace',
          `serving.${key}`,
          origins,
          `\`serving.${key}: trace\` takes lengths from \`serving.trace\`, which is not set.`,
        ),
      );
      return { diagnostics };
    }
  }
  // Lengths from the trace unless the config overrides them.
  const fromTrace = arrivals.kind === 'trace';
  const promptD = fromTrace && !overTrace(origins, 'serving.prompt') ? { kind: 'trace' as const } : prompt;
  const outputD = fromTrace && !overTrace(origins, 'serving.output') ? { kind: 'trace' as const } : output;

  const percentile = sloPercentile(s.slo.percentile);
  // `1` reads as a fraction, 100 %: the maximum, which one slow request in a million decides.
  if (percentile < 50 || percentile > 99.99) {
    diagnostics.push(
      problem(
        'error',
        'out-of-range',
        'serving.slo.percentile',
        origins,
        `\`percentile\` = ${s.slo.percentile} reads as p${+percentile.toPrecision(4)}${percentile > 99.99 ? ', the maximum, not a target' : ''}: write the percentile as \`99\` or \`99 %\` (p99), between 50 and 99.99 (\`0.5\`–\`0.9999\` as fractions).`,
      ),
    );
    return { diagnostics };
  }
  const hasSlo = s.slo.ttft !== undefined || s.slo.tpot !== undefined || s.slo.e2e !== undefined;
  if (origins.has('serving.slo') && !hasSlo)
    diagnostics.push(
      problem(
        'warning',
        'slo-empty',
        'serving.slo',
        origins,
        '`serving.slo` sets no target: add `ttft`, `tpot` or `e2e` (e.g. `ttft: 500 ms`).',
      ),
    );

  const requests = fromTrace && arrivals.kind === 'trace' ? arrivals.requests.length : s.requests;
  // A trace is its own run: said where a count was written for it (an operator's review found it
  // silently unused, 500 and 5,000 giving the trace's 1,356).
  // (With both lengths overridden, its warm-up still counts a tenth of them: simulate.ts.)
  if (arrivals.kind === 'trace' && (promptD.kind === 'trace' || outputD.kind === 'trace') && !isUnstated(origins.get('serving.requests')))
    diagnostics.push(
      problem(
        'info',
        'requests-unused-with-trace',
        'serving.requests',
        origins,
        `\`serving.requests\` is not used with a trace: its ${formatCount(arrivals.requests.length)} requests are simulated and measured whole, from an empty instance and with no warm-up, as the trace arrives.`,
      ),
    );
  const meanOutput =
    arrivals.kind === 'trace' && outputD.kind === 'trace'
      ? arrivals.requests.reduce((sum, r) => sum + r.outputTokens, 0) / arrivals.requests.length
      : meanLength(outputD);
  // Warm-up included: a closed loop warms up over twice its clients.
  const warmup = Math.max(requests / 10, arrivals.kind === 'closed' ? 2 * arrivals.concurrency : 0);
  const tokens = (requests + warmup) * meanOutput;
  if (tokens > MAX_SIMULATED_TOKENS) {
    diagnostics.push(
      problem(
        'error',
        'serving-too-large',
        origins.has('serving.requests') ? 'serving.requests' : 'serving',
        origins,
        `This simulation would generate about ${formatCount(tokens)} output tokens (${formatCount(requests + warmup)} requests with the warm-up × ${formatCount(meanOutput)} tokens), over the ${formatCount(MAX_SIMULATED_TOKENS)} that keep it interactive: lower \`serving.requests\` or the output length.`,
      ),
    );
    return { diagnostics };
  }
  const meanPrompt =
    arrivals.kind === 'trace' && promptD.kind === 'trace'
      ? arrivals.requests.reduce((sum, r) => sum + r.promptTokens, 0) / arrivals.requests.length
      : meanLength(promptD);
  // The static scheduler prefills whole batches and reads no token budget (simulate.ts).
  const chunks = s.chunked_prefill && s.scheduler === 'continuous' ? ((requests + warmup) * meanPrompt) / s.max_batched_tokens : 0;
  if (chunks > MAX_PREFILL_CHUNKS) {
    diagnostics.push(
      problem(
        'error',
        'serving-too-large',
        'serving.max_batched_tokens',
        origins,
        `A token budget of ${formatCount(s.max_batched_tokens)} per step prefills the prompts (${formatCount(requests + warmup)} requests with the warm-up × ${formatCount(meanPrompt)} tokens) in about ${formatCount(chunks)} chunks of a step each, over the ${formatCount(MAX_PREFILL_CHUNKS)} that keep the simulation interactive: raise \`max_batched_tokens\` (vLLM's default is 8192; ${formatCount(Math.ceil(((requests + warmup) * meanPrompt) / MAX_PREFILL_CHUNKS))} at least here) or lower \`serving.requests\`.`,
      ),
    );
    return { diagnostics };
  }
  // vLLM refuses it ("max_num_batched_tokens ... must be greater than or equal to max_num_seqs",
  // SchedulerConfig): every sequence in flight takes a token of the budget a step.
  if (s.scheduler === 'continuous' && s.max_batched_tokens < s.max_batch)
    diagnostics.push(
      problem(
        'warning',
        'budget-below-batch',
        'serving.max_batched_tokens',
        origins,
        `The token budget, ${formatCount(s.max_batched_tokens)} a step, is below \`max_batch\` (${formatCount(s.max_batch)}): ${s.chunked_prefill ? `each decoding sequence takes a token of it, so a request is admitted only while fewer than ${formatCount(s.max_batched_tokens)} sequences decode, and the batch stays near that, not ${formatCount(s.max_batch)}` : 'without chunked prefill a prefill step has the whole budget, so the batch can still fill'}. vLLM refuses this setting (max_num_batched_tokens must be at least max_num_seqs): raise \`max_batched_tokens\` or lower \`max_batch\`.`,
      ),
    );
  if (!s.chunked_prefill && s.scheduler === 'continuous') {
    const longest = arrivals.kind === 'trace' && promptD.kind === 'trace' ? traceMax(arrivals.requests, 'promptTokens') : maxOf(promptD);
    if (longest > s.max_batched_tokens) {
      diagnostics.push(
        problem(
          'warning',
          'prompt-over-budget',
          // Where the user can act: the lengths they wrote, else the budget.
          origins.has('serving.prompt') ? 'serving.prompt' : 'serving.max_batched_tokens',
          origins,
          `Prompts up to ${longest} tokens exceed the token budget of ${s.max_batched_tokens} per step and \`chunked_prefill\` is off: those requests are rejected, as vLLM rejects them. Raise \`max_batched_tokens\` or turn \`chunked_prefill\` on.`,
        ),
      );
    }
  }
  if (origins.has('fleet')) {
    if (!hasSlo)
      diagnostics.push(
        problem(
          'error',
          'fleet-without-slo',
          'fleet',
          origins,
          'A fleet is sized to meet the SLO at peak: add `serving.slo` with at least one target.',
        ),
      );
    if (config.fleet.peak_rate === undefined && !origins.has('fleet.peak_rate'))
      diagnostics.push(
        problem(
          'error',
          'missing-key',
          'fleet',
          origins,
          '`fleet.peak_rate` is required: the requests per second the fleet must serve (e.g. `peak_rate: 200 /s`).',
        ),
      );
    if (config.fleet.standby === 'baseline' && !origins.has('compare'))
      diagnostics.push(
        problem(
          'error',
          'standby-without-baseline',
          'fleet.standby',
          origins,
          '`standby: baseline` uses the `compare` design for the standby replicas; set `compare:` (e.g. `compare: h100-sxm`).',
        ),
      );
    const avg = config.fleet.average_rate;
    if (avg !== undefined && config.fleet.peak_rate !== undefined && avg > config.fleet.peak_rate) {
      diagnostics.push(
        problem(
          'warning',
          'average-over-peak',
          'fleet.average_rate',
          origins,
          `\`average_rate\` (${significant(avg)} /s) is above \`peak_rate\` (${significant(config.fleet.peak_rate)} /s): the fleet is sized for the peak, and its power and cost are counted at the peak too (the average is taken as at most the peak).`,
        ),
      );
    }
  }

  let disaggregated: ServingSpec['disaggregated'];
  if (origins.has('serving.disaggregated')) {
    const d = s.disaggregated;
    if (arrivals.kind === 'closed') {
      diagnostics.push(
        problem(
          'error',
          'disaggregated-closed-loop',
          'serving.disaggregated',
          origins,
          'Disaggregated pools are simulated under open-loop traffic: use `rate` or `trace` instead of `concurrency`.',
        ),
      );
      return { diagnostics };
    }
    if (d.prefill.design === 'baseline' && !origins.has('compare')) {
      diagnostics.push(
        problem(
          'error',
          'disaggregated-without-baseline',
          'serving.disaggregated.prefill.design',
          origins,
          '`design: baseline` runs the prefill pool on the `compare` design; set `compare:` (e.g. `compare: h100-sxm`).',
        ),
      );
      return { diagnostics };
    }
    disaggregated = {
      prefillDesign: d.prefill.design,
      prefillReplicas: d.prefill.replicas,
      decodeReplicas: d.decode.replicas,
      ...(d.kv_transfer !== undefined ? { kvTransferBytesPerSecond: d.kv_transfer } : {}),
    };
  }

  const spec: ServingSpec = {
    arrivals,
    requests,
    warmupRequests: Math.ceil(s.requests / 10),
    prompt: promptD,
    output: outputD,
    scheduler: s.scheduler,
    maxBatch: s.max_batch,
    maxBatchedTokens: s.max_batched_tokens,
    chunkedPrefill: s.chunked_prefill,
    admission: s.admission,
    schedulerSteps: s.scheduler_steps,
    blockTokens: s.block_size,
    memoryUtilization: s.memory_utilization,
    seed: s.seed,
    ...(hasSlo ? { slo: { ttftSeconds: s.slo.ttft, tpotSeconds: s.slo.tpot, e2eSeconds: s.slo.e2e, percentile } } : {}),
    ...(disaggregated ? { disaggregated } : {}),
  };
  return { spec, diagnostics };
}

function maxOf(d: ServingSpec['prompt']): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
    case 'lognormal':
      return d.max;
    case 'trace':
      return 0;
  }
}

export type TraceRead = { ok: true; requests: import('./types').TraceRequest[] } | { ok: false; code: string; message: string };

export async function readTrace(ref: string, file: string, host: FileHost): Promise<TraceRead> {
  const trimmed = ref.trim();
  if (!trimmed)
    return {
      ok: false,
      code: 'bad-reference',
      message: '`serving.trace` takes a path, relative to this config, to a CSV or JSONL file of requests.',
    };
  const root = host.rootOf(file);
  const target = resolvePath(file, trimmed);
  if (!root || !isInside(root, target))
    return {
      ok: false,
      code: 'path-outside-workspace',
      message: `\`${trimmed}\` is outside the workspace folder; a trace must be a file inside it.`,
    };
  const real = host.realPath ? await host.realPath(target) : target;
  if (real !== undefined && !isInside(root, real) && !isInside((await host.realPath?.(root)) ?? root, real)) {
    return {
      ok: false,
      code: 'path-outside-workspace',
      message: `\`${trimmed}\` is a link to a file outside the workspace folder; it was not read.`,
    };
  }
  const text = await host.read(real ?? target);
  if (text === undefined)
    return {
      ok: false,
      code: 'file-not-found',
      message: `Cannot read the trace \`${trimmed}\` (looked for ${target}); a trace must exist and be at most 10 MB.`,
    };
  const parsed = parseTrace(text, target);
  if (!parsed.ok) return { ok: false, code: 'bad-trace', message: `The trace \`${trimmed}\` cannot be used: ${parsed.message}` };
  return { ok: true, requests: parsed.requests };
}

function problem(
  severity: Diagnostic['severity'],
  code: string,
  path: string,
  origins: ReadonlyMap<string, SourceRef>,
  message: string,
): Diagnostic {
  // The nearest written key: the path itself, else its parents.
  let at: Diagnostic['at'];
  for (let p = path; p && !at; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') at = locate(origins.get(p), true);
  return { severity, code, message, path, ...(at ? { at } : {}) };
}

function formatCount(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toPrecision(3)} million` : Math.round(n).toLocaleString('en-US');
}
