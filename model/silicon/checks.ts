// Diagnostics about the die: a price that can be neither given nor modelled, and a die beyond
// the reticle that has to be split into chiplets.

import { nearestInFile } from '../buildDesign';
import { schemaAt, type Config } from '../config/schema';
import type { DesignPoint } from '../design';
import { isInvalidWritten, isWritten, type Diagnostic, type SourceRef } from '../diagnostics';
import { valueAt } from '../presets/presetValues';
import {
  DIE_TO_DIE_SHARE,
  dieArea,
  estimatedMm2,
  fewestChiplets,
  type DieArea,
  INTERPOSER_LIMIT_MM2,
  RETICLE_LIMIT_MM2,
  shorelineDieMm2,
  stacksPerDie,
  WAFER_SCALE_LIMIT_MM2,
} from './area';
import { isEconomicsKey, priceKeysOverPreset, siliconOf } from './fromConfig';
import { formatBytes, formatMm2, formatPercent, formatUsd, groupThousands, si, significant } from '../report/format';
import { areaErrorBand, areaRange } from './areaRange';
import { COST_NOT_COMPARABLE } from '../report/labels';
import { SCRATCHPAD_BITCELL_FACTOR, SRAM_BANK_BYTES, sramMm2 as sramMm2Of } from './estimators';
import {
  MEMORY_TECHNOLOGY_TABLE,
  STACK_BANDWIDTH_HEADROOM,
  stacksForBandwidth,
  unitsForBandwidth,
  unitsForCapacity,
  WIDEST_SHIPPED_X32_CHANNELS,
} from './memoryTechnologies';
import { PROCESS_NODE_TABLE } from './processNodes';
import { chipPrice, leastMemoryBytes, type ChipPrice } from './price';
import { areaRanges } from './result';
import { stackedMemories, type OffChipMemorySpec, type SiliconSpec } from './spec';

/** The most stacks or devices `chip.memory.stacks` takes, and chiplets `chip.silicon.chiplets` (their schema bounds). */
const MAX_STACKS = (schemaAt(['chip', 'memory', 'stacks']) as { max: number }).max;
const MAX_CHIPLETS = (schemaAt(['chip', 'silicon', 'chiplets']) as { max: number }).max;

/** Whole dollars, so that the arithmetic shown adds up. */
const dollars = (usd: number) => `$${groupThousands(Math.round(usd))}`;

/** How a price carried over a changed die was set: the preset's scaled by the dies' modelled prices, else the modelled one. */
function scaledPrice(design: DesignPoint): string {
  const e = design.economics;
  const over = e.modelledOverPreset;
  if (over?.presetPriceUsd !== undefined && over.presetModelledUsd !== undefined && design.silicon) {
    // The design's NRE is added after the ratio, not scaled by it (fromConfig.ts siliconOf).
    const nre = design.silicon.modelled.nreUsd;
    const plusNre = nre > 0 ? ` + ${dollars(nre)} of design (NRE)` : '';
    // A change the die model does not see (a bandwidth the same stacks deliver): nothing to scale by.
    if (Math.abs((design.silicon.modelled.priceUsd - nre) / over.presetModelledUsd - 1) < 5e-4)
      return `its price is the preset's scaled by what this die costs against the preset's, both modelled; the modelled die costs the same (${dollars(over.presetModelledUsd)}), so the price stays ${dollars(over.presetPriceUsd)}${plusNre}${nre > 0 ? ` = ${dollars(e.chipPriceUsd)}` : ''}`;
    return `its price is the preset's scaled by what this die costs against the preset's, both modelled: ${dollars(over.presetPriceUsd)} × ${dollars(design.silicon.modelled.priceUsd - nre)} / ${dollars(over.presetModelledUsd)}${plusNre} = ${dollars(e.chipPriceUsd)}`;
  }
  return `its price is modelled from this die: ${formatUsd(e.chipPriceUsd)}`;
}

const valueOf = (config: Config, path: 'chip.process' | 'chip.clock') =>
  path === 'chip.process' ? config.chip.process : config.chip.clock;

/**
 * Errors about what the design does as written, not about what it says: the design is evaluated
 * and its numbers shown, marked not valid (analyze.ts pushes them after the evaluation, as the
 * memory-capacity errors of model/checks.ts).
 */
export const AFTER_RESULT: ReadonlySet<string> = new Set(['beyond-interposer']);

/** An assembly yield below which a warning says what the failed bonds cost. */
const LOW_ASSEMBLY_YIELD = 0.5;

/**
 * `options.infos` false leaves out the infos that price or size the die again (a cheaper split,
 * the die without the default lane's FP64): `explore` asks for the warnings of up to 1,000 points.
 */
export function siliconDiagnostics(
  design: DesignPoint,
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  options: { infos?: boolean } = {},
): Diagnostic[] {
  // A key written but rejected has its own error; what the die would be without it is not the user's chip.
  // A rejected memory technology too: the stacks of the default one are not what was asked for
  // (a review: `hbm4` then drew a warning about "8 hbm3 stacks").
  const technologyRejected = isInvalidWritten(origins.get('chip.memory.technology'), config.chip.memory.technology);
  // Any chip key rejected: the die is built with a stand-in for it, so nothing said of the whole
  // die is of the user's (a review: SRAM written in MB/s drew a shoreline warning for the die
  // without its SRAM). The key's own error stands; nothing is evaluated until it is fixed.
  const chipKeyRejected = [...origins].some(([path, ref]) => path.startsWith('chip.') && isInvalidWritten(ref, valueAt(config, path)));
  if (chipKeyRejected) return [];
  return dieDiagnostics(design, config, origins, file, options.infos ?? true).filter(
    (d) =>
      !isInvalidWritten(origins.get(d.path ?? ''), valueAt(config, d.path ?? '')) &&
      !(technologyRejected && d.path?.startsWith('chip.memory')),
  );
}

