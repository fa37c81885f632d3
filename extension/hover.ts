// Hovers on config keys and values: the schema's doc, the value in normal units, where it
// comes from, what it drives now and its sensitivity. Answered from the last evaluation,
// so a hover never waits for the model.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { DOCUMENT_SELECTOR, isChipConfig } from './configFiles';
import { hoverMarkdown } from './logic/hoverText';
import { LineIndex } from './logic/positions';
import { keyAt } from './logic/yamlPath';
import { describeError, type Log } from './log';

export function registerHover(service: AnalysisService, log: Log): vscode.Disposable {
  return vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, {
    provideHover(document, position) {
      if (!isChipConfig(document)) return undefined;
      try {
        const text = document.getText();
        const location = keyAt(text, document.offsetAt(position));
        if (!location) return undefined;
        const record = service.get(document.uri);
        const markdown = hoverMarkdown({
          location,
          analysis: record?.analysis,
          file: document.uri.path,
          linkTo: (file, offset) => linkTo(document.uri, file, offset, record?.analysis.texts.get(file)),
        });
        if (!markdown) return undefined;
        const content = new vscode.MarkdownString(markdown);
        content.isTrusted = false; // links open files; no command links are needed
        const range = location.on === 'key' ? location.keyRange : location.valueRange;
        return new vscode.Hover(content, new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)));
      } catch (error) {
        log.error(`hover failed: ${describeError(error)}`);
        return undefined;
      }
    },
  });
}

/** A link to a line of another file, e.g. `file:///ws/base.chip.yaml#L12`. */
function linkTo(from: vscode.Uri, file: string, offset: number, text: string | undefined): string {
  const line = text === undefined ? 1 : new LineIndex(text).position(offset).line + 1;
  return from.with({ path: file, query: '', fragment: `L${line}` }).toString();
}
