// Checking a merged source tree against the schema: types, units, ranges, unknown keys.
// The output is a typed `Config` in SI units with defaults filled, a map from every path
// to where its value came from (for hovers), and diagnostics at the exact ranges.

import { atLeastAsWide, DTYPES, widest, type Dtype } from '../dtypes';
import { isWritten, type Diagnostic, type QuickFix, type SourceRef, type TextRange } from '../diagnostics';
import { parseConstraint, parseObjective } from '../explore/objectives';
import { dimensionFor } from '../explore/varySpec';
import {
  decimalReading,
  DIMENSIONS,
  groupedThousands,
  formatQuantity,
  parseFraction,
  parseQuantity,
  suggestedUnits,
  unitRepairs,
  type Dimension,
} from '../units';
import { aliasOf, aliasTarget, closest, isLikelyTypo, withColon } from './closest';
import { fitsKey } from './examples';
import { bytesReading, unitSlip } from './unitSlip';
import {
  chipConfigSchema,
  DERIVED_CHIPS,
  DERIVED_TENSOR_PARALLEL,
  ENTRY_NAME,
  schemaAt,
  LENGTH_DISTRIBUTIONS,
  LENGTH_FIELDS,
  MAX_LENGTH_TOKENS,
  type Config,
  type DtypeMapNode,
  type LengthDistribution,
  type NamedSectionsNode,
  type Typical,
  type SchemaNode,
  type SectionNode,
  type TextListNode,
} from './schema';
import { isExplicitNull, nodeFromText, type SourceNode } from './tree';
import {
  MEMORY_TECHNOLOGY_TABLE,
  memoryStacks,
  stacksForBandwidth,
  unitsForCapacity,
  type MemoryTechnology,
} from '../silicon/memoryTechnologies';
import { findPreset, presetIds } from '../presets';
import { clippedLognormalMean } from '../serving/lengths';
import { formatBandwidth, formatBytes } from '../report/format';

export interface Validated {
  config: Config;
  /** Where each leaf value came from, by dotted path. */
  origins: Map<string, SourceRef>;
  diagnostics: Diagnostic[];
}

/**
 * The keys each derivation below reads and writes, as dotted prefixes: a value of one may change
 * another's (explore validates varied keys of one set in combination, model/explore/joint.ts).
 * Kept beside the derivations: one added here reads or writes keys listed with them.
 */
export const DERIVED_TOGETHER: readonly (readonly string[])[] = [
  // deriveParallelism
  ['system.chips', 'system.tensor_parallel', 'system.pipeline_parallel'],
  // derivePrecision
  ['chip.matrix.peak', 'chip.matrix.macs_per_cycle', 'workload.precision'],
  // deriveMemoryEnergy, deriveMemoryFromStacks
  ['chip.memory.technology', 'chip.memory.stacks', 'chip.memory.capacity', 'chip.memory.bandwidth', 'chip.energy.memory'],
];

export function validateConfig(tree: SourceNode | undefined): Validated {
  const v = new Validator();
  const config = v.section(chipConfigSchema as SectionNode, tree, []) as Config;
  deriveParallelism(config, v.origins);
  derivePrecision(config, v.origins);
  deriveMemoryEnergy(config, v.origins);
  const resized = deriveMemoryFromStacks(config, v.origins);
  if (resized) v.diagnostics.push(resized);
  return { config, origins: v.origins, diagnostics: v.diagnostics };
}

/**
 * The precision defaults (bf16) on matrix units with no format at least as wide (an int8-only
 * ASIC) read as the units' widest format, weights and KV cache with it: a bf16 default there
 * would be a format the chip cannot compute in (model/checks.ts makes a written one an error),
 * and the header said bf16 while the work ran in int8. A format written is kept.
 */
function derivePrecision(config: Config, origins: Map<string, SourceRef>): void {
  const m = config.chip.matrix;
  const has = (d: Dtype) => (m.macs_per_cycle?.[d] ?? 0) > 0 || (m.peak?.[d] ?? 0) > 0;
  const p = config.workload.precision;
  const isDefault = (key: string) => origins.get(`workload.precision.${key}`)?.kind === 'default';
  if (!isDefault('activations') || has(p.activations) || atLeastAsWide(p.activations, has)) return;
  const own = widest(has);
  if (!own) return;
  for (const key of ['weights', 'activations', 'kv_cache'] as const) {
    if (!isDefault(key)) continue;
    p[key] = own;
    origins.set(`workload.precision.${key}`, {
      kind: 'default',
      source: `the matrix units' widest format: they have no bf16 (${DTYPES.filter(has).join(', ')} only)`,
    });
  }
}

/**
 * `chip.energy.memory` not written is the chip's memory technology's figure (GDDR6 7.5 pJ/bit,
 * HBM3 4.5, ...): one HBM2 figure for every technology made a GDDR6 or LPDDR5 design cost the
 * same joules per byte as HBM, and an exploration over the technology saw no energy trade. A
 * preset's figure describes the preset's memory: a technology written over it takes its own.
 */
function deriveMemoryEnergy(config: Config, origins: Map<string, SourceRef>): void {
  const technology = config.chip.memory.technology;
  const energy = origins.get('chip.energy.memory')?.kind;
  const fromTechnology = energy === 'default' || (energy === 'preset' && isWritten(origins.get('chip.memory.technology')));
  if (technology === 'none' || !fromTechnology) return;
  const t = MEMORY_TECHNOLOGY_TABLE[technology];
  config.chip.energy.memory = t.joulesPerBit * 8;
  origins.set('chip.energy.memory', { kind: 'default', source: `${technology} (\`chip.memory.technology\`): ${t.energySource}` });
}

/**
 * `chip.memory.stacks` (or `technology`) sets the capacity and bandwidth it implies where the
 * file does not state them: not written at all, or a preset's, which describes the preset's own
 * stacks. Per stack, a preset's figure carries over to more or fewer stacks of its technology
 * (the H100's 80 GiB on 5 stacks is 16 GiB a stack: 6 stacks are 96 GiB, and at 5 the preset's
 * own figure, so a sweep passes through it); another technology, or no preset, takes the
 * technology's per-stack figures, the ones the default stack count reads. Before, `technology:
 * hbm3e, stacks: 16` was an error whose fix suggested the H100's 3.35 TB/s, and `stacks: 8` over
 * a preset grew the die and price while the memory stayed the preset's.
 */
