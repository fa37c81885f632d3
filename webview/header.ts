// The header above the views: the design's name (user text, so set as text only), the
// headline numbers, and the ratios against the baseline when there is one.

import { select } from 'd3-selection';
import type { Container } from './charts';
import { headerModel, type HeaderMetric, type HeaderRatio } from './headerModel';
import type { ViewModel } from './protocol';
import { EDITED_SINCE } from '../model/report/labels';
import { verdictGroups } from '../model/report/ratios';

/** Said where the editor's text is not the one shown (a review typed batch 64 and read "batch 32" unmarked). */
export const EDITED_BADGE = EDITED_SINCE;

/** Errors listed in the header of a config that could not be evaluated; the rest are counted. */
const SHOWN_ERRORS = 3;

export function renderHeader(
  container: HTMLElement,
  view: ViewModel,
  showBaseline: boolean,
  edited = false,
  servedBefore?: ViewModel,
): void {
  // A note the user opened stays open across saves (each re-renders the header).
  const detailsOpen = (container.querySelector('details.range-details') as HTMLDetailsElement | null)?.open === true;
  const batchOpen = (container.querySelector('details.batch-cards') as HTMLDetailsElement | null)?.open === true;
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
  if (edited) badges.append('span').attr('class', 'badge edited').text(EDITED_BADGE);
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
    // The first few of them, with their lines, so that the views say what is wrong without the
    // Problems panel (a workbench review: "5 errors", and nothing else, after a broken save).
    const errors = view.report.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      const list = root.append('ul').attr('class', 'no-result-errors');
      for (const d of errors.slice(0, SHOWN_ERRORS))
        list
          .append('li')
          .text(
            `${d.line !== null ? `line ${d.line}${d.file ? ` of ${d.file.slice(d.file.lastIndexOf('/') + 1)}` : ''}: ` : ''}${d.message}`,
          );
      if (errors.length > SHOWN_ERRORS) list.append('li').text(`and ${errors.length - SHOWN_ERRORS} more in the Problems panel`);
    }
    return;
  }
  // What each group of cards is for. A config that simulates traffic leads with the traffic's;
  // its static batch's follow folded (at a narrow pane 13 cards pushed the views out of sight),
  // open where the user opened them.
  // While the traffic is simulated its cards are to come: the static batch's fold already, so the
  // header does not unfold and fold again on every save (a code review).
  const pending = view.servingPending === true && !model.groups.some((g) => g.group === 'traffic');
  // Meanwhile the last simulation's cards and verdicts stand in, faded and said to be the last one's.
  const before = pending && servedBefore ? headerModel(servedBefore.report) : undefined;
  const beforeCards = before?.metrics.filter((m) => m.group === 'traffic') ?? [];
  if (pending)
    root
      .append('div')
      .attr('class', 'setting')
      .attr('data-group', 'traffic')
      .text(
        beforeCards.length
          ? 'The configured traffic: simulating this save; until then, the last simulation, faded'
          : 'The configured traffic: simulating…',
      );
  if (beforeCards.length) metricList(root, 'headline stale', beforeCards);
  const folded = model.groups.length > 1 || pending;
  for (const { group, caption } of model.groups) {
    const cards = model.metrics.filter((m) => m.group === group);
    if (folded && group === 'batch') {
      const details = root.append<HTMLElement>('details').attr('class', 'batch-cards').property('open', batchOpen);
      details
        .append('summary')
        .attr('class', 'setting')
        // While simulating, the model captions the batch as a config without traffic's: said what it is here.
        .text(`${pending ? `A static batch${caption ? `: ${caption}` : ''}` : (caption ?? 'A static batch')} (${cards.length} figures)`);
      metricList(details, 'headline', cards);
      // Folded, the cards had no width to balance by: balanced once they are shown.
      details.on('toggle', () => {
        const list = (details.node() as HTMLDetailsElement).querySelector<HTMLElement>('dl.headline');
        if ((details.node() as HTMLDetailsElement).open) balanceColumns(list, cards.length);
      });
      continue;
    }
    if (caption) root.append('div').attr('class', 'setting').attr('data-group', group).text(caption);
    metricList(root, 'headline', cards);
  }
  // What the ranges are, folded under one line: four or five lines of it kept the tabs below the
  // fold of a 520 px pane (a workbench review); open where the user opened it.
  const rangeNotes = [...(model.rangeNote ? [model.rangeNote] : []), ...(model.rangeDetails ?? [])];
  if (rangeNotes.length) {
    const details = root.append('details').attr('class', 'range-details').property('open', detailsOpen);
    details
      .append('summary')
      .text(
        `[a–b]: ${model.rangeNote ? '80 % prediction ranges: whose errors, and what they leave out' : 'what the ranges are'} (${rangeNotes.length} ${rangeNotes.length > 1 ? 'notes' : 'note'})`,
      );
    rangeNotes.forEach((note, i) =>
      details
        .append('p')
        .attr('class', i === 0 && model.rangeNote ? 'range-note' : null)
        .text(note),
    );
  }

  if (model.comparison && showBaseline) {
    const row = root.append<HTMLElement>('div').attr('class', 'comparison');
    row.append('span').attr('class', 'versus').text(`vs ${model.comparison.name}`);
    const shown = new Set(model.comparison.ratios.map((r) => r.id));
    const stale = (before?.comparison?.ratios ?? []).filter((x) => !shown.has(x.id));
    const ratios = [...model.comparison.ratios, ...stale];
    // A traffic config's verdicts lead with its traffic's, the static batch's said to be, as the
    // lens above `compare:` says them (verdictGroups); the last simulation's stand in faded.
    const isStale = (r: HeaderRatio) => stale.includes(r);
    const groups = verdictGroups(
      ratios,
      (r) => r.group === 'traffic',
      (r) => r.verdict === 'uncertain' && !isStale(r),
    );
    for (const g of groups) {
      const line = groups.length > 1 ? row.append<HTMLElement>('div').attr('class', 'ratio-line') : row;
      if (groups.length > 1)
        line
          .append('span')
          .attr('class', 'ratio-group-label')
          .text(g.traffic ? 'Under the traffic:' : 'Static batch:');
      // The verdicts in a column of their own beside the label, so a wrapped one stays under it.
      ratioItems(groups.length > 1 ? line.append<HTMLElement>('span').attr('class', 'ratio-items') : line, g.clear, g.unclear, isStale);
    }
  }
}

