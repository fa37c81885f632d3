// "Sweep Parameter…": evaluates the config at a range of values of one numeric key (the
// one under the cursor, or one picked from a list), with a cancellable progress
// notification, then saves the results as CSV where the user chooses.

import * as vscode from 'vscode';
import type { Analysis } from '../../model/analysis';
import { schemaAt } from '../../model/config/schema';
import type { SweepPoint } from '../../model/sweep';
import type { AnalysisService } from '../analysisService';
import { snapshotFileHost, workspaceFileHost } from '../fileHost';
import { formatConfigValue } from '../logic/hoverText';
import { sweepCsv } from '../../model/report/sweep';
import {
  MAX_SWEEP_VALUES,
  checkBound,
  defaultBounds,
  spansDecade,
  sweepableKeys,
  sweepKindOf,
  sweepValues,
  indexOfValue,
  numberAt,
  type SweepKind,
  type SweepScale,
} from '../logic/sweepRange';
import { keyAt } from '../logic/yamlPath';
import type { Log } from '../log';
import type { PanelManager } from '../panelManager';
import { besideConfig, configStem, targetConfig } from './target';

export async function sweepParameter(service: AnalysisService, panels: PanelManager, log: Log, uri?: unknown): Promise<void> {
  const document = await targetConfig(uri);
  if (!document) return;
  const record = await service.current(document);
  const config = record?.analysis.config;
  if (!record || !config) {
    void vscode.window.showErrorMessage('This config has errors that leave nothing to sweep; fix them first.');
    return;
  }
  const path = await chooseKey(document, config);
  if (!path) return;
  const kind = sweepKindOf(path.split('.'))!;
  const range = await askRange(path, kind, numberAt(config, path), writtenValue(record.analysis, path));
  if (!range) return;

  const host = snapshotFileHost(workspaceFileHost(document.uri));
  const text = document.getText();
  const { sweepValues: runSweep } = await import('../../model/sweep');
  const started = Date.now();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Sweeping ${path}`, cancellable: true },
    async (progress, token) => {
      const points: SweepPoint[] = [];
      for (const value of range.values) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${value} (${points.length + 1} of ${range.values.length})`, increment: 100 / range.values.length });
        points.push(...(await runSweep(text, document.uri.path, host, path, [value])));
        // Each evaluation runs without I/O: yield so that a click on Cancel is seen.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { points, cancelled: token.isCancellationRequested };
    },
  );
  log.info(
    `sweep of ${path} over ${range.values.length} values: ${outcome.points.length} evaluated in ${Date.now() - started} ms${outcome.cancelled ? ' (cancelled)' : ''}`,
  );
  if (outcome.cancelled) {
    void vscode.window.showInformationMessage(
      `Sweep of ${path} cancelled after ${outcome.points.length} of ${range.values.length} values; nothing was saved.`,
    );
    return;
  }
  await panels.open(document.uri);
  panels.get(document.uri)?.showSweep(path, outcome.points, indexOfValue(kind, range.values, numberAt(config, path)));
  // The CSV is offered, not asked for: a save dialog opening by itself after every sweep
  // surprised a new user (a workbench review).
  const save = await vscode.window.showInformationMessage(
    `Swept ${path} over ${outcome.points.length} values: the latency view shows them.`,
    'Save CSV…',
  );
  if (save) await saveCsv(document.uri, path, outcome.points, log);
}

async function chooseKey(document: vscode.TextDocument, config: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) {
    const here = keyAt(document.getText(), document.offsetAt(editor.selection.active));
    const path = here?.path.join('.');
    if (path && sweepKindOf(here!.path)) return path;
  }
  const items = sweepableKeys(config).map((path) => {
    const node = schemaAt(path.split('.'));
    return { label: path, description: node ? (formatConfigValue(node, numberAt(config, path)) ?? '') : '', detail: node?.doc };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Sweep which key?',
    placeHolder: 'A numeric key of this design',
    matchOnDetail: true,
  });
  return picked?.label;
}

interface SweepRange {
  values: string[];
}

/** Questions a sweep asks: from, to, number of values, spacing. */
const STEPS = 4;

async function askRange(
  path: string,
  kind: SweepKind,
  current: number | undefined,
  written: string | undefined,
): Promise<SweepRange | undefined> {
  const bounds = defaultBounds(kind, current, written);
  const from = await vscode.window.showInputBox({
    title: `Sweep ${path} (1/${STEPS}): from`,
    value: bounds.from,
    validateInput: (v) => checkBound(kind, v),
  });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title: `Sweep ${path} (2/${STEPS}): to`,
    value: bounds.to,
    validateInput: (v) => checkBound(kind, v),
  });
  if (to === undefined) return undefined;
  const stepsText = await vscode.window.showInputBox({
    title: `Sweep ${path} (3/${STEPS}): number of values`,
    // From half to double the value, 7 linear values step by a quarter of it and pass through it.
    value: '7',
    validateInput: (v) =>
      /^\d+$/.test(v.trim()) && Number(v) >= 2 && Number(v) <= MAX_SWEEP_VALUES
        ? undefined
        : `A whole number from 2 to ${MAX_SWEEP_VALUES}.`,
  });
  if (stepsText === undefined) return undefined;
  const scale = await chooseScale(path, kind, from, to);
  if (!scale) return undefined;
  const result = sweepValues(kind, from, to, Number(stepsText), scale);
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.message);
    return undefined;
  }
  return { values: result.values };
}

/**
 * The spacing is always the last step, so that every step is numbered out of the same
 * total; the choice that suits the range comes first (logarithmic when it spans a decade or
 * more, as batch 1..256 does), so Enter accepts it.
 */
async function chooseScale(path: string, kind: SweepKind, from: string, to: string): Promise<SweepScale | undefined> {
  const log = { label: 'Logarithmic', description: 'equal ratios between values (1, 2, 4, 8, …)', scale: 'log' as const };
  const linear = { label: 'Linear', description: 'equal steps between values', scale: 'linear' as const };
  const picked = await vscode.window.showQuickPick(spansDecade(kind, from, to) ? [log, linear] : [linear, log], {
    title: `Sweep ${path} (${STEPS}/${STEPS}): spacing of the values`,
  });
  return picked?.scale;
}

async function saveCsv(uri: vscode.Uri, path: string, points: readonly SweepPoint[], log: Log): Promise<void> {
  const defaultUri = besideConfig(uri, `${configStem(uri)}.sweep-${path.replace(/\./g, '-')}.csv`);
  const target = await vscode.window.showSaveDialog({
    ...(defaultUri ? { defaultUri } : {}),
    filters: { CSV: ['csv'] },
    title: `Save the sweep of ${path} as CSV`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(sweepCsv(points)));
  log.info(`saved the sweep of ${path} to ${target.toString()}`);
  const open = await vscode.window.showInformationMessage(`Saved ${points.length} points of the ${path} sweep.`, 'Open CSV');
  if (open) await vscode.window.showTextDocument(target, { preview: true });
}

/** The value as written (`4.8 TB/s`), to keep the user's unit in the default bounds. */
function writtenValue(analysis: Analysis, path: string): string | undefined {
  const origin = analysis.origins.get(path);
  if (origin?.kind !== 'file') return undefined;
  return analysis.texts.get(origin.file)?.slice(origin.range.start, origin.range.end);
}
