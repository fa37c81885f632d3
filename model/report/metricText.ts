// A result metric named by its dotted path (`decode.msPerToken`), as the report prints and
// labels it: the texts of exploration tables (CLI, Exploration panel) and tooltips. A
// metric the report does not list (a utilisation, a serving percentile) reads in
// significant digits. Light on imports: the webview bundle takes it too.

import { significant } from './format';
import { formatMetricValue } from './metric';
import { METRICS } from './metrics';

/** A metric's value as the report prints it ("6.1 ms", "$0.50"); a metric the report does not list, in significant digits. */
export function metricText(metric: string, value: number): string {
  const definition = METRICS.find((d) => d.id === metric);
  return definition ? formatMetricValue(value, definition.unit) : significant(value, 4);
}

/** The report's label of a metric ("Per-token latency"), if it has one. */
export function metricLabel(metric: string): string | undefined {
  return METRICS.find((d) => d.id === metric)?.label;
}

/** An axis title for a metric: the report's label and the unit its values are in ("Per-token latency (ms)"); else its path. */
export function metricAxisLabel(metric: string): string {
  const definition = METRICS.find((d) => d.id === metric);
  if (!definition) return metric;
  if (definition.unit === 'count') return definition.label;
  return definition.unit === 'fraction' ? `${definition.label} (0–1)` : `${definition.label} (${definition.unit})`;
}
