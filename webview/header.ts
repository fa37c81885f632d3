// The header above the views: the design's name (user text, so set as text only), the
// headline numbers, and the ratios against the baseline when there is one.

import { select } from 'd3-selection';
import type { Container } from './charts';
import { headerModel, type HeaderMetric } from './headerModel';
import type { ViewModel } from './protocol';

export function renderHeader(container: HTMLElement, view: ViewModel, showBaseline: boolean): void {
  const root = select(container) as unknown as Container;
  root.selectAll('*').remove();
  const model = headerModel(view.report);
  const titleRow = root.append('div').attr('class', 'title-row');
  titleRow
    .append('h1')
    .attr('class', 'design-name')
    .text(view.name || 'Untitled design');
  const badges = titleRow.append('div').attr('class', 'badges').attr('role', 'status');
  for (const b of model.badges) badges.append('span').attr('class', `badge ${b.kind}`).text(b.text);
  root
    .append('div')
    .attr('class', 'file')
    .attr('title', view.file)
    .text(view.location ?? view.file);

  if (!view.report.design) {
    root
      .append('p')
      .attr('class', 'no-result')
      .text(
        view.report.errors
          ? 'The config has errors that leave nothing to evaluate: fix them in the editor (see the Problems panel).'
          : 'No evaluation yet.',
      );
    return;
  }
  metricList(root, 'headline', model.metrics);
  if (model.rangeNote) root.append('p').attr('class', 'range-note').text(model.rangeNote);

  if (model.comparison && showBaseline) {
    const row = root.append('div').attr('class', 'comparison');
    row.append('span').attr('class', 'versus').text(`vs ${model.comparison.name}`);
    for (const r of model.comparison.ratios) {
      const item = row
        .append('span')
        .attr('class', `ratio ${r.verdict === 'better' ? 'better' : r.verdict === 'worse' ? 'worse' : 'even'}`)
        .attr('data-metric', r.id)
        .attr('title', r.rangeNote);
      item.append('span').attr('class', 'ratio-label').text(`${r.label} `);
      item.append('strong').text(r.wording);
    }
  }
}

function metricList(root: Container, className: string, metrics: readonly HeaderMetric[]): void {
  const list = root.append('dl').attr('class', className);
  for (const m of metrics) {
    const item = list.append('div').attr('class', 'metric').attr('data-metric', m.id);
    item.append('dt').text(m.label);
    item.append('dd').text(m.value);
    if (m.detail) item.append('dd').attr('class', 'detail').text(m.detail);
  }
}