function dieDiagnostics(
  design: DesignPoint,
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
  file: string,
  infos: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A process or clock written but rejected has its own error: "without `chip.process`" beside it would be wrong.
  const rejected = (['chip.process', 'chip.clock'] as const).some((p) => isWritten(origins.get(p)) && valueOf(config, p) === undefined);
  if (design.economics.priceSource === 'unknown' && !rejected) {
    const { missing } = siliconOf(config, origins, design.hardware.memoryLevels);
    const path = priceUnknownPath(config);
    const changed = priceKeysOverPreset(origins, config);
    // A preset's price set aside because its die changed, on a die the model cannot price.
    const why = changed.length
      ? `The preset's \`cost.chip_price\` (${dollars(config.cost.chip_price)}, \`${presetOfPrice(origins)}\`) describes its own die, which this chip changes (${changed.map((k) => `\`${k}\``).join(', ')}), and the changed die cannot be priced without ${missing.join(', ')}.`
      : `This chip has no price: \`cost.chip_price\` is not given, and the price cannot be modelled from the die without ${missing.join(', ')}.`;
    out.push({
      severity: 'warning',
      code: 'price-unknown',
      path,
      at: nearestInFile(path, origins, file),
      message: `${why} Cost per response counts electricity only (no capital), and a cost ratio against a baseline reads "${COST_NOT_COMPARABLE}".`,
    });
  }
  const cheap = priceBelowMemory(design, config, origins);
  if (cheap) out.push({ ...cheap, at: nearestInFile('cost.chip_price', origins, file) });
  // Most packages scrapped at assembly: each good chip pays for the failed ones, a price the
  // bond yield compounds over every die and stack (a review priced a $2.09 M chip at a written
  // 50 % bond yield with no word). Built chips only (one no package holds has no price to speak of).
  const assembled = design.silicon?.modelled;
  // Where the price used is modelled (not a given one: its bond yield is no part of it; a code review).
  if (
    design.silicon &&
    assembled &&
    design.economics.priceSource === 'modelled' &&
    assembled.assemblyYield < LOW_ASSEMBLY_YIELD &&
    !beyondWafer(design) &&
    !beyondInterposer(design)
  ) {
    // As chipPrice counts them: every die, and every memory stack on the package (board-mounted GDDR is not).
    const dies = design.silicon.area.chiplets;
    const stacks = stackedMemories(design.silicon.spec).reduce((n, m) => n + m.stacks, 0);
    const what =
      stacks > 0 ? `${dies} ${dies === 1 ? 'die' : 'dies'} and ${stacks} memory ${stacks === 1 ? 'stack' : 'stacks'}` : `${dies} dies`;
    out.push({
      severity: 'warning',
      code: 'assembly-yield-low',
      path: 'cost.silicon.bond_yield',
      at: nearestInFile('cost.silicon.bond_yield', origins, file),
      message: `At ${formatPercent(config.cost.silicon.bond_yield)} a bond over ${dies + stacks} bonds (${what}), ${formatPercent(assembled.assemblyYield)} of assembled packages hold: each good chip pays for ${significant(1 / assembled.assemblyYield)} assembled, ${dollars(assembled.assemblyUsd)} of its modelled cost. Shipped parts bond at 95-99 % a die (Chiplet Actuary, DAC 2022); fewer ${stacks > 0 ? 'chiplets or stacks' : 'chiplets'}, or a higher bond yield, cut it. The price is modelled as written.`,
    });
  }
  // Not for a chip no package holds: its scaled price is no price (a review read "$467,890,233,245").
  const buildable = !beyondWafer(design) && !beyondInterposer(design);
  const overPreset = design.economics.priceSource === 'modelled' && buildable ? priceKeysOverPreset(origins, config) : [];
  if (overPreset.length > 0 && design.silicon) {
    const shown =
      overPreset
        .slice(0, 3)
        .map((p) => `\`${p}\``)
        .join(', ') + (overPreset.length > 3 ? ` and ${overPreset.length - 3} more` : '');
    out.push({
      severity: 'info',
      code: 'price-modelled',
      path: 'cost.chip_price',
      at: nearestInFile(overPreset[0]!, origins, file),
      message: `The preset's \`cost.chip_price\` (${dollars(config.cost.chip_price)}, \`${presetOfPrice(origins)}\`) describes its own die${overPreset.some(isEconomicsKey) ? ' at its own silicon costs' : ''}; this ${overPreset.every(isEconomicsKey) ? 'config' : 'chip'} differs in ${shown}, so ${scaledPrice(design)}. Write \`cost.chip_price\` here to use a price of your own.`,
    });
  }
  for (const note of designCostNotes(design, config, infos)) out.push({ ...note, at: nearestInFile(note.path, origins, file) });
  const stated = config.chip.memory.stacks;
  const own = design.silicon?.spec.memory;
  const short = memoryStacksShort(design, config, origins);
  if (own && stated !== undefined && short) {
    const tech = MEMORY_TECHNOLOGY_TABLE[own.technology];
    const gives = `${stated} ${own.technology} ${tech.stacked ? 'stack' : 'device'}${stated === 1 ? ' gives' : 's give'} at most ${Math.round((stated * tech.bytesPerStack) / 2 ** 30)} GiB (${Math.round((stated * tech.bytesPerStack) / 1e9)} GB) and ${si(stated * tech.bandwidthPerStack, 'B/s')}`;
    // More bandwidth or capacity than the stated stacks give: the die is built with the stacks it needs (stacksBuilt).
    const asked = short === 'bandwidth' ? formatBandwidth(own.bandwidthBytesPerSecond) : formatBytes(own.capacityBytes);
    const message = `${gives}, less than the ${asked} asked for: the die, package and price are modelled with the ${own.stacks} ${tech.stacked ? 'stacks' : 'devices'} that ${short} needs (their PHYs, controllers${tech.stacked ? ' and interposer area' : ' and board devices'})${derivedFrom(origins, short === 'capacity' ? 'bandwidth' : 'capacity') ? `, and the ${short === 'capacity' ? `bandwidth is theirs, ${formatBandwidth(own.bandwidthBytesPerSecond)}` : `capacity is theirs, ${formatBytes(own.capacityBytes)}`}` : ''}. ${own.stacks <= MAX_STACKS ? `Raise \`stacks\` to ${own.stacks}, pick a ${short === 'bandwidth' ? 'faster' : 'denser'} \`technology\`, or leave \`stacks\` out to derive it.` : `No count \`stacks\` takes (at most ${MAX_STACKS}) gives it: pick a ${short === 'bandwidth' ? 'faster' : 'denser'} \`technology\` or ask for less ${short}.`}`;
    out.push({
      severity: 'warning',
      code: 'memory-stacks',
      path: 'chip.memory.stacks',
      at: nearestInFile('chip.memory.stacks', origins, file),
      message,
    });
  }
  const thin = memoryBelowStacks(design);
  if (thin) {
    const tech = MEMORY_TECHNOLOGY_TABLE[thin.technology];
    const each = tech.stacked ? 'stack' : 'device';
    const heldGiB = (stacks: number) => {
      const gib = significant((stacks * tech.minBytesPerStack) / 2 ** 30);
      return `${gib} GiB (${formatBytes(stacks * tech.minBytesPerStack)}, sold as "${gib} GB")`;
    };
    out.push({
      severity: 'warning',
      code: 'memory-below-stacks',
      path: 'chip.memory.capacity',
      at: nearestInFile('chip.memory.capacity', origins, file),
      // In GiB, as the stacks hold it, and as vendors write DRAM (a 16 GiB stack is sold as "16 GB"),
      // which is what a written capacity is held to (a review read "7 stacks hold at least 112 GB"
      // beside "4 stacks give at most 96 GiB (103 GB)").
      message: `${thin.stacks} ${thin.technology} ${each}${thin.stacks === 1 ? ' holds' : 's hold'} at least ${heldGiB(thin.stacks)} (the smallest ${thin.technology} ${each} shipped holds ${significant(tech.minBytesPerStack / 2 ** 30)} GiB: ${tech.minSource.replace(/^[^:]*: /, '')}), more than the ${formatBytes(thin.capacityBytes)} written: the memory is priced as what the ${each}${thin.stacks === 1 ? ' holds' : 's hold'}, and the model uses the ${formatBytes(thin.capacityBytes)}. Write the capacity they hold, or fewer ${each}s (which give less bandwidth).`,
    });
  }
  // Read from the config, not the die: the slip is as likely on a chip with no process. Only a
  // count the user wrote: a preset's is of its own technology (L40S's 24 GDDR6 devices read as
  // 24 HBM3E stacks under `technology: hbm3e`, a review).
  const mem = config.chip.memory;
  const stacksOrigin = origins.get('chip.memory.stacks')?.kind;
  const idle =
    stated !== undefined &&
    (stacksOrigin === 'file' || stacksOrigin === 'override') &&
    mem.technology !== undefined &&
    mem.technology !== 'none' &&
    mem.bandwidth !== undefined
      ? stacksMostlyIdle(stated, { technology: mem.technology, bandwidthBytesPerSecond: mem.bandwidth })
      : undefined;
  if (idle)
    out.push({
      severity: 'warning',
      code: 'memory-bandwidth-low',
      path: 'chip.memory.bandwidth',
      at: nearestInFile('chip.memory.bandwidth', origins, file),
      message: idle.message,
      ...(idle.meant
        ? { keyFixes: [{ title: `Set bandwidth to ${idle.meant}`, path: ['chip', 'memory', 'bandwidth'], value: idle.meant }] }
        : {}),
    });
  const shore = shorelineShort(design);
  if (shore)
    out.push({
      severity: 'warning',
      code: 'memory-shoreline',
      path: 'chip.memory.stacks',
      at: nearestInFile(origins.has('chip.memory.stacks') ? 'chip.memory.stacks' : stacksSetBy(design), origins, file),
      message: shorelineMessage(shore),
    });
  const wide = memoryBusBeyondShipped(design);
  if (wide) {
    out.push({
      severity: 'warning',
      code: 'memory-bus',
      path: 'chip.memory.bandwidth',
      at: nearestInFile('chip.memory.bandwidth', origins, file),
      message: memoryBusMessage(wide),
    });
  }
  const spec = design.silicon?.spec;
  const area = design.silicon?.area;
  const kindWritten = origins.get('chip.silicon.sram_kind');
  const sramKindNote = area && spec && (!kindWritten || kindWritten.kind === 'default') ? sramAsCache(area, spec) : undefined;
  if (sramKindNote) {
    out.push({
      severity: 'info',
      code: 'sram-kind-default',
      path: 'chip.silicon.sram_kind',
      at: nearestInFile('chip.sram.capacity', origins, file),
      message: sramKindNote,
    });
  }
  const fp64 = infos && origins.get('chip.silicon.fp64_rate')?.kind === 'default' ? fp64ByDefault(design) : undefined;
  if (fp64) {
    out.push({
      severity: 'info',
      code: 'fp64-rate-default',
      path: 'chip.silicon.fp64_rate',
      at: nearestInFile('chip.vector.peak', origins, file),
      message: fp64,
      keyFixes: [{ title: 'No FP64 in the vector lanes: fp64_rate 0', path: ['chip', 'silicon', 'fp64_rate'], value: '0' }],
    });
  }
  const interposerMm2 = design.silicon?.modelled.interposerMm2 ?? 0;
  if (area && beyondInterposer(design)) {
    out.push({
      severity: 'error',
      code: 'beyond-interposer',
      path: 'chip',
      at: nearestInFile('chip', origins, file),
      message: `Its package needs a ${formatMm2(interposerMm2)} interposer (${onInterposer(design)}), beyond the ${formatMm2(INTERPOSER_LIMIT_MM2)} (5.5 reticles) of the largest on a foundry's roadmap (TSMC CoWoS, 2026; 3.3 reticles in 2024): it would need wafer-scale integration, which the price model does not cover. No package built today holds this chip, so its numbers are not a valid result (an exploration counts it infeasible): fewer memory stacks, less SRAM or fewer matrix units shrink it.`,
      // As `explore` counts it infeasible: a price for a package nobody can build is no price, and a
      // CI gate on the exit code must not pass it (two architects' reviews). The design is still
      // evaluated (AFTER_RESULT), as one whose weights do not fit in memory is.
    });
  }
  const split = infos ? cheaperSplit(design) : undefined;
  if (split) {
    const s = design.silicon!;
    const one = s.modelled;
    out.push({
      severity: 'info',
      code: 'chiplets-cheaper',
      path: 'chip.silicon.chiplets',
      at: nearestInFile('chip.silicon.chiplets', origins, file),
      // Prices as the table shows them (an operator's review read $21,521 here beside $21,500 there),
      // and the range named for what it is: this die's own, which the table's reaches below (the
      // leaner die a choice the config leaves open would build).
      message: `Built as ${split.chiplets} chiplets, this chip would be priced at ${formatUsd(split.price.priceUsd)} by the model, ${formatPercent(1 - split.price.priceUsd / one.priceUsd)} below ${s.area.chiplets === 1 ? "the one die's" : `the ${s.area.chiplets} chiplets'`} ${formatUsd(one.priceUsd)}: state \`chiplets: ${split.chiplets}\` to model the split. ${split.chiplets} dies of ${formatMm2(split.area.dieMm2)} yield ${formatPercent(split.price.yield)} where ${s.area.chiplets === 1 ? 'one' : s.area.chiplets} of ${formatMm2(s.area.dieMm2)} yield${s.area.chiplets === 1 ? 's' : ''} ${formatPercent(one.yield)}, which outweighs the interposer, die-to-die interfaces and bonds. ${split.rangeUsd ? `The split's price is below the whole of this die's price range at its area's error (${formatUsd(split.rangeUsd[0])}–${formatUsd(split.rangeUsd[1])}${areaRanges(s).modelledPriceRangeUsd?.[0] !== split.rangeUsd[0] ? "; the table's range reaches lower, to the leaner die the config leaves open" : ''}), and saves` : 'The split saves'} more than ${formatPercent(DIE_TO_DIE_SHARE)} of the price, the share of area the die-to-die interfaces add. Without \`chiplets\` a chip is modelled as the fewest dies that fit the reticle (a split's latency and power across its links are not counted), so one just past the reticle can price below one just under it.`,
      keyFixes: [
        { title: `Model the split: chiplets ${split.chiplets}`, path: ['chip', 'silicon', 'chiplets'], value: String(split.chiplets) },
      ],
    });
  }
  if (area && reticleSplit(design)) {
    out.push({
      severity: 'warning',
      code: 'reticle-limit',
      path: 'chip',
      at: nearestInFile('chip', origins, file),
      message: `The area model puts the design at ${formatMm2(estimatedMm2(area) - area.dieToDieMm2)} of silicon, beyond the ${RETICLE_LIMIT_MM2} mm² a scanner exposes in one shot: at that area it has to be built as ${area.chiplets} chiplets of ${formatMm2(area.dieMm2)} (with 5 % die-to-die interfaces each), ${formatMm2(area.totalMm2)} in all, on an interposer. Area and price are modelled that way; \`chip.silicon.chiplets\` states the split (more chiplets are smaller dies that yield better, each paying its die-to-die interfaces and a bond).${mayFitReticle(design)}`,
      keyFixes: [
        { title: `State the split: chiplets ${area.chiplets}`, path: ['chip', 'silicon', 'chiplets'], value: String(area.chiplets) },
      ],
    });
  }
  return out;
}

