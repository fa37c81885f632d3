// The status bar item for the active chip config: its headline number (ms/token), an
// error count when it has errors; hidden for every other editor. Click opens the views.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { isChipConfig } from './configFiles';
import { statusSummary } from './logic/summaryText';
import { OPEN_VIEWS_COMMAND } from './commandIds';

export function registerStatusBar(service: AnalysisService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('jalapeno.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Jalapeño design';

  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    const isConfig = !!document && isChipConfig(document);
    // Menus and the palette show the config commands while this is set.
    void vscode.commands.executeCommand('setContext', 'jalapeno.activeConfig', isConfig);
    if (!document || !isConfig) {
      item.hide();
      return;
    }
    const record = service.get(document.uri);
    if (!record) {
      item.text = '$(sync~spin) Jalapeño';
      item.tooltip = 'Evaluating this design…';
      item.accessibilityInformation = { label: 'Jalapeño: evaluating this design' };
      item.backgroundColor = undefined;
    } else {
      const summary = statusSummary(record.analysis);
      // Static figures shown while the serving traffic is simulated (AnalysisService).
      item.text = record.servingPending ? `${summary.text} $(sync~spin)` : summary.text;
      item.tooltip = new vscode.MarkdownString(
        record.servingPending ? `${summary.tooltip}\n\n*Simulating the serving traffic…*` : summary.tooltip,
        true,
      );
      item.accessibilityInformation = { label: summary.label };
      item.backgroundColor =
        summary.severity === 'error'
          ? new vscode.ThemeColor('statusBarItem.errorBackground')
          : summary.severity === 'warning'
            ? new vscode.ThemeColor('statusBarItem.warningBackground')
            : undefined;
    }
    item.command = { title: 'Open Design Views', command: OPEN_VIEWS_COMMAND, arguments: [document.uri] };
    item.show();
  };

  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    service.onDidAnalyze((record) => {
      if (record.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
  );
}
