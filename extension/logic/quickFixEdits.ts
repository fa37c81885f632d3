// Quick fixes as plain edits: the model's own fixes for a diagnostic, and the fixes the
// editor adds from the evaluation (set the batch to the largest that fits in memory).
// Applied only when the user picks one, as an undoable WorkspaceEdit.

import type { Analysis } from '../../model/analysis';
import type { Diagnostic, TextRange } from '../../model/diagnostics';
import { removeKeyEdit, setValueEdit } from './yamlEdit';

export interface PlannedFix {
  title: string;
  file: string;
  range: TextRange;
  newText: string;
  /** The one fix VS Code applies on "auto fix" (only when it is the sole obvious repair). */
  preferred: boolean;
}

/** The code the model gives the "weights + KV cache exceed memory" diagnostic. */
export const MEMORY_CAPACITY_CODE = 'memory-capacity';

/**
 * Fixes for one diagnostic of `analysis`, as edits of the file at `file` whose current text
 * is `currentText`. Offsets in the analysis are only trusted when the text has not changed
 * since it was evaluated; the batch fix is recomputed on the current text either way.
 */
export function plannedFixes(diagnostic: Diagnostic, analysis: Analysis, file: string, currentText: string): PlannedFix[] {
  const fresh = analysis.texts.get(file) === currentText;
  const fixes: PlannedFix[] = [];
  if (fresh) {
    const own = diagnostic.fixes ?? [];
    for (const fix of own) {
      if (fix.file !== file) continue;
      fixes.push({ title: fix.title, file, range: fix.range, newText: fix.newText, preferred: own.length === 1 });
    }
  }
  // Key fixes are planned on the current text, so they stay right after edits; they set the
  // key in the file being evaluated, which is merged over everything it extends.
  const keyFixes = diagnostic.keyFixes ?? [];
  if (file === analysis.file) {
    for (const fix of keyFixes) {
      const edit = fix.remove ? removeKeyEdit(currentText, fix.path) : setValueEdit(currentText, fix.path, fix.value);
      if (!edit) continue;
      fixes.push({
        title: fix.title,
        file,
        range: edit.range,
        newText: edit.newText,
        preferred: keyFixes.length === 1 && fixes.length === 0,
      });
    }
  }
  if (diagnostic.code === MEMORY_CAPACITY_CODE) {
    const batchFix = largestBatchFix(analysis, file, currentText);
    if (batchFix) fixes.push(batchFix);
  }
  return fixes;
}

/** `workload.batch: <largest that fits>`, written where the batch is set or added to this file. */
export function largestBatchFix(analysis: Analysis, file: string, currentText: string): PlannedFix | undefined {
  const maxBatch = analysis.result?.memory.maxBatch;
  const batch = analysis.config?.workload.batch;
  if (!maxBatch || maxBatch < 1 || (batch !== undefined && maxBatch >= batch)) return undefined;
  const title = `Set batch to ${maxBatch}, the largest that fits in memory`;
  const origin = analysis.origins.get('workload.batch');
  if (origin?.kind === 'file' && origin.file === file && analysis.texts.get(file) === currentText) {
    return { title, file, range: origin.range, newText: String(maxBatch), preferred: true };
  }
  // Inherited (an extends file, a preset, the default) or edited since: set it in this file,
  // which is merged over everything it extends.
  const edit = setValueEdit(currentText, ['workload', 'batch'], String(maxBatch));
  return { title, file, range: edit.range, newText: edit.newText, preferred: true };
}
