// Design checks: a config can be well-formed and still describe something that does not
// run, or runs badly. Each finding is a diagnostic on the key that governs it, in words a
// hardware architect uses.

import { nearestInFile } from './buildDesign';
import type { DesignPoint } from './design';
import { isReplacedInvalid, isWritten, type Diagnostic, type KeyFix, type SourceRef } from './diagnostics';
import { latencyBoundBelowBytes } from './engine/collectives';
import { fixedFunctionFit } from './engine/mapOperators';
import { BYTES_PER_ELEMENT, widerComputeDtype, type Dtype } from './dtypes';
import { storageLevels } from './engine/residency';
import { MIN_CLOCK_SCALE } from './engine/evaluate';
import { collectiveTime, overTdpAtEveryClock, type EvaluationResult, type OperatorResult } from './result';
import { formatSI, trimNumber } from './units';
import { estimatedMm2, RETICLE_LIMIT_MM2, stacksPerDie, WAFER_SCALE_LIMIT_MM2 } from './silicon/area';
import { areaErrorBand } from './silicon/areaRange';
import { beyondWafer, fitsReticleWithinRange, hasMemoryStacks, lowEndDieMm2, onInterposer } from './silicon/checks';
import { stackedMemories } from './silicon/spec';
import { MEMORY_TECHNOLOGY_TABLE } from './silicon/memoryTechnologies';
import { IDLE_SHARE_OF_TDP } from './presets/pooledPrior';
import { formatMm2, formatPercent, groupThousands, significant } from './report/format';

type Origins = ReadonlyMap<string, SourceRef>;

/**
 * The share of a chip's memory weights and KV cache may fill before a runtime's own needs
 * (activations, workspace, allocator slack) would not fit: vLLM's default
 * `gpu_memory_utilization` (vllm/engine/arg_utils.py: 0.90) keeps 10 % back.
 */
export const MEMORY_HEADROOM = 0.9;