/**
 * The verdicts: each clear one with its words, the ones the ranges cannot tell apart named
 * together ("no clear difference in decode, prefill, …"), each name carrying its full wording
 * and range in its tooltip. One line each made a fleet config's header 11 lines and pushed the
 * views below the fold of a 900 px window (a workbench review).
 */
function ratioItems(
  line: Container,
  clear: readonly HeaderRatio[],
  unclear: readonly HeaderRatio[],
  isStale: (r: HeaderRatio) => boolean,
): void {
  const kind = (r: HeaderRatio) => (isStale(r) ? 'stale' : r.verdict === 'better' ? 'better' : r.verdict === 'worse' ? 'worse' : 'even');
  const title = (r: HeaderRatio) => (isStale(r) ? `The last simulation's, before this save. ${r.rangeNote}` : r.rangeNote);
  for (const r of clear) {
    const item = line
      .append('span')
      .attr('class', `ratio ${kind(r)}`)
      .attr('data-metric', r.id)
      .attr('title', title(r));
    item.append('span').attr('class', 'ratio-label').text(`${r.label} `);
    item.append('strong').text(r.wording);
  }
  if (unclear.length === 0) return;
  const group = line.append('span').attr('class', 'ratio-unclear');
  group.append('strong').text('no clear difference');
  group.append('span').text(' in ');
  unclear.forEach((r, i) => {
    if (i > 0) group.append('span').text(', ');
    group
      .append('span')
      .attr('class', 'ratio even')
      .attr('data-metric', r.id)
      .attr('tabindex', 0)
      .attr('title', `${r.label}: ${r.wording}. ${r.rangeNote}`)
      .text(r.label);
  });
}

function metricList(root: Container, className: string, metrics: readonly HeaderMetric[]): void {
  const list = root.append('dl').attr('class', className);
  for (const m of metrics) {
    const item = list.append('div').attr('class', 'metric').attr('data-metric', m.id);
    item.append('dt').text(m.label);
    // The headline value is one quantity ("$2.32/1M tok"): whole on its line.
    item.append('dd').append('span').attr('class', 'value').style('white-space', 'nowrap').text(m.value);
    if (m.detail) unbroken(item.append('dd').attr('class', 'detail'), m.detail);
  }
  balanceColumns(list.node() as HTMLElement, metrics.length);
}

/** The cards' narrowest width and the gap between them (media/views.css `.headline`). */
const CARD_MIN_PX = 128;
const CARD_GAP_PX = 8;

/**
 * As many columns as fit, then as few as the same number of rows needs, so that the rows are
 * even: 8 cards where 6 fit are two rows of 4, not 6 and 2 (a workbench review saw the two
 * left alone under a wide row). A panel too narrow for two columns keeps the stylesheet's grid.
 */
function balanceColumns(list: HTMLElement | null, count: number): void {
  const width = list?.clientWidth ?? 0;
  if (!list || width <= 0 || count === 0) return;
  const fit = Math.max(1, Math.floor((width + CARD_GAP_PX) / (CARD_MIN_PX + CARD_GAP_PX)));
  const rows = Math.ceil(count / fit);
  list.style.gridTemplateColumns = `repeat(${Math.ceil(count / rows)}, minmax(${CARD_MIN_PX}px, 1fr))`;
}

/** A number, with the unit after a space if one follows it ("801 mJ", "92.9 tok/s", "80 %", "$1.81"). */
const QUANTITY = String.raw`\$?\d[\d.,]*(?:[ \u00a0](?:%|[A-Za-zµ°][A-Za-z²³/]*))?`;
/** A quantity, or a range of two ("468–801 mJ", "553 ms – 1.06 s"). */
const VALUE = new RegExp(`${QUANTITY}(?:[ \u00a0]?–[ \u00a0]?${QUANTITY})?`, 'g');

/**
 * `text` into `dd`, each value with its unit (and a range whole) in a span that does not
 * wrap: a narrow card breaks between words, never "468–801 / mJ". The spans' style is set
 * through the DOM (the page's CSP forbids style attributes in markup, not this).
 */
function unbroken(dd: Container, text: string): void {
  let at = 0;
  for (const match of text.matchAll(VALUE)) {
    const start = match.index;
    if (start > at) dd.append('span').text(text.slice(at, start));
    dd.append('span').attr('class', 'value').style('white-space', 'nowrap').text(match[0]);
    at = start + match[0].length;
  }
  if (at < text.length) dd.append('span').text(text.slice(at));
}
