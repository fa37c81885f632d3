// The Exploration panel: one exploration of one config, beside the editor. It receives
// partial results while the workers run and the full front at the end; a point can be
// applied to the config (one WorkspaceEdit, undoable) or opened as a new config, and the
// shown points exported as CSV / JSON or the chart as SVG. A serializer restores the panel
// after a window reload with the last exploration it showed (the webview keeps it in its
// state); a run that the reload interrupted says so.

import * as vscode from 'vscode';
import type { ExploreResults } from '../model/explore/results';
import { isExploreViewMessage, type ExplorationData, type ExploreHostMessage } from '../webview/exploreProtocol';
import { renderWebviewHtml } from '../webview/page';
import { besideConfig, configStem } from './commands/target';
import { restoredExploration, valuesOfPoint, valuesOfShownPoint, withValues } from './logic/exploreData';
import type { Log } from './log';
import type { AnalysisService } from './analysisService';
import { analysisRevision } from './logic/viewModel';
import { nonce } from './panelManager';

export const EXPLORE_VIEW_TYPE = 'jalapeno.exploration';

export class ExplorePanel implements vscode.Disposable {
  private ready = false;
  private latest: ExplorationData | undefined;
  private results: ExploreResults | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  cancelled = false;

  constructor(
    private readonly configUri: vscode.Uri,
    extensionUri: vscode.Uri,
    title: string,
    private readonly log: Log,
    /** A panel VS Code restored after a reload (else a new one opens beside the editor). */
    restored?: vscode.WebviewPanel,
  ) {
    this.panel =
      restored ??
      vscode.window.createWebviewPanel(
        EXPLORE_VIEW_TYPE,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(extensionUri),
      );
    const webview = this.panel.webview;
    if (restored) webview.options = webviewOptions(extensionUri);
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'exploreView.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'views.css')).toString()],
      title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        void this.receive(m);
      }),
      // A hidden webview drops messages: send the latest again when it shows.
      this.panel.onDidChangeViewState(() => {
        if (this.panel.visible) this.flush();
      }),
      vscode.window.onDidChangeActiveColorTheme(() => this.post({ type: 'theme' })),
      this.panel.onDidDispose(() => {
        this.cancelled = true;
        this.dispose();
      }),
    );
  }

  readonly panel: vscode.WebviewPanel;

  /** `results`: the full run (any point can be applied); absent for a restored panel (only the points it shows). */
  show(data: ExplorationData, results?: ExploreResults): void {
    this.latest = this.stale ? { ...data, stale: true } : data;
    this.results = results;
    this.flush();
  }

  private stale = false;

  /**
   * Marks the exploration stale once the config's evaluation reads other inputs than `revision`
   * (the text explored and the files it reads: viewModel.ts analysisRevision), as the views mark
   * a stale sweep.
   */
  watch(service: AnalysisService, revision: string): void {
    this.disposables.push(
      service.onDidAnalyze((record) => {
        if (record.uri.toString() !== this.configUri.toString() || record.servingPending) return;
        const stale = analysisRevision(record.analysis) !== revision;
        if (stale === this.stale) return;
        this.stale = stale;
        if (this.latest) this.show({ ...this.latest, stale }, this.results);
      }),
    );
  }

  /**
   * Restores a panel after a window reload from the state its webview saved: the last
   * exploration it showed, a run the reload interrupted marked as such. Without a
   * readable exploration in the state there is nothing to show and the panel closes.
   */
  static restore(panel: vscode.WebviewPanel, state: unknown, extensionUri: vscode.Uri, log: Log): ExplorePanel | undefined {
    const data = restoredExploration(state);
    if (!data) {
      log.warn('a restored Exploration panel had no exploration in its state; closing it');
      panel.dispose();
      return undefined;
    }
    const view = new ExplorePanel(vscode.Uri.parse(data.file), extensionUri, panel.title, log, panel);
    view.show(data);
    log.info(
      `restored the Exploration panel of ${data.file} (${data.evaluated} of ${data.total} designs${data.interrupted ? ', interrupted' : ''})`,
    );
    return view;
  }

  private flush(): void {
    if (this.ready && this.latest && this.panel.visible) this.post({ type: 'exploration', data: this.latest });
  }

  private post(message: ExploreHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isExploreViewMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.flush();
        break;
      case 'cancel':
        this.cancelled = true;
        break;
      case 'apply':
        await this.apply(message.index);
        break;
      case 'open':
        await this.openAsConfig(message.index);
        break;
      case 'export':
        await this.export(message.format, message.data);
        break;
    }
  }

  /** A point's values: from the full run, or (restored panel) from the points it shows, which are the ones a user can pick. */
  private valuesOf(index: number): Record<string, string> | undefined {
    if (this.results) return valuesOfPoint(this.results, index);
    return this.latest ? valuesOfShownPoint(this.latest, index) : undefined;
  }

  private async apply(index: number): Promise<void> {
    const values = this.valuesOf(index);
    if (!values) return;
    const document = await vscode.workspace.openTextDocument(this.configUri);
    const text = document.getText();
    const edit = new vscode.WorkspaceEdit();
    // One replacement of the whole text: one undo step for all keys.
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), withValues(text, values));
    if (await vscode.workspace.applyEdit(edit)) {
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
      void vscode.window.showInformationMessage(
        `Applied design #${index}: ${Object.entries(values)
          .map(([k, v]) => `${k} = ${v}`)
          .join(', ')}. Undo restores the previous values.`,
      );
      this.log.info(`applied explored design #${index} to ${document.uri.toString()}`);
    }
  }

  private async openAsConfig(index: number): Promise<void> {
    const values = this.valuesOf(index);
    if (!values) return;
    const document = await vscode.workspace.openTextDocument(this.configUri);
    const target = besideConfig(this.configUri, `${configStem(this.configUri)}.design-${index}.chip.yaml`);
    if (!target) return;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, {
      overwrite: false,
      ignoreIfExists: true,
      contents: new TextEncoder().encode(withValues(document.getText(), values)),
    });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Could not create ${target.toString()}.`);
      return;
    }
    await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One });
  }

  private async export(format: 'csv' | 'json' | 'svg', data: string): Promise<void> {
    const defaultUri = besideConfig(this.configUri, `${configStem(this.configUri)}.exploration.${format}`);
    const target = await vscode.window.showSaveDialog({
      ...(defaultUri ? { defaultUri } : {}),
      filters: { [format.toUpperCase()]: [format] },
      title: `Export the exploration as ${format.toUpperCase()}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(data));
    this.log.info(`exported the exploration to ${target.toString()}`);
    const open = await vscode.window.showInformationMessage(
      `Saved the exploration as ${format.toUpperCase()}: ${target.path.split('/').pop()}.`,
      'Open',
    );
    if (open) await vscode.commands.executeCommand('vscode.open', target);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Restores Exploration panels after a window reload (activation event `onWebviewPanel:jalapeno.exploration`). */
export function registerExploreSerializer(extensionUri: vscode.Uri, log: Log): vscode.Disposable {
  const restored: ExplorePanel[] = [];
  const serializer = vscode.window.registerWebviewPanelSerializer(EXPLORE_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      const view = ExplorePanel.restore(panel, state, extensionUri, log);
      if (view) restored.push(view);
    },
  });
  return { dispose: () => [serializer, ...restored.splice(0)].forEach((d) => d.dispose()) };
}
