// The webview's HTML document, built by the extension host. Pure string work (no DOM, no
// vscode) so the Node host can import it and tests can build the same page.
//
// The CSP allows scripts only by nonce and styles only from the extension's own files:
// nothing inline. Images may be `data:` because the PNG export draws the chart's SVG
// (as a data URL) onto a canvas.

export interface WebviewPage {
  /** `webview.cspSource` */
  cspSource: string;
  /** A fresh random nonce per page load (base64 or hex). */
  nonce: string;
  /** `asWebviewUri(dist/webview.js)` */
  scriptUri: string;
  /** `asWebviewUri(media/views.css)`, ... */
  styleUris: readonly string[];
  /** Shown as the document title: user text, escaped here. */
  title: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function renderWebviewHtml(page: WebviewPage): string {
  // A nonce with a quote or space in it would end the CSP source expression early.
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(page.nonce)) throw new Error('renderWebviewHtml: nonce must be 16+ base64/hex characters');
  const attr = escapeHtml;
  const styles = page.styleUris.map((uri) => `<link rel="stylesheet" href="${attr(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page.cspSource, page.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
  </body>
</html>
`;
}
