// The `explore:` section's metric names, checked against the evaluated result, so that `eval`
// and the editor say a misspelt one where it is written (an architect's review: an objective
// `decode.msPerTokn` was said only when `explore` ran, exit 2). The section evaluates nothing:
// a warning at the item, never a mark on the file's numbers.

import { nearestInFile } from '../buildDesign';
import { closest } from '../config/closest';
import type { Config } from '../config/schema';
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { EvaluationResult } from '../result';
import { metricPaths, parseConstraint, parseObjective } from './objectives';
import { isTrafficMetric } from '../report/traffic';

export function sectionMetricDiagnostics(
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  result: EvaluationResult,
): Diagnostic[] {
  const section = config.explore;
  if (!section) return [];
  const known = metricPaths(result);
  const named = (list: readonly string[] | undefined, key: string, parse: (text: string) => { metric: string }) =>
    (list ?? []).flatMap((text, i) => {
      try {
        return [{ path: `explore.${key}.${i}`, metric: parse(text).metric }];
      } catch {
        return []; // the item's own syntax error is validate's
      }
    });
  const items = [...named(section.objectives, 'objectives', parseObjective), ...named(section.constraints, 'constraints', parseConstraint)];
  return (
    items
      .filter(({ metric }) => !known.includes(metric))
      // A serving or fleet figure of a run not simulated here is the simulation's to give.
      .filter(({ metric }) => !(isTrafficMetric(metric) && !result.serving))
      .map(({ path, metric }) => {
        const guess = closest(metric, known);
        return {
          severity: 'warning' as const,
          code: 'explore-metric-unknown',
          path,
          at: nearestInFile(path, origins, file),
          message: `\`${metric}\` is not a metric of the result${guess ? `; did you mean \`${guess}\`?` : ''} \`explore\` would stop at it (exit 2). The metrics are dotted paths under \`result\` in \`eval --json\`, such as \`decode.msPerToken\` or \`cost.usdPerMillionOutputTokens\`.`,
        };
      })
  );
}
