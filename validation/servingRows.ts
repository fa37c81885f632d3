// Which measured rows are serving rows: those validation/excluded.csv leaves out of the
// static calibration because their batch was a concurrency, a request rate or a
// scheduler's choice, read from the shared calibration copy (serving-rows.csv) and from the
// source files beyond it that have a rule in servingCases.ts. Grouped by configuration.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES_DIR } from './buildRows';
import { parseCsv, type CsvRecord } from './csv';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The serving rows of the shared calibration data, copied with every source column (`validate:serving -- --from measured.csv` refreshes them). */
export const SERVING_ROWS = join(HERE, 'serving-rows.csv');
/** Source files beyond the shared set whose serving rows have a rule in servingCases.ts. */
const SERVING_SOURCES = [
  'measured-sglang-vllm-serving.csv',
  'measured-h100-nim.csv',
  'measured-mi300x-rocm-vllm.csv',
  'measured-a100-ml-energy.csv',
].map((f) => join(SOURCES_DIR, f));

/** The excluded rows that are serving measurements (validation/excluded.csv reasons). */
const SERVING_REASONS = [
  /^TGI serving benchmark/,
  /^trtllm-bench offline max-load/,
  /^serving benchmark over a prompt dataset/,
  /^serving row: batch chosen by a scheduler/,
];

/** Config ids of the serving rows. */
export function servingIds(): Set<string> {
  const excluded = parseCsv(readFileSync(join(HERE, 'excluded.csv'), 'utf8'));
  return new Set(excluded.filter((r) => SERVING_REASONS.some((re) => re.test(r.reason))).map((r) => r.config_id));
}

/** The serving rows, one group of metric rows per configuration, in file order. */
export function servingConfigurations(): CsvRecord[][] {
  const ids = servingIds();
  const measured = [SERVING_ROWS, ...SERVING_SOURCES].flatMap((f) => parseCsv(readFileSync(f, 'utf8')).filter((r) => ids.has(r.config_id)));
  const byConfig = new Map<string, CsvRecord[]>();
  for (const r of measured) byConfig.set(r.config_id, [...(byConfig.get(r.config_id) ?? []), r]);
  return [...byConfig.values()];
}
