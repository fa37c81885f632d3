import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, poll, useWorkbench } from './workbench';

const workbench = useWorkbench('activation', { files: { 'reference.chip.yaml': fixture('reference.chip.yaml') } });

test('the extension is active with a *.chip.yaml open, and its commands run', async (t) =>
  workbench.run(t, async (wb) => {
    await wb.openFile('reference.chip.yaml');
    const activation = await wb.waitForActivation();
    const timing =
      `workbench visible after ${wb.workbenchVisibleMs} ms, extension activated after ${activation.ms} ms` + ` on ${activation.event}`;
    t.diagnostic(`${timing} (from the start of page load)`);
    console.log(`e2e: ${timing} (from the start of page load)`);

    assert.ok(await wb.hasCommand('Jalapeño: Show Log'), 'the palette lists "Jalapeño: Show Log"');
    await wb.runCommand('Jalapeño: Show Log');
    await poll(
      async () => ((await wb.outputChannel()) === 'Jalapeño' ? true : undefined),
      30_000,
      'the Output panel did not switch to the Jalapeño channel',
    );
    await wb.screenshot('show-log');
  }));
