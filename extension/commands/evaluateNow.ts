// "Evaluate Now": evaluates the config's current text, saved or not.

import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import { targetConfig } from './target';

export async function evaluateNow(service: AnalysisService, uri?: unknown): Promise<void> {
  const document = await targetConfig(uri);
  if (!document) return;
  const record = await service.evaluate(document, 'command');
  if (record)
    vscode.window.setStatusBarMessage(`Jalapeño: evaluated ${record.analysis.name} in ${Math.round(record.analysis.elapsedMs)} ms`, 4000);
}