/** Checks that need only the design (before evaluation): these can make it unevaluable. */
export function checkDesign(design: DesignPoint, origins: Origins, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: string) => nearestInFile(path, origins, file);
  const { system, workload } = design;
  const m = workload.model;
  const shards = system.tensorParallel * system.pipelineParallel;
  if (shards !== system.chips) {
    // Neuron's tp_degree counts NeuronCores (2, 4 or 8 per chip): the likeliest way to write a
    // whole multiple of the chips as tensor_parallel alone.
    const perChip = system.tensorParallel / system.chips;
    const cores =
      system.pipelineParallel === 1 && [2, 4, 8].includes(perChip)
        ? ` If you counted cores (Neuron's tp_degree counts NeuronCores: 2 per Inferentia2 or Trainium chip; per Trainium2, 8, or 4 logical at its default LNC=2), these count chips: ${perChip}× fewer.`
        : '';
    out.push({
      severity: 'error',
      code: 'parallelism-mismatch',
      path: 'system.chips',
      at: at('system.chips'),
      message: `tensor_parallel × pipeline_parallel = ${system.tensorParallel} × ${system.pipelineParallel} = ${shards}, but chips = ${system.chips}. Every chip serves one shard: make the product equal the chip count.${cores}`,
      keyFixes: parallelismFixes(system.chips, system.tensorParallel, system.pipelineParallel),
    });
  }
  const kvPadded = kvPadding(m.kvHeads, system.tensorParallel);
  if (m.heads % system.tensorParallel !== 0 || kvPadded) {
    const padded = Math.ceil(m.heads / system.tensorParallel) * system.tensorParallel;
    // Query heads that split evenly beside KV heads that do not (48 and 12 over 8): the KV heads alone (a code review).
    const query =
      m.heads % system.tensorParallel !== 0
        ? `${m.heads} query heads do not split evenly over tensor_parallel = ${system.tensorParallel}: modelled as padded to ${padded} heads (${Math.ceil(m.heads / system.tensorParallel)} per chip), wasting ${trimNumber((100 * (padded - m.heads)) / padded)}% of attention work.`
        : `${m.heads} query heads split evenly over tensor_parallel = ${system.tensorParallel}, their ${m.kvHeads} KV heads do not.`;
    out.push({
      severity: 'warning',
      code: 'heads-not-divisible',
      path: 'system.tensor_parallel',
      at: at('system.tensor_parallel'),
      message: `${query}${kvPadded}`,
    });
  }
  if (m.kvHeads < system.tensorParallel) {
    out.push({
      severity: 'info',
      code: 'kv-heads-replicated',
      path: 'system.tensor_parallel',
      at: at('system.tensor_parallel'),
      message: `${m.kvHeads} KV head${m.kvHeads > 1 ? 's' : ''} for ${system.tensorParallel} chips: each chip keeps a replica of the KV head its queries use, so the KV cache is stored ${trimNumber(system.tensorParallel / m.kvHeads)}× over.`,
    });
  }
  if (origins.get('workload.precision.group_size')?.kind === 'file' && workload.precision.weights !== 'int4') {
    out.push({
      severity: 'info',
      code: 'group-size-unused',
      path: 'workload.precision.group_size',
      at: at('workload.precision.group_size'),
      message: `\`group_size\` applies to int4 weights only; ${workload.precision.weights} weights use per-channel scales, which add no measurable bytes.`,
    });
  }
  const domain = design.hardware.link.domainChips;
  if (domain !== undefined && system.tensorParallel > domain) {
    // The all-reduces of a layer then cross the network between scale-up domains (InfiniBand,
    // Ethernet, EFA: tens of GB/s and microseconds per chip), which `chip.link` does not describe.
    const link = design.hardware.link;
    out.push({
      severity: 'warning',
      code: 'beyond-link-domain',
      path: 'system.tensor_parallel',
      at: at('system.tensor_parallel'),
      message: `Tensor parallelism across ${system.tensorParallel} chips spans ${Math.ceil(system.tensorParallel / domain)} link domains of ${domain} (\`chip.link.domain\`): every layer's all-reduces would cross the network between them, which \`chip.link\` (${formatSI(link.bandwidthBytesPerSecond, 'B/s')}, ${formatSI(link.latencySeconds, 's')} a hop) does not describe, so latency and throughput are optimistic. Keep \`tensor_parallel\` within ${domain} and span domains with \`pipeline_parallel\`; if the link does reach every chip (a larger NVLink domain), raise \`chip.link.domain\`.`,
      related: locations(origins, file, ['chip.link.domain']),
    });
  }
  if (system.pipelineParallel > m.layers) {
    // A stage with no layer is a chip that only relays: counted in the cost and the per-chip
    // figures while holding nothing (a review's 160 stages for 80 layers ran as valid).
    out.push({
      severity: 'error',
      code: 'empty-stages',
      path: 'system.pipeline_parallel',
      at: at('system.pipeline_parallel'),
      message: `${system.pipelineParallel} pipeline stages for ${m.layers} layers: ${system.pipelineParallel - m.layers} stage${system.pipelineParallel - m.layers > 1 ? 's' : ''} would hold no layer. Use at most ${m.layers} stages (each holds whole layers).`,
    });
  } else if (m.layers % system.pipelineParallel !== 0) {
    out.push({
      severity: 'warning',
      code: 'uneven-stages',
      path: 'system.pipeline_parallel',
      at: at('system.pipeline_parallel'),
      message: `${m.layers} layers over ${system.pipelineParallel} stages: the largest stage holds ${Math.ceil(m.layers / system.pipelineParallel)} layers and sets each chip's memory need.`,
    });
  }
  if (m.maxContext !== undefined && workload.promptTokens + workload.outputTokens > m.maxContext) {
    // At the longer of the two: `output: 100000000` beside a 512-token prompt is the output's slip.
    const path = longerOfPromptAndOutput(design);
    out.push({
      severity: 'warning',
      code: 'beyond-context',
      path,
      at: at(path),
      message: `prompt + output = ${workload.promptTokens + workload.outputTokens} tokens exceeds the model's trained context of ${m.maxContext}.`,
    });
  }
  const context = workload.promptTokens + workload.outputTokens;
  if (m.slidingWindow !== undefined && context > m.slidingWindow) {
    // A review: Mistral 7B at 8,000 tokens read 8.39 GB of KV cache per chip without a word,
    // where a rolling buffer holds 4,096 tokens' worth.
    const beyond = (context - m.slidingWindow) / context;
    out.push({
      severity: 'warning',
      code: 'sliding-window',
      path: 'workload.model',
      at: at('workload.model'),
      message: `The model attends within a sliding window of ${m.slidingWindow.toLocaleString('en-US')} tokens, and prompt + output reach ${context.toLocaleString('en-US')}. The window is not modelled: every token's KV cache is read and held, as a runtime without a rolling buffer does. With one, the last token's attention would read ${Math.round(beyond * 100)} % fewer KV bytes and the cache would hold ${m.slidingWindow.toLocaleString('en-US')} tokens a sequence, not ${context.toLocaleString('en-US')}.`,
    });
  }
  for (const f of fixedFunctionFit(design).fallbacks) {
    out.push({
      severity: 'warning',
      code: 'fixed-function-fallback',
      path: 'chip.fixed_function',
      at: at('chip.fixed_function'),
      message: `The hard-wired \`${f.op}\` block cannot run this model (${f.reason}): it falls back to the programmable units, paying dispatch overhead and memory round-trips.`,
    });
  }
  const hw = design.hardware;
  const wanted = workload.precision.activations;
  // A rate for it written but rejected has its own error: the units "have no" rate only because of
  // it. The key that gives the rate is the form's (in the geometry form `peak` is only checked
  // against it); a valid one would have given a rate, and one written `null` has no origin.
  const rateKey = hw.matrix.geometry ? `chip.matrix.macs_per_cycle.${wanted}` : `chip.matrix.peak.${wanted}`;
  const rejectedRate = hw.matrix.macsPerSecond[wanted] === undefined && isWritten(origins.get(rateKey));
  if (!hw.matrix.macsPerSecond[wanted] && !rejectedRate) {
    const supported = Object.keys(hw.matrix.macsPerSecond).join(', ');
    const wider = widerComputeDtype(hw.matrix.macsPerSecond, wanted);
    // Upcast to a wider format is what hardware does (fp8 on an A100 runs as bf16); a narrower
    // one would model the work faster than the chip can run it, so no number is given. (The
    // default on units without bf16, an int8-only ASIC, is their own format: model/config/validate.ts.)
    out.push(
      wider
        ? {
            severity: 'warning',
            code: 'dtype-unsupported',
            path: 'workload.precision.activations',
            at: at('workload.precision.activations'),
            message: `The matrix units have no ${wanted} rate (${supported} only): ${wanted} work is modelled at the ${wider} rate, the nearest format at least as wide.`,
          }
        : {
            severity: 'error',
            code: 'dtype-unsupported',
            path: 'workload.precision.activations',
            at: at('workload.precision.activations'),
            message: `The matrix units have no ${wanted} rate and no wider one (${supported} only): ${wanted} work cannot run on them at a narrower format's rate. Give the rate they reach in ${wanted} (\`chip.matrix.peak.${wanted}\`, or \`macs_per_cycle.${wanted}\`: for a GPU without it, the vector units' rate), or compute in a format they have.`,
          },
    );
  }
  // The default precision (bf16) where the units run a narrower format several times faster: an
  // INT8 ASIC's preset with no `precision:` ran a new user's Llama-3-70B at a quarter of its
  // arrays' rate and twice the weight bytes, with nothing said (a review: 29.8 ms a token, 19.1 in int8).
  const rate = hw.matrix.macsPerSecond[wanted] ?? 0;
  const fastest = (Object.entries(hw.matrix.macsPerSecond) as [Dtype, number][]).reduce((a, b) => (b[1] > a[1] ? b : a), [wanted, rate]);
  const unwritten = ['weights', 'activations', 'kv_cache'].every((k) => origins.get(`workload.precision.${k}`)?.kind === 'default');
  if (unwritten && rate > 0 && fastest[1] >= DEFAULT_PRECISION_SLOWER * rate)
    out.push({
      severity: 'info',
      code: 'precision-default',
      path: 'workload.precision',
      at: at('workload.precision'),
      message: `No \`workload.precision\` is written, so the work runs in the default ${wanted}, at ${trimNumber((100 * rate) / fastest[1])}% of the matrix units' ${fastest[0]} rate, with ${trimNumber(BYTES_PER_ELEMENT[wanted] / BYTES_PER_ELEMENT[fastest[0]])}× the weight bytes of ${fastest[0]} weights. To run the chip in its fastest format, write it: \`precision: { weights: ${fastest[0]}, activations: ${fastest[0]}, kv_cache: ${fastest[0]} }\` under \`workload:\`.`,
    });
  const beyond = beyondWafer(design);
  if (beyond) {
    const { area, modelled } = design.silicon!;
    const what =
      area.totalMm2 > WAFER_SCALE_LIMIT_MM2
        ? `needs ${formatMm2(area.totalMm2)} of silicon`
        : `needs a ${formatMm2(modelled.interposerMm2)} interposer for its ${onInterposer(design)}`;
    const where = largestPartKey(design, area.totalMm2 <= WAFER_SCALE_LIMIT_MM2, origins);
    out.push({
      severity: 'error',
      code: 'beyond-wafer',
      path: where,
      at: at(where),
      message: `One chip ${what}, more than the largest chip ever built (Cerebras WSE-3, ${groupThousands(WAFER_SCALE_LIMIT_MM2)} mm², a whole 300 mm wafer): no package holds it, so it is not evaluated.${area.totalMm2 > WAFER_SCALE_LIMIT_MM2 ? largestPart(design, area.totalMm2) : largestPart(design, modelled.interposerMm2, true)} Each chip is built alone whatever \`system.chips\` is: give it fewer matrix units${hasMemoryStacks(design) ? `, less SRAM or fewer memory stacks${where === 'chip.memory.bandwidth' ? ' (a lower `chip.memory.bandwidth`, which sets them here)' : ''}` : ' or less SRAM'}, and serve the model on more of them.`,
    });
  }
  // Stated chiplets too few for the reticle: dies no scanner exposes (not evaluated, in `explore`
  // too), unless the area's range puts them within it: then the architect's count stands, warned.
  const area = design.silicon?.area;
  if (area && !beyond && area.dieMm2 > RETICLE_LIMIT_MM2 * (1 + 1e-9)) {
    const needed = area.fewestChiplets;
    const estimatedDieMm2 = estimatedMm2(area) / area.chiplets;
    const asStated = `${area.chiplets === 1 ? 'As one die it is' : `As ${area.chiplets} chiplets each die is`} ${formatMm2(area.dieMm2)}, beyond the ${RETICLE_LIMIT_MM2} mm² a scanner exposes in one shot`;
    const fits = fitsReticleWithinRange(design, estimatedDieMm2, area.chiplets);
    const eachDie = area.chiplets === 1 ? 'the die' : 'each die';
    // Past the reticle even at the low end of the area's range: say so, so the error is not read as the model's miss.
    const band = design.silicon && areaErrorBand(design.silicon.spec.process);
    const low = lowEndDieMm2(design, estimatedDieMm2, area.chiplets);
    // A die grown for its stacks' edges is that large whatever the estimate: geometry, not the model's error.
    const evenLow =
      area.shorelinePadMm2 > 0 && area.shorelineDieMm2 >= (low ?? 0) * (1 - 1e-9)
        ? `, as large as its ${stacksPerDie(area.shoreline!.stacks, area.chiplets)} memory stacks' edges need (\`memory-shoreline\`)`
        : !fits && band && band.high > 0 && low !== undefined
          ? `; overestimated by ${band.highest.die}'s ${formatPercent(band.high)}, ${eachDie} would still be ${formatMm2(low)}`
          : '';
    out.push({
      severity: fits ? 'warning' : 'error',
      code: 'beyond-reticle',
      path: 'chip.silicon.chiplets',
      at: at('chip.silicon.chiplets'),
      message: fits
        ? `${asStated}. ${fits.overestimated}: erring as much here, ${eachDie} would be ${formatMm2(fits.lowMm2)}, within it, so the stated count is kept: area and price are modelled at the ${formatMm2(area.dieMm2)} (the price's range reaches the smaller die). ${needed} chiplets fit even at the modelled area.`
        : `${asStated}${evenLow}: at least ${needed} chiplets, or leave \`chiplets\` out to use the fewest that fit.`,
      keyFixes: [{ title: `Set chiplets to ${needed}`, path: ['chip', 'silicon', 'chiplets'], value: String(needed) }],
    });
  }
  // Beyond a wafer, the die's leakage is that error's consequence, not a second problem. A TDP or
  // idle power written but rejected has its own error, and what stands in for it is not the user's.
  const powerRejected = ['chip.tdp', 'chip.idle_power'].some((p) => isReplacedInvalid(origins.get(p)));
  if (hw.idlePowerWatts >= hw.tdpWatts && !beyond && !powerRejected) {
    const why =
      hw.idlePowerSource === 'scaled from preset'
        ? ` It is the preset's idle power scaled to this die and TDP (the larger of the die's leakage and ${trimNumber(100 * IDLE_SHARE_OF_TDP)} % of TDP, against the preset's):`
        : hw.idlePowerSource === 'die area'
          ? " It is the modelled die's leakage:"
          : '';
    // At the value the file writes: the idle power, else the TDP (a `tdp: 300 mW` slip), else the nearest key.
    const where = ['chip.idle_power', 'chip.tdp'].find((p) => isWritten(origins.get(p))) ?? 'chip.idle_power';
    out.push({
      severity: 'error',
      code: 'idle-over-tdp',
      path: where,
      at: at(where),
      message: `Idle power (${formatSI(hw.idlePowerWatts, 'W')}) is at or above the TDP (${formatSI(hw.tdpWatts, 'W')}): no power is left for work.${why}${why ? ' raise `chip.tdp`, make the die smaller, or give a measured `chip.idle_power`.' : ''}`,
    });
  }
  return out;
}

