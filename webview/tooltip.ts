// One tooltip for the whole page, shown for the mark under the pointer or with keyboard
// focus. Built from text nodes only (user text never becomes markup); positioned through
// the CSSOM (element.style), which the CSP allows, unlike style attributes.

import type { BaseType, Selection } from 'd3-selection';

export interface TooltipContent {
  title: string;
  /** Label and value (with its unit). */
  rows: ReadonlyArray<readonly [string, string]>;
  note?: string;
}

let tip: HTMLDivElement | undefined;

function element(): HTMLDivElement {
  if (!tip || !tip.isConnected) {
    tip = document.createElement('div');
    tip.className = 'tooltip';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    document.body.append(tip);
  }
  return tip;
}

function fill(content: TooltipContent): HTMLDivElement {
  const el = element();
  el.replaceChildren();
  const title = document.createElement('div');
  title.className = 'tooltip-title';
  title.textContent = content.title;
  el.append(title);
  if (content.rows.length) {
    const table = document.createElement('table');
    for (const [label, value] of content.rows) {
      const tr = table.insertRow();
      const th = document.createElement('th');
      th.textContent = label;
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(th, td);
    }
    el.append(table);
  }
  if (content.note) {
    const note = document.createElement('div');
    note.className = 'tooltip-note';
    note.textContent = content.note;
    el.append(note);
  }
  el.hidden = false;
  return el;
}

/** Places the tooltip near (x, y) in viewport pixels, flipped to stay on screen. */
function moveTo(el: HTMLDivElement, x: number, y: number): void {
  const { width, height } = el.getBoundingClientRect();
  const left = x + 14 + width > window.innerWidth ? Math.max(4, x - 14 - width) : x + 14;
  const top = y + 14 + height > window.innerHeight ? Math.max(4, y - 14 - height) : y + 14;
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}

export function hideTooltip(): void {
  if (tip) tip.hidden = true;
}

export function bindTooltip<E extends BaseType, D>(marks: Selection<E, D, any, any>, content: (d: D) => TooltipContent): void {
  marks
    .on('pointerenter.tooltip pointermove.tooltip', (event: Event, d) => {
      const { clientX, clientY } = event as PointerEvent;
      moveTo(fill(content(d)), clientX, clientY);
    })
    .on('pointerleave.tooltip blur.tooltip', hideTooltip)
    .on('focus.tooltip', (event: Event, d) => {
      const box = (event.currentTarget as Element).getBoundingClientRect();
      moveTo(fill(content(d)), box.right, box.top);
    });
}