/** The splits the `chiplets-cheaper` info tries: up to this many dies more than the model chose (one die: 2 to 4). */
const MORE_DIES_TRIED = 3;

/**
 * A split into more chiplets than the model builds by default (the fewest that fit the reticle)
 * that it prices lower by more than the default's own price range (its area's error): for a price
 * the model gives outright, with `chiplets` not stated. A preset's die and a price scaled from a
 * preset's are a vendor's choice of split. Eval only: it prices the die three more times.
 */
export function cheaperSplit(
  design: DesignPoint,
): { chiplets: number; area: DieArea; price: ChipPrice; rangeUsd?: [number, number] } | undefined {
  const s = design.silicon;
  if (!s || design.economics.priceSource !== 'modelled' || design.economics.modelledOverPreset || s.spec.chiplets !== undefined)
    return undefined;
  // Past the interposer or the wafer the price model does not hold: no split to recommend from it.
  if (beyondInterposer(design) || beyondWafer(design)) return undefined;
  // Below the default's price range, and by more than the split's own die-to-die share of the
  // area: a smaller saving is no case for the latency and power of links the model does not count.
  // This die's own range: not reaching down to a leaner die the config leaves open (a code review).
  const rangeUsd = areaRanges(s, false).modelledPriceRangeUsd;
  const bar = Math.min(rangeUsd?.[0] ?? Infinity, s.modelled.priceUsd * (1 - DIE_TO_DIE_SHARE));
  let best: { chiplets: number; area: DieArea; price: ChipPrice; rangeUsd?: [number, number] } | undefined;
  for (let chiplets = s.area.chiplets + 1; chiplets <= Math.min(s.area.chiplets + MORE_DIES_TRIED, MAX_CHIPLETS); chiplets++) {
    const spec = { ...s.spec, chiplets };
    const area = dieArea(spec);
    const price = chipPrice(spec, area, s.economics);
    if (price.priceUsd < (best?.price.priceUsd ?? bar)) best = { chiplets, area, price, ...(rangeUsd ? { rangeUsd } : {}) };
  }
  return best;
}

