// Completion in chip configs: keys valid at the cursor with their docs, enum values,
// preset ids (and workspace configs) for `extends` / `compare` / `model`, units after a
// number. Everything comes from the schema and the preset registry.

import * as vscode from 'vscode';
import { CHIP_CONFIG_GLOB, DOCUMENT_SELECTOR, isChipConfig } from './configFiles';
import {
  completionsFor,
  relativeReference,
  wantsConfigPaths,
  type CompletionEntry,
  type CompletionEntryKind,
} from './logic/completionItems';
import { completionContextAt } from './logic/completionContext';
import { dirname } from '../model/config/paths';
import { describeError, type Log } from './log';

const KIND: Record<CompletionEntryKind, vscode.CompletionItemKind> = {
  section: vscode.CompletionItemKind.Module,
  key: vscode.CompletionItemKind.Property,
  enum: vscode.CompletionItemKind.EnumMember,
  preset: vscode.CompletionItemKind.Reference,
  unit: vscode.CompletionItemKind.Unit,
  value: vscode.CompletionItemKind.Value,
  file: vscode.CompletionItemKind.File,
};

/** Red Hat YAML offers keys and enum values from our JSON Schema: do not list them twice. */
const RED_HAT_YAML = 'redhat.vscode-yaml';

export function registerCompletion(log: Log): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    DOCUMENT_SELECTOR,
    {
      async provideCompletionItems(document, position, token) {
        if (!isChipConfig(document)) return undefined;
        try {
          const text = document.getText();
          const context = completionContextAt(text, document.offsetAt(position));
          if (!context) return undefined;
          const configPaths = wantsConfigPaths(context) ? await otherConfigs(document.uri, token) : [];
          const schemaCompletionElsewhere = vscode.extensions.getExtension(RED_HAT_YAML) !== undefined;
          return completionsFor(context, { configPaths, schemaCompletionElsewhere }).map((entry) => toItem(entry, document));
        } catch (error) {
          log.error(`completion failed: ${describeError(error)}`);
          return undefined;
        }
      },
    },
    ' ',
    ':',
    ',',
    '[',
    '{',
  );
}

function toItem(entry: CompletionEntry, document: vscode.TextDocument): vscode.CompletionItem {
  const item = new vscode.CompletionItem(entry.label, KIND[entry.kind]);
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = new vscode.MarkdownString(entry.documentation);
  item.insertText = entry.snippet ? new vscode.SnippetString(entry.insertText) : entry.insertText;
  item.range = new vscode.Range(document.positionAt(entry.range.start), document.positionAt(entry.range.end));
  if (entry.sortText) item.sortText = entry.sortText;
  // Filter on the label typed so far, not on the inserted text (which may start with a space).
  item.filterText = entry.label;
  if (entry.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return item;
}

async function otherConfigs(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string[]> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return [];
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CHIP_CONFIG_GLOB), '**/node_modules/**', 200, token);
  const here = dirname(uri.path);
  return files
    .filter((f) => f.toString() !== uri.toString())
    .map((f) => relativeReference(here, f.path))
    .sort();
}
