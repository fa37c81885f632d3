// Text measurement for layout: labels are placed, wrapped and ellipsized before they are
// drawn, so nothing overlaps and nothing is clipped, without a layout pass per label.

/** Label size in the charts, px (axis ticks and edge labels use one less). */
export const FONT_SIZE = 11;

let measureContext: CanvasRenderingContext2D | null | undefined;
let measureFont = '';
const measureFamilies = { ui: 'sans-serif', mono: 'monospace' };
/**
 * The faces labels are drawn in: the UI font, its semibold (titles: `font-weight: 600` in
 * media/views.css; measured at the regular weight, lane titles ran together in the
 * workbench's font), and the editor font.
 */
export type Face = 'ui' | 'ui-bold' | 'mono';
/** Advance width of each character at 100 px, per face: text width is the sum, scaled. */
const charWidths: Record<Face, Map<string, number>> = { ui: new Map(), 'ui-bold': new Map(), mono: new Map() };
const REFERENCE_SIZE = 100;

/** Sets the font families labels are measured in (the theme's UI and editor fonts). */
export function setMeasureFont(ui: string, mono: string): void {
  if (ui !== measureFamilies.ui || mono !== measureFamilies.mono) {
    measureFamilies.ui = ui;
    measureFamilies.mono = mono;
    for (const widths of Object.values(charWidths)) widths.clear();
  }
}

/**
 * Width of `text` in pixels at `size`. Measured per character on a canvas at one reference
 * size and scaled: each distinct canvas font costs a font lookup (tens of ms the first
 * time), and per-string measuring would repeat for every label. Kerning is ignored; labels
 * are placed with a few pixels to spare.
 */
export function textWidth(text: string, size = FONT_SIZE, family: Face = 'ui'): number {
  const widths = charWidths[family];
  let total = 0;
  for (const char of text) {
    let width = widths.get(char);
    if (width === undefined) {
      width = measureChar(char, family);
      widths.set(char, width);
    }
    total += width;
  }
  return (total * size) / REFERENCE_SIZE;
}

function measureChar(char: string, face: Face): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return REFERENCE_SIZE * (face === 'mono' ? 0.62 : face === 'ui-bold' ? 0.63 : 0.58);
  const font =
    face === 'mono'
      ? `${REFERENCE_SIZE}px ${measureFamilies.mono}`
      : `${face === 'ui-bold' ? '600 ' : ''}${REFERENCE_SIZE}px ${measureFamilies.ui}`;
  // Assigning `font` re-parses it; the getter returns a normalised string, so compare with our own.
  if (measureFont !== font) {
    measureContext.font = font;
    measureFont = font;
  }
  return measureContext.measureText(char).width;
}

export function ellipsize(text: string, maxWidth: number, size = FONT_SIZE, family: Face = 'ui'): string {
  if (textWidth(text, size, family) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size, family) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * `text` broken at spaces (and after the hyphen of a compound: "hard-" / "wired"), not at
 * no-break spaces ("459\u00a0kB"), into at most `maxLines` lines no wider than `maxWidth`;
 * the last line is ellipsized if words remain.
 */
export function wrapLines(text: string, maxWidth: number, maxLines: number, size = FONT_SIZE, family: Face = 'ui'): string[] {
  // Each word with what joins it to the previous one: a space, or nothing after a hyphen.
  const words = [...text.trim().matchAll(/([^\S\u00a0]*)((?:[^\s-]|\u00a0)+-?|-)/g)].map((m) => ({
    join: m.index && m[1] ? ' ' : '',
    text: m[2]!,
  }));
  const joined = (from: number, to: number): string =>
    words
      .slice(from, to)
      .map((w, k) => (k ? w.join : '') + w.text)
      .join('');
  const lines: string[] = [];
  let start = 0;
  for (let i = 1; i <= words.length; i++) {
    if (i < words.length && textWidth(joined(start, i + 1), size, family) <= maxWidth) continue;
    if (lines.length === maxLines - 1) i = words.length;
    lines.push(joined(start, i));
    start = i;
  }
  return lines.map((l) => ellipsize(l, maxWidth, size, family));
}
