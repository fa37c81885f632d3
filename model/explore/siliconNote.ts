// An exploration shows a die's area and its modelled price per point as bare numbers: a point
// carries no ranges (pricing every die at its range's two ends would triple the silicon's share of
// each point). One note, the CLI's and the panel's alike, says how far those numbers can be
// trusted, as `eval` does beside each of them (model/silicon/areaRange.ts).

import { areaErrorBand, type AreaErrorBand } from '../silicon/areaRange';
import { PROCESS_NODES, type ProcessNodeName } from '../silicon/processNodes';
import type { PreparedExplore } from './evaluator';
import { pointText, type ExploreResults } from './results';
import type { Space } from './space';
import { formatPercent, formatUsd } from '../report/format';
import { formatSI } from '../units';
import { mainMemoryLevel, type EvaluationResult } from '../result';

/** The metrics that are the modelled die, or a price modelled from it. */
const DIE_METRICS: readonly string[] = ['silicon.dieAreaMm2', 'silicon.perDieMm2', 'silicon.chipPriceUsd', 'silicon.modelledPriceUsd'];

const isNode = (text: string): text is ProcessNodeName => (PROCESS_NODES as readonly string[]).includes(text);

/** The nodes an exploration's points are at: the varied `chip.process` values, and the file's own. */
export function exploredProcesses(space: Space, fileProcess: string | undefined): ProcessNodeName[] {
  const varied = space.dimensions.flatMap((d) =>
    d.kind === 'discrete' && d.paths.includes('chip.process') ? d.choices.map((c) => c.texts[d.paths.indexOf('chip.process')]!) : [],
  );
  return [...new Set(varied.length ? varied : fileProcess ? [fileProcess] : [])].filter(isNode);
}

const times = (x: number) => `×${x.toFixed(2)}`;

/** Undefined when no die metric is recorded or no node has a range. */
export function dieRangeNote(metrics: readonly string[], processes: readonly ProcessNodeName[]): string | undefined {
  const shown = metrics.filter((m) => DIE_METRICS.includes(m));
  // The nodes of each node class (one band each, named by its basis), in the order first met.
  const classes = new Map<string, { band: AreaErrorBand; nodes: ProcessNodeName[] }>();
  for (const process of processes) {
    const band = areaErrorBand(process);
    if (band) classes.set(band.basis, { band, nodes: [...(classes.get(band.basis)?.nodes ?? []), process] });
  }
  if (!shown.length || !classes.size) return undefined;
  const spans = [...classes.values()].map(
    ({ band, nodes }) =>
      `${times(1 / (1 + band.high))} to ${times(1 / (1 + band.low))} of the modelled one${classes.size > 1 ? ` at ${nodes.join(' and ')}` : ''}, ${band.basis}`,
  );
  // A price is the die's and the memory, package, test and margin's, which do not follow the area:
  // it moves less than the area (eval prices the two ends), so the area's factors are not applied to it.
  const prices = shown.filter((m) => m.endsWith('PriceUsd'));
  const priceClause = prices.length
    ? ` ${prices.join(', ')} ${prices.length === 1 ? 'is priced from that die and moves' : 'are priced from that die and move'} less than its area (the memory, package and margin do not follow it).`
    : '';
  return `${shown.join(', ')} ${shown.length === 1 ? 'comes' : 'come'} from the modelled die, shown here without its range: its true area may be ${spans.join('; ')} (a die grown for its HBM PHYs' edge keeps that size).${priceClause} \`eval\` a design for the ranges of its area and price.`;
}

/**
 * The note for a run, as the lines the notes are (none or one). The nodes come from the space, or
 * from the first evaluable of its first eight points; the chip price is named only where one of those
 * points models it from its die alone (a given price, the same at every point, has no area behind it, and
 * one scaled from a preset's is a ratio of two modelled dies).
 */
export function explorationDieNotes(prepared: Pick<PreparedExplore, 'metrics' | 'result' | 'size'>, space: Space): string[] {
  if (!prepared.metrics.some((m) => DIE_METRICS.includes(m))) return [];
  let fileProcess: string | undefined;
  let priceModelled = false;
  // A few full results (a serving point's simulates its traffic): enough for a grid's first choices.
  for (let i = 0; i < Math.min(prepared.size, 8) && !(fileProcess && priceModelled); i++) {
    const silicon = prepared.result(i)?.silicon;
    fileProcess ??= silicon?.process ?? undefined;
    // Scaled from a preset's given price (modelledOverPreset), a price is a ratio of two modelled dies: their error largely cancels.
    priceModelled ||= silicon?.priceSource === 'modelled' && !silicon.modelledOverPreset;
  }
  const metrics = priceModelled ? prepared.metrics : prepared.metrics.filter((m) => m !== 'silicon.chipPriceUsd');
  const note = dieRangeNote(metrics, exploredProcesses(space, fileProcess));
  return note ? [note] : [];
}

