import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, useWorkbench } from './workbench';

const workbench = useWorkbench('design-views', { files: { 'reference.chip.yaml': fixture('reference.chip.yaml') } });

test('"Jalapeño: Open Design Views" opens a webview beside the editor', async (t) =>
  workbench.run(t, async (wb) => {
    await wb.openFile('reference.chip.yaml');
    await wb.waitForActivation();
    await wb.runCommand('Jalapeño: Open Design Views');

    await wb.page.locator('.editor-group-container').nth(1).waitFor();
    await wb.webviewFrame().locator('body *').first().waitFor();
    const editor = await wb.page.locator('.editor-group-container').first().boundingBox();
    const webview = await wb.page.locator('iframe.webview.ready').boundingBox();
    assert.ok(editor && webview && webview.x >= editor.x + editor.width - 1, 'the webview is to the right of the editor');
    await wb.screenshot('design-views');
  }));
