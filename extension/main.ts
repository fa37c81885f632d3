// The extension host entry: activate() only wires the features together. Commands are
// registered first, before anything else runs, so the palette and menus work the moment
// the extension is active; nothing heavy runs here (evaluation starts after activation).
//
// Activation (package.json): `onLanguage:yaml` as soon as a YAML file is open (restored
// editors included), a restored views panel, or any of our commands (implicit since VS Code
// 1.74). Not `workspaceContains:**/*.chip.yaml`: that glob is a workspace search VS Code
// waits on (up to its search timeout) before activating, which left the commands missing
// for seconds after every window reload. Not `onStartupFinished` either: windows without a
// YAML file would load the extension for nothing.

import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { registerInlayHints } from './inlayHints';
import { createLog } from './log';
import { PanelManager } from './panelManager';
import { registerExploreSerializer } from './explorePanel';
import { registerQuickFixes } from './quickFixes';
import { registerStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const log = createLog();
  const service = new AnalysisService(log);
  const panels = new PanelManager(context.extensionUri, service, log);
  context.subscriptions.push(
    log,
    service,
    panels,
    registerCommands(service, panels, log),
    registerExploreSerializer(context.extensionUri, log),
  );
  context.subscriptions.push(
    registerStatusBar(service),
    registerDiagnostics(service),
    registerQuickFixes(service),
    registerHover(service, log),
    registerCompletion(log),
    registerCodeLens(service),
    registerInlayHints(service),
  );
  log.info(
    `activated in ${Date.now() - started} ms (${vscode.env.appName} ${vscode.version}, ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'} workspace)`,
  );
  // After activate() returns: the first evaluation loads the model, which is not free.
  setTimeout(() => service.evaluateOpenDocuments(), 0);
}

export function deactivate(): void {}
