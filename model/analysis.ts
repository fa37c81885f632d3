// The result of the whole pipeline for one config file: what every surface (diagnostics,
// hover, CodeLens, views, CLI) reads. Produced by `analyzeConfig` in analyze.ts.

import type { Config } from './config/schema';
import type { DesignPoint } from './design';
import type { Diagnostic, SourceRef } from './diagnostics';
import type { BaselineComparison, BatchPoint, EvaluationResult, Sensitivity } from './result';

export interface Analysis {
  file: string;
  /** The design's name (from `name:`, else the file name). */
  name: string;
  diagnostics: Diagnostic[];
  /** The validated config (SI units); undefined when the file could not be read as a config. */
  config: Config | undefined;
  /** Where each value came from, by dotted path: this file, an `extends` file, a preset, a default. */
  origins: Map<string, SourceRef>;
  design: DesignPoint | undefined;
  /** Undefined when the config cannot be evaluated (errors that leave no design). */
  result: EvaluationResult | undefined;
  baseline: BaselineComparison | undefined;
  /** +10% on every numeric key that affects the result (empty unless requested). */
  sensitivity: Sensitivity[];
  /** Latency and throughput against batch size, this design and the baseline (unless not requested). */
  batchCurve: { design: BatchPoint[]; baseline: BatchPoint[] };
  /** Text of every file read, by path (for line/column conversion). */
  texts: Map<string, string>;
  /** Wall time of the analysis, milliseconds. */
  elapsedMs: number;
}

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
