// The status bar item for the active chip config: its headline number (ms/token), an
// error count when it has errors; hidden for every other editor. Click opens the views.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { isChipConfig } from './configFiles';
import { statusSummary } from './logic/summaryText';
import { OPEN_VIEWS_COMMAND } from './commandIds';

const UNSAVED = 'Unsaved edits: these numbers are of the last save; saving evaluates the edits.';

export function registerStatusBar(service: AnalysisService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('jalapeno.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Jalapeño design';

  /** The active config's dirty state as last shown: a change of it redraws the item. */
  let dirty: boolean | undefined;
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
      // Edits not yet saved are not evaluated: the numbers are the last save's, which a new user
      // read as the edited design's (a workbench review). Marked until the save evaluates them.
      const unsaved = (dirty = document.isDirty);
      // Static figures shown while the serving traffic is simulated (AnalysisService).
      item.text = `${summary.text}${unsaved ? ' $(edit)' : ''}${record.servingPending ? ' $(sync~spin)' : ''}`;
      item.tooltip = new vscode.MarkdownString(
        [
          ...(unsaved ? [`*${UNSAVED}*`] : []),
          summary.tooltip,
          ...(record.servingPending ? ['*Simulating the serving traffic…*'] : []),
        ].join('\n\n'),
        true,
      );
      item.accessibilityInformation = { label: unsaved ? `${summary.label}, ${UNSAVED}` : summary.label };
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
    // Only when the active config turns dirty or clean (an undo back to the saved text): not per keystroke.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== vscode.window.activeTextEditor?.document || e.document.isDirty === dirty) return;
      dirty = e.document.isDirty;
      update();
    }),
    service.onDidAnalyze((record) => {
      if (record.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
  );
}
