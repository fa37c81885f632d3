// Sensitivity: what +10% on each numeric key does to the headline results — the number a
// hover shows ("+10% here → −7.9% per-token latency, +2.1 W"). One evaluation per key on
// the validated config, so it costs a few milliseconds, not a re-parse per key.

import { buildDesign } from './buildDesign';
import { schemaAt, type Config } from './config/schema';
import type { DesignPoint } from './design';
import type { SourceRef } from './diagnostics';
import { evaluateDesign } from './engine/evaluate';
import {
  grownForShoreline,
  SENSITIVITY_STEP,
  type BatchPoint,
  type EvaluationResult,
  type Sensitivity,
  type SiliconResult,
} from './result';
import { setsPresetDieAside, withSteppedKey } from './silicon/fromConfig';
import { isStacked, readsKey } from './silicon/memoryTechnologies';

/** Keys whose +10% is not a design change but a different structure (or breaks TP×PP = chips). */
const STRUCTURAL = /^(system\.|workload\.model\.(heads|kv_heads|experts|experts_per_token|max_context)$)/;
const STEP = SENSITIVITY_STEP;

/** Every numeric leaf of the config, as [dotted path, value]. */
export function numericLeaves(config: unknown, prefix = ''): [string, number][] {
  const out: [string, number][] = [];
  if (config && typeof config === 'object' && !Array.isArray(config)) {
    for (const [k, v] of Object.entries(config)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'number') out.push([path, v]);
      else out.push(...numericLeaves(v, path));
    }
  }
  return out;
}

/** A copy of `config` with one leaf replaced (copies only along the path). */
export function withLeaf<T>(config: T, path: string, value: number): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const node = config as Record<string, unknown>;
  // Object.assign, not a spread with a computed key: V8's slow path for the latter showed
  // in profiles of the on-save pipeline.
  const copy = Object.assign({}, node);
  copy[head] = rest.length ? withLeaf(node[head], rest.join('.'), value) : value;
  return copy as T;
}

/** A whole number: its step is at least +1 and rounded (counts in the schema: units, stacks, chiplets; and the workload's sizes). */
const isCount = (path: string) =>
  /^(workload\.(batch|prompt|output)|workload\.model\.\w+)$/.test(path) || schemaAt(path.split('.'))?.kind === 'count';

export function sensitivities(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  base: EvaluationResult,
): Sensitivity[] {
  const out: Sensitivity[] = [];
  // A chip with no off-chip memory does not read `chip.memory`'s numbers (a default efficiency stays in the config).
  for (const [path, value] of [...numericLeaves(config), ...nodeEconomics(config, base)]) {
    if (value <= 0 || STRUCTURAL.test(path) || !readsKey(config.chip.memory.technology, path)) continue;
    let changed = value * (1 + STEP);
    if (isCount(path)) changed = Math.max(value + 1, Math.round(changed));
    // A fraction near its cap (an efficiency, a utilization) is probed downwards: upwards it would
    // be a value the validator rejects (an efficiency of 104.5 %).
    const node = schemaAt(path.split('.'));
    const cap = node?.kind === 'fraction' ? node.max : /efficiency|utilization/.test(path) ? 1 : Number.POSITIVE_INFINITY;
    // A yield is probed on its loss, +10 % of what it scraps: 99 % -> 98.9 %. Ten per cent of the
    // yield itself (99 % -> 89.1 %) is eleven times the loss, compounded over every bond, and
    // read as a +53 % price for "a 10 % change" (an architect's review).
    if (path.endsWith('_yield') && value < 1) {
      changed = 1 - (1 - value) * (1 + STEP);
      // At its floor (a bond yield of 50 %, the schema's least), 10 % less loss: never a value the validator rejects.
      if (node?.kind === 'fraction' && changed < node.min) changed = 1 - (1 - value) * (1 - STEP);
    } else if (path === 'cost.silicon.margin' && value > 0.5 && value < 1) {
      // A margin above half on the cost's share of the price, 1 - margin, the smaller of the two:
      // 88 % -> 86.8 %. Ten per cent of the margin itself (96.8 %) cut that share to a quarter and
      // read as +222 % cost per response (a review); a small margin steps on itself (5 % -> 5.5 %).
      changed = 1 - (1 - value) * (1 + STEP);
    } else if (changed > cap) changed = value * (1 - STEP);
    // The step is what `eval --set` of the stepped value gives: written over a preset, a die key
    // or silicon economics sets the preset's price aside for the scaled one, as an override does
    // (model/silicon/fromConfig.ts); held at the config's own basis, +10 % of memory bandwidth read
    // as cheaper when its fifth stack made the chip dearer. A map of its own for those keys only:
    // the price basis is decided once per origins map, and every other key keeps its origin (an
    // energy left at its default stays scaled to the node, as the base's is).
    const stepped = setsPresetDieAside(path, config.chip)
      ? withSteppedKey(origins, path, { kind: 'override', label: `${path} +${Math.round(STEP * 100)} % (sensitivity)` })
      : origins;
    const { design } = buildDesign(withLeaf(config, path, changed), stepped, '', file);
    if (!design) continue;
    // Summary numbers only: no per-operator records (the same numbers, test/unit/explore-fastpath.test.ts).
    const r = evaluateDesign(design, { operators: false });
    const rel = (a: number, b: number) => (b === 0 ? 0 : a / b - 1);
    const s: Sensitivity = {
      path,
      step: changed / value - 1,
      decodeMsPerToken: rel(r.decode.msPerToken, base.decode.msPerToken),
      prefillMs: rel(r.prefill.ms, base.prefill.ms),
      joulesPerOutputToken: rel(r.energy.joulesPerOutputToken, base.energy.joulesPerOutputToken),
      usdPerResponse: rel(r.cost.usdPerResponse, base.cost.usdPerResponse),
      wattsDelta: r.power.watts - base.power.watts,
    };
    const area = r.silicon?.dieAreaMm2,
      baseArea = base.silicon?.dieAreaMm2;
    const price = r.silicon?.modelledPriceUsd,
      basePrice = base.silicon?.modelledPriceUsd;
    if (area != null && baseArea != null) s.dieAreaMm2 = rel(area, baseArea);
    if (price != null && basePrice != null) s.modelledPriceUsd = rel(price, basePrice);
    const dieStep = r.silicon && base.silicon ? dieStepText(base.silicon, r.silicon) : undefined;
    if (dieStep) s.dieStep = dieStep;
    if (node?.kind === 'fraction' && node.max <= 1) s.shareStep = [value, changed];
    const moved =
      Math.abs(s.decodeMsPerToken) +
        Math.abs(s.prefillMs) +
        Math.abs(s.joulesPerOutputToken) +
        Math.abs(s.usdPerResponse) +
        Math.abs(s.wattsDelta) +
        Math.abs(s.dieAreaMm2 ?? 0) +
        Math.abs(s.modelledPriceUsd ?? 0) >
      1e-9;
    if (moved) out.push(s);
  }
  return out;
}

