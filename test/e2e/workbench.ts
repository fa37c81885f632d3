// Drives the real VS Code workbench (code-server + headless Debian Chromium) the way a
// user does: keyboard shortcuts, the palette, the mouse. One workbench per test file,
// launched on first use, with a fresh copy of examples/ as its workspace.
// Every wait is on a condition in the page or on disk, never a fixed sleep; an absence is watched for a window (holdsFor).
import { after, type TestContext } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import {
  activationRecord,
  assertWorkbenchInstalled,
  defaultVsix,
  extensionHostLogs,
  repoRoot,
  startCodeServer,
  type CodeServer,
} from '../../scripts/workbench/codeServer';

export const extensionId = 'jalapeno-team.jalapeno-explorer';
export const artifactsDir = join(repoRoot, 'artifacts/e2e');

// Loopback only: the machine has no other network, and a test must not depend on one.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export interface WorkbenchOptions {
  /** Files written into the workspace copy before the workbench starts (name → text). */
  files?: Record<string, string>;
}

export class Workbench {
  /** Milliseconds from page load to the workbench's status bar showing. */
  workbenchVisibleMs = NaN;

  private constructor(
    readonly label: string,
    readonly page: Page,
    readonly server: CodeServer,
    /** When the page was asked to load: the zero of activation time. */
    readonly loadStartedAt: number,
    private readonly browser: Browser,
    private readonly root: string,
    private readonly pageErrors: string[],
  ) {}

