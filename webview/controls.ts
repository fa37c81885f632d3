// The only module that touches @vscode-elements/elements: the tabs, the phase switch, the
// baseline checkbox and the export buttons. Components are imported one by one (each
// registers its custom element) so the bundle carries only these. They are Lit elements
// styled through adoptedStyleSheets, which the CSP's style-src does not block; none of
// the ones used here writes style attributes.

import { VscodeTabs } from '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { Phase } from '../model/result';
import { VIEW_IDS, type ExportFormat, type ViewId } from './protocol';

/**
 * vscode-tabs with a strip that wraps: the component lays its headers out in one row that
 * never shrinks, so in a narrow panel ("Dataflow", "Memory bandwidth", "Latency", "Serving"
 * need ~330 px) the strip ran past the page and selecting the last tab scrolled the whole
 * page sideways. Lit's way to change a component's styles is a subclass that adds to
 * them, adopted like the component's own (no style attribute, nothing the CSP blocks).
 */
class WrappingTabs extends VscodeTabs {
  static override styles = [VscodeTabs.styles, wrappingStrip()];
}

function wrappingStrip(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.header { min-width: 0; } .tablist { flex: 1 1 auto; flex-wrap: wrap; min-width: 0; }');
  return sheet;
}

/** The tag of the tab container (the headers and panels stay vscode-tab-header / vscode-tab-panel). */
export const TABS_TAG = 'jalapeno-tabs';
if (!customElements.get(TABS_TAG)) customElements.define(TABS_TAG, WrappingTabs);

export interface ControlState {
  tab: ViewId;
  phase: Phase;
  showBaseline: boolean;
}

export interface ControlEvents {
  onTab(tab: ViewId): void;
  onPhase(phase: Phase): void;
  onBaseline(show: boolean): void;
  onExport(view: ViewId, format: ExportFormat): void;
}

export interface Controls {
  /** Where each view renders (inside its tab panel). */
  bodies: Record<ViewId, HTMLElement>;
  /** Shows the state without firing events (after a restore). */
  /** `baselineWhyNot`: the checkbox's title where no baseline is drawn. */
  show(state: ControlState, baselineAvailable: boolean, resultShown: boolean, baselineWhyNot?: string): void;
}

const TAB_LABEL: Record<ViewId, string> = { dataflow: 'Dataflow', bandwidth: 'Memory bandwidth', latency: 'Latency', serving: 'Serving' };

type Checkable = HTMLElement & { checked: boolean; value: string; disabled: boolean };

function make<K extends string>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

export function createControls(toolbar: HTMLElement, tabsHost: HTMLElement, events: ControlEvents): Controls {
  const phaseGroup = make('vscode-radio-group', { 'aria-label': 'Phase' });
  const radios = (['decode', 'prefill'] as const).map((phase) => {
    const radio = make(
      'vscode-radio',
      { name: 'phase', value: phase, 'data-phase': phase },
      phase === 'decode' ? 'Decode step' : 'Prefill',
    ) as Checkable;
    phaseGroup.append(radio);
    return radio;
  });
  let phaseShown: Phase = 'decode';
  // Arrow keys move the checked radio without a `change` event, so read the state on keyup too.
  const readPhase = (): void => {
    const checked = radios.find((r) => r.checked);
    const phase = checked?.value === 'prefill' ? 'prefill' : 'decode';
    if (checked && phase !== phaseShown) {
      phaseShown = phase;
      events.onPhase(phase);
    }
  };
  phaseGroup.addEventListener('change', readPhase);
  phaseGroup.addEventListener('keyup', readPhase);

  const baseline = make('vscode-checkbox', { 'data-control': 'baseline' }, 'Compare with baseline') as Checkable;
  baseline.addEventListener('change', () => events.onBaseline(baseline.checked));

  const phaseLabel = make('span', { class: 'control-label', 'aria-hidden': 'true' }, 'Phase');
  toolbar.append(phaseLabel, phaseGroup, baseline);

  const tabs = make(TABS_TAG, { 'aria-label': 'Views' }) as HTMLElement & { selectedIndex: number };
  const bodies = {} as Record<ViewId, HTMLElement>;
  for (const id of VIEW_IDS) tabs.append(make('vscode-tab-header', { slot: 'header', 'data-tab': id }, TAB_LABEL[id]));
  // In the toolbar, which wraps, not in the tab strip, which does not: in a narrow panel the
  // buttons move to their own line instead of widening the page past the panel.
  const exports = make('div', { class: 'export-buttons' });
  const exportButtons: HTMLElement[] = [];
  for (const format of ['svg', 'png'] as const) {
    const button = make(
      'vscode-button',
      { secondary: '', 'data-export': format, title: `Save the current view as ${format.toUpperCase()}` },
      `Export ${format.toUpperCase()}`,
    );
    button.addEventListener('click', () => events.onExport(VIEW_IDS[tabs.selectedIndex] ?? 'dataflow', format));
    exports.append(button);
    exportButtons.push(button);
  }
  toolbar.append(exports);
  for (const id of VIEW_IDS) {
    const panel = make('vscode-tab-panel', { 'data-view': id });
    const body = make('div', { class: 'view-body', id: `view-${id}` });
    panel.append(body);
    tabs.append(panel);
    bodies[id] = body;
  }
  tabs.addEventListener('vsc-tabs-select', (event) => {
    const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
    const id = VIEW_IDS[index];
    if (id) events.onTab(id);
  });
  tabsHost.append(tabs);

  return {
    bodies,
    show(state, baselineAvailable, resultShown, baselineWhyNot = 'No baseline: add `compare:` to the config') {
      // Nothing to export while the views say "Nothing to show" (a click did nothing, silently).
      for (const button of exportButtons) {
        button.toggleAttribute('disabled', !resultShown);
        button.title = resultShown
          ? `Save the current view as ${button.dataset.export!.toUpperCase()}`
          : 'Nothing to export until the config evaluates';
      }
      tabs.selectedIndex = VIEW_IDS.indexOf(state.tab);
      phaseShown = state.phase;
      for (const radio of radios) radio.checked = radio.value === state.phase;
      baseline.checked = state.showBaseline && baselineAvailable;
      baseline.disabled = !baselineAvailable;
      baseline.title = baselineAvailable ? '' : baselineWhyNot;
    },
  };
}