/**
 * A given price below what the chip's own memory alone costs: `chip_price: 16 USD` for a chip with
 * 96 GB of HBM3 (1,440 USD at 15 USD/GB) is a slip for `16 kUSD`, and a cost comparison would show
 * it as a 273x win. Only a price this file writes: a preset's is an estimate with its source.
 */
function priceBelowMemory(
  design: DesignPoint,
  config: Config,
  origins: ReadonlyMap<string, SourceRef>,
): Omit<Diagnostic, 'at'> | undefined {
  const written = origins.get('cost.chip_price');
  const memory = config.chip.memory;
  if (
    design.economics.priceSource !== 'given' ||
    !written ||
    !isWritten(written) ||
    memory.technology === undefined ||
    memory.technology === 'none' ||
    memory.capacity === undefined
  )
    return undefined;
  const capacityBytes = memory.capacity;
  const tech = MEMORY_TECHNOLOGY_TABLE[memory.technology];
  const usdPerByte = config.cost.silicon.memory_price ?? tech.usdPerByte;
  const billUsd = capacityBytes * usdPerByte;
  const price = config.cost.chip_price;
  if (!(price > 0) || price >= billUsd) return undefined;
  const thousand = `${trimmed(price)} kUSD`;
  // A thousand times more is the slip only where that is a chip's price: within 100x its memory (H100: 28x).
  const slip = price * 1e3 >= billUsd && price * 1e3 <= 100 * billUsd;
  return {
    severity: 'warning',
    code: 'price-below-memory',
    path: 'cost.chip_price',
    message: `\`chip_price\` ${price >= 1 ? dollars(price) : formatUsd(price)} is less than what the chip's ${formatBytes(capacityBytes)} of ${memory.technology} alone costs (${dollars(billUsd)} at ${+(usdPerByte * 1e9).toPrecision(3)} USD/GB${config.cost.silicon.memory_price !== undefined ? ', `memory_price`' : `, the ${memory.technology} table's`}), so a cost comparison would show capital this chip cannot have.${slip ? ` Did you mean \`${thousand}\`?` : ''} The value is used as written.`,
    ...(slip ? { keyFixes: [{ title: `Set chip_price to ${thousand}`, path: ['cost', 'chip_price'], value: thousand }] } : {}),
  };
}

