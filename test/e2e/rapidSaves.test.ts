// Rapid edits (issue 7): 100 edit-and-save cycles as fast as the keyboard goes, alternating
// an invalid and a valid memory bandwidth, ending on a value used nowhere before. The editor
// must end showing exactly the last save's result: a stale evaluation landing late would
// leave an error behind or another number; and there must still be one views panel.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusSummary } from '../../extension/logic/summaryText';
import { analyzeConfig } from '../../model/analyze';
import { fixture, poll, useWorkbench } from './workbench';

const CONFIG = fixture('reference.chip.yaml');
const workbench = useWorkbench('rapid-saves', { files: { 'reference.chip.yaml': CONFIG } });
const STATUS_ITEM = '.statusbar-item[id="jalapeno-team.jalapeno-explorer.jalapeno.status"]';
const FINAL = 'bandwidth: 5.55 TB/s';

test('100 saves in quick succession end with the result of the last one', async (t) =>
  workbench.run(t, async (wb) => {
    // What the status bar must show at the end: the model's own figure for the final text.
    const finalText = CONFIG.replace('bandwidth: 4.8 TB/s', FINAL);
    const expected = statusSummary(
      await analyzeConfig(finalText, '/ws/reference.chip.yaml', { read: async () => undefined, rootOf: () => '/ws' }),
    ).text.replace(/^\$\([a-z~-]+\) /, '');

    await wb.openFile('reference.chip.yaml');
    await wb.waitForActivation();
    await wb.runCommand('Jalapeño: Open Design Views');
    await wb.webviewFrame().locator('.design-name').waitFor();

    await wb.select('bandwidth: 4.8 TB/s');
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      const value = i === 99 ? FINAL : i % 2 === 0 ? 'bandwidth: 4.8 GB' : 'bandwidth: 4.8 TB/s';
      // Typing replaces the selection; Shift+Home selects the new line back for the next cycle.
      await wb.page.keyboard.insertText(value);
      await wb.page.keyboard.press('Shift+Home');
      await wb.page.keyboard.press('Control+S');
    }
    const typedMs = Date.now() - started;
    await wb.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });

    await wb.page.locator(STATUS_ITEM, { hasText: expected }).waitFor({ timeout: 60_000 });
    const settledMs = Date.now() - started;
    await wb.waitForProblems((count) => count.errors === 0);
    assert.equal(await wb.errorSquiggles().count(), 0, 'no error left from an earlier save');
    assert.equal(await wb.page.locator('iframe.webview').count(), 1, 'still one views panel');
    const header = wb.webviewFrame().locator('.summary');
    await poll(
      async () => ((await header.textContent()) ?? '').includes(expected.replace('/token', '')) || undefined,
      30_000,
      `the views show ${expected}`,
    );
    assert.equal(await wb.webviewFrame().locator('.badge.error').count(), 0, 'no error badge in the views');
    console.log(`e2e: 100 edit+save cycles typed in ${typedMs} ms; final result shown ${settledMs} ms after the first (${expected})`);
    await wb.screenshot('rapid-saves');
  }));
