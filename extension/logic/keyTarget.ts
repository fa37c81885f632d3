// Where a config key is written, for "select this key" from the views: in this file, in a
// file it extends, or nowhere (a preset or default supplies it: then the nearest section
// that is written, and a sentence saying where the value comes from).

import type { Analysis } from '../../model/analysis';
import type { TextRange } from '../../model/diagnostics';
import { schemaAt } from '../../model/config/schema';
import { rangeOfPath } from './yamlPath';

export type KeyTarget =
  | { kind: 'here'; range: TextRange }
  | { kind: 'file'; file: string; range: TextRange }
  | { kind: 'inherited'; range: TextRange | undefined; origin: string };

export function locateKey(path: string, analysis: Analysis | undefined, file: string, currentText: string): KeyTarget {
  const segments = path.split('.');
  // A section (`chip.matrix`) is selected by its key: its value is the whole block.
  const kind = schemaAt(segments)?.kind;
  if (kind === 'section' || kind === 'namedSections') {
    const written = rangeOfPath(currentText, segments);
    if (written) return { kind: 'here', range: written.keyRange };
  }
  const origin = analysis?.origins.get(path);
  if (origin?.kind === 'file' && origin.file !== file) return { kind: 'file', file: origin.file, range: origin.range };
  if (origin?.kind === 'file' && analysis?.texts.get(file) === currentText) return { kind: 'here', range: origin.range };
  // No analysis, or the text changed since: find the key in the current text.
  const written = rangeOfPath(currentText, segments);
  if (written) return { kind: 'here', range: written.valueRange.end > written.valueRange.start ? written.valueRange : written.keyRange };
  let nearest: TextRange | undefined;
  for (let n = segments.length - 1; n > 0 && !nearest; n--) nearest = rangeOfPath(currentText, segments.slice(0, n))?.keyRange;
  const description =
    origin?.kind === 'preset'
      ? `preset \`${origin.presetId}\``
      : origin?.kind === 'default'
        ? `the documented default (${origin.source})`
        : origin?.kind === 'override'
          ? origin.label
          : 'nowhere in this file';
  return { kind: 'inherited', range: nearest, origin: `\`${path}\` is not written in this file: its value comes from ${description}.` };
}
