// Exporting a view as a figure. The SVG is a copy with every computed style written as a
// presentation attribute — in the editor the colours and fonts come from the stylesheet
// and `--vscode-*` variables, which do not travel with the file. The PNG is that SVG drawn
// onto a canvas at twice the size, for slides and papers.

const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** Attributes that only make sense inside the webview (focus, scripting hooks). */
const DROPPED = ['tabindex', 'role', 'aria-label'];

export interface ExportInfo {
  title: string;
  description: string;
}

export function serializeSvg(svg: SVGSVGElement, info: ExportInfo): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const target = copies[i]!;
    const computed = getComputedStyle(original);
    for (const property of INLINED) {
      const value = computed.getPropertyValue(property);
      if (value && value !== 'normal' && value !== 'auto') target.setAttribute(property, value);
    }
    for (const name of DROPPED) target.removeAttribute(name);
    target.removeAttribute('style');
    // Inside a hidden tab panel `display` computes to none for the root only; keep everything drawn.
    target.removeAttribute('display');
  });
  const ns = 'http://www.w3.org/2000/svg';
  const title = document.createElementNS(ns, 'title');
  title.textContent = info.title;
  const desc = document.createElementNS(ns, 'desc');
  desc.textContent = info.description;
  copy.prepend(title, desc);
  copy.setAttribute('version', '1.1');
  return new XMLSerializer().serializeToString(copy);
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<string> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}