  static async launch(label: string, options: WorkbenchOptions = {}): Promise<Workbench> {
    assertWorkbenchInstalled();
    const root = await mkdtemp(join(tmpdir(), `jalapeno-e2e-${label}-`));
    const server = await startCodeServer({ root, vsixPath: await ensureVsix(), workspaceSource: join(repoRoot, 'examples') });
    for (const [name, text] of Object.entries(options.files ?? {})) {
      await mkdir(dirname(join(server.workspace, name)), { recursive: true });
      await writeFile(join(server.workspace, name), text);
    }
    const browser = await chromium
      .launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs })
      .catch(async (error: unknown) => {
        await server.stop();
        await rm(root, { recursive: true, force: true });
        throw error;
      });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    const workbench = new Workbench(label, page, server, Date.now(), browser, root, pageErrors);
    try {
      await page.goto(server.url);
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
      workbench.workbenchVisibleMs = Date.now() - workbench.loadStartedAt;
    } catch (error) {
      await workbench.saveFailureArtifacts('launch');
      await workbench.close();
      throw error;
    }
    return workbench;
  }

  /**
   * Waits for the extension host to activate the extension; returns the milliseconds from
   * page load to activation and the activation event.
   */
  async waitForActivation(timeoutMs = 60_000): Promise<{ ms: number; event: string }> {
    const { at, event } = await poll(
      () => activationRecord(this.server.userDataDir, extensionId),
      timeoutMs,
      `${extensionId} was not activated within ${timeoutMs / 1000} s`,
    );
    return { ms: at.getTime() - this.loadStartedAt, event };
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P). */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    // The first row, which Enter opens, is the file: before Quick Open filters, the first is the
    // most recently opened one, and the file may be further down the same list.
    await this.page
      .locator('.quick-input-list .monaco-list-row')
      .first()
      .filter({ hasText: basename(name) })
      .waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: basename(name) }).waitFor();
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
  }

  /** Selects the first occurrence of single-line text in the focused editor, via Find (Ctrl+F). */
  async select(text: string): Promise<void> {
    // The status bar's "Ln 3, Col 7 (12 selected)" tells when the editor holds the match:
    // Find's own match count may still show the previous search's "1 of 1".
    const selection = this.page.locator('.statusbar-item[id="status.editor.selection"]');
    // Find selects the next match after the cursor: start from the top of the file.
    await this.page.keyboard.press('Control+Home');
    await selection.filter({ hasNotText: 'selected' }).waitFor();
    await this.page.keyboard.press('Control+F');
    const findWidget = this.page.locator('.editor-group-container.active .find-widget.visible');
    await findWidget.locator('textarea[aria-label="Find"]').fill(text);
    await selection.filter({ hasText: `(${text.length} selected)` }).waitFor();
    // Closing Find leaves the match selected in the editor.
    await this.page.keyboard.press('Escape');
    await findWidget.waitFor({ state: 'detached' });
  }

  /** Replaces the first occurrence of `before`, inserting the replacement as if pasted (no auto-closing). */
  async replaceText(before: string, replacement: string): Promise<void> {
    await this.select(before);
    await this.page.keyboard.insertText(replacement);
    await this.editorLine(replacement).waitFor();
  }

  /** Types text key by key right after the first occurrence of anchor. */
  async typeAt(anchor: string, text: string): Promise<void> {
    await this.select(anchor);
    await this.page.keyboard.press('ArrowRight');
    await this.page.keyboard.type(text);
  }

  /** Saves with Ctrl+S and waits until the active tab is no longer dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
  }

  /**
   * Runs a command by its exact palette title (F1), e.g. "Jalapeño: Show Log", the way a
   * user at the keyboard does: Enter once the command is the highlighted row. A mouse click
   * on a loaded machine could land while the list re-rendered and run nothing (seen in CI).
   */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    if (!(await this.findCommand(title, timeoutMs))) throw new Error(`the palette never listed "${title}"`);
    const highlighted = this.commandRow(title, '.focused');
    for (let presses = 0; !(await highlighted.isVisible()); presses++) {
      if (presses === 20) throw new Error(`"${title}" is listed but never highlighted`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Whether the palette lists a command with this exact title. Leaves the palette closed. */
  async hasCommand(title: string, timeoutMs = 5_000): Promise<boolean> {
    const found = await this.findCommand(title, timeoutMs);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return found;
  }

  /**
   * Opens the palette filtered to title until the command is listed. The palette lists
   * what is available when it opens, and `when` clauses may turn true only once the
   * extension has set its context keys, so a user who does not see it tries again.
   */
  private async findCommand(title: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.fill(`>${title}`);
      const wait = Math.max(1_000, Math.min(5_000, deadline - Date.now()));
      if (
        await this.commandRow(title)
          .waitFor({ timeout: wait })
          .then(
            () => true,
            () => false,
          )
      )
        return true;
      if (Date.now() >= deadline) return false;
      await this.page.keyboard.press('Escape');
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
  }

  /** Moves the mouse over the first visible occurrence of text and returns the hover widget. */
  async hoverOver(text: string): Promise<Locator> {
    // The content hover; other `.monaco-hover` elements stay in the DOM, hidden.
    const hover = this.page.locator('.monaco-editor .monaco-resizable-hover > .monaco-hover').filter({ visible: true });
    // Hovers start on mouse movement; come from outside the text so one is always seen. On
    // a loaded machine the workbench sometimes drops the first movement (seen once in CI),
    // so the movement is repeated before giving up.
    for (let attempt = 0; attempt < 3; attempt++) {
      const box = await this.textBox(text);
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await this.page.mouse.move(x, y - 40);
      await this.page.mouse.move(x, y, { steps: 4 });
      try {
        await hover.first().waitFor({ timeout: 10_000 });
        return hover;
      } catch {
        // try again
      }
    }
    await hover.first().waitFor();
    return hover;
  }

  /** Page coordinates of the first visible occurrence of text in the active editor. */
  async textBox(text: string): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.editorLine(text).evaluate((element, needle) => {
      // Monaco splits a line into token spans and renders spaces as U+00A0.
      const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
      const nodes: { node: unknown; start: number }[] = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: all.length });
        all += (node.textContent ?? '').replace(/\u00a0/g, ' ');
      }
      // No helper functions in here: tsx wraps them in a `__name` the page does not have.
      const start = all.indexOf(needle);
      const end = start + needle.length - 1;
      let first = nodes[0]!;
      let last = nodes[0]!;
      for (const n of nodes) {
        if (n.start <= start) first = n;
        if (n.start <= end) last = n;
      }
      const range = element.ownerDocument.createRange();
      range.setStart(first.node, start - first.start);
      range.setEnd(last.node, end - last.start + 1);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height };
    }, text);
  }

  private commandRow(title: string, state = ''): Locator {
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const label = this.page.locator('.label-name', { hasText: exact });
    return this.page.locator(`.quick-input-list .monaco-list-row${state}`).filter({ has: label }).first();
  }

  /** A rendered editor line containing text (only lines scrolled into view exist). */
  editorLine(text: string): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
  }

  errorSquiggles(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .squiggly-error');
  }

  async waitForSquiggle(): Promise<void> {
    await this.errorSquiggles().first().waitFor();
  }

  /**
   * Waits until the workbench has stored its editors' state holding every one of `texts` and none of `absent` (the
   * editor part's memento in its IndexedDB `vscode-web-state-db*` tables: the open editors, a
   * webview's own state). A reload before
   * that comes back to the state stored earlier (code-server stores it on a timer, and a page
   * unload in the web has no time to): the reload test's flake, which came back with no editor.
   */
  async waitForStoredState(texts: readonly string[], absent: readonly string[] = [], timeoutMs = 90_000): Promise<void> {
    await poll(
      async () => {
        // In the page's own JavaScript (this project's types have no DOM).
        const stored = await this.page.evaluate<string>(`(async () => {
          const values = [];
          for (const { name } of await indexedDB.databases()) {
            if (!name || !name.startsWith('vscode-web-state-db')) continue;
            const db = await new Promise((resolve, reject) => {
              const request = indexedDB.open(name);
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            });
            for (const store of Array.from(db.objectStoreNames)) {
              const [keys, all] = await Promise.all(['getAllKeys', 'getAll'].map((method) => new Promise((resolve, reject) => {
                const request = db.transaction(store, 'readonly').objectStore(store)[method]();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
              })));
              // The editor part's memento: the open editors, a webview's state among them.
              keys.forEach((key, i) => {
                if (String(key).includes('workbench.parts.editor')) values.push(typeof all[i] === 'string' ? all[i] : JSON.stringify(all[i]));
              });
            }
            db.close();
          }
          return values.join('\\n');
        })()`);
        // `absent`: what the state stored before holds and the current one does not (an editor
        // closed since), so that an older state with the same names is not taken for it.
        return texts.every((t) => stored.includes(t)) && !absent.some((t) => stored.includes(t)) ? true : undefined;
      },
      timeoutMs,
      `the workbench did not store its state (${texts.join(', ')}) in time`,
    );
  }

  /** Errors and warnings as the status bar's problems item counts them. */
  async problemsCount(): Promise<{ errors: number; warnings: number }> {
    // The item reads "<error icon> 3 <warning icon> 1" (an info count may follow).
    const text = await this.page.locator('.statusbar-item[id="status.problems"]').innerText();
    const [errors = NaN, warnings = NaN] = (text.match(/\d+/g) ?? []).map(Number);
    return { errors, warnings };
  }

  /** Waits until the problems count satisfies the predicate, and returns it. */
  async waitForProblems(predicate: (count: { errors: number; warnings: number }) => boolean, timeoutMs = 30_000) {
    return poll(
      async () => {
        const count = await this.problemsCount();
        return predicate(count) ? count : undefined;
      },
      timeoutMs,
      'problems count did not reach the expected value',
    );
  }

  /** The channel the Output panel shows, e.g. "Jalapeño"; waits up to timeoutMs for the panel. */
  outputChannel(timeoutMs?: number): Promise<string> {
    return this.page
      .locator('.part.panel .title select[aria-label="Switch Output"]')
      .first()
      .inputValue(timeoutMs !== undefined ? { timeout: timeoutMs } : {});
  }

  /** The content frame of the active webview panel (an iframe inside an iframe). */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  async screenshot(name: string): Promise<string> {
    await mkdir(artifactsDir, { recursive: true });
    const path = join(artifactsDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Screenshot, server log, extension host logs and page errors, for a failed test. */
  async saveFailureArtifacts(testName: string): Promise<void> {
    const prefix = `${this.label}-${testName.replace(/[^\w-]+/g, '_')}`;
    await mkdir(artifactsDir, { recursive: true });
    await this.page.screenshot({ path: join(artifactsDir, `${prefix}-failure.png`) }).catch(() => undefined);
    await copyFile(this.server.logPath, join(artifactsDir, `${prefix}-code-server.log`)).catch(() => undefined);
    for (const log of await extensionHostLogs(this.server.userDataDir)) {
      await copyFile(log, join(artifactsDir, `${prefix}-${basename(log)}`)).catch(() => undefined);
    }
    await writeFile(join(artifactsDir, `${prefix}-page-errors.log`), this.pageErrors.join('\n'));
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    await rm(this.root, { recursive: true, force: true });
  }
}

/**
 * One workbench for the calling test file, launched by the first test that runs (so a
 * file whose tests are all skipped starts nothing) and closed after the file.
 * `run` saves failure artifacts before rethrowing.
 */
export function useWorkbench(label: string, options: WorkbenchOptions = {}) {
  let launched: Promise<Workbench> | undefined;
  after(async () => {
    const workbench = await launched?.catch(() => undefined);
    await workbench?.close();
  });
  return {
    async run(t: TestContext, body: (workbench: Workbench) => Promise<void>): Promise<void> {
      launched ??= Workbench.launch(label, options);
      const workbench = await launched;
      try {
        await body(workbench);
      } catch (error) {
        await workbench.saveFailureArtifacts(t.name);
        throw error;
      }
    },
  };
}

/** A file of test/e2e/fixtures, to pass in WorkbenchOptions.files. */
export function fixture(name: string): string {
  return readFileSync(join(repoRoot, 'test/e2e/fixtures', name), 'utf8');
}

/** The .vsix under test: $JALAPENO_VSIX, else dist/jalapeno-explorer.vsix, packaged if missing. */
async function ensureVsix(): Promise<string> {
  const fromEnv = process.env.JALAPENO_VSIX;
  if (fromEnv) return fromEnv;
  if (!existsSync(defaultVsix)) {
    execFileSync(process.execPath, [join(repoRoot, 'scripts/package.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  }
  return defaultVsix;
}

/** Re-checks a condition every 100 ms until it yields a value (not undefined). */
export async function poll<T>(check: () => Promise<T | undefined>, timeoutMs: number, message: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Re-checks that a condition holds every 100 ms for `ms`, and fails the moment it does not. An
 * absence (nothing evaluated, an item not hidden) cannot be awaited: it is watched for a window
 * well past the delay it would come after, so that a lapse inside the window fails too.
 */
export async function holdsFor(check: () => Promise<boolean>, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  do {
    if (!(await check())) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  if (!(await check())) throw new Error(message);
}

/** Lines of the extension's "Jalapeño" log channel (a file under the profile's logs). */
export async function jalapenoLog(wb: Workbench): Promise<string[]> {
  const logs = join(wb.server.userDataDir, 'logs');
  const files = (await readdir(logs, { recursive: true })).filter((p) => p.endsWith('Jalapeño.log'));
  return files.flatMap((f) => readFileSync(join(logs, f), 'utf8').split('\n'));
}

/** The last log line containing `needle`, waiting a little for the log file to be flushed. */
export async function lastLogLine(wb: Workbench, needle: string): Promise<string> {
  return poll(async () => (await jalapenoLog(wb)).filter((l) => l.includes(needle)).at(-1), 5_000, `a log line with ${needle}`).catch(
    () => '',
  );
}