const trimmed = (x: number) => +x.toPrecision(6);

const priceUnknownPath = (config: Config) => (config.chip.process ? 'cost.chip_price' : 'chip.process');

/**
 * An interposer beyond the largest on a foundry's roadmap (beyond a wafer is model/checks.ts's error:
 * not evaluated, in `explore` too). `eval` warns; `explore` counts the design not feasible: a
 * package no foundry builds is no point of a design space's front.
 */
export function beyondInterposer(design: DesignPoint): boolean {
  return !!design.silicon && !beyondWafer(design) && design.silicon.modelled.interposerMm2 > INTERPOSER_LIMIT_MM2;
}

/** A split into chiplets the design's logic needs (not one it states: that is the architect's choice, priced as such; nor one only its stacks need: `memory-shoreline` says that). */
function reticleSplit(design: DesignPoint): boolean {
  const s = design.silicon;
  return !!s && s.spec.chiplets === undefined && !beyondWafer(design) && fewestChiplets(estimatedMm2(s.area) - s.area.dieToDieMm2) > 1;
}

/**
 * The warnings `siliconDiagnostics` gives, as code and key only: cheap, for `explore` to ask of
 * every point (the messages are made for the few points a note quotes).
 */
export function siliconWarningKeys(design: DesignPoint, config: Config): { code: string; path: string }[] {
  const out: { code: string; path: string }[] = [];
  if (design.economics.priceSource === 'unknown') out.push({ code: 'price-unknown', path: priceUnknownPath(config) });
  if (memoryStacksShort(design, config)) out.push({ code: 'memory-stacks', path: 'chip.memory.stacks' });
  if (memoryBelowStacks(design)) out.push({ code: 'memory-below-stacks', path: 'chip.memory.capacity' });
  if (memoryBusBeyondShipped(design)) out.push({ code: 'memory-bus', path: 'chip.memory.bandwidth' });
  if (shorelineShort(design)) out.push({ code: 'memory-shoreline', path: 'chip.memory.stacks' });
  if (beyondInterposer(design)) out.push({ code: 'beyond-interposer', path: 'chip' });
  if (reticleSplit(design)) out.push({ code: 'reticle-limit', path: 'chip' });
  // Its one warning needs an NRE: no list built per point of an exploration without one.
  if (config.cost.silicon.nre > 0)
    for (const note of designCostNotes(design, config, false)) out.push({ code: note.code, path: note.path });
  return out;
}

/**
 * The chip's memory where its stacks or devices hold more than its capacity (priced as they hold:
 * price.ts pricedMemoryBytes) by more than a part keeps for itself: a usable capacity a little
 * under its stacks (H200's 141 GiB of six 24 GiB stacks) is no slip.
 */
function memoryBelowStacks(design: DesignPoint): OffChipMemorySpec | undefined {
  const m = design.silicon?.spec.memory;
  return m && m.capacityBytes < USABLE_SHARE * leastMemoryBytes(m) ? m : undefined;
}
const USABLE_SHARE = 0.95;

/**
 * What the stated `chip.memory.stacks` cannot give: the bandwidth (the die is then modelled with
 * the stacks it needs) or the capacity (a warning only); undefined when they suffice or none is stated.
 * Cheap: `explore` asks it of every point whose stacks are varied.
 */
export function memoryStacksShort(
  design: DesignPoint,
  config: Config,
  origins?: ReadonlyMap<string, SourceRef>,
): 'bandwidth' | 'capacity' | undefined {
  const stated = config.chip.memory.stacks;
  const own = design.silicon?.spec.memory;
  if (!own || stated === undefined) return undefined;
  if (own.stacks <= stated) return undefined;
  // The one the raised stacks derived is not the one that raised them (validate.ts deriveMemoryFromStacks).
  const bandwidthDerived = derivedFrom(origins, 'bandwidth');
  if (bandwidthDerived !== derivedFrom(origins, 'capacity')) return bandwidthDerived ? 'capacity' : 'bandwidth';
  const tech = MEMORY_TECHNOLOGY_TABLE[own.technology];
  return unitsForBandwidth(tech, own.bandwidthBytesPerSecond) >= own.stacks ? 'bandwidth' : 'capacity';
}

/** The memory's capacity or bandwidth was derived from `chip.memory.stacks` (validate.ts deriveMemoryFromStacks), not stated. */
const derivedFrom = (origins: ReadonlyMap<string, SourceRef> | undefined, key: 'capacity' | 'bandwidth'): boolean => {
  const origin = origins?.get(`chip.memory.${key}`);
  return origin?.kind === 'default' && origin.fromStacks === true;
};

/**
 * A die of `dieMm2` the model sizes past the reticle that its range (model/silicon/areaRange.ts)
 * puts within it: the area model overestimated the class's worst die by `band.high`, and erring as
 * much here the die would be `lowMm2`. Undefined when the range's low end is still past the reticle.
 */
export function fitsReticleWithinRange(
  design: DesignPoint,
  dieMm2: number,
  chiplets: number,
): { lowMm2: number; overestimated: string } | undefined {
  const s = design.silicon;
  const band = s && areaErrorBand(s.spec.process);
  if (!band || band.high <= 0) return undefined;
  const lowMm2 = lowEndDieMm2(design, dieMm2, chiplets)!;
  return lowMm2 <= RETICLE_LIMIT_MM2
    ? { lowMm2, overestimated: `The area model overestimated ${band.highest.die} (${band.highest.process}) by ${formatPercent(band.high)}` }
    : undefined;
}

/**
 * The low end of the area's range for a die whose estimate is `dieMm2` when the chip is `chiplets`
 * dies: the estimate as the class's most overestimated die, but never below the die its share of
 * the stacks needs along its edges (geometry, not an estimate). Undefined where the node's class has no range.
 */
