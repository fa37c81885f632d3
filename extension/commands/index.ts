// Registers the "Jalapeño: …" commands. Each command lives in its own module; this file
// only maps ids to them.

import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import {
  COMPARE_WITH_COMMAND,
  EVALUATE_NOW_COMMAND,
  EXPLORE_COMMAND,
  EXPORT_REPORT_COMMAND,
  NEW_CONFIG_COMMAND,
  OPEN_VIEWS_COMMAND,
  SHOW_LOG_COMMAND,
  SWEEP_COMMAND,
  TOGGLE_PIN_VIEWS_COMMAND,
} from '../commandIds';
import { describeError, type Log } from '../log';
import type { PanelManager } from '../panelManager';
import { compareWith } from './compareWith';
import { evaluateNow } from './evaluateNow';
import { exploreDesignSpace } from './explore';
import { exportReport } from './exportReport';
import { newConfig } from './newConfig';
import { sweepParameter } from './sweep';
import { targetConfig } from './target';

export function registerCommands(service: AnalysisService, panels: PanelManager, log: Log): vscode.Disposable {
  const commands: Record<string, (uri?: unknown) => Promise<void> | void> = {
    [OPEN_VIEWS_COMMAND]: async (uri) => {
      const document = await targetConfig(uri);
      if (document) await panels.open(document.uri);
    },
    [EVALUATE_NOW_COMMAND]: (uri) => evaluateNow(service, uri),
    [COMPARE_WITH_COMMAND]: (uri) => compareWith(service, uri),
    [SWEEP_COMMAND]: (uri) => sweepParameter(service, panels, log, uri),
    [EXPLORE_COMMAND]: (uri) => exploreDesignSpace(service, panels, log, uri),
    [EXPORT_REPORT_COMMAND]: (uri) => exportReport(service, panels, log, uri),
    [NEW_CONFIG_COMMAND]: () => newConfig(service),
    [SHOW_LOG_COMMAND]: () => log.show(true),
    [TOGGLE_PIN_VIEWS_COMMAND]: () => panels.togglePinOfActive(),
  };
  return vscode.Disposable.from(
    ...Object.entries(commands).map(([id, run]) =>
      vscode.commands.registerCommand(id, async (uri?: unknown) => {
        try {
          await run(uri);
        } catch (error) {
          // A command never throws into the host: the user sees a message, the log the stack.
          log.error(`${id} failed: ${describeError(error)}`);
          void vscode.window.showErrorMessage(`Jalapeño: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    ),
  );
}
