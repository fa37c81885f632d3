// The "Jalapeño" output channel: every evaluation (file, milliseconds, problems) and every
// error the extension catches, so a user can see what ran without a debugger.

import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Jalapeño', { log: true });
}

/** The message and, for errors, the stack: what a bug report needs. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