function deriveMemoryFromStacks(config: Config, origins: Map<string, SourceRef>): Diagnostic | undefined {
  const m = config.chip.memory;
  if (m.technology === 'none' || m.stacks === undefined) return undefined;
  const replaced: { key: 'capacity' | 'bandwidth'; presetId: string; was: number; technology: MemoryTechnology }[] = [];
  // Restating the preset's own stacks and technology resizes nothing (an architect's review:
  // `stacks: 4` over jalapeno's 4 turned its 96 GB into 144 GB at a bandwidth that needed 6).
  const ownPreset = [origins.get('chip.memory.capacity'), origins.get('chip.memory.bandwidth')].find((o) => o?.kind === 'preset');
  const preset = ownPreset?.kind === 'preset' ? presetMemory(ownPreset.presetId) : undefined;
  const restated = preset !== undefined && preset.stacks === m.stacks && preset.technology === m.technology;
  const resized = !restated && (isWritten(origins.get('chip.memory.stacks')) || isWritten(origins.get('chip.memory.technology')));
  const t = MEMORY_TECHNOLOGY_TABLE[m.technology];
  const table = { capacity: t.bytesPerStack, bandwidth: t.bandwidthPerStack };
  const unit = t.stacked ? 'stacks' : 'x32 devices, each on a channel of its own,';
  const show = { capacity: (x: number) => formatBytes(x), bandwidth: (x: number) => formatBandwidth(x) };
  const presetOf = (key: 'capacity' | 'bandwidth') => {
    const origin = origins.get(`chip.memory.${key}`);
    return origin?.kind === 'preset' && resized ? origin.presetId : undefined;
  };
  const derives = (key: 'capacity' | 'bandwidth') => m[key] === undefined || presetOf(key) !== undefined;
  // A stated bandwidth more than the count gives is built with the stacks it needs (the die is:
  // stacksForBandwidth), so a capacity derived from the count is theirs. Before, jalapeno with
  // `technology: gddr6x` and 4.8 TB/s had 57 devices' PHYs on the die and 4 devices' 8.59 GB.
  // And a stated capacity more than the count holds, a bandwidth derived from it: the stacks the
  // capacity needs (a new user's `stacks: 2` with 200 GB was priced for 8 stacks and ran at 2's 1.64 TB/s).
  const forBandwidth = derives('capacity') && !derives('bandwidth');
  const forCapacity = derives('bandwidth') && !derives('capacity');
  const stacks = forBandwidth
    ? stacksForBandwidth(t, m.stacks, m.bandwidth!)
    : forCapacity
      ? Math.max(m.stacks, unitsForCapacity(t, m.capacity!))
      : m.stacks;
  const raised =
    stacks > m.stacks
      ? ` (raised from ${m.stacks} for the ${forBandwidth ? `${show.bandwidth(m.bandwidth!)} bandwidth` : `${show.capacity(m.capacity!)} capacity`})`
      : '';
  for (const key of ['capacity', 'bandwidth'] as const) {
    const path = `chip.memory.${key}`;
    const presetId = presetOf(key);
    if (!derives(key)) continue;
    const preset = presetId !== undefined ? presetMemory(presetId) : undefined;
    const perStack = preset && preset.technology === m.technology ? preset[key] / preset.stacks : table[key];
    const from =
      preset && preset.technology === m.technology
        ? `as the ${presetId} preset's ${show[key](preset[key])} on ${preset.stacks}`
        : `the ${m.technology} table's largest, fastest part`;
    if (preset && presetId && preset.technology !== m.technology)
      replaced.push({ key, presetId, was: preset[key], technology: preset.technology });
    m[key] = stacks * perStack;
    origins.set(path, {
      kind: 'default',
      fromStacks: true,
      source: `from \`chip.memory.stacks\`: ${stacks}${raised} ${m.technology} ${unit} x ${show[key](perStack)} a stack, ${from}`,
    });
  }
  // Another technology over a preset replaces the preset's capacity and bandwidth, which were its
  // own technology's: said where the technology is written (an H100 with `technology: hbm3e`
  // became 193 GB at 6.14 TB/s, priced at $60,102, with no word of the memory).
  const technology = origins.get('chip.memory.technology');
  if (replaced.length === 0 || !technology || !isWritten(technology)) return undefined;
  const { presetId, technology: was } = replaced[0]!;
  const now = replaced.map((r) => show[r.key](m[r.key]!)).join(' at ');
  const before = replaced.map((r) => show[r.key](r.was)).join(' at ');
  return {
    severity: 'info',
    code: 'memory-from-technology',
    path: 'chip.memory.technology',
    ...(technology.kind === 'file' ? { at: { file: technology.file, range: technology.range } } : {}),
    message: `\`technology: ${m.technology}\` over \`${presetId}\` re-derives its memory from its ${stacks} ${unit.split(',')[0]}${raised}: ${now}, the ${m.technology} table's largest, fastest part, where the preset's ${was} gave ${before}. Write \`chip.memory.${replaced.map((r) => r.key).join('` and `chip.memory.')}\` for other figures.`,
  };
}

/** A chip preset's memory as numbers: its technology (the schema's default where it names none) and its stacks (derived where not stated). */
function presetMemory(id: string): { technology: MemoryTechnology; stacks: number; capacity: number; bandwidth: number } | undefined {
  const memory = (findPreset('chip', id)?.config as { chip?: { memory?: Record<string, unknown> } } | undefined)?.chip?.memory;
  const capacity = memory && parseQuantity(memory.capacity as string, 'bytes');
  const bandwidth = memory && parseQuantity(memory.bandwidth as string, 'bandwidth');
  if (!capacity?.ok || !bandwidth?.ok) return undefined;
  const technology = ((memory!.technology as MemoryTechnology | undefined) ?? 'hbm3') as MemoryTechnology;
  const stacks =
    (memory!.stacks as number | undefined) ?? memoryStacks(MEMORY_TECHNOLOGY_TABLE[technology], capacity.value, bandwidth.value);
  return { technology, stacks, capacity: capacity.value, bandwidth: bandwidth.value };
}

/**
 * Every chip serves one shard (chips = tensor_parallel x pipeline_parallel): where one side is
 * written and the other is left to its default, the default follows what is written. `chips: 8`
 * alone is 8-way tensor parallel (a default of 1 made it an error, and a sweep of `system.chips`
 * could never run); `tensor_parallel: 4` alone is 4 chips. Both written and unequal is still the
 * parallelism-mismatch error (model/checks.ts).
 */
function deriveParallelism(config: Config, origins: Map<string, SourceRef>): void {
  const s = config.system;
  const written = (key: string) => {
    const o = origins.get(`system.${key}`);
    return o !== undefined && o.kind !== 'default';
  };
  if (written('chips') && !written('tensor_parallel') && s.chips % s.pipeline_parallel === 0) {
    s.tensor_parallel = s.chips / s.pipeline_parallel;
    origins.set('system.tensor_parallel', { kind: 'default', source: `${DERIVED_TENSOR_PARALLEL}: every chip serves one shard` });
  } else if (!written('chips') && (written('tensor_parallel') || written('pipeline_parallel'))) {
    s.chips = s.tensor_parallel * s.pipeline_parallel;
    origins.set('system.chips', { kind: 'default', source: `${DERIVED_CHIPS}: every chip serves one shard` });
  }
}

/** Warnings of a value that is likely a unit slip (a prefix off, bits for bytes): said wherever a value is written (`--set`, `explore.vary`, `--vary`). */
export const SLIP_CODES: ReadonlySet<string> = new Set(['unit-slip', 'bits-for-bytes']);

class Validator {
  readonly origins = new Map<string, SourceRef>();
  readonly diagnostics: Diagnostic[] = [];

