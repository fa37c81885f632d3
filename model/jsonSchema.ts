// The JSON Schema shipped for Red Hat YAML (`contributes.yamlValidation`), generated from
// the one schema definition at build time. It validates shape and offers docs; unit and
// design checks stay ours (the two do not duplicate errors: its messages are about shape).

import { chipConfigSchema, ENTRY_NAME, LENGTH_DISTRIBUTIONS, type SchemaNode, type SectionNode } from './config/schema';
import { DTYPES } from './dtypes';
import { DIMENSIONS } from './units';
import { presetIds } from './presets';

type Json = Record<string, unknown>;

function nodeSchema(node: SchemaNode): Json {
  const description = node.doc;
  switch (node.kind) {
    case 'section':
      return sectionSchema(node);
    case 'quantity':
      return {
        description: `${description} (${DIMENSIONS[node.dimension].noun}, e.g. \`${DIMENSIONS[node.dimension].example}\`)`,
        type: 'string',
        examples: [DIMENSIONS[node.dimension].example],
      };
    case 'count':
      return { description, type: 'integer', minimum: node.min, maximum: node.max };
    case 'fraction':
      return { description, anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*[0-9.]+\\s*%\\s*$' }] };
    case 'enum':
      return { description, enum: [...node.values] };
    case 'text':
      return { description, type: 'string' };
    case 'boolean':
      return { description, type: 'boolean' };
    case 'dtypeMap':
      return {
        description,
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(DTYPES.map((d) => [d, node.of === 'number' ? { type: 'number' } : { type: 'string' }])),
      };
    case 'enumList':
      return { description, type: 'array', items: { enum: [...node.values] } };
    case 'textList':
      return { description, type: 'array', items: { type: 'string' }, examples: [[node.example]] };
    case 'varyMap':
      return { description, type: 'object', additionalProperties: { anyOf: [{ type: ['string', 'number'] }, { type: 'array' }] } };
    case 'geometry':
      return { description, type: 'string', pattern: '^\\s*\\d+\\s*[xX×]\\s*\\d+\\s*$' };
    case 'namedSections':
      return {
        description,
        type: 'object',
        propertyNames: { pattern: ENTRY_NAME.source, not: { enum: Object.keys(node.reserved) } },
        additionalProperties: sectionSchema(node.entry),
      };
    case 'length':
      return {
        description,
        anyOf: [
          { type: 'integer', minimum: 1 },
          { const: 'trace' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['distribution'],
            properties: {
              distribution: { enum: [...LENGTH_DISTRIBUTIONS] },
              mean: { type: 'number' },
              min: { type: 'number' },
              max: { type: 'number' },
              sigma: { type: 'number' },
            },
          },
        ],
      };
    case 'reference': {
      const ids: Json = { type: 'string', examples: presetIds(node.presetKind) };
      return node.inline ? { description, anyOf: [ids, sectionSchema(node.inline)] } : { description, ...ids };
    }
  }
}

function sectionSchema(section: SectionNode): Json {
  return {
    description: section.doc,
    type: 'object',
    properties: Object.fromEntries(Object.entries(section.fields).map(([k, v]) => [k, nodeSchema(v)])),
  };
}

export function chipJsonSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Jalapeño chip config (*.chip.yaml)',
    ...sectionSchema(chipConfigSchema as SectionNode),
  };
}
