// Resolving a config: follow `extends` through presets and other files, expand
// `workload.model` preset ids, and build the baseline named by `compare`. Everything is a
// diagnostic (cycle, missing file, a path that leaves the workspace), never an exception.

import type { Diagnostic, SourceRef } from '../diagnostics';
import { findPreset, presetIds, presetTree } from '../presets';
import { closest } from './closest';
import { newParseBudget, parseConfigText, type ParseBudget } from './parse';
import { isInside, looksLikePath, resolvePath } from './paths';
import { mergeTrees, nodeAt, withoutKeys, withoutKeysAt, withValueAt, type SourceNode } from './tree';

/** How the model reads other files: the host decides (Node fs, VS Code workspace.fs). */
export interface FileHost {
  /** The text of a file, or undefined if it does not exist or cannot be read. */
  read(path: string): Promise<string | undefined>;
  /** The workspace folder `path` belongs to; references may not leave it. */
  rootOf(path: string): string | undefined;
  /** The path with symlinks resolved, so a link cannot lead outside the workspace. */
  realPath?(path: string): Promise<string | undefined>;
}

export interface Baseline {
  name: string;
  tree: SourceNode;
  /** `compare: <chip preset id>`: the baseline shares this config's workload, system and economics (sharedWithPresetBaseline). */
  presetId?: string;
  /** An `extends` in the baseline file's chain could not be loaded (see `extendsBroken`). */
  extendsBroken?: boolean;
}

export interface ResolvedConfig {
  file: string;
  /** The merged config, or undefined when the file itself could not be read as a config. */
  tree: SourceNode | undefined;
  baseline: Baseline | undefined;
  diagnostics: Diagnostic[];
  /** Text of every file read, by path, to turn offsets into lines for messages. */
  texts: Map<string, string>;
  /** The files of the `extends` chain, this one first (not those only `compare` reads). */
  chainFiles: ReadonlySet<string>;
  /**
   * An `extends` somewhere in the chain could not be loaded (unknown preset, missing file,
   * cycle, ...): keys the design lacks are consequences of that one error, not their own.
   */
  extendsBroken: boolean;
}

/** What following one `extends` chain found out beyond the merged tree. */
interface ChainState {
  broken: boolean;
}

const MAX_CHAIN = 32;

export async function resolveConfig(
  text: string,
  file: string,
  host: FileHost,
  overrides: readonly Override[] = [],
): Promise<ResolvedConfig> {
  const texts = new Map([[file, text]]);
  const diagnostics: Diagnostic[] = [];
  const root = host.rootOf(file);
  // One budget for every file this config reads: a chain of large files cannot add up.
  const budget = newParseBudget();
  const chainState: ChainState = { broken: false };
  let tree = await loadChain(text, file, host, root, texts, diagnostics, [file], budget, chainState);
  const chainFiles = new Set(texts.keys());
  if (tree) {
    for (const o of overrides) {
      if (o.path[0] === 'extends') {
        // The chain is already resolved when overrides apply: say so instead of ignoring it.
        diagnostics.push({
          severity: 'error',
          code: 'bad-override',
          path: 'extends',
          message: '`extends` cannot be overridden from outside the file; write a config that extends the other one.',
        });
        continue;
      }
      // A key under a preset id (`runtime.collective_overhead` after `runtime=tensorrt-llm`)
      // goes onto the preset's section, as `runtime: { extends: tensorrt-llm, ... }` in the file.
      if (o.path.length > 1) tree = expandRuntime(expandModel(tree, diagnostics), diagnostics);
      // `--set serving.rate=null` removes the key, as `rate: null` over an extended file does.
      const replaced = nodeAt(tree, o.path);
      const removes: boolean = o.value.kind === 'scalar' && o.value.value === null && replaced !== undefined;
      tree = removes
        ? withoutKeysAt(tree, o.path.slice(0, -1), [o.path.at(-1)!])
        : withValueAt(tree, o.path, replacing(o.value, replaced, file));
    }
    tree = expandRuntime(expandModel(tree, diagnostics), diagnostics);
  }
  const baseline = tree ? await loadBaseline(tree, file, host, root, texts, diagnostics, budget) : undefined;
  return { file, tree, baseline, diagnostics, texts, chainFiles, extendsBroken: chainState.broken };
}

