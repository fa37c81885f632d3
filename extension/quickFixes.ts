// Quick fixes (the light bulb): the model's fixes for a diagnostic, and "set batch to the
// largest that fits" for a design that does not fit in memory. Each is a WorkspaceEdit
// applied only when the user picks it, so it is one undo step.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { DOCUMENT_SELECTOR, isChipConfig } from './configFiles';
import { DIAGNOSTIC_SOURCE, sameDiagnostic } from './diagnostics';
import { plannedFixes } from './logic/quickFixEdits';

export function registerQuickFixes(service: AnalysisService): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new QuickFixProvider(service), {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  });
}

class QuickFixProvider implements vscode.CodeActionProvider {
  constructor(private readonly service: AnalysisService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isChipConfig(document)) return [];
    const record = this.service.get(document.uri);
    if (!record) return [];
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics) {
      if (shown.source !== DIAGNOSTIC_SOURCE) continue;
      const model = record.analysis.diagnostics.find((d) => sameDiagnostic(d, shown));
      if (!model) continue;
      for (const fix of plannedFixes(model, record.analysis, document.uri.path, text)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, new vscode.Range(document.positionAt(fix.range.start), document.positionAt(fix.range.end)), fix.newText);
        action.edit = edit;
        action.diagnostics = [shown];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }
}
