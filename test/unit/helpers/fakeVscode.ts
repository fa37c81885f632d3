// A stand-in for the `vscode` module, enough to run the extension's activate() in Node:
// every API is a callable that returns a disposable stand-in, and the calls that matter to
// activation are recorded in order (command registrations, providers, evaluations).

import Module from 'node:module';

export interface ActivationLog {
  /** `registerCommand:<id>`, `languages.register…Provider`, `workspace.textDocuments`, … in call order. */
  calls: string[];
}

/** Any property is another stand-in; calling or constructing one returns a stand-in too. */
function standIn(path: string, log: ActivationLog): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => path;
      if (key === 'dispose') return () => {};
      if (key === 'textDocuments') {
        log.calls.push('workspace.textDocuments');
        return [];
      }
      if (key === 'isTrusted') return true;
      if (key === 'appName' || key === 'version') return 'fake';
      if (key === 'from') return () => standIn(`${path}.from()`, log);
      return standIn(`${path}.${String(key)}`, log);
    },
    set() {
      return true;
    },
    apply(_t, _this, args: unknown[]) {
      if (path.endsWith('registerCommand')) log.calls.push(`registerCommand:${String(args[0])}`);
      else if (/\.register\w+/.test(path)) log.calls.push(path.replace(/^vscode\./, ''));
      return standIn(`${path}()`, log);
    },
    construct() {
      return standIn(`new ${path}`, log) as object;
    },
  });
}

const API_NAMES = [
  'CodeAction',
  'CodeActionKind',
  'CodeLens',
  'CompletionItem',
  'CompletionItemKind',
  'CompletionList',
  'Diagnostic',
  'DiagnosticRelatedInformation',
  'DiagnosticSeverity',
  'Disposable',
  'EventEmitter',
  'FileType',
  'Hover',
  'InlayHint',
  'InlayHintKind',
  'Location',
  'MarkdownString',
  'Position',
  'ProgressLocation',
  'QuickPickItemKind',
  'Range',
  'RelativePattern',
  'Selection',
  'SnippetString',
  'StatusBarAlignment',
  'TextEditorRevealType',
  'ThemeColor',
  'Uri',
  'ViewColumn',
  'WorkspaceEdit',
  'commands',
  'env',
  'extensions',
  'languages',
  'window',
  'workspace',
];

/** Makes `require('vscode')` return a recording stand-in; returns the log and an undo. */
export function installFakeVscode(): { log: ActivationLog; restore(): void } {
  const log: ActivationLog = { calls: [] };
  // A plain object with the API's names as own properties: bundlers copy a CommonJS
  // module's own properties into the namespace of `import * as vscode`.
  const fake: Record<string, unknown> = {};
  for (const name of API_NAMES) fake[name] = standIn(`vscode.${name}`, log);
  fake.version = 'fake';
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake : original.call(this, request, ...rest);
  };
  return {
    log,
    restore: () => {
      loader._load = original;
    },
  };
}
