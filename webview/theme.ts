// Colours from the editor theme. VS Code defines `--vscode-*` custom properties on the
// webview's <html>; the `charts.*` colours exist for exactly this use. Charts get concrete
// colour values (not `var(...)`) so an exported SVG keeps them outside the editor, and
// the whole palette is read again when the theme changes.

import type { Bottleneck, MemoryLevelId, MemoryLevelSummary, OperatorClass } from '../model/result';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
export type BytesKind = 'weights' | 'kvRead' | 'kvWrite' | 'activations' | 'link';

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
  /** Memory levels by role: on chip, the chip's own memory, then further levels in order. */
  memoryLevel: { onChip: string; main: string; further: readonly string[] };
  /** Die-area components (model/silicon): compute warm, on-chip memory green, I/O cool, the rest neutral. */
  dieComponent: Record<string, string>;
  /** This design and the baseline in comparisons. */
  design: string;
  baseline: string;
  /** Changes for the better and the worse (sensitivity bars). */
  better: string;
  worse: string;
  /**
   * Fill opacity of an 80 % prediction-range band drawn in a series colour: the band must read
   * against the background while the series' line and points on it keep 3:1 contrast (checked
   * per theme in test/webview/views.test.ts).
   */
  rangeOpacity: number;
}

/** Fallbacks are VS Code's Dark Modern defaults, for a page opened outside the editor. */
const FALLBACK: Record<string, string> = {
  'editor-background': '#1f1f1f',
  foreground: '#cccccc',
  descriptionForeground: '#9d9d9d',
  'charts-foreground': '#cccccc',
  'charts-lines': 'rgba(204, 204, 204, 0.5)',
  'charts-red': '#f14c4c',
  'charts-blue': '#3794ff',
  'charts-yellow': '#cca700',
  'charts-orange': '#d18616',
  'charts-green': '#89d185',
  'charts-purple': '#b180d7',
  'editorWidget-background': '#202020',
  focusBorder: '#0078d4',
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
  // A theme may give a chart colour an alpha (VS Code derives `charts.orange` from
  // `minimap.findMatchHighlight`, which themes often make translucent): marks are drawn
  // opaque, so they neither fade into the background nor let edges show through.
  const solid = (name: string): string => opaque(read(name));
  const palette = {
    red: solid('charts-red'),
    blue: solid('charts-blue'),
    yellow: solid('charts-yellow'),
    orange: solid('charts-orange'),
    green: solid('charts-green'),
    purple: solid('charts-purple'),
  };
  const foreground = read('charts-foreground') || read('foreground');
  return {
    kind,
    highContrast,
    background,
    foreground,
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
    // Nodes are drawn on the background and on the lane bands (the foreground at 3.5-7 %,
    // media/views.css): each bottleneck colour keeps 3:1 against both. High contrast themes
    // outline every mark instead.
    bottleneck: legibleOn([background, composite(background, foreground, 0.07)], highContrast, {
      memory: palette.blue,
      compute: palette.orange,
      interconnect: palette.purple,
      overhead: palette.red,
    }),
    operatorClass: {
      attention: palette.blue,
      ffn: palette.green,
      norm: palette.yellow,
      collective: palette.purple,
      head: palette.red,
      pipeline: palette.orange,
      // Host time is not the chip's: drawn in the neutral text colour.
      runtime: highContrast ? read('foreground') : read('descriptionForeground'),
    },
    // The bytes chart draws these kinds beside the memory levels, so no kind takes a level's
    // colour (weights in the memory's blue read as "Memory"): warm hues and grey, the two KV
    // cache flows one red in two shades. Links keep the purple of the links' roof.
    bytesKind: {
      weights: palette.orange,
      kvRead: palette.red,
      kvWrite: highContrast ? palette.yellow : mix(palette.red, background, 0.5),
      activations: highContrast ? read('foreground') : mix(read('descriptionForeground'), background, 0.7),
      link: palette.purple,
    },
    // Levels past the chip's own memory are more memory: shades of its blue, then of the SRAM's
    // green, clear of the kinds' colours; mixed toward the text colour, so an edge in one keeps
    // its contrast (toward the background, it faded on dark themes). High contrast keeps full colours.
    memoryLevel: {
      onChip: palette.green,
      main: palette.blue,
      further: highContrast
        ? [palette.yellow, palette.orange, palette.red]
        : [mix(palette.blue, foreground, 0.5), mix(palette.green, foreground, 0.5), palette.yellow],
    },
    // The three kinds of SRAM share green, told apart by shade (and by their labels); high
    // contrast keeps full colours, since a tint against the background would fade.
    dieComponent: {
      matrix: palette.orange,
      // VS Code's chart yellow and orange are both ochre in the light themes: a lighter shade
      // tells the vector units from the matrix units beside them.
      vector: highContrast ? palette.yellow : mix(palette.yellow, background, 0.5),
      fixedFunction: palette.red,
      sram: palette.green,
      registerFile: highContrast ? palette.green : mix(palette.green, background, 0.7),
      localSram: highContrast ? palette.green : mix(palette.green, background, 0.45),
      memoryInterface: palette.blue,
      // Silicon grown only to give the memory PHYs their edge: the PHYs' colour, faded.
      shorelinePad: highContrast ? palette.blue : mix(palette.blue, background, 0.65),
      links: palette.purple,
      uncore: highContrast ? read('foreground') : read('descriptionForeground'),
      dieToDie: highContrast ? read('foreground') : mix(read('descriptionForeground'), background, 0.6),
    },
    design: palette.blue,
    baseline: palette.orange,
    better: palette.green,
    worse: palette.red,
    rangeOpacity: RANGE_OPACITY[kind],
  };
}

