// The design views: one panel follows the active config (pinned panels stay on theirs),
// and panels name their config by its workspace-relative path.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayLocation } from '../../extension/logic/displayLocation';
import { onActiveConfig, onOpen, restoredPinned, togglePin, type PanelSlot } from '../../extension/logic/panelRouting';

const A = 'file:///ws/a.chip.yaml';
const B = 'file:///ws/designs/b.chip.yaml';
const C = 'file:///ws/c.chip.yaml';

describe('one panel follows the active config', () => {
  it('the first "Open Design Views" creates it; later ones move it instead of opening more', () => {
    assert.deepEqual(onOpen([], A), { kind: 'create', uri: A, pinned: false });
    const one: PanelSlot[] = [{ id: 1, uri: A, pinned: false }];
    assert.deepEqual(onOpen(one, A), { kind: 'reveal', id: 1 });
    assert.deepEqual(onOpen(one, B), { kind: 'retarget', id: 1, uri: B });
  });

  it('opening views 4 times on 4 configs leaves one panel', () => {
    let panels: PanelSlot[] = [];
    let next = 1;
    for (const uri of [A, B, C, A]) {
      const action = onOpen(panels, uri);
      if (action.kind === 'create') panels = [...panels, { id: next++, uri, pinned: action.pinned }];
      if (action.kind === 'retarget') panels = panels.map((p) => (p.id === action.id ? { ...p, uri: action.uri } : p));
    }
    assert.equal(panels.length, 1);
    assert.equal(panels[0]!.uri, A);
  });

  it('switching editors moves the following panel, not a pinned one', () => {
    const panels: PanelSlot[] = [
      { id: 1, uri: A, pinned: true },
      { id: 2, uri: B, pinned: false },
    ];
    assert.deepEqual(onActiveConfig(panels, C), { kind: 'retarget', id: 2, uri: C });
    assert.deepEqual(onActiveConfig(panels, B), { kind: 'none' });
    assert.deepEqual(onActiveConfig(panels, A), { kind: 'none' }, 'a pinned panel already shows A');
    assert.deepEqual(onActiveConfig([{ id: 1, uri: A, pinned: true }], C), { kind: 'none' });
  });

  it('with only pinned panels, opening another config creates a following panel', () => {
    assert.deepEqual(onOpen([{ id: 1, uri: A, pinned: true }], B), { kind: 'create', uri: B, pinned: false });
    assert.deepEqual(onOpen([{ id: 1, uri: A, pinned: true }], A), { kind: 'reveal', id: 1 });
  });

  it('pinning and unpinning keep at most one following panel', () => {
    const panels: PanelSlot[] = [
      { id: 1, uri: A, pinned: true },
      { id: 2, uri: B, pinned: false },
    ];
    assert.deepEqual(togglePin(panels, 2), [{ id: 2, pinned: true }]);
    assert.deepEqual(togglePin(panels, 1), [
      { id: 1, pinned: false },
      { id: 2, pinned: true },
    ]);
    assert.equal(restoredPinned([]), false);
    assert.equal(restoredPinned([{ id: 1, uri: A, pinned: false }]), true);
  });
});

describe('the views name their config by its workspace path', () => {
  it('relative to the folder, with the folder name in a multi-root workspace', () => {
    assert.equal(displayLocation(B, [{ name: 'ws', uri: 'file:///ws' }]), 'designs/b.chip.yaml');
    assert.equal(
      displayLocation(B, [
        { name: 'ws', uri: 'file:///ws/' },
        { name: 'other', uri: 'file:///other' },
      ]),
      'ws/designs/b.chip.yaml',
    );
    assert.equal(displayLocation('file:///ws/my%20design.chip.yaml', [{ name: 'ws', uri: 'file:///ws' }]), 'my design.chip.yaml');
  });

  it('never as a raw URI', () => {
    assert.equal(displayLocation('file:///elsewhere/x.chip.yaml', [{ name: 'ws', uri: 'file:///ws' }]), '/elsewhere/x.chip.yaml');
    assert.equal(displayLocation('untitled:Untitled-1', []), 'Untitled-1');
    assert.equal(displayLocation('vscode-remote://ssh-remote%2Bbox/home/u/x.chip.yaml', []), '/home/u/x.chip.yaml');
    assert.equal(
      displayLocation('file:///wsx/a.chip.yaml', [{ name: 'ws', uri: 'file:///ws' }]),
      '/wsx/a.chip.yaml',
      'a sibling folder with a common prefix is not inside',
    );
  });
});
