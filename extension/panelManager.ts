// The design views (viewType `jalapeno.views`), beside the editor. One panel follows the
// active config, as VS Code's Markdown preview does; a panel the user pins stays on its
// config (extension/logic/panelRouting.ts decides which panel shows what). A serializer
// restores panels after reload, and the latest result is re-sent when a hidden panel
// becomes visible (hidden webviews drop messages).

import * as vscode from 'vscode';
import { isViewMessage, type ChartSvg, type HostMessage, type ViewMessage, type ViewModel } from '../webview/protocol';
import { renderWebviewHtml } from '../webview/page';
import type { SweepPoint } from '../model/sweep';
import { isClosedRecord, type AnalysisRecord, type AnalysisService } from './analysisService';
import { isChipConfig, isChipConfigUri, isEditedSince } from './configFiles';
import { displayLocation } from './logic/displayLocation';
import { locateKey } from './logic/keyTarget';
import { onActiveConfig, onOpen, restoredPinned, togglePin, type PanelAction, type PanelSlot } from './logic/panelRouting';
import { TabMemory } from './logic/tabMemory';
import { analysisRevision, toSweepPointView, toViewModel } from './logic/viewModel';
import { describeError, type Log } from './log';

export const VIEW_TYPE = 'jalapeno.views';

/** How long a report waits for the views' charts before going numbers-only. */
const CHARTS_TIMEOUT_MS = 2000;

/** What a restored panel needs: the config it shows (the webview keeps `ViewModel.file` in its state). */
interface PanelState {
  file: string;
}

