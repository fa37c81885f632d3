// Which documents are chip configs. The activation event is workspace-wide, so every
// feature checks the file name itself: other YAML files are left alone.

import * as vscode from 'vscode';

export const CHIP_CONFIG_PATTERN = /\.chip\.ya?ml$/i;
export const CHIP_CONFIG_GLOB = '**/*.chip.{yaml,yml}';

/** Documents a feature should serve: `*.chip.yaml` files and untitled configs we created. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: CHIP_CONFIG_GLOB },
  { language: 'yaml', scheme: 'untitled' },
];

/** Untitled documents made by "New Chip Config…": configs although they have no name yet. */
const untitledConfigs = new Set<string>();

export function markUntitledConfig(uri: vscode.Uri): void {
  untitledConfigs.add(uri.toString());
}

export function forgetUntitledConfig(uri: vscode.Uri): void {
  untitledConfigs.delete(uri.toString());
}

export function isChipConfigUri(uri: vscode.Uri): boolean {
  if (uri.scheme === 'untitled') return untitledConfigs.has(uri.toString());
  return CHIP_CONFIG_PATTERN.test(uri.path);
}

export function isChipConfig(document: vscode.TextDocument): boolean {
  return isChipConfigUri(document.uri);
}

/**
 * The editor's text is not the one evaluated (the same text after an undo is not edited): the
 * status bar's pencil, the lens's and the views' badge. Not `isDirty`: with `evaluateOn: type`,
 * Evaluate Now or a sweep, a dirty text is the one evaluated.
 */
export const isEditedSince = (evaluatedText: string, document: { getText(): string }): boolean => document.getText() !== evaluatedText;
