// The README's answer to the seed's question quotes `eval examples/jalapeno.chip.yaml`: every
// figure in its table must be one the CLI prints today. Its cost row went stale for two rounds
// of price changes (a new user's review found $0.000533 where the CLI printed $0.000529).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFileHost } from '../../cli/nodeHost';
import { summaryTable } from '../../cli/table';
import { analyzeConfig } from '../../model/analyze';

const ROOT = join(__dirname, '..', '..');

/** The data rows of the first table after `heading`. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.slice(markdown.indexOf(heading)).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++)
    rows.push(
      lines[i]!.split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows;
}

test("every figure in the README's table of the seed's question is one `eval examples/jalapeno.chip.yaml` prints", async () => {
  const file = join(ROOT, 'examples', 'jalapeno.chip.yaml');
  const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(ROOT));
  const printed = summaryTable(analysis, undefined, 400);
  const rows = tableAfter(readFileSync(join(ROOT, 'README.md'), 'utf8'), "## The seed's question, answered by the model");
  assert.ok(rows.length >= 4, `${rows.length} rows`);
  for (const [what, ...cells] of rows) {
    // Each number as written (1.08×, 0.486–2.65×, $0.000529, 533 ms – 1.22 s), bold and words aside.
    for (const figure of cells.join(' ').match(/\$?\d[\d,]*(?:\.\d+)?/g) ?? [])
      assert.ok(printed.includes(figure), `README, ${what}: ${figure} is not in the CLI's table`);
  }
});
