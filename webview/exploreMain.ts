// The Exploration panel's entry point (dist/exploreView.js): axes and colour pickers, the
// scatter with its front, the brushed selection as a table, the point actions (apply to
// the config, open as a new config) and CSV / JSON / SVG export. State survives reloads
// through getState/setState.

import { select } from 'd3-selection';
import { clear, type Container } from './charts';
import { serializeSvg } from './export';
import { isExploreHostMessage, type ExplorationData, type ExplorationPoint, type ExploreViewMessage } from './exploreProtocol';
import { metricLabel, metricText } from '../model/report/metricText';
import { formatChange, formatSeconds } from './format';
import { setMeasureFont } from './text';
import { readTheme, watchTheme, type Theme } from './theme';
import { hideTooltip } from './tooltip';
import { axesOf, counted, drawExploration, runText, type ExplorationChoice } from './views/exploration';

/** A label inside a sentence: its first letter lower-case, units and acronyms as they are ("Cost per 1M output tokens (USD)" -> "cost per 1M …", "TTFT p99" stays). */
function inSentence(label: string): string {
  return /^[A-Z][^A-Z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

interface VsCodeApi {
  postMessage(message: ExploreViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  data?: ExplorationData;
  choice?: ExplorationChoice;
}

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as SavedState;
let data: ExplorationData | undefined = saved.data;
let choice: ExplorationChoice = saved.choice ?? { x: 0, y: 1, colour: -1, logX: false, logY: false };
let theme: Theme = readTheme();
let brushed: ExplorationPoint[] = [];
let picked: ExplorationPoint | undefined;
let svgNode: SVGSVGElement | undefined;

const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const status = app.appendChild(Object.assign(document.createElement('div'), { className: 'explore-status' }));
// Why some points could not be evaluated (a required key a varied value leaves out, TP x PP != chips, ...).
const notes = app.appendChild(Object.assign(document.createElement('ul'), { className: 'explore-notes' }));
const toolbar = app.appendChild(Object.assign(document.createElement('div'), { className: 'toolbar' }));
const actions = app.appendChild(Object.assign(document.createElement('div'), { className: 'explore-actions' }));
const chart = app.appendChild(Object.assign(document.createElement('div'), { className: 'view-body' }));
const tables = app.appendChild(Object.assign(document.createElement('div'), { className: 'explore-tables' }));

const selects = {
  x: labelled('x', 'X axis'),
  y: labelled('y', 'Y axis'),
  colour: labelled('colour', 'Colour'),
};
const logX = checkbox('Log X', (on) => {
  choice.logX = on;
  save();
  render();
});
const logY = checkbox('Log Y', (on) => {
  choice.logY = on;
  save();
  render();
});
const cancel = button(toolbar, 'Cancel', () => vscode.postMessage({ type: 'cancel' }));
for (const format of ['csv', 'json', 'svg'] as const) button(toolbar, `Export ${format.toUpperCase()}`, () => exportAs(format));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isExploreHostMessage(message)) return;
  if (message.type === 'theme') {
    theme = readTheme();
    render();
    return;
  }
  const fresh =
    !data ||
    data.file !== message.data.file ||
    data.metrics.join() !== message.data.metrics.join() ||
    data.paths.join() !== message.data.paths.join();
  data = message.data;
  if (fresh) {
    // One varied key: the first metric against the key's value, as a sweep is read.
    const keyAxis = data.metrics.length;
    const sweep = data.paths.length === 1 && axesOf(data).length > keyAxis;
    choice = sweep
      ? { x: keyAxis, y: 0, colour: -1, logX: false, logY: false }
      : { x: 0, y: Math.min(1, data.metrics.length - 1), colour: data.metrics.length > 2 ? 2 : -1, logX: false, logY: false };
    brushed = [];
    picked = undefined;
  }
  save();
  render();
});
watchTheme(() => {
  theme = readTheme();
  render();
});
new ResizeObserver(() => render()).observe(app);
render();
vscode.postMessage({ type: 'ready' });

function save(): void {
  vscode.setState({ data, choice } satisfies SavedState);
}

function labelled(key: 'x' | 'y' | 'colour', label: string): HTMLSelectElement {
  const wrap = toolbar.appendChild(document.createElement('label'));
  wrap.className = 'control-label';
  wrap.append(`${label} `);
  const s = wrap.appendChild(document.createElement('select'));
  s.addEventListener('change', () => {
    choice[key] = Number(s.value);
    save();
    render();
  });
  return s;
}

