// The shape of a preset: a named config fragment, written exactly as a user would write it
// in a `*.chip.yaml` (quantities as strings with units), plus the source of every number.

import type { ProcessNodeName } from '../silicon/processNodes';

export type PresetKind = 'chip' | 'model' | 'runtime';

export interface Preset {
  /** Stable id from the contract (docs/contract.md §2). */
  id: string;
  kind: PresetKind;
  /** Display name, e.g. "NVIDIA H100 SXM5 80GB". */
  name: string;
  /** One line: what it is (process node, year, memory type). */
  summary: string;
  /**
   * Chip presets: `{ name?, chip: {...}, system?: {...}, cost?: {...} }`, deep-merged under
   * a user's file. Model presets: the inline model mapping `{ layers, hidden, ... }`.
   * Runtime presets: the `runtime:` section's keys.
   */
  config: Record<string, unknown>;
  /** Dotted path (relative to `config`) -> where that number comes from. */
  sources: Record<string, string>;
  /**
   * Chip presets that state no `chip.process` (unpublished, or not modelled): the node their
   * on-chip energies were scaled to or measured at, so a config that states a process moves
   * them by the two nodes' switching energies as it moves a preset's with a process (a review:
   * `extends: trn2` at 5 nm kept its 8 nm-class SRAM energy).
   */
  energiesAt?: ProcessNodeName;
  /**
   * Chip presets of a product whose die area its maker publishes: the die, its area and where it
   * is stated. Shown beside the modelled area where a config keeps the preset's die, so the
   * model's error on it is in view (docs/silicon.md, known dies).
   */
  publishedDie?: PublishedDie;
}

export interface PublishedDie {
  /** The die's name, e.g. "GH100". */
  name: string;
  mm2: number;
  source: string;
}
