// The predicted-vs-measured chart, written by hand (no dependencies): log-log axes, the
// y = x line and ±30 % bands, one colour per source, filled markers for A-trust rows and
// hollow ones for B.

export interface Point {
  measured: number;
  predicted: number;
  source: string;
  cls: string;
  label: string;
}

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#637939',
  '#8c6d31',
  '#843c39',
  '#7b4173',
  '#3182bd',
  '#e6550d',
  '#31a354',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function predVsMeasuredSvg(points: readonly Point[], title: string): string {
  const W = 980;
  const H = 720;
  const L = 70;
  const T = 40;
  const P = 560; // plot square
  const vals = points.flatMap((p) => [p.measured, p.predicted]).filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.floor(Math.log10(Math.min(...vals)));
  const hi = Math.ceil(Math.log10(Math.max(...vals)));
  const x = (v: number) => L + ((Math.log10(v) - lo) / (hi - lo)) * P;
  const y = (v: number) => T + P - ((Math.log10(v) - lo) / (hi - lo)) * P;
  const sources = [...new Set(points.map((p) => p.source))];
  const colour = new Map(sources.map((s, i) => [s, PALETTE[i % PALETTE.length]]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${L}" y="22" font-size="14" font-weight="bold">${esc(title)}</text>`);
  // grid and ticks
  for (let e = lo; e <= hi; e++) {
    const v = 10 ** e;
    out.push(
      `<line x1="${x(v)}" y1="${T}" x2="${x(v)}" y2="${T + P}" stroke="#eee"/>`,
      `<line x1="${L}" y1="${y(v)}" x2="${L + P}" y2="${y(v)}" stroke="#eee"/>`,
    );
    out.push(
      `<text x="${x(v)}" y="${T + P + 16}" text-anchor="middle">1e${e}</text>`,
      `<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">1e${e}</text>`,
    );
  }
  out.push(`<rect x="${L}" y="${T}" width="${P}" height="${P}" fill="none" stroke="#333"/>`);
  // y = x and ±30 % bands
  const a = 10 ** lo;
  const b = 10 ** hi;
  const line = (k: number, dash: string, stroke: string) =>
    `<line x1="${x(a)}" y1="${y(a * k)}" x2="${x(b / Math.max(1, k))}" y2="${y((b / Math.max(1, k)) * k)}" stroke="${stroke}" ${dash ? `stroke-dasharray="${dash}"` : ''}/>`;
  out.push(`<clipPath id="plot"><rect x="${L}" y="${T}" width="${P}" height="${P}"/></clipPath><g clip-path="url(#plot)">`);
  out.push(line(1, '', '#000'), line(1.3, '5,4', '#888'), line(0.7, '5,4', '#888'));
  for (const p of points) {
    if (!(p.measured > 0 && p.predicted > 0)) continue;
    const c = colour.get(p.source)!;
    const filled = p.cls === 'A';
    out.push(
      `<circle cx="${x(p.measured).toFixed(1)}" cy="${y(p.predicted).toFixed(1)}" r="3.5" fill="${filled ? c : 'none'}" stroke="${c}" stroke-width="1.3" fill-opacity="0.75"><title>${esc(p.label)}</title></circle>`,
    );
  }
  out.push('</g>');
  out.push(`<text x="${L + P / 2}" y="${T + P + 34}" text-anchor="middle">measured (ms for latencies, tokens/s for throughputs)</text>`);
  out.push(`<text transform="translate(18 ${T + P / 2}) rotate(-90)" text-anchor="middle">predicted (same unit)</text>`);
  // legend
  let ly = T + 4;
  const lx = L + P + 20;
  out.push(`<text x="${lx}" y="${ly}" font-weight="bold">source (filled: A-trust, hollow: B)</text>`);
  ly += 8;
  for (const s of sources) {
    ly += 15;
    out.push(
      `<circle cx="${lx + 5}" cy="${ly - 4}" r="4" fill="${colour.get(s)}"/>`,
      `<text x="${lx + 14}" y="${ly}">${esc(s.length > 52 ? s.slice(0, 50) + '…' : s)}</text>`,
    );
  }
  ly += 24;
  out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="#000"/><text x="${lx + 30}" y="${ly}">y = x</text>`);
  ly += 16;
  out.push(
    `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="#888" stroke-dasharray="5,4"/><text x="${lx + 30}" y="${ly}">±30 %</text>`,
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}