/**
 * An override of a value this file wrote remembers where: `--set chip.tdp="300 GB"` is wrong
 * at the file's `tdp:`, not at `chip:` (an architect's review). Not a value a file it extends
 * wrote: that file is not wrong, and an error placed in it would stop the chain (a code review).
 */
function replacing(value: SourceNode, replaced: SourceNode | undefined, file: string): SourceNode {
  const was = replaced?.source;
  if (value.source.kind !== 'override' || was?.kind !== 'file' || was.file !== file) return value;
  return { ...value, source: { ...value.source, replaces: { file: was.file, range: was.range } } };
}

/** A value set from outside the file (`--set`, a sweep, a sensitivity probe). */
export interface Override {
  path: string[];
  value: SourceNode;
}

async function loadChain(
  text: string,
  file: string,
  host: FileHost,
  root: string | undefined,
  texts: Map<string, string>,
  diagnostics: Diagnostic[],
  chain: string[],
  budget: ParseBudget,
  state: ChainState,
): Promise<SourceNode | undefined> {
  const parsed = parseConfigText(text, file, budget);
  diagnostics.push(...parsed.diagnostics);
  const read = parsed.root && parsed.root.kind === 'map' ? expandRuntime(parsed.root, diagnostics) : parsed.root;
  if (!read || read.kind !== 'map') return undefined;
  const own = chipPresetAsExtends(read, diagnostics);
  const ext = own.entries.get('extends');
  if (!ext) return own;
  if (ext.kind !== 'scalar' || typeof ext.value !== 'string' || !ext.value.trim()) {
    diagnostics.push(
      at(ext.source, 'error', 'bad-reference', 'extends', '`extends` takes a chip preset id or a relative path to another `*.chip.yaml`.'),
    );
    state.broken = true;
    return withoutKeys(own, ['extends']);
  }
  const base = await loadReference(ext.value.trim(), ext.source, 'extends', file, host, root, texts, diagnostics, chain, budget, state);
  if (!base) state.broken = true;
  return base ? mergeTrees(base, own) : own;
}

/**
 * `chip: h100-sxm` reads like `model: llama-3-70b`, but a chip preset is a whole config (the
 * chip, its system, price and software) and a file starts from it with `extends:`. It is an
 * error at the value, and read as that `extends` so that the keys the preset would give are
 * not each reported missing; beside an `extends` of its own the file keeps that one.
 */
function chipPresetAsExtends(tree: SourceNode & { kind: 'map' }, diagnostics: Diagnostic[]): SourceNode & { kind: 'map' } {
  const chip = tree.entries.get('chip');
  if (chip?.kind !== 'scalar' || typeof chip.value !== 'string' || chip.source.kind !== 'file') return tree;
  const id = chip.value.trim();
  // Only a preset id as written: a guess is said, not applied (`chip: a100` is one edit from
  // `a10g`, `chip: l4` a prefix of `l40s`), by the validator's error on a section written as a value.
  if (!findPreset('chip', id)) return tree;
  const { file, range, keyRange } = chip.source;
  const ext = tree.entries.get('extends');
  const diagnostic: Diagnostic = {
    severity: 'error',
    code: 'chip-preset-reference',
    path: 'chip',
    at: { file, range },
    message: ext
      ? `\`chip: ${id}\` names the chip preset \`${id}\`, but \`chip\` is a section and this file already starts from \`extends\`. A config starts from one preset: write \`extends: ${id}\` there to start from ${id}, and the keys you change under \`chip:\`.`
      : `\`chip: ${id}\` names the chip preset \`${id}\`, but \`chip\` is a section: a config starts from a chip preset (its chip, system, price and software) with \`extends: ${id}\`, and writes the keys it changes under \`chip:\`.`,
  };
  if (!ext && keyRange)
    diagnostic.fixes = [
      { title: `Replace with \`extends: ${id}\``, file, range: { start: keyRange.start, end: range.end }, newText: `extends: ${id}` },
    ];
  diagnostics.push(diagnostic);
  const rest = withoutKeys(tree, ['chip']) as SourceNode & { kind: 'map' };
  if (ext) return rest;
  return { ...rest, entries: new Map([['extends', { kind: 'scalar', value: id, source: chip.source }], ...rest.entries]) };
}