/** Varied keys that would set the memory's bandwidth and capacity where the file does not write them. */
const MEMORY_SETTERS = ['chip.memory.stacks', 'chip.memory.technology'];

/**
 * Where stacks or a technology are varied but every point runs at one memory bandwidth (or
 * holds one capacity): the file writes it, and a written value is used as written, so the
 * varied key moves the die and the price only, and a front ranked on price takes the fewest
 * stacks (an architect's review: HBM3 in 8 stacks ran at a GDDR design's written 512 GB/s). The
 * first points' results are read; a warning said this of one point in six, folded among others.
 */
export function writtenMemoryNotes(prepared: Pick<PreparedExplore, 'result' | 'size' | 'writes'>, space: Space): string[] {
  const varied = space.dimensions.flatMap((d) => d.paths);
  const setters = MEMORY_SETTERS.filter((p) => varied.includes(p));
  if (setters.length === 0) return [];
  const reads = {
    bandwidth: (r: EvaluationResult) => [mainMemoryLevel(r.chip.memoryLevels)?.bandwidthBytesPerSecond, 'B/s'] as const,
    capacity: (r: EvaluationResult) => [mainMemoryLevel(r.chip.memoryLevels)?.capacityBytes, 'B'] as const,
  };
  const keys = (['bandwidth', 'capacity'] as const).filter((key) => !varied.includes(`chip.memory.${key}`));
  const seen = new Map(keys.map((key) => [key, new Set<string>()]));
  let points = 0;
  // Where the stacks move no price either, they move nothing (valueNotes says so of an inert key).
  const prices = new Set<number | null | undefined>();
  for (const i of setterProbes(space, setters, prepared.size)) {
    const r = prepared.result(i);
    if (!r || mainMemoryLevel(r.chip.memoryLevels)?.ownMemory !== true) continue;
    points++;
    prices.add(r.silicon?.modelledPriceUsd);
    for (const key of keys) {
      const [value, unit] = reads[key](r);
      seen.get(key)!.add(formatSI(value!, unit));
    }
  }
  // Held at every point and written: one the built stacks give (a preset's capacity beside a
  // written bandwidth) is theirs, not the file's, and the note would misname it.
  const fixed = keys.filter((key) => seen.get(key)!.size === 1 && prepared.writes(`chip.memory.${key}`));
  if (points < 2 || fixed.length === 0) return [];
  const them = fixed.length > 1 ? 'them' : 'it';
  const unset = fixed.map((key) => `--set chip.memory.${key}=null`).join(' ');
  const what = fixed.map((key) => `\`chip.memory.${key}\` (${[...seen.get(key)!][0]})`);
  // The written figures need more stacks than any value gives, so each point is built with those:
  // the inert key's note says nothing changes, this one why and what lets the values count (an
  // architect's review found the fix in the docs only).
  if (prices.size < 2)
    return [
      `${setters.join(' and ')} ${setters.length > 1 ? 'change' : 'changes'} nothing here: the file writes ${what.join(' and ')}, and every point is built with the stacks ${fixed.length > 1 ? 'they need' : 'it needs'} (the \`memory-stacks\` warning). To let the varied values set ${them}, leave ${them} out of the file (\`${unset}\` on the command line), or vary ${fixed.map((key) => `chip.memory.${key}`).join(' and ')} too`,
    ];
  // What the stacks still set at these points (a code review: with only the capacity written, the
  // note said "the price only" while the bandwidth followed the stacks).
  const moving = keys.filter((key) => seen.get(key)!.size > 1);
  const they = setters.length > 1 ? 'they' : 'it';
  const moves =
    moving.length === 0
      ? `so ${they} ${setters.length > 1 ? 'move' : 'moves'} the die, the package and the price only (and a front ranked on price takes the fewest stacks)`
      : `and ${they} ${setters.length > 1 ? 'set' : 'sets'} the ${moving.join(' and ')}, the die and the price`;
  return [
    `${setters.join(' and ')} ${setters.length > 1 ? 'change' : 'changes'} no point's memory ${fixed.join(' or ')}: the file writes ${what.join(' and ')}, which every point uses as written, ${moves}. To let the stacks set ${them}, leave ${them} out of the file (\`${unset}\` on the command line), or vary ${fixed.map((key) => `chip.memory.${key}`).join(' and ')} too`,
  ];
}

/**
 * Points that differ in the memory setters' values and in nothing else, where the grid allows: the
 * first point, then each setter's values with the rest held. The first 64 points had been read, so a
 * setter varied first (the slowest) held one value there, and the note said the stacks changed no
 * bandwidth that the run's own CSV showed them changing (a new user's review). A sampled space
 * varies every dimension at every point: its first 64.
 */
