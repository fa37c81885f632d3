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

/** The numbers written in a cell or field, as whole tokens: "12.4–42 ms" gives 12.4 and 42. */
const numbers = (text: string): string[] => text.match(/\d[\d,]*(?:\.\d+)?/g) ?? [];

/** Which lines of the CLI's table a README row quotes: the design's and the baseline's values, and the ratio. */
const QUOTES: { row: RegExp; values: string; ratio: string }[] = [
  { row: /^per-token latency$/, values: 'Per-token latency', ratio: 'Per-token latency' },
  { row: /^time to first token$/, values: 'Time to first token', ratio: 'Time to first token' },
  { row: /^energy per output token/, values: 'Energy per output token', ratio: 'Performance per watt' },
  {
    row: /^cost per response/,
    values: 'Cost per response at the compared chip prices',
    ratio: 'Cost per response at the compared chip prices',
  },
];

test("every figure in the README's table of the seed's question is the one `eval examples/jalapeno.chip.yaml` prints in its row and column", async () => {
  const file = join(ROOT, 'examples', 'jalapeno.chip.yaml');
  const analysis = await analyzeConfig(readFileSync(file, 'utf8'), file, nodeFileHost(ROOT));
  // The table's fields by label: this design, the baseline, the ratio (columns two spaces or more apart).
  const fields = new Map<string, string[]>();
  for (const line of summaryTable(analysis, undefined, 2000).split('\n')) {
    const [label, ...rest] = line.trim().split(/\s{2,}/);
    if (label && !fields.has(label)) fields.set(label, rest);
  }
  const rows = tableAfter(readFileSync(join(ROOT, 'README.md'), 'utf8'), "## The seed's question, answered by the model");
  assert.equal(rows.length, QUOTES.length, `${rows.length} rows`);
  for (const [what, design, baseline, ratio] of rows) {
    const quote = QUOTES.find((q) => q.row.test(what!));
    assert.ok(quote, `README row "${what}" quotes no line of the CLI's table`);
    const printed = { design: fields.get(quote.values)?.[0], baseline: fields.get(quote.values)?.[1], ratio: fields.get(quote.ratio)?.[2] };
    for (const [column, cell] of [
      ['design', design],
      ['baseline', baseline],
      ['ratio', ratio],
    ] as const) {
      const field = printed[column];
      assert.ok(field, `the CLI's ${quote.values} has no ${column} column`);
      const inField = new Set(numbers(field));
      for (const figure of numbers(cell!))
        assert.ok(inField.has(figure), `README, ${what}, ${column}: ${figure} is not in the CLI's "${field}"`);
    }
  }
});
