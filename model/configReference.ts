// The config reference (docs/config.md), written from the one schema definition so it
// cannot drift from what the editor and CLI accept. `npm run docs` rewrites the file; a
// unit test fails when the committed copy is stale.

import { exampleOf } from './config/examples';
import { chipConfigSchema, type SchemaNode, type SectionNode } from './config/schema';
import { DIMENSIONS, formatQuantity, type Dimension } from './units';

function kindOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'quantity':
      return `${DIMENSIONS[node.dimension].noun}, e.g. \`${exampleOf(node)}\``;
    case 'count':
      return `whole number ${node.min}–${node.max.toLocaleString('en')}`;
    case 'fraction':
      return node.shown ?? (node.max <= 1 ? 'fraction, `85 %` or `0.85`' : `number ${node.min}–${node.max}`);
    case 'enum':
      return `one of ${node.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'enumList':
      return `list of ${node.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'textList':
      return `list of ${node.syntax}s, e.g. \`[${node.example}]\``;
    case 'varyMap':
      return 'config keys to a list of values or a range, e.g. `workload.batch: 1..256:9log`';
    case 'dtypeMap':
      return `per dtype, each ${node.of === 'number' ? 'a number' : DIMENSIONS[node.of].noun}`;
    case 'geometry':
      return 'rows x columns, e.g. `128x128`';
    case 'length':
      return 'token count, `trace`, or `{ distribution, mean, min, max, sigma }`';
    case 'reference':
      return node.inline ? 'preset id, or the mapping below' : node.allowPath ? 'preset id or relative path' : 'preset id';
    case 'text':
      return 'text';
    case 'boolean':
      return '`true` or `false`';
    case 'section':
      return 'section';
    case 'namedSections':
      return 'named entries, each the mapping below';
  }
}

function defaultOf(node: SchemaNode): string {
  if (!('default' in node) || !node.default) return '';
  // A default a user may not write (`cost.chip_price: 0` is an error): what leaving the key out does, not a value (a review read `0 USD` and wrote it).
  if (node.kind === 'quantity' && node.writtenZeroError) return node.default.source;
  const v = node.default.value;
  const shown = typeof v === 'object' ? JSON.stringify(v).replace(/"/g, '') : String(v);
  return `\`${shown}\` — ${node.default.source}`;
}

/** Where real chips lie: outside it, a value a unit prefix would bring inside is a `unit-slip` warning. */
function typicalOf(node: SchemaNode): string {
  if ((node.kind !== 'quantity' && node.kind !== 'dtypeMap') || !node.typical) return '';
  const dimension = node.kind === 'quantity' ? node.dimension : node.of;
  if (dimension === 'number') return '';
  const [lo, hi] = node.typical.range;
  const bits =
    node.kind === 'quantity' && node.quotedInBytes
      ? ' Written in bits (`3.35 Tb/s`, an eighth of `3.35 TB/s`), it is a `bits-for-bytes` warning.'
      : '';
  return ` Typical: ${formatQuantity(lo, dimension)}–${formatQuantity(hi, dimension)}, ${node.typical.of}; outside, a value one or two unit prefixes from inside is a \`unit-slip\` warning with the fix, and any other (but 0) an \`atypical-value\` warning; either is used as written${hardBoundsOf(node.min, node.max, dimension)}.${bits}`;
}

/** The plausibility bounds past which a value is refused, not used as written (a new user found them in no doc). */
function hardBoundsOf(min: number | undefined, max: number | undefined, dimension: Dimension): string {
  if (min === undefined && max === undefined) return '';
  const range =
    min !== undefined && max !== undefined
      ? `below ${formatQuantity(min, dimension)} or above ${formatQuantity(max, dimension)}`
      : min !== undefined
        ? `below ${formatQuantity(min, dimension)}`
        : `above ${formatQuantity(max!, dimension)}`;
  return `, up to the bounds of the plausible: ${range} is an \`out-of-range\` error`;
}

function rows(section: SectionNode, prefix: string, out: string[]): void {
  for (const [key, node] of Object.entries(section.fields)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const meaning = node.doc + typicalOf(node);
    out.push(`| \`${path}\` | ${kindOf(node)} | ${meaning.replace(/\|/g, '\\|')} | ${defaultOf(node).replace(/\|/g, '\\|')} |`);
    if (node.kind === 'section') rows(node, path, out);
    if (node.kind === 'reference' && node.inline) rows(node.inline, path, out);
    if (node.kind === 'namedSections') rows(node.entry, `${path}.<name>`, out);
  }
}

export function configReferenceMarkdown(): string {
  const out = [
    '# Chip config reference',
    '',
    '<!-- Generated from model/config/schema.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every key of a `*.chip.yaml`, what it means, what it takes, and its default with the',
    "default's source. Keys without a default must come from the file, an `extends` chain or",
    'a preset. Unknown keys are warnings that name the closest known key, or the section where',
    'a misplaced key belongs (`chip.sram.kind` -> `chip.silicon.sram_kind`).',
    '',
    '| key | takes | meaning | default |',
    '|---|---|---|---|',
  ];
  rows(chipConfigSchema as SectionNode, '', out);
  return out.join('\n') + '\n';
}
