// Hovers and completion on values that are not valid, or whose example would not be: the
// editor never presents a stand-in default as what the user wrote, and never offers an
// example outside a key's meaning (`2 us` for a lifetime).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionsAt } from '../../extension/logic/completionItems';
import { hoverMarkdown } from '../../extension/logic/hoverText';
import { schemaDocMarkdown } from '../../extension/logic/schemaDocs';
import { keyAt } from '../../extension/logic/yamlPath';
import { analyzeConfig } from '../../model/analyze';
import { exampleOf, fitsKey, unitsFor } from '../../model/config/examples';
import { chipConfigSchema, type SchemaNode } from '../../model/config/schema';
import { memoryHost } from './helpers/memoryHost';

const FILE = '/ws/a.chip.yaml';

async function hoverOn(text: string, needle: string, delta = 1): Promise<string> {
  const analysis = await analyzeConfig(text, FILE, memoryHost({ [FILE]: text }));
  const location = keyAt(text, text.indexOf(needle) + delta)!;
  return hoverMarkdown({ location, analysis, file: FILE, linkTo: () => '' }) ?? '';
}

/** Every quantity key of the schema (dtype maps of quantities included), by dotted path. */
function quantityKeys(node: SchemaNode = chipConfigSchema, path: string[] = []): [string, SchemaNode][] {
  if (node.kind === 'section') return Object.entries(node.fields).flatMap(([k, child]) => quantityKeys(child, [...path, k]));
  if (node.kind === 'reference' && node.inline) return quantityKeys(node.inline, path);
  return node.kind === 'quantity' || (node.kind === 'dtypeMap' && node.of !== 'number') ? [[path.join('.'), node]] : [];
}

const TEXT = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\ncost:\n  lifetime: 4 GHz\n';

describe('hover on a value that is not valid', () => {
  it('says it is not valid instead of showing the default that stands in for it', async () => {
    const text = await hoverOn(TEXT, '4 GHz');
    assert.match(text, /\*\*Not valid\*\* `4 GHz`/);
    assert.match(text, /needs a time/);
    assert.doesNotMatch(text, /\*\*Value\*\* 4 years/);
    assert.doesNotMatch(text, /— documented default \(/);
  });

  it('on its key too, and the section hover marks it', async () => {
    assert.match(await hoverOn(TEXT, 'lifetime'), /\*\*Not valid\*\*/);
    const section = await hoverOn(TEXT, 'cost:');
    assert.match(section, /`lifetime` not valid/);
    assert.doesNotMatch(section, /`lifetime` 4 years/);
  });

  it('a value that was used keeps its value line, even with an error about the result', async () => {
    const big = 'extends: jalapeno\nworkload:\n  model: llama-3-70b\n  batch: 4096\n  prompt: 8192\n';
    const text = await hoverOn(big, 'batch: 4096', 8);
    assert.match(text, /\*\*Value\*\* 4,096 — set in this file/);
  });

  it('never reads "From set in this file"', async () => {
    const text = await hoverOn('extends: jalapeno\nworkload:\n  model: llama-3-8b\n', 'llama-3-8b');
    assert.doesNotMatch(text, /\*\*From\*\* set in this file/);
    assert.match(text, /\*\*Source\*\* set in this file/);
  });
});

describe('examples and units offered for a key fit its meaning', () => {
  for (const [path, node] of quantityKeys()) {
    it(`${path}: the example is within its bounds`, () => {
      const key =
        node.kind === 'quantity'
          ? node
          : {
              dimension: (node as { of: 'energy' }).of,
              min: (node as { min?: number }).min,
              max: (node as { max?: number }).max,
              allowZero: true,
            };
      assert.ok(fitsKey(exampleOf(key), key), `${path}: ${exampleOf(key)}`);
      if (node.kind === 'quantity' && node.default) assert.ok(fitsKey(node.default.value, node), `${path} default ${node.default.value}`);
      assert.ok(unitsFor(key).length > 0);
    });
  }

  it('cost.lifetime offers years, never 2 us, in completion and in its documentation', () => {
    const text = 'cost:\n  lifetime: ';
    const labels = completionsAt(text, text.length).map((i) => i.label);
    assert.ok(!labels.includes('2 us'), labels.join(', '));
    const units = completionsAt(`${text}5 `, text.length + 2).map((i) => i.label);
    assert.equal(units[0], 'years');
    assert.ok(!units.includes('us') && !units.includes('ns'), units.join(', '));
    const lifetime = (chipConfigSchema.fields.cost as { fields: Record<string, SchemaNode> }).fields.lifetime!;
    assert.doesNotMatch(schemaDocMarkdown(['cost', 'lifetime'], lifetime), /2 us/);
  });
});
