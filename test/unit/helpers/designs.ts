// Design points built in code, for engine tests through the model's API (evaluateDesign)
// rather than through YAML text. The toy is small enough to work out by hand: one bf16
// layer, no software time, every efficiency 1.

import type { DesignPoint, Hardware, MemoryLevel, MemoryLevelId } from '../../../model/design';
import { orderLevels } from '../../../model/engine/residency';

const MEMORY = 'memory' as MemoryLevelId;
const SRAM = 'sram' as MemoryLevelId;
/** The toy's own memory: 80 GB at 1 TB/s, 4 pJ/B. */
const TOY_MEMORY: MemoryLevel = {
  id: MEMORY,
  label: 'Memory',
  configPath: 'chip.memory',
  onChip: false,
  capacityBytes: 80e9,
  bandwidthBytesPerSecond: 1e12,
  efficiency: 1,
  joulesPerByte: 4e-12,
};

export function toyDesign(): DesignPoint {
  return {
    name: 'toy',
    hardware: {
      name: 'toy chip',
      clockHz: 1e9,
      tdpWatts: 1e4,
      idlePowerWatts: 0,
      idlePowerSource: 'given',
      activePowerWatts: 0,
      activePowerSource: 'datapath',
      clockGated: false,
      matrix: { macsPerSecond: { bf16: 500e12 }, efficiency: 1 },
      vectorOpsPerSecond: 1000e12,
      // No SRAM: the chip's own memory is its only level.
      memoryLevels: [TOY_MEMORY],
      mainMemory: MEMORY,
      link: { bandwidthBytesPerSecond: 100e9, latencySeconds: 2e-6 },
      fixedFunction: new Set(),
      fixedFunctionSupports: { attention: ['mha', 'gqa', 'mqa'], activation: ['gelu', 'relu', 'swiglu', 'geglu'] },
      dispatchOverheadSeconds: 0,
      hostLaunch: false,
      provenance: {},
      energy: { macJoules: { bf16: 1e-12 }, vectorJoulesPerOp: 1e-12, linkJoulesPerByte: 1e-12 },
    },
    system: { chips: 1, tensorParallel: 1, pipelineParallel: 1, topology: 'ring' },
    runtime: {
      stepOverheadSeconds: 0,
      gemmEfficiency: 1,
      launchOverheadSeconds: 0,
      prefillOverheadSeconds: 0,
      requestOverheadSeconds: 0,
      sequenceOverheadSeconds: 0,
      collectiveOverheadSeconds: 0,
      groupedAttention: true,
      decodeLaunch: 'eager',
      shapeBuckets: 'none',
      smallestBucketTokens: 128,
      provenance: { id: 'custom', evidence: 'prior', modified: true, writtenKeys: ['runtime.step_overhead'] },
    },
    workload: {
      model: {
        layers: 1,
        hidden: 1024,
        heads: 8,
        kvHeads: 8,
        headDim: 128,
        ffn: 4096,
        activation: 'gelu',
        gated: false,
        vocab: 1000,
        experts: 1,
        expertsPerToken: 1,
        parallelAttention: false,
        tiedEmbeddings: false,
      },
      precision: { weights: 'bf16', activations: 'bf16', kvCache: 'bf16', groupSize: 128 },
      batch: 1,
      promptTokens: 1,
      outputTokens: 2,
    },
    economics: {
      chipPriceUsd: 10_000,
      priceSource: 'given',
      lifetimeSeconds: 4 * 365.25 * 86_400,
      electricityUsdPerJoule: 0.08 / 3.6e6,
      pue: 1.2,
      utilization: 0.6,
      hostWattsPerChip: 0,
    },
  };
}

/** A copy of `design` with parts replaced (one level deep per part). */
export function withParts(
  design: DesignPoint,
  parts: {
    hardware?: Partial<DesignPoint['hardware']>;
    system?: Partial<DesignPoint['system']>;
    runtime?: Partial<DesignPoint['runtime']>;
    workload?: Partial<DesignPoint['workload']>;
    model?: Partial<DesignPoint['workload']['model']>;
  },
): DesignPoint {
  return {
    ...design,
    hardware: { ...design.hardware, ...parts.hardware },
    system: { ...design.system, ...parts.system },
    runtime: { ...design.runtime, ...parts.runtime },
    workload: { ...design.workload, ...parts.workload, model: { ...design.workload.model, ...parts.workload?.model, ...parts.model } },
  };
}

/** `hardware.memoryLevels` with an on-chip SRAM level (1 pJ/B) of this size in place of any there was. */
export function withSram(
  hardware: Hardware,
  sram: { capacityBytes: number; bandwidthBytesPerSecond: number },
): Pick<Hardware, 'memoryLevels'> {
  const level: MemoryLevel = {
    id: SRAM,
    label: 'SRAM',
    configPath: 'chip.sram',
    onChip: true,
    efficiency: 1,
    joulesPerByte: 1e-12,
    ...sram,
  };
  return { memoryLevels: orderLevels([level, ...hardware.memoryLevels.filter((l) => l.id !== SRAM)]) };
}

/** `hardware.memoryLevels` with parts of the chip's own memory replaced. */
export function withMainMemory(
  hardware: Hardware,
  parts: Partial<Pick<MemoryLevel, 'capacityBytes' | 'bandwidthBytesPerSecond' | 'efficiency'>>,
): Pick<Hardware, 'memoryLevels'> {
  return { memoryLevels: orderLevels(hardware.memoryLevels.map((l) => (l.id === hardware.mainMemory ? { ...l, ...parts } : l))) };
}
