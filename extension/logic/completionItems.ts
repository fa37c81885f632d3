// Completion items for a chip config, computed from the one schema (keys, docs, defaults,
// enum values, unit dimensions) and the preset registry. Pure: the host turns these into
// vscode.CompletionItems.

import type { TextRange } from '../../model/diagnostics';
import { DTYPES } from '../../model/dtypes';
import { chipPresets, modelPresets, runtimePresets, type Preset } from '../../model/presets';
import { exampleOf, unitsFor, type QuantityKey } from '../../model/config/examples';
import { schemaAt, type SchemaNode } from '../../model/config/schema';
import { DIMENSIONS } from '../../model/units';
import { completionContextAt, type CompletionContext } from './completionContext';
import { presetMarkdown } from './presetSummary';
import { describeKind, schemaDocMarkdown } from './schemaDocs';

export type CompletionEntryKind = 'section' | 'key' | 'enum' | 'preset' | 'unit' | 'value' | 'file';

export interface CompletionEntry {
  label: string;
  kind: CompletionEntryKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` is a snippet (tab stops, choices). */
  snippet: boolean;
  range: TextRange;
  sortText?: string;
  /** Open the suggest widget again after inserting (a key whose value has its own completions). */
  retrigger?: boolean;
}

export interface CompletionEnvironment {
  /** Other `*.chip.yaml` files, as paths relative to the config's folder (`./base.chip.yaml`). */
  configPaths?: readonly string[];
  /** Leave out what Red Hat YAML already offers from the JSON Schema (keys, enum values). */
  schemaCompletionElsewhere?: boolean;
}

export function completionsAt(text: string, offset: number, env: CompletionEnvironment = {}): CompletionEntry[] {
  const context = completionContextAt(text, offset);
  return context ? completionsFor(context, env) : [];
}

export function completionsFor(context: CompletionContext, env: CompletionEnvironment = {}): CompletionEntry[] {
  return context.kind === 'key' ? keyCompletions(context, env) : valueCompletions(context, env);
}

/** Whether the context offers file references (so the host lists the workspace's configs). */
export function wantsConfigPaths(context: CompletionContext): boolean {
  const node = context.kind === 'value' ? schemaAt(context.path) : undefined;
  return node?.kind === 'reference' && node.allowPath;
}

/** `./base.chip.yaml`, `../shared/h100.chip.yaml`: `to` relative to the folder `fromDir`. */
export function relativeReference(fromDir: string, to: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const target = to.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  const up = from.length - common;
  const rest = target.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

function keyCompletions(context: Extract<CompletionContext, { kind: 'key' }>, env: CompletionEnvironment): CompletionEntry[] {
  const parent = schemaAt(context.parent);
  const section = parent?.kind === 'reference' && parent.inline ? parent.inline : parent;
  if (!section) return [];
  if (section.kind === 'dtypeMap') {
    return DTYPES.filter((d) => !context.siblings.has(d)).map((dtype, i) => ({
      label: dtype,
      kind: 'key',
      detail: section.of === 'number' ? 'per dtype' : `${DIMENSIONS[section.of].noun} for ${dtype}`,
      documentation: section.doc,
      insertText: context.flow ? `${dtype}: ` : `${dtype}: `,
      snippet: false,
      range: context.replace,
      sortText: String(i).padStart(2, '0'),
      retrigger: section.of !== 'number',
    }));
  }
  if (section.kind !== 'section' || env.schemaCompletionElsewhere) return [];
  return Object.entries(section.fields)
    .filter(([key]) => !context.siblings.has(key))
    .map(([key, node], i) => ({
      label: key,
      kind: node.kind === 'section' || node.kind === 'namedSections' ? 'section' : 'key',
      detail: describeKind(node),
      documentation: schemaDocMarkdown([...context.parent, key], node),
      ...keyInsert(key, node, context.flow),
      range: context.replace,
      sortText: String(i).padStart(3, '0'),
    }));
}

function keyInsert(key: string, node: SchemaNode, flow: boolean): Pick<CompletionEntry, 'insertText' | 'snippet' | 'retrigger'> {
  if (flow) return { insertText: `${key}: `, snippet: false, retrigger: hasValueCompletions(node) };
  const placeholder = (v: string) => `${key}: \${1:${escapeSnippet(v)}}`;
  switch (node.kind) {
    case 'section':
      return { insertText: `${key}:\n\t$0`, snippet: true, retrigger: true };
    case 'enum':
      return { insertText: `${key}: \${1|${node.values.map(escapeChoice).join(',')}|}`, snippet: true };
    case 'boolean':
      return { insertText: `${key}: \${1|${node.default?.value === true ? 'true,false' : 'false,true'}|}`, snippet: true };
    case 'quantity':
      return { insertText: placeholder(node.default?.value ?? exampleOf(node)), snippet: true };
    case 'count':
      return { insertText: placeholder(String(node.default?.value ?? node.min)), snippet: true };
    case 'fraction':
      return {
        insertText: placeholder(node.default ? formatFraction(node.default.value, node.max) : node.max <= 1 ? '80 %' : String(node.min)),
        snippet: true,
      };
    case 'geometry':
      return { insertText: placeholder('128x128'), snippet: true };
    case 'length':
      return { insertText: placeholder('1024'), snippet: true };
    case 'dtypeMap':
      return {
        insertText: `${key}: { \${1:bf16}: \${2:${node.of === 'number' ? '1' : escapeSnippet(DIMENSIONS[node.of].example)}} }`,
        snippet: true,
      };
    case 'enumList':
      return { insertText: `${key}: [$1]`, snippet: true, retrigger: true };
    case 'textList':
      return { insertText: `${key}: [\${1:${escapeSnippet(node.example)}}]`, snippet: true };
    case 'varyMap':
      return { insertText: `${key}:\n\t\${1:workload.batch}: \${2:1..256:9log}`, snippet: true };
    case 'reference':
      return { insertText: `${key}: `, snippet: false, retrigger: true };
    case 'text':
      return { insertText: `${key}: $1`, snippet: true };
    case 'namedSections':
      return { insertText: `${key}:\n\t\${1:name}:\n\t\t$0`, snippet: true, retrigger: true };
  }
}

function hasValueCompletions(node: SchemaNode): boolean {
  return node.kind === 'enum' || node.kind === 'boolean' || node.kind === 'reference' || node.kind === 'enumList';
}

function valueCompletions(context: Extract<CompletionContext, { kind: 'value' }>, env: CompletionEnvironment): CompletionEntry[] {
  const node = schemaAt(context.path);
  if (!node) return [];
  const range = context.replace;
  switch (node.kind) {
    case 'enum':
      if (env.schemaCompletionElsewhere) return [];
      return node.values.map((v) => ({
        label: v,
        kind: 'enum',
        detail: node.default?.value === v ? 'default' : undefined,
        documentation: node.doc,
        insertText: v,
        snippet: false,
        range,
      }));
    case 'enumList':
      return node.values
        .filter((v) => !context.siblings.has(v))
        .map((v) => ({ label: v, kind: 'enum', documentation: node.doc, insertText: v, snippet: false, range }));
    case 'boolean':
      return ['true', 'false'].map((v) => ({ label: v, kind: 'value', insertText: v, snippet: false, range }));
    case 'reference':
      return referenceCompletions(node.presetKind, node.allowPath, context, env);
    case 'quantity':
      return quantityCompletions(node, node.default?.value, node.default?.source, context);
    case 'dtypeMap':
      return node.of === 'number'
        ? []
        : quantityCompletions(
            { dimension: node.of, min: node.min, max: node.max, allowZero: node.of === 'energy' },
            undefined,
            undefined,
            context,
          );
    case 'count':
    case 'fraction':
      if (context.prefix || !node.default) return [];
      return [
        {
          label: node.kind === 'fraction' ? formatFraction(node.default.value, node.max) : String(node.default.value),
          kind: 'value',
          detail: 'default',
          documentation: `Default — ${node.default.source}`,
          insertText: node.kind === 'fraction' ? formatFraction(node.default.value, node.max) : String(node.default.value),
          snippet: false,
          range,
        },
      ];
    default:
      return [];
  }
}

function referenceCompletions(
  kind: 'chip' | 'model' | 'runtime',
  allowPath: boolean,
  context: Extract<CompletionContext, { kind: 'value' }>,
  env: CompletionEnvironment,
): CompletionEntry[] {
  const presets: readonly Preset[] = kind === 'chip' ? chipPresets : kind === 'model' ? modelPresets : runtimePresets;
  const items: CompletionEntry[] = presets.map((p, i) => ({
    label: p.id,
    kind: 'preset',
    detail: p.name,
    documentation: presetMarkdown(p),
    insertText: p.id,
    snippet: false,
    range: context.replace,
    sortText: `0${String(i).padStart(3, '0')}`,
  }));
  if (allowPath) {
    for (const path of env.configPaths ?? []) {
      items.push({
        label: path,
        kind: 'file',
        detail: 'chip config in this workspace',
        insertText: path,
        snippet: false,
        range: context.replace,
        sortText: `1${path}`,
      });
    }
  }
  return items;
}

// A number, optionally followed by a partly typed unit: `4.8`, `4.8 `, `4.8 TB`.
const NUMBER_THEN_UNIT = /^(\$?[+-]?(?:\d[\d_,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(\s*)(\S*)$/;

function quantityCompletions(
  key: QuantityKey,
  defaultValue: string | undefined,
  defaultSource: string | undefined,
  context: Extract<CompletionContext, { kind: 'value' }>,
): CompletionEntry[] {
  const d = DIMENSIONS[key.dimension];
  const example = exampleOf(key);
  const number = NUMBER_THEN_UNIT.exec(context.prefix);
  if (number) {
    const unitStart = context.replace.end - number[3]!.length;
    const space = number[2] ? '' : ' ';
    return unitsFor(key).map((unit, i) => ({
      label: unit,
      kind: 'unit',
      detail: d.noun,
      insertText: `${space}${unit}`,
      snippet: false,
      range: { start: unitStart, end: context.replace.end },
      sortText: String(i).padStart(2, '0'),
    }));
  }
  if (context.prefix) return [];
  const items: CompletionEntry[] = [];
  if (defaultValue)
    items.push({
      label: defaultValue,
      kind: 'value',
      detail: 'default',
      documentation: defaultSource ? `Default — ${defaultSource}` : undefined,
      insertText: defaultValue,
      snippet: false,
      range: context.replace,
      sortText: '0',
    });
  if (example !== defaultValue)
    items.push({
      label: example,
      kind: 'value',
      detail: `example: ${d.noun}`,
      insertText: example,
      snippet: false,
      range: context.replace,
      sortText: '1',
    });
  return items;
}

function formatFraction(value: number, max: number): string {
  return max <= 1 ? `${+(value * 100).toPrecision(4)} %` : String(value);
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(s: string): string {
  return s.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}
