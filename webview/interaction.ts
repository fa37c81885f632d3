// Clicking a mark that stands for an operator (or a config key) selects the key that
// governs it in the editor. Marks are focusable and answer Enter/Space too, so the charts
// work from the keyboard.

import type { BaseType, Selection } from 'd3-selection';
import type { ViewContext } from './charts';

export interface Target {
  /** The operator the mark stands for, highlighted in every view. */
  operatorId?: string;
  /** Config key to select in the editor. */
  key: string;
  /** Accessible name of the mark. */
  label: string;
}

export function bindSelect<E extends BaseType, D>(
  marks: Selection<E, D, any, any>,
  target: (d: D) => Target | undefined,
  ctx: ViewContext,
): void {
  const activate = (d: D): void => {
    const t = target(d);
    if (!t) return;
    if (t.operatorId !== undefined) ctx.selectOperator(t.operatorId, t.key);
    else ctx.post({ type: 'selectKey', path: t.key });
  };
  marks
    .filter((d) => target(d) !== undefined)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (d) => target(d)!.label)
    .classed('clickable', true)
    .classed('selected', (d) => {
      const id = target(d)?.operatorId;
      return id !== undefined && id === ctx.selectedOperatorId;
    })
    .on('click.select', (_event: Event, d) => activate(d))
    .on('keydown.select', (event: Event, d) => {
      const { key } = event as KeyboardEvent;
      if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        activate(d);
      }
    });
}