/** A preset id or a file path, loaded (and its own chain followed) as a source tree. */
async function loadReference(
  ref: string,
  refSource: SourceRef,
  key: string,
  file: string,
  host: FileHost,
  root: string | undefined,
  texts: Map<string, string>,
  diagnostics: Diagnostic[],
  chain: string[],
  budget: ParseBudget,
  state: ChainState,
): Promise<SourceNode | undefined> {
  if (!looksLikePath(ref)) {
    const preset = findPreset('chip', ref);
    // A chip preset may name the software that runs on it (`runtime: transformers-neuronx`).
    if (preset) return expandRuntime(presetTree(preset), diagnostics);
    const suggestion = closest(ref, presetIds('chip'));
    diagnostics.push(
      at(
        refSource,
        'error',
        'unknown-preset',
        key,
        `Unknown chip preset \`${ref}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Chip presets: ${presetIds('chip').join(', ')}. A file reference needs a path such as \`./base.chip.yaml\`.`,
        suggestion,
      ),
    );
    return undefined;
  }
  const target = resolvePath(file, ref);
  if (!root || !isInside(root, target)) {
    diagnostics.push(
      at(
        refSource,
        'error',
        'path-outside-workspace',
        key,
        `\`${ref}\` is outside the workspace folder; configs may only reference files inside it.`,
      ),
    );
    return undefined;
  }
  const real = host.realPath ? await host.realPath(target) : target;
  // Compared with the folder's own real path too: the folder itself may be reached
  // through a link (/tmp -> /private/tmp, a linked home folder).
  if (real !== undefined && !isInside(root, real) && !isInside((await host.realPath?.(root)) ?? root, real)) {
    diagnostics.push(
      at(
        refSource,
        'error',
        'path-outside-workspace',
        key,
        `\`${ref}\` is a link to a file outside the workspace folder; it was not read.`,
      ),
    );
    return undefined;
  }
  if (chain.includes(target)) {
    const cycle = [...chain.slice(chain.indexOf(target)), target].map((p) => p.slice(p.lastIndexOf('/') + 1)).join(' → ');
    diagnostics.push(at(refSource, 'error', 'extends-cycle', key, `\`${key}\` forms a cycle: ${cycle}.`));
    return undefined;
  }
  if (chain.length >= MAX_CHAIN) {
    diagnostics.push(at(refSource, 'error', 'extends-too-deep', key, `More than ${MAX_CHAIN} files chained by \`extends\`.`));
    return undefined;
  }
  // Read the path that was checked, not the one written: a link swapped between the check
  // and the read cannot lead outside the workspace.
  const text = await host.read(real ?? target);
  if (text === undefined) {
    diagnostics.push(at(refSource, 'error', 'file-not-found', key, `Cannot read \`${ref}\` (looked for ${target}).`));
    return undefined;
  }
  texts.set(target, text);
  const inner: Diagnostic[] = [];
  const tree = await loadChain(text, target, host, root, texts, inner, [...chain, target], budget, state);
  // Problems inside the other file are shown there and, summarised, on this reference.
  for (const d of inner) {
    diagnostics.push(d);
    if (d.severity === 'error' && d.at?.file === target) {
      diagnostics.push({
        ...at(refSource, 'error', 'error-in-referenced-file', key, `\`${ref}\`: ${d.message}`),
        related: [{ message: d.message, at: d.at }],
      });
    }
  }
  return tree;
}

/**
 * `runtime: vllm` becomes the preset's section; `runtime: { extends: vllm, ... }` the preset
 * with the given keys over it. Expanded in each file before `extends` chains merge, so a
 * file's preset choice replaces an inherited runtime and its own keys override it. An
 * unknown id is an error and the runtime falls back to the generic one.
 */
