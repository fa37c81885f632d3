// The editor side of the extension in the real workbench: diagnostics after save (and the
// time they take), a quick fix applied and undone, the hover, completion, the CodeLens,
// the status bar, a sweep (run to the end, and cancelled), and an exported report.
// The tests share one workbench and run in order; each leaves reference.chip.yaml saved
// as the fixture.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_SWEEP_POINTS } from '../../webview/protocol';
import { fixture, holdsFor, lastLogLine, poll, useWorkbench, type Workbench } from './workbench';

const FILE = 'reference.chip.yaml';
/** A base file with an error and a config extending it, in the workspace from the start (Quick Open finds them). */
const BASE_WITH_ERROR = 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  batch: -3\n';
const workbench = useWorkbench('editor', {
  files: { [FILE]: fixture(FILE), 'base.chip.yaml': BASE_WITH_ERROR, 'top.chip.yaml': 'name: top\nextends: ./base.chip.yaml\n' },
});

const STATUS_ITEM = '.statusbar-item[id="jalapeno-team.jalapeno-explorer.jalapeno.status"]';

/**
 * Opens the config as the fixture has it (whatever an earlier test left behind) and waits
 * until its evaluation shows in the status bar.
 */
async function openConfig(wb: Workbench): Promise<void> {
  for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
  await writeFile(join(wb.server.workspace, FILE), fixture(FILE));
  await wb.openFile(FILE);
  await wb.waitForActivation();
  await wb.runCommand('File: Revert File');
  await wb.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
  await wb.page.locator(STATUS_ITEM, { hasText: /ms\/token/ }).waitFor();
  await wb.waitForProblems((count) => count.errors === 0);
}

/**
 * Puts the cursor at the end of the fixture line holding `needle`, through Go to Line
 * (Ctrl+P `:line`): deterministic where Find can leave the focus in its own widget.
 */
async function gotoEndOf(wb: Workbench, needle: string): Promise<void> {
  const line =
    fixture(FILE)
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1;
  assert.ok(line > 0, `the fixture has ${needle}`);
  await wb.page.keyboard.press('Control+P');
  await wb.page.locator('.quick-input-widget input').filter({ visible: true }).fill(`:${line}`);
  await wb.page.locator('.quick-input-widget', { hasText: `line ${line}` }).waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await wb.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
  await wb.page.keyboard.press('End');
}

/**
 * Runs a palette command that opens a quick input of its own at once (an input box, a save
 * dialog): unlike Workbench.runCommand, does not wait for the quick input to close.
 */
async function startCommand(wb: Workbench, title: string): Promise<void> {
  await wb.page.keyboard.press('F1');
  const input = wb.page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  const label = wb.page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await wb.page.locator('.quick-input-list .monaco-list-row').filter({ has: label }).first().click();
}

/** Waits for the quick input titled `title` (an input box of a command) and answers it. */
async function answer(wb: Workbench, title: RegExp, value: string): Promise<void> {
  await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).filter({ visible: true }).waitFor();
  await wb.page.locator('.quick-input-widget input').fill(value);
  await wb.page.keyboard.press('Enter');
}

