// A result metric named by its dotted path (`decode.msPerToken`), as the report prints and
// labels it: the texts of exploration tables (CLI, Exploration panel) and tooltips. A
// metric the report does not list (a utilisation, a serving percentile) reads in
// significant digits. Light on imports: the webview bundle takes it too.

import { significant } from './format';
import { formatMetricValue } from './metric';
import { METRICS } from './metrics';

/** A metric named with an end of its 80 % range (`decode.msPerToken@high`): the metric and that end; else the metric alone. */
export function splitRangeEnd(metric: string): { id: string; end?: 'low' | 'high' } {
  const end = /@(low|high)$/.exec(metric)?.[1] as 'low' | 'high' | undefined;
  return end ? { id: metric.slice(0, -end.length - 1), end } : { id: metric };
}

/** The report's definition of a metric, or of the metric a range end is of, labelled with that end. */
function definitionOf(metric: string) {
  const { id, end } = splitRangeEnd(metric);
  const definition = METRICS.find((d) => d.id === id);
  return definition && { ...definition, label: end ? `${definition.label}, 80 % range ${end} end` : definition.label };
}

/** A metric's value as the report prints it ("6.1 ms", "$0.50"); a metric the report does not list, in significant digits. */
export function metricText(metric: string, value: number): string {
  const definition = definitionOf(metric);
  return definition ? (definition.format?.(value) ?? formatMetricValue(value, definition.unit)) : significant(value, 4);
}

/** The report's label of a metric ("Per-token latency"), if it has one. */
export function metricLabel(metric: string): string | undefined {
  return definitionOf(metric)?.label;
}

/** An axis title for a metric: the report's label and the unit its values are in ("Per-token latency (ms)"); else its path. */
export function metricAxisLabel(metric: string): string {
  const definition = definitionOf(metric);
  if (!definition) return metric;
  if (definition.unit === 'count') return definition.label;
  return definition.unit === 'fraction' ? `${definition.label} (0–1)` : `${definition.label} (${definition.unit})`;
}
