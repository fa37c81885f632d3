// The status bar item for the active chip config (or, while a panel such as the design views
// has the focus, the config still in view): its headline number, an error count when it has
// errors; hidden for every other editor. Click opens the views.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { isChipConfig, isEditedSince } from './configFiles';
import { statusSummary } from './logic/summaryText';
import { OPEN_VIEWS_COMMAND, SHOW_PROBLEMS_COMMAND } from './commandIds';
import { EDITED_SINCE as UNSAVED } from '../model/report/labels';

const isEdited = (record: { text: string }, document: vscode.TextDocument) => isEditedSince(record.text, document);

export function registerStatusBar(service: AnalysisService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('jalapeno.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Jalapeño design';

  /** Whether the item last showed the active config's text as edited since its evaluation. */
  let edited: boolean | undefined;
  /** The config the item last showed. */
  let shown: string | undefined;
  const update = () => {
    const active = vscode.window.activeTextEditor;
    // Menus and the palette show the config commands while this is set.
    void vscode.commands.executeCommand('setContext', 'jalapeno.activeConfig', !!active && isChipConfig(active.document));
    // Focus in a panel that is no text editor (the design views beside the config) leaves the
    // item on the config still in view: it vanished whenever the views were clicked (a workbench review).
    const editor = active ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shown);
    const document = editor?.document;
    const isConfig = !!document && isChipConfig(document);
    shown = isConfig ? document.uri.toString() : undefined;
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
      // Edits not yet evaluated (on save, by default): the numbers are of the text before them,
      // which a new user read as the edited design's (a workbench review). Not `isDirty`: with
      // `evaluateOn: type`, Evaluate Now or a sweep, a dirty text is the one evaluated.
      const unsaved = (edited = isEdited(record, document));
      // While the traffic is simulated (AnalysisService), its figures are what the headline will
      // be: said so, not the static batch's ms/token for a few seconds and then the fleet's (a code review).
      item.text = record.servingPending
        ? `$(sync~spin) ${summary.mark ? `${summary.mark} · ` : ''}Simulating the serving traffic…${unsaved ? ' $(edit)' : ''}`
        : `${summary.text}${unsaved ? ' $(edit)' : ''}`;
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
    // Not evaluated, the views have nothing to show: the click shows why, as the lens does.
    item.command =
      record && !record.analysis.result
        ? { title: 'Show Problems', command: SHOW_PROBLEMS_COMMAND }
        : { title: 'Open Design Views', command: OPEN_VIEWS_COMMAND, arguments: [document.uri] };
    item.show();
  };

  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    // The config in view closed while a panel has the focus: the item goes with it.
    vscode.window.onDidChangeVisibleTextEditors(update),
    // Redrawn only when the active config turns edited, or back (an undo to the evaluated text).
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== (vscode.window.activeTextEditor?.document.uri.toString() ?? shown)) return;
      const record = service.get(e.document.uri);
      if (record && isEdited(record, e.document) !== edited) update();
    }),
    service.onDidAnalyze((record) => {
      if (record.uri.toString() === (vscode.window.activeTextEditor?.document.uri.toString() ?? shown)) update();
    }),
  );
}