/** Accepts VS Code's simple save dialog (a quick input holding the proposed path). */
async function acceptSaveDialog(wb: Workbench, expectedName: string): Promise<void> {
  const input = wb.page.locator('.quick-input-widget input');
  await wb.page.locator('.quick-input-widget').filter({ visible: true }).waitFor();
  await poll(
    async () => (await input.inputValue()).endsWith(expectedName) || undefined,
    10_000,
    `the save dialog proposes ${expectedName}`,
  );
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The file's text once it is written completely (`complete` says when: a write may be seen half done). */
async function waitForFile(path: string, complete: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  return poll(
    async () => {
      const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      return text !== undefined && complete(text) ? text : undefined;
    },
    timeoutMs,
    `${path} written completely`,
  );
}

test('a unit error is a diagnostic at the value after save, counted in the status bar, and gone after the fix', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    assert.equal((await wb.problemsCount()).errors, 0, 'the contract example has no errors');

    await wb.replaceText('bandwidth: 4.8 TB/s', 'bandwidth: 4.8 GB');
    const saved = Date.now();
    await wb.save();
    await wb.waitForSquiggle();
    const saveToSquiggleMs = Date.now() - saved;
    await wb.waitForProblems((count) => count.errors === 1);
    const saveToProblemsMs = Date.now() - saved;
    // Where the time goes: the host logs when it finished evaluating (local time, ms).
    const evaluation = await lastLogLine(wb, '(save)');
    const loggedAt = new Date(evaluation.slice(0, 23).replace(' ', 'T')).getTime();
    const split = Number.isFinite(loggedAt)
      ? `Ctrl+S → evaluated in the host ${loggedAt - saved} ms, → squiggle ${saved + saveToSquiggleMs - loggedAt} ms; `
      : '';
    const report = `save → squiggle ${saveToSquiggleMs} ms, → problems count ${saveToProblemsMs} ms (${split}${evaluation.replace(/^.*\] /, '')})`;
    t.diagnostic(report);
    console.log(`e2e: ${report}`);

    // The squiggle covers exactly the value `4.8 GB`.
    const squiggle = await wb.errorSquiggles().first().boundingBox();
    const value = await wb.textBox('4.8 GB');
    assert.ok(squiggle, 'a squiggle is rendered');
    assert.ok(
      Math.abs(squiggle.x - value.x) <= 2 && Math.abs(squiggle.x + squiggle.width - (value.x + value.width)) <= 2,
      `squiggle ${squiggle.x}..${squiggle.x + squiggle.width} over the value ${value.x}..${value.x + value.width}`,
    );
    await wb.page.locator(STATUS_ITEM, { hasText: /1 error · / }).waitFor();
    await wb.screenshot('unit-error');

    await wb.replaceText('bandwidth: 4.8 GB', 'bandwidth: 4.8 TB/s');
    await wb.save();
    await wb.errorSquiggles().first().waitFor({ state: 'detached' });
    await wb.waitForProblems((count) => count.errors === 0);
    await wb.page.locator(STATUS_ITEM, { hasText: /^\s*\S*\s*[\d.]+ ms\/token\s*$/ }).waitFor();
  }));

test('"set batch to the largest that fits" is applied from the light bulb and undone with Ctrl+Z', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await wb.replaceText('batch: 16', 'batch: 100000');
    await wb.save();
    await wb.waitForSquiggle();
    await wb.select('100000');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: /Set batch to \d+, the largest that fits in memory/ });
    // Ctrl+. right after the squiggle appears can find the code actions not yet requested:
    // VS Code then says "no code actions" and the menu must be asked for again.
    for (let attempt = 0; attempt < 3 && !(await fix.isVisible()); attempt++) {
      await wb.page.keyboard.press('Control+.');
      await fix.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await fix.waitFor();
    const title = (await fix.textContent()) ?? '';
    const maxBatch = /Set batch to (\d+)/.exec(title)![1]!;
    await wb.screenshot('quick-fix-menu');
    await fix.click();
    await wb.editorLine(`batch: ${maxBatch}`).waitFor();
    await wb.save();
    await wb.errorSquiggles().first().waitFor({ state: 'detached' });
    await wb.waitForProblems((count) => count.errors === 0);

    await wb.page.keyboard.press('Control+Z');
    await wb.editorLine('batch: 100000').waitFor();
    await wb.replaceText('batch: 100000', 'batch: 16');
    await wb.save();
    await wb.waitForProblems((count) => count.errors === 0);
  }));

test('the hover on a value explains it from the last evaluation', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await wb.select('4.8 TB/s');
    const hover = await wb.hoverOver('4.8 TB/s');
    await hover.filter({ hasText: 'chip.memory.bandwidth' }).waitFor();
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Peak memory bandwidth per chip/);
    assert.match(text, /Value 4\.8 TB\/s — set in this file/);
    assert.match(text, /Now: Decode is \w+-bound.*of the decode step time/);
    assert.match(text, /Sensitivity \+10% here → −[\d.]+% per-token latency/);
    await wb.screenshot('hover');
    await wb.page.keyboard.press('Escape');
  }));

test('half-typed text is not evaluated before the save, even the first keystrokes after opening', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await gotoEndOf(wb, 'pipeline_parallel: 1');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('run'); // a key without its value: a YAML error if evaluated
    // Absence is watched for a while: well past the 300 ms debounce of an evaluation.
    await holdsFor(async () => (await wb.problemsCount()).errors === 0, 2_000, 'nothing was evaluated while typing');
    await wb.page.keyboard.type('time: { step_overhead: 1 ms }');
    await wb.save();
    await wb.waitForProblems((count) => count.errors === 0);
    await wb.page.locator(STATUS_ITEM, { hasText: /ms\/token/ }).waitFor();
  }));

