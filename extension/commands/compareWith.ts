// "Compare With…": pick a chip preset or another config of the workspace; the choice is
// written as `compare:` with one undoable edit, and the design is evaluated at once.

import * as vscode from 'vscode';
import { chipPresets } from '../../model/presets';
import { dirname } from '../../model/config/paths';
import type { AnalysisService } from '../analysisService';
import { CHIP_CONFIG_GLOB } from '../configFiles';
import { relativeReference } from '../logic/completionItems';
import { setValueEdit } from '../logic/yamlEdit';
import { targetConfig } from './target';

interface BaselineItem extends vscode.QuickPickItem {
  reference?: string;
}

export async function compareWith(service: AnalysisService, uri?: unknown): Promise<void> {
  const document = await targetConfig(uri);
  if (!document) return;
  const current = service.get(document.uri)?.analysis.config?.compare;
  const items: BaselineItem[] = [{ label: 'Chip presets', kind: vscode.QuickPickItemKind.Separator }];
  for (const preset of chipPresets) {
    items.push({
      label: preset.id,
      description: preset.id === current ? `${preset.name} (current)` : preset.name,
      detail: preset.summary,
      reference: preset.id,
    });
  }
  const others = await workspaceConfigs(document.uri);
  if (others.length) {
    items.push({ label: 'Configs in this workspace', kind: vscode.QuickPickItemKind.Separator });
    for (const reference of others) items.push({ label: reference, description: reference === current ? '(current)' : '', reference });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Compare this design with…',
    placeHolder: 'A baseline: same workload, system and economics',
    matchOnDescription: true,
  });
  if (!picked?.reference) return;
  const change = setValueEdit(document.getText(), ['compare'], picked.reference);
  const start = document.positionAt(change.range.start);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(start, document.positionAt(change.range.end)), change.newText);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Could not edit the config (is it read-only?).');
    return;
  }
  // Show the line written (often a new one at the end of the file).
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  editor?.revealRange(
    new vscode.Range(start, document.positionAt(change.range.start + change.newText.length)),
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
  await service.evaluate(document, 'command');
}

async function workspaceConfigs(uri: vscode.Uri): Promise<string[]> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return [];
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CHIP_CONFIG_GLOB), '**/node_modules/**', 200);
  return files
    .filter((f) => f.toString() !== uri.toString())
    .map((f) => relativeReference(dirname(uri.path), f.path))
    .sort();
}
