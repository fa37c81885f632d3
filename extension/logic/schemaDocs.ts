// Documentation of a config key as Markdown, read from the schema: what it is, what it
// accepts, its default and where that default comes from.

import type { SchemaNode } from '../../model/config/schema';
import { exampleOf } from '../../model/config/examples';
import { DIMENSIONS } from '../../model/units';

/** A short description of what a key accepts, e.g. "a bandwidth, e.g. `4.8 TB/s`". */
export function describeKind(node: SchemaNode): string {
  switch (node.kind) {
    case 'section':
      return 'section';
    case 'quantity':
      return `${DIMENSIONS[node.dimension].noun}, e.g. ${exampleOf(node)}`;
    case 'count':
      return `whole number, ${node.min}–${node.max.toLocaleString('en-US')}`;
    case 'fraction':
      return node.shown?.replace(/`/g, '') ?? (node.max <= 1 ? 'fraction, e.g. 85 % or 0.85' : `ratio, ${node.min}–${node.max}`);
    case 'enum':
      return `one of ${node.values.join(' | ')}`;
    case 'boolean':
      return 'true | false';
    case 'dtypeMap':
      return node.of === 'number' ? 'one number per dtype' : `${DIMENSIONS[node.of].noun} per dtype`;
    case 'enumList':
      return `list of ${node.values.join(', ')}`;
    case 'textList':
      return `list of ${node.syntax}s, e.g. [${node.example}]`;
    case 'varyMap':
      return 'config keys to values or a range, e.g. workload.batch: 1..256:9log';
    case 'geometry':
      return 'rows x columns, e.g. 128x128';
    case 'length':
      return 'token count, trace, or { distribution: uniform|lognormal|fixed, mean, min, max, sigma }';
    case 'reference':
      return node.presetKind === 'model'
        ? 'model preset id, or the architecture inline'
        : node.presetKind === 'runtime'
          ? node.inline
            ? 'runtime preset id, or the section inline (`extends:` a preset to override some keys)'
            : 'runtime preset id'
          : node.allowPath
            ? 'chip preset id, or a relative path to a *.chip.yaml'
            : 'chip preset id';
    case 'text':
      return 'text';
    case 'namedSections':
      return 'named entries (e.g. host_ddr:), each a section';
  }
}

export function schemaDocMarkdown(path: readonly string[], node: SchemaNode): string {
  const parts = [`**${path.join('.')}** — ${describeKind(node)}`, '', node.doc];
  const def = defaultText(node);
  if (def) parts.push('', `Default: \`${def.value}\` — ${def.source}`);
  return parts.join('\n');
}

/** The documented default as the user would write it, with its source. */
export function defaultText(node: SchemaNode): { value: string; source: string } | undefined {
  if (!('default' in node) || !node.default) return undefined;
  const d = node.default;
  const v = d.value as unknown;
  let value: string;
  if (Array.isArray(v)) value = `[${v.join(', ')}]`;
  else if (v !== null && typeof v === 'object')
    value = `{ ${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${String(x)}`)
      .join(', ')} }`;
  else if (node.kind === 'fraction' && typeof v === 'number' && node.max <= 1) value = `${+(v * 100).toPrecision(4)} %`;
  else value = String(v);
  return { value, source: d.source };
}
