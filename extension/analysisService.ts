// The one place the extension runs the model. Every surface (diagnostics, hover,
// CodeLens, status bar, views) reads the latest Analysis of a document from here and
// listens to onDidAnalyze; none of them evaluates on its own.
//
// When: on open, on save (and when a file it extends is saved), and — with
// `jalapeno.evaluateOn: type` — while typing, debounced by `jalapeno.debounceMs`.
// Newer edits win: each evaluation carries a ticket, and a result whose ticket is no
// longer the newest for its document is dropped. Nothing here throws into the host.

import * as vscode from 'vscode';
import type { Analysis } from '../model/analysis';
import { forgetUntitledConfig, isChipConfig, isChipConfigUri } from './configFiles';
import { workspaceFileHost } from './fileHost';
import { describeError, type Log } from './log';
import { NewestWins } from './logic/newestWins';
import { analyzeInPhases } from './logic/phasedAnalysis';

export interface AnalysisRecord {
  uri: vscode.Uri;
  /** The document version the analysis read. */
  version: number;
  /** The text the analysis read: offsets in the analysis refer to it. */
  text: string;
  analysis: Analysis;
  evaluatedAt: Date;
  /**
   * The static analysis of a config with `serving:` or `fleet:`, published while its traffic is
   * simulated (a few seconds): a record of the same version with the serving figures follows.
   */
  servingPending?: boolean;
}

export type EvaluationReason = 'open' | 'save' | 'type' | 'dependency' | 'command';
/** How a record came to be published: evaluated for a reason, or kept from when it was last closed. */
type PublishReason = EvaluationReason | 'reopened';

/**
 * Wall-clock budget of the serving searches (max rate at SLO, load curve) per evaluation. The
 * static figures are already shown and the simulation yields between its runs, so the budget
 * only bounds how long the serving figures take to arrive. At 3 s a loaded two-core machine
 * cut the fleet example's search (the editor then showed one replica more than `jalapeno
 * eval`, which takes 5.5 s there for the whole file); 8 s lets it finish.
 */
const SERVING_BUDGET_MS = 8000;
/** Closed configs whose last record is kept for a reopen. */
const CLOSED_KEPT = 8;

type AnalyzeFunction = typeof import('../model/analyze').analyzeConfig;

export class AnalysisService implements vscode.Disposable {
  private readonly records = new Map<string, AnalysisRecord>();
  /**
   * The last complete records of configs closed, newest last: reopened with the same text and
   * the same files it read, a config is shown at once rather than simulated again (the fleet
   * example's traffic took 4-5 s on every reopen: a workbench review).
   */
  private readonly closed = new Map<string, AnalysisRecord>();
  private readonly tickets = new NewestWins();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, Promise<AnalysisRecord | undefined>>();
  private readonly emitter = new vscode.EventEmitter<AnalysisRecord>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private analyze: Promise<AnalyzeFunction> | undefined;

  /** Fires after each evaluation that is still the newest for its document. */
  readonly onDidAnalyze = this.emitter.event;