export function lowEndDieMm2(design: DesignPoint, dieMm2: number, chiplets: number): number | undefined {
  const s = design.silicon;
  const band = s && areaErrorBand(s.spec.process);
  if (!s || !band) return undefined;
  const shore = s.area.shoreline;
  return Math.max(areaRange(dieMm2, band)[0], shore ? shorelineDieMm2(stacksPerDie(shore.stacks, chiplets), shore.edgeMm) : 0);
}

/** Said when the die area's range reaches below the reticle: the split may be the model's error. */
function mayFitReticle(design: DesignPoint): string {
  const s = design.silicon;
  if (!s) return '';
  const monolithic = estimatedMm2(s.area) - s.area.dieToDieMm2;
  const fits = fitsReticleWithinRange(design, monolithic, 1);
  return fits
    ? ` ${fits.overestimated}: erring as much here, the ${formatMm2(monolithic)} would be ${formatMm2(fits.lowMm2)}, one die within the reticle. If the design is one die, state \`chiplets: 1\`: it is then modelled as one die of the modelled area.`
    : '';
}

/** The chip's own board-mounted memory when its bus is wider than any shipped (WIDEST_SHIPPED_X32_CHANNELS). Cheap: explore asks it per point. */
/**
 * What sets a bus wider than any shipped (the devices the capacity needs, two to a channel, or the
 * channels the bandwidth needs: a review's 500 GB/s of GDDR6X was blamed for 23 channels that
 * its 96 GB set), and the HBM3 stacks that hold both.
 */
function memoryBusMessage(wide: OffChipMemorySpec): string {
  const tech = MEMORY_TECHNOLOGY_TABLE[wide.technology];
  const forBandwidth = unitsForBandwidth(tech, wide.bandwidthBytesPerSecond);
  const cause =
    forBandwidth >= wide.interfaces
      ? `${formatBandwidth(wide.bandwidthBytesPerSecond)} of ${wide.technology} takes ${wide.interfaces} x32 channels`
      : `${formatBytes(wide.capacityBytes)} of ${wide.technology} takes ${wide.stacks} devices of ${formatBytes(tech.bytesPerStack)}, ${wide.interfaces} x32 channels at two a channel (its ${formatBandwidth(wide.bandwidthBytesPerSecond)} would take ${forBandwidth})`;
  const hbm3 = MEMORY_TECHNOLOGY_TABLE.hbm3;
  const stacks = Math.max(unitsForCapacity(hbm3, wide.capacityBytes), stacksForBandwidth(hbm3, 1, wide.bandwidthBytesPerSecond));
  return `${cause}, a ${groupThousands(wide.interfaces * 32)}-bit bus: the widest shipped on one die is ${WIDEST_SHIPPED_X32_CHANNELS * 32} bits (${WIDEST_SHIPPED_X32_CHANNELS} channels). Their PHYs need more die edge than the area model checks, and a board that holds that many devices. HBM3 holds that capacity at that bandwidth in ${stacks} stack${stacks === 1 ? '' : 's'}.`;
}

export function memoryBusBeyondShipped(design: DesignPoint): OffChipMemorySpec | undefined {
  const own = design.silicon?.spec.memory;
  return own && !MEMORY_TECHNOLOGY_TABLE[own.technology].stacked && own.interfaces > WIDEST_SHIPPED_X32_CHANNELS ? own : undefined;
}

/** Of capacity and bandwidth, the one that sets a derived stack count (capacity: 288 GB takes 8 stacks where 4.8 TB/s takes 4). */
function stacksSetBy(design: DesignPoint): 'chip.memory.capacity' | 'chip.memory.bandwidth' {
  const own = design.silicon?.spec.memory;
  if (!own) return 'chip.memory.bandwidth';
  const tech = MEMORY_TECHNOLOGY_TABLE[own.technology];
  return unitsForCapacity(tech, own.capacityBytes) > unitsForBandwidth(tech, own.bandwidthBytesPerSecond)
    ? 'chip.memory.capacity'
    : 'chip.memory.bandwidth';
}

/**
 * HBM stacks that do not fit beside the dies as their logic sizes them, each taking its PHY edge
 * along a die edge (model/silicon/area.ts: all four edges, a generous bound): the dies that
 * carry them are grown to the edge they need, or the chip is split into more, smaller dies when
 * that costs less (or when no die within the reticle has the edge). The jalapeno
 * preset's 4 HBM3 stacks fit beside its 204 mm² (one on each edge needs 154 mm²); 8 beside a
 * 295 mm² die do not. Undefined when they fit.
 */
export function shorelineShort(design: DesignPoint):
  | {
      stacks: number;
      technology: string;
      edgeMm: number;
      /** One die as its logic sizes it, mm². */
      logicDieMm2: number;
      /** A die that carries stacks as grown for them (0 when none is grown), and how many are. */
      grownDieMm2: number;
      grownDies: number;
      stacksPerDie: number;
      chiplets: number;
      /** Why more chiplets than the logic needs (when the count is not stated): no reticle-sized die has the edge, or the split costs less than padding. */
      split?: 'reticle' | 'cheaper';
    }
  | undefined {
  const s = design.silicon;
  const shore = s?.area.shoreline;
  if (!s || !shore) return undefined;
  const area = s.area;
  const estimated = estimatedMm2(area);
  const forLogic = fewestChiplets(estimated - area.dieToDieMm2);
  const unstated = s.spec.chiplets === undefined;
  const split = unstated && area.fewestChiplets > forLogic ? 'reticle' : unstated && area.chiplets > forLogic ? 'cheaper' : undefined;
  if (area.shorelinePadMm2 <= 0 && !split) return undefined;
  return {
    stacks: shore.stacks,
    technology: shore.technology,
    edgeMm: shore.edgeMm,
    logicDieMm2: estimated / area.chiplets,
    grownDieMm2: area.shorelinePadMm2 > 0 ? area.shorelineDieMm2 : 0,
    grownDies: area.shorelinePadMm2 > 0 ? area.shorelineDies : 0,
    stacksPerDie: stacksPerDie(shore.stacks, area.chiplets),
    chiplets: area.chiplets,
    ...(split ? { split } : {}),
  };
}