test('completion offers the keys missing at the cursor, and units after a number', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await gotoEndOf(wb, 'pipeline_parallel: 1');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Control+Space');
    const list = wb.page.locator('.suggest-widget.visible .monaco-list-row');
    await list.filter({ hasText: 'topology' }).waitFor();
    const labels = (await list.allInnerTexts()).map((s) => s.split('\n')[0]!.trim());
    assert.ok(!labels.includes('chips'), `keys already written are not offered: ${labels.join(', ')}`);
    await wb.screenshot('completion-keys');
    await wb.page.keyboard.press('Escape');

    await gotoEndOf(wb, 'capacity: 96 GB');
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Backspace'); // `capacity: 96`
    await wb.page.keyboard.press('Control+Space');
    await list.filter({ hasText: 'GiB' }).waitFor();
    const units = (await list.allInnerTexts()).map((s) => s.split('\n')[0]!.trim());
    assert.ok(
      ['GB', 'GiB', 'MiB', 'TB'].every((u) => units.includes(u)),
      `byte units offered: ${units.join(', ')}`,
    );
    assert.ok(!units.includes('TB/s'), 'no units of another dimension');
    await wb.screenshot('completion-units');
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('File: Revert File');
    await wb.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
  }));

test('CodeLens above workload: and chip: shows the headline numbers', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await wb.select('workload:');
    const lenses = wb.page.locator('.editor-group-container.active .codelens-decoration');
    const workload = lenses.filter({ hasText: /ms\/token( \[[^\]]+\])? · TTFT/ });
    await workload.waitFor();
    const text = (await workload.innerText()).trim();
    t.diagnostic(`workload lens: ${text}`);
    // Each latency and throughput carries its 80 % prediction range (contract §4.1).
    assert.match(
      text,
      /^[\d.]+ ms\/token \[[\d.]+–[\d.]+ ms\] · TTFT [\d.,]+ m?s \[[^\]]+\] · [\d,.]+ tok\/s \[[\d,.]+–[\d,.]+ tok\/s\] · [\d.]+ k?W\/chip · \$[\d.]+\/1M tok$/,
    );
    await wb.select('clock: 1.5 GHz');
    const chip = lenses.filter({ hasText: /ridge/ });
    await chip.waitFor();
    assert.match((await chip.innerText()).trim(), /int8 [\d.]+ POPS · memory 4\.8 TB\/s · ridge [\d.,]+ op\/B \(int8\)$/);
    await wb.screenshot('codelens');
  }));