function setterProbes(space: Space, setters: readonly string[], size: number): number[] {
  const dims = space.dimensions;
  if (space.sampling.kind !== 'grid') return Array.from({ length: Math.min(size, 64) }, (_, i) => i);
  const radix = dims.map((d) => (d.kind === 'discrete' ? d.choices.length : 1));
  const probes = new Set<number>([0]);
  dims.forEach((d, at) => {
    if (!d.paths.some((p) => setters.includes(p))) return;
    // The first dimension varies slowest (space.ts locator): a step in dimension `at` is the product of the later radices.
    const stride = radix.slice(at + 1).reduce((a, b) => a * b, 1);
    for (let k = 0; k < Math.min(radix[at]!, 64); k++) probes.add(k * stride);
  });
  return [...probes].filter((i) => i < size);
}

/**
 * One `cost.silicon.nre` for every process node of a run: a node's NRE is its own (mask sets pass
 * 10 M USD at 7 nm and near 40 M USD at 3 nm: SemiAnalysis), and with one figure the newest node
 * won at every volume (a new user's review), though cost per token barely moved with the node alone.
 */
export function nreAcrossNodesNotes(prepared: Pick<PreparedExplore, 'result' | 'size'>, space: Space): string[] {
  const varies = (path: string) => space.dimensions.some((d) => d.paths.includes(path));
  if (!varies('chip.process') || varies('cost.silicon.nre') || prepared.size === 0) return [];
  if (!((prepared.result(0)?.silicon?.price?.nreUsd ?? 0) > 0)) return [];
  return [
    "chip.process is varied with one `cost.silicon.nre` for every node, where a design's NRE grows with its node (mask sets pass 10 M USD at 7 nm and near 40 M USD at 3 nm: SemiAnalysis; docs/silicon.md): every node here carries this one figure, so the newer nodes look cheaper than their own NRE would make them. Explore each node with its own `--set cost.silicon.nre=…` to compare them",
  ];
}

/** Front points asked whether a split would price lower, evenly along a longer front (each is rebuilt). */
const SPLIT_FRONT_POINTS = 200;

/**
 * Where front points would be priced lower as more chiplets, as `eval`'s `chiplets-cheaper` info
 * says of one design: the model builds the fewest dies that fit the reticle unless
 * `chip.silicon.chiplets` says otherwise, so a front ranked on price holds dies a split would
 * make cheaper (an architect's review: 7-8 % at 1 GiB of SRAM, never said by `explore`). Only
 * where an objective reads the price and the chiplets are not varied already.
 */
export function chipletSplitNotes(prepared: Pick<PreparedExplore, 'cheaperAsChiplets'>, r: ExploreResults): string[] {
  const priced = r.objectives.some((o) => /^(cost|silicon|fleet)\.(usd|chipPrice|modelledPrice)/.test(o.metric));
  const varied = r.space.dimensions.some((d) => d.paths.includes('chip.silicon.chiplets'));
  if (!priced || varied || r.front.length === 0) return [];
  const stride = Math.max(1, r.front.length / SPLIT_FRONT_POINTS);
  const asked = Array.from({ length: Math.min(r.front.length, SPLIT_FRONT_POINTS) }, (_, i) => r.front[Math.floor(i * stride)]!);
  const cheaper = asked.flatMap((offset) => {
    const split = prepared.cheaperAsChiplets(r.start + offset);
    return split ? [{ offset, split }] : [];
  });
  if (cheaper.length === 0) return [];
  const best = cheaper.reduce((a, b) => (b.split.priceUsd / b.split.builtUsd < a.split.priceUsd / a.split.builtUsd ? b : a));
  const { chiplets, priceUsd, builtChiplets, builtUsd } = best.split;
  const of = asked.length < r.front.length ? ` (${asked.length.toLocaleString('en')} of them checked, evenly along it)` : '';
  return [
    `${cheaper.length.toLocaleString('en')} of the front's ${r.front.length.toLocaleString('en')} point${r.front.length === 1 ? '' : 's'}${of} would be priced lower built as more chiplets, as \`eval\`'s \`chiplets-cheaper\` says of one design: the most, ${pointText(r, best.offset)}, at ${formatUsd(priceUsd)} as ${chiplets} chiplets against ${formatUsd(builtUsd)} as ${builtChiplets === 1 ? 'one die' : `${builtChiplets} chiplets`} (${formatPercent(1 - priceUsd / builtUsd)} less; a split's latency and power across its links are not counted). Without \`chip.silicon.chiplets\` a chip is the fewest dies that fit the reticle: vary it (e.g. 1, 2, 4) for the front to weigh the split.`,
  ];
}