function shorelineMessage(shore: NonNullable<ReturnType<typeof shorelineShort>>): string {
  const { stacks, technology, edgeMm, chiplets, stacksPerDie: perDie } = shore;
  const edge = `${edgeMm} mm of PHY edge each, on all four edges: a generous bound, with none left for links or host I/O`;
  const beside = `${perDie} stack${perDie === 1 ? '' : 's'} beside ${chiplets > stacks ? `each of ${stacks}` : 'each'}`;
  const split =
    shore.split === 'reticle'
      ? `No die within the reticle has the edge for all ${stacks} ${technology} stacks (${edge}), so the chip is built as ${chiplets} chiplets, ${beside}. `
      : shore.split === 'cheaper'
        ? `${stacks} ${technology} stacks (${edge}) do not fit beside the die its logic needs: the chip is built as ${chiplets} chiplets of ${formatMm2(shore.logicDieMm2)} of logic, ${beside}, the cheaper split against padding fewer dies (smaller dies have more edge per mm²; \`chip.silicon.chiplets\` states another). `
        : `${stacks} ${technology} stack${stacks === 1 ? '' : 's'} (${edge}) ${stacks === 1 ? 'does' : 'do'} not fit beside ${chiplets > 1 ? `${chiplets} dies of ${formatMm2(shore.logicDieMm2)}` : `a ${formatMm2(shore.logicDieMm2)} die`}. `;
  const which =
    shore.grownDies === 1
      ? chiplets > 1
        ? 'The die that carries them is'
        : 'The die is'
      : `The ${shore.grownDies} dies that carry them are each`;
  const grown =
    shore.grownDies > 0
      ? `${which} grown from the ${formatMm2(shore.logicDieMm2)} its logic needs to ${formatMm2(shore.grownDieMm2)}, the least whose four edges take ${perDie} stack${perDie === 1 ? '' : 's'}: the padding is priced with the die${shore.grownDies > 1 ? 's' : ''} (wafer area and yield) and draws no leakage. `
      : '';
  return `${split}${grown}Shipped parts: H100 has 6 sites beside its 814 mm² die, B200 8 stacks beside two reticle-sized dies. Fewer, faster stacks (or denser ones) need less edge.`;
}

/** Whether a chip's package holds HBM stacks beside its dies. */
export function hasMemoryStacks(design: DesignPoint): boolean {
  const spec = design.silicon?.spec;
  return spec !== undefined && stackedMemories(spec).length > 0;
}

/** What sits on a chip's interposer: its dies, and its HBM stacks when it has any. */
export function onInterposer(design: DesignPoint): string {
  return hasMemoryStacks(design) ? 'dies and memory stacks' : 'dies';
}

/** One chip's silicon, or the interposer its dies and memory stacks need, is larger than a whole wafer. */
export function beyondWafer(design: DesignPoint): boolean {
  const s = design.silicon;
  return s !== undefined && Math.max(s.area.totalMm2, s.modelled.interposerMm2) > WAFER_SCALE_LIMIT_MM2;
}

const formatBandwidth = (bytesPerSecond: number) => `${+(bytesPerSecond / 1e12).toPrecision(3)} TB/s`;

/** Share of the die above which the FP64 the default lane carries is said (as the SRAM's kind is at SRAM_KIND_NOTE_SHARE). */
const FP64_NOTE_SHARE = 0.05;

/**
 * The FP64 units the default lane carries (A100's half rate), where `fp64_rate` is not stated and
 * they are a share of the die worth a word: an inference ASIC's vector units rarely have them.
 */
function fp64ByDefault(design: DesignPoint): string | undefined {
  const s = design.silicon;
  const vectorMm2 = s?.area.components.find((c) => c.id === 'vector')?.mm2 ?? 0;
  if (!s || !(vectorMm2 > 0) || s.spec.fp64Rate === 0) return undefined;
  // Built as the design itself is (fromConfig.ts): a die its HBM stacks would pad takes the
  // cheaper of padding and a split, so the what-if is priced as setting the key would price it
  // (a review: "$15,868 instead of $15,799, one die" where `fp64_rate: 0` gives 4 chiplets, $15,551).
  const spec = { ...s.spec, fp64Rate: 0 };
  const without = dieArea(spec, (candidate) => chipPrice(spec, candidate, s.economics).priceUsd);
  const savedMm2 = s.area.totalMm2 - without.totalMm2;
  if (savedMm2 / s.area.totalMm2 < FP64_NOTE_SHARE) return undefined;
  const withoutVectorMm2 = without.components.find((c) => c.id === 'vector')!.mm2;
  const priceUsd = chipPrice(spec, without, s.economics).priceUsd;
  // Fewer mm² can be one die where this chip had to be split: it then yields less, and costs more.
  const dearer =
    priceUsd > s.modelled.priceUsd && without.chiplets < s.area.chiplets
      ? `: it is ${without.chiplets === 1 ? 'one die' : `${without.chiplets} chiplets`} within the reticle where this chip is ${s.area.chiplets} chiplets, and yields less (\`chiplets-cheaper\` says where a split would still cost less)`
      : '';
  return `Without FP64 in its vector lanes this die would be ${formatMm2(without.totalMm2)} instead of ${formatMm2(s.area.totalMm2)} (${formatPercent(savedMm2 / s.area.totalMm2)} less), priced at ${dollars(priceUsd)} instead of ${dollars(s.modelled.priceUsd)}${dearer}. \`chip.silicon.fp64_rate\` is not stated, so each lane carries half an FP64 FPU (A100's rate): ${formatMm2(vectorMm2)} of vector units, where lanes without FP64, as an inference chip's usually are, take ${formatMm2(withoutVectorMm2)}. State \`fp64_rate\`: 0 for none, 1/64 (\`0.015625\`) for GA102's and Ada's two FP64 units per SM.`;
}

/** Below this share of what the stated stacks give, the bandwidth reads as a slip, not a design. */
const STACKS_IDLE_SHARE = 0.1;

/**
 * Stated stacks asked for a tenth of their rate or less: a prefix slip (a review's \`4.8 GB/s\` on
 * 6 HBM3 stacks, meant as 4.8 TB/s, was valid and surfaced only as an unreachable SLO). The
 * thousandfold reading is offered where the stacks give it.
 */
