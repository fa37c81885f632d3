// The die area's range: what the area model's errors on published dies say about a design it has
// not seen. The errors are the known-dies check of docs/silicon.md (model/silicon/knownDieErrors.ts,
// written by `npm run docs`); a design is given the span of the errors on the dies of its own node
// class, so a 5 nm design is not widened by a 12 nm GPU's miss nor a 12 nm one narrowed by 4 nm's fit.

import { formatChange } from '../report/format';
import { KNOWN_DIE_ERRORS } from './knownDieErrors';
import { PROCESS_NODE_TABLE, PROCESS_NODES, type ProcessNodeName } from './processNodes';

export interface KnownDieError {
  die: string;
  process: ProcessNodeName;
  kind: 'GPU' | 'ASIC';
  /** Modelled area over published, minus 1. */
  error: number;
}

/**
 * The first node of the newer class. The evidence splits there: the GPU dies at 8 nm and newer
 * (GH100, GA102, AD102, AD104) are within 9 %, the pre-Ampere ones at 12 and 16 nm (GV100, TU102,
 * GP100) +26 % to +59 % (docs/silicon.md says why), and no node between has a published die to
 * check it. 10 nm falls with the older class: the wider range is the one its evidence supports.
 */
const NEWER_CLASS_FROM: ProcessNodeName = '8 nm';
const isNewer = (process: ProcessNodeName) => PROCESS_NODES.indexOf(process) >= PROCESS_NODES.indexOf(NEWER_CLASS_FROM);

export interface AreaErrorBand {
  /** Least and greatest modelled-over-published error of the class's dies. */
  low: number;
  high: number;
  /** The die the model overestimates most (the one `high` comes from). */
  highest: KnownDieError;
  /** Which dies, at which nodes, and what they err by: said wherever the range is shown. */
  basis: string;
}

const BANDS = new Map<ProcessNodeName, AreaErrorBand | undefined>();

/** The span of the area model's errors on the published dies of `process`'s node class; undefined with fewer than two. */
export function areaErrorBand(process: ProcessNodeName, dies: readonly KnownDieError[] = KNOWN_DIE_ERRORS): AreaErrorBand | undefined {
  // The known dies are fixed: each node's band (and its words) is built once, not per evaluation.
  if (dies !== KNOWN_DIE_ERRORS) return bandOf(process, dies);
  if (!BANDS.has(process)) BANDS.set(process, bandOf(process, dies));
  return BANDS.get(process);
}

function bandOf(process: ProcessNodeName, dies: readonly KnownDieError[]): AreaErrorBand | undefined {
  const newer = isNewer(process);
  const own = dies.filter((d) => isNewer(d.process) === newer);
  if (own.length < 2) return undefined;
  const errors = own.map((d) => d.error);
  const low = Math.min(...errors),
    high = Math.max(...errors);
  const kinds = new Set(own.map((d) => d.kind));
  const list = own.map((d) => `${d.die} ${d.process} ${formatChange(d.error)}`).join(', ');
  // A node whose figures no published die checks is said (a die on a node of the same row, 4 nm
  // for 5 nm, does): the class's span is then all the evidence there is (an architect's review
  // read the 3 nm range, whose density and wafer price are scaled from 5 nm's, as calibrated).
  const row = PROCESS_NODE_TABLE[process];
  const unchecked = dies.some((d) => PROCESS_NODE_TABLE[d.process] === row) ? '' : `; no published die checks ${process}'s own figures`;
  return {
    low,
    high,
    highest: own.find((d) => d.error === high)!,
    basis: `the span of the area model's errors on the ${own.length} published ${kinds.size === 1 ? `${[...kinds][0]} ` : ''}dies at ${newer ? `${NEWER_CLASS_FROM} and newer` : `nodes older than ${NEWER_CLASS_FROM}`} (${list}${unchecked}; docs/silicon.md), not an 80 % range`,
  };
}

/** The area a die of `modelledMm2` would have if the model erred on it as on the class's dies: modelled / (1 + error). */
export function areaRange(modelledMm2: number, band: AreaErrorBand): [number, number] {
  return [modelledMm2 / (1 + band.high), modelledMm2 / (1 + band.low)];
}
