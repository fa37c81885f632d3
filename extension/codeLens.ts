// Headline numbers above `workload:`, `chip:`, `serving:` and `fleet:`, the verdicts against the
// baseline above `compare:`. Clicking opens the design views.
// Numbers come from the last evaluation of the document; positions from its current text.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { DOCUMENT_SELECTOR, isChipConfig, isEditedSince } from './configFiles';
import { chipLensText, comparisonLens, fleetLensText, servingLensText, workloadLensText } from './logic/summaryText';
import { rangeOfPath } from './logic/yamlPath';
import { OPEN_VIEWS_COMMAND, SHOW_PROBLEMS_COMMAND } from './commandIds';

export function registerCodeLens(service: AnalysisService): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!isChipConfig(document) || !lensesEnabled()) return [];
      const record = service.get(document.uri);
      if (!record) return [];
      const text = document.getText();
      const lenses: vscode.CodeLens[] = [];
      const at = (key: string) => {
        const found = rangeOfPath(text, [key]);
        return found ? new vscode.Range(document.positionAt(found.keyRange.start), document.positionAt(found.keyRange.end)) : undefined;
      };
      const open = (title: string, tooltip = 'Open the design views'): vscode.Command => ({
        title,
        command: OPEN_VIEWS_COMMAND,
        arguments: [document.uri],
        tooltip,
      });
      // The verdicts against the baseline above `compare:`, where this file names it; the other
      // lenses then keep to this design's numbers.
      const compare = at('compare');
      // Edited since the evaluation: the numbers are of the text before the edits, as the status
      // bar's pencil says (a review: the lenses carried no mark), on every lens with numbers.
      const edited = isEditedSince(record.text, { getText: () => text }) ? '$(edit) ' : '';
      const comparison = compare && !record.servingPending ? comparisonLens(record.analysis) : undefined;
      if (compare && comparison) lenses.push(new vscode.CodeLens(compare, open(`${edited}${comparison.title}`, comparison.tooltip)));
      // While the traffic is simulated the verdicts wait at `compare:`, not on the first lens and
      // back again (a workbench review saw them jump).
      const waiting = compare && record.servingPending && record.analysis.baseline;
      if (waiting) lenses.push(new vscode.CodeLens(compare, open('$(sync~spin) Comparing once the serving traffic is simulated…')));
      const withComparison = comparison === undefined && !waiting;
      const workload = at('workload') ?? new vscode.Range(0, 0, 0, 0);
      // Not evaluated, the views have nothing to show: the lens opens the Problems panel, which says why (a review).
      const workloadText = `${edited}${workloadLensText(record.analysis, withComparison)}`;
      lenses.push(
        new vscode.CodeLens(
          workload,
          record.analysis.result
            ? open(workloadText)
            : { title: workloadText, command: SHOW_PROBLEMS_COMMAND, tooltip: 'Show the problems that stop the evaluation' },
        ),
      );
      const chip = at('chip');
      if (chip && record.analysis.result) lenses.push(new vscode.CodeLens(chip, open(`${edited}${chipLensText(record.analysis)}`)));
      // While the traffic is simulated the lenses stay, so the lines below them do not jump.
      // Each lens with numbers carries the pencil: the one above `serving:` sits by the edit more
      // often than the first does (a workbench review).
      const pending = record.servingPending ? '$(sync~spin) Simulating the serving traffic…' : undefined;
      const lensOf = (numbers: string | undefined) => pending ?? (numbers && `${edited}${numbers}`);
      const serving = at('serving');
      const servingText = lensOf(servingLensText(record.analysis, withComparison));
      if (serving && servingText) lenses.push(new vscode.CodeLens(serving, open(servingText)));
      const fleet = at('fleet');
      const fleetText = lensOf(fleetLensText(record.analysis, withComparison));
      if (fleet && fleetText) lenses.push(new vscode.CodeLens(fleet, open(fleetText)));
      return lenses;
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, provider),
    service.onDidAnalyze(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('jalapeno.codeLens.enabled')) changed.fire();
    }),
  );
}

function lensesEnabled(): boolean {
  return vscode.workspace.getConfiguration('jalapeno').get<boolean>('codeLens.enabled', true);
}
