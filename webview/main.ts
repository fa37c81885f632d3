// The webview's entry point: the ready handshake, the state kept across reloads
// (getState/setState rather than retainContextWhenHidden), and rendering the header and
// the three views whenever a result arrives, the theme changes or the panel is resized.

import { select } from 'd3-selection';
import type { Phase } from '../model/result';
import { clear, type Container, type RenderInput, type ViewContext } from './charts';
import { createControls, type ControlState, type Controls } from './controls';
import { serializeSvg, svgToPng } from './export';
import { renderHeader } from './header';
import { INVALID_NOT_COMPARED } from '../model/report/labels';
import {
  isHostMessage,
  isViewModel,
  VIEW_IDS,
  type ChartSvg,
  type ExportFormat,
  type SweepPointView,
  type ViewId,
  type ViewMessage,
  type ViewModel,
} from './protocol';
import { setMeasureFont } from './text';
import { readTheme, watchTheme, type Theme } from './theme';
import { hideTooltip } from './tooltip';
import { renderBandwidth } from './views/bandwidth';
import { renderDataflow } from './views/dataflow';
import { renderLatency } from './views/latency';
import { renderServing } from './views/serving';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState extends ControlState {
  /** The config shown: the host's panel serializer reads it to restore the panel after a reload. */
  file?: string;
  selectedOperatorId?: string;
  sweep?: { path: string; points: SweepPointView[]; current?: number; revision?: string };
  /** The last result, so a restored panel draws at once instead of waiting for the host. */
  view?: ViewModel;
  /** The tab each config was last left on: the views follow the editor, and going back to a file goes back to its tab. */
  tabByFile?: Record<string, ViewId>;
}

const RENDERERS: Record<ViewId, (container: Container, input: RenderInput, ctx: ViewContext) => void> = {
  dataflow: renderDataflow,
  bandwidth: renderBandwidth,
  latency: renderLatency,
  serving: renderServing,
};
/**
 * Charts lay out at the panel's width down to this; narrower panels scroll the chart alone.
 * Below a 360 px pane (its content ~320 px after padding), so a narrow side panel draws
 * every chart whole instead of cutting its right edge.
 */
const MIN_WIDTH = 280;
/** The performance entry each full render records (read by the benchmark). */
export const RENDER_MEASURE = 'jalapeno:render';

const vscode = acquireVsCodeApi();
const state = restoreState(vscode.getState());
/** The editor's text differs from the one shown (the host's `edited` message). */
let edited = false;
/** The last view of this config with its traffic simulated (not kept across reloads). */
let served: ViewModel | undefined;
let theme: Theme = readTheme();
let renderedWidth = 0;
let observedWidth: number | undefined;
let renderScheduled = false;

const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const header = app.appendChild(Object.assign(document.createElement('header'), { className: 'summary' }));
const toolbar = app.appendChild(Object.assign(document.createElement('div'), { className: 'toolbar' }));
const tabsHost = app.appendChild(Object.assign(document.createElement('div'), { className: 'tabs-host' }));

const controls: Controls = createControls(toolbar, tabsHost, {
  onTab(tab) {
    state.tab = tab;
    if (state.file) {
      state.tabByFile = { ...state.tabByFile, [state.file]: tab };
      // The host keeps it too: this page's state goes with the panel when it is closed.
      vscode.postMessage({ type: 'tab', file: state.file, tab });
    }
    save();
  },
  onPhase(phase) {
    state.phase = phase;
    save();
    render();
  },
  onBaseline(show) {
    state.showBaseline = show;
    save();
    render();
  },
  onExport(view, format) {
    void exportView(view, format);
  },
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'update':
      // A sweep belongs to the config it was run on.
      if (state.file !== message.view.file) {
        delete state.sweep;
        served = undefined;
        // The tab this config was left on, if it was shown before (a review: back to a fleet
        // config, the Serving tab had to be chosen again).
        // This panel's memory first, then the host's (another panel, or one since closed).
        const left = state.tabByFile?.[message.view.file] ?? message.tab;
        if (left) state.tab = left;
        // Another config with no traffic: its Serving tab would only say there is none (a
        // workbench review kept landing on it), so the views open on the first tab.
        if (state.tab === 'serving' && !message.view.result?.serving && !message.view.servingPending) state.tab = 'dataflow';
      }
      if (message.view.result?.serving) served = message.view;
      else if (!message.view.servingPending) served = undefined;
      state.view = message.view;
      state.file = message.view.file;
      save();
      render();
      break;
    case 'theme':
      theme = readTheme();
      scheduleRender();
      break;
    case 'sweep':
      state.sweep = {
        path: message.path,
        points: message.points,
        ...(message.current !== undefined ? { current: message.current } : {}),
        ...(message.revision !== undefined ? { revision: message.revision } : {}),
      };
      state.tab = 'latency';
      save();
      render();
      break;
    case 'requestCharts':
      vscode.postMessage({ type: 'charts', requestId: message.requestId, charts: chartsForReport() });
      break;
    case 'edited':
      // Not kept across reloads: the host says it again with the next update.
      if (edited !== message.edited) {
        edited = message.edited;
        render();
      }
      break;
  }
});

watchTheme(() => {
  theme = readTheme();
  scheduleRender();
});
// The observer reports the width without forcing a layout; render() reads the last one.
new ResizeObserver((entries) => {
  observedWidth = entries[entries.length - 1]?.contentRect.width;
  if (state.view && Math.abs(availableWidth() - renderedWidth) >= 8) scheduleRender();
}).observe(app);

if (state.view) render();
else controls.show(state, false, false);
vscode.postMessage({ type: 'ready' });

