// Static-shape compilation (runtime.shape_buckets). Compiled-schedule runtimes (Neuron,
// XLA/JetStream) compile one program per sequence bucket and pad every input to its
// bucket: the padding is computed as if it were real tokens. Sources, quoted in
// model/presets/runtimes.ts: vLLM-Neuron pads "the input segment ... to the smallest bucket
// size that can accommodate it", power-of-2 buckets from 128, and its decode graphs read
// the KV of the whole compiled length ("the DMA traffic is real"); JetStream pads prompts
// to DEFAULT_PREFILL_BUCKETS = 16, 32, ..., 32768.
//
//   prefill tokens  = bucket(prompt)
//   decode context  = mean over steps j = 1 .. output−1 of bucket(prompt + j)
// with bucket(n) = the smallest power of two ≥ max(n, smallest_bucket). Without buckets
// the decode context is prompt + output / 2, the mean context of the steps.

import type { Runtime } from '../design';

type Buckets = Pick<Runtime, 'shapeBuckets' | 'smallestBucketTokens'>;

/** The token count a compiled program runs for `tokens` real ones. */
export function bucketTokens(tokens: number, runtime: Buckets): number {
  if (runtime.shapeBuckets === 'none') return tokens;
  let b = 2 ** Math.ceil(Math.log2(Math.max(1, runtime.smallestBucketTokens)));
  while (b < tokens) b *= 2;
  return b;
}

/** The mean attention context of the decode steps (every per-step cost is linear in it). */
export function meanDecodeContext(promptTokens: number, outputTokens: number, runtime: Buckets): number {
  if (runtime.shapeBuckets === 'none' || outputTokens <= 1) return promptTokens + outputTokens / 2;
  // Steps j = 1 .. output−1 attend to prompt + j tokens; sum their buckets a bucket at a time.
  const first = promptTokens + 1;
  const last = promptTokens + outputTokens - 1;
  let sum = 0;
  for (let n = first; n <= last;) {
    const b = bucketTokens(n, runtime);
    const upTo = Math.min(last, b);
    sum += (upTo - n + 1) * b;
    n = upTo + 1;
  }
  return sum / (last - first + 1);
}
