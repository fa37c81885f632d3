// The preset registry: chip, model and runtime presets by their stable ids (see contract.md §2).

import type { SourceRef } from '../diagnostics';
import { treeFromData, type SourceNode } from '../config/tree';
import { chipPresets } from './chips';
import { modelPresets } from './models';
import { runtimePresets } from './runtimes';
import type { Preset, PresetKind } from './types';

export type { Preset, PresetKind } from './types';
export type { RuntimePreset } from './runtimes';
export { chipPresets, modelPresets, runtimePresets };

const byKind = {
  chip: new Map(chipPresets.map((p) => [p.id, p])),
  model: new Map(modelPresets.map((p) => [p.id, p])),
  runtime: new Map<string, Preset>(runtimePresets.map((p) => [p.id, p])),
};

export function findPreset(kind: PresetKind, id: string): Preset | undefined {
  return byKind[kind].get(id);
}

export function presetIds(kind: PresetKind): string[] {
  return [...byKind[kind].keys()];
}

const treeCache = new Map<string, SourceNode>();

/** A preset as a source tree whose every leaf cites the preset's source for that number. */
export function presetTree(preset: Preset): SourceNode {
  const key = `${preset.kind}:${preset.id}`;
  let tree = treeCache.get(key);
  if (!tree) {
    const sourceOf = (path: string): SourceRef => ({
      kind: 'preset',
      presetId: preset.id,
      ...(preset.sources[path] ? { source: preset.sources[path] } : {}),
    });
    tree = treeFromData(preset.config, sourceOf);
    treeCache.set(key, tree);
  }
  return tree;
}