const RANGE_OPACITY: Record<ThemeKind, number> = { light: 0.2, dark: 0.25, 'high-contrast': 0.3, 'high-contrast-light': 0.25 };

/** A colour per memory level of the chip, by role, the same in every view. */
export function levelColors(theme: Theme, levels: readonly MemoryLevelSummary[]): Record<MemoryLevelId, string> {
  const out = {} as Record<MemoryLevelId, string>;
  let further = 0;
  for (const level of levels) {
    out[level.id] = level.onChip
      ? theme.memoryLevel.onChip
      : level.main
        ? theme.memoryLevel.main
        : theme.memoryLevel.further[further++ % theme.memoryLevel.further.length]!;
  }
  return out;
}

/** Each colour of `colors` with 3:1 contrast against every surface (unchanged in high contrast). */
function legibleOn<K extends string>(surfaces: readonly string[], highContrast: boolean, colors: Record<K, string>): Record<K, string> {
  if (highContrast) return colors;
  const out = {} as Record<K, string>;
  for (const key of Object.keys(colors) as K[]) out[key] = withContrast(colors[key], surfaces, 3);
  return out;
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
  const l = luminance(fill);
  if (l === undefined) return '#000';
  // Black gives (l + 0.05) / 0.05, white 1.05 / (l + 0.05): equal at l ≈ 0.179. A threshold of
  // 0.22 put white at 4.33:1 on the light theme's SRAM green, where black gives 4.85:1.
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** WCAG 2 relative luminance of a hex or rgb() colour. */
function luminance(color: string): number | undefined {
  const rgb = parseColor(color);
  if (!rgb) return undefined;
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21), undefined if either cannot be parsed. */
export function contrastRatio(a: string, b: string): number | undefined {
  const [la, lb] = [luminance(a), luminance(b)];
  if (la === undefined || lb === undefined) return undefined;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * `color` without its alpha (8-digit hex or rgba()): the hue the theme chose, at full
 * strength. A translucent chart colour is an overlay colour borrowed from elsewhere, and a
 * mark that must be told apart by colour should not fade into the background.
 */
export function opaque(color: string): string {
  const alpha = alphaOf(color);
  if (alpha === undefined || alpha >= 1) return color;
  const rgb = parseColor(color);
  return rgb ? `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}` : color;
}

function alphaOf(color: string): number | undefined {
  const hex = /^#([0-9a-f]{4}|[0-9a-f]{8})$/i.exec(color.trim());
  if (hex) return Number.parseInt(hex[1]!.length === 4 ? hex[1]![3]!.repeat(2) : hex[1]!.slice(6, 8), 16) / 255;
  const rgba = /rgba\(\s*[\d.]+[,\s]+[\d.]+[,\s]+[\d.]+[,\s/]+([\d.]+)(%?)/i.exec(color);
  return rgba ? Number(rgba[1]) / (rgba[2] ? 100 : 1) : undefined;
}

/** `top` at `alpha` over an opaque `bottom`, as `#rrggbb`. */
export function composite(bottom: string, top: string, alpha: number): string {
  const [b, t] = [parseColor(bottom), parseColor(top)];
  if (!b || !t) return bottom;
  return `#${b
    .map((c, i) =>
      Math.round(c + (t[i]! - c) * alpha)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * `color`, moved toward white on dark surfaces (toward black on light ones) just until it
 * reaches `ratio` contrast with every surface it is drawn on: WCAG 2.1 SC 1.4.11 asks 3:1
 * for graphics that carry meaning, such as a node whose colour says what bounds it.
 */
export function withContrast(color: string, surfaces: readonly string[], ratio: number): string {
  const levels = surfaces.map(luminance).filter((l): l is number => l !== undefined);
  if (levels.length === 0 || parseColor(color) === undefined) return color;
  const towards = levels.every((l) => l < 0.18) ? '#ffffff' : '#000000';
  const enough = (c: string) => surfaces.every((s) => (contrastRatio(c, s) ?? ratio) >= ratio);
  for (let step = 0; step <= 20; step++) {
    const candidate = step === 0 ? color : composite(color, towards, step / 20);
    if (enough(candidate)) return candidate;
  }
  return color;
}

/** `color` at `alpha` over `background`, as an opaque rgb() (a legend swatch and a bar then match). */
export function mix(color: string, background: string, alpha: number): string {
  const c = parseColor(color),
    b = parseColor(background);
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
