// "New Chip Config…": a chip preset (or a chip written from scratch) and a model give a new
// untitled YAML document. Nothing is written to disk until the user saves it.

import * as vscode from 'vscode';
import { chipPresets, modelPresets, type Preset } from '../../model/presets';
import type { AnalysisService } from '../analysisService';
import { markUntitledConfig } from '../configFiles';
import { newConfigText, scratchConfigText } from '../logic/newConfigText';
import { presetHeadline } from '../logic/presetSummary';

interface PresetItem extends vscode.QuickPickItem {
  preset: Preset;
}

export async function newConfig(service: AnalysisService): Promise<void> {
  const chip = await pick(chipPresets, 'New chip config (1/2): the chip', 'A chip preset to start from, or a chip of your own', {
    label: '$(edit) From scratch',
    description: 'a chip of your own',
    detail: 'Its chip keys written out, no preset (a 5 nm INT8 design to change), its die and price modelled, against the H100',
  });
  if (!chip) return;
  const model = await pick(modelPresets, 'New chip config (2/2): the model served', 'A model preset');
  if (!model || model === SCRATCH) return;
  const content = chip === SCRATCH ? scratchConfigText(model) : newConfigText(chip, model);
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  markUntitledConfig(document.uri);
  await vscode.window.showTextDocument(document);
  await service.evaluate(document, 'open');
}

/** The "From scratch" item's pick: no preset. */
const SCRATCH: unique symbol = Symbol('from scratch');

async function pick(
  presets: readonly Preset[],
  title: string,
  placeHolder: string,
  scratch?: Omit<vscode.QuickPickItem, 'kind'>,
): Promise<Preset | typeof SCRATCH | undefined> {
  const items: (PresetItem | (vscode.QuickPickItem & { preset: typeof SCRATCH }))[] = [
    ...(scratch ? [{ ...scratch, preset: SCRATCH as typeof SCRATCH }] : []),
    ...presets.map((preset) => ({
      label: preset.id,
      description: preset.name,
      detail: [preset.summary, ...presetHeadline(preset).slice(0, 2)].join(' · '),
      preset,
    })),
  ];
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, matchOnDetail: true }))?.preset;
}
