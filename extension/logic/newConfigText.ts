// The text of a new chip config from a chip preset (or none: a chip written from scratch) and
// a model preset: a design that evaluates at once (enough chips for the weights, a dtype the
// chip supports), with comments that show where to change it.

import type { Preset } from '../../model/presets';
import { parseQuantity } from '../../model/units';
import { BYTES_PER_ELEMENT, isDtype, type Dtype } from '../../model/dtypes';
import { modelParameterCount } from './presetSummary';

/** Room left for the KV cache and activations when sizing the system for the weights. */
const WEIGHT_SHARE_OF_MEMORY = 0.7;
const MAX_CHIPS = 64;

export function newConfigText(chip: Preset, model: Preset): string {
  const dtype = preferredDtype(chip);
  const chips = chipsForWeights(chip, model, dtype);
  return `# A new design point: ${chip.name} serving ${model.name}.
# Save it as <name>.chip.yaml to keep it; Jalapeño evaluates it on save.
# Hover a key for its meaning, its value and what it drives; Ctrl+Space lists keys.
name: ${chip.id} · ${model.id}
extends: ${chip.id}             # every chip number comes from this preset; override below
# chip:
#   memory:
#     bandwidth: 4.8 TB/s
${systemAndWorkload(chips, model, dtype)}# compare: h100-sxm             # a baseline: a chip preset id or ./other.chip.yaml
`;
}

/** The system sized for the weights and the workload in the chip's format: both templates'. */
function systemAndWorkload(chips: number, model: Preset, dtype: Dtype): string {
  return `system:
  chips: ${chips}
  tensor_parallel: ${chips}
  pipeline_parallel: 1
workload:
  model: ${model.id}
  precision: { weights: ${dtype}, activations: ${dtype}, kv_cache: ${dtype} }
  batch: 8
  prompt: 1024
  output: 256
`;
}

/**
 * The format the chip is built for: int8 when its int8 rate is more than three times its bf16 rate (GPUs: two)
 * (an int8 inference design, where bf16 runs on a slow path), else bf16 where it has it.
 */
export function preferredDtype(chip: Preset): Dtype {
  const matrix = (chip.config.chip as { matrix?: { peak?: Record<string, unknown>; macs_per_cycle?: Record<string, unknown> } } | undefined)
    ?.matrix;
  const rate = (dtype: Dtype): number | undefined => {
    const macs = matrix?.macs_per_cycle?.[dtype];
    if (typeof macs === 'number') return macs;
    const peak = matrix?.peak?.[dtype];
    const parsed = typeof peak === 'string' ? parseQuantity(peak, 'opsPerSecond') : undefined;
    return parsed?.ok ? parsed.value : undefined;
  };
  const int8 = rate('int8');
  const bf16 = rate('bf16');
  if (int8 !== undefined && (bf16 === undefined || int8 > 3 * bf16)) return 'int8';
  if (bf16 !== undefined) return 'bf16';
  const listed = Object.keys({ ...matrix?.macs_per_cycle, ...matrix?.peak }).filter(isDtype);
  return listed[0] ?? 'bf16';
}

/** The smallest power of two of chips whose memory holds the weights with room to spare. */
export function chipsForWeights(chip: Preset, model: Preset, dtype: Dtype): number {
  const capacityText = (chip.config.chip as { memory?: { capacity?: unknown } } | undefined)?.memory?.capacity;
  return chipsForCapacity(typeof capacityText === 'string' ? capacityText : undefined, model, dtype);
}

function chipsForCapacity(capacityText: string | undefined, model: Preset, dtype: Dtype): number {
  const params = modelParameterCount(model.config);
  const capacity = capacityText !== undefined ? parseQuantity(capacityText, 'bytes') : undefined;
  if (!params || !capacity?.ok) return 1;
  const weightBytes = params * BYTES_PER_ELEMENT[dtype];
  let chips = 1;
  while (chips < MAX_CHIPS && weightBytes / chips > capacity.value * WEIGHT_SHARE_OF_MEMORY) chips *= 2;
  return chips;
}

/** The memory of the from-scratch template: 4 HBM3E stacks of 24 GB. */
const SCRATCH_CAPACITY = '96 GB';

/**
 * A chip written from scratch, not from a preset (a review: "New Chip Config…" offered presets
 * only): its chip keys written out, a plausible 5 nm INT8 inference design to change, its die and
 * price modelled from them, against the H100.
 */
export function scratchConfigText(model: Preset): string {
  const chips = chipsForCapacity(SCRATCH_CAPACITY, model, 'int8');
  return `# A new design point written from scratch: a chip of your own serving ${model.name}.
# Save it as <name>.chip.yaml to keep it; Jalapeño evaluates it on save.
# Every chip number is yours to change: hover a key for its meaning and what +10 % does.
# The die's area, power and price are modelled from these keys at chip.process;
# write cost.chip_price to use a price of your own.
name: my chip · ${model.id}
chip:
  process: 5 nm
  clock: 1.4 GHz
  tdp: 400 W
  matrix:                           # systolic arrays: units × rows × cols MACs a cycle
    units: 32
    array: 128x128
    macs_per_cycle: { int8: 1, bf16: 0.5 }
  vector: { peak: 20 TFLOPS }       # softmax, norms, element-wise
  sram: { capacity: 128 MiB, bandwidth: 16 TB/s }
  memory: { technology: hbm3e, stacks: 4, capacity: ${SCRATCH_CAPACITY}, bandwidth: 4.8 TB/s }
  link: { bandwidth: 400 GB/s }
  silicon: { sram_kind: scratchpad, fp64_rate: 0 }
  # energy: { mac: { int8: 0.08 pJ } }  # default: the arithmetic plus the GPUs' operand delivery; state yours to claim less
${systemAndWorkload(chips, model, 'int8')}compare: h100-sxm                   # the baseline: a chip preset id or ./other.chip.yaml
`;
}