/** A sequence's length is prompt + output: a problem with it is said at the longer of the two. */
const longerOfPromptAndOutput = (design: DesignPoint) =>
  design.workload.outputTokens > design.workload.promptTokens ? 'workload.output' : 'workload.prompt';

/** Checks on the evaluated result: fit, power, idle units, latency-bound collectives. */
export function checkResult(design: DesignPoint, r: EvaluationResult, origins: Origins, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: string) => nearestInFile(path, origins, file);
  const mem = r.memory;
  if (!mem.fits) {
    const storage = storageLevels(design.hardware.memoryLevels);
    const over = mem.perChip.weightsBytes + mem.perChip.kvCacheBytes - mem.perChip.capacityBytes;
    const advice =
      mem.maxBatch > 0
        ? `The largest batch that fits is ${mem.maxBatch}.`
        : mem.perChip.weightsBytes > mem.perChip.capacityBytes
          ? `The weights alone (${formatSI(mem.perChip.weightsBytes, 'B')} per chip) do not fit: add chips, store weights in a smaller format${storage[0]?.onChip ? `, or give the chip more ${storage[0].label} (\`${storage[0].configPath}.capacity\`)` : ''}.`
          : `Not even one sequence's KV cache fits beside the weights: shorten the prompt or output, store the KV cache in a smaller format, or add chips or memory.`;
    // Not even one sequence fits beside weights that do: the prompt and output lengths are the cause, not the batch.
    const kvAlone = mem.maxBatch === 0 && mem.perChip.weightsBytes <= mem.perChip.capacityBytes;
    // Weights past the memory on their own: no batch is the cause. Said at the memory the file
    // writes, else its chips, the weights' format or the model (a review saw it under `batch: 32`
    // after writing `capacity: 16 GB`).
    const weightsAlone = mem.perChip.weightsBytes > mem.perChip.capacityBytes;
    const weightsKeys = [
      ...storage.map((l) => `${l.configPath}.capacity`),
      'chip.memory.stacks',
      'system.chips',
      'workload.precision.weights',
    ];
    const path = kvAlone
      ? longerOfPromptAndOutput(design)
      : weightsAlone
        ? (weightsKeys.find((p) => isWritten(origins.get(p))) ?? 'workload.model')
        : 'workload.batch';
    const share = over / mem.perChip.capacityBytes;
    // Past 10x over, a percentage stops reading as a size: say how many times the memory it needs.
    const overShare = share < 10 ? `${trimNumber(100 * share)}%` : `needing ${Math.round(share + 1).toLocaleString('en-US')}× the capacity`;
    out.push({
      severity: 'error',
      code: 'memory-capacity',
      path,
      at: at(path),
      message: `Weights ${formatSI(mem.perChip.weightsBytes, 'B')} + KV cache ${formatSI(mem.perChip.kvCacheBytes, 'B')} per chip exceed the ${formatSI(mem.perChip.capacityBytes, 'B')} of ${storage[0]?.onChip ? 'on-chip ' : ''}memory${storage.length > 1 || storage[0]?.onChip ? ` (${storage.map((l) => l.label).join(' + ')})` : ''} by ${formatSI(over, 'B')} (${overShare}). ${advice}`,
      related: locations(origins, file, [...storage.map((l) => `${l.configPath}.capacity`), 'system.chips']),
    });
  }
  const used = (mem.perChip.weightsBytes + mem.perChip.kvCacheBytes) / mem.perChip.capacityBytes;
  if (mem.fits && used > MEMORY_HEADROOM) {
    // The model counts weights and KV cache only; a runtime also holds activations, its
    // workspace and allocator slack, and keeps a margin for them.
    const perSequence = mem.perChip.kvCacheBytes / design.workload.batch;
    const within = Math.floor((MEMORY_HEADROOM * mem.perChip.capacityBytes - mem.perChip.weightsBytes) / perSequence);
    const advice =
      within >= 1
        ? ` The largest batch within ${trimNumber(100 * MEMORY_HEADROOM)}% is ${within}.`
        : ` Not even one sequence fits within ${trimNumber(100 * MEMORY_HEADROOM)}%: add chips or memory, or store weights or the KV cache in a smaller format.`;
    out.push({
      severity: 'warning',
      code: 'memory-headroom',
      path: 'workload.batch',
      at: at('workload.batch'),
      message: `Weights ${formatSI(mem.perChip.weightsBytes, 'B')} + KV cache ${formatSI(mem.perChip.kvCacheBytes, 'B')} fill ${trimNumber(100 * used)}% of each chip's ${formatSI(mem.perChip.capacityBytes, 'B')}: a runtime also needs room for activations and its workspace, and keeps a margin for them (vLLM's default \`gpu_memory_utilization\` is 0.9), so this batch may not fit in practice. The model counts weights and KV cache only.${advice}`,
      ...(within >= 1 ? { keyFixes: [{ title: `Set batch to ${within}`, path: ['workload', 'batch'], value: String(within) }] } : {}),
    });
  }
  const overTdp = powerOverTdp(design, r, origins, file);
  if (overTdp) out.push(overTdp);
  const decode = r.phases.decode;
  // With one output token no decode step runs: advice on its arrays and all-reduces would be of a step that never runs.
  const decodeOperators = r.decodeSteps > 0 ? decode.operators : [];
  const tiled = decodeOperators.filter(
    (o) => o.tilingUtilization !== undefined && o.id !== 'attention_scores' && o.id !== 'attention_context',
  );
  if (tiled.length > 0) {
    const weighted =
      tiled.reduce((s, o) => s + o.count * o.flops * o.tilingUtilization!, 0) / tiled.reduce((s, o) => s + o.count * o.flops, 0);
    if (weighted < 0.25) {
      const g = design.hardware.matrix.geometry!;
      // Rows a decode weight product fills: its M, the tokens per expert under MoE.
      const rows = Math.min(g.rows, Math.max(...tiled.map((o) => o.shape?.m ?? 0)));
      out.push({
        severity: 'info',
        code: 'matrix-idle-decode',
        path: 'chip.matrix.array',
        at: at('chip.matrix.array'),
        message: `In decode the ${g.rows}x${g.cols} arrays reach ${trimNumber(100 * weighted)}% of their peak on the weight products (tiling, fill and drain included): the largest fills ${rows} of ${g.rows} rows. Decode is ${decode.bottleneck}-bound here; smaller or matrix-vector arrays would idle less.${feedAlready(r, tiled)}${arraysPaceWeights(design, decode)}`,
      });
    }
  }
  // Every measured row of the validation reads its weights from HBM or GDDR (none from on-chip
  // memory), so the cross-validated ranges say nothing about a chip that does.
  const onChipHolders = r.chip.memoryLevels.filter(
    (m) => m.onChip && (r.memory.levels.find((l) => l.level === m.id)?.weightsShare ?? 0) > 0,
  );
  const onChipWeights = onChipHolders.reduce((share, m) => share + r.memory.levels.find((l) => l.level === m.id)!.weightsShare, 0);
  // Not when they do not fit: the capacity's error says so, and nothing is read from anywhere.
  if (r.ranges && r.memory.fits && onChipWeights > 0.5) {
    const path = `${onChipHolders[0]!.configPath}.capacity`;
    out.push({
      severity: 'info',
      code: 'ranges-beyond-measured',
      path,
      at: at(path),
      message: `${formatPercent(onChipWeights)} of the weights are read from on-chip memory (${onChipHolders.map((m) => m.label).join(' + ')}), which no measured run in the validation did: every one read its weights from HBM or GDDR. The 80 % ranges are those of such chips, and may be too narrow for this design (docs/validation.md).`,
    });
  }
  // Every measured row ran on GPUs (or TPUs and Neuron cores in the peak form), whose operand
  // feed is calibrated into their efficiencies; none was bound by the SRAM's port feeding the
  // arrays, which only the geometry form models (docs/model.md, operand feed).
  const fed = feedBoundShare(r);
  if (r.ranges && r.memory.fits && fed.share > FEED_SHARE_WORTH_SAYING) {
    const feeding = r.chip.memoryLevels.find((l) => l.onChip)!;
    const path = `${feeding.configPath}.bandwidth`;
    out.push({
      severity: 'info',
      code: 'ranges-beyond-measured',
      path,
      at: at(path),
      message: `${formatPercent(fed.share)} of ${fed.phase === 'prefill' ? 'the prefill' : 'each decode step'} waits on the ${feeding.label}'s port feeding the arrays their operands, which no measured run in the validation was bound by: the model counts the operands each dataflow re-reads (docs/model.md, operand feed), but no measurement checks that count. The 80 % ranges are those of chips bound elsewhere, and may be too narrow for this design (docs/validation.md).`,
    });
  }
  // The collectives' fitted costs (a hop's latency, the runtime's start-up per all-reduce) are
  // fitted on groups of at most 8 chips: beyond, their growth with the group is the model's
  // alone (a validation audit: at TP12 the hop latency moved a step 1.7x across its fitted span).
  const tp = design.system.tensorParallel;
  if (r.ranges && r.memory.fits && tp > MEASURED_TENSOR_PARALLEL) {
    out.push({
      severity: 'info',
      code: 'ranges-beyond-measured',
      path: 'system.tensor_parallel',
      at: at('system.tensor_parallel'),
      message: `No measured run in the validation split a layer over more than ${MEASURED_TENSOR_PARALLEL} chips, the TPU v4 rows aside (PaLM 540B on 64), and the all-reduces' costs per hop and per call are fitted on such runs: at tensor_parallel: ${tp} their growth with the group is the model's, not a measurement. The 80 % ranges are those of smaller groups and may be too narrow for this design (docs/validation.md).`,
    });
  }
  // Every measured row ran one pipeline stage, and the model runs a batch's stages in turn: a
  // modelling review read PP8 at a fifth of TP8's throughput with calibrated-looking ranges and
  // nothing to say how an engine that interleaves micro-batches differs.
  if (design.system.pipelineParallel > 1 && r.memory.fits) {
    const pp = design.system.pipelineParallel;
    out.push({
      severity: 'info',
      code: 'pipeline-in-turn',
      path: 'system.pipeline_parallel',
      at: at('system.pipeline_parallel'),
      message: `The ${pp} pipeline stages run a batch in turn (no micro-batch interleaving): a step takes the sum of the stages' times, and \`workload.batch\` (and \`serving.max_batch\`) count every sequence in flight. An engine that keeps one micro-batch per stage in flight (vLLM's virtual engines, TensorRT-LLM) holds ${pp} batches at once: write their sum as the batch to model it (where the stages' weight reads dominate a step the two agree; with a large KV cache the sum reads slower).${r.ranges ? ' No measured run in the validation used pipeline parallelism: the 80 % ranges are those of single-stage runs and may be too narrow (docs/validation.md).' : ''}`,
    });
  }
  const collectives = decodeOperators.filter((o) => o.class === 'collective');
  if (collectives.length > 0) {
    // The all-reduces' time is link time (hops and bytes) plus software start-up, which the
    // step's bottleneck counts as overhead: the message splits the two so that its total
    // and the phase's headline bottleneck (the largest of memory, compute, interconnect and
    // overhead) read as one account of the same step.
    const { linkShare, startupShare } = collectiveTime(decode);
    const share = linkShare + startupShare;
    const threshold = latencyBoundBelowBytes(design.system.tensorParallel, design.system.topology, design.hardware.link);
    const sentBytes = collectives[0]!.bytes.link;
    if (share > 0.15 && sentBytes < threshold) {
      // As the hover on the link says them (drivers.ts): one figure reads one way everywhere.
      const percent = formatPercent;
      // Name the software levers only where start-up is a part worth moving: under a replayed
      // CUDA graph it is near zero, and runtime.collective_overhead then changes nothing.
      const levers = `Link latency, hops (topology: ${design.system.topology})${startupShare >= 0.05 ? ', runtime.collective_overhead and dispatch overhead' : ''}`;
      const headline =
        decode.bottleneck === 'interconnect'
          ? 'Their link time is the largest part of the step, which is why decode is interconnect-bound.'
          : // One clause per figure (a workbench review could not follow "(82%, the all-reduces' 65% of start-up among it)").
            `The step is still ${decode.bottleneck}-bound: ${BOTTLENECK_PART[decode.bottleneck]} is ${percent(decode.secondsBy[decode.bottleneck] / decode.seconds)} of it${decode.bottleneck === 'overhead' && startupShare > 0 ? `, the all-reduces' start-up included` : ''}, more than any other part; ${startupShare > 0.005 ? "the all-reduces' own time is split between link and software" : "the all-reduces' own time is link time"}.`;
      // Design advice, not a problem with the config: an info (a review: the README's first
      // example opened with a warning squiggle, read as "the reference config is wrong"). At the
      // larger lever: the link's latency, or the runtime's start-up where that is most of it.
      const lever = startupShare > linkShare ? 'runtime.collective_overhead' : 'chip.link.latency';
      // A chip that issues its own schedule still pays the runtime's start-up per collective call:
      // the measured GPUs' NCCL figure, which its own collective engine may not need (an
      // architect's review: it was most of every multi-chip step, unremarked).
      const selfIssued =
        !design.hardware.hostLaunch && startupShare >= 0.05
          ? ` This chip issues its own schedule (\`chip.host_launch: false\`), yet each all-reduce pays the runtime's ${formatSI(design.runtime.collectiveOverheadSeconds, 's')} of start-up, a figure fitted to GPUs calling NCCL: a collective engine that needs none is written \`runtime.collective_overhead: 0 us\`, or hard-wired (\`all_reduce\` in \`chip.fixed_function\`).`
          : '';
      // Shown at the lever where this file writes it (or its section); else at the tensor
      // parallelism the all-reduces come from, not at the file's first key (a review).
      // Neither written here: the tensor parallelism's place (the extends line it came in by), not
      // the file's first key, where a runtime default's origin sent it (a review saw 1:1).
      const shownAt = [lever, 'system.tensor_parallel'].find((p) => writtenHere(p, origins, file)) ?? 'system.tensor_parallel';
      out.push({
        severity: 'info',
        code: 'collective-latency-bound',
        path: lever,
        at: at(shownAt),
        message: `Decode all-reduces (of tensor_parallel: ${design.system.tensorParallel}) take ${percent(share)} of each step: ${percent(linkShare)} on the links, latency-bound (${formatSI(sentBytes, 'B')} sent per chip, below the ${formatSI(threshold, 'B')} where bandwidth would matter), ${startupShare > 0.005 ? `and ${percent(startupShare)} in the collective library's start-up and dispatch` : 'and none in a collective library (its calls replayed or hard-wired)'}. ${headline} ${levers} matter more than link bandwidth.${selfIssued}`,
      });
    }
    // A hard-wired all-reduce pays no software start-up (docs/model.md, collectives): on a runtime
    // that calls a collective library, what it saves is software, which a one-kernel all-reduce
    // or a replayed decode saves too (an architect's review: one 0.44 mm² block took decode from
    // 21.1 to 8.0 ms, and every front took it, with no word of what the figure rests on).
    const wired = collectives.filter((o) => o.fixedFunction);
    const replayed = design.runtime.decodeLaunch === 'graph';
    const calls = wired.reduce((n, o) => n + o.count, 0);
    // Per call, what the block removes (as mapOperators charges a programmable all-reduce): the
    // library's start-up (none in a replayed decode), and the kernel's dispatch and host launch,
    // which a one-kernel all-reduce still pays (a code review: dispatch was called the library's).
    const library = calls * (replayed ? 0 : design.runtime.collectiveOverheadSeconds);
    const kernels =
      calls *
      (design.hardware.dispatchOverheadSeconds + (design.hardware.hostLaunch && !replayed ? design.runtime.launchOverheadSeconds : 0));
    const saved = library + kernels;
    if (saved > WIRED_ALL_REDUCE_WORTH_SAYING * (decode.seconds + saved)) {
      const parts = [
        library > 0 &&
          `${formatSI(library, 's')} of the collective library's start-up (\`runtime.collective_overhead\` ${formatSI(design.runtime.collectiveOverheadSeconds, 's')} a call), which a runtime whose all-reduce is one kernel (TensorRT-LLM's own from v0.9, 3.7–7.8 µs on H100 at TP2–8) or whose decode is replayed from a captured graph (\`runtime.decode_launch: graph\`) removes with no block`,
        kernels > 0 && `${formatSI(kernels, 's')} of kernel dispatch and launch, which a one-kernel all-reduce still pays`,
      ].filter((p): p is string => typeof p === 'string');
      out.push({
        severity: 'info',
        code: 'hard-wired-all-reduce',
        path: 'chip.fixed_function',
        at: at('chip.fixed_function'),
        message: `The hard-wired all-reduce's ${calls} calls a decode step take no software time: without the block they would pay ${formatSI(saved, 's')}, ${formatPercent(saved / (decode.seconds + saved))} of the step: ${parts.join('; and ')}. That is time in software, not on the links: compare against a runtime that saves it before crediting the silicon. The block's own area (50 M transistors of sequencing) is an assumption, and no measured run used one (docs/silicon.md).`,
      });
    }
    // The `tensorrt-llm` preset's start-up per all-reduce is NCCL's, fitted to v0.5-v0.6.1
    // engines; from v0.9 its own all-reduce has none. Said where it weighs, since the preset is
    // "fitted" and its range narrow (an operator's review: Llama-3-70B at TP8 read 20.3 ms a
    // token on it, 10.8 ms on vLLM, with no word of the version).
    const startupOrigin = origins.get('runtime.collective_overhead');
    if (startupOrigin?.kind === 'preset' && startupOrigin.presetId === 'tensorrt-llm' && startupShare >= 0.1) {
      const path = ['runtime', 'system.tensor_parallel'].find((p) => writtenHere(p, origins, file)) ?? 'runtime';
      out.push({
        severity: 'info',
        code: 'trtllm-nccl-all-reduce',
        path: 'runtime.collective_overhead',
        at: at(path),
        message: `The \`tensorrt-llm\` preset is TensorRT-LLM v0.5-v0.6.1, whose all-reduces ran NCCL: ${formatSI(design.runtime.collectiveOverheadSeconds, 's')} of start-up each, ${formatPercent(startupShare)} of this decode step. From v0.9 on NVLink its own all-reduce kernel has no such start-up (the preset's source note); for a current engine write \`runtime: { extends: tensorrt-llm, collective_overhead: 0 us }\`.`,
      });
    }
  }
  return out;
}

