import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TAB_MEMORY_FILES, TabMemory } from '../../extension/logic/tabMemory';

test('the tab each config was left on: the last choice per file, the oldest file forgotten past the bound', () => {
  const tabs = new TabMemory();
  tabs.set('file:///a.chip.yaml', 'serving');
  tabs.set('file:///b.chip.yaml', 'latency');
  tabs.set('file:///a.chip.yaml', 'bandwidth');
  assert.equal(tabs.get('file:///a.chip.yaml'), 'bandwidth');
  assert.equal(tabs.get('file:///c.chip.yaml'), undefined);
  // a was chosen last, so b is the oldest once the memory is full.
  for (let i = 0; i < TAB_MEMORY_FILES - 1; i++) tabs.set(`file:///n${i}.chip.yaml`, 'dataflow');
  assert.equal(tabs.get('file:///b.chip.yaml'), undefined);
  assert.equal(tabs.get('file:///a.chip.yaml'), 'bandwidth');
});