function checkbox(label: string, onChange: (on: boolean) => void): HTMLInputElement {
  const wrap = toolbar.appendChild(document.createElement('label'));
  wrap.className = 'control-label';
  const input = wrap.appendChild(document.createElement('input'));
  input.type = 'checkbox';
  input.addEventListener('change', () => onChange(input.checked));
  wrap.append(` ${label}`);
  return input;
}

function button(parent: HTMLElement, label: string, onClick: () => void): HTMLButtonElement {
  const b = parent.appendChild(document.createElement('button'));
  b.className = 'explore-button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function fillSelect(s: HTMLSelectElement, metrics: string[], value: number, withNone: boolean): void {
  s.replaceChildren();
  if (withNone) s.append(new Option('feasibility / front', '-1'));
  metrics.forEach((m, i) => s.append(new Option(m, String(i))));
  s.value = String(value);
}

/** The performance entry each render records (the webview test harness waits on it). */
const RENDER_MEASURE = 'jalapeno:render';

function render(): void {
  const started = performance.now();
  try {
    draw();
  } finally {
    performance.measure(RENDER_MEASURE, { start: started, end: performance.now() });
  }
}

function draw(): void {
  hideTooltip();
  setMeasureFont(theme.fontFamily, theme.monoFontFamily);
  clear(chart);
  clear(tables);
  if (!data) {
    status.textContent = 'Waiting for an exploration…';
    return;
  }
  const d = data;
  status.textContent =
    // A likely typo in the config, as the CLI's table and the design views mark it (a code review).
    `${d.valid === false ? 'NOT VALID: every point is of a design other than the one written (a likely typo: see the Problems panel) · ' : ''}` +
    // Of an earlier version: the views mark a stale sweep so, and the exploration kept "Done" (a review).
    `${d.stale ? 'Of an earlier version of the config (it has changed since): explore again · ' : ''}` +
    `${d.interrupted ? 'Interrupted by a window reload' : d.done ? (d.cancelled ? 'Cancelled' : 'Done') : 'Running'}: ${runText(d)} in ${formatSeconds(d.seconds)}` +
    ` · objectives ${d.objectives.map((o) => `${inSentence(metricLabel(o.metric) ?? o.metric)} (${o.direction === 'min' ? 'lowest' : 'highest'})`).join(', ')}${d.constraints.length ? ` · ${d.constraints.length === 1 ? 'constraint' : 'constraints'} ${d.constraints.join(', ')}` : ''}`;
  cancel.hidden = d.done;
  notes.replaceChildren(...(d.notes ?? []).map((note) => Object.assign(document.createElement('li'), { textContent: note })));
  notes.hidden = !d.notes?.length;
  const axes = axesOf(d).map((a) => a.label);
  fillSelect(selects.x, axes, choice.x, false);
  fillSelect(selects.y, axes, choice.y, false);
  fillSelect(selects.colour, axes, choice.colour, true);
  logX.checked = choice.logX;
  logY.checked = choice.logY;
  renderActions();
  const width = Math.max(300, app.clientWidth - 4);
  svgNode = drawExploration(select(chart) as unknown as Container, d, choice, theme, width, {
    onPick(point) {
      picked = point;
      renderActions();
    },
    onBrush(points) {
      brushed = points;
      renderTables();
    },
  });
  renderTables();
}

function renderActions(): void {
  actions.replaceChildren();
  if (!data || !picked) return;
  const p = picked;
  const text = actions.appendChild(document.createElement('span'));
  text.textContent = `Design #${p.index}: ${data.paths.map((path, i) => `${path} = ${p.values[i]}`).join(', ')} `;
  button(actions, 'Apply to config', () => vscode.postMessage({ type: 'apply', index: p.index }));
  button(actions, 'Open as new config', () => vscode.postMessage({ type: 'open', index: p.index }));
}