  section(schema: SectionNode, tree: SourceNode | undefined, path: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (tree && tree.kind !== 'map') {
      const colon = missingColon(schema, tree);
      const expanded = colon ?? expandedSection(schema, tree);
      const fixes: QuickFix[] =
        expanded && tree.source.kind === 'file'
          ? [
              {
                title: `${colon ? 'Change to' : 'Expand to'} \`${expanded}\``,
                file: tree.source.file,
                range: tree.source.range,
                newText: expanded,
              },
            ]
          : [];
      this.report(
        tree,
        path,
        'error',
        'expected-mapping',
        colon
          ? `\`${(tree as { value: string }).value}\` has no \`: \` after its key, so YAML reads it as \`${path.join('.')}\`'s value, where \`${path.join('.')}\` is a section of keys. Did you mean \`${colon}\`?`
          : `\`${path.join('.') || 'the config'}\` is a section: expected keys below it, such as ${Object.keys(schema.fields)
              .slice(0, 3)
              .map((k) => `\`${k}\``)
              .join(', ')}.${expanded ? ` Did you mean \`${expanded}\`?` : ''}${path.join('.') === 'chip' ? chipPresetHint(tree) : ''}`,
        fixes,
      );
      // The section's own keys are then not each "required": this error is where it went wrong.
      this.origins.set(path.join('.'), { kind: 'default', source: 'a section written as a value', replaced: true });
      tree = undefined;
    }
    if (tree) this.origins.set(path.join('.'), tree.source);
    const commas = tree?.kind === 'map' ? decimalCommas(tree) : new Map<string, DecimalComma>();
    for (const [key, node] of Object.entries(schema.fields)) {
      const comma = commas.get(key);
      if (comma) {
        const { file, range, meant, written, thousands } = comma;
        const [head, ...rest] = written.split(',');
        this.report(
          { kind: 'scalar', value: written, source: { kind: 'file', file, range } },
          [...path, key],
          'error',
          thousands ? 'thousands-comma' : 'decimal-comma',
          `\`${written}\`: in \`{ }\` a comma separates entries, so this reads as \`${key}: ${head}\` and a key \`${rest.join(',').trim()}\`. ${thousands ? `For thousands, write \`${meant}\` (or quote it, \`"${written}"\`)` : `For a decimal, write a point: \`${meant}\``}.`,
          [{ title: `Write \`${meant}\``, file, range, newText: meant }],
        );
        this.fallback(node, [...path, key], true);
        continue;
      }
      const value = this.value(node, tree?.kind === 'map' ? tree.entries.get(key) : undefined, [...path, key]);
      if (value !== undefined) out[key] = value;
    }
    const tails = new Set([...commas.values()].map((c) => c.tailKey));
    if (tree?.kind === 'map') {
      // Targets an earlier key of this mapping is already offered a rename to (`TDP` and `power` both mean `tdp`).
      const claimed = new Map<string, string>();
      for (const [key, child] of tree.entries) {
        if (Object.hasOwn(schema.fields, key) || tails.has(key)) continue;
        const spelt = misspelling(key, child, tree, Object.keys(schema.fields), claimed);
        const { suggestion, fixes } = spelt;
        // `hbm_stacks: 8` for `stacks`: the known key is one of its words and the value is one it
        // takes, as likely meant as a typo (`tdp_note: "…"` is a note, not a TDP).
        const worded =
          spelt.renamable &&
          key
            .toLowerCase()
            .split(/[_\-\s]+/)
            .includes(suggestion!) &&
          couldBe(schema.fields[suggestion!]!, child);
        const typo = spelt.typo || worded;
        const earlier = suggestion === undefined ? undefined : claimed.get(suggestion);
        if (fixes.length) claimed.set(suggestion!, key);
        const where = path.length ? `\`${path.join('.')}\`` : 'the top level';
        // A key the schema has in one other place is as likely a slip as a typo: its value is not
        // used there either. Not a top-level key (`name` under `chip` is a label, the file's own
        // `name` is elsewhere), nor a value that key would not take.
        const places = suggestion ? [] : elsewhereCandidates(key, path);
        const target = places.length === 1 ? places[0]! : undefined;
        const misplaced = target && target.includes('.') && couldBe(schemaAt(target.split('.'))!, child) ? target : undefined;
        // A path given on the command line (`--set chip.memory.bw=6 TB/s`) was meant to change
        // the design: unknown, it changed nothing, and a script's what-if would read the design
        // as written as its answer (an architect's review).
        const commanded = child.source.kind === 'override';
        const consequence = typo
          ? ` As written, \`${suggestion}\` keeps its inherited or default value: every result is marked not valid until this is fixed.`
          : misplaced
            ? ` As written, its value is not used and \`${misplaced}\` keeps its inherited or default value: every result is marked not valid until this is fixed.`
            : commanded
              ? ' The override changes nothing: every result is marked not valid until it names a key.'
              : '';
        this.report(
          child,
          [...path, key],
          'warning',
          'unknown-key',
          `Unknown key \`${key}\` in ${where}${suggestion ? `; did you mean \`${suggestion}\`?` : '.'}${earlier ? ` \`${earlier}\` above is offered the rename to \`${suggestion}\`: keep one of the two.` : ''}${suggestion ? '' : elsewhere(places)}${consequence} Known keys: ${Object.keys(schema.fields).join(', ')}.`,
          fixes,
          true,
          typo || misplaced !== undefined || commanded,
        );
      }
    }
    return out;
  }

  value(node: SchemaNode, tree: SourceNode | undefined, path: string[]): unknown {
    const dotted = path.join('.');
    if (node.kind === 'section') return this.section(node, tree, path);
    if (node.kind === 'namedSections') return this.namedSections(node, tree, path);
    if (node.kind === 'reference' && node.inline && tree?.kind === 'map') return this.section(node.inline, tree, path);
    // No `runtime:` (or an unknown preset id, already reported and dropped): the generic runtime, the section's defaults.
    if (node.kind === 'reference' && node.inline && node.presetKind === 'runtime' && tree?.kind !== 'map')
      return this.section(node.inline, undefined, path);
    // `null` written unsets a key: it removes an inherited value (mergeTrees), and where none is
    // inherited it is the key not given (`chip_price: null` over a preset that states no price).
    if (tree === undefined || (tree.kind === 'scalar' && tree.value === null)) {
      if (tree && !isExplicitNull(tree)) this.report(tree, path, 'error', 'missing-value', `\`${path.at(-1)}\` has no value.`, [], true);
      return this.fallback(node, path);
    }
    this.origins.set(dotted, tree.source);
    const parsed = this.parse(node, tree, path);
    if (parsed !== undefined) return parsed;
    // An invalid value is reported where it is written and replaced by what it replaced (the
    // preset's or the extended file's), else by the documented default, so the rest of the design
    // can still be checked: a `tdp: 300 kW` over `extends: jalapeno` hid the config's other
    // errors until it was fixed (a new user's review). Nothing that reads it is evaluated while it stands.
    const replaced = tree.kind === 'scalar' ? tree.inherited : undefined;
    const inherited = replaced && this.quietly(() => this.parse(node, replaced, path));
    if (inherited !== undefined) {
      this.origins.set(dotted, {
        kind: 'default',
        source: `the value the written one replaced (${sourceName(replaced!.source)})`,
        replaced: true,
      });
      return inherited;
    }
    return this.fallback(node, path, true);
  }

  /** Each entry validated as its section; a name that is not an identifier or is reserved is an error at the name. */
  namedSections(node: NamedSectionsNode, tree: SourceNode | undefined, path: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (tree === undefined || (tree.kind === 'scalar' && tree.value === null)) return out;
    if (tree.kind !== 'map') {
      this.report(
        tree,
        path,
        'error',
        'expected-mapping',
        `\`${path.join('.')}\` names its entries: expected e.g. \`${path.at(-1)}: { host_ddr: { capacity: 512 GB, bandwidth: 64 GB/s } }\`.`,
      );
      return out;
    }
    this.origins.set(path.join('.'), tree.source);
    for (const [name, child] of tree.entries) {
      const reserved = Object.hasOwn(node.reserved, name) ? node.reserved[name] : undefined;
      if (reserved !== undefined) {
        this.report(
          child,
          [...path, name],
          'error',
          'reserved-name',
          `\`${name}\` cannot be declared here: ${reserved}. Give this level another name.`,
          [],
          true,
        );
        continue;
      }
      if (!ENTRY_NAME.test(name)) {
        this.report(
          child,
          [...path, name],
          'error',
          'bad-name',
          `\`${name}\` is not a usable name: lower-case letters, digits and \`_\`, starting with a letter (e.g. \`host_ddr\`).`,
          [],
          true,
        );
        continue;
      }
      out[name] = this.section(node.entry, child, [...path, name]);
    }
    return out;
  }

  parse(node: Exclude<SchemaNode, SectionNode | NamedSectionsNode>, tree: SourceNode, path: string[]): unknown {
    switch (node.kind) {
      case 'quantity': {
        const value = this.quantity(
          node.dimension,
          tree,
          path,
          node.min,
          node.max,
          node.allowZero,
          node.example,
          node.typical,
          node.quotedInBytes,
        );
        if (value === 0 && node.writtenZeroError) {
          this.report(tree, path, 'error', 'out-of-range', node.writtenZeroError);
          return undefined;
        }
        if (node.quotedInBytes && this.bitsCheck(node.typical, tree, path, value)) return value;
        return this.typicalCheck(node.typical, node.dimension, tree, path, value);
      }
      case 'count':
        return this.count(tree, path, node.min, node.max);
      case 'fraction':
        return this.fraction(tree, path, node.min, node.max);
      case 'enum':
        return this.enumValue(node.values, tree, path, node.aliases);
      case 'text':
        return tree.kind === 'scalar' ? String(tree.value) : this.bad(tree, path, 'Expected text.');
      case 'boolean':
        return tree.kind === 'scalar' && typeof tree.value === 'boolean' ? tree.value : this.bad(tree, path, 'Expected `true` or `false`.');
      case 'dtypeMap': {
        const given = this.dtypeMap(node, tree, path);
        // Dtypes the file leaves out keep their documented defaults (energy per MAC).
        const defaults = node.default ? (this.fallback(node, path) as Record<string, number>) : undefined;
        if (defaults) this.origins.set(path.join('.'), tree.source);
        return given && defaults ? { ...defaults, ...given } : given;
      }
      case 'enumList':
        return this.enumList(node.values, tree, path);
      case 'textList':
        return this.textList(node, tree, path);
      case 'varyMap':
        return this.varyMap(tree, path);
      case 'geometry':
        return this.geometry(tree, path);
      case 'length':
        return this.length(tree, path);
      case 'reference':
        if (tree.kind === 'scalar' && typeof tree.value === 'string') return tree.value;
        return this.bad(
          tree,
          path,
          node.inline ? 'Expected a preset id or the architecture inline.' : 'Expected a preset id or a relative path to a `*.chip.yaml`.',
        );
    }
  }

  /** `parse` of an inherited value that stands in for an invalid one: its own problems, if any, were said where it is written. */
  quietly(parse: () => unknown): unknown {
    const said = this.diagnostics.length;
    const origins = new Map(this.origins);
    const value = parse();
    this.diagnostics.length = said;
    this.origins.clear();
    for (const [k, v] of origins) this.origins.set(k, v);
    return value;
  }

  /** The documented default, recorded as the value's origin. */
  fallback(node: SchemaNode, path: string[], replacesInvalid = false): unknown {
    if (!('default' in node) || !node.default) return undefined;
    const d = node.default;
    this.origins.set(path.join('.'), { kind: 'default', source: d.source, ...(replacesInvalid ? { replaced: true as const } : {}) });
    switch (node.kind) {
      case 'quantity': {
        const q = parseQuantity(d.value as string, node.dimension);
        return q.ok ? q.value : undefined;
      }
      case 'dtypeMap': {
        const out: Record<string, number> = {};
        for (const [k, v] of Object.entries(d.value as Record<string, string | number>)) {
          const q = node.of === 'number' ? { ok: true as const, value: Number(v) } : parseQuantity(String(v), node.of);
          if (q.ok) out[k] = q.value;
        }
        return out;
      }
      case 'enumList':
      case 'textList':
        return [...(d.value as string[])];
      default:
        return d.value;
    }
  }

  quantity(
    dimension: Dimension,
    tree: SourceNode,
    path: string[],
    min?: number,
    max?: number,
    allowZero?: boolean,
    example?: string,
    typical?: Typical,
    quotedInBytes?: boolean,
  ): number | undefined {
    if (tree.kind !== 'scalar' || (typeof tree.value !== 'string' && typeof tree.value !== 'number')) {
      return this.bad(tree, path, `Expected ${DIMENSIONS[dimension].noun} such as \`${DIMENSIONS[dimension].example}\`.`);
    }
    const q = parseQuantity(tree.value, dimension, example, quotedInBytes);
    if (!q.ok) {
      const fixes: QuickFix[] = [];
      if (q.code === 'unit-missing' && tree.source.kind === 'file' && typeof tree.value === 'number') {
        // The key's own example unit first (years for a lifetime), then the dimension's.
        const exampleUnit = example?.replace(/^[\d.\s]+/, '');
        const units = [...new Set([...(exampleUnit ? [exampleUnit] : []), ...suggestedUnits(dimension, quotedInBytes)])];
        for (const unit of units.slice(0, 3)) {
          fixes.push({
            title: `Add unit: \`${tree.value} ${unit}\``,
            file: tree.source.file,
            range: tree.source.range,
            newText: `${tree.value} ${unit}`,
          });
        }
      } else if (
        (q.code === 'unit-dimension' || q.code === 'unit-unknown') &&
        tree.source.kind === 'file' &&
        typeof tree.value === 'string'
      ) {
        const key = { dimension, example, min, max, allowZero };
        for (const repaired of unitRepairs(tree.value, dimension, example)
          .filter((r) => fitsKey(r, key))
          .slice(0, 3)) {
          fixes.push({ title: `Change to \`${repaired}\``, file: tree.source.file, range: tree.source.range, newText: repaired });
        }
      } else if (q.code === 'not-a-number' && tree.source.kind === 'file' && typeof tree.value === 'string') {
        // `1,5 GHz`: the decimal the message shows, as a fix (the first separator becomes the point).
        const decimal = decimalReading(tree.value);
        if (decimal) fixes.push({ title: `Write \`${decimal}\``, file: tree.source.file, range: tree.source.range, newText: decimal });
      }
      this.report(tree, path, 'error', q.code, q.message, fixes);
      return undefined;
    }
    // Past the hard bounds a prefix slip is still the likeliest cause (`clock: 1.5 THz`): the fix comes with the error.
    // Where figures are quoted in bytes, the fix is in bytes too (`3.35 Mbit/s` -> `3.35 TB/s`, not `3.35 Tbit/s`).
    const written = typeof tree.value === 'string' ? ((quotedInBytes ? bytesReading(tree.value) : undefined) ?? tree.value) : undefined;
    const meant = typical && written !== undefined ? unitSlip(written, dimension, typical) : undefined;
    const outside = (min !== undefined && q.value < min) || (max !== undefined && q.value > max);
    return this.inRange(
      q.value,
      tree,
      path,
      allowZero ? 0 : Number.MIN_VALUE,
      min,
      max,
      (v) => formatQuantity(v, dimension),
      meant && outside ? slipFix(tree, meant) : [],
      meant && outside ? ` Did you mean \`${meant}\`?` : '',
    );
  }

  /**
   * A valid value far outside where real chips lie, that a unit prefix one or two steps away
   * would put inside (`3.35 GB/s` for HBM): a likely slip, said with the fix (unitSlip). The
   * value stands: the warning does not invalidate the result.
   */
  typicalCheck(
    typical: Typical | undefined,
    dimension: Dimension,
    tree: SourceNode,
    path: string[],
    value: number | undefined,
  ): number | undefined {
    if (value === undefined || !typical || tree.kind !== 'scalar' || typeof tree.value !== 'string') return value;
    const meant = unitSlip(tree.value, dimension, typical);
    const [lo, hi] = typical.range;
    if (meant === undefined) {
      // Outside every real chip's range with no unit that would bring it in: said, not refused
      // (a review: \`clock: 16 GHz\` and \`20 MHz\` passed without a word; the model has no
      // voltage-frequency cost to make such a clock expensive).
      // 0 is a meaning, not a magnitude (no SRAM, no dispatch cost): as unitSlip skips it.
      if (value !== 0 && (value < lo || value > hi))
        this.report(
          tree,
          path,
          'warning',
          'atypical-value',
          `\`${path.at(-1)}: ${tree.value}\` is ${value < lo ? 'below' : 'above'} ${typical.of}: ${formatQuantity(lo, dimension)}–${formatQuantity(hi, dimension)}. The value is used as written; the model's figures are sourced within that range.`,
        );
      return value;
    }
    this.report(
      tree,
      path,
      'warning',
      'unit-slip',
      `\`${path.at(-1)}: ${tree.value}\` is ${value < lo ? 'far below' : 'far above'} ${typical.of}: ${formatQuantity(lo, dimension)}–${formatQuantity(hi, dimension)}. Did you mean \`${meant}\`? The value is used as written.`,
      slipFix(tree, meant),
    );
    return value;
  }

  /**
   * A bandwidth written in bits where real chips' figures are quoted in bytes (`3.35 Tb/s` for
   * an HBM3 bandwidth of 3.35 TB/s): a factor of 8, not a prefix, so the typical band cannot
   * see it. Said with the byte reading as the fix (with its prefix moved too when the byte
   * reading is still far from real chips: `3.35 Gb/s` -> `3.35 TB/s`); the value is used as
   * written. True when said (the unit-slip check then has nothing to add).
   */
  bitsCheck(typical: Typical | undefined, tree: SourceNode, path: string[], value: number | undefined): boolean {
    if (value === undefined || tree.kind !== 'scalar' || typeof tree.value !== 'string') return false;
    const inBytes = bytesReading(tree.value);
    if (!inBytes) return false;
    const meant = (typical && unitSlip(inBytes, 'bandwidth', typical)) ?? inBytes;
    // Bits may be meant (pins × Gb/s per pin, a network-attached tier): the same value in bytes says so.
    const same = formatQuantity(value, 'bandwidth');
    this.report(
      tree,
      path,
      'warning',
      'bits-for-bytes',
      `\`${path.at(-1)}: ${tree.value}\` is in bits per second: ${same}. Memory and SRAM bandwidths are quoted in bytes per second (an H100's HBM3: 3.35 TB/s). Did you mean \`${meant}\`? The value is used as written; if bits were meant, \`${same}\` says so without this warning.`,
      [
        ...slipFix(tree, meant),
        ...(tree.source.kind === 'file'
          ? [{ title: `Keep the value, in bytes: \`${same}\``, file: tree.source.file, range: tree.source.range, newText: same }]
          : []),
      ],
    );
    return true;
  }

  count(tree: SourceNode, path: string[], min: number, max: number): number | undefined {
    const scalar = tree.kind === 'scalar' ? tree.value : undefined;
    // Thousands grouped as quantities take them (`batch: 1,024`, `requests: 10_000`), and a whole
    // number quoted (`chiplets: "2"`) is that number; nothing else.
    const v =
      typeof scalar === 'string'
        ? (groupedThousands(scalar.trim()) ?? (/^\d+$/.test(scalar.trim()) ? Number(scalar.trim()) : scalar))
        : scalar;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      const fix: QuickFix[] =
        typeof v === 'number' && Number.isFinite(v) && tree.source.kind === 'file'
          ? [{ title: `Round to ${Math.round(v)}`, file: tree.source.file, range: tree.source.range, newText: String(Math.round(v)) }]
          : [];
      this.report(
        tree,
        path,
        'error',
        'not-a-count',
        `\`${path.at(-1)}\` is a count: expected a whole number${typeof v === 'string' ? `, without a unit (got \`${v}\`)` : ''}.`,
        fix,
      );
      return undefined;
    }
    // `batch: -3`: the sign is the likelier slip, then the nearest allowed count.
    const repairs = v < min ? [-v, min] : v > max ? [max] : [];
    const fixes: QuickFix[] =
      tree.source.kind !== 'file'
        ? []
        : [...new Set(repairs)]
            .filter((n) => n >= min && n <= max)
            .map((n) => ({
              title: `Change to ${n}`,
              file: (tree.source as { file: string }).file,
              range: (tree.source as { range: TextRange }).range,
              newText: String(n),
            }));
    return this.inRange(v, tree, path, min, undefined, max, showNumber, fixes);
  }

  fraction(tree: SourceNode, path: string[], min: number, max: number): number | undefined {
    const raw = tree.kind === 'scalar' ? tree.value : undefined;
    const f = parseFraction(raw);
    // `p99` for a percentile: the message's `0.85` read as p85 there (an operator's review), so
    // the fix is said in the field's own form, with a quick fix.
    const named = typeof raw === 'string' ? /^\s*p(\d+(?:\.\d+)?)\s*$/i.exec(raw) : null;
    if (!f.ok && named) {
      const fixed = max > 1 ? named[1]! : `${named[1]} %`;
      this.report(
        tree,
        path,
        'error',
        f.code,
        `\`${named[0].trim()}\` is written \`${fixed}\` here${max > 1 ? ` (or \`${named[1]} %\`)` : ''}: did you mean \`${fixed}\`?`,
        tree.source.kind === 'file'
          ? [{ title: `Change to \`${fixed}\``, file: tree.source.file, range: tree.source.range, newText: fixed }]
          : [],
      );
      return undefined;
    }
    if (!f.ok) return this.bad(tree, path, f.message, f.code);
    // `85` meant as 85 %: say so where the percentage is itself in range (in the file, with the fix;
    // from --set, the same words).
    if (typeof raw === 'number' && raw > max && raw <= 100 && max <= 1 && raw / 100 >= min) {
      this.report(
        tree,
        path,
        'error',
        'out-of-range',
        `${raw} is more than ${max}: a fraction is written \`0.85\` or \`85 %\`. Did you mean \`${raw} %\`?`,
        tree.source.kind === 'file'
          ? [{ title: `Change to \`${raw} %\``, file: tree.source.file, range: tree.source.range, newText: `${raw} %` }]
          : [],
      );
      return undefined;
    }
    return this.inRange(f.value, tree, path, min, undefined, max, max <= 1 ? showFraction : showNumber);
  }

  inRange(
    value: number,
    tree: SourceNode,
    path: string[],
    floor: number,
    min: number | undefined,
    max: number | undefined,
    show: (v: number) => string,
    fixes: QuickFix[] = [],
    hint = '',
  ): number | undefined {
    const key = `\`${path.at(-1)}\``;
    if (value < floor || (floor === Number.MIN_VALUE && value <= 0)) {
      const rule =
        floor === Number.MIN_VALUE ? 'must be greater than zero' : floor === 0 ? 'must not be negative' : `must be at least ${show(floor)}`;
      this.report(tree, path, 'error', 'out-of-range', `${key} ${rule}.`, fixes);
      return undefined;
    }
    if (min !== undefined && value < min) {
      this.report(tree, path, 'error', 'out-of-range', `${key} = ${show(value)} is implausibly small (below ${show(min)}).${hint}`, fixes);
      return undefined;
    }
    if (max !== undefined && value > max) {
      this.report(
        tree,
        path,
        'error',
        'out-of-range',
        max === 1 && show === showFraction
          ? `${key} = ${show(value)}: a fraction cannot exceed 100 %.`
          : path.at(-1) === 'percentile'
            ? `${key} = ${show(value)}: p100 is the slowest request of the run, which grows with the run's length, not a target to hold; at most ${show(max)}.`
            : `${key} = ${show(value)} is implausibly large (above ${show(max)}).${hint}`,
        fixes,
      );
      return undefined;
    }
    return value;
  }

  enumValue(values: readonly string[], tree: SourceNode, path: string[], aliases?: Readonly<Record<string, string>>): string | undefined {
    const oneOf = values.map((x) => `\`${x}\``).join(', ');
    // A list or a mapping where one value goes (`process: [7 nm]`): said as such, not as "`` is not one of".
    if (tree.kind !== 'scalar')
      return this.bad(tree, path, `Expected one value, one of ${oneOf}; got a ${tree.kind === 'seq' ? 'list' : 'mapping'}.`);
    const v = String(tree.value);
    if (values.includes(v)) return v;
    // The same value but for spaces and case (`7nm`, `7 NM`, `HBM3`) is that value.
    const spelled = (x: string) => x.replace(/\s+/g, '').toLowerCase();
    const same = values.filter((x) => spelled(x) === spelled(v));
    if (same.length === 1) return same[0];
    const numeric = nearestNumeric(v, values);
    // Memory generations only: a newer compute format is not a wider one (`int16` is no `int8`).
    const newest = path.at(-1) === 'technology' ? newestOfFamily(v, values) : undefined;
    const suggestion = (aliases && Object.hasOwn(aliases, v) ? aliases[v] : undefined) ?? numeric ?? newest ?? closest(v, values);
    const fixes: QuickFix[] =
      suggestion && tree.source.kind === 'file'
        ? [{ title: `Replace with \`${suggestion}\``, file: tree.source.file, range: tree.source.range, newText: suggestion }]
        : [];
    this.report(
      tree,
      path,
      'error',
      'bad-enum',
      `\`${v}\` is not one of ${oneOf}.${suggestion ? ` Did you mean \`${suggestion}\`${suggestion === numeric && parseFloat(v.replace(/^\s*N/, '')) !== parseFloat(numeric) ? ', the nearest the model has' : suggestion === newest ? `, the newest ${newest.replace(/\d.*$/, '').toUpperCase()} the model has` : ''}?` : ''}`,
      fixes,
    );
    return undefined;
  }

  enumList(values: readonly string[], tree: SourceNode, path: string[]): string[] | undefined {
    const items = tree.kind === 'seq' ? tree.items : [tree];
    const out: string[] = [];
    items.forEach((item, i) => {
      const v = this.enumValue(values, item, [...path, String(i)]);
      if (v !== undefined && !out.includes(v)) out.push(v);
    });
    return out;
  }

  /** Objectives or constraints: each item is checked by the parser exploration uses. */
  textList(node: TextListNode, tree: SourceNode, path: string[]): string[] | undefined {
    const items = tree.kind === 'seq' ? tree.items : [tree];
    const out: string[] = [];
    items.forEach((item, i) => {
      const p = [...path, String(i)];
      if (item.kind !== 'scalar' || item.value === null || typeof item.value === 'object') {
        this.bad(item, p, `Expected text such as \`${node.example}\`.`);
        return;
      }
      const text = String(item.value);
      try {
        if (node.syntax === 'objective') parseObjective(text);
        else parseConstraint(text);
        out.push(text);
      } catch (error) {
        this.bad(item, p, (error as Error).message.replace(/^--\w+ takes/, 'Takes'));
      }
    });
    return out;
  }

  /** `explore.vary`: config keys to the values each takes, each checked as `--vary` checks it. */
  varyMap(tree: SourceNode, path: string[]): Record<string, string> | undefined {
    if (tree.kind !== 'map') return this.bad(tree, path, 'Expected config keys and their values, such as `workload.batch: [1, 8, 64]`.');
    const out: Record<string, string> = {};
    const flow = (node: SourceNode): string =>
      node.kind === 'scalar' ? String(node.value) : node.kind === 'seq' ? `[${node.items.map(flow).join(', ')}]` : '';
    for (const [key, child] of tree.entries) {
      const p = [...path, key];
      this.origins.set(p.join('.'), child.source);
      const text =
        child.kind === 'seq'
          ? child.items.map(flow).join(',')
          : child.kind === 'scalar' && child.value !== null
            ? String(child.value)
            : undefined;
      if (text === undefined) {
        this.report(child, p, 'error', 'bad-value', `\`${key}\` takes a list of values (\`[1, 8, 64]\`) or a range (\`1..256:9log\`).`);
        continue;
      }
      try {
        const dimension = dimensionFor(key, text);
        out[key] = text;
        this.varyValues(key, child, dimension, p, flow);
      } catch (error) {
        // At the key where the key is what is wrong (`chip.matrix.unit`), else at the values.
        this.report(child, p, 'error', 'bad-value', (error as Error).message, [], schemaAt(key.split('.')) === undefined);
      }
    }
    return out;
  }

  /**
   * Each value of a varied key checked as the key itself checks it, at the value: `explore`
   * skips the points of a value its key rejects, so the editor says so before a run does.
   * Rules across keys (a layout that does not divide the chips) are `explore`'s to report.
   */
  varyValues(
    key: string,
    child: SourceNode,
    dimension: ReturnType<typeof dimensionFor>,
    path: string[],
    flow: (node: SourceNode) => string,
  ): void {
    const keys = key.split('.');
    const node = schemaAt(keys);
    if (!node || node.kind === 'section' || node.kind === 'namedSections' || dimension.kind !== 'discrete') return;
    // One entry of a dtype map (`chip.energy.mac.int8`): `explore` sets it inside the map.
    if (node.kind === 'dtypeMap' && schemaAt(keys.slice(0, -1)) === node) return;
    // Each value read as `explore` reads it (its text as YAML: a quoted `{ distribution: … }`
    // is a map), reported at the value itself where it is a list item.
    const values: SourceNode[] =
      child.kind === 'seq'
        ? child.items.map((item) => nodeFromText(flow(item), item.source))
        : dimension.choices.map((c) => nodeFromText(c.texts[0]!, child.source));
    const seen = new Set<string>();
    const check = new Validator();
    for (const value of values) check.parse(node, value, key.split('.'));
    for (const d of check.diagnostics) {
      // Values of one scalar (`"1, 0, -3"`) share its range: one diagnostic per message there.
      const where = `${d.message}@${d.at?.range.start}`;
      if (seen.has(where)) continue;
      // A value a unit prefix away from real chips' (`256 GB` of SRAM) is said as `--set` says it,
      // at the value (a new user's went unsaid, and its points were dropped as beyond the wafer).
      // A fix replaces the text it is at: where the values share one scalar (`"64 MiB, 256 GB"`),
      // that is all of them, so the value's fix would drop the others (a code review).
      const fixes = child.kind === 'seq' ? d.fixes : undefined;
      if (d.severity === 'warning' && SLIP_CODES.has(d.code)) {
        seen.add(where);
        this.diagnostics.push({ ...d, path: path.join('.'), fixes });
        continue;
      }
      if (d.severity !== 'error') continue;
      seen.add(where);
      // A warning: the design itself is valid and evaluates; only its exploration loses points.
      this.diagnostics.push({
        ...d,
        severity: 'warning',
        path: path.join('.'),
        message: `${d.message} \`explore\` skips the points with this value.`,
        fixes,
      });
    }
  }

  dtypeMap(node: DtypeMapNode, tree: SourceNode, path: string[]): Record<string, number> | undefined {
    const of = node.of;
    if (tree.kind !== 'map')
      return this.bad(
        tree,
        path,
        `Expected one entry per dtype, such as \`{ int8: ${of === 'number' ? '1' : DIMENSIONS[of].example}, bf16: … }\`.`,
      );
    const out: Record<string, number> = {};
    const claimed = new Map<string, string>();
    for (const [dtype, child] of tree.entries) {
      const p = [...path, dtype];
      if (!(DTYPES as readonly string[]).includes(dtype)) {
        // As for keys: a likely typo (`in8`) would silently drop that dtype's number.
        const { suggestion, typo, fixes } = misspelling(dtype, child, tree, DTYPES, claimed);
        if (fixes.length) claimed.set(suggestion!, dtype);
        this.report(
          child,
          p,
          'warning',
          'unknown-key',
          `Unknown dtype \`${dtype}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}${typo ? ' As written, its number is not used: every result is marked not valid until this is fixed.' : ''} Dtypes: ${DTYPES.join(', ')}.`,
          fixes,
          true,
          typo,
        );
        continue;
      }
      this.origins.set(p.join('.'), child.source);
      const v =
        of === 'number'
          ? child.kind === 'scalar' && typeof child.value === 'number' && Number.isFinite(child.value)
            ? this.inRange(child.value, child, p, Number.MIN_VALUE, node.min, node.max, showNumber)
            : this.bad(child, p, 'Expected a positive number.')
          : this.typicalCheck(
              node.typical,
              of,
              child,
              p,
              this.quantity(of, child, p, node.min, node.max, of === 'energy', undefined, node.typical),
            );
      if (v !== undefined) out[dtype] = v;
    }
    return out;
  }

  geometry(tree: SourceNode, path: string[]): { rows: number; cols: number } | undefined {
    const m = tree.kind === 'scalar' && typeof tree.value === 'string' ? /^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$/.exec(tree.value) : null;
    if (!m) return this.bad(tree, path, 'Expected rows x columns of processing elements, such as `128x128`.', 'bad-geometry');
    const rows = Number(m[1]);
    const cols = Number(m[2]);
    if (rows < 1 || cols < 1 || rows > 65536 || cols > 65536)
      return this.bad(tree, path, 'Array dimensions must be between 1 and 65536.', 'out-of-range');
    return { rows, cols };
  }

  /** A count, `trace`, or `{ distribution, mean, min, max, sigma }`. */
  length(tree: SourceNode, path: string[]): LengthDistribution | undefined {
    if (tree.kind === 'scalar' && tree.value === 'trace') return { kind: 'trace' };
    if (tree.kind === 'scalar') {
      const tokens = this.count(tree, path, 1, MAX_LENGTH_TOKENS);
      return tokens === undefined ? undefined : { kind: 'fixed', tokens };
    }
    if (tree.kind !== 'map')
      return this.bad(
        tree,
        path,
        'Expected a token count, `trace`, or a distribution such as `{ distribution: lognormal, mean: 1024, sigma: 0.8 }`.',
      );
    const known = Object.keys(LENGTH_FIELDS);
    for (const [key, child] of tree.entries) {
      if (!known.includes(key)) {
        const suggestion = closest(key, known);
        this.report(
          child,
          [...path, key],
          'warning',
          'unknown-key',
          `Unknown key \`${key}\` in a length distribution${suggestion ? `; did you mean \`${suggestion}\`?` : '.'} Known keys: ${known.join(', ')}.`,
          [],
          true,
        );
      }
    }
    const kindNode = tree.entries.get('distribution');
    if (!kindNode)
      return this.bad(
        tree,
        path,
        `A length distribution needs \`distribution\`: one of ${LENGTH_DISTRIBUTIONS.map((d) => `\`${d}\``).join(', ')}.`,
      );
    this.origins.set(path.join('.'), tree.source);
    const kind = this.enumValue(LENGTH_DISTRIBUTIONS, kindNode, [...path, 'distribution']);
    if (kind === undefined) return undefined;
    const num = (key: string, positive = true): number | undefined => {
      const child = tree.entries.get(key);
      if (!child) return undefined;
      const v = child.kind === 'scalar' ? child.value : undefined;
      if (typeof v !== 'number' || !Number.isFinite(v))
        return this.bad(child, [...path, key], `\`${key}\` is a number${key === 'sigma' ? '' : ' of tokens'}.`);
      return this.inRange(
        v,
        child,
        [...path, key],
        positive ? Number.MIN_VALUE : 0,
        undefined,
        key === 'sigma' ? 5 : MAX_LENGTH_TOKENS,
        String,
      );
    };
    const need = (key: string, v: number | undefined) => {
      if (v === undefined && !tree.entries.has(key)) this.bad(tree, path, `A \`${kind}\` distribution needs \`${key}\`.`, 'missing-value');
      return v;
    };
    const min = num('min');
    const max = num('max');
    if (min !== undefined && max !== undefined && min > max)
      return this.bad(tree.entries.get('min')!, [...path, 'min'], `\`min\` (${min}) is above \`max\` (${max}).`, 'out-of-range');
    switch (kind) {
      case 'trace':
        return { kind: 'trace' };
      case 'fixed': {
        const mean = need('mean', num('mean'));
        return mean === undefined ? undefined : { kind: 'fixed', tokens: Math.max(1, Math.round(mean)) };
      }
      case 'uniform': {
        if (need('min', min) === undefined || need('max', max) === undefined) return undefined;
        return { kind: 'uniform', min: Math.max(1, Math.round(min!)), max: Math.max(1, Math.round(max!)) };
      }
      case 'lognormal': {
        const mean = need('mean', num('mean'));
        const sigma = need('sigma', num('sigma', false));
        if (mean === undefined || sigma === undefined) return undefined;
        // Draws are clipped to [min, max]: a mean outside it puts most of them on the bound.
        const bound = max !== undefined && mean > max ? ['max', max] : min !== undefined && mean < min ? ['min', min] : undefined;
        const lo = Math.max(1, Math.round(min ?? 1));
        const hi = Math.round(max ?? MAX_LENGTH_TOKENS);
        // Within the bounds, clipping still moves the mean where the tail is long: said past 5 %.
        const clipped = clippedLognormalMean(mean, sigma, lo, hi);
        if (bound)
          this.report(
            tree.entries.get('mean')!,
            [...path, 'mean'],
            'warning',
            'length-clipped',
            `\`mean\` (${mean}) is ${bound[0] === 'max' ? 'above `max`' : 'below `min`'} (${bound[1]}): draws are clipped to ${bound[1]}, so most requests are ${bound[1]} tokens long and the mean is not ${mean}.`,
          );
        else if (Math.abs(clipped / mean - 1) > 0.05)
          this.report(
            tree.entries.get('mean')!,
            [...path, 'mean'],
            'warning',
            'length-clipped',
            // The bounds in force, written or not (a review read "clipped to  tokens average 5"
            // where neither was written and the draws' floor of 1 token raised the mean to 5.36).
            `\`mean\` (${mean}) is the unclipped distribution's: with σ ${sigma}, draws clipped to ${[min !== undefined || clipped > mean ? `at least ${lo}${min === undefined ? ' (a request has a token)' : ''}` : '', max !== undefined ? `at most ${hi}` : ''].filter(Boolean).join(' and ')} tokens average ${+clipped.toPrecision(3)}. ${clipped > mean ? 'Lower `mean` (or `min`)' : 'Raise `mean` (or `max`)'} for a traffic that averages ${mean}.`,
          );
        return { kind: 'lognormal', mean, sigma, min: lo, max: hi };
      }
    }
  }

  bad(tree: SourceNode, path: string[], message: string, code = 'bad-type'): undefined {
    this.report(tree, path, 'error', code, message);
    return undefined;
  }

  report(
    tree: SourceNode,
    path: string[],
    severity: Diagnostic['severity'],
    code: string,
    message: string,
    fixes: QuickFix[] = [],
    preferKey = false,
    invalidatesResult = false,
  ): void {
    const d: Diagnostic = { severity, code, message, path: path.join('.'), ...(invalidatesResult ? { invalidatesResult } : {}) };
    if (tree.source.kind === 'file') d.at = { file: tree.source.file, range: (preferKey && tree.source.keyRange) || tree.source.range };
    else if (tree.source.kind === 'preset') d.message += ` (in preset \`${tree.source.presetId}\`)`;
    else if (tree.source.kind === 'override') {
      // At the value it replaces where the file wrote one (a sweep's or an exploration's values are
      // named by their own notes), with no fix: the file's text is not the wrong one.
      if (tree.source.replaces && !tree.source.varied) {
        d.at = { ...tree.source.replaces };
        fixes = [];
      }
      d.message += ` (from ${tree.source.label})`;
    }
    if (fixes.length) d.fixes = fixes;
    this.diagnostics.push(d);
  }
}