export class PanelManager implements vscode.Disposable {
  private readonly views = new Set<ConfigPanel>();
  /** The tab each config was left on, for panels opened after (TabMemory). */
  private readonly tabs = new TabMemory();
  private nextId = 1;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly service: AnalysisService,
    private readonly log: Log,
  ) {
    this.disposables.push(
      service.onDidAnalyze((record) => {
        if (isClosedRecord(record)) return;
        for (const view of this.views) if (view.uri.toString() === record.uri.toString()) view.update(record);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isChipConfig(editor.document))
          void this.carryOut(onActiveConfig(this.slots(), editor.document.uri.toString()), false);
      }),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  /** Opens the views of a config beside its editor: the following panel moves to it, or one opens. */
  async open(uri: vscode.Uri): Promise<void> {
    await this.carryOut(onOpen(this.slots(), uri.toString()), true);
  }

  /** The panel showing a config, if any (for sweeps and reports). */
  get(uri: vscode.Uri): ConfigPanel | undefined {
    const key = uri.toString();
    return [...this.views].find((v) => v.uri.toString() === key);
  }

  /** Pins the active views panel to its config, or lets it follow the active config again. */
  togglePinOfActive(): void {
    const active = [...this.views].find((v) => v.panel.active) ?? [...this.views].find((v) => !v.pinned);
    if (!active) return;
    for (const change of togglePin(this.slots(), active.id)) [...this.views].find((v) => v.id === change.id)?.setPinned(change.pinned);
  }

  private slots(): PanelSlot[] {
    return [...this.views].map((v) => ({ id: v.id, uri: v.uri.toString(), pinned: v.pinned }));
  }

  private async carryOut(action: PanelAction, reveal: boolean): Promise<void> {
    const view = 'id' in action ? [...this.views].find((v) => v.id === action.id) : undefined;
    switch (action.kind) {
      case 'none':
        return;
      case 'reveal':
        view?.panel.reveal(undefined, true);
        return;
      case 'retarget':
        if (!view) return;
        if (reveal) view.panel.reveal(undefined, true);
        view.retarget(vscode.Uri.parse(action.uri));
        await this.fill(view);
        return;
      case 'create': {
        const panel = vscode.window.createWebviewPanel(
          VIEW_TYPE,
          'Jalapeño',
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
          this.options(),
        );
        await this.attach(panel, vscode.Uri.parse(action.uri), action.pinned);
      }
    }
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const file = isPanelState(state) ? state.file : undefined;
    let uri = file ? vscode.Uri.parse(file) : undefined;
    if (!uri || !isChipConfigUri(uri)) {
      // An untitled config is not one after a reload (nothing marks it again), and a reload soon
      // after the views opened can come before the workbench stored their state (code-server
      // saves it on a timer, and a reload in the web has no time to: the end-to-end reload test
      // met a panel with none). Either way the panel follows an open chip config, the active
      // tab's first, rather than closing.
      const open = openChipConfigUris();
      if (open.length === 0) {
        this.log.info(
          file
            ? `a restored design view showed ${file}, which is no longer a config; closing it`
            : 'a restored design view had no config in its state and no chip config is open; closing it',
        );
        panel.dispose();
        return;
      }
      if (!file) this.log.info(`a restored design view had no config in its state; it follows ${open[0]!.path}`);
      uri = open[0]!;
    }
    panel.webview.options = this.options();
    await this.attach(panel, uri, restoredPinned(this.slots()));
  }

  private async attach(panel: vscode.WebviewPanel, uri: vscode.Uri, pinned: boolean): Promise<void> {
    const view = new ConfigPanel(this.nextId++, panel, uri, pinned, this.extensionUri, this.service, this.log, this.tabs);
    this.views.add(view);
    panel.onDidDispose(() => {
      this.views.delete(view);
      view.dispose();
    });
    await this.fill(view);
  }

  /** Makes sure a panel has something to show: evaluates its config if it is not yet. */
  private async fill(view: ConfigPanel): Promise<void> {
    const uri = view.uri;
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const record = await this.service.current(document);
      if (record && view.uri.toString() === uri.toString()) view.update(record);
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
    for (const view of this.views) view.panel.dispose();
    this.views.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isPanelState(x: unknown): x is PanelState {
  return (
    typeof x === 'object' && x !== null && typeof (x as PanelState).file === 'string' && /^[a-z][\w+.-]*:/i.test((x as PanelState).file)
  );
}

/** One panel showing one config at a time. */
export class ConfigPanel implements vscode.Disposable {
  private shown: vscode.Uri;
  private name = '';
  private ready = false;
  /** A sweep not yet delivered. */
  private sweep: Extract<HostMessage, { type: 'sweep' }> | undefined;
  private nextRequestId = 1;
  private readonly chartRequests = new Map<number, (charts: ChartSvg[] | undefined) => void>();
  private latest: ViewModel | undefined;
  /** The text `latest` was evaluated from. */
  private latestText: string | undefined;
  /** What the views were last told of the editor's text against `latestText` (the `edited` message). */
  private editedShown: boolean | undefined = false;
  /** The latest view model was not delivered (the panel was hidden or not ready). */
  private pending = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly id: number,
    readonly panel: vscode.WebviewPanel,
    uri: vscode.Uri,
    private isPinned: boolean,
    extensionUri: vscode.Uri,
    private readonly service: AnalysisService,
    private readonly log: Log,
    private readonly tabs: TabMemory,
  ) {
    this.shown = uri;
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
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.flush();
      }),
      vscode.window.onDidChangeActiveColorTheme(() => this.post({ type: 'theme' })),
      // Edits not yet evaluated mark the views, as the status bar's pencil marks its number.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString()) this.sayEdited(e.document);
      }),
    );
  }

  /** Tells the views whether the editor's text is still the one they show. */
  private sayEdited(document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString())): void {
    if (!this.ready || !this.panel.visible || this.latestText === undefined) return;
    const edited = document !== undefined && isEditedSince(this.latestText, document);
    if (edited === this.editedShown) return;
    this.editedShown = edited;
    this.post({ type: 'edited', edited });
  }

  /** The config shown now. */
  get uri(): vscode.Uri {
    return this.shown;
  }

  get pinned(): boolean {
    return this.isPinned;
  }

  setPinned(pinned: boolean): void {
    this.isPinned = pinned;
    this.retitle();
  }

  /** Shows another config; its result follows with the next update. */
  retarget(uri: vscode.Uri): void {
    this.shown = uri;
    this.latest = undefined;
    this.latestText = undefined;
    this.sweep = undefined;
  }

  update(record: AnalysisRecord): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, uri: f.uri.toString() }));
    this.latest = toViewModel(
      record.analysis,
      this.uri.toString(),
      record.evaluatedAt,
      displayLocation(this.uri.toString(), folders),
      record.servingPending,
      analysisRevision(record.analysis),
    );
    this.latestText = record.text;
    this.name = record.analysis.name;
    this.retitle();
    this.pending = true;
    this.flush();
  }

  private retitle(): void {
    this.panel.title = `Jalapeño: ${this.name || 'design views'}${this.isPinned ? ' (pinned)' : ''}`;
  }

  /** Delivers what the views have not seen yet, once they listen and are visible. */
  private flush(): void {
    if (!this.ready || !this.panel.visible) return;
    if (this.pending && this.latest) {
      this.pending = false;
      const tab = this.tabs.get(this.latest.file);
      this.post({ type: 'update', view: this.latest, ...(tab ? { tab } : {}) });
    }
    this.sayEdited();
    if (this.sweep) {
      this.post(this.sweep);
      this.sweep = undefined;
    }
  }

  /** Shows a sweep's results in the views (they keep it in their state once delivered). */
  showSweep(path: string, points: readonly SweepPoint[], current?: number): void {
    // Every point read the same files (the swept key is an override): the first one's say which.
    const revision = points[0] && analysisRevision(points[0].analysis);
    this.sweep = {
      type: 'sweep',
      path,
      ...(revision !== undefined ? { revision } : {}),
      points: points.map(toSweepPointView),
      ...(current !== undefined && current < points.length ? { current } : {}),
    };
    this.flush();
  }

  /** The views' charts as SVG, for a report; empty when the views do not answer in time. */
  async requestCharts(): Promise<ChartSvg[]> {
    if (!this.ready) return [];
    const requestId = this.nextRequestId++;
    const charts = await new Promise<ChartSvg[] | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.chartRequests.delete(requestId);
        resolve(undefined);
      }, CHARTS_TIMEOUT_MS);
      this.chartRequests.set(requestId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.post({ type: 'requestCharts', requestId });
    });
    if (!charts)
      this.log.warn(`the views of ${this.uri.path} did not send their charts within ${CHARTS_TIMEOUT_MS} ms; the report has numbers only`);
    return charts ?? [];
  }

  post(message: HostMessage): void {
    this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (delivered) return;
        if (message.type === 'update') this.pending = true;
        if (message.type === 'sweep') this.sweep ??= message;
        // Not shown: said again on the next change or flush.
        if (message.type === 'edited') this.editedShown = undefined;
      },
      (error: unknown) => this.log.warn(`posting to the views of ${this.uri.path} failed: ${describeError(error)}`),
    );
  }

  private receive(message: unknown): void {
    if (!isViewMessage(message)) {
      this.log.warn(`ignored a malformed message from the views of ${this.uri.path}: ${preview(message)}`);
      return;
    }
    void this.handle(message).catch((error: unknown) =>
      this.log.error(`handling "${message.type}" from the views failed: ${describeError(error)}`),
    );
  }

  private async handle(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // A (re)loaded page starts unmarked.
        this.editedShown = false;
        this.pending = true;
        this.flush();
        return;
      case 'selectKey':
        return this.selectKey(message.path);
      case 'tab':
        this.tabs.set(message.file, message.tab);
        return;
      case 'export':
        return this.exportChart(message.format, message.view, message.data);
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
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
    } catch (error) {
      this.log.error(`could not save the ${view} view to ${target.toString()}: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Could not save the ${view} view as ${name}: ${(error as Error).message}`);
      return;
    }
    this.log.info(`saved the ${view} view to ${target.toString()}`);
    // Say where it went: a save dialog that simply closes leaves the user unsure it worked.
    const open = await vscode.window.showInformationMessage(`Saved the ${view} view as ${name}.`, 'Open');
    if (open) await vscode.commands.executeCommand('vscode.open', target);
  }

  dispose(): void {
    for (const resolve of this.chartRequests.values()) resolve(undefined);
    this.chartRequests.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** Shows the document in the editor group that is not the panel's, selecting [start, end). */
async function reveal(
  document: vscode.TextDocument,
  start: number,
  end: number,
  panelColumn: vscode.ViewColumn | undefined,
): Promise<void> {
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
  try {
    return JSON.stringify(message).slice(0, 200);
  } catch {
    return String(message).slice(0, 200);
  }
}

/** Chip configs open in editor tabs, the active group's active tab first. */
function openChipConfigUris(): vscode.Uri[] {
  const groups = [
    vscode.window.tabGroups.activeTabGroup,
    ...vscode.window.tabGroups.all.filter((g) => g !== vscode.window.tabGroups.activeTabGroup),
  ];
  const tabs = groups.flatMap((g) => [...(g.activeTab ? [g.activeTab] : []), ...g.tabs.filter((t) => t !== g.activeTab)]);
  return tabs.flatMap((t) => (t.input instanceof vscode.TabInputText && isChipConfigUri(t.input.uri) ? [t.input.uri] : []));
}
