// Colours from the editor theme. VS Code defines `--vscode-*` custom properties on the
// webview's <html>; the `charts.*` colours exist for exactly this use. Charts get concrete
// colour values (not `var(...)`) so an exported SVG keeps them outside the editor, and
// the whole palette is read again when the theme changes.

import type { Bottleneck, OperatorClass } from '../model/result';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
export type BytesKind = 'weights' | 'kvRead' | 'kvWrite' | 'activations' | 'link';
export type MemoryLevel = 'offChip' | 'sram';

export interface Theme {
  kind: ThemeKind;
  highContrast: boolean;
  background: string;
  foreground: string;
  /** Secondary text: captions, axis titles. */
  muted: string;
  /** Grid lines and axis domain lines. */
  grid: string;
  /** Outline of every mark: the contrast border in high contrast, else the background (separates stacked segments). */
  markOutline: string;
  markOutlineWidth: number;
  /** Panels and blocks (memory levels in the dataflow). */
  surface: string;
  focus: string;
  warning: string;
  fontFamily: string;
  monoFontFamily: string;
  fontSizePx: number;
  bottleneck: Record<Bottleneck, string>;
  operatorClass: Record<OperatorClass, string>;
  bytesKind: Record<BytesKind, string>;
  memoryLevel: Record<MemoryLevel, string>;
  /** Die-area components (model/silicon): compute warm, on-chip memory green, I/O cool, the rest neutral. */
  dieComponent: Record<string, string>;
  /** This design and the baseline in comparisons. */
  design: string;
  baseline: string;
  /** Changes for the better and the worse (sensitivity bars). */
  better: string;
  worse: string;
}

/** Fallbacks are VS Code's Dark Modern defaults, for a page opened outside the editor. */
const FALLBACK: Record<string, string> = {
  'editor-background': '#1f1f1f',
  'foreground': '#cccccc',
  'descriptionForeground': '#9d9d9d',
  'charts-foreground': '#cccccc',
  'charts-lines': 'rgba(204, 204, 204, 0.5)',
  'charts-red': '#f14c4c',
  'charts-blue': '#3794ff',
  'charts-yellow': '#cca700',
  'charts-orange': '#d18616',
  'charts-green': '#89d185',
  'charts-purple': '#b180d7',
  'editorWidget-background': '#202020',
  'focusBorder': '#0078d4',
  'editorWarning-foreground': '#cca700',
  'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
  'editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
  'font-size': '13px',
};

function themeKind(body: HTMLElement): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readTheme(doc: Document = document): Theme {
  const styles = getComputedStyle(doc.documentElement);
  const bodyStyles = getComputedStyle(doc.body);
  const read = (name: string): string => {
    const value = styles.getPropertyValue(`--vscode-${name}`).trim() || bodyStyles.getPropertyValue(`--vscode-${name}`).trim();
    return value || FALLBACK[name] || '';
  };
  const kind = themeKind(doc.body);
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const contrastBorder = read('contrastBorder');
  const background = read('editor-background');
  const palette = {
    red: read('charts-red'), blue: read('charts-blue'), yellow: read('charts-yellow'),
    orange: read('charts-orange'), green: read('charts-green'), purple: read('charts-purple'),
  };
  return {
    kind,
    highContrast,
    background,
    foreground: read('charts-foreground') || read('foreground'),
    muted: highContrast ? read('foreground') : read('descriptionForeground'),
    grid: read('charts-lines'),
    markOutline: highContrast && contrastBorder ? contrastBorder : background,
    markOutlineWidth: highContrast ? 1.5 : 0.75,
    surface: read('editorWidget-background'),
    focus: read('focusBorder'),
    warning: read('editorWarning-foreground'),
    fontFamily: read('font-family'),
    monoFontFamily: read('editor-font-family'),
    fontSizePx: Number.parseFloat(read('font-size')) || 13,
    // Yellow and orange are close in the light themes (#bf8803, #d18616): no chart puts them
    // side by side for categories that must be told apart.
    bottleneck: { memory: palette.blue, compute: palette.orange, interconnect: palette.purple, overhead: palette.red },
    operatorClass: {
      attention: palette.blue, ffn: palette.green, norm: palette.yellow,
      collective: palette.purple, head: palette.red, pipeline: palette.orange,
      // Host time is not the chip's: drawn in the neutral text colour.
      runtime: highContrast ? read('foreground') : read('descriptionForeground'),
    },
    bytesKind: { weights: palette.blue, kvRead: palette.green, kvWrite: palette.red, activations: palette.orange, link: palette.purple },
    memoryLevel: { offChip: palette.blue, sram: palette.green },
    // The three kinds of SRAM share green, told apart by shade (and by their labels); high
    // contrast keeps full colours, since a tint against the background would fade.
    dieComponent: {
      matrix: palette.orange, vector: palette.yellow, fixedFunction: palette.red,
      sram: palette.green,
      registerFile: highContrast ? palette.green : mix(palette.green, background, 0.7),
      localSram: highContrast ? palette.green : mix(palette.green, background, 0.45),
      memoryInterface: palette.blue, links: palette.purple,
      uncore: highContrast ? read('foreground') : read('descriptionForeground'),
      dieToDie: highContrast ? read('foreground') : mix(read('descriptionForeground'), background, 0.6),
    },
    design: palette.blue,
    baseline: palette.orange,
    better: palette.green,
    worse: palette.red,
  };
}

/** Calls `onChange` when VS Code switches theme (it swaps the body class and the variables). */
export function watchTheme(onChange: () => void, doc: Document = document): MutationObserver {
  const observer = new MutationObserver(onChange);
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style'] });
  return observer;
}

/** Dark or light text, whichever reads better on `fill` (a hex or rgb() colour). */
export function textOn(fill: string): string {
  const rgb = parseColor(fill);
  if (!rgb) return '#000';
  const [r, g, b] = rgb.map((c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.22 ? '#000' : '#fff';
}

/** `color` at `alpha` over `background`, as an opaque rgb() (a legend swatch and a bar then match). */
export function mix(color: string, background: string, alpha: number): string {
  const c = parseColor(color), b = parseColor(background);
  if (!c || !b) return color;
  const [r, g, bl] = c.map((v, i) => Math.round(alpha * v + (1 - alpha) * b[i]!)) as [number, number, number];
  return `rgb(${r}, ${g}, ${bl})`;
}

function parseColor(color: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color.trim());
  if (hex) {
    let h = hex[1]!;
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(color);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}
