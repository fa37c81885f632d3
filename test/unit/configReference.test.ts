import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configReferenceMarkdown } from '../../model/configReference';

test('docs/config.md is generated from the current schema (run `npm run docs`)', () => {
  const committed = readFileSync(join(__dirname, '../../docs/config.md'), 'utf8');
  assert.equal(committed, configReferenceMarkdown());
});
