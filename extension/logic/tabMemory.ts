// Which tab of the design views each config was last left on, across panels of one window: a
// panel's own page state goes with it when it is closed, and a review reopened the views of a
// fleet config to find the Serving tab to choose again. Kept in memory for the window's life
// (a reloaded panel restores its page state itself), and bounded: the views name the files.

import type { ViewId } from '../../webview/protocol';

/** Files remembered; the oldest choice is forgotten first. */
export const TAB_MEMORY_FILES = 256;

export class TabMemory {
  private readonly tabs = new Map<string, ViewId>();

  get(file: string): ViewId | undefined {
    return this.tabs.get(file);
  }

  set(file: string, tab: ViewId): void {
    // Re-inserted, so that the map's order is the order of the last choices.
    this.tabs.delete(file);
    this.tabs.set(file, tab);
    if (this.tabs.size > TAB_MEMORY_FILES) this.tabs.delete(this.tabs.keys().next().value!);
  }
}
