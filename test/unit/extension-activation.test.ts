// Activation: the extension activates on opening YAML or after startup (not on a workspace
// search), registers every contributed command first and at once, and returns quickly.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installFakeVscode } from './helpers/fakeVscode';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: { command: string }[] };
};

test('activation does not wait on a workspace search', () => {
  const events = manifest.activationEvents;
  assert.ok(events.includes('onLanguage:yaml'), events.join(', '));
  assert.deepEqual(
    events.filter((e) => e.startsWith('workspaceContains:')),
    [],
  );
  assert.ok(events.includes('onWebviewPanel:jalapeno.views'), 'restoring the views after reload activates the extension');
  assert.ok(events.includes('onWebviewPanel:jalapeno.exploration'), 'restoring an Exploration panel after reload activates the extension');
});

test('activate() registers every contributed command before anything else, and is cheap', async (t) => {
  const { log, restore } = installFakeVscode();
  try {
    const { activate } = await import('../../extension/main');
    const subscriptions: unknown[] = [];
    const started = performance.now();
    activate({ subscriptions, extensionUri: { path: ROOT } } as never);
    const elapsedMs = performance.now() - started;
    t.diagnostic(`activate() took ${elapsedMs.toFixed(1)} ms (modules already loaded)`);
    const contributed = manifest.contributes.commands.map((c) => c.command);
    const registered = log.calls.filter((c) => c.startsWith('registerCommand:')).map((c) => c.slice('registerCommand:'.length));
    assert.deepEqual([...registered].sort(), [...contributed].sort());
    // The command registrations come before every provider and before any evaluation.
    const lastCommand = Math.max(...registered.map((id) => log.calls.indexOf(`registerCommand:${id}`)));
    const firstOther = log.calls.findIndex((c) => !c.startsWith('registerCommand:') && !c.includes('registerWebviewPanelSerializer'));
    assert.ok(firstOther === -1 || lastCommand < firstOther, log.calls.join('\n'));
    // The design views and the Exploration panel both come back after a window reload.
    assert.equal(log.calls.filter((c) => c.endsWith('registerWebviewPanelSerializer')).length, 2, log.calls.join('\n'));
    assert.equal(log.calls.includes('workspace.textDocuments'), false, 'open documents are evaluated after activate() returns');
    assert.ok(elapsedMs < 200, `activate() took ${elapsedMs.toFixed(0)} ms`);
    assert.ok(log.calls.includes('languages.registerInlayHintsProvider'), 'defaults in force are drawn as inlay hints');
  } finally {
    restore();
  }
});