/** `path` or a section it belongs to is written in `file` itself (not inherited, not a default). */
function writtenHere(path: string, origins: Origins, file: string): boolean {
  const parts = path.split('.');
  return parts.some((_, n) => {
    const o = origins.get(parts.slice(0, n + 1).join('.'));
    return o?.kind === 'file' && o.file === file;
  });
}

/** The three ways to make tensor_parallel × pipeline_parallel = chips by changing one number. */
function parallelismFixes(chips: number, tensorParallel: number, pipelineParallel: number): KeyFix[] {
  const fixes: KeyFix[] = [
    {
      title: `Set chips to ${tensorParallel * pipelineParallel} (tensor_parallel × pipeline_parallel)`,
      path: ['system', 'chips'],
      value: String(tensorParallel * pipelineParallel),
    },
  ];
  if (chips % pipelineParallel === 0)
    fixes.push({
      title: `Set tensor_parallel to ${chips / pipelineParallel} (chips / pipeline_parallel)`,
      path: ['system', 'tensor_parallel'],
      value: String(chips / pipelineParallel),
    });
  if (chips % tensorParallel === 0)
    fixes.push({
      title: `Set pipeline_parallel to ${chips / tensorParallel} (chips / tensor_parallel)`,
      path: ['system', 'pipeline_parallel'],
      value: String(chips / tensorParallel),
    });
  return fixes;
}

