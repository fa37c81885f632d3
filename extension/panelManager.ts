// The design views: one WebviewPanel per config (viewType `jalapeno.views`), beside its
// editor, following that config's evaluations. The pattern of VS Code's Markdown preview:
// a panel bound to a resource, a serializer to restore it after reload, and the latest
// result re-sent when a hidden panel becomes visible (hidden webviews drop messages).

import * as vscode from 'vscode';
import { isViewMessage, type ChartSvg, type HostMessage, type ViewMessage, type ViewModel } from '../webview/protocol';
import { renderWebviewHtml } from '../webview/page';
import type { SweepPoint } from '../model/sweep';
import { isClosedRecord, type AnalysisRecord, type AnalysisService } from './analysisService';
import { locateKey } from './logic/keyTarget';
import { toViewModel } from './logic/viewModel';
import { describeError, type Log } from './log';

export const VIEW_TYPE = 'jalapeno.views';

/** How long a report waits for the views' charts before going numbers-only. */
const CHARTS_TIMEOUT_MS = 2000;

/** What a restored panel needs: the config it shows (the webview keeps `ViewModel.file` in its state). */
interface PanelState { file: string }

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, ConfigPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extensionUri: vscode.Uri, private readonly service: AnalysisService, private readonly log: Log) {
    this.disposables.push(
      service.onDidAnalyze((record) => {
        if (!isClosedRecord(record)) this.panels.get(record.uri.toString())?.update(record);
      }),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  /** Opens (or reveals) the views of a config beside its editor. */
  async open(uri: vscode.Uri): Promise<void> {
    const existing = this.panels.get(uri.toString());
    if (existing) { existing.panel.reveal(undefined, true); return; }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Jalapeño', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
    await this.attach(panel, uri);
  }

  /** The panel of a config, if open (for sweeps and reports). */
  get(uri: vscode.Uri): ConfigPanel | undefined {
    return this.panels.get(uri.toString());
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const file = isPanelState(state) ? state.file : undefined;
    if (!file) {
      this.log.warn('a restored design view had no config in its state; closing it');
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    await this.attach(panel, vscode.Uri.parse(file));
  }

  private async attach(panel: vscode.WebviewPanel, uri: vscode.Uri): Promise<void> {
    const view = new ConfigPanel(panel, uri, this.extensionUri, this.service, this.log);
    this.panels.set(uri.toString(), view);
    panel.onDidDispose(() => {
      if (this.panels.get(uri.toString()) === view) this.panels.delete(uri.toString());
      view.dispose();
    });
    // Make sure there is something to show: evaluate the config if it is not yet.
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const record = await this.service.current(document);
      if (record) view.update(record);
    } catch (error) {
      this.log.error(`cannot open ${uri.toString()} for its views: ${describeError(error)}`);
    }
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  dispose(): void {
    for (const view of this.panels.values()) view.panel.dispose();
    this.panels.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isPanelState(x: unknown): x is PanelState {
  return typeof x === 'object' && x !== null && typeof (x as PanelState).file === 'string' && /^[a-z][\w+.-]*:/i.test((x as PanelState).file);
}

/** One panel showing one config. */
export class ConfigPanel implements vscode.Disposable {
  private ready = false;
  /** A sweep not yet delivered. */
  private sweep: Extract<HostMessage, { type: 'sweep' }> | undefined;
  private nextRequestId = 1;
  private readonly chartRequests = new Map<number, (charts: ChartSvg[] | undefined) => void>();
  private latest: ViewModel | undefined;
  /** The latest view model was not delivered (the panel was hidden or not ready). */
  private pending = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, readonly uri: vscode.Uri, extensionUri: vscode.Uri,
    private readonly service: AnalysisService, private readonly log: Log) {
    const webview = panel.webview;
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'views.css')).toString()],
      title: 'Jalapeño design views',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => { if (panel.visible) this.flush(); }),
      vscode.window.onDidChangeActiveColorTheme(() => this.post({ type: 'theme' })),
    );
  }

  update(record: AnalysisRecord): void {
    this.latest = toViewModel(record.analysis, this.uri.toString(), record.evaluatedAt);
    this.panel.title = `Jalapeño: ${record.analysis.name}`;
    this.pending = true;
    this.flush();
  }

  /** Delivers what the views have not seen yet, once they listen and are visible. */
  private flush(): void {
    if (!this.ready || !this.panel.visible) return;
    if (this.pending && this.latest) {
      this.pending = false;
      this.post({ type: 'update', view: this.latest });
    }
    if (this.sweep) {
      this.post(this.sweep);
      this.sweep = undefined;
    }
  }

  /** Shows a sweep's results in the views (they keep it in their state once delivered). */
  showSweep(path: string, points: readonly SweepPoint[]): void {
    this.sweep = {
      type: 'sweep', path,
      points: points.map((p) => ({ value: p.value, result: p.analysis.result ?? null, errors: p.analysis.diagnostics.filter((d) => d.severity === 'error').length })),
    };
    this.flush();
  }

  /** The views' charts as SVG, for a report; empty when the views do not answer in time. */
  async requestCharts(): Promise<ChartSvg[]> {
    if (!this.ready) return [];
    const requestId = this.nextRequestId++;
    const charts = await new Promise<ChartSvg[] | undefined>((resolve) => {
      const timer = setTimeout(() => { this.chartRequests.delete(requestId); resolve(undefined); }, CHARTS_TIMEOUT_MS);
      this.chartRequests.set(requestId, (reply) => { clearTimeout(timer); resolve(reply); });
      this.post({ type: 'requestCharts', requestId });
    });
    if (!charts) this.log.warn(`the views of ${this.uri.path} did not send their charts within ${CHARTS_TIMEOUT_MS} ms; the report has numbers only`);
    return charts ?? [];
  }

  post(message: HostMessage): void {
    this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (delivered) return;
        if (message.type === 'update') this.pending = true;
        if (message.type === 'sweep') this.sweep ??= message;
      },
      (error: unknown) => this.log.warn(`posting to the views of ${this.uri.path} failed: ${describeError(error)}`),
    );
  }

  private receive(message: unknown): void {
    if (!isViewMessage(message)) {
      this.log.warn(`ignored a malformed message from the views of ${this.uri.path}: ${preview(message)}`);
      return;
    }
    void this.handle(message).catch((error: unknown) => this.log.error(`handling "${message.type}" from the views failed: ${describeError(error)}`));
  }

  private async handle(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.pending = true;
        this.flush();
        return;
      case 'selectKey': return this.selectKey(message.path);
      case 'export': return this.exportChart(message.format, message.view, message.data);
      case 'charts': {
        const resolve = this.chartRequests.get(message.requestId);
        this.chartRequests.delete(message.requestId);
        resolve?.(message.charts);
        return;
      }
    }
  }

  /** Reveals the key in the config's editor and selects its value. */
  private async selectKey(path: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.uri);
    const target = locateKey(path, this.service.get(this.uri)?.analysis, this.uri.path, document.getText());
    if (target.kind === 'file') {
      const other = await vscode.workspace.openTextDocument(this.uri.with({ path: target.file }));
      await reveal(other, target.range.start, target.range.end, this.panel.viewColumn);
      return;
    }
    if (target.range) await reveal(document, target.range.start, target.range.end, this.panel.viewColumn);
    if (target.kind === 'inherited') void vscode.window.showInformationMessage(target.origin.replace(/`/g, ''));
  }

  private async exportChart(format: 'svg' | 'png', view: string, data: string): Promise<void> {
    const stem = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1).replace(/\.chip\.ya?ml$/i, '');
    const defaultUri = this.uri.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(this.uri, '..', `${stem}-${view}.${format}`);
    const target = await vscode.window.showSaveDialog({
      ...(defaultUri ? { defaultUri } : {}),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: `Save the ${view} view`,
    });
    if (!target) return;
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    this.log.info(`saved the ${view} view to ${target.toString()}`);
  }

  dispose(): void {
    for (const resolve of this.chartRequests.values()) resolve(undefined);
    this.chartRequests.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** Shows the document in the editor group that is not the panel's, selecting [start, end). */
async function reveal(document: vscode.TextDocument, start: number, end: number, panelColumn: vscode.ViewColumn | undefined): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const column = visible?.viewColumn ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
  const selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
  editor.selection = selection;
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function nonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

function preview(message: unknown): string {
  try { return JSON.stringify(message).slice(0, 200); } catch { return String(message).slice(0, 200); }
}
