// Which design-views panel shows which config: one panel follows the active config (the
// Markdown preview's model), and panels the user pinned stay on theirs. Pure, so the
// decisions are unit-tested; extension/panelManager.ts carries them out.

export interface PanelSlot {
  id: number;
  /** The config shown, as a URI string. */
  uri: string;
  pinned: boolean;
}

export type PanelAction =
  | { kind: 'reveal'; id: number }
  | { kind: 'retarget'; id: number; uri: string }
  | { kind: 'create'; uri: string; pinned: boolean }
  | { kind: 'none' };

/** "Open Design Views" on `uri`: reveal a panel already on it, else move the following panel, else open one. */
export function onOpen(panels: readonly PanelSlot[], uri: string): PanelAction {
  const showing = panels.find((p) => p.uri === uri && !p.pinned) ?? panels.find((p) => p.uri === uri);
  if (showing) return { kind: 'reveal', id: showing.id };
  const following = panels.find((p) => !p.pinned);
  if (following) return { kind: 'retarget', id: following.id, uri };
  return { kind: 'create', uri, pinned: false };
}

/** The active editor switched to the config `uri`: the following panel follows it. */
export function onActiveConfig(panels: readonly PanelSlot[], uri: string): PanelAction {
  const following = panels.find((p) => !p.pinned);
  if (!following || following.uri === uri) return { kind: 'none' };
  // A pinned panel already shows this config: the following one stays where it is rather
  // than duplicate it.
  if (panels.some((p) => p.pinned && p.uri === uri)) return { kind: 'none' };
  return { kind: 'retarget', id: following.id, uri };
}

/** Restoring a panel after reload: the first restored follows, the others stay pinned. */
export function restoredPinned(panels: readonly PanelSlot[]): boolean {
  return panels.some((p) => !p.pinned);
}

/**
 * Pin or unpin a panel. Unpinning makes it the following panel; if another panel was
 * following, that one is pinned in its place so there is still at most one.
 */
export function togglePin(panels: readonly PanelSlot[], id: number): { id: number; pinned: boolean }[] {
  const panel = panels.find((p) => p.id === id);
  if (!panel) return [];
  if (panel.pinned) {
    return [{ id, pinned: false }, ...panels.filter((p) => p.id !== id && !p.pinned).map((p) => ({ id: p.id, pinned: true }))];
  }
  return [{ id, pinned: true }];
}