function renderTables(): void {
  clear(tables);
  if (!data) return;
  const d = data;
  const table = (title: string, points: ExplorationPoint[]) => {
    const details = select(tables).append('details').attr('class', 'data-table').property('open', true);
    details.append('summary').text(title);
    const t = details.append('table');
    // Metrics under the report's label, the dotted path on hover (what --objective takes).
    t.append('thead')
      .append('tr')
      .selectAll<HTMLTableCellElement, string>('th')
      .data(['#', ...d.paths, ...d.metrics, 'feasible', 'front'])
      .join('th')
      .attr('scope', 'col')
      .attr('title', (h) => h)
      .each(function (h) {
        const label = metricLabel(h);
        if (label) return void (this.textContent = label);
        // A dotted key breaks after its dots in a narrow pane, not mid-word (cells keep their values whole).
        h.split('.').forEach((part, i) => {
          if (i > 0) this.append('.', document.createElement('wbr'));
          this.append(part);
        });
      });
    const shown = points.slice(0, 500);
    const texts = metricTexts(d, shown);
    t.append('tbody')
      .selectAll('tr')
      .data(shown.map((p, row) => ({ p, row })))
      .join('tr')
      .on('click', (_e: Event, { p }) => {
        picked = p;
        renderActions();
      })
      .selectAll('td')
      .data(({ p, row }): Cell[] => [
        { text: String(p.index) },
        ...p.values.map((text) => ({ text })),
        ...texts[row]!,
        { text: p.feasible ? 'yes' : 'no' },
        { text: p.pareto ? 'yes' : '' },
      ])
      .join('td')
      .text((c) => c.text)
      // Under the value, on its own line: the value stays whole and the column no wider.
      .each(function (c) {
        if (c.change) select(this).append('span').attr('class', 'tie-change').attr('title', TIE_CHANGE).text(c.change);
      });
    // The marks say what they are where they appear (a new user met "+<0.01%" with no legend).
    if (texts.some((row) => row.some((c) => c.change)))
      details.append('p').attr('class', 'table-note').text(`+0.04% and the like: ${TIE_CHANGE}.`);
  };
  if (brushed.length) table(`Selected: ${counted(brushed.length, 'design')}${brushed.length > 500 ? ' (first 500)' : ''}`, brushed);
  const front = d.points.filter((p) => p.pareto).sort((a, b) => (a.metrics[0] ?? 0) - (b.metrics[0] ?? 0));
  // No front: say why where the table would be, not a header over nothing.
  if (front.length === 0) {
    const details = select(tables).append('details').attr('class', 'data-table').property('open', true);
    details.append('summary').text('Pareto front: no design');
    details
      .append('p')
      .attr('class', 'empty-front')
      .text(
        d.points.some((p) => !p.feasible)
          ? 'No evaluated design is feasible: hover a point in the chart for why it is not.'
          : 'No design has been evaluated yet.',
      );
    return;
  }
  table(`Pareto front: ${counted(front.length, 'design')}`, front);
}

interface Cell {
  text: string;
  /** Beside a value that prints like another row's: its change from the least of them. */
  change?: string;
}

/** What a change under a value means. */
const TIE_CHANGE = 'above the least of the rows that print the same value, by this much (what puts each on the front)';

/**
 * Each row's metric texts: the report's ("6.1 ms", "$0.50"), the one formatter, as the CLI
 * prints them. Where rows of different values print alike ("32.9 ms" four times on a front, a
 * review: the cheapest then read as dominating the rest), each gets its change from the least
 * of them ("+0.04%" under "32.9 ms"), so the table shows what put it on the front.
 */
function metricTexts(d: ExplorationData, points: readonly ExplorationPoint[]): Cell[][] {
  const texts = points.map((p) => p.metrics.map((m, j): Cell => ({ text: m === null ? '—' : metricText(d.metrics[j]!, m) })));
  d.metrics.forEach((_, j) => {
    const byText = new Map<string, number[]>();
    points.forEach((p, row) => {
      const { text } = texts[row]![j]!;
      if (p.metrics[j] !== null) byText.set(text, [...(byText.get(text) ?? []), row]);
    });
    for (const rows of byText.values()) {
      const values = rows.map((row) => points[row]!.metrics[j]!);
      const least = Math.min(...values);
      if (rows.length < 2 || Math.max(...values) === least || !(least > 0)) continue;
      for (const row of rows) {
        const change = points[row]!.metrics[j]! / least - 1;
        // Below a hundredth of a per cent the digits would say nothing but their width.
        if (change > 0) texts[row]![j]!.change = change < 1e-4 ? '+<0.01%' : formatChange(change);
      }
    }
  });
  return texts;
}

function csv(d: ExplorationData): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    // `valid` last, as the CLI's CSV: the same for every row.
    ['index', ...d.paths, ...d.metrics, 'feasible', 'pareto', 'valid'].map(cell).join(','),
    ...d.points.map((p) =>
      [
        String(p.index),
        ...p.values,
        ...p.metrics.map((m) => (m === null ? '' : String(m))),
        String(p.feasible),
        String(p.pareto),
        String(d.valid !== false),
      ]
        .map(cell)
        .join(','),
    ),
  ].join('\n');
}

function exportAs(format: 'csv' | 'json' | 'svg'): void {
  if (!data) return;
  const text =
    format === 'csv'
      ? csv(data)
      : format === 'json'
        ? JSON.stringify(data, null, 1)
        : svgNode
          ? serializeSvg(svgNode, { title: `Exploration of ${data.file}`, description: svgNode.getAttribute('aria-label') ?? '' })
          : '';
  if (text) vscode.postMessage({ type: 'export', format, data: text });
}