test('a sweep runs to a CSV, and a long sweep can be cancelled', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await gotoEndOf(wb, 'batch: 16');
    await startCommand(wb, 'Jalapeño: Sweep Parameter…');
    await answer(wb, /Sweep workload\.batch \(1\/4\): from/, '8');
    await answer(wb, /\(2\/4\): to/, '32');
    await answer(wb, /\(3\/4\): number of values/, '4');
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /\(4\/4\): spacing of the values/ }).waitFor();
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Linear' }).click();
    const started = Date.now();
    // The CSV is offered when the sweep is done, not asked for.
    await wb.page
      .locator('.notification-toast', { hasText: /Swept workload\.batch over 4 values/ })
      .getByRole('button', { name: 'Save CSV…' })
      .click();
    await acceptSaveDialog(wb, 'reference.sweep-workload-batch.csv');
    const csv = await waitForFile(join(wb.server.workspace, 'reference.sweep-workload-batch.csv'), (text) => text.split('\n').length >= 6);
    t.diagnostic(
      `sweep of 4 values and save: ${Date.now() - started} ms; host: ${(await lastLogLine(wb, 'sweep of workload.batch over 4')).replace(/^.*\] /, '')}`,
    );
    const rows = csv.trim().split('\n');
    assert.equal(rows.length, 5);
    assert.match(rows[0]!, /^value,ok,decode_ms_per_token,/);
    assert.deepEqual(
      rows.slice(1).map((r) => r.split(',')[0]),
      ['8', '16', '24', '32'],
    );
    await wb.page.locator('.notification-toast', { hasText: /Saved 4 points/ }).waitFor();
    // The views opened beside the editor and show the sweep.
    await wb.webviewFrame().locator('svg text', { hasText: 'Sweep of workload.batch' }).first().waitFor();
    await wb.screenshot('sweep-views');

    // The most values the views take, each with a baseline to evaluate too (so that the run
    // outlasts finding and clicking Cancel on the progress notification).
    await wb.openFile(FILE);
    await gotoEndOf(wb, 'utilization: 60 %'); // the last line: the lines above keep their numbers
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Shift+Tab');
    await wb.page.keyboard.insertText('compare: ./h100-baseline.chip.yaml');
    await wb.page.keyboard.press('Escape');
    await gotoEndOf(wb, 'batch: 16');
    await startCommand(wb, 'Jalapeño: Sweep Parameter…');
    await answer(wb, /\(1\/4\): from/, '1');
    await answer(wb, /\(2\/4\): to/, '1000');
    await answer(wb, /\(3\/4\): number of values/, String(MAX_SWEEP_POINTS));
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Linear' }).click();
    const progress = wb.page.locator('.notification-toast', { hasText: 'Sweeping workload.batch' });
    // As soon as the button exists: waiting for the toast's slide-in to settle costs the time
    // of many evaluations.
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).dispatchEvent('click');
    const cancelled = wb.page.locator('.notification-toast', { hasText: new RegExp(`cancelled after \\d+ of ${MAX_SWEEP_POINTS} values`) });
    await cancelled.waitFor();
    t.diagnostic((await cancelled.innerText()).split('\n')[0]!);
    await wb.screenshot('sweep-cancelled');
    await wb.runCommand('File: Revert File');
  }));

test('Export Report writes a self-contained HTML report and its JSON', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await wb.runCommand('Jalapeño: Open Design Views');
    await wb.webviewFrame().locator('svg.chart').filter({ visible: true }).first().waitFor();
    await wb.openFile(FILE);
    await startCommand(wb, 'Jalapeño: Export Report');
    await acceptSaveDialog(wb, 'reference-report.html');
    const html = await waitForFile(join(wb.server.workspace, 'reference-report.html'), (text) => text.trimEnd().endsWith('</html>'));
    const json = JSON.parse(
      await waitForFile(join(wb.server.workspace, 'reference-report.json'), (text) => text.trimEnd().endsWith('}')),
    ) as { ok: boolean; result: { decode: { msPerToken: number } }; name: string };
    assert.match(html, /<h1>Jalapeño reference<\/h1>/);
    assert.match(html, /Per-token latency/);
    const charts = html.match(/<img alt="[^"]*" src="data:image\/svg\+xml;base64,/g) ?? [];
    assert.ok(charts.length >= 3, `the open views' charts are in the report (${charts.length})`);
    assert.equal(json.ok, true);
    assert.equal(json.name, 'Jalapeño reference');
    assert.ok(json.result.decode.msPerToken > 0);
    t.diagnostic(`report: ${html.length} characters, decode ${json.result.decode.msPerToken.toFixed(2)} ms/token`);
  }));