function expandRuntime(tree: SourceNode, diagnostics: Diagnostic[]): SourceNode {
  const runtime = nodeAt(tree, ['runtime']);
  if (!runtime) return tree;
  if (runtime.kind === 'seq' || (runtime.kind === 'scalar' && runtime.value === null)) {
    diagnostics.push(
      at(
        runtime.source,
        'error',
        'bad-reference',
        'runtime',
        `\`runtime\` takes a runtime preset id (${presetIds('runtime').join(', ')}) or the runtime section inline; the generic runtime is used.`,
      ),
    );
    return withoutKeys(tree, ['runtime']);
  }
  const ref = runtime.kind === 'scalar' ? runtime : runtime.kind === 'map' ? runtime.entries.get('extends') : undefined;
  if (!ref) return tree;
  // The keys beside `extends`, less those an earlier expansion brought from a preset: with
  // `--set runtime.extends=generic` over a file's `runtime: { extends: vllm, ... }` the new
  // preset replaces vllm's values and the file's own keys stay (all of vllm's stayed, silently).
  const without = runtime.kind === 'map' ? ownKeys(withoutKeys(runtime, ['extends'])) : undefined;
  const ids = presetIds('runtime');
  if (ref.kind !== 'scalar' || typeof ref.value !== 'string' || !ref.value.trim()) {
    diagnostics.push(
      at(
        ref.source,
        'error',
        'bad-reference',
        runtime === ref ? 'runtime' : 'runtime.extends',
        `Expected a runtime preset id (${ids.join(', ')})${runtime === ref ? ', or the runtime section inline' : ''}.`,
      ),
    );
    return without ? withValueAt(tree, ['runtime'], without) : withoutKeys(tree, ['runtime']);
  }
  const preset = findPreset('runtime', ref.value.trim());
  if (!preset) {
    const suggestion = closest(ref.value, ids);
    diagnostics.push(
      at(
        ref.source,
        'error',
        'unknown-preset',
        runtime === ref ? 'runtime' : 'runtime.extends',
        `Unknown runtime preset \`${ref.value}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Runtime presets: ${ids.join(', ')}.`,
        suggestion,
      ),
    );
    return without ? withValueAt(tree, ['runtime'], without) : withoutKeys(tree, ['runtime']);
  }
  const expanded = presetTree(preset);
  return withValueAt(tree, ['runtime'], without ? mergeTrees(expanded, without) : { ...expanded, source: runtime.source });
}

/** A section without the entries a preset supplied (their source is the preset). */
function ownKeys(section: SourceNode): SourceNode {
  if (section.kind !== 'map') return section;
  return { ...section, entries: new Map([...section.entries].filter(([, v]) => v.source.kind !== 'preset')) };
}

/** `workload.model: llama-3-70b` becomes the preset's architecture, keeping the id's source. */
function expandModel(tree: SourceNode, diagnostics: Diagnostic[]): SourceNode {
  const model = nodeAt(tree, ['workload', 'model']);
  if (!model || model.kind !== 'scalar') return tree;
  if (typeof model.value !== 'string') {
    diagnostics.push(
      at(
        model.source,
        'error',
        'bad-reference',
        'workload.model',
        'Expected a model preset id such as `llama-3-70b`, or the architecture inline `{ layers, hidden, heads, ... }`.',
      ),
    );
    return tree;
  }
  const preset = findPreset('model', model.value.trim());
  if (!preset) {
    const suggestion = closest(model.value, presetIds('model'));
    diagnostics.push(
      at(
        model.source,
        'error',
        'unknown-preset',
        'workload.model',
        `Unknown model preset \`${model.value}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Model presets: ${presetIds('model').join(', ')}.`,
        suggestion,
      ),
    );
    return tree;
  }
  const expanded = presetTree(preset);
  return withValueAt(tree, ['workload', 'model'], { ...expanded, source: model.source });
}

/**
 * `cost.silicon` keys that describe this chip's node, memory, vendor and design, not the
 * deployment: a preset baseline keeps its own (its node's wafer price and defects, its memory's
 * price, its vendor's margin, and no design cost of this one's: an in-house design's NRE had
 * raised the H100 baseline's price by as much). The packaging, test, board and server shares
 * stay shared.
 */
const CHIP_OWN_ECONOMICS = ['wafer_price', 'defect_density', 'memory_price', 'margin', 'nre', 'volume'];
/**
 * `cost` keys that are this chip's: its price. A preset that states none (`tpu-v4`, `trn2`) has
 * none as a baseline either; it took this config's, and a TPU compared "at $16,200 (given)".
 */
const CHIP_OWN_COST = ['chip_price'];
/** The sections a preset baseline does not take from this config. */
const BASELINE_OWN_SECTIONS = ['chip', 'compare', 'name'];

/**
 * Whether a preset baseline (`compare: h100-sxm`) takes this config's value at `path`, as
 * loadBaseline builds it: everything but the chip, `compare`, the name and the chip's own
 * silicon economics, where the preset does not state the key itself (its topology, runtime,
 * price). An exploration that varies such a key varies the baseline with it.
 */
