// A config with serving traffic in the real workbench: its static figures appear at once and
// its serving figures once the simulation ends (extension/logic/phasedAnalysis.ts), with the
// CodeLens above `serving:` holding its line meanwhile.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lastLogLine, useWorkbench } from './workbench';

const example = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'examples', name), 'utf8');
const workbench = useWorkbench('serving', {
  files: { 'jalapeno-fleet.chip.yaml': example('jalapeno-fleet.chip.yaml'), 'jalapeno.chip.yaml': example('jalapeno.chip.yaml') },
});

test('the fleet example shows its static figures first, then the serving and fleet lenses, and the status bar the fleet', async (t) =>
  workbench.run(t, async (wb) => {
    await wb.openFile('jalapeno-fleet.chip.yaml');
    await wb.waitForActivation();
    const lenses = wb.page.locator('.editor-group-container.active .codelens-decoration');
    // The static lens comes first; the serving lens either is still simulating or already done.
    await lenses
      .filter({ hasText: /ms\/token/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await wb.screenshot('serving-static-first');
    // The serving lens, not the comparison above `compare:` (which names "p99 TTFT under load").
    const serving = lenses.filter({ hasText: /p99 TTFT [\d.,]+ m?s/ });
    await serving.first().waitFor({ timeout: 120_000 });
    const text = (await serving.first().innerText()).trim();
    t.diagnostic(`serving lens: ${text}`);
    assert.match(text, /p99 TTFT [\d.,]+ m?s/);
    // Sized, or (when the editor's 8 s budget cut the max-rate search on a busy machine) saying it is not.
    await lenses
      .filter({ hasText: /replicas|fleet not sized/ })
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(await lenses.filter({ hasText: /Simulating the serving traffic/ }).count(), 0, 'no lens is left simulating');
    // The status bar leads with the fleet (or, not sized, the traffic's p99), not the static batch's ms/token.
    await wb.page
      .locator('.statusbar-item[id="jalapeno-team.jalapeno-explorer.jalapeno.status"]', {
        hasText: /[\d,]+ chips( \+ [\d,]+ standby)? · \$[\d.,]+\/1M tok|p99 TTFT/,
      })
      .waitFor({ timeout: 30_000 });
    await wb.screenshot('serving-done');
  }));

test('closed and reopened unchanged, the fleet example shows its serving figures at once, not simulated again', async (t) =>
  workbench.run(t, async (wb) => {
    await wb.openFile('jalapeno-fleet.chip.yaml');
    const lenses = wb.page.locator('.editor-group-container.active .codelens-decoration');
    await lenses
      .filter({ hasText: /replicas|fleet not sized/ })
      .first()
      .waitFor({ timeout: 120_000 });
    await wb.runCommand('View: Close Editor');
    const started = Date.now();
    await wb.openFile('jalapeno-fleet.chip.yaml');
    // The first lenses shown are the whole record's: simulated again, the static ones would come
    // first, the serving lens "Simulating the serving traffic…" for seconds.
    await lenses
      .filter({ hasText: /ms\/token/ })
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(await lenses.filter({ hasText: /Simulating the serving traffic/ }).count(), 0, 'not simulated again');
    await lenses
      .filter({ hasText: /p99 TTFT [\d.,]+ m?s/ })
      .first()
      .waitFor({ timeout: 5_000 });
    t.diagnostic(`serving lens after the reopen: ${Date.now() - started} ms`);
    // Waited for: the log file is flushed a moment after the line is written.
    assert.match(await lastLogLine(wb, 'jalapeno-fleet.chip.yaml (reopened)'), /\(reopened\) in \d+ ms/);
  }));
