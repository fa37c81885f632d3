import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, useWorkbench } from './workbench';

const workbench = useWorkbench('diagnostics', { files: { 'reference.chip.yaml': fixture('reference.chip.yaml') } });

test('a bandwidth given in bytes is an error squiggle and a problem until fixed', async (t) =>
  workbench.run(t, async (wb) => {
    await wb.openFile('reference.chip.yaml');
    await wb.waitForActivation();
    assert.equal((await wb.problemsCount()).errors, 0, 'the contract example has no errors');
    assert.equal(await wb.errorSquiggles().count(), 0);

    // The contract: "a unit of the wrong dimension (4.8 GB for a bandwidth) is an error".
    await wb.replaceText('bandwidth: 4.8 TB/s', 'bandwidth: 4.8 GB');
    await wb.save();
    await wb.waitForSquiggle();
    await wb.waitForProblems((count) => count.errors >= 1);
    const hover = await wb.hoverOver('4.8 GB');
    await hover.filter({ hasText: /bandwidth|B\/s/i }).waitFor();
    await wb.screenshot('unit-error');

    await wb.replaceText('bandwidth: 4.8 GB', 'bandwidth: 4.8 TB/s');
    await wb.save();
    await wb.errorSquiggles().first().waitFor({ state: 'detached' });
    await wb.waitForProblems((count) => count.errors === 0);
  }));
