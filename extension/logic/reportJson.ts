// The JSON of an exported report: the contract JSON of `jalapeno eval --json` (built in
// model/report/json.ts, the one place), with the sensitivities and the config's name.

import type { Analysis } from '../../model/analysis';
import { reportFor } from '../../model/report/build';
import { analysisJson } from '../../model/report/json';

export function reportJson(analysis: Analysis, fileLabel: string) {
  return { ...analysisJson(analysis, { detail: false }, reportFor(analysis)), file: fileLabel, sensitivity: analysis.sensitivity };
}
