// "New Chip Config…": a chip preset and a model give a new untitled YAML document. Nothing
// is written to disk until the user saves it.

import * as vscode from 'vscode';
import { chipPresets, modelPresets, type Preset } from '../../model/presets';
import type { AnalysisService } from '../analysisService';
import { markUntitledConfig } from '../configFiles';
import { newConfigText } from '../logic/newConfigText';
import { presetHeadline } from '../logic/presetSummary';

interface PresetItem extends vscode.QuickPickItem {
  preset: Preset;
}

export async function newConfig(service: AnalysisService): Promise<void> {
  const chip = await pick(chipPresets, 'New chip config (1/2): the chip', 'A chip preset to start from');
  if (!chip) return;
  const model = await pick(modelPresets, 'New chip config (2/2): the model served', 'A model preset');
  if (!model) return;
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: newConfigText(chip, model) });
  markUntitledConfig(document.uri);
  await vscode.window.showTextDocument(document);
  await service.evaluate(document, 'open');
}

async function pick(presets: readonly Preset[], title: string, placeHolder: string): Promise<Preset | undefined> {
  const items: PresetItem[] = presets.map((preset) => ({
    label: preset.id,
    description: preset.name,
    detail: [preset.summary, ...presetHeadline(preset).slice(0, 2)].join(' · '),
    preset,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, matchOnDetail: true }))?.preset;
}
