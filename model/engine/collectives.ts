// Chip-to-chip communication time. Ring all-reduce (GenZ, scaling book):
//   T = 2(N−1)·t_hop + 2(N−1)/N · M / BW
// A non-blocking switch without in-network reduction (A100 NVSwitch, PCIe): recursive
// halving reduce-scatter then recursive doubling all-gather (Rabenseifner; Thakur,
// Rabenseifner & Gropp 2005): 2⌈log₂N⌉ steps, the ring's bandwidth term.
// In-network reduction (NVLink SHARP, Calculon): two hops, M·(1 + 1/N) / BW.
// Fully connected (one-shot reduce-scatter + all-gather over direct links): two hops,
// the ring's bandwidth term (each chip's bandwidth shared by its N−1 peers).
// A D-dimensional torus (TPU ICI; the scaling book, "all-reduce over several axes"): a
// ring reduce-scatter along each axis in turn, then the all-gathers back: with a_i chips
// along axis i (a_1·…·a_D = N, as even as N's factors allow), 2·Σ(a_i − 1) steps instead of
// the flat ring's 2(N−1) (64 chips in 4×4×4: 18 steps, not 126; 7 chips, a prime, are one
// ring of 7); the bytes each chip sends are the ring's, 2(N−1)/N · M.
// The software launch cost (GenZ's t0) is charged by the engine, not here: the chip's
// dispatch overhead plus the runtime's collective_overhead, unless the chip has a
// hard-wired collective engine.

import type { Topology } from '../design';

export interface LinkSpec {
  bandwidthBytesPerSecond: number;
  latencySeconds: number;
}

export interface CollectiveCost {
  /** Seconds spent in hop latencies. */
  latencySeconds: number;
  /** Seconds spent moving bytes. */
  transferSeconds: number;
  /** Bytes each chip sends. */
  bytesSentPerChip: number;
}

export function allReduce(messageBytes: number, chips: number, topology: Topology, link: LinkSpec): CollectiveCost {
  if (chips <= 1) return { latencySeconds: 0, transferSeconds: 0, bytesSentPerChip: 0 };
  const n = chips;
  switch (topology) {
    case 'ring': {
      const sent = ((2 * (n - 1)) / n) * messageBytes;
      return {
        latencySeconds: 2 * (n - 1) * link.latencySeconds,
        transferSeconds: sent / link.bandwidthBytesPerSecond,
        bytesSentPerChip: sent,
      };
    }
    case 'switch': {
      const sent = ((2 * (n - 1)) / n) * messageBytes;
      return {
        latencySeconds: 2 * Math.ceil(Math.log2(n)) * link.latencySeconds,
        transferSeconds: sent / link.bandwidthBytesPerSecond,
        bytesSentPerChip: sent,
      };
    }
    case 'reducing_switch': {
      const sent = messageBytes * (1 + 1 / n);
      return { latencySeconds: 2 * link.latencySeconds, transferSeconds: sent / link.bandwidthBytesPerSecond, bytesSentPerChip: sent };
    }
    case 'torus_2d':
    case 'torus_3d': {
      const dims = topology === 'torus_2d' ? 2 : 3;
      const sent = ((2 * (n - 1)) / n) * messageBytes;
      return {
        latencySeconds: 2 * axisHops(n, dims) * link.latencySeconds,
        transferSeconds: sent / link.bandwidthBytesPerSecond,
        bytesSentPerChip: sent,
      };
    }
    case 'fully_connected': {
      const sent = ((2 * (n - 1)) / n) * messageBytes;
      return { latencySeconds: 2 * link.latencySeconds, transferSeconds: sent / link.bandwidthBytesPerSecond, bytesSentPerChip: sent };
    }
  }
}

/** Point-to-point transfer between pipeline stages: one hop. */
export function stageTransfer(messageBytes: number, link: LinkSpec): CollectiveCost {
  return {
    latencySeconds: link.latencySeconds,
    transferSeconds: messageBytes / link.bandwidthBytesPerSecond,
    bytesSentPerChip: messageBytes,
  };
}

/**
 * Bytes sent per chip below which an all-reduce is latency-bound: where moving them takes
 * as long as the hops' latencies (the scaling book's ≈ BW·1 µs rule for 8 chips at 45 GB/s).
 */
export function latencyBoundBelowBytes(chips: number, topology: Topology, link: LinkSpec): number {
  return allReduce(1, chips, topology, link).latencySeconds * link.bandwidthBytesPerSecond;
}

/**
 * Σ(a_i − 1) over the axes of the most even slice of `n` chips in `dims` whole axes: the hops
 * of one reduce-scatter (or all-gather) pass, axis after axis. A whole number of chips per
 * axis: N^(1/D) gave 2 chips on a 2D torus fewer steps than a ring of 2 (1.66 against 2).
 */
export function axisHops(n: number, dims: number): number {
  if (dims <= 1 || n <= 1) return Math.max(0, n - 1);
  const key = n * 4 + dims;
  let best = AXIS_HOPS.get(key);
  if (best !== undefined) return best;
  // An axis of one chip is no axis: a slice may span fewer dimensions than the torus has.
  best = axisHops(n, dims - 1);
  for (let a = 2; a * a <= n; a++)
    if (n % a === 0) best = Math.min(best, a - 1 + axisHops(n / a, dims - 1), n / a - 1 + axisHops(a, dims - 1));
  AXIS_HOPS.set(key, best);
  return best;
}
/** Asked per collective of every evaluation: remembered by chips and dimensions. */
const AXIS_HOPS = new Map<number, number>();
