// Two phases for a config with traffic to simulate: its static figures take milliseconds,
// its serving simulation seconds. The static analysis is shown first; the full one follows.
// Plain logic over analyzeConfig, so it is tested without the editor.

import type { Analysis } from '../../model/analysis';
import type { AnalyzeOptions, analyzeConfig } from '../../model/analyze';
import type { FileHost } from '../../model/config/resolve';

export interface Phases {
  /** Options of both phases but serving's (sensitivities, the batch curve). */
  options: Omit<AnalyzeOptions, 'serving'>;
  /** The serving simulation's options: its time budget and cancellation. */
  serving: Exclude<AnalyzeOptions['serving'], false | undefined>;
  /**
   * Called with the static analysis of a config that has `serving:` or `fleet:`, before its
   * simulation starts; false stops there (a newer edit made this evaluation stale).
   */
  onStatic(analysis: Analysis): boolean;
}

/** The full analysis; undefined when `onStatic` stopped it. Configs without traffic run once. */
export async function analyzeInPhases(
  analyze: typeof analyzeConfig,
  text: string,
  file: string,
  host: FileHost,
  phases: Phases,
): Promise<Analysis | undefined> {
  const first = await analyze(text, file, host, { ...phases.options, serving: false });
  if (!first.result || !(first.origins.has('serving') || first.origins.has('fleet'))) return first;
  if (!phases.onStatic(first)) return undefined;
  return analyze(text, file, host, { ...phases.options, serving: phases.serving });
}
