// Runs the real webview bundle in headless Chromium, in a page built the way the host
// builds it (renderWebviewHtml: CSP meta, nonce, no inline styles) and served over HTTP
// from 127.0.0.1, with a stand-in for VS Code's webview API:
// - `acquireVsCodeApi` records posted messages and keeps the state, in a nonce'd script;
// - the theme is applied as VS Code applies it: body classes and `--vscode-*` variables
//   set through the CSSOM (an inline style attribute would break the CSP).
// Shared by the view tests and the render benchmark. Page-side code is written against
// `any` so this file type-checks without the DOM library (the benchmark's tsconfig has none).

import { createServer, type Server } from 'node:http';
import { readFileSync, statSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderWebviewHtml } from '../../webview/page';
import type { ViewModel } from '../../webview/protocol';
import { THEMES, type ThemeName } from './themes';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'webview.js');
export const ARTIFACTS = join(ROOT, 'artifacts', 'webview');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDER_MEASURE = 'jalapeno:render';

/**
 * Builds dist/webview.js with the options of scripts/build.mjs's webview entry, so the
 * tests exercise the current sources even when the host or CLI build is broken mid-change.
 */
export async function buildWebview(): Promise<{ path: string; bytes: number }> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'webview', 'main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return { path: BUNDLE, bytes: statSync(BUNDLE).size };
}

/** Builds dist/exploreView.js (the Exploration panel) with the options of scripts/build.mjs. */
export async function buildExploreView(): Promise<void> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'webview', 'exploreMain.ts')],
    outfile: join(ROOT, 'dist', 'exploreView.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
}

export function loadFixture(name: string): ViewModel {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'webview', 'fixtures', `${name}.json`), 'utf8')) as ViewModel;
}

export interface PageOptions {
  theme: ThemeName;
  /** The document title (exercises escaping in renderWebviewHtml). */
  title?: string;
  /** What `getState()` returns first, as after a reload. */
  initialState?: unknown;
  /** The bundle the page loads from dist/ (default webview.js; exploreView.js for the Exploration panel). */
  script?: 'webview.js' | 'exploreView.js';
}

export interface ViewServer {
  origin: string;
  setPage(options: PageOptions): void;
  close(): Promise<void>;
}

/** Serves the test page at `/`, the bundle at `/dist/webview.js` and styles under `/media/`. */
export async function startServer(): Promise<ViewServer> {
  let page: PageOptions = { theme: 'dark' };
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const send = (type: string, body: string | Buffer): void => {
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/') return send('text/html; charset=utf-8', testPage(origin, page));
    if (url.pathname === '/dist/webview.js') return send('text/javascript; charset=utf-8', readFileSync(BUNDLE));
    if (url.pathname === '/dist/exploreView.js')
      return send('text/javascript; charset=utf-8', readFileSync(join(ROOT, 'dist', 'exploreView.js')));
    if (url.pathname === '/media/views.css') return send('text/css; charset=utf-8', readFileSync(join(ROOT, 'media', 'views.css')));
    if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    setPage(options) {
      page = options;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value ?? null).replace(/</g, '\\u003c');

function testPage(origin: string, options: PageOptions): string {
  const nonce = randomBytes(18).toString('base64');
  const html = renderWebviewHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/${options.script ?? 'webview.js'}`,
    styleUris: [`${origin}/media/views.css`],
    title: options.title ?? 'Jalapeño design views',
  });
  const stub = `<script nonce="${nonce}">
(() => {
  const posted = [];
  let state = ${scriptJson(options.initialState)};
  window.__posted = posted;
  window.__violations = [];
  window.__alerts = 0;
  window.alert = () => { window.__alerts++; };
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => { state = JSON.parse(JSON.stringify(s)); },
  });
  window.__getState = () => state;
  window.__themes = ${scriptJson(THEMES)};
  window.__applyTheme = (name) => {
    const t = window.__themes[name];
    const root = document.documentElement;
    for (let i = root.style.length - 1; i >= 0; i--) {
      const p = root.style[i];
      if (p.startsWith('--vscode-')) root.style.removeProperty(p);
    }
    for (const [k, v] of Object.entries(t.variables)) root.style.setProperty('--vscode-' + k, v);
    document.body.className = t.bodyClass;
    document.body.setAttribute('data-vscode-theme-kind', t.kind);
  };
  window.__applyTheme(${scriptJson(options.theme)});
})();
</script>
    `;
  // The stand-in goes right before the bundle's <script>, inside <body>, as VS Code's own
  // bootstrap runs before the page's scripts.
  return html.replace(/<script nonce=/, `${stub}<script nonce=`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ViewPage {
  page: Page;
  /** Uncaught errors and console errors in the page. */
  errors: string[];
}

export async function openView(
  browser: Browser,
  server: ViewServer,
  options: PageOptions & { width?: number; height?: number },
): Promise<ViewPage> {
  server.setPage(options);
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => (globalThis as any).__posted?.some((m: any) => m.type === 'ready'));
  return { page, errors };
}

export async function renderCount(page: Page): Promise<number> {
  return page.evaluate((name) => performance.getEntriesByName(name).length, RENDER_MEASURE);
}

/** Waits until the page has rendered more than `count` times. */
export async function waitForRender(page: Page, count: number): Promise<void> {
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length > (n as number), [
    RENDER_MEASURE,
    count,
  ] as const);
}

/** Posts a host message to the page as VS Code does (a window `message` event) and waits for the render it causes. */
export async function postFromHost(page: Page, message: unknown, options: { expectRender?: boolean } = {}): Promise<void> {
  const before = await renderCount(page);
  await page.evaluate((m) => {
    (globalThis as any).postMessage(m, '*');
  }, message);
  if (options.expectRender !== false) await waitForRender(page, before);
}

export async function applyTheme(page: Page, theme: ThemeName): Promise<void> {
  const before = await renderCount(page);
  await page.evaluate((t) => (globalThis as any).__applyTheme(t), theme);
  await waitForRender(page, before);
}

export async function posted(page: Page): Promise<any[]> {
  return page.evaluate(() => (globalThis as any).__posted.slice());
}

export async function violations(page: Page): Promise<any[]> {
  return page.evaluate(() => (globalThis as any).__violations.slice());
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export async function renderMeasures(page: Page): Promise<number[]> {
  return page.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), RENDER_MEASURE);
}