  constructor(private readonly log: Log) {
    const ws = vscode.workspace;
    this.disposables.push(
      ws.onDidOpenTextDocument((d) => this.whenConfig(d, 'open')),
      ws.onDidSaveTextDocument((d) => this.onSave(d)),
      ws.onDidChangeTextDocument((e) => this.onChange(e)),
      ws.onDidCloseTextDocument((d) => this.forget(d.uri)),
      // A file another config reads, changed on disk while not open here (`git checkout`, `cp`):
      // its dependents read it again. One that is open comes through onChange.
      ...watchedOnDisk((uri) => {
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.evaluateDependents(uri);
      }),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('jalapeno.evaluateOn')) this.log.info(`evaluateOn is now "${evaluateOn()}"`);
      }),
    );
  }

  /** Evaluates the configs already open when the extension activates. */
  evaluateOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.whenConfig(document, 'open');
  }

  get(uri: vscode.Uri): AnalysisRecord | undefined {
    return this.records.get(uri.toString());
  }

  /** The latest analysis, evaluating now if there is none or it is older than the text. */
  async current(document: vscode.TextDocument): Promise<AnalysisRecord | undefined> {
    const record = this.get(document.uri);
    if (record && record.version === document.version && !record.servingPending) return record;
    const running = await this.running.get(document.uri.toString());
    if (running && running.version === document.version) return running;
    return this.evaluate(document, 'command');
  }

  /**
   * Evaluates the document's current text. Resolves to the record, or undefined when a
   * newer evaluation of the same document superseded this one.
   */
  evaluate(document: vscode.TextDocument, reason: EvaluationReason): Promise<AnalysisRecord | undefined> {
    const key = document.uri.toString();
    this.cancelTimer(key);
    const ticket = this.tickets.begin(key);
    const run = this.run(document, reason, ticket);
    this.running.set(key, run);
    void run.finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    return run;
  }

  private async run(document: vscode.TextDocument, reason: EvaluationReason, ticket: number): Promise<AnalysisRecord | undefined> {
    const key = document.uri.toString();
    const text = document.getText();
    const version = document.version;
    const file = document.uri.path;
    const started = Date.now();
    const stale = () => !this.tickets.isNewest(key, ticket) || document.isClosed;
    const reopened = this.closed.get(key);
    this.closed.delete(key);
    // Not one with an error: a file it could not read may exist now, and its error would stay.
    const reusable = reopened && reopened.text === text && !reopened.analysis.diagnostics.some((d) => d.severity === 'error');
    if (reason === 'open' && reusable && (await this.readsUnchanged(reopened, document.uri))) {
      if (stale()) return this.dropped(file, reason);
      return this.publish({ ...reopened, version, evaluatedAt: new Date() }, 'reopened', started);
    }
    let analysis: Analysis | undefined;
    try {
      // The static figures first (milliseconds): a config with traffic to simulate shows them
      // while its serving simulation runs, then its full record replaces them. The simulation
      // yields between its runs and stops once a newer evaluation of this document starts, so
      // typing never waits on a stale one; its searches are bounded by a time budget.
      analysis = await analyzeInPhases(await this.loadModel(), text, file, workspaceFileHost(document.uri), {
        options: { sensitivity: true, batchCurve: true },
        serving: { budgetMs: SERVING_BUDGET_MS, cancelled: stale },
        onStatic: (analysis) => {
          if (stale()) return false;
          this.publish({ uri: document.uri, version, text, analysis, evaluatedAt: new Date(), servingPending: true }, reason, started);
          return true;
        },
      });
      if (!analysis) return this.dropped(file, reason);
    } catch (error) {
      if (error instanceof Error && error.name === 'ServingCancelled') {
        this.log.trace(`${file}: serving simulation cancelled by a newer evaluation (${reason})`);
        return undefined;
      }
      this.log.error(`evaluation of ${file} failed: ${describeError(error)}`);
      analysis = failedAnalysis(file, text, error, Date.now() - started);
    }
    if (stale()) return this.dropped(file, reason);
    return this.publish({ uri: document.uri, version, text, analysis, evaluatedAt: new Date() }, reason, started);
  }

  /** Every other file the record's evaluation read (`extends`, `compare`, a trace) still has the text it read then. */
  private async readsUnchanged(record: AnalysisRecord, uri: vscode.Uri): Promise<boolean> {
    const host = workspaceFileHost(uri);
    for (const [path, read] of record.analysis.texts) {
      if (path === uri.path) continue;
      if ((await host.read(path)) !== read) return false;
    }
    return true;
  }

  private dropped(file: string, reason: EvaluationReason): undefined {
    this.log.trace(`${file}: dropped a stale evaluation (${reason})`);
    return undefined;
  }

  /** Keeps the record and tells every surface. */
  private publish(record: AnalysisRecord, reason: PublishReason, started: number): AnalysisRecord {
    const { analysis, uri } = record;
    const file = uri.path;
    this.records.set(uri.toString(), record);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').length;
    this.log.info(
      `evaluated ${file} (${reason})${record.servingPending ? ', static figures, serving simulation running,' : ''} in ${Math.round(Date.now() - started)} ms (model ${Math.round(analysis.elapsedMs)} ms): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${analysis.result ? `, ${analysis.result.decode.msPerToken.toPrecision(3)} ms/token` : ', not evaluated'}`,
    );
    try {
      this.emitter.fire(record);
    } catch (error) {
      this.log.error(`a listener failed on ${file}: ${describeError(error)}`);
    }
    return record;
  }

  /** The model is loaded on the first evaluation, not at activation. */
  private loadModel(): Promise<AnalyzeFunction> {
    // A failed load is retried on the next evaluation rather than remembered.
    this.analyze ??= import('../model/analyze').then(
      (m) => m.analyzeConfig,
      (error: unknown) => {
        this.analyze = undefined;
        throw error;
      },
    );
    return this.analyze;
  }

  private whenConfig(document: vscode.TextDocument, reason: EvaluationReason): void {
    if (!isChipConfig(document) || this.records.has(document.uri.toString())) return;
    void this.evaluate(document, reason);
  }

  private onSave(document: vscode.TextDocument): void {
    if (isChipConfig(document)) void this.evaluate(document, 'save');
    this.evaluateDependents(document.uri);
  }

  /**
   * Configs that read `uri` (`extends`, `compare`) change with it; so may those that could not
   * find a file they name (a missing parent restored by `cp` or `git checkout` is created, and a
   * file never read is in no record's texts).
   */
  private evaluateDependents(uri: vscode.Uri): void {
    for (const record of this.records.values()) {
      const reads = record.analysis.texts.has(uri.path);
      const missing = record.analysis.diagnostics.some((d) => d.code === 'file-not-found');
      if (record.uri.toString() === uri.toString() || !(reads || missing)) continue;
      const dependent = vscode.workspace.textDocuments.find((d) => d.uri.toString() === record.uri.toString());
      if (dependent) void this.evaluate(dependent, 'dependency');
    }
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (event.contentChanges.length === 0 || !isChipConfig(document)) return;
    const key = document.uri.toString();
    // An edit makes a running evaluation stale, whatever the mode: its offsets no longer
    // match the text. Drop it, and evaluate the new text instead (a save asked for one).
    const inFlight = this.running.has(key);
    if (inFlight) this.tickets.invalidate(key);
    // A change that leaves the document clean came from the disk (revert, another program,
    // an undo back to the saved text): evaluate it as if saved.
    if (evaluateOn() !== 'type' && !inFlight && document.isDirty) return;
    this.cancelTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed) return;
        // The first keystroke after an open or a save can arrive before the document turns
        // dirty; by now it has if it was typing, and half-typed text waits for the save.
        if (evaluateOn() !== 'type' && !inFlight && document.isDirty) return;
        void this.evaluate(document, document.isDirty ? 'type' : 'save');
        // Clean: the text on disk changed (revert, another program), and what reads it with it.
        if (!document.isDirty) this.evaluateDependents(document.uri);
      }, debounceMs()),
    );
  }

  private cancelTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const record = this.records.get(key);
    if (record && !record.servingPending) {
      this.closed.set(key, record);
      for (const old of this.closed.keys()) if (this.closed.size > CLOSED_KEPT) this.closed.delete(old);
    }
    this.cancelTimer(key);
    // A later result for this document is stale too.
    this.tickets.invalidate(key);
    if (this.records.delete(key) || isChipConfigUri(uri))
      this.emitter.fire({ uri, version: -1, text: '', analysis: closedAnalysis(uri.path), evaluatedAt: new Date() });
    forgetUntitledConfig(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

export function evaluateOn(): 'save' | 'type' {
  return vscode.workspace.getConfiguration('jalapeno').get<string>('evaluateOn') === 'type' ? 'type' : 'save';
}

function debounceMs(): number {
  const v = vscode.workspace.getConfiguration('jalapeno').get<number>('debounceMs', 300);
  return Number.isFinite(v) ? Math.min(Math.max(v, 0), 10_000) : 300;
}

/** An analysis that reports an internal failure where the user looks: on the file. */
function failedAnalysis(file: string, text: string, error: unknown, elapsedMs: number): Analysis {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...emptyAnalysis(file, text, elapsedMs),
    diagnostics: [
      {
        severity: 'error',
        code: 'internal-error',
        path: '',
        at: { file, range: { start: 0, end: Math.min(1, text.length) } },
        message: `Jalapeño could not evaluate this config (${message}). This is a bug in the extension, not in the file; details are in the log (Jalapeño: Show Log).`,
      },
    ],
  };
}

/** Marks a closed document: listeners clear what they show for it. */
export function isClosedRecord(record: AnalysisRecord): boolean {
  return record.version === -1;
}

function closedAnalysis(file: string): Analysis {
  return emptyAnalysis(file, '', 0);
}

function emptyAnalysis(file: string, text: string, elapsedMs: number): Analysis {
  return {
    file,
    name: file.slice(file.lastIndexOf('/') + 1).replace(/\.chip\.ya?ml$/i, ''),
    diagnostics: [],
    config: undefined,
    origins: new Map(),
    design: undefined,
    result: undefined,
    baseline: undefined,
    sensitivity: [],
    batchCurve: { design: [], baseline: [] },
    texts: new Map([[file, text]]),
    elapsedMs,
  };
}

/** Changes on disk to chip configs in the workspace (none without a folder open). */
function watchedOnDisk(changed: (uri: vscode.Uri) => void): vscode.Disposable[] {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.chip.{yaml,yml}');
  return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
}
