// Request traces: CSV with a header naming `arrival`, `prompt` and `output` (other columns
// ignored; common aliases accepted), or JSONL with those keys. Bounded: a trace over
// MAX_TRACE_REQUESTS rows is refused with a message, never read to the end.

import type { TraceRequest } from './types';

export const MAX_TRACE_REQUESTS = 200_000;

const ALIASES: Record<'arrival' | 'prompt' | 'output', string[]> = {
  arrival: ['arrival', 'arrival_s', 'arrival_time', 'timestamp', 'time', 't'],
  prompt: ['prompt', 'prompt_tokens', 'input', 'input_tokens', 'input_len', 'context_tokens'],
  output: ['output', 'output_tokens', 'output_len', 'generated_tokens', 'completion_tokens'],
};

export type TraceParse = { ok: true; requests: TraceRequest[] } | { ok: false; message: string };

export function parseTrace(text: string, fileName: string): TraceParse {
  const jsonl = /\.jsonl$/i.test(fileName) || /^\s*\{/.test(text);
  const out: TraceRequest[] = [];
  let lineNo = 0;
  let start = 0;
  let columns: { arrival: number; prompt: number; output: number } | undefined;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    lineNo++;
    if (!line || line.startsWith('#')) continue;
    if (out.length >= MAX_TRACE_REQUESTS)
      return {
        ok: false,
        message: `the trace has more than ${MAX_TRACE_REQUESTS.toLocaleString('en-US')} requests; simulate a window of it (split the file).`,
      };
    let arrival: unknown;
    let prompt: unknown;
    let output: unknown;
    if (jsonl) {
      let row: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(line);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
          return { ok: false, message: `line ${lineNo} is not a JSON object.` };
        row = parsed as Record<string, unknown>;
      } catch {
        return { ok: false, message: `line ${lineNo} is not valid JSON.` };
      }
      const pick = (names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined);
      arrival = pick(ALIASES.arrival);
      prompt = pick(ALIASES.prompt);
      output = pick(ALIASES.output);
    } else {
      const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
      if (!columns) {
        const find = (names: string[]) => cells.findIndex((c) => names.includes(c.toLowerCase()));
        columns = { arrival: find(ALIASES.arrival), prompt: find(ALIASES.prompt), output: find(ALIASES.output) };
        const missing = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => columns![k] < 0);
        if (missing.length)
          return {
            ok: false,
            message: `the CSV header (line ${lineNo}) has no ${missing.map((m) => `\`${m}\``).join(', ')} column; expected a header such as \`arrival,prompt,output\`.`,
          };
        continue;
      }
      arrival = Number(cells[columns.arrival]);
      prompt = Number(cells[columns.prompt]);
      output = Number(cells[columns.output]);
    }
    const a = Number(arrival);
    const p = Number(prompt);
    const o = Number(output);
    if (!Number.isFinite(a) || a < 0) return { ok: false, message: `line ${lineNo}: the arrival time must be a number of seconds ≥ 0.` };
    if (!Number.isInteger(p) || p < 1 || !Number.isInteger(o) || o < 1)
      return { ok: false, message: `line ${lineNo}: prompt and output must be whole numbers of tokens ≥ 1.` };
    out.push({ arrivalSeconds: a, promptTokens: p, outputTokens: o });
  }
  if (out.length === 0) return { ok: false, message: 'the trace holds no requests.' };
  // Arrivals need not be sorted in the file; the simulation takes them in time order.
  out.sort((x, y) => x.arrivalSeconds - y.arrivalSeconds);
  return { ok: true, requests: out };
}

/** The largest value of one column (a loop: a spread of 200,000 arguments would overflow the stack). */
export function traceMax(requests: readonly TraceRequest[], key: 'promptTokens' | 'outputTokens'): number {
  let max = 1;
  for (const r of requests) if (r[key] > max) max = r[key];
  return max;
}
