// "Export Report": a self-contained HTML report of the design (numbers, and the views'
// charts when its panel is open) and the same data as JSON beside it.

import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import { reportHtml, type ReportChart } from '../logic/reportHtml';
import { reportJson } from '../logic/reportJson';
import type { Log } from '../log';
import type { PanelManager } from '../panelManager';
import { besideConfig, configStem, targetConfig } from './target';

export async function exportReport(service: AnalysisService, panels: PanelManager, log: Log, uri?: unknown): Promise<void> {
  const document = await targetConfig(uri);
  if (!document) return;
  const record = await service.current(document);
  if (!record) return;
  const defaultUri = besideConfig(document.uri, `${configStem(document.uri)}-report.html`);
  const target = await vscode.window.showSaveDialog({
    ...(defaultUri ? { defaultUri } : {}),
    filters: { 'HTML report': ['html'] },
    title: 'Save the design report',
  });
  if (!target) return;
  const charts: ReportChart[] = (await panels.get(document.uri)?.requestCharts()) ?? [];
  const fileLabel = vscode.workspace.asRelativePath(document.uri, false);
  const json = reportJson(record.analysis, fileLabel);
  const html = reportHtml({ analysis: record.analysis, fileLabel, generatedAt: record.evaluatedAt, charts, json });
  const jsonTarget = target.with({ path: target.path.replace(/(\.html?)?$/i, '.json') });
  const encoder = new TextEncoder();
  await vscode.workspace.fs.writeFile(target, encoder.encode(html));
  await vscode.workspace.fs.writeFile(jsonTarget, encoder.encode(JSON.stringify(json, null, 2) + '\n'));
  log.info(`report of ${document.uri.path} saved to ${target.toString()} (${charts.length} charts) and ${jsonTarget.toString()}`);
  const name = (u: vscode.Uri) => u.path.slice(u.path.lastIndexOf('/') + 1);
  void vscode.window.showInformationMessage(
    `Report saved: ${name(target)} and ${name(jsonTarget)}${charts.length ? '' : ' (numbers only: open the design views to include their charts)'}.`,
  );
}