function stacksMostlyIdle(
  stated: number,
  own: { technology: keyof typeof MEMORY_TECHNOLOGY_TABLE; bandwidthBytesPerSecond: number },
): { message: string; meant?: string } | undefined {
  const tech = MEMORY_TECHNOLOGY_TABLE[own.technology];
  const gives = stated * tech.bandwidthPerStack;
  const asked = own.bandwidthBytesPerSecond;
  if (!(asked > 0) || asked >= STACKS_IDLE_SHARE * gives) return undefined;
  const thousandfold = asked * 1000;
  // As far as the stated stacks run (their 2 % past the bin, as stacksForBandwidth reads them).
  const meant = thousandfold <= gives * STACK_BANDWIDTH_HEADROOM ? si(thousandfold, 'B/s') : undefined;
  const unit = tech.stacked ? 'stack' : 'device';
  return {
    message: `${stated} ${own.technology} ${unit}${stated === 1 ? ' gives' : 's give'} up to ${si(gives, 'B/s')}; \`bandwidth: ${si(asked, 'B/s')}\` runs ${stated === 1 ? 'it' : 'them'} at ${formatPercent(asked / gives)} of that.${meant ? ` Did you mean \`${meant}\`?` : ''} The value is used as written.`,
    ...(meant ? { meant } : {}),
  };
}

/** Below this share of the die the SRAM's construction moves the area too little to mention. */
const SRAM_KIND_NOTE_SHARE = 0.25;

/**
 * A large SRAM left at the default kind is priced as a GPU's L2; a software-managed scratchpad
 * of the same capacity is several times smaller, and the user may not know the key exists.
 */
function sramAsCache(
  area: { components: readonly { id: string; mm2: number }[]; totalMm2: number },
  spec: SiliconSpec,
): string | undefined {
  const sramMm2 = area.components.find((c) => c.id === 'sram')?.mm2 ?? 0;
  if (spec.sramKind !== 'cache' || !(area.totalMm2 > 0) || sramMm2 / area.totalMm2 < SRAM_KIND_NOTE_SHARE) return undefined;
  const node = PROCESS_NODE_TABLE[spec.process];
  // Spare units add to the SRAM as to every replicated array (area.ts).
  const asScratchpad =
    spec.sram.reduce(
      (sum, l) => sum + sramMm2Of(l.capacityBytes, l.bandwidthBytesPerSecond, spec.clockHz, node, SRAM_BANK_BYTES, 'scratchpad').mm2,
      0,
    ) *
    (1 + spec.spareFraction);
  return `The SRAM takes ${formatMm2(sramMm2)}, ${Math.round((100 * sramMm2) / area.totalMm2)} % of the silicon, modelled as a hardware-managed cache (a GPU L2's density: tags, ECC and request logic beside the arrays). If it is a software-managed scratchpad (placed by the compiler, no tags), write \`chip.silicon.sram_kind: scratchpad\`: ${formatMm2(asScratchpad)} (${SCRATCHPAD_BITCELL_FACTOR}x the bit cell, from Graphcore's GC200; docs/silicon.md).`;
}

/**
 * What is said of the design's NRE: a volume below one system's chips (a warning, also where
 * `infos` is false, as `explore` asks of every point), a given price that leaves it out, and a
 * modelled price that counts it twice or not at all: a vendor's margin pays for the design, so
 * `nre` beside one may count it twice; at a 0 % margin (built in house) without `nre` the price is
 * the chip's manufacture alone (an architect's question: what does our own chip cost?).
 */
function designCostNotes(
  design: DesignPoint,
  config: Config,
  infos: boolean,
): { severity: 'info' | 'warning'; code: string; path: string; message: string }[] {
  const { margin, nre, volume } = config.cost.silicon;
  const price = design.silicon?.modelled;
  if (!price) return [];
  const out: { severity: 'info' | 'warning'; code: string; path: string; message: string }[] = [];
  // Fewer chips than one system holds: the NRE of a chip nobody could build (a new user's volume 1 priced a chip at 300 M USD).
  if (nre > 0 && volume < design.system.chips)
    out.push({
      severity: 'warning',
      code: 'volume-below-system',
      path: 'cost.silicon.volume',
      message: `\`volume\` (${groupThousands(volume)}) is fewer chips than this system's ${groupThousands(design.system.chips)}: the design's NRE spread over it is ${formatUsd(price.nreUsd)} a chip. \`volume\` counts every chip the design is built in, across all its systems.`,
    });
  if (!infos) return out;
  if (design.economics.priceSource === 'given' && nre > 0)
    out.push({
      severity: 'info',
      code: 'design-cost-unused',
      path: 'cost.silicon.nre',
      message: `\`cost.chip_price\` is given, so the price used is it, whatever \`nre\`, \`volume\` and \`margin\` say: the modelled price beside it (with ${formatUsd(price.nreUsd)} of design a chip) is for comparison. Leave \`chip_price\` out to price the chip built in house.`,
    });
  if (design.economics.priceSource !== 'modelled') return out;
  if (margin === 0 && nre === 0)
    out.push({
      severity: 'info',
      code: 'design-cost-not-counted',
      path: 'cost.silicon.margin',
      message: `At a 0 % margin (built in house) the modelled price, ${formatUsd(price.priceUsd)}, is what making the chip costs, with its server share; what designing it costs is not counted. Give it as \`cost.silicon.nre\` (a 7 nm tapeout "can easily exceed $30M all-in", a 3 nm full-mask one "$100M+": siliconanalysts.com), spread over \`cost.silicon.volume\`, the chips built (now ${groupThousands(volume)}).`,
    });
  if (margin > 0 && nre > 0)
    out.push({
      severity: 'info',
      code: 'design-cost-twice',
      path: 'cost.silicon.nre',
      message: `\`nre\` adds ${formatUsd(price.nreUsd)} a chip on top of the ${formatPercent(margin)} margin, and a vendor's margin is what pays for its designs: the design may be counted twice. Set \`cost.silicon.margin: 0\` for a chip built in house; at a vendor's margin leave \`nre\` out, unless the vendor bills the design apart (a custom-silicon deal's NRE) and the margin is its unit margin alone.`,
    });
  return out;
}

/** The preset that gave `cost.chip_price`. */
export function presetOfPrice(origins: ReadonlyMap<string, SourceRef>): string | undefined {
  const price = origins.get('cost.chip_price');
  return price?.kind === 'preset' ? price.presetId : undefined;
}
