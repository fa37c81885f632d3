// The extension host entry: activate() only wires the features together. Nothing heavy
// runs here; the model is loaded on the first evaluation, when a config is opened.

import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { createLog } from './log';
import { PanelManager } from './panelManager';
import { registerQuickFixes } from './quickFixes';
import { registerStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const service = new AnalysisService(log);
  const panels = new PanelManager(context.extensionUri, service, log);
  context.subscriptions.push(
    log,
    service,
    panels,
    registerDiagnostics(service),
    registerQuickFixes(service),
    registerHover(service, log),
    registerCompletion(log),
    registerCodeLens(service),
    registerStatusBar(service),
    registerCommands(service, panels, log),
  );
  log.info(`activated (${vscode.env.appName} ${vscode.version}, ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'} workspace)`);
  service.evaluateOpenDocuments();
}

export function deactivate(): void {}