/** Where an inherited value came from, in words. */
function sourceName(source: SourceRef): string {
  if (source.kind === 'preset') return `preset \`${source.presetId}\``;
  if (source.kind === 'file') return source.file;
  if (source.kind === 'override') return source.label;
  return 'a default';
}

/** The quick fix that writes the meant value in place of the written one. */
function slipFix(tree: SourceNode, meant: string): QuickFix[] {
  return tree.source.kind === 'file'
    ? [{ title: `Change to \`${meant}\``, file: tree.source.file, range: tree.source.range, newText: meant }]
    : [];
}

interface DecimalComma {
  file: string;
  /** From the number before the comma to the end of the key YAML made of the rest. */
  range: TextRange;
  written: string;
  meant: string;
  /** Read as a thousands separator (three digits follow), not a decimal comma. */
  thousands: boolean;
  tailKey: string;
}

/**
 * `{ bandwidth: 3,35 TB/s }`: in a flow mapping YAML splits a decimal comma into `bandwidth: 3`
 * and a key `35 TB/s` with no value. Each such pair, by the key before the comma: it is one
 * error with the number meant, not a unit missing from `3` (whose quick fix wrote `3 TB/s`) and
 * an unknown key.
 */
function decimalCommas(tree: Extract<SourceNode, { kind: 'map' }>): Map<string, DecimalComma> {
  const out = new Map<string, DecimalComma>();
  // Merged over a preset, the file's keys are not next to each other in the map: the key YAML
  // made of the rest starts one character (the comma) after the number ends, in the same file.
  const tails = [...tree.entries].filter(
    ([tailKey, tail]) => /^\d+(\s*\S.*)?$/.test(tailKey) && tail.kind === 'scalar' && tail.value === null && tail.source.kind === 'file',
  );
  for (const [key, node] of tree.entries) {
    const head =
      node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'string') ? String(node.value).trim() : '';
    if (!/^[+-]?\d+$/.test(head) || node.source.kind !== 'file') continue;
    const { file, range } = node.source;
    const found = tails.find(
      ([, t]) => t.source.kind === 'file' && t.source.file === file && (t.source.keyRange ?? t.source.range).start === range.end + 1,
    );
    if (!found) continue;
    const [tailKey, tail] = found;
    const keyRange = (tail.source as { keyRange?: TextRange; range: TextRange }).keyRange ?? (tail.source as { range: TextRange }).range;
    // YAML reads an all-digit key as a number (`024` -> 24): its width in the file restores the zeros.
    const rest = /^\d+$/.test(tailKey) ? tailKey.padStart(keyRange.end - keyRange.start, '0') : tailKey;
    // Three digits after a 1–3 digit number: thousands (`1,024`, `3,350 GB/s`); else a decimal (`3,35 TB/s`).
    const thousands = /^\d{1,3}$/.test(head.replace(/^[+-]/, '')) && /^\d{3}(?!\d)/.test(rest);
    out.set(key, {
      file: node.source.file,
      range: { start: node.source.range.start, end: keyRange.end },
      written: `${head},${rest}`,
      meant: thousands ? `${head}${rest}` : `${head}.${rest}`,
      thousands,
      tailKey,
    });
  }
  return out;
}