// A theme switch arrives twice (the body class and the host's `theme` message) and a resize
// many times: draw once per frame.
function scheduleRender(): void {
  if (renderScheduled) return;
  renderScheduled = true;
  requestAnimationFrame(() => {
    renderScheduled = false;
    render();
  });
}

function render(): void {
  const view = state.view;
  // Not valid, the header says "not compared": the charts draw no baseline either (a review saw
  // the H100's bars beside "not compared").
  const compared = Boolean(view?.report.baseline) && view?.report.valid !== false;
  controls.show(
    state,
    compared,
    Boolean(view?.result),
    view?.report.baseline ? `Not compared: ${INVALID_NOT_COMPARED.replace(/^not compared: /, '')}` : undefined,
  );
  if (!view) return;
  const start = performance.now();
  hideTooltip();
  setMeasureFont(theme.fontFamily, theme.monoFontFamily);
  // While this save's traffic is simulated, the last simulation stands in, faded: the page had
  // collapsed from 2,983 px to 659 and back on every save (a workbench review).
  const servedBefore = view.servingPending && served && served !== view ? served : undefined;
  renderHeader(header, view, state.showBaseline || !compared, edited, servedBefore);
  performance.measure(`${RENDER_MEASURE}:header`, { start, end: performance.now() });
  renderedWidth = availableWidth();
  const ctx: ViewContext = {
    theme,
    width: renderedWidth,
    post: (message) => vscode.postMessage(message),
    selectedOperatorId: state.selectedOperatorId,
    selectOperator,
  };
  for (const id of VIEW_IDS) {
    const body = controls.bodies[id];
    clear(body);
    const container = select(body) as unknown as Container;
    if (!view.result) {
      container.append('p').attr('class', 'no-result').text('Nothing to show until the config evaluates.');
      continue;
    }
    const input: RenderInput = {
      view,
      result: view.result,
      phase: state.phase,
      showBaseline: state.showBaseline && compared,
      ...(servedBefore ? { servedBefore } : {}),
      // A sweep of another text of the config (edited and saved since) is drawn as stale.
      ...(state.sweep ? { sweep: { ...state.sweep, stale: sweepIsStale(state.sweep, view) } } : {}),
    };
    const viewStart = performance.now();
    try {
      RENDERERS[id](container, input, ctx);
      performance.measure(`${RENDER_MEASURE}:${id}`, { start: viewStart, end: performance.now() });
    } catch (error) {
      // One view failing must not take the others down; say so where the chart would be.
      clear(body);
      container
        .append('p')
        .attr('class', 'render-error')
        .text(`This view could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
      console.error(error);
    }
  }
  performance.measure(RENDER_MEASURE, { start, end: performance.now() });
}

function selectOperator(id: string, governingKey: string): void {
  state.selectedOperatorId = id;
  save();
  // Highlight in every view without redrawing them.
  for (const mark of document.querySelectorAll<SVGElement>('.op-mark')) mark.classList.toggle('selected', mark.dataset.op === id);
  vscode.postMessage({ type: 'selectKey', path: governingKey });
}

const VIEW_TITLE: Record<ViewId, string> = { dataflow: 'Dataflow', bandwidth: 'Memory bandwidth', latency: 'Latency', serving: 'Serving' };

/** A view's chart as standalone SVG text, or undefined when it has none. */
function viewSvg(id: ViewId): { text: string; svg: SVGSVGElement } | undefined {
  const svg = controls.bodies[id].querySelector<SVGSVGElement>('svg.chart');
  const view = state.view;
  if (!svg || !view) return undefined;
  const text = serializeSvg(svg, {
    title: `${view.name}: ${VIEW_TITLE[id]} (${state.phase})`,
    description: `${view.location ?? view.file}, ${state.phase}, evaluated ${view.evaluatedAt}`,
  });
  return { text, svg };
}

function chartsForReport(): ChartSvg[] {
  return VIEW_IDS.flatMap((id) => {
    const chart = viewSvg(id);
    return chart ? [{ view: id, title: `${VIEW_TITLE[id]} (${state.phase})`, svg: chart.text }] : [];
  });
}

async function exportView(id: ViewId, format: ExportFormat): Promise<void> {
  const chart = viewSvg(id);
  if (!chart) return;
  const { text, svg } = chart;
  const data = format === 'svg' ? text : await svgToPng(text, svg.width.baseVal.value, svg.height.baseVal.value);
  vscode.postMessage({ type: 'export', format, view: id, data });
}

function availableWidth(): number {
  return Math.max(MIN_WIDTH, Math.floor(observedWidth ?? app.clientWidth) - 2);
}

function save(): void {
  vscode.setState(state);
}

/** The sweep ran on another text of the config than the one these numbers are of. */
function sweepIsStale(sweep: { revision?: string }, view: ViewModel): boolean {
  return sweep.revision !== undefined && view.revision !== undefined && sweep.revision !== view.revision;
}

function restoreState(saved: unknown): SavedState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<SavedState>;
  const phase: Phase = s.phase === 'prefill' ? 'prefill' : 'decode';
  return {
    tab: VIEW_IDS.includes(s.tab as ViewId) ? (s.tab as ViewId) : 'dataflow',
    phase,
    showBaseline: s.showBaseline !== false,
    ...(typeof s.selectedOperatorId === 'string' ? { selectedOperatorId: s.selectedOperatorId } : {}),
    ...(isViewModel(s.view) ? { view: s.view, file: s.view.file } : typeof s.file === 'string' ? { file: s.file } : {}),
    ...(isHostMessage({ type: 'sweep', ...s.sweep }) ? { sweep: s.sweep! } : {}),
    ...(typeof s.tabByFile === 'object' && s.tabByFile !== null
      ? { tabByFile: Object.fromEntries(Object.entries(s.tabByFile).filter(([, tab]) => VIEW_IDS.includes(tab))) }
      : {}),
  };
}