/**
 * Where the arrays, not the memory, pace a decode step's weight stream: a fold shifts its R x C
 * tile in over R cycles, so the arrays take at most C weights per cycle per unit whatever the
 * memory gives (an architect's review: the reference's step stopped falling at 4.75 TB/s, with
 * nothing to say why more HBM bought nothing).
 */
function arraysPaceWeights(design: DesignPoint, decode: EvaluationResult['phases']['decode']): string {
  const g = design.hardware.matrix.geometry;
  // The step's time by what bounds each operator: the arrays' share past the memory's.
  if (!g || decode.secondsBy.compute <= decode.secondsBy.memory) return '';
  const intake = g.units * g.cols * BYTES_PER_ELEMENT[design.workload.precision.weights] * design.hardware.clockHz;
  // What the step's compute time charges them: the arrays' and the kernels' efficiencies on top of
  // the fill (mapOperators). The peak alone read as headroom a faster memory could use: a new user
  // gave the reference 4.92 TB/s of HBM3E and gained nothing.
  const effective = intake * design.hardware.matrix.efficiency * design.runtime.gemmEfficiency;
  const memory = decode.secondsBy.memory > 0 ? `, the memory ${formatSI(decode.secondsBy.memory, 's')}` : '';
  return ` Compute, not memory, bounds ${formatSI(decode.secondsBy.compute, 's')} of each step${memory}: a ${g.rows}x${g.cols} tile shifts in over ${g.rows} cycles, so ${g.units} units take weights in at most ${formatSI(intake, 'B/s')} at the nominal clock, ${formatSI(effective, 'B/s')} at the arrays' and kernels' efficiencies (\`chip.matrix.efficiency\` ${formatPercent(design.hardware.matrix.efficiency)}, \`runtime.gemm_efficiency\` ${formatPercent(design.runtime.gemmEfficiency)}), and more memory bandwidth would not shorten the step; the same MACs as more units of fewer rows would take weights in faster and idle less.`;
}

