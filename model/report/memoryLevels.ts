// The memory levels a chip declares (on-chip SRAM, its own memory, host DDR, CXL, ...) and
// what each holds, as report metrics: one entry per level, in the engine's order (fastest
// first), so a chip with three levels lists three on every surface and a chip without SRAM
// lists none for it.
//
// Metric ids follow the contract JSON's paths; an entry of a list is addressed by its level
// id: `chip.memoryLevels.host_ddr.bandwidthBytesPerSecond`, `memory.levels.host_ddr.kvCacheShare`.

import type { EvaluationResult, LevelResidency, MemoryLevelSummary } from '../result';
import { formatBytes, formatCapacity } from './format';
import { metric } from './metric';
import type { LevelReport, MemoryLevelsReport, Metric } from './types';

/**
 * Bandwidth of every level, the chip's own off-chip memory under its contract id
 * (`chip.memoryBandwidthBytesPerSecond`). A chip with none (`technology: none`) lists its SRAM
 * (or host memory) under the level's own id, so that a comparison pairs like with like.
 */
export function levelBandwidthMetrics(r: EvaluationResult, valid: boolean): Metric[] {
  const main = r.chip.memoryLevels.find((l) => l.main && l.configPath === 'chip.memory');
  const others = r.chip.memoryLevels.filter((l) => l !== main);
  return [
    ...(main
      ? [metric('chip.memoryBandwidthBytesPerSecond', `${main.label} bandwidth`, r.chip.memoryBandwidthBytesPerSecond, 'B/s', valid)]
      : []),
    ...others.map((l) =>
      metric(`chip.memoryLevels.${l.id}.bandwidthBytesPerSecond`, `${l.label} bandwidth`, l.bandwidthBytesPerSecond, 'B/s', valid),
    ),
  ];
}

function levelReport(level: MemoryLevelSummary, held: LevelResidency | undefined, valid: boolean): LevelReport {
  const chip = `chip.memoryLevels.${level.id}`;
  const memory = `memory.levels.${level.id}`;
  const weights = held?.weightsBytes ?? 0;
  const kvCache = held?.kvCacheBytes ?? 0;
  const kvShare = held?.kvCacheShare ?? 0;
  const metrics = {
    capacity: metric(`${chip}.capacityBytes`, `${level.label} capacity`, level.capacityBytes, 'bytes', valid, { format: formatCapacity }),
    bandwidth: metric(`${chip}.bandwidthBytesPerSecond`, `${level.label} bandwidth`, level.bandwidthBytesPerSecond, 'B/s', valid),
    weights: metric(`${memory}.weightsBytes`, `Weights in ${level.label}`, weights, 'bytes', valid),
    kvCache: metric(`${memory}.kvCacheBytes`, `KV cache in ${level.label}`, kvCache, 'bytes', valid),
    weightsShare: metric(`${memory}.weightsShare`, `Share of weight reads from ${level.label}`, held?.weightsShare ?? 0, 'fraction', valid),
    kvCacheShare: metric(`${memory}.kvCacheShare`, `Share of KV-cache reads from ${level.label}`, kvShare, 'fraction', valid),
  };
  // The KV share is worth saying only when the cache is split across levels.
  const parts = [
    weights > 0 ? `${metrics.weights.text} weights` : '',
    kvCache > 0 ? `${metrics.kvCache.text} KV${kvShare > 0 && kvShare < 1 ? ` (${metrics.kvCacheShare.text})` : ''}` : '',
  ].filter(Boolean);
  // A scratchpad left empty by a step's activations says so: a review saw jalapeno's 128 MiB hold
  // nothing at batch 16 (its prefill's largest operator moves more than that) and no reason why.
  const workingSet = held?.activationWorkingSetBytes ?? 0;
  if (parts.length === 0 && workingSet >= level.capacityBytes)
    // "a step's 268 MB of activations fill its 134 MB" read as a sum that does not add up (a review).
    // The copy is placed once for every step, so the largest step's room decides it (a new user read
    // "a step's" as a decode step's, which needs a fraction of it).
    parts.push(
      `no weights: the largest step's activations (up to ${formatBytes(workingSet)}) take all its ${formatBytes(level.capacityBytes)}, one placement for both phases`,
    );
  return {
    id: level.id,
    label: level.label,
    configPath: level.configPath,
    onChip: level.onChip,
    main: level.main,
    metrics,
    heldText: parts.join(' + '),
  };
}

export function memoryLevelsReport(r: EvaluationResult, valid: boolean): MemoryLevelsReport {
  const levels = r.chip.memoryLevels.map((level) =>
    levelReport(
      level,
      r.memory.levels.find((h) => h.level === level.id),
      valid,
    ),
  );
  const held = levels.filter((l) => l.heldText).map((l) => `${l.label}: ${l.heldText}`);
  // Beyond the chip's own memory: the part of the weights or KV cache a slower level serves.
  const overflow = levels
    .filter((l) => !l.onChip && !l.main)
    .flatMap((l) => [
      l.metrics.weightsShare.value > 0 ? `weights ${l.metrics.weightsShare.text} in ${l.label}` : '',
      l.metrics.kvCacheShare.value > 0 ? `KV ${l.metrics.kvCacheShare.text} in ${l.label}` : '',
    ])
    .filter(Boolean);
  return { levels, heldText: held.join(' · '), overflowText: overflow.join(', ') };
}