test('clicking an operator in the views selects its key in the editor', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await wb.runCommand('Jalapeño: Open Design Views');
    await wb.webviewFrame().getByText('Dataflow', { exact: true }).first().click();
    const mark = wb
      .webviewFrame()
      .locator('[role="button"][aria-label$=": select chip.memory.bandwidth"]')
      .filter({ visible: true })
      .first();
    await mark.click();
    // `bandwidth: 4.8 TB/s` is on line 21 of the fixture; its value spans columns 16-24.
    const line =
      fixture(FILE)
        .split('\n')
        .findIndex((l) => l.includes('bandwidth: 4.8 TB/s')) + 1;
    const column = fixture(FILE).split('\n')[line - 1]!.indexOf('4.8 TB/s') + 1 + '4.8 TB/s'.length;
    await wb.page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column} (8 selected)` }).waitFor();
    await wb.screenshot('select-key');
    // Typed over and not saved, the views say their numbers are of the text before the edit;
    // saved (and so evaluated), they do not. (Each test writes the fixture back: openConfig.)
    await wb.page.keyboard.type('5 TB/s');
    const edited = wb.webviewFrame().locator('.badge.edited', { hasText: /^Edited since these numbers were evaluated/ });
    await edited.waitFor();
    await wb.screenshot('views-edited');
    await wb.page.keyboard.press('Escape');
    await wb.save();
    await edited.waitFor({ state: 'detached' });
  }));

test('Compare With… writes `compare:` as one undoable edit and the CodeLens shows the ratio', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await startCommand(wb, 'Jalapeño: Compare With…');
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Compare this design with' }).waitFor();
    await wb.page.locator('.quick-input-widget input').fill('h100-sxm');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'h100-sxm' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.editorLine('compare: h100-sxm').waitFor();
    await wb.page
      .locator('.editor-group-container.active .codelens-decoration', {
        // Above `compare:`: the clear differences, then those the ranges cannot tell apart.
        hasText: /vs h100-sxm: .*([\d.]+× (faster|slower|higher|lower|cheaper|dearer)|on par|no clear difference in decode)/,
      })
      .waitFor();
    await wb.screenshot('compare');
    await wb.page.keyboard.press('Control+Z');
    await wb.editorLine('compare: h100-sxm').waitFor({ state: 'detached' });
    await wb.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
  }));

test('New Chip Config… opens an untitled config that is evaluated at once', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await startCommand(wb, 'Jalapeño: New Chip Config…');
    for (const [title, id] of [
      [/the chip/, 'jalapeno'],
      [/the model served/, 'llama-3-8b'],
    ] as const) {
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
      await wb.page.locator('.quick-input-widget input').fill(id);
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: id }).first().waitFor();
      await wb.page.keyboard.press('Enter');
    }
    await wb.page.locator('.tab.active', { hasText: /Untitled/ }).waitFor();
    await wb.editorLine('extends: jalapeno').waitFor();
    await wb.page.locator(STATUS_ITEM, { hasText: /ms\/token/ }).waitFor();
    await wb.page.locator('.editor-group-container.active .codelens-decoration', { hasText: /ms\/token( \[[^\]]+\])? · TTFT/ }).waitFor();
    assert.ok(!existsSync(join(wb.server.workspace, 'Untitled-1')), 'nothing is written to disk');
    await wb.screenshot('new-config');
    await wb.runCommand('View: Revert and Close Editor');
  }));

test('a file another config extends, fixed on disk by another program, clears the error it caused there', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    const base = join(wb.server.workspace, 'base.chip.yaml');
    await writeFile(base, BASE_WITH_ERROR);
    await wb.openFile('top.chip.yaml');
    await wb.waitForProblems((count) => count.errors > 0);
    // Not open in an editor: only the file watcher sees it (a workbench review: the error stayed).
    await writeFile(base, 'extends: jalapeno\nworkload:\n  model: llama-3-8b\n  batch: 16\n');
    await wb.waitForProblems((count) => count.errors === 0);
    await wb.page.locator(STATUS_ITEM, { hasText: /ms\/token/ }).waitFor();
    // Deleted, then restored (as `git checkout` does): the file it could not find is in no record, yet it is read again.
    await rm(base);
    await wb.waitForProblems((count) => count.errors > 0);
    await writeFile(base, BASE_WITH_ERROR.replace('batch: -3', 'batch: 16'));
    await wb.waitForProblems((count) => count.errors === 0);
    // Every editor closed, and top.chip.yaml gone: left open, it was the editor the next test's reload restored.
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.tab', { hasText: 'top.chip.yaml' }).waitFor({ state: 'detached' });
  }));

test('the views come back after the window reloads', async (t) =>
  workbench.run(t, async (wb) => {
    await openConfig(wb);
    await wb.runCommand('Jalapeño: Open Design Views');
    await wb.webviewFrame().locator('svg.chart').filter({ visible: true }).first().waitFor();
    // The reload restores what the workbench stored: wait until it holds the editor and the views,
    // and no longer the previous test's top.chip.yaml (an older state with the same names).
    const stored = Date.now();
    await wb.waitForStoredState(['reference.chip.yaml', 'jalapeno.views'], ['top.chip.yaml']);
    t.diagnostic(`the workbench stored the editor and the views ${Date.now() - stored} ms after they showed`);
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await wb.webviewFrame().locator('svg.chart').filter({ visible: true }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.tab', { hasText: /Jalapeño: Jalapeño reference/ }).waitFor();
    await wb.screenshot('views-restored');
  }));