/**
 * The known key an unknown `key` of `mapping` is closest to, the rename fix, and whether it
 * is a likely typo. A likely typo of a key not written beside it means the intended key
 * silently keeps its inherited or default value (`bacth: 16` runs batch 1): still a warning
 * (contract §1), but one that marks every result not valid, so no number looks like the
 * design the user described. A key with no near match is a plain warning (notes, newer keys).
 */
function misspelling(
  key: string,
  child: SourceNode,
  mapping: Extract<SourceNode, { kind: 'map' }>,
  known: readonly string[],
  claimed: ReadonlyMap<string, string>,
) {
  const alias = aliasOf(key, known);
  const suggestion = alias ?? closest(key, known);
  // No rename onto a key this file already writes in the mapping, nor onto one an earlier key is
  // offered: either would be a duplicate (a key that only a preset or an extended file sets is
  // overridden by the rename).
  const existing = suggestion === undefined ? undefined : mapping.entries.get(suggestion);
  const writtenHere = existing?.source.kind === 'file' && child.source.kind === 'file' && existing.source.file === child.source.file;
  const renamable = suggestion !== undefined && !writtenHere && !claimed.has(suggestion);
  const fixes: QuickFix[] =
    renamable && child.source.kind === 'file' && child.source.keyRange
      ? [{ title: `Rename to \`${suggestion}\``, file: child.source.file, range: child.source.keyRange, newText: suggestion }]
      : [];
  return { suggestion, fixes, renamable, typo: renamable && (alias !== undefined || isLikelyTypo(key, suggestion)) };
}

