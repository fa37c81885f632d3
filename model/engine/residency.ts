// Which memory level serves each kind of data: the residency policy over the levels a chip
// declares (on-chip SRAM, its own memory, host DDR or CXL, ...).
//
// - Storage: the off-chip levels' capacities add up. The weights and then the KV cache fill
//   them fastest first; what does not fit overflows into the next level (KV offload to host
//   memory when HBM is full), and whatever is left after the last level does not fit. A chip
//   with no off-chip level (`chip.memory.technology: none`: an SRAM-only chip, as Groq's LPU)
//   stores them in its on-chip levels the same way.
// - Copies: an on-chip level holds a whole copy of the weights when they fit in it, and then
//   of the KV cache when both fit. The KV cache is never placed in a faster level than the
//   weights. Weights too large for any one level are held in part by the scratchpads
//   (`chip.silicon.sram_kind: scratchpad`), fastest first: a compiled schedule keeps some
//   layers' weights at fixed addresses across steps and streams the rest, as TPU v4i's CMEM was
//   built to (Jouppi et al., ISCA 2021), so each step reads that share on chip; the copy leaves
//   room for the largest working set of the design's steps. A cache holds no part of them: a
//   stream larger than it evicts each line under LRU before the next step reads it again.
// - Activations go where the levels' copies leave room.
// - Activations between operators stay in the fastest on-chip level that holds them, else go
//   through the fastest off-chip level.
// Each level then serves its share of every read at its own bandwidth.

import type { Hardware, MemoryLevel, MemoryLevelId } from '../design';

/** Fraction of a kind of data's bytes each level serves (absent: none). */
export type LevelShares = Partial<Record<MemoryLevelId, number>>;

export interface LevelPlacement {
  level: MemoryLevelId;
  /** Bytes held at this level per chip: stored (off chip) or a resident copy (on chip). */
  weightsBytes: number;
  kvCacheBytes: number;
  /** In a scratchpad beside a partial copy of the weights: the largest step's activations it keeps room for (0 elsewhere). */
  activationWorkingSetBytes: number;
}

export interface Residency {
  weights: LevelShares;
  kvCache: LevelShares;
  /** Per level, fastest first. */
  placement: LevelPlacement[];
}

/** On-chip levels before off-chip ones, then by achievable bandwidth: the residency order. */
export function orderLevels(levels: readonly MemoryLevel[]): MemoryLevel[] {
  return [...levels].sort(
    (a, b) => Number(b.onChip) - Number(a.onChip) || b.bandwidthBytesPerSecond * b.efficiency - a.bandwidthBytesPerSecond * a.efficiency,
  );
}

/** Positions of the levels that store the weights and KV cache: the off-chip ones, or the on-chip ones of a chip with none. */
export function storageIndices(levels: readonly MemoryLevel[]): number[] {
  const offChip: number[] = [];
  const onChip: number[] = [];
  for (let l = 0; l < levels.length; l++) (levels[l]!.onChip ? onChip : offChip).push(l);
  return offChip.length > 0 ? offChip : onChip;
}

/** The levels that store the weights and KV cache (see `storageIndices`). */
export function storageLevels(levels: readonly MemoryLevel[]): MemoryLevel[] {
  return storageIndices(levels).map((l) => levels[l]!);
}

/** Capacity per chip that the weights and KV cache must fit in: the storage levels together (no allocation: every explored point asks). */
export function storageCapacityBytes(hw: Pick<Hardware, 'memoryLevels'>): number {
  let offChip = 0;
  let onChip = 0;
  let anyOffChip = false;
  for (const level of hw.memoryLevels) {
    if (level.onChip) onChip += level.capacityBytes;
    else {
      offChip += level.capacityBytes;
      anyOffChip = true;
    }
  }
  return anyOffChip ? offChip : onChip;
}

export function mainMemoryOf(hw: Hardware): MemoryLevel {
  return hw.memoryLevels.find((level) => level.id === hw.mainMemory)!;
}

