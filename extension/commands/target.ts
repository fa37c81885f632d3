// Which config a command acts on: the one it was invoked for (CodeLens, status bar, editor
// title pass a URI), else the active editor's, else the only visible config.

import * as vscode from 'vscode';
import { isChipConfig, isChipConfigUri } from '../configFiles';

export async function targetConfig(uri?: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri && isChipConfigUri(uri)) {
    return vscode.workspace.openTextDocument(uri);
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && isChipConfig(active)) return active;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).filter(isChipConfig);
  if (visible.length === 1) return visible[0];
  void vscode.window.showWarningMessage('Open a *.chip.yaml config first (or focus the one to use).');
  return undefined;
}

/** The config's file name without `.chip.yaml`, for default file names. */
export function configStem(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.chip\.ya?ml$/i, '') || 'design';
}

/** A file next to the config (none for an untitled config: the dialog opens in its default place). */
export function besideConfig(uri: vscode.Uri, name: string): vscode.Uri | undefined {
  if (uri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
  }
  return vscode.Uri.joinPath(uri, '..', name);
}
