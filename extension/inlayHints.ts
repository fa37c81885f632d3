// Inlay hints for the defaults in force that shape the result (batch, tokens, precision,
// chips, cost): the logic is extension/logic/defaultHints.ts; this only draws it from the
// latest evaluation, at positions in the current text.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { DOCUMENT_SELECTOR, isChipConfig } from './configFiles';
import { defaultHints } from './logic/defaultHints';

export function registerInlayHints(service: AnalysisService): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.InlayHintsProvider = {
    onDidChangeInlayHints: changed.event,
    provideInlayHints(document, range) {
      if (!isChipConfig(document)) return [];
      const record = service.get(document.uri);
      if (!record) return [];
      return defaultHints(record.analysis, record.analysis.file, document.getText()).flatMap((h) => {
        const position = document.positionAt(h.offset);
        if (!range.contains(position)) return [];
        const hint = new vscode.InlayHint(position, h.label);
        hint.paddingLeft = true;
        hint.tooltip = new vscode.MarkdownString(h.tooltip);
        return [hint];
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerInlayHintsProvider(DOCUMENT_SELECTOR, provider),
    service.onDidAnalyze(() => changed.fire()),
  );
}