/** `tdp 350 W` under `chip:`: a key of the section and its value without the `: ` between them. */
function missingColon(schema: SectionNode, tree: SourceNode): string | undefined {
  if (tree.kind !== 'scalar' || typeof tree.value !== 'string') return undefined;
  const meant = withColon(tree.value);
  return meant && schema.fields[meant.key] ? meant.text : undefined;
}

/**
 * `precision: int8` for a section of enums that all accept the value: the section written
 * out with that value for each (`{ weights: int8, activations: int8, kv_cache: int8 }`).
 */
function expandedSection(schema: SectionNode, tree: SourceNode): string | undefined {
  if (tree.kind !== 'scalar' || typeof tree.value !== 'string') return undefined;
  const value = tree.value.trim();
  // A preset id where its section was expected: `workload: llama-3-70b` for `{ model: llama-3-70b }`.
  const reference = Object.entries(schema.fields).find(
    ([, node]) => node.kind === 'reference' && node.presetKind !== 'chip' && findPreset(node.presetKind, value),
  );
  if (reference) return `{ ${reference[0]}: ${value} }`;
  const enums = Object.entries(schema.fields).filter(([, node]) => node.kind === 'enum');
  if (enums.length < 2 || !enums.every(([, node]) => node.kind === 'enum' && node.values.includes(value))) return undefined;
  return `{ ${enums.map(([key]) => `${key}: ${value}`).join(', ')} }`;
}

