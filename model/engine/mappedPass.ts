// The operators of one pass as mapped onto the chip (`mapOperators`), stored by column: ten
// numbers per operator in one flat array, and per memory level its seconds and bytes in two
// more. An exploration maps hundreds of thousands of passes; an object per operator, each
// of its numbers a separate heap box, was 40 % of an evaluation's allocation.

import type { Bottleneck, ExecutionUnit, OperatorResult } from '../result';

/** What one operator adds to a pass: per instance, at the nominal clock. */
export interface MappedOperator {
  /** Instances per pass (layers for per-layer operators). */
  count: number;
  unit: ExecutionUnit;
  bottleneck: Bottleneck;
  /** The per-operator record for the views; undefined when mapped without detail. */
  result: OperatorResult | undefined;
  macs: number;
  flops: number;
  computeSeconds: number;
  linkSeconds: number;
  /** Bytes from the off-chip levels together. */
  offChipBytes: number;
  /** Seconds that scale with the clock (matrix, vector, on-chip levels) and that do not (off-chip levels, links). */
  clockedSeconds: number;
  unclockedSeconds: number;
  overheadSeconds: number;
  /** Dynamic joules per instance per chip (idle power is charged per phase). */
  dynamicJoules: number;
}

// Offsets of an operator's numbers in `MappedPass.numbers`.
const COUNT = 0;
const MACS = 1;
const FLOPS = 2;
const COMPUTE_SECONDS = 3;
const LINK_SECONDS = 4;
const OFF_CHIP_BYTES = 5;
const CLOCKED_SECONDS = 6;
const UNCLOCKED_SECONDS = 7;
const OVERHEAD_SECONDS = 8;
const DYNAMIC_JOULES = 9;
const FIELDS = 10;

export class MappedPass {
  private readonly numbers: number[] = [];
  /**
   * Seconds (at the nominal clock) and bytes per instance each memory level serves, operator
   * after operator, each in `hardware.memoryLevels` order: operator i, level l is at
   * `i * levelCount + l`. Filled by the mapper as it computes them (`levelBytes.push`).
   */
  readonly levelSeconds: number[] = [];
  readonly levelBytes: number[] = [];
  readonly units: ExecutionUnit[] = [];
  readonly bottlenecks: Bottleneck[] = [];
  readonly results: (OperatorResult | undefined)[] = [];
  /**
   * The pass's weights, every instance's, at the peak bandwidth of the levels holding them (the
   * slowest level's share; seconds): what no pipelining divides, as every micro-batch reads a
   * stage's weights again. Summed by the mapper.
   */
  weightFloorSeconds = 0;
  /** The level the arrays take their operands from (mapOperators). */
  feedLevel = 0;
  /**
   * Bytes the arrays' operand feed reads at `feedLevel` beyond what that level serves the
   * operators, every instance's: the model's count of re-reads (dataflow, accumulator depth), which
   * the physical floor leaves out. Summed by the mapper.
   */
  feedExcessBytes = 0;

  constructor(readonly levelCount: number) {}

  get length(): number {
    return this.units.length;
  }

  /** Add an operator whose level seconds and bytes have just been pushed. */
  add(op: MappedOperator): void {
    this.numbers.push(
      op.count,
      op.macs,
      op.flops,
      op.computeSeconds,
      op.linkSeconds,
      op.offChipBytes,
      op.clockedSeconds,
      op.unclockedSeconds,
      op.overheadSeconds,
      op.dynamicJoules,
    );
    this.units.push(op.unit);
    this.bottlenecks.push(op.bottleneck);
    this.results.push(op.result);
  }

  count(i: number): number {
    return this.numbers[i * FIELDS + COUNT]!;
  }
  macs(i: number): number {
    return this.numbers[i * FIELDS + MACS]!;
  }
  flops(i: number): number {
    return this.numbers[i * FIELDS + FLOPS]!;
  }
  computeSeconds(i: number): number {
    return this.numbers[i * FIELDS + COMPUTE_SECONDS]!;
  }
  linkSeconds(i: number): number {
    return this.numbers[i * FIELDS + LINK_SECONDS]!;
  }
  offChipBytes(i: number): number {
    return this.numbers[i * FIELDS + OFF_CHIP_BYTES]!;
  }
  overheadSeconds(i: number): number {
    return this.numbers[i * FIELDS + OVERHEAD_SECONDS]!;
  }
  dynamicJoules(i: number): number {
    return this.numbers[i * FIELDS + DYNAMIC_JOULES]!;
  }

  /**
   * The cycles one instance keeps the units busy at `scale` of the nominal clock, in seconds of
   * the nominal clock: on-chip work takes as many cycles at any clock; waiting on off-chip
   * levels and links takes fewer at a lower one (their time does not shrink). With clocks that
   * gate while they wait (`chip.matrix.clock_gated`), only the on-chip cycles count: what the
   * units compute or move on chip, not the waits on memory or links.
   */
  busyCycleSeconds(i: number, scale: number, clockGated: boolean): number {
    const base = i * FIELDS;
    const clocked = this.numbers[base + CLOCKED_SECONDS]!;
    return clockGated ? clocked : Math.max(clocked, this.numbers[base + UNCLOCKED_SECONDS]! * scale);
  }

  /** Seconds of one instance at `scale` of the nominal clock: on-chip work slows with the clock, off-chip and link time do not. */
  seconds(i: number, scale: number): number {
    const base = i * FIELDS;
    const n = this.numbers;
    return Math.max(n[base + CLOCKED_SECONDS]! / scale, n[base + UNCLOCKED_SECONDS]!) + n[base + OVERHEAD_SECONDS]!;
  }
}
