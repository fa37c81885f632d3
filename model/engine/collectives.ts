// Chip-to-chip communication time. Ring all-reduce (GenZ, scaling book):
//   T = 2(N−1)·t_hop + 2(N−1)/N · M / BW
// A non-blocking switch without in-network reduction (A100 NVSwitch, PCIe): recursive
// halving reduce-scatter then recursive doubling all-gather (Rabenseifner; Thakur,
// Rabenseifner & Gropp 2005): 2⌈log₂N⌉ steps, the ring's bandwidth term.
// In-network reduction (NVLink SHARP, Calculon): two hops, M·(1 + 1/N) / BW.
// Fully connected (one-shot reduce-scatter + all-gather over direct links): two hops,
// the ring's bandwidth term (each chip's bandwidth shared by its N−1 peers).
// A D-dimensional torus (TPU ICI; the scaling book, "all-reduce over several axes"): a
// ring reduce-scatter along each axis in turn, then the all-gathers back: with N^(1/D)
// chips per axis, 2·D·(N^(1/D) − 1) steps instead of the flat ring's 2(N−1) (64 chips in
// 4×4×4: 18 steps, not 126); the bytes each chip sends are the ring's, 2(N−1)/N · M.
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
      const perAxis = n ** (1 / dims);
      const sent = ((2 * (n - 1)) / n) * messageBytes;
      return {
        latencySeconds: 2 * dims * (perAxis - 1) * link.latencySeconds,
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