/** The largest tensor-parallel group of the validation's GPU rows (validation/rows.csv `tp`). */
const MEASURED_TENSOR_PARALLEL = 8;

/**
 * Where the SRAM's port already takes a good part of a decode step carrying the arrays'
 * operands, smaller arrays are not free (an architect's review: at 2 TB/s, 32x32 arrays made
 * decode slower, not faster, while the advice said they would idle less): say how much.
 */
function feedAlready(r: EvaluationResult, tiled: readonly OperatorResult[]): string {
  const feeding = r.chip.memoryLevels.find((l) => l.onChip);
  if (!feeding) return '';
  const seconds = tiled.reduce((sum, o) => sum + o.count * (o.time.levels[feeding.id] ?? 0), 0);
  const step = r.phases.decode.seconds;
  if (!(seconds > FEED_SHARE_WORTH_SAYING * step)) return '';
  return ` But the ${feeding.label} already takes ${formatSI(seconds, 's')} of each ${formatSI(step, 's')} step feeding the arrays their operands (\`${feeding.configPath}.bandwidth\`): every array reads each weight once a step, and arrays of fewer columns re-read each token's activations more often (docs/model.md, operand feed).`;
}
/**
 * The larger share of a phase's time spent in operators bound by the first on-chip level (the
 * SRAM feeding the arrays) on a chip whose arrays are described (geometry form), and which phase.
 */
function feedBoundShare(r: EvaluationResult): { share: number; phase: 'prefill' | 'decode' } {
  const feeding = r.chip.memoryLevels.find((l) => l.onChip);
  let top: { share: number; phase: 'prefill' | 'decode' } = { share: 0, phase: 'prefill' };
  if (!feeding) return top;
  for (const phase of ['prefill', 'decode'] as const) {
    const pass = r.phases[phase];
    if (phase === 'decode' && r.decodeSteps === 0) continue;
    let seconds = 0;
    for (const o of pass.operators) {
      const own = o.time.levels[feeding.id] ?? 0;
      // Bound by the feeding level: memory-bound, and that level the slowest of its levels.
      if (o.bottleneck === 'memory' && o.tilingUtilization !== undefined && Object.values(o.time.levels).every((t) => t <= own))
        seconds += o.count * o.time.total;
    }
    const share = pass.seconds > 0 ? seconds / pass.seconds : 0;
    if (share > top.share) top = { share, phase };
  }
  return top;
}
/** A share of a decode step the software time a hard-wired all-reduce saves must reach to be said. */
const WIRED_ALL_REDUCE_WORTH_SAYING = 0.1;

/** How many times faster a format the units have must be than the default's for the default to be worth an info. */
const DEFAULT_PRECISION_SLOWER = 3;

