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
    // Under load a palette Enter is now and then lost (the palette closes, nothing runs: CI of
    // stops 20 and 22, one run in several): a user presses it again. The command is idempotent.
    const switched = async () => ((await wb.outputChannel(1_000).catch(() => undefined)) === 'Jalapeño' ? true : undefined);
    for (let attempt = 1; ; attempt++) {
      await wb.runCommand('Jalapeño: Show Log');
      const shown = await poll(switched, 10_000, '').catch(() => undefined);
      if (shown) break;
      if (attempt === 3) throw new Error('the Output panel did not switch to the Jalapeño channel after three tries');
      t.diagnostic(`Show Log try ${attempt}: the Output panel did not switch; trying again`);
    }
    await wb.screenshot('show-log');
  }));
