// The rows never in any fit, predicted from configs written from spec sheets instead of chip
// presets: each chip's calibrated or stated values (matrix and memory efficiency, hop
// latency, device cost per kernel) replaced by the schema's defaults — what a user who writes a
// chip's peak, bandwidth and capacity by hand, and nothing else, gets. The defaults are the
// pooled calibrated prior (model/presets/pooledPrior.ts), so this differs from the presets
// where a preset states its own value (a calibrated GPU's, a TPU's or Gaudi's dispatch cost).
// Issue 11 asks for its error targets "with presets and with spec-sheet configs";
// `npm run validate` reports the former, this the latter.
//
//   node --import tsx validation/specSheet.ts

import { schemaAt } from '../model/config/schema';
import { parseQuantity } from '../model/units';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitSet, prepareAll } from './calibrate';
import { neverFittedFolds, neverFittedRows, type Fold } from './crossValidate';
import { HERE, quantile, type Prepared } from './evaluate';
import { coverage } from './rangeTable';

/** The schema's default of a key, in SI units. */
function schemaDefault(path: string): number {
  const node = schemaAt(path.split('.'));
  if (node?.kind === 'fraction' && node.default) return node.default.value;
  if (node?.kind === 'quantity' && node.default) {
    const q = parseQuantity(node.default.value, node.dimension);
    if (q.ok) return q.value;
  }
  throw new Error(`no default for ${path}`);
}

const DEFAULTS = {
  matrixEfficiency: schemaDefault('chip.matrix.efficiency'),
  memoryEfficiency: schemaDefault('chip.memory.efficiency'),
  hopLatencySeconds: schemaDefault('chip.link.latency'),
  dispatchSeconds: schemaDefault('chip.dispatch_overhead'),
};

/** The design as a spec-sheet config would give it: the chip's measured-behaviour keys at their defaults. */
function fromSpecSheet(p: Prepared): Prepared {
  const hw = p.design.hardware;
  return {
    ...p,
    design: {
      ...p.design,
      hardware: {
        ...hw,
        // No preset: the chip is an unseen one, and its range is an unseen chip's.
        provenance: {},
        matrix: { ...hw.matrix, efficiency: DEFAULTS.matrixEfficiency },
        memoryLevels: hw.memoryLevels.map((l) => (l.onChip ? l : { ...l, efficiency: DEFAULTS.memoryEfficiency })),
        link: { ...hw.link, latencySeconds: DEFAULTS.hopLatencySeconds },
        dispatchOverheadSeconds: DEFAULTS.dispatchSeconds,
      },
    },
  };
}

function absoluteErrors(folds: readonly Fold[]): number[] {
  return folds.flatMap((f) => f.residuals.map((r) => Math.abs(Math.exp(r.logResidual) - 1)));
}
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

async function main() {
  const prepared = await prepareAll();
  const outside = neverFittedRows(prepared, fitSet(prepared));
  const presets = neverFittedFolds(outside);
  const specSheet = neverFittedFolds(outside.map(fromSpecSheet));
  console.log(
    `spec-sheet defaults: matrix efficiency ${pct(DEFAULTS.matrixEfficiency)}, memory efficiency ${pct(DEFAULTS.memoryEfficiency)}, ` +
      `hop latency ${DEFAULTS.hopLatencySeconds * 1e6} us, device cost per kernel ${DEFAULTS.dispatchSeconds * 1e6} us\n`,
  );
  console.log('| rows never in any fit | n | presets: median / p90 | spec-sheet configs: median / p90 |');
  console.log('|---|---|---|---|');
  const line = (label: string, a: readonly Fold[], b: readonly Fold[]) => {
    const x = absoluteErrors(a);
    const y = absoluteErrors(b);
    console.log(
      `| ${label} | ${x.length} | ${pct(quantile(x, 0.5))} / ${pct(quantile(x, 0.9))} | ${pct(quantile(y, 0.5))} / ${pct(quantile(y, 0.9))} |`,
    );
  };
  line('**all**', presets, specSheet);
  for (let i = 0; i < presets.length; i++) line(presets[i]!.heldOut, [presets[i]!], [specSheet[i]!]);

  // Coverage: each spec-sheet fold against the ranges built from every other fold of the last
  // `npm run validate` (its own preset fold left out), as the shipped ranges are checked.
  const shipped = JSON.parse(readFileSync(join(HERE, 'out', 'cross-validation.json'), 'utf8')) as Fold[];
  const c = coverage(specSheet, shipped);
  console.log(`\nspec-sheet configs inside their 80 % range: ${pct(c.overall)} of ${c.n}`);
}

void main();