/** A share of a phase the arrays' operand feed takes, above which it is said: in the advice on smaller arrays, and of the ranges. */
const FEED_SHARE_WORTH_SAYING = 0.25;

/** What each bottleneck class of a step is made of, in the words of the check messages. */
const BOTTLENECK_PART: Record<EvaluationResult['decode']['bottleneck'], string> = {
  memory: 'memory traffic (weights, KV cache, activations)',
  compute: 'compute on the matrix and vector units',
  interconnect: 'time on the chip-to-chip links',
  overhead: 'dispatch, start-up and host overhead',
};

/**
 * The keys that size each part of the die, in the order a user most likely wrote them: where the
 * part too large for a wafer is one of them, the error sits at the value that made it (a new
 * user's `capacity: 256 GB` of SRAM was warned of at the value and refused at `chip:`).
 */
const PART_KEYS: Readonly<Record<string, readonly string[]>> = {
  matrix: ['chip.matrix.units', 'chip.matrix.array', 'chip.matrix.peak', 'chip.clock'],
  vector: ['chip.vector.peak', 'chip.clock'],
  sram: ['chip.sram.capacity', 'chip.sram.bandwidth'],
  registerFile: ['chip.silicon.register_file'],
  localSram: ['chip.silicon.local_sram'],
  memoryInterface: ['chip.memory.stacks', 'chip.memory.bandwidth', 'chip.memory.capacity'],
  stacks: ['chip.memory.stacks', 'chip.memory.capacity', 'chip.memory.bandwidth'],
  links: ['chip.link.bandwidth'],
  fixedFunction: ['chip.fixed_function'],
};

/** The largest part of the die (or, on an interposer, of what sits on it), if any. */
function largestComponent(design: DesignPoint, interposer: boolean): { id: string; label: string; mm2: number } | undefined {
  const components: { id: string; label: string; mm2: number }[] = [...(design.silicon?.area.components ?? [])];
  // On an interposer the memory stacks' own footprints sit beside the dies: 256 HBM stacks were
  // most of a 63,300 mm² interposer, yet the PHYs' 3,700 mm² were named (an architect's review).
  if (interposer && design.silicon)
    for (const m of stackedMemories(design.silicon.spec)) {
      const each = MEMORY_TECHNOLOGY_TABLE[m.technology].footprintMm2;
      components.push({
        id: 'stacks',
        label: `${m.stacks} ${m.technology} stacks beside the dies (${formatMm2(each)} each)`,
        mm2: m.stacks * each,
      });
    }
  return components.reduce<(typeof components)[number] | undefined>((a, c) => (!a || c.mm2 > a.mm2 ? c : a), undefined);
}

/** Where the file writes what sized the die's largest part, else the chip. */
function largestPartKey(design: DesignPoint, interposer: boolean, origins: Origins): string {
  const largest = largestComponent(design, interposer);
  const keys = largest && (largest.id === 'memoryInterface' || largest.id === 'stacks' ? stackKeys(design) : PART_KEYS[largest.id]);
  return keys?.find((key) => isWritten(origins.get(key))) ?? 'chip';
}

/**
 * The memory keys in the order they sized the stacks: the bandwidth first where it needs more
 * stacks than the capacity (a stated count too few is raised to it), the capacity where it does.
 * A review's `--set chip.memory.bandwidth=3 PB/s` took 9,766 HBM3E stacks, refused at the
 * `stacks: 6` the file wrote.
 */
function stackKeys(design: DesignPoint): readonly string[] {
  const m = design.silicon?.spec.memory;
  if (!m) return PART_KEYS.memoryInterface!;
  const t = MEMORY_TECHNOLOGY_TABLE[m.technology];
  const forBandwidth = m.bandwidthBytesPerSecond / t.bandwidthPerStack;
  const forCapacity = m.capacityBytes / t.bytesPerStack;
  const sizing = forBandwidth >= forCapacity ? 'chip.memory.bandwidth' : 'chip.memory.capacity';
  return m.stacks > Math.max(forBandwidth, forCapacity) + 1
    ? PART_KEYS.memoryInterface!
    : [sizing, 'chip.memory.stacks', ...PART_KEYS.memoryInterface!.filter((k) => k !== sizing && k !== 'chip.memory.stacks')];
}

/**
 * The part of a die past the wafer that is most of it, and, where that part's units come from a
 * peak over the clock, the clock (a review: `clock: 1.8 MHz` made 22 M vector lanes and a
 * 50,900 mm² interposer, said at `chip` with no word of the clock).
 */
function largestPart(design: DesignPoint, ofMm2: number, interposer = false): string {
  const largest = largestComponent(design, interposer);
  if (!largest || !(ofMm2 > 0)) return '';
  // Of the area the sentence names: the silicon, or the interposer it sits on.
  const share = largest.mm2 / ofMm2;
  const perClock =
    largest.id === 'vector'
      ? ` of ${significant(design.silicon!.spec.vectorLanes)} lanes, \`chip.vector.peak\` over 2 × \`chip.clock\` (${formatSI(design.hardware.clockHz, 'Hz')}): check the clock`
      : largest.id === 'matrix'
        ? `, MACs per cycle from the matrix peak over \`chip.clock\` (${formatSI(design.hardware.clockHz, 'Hz')}) or its geometry`
        : '';
  // Dies grown past their parts to give their memory PHYs an edge: that growth can be most of the
  // silicon (a review: 9,766 stacks' PHYs were 15 % of 206,000 mm², their edge the rest, unnamed).
  const parts = (design.silicon?.area.components ?? []).reduce((sum, c) => sum + c.mm2, 0);
  const grown = interposer ? 0 : ofMm2 - parts;
  const edge =
    grown > largest.mm2
      ? ` Most of it: the dies grown to give their ${groupThousands(design.silicon!.spec.memory?.stacks ?? 0)} memory interfaces' PHYs an edge, ${formatMm2(grown)} (${formatPercent(grown / ofMm2)}); then`
      : ' The largest part:';
  return `${edge} ${largest.label}, ${formatMm2(largest.mm2)} (${formatPercent(share)})${perClock}.`;
}

/**
 * Over the TDP at the nominal clock: a warning where the derated clocks bring every pass under
 * it (the results are at those clocks), an error where no clock the model allows does. Said by
 * `eval`, and by `explore` of the points a varied value makes throttle.
 */