export function placeData(
  hw: Pick<Hardware, 'memoryLevels'>,
  weightsBytes: number,
  kvCacheBytes: number,
  /** What a partial copy leaves free in each scratchpad: the largest working set of the design's steps (one operator's activations). */
  reservedBytes = 0,
): Residency {
  const levels = hw.memoryLevels;
  // By level position (an exploration places data once per design point: no maps).
  const placement: LevelPlacement[] = levels.map((l) => ({ level: l.id, weightsBytes: 0, kvCacheBytes: 0, activationWorkingSetBytes: 0 }));

  // Storage across the off-chip levels (the on-chip ones of a chip with none), weights first.
  const storage = storageIndices(levels);
  const free = storage.map((l) => levels[l]!.capacityBytes);
  const fill = (bytes: number, key: 'weightsBytes' | 'kvCacheBytes'): LevelShares => {
    let left = bytes;
    for (let i = 0; i < storage.length; i++) {
      const last = i === storage.length - 1;
      const take = last ? left : Math.min(left, free[i]!);
      if (!(take > 0)) continue;
      placement[storage[i]!]![key] += take;
      free[i] = free[i]! - take;
      left -= take;
    }
    return sharesOf(levels, storage, placement, key, bytes);
  };
  let weights = fill(weightsBytes, 'weightsBytes');
  let kvCache = fill(kvCacheBytes, 'kvCacheBytes');

  // Whole copies in the on-chip levels, weights first, the KV cache no faster than them
  // (none where the on-chip levels are the storage itself).
  if (storage.length > 0 && levels[storage[0]!]!.onChip) return { weights, kvCache, placement };
  const onChip: number[] = [];
  for (let l = 0; l < levels.length; l++) if (levels[l]!.onChip) onChip.push(l);
  const weightsAt = onChip.findIndex((l) => weightsBytes <= levels[l]!.capacityBytes);
  if (weightsAt < 0 && weightsBytes > 0) weights = pinInScratchpads(levels, onChip, placement, weights, weightsBytes, reservedBytes);
  if (weightsAt >= 0) {
    const level = onChip[weightsAt]!;
    placement[level]!.weightsBytes = weightsBytes;
    weights = { [levels[level]!.id]: 1 } as LevelShares;
    const kvAt = onChip.findIndex(
      (l, i) => i >= weightsAt && kvCacheBytes <= levels[l]!.capacityBytes - (i === weightsAt ? weightsBytes : 0),
    );
    if (kvAt >= 0) {
      const kvLevel = onChip[kvAt]!;
      placement[kvLevel]!.kvCacheBytes = kvCacheBytes;
      kvCache = { [levels[kvLevel]!.id]: 1 } as LevelShares;
    }
  }
  return { weights, kvCache, placement };
}

/**
 * The weights in part in the scratchpads (on-chip positions `onChip`, fastest first), each taking
 * what fits beside `reservedBytes` of working space, the rest read from storage as before: each
 * step then reads the pinned share on chip. With no scratchpad the weights' shares are returned
 * as they are.
 */
function pinInScratchpads(
  levels: readonly MemoryLevel[],
  onChip: readonly number[],
  placement: LevelPlacement[],
  stored: LevelShares,
  weightsBytes: number,
  reservedBytes: number,
): LevelShares {
  let left = weightsBytes;
  const shares: LevelShares = {};
  for (const l of onChip) {
    const level = levels[l]!;
    if (level.spills) placement[l]!.activationWorkingSetBytes = reservedBytes;
    const take = level.spills ? Math.min(left, level.capacityBytes - reservedBytes) : 0;
    if (!(take > 0)) continue;
    placement[l]!.weightsBytes = take;
    shares[level.id] = take / weightsBytes;
    left -= take;
  }
  if (left === weightsBytes) return stored;
  const rest = left / weightsBytes;
  for (const [id, share] of Object.entries(stored) as [MemoryLevelId, number][]) if (rest > 0) shares[id] = share * rest;
  return shares;
}

/** `storage`: positions of the off-chip levels, fastest first. */
function sharesOf(
  levels: readonly MemoryLevel[],
  storage: readonly number[],
  placement: readonly LevelPlacement[],
  key: 'weightsBytes' | 'kvCacheBytes',
  total: number,
): LevelShares {
  const shares: LevelShares = {};
  // No bytes at all: nothing is read, but the fastest storage level is where they would be.
  if (!(total > 0)) return { [levels[storage[0]!]!.id]: 1 } as LevelShares;
  for (const l of storage) {
    const bytes = placement[l]![key];
    if (bytes > 0) shares[levels[l]!.id] = bytes === total ? 1 : bytes / total;
  }
  return shares;
}

/**
 * Where the activations an operator reads or writes to memory are served from, as bytes per
 * level into `out`, on-chip levels fastest first: a scratchpad (`spills`) holds what fits and
 * the rest goes on, as a tiled kernel keeps on chip what fits (all or nothing, a batch whose
 * activations passed a TPU's VMEM by a byte moved every byte to HBM, and its throughput fell as
 * the batch grew: a review's TPU v5e, Mixtral at batch 16 and 64, 135 and 128 tokens/s); a
 * cache holds the rest only whole (beyond it, LRU evicts each line before its reuse). What no
 * on-chip level holds goes through the fastest off-chip level (without one, the fastest level).
 */
export function placeActivations(
  levels: readonly MemoryLevel[],
  bytes: number,
  out: number[],
  /** Per level, the bytes its copies of the weights and KV cache leave free; absent: its capacity. */
  free?: readonly number[],
): void {
  let left = bytes;
  let offChip = -1;
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l]!;
    const room = free ? free[l]! : level.capacityBytes;
    out[l] = 0;
    if (!level.onChip) {
      if (offChip < 0) offChip = l;
    } else if (room > 0 && (level.spills || left <= room)) {
      out[l] = Math.min(left, room);
      left -= out[l]!;
    }
  }
  if (left > 0 && levels.length > 0) out[offChip >= 0 ? offChip : 0]! += left;
}