export function sharedWithPresetBaseline(path: string, presetId: string): boolean {
  const keys = path.split('.');
  if (BASELINE_OWN_SECTIONS.includes(keys[0]!)) return false;
  if (keys[0] === 'cost' && keys[1] === 'silicon' && CHIP_OWN_ECONOMICS.includes(keys[2] ?? '')) return false;
  if (keys[0] === 'cost' && CHIP_OWN_COST.includes(keys[1] ?? '')) return false;
  const preset = findPreset('chip', presetId);
  if (!preset) return false;
  const own = expandRuntime(presetTree(preset), []);
  // Shared unless the preset states the path, or a value above it (its runtime id was expanded to the section).
  for (let i = 1; i <= keys.length; i++) {
    const node = nodeAt(own, keys.slice(0, i));
    if (node === undefined) return true;
    if (node.kind !== 'map') return false;
  }
  return false;
}

async function loadBaseline(
  tree: SourceNode,
  file: string,
  host: FileHost,
  root: string | undefined,
  texts: Map<string, string>,
  diagnostics: Diagnostic[],
  budget: ParseBudget,
): Promise<Baseline | undefined> {
  const compare = nodeAt(tree, ['compare']);
  if (!compare) return undefined;
  if (compare.kind !== 'scalar' || typeof compare.value !== 'string' || !compare.value.trim()) {
    diagnostics.push(
      at(
        compare.source,
        'error',
        'bad-reference',
        'compare',
        '`compare` takes a chip preset id or a relative path to another `*.chip.yaml`.',
      ),
    );
    return undefined;
  }
  const ref = compare.value.trim();
  const compareFile = compare.source.kind === 'file' ? compare.source.file : file;
  if (!looksLikePath(ref)) {
    const preset = findPreset('chip', ref);
    if (!preset) {
      await loadReference(ref, compare.source, 'compare', compareFile, host, root, texts, diagnostics, [file], budget, { broken: false });
      return undefined;
    }
    // Same workload, system and economics; the preset's chip (and its price or none, topology, name).
    // Silicon figures of this chip's node, memory and vendor (a 3 nm wafer price, HBM4's price per
    // GB, an in-house 0 % margin) are not the preset's: its die is priced at its own node's.
    const own = withoutKeysAt(
      withoutKeysAt(withoutKeys(tree, BASELINE_OWN_SECTIONS), ['cost', 'silicon'], CHIP_OWN_ECONOMICS),
      ['cost'],
      CHIP_OWN_COST,
    );
    return { name: preset.name, tree: mergeTrees(own, expandRuntime(presetTree(preset), diagnostics)), presetId: preset.id };
  }
  // This file itself: a baseline of the same design says nothing (every ratio 1), so none is built.
  if (resolvePath(compareFile, ref) === file) {
    diagnostics.push(
      at(
        compare.source,
        'warning',
        'compare-self',
        'compare',
        '`compare` names this file itself: the baseline would be this design, every ratio 1. Name another `*.chip.yaml` or a chip preset.',
      ),
    );
    return undefined;
  }
  const compareState: ChainState = { broken: false };
  // The baseline's own `extends` chain starts afresh: a what-if that extends this file and is
  // compared from it (`compare: ./variant.chip.yaml`, the variant `extends: ./base.chip.yaml`) is
  // no cycle, as the baseline's `compare` is never followed (an operator's review read one).
  const other = await loadReference(ref, compare.source, 'compare', compareFile, host, root, texts, diagnostics, [], budget, compareState);
  if (!other) return undefined;
  const expanded = expandRuntime(expandModel(withoutKeys(other, ['compare']), []), []);
  const name = nodeAt(expanded, ['name']);
  return {
    name: name?.kind === 'scalar' && typeof name.value === 'string' ? name.value : ref,
    tree: expanded,
    extendsBroken: compareState.broken,
  };
}

function at(
  source: SourceRef,
  severity: Diagnostic['severity'],
  code: string,
  path: string,
  message: string,
  replacement?: string,
): Diagnostic {
  const d: Diagnostic = { severity, code, path, message };
  if (source.kind === 'file') {
    d.at = { file: source.file, range: source.range };
    if (replacement) d.fixes = [{ title: `Replace with \`${replacement}\``, file: source.file, range: source.range, newText: replacement }];
  }
  return d;
}
