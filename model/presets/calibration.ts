// Which presets the measured data calibrated, and where a design's chip and runtime came
// from: a prediction for a chip family or a runtime the fit has seen carries the narrower
// range of a seen one (model/ranges), anything else the wider range of an unseen one.

import type { Config } from '../config/schema';
import { isWritten, type SourceRef } from '../diagnostics';
import { presetConfig, runtimePresetConfig, valueAt, writtenOverPreset } from './presetValues';
import { runtimePresets } from './runtimes';

/**
 * Chip families calibrated against measured rows (validation/calibrate.ts): the presets of
 * the measured dies, which share one fitted value set, by the `family` column of
 * validation/rows.csv. The a10g preset carries the Ampere values too, but its die (GA102,
 * GDDR6) has no fitted rows (family `ampere-ga102`): its predictions count as an unseen chip.
 */
export const CALIBRATED_FAMILIES = {
  hopper: ['h100-sxm', 'h200-sxm'],
  ampere: ['a100-80gb-sxm', 'a100-40gb-sxm'],
} as const satisfies Record<string, readonly string[]>;
export type CalibratedFamily = keyof typeof CALIBRATED_FAMILIES;

/**
 * The calibrated keys: a chip whose values for these come from a calibrated preset is "seen"
 * (one set elsewhere, `--set chip.dispatch_overhead=0us` on an H100, is a chip the fit never
 * saw). `chip.link.latency`, also fitted per family, is not among them: it is the system's
 * interconnect (NVLink or PCIe), which a config states for its own system, as measured PCIe
 * rows do.
 */
const CALIBRATED_CHIP_KEYS = ['chip.matrix.efficiency', 'chip.memory.efficiency', 'chip.memory.bandwidth', 'chip.dispatch_overhead'];

export interface ChipProvenance {
  /** The calibrated family whose preset supplies the calibrated keys, if any. */
  family?: CalibratedFamily;
  /**
   * A calibrated preset some calibrated keys still come from, and the keys that do not: the
   * chip counts as unseen because of them (an H100 with its own `memory.bandwidth`), which
   * the ranges' wording says.
   */
  departed?: { presetId: string; keys: string[] };
}

export interface RuntimeProvenance {
  /** The runtime preset the values come from (`generic` when the config names none). */
  id: string;
  evidence: 'fitted' | 'prior';
  /** Some `runtime.*` values were set in the file (or with --set) over the preset's. */
  modified: boolean;
  /** Those keys (`runtime.gemm_efficiency`), for the ranges' wording. */
  writtenKeys: string[];
}

/** The calibrated family a chip preset belongs to, if any. */
export const familyOf = (presetId: string): CalibratedFamily | undefined =>
  (Object.keys(CALIBRATED_FAMILIES) as CalibratedFamily[]).find((f) => (CALIBRATED_FAMILIES[f] as readonly string[]).includes(presetId));

// Both provenances depend on the origins alone, which are complete once a config is
// validated: sensitivities and explorations build thousands of designs over one origins map.
const CHIP_PROVENANCE = new WeakMap<ReadonlyMap<string, SourceRef>, ChipProvenance>();
const RUNTIME_PROVENANCE = new WeakMap<ReadonlyMap<string, SourceRef>, RuntimeProvenance>();

// Both are decided once per origins map, for the first config built with it (the config as
// written: a sensitivity's +10 % step over the same origins does not change them), as the price
// basis is (model/silicon/fromConfig.ts priceIsGiven).
export function chipProvenance(origins: ReadonlyMap<string, SourceRef>, config: Config): ChipProvenance {
  let p = CHIP_PROVENANCE.get(origins);
  if (p === undefined) CHIP_PROVENANCE.set(origins, (p = chipProvenanceOf(origins, config)));
  return p;
}

function chipProvenanceOf(origins: ReadonlyMap<string, SourceRef>, config: Config): ChipProvenance {
  const fromPreset = CALIBRATED_CHIP_KEYS.map((k) => origins.get(k)).find((o) => o?.kind === 'preset' && familyOf(o.presetId));
  if (fromPreset?.kind !== 'preset') return {};
  const preset = presetConfig(fromPreset.presetId);
  // A key the file repeats from the preset (`bandwidth: 3.35 TB/s` over `h100-sxm`) is the preset's value.
  const keys = CALIBRATED_CHIP_KEYS.filter((k) => {
    const o = origins.get(k);
    if (o?.kind === 'preset' && o.presetId === fromPreset.presetId) return false;
    const repeated = isWritten(o) && !writtenOverPreset(o, valueAt(config, k), valueAt(preset, k), preset !== undefined);
    return !repeated;
  });
  return keys.length === 0 ? { family: familyOf(fromPreset.presetId)! } : { departed: { presetId: fromPreset.presetId, keys } };
}

const RUNTIME_KEYS = [
  'step_overhead',
  'prefill_overhead',
  'gemm_efficiency',
  'launch_overhead',
  'sequence_overhead',
  'collective_overhead',
  'grouped_attention',
  'decode_launch',
  'shape_buckets',
  'smallest_bucket',
];

export function runtimeProvenance(origins: ReadonlyMap<string, SourceRef>, config: Config): RuntimeProvenance {
  let p = RUNTIME_PROVENANCE.get(origins);
  if (p === undefined) RUNTIME_PROVENANCE.set(origins, (p = runtimeProvenanceOf(origins, config)));
  return p;
}

function runtimeProvenanceOf(origins: ReadonlyMap<string, SourceRef>, config: Config): RuntimeProvenance {
  const sources = RUNTIME_KEYS.map((k) => origins.get(`runtime.${k}`));
  const preset =
    runtimePresets.find((p) => sources.some((s) => s?.kind === 'preset' && s.presetId === p.id)) ??
    runtimePresets.find((p) => p.id === 'generic')!;
  const values = runtimePresetConfig(preset.id);
  // Written to the preset's own value (`launch_overhead: 0 us` over tensorrt-llm's 0 us): the preset's.
  const writtenKeys = RUNTIME_KEYS.filter((k, i) =>
    writtenOverPreset(sources[i], valueAt(config.runtime, k), valueAt(values, k), values !== undefined),
  ).map((k) => `runtime.${k}`);
  return { id: preset.id, evidence: preset.evidence, modified: writtenKeys.length > 0, writtenKeys };
}