/**
 * The silicon economics the die's node and memory give where the file writes none: the wafer's
 * price, the defect density and the memory's price per byte, at the values the price used. They
 * are among the largest levers of a modelled price (+10 % on HBM3E's price moved a review's chip
 * +8.8 %), and without a value in the config they were left out of the sensitivities.
 * Config units: defect density per m².
 */
function nodeEconomics(config: Config, base: EvaluationResult): [string, number][] {
  const price = base.silicon?.price;
  if (!price) return [];
  const written = config.cost.silicon;
  const derived: [string, number | undefined, number][] = [
    ['cost.silicon.wafer_price', written.wafer_price, price.waferUsd],
    ['cost.silicon.defect_density', written.defect_density, price.defectsPerMm2 * 1e6],
    ['cost.silicon.memory_price', written.memory_price, price.memoryUsdPerByte],
  ];
  return derived.filter(([, own, value]) => own === undefined && value > 0).map(([path, , value]) => [path, value]);
}

/** A change of the die's structure between two results: stacks, chiplets, padding for the HBM edge. */
function dieStepText(before: SiliconResult, after: SiliconResult): string | undefined {
  const parts: string[] = [];
  const [m0, m1] = [before.memory, after.memory];
  if (m0 && m1 && m1.stacks !== m0.stacks)
    parts.push(`${m1.stacks} ${m1.technology} ${isStacked(m1.technology) ? 'stacks' : 'devices'} instead of ${m0.stacks}`);
  if (after.chiplets !== before.chiplets) parts.push(`${after.chiplets} chiplets instead of ${before.chiplets}`);
  const dies = after.chiplets > 1 ? 'the dies' : 'the die';
  const edge = after.chiplets > 1 ? "their HBM PHYs' edge" : "its HBM PHYs' edge";
  if (grownForShoreline(after) && !grownForShoreline(before)) parts.push(`${dies} grown for ${edge}`);
  if (grownForShoreline(before) && !grownForShoreline(after)) parts.push(`${dies} no longer grown for ${edge}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** Latency and throughput against batch: powers of two up to well past the current batch. */
export function batchCurve(design: DesignPoint): BatchPoint[] {
  const current = design.workload.batch;
  const batches = new Set<number>([current]);
  for (let b = 1; b <= Math.max(256, current * 4); b *= 2) batches.add(b);
  return [...batches]
    .sort((a, b) => a - b)
    .map((batch) => {
      const r = evaluateDesign({ ...design, workload: { ...design.workload, batch } }, { operators: false });
      return {
        batch,
        decodeMsPerToken: r.decode.msPerToken,
        prefillMs: r.prefill.ms,
        outputTokensPerSecond: r.throughput.outputTokensPerSecond,
        fits: r.memory.fits,
        physicalLimits: r.physicalLimits,
        decodeSteps: r.decodeSteps,
      };
    });
}