export function powerOverTdp(design: DesignPoint, r: EvaluationResult, origins: Origins, file: string): Diagnostic | undefined {
  if (!r.power.throttled) return undefined;
  const p = r.power;
  // No clock down to the model's lowest brings a pass under the cap: say so, not just "throttled",
  // and what draws it, whichever pass derates further.
  const stillOver = overTdpAtEveryClock(p);
  const [nominal, cap] = wattsApart(p.unthrottledWatts, p.tdpWatts);
  // Still over at the lowest clock, the chip as specified cannot run within its own cap: an
  // error, as a design that does not fit in memory (an architect's review read 913 W beside a
  // 300 W TDP, with `ok: true` and a cost ratio).
  return {
    severity: stillOver ? 'error' : 'warning',
    code: 'power-over-tdp',
    path: 'chip.tdp',
    at: nearestInFile('chip.tdp', origins, file),
    message: `At the nominal clock ${p.prefillClockScale < 1 ? 'prefill' : 'decode'} would draw ${nominal} per chip, over the ${cap} TDP: ${derated(p.prefillClockScale, p.decodeClockScale, design.hardware.clockHz)}.${stillOver ? ` Even at those clocks the hotter pass draws ${wattsApart(p.throttledWatts, p.tdpWatts)[0]} (${formatSI(r.power.watts, 'W')} on average over the response), still over the TDP: no clock the model allows (down to 5 %) meets the cap, so the design cannot run within it.` : ' Results are at the derated clocks, as `explore` and `search` count the design (feasible, at these clocks): lower `chip.clock` or raise `chip.tdp` for the nominal one.'}${p.decodeClockScale < 1 && (p.decodeClockScale <= p.prefillClockScale || stillOver) ? memoryOverTdp(design, r, origins.get('chip.matrix.clock_gated')?.kind === 'default') : ''}`,
  };
}

/**
 * The KV heads padded as the query heads are, where there are at least as many as chips but
 * they do not split evenly (8 over 3: 3 per chip, 9 in all): said with the query heads' (an
 * architect's review found only the query heads named). Fewer than chips: `kv-heads-replicated`.
 */
function kvPadding(kvHeads: number, tensorParallel: number): string {
  if (kvHeads < tensorParallel || kvHeads % tensorParallel === 0) return '';
  const perChip = Math.ceil(kvHeads / tensorParallel);
  return ` The ${kvHeads} KV heads are padded to ${perChip * tensorParallel} (${perChip} per chip): the KV cache is stored and read ${trimNumber((perChip * tensorParallel) / kvHeads)}× over.`;
}

/**
 * "the clock derates to 54.3% (760 MHz) in prefill; decode runs at its full clock": a pass at
 * 100 % is not said to derate (an architect's review), and each derated clock is said with its
 * phase ("lowest 632 MHz" after "decode runs at its full clock" read as a contradiction: an
 * operator's review). The power a clock saves is its active, per-cycle part at the same
 * voltage: no voltage scaling is modelled, said so.
 */
function derated(prefillScale: number, decodeScale: number, clockHz: number): string {
  const at = (x: number) => `${trimNumber(100 * x)}% (${formatSI(x * clockHz, 'Hz')})`;
  const said =
    prefillScale < 1 && decodeScale < 1
      ? `the clock derates to ${at(prefillScale)} in prefill and ${at(decodeScale)} in decode`
      : prefillScale < 1
        ? `the clock derates to ${at(prefillScale)} in prefill; decode runs at its full clock`
        : `the clock derates to ${at(decodeScale)} in decode; prefill runs at its full clock`;
  return `${said}, saving the per-cycle active power at the same voltage (voltage scaling is not modelled)`;
}

/**
 * What draws a derated decode pass over the TDP, when the memory, idle and active power at the
 * nominal clock reach it before any compute: the largest of the three, with its fix. The active
 * power is an energy per cycle (engine/evaluate.ts `dynamicJoulesAt`): a lower clock cuts it, so
 * where it is the load the clock derates and compute-bound work slows; the memory and idle power
 * do not fall with the clock, so where they reach the TDP even at the lowest clock, a lower clock
 * saves little. '' otherwise.
 */
/** `gatingUnstated`: the config leaves `chip.matrix.clock_gated` to its default, so gating is a lever to name (a preset's GPU states it does not gate). */
function memoryOverTdp(design: DesignPoint, r: EvaluationResult, gatingUnstated: boolean): string {
  const hw = design.hardware;
  const memory = hw.memoryLevels.find((l) => l.id === hw.mainMemory);
  if (!memory) return '';
  const memoryWatts = r.utilization.memoryBandwidth * memory.bandwidthBytesPerSecond * memory.joulesPerByte;
  const active = hw.activePowerWatts;
  const nominal = memoryWatts + hw.idlePowerWatts + active;
  if (nominal < hw.tdpWatts) return '';
  const parts = `(memory ${formatSI(memoryWatts, 'W')}, idle ${formatSI(hw.idlePowerWatts, 'W')}, active ${formatSI(active, 'W')})`;
  // The largest of the three is the load to name (a review: 1 kW of active power under a 450 W
  // TDP was blamed on 177 W of memory).
  if (active >= Math.max(memoryWatts, hw.idlePowerWatts))
    return ` The active power is what draws it: ${formatSI(active, 'W')} while the units are busy (clock tree, control and issue logic), ${hw.activePowerSource === 'datapath' ? '3/7 of the matrix units’ peak switching power' : '30 % of TDP − idle'}; with the memory and idle, ${formatSI(nominal, 'W')} ${parts} at the nominal clock before any compute. It is drawn per cycle, so the clock derates until it fits. Fewer matrix units or a lower \`chip.energy.mac\`${hw.clockGated || !gatingUnstated ? '' : ', arrays whose clocks gate while they wait on memory (`chip.matrix.clock_gated: true`, if DMA engines feed them)'}, or raise \`chip.tdp\`.`;
  // Memory and idle do not fall with the clock: past the TDP even at the lowest clock, derating cannot help.
  const floor = memoryWatts + hw.idlePowerWatts + active * MIN_CLOCK_SCALE;
  if (floor < hw.tdpWatts) return '';
  const atAnyClock = `${formatSI(floor, 'W')} at the lowest clock ${parts.replace(/active [^)]*/, `active ${formatSI(active * MIN_CLOCK_SCALE, 'W')}`)} is at or over the TDP before any compute, so a lower clock saves little power.`;
  if (hw.idlePowerWatts > memoryWatts)
    return ` The idle power is what draws it: ${atAnyClock} Give a measured \`chip.idle_power\`, or raise \`chip.tdp\`.`;
  return ` The memory is what draws it: decode reads ${formatPercent(r.utilization.memoryBandwidth)} of its ${formatSI(memory.bandwidthBytesPerSecond, 'B/s')} at ${trimNumber((memory.joulesPerByte * 1e12) / 8)} pJ/bit, ${formatSI(memoryWatts, 'W')}; ${atAnyClock} Lower \`${memory.configPath}.bandwidth\` or \`chip.energy.memory\`, or raise \`chip.tdp\`.`;
}

/** Two powers in words that differ where the numbers do ("100.2 W" against "100 W", not "100 W" against "100 W"). */
function wattsApart(a: number, b: number): [string, string] {
  const [x, y] = [formatSI(a, 'W'), formatSI(b, 'W')];
  return x !== y || Math.abs(a - b) < 1e-9 * Math.max(a, b) ? [x, y] : [`${+a.toPrecision(5)} W`, `${+b.toPrecision(5)} W`];
}

function locations(origins: Origins, file: string, paths: string[]) {
  const out: NonNullable<Diagnostic['related']> = [];
  for (const p of paths) {
    const o = origins.get(p);
    if (o?.kind === 'file' && o.file === file) out.push({ message: `\`${p}\` is set here`, at: { file, range: o.range } });
  }
  return out;
}
