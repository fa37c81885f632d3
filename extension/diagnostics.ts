// The model's diagnostics in the Problems panel and as squiggles. Offsets become positions
// in the text the analysis read; a diagnostic inside an `extends` file goes on that file.
// Several open configs may extend the same file: what each reports there is merged.

import * as vscode from 'vscode';
import type { Analysis } from '../model/analysis';
import type { Diagnostic, Severity, TextRange } from '../model/diagnostics';
import { isClosedRecord, type AnalysisRecord, type AnalysisService } from './analysisService';
import { LineIndex } from './logic/positions';

export const DIAGNOSTIC_SOURCE = 'jalapeño';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function registerDiagnostics(service: AnalysisService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('jalapeno');
  /** config uri -> (target uri -> diagnostics that config reports there). */
  const byConfig = new Map<string, Map<string, vscode.Diagnostic[]>>();

  const publish = (record: AnalysisRecord) => {
    const configKey = record.uri.toString();
    const before = byConfig.get(configKey);
    const closed = isClosedRecord(record);
    const now = closed ? new Map<string, vscode.Diagnostic[]>() : toVscodeDiagnostics(record);
    if (closed) byConfig.delete(configKey);
    else byConfig.set(configKey, now);
    // Every file this config reported on, before or now, gets its merged set (empty clears).
    for (const target of new Set([...(before?.keys() ?? []), ...now.keys()])) {
      collection.set(vscode.Uri.parse(target), mergeFor(byConfig, target));
    }
  };

  return vscode.Disposable.from(collection, service.onDidAnalyze(publish));
}

function mergeFor(byConfig: Map<string, Map<string, vscode.Diagnostic[]>>, target: string): vscode.Diagnostic[] {
  const seen = new Set<string>();
  const out: vscode.Diagnostic[] = [];
  for (const perTarget of byConfig.values()) {
    for (const d of perTarget.get(target) ?? []) {
      const key = `${d.range.start.line}:${d.range.start.character}:${String(d.code)}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/** Diagnostics of one analysis grouped by the uri they belong on. */
export function toVscodeDiagnostics(record: AnalysisRecord): Map<string, vscode.Diagnostic[]> {
  const { analysis } = record;
  const out = new Map<string, vscode.Diagnostic[]>([[record.uri.toString(), []]]);
  const ranges = new RangeMaker(record, analysis);
  for (const d of analysis.diagnostics) {
    // Problems with no place (inside a preset) are shown at the top of the config.
    const target = d.at ? ranges.uriOf(d.at.file) : record.uri;
    const range = d.at ? ranges.range(d.at.file, d.at.range) : new vscode.Range(0, 0, 0, 0);
    const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = d.code;
    if (d.related?.length) {
      diagnostic.relatedInformation = d.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(ranges.uriOf(r.at.file), ranges.range(r.at.file, r.at.range)),
            r.message,
          ),
      );
    }
    const key = target.toString();
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(diagnostic);
  }
  return out;
}

/** Positions from the text each file had when it was read, with one line index per file. */
class RangeMaker {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(
    private readonly record: AnalysisRecord,
    private readonly analysis: Analysis,
  ) {}

  uriOf(file: string): vscode.Uri {
    return file === this.analysis.file ? this.record.uri : this.record.uri.with({ path: file, query: '', fragment: '' });
  }

  range(file: string, range: TextRange): vscode.Range {
    let index = this.indexes.get(file);
    if (!index) {
      const text = file === this.analysis.file ? this.record.text : (this.analysis.texts.get(file) ?? '');
      index = new LineIndex(text);
      this.indexes.set(file, index);
    }
    const start = index.position(range.start);
    const end = index.position(Math.max(range.end, range.start));
    return new vscode.Range(start.line, start.character, end.line, end.character);
  }
}

/** The model diagnostic a VS Code diagnostic (as handed back to a code action) came from. */
export function sameDiagnostic(model: Diagnostic, shown: vscode.Diagnostic): boolean {
  return String(shown.code) === model.code && shown.message === model.message;
}
