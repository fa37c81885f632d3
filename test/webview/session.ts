// One browser and one page server per view test file, and the checks every page opened in
// it must pass when the file ends: no CSP violation, no uncaught or console error, and every
// message the view posted one the host accepts.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { isViewMessage, type ViewModel } from '../../webview/protocol';
import {
  buildWebview,
  launchBrowser,
  openView,
  postFromHost,
  posted,
  startServer,
  violations,
  type ViewPage,
  type ViewServer,
} from './harness';
import type { ThemeName } from './themes';

export interface OpenOptions {
  theme?: ThemeName;
  width?: number;
  /** Posted as the host's first update once the page is ready. */
  view?: ViewModel;
  initialState?: unknown;
  title?: string;
}

/** Registers the file's before/after hooks; `open` gives a page (dark, 1100 px unless told). */
export function viewSession(): {
  open(options?: OpenOptions): Promise<Page>;
  /** A page the end-of-file checks skip: for a test that provokes a CSP violation on purpose. */
  openUnchecked(options?: Pick<OpenOptions, 'theme'>): Promise<ViewPage>;
} {
  let browser: Browser;
  let server: ViewServer;
  const opened: ViewPage[] = [];
  before(async () => {
    await buildWebview();
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    for (const { page, errors } of opened) {
      if (page.isClosed()) continue;
      assert.deepEqual(await violations(page), [], 'CSP violations');
      assert.deepEqual(errors, [], 'page errors');
      for (const message of await posted(page))
        assert.ok(isViewMessage(message), `host would reject ${JSON.stringify(message).slice(0, 200)}`);
    }
    await browser?.close();
    await server?.close();
  });
  return {
    async open(options = {}) {
      const viewPage = await openView(browser, server, {
        theme: options.theme ?? 'dark',
        width: options.width ?? 1100,
        ...(options.initialState ? { initialState: options.initialState } : {}),
        ...(options.title ? { title: options.title } : {}),
      });
      opened.push(viewPage);
      if (options.view !== undefined) await postFromHost(viewPage.page, { type: 'update', view: options.view });
      return viewPage.page;
    },
    openUnchecked: (options = {}) => openView(browser, server, { theme: options.theme ?? 'dark' }),
  };
}

/** Shows one tab of the views and waits until its panel is visible. */
export async function showTab(page: Page, tab: string): Promise<void> {
  await page.click(`vscode-tab-header[data-tab=${tab}]`);
  await page.waitForFunction((t) => !(document.querySelector(`vscode-tab-panel[data-view=${t}]`) as HTMLElement).hidden, tab);
}
