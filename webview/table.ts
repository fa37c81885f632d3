// The text alternative of every chart: a collapsed <details> holding the numbers as a
// table, for screen readers and for copying values out. The table is built when the
// details are first opened: closed, it is not read out anyway, and building every table
// on every render would double the DOM a render creates.

import type { Container } from './charts';

export function dataTable(container: Container, summary: string, headers: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const details = container.append('details').attr('class', 'data-table');
  details.append('summary').text(summary);
  let built = false;
  details.on('toggle', () => {
    if (built || !details.property('open')) return;
    built = true;
    const table = details.append('table');
    table
      .append('thead')
      .append('tr')
      .selectAll('th')
      .data(headers)
      .join('th')
      .attr('scope', 'col')
      .text((h) => h);
    table
      .append('tbody')
      .selectAll('tr')
      .data(rows)
      .join('tr')
      .selectAll('td')
      .data((row) => row)
      .join('td')
      .text((cell) => cell);
  });
}