/**
 * `chip: h100`: a preset id is read by `extends:` (an exact one is read so in model/config/resolve.ts);
 * the nearest id is suggested in words, never written by a fix (`chip: a100` is one edit from `a10g`).
 */
function chipPresetHint(tree: SourceNode): string {
  if (tree.kind !== 'scalar' || typeof tree.value !== 'string') return '';
  const written = tree.value.trim();
  const ids = presetIds('chip');
  const starting = ids.filter((id) => id.startsWith(written.toLowerCase()));
  const near = starting.length > 0 ? starting : [closest(written, ids)].filter((id): id is string => id !== undefined);
  return ` To start from a chip preset, write \`extends: <id>\` at the top of the file${near.length ? ` (${near.map((id) => `\`${id}\``).join(' or ')}?)` : ''}; \`jalapeno presets\` lists them.`;
}

const showFraction = (v: number) => `${+(v * 100).toPrecision(4)} %`;
/** A whole number past a thousand with its thousands grouped (1,000,000, not 1000000), as a reader counts. */
const showNumber = (v: number) => (Number.isInteger(v) && Math.abs(v) >= 1000 ? v.toLocaleString('en-US') : String(v));

/**
 * A generation newer than any the model has (`hbm4`, `gddr7`, `lpddr6`): the newest of that
 * family, not the nearest spelling (a review: `hbm4` drew "Did you mean `hbm2`?").
 */
