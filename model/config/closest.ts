// "Did you mean": the candidate nearest to a misspelt key or id, if any is near enough.

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  // A leading part of an id (`h200` for `h200-sxm`) is a likelier intent than any typo.
  const extended = [...candidates].filter((c) => w.length >= 3 && c.toLowerCase().startsWith(w));
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Near enough: a third of the word may differ (typos, a missing underscore, a plural).
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(w.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from<number>({ length: rows * cols }).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * A misspelling rather than another word: one slip (a swapped, missing, extra or wrong
 * letter, `bacth`, `memroy`, `bandwith`), or two in a long key, or another case (`TDP`).
 * `list` is two edits from `cost` but no one meant one for the other; `closest` still
 * suggests such a key.
 */
export function isLikelyTypo(word: string, known: string): boolean {
  if (word === known) return false;
  const distance = editDistance(word.toLowerCase(), known.toLowerCase());
  return distance <= (Math.min(word.length, known.length) >= 8 ? 2 : 1);
}

/**
 * Names other tools give our keys (vLLM's and Hugging Face's arguments, benchmark scripts,
 * spec sheets): no edit distance finds `batch` from `batch_size` or `tdp` from `power`, and
 * read as unknown keys their values were dropped while the run was marked valid. Each is
 * suggested, and treated as a typo, only in a section that has its target.
 */
const KEY_ALIASES: Record<string, string> = {
  batch_size: 'batch',
  max_batch_size: 'batch',
  bs: 'batch',
  prompt_len: 'prompt',
  prompt_length: 'prompt',
  prompt_tokens: 'prompt',
  input_len: 'prompt',
  input_length: 'prompt',
  input_tokens: 'prompt',
  isl: 'prompt',
  output_len: 'output',
  output_length: 'output',
  output_tokens: 'output',
  max_new_tokens: 'output',
  max_tokens: 'output',
  gen_len: 'output',
  osl: 'output',
  model_name: 'model',
  model_id: 'model',
  tp: 'tensor_parallel',
  tp_size: 'tensor_parallel',
  tp_degree: 'tensor_parallel',
  tensor_parallel_size: 'tensor_parallel',
  pp: 'pipeline_parallel',
  pp_size: 'pipeline_parallel',
  pipeline_parallel_size: 'pipeline_parallel',
  num_chips: 'chips',
  num_gpus: 'chips',
  gpus: 'chips',
  devices: 'chips',
  power: 'tdp',
  power_limit: 'tdp',
  max_power: 'tdp',
  frequency: 'clock',
  freq: 'clock',
  clock_speed: 'clock',
  boost_clock: 'clock',
  price: 'chip_price',
  chip_cost: 'chip_price',
  gpu_price: 'chip_price',
  hbm: 'memory',
  dram: 'memory',
  bw: 'bandwidth',
  size: 'capacity',
  count: 'units',
  num_units: 'units',
  arrival_rate: 'rate',
  request_rate: 'rate',
  qps: 'rate',
};

/** The key an alias names, wherever it is (`batch_size` -> `batch`). */
export const aliasTarget = (word: string): string | undefined => KEY_ALIASES[word.toLowerCase()];

/** The key an alias names, when `known` has it. */
export function aliasOf(word: string, known: readonly string[]): string | undefined {
  const target = KEY_ALIASES[word.toLowerCase()];
  return target !== undefined && known.includes(target) ? target : undefined;
}

/** `tdp 350 W`: a key and its value without the `: ` between them, written with it (a YAML error in parse.ts, a section's value in validate.ts). */
export function withColon(line: string): { key: string; text: string } | undefined {
  const words = /^([A-Za-z_]\w*)\s+(\S.*)$/.exec(line.trim());
  return words ? { key: words[1]!, text: `${words[1]}: ${words[2]}` } : undefined;
}