function newestOfFamily(written: string, values: readonly string[]): string | undefined {
  const parse = (text: string) => /^([a-z]+)(\d+)([a-z]*)$/i.exec(text.trim());
  const w = parse(written);
  if (!w) return undefined;
  const family = values.map((x) => [x, parse(x)] as const).filter(([, p]) => p && p[1]!.toLowerCase() === w[1]!.toLowerCase());
  if (family.length === 0 || !family.every(([, p]) => Number(p![2]) < Number(w[2]))) return undefined;
  // Newest: the highest generation, its suffixed form (`hbm3e` over `hbm3`).
  return family.reduce((a, b) => (Number(b[1]![2]) > Number(a[1]![2]) || (b[1]![2] === a[1]![2] && b[1]![3]! > a[1]![3]!) ? b : a))[0];
}

/**
 * For values that are all a number and one unit (`16 nm` … `3 nm`), the value numerically
 * nearest to a number written in that unit: `2 nm` -> `3 nm`, where spelling alone says `12 nm`;
 * `N5` -> `5 nm`.
 */
function nearestNumeric(written: string, values: readonly string[]): string | undefined {
  const parse = (text: string) => /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  // A foundry's name for a node (`N5`, `N3E`) is its number.
  const w = parse(written) ?? parse(written.replace(/^\s*N(\d+)[A-Z]?\s*$/, '$1'));
  const parsed = values.map(parse);
  if (!w || !(Number(w[1]) > 0) || parsed.some((p) => !p || p[2] !== parsed[0]![2]) || (w[2] && w[2] !== parsed[0]![2])) return undefined;
  const distance = (i: number) => Math.abs(Math.log(Number(parsed[i]![1]) / Number(w[1])));
  return values.reduce((best, _, i) => (distance(i) < distance(values.indexOf(best)) ? values[i]! : best), values[0]!);
}

/** Every key of the schema's sections by name, with the dotted paths it has. */
let keyPaths: Map<string, string[]> | undefined;
function pathsOfKey(name: string): string[] {
  if (!keyPaths) {
    keyPaths = new Map();
    const walk = (section: SectionNode, at: string[]) => {
      for (const [key, node] of Object.entries(section.fields)) {
        const path = [...at, key];
        keyPaths!.set(key, [...(keyPaths!.get(key) ?? []), path.join('.')]);
        if (node.kind === 'section') walk(node, path);
      }
    };
    walk(chipConfigSchema as SectionNode, []);
  }
  return keyPaths.get(name) ?? [];
}

/**
 * A key written in the wrong section: ` It belongs at …` when the schema has it elsewhere, as
 * written (`chip.sram_kind`) or joined to its section's name (`chip.sram.kind` ->
 * `chip.silicon.sram_kind`); '' otherwise.
 */
/**
 * Whether a written value is of the kind a schema key takes: a number (or a number with a unit)
 * for a quantity, count or fraction, one of an enum's values, a mapping for a section. Only to
 * judge a misplaced or misnamed key's intent; the value is checked in full where it belongs.
 */
function couldBe(node: SchemaNode, child: SourceNode): boolean {
  const scalar = child.kind === 'scalar' ? child.value : undefined;
  const squeezed = (v: string) => v.toLowerCase().replace(/\s+/g, '');
  switch (node.kind) {
    case 'quantity':
    case 'count':
    case 'fraction':
      return typeof scalar === 'number' || (typeof scalar === 'string' && /^\s*[-+]?(\d|\.\d)/.test(scalar));
    case 'enum':
      return typeof scalar === 'string' && node.values.some((v) => squeezed(v) === squeezed(scalar));
    case 'section':
    case 'namedSections':
      return child.kind === 'map';
    default:
      return true;
  }
}

function elsewhere(candidates: readonly string[]): string {
  return candidates.length > 0 ? ` It belongs at ${candidates.map((p) => `\`${p}\``).join(' or ')}.` : '';
}

/** Where the schema has a key written in the wrong section (at most 3 places; none for a name found in many). */
function elsewhereCandidates(key: string, path: readonly string[]): string[] {
  const section = path[path.length - 1];
  const alias = aliasTarget(key);
  const lower = key.toLowerCase();
  const candidates = [
    ...new Set([
      ...pathsOfKey(key),
      ...(lower !== key ? pathsOfKey(lower) : []),
      ...(section ? pathsOfKey(`${section}_${key}`) : []),
      ...(alias ? pathsOfKey(alias) : []),
    ]),
  ].filter((p) => p !== [...path, key].join('.'));
  // A name found in many sections (`efficiency`, `capacity`) says little about where it was meant.
  return candidates.length <= 3 ? candidates : [];
}
