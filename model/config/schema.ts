// The one definition of the chip config language. The TypeScript types of a validated
// config (`Config`), the defaults and their sources, the hover docs, the completion items
// and the JSON Schema shipped for Red Hat YAML are all read from this tree.

import { DTYPES, type Dtype } from '../dtypes';
import { aliasOf, closest } from './closest';
import type { Dimension } from '../units';
import { LINK_PHYS } from '../silicon/linkPhys';
import { CHIP_MEMORY_TECHNOLOGIES, MEMORY_TECHNOLOGIES } from '../silicon/memoryTechnologies';
import { PROCESS_NODES } from '../silicon/processNodes';
import { ACTIVE_SHARE_OF_HEADROOM, POOLED_PRIOR, POOLED_SOURCES } from '../presets/pooledPrior';
import { GENERIC_RUNTIME_VALUES as G } from '../presets/runtimes';

/** Where one side of chips = tensor_parallel x pipeline_parallel is written, the other's default follows it (model/config/validate.ts). */
export const DERIVED_TENSOR_PARALLEL = 'chips / pipeline_parallel';
/** The most requests one serving run measures (`serving.requests`). */
export const MAX_SERVING_REQUESTS = 50_000;
export const DERIVED_CHIPS = 'tensor_parallel x pipeline_parallel';
/** The precision defaults; on matrix units with no bf16 or wider format, their own widest (model/config/validate.ts). */
const PRECISION_DEFAULT =
  "common serving default; on matrix units without bf16 or a wider format (an int8-only chip), the units' widest format";

export interface Documented {
  /** What the key means and what it does to the results, for hovers and completion. */
  readonly doc: string;
}

/** A default value, written as a user would write it, with where the number comes from. */
export interface Default<T> {
  readonly value: T;
  readonly source: string;
}

export interface SectionNode extends Documented {
  readonly kind: 'section';
  readonly fields: Readonly<Record<string, SchemaNode>>;
}
export interface QuantityNode extends Documented {
  readonly kind: 'quantity';
  readonly dimension: Dimension;
  readonly default?: Default<string>;
  /** Plausibility bounds in SI units: outside them the value is an error. */
  readonly min?: number;
  readonly max?: number;
  /** Zero is allowed (e.g. an idle power or an overhead); otherwise values must be > 0. */
  readonly allowZero?: boolean;
  /**
   * The default's 0 means "not given" (a chip price): a 0 written is an error, with this reason.
   * The default itself stays valid (`allowZero`), so completion and hovers still offer it.
   */
  readonly writtenZeroError?: string;
  /** An example that fits this key better than the dimension's (a lifetime in years). */
  readonly example?: string;
  /**
   * Where real chips lie, SI units, and whose they are: a value outside that a unit prefix
   * one step away would put inside (`3.35 GB/s` for an HBM bandwidth) is a `unit-slip`
   * warning with the fix. The value is still used: an exotic design may mean it.
   */
  readonly typical?: Typical;
  /**
   * Real chips' figures for this key are quoted in bytes (memory bandwidths): a value written
   * in bits (`3.35 Tb/s`, 8× less than `3.35 TB/s`) is a `bits-for-bytes` warning with the fix.
   */
  readonly quotedInBytes?: true;
}

export interface Typical {
  readonly range: readonly [number, number];
  /** What lies in the range, with its source: "the memory bandwidth of shipping accelerators (...)". */
  readonly of: string;
}

/** Where 300 mm wafer prices lie: a `17 USD` wafer is a slip for `17 kUSD`. */
const WAFER_PRICES: Typical = {
  range: [1_000, 100_000],
  of: "the price of a processed 300 mm wafer (3,984 USD at 16 nm to 20,386 at 3 nm, CSET; an interposer's 12,000; mature nodes down to about 1,000)",
};
/** Where a fleet's request rates lie: `1e9 /s` sized a fleet of 987 million chips with no word (a new user's review). */
const FLEET_RATES: Typical = {
  range: [0.01, 1e6],
  of: "a fleet's request rate (36 requests an hour to 30 times the ~29,000 /s of ChatGPT's 2.5 billion prompts a day, OpenAI to Axios, July 2025)",
};
export interface CountNode extends Documented {
  readonly kind: 'count';
  readonly default?: Default<number>;
  readonly min: number;
  readonly max: number;
}
export interface FractionNode extends Documented {
  readonly kind: 'fraction';
  readonly default?: Default<number>;
  readonly min: number;
  readonly max: number;
  /** How its values read in the docs and hovers, where `min`–`max` (a parse floor) would mislead. */
  readonly shown?: string;
}
export interface EnumNode extends Documented {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default?: Default<string>;
  /** Other software's names for a value (`GUARANTEED_NO_EVICT` for `guaranteed`): an error whose fix is the value. */
  readonly aliases?: Readonly<Record<string, string>>;
}
export interface TextNode extends Documented {
  readonly kind: 'text';
}
export interface BooleanNode extends Documented {
  readonly kind: 'boolean';
  readonly default?: Default<boolean>;
}
/** `{ int8: 1, bf16: 0.5 }` or `{ bf16: 989 TFLOPS }`: one entry per dtype. */
export interface DtypeMapNode extends Documented {
  readonly kind: 'dtypeMap';
  readonly of: 'number' | Dimension;
  readonly default?: Default<Readonly<Record<string, string | number>>>;
  /** Plausibility bounds of every entry (SI units for quantities), as for `QuantityNode`. */
  readonly min?: number;
  readonly max?: number;
  /** Where every entry of real chips lies, as for `QuantityNode`. */
  readonly typical?: Typical;
}
export interface EnumListNode extends Documented {
  readonly kind: 'enumList';
  readonly values: readonly string[];
  readonly default?: Default<readonly string[]>;
}
/**
 * `{ host_ddr: { capacity: 512 GB, … } }`: entries the user names, each a section of the
 * same shape (a map, not a list, so that `extends` deep-merges an entry and `--set` can
 * address one: `chip.memory_levels.host_ddr.bandwidth`).
 */
export interface NamedSectionsNode extends Documented {
  readonly kind: 'namedSections';
  readonly entry: SectionNode;
  /** Names an entry may not take, each with why (another key declares it). */
  readonly reserved: Readonly<Record<string, string>>;
}
/** Entry names: lower-case identifiers, as every other key of the language. */
export const ENTRY_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/**
 * Tokens per request: a count (every request the same), or a distribution
 * `{ distribution: uniform|lognormal|fixed|trace, mean, min, max, sigma }`, or `trace`.
 */
export interface LengthNode extends Documented {
  readonly kind: 'length';
}
/** A list of short texts in a small language checked item by item (`explore.objectives`). */
export interface TextListNode extends Documented {
  readonly kind: 'textList';
  readonly syntax: 'objective' | 'constraint';
  readonly example: string;
  readonly default?: Default<readonly string[]>;
}
/** Config keys and the values each takes (`explore.vary`): `workload.batch: [1, 8, 64]` or `1..256:9log`. */
export interface VaryMapNode extends Documented {
  readonly kind: 'varyMap';
}
/** `128x128`: rows x columns of a systolic array. */
export interface GeometryNode extends Documented {
  readonly kind: 'geometry';
}
/** A preset id, a relative path to another `*.chip.yaml`, or (for `model`) an inline section. */
export interface ReferenceNode extends Documented {
  readonly kind: 'reference';
  readonly presetKind: 'chip' | 'model' | 'runtime';
  readonly allowPath: boolean;
  readonly inline?: SectionNode;
  readonly default?: Default<string>;
}

export type SchemaNode =
  | SectionNode
  | QuantityNode
  | CountNode
  | FractionNode
  | EnumNode
  | TextNode
  | BooleanNode
  | DtypeMapNode
  | EnumListNode
  | GeometryNode
  | ReferenceNode
  | NamedSectionsNode
  | LengthNode
  | TextListNode
  | VaryMapNode;

// ---------- the vocabulary ----------

/** Operators a chip may hard-wire in silicon (`chip.fixed_function`). */
export const FIXED_FUNCTION_OPS = ['qkv_projection', 'attention', 'output_projection', 'ffn', 'norm', 'lm_head', 'all_reduce'] as const;
export type FixedFunctionOp = (typeof FIXED_FUNCTION_OPS)[number];

export const ATTENTION_VARIANTS = ['mha', 'gqa', 'mqa'] as const;
export const ACTIVATIONS = ['swiglu', 'geglu', 'gelu', 'relu'] as const;
export const TOPOLOGIES = ['ring', 'switch', 'reducing_switch', 'fully_connected', 'torus_2d', 'torus_3d'] as const;
export const SCHEDULERS = ['continuous', 'static'] as const;
/** When a continuous-batching scheduler takes KV-cache blocks for a request (`serving.admission`). */
export const ADMISSIONS = ['on_demand', 'guaranteed'] as const;
export const SRAM_KINDS = ['cache', 'scratchpad'] as const;
export const LENGTH_DISTRIBUTIONS = ['fixed', 'uniform', 'lognormal', 'trace'] as const;
/** The largest request length accepted, and a lognormal's `max` when none is written. */
export const MAX_LENGTH_TOKENS = 100_000_000;
export const STANDBY_KINDS = ['same', 'baseline'] as const;

/** A validated request length: tokens per request, drawn from a seeded distribution. */
export type LengthDistribution =
  | { kind: 'fixed'; tokens: number }
  | { kind: 'uniform'; min: number; max: number }
  /** `mean` tokens, `sigma` of the underlying normal, clipped to [min, max]. */
  | { kind: 'lognormal'; mean: number; sigma: number; min: number; max: number }
  | { kind: 'trace' };
export const SHAPE_BUCKETS = ['none', 'power_of_two'] as const;
/** How a runtime launches a decode step: kernel by kernel from the host, or as one captured graph. */
export const DECODE_LAUNCH = ['eager', 'graph'] as const;

// ---------- builders: generic so that `Config` below is inferred from the tree ----------

type WithDefault<D> = D extends undefined ? unknown : { readonly default: D };

const section = <F extends Record<string, SchemaNode>>(doc: string, fields: F) => ({ kind: 'section' as const, doc, fields });
const quantity = <E extends Partial<Omit<QuantityNode, 'kind'>> = Record<never, never>>(dimension: Dimension, doc: string, extra?: E) =>
  ({ kind: 'quantity' as const, dimension, doc, ...extra }) as QuantityNode & E;
const count = <D extends Default<number> | undefined = undefined>(doc: string, min: number, max: number, def?: D) =>
  ({ kind: 'count' as const, doc, min, max, ...(def ? { default: def } : {}) }) as CountNode & WithDefault<D>;
const fraction = <D extends Default<number> | undefined = undefined>(doc: string, def?: D, min = 0, max = 1, shown?: string) =>
  ({ kind: 'fraction' as const, doc, min, max, ...(def ? { default: def } : {}), ...(shown ? { shown } : {}) }) as FractionNode &
    WithDefault<D>;
const enumOf = <V extends string, D extends Default<string> | undefined = undefined>(
  values: readonly V[],
  doc: string,
  def?: D,
  aliases?: Readonly<Record<string, NoInfer<V>>>,
) =>
  ({ kind: 'enum' as const, values, doc, ...(def ? { default: def } : {}), ...(aliases ? { aliases } : {}) }) as EnumNode & {
    readonly values: readonly V[];
  } & WithDefault<D>;
const enumList = <V extends string, D extends Default<readonly string[]> | undefined = undefined>(
  values: readonly V[],
  doc: string,
  def?: D,
) =>
  ({ kind: 'enumList' as const, values, doc, ...(def ? { default: def } : {}) }) as EnumListNode & {
    readonly values: readonly V[];
  } & WithDefault<D>;
const dtypeMap = <D extends Default<Readonly<Record<string, string | number>>> | undefined = undefined>(
  of: 'number' | Dimension,
  doc: string,
  def?: D,
  bounds?: { min?: number; max?: number; typical?: Typical },
) => ({ kind: 'dtypeMap' as const, of, doc, ...(def ? { default: def } : {}), ...bounds }) as DtypeMapNode & WithDefault<D>;
const text = (doc: string): TextNode => ({ kind: 'text', doc });
const bool = <D extends Default<boolean> | undefined = undefined>(doc: string, def?: D) =>
  ({ kind: 'boolean' as const, doc, ...(def ? { default: def } : {}) }) as BooleanNode & WithDefault<D>;
const geometry = (doc: string): GeometryNode => ({ kind: 'geometry', doc });
const namedSections = <S extends SectionNode>(doc: string, entry: S, reserved: Record<string, string>) =>
  ({ kind: 'namedSections' as const, doc, entry, reserved }) as NamedSectionsNode & { readonly entry: S };
const length = (doc: string): LengthNode => ({ kind: 'length', doc });
/**
 * The keys of a length distribution (`serving.prompt: { distribution: lognormal, mean: 1024,
 * sigma: 0.6 }`): what the validator accepts and the hovers document.
 */
export const LENGTH_FIELDS = {
  distribution: enumOf(
    LENGTH_DISTRIBUTIONS,
    'How request lengths are drawn: `fixed` (every request `mean` tokens), `uniform` (between `min` and `max`), `lognormal` (mean `mean`, spread `sigma`, clipped to [`min`, `max`]), or `trace` (from the trace file).',
  ),
  mean: count(
    'Mean tokens per request (`fixed`: every request; `lognormal`: the mean of the draws before clipping).',
    1,
    MAX_LENGTH_TOKENS,
  ),
  min: count('Fewest tokens a request has: draws below are clipped up to it (`uniform`: the lower end).', 1, MAX_LENGTH_TOKENS),
  max: count('Most tokens a request has: draws above are clipped down to it (`uniform`: the upper end).', 1, MAX_LENGTH_TOKENS),
  sigma: fraction('Spread of a `lognormal`: the standard deviation of the log of the length.', undefined, 0, 5),
} as const;
const textList = <D extends Default<readonly string[]> | undefined = undefined>(
  syntax: TextListNode['syntax'],
  example: string,
  doc: string,
  def?: D,
) => ({ kind: 'textList' as const, syntax, example, doc, ...(def ? { default: def } : {}) }) as TextListNode & WithDefault<D>;
const varyMap = (doc: string): VaryMapNode => ({ kind: 'varyMap', doc });
const reference = <K extends ReferenceNode['presetKind'], I extends SectionNode | undefined = undefined>(
  presetKind: K,
  allowPath: boolean,
  doc: string,
  inline?: I,
) =>
  ({ kind: 'reference' as const, presetKind, allowPath, doc, ...(inline ? { inline } : {}) }) as ReferenceNode & {
    readonly presetKind: K;
  } & (I extends SectionNode ? { readonly inline: I } : unknown);

const GIGA = 1e9;
/**
 * 10 nJ per operation or byte: over a thousand times the largest figure in the energy
 * tables (Horowitz: 4.6 pJ per FP32 MAC; HBM ~4-7 pJ/bit). Any larger is a unit slip, and an
 * unbounded one would make power and cost overflow to infinity.
 */
const MAX_ENERGY_PER_OP = 1e-8;
/** Where the `runtime.*` defaults come from. */
const GENERIC_RUNTIME =
  'the generic runtime: one runtime fitted to the measured rows of five frameworks at once, each framework weighing the same (validation/calibrate.ts; the runtime presets in model/presets/runtimes.ts, docs/validation.md)';

// ---------- the tree ----------

const modelSection = section('The transformer architecture served (decoder-only).', {
  layers: count('Decoder layers. Every layer is one pass through attention and FFN; time and weight bytes scale with it.', 1, 1000),
  hidden: count('Model (hidden) dimension d. Sets the size of every projection and of the activations between layers.', 1, 1_000_000),
  heads: count('Query heads h. With `head_dim` sets the attention width; tensor parallelism splits heads across chips.', 1, 10_000),
  kv_heads: count('Key/value heads k (grouped-query attention when < heads, multi-query when 1). KV-cache bytes scale with k.', 1, 10_000),
  head_dim: count('Dimension of one head (default hidden / heads).', 1, 100_000),
  ffn: count('FFN inner size f. Gated activations use three f x d matrices, plain ones two.', 1, 10_000_000),
  activation: enumOf(ACTIVATIONS, '`swiglu`/`geglu`: gated FFN, three matrices; `gelu`/`relu`: two matrices.', {
    value: 'swiglu',
    source: 'Llama-family default',
  }),
  vocab: count('Vocabulary size V: the LM head is a d x V matrix read once per decode step.', 1, 10_000_000),
  experts: count('Mixture of experts: FFN experts per layer (1 = dense).', 1, 4096, { value: 1, source: 'dense model' }),
  experts_per_token: count('Experts each token is routed to (top-k).', 1, 4096, { value: 1, source: 'dense model' }),
  parallel_attention: bool(
    'GPT-J style: attention and FFN read the same normalised input and are summed, saving one all-reduce per layer under tensor parallelism.',
    { value: false, source: 'sequential (Llama/GPT-3) layout' },
  ),
  tied_embeddings: bool('Input embedding and LM head share one matrix (weights counted once).', {
    value: false,
    source: 'untied (Llama) layout',
  }),
  max_context: count('Trained context length; a prompt + output beyond it is a warning.', 1, 100_000_000),
  sliding_window: count(
    "Sliding-window attention: each token attends to at most this many before it (Mistral 7B v0.1: 4,096). Not modelled: every token's KV cache is read and held, as a runtime without a rolling buffer does; a prompt + output beyond the window is a warning that says by how much that overstates the KV cache's reads and size.",
    1,
    100_000_000,
  ),
});

/** One entry of `chip.memory_levels`. Capacity and bandwidth are per chip, like every `chip` key. */
const memoryLevelSection = section('A memory level the chip reads from, per chip.', {
  label: text("Name shown in views and reports, e.g. `Host DDR5 (PCIe 5 x16)` (default: the level's key)."),
  capacity: quantity(
    'bytes',
    "Capacity available to one chip (a host's DDR shared by 8 accelerators counts an eighth here). Adds to the capacity the weights and KV cache must fit in.",
    {
      min: 1e3,
      max: 1e16,
      typical: { range: [1e6, 1e14], of: "a memory level's capacity per chip (an on-chip tier's MBs to a host's or CXL pool's TBs)" },
    },
  ),
  bandwidth: quantity(
    'bandwidth',
    "Bandwidth between this level and one chip, per direction: for host memory the narrower of the host link (PCIe 5.0 x16: 64 GB/s) and the chip's share of the DRAM channels. Every byte the level serves takes this long.",
    {
      min: 1e6,
      max: 1e16,
      typical: { range: [1e9, 1e16], of: "a memory level's bandwidth to one chip (a PCIe x1 link's 1 GB/s to an on-chip tier's PB/s)" },
      quotedInBytes: true,
    },
  ),
  efficiency: fraction(
    'Achievable fraction of the peak bandwidth (protocol and controller losses). An on-chip level without its own figure delivers its whole bandwidth, as `chip.sram` does.',
    {
      value: 0.85,
      source: "typical sustained/peak of a DRAM interface behind a host link, an assumption; state the level's own figure when it is known",
    },
    0.01,
    1,
  ),
  energy: quantity(
    'energyPerByte',
    'Energy per bit or byte the level serves to the chip, link included. An on-chip level without its own figure costs `chip.energy.sram`.',
    {
      allowZero: true,
      max: MAX_ENERGY_PER_OP,
      default: {
        value: '70 pJ/bit',
        source:
          'Accelergy table: DDR3 70 pJ/bit, the costliest DRAM interface it lists (LPDDR4 8, GDDR5 14): conservative until the level states its own',
      },
    },
  ),
  technology: enumOf(
    MEMORY_TECHNOLOGIES,
    "For an off-chip level wired to this chip's own memory interfaces (a second DRAM tier beside HBM): its technology, as `chip.memory.technology`. Its PHYs and controllers then take die area, and its memory is priced with the chip. Leave it out for memory behind the host interface or a link (host DDR, CXL), which belongs to the server: no memory PHY on the die, not in the chip price.",
  ),
  on_chip: bool('The level is on the die (a second SRAM tier): its time scales with the clock and it holds copies, not extra capacity.', {
    value: false,
    source: 'an added level is usually off chip (host memory, CXL, a second DRAM tier)',
  }),
});

export const chipConfigSchema = section('A chip config: one design point of an LLM-inference system.', {
  name: text('Free-text name of this design, shown in views and reports.'),
  extends: reference(
    'chip',
    true,
    'A chip preset id or a relative path to another `*.chip.yaml`; this file is deep-merged over it. A key written `null` (or `~`; also `--set PATH=null`) removes the inherited value (`serving: { rate: null, trace: t.csv }` replays a trace where the extended file set a rate); where none is inherited it is the key not given. A key left empty (`rate:`) is an error.',
  ),
  chip: section('One accelerator chip.', {
    clock: quantity(
      'frequency',
      "Core clock. Scales the geometry-form peak (units x array x MACs/cycle x clock) and is what power throttling lowers. With `matrix.peak` written the peak holds, and the clock sets how many MACs deliver it (a higher clock: fewer, a smaller die). Each operation's energy and each cell's size are held at any clock (no voltage-frequency scaling), so a higher clock is cheaper here than in silicon, which pays for it in supply voltage and larger cells.",
      {
        min: 1e6,
        max: 20 * GIGA,
        typical: { range: [1e8, 5e9], of: 'the clocks of accelerators and GPUs (TPU v4 1.05 GHz, H100 1.98 GHz; presets)' },
      },
    ),
    process: enumOf(
      PROCESS_NODES,
      'Process node the die is built in (`7 nm`, `4 nm`, ...). Sets the logic and SRAM densities, the wafer price, the defect density and the leakage of the area and price model, and the switching energy the default MAC and SRAM energies are scaled by (docs/silicon.md). Without it (and without `cost.chip_price`) the chip has no price: cost shows electricity only and is not compared.',
    ),
    tdp: quantity(
      'power',
      `Power cap. If average power while serving exceeds it, the clock is derated until it fits, slowing compute-bound work. A cap, not a size: what the chip draws while its units are busy (clock tree, control and issue logic: an energy per cycle, so a derated clock lowers it) is 3/7 of its matrix units' peak switching power (MAC rate × \`chip.energy.mac\`; docs/model.md) where the die is modelled (\`chip.process\`). Without a process there is no die for it to come from, and it is ${Math.round(ACTIVE_SHARE_OF_HEADROOM * 100)} % of TDP − idle, so there a higher TDP is a larger chip's power too. Either way \`chip.idle_power\`, where not given, is a share of the TDP.`,
      {
        min: 0.1,
        max: 1e5,
        typical: { range: [1, 3e4], of: 'the power of one accelerator package (L4 72 W, B200 1 kW, a wafer-scale engine 23 kW)' },
      },
    ),
    idle_power: quantity(
      'power',
      "Static power while powered (leakage, clocks, I/O). Burned for the whole response time; dominates energy when the chip waits on memory. Not given: 13 % of `chip.tdp`, what the chip presets assume where no idle reading is published (leakage, memory refresh, SerDes, always-on logic), or the modelled die's leakage (with `chip.process`, docs/silicon.md) where that is more. A preset's value over a changed die is scaled by that rule's ratio to the preset's; over a changed TDP alone it stays as it is (a cap on the same silicon idles as before).",
      {
        allowZero: true,
        max: 1e5,
        example: '90 W',
        typical: { range: [0.1, 3e4], of: "a package's idle power (an edge chip's 100s of mW to a wafer-scale engine's kW)" },
      },
    ),
    matrix: section('Matrix (systolic) units. Give the geometry form (units, array, macs_per_cycle) or the peak form (peak per dtype).', {
      units: count('Number of matrix units (systolic arrays).', 1, 1_000_000),
      array: geometry(
        'Rows x columns of processing elements per unit, e.g. `128x128`. A decode step with batch B fills at most B of the rows: small batches leave the array idle. Arrays of fewer columns re-read the streamed operand from `chip.sram` more often, and of fewer rows re-load their weights more often in a long prefill (docs/model.md, operand feed).',
      ),
      macs_per_cycle: dtypeMap(
        'number',
        'MACs per processing element per cycle, by dtype (e.g. `{ int8: 1, bf16: 0.5 }`). A dtype absent here is not supported by the matrix units.',
        undefined,
        { min: 1e-4, max: 1e6 },
      ),
      peak: dtypeMap(
        'opsPerSecond',
        'Dense peak by dtype (e.g. `{ bf16: 989 TFLOPS }`), one MAC = 2 operations. Use dense, not 2:4-sparse, figures.',
        undefined,
        {
          min: 1e6,
          max: 1e19,
          typical: {
            range: [1e12, 1e18],
            of: "an LLM accelerator's dense matrix peak (an edge NPU's few TOPS to a wafer-scale engine's 125 PFLOPS)",
          },
        },
      ),
      efficiency: fraction(
        'Achievable fraction of peak on large GEMMs (kernel and data-feeding losses). Compute-bound time scales with 1/efficiency.',
        {
          value: Number.parseFloat(POOLED_PRIOR.matrixEfficiency) / 100,
          source:
            POOLED_SOURCES.matrixEfficiency +
            ". LLMCompass's ~0.8 of peak on large A100 GEMMs is a kernel's figure, not a served model's: state your chip's own figure when it is measured",
        },
        0.01,
        1,
      ),
      clock_gated: bool(
        "Whether the arrays' clocks are gated while they wait on off-chip memory or links, as an array fed by DMA engines can be: the active power (clock tree, control and issue logic) is then drawn for the cycles they compute or move on-chip data, not through a memory-bound step's waits. `false` for a GPU, whose SMs issue the loads a memory-bound kernel waits on and stay clocked through them.",
        {
          value: false,
          source: "the conservative case, a GPU's: the units stay clocked while a step waits on memory or links",
        },
      ),
    }),
    vector: section('Vector units: softmax, norms, element-wise work.', {
      peak: quantity('opsPerSecond', 'Vector (non-matrix) throughput for softmax, normalisation and element-wise operators.', {
        min: 1e6,
        max: 1e18,
        typical: { range: [1e11, 1e17], of: "an accelerator's vector throughput (an edge NPU's 100s of GOPS to a wafer-scale engine's)" },
      }),
    }),
    sram: section(
      'On-chip SRAM (or last-level cache): the memory level `sram`. The weights, and then the KV cache, are read from here when they fit in it entirely; activations that fit stay here instead of round-tripping to memory. With no capacity the chip has no SRAM level.',
      {
        capacity: quantity('bytes', 'On-chip SRAM capacity. Working sets that fit are served at SRAM bandwidth and energy.', {
          allowZero: true,
          max: 1e13,
          typical: { range: [1e6, 1e11], of: "an accelerator's on-chip SRAM (an edge NPU's few MB to a wafer-scale engine's 44 GB)" },
          // The dimension's example, `96 GB`, is an HBM's, not an SRAM's (a workbench review).
          example: '64 MiB',
          default: { value: '0 B', source: 'no SRAM assumed unless stated' },
        }),
        bandwidth: quantity(
          'bandwidth',
          'SRAM bandwidth to the compute units. On arrays given in the geometry form it carries every operand they read, wherever it is held (docs/model.md, operand feed).',
          {
            min: 1e6,
            // A wafer-scale engine's SRAM reaches 21 PB/s (Cerebras WSE-3).
            max: 1e18,
            typical: {
              range: [1e11, 1e17],
              of: "an accelerator's SRAM bandwidth (an edge chip's 100s of GB/s to a wafer-scale engine's 21 PB/s)",
            },
            quotedInBytes: true,
          },
        ),
      },
    ),
    memory: section(
      'Off-chip memory (HBM, GDDR, LPDDR): the memory level `memory`, where the weights and KV cache are stored (further levels: `memory_levels`).',
      {
        technology: enumOf(
          CHIP_MEMORY_TECHNOLOGIES,
          "Memory technology: sets the capacity and bandwidth of one HBM stack or x32 GDDR/LPDDR device, the PHY area on the die, the price per GB, the default energy per bit (`chip.energy.memory`) and whether the package needs an interposer (HBM). `none`: the chip has no off-chip memory (an SRAM-only chip, as Groq's LPU or Cerebras's WSE): `chip.sram` (and on-chip `memory_levels`) stores the weights and KV cache, and the chip's memory for the roofline ridge and bandwidth use is its SRAM; `capacity`, `bandwidth`, `stacks`, `efficiency`, `chip.energy.memory` and `cost.silicon.memory_price` are then not used.",
          { value: 'hbm3', source: 'the memory of most current accelerators' },
        ),
        stacks: count(
          "HBM stacks or x32 GDDR/LPDDR devices. Default: enough for both `capacity` and `bandwidth` at the technology's per-stack figures. Written where `capacity` or `bandwidth` is not (left out, or a preset's), it sets them: stacks x the preset's own figure per stack for the preset's technology (the H100's 17.2 GB and 670 GB/s), else the technology's per-stack figures (HBM3e: 38.7 GB and 1,229 GB/s a stack). A written `bandwidth` more than the stacks give is built with the stacks it needs, and a capacity derived from the count is theirs; a written `capacity` more than they hold likewise, with a bandwidth derived from the stacks built (a `memory-stacks` warning says which).",
          1,
          256,
        ),
        capacity: quantity(
          'bytes',
          'Memory capacity per chip. Weights / chips + KV cache must fit (in it and any off-chip `memory_levels`).',
          {
            min: 1e3,
            max: 1e15,
            typical: { range: [2.5e8, 1e13], of: "an accelerator's off-chip memory (a 512 MB LPDDR edge part to MI355X's 288 GB)" },
          },
        ),
        bandwidth: quantity(
          'bandwidth',
          'Peak memory bandwidth per chip. Decode at small batch reads every weight once per token: where memory bounds the step, per-token latency scales close to 1/bandwidth.',
          {
            min: 1e6,
            max: 1e16,
            typical: { range: [4e9, 5e13], of: "an accelerator's off-chip memory bandwidth (one LPDDR channel ~8 GB/s to B200's 8 TB/s)" },
            quotedInBytes: true,
          },
        ),
        efficiency: fraction(
          'Achievable fraction of peak bandwidth (refresh, bank conflicts, controller efficiency).',
          {
            value: Number.parseFloat(POOLED_PRIOR.memoryEfficiency) / 100,
            source: POOLED_SOURCES.memoryEfficiency,
          },
          0.01,
          1,
        ),
      },
    ),
    memory_levels: namedSections(
      "Further memory levels beyond `sram` and `memory`, each named by its key (e.g. `host_ddr`, `cxl`): host DDR or CXL memory behind the chip's host interface for KV-cache offload, a second DRAM tier. Storage levels (off chip) add capacity: the weights and then the KV cache fill the fastest of them first and overflow into the next, and each level serves its share of every read at its own bandwidth. On-chip levels hold a whole copy of the weights (then of the KV cache) when it fits, and a scratchpad (`chip.silicon.sram_kind`) what fits of weights too large for it beside the largest working set of a step, as `sram` does.",
      memoryLevelSection,
      {
        sram: 'on-chip SRAM is declared by `chip.sram`',
        memory: "the chip's own memory is declared by `chip.memory`",
      },
    ),
    link: section('Chip-to-chip link, per chip, per direction.', {
      phy: enumOf(
        LINK_PHYS,
        "SerDes generation of the links, for die area: `pcie4`/`pcie5` lanes, `nvlink3` (50 Gb/s NRZ class) or `nvlink4` (112G PAM4 class) links of 25 GB/s per direction. The link count is the bandwidth over one unit's.",
        { value: 'nvlink4', source: 'the current 112G-class SerDes generation' },
      ),
      domain: count(
        "Chips this link reaches: one scale-up domain (an HGX node's 8 GPUs over NVLink, an inf2.48xlarge's 12 Inferentia2 over NeuronLink, a TPU v5e pod's 256 chips over ICI). Tensor parallelism wider than it would cross the network between domains, which `bandwidth` and `latency` do not describe: a `beyond-link-domain` warning says so. Not written: no limit is checked.",
        1,
        1_000_000,
      ),
      bandwidth: quantity('bandwidth', 'Link bandwidth per chip per direction. Sets the bandwidth term of tensor-parallel all-reduces.', {
        min: 1e3,
        max: 1e16,
        typical: { range: [1e9, 1e13], of: "a chip's link bandwidth (PCIe x1 1 GB/s to NVLink 5's 900 GB/s per direction)" },
      }),
      latency: quantity(
        'time',
        'Latency of one hop. Small all-reduces in decode are latency-bound: this, times the hops of the topology, per all-reduce.',
        {
          allowZero: true,
          max: 1e-2,
          typical: {
            range: [1e-9, 1e-4],
            of: 'one hop of a chip-to-chip link (a die-to-die link nanoseconds, NVLink and ICI about 1 µs, Ethernet fabrics tens of µs)',
          },
          default: { value: POOLED_PRIOR.linkLatency, source: POOLED_SOURCES.linkLatency },
        },
      ),
    }),
    silicon: section('Parts of the die the performance model does not use but the area and price model counts (docs/silicon.md).', {
      register_file: quantity(
        'bytes',
        'Register files beside the vector and matrix lanes (GPUs: 256 KB per SM). Multi-ported, about 2.5x the area per byte of cache SRAM.',
        // The dimension's example, `96 GB`, is an HBM's (a review): H100's 132 SMs x 256 KB.
        { allowZero: true, max: 1e12, example: '33 MiB', default: { value: '0 B', source: 'none stated' } },
      ),
      local_sram: quantity(
        'bytes',
        'L1 caches, shared memory and per-core scratchpads not counted in `sram.capacity` (GPUs: 192-256 KB per SM).',
        // A100's 108 SMs x 192 KB.
        { allowZero: true, max: 1e12, example: '20 MiB', default: { value: '0 B', source: 'none stated' } },
      ),
      sram_kind: enumOf(
        SRAM_KINDS,
        "How `chip.sram` (and on-chip `memory_levels`) is built, for its die area. `cache`: hardware-managed, with tags, ECC and request logic beside the arrays, as a GPU's L2 (10.5x the node's bit cell per bit; GA100's die shot: 11x). `scratchpad`: software-managed arrays of compiled macros, as TPU CMEM or an IPU's tile memory: 2.75x the bit cell (from Graphcore's GC200), 3.1-3.8x denser by node. Area, price and, without `idle_power`, the die's leakage depend on it, and so does what the SRAM holds when it is too small for the whole: a scratchpad keeps what fits of an operator's activations and of the weights (the rest is streamed), a cache holds either only whole (beyond it, LRU evicts each line before its reuse).",
        {
          value: 'cache',
          source: "a GPU L2's density (GA100 die shot): the larger, dearer reading, for a chip that does not say",
        },
      ),
      fp64_rate: fraction(
        "FP64 rate of the vector lanes over their FP32 rate, for the FP64 units the lanes carry: 50 % on A100, V100 and P100 (32 FP64 units beside 64 FP32 lanes per SM) and H100 (64 beside 128), 1/64 (`0.015625`) on GA102 and the Ada dies (2 per SM of 128 lanes), 1/32 on TU102 (2 per 64), 0 on a chip with none. A lane is an FP32 FPU, `int32_rate` of an INT32 ALU and this share of an FP64 FPU (LLMCompass's A100 lane), so on a GPU without half-rate FP64 the half FPU counted by default is about half the vector units' area.",
        {
          value: 0.5,
          source: "half the FP32 rate, as A100 and H100: LLMCompass's A100 lane (an FP32 FPU, an INT32 ALU and half an FP64 FPU)",
        },
        0,
        1,
      ),
      int32_rate: fraction(
        "INT32 rate of the vector lanes over their FP32 rate, for the INT32 ALUs the lanes carry: 100 % on A100, V100 and TU102 (64 INT32 units beside 64 FP32 lanes per SM) and P100 (each CUDA core an FPU and an integer unit), 50 % on H100 (64 beside 128) and on GA102 and the Ada dies (64 of 128 lanes take INT32 operations), 0 on a chip whose lanes do no integer work. A lane is an FP32 FPU, this share of an INT32 ALU and `fp64_rate` of an FP64 FPU (LLMCompass's A100 lane, with an INT32 ALU per lane).",
        {
          value: 1,
          source: "an INT32 ALU per FP32 lane, as A100: LLMCompass's A100 lane (an FP32 FPU, an INT32 ALU and half an FP64 FPU)",
        },
        0,
        1,
      ),
      spare_units: fraction(
        'Spare units built beyond the enabled ones, as a share of the replicated arrays (matrix, vector, SRAM): H100 SXM enables 132 of 144 SMs (9 %). Spares add area, and each repairs one defect in a replicated array instead of losing the die: as many as the share of the units enabled gives, rounded (SMs from `register_file` / 256 KB, else `matrix.units`; neither given: every defect there).',
        { value: 0, source: 'no spares' },
        0,
        1,
      ),
      chiplets: count(
        'Dies the chip is built as, on one interposer, each with die-to-die interfaces (5 % of its area). Smaller dies yield better; the interposer and the interfaces cost. Not given: the fewest whose dies each fit the 858 mm² reticle (one, for a die that fits). A count too small for the reticle is an error. The dies are identical and of `chip.process`: I/O or base dies of another node and dies stacked on them (MI300X: eight 5 nm compute dies on four 6 nm I/O dies) are not modelled, and the area range, from single dies, does not cover them.',
        1,
        64,
      ),
    }),
    fixed_function: enumList(
      FIXED_FUNCTION_OPS,
      'Operators hard-wired in silicon: no dispatch overhead, and their intermediates stay on chip (fused with neighbours). A model variant the block cannot run falls back to the programmable units.',
      { value: [], source: 'none: all operators programmable' },
    ),
    fixed_function_supports: section(
      'Variants the fixed-function blocks are wired for. A model outside them falls back to programmable units.',
      {
        attention: enumList(ATTENTION_VARIANTS, 'Attention variants (`mha`, `gqa`, `mqa`) the hard-wired attention/QKV blocks support.', {
          value: [...ATTENTION_VARIANTS],
          source: 'no restriction unless stated',
        }),
        head_dim: count('Largest head dimension the hard-wired attention/QKV datapath handles.', 1, 100_000),
        activation: enumList(ACTIVATIONS, 'FFN activations the hard-wired FFN block supports.', {
          value: [...ACTIVATIONS],
          source: 'no restriction unless stated',
        }),
      },
    ),
    dispatch_overhead: quantity(
      'time',
      "The device's own fixed cost per operator launched on programmable units (launch latency, ramp and tail, on-chip scheduling); the host's launch path is `runtime.launch_overhead`. Hard-wired operators pay none. Dominates small-batch decode when layers are many and operators small.",
      {
        allowZero: true,
        max: 1,
        typical: {
          range: [1e-9, 1e-4],
          of: "a device's cost per operator (a self-sequencing chip nanoseconds, a GPU's launch 5 µs; presets)",
        },
        default: { value: POOLED_PRIOR.dispatchOverhead, source: POOLED_SOURCES.dispatchOverhead },
      },
    ),
    host_launch: bool(
      "Whether the host launches each programmable operator (GPUs: kernels, or a captured graph). `false` for chips that issue a compiled schedule from an on-chip sequencer (TPU, Inferentia, the Jalapeño reference): the runtime's `launch_overhead` does not apply.",
      {
        value: true,
        source: 'the conservative case: a host-launched accelerator',
      },
    ),
    energy: section(
      'Energy per operation, for bottom-up power. Defaults: Horowitz (ISSCC 2014) and Accelergy 45 nm tables; with `chip.process`, the `mac` defaults gain operand delivery (0.366 pJ per bit of the format at 45 nm, pooled from four NVIDIA dies’ TDP-derived energies: GH100, GA100, GV100, TU102) and they and the `sram` defaults are scaled to the node’s switching energy (C·V² by gate pitch to 16 nm, then the foundries’ power claims: 0.124 at 5 nm, docs/silicon.md); `vector`, `memory` and `link` are not. Without a process, the 45 nm arithmetic alone, unscaled: near the GPU presets’ TDP-derived figures for 16-bit formats at 7–4 nm, below them for 8-bit ones.',
      {
        mac: dtypeMap(
          'energy',
          'Energy per multiply-accumulate by dtype, including operand delivery on the chip.',
          {
            value: { int4: '0.15 pJ', int8: '0.3 pJ', fp8: '0.5 pJ', bf16: '1.5 pJ', fp16: '1.5 pJ', fp32: '4.6 pJ' },
            source:
              'Horowitz ISSCC 2014 (45 nm): 8-bit multiply 0.2 pJ + add 0.03-0.1 pJ ≈ 0.3 pJ (Accelergy 0.315 pJ); 16-bit FP multiply 1.1 pJ + add 0.4 pJ; 32-bit FP 3.7 + 0.9 pJ; fp8 and int4 interpolated. The arithmetic alone: with `chip.process`, operand delivery is added (0.366 pJ per bit of the format) before both are scaled to the node',
          },
          { max: MAX_ENERGY_PER_OP },
        ),
        vector: quantity('energy', 'Energy per vector operation (softmax, norms, element-wise).', {
          allowZero: true,
          max: MAX_ENERGY_PER_OP,
          default: { value: '1 pJ', source: 'Horowitz ISSCC 2014: 16/32-bit FP add+multiply ≈ 0.5-4.6 pJ at 45 nm; 1 pJ assumed' },
        }),
        sram: quantity('energyPerByte', 'Energy per byte read or written in on-chip SRAM.', {
          allowZero: true,
          max: MAX_ENERGY_PER_OP,
          default: {
            value: '12.5 pJ/B',
            source:
              'Horowitz ISSCC 2014: 64-bit read of a 1 MB SRAM 100 pJ → 12.5 pJ/B at 45 nm: `chip.sram` is MiB-scale, and large caches and scratchpads are built from ~1 MB-class banks, as the presets’ figures are (a small 8-32 KB array is 1.25-2.5 pJ/B); with `chip.process`, scaled to the node',
          },
        }),
        memory: quantity('energyPerByte', 'Energy per bit or byte moved to or from off-chip memory.', {
          allowZero: true,
          max: MAX_ENERGY_PER_OP,
          // Replaced by the memory technology's figure when the chip has one (validate.ts deriveMemoryEnergy).
          default: {
            value: '4.5 pJ/bit',
            source:
              "by `chip.memory.technology`, HBM3's by default (HBM2 3.9, HBM2E 6, HBM3 4.5, GDDR6 7.5, GDDR6X 6.4, LPDDR5 8 pJ/bit; docs/silicon.md)",
          },
        }),
        link: quantity('energyPerByte', 'Energy per bit or byte sent over a chip-to-chip link.', {
          allowZero: true,
          max: MAX_ENERGY_PER_OP,
          default: { value: '5 pJ/bit', source: 'SerDes links 2-10 pJ/bit; 5 pJ/bit assumed' },
        }),
      },
    ),
  }),
  system: section('The system of chips serving one model instance.', {
    chips: count('Chips serving one model instance (tensor_parallel x pipeline_parallel).', 1, 1_000_000, {
      value: 1,
      source: `a single chip; ${DERIVED_CHIPS} when either is written`,
    }),
    tensor_parallel: count(
      'Tensor-parallel degree: each layer is split across this many chips, with two all-reduces per layer.',
      1,
      1_000_000,
      { value: 1, source: `no tensor parallelism; ${DERIVED_TENSOR_PARALLEL} when \`chips\` is written` },
    ),
    pipeline_parallel: count('Pipeline stages: layers are split into this many stages run one after another.', 1, 100_000, {
      value: 1,
      source: 'no pipeline parallelism',
    }),
    topology: enumOf(
      TOPOLOGIES,
      "How chips are connected, which sets the all-reduce: `ring` (2(N-1) steps), `switch` (a non-blocking switch without in-network reduction, e.g. A100 NVSwitch or PCIe: recursive halving/doubling, 2·log2(N) steps), `reducing_switch` (in-network reduction, e.g. H100 NVLink SHARP: 2 hops), `fully_connected` (direct links to every peer: 2 hops, link bandwidth shared by N-1 peers), `torus_2d` / `torus_3d` (TPU ICI, Trainium: a ring along each axis of the most even slice of whole chips, a x b (x c) = N, 2·Σ(a_i - 1) steps, the ring's bandwidth term).",
      { value: 'ring', source: 'the most conservative common topology' },
    ),
  }),
  runtime: reference(
    'runtime',
    false,
    'The serving software: a runtime preset id (`vllm`, `tensorrt-llm`, ...; `generic` is the default) or the section inline, optionally `{ extends: <preset id>, ... }` with overrides. Chip keys describe the silicon; these describe the runtime that drives it (scheduler, sampling, collective library, attention kernels, compiled shapes), so a comparison of chips can hold the software fixed.',
    section('The serving software: host and library time the chips do not hide.', {
      extends: reference(
        'runtime',
        false,
        'The runtime preset these keys override (e.g. `tensorrt-llm`); without it they override the generic runtime.',
      ),
      step_overhead: quantity(
        'time',
        'Host time per forward pass (the prefill pass and every decode step) not hidden behind the chips: scheduling, input preparation, launching the step. Adds to the time to first token and to every decode step, whatever the chip. It is the time of one scheduler call: with `serving.scheduler_steps` above 1 (multi-step scheduling) a serving simulation charges it to the first decode step of each call only.',
        {
          example: '1 ms',
          allowZero: true,
          max: 10,
          default: { value: G.step_overhead, source: GENERIC_RUNTIME },
        },
      ),
      request_overhead: quantity(
        'time',
        "Latency each request spends outside the engine, once on its way to the first token: the server's HTTP handling and tokenisation, the hop to the engine process, and the streaming of tokens back (through a detokeniser process in SGLang). A serving simulation adds it to the time to first token and to the end-to-end latency, and a closed-loop client's next request reaches the engine that much after its last one ended; it occupies no engine step, so it delays no other request and leaves the time per output token unchanged. Not part of the static result (`prefill.ms`, `response.ms`): that is an engine benchmark, with no server in the path.",
        {
          example: '4 ms',
          allowZero: true,
          max: 10,
          default: {
            value: G.request_overhead,
            source:
              "no per-request latency outside the engine: the generic runtime's calibration rows are engine benchmarks with no server in the path; runtime presets with a measured front end set it (vllm, sglang)",
          },
        },
      ),
      prefill_overhead: quantity(
        'time',
        "Host time added once to the prefill pass, i.e. to the time to first token only: admitting the batch's requests, setting up the KV cache, returning the first token. It holds the engine (the pass takes that much longer); a server's path outside the engine (HTTP, tokenisation, streaming) is `request_overhead`.",
        {
          example: '5 ms',
          allowZero: true,
          max: 10,
          default: { value: G.prefill_overhead, source: GENERIC_RUNTIME },
        },
      ),
      gemm_efficiency: fraction(
        "Fraction of the chip's achievable matrix rate (`chip.matrix.efficiency`) this runtime's kernels reach: 100 % for the best kernel library on the chip, less for frameworks with weaker GEMM and attention kernels. Hard-wired blocks run no software kernel and keep the chip's rate.",
        {
          value: Number.parseFloat(G.gemm_efficiency) / 100,
          source: GENERIC_RUNTIME,
        },
        0.05,
        1,
      ),
      launch_overhead: quantity(
        'time',
        "Host time per kernel launched on programmable units, on top of `chip.dispatch_overhead` (the device's own cost per operator): the CPU launch path of an eager runtime. About 0 when the step is captured as a graph (CUDA graphs) or the chip sequences itself.",
        {
          example: '5 us',
          allowZero: true,
          max: 1e-2,
          default: { value: G.launch_overhead, source: GENERIC_RUNTIME },
        },
      ),
      sequence_overhead: quantity(
        'time',
        'Host time per sequence in each forward pass: per-request bookkeeping, sampling, detokenisation. Makes the decode step grow with the batch even when the chips do not.',
        {
          example: '100 us',
          allowZero: true,
          max: 1,
          default: { value: G.sequence_overhead, source: GENERIC_RUNTIME },
        },
      ),
      collective_overhead: quantity(
        'time',
        'Start-up time of each collective call in the collective library (e.g. NCCL protocol set-up and synchronisation), on top of the link hops of the topology. Not charged when the chip hard-wires `all_reduce`, nor in a decode step replayed from a captured graph (`decode_launch: graph`, as vLLM and SGLang run decode): the host enqueued the calls at capture.',
        {
          example: '20 us',
          allowZero: true,
          max: 1e-2,
          default: { value: G.collective_overhead, source: GENERIC_RUNTIME },
        },
      ),
      grouped_attention: bool(
        "Whether the decode attention kernel reads each KV head once for its whole group of query heads (GQA/MQA-aware kernels: TensorRT-LLM XQA, FlashAttention, vLLM paged attention). `false`: K and V are read once per query head, as TensorRT-LLM did before XQA. A hard-wired attention block that supports the model's variant always reads them once per group.",
        {
          value: G.grouped_attention,
          source: 'GQA-aware decode kernels are the norm since early 2024 (TensorRT-LLM XQA blog, 2024-01-30)',
        },
      ),
      decode_launch: enumOf(
        DECODE_LAUNCH,
        "How a decode step reaches the chips. `eager`: the host launches every kernel and every collective call of the step, paying `launch_overhead` per kernel and `collective_overhead` per collective. `graph`: the step was captured once (CUDA/HIP graphs, torch.compile `reduce-overhead`, HPU graphs) and is replayed with one launch, so neither host cost is paid in decode; the device's `chip.dispatch_overhead` per kernel and the link hops remain. Prefill is launched eagerly either way (runtimes capture decode only).",
        {
          value: G.decode_launch,
          source:
            'eager: an unknown stack is assumed to launch from the host (PyTorch eager, the C++ runtimes of 2022-2023); graph capture is a stated property of a runtime, never assumed',
        },
      ),
      shape_buckets: enumOf(
        SHAPE_BUCKETS,
        'Static-shape compilation (Neuron, XLA/JetStream): the runtime compiles one program per bucket and pads to it. `power_of_two`: each prompt is padded to the next power of two (at least `smallest_bucket`) and prefill computes the padding; each decode step reads the KV cache up to the next power-of-two length, and each sequence holds its KV cache at the bucket of prompt + output. `none`: dynamic shapes, kernels run at the exact token count (GPU runtimes).',
        {
          value: G.shape_buckets,
          source: 'dynamic shapes, as GPU runtimes run',
        },
      ),
      smallest_bucket: count(
        'Smallest compiled sequence bucket in tokens (with `shape_buckets: power_of_two`): a shorter prompt or context is padded up to it.',
        1,
        100_000_000,
        {
          value: G.smallest_bucket,
          source: 'the Neuron default: power-of-2 buckets "from 128" (vLLM-Neuron num_batched_tokens_buckets); JetStream starts at 16',
        },
      ),
    }),
  ),
  workload: section('What the system serves.', {
    model: reference(
      'model',
      false,
      'A model preset id (e.g. `llama-3-70b`) or the architecture inline: `{ layers, hidden, heads, kv_heads, ffn, activation, vocab }`.',
      modelSection,
    ),
    precision: section('Numeric formats of the workload.', {
      weights: enumOf(DTYPES, 'Weight storage format: sets weight bytes read per token.', {
        value: 'bf16',
        source: PRECISION_DEFAULT,
      }),
      activations: enumOf(DTYPES, 'Format the matrix units compute in (int8 weights with bf16 activations compute in bf16).', {
        value: 'bf16',
        source: PRECISION_DEFAULT,
      }),
      kv_cache: enumOf(DTYPES, 'KV-cache storage format: sets the KV bytes read per token, which grow with context.', {
        value: 'bf16',
        source: PRECISION_DEFAULT,
      }),
      group_size: count(
        'Weights per quantisation group of int4 weights. Each group carries a 16-bit scale and a 16-bit zero point, read with the weights: 4 + 32/group_size bits per weight (4.25 at 128, 5 at 32). 8-bit and wider weights use per-channel scales, which add no measurable bytes.',
        8,
        1_000_000,
        {
          value: 128,
          source: 'the GPTQ and AWQ default group size; gpt-fast int4 uses 32 (its README: `--groupsize 32`)',
        },
      ),
    }),
    batch: count('Sequences decoded together. Weight reads are shared by the batch; KV reads are not.', 1, 1_000_000, {
      value: 1,
      source: 'latency-oriented serving',
    }),
    prompt: count('Input tokens per sequence (prefill length).', 1, 100_000_000, { value: 512, source: 'an assumption' }),
    output: count('Output tokens per sequence (decode steps + 1).', 1, 100_000_000, { value: 128, source: 'an assumption' }),
  }),
  cost: section('Economics: capital and electricity.', {
    // Its default 0 is "not given"; written, 0 would count electricity only, which a comparison would show as a win (contract §4.4).
    chip_price: quantity('money', 'Capital cost per chip, including its share of the server.', {
      allowZero: true,
      max: 1e9,
      writtenZeroError:
        '`chip_price` must be greater than zero: a price of 0 would count electricity only, and a cost comparison would show that as a win. Leave the key out to have the price modelled from the die (with `chip.process`), or state the price paid.',
      default: {
        value: '0 USD',
        source: 'not given: modelled from the die when `chip.process` is set (docs/silicon.md), else cost counts electricity only',
      },
    }),
    lifetime: quantity('time', 'Depreciation lifetime.', {
      example: '4 years',
      min: 86_400,
      max: 100 * 3.15e7,
      default: { value: '4 years', source: 'common server depreciation schedule' },
    }),
    electricity: quantity('moneyPerEnergy', 'Electricity price.', {
      allowZero: true,
      max: 10 / 3.6e6,
      default: { value: '0.08 USD/kWh', source: 'US industrial average order of magnitude (EIA); an assumption' },
    }),
    pue: fraction(
      'Power usage effectiveness of the data centre (facility power / IT power, ≥ 1).',
      { value: 1.2, source: 'modern hyperscale data centres report 1.1-1.2' },
      1,
      5,
    ),
    host_power: quantity(
      'power',
      "Each chip's share of its host server's power while it serves (CPUs, DRAM, NICs, switches, fans), counted in the electricity beside the chip's own, before PUE. `chip_price` counts the server's share of the capital; its power is counted only where given here, as what a host draws depends on the server, not the chip: a DGX H100 draws at most 10.2 kW with eight 700 W GPUs, so up to 575 W a GPU (NVIDIA DGX H100 user guide, power specifications).",
      {
        allowZero: true,
        max: 1e5,
        default: { value: '0 W', source: "not counted unless given: the chips' power alone" },
      },
    ),
    utilization: fraction(
      'Share of the lifetime the system spends serving. Capital cost per token scales with 1/utilization.',
      { value: 0.6, source: 'an assumption' },
      0.001,
      1,
    ),
    silicon: section(
      "How a chip price is modelled from the design when `chip_price` is not given (docs/silicon.md). Absent keys take the process node's and memory technology's figures.",
      {
        wafer_price: quantity(
          'money',
          'Price of one processed 300 mm wafer. Default by `chip.process` (CSET "AI Chips", 2020: 9,346 USD at 7 nm, 16,988 USD at 5 nm).',
          { max: 1e7, typical: WAFER_PRICES },
        ),
        defect_density: quantity(
          'perArea',
          "Killer defects per area (D0) of the negative-binomial yield model. Default by `chip.process` (0.09 /cm2 at 7 nm, 0.1 /cm2 at 5 nm and 3 nm, TSMC's disclosures; 0.1-0.12 /cm2 at 16-8 nm, after LLMCompass).",
          {
            allowZero: true,
            max: 1e5,
            typical: {
              range: [100, 2e4],
              of: "a logic process's defect density (the nodes' defaults are 0.09-0.12 /cm2; ten times less or more is a very mature node or one early in its ramp)",
            },
          },
        ),
        memory_price: quantity(
          'moneyPerByte',
          'Price of the off-chip memory per GB. Default by `chip.memory.technology` (HBM2E 7 USD/GB, HBM3 15 USD/GB, GDDR6 3.4 USD/GB).',
          {
            allowZero: true,
            max: 1e-6,
            typical: {
              range: [5e-10, 2e-7],
              of: "DRAM prices per GB (the technologies' defaults: LPDDR5 and GDDR6 2.4-3.4 USD/GB, HBM3 and HBM3E 15; commodity DDR below 1 in a glut)",
            },
          },
        ),
        interposer_wafer_price: quantity('money', 'Price of one CoWoS-class interposer wafer, for packages with HBM or several chiplets.', {
          allowZero: true,
          max: 1e7,
          typical: WAFER_PRICES,
          default: { value: '12000 USD', source: 'okx.com H200 supply post ("each CoWoS wafer costs $12k", 2025)' },
        }),
        substrate: quantity('money', 'Organic package substrate and assembly per chip.', {
          allowZero: true,
          max: 1e6,
          default: { value: '21 USD', source: 'Moonwalk package 20 USD + assembly 1 USD, as in LLMCompass supply_chain_model.py' },
        }),
        bond_yield: fraction(
          'Yield of bonding one die (a chiplet, an HBM stack) to its package. A failed bond scraps the package with every known-good die on it, so each chiplet or stack added costs the whole assembly a share of its value (docs/silicon.md).',
          {
            value: 0.99,
            source:
              "Chiplet Actuary (Feng & Ma, DAC 2022; parameter.ini): 99 % per die on an organic substrate, 98 % fan-out, 95 % silicon interposer. 99 % is chosen from that range by the GPU presets' price check: at 95 % the A100 80GB and H200 (6 and 7 dies bonded) would be modelled at 1.50x and 1.55x their cited prices (docs/silicon.md), so the choice is not independent of that check",
          },
          0.5,
          1,
        ),
        test: fraction(
          'Test and burn-in, as a share of the manufactured cost (dice, memory, package).',
          {
            value: 0.1,
            source:
              'assumption (no published share found); with `board` it gives H100 631 USD of test and board against 920 USD of "test & assembly" in the siliconanalysts.com H100 cost bridge',
          },
          0,
          1,
        ),
        board: fraction(
          'The card or module the package is mounted on (PCB, voltage regulators, cooler, connectors, assembly), as a share of the dice and memory cost.',
          {
            value: 0.25,
            source:
              'a GPU board vendor: the GPU die and its memory are "up to 80 %" of the manufacturing cost of a graphics card, PCB, cooling and assembly the rest (gpu.itbrief.co, 2025): 20 / 80 = 25 % of die and memory',
          },
          0,
          10,
        ),
        margin: fraction(
          'Vendor gross margin: price = manufactured cost / (1 - margin). 0 for a chip built in house. The NVIDIA GPU presets carry their product margin (88 %, docs/silicon.md).',
          {
            value: 0.75,
            source:
              "NVIDIA fiscal 2025 gross margin, 75.0 % (Form 10-K, year to 26 January 2025); a company-wide figure that averages in systems, networking and gaming: analysts' cost estimates put single data-centre GPUs higher (H100: 88 %, Raymond James)",
          },
          0,
          0.99,
        ),
        nre: quantity(
          'money',
          "Non-recurring engineering of the design (the team, EDA tools, IP licences, the mask set, qualification), spread evenly over `volume` chips. A vendor's margin pays for it, so it stays 0 at a vendor's margin; with `margin: 0` (built in house) it is what each chip costs beyond making it. Cost ratios price both sides at one vendor margin, which holds it, and leave it out.",
          {
            allowZero: true,
            max: 1e11,
            typical: {
              range: [5e5, 2e9],
              of: 'the non-recurring cost of a chip: 0.5-5 M USD at mature nodes (65-180 nm) and 5-30 M USD at 7-28 nm all in (siliconanalysts.com, tapeout cost guide); at the leading edge a 7 nm tapeout "can easily exceed $30M all-in" and 3 nm full-mask tapeouts run "$100M+" (siliconanalysts.com, tapeout cost guide); mask sets alone pass 10 M USD at 7 nm and near 40 M USD at 3 nm (SemiAnalysis); IBS\'s often-quoted 542 M USD for a 5 nm design counts a whole SoC programme',
            },
            default: { value: '0 USD', source: "not counted: a vendor's margin (`margin`, 75 % by default) pays for the design" },
          },
        ),
        volume: count('Chips the design is built in, over which `nre` is spread (every chip made of it, across its whole life).', 1, 1e10, {
          value: 100_000,
          source:
            'assumption: the order of a generation of an in-house accelerator; a 7 nm design "typically requires 50,000+ units" to break even (siliconanalysts.com, tapeout cost guide). Used only with `nre`',
        }),
        system_share: fraction(
          "The chip's share of its server (CPUs, NICs, switches, chassis) as a share of the accelerator price, so a modelled price means what `chip_price` means. The share is of the accelerator as priced at the margin it was measured at (an H100's, 88 %), whatever `margin` says: a server costs no less for a chip built in house. At least `host_per_chip`; both 0 price the chip alone.",
          {
            value: 0.227,
            source:
              'DGX H100: (270,000 USD - 8 x 27,500 USD) / 8 = 6,250 USD per GPU over a 27,500 USD GPU (epoch-research/training-cost-trends, quoting SemiAnalysis and Raymond James)',
          },
          0,
          10,
        ),
        host_per_chip: quantity(
          'money',
          "The least server share per chip: the host server (CPUs, DRAM, drives, chassis, power supplies) that its accelerators share, whatever the chip costs. Where `system_share` of a cheap chip comes to less, this is its share: an SRAM-only design's hundreds of chips each pay for a slot in a server. 0 with `system_share: 0` prices the chip alone.",
          {
            allowZero: true,
            max: 1e6,
            default: {
              value: '1300 USD',
              source:
                'a high-volume two-socket CPU server with 1 TB of DRAM, 10,424 USD to a large buyer with the OEM margin (SemiAnalysis, "AI Server Cost Analysis - Memory Is the Biggest Loser", May 2023), shared by 8 accelerators as in a DGX/HGX or a GroqNode: 1,303 -> 1,300 USD',
            },
          },
        ),
      },
    ),
  }),
  serving: section(
    "Request traffic served by one model instance, simulated step by step (iteration-level batching, KV-cache paging): time to first token, time per output token and end-to-end latency percentiles, throughput, SLO attainment and the highest request rate that meets the SLO. Present only when written; every step time is this design's own forward pass.",
    {
      concurrency: count(
        "Closed loop: this many clients, each sending its next request the moment its last one completes (how benchmark clients such as TGI's virtual users and `trtllm-bench` drive a server). Give exactly one of `concurrency`, `rate` and `trace`.",
        1,
        10_000,
      ),
      rate: quantity(
        'rate',
        'Open loop: requests arrive as a Poisson process at this mean rate, whatever the server does (production traffic). Give exactly one of `concurrency`, `rate` and `trace`.',
        { min: 1e-6, max: 1e6 },
      ),
      trace: text(
        'Requests from a file inside the workspace, relative to this config: CSV with a header naming `arrival` (seconds), `prompt` and `output` (tokens), or JSONL objects with those keys. At most 200,000 requests and 10 MB. Give exactly one of `concurrency`, `rate` and `trace`.',
      ),
      requests: count(
        'Requests measured, after a warm-up of a tenth as many more (their statistics are dropped so the instance is in steady state). Time grows linearly with it. Not used with `trace`: a trace is measured whole, with no warm-up.',
        10,
        MAX_SERVING_REQUESTS,
        { value: 2000, source: 'enough for a stable p99 (20 requests above it)' },
      ),
      prompt: length(
        'Input tokens per request: a count (or `{ distribution: fixed, mean: 1024 }`, the same), or `{ distribution: uniform, min: 128, max: 2048 }`, `{ distribution: lognormal, mean: 1024, sigma: 0.8, max: 8192 }`, or `trace`. Absent: `workload.prompt`.',
      ),
      output: length(
        'Output tokens per request (the first comes from the prefill): a count or a distribution, as for `prompt`. Absent: `workload.output`.',
      ),
      scheduler: enumOf(
        SCHEDULERS,
        '`continuous`: iteration-level batching (Orca, vLLM): sequences join and leave the batch at every step. `static`: a batch is formed from the waiting requests, prefilled together, and decoded until its longest request finishes before the next batch starts (finished sequences keep their slot).',
        { value: 'continuous', source: 'what vLLM, TGI, TensorRT-LLM and SGLang do' },
      ),
      max_batch: count('Sequences in flight per model instance (vLLM `max_num_seqs`, TensorRT-LLM `max_batch_size`).', 1, 100_000, {
        value: 256,
        source: 'vLLM `max_num_seqs` default',
      }),
      max_batched_tokens: count(
        'Token budget per step: prefill tokens plus one per decoding sequence (vLLM `max_num_batched_tokens`). A prompt longer than the budget is prefilled in chunks when `chunked_prefill` is on.',
        1,
        10_000_000,
        { value: 8192, source: 'vLLM V1 default for its OpenAI-compatible server' },
      ),
      chunked_prefill: bool(
        'Prompts are prefilled in chunks that share steps with decodes (Sarathi-Serve, vLLM V1), so running requests keep generating while a long prompt is read. `false`: a step is either prefill or decode, prefill first (vLLM V0), and a prompt must fit the token budget.',
        { value: true, source: 'vLLM V1 default' },
      ),
      scheduler_steps: count(
        'Decode steps per scheduler call (vLLM `--num-scheduler-steps`, multi-step scheduling): the batch is fixed for that many decode steps, so a request that arrives meanwhile waits for the run to end before its prefill starts — host scheduling (`runtime.step_overhead`) is paid by the first step of the run only instead of by every step, at the cost of time to first token. A prefill is always one step of its own (vLLM gives prefills no lookahead slots).',
        1,
        64,
        { value: 1, source: 'vLLM `--num-scheduler-steps` default (one step per scheduler call)' },
      ),
      admission: enumOf(
        ADMISSIONS,
        "When a request gets its KV-cache blocks. `on_demand` (vLLM): it starts when its prompt fits and takes a block whenever its output needs one; when none is free the newest running request is preempted and later recomputed. `guaranteed` (TensorRT-LLM's `GUARANTEED_NO_EVICT` capacity scheduler, its default per its performance tuning guide): it starts only when the cache can hold its prompt and its whole output, so nothing is ever preempted, at the price of fewer requests in flight. The output reserved is the request's own length, as for benchmark clients that set each request's `max_tokens` to it; a server whose clients ask for more than they get reserves more and runs fewer at once. Continuous batching only: `scheduler: static` always holds whole requests.",
        { value: 'on_demand', source: 'vLLM: blocks allocated as tokens are generated, recompute preemption' },
        // TensorRT-LLM's names for its capacity scheduler policies.
        { GUARANTEED_NO_EVICT: 'guaranteed', MAX_UTILIZATION: 'on_demand' },
      ),
      block_size: count(
        'Tokens per KV-cache block (paged attention). A sequence holds whole blocks; with `admission: on_demand`, when none is free the newest running request is preempted and later recomputed.',
        1,
        4096,
        { value: 16, source: 'vLLM default block size' },
      ),
      memory_utilization: fraction(
        "Share of each chip's memory the runtime may fill with weights and the KV cache; the rest is activations, workspace and fragmentation.",
        { value: 0.9, source: 'vLLM `gpu_memory_utilization` default' },
        0.05,
        1,
      ),
      seed: count('Seed of the random arrivals and lengths: the same seed gives the same result.', 0, 2_147_483_647, {
        value: 1,
        source: 'any fixed seed',
      }),
      disaggregated: section(
        "Prefill and decode on separate pools (Splitwise, DistServe): prompts are prefilled on the prefill pool, their KV cache is sent over the link, and the decode pool generates the rest. Compared with this section's aggregated result under the same traffic. Needs open-loop arrivals (`rate` or `trace`).",
        {
          prefill: section('The prefill pool.', {
            design: enumOf(
              STANDBY_KINDS,
              '`same`: prefill replicas are this design; `baseline`: they are the `compare` design (e.g. GPUs for compute-bound prefill beside an ASIC decode pool).',
              { value: 'same', source: 'a homogeneous system' },
            ),
            replicas: count('Prefill instances; requests are assigned round-robin.', 1, 10_000, { value: 1, source: 'one instance' }),
          }),
          decode: section('The decode pool: instances of this design.', {
            replicas: count('Decode instances; requests are assigned round-robin when their KV cache arrives.', 1, 10_000, {
              value: 1,
              source: 'one instance',
            }),
          }),
          kv_transfer: quantity(
            'bandwidth',
            "Bandwidth for moving a prompt's KV cache from a prefill to a decode instance. Default: the slower pool's `chip.link.bandwidth` × its chips (each chip sends its shard) when both pools are this design and their chips fit in one `chip.link.domain`; beyond that domain, or with a `baseline` prefill pool (two designs share no scale-up link), a 400 Gb/s network port per chip (50 GB/s; DGX H100 has eight ConnectX-7 400 Gb/s ports for its 8 GPUs) × the smaller pool's chips.",
            { example: '50 GB/s', min: 1e6, max: 1e15 },
          ),
        },
      ),
      slo: section('Latency targets, met when the given percentile of every metric set here is within its target.', {
        ttft: quantity('time', 'Time to first token target: arrival to first output token, queueing included.', {
          example: '500 ms',
          max: 3600,
          // `2 ms` for 2 s slipped through where `tpot` warned (an operator's review). A
          // queue, a prefill and a network round trip take milliseconds even on SRAM-only parts.
          typical: { range: [5e-3, 3600], of: 'time-to-first-token targets (a chat service states about 0.2–2 s, a batch job minutes)' },
        }),
        tpot: quantity('time', 'Time per output token target: (end-to-end − time to first token) / (output − 1), per request.', {
          example: '50 ms',
          max: 3600,
          // A reader's pace to a batch job's: `40 s` for 40 ms slipped through (a review).
          // Down to 10 µs: SRAM-only and wafer-scale parts decode in well under a millisecond.
          typical: { range: [1e-5, 10], of: "time-per-token targets (a reader's pace is about 50 ms a token)" },
        }),
        e2e: quantity('time', 'End-to-end latency target: arrival to last output token.', {
          example: '20 s',
          max: 86_400,
          typical: { range: [1e-2, 86_400], of: 'end-to-end targets (a response of hundreds of tokens takes seconds)' },
        }),
        percentile: fraction(
          'Percentile at which the targets must hold: `99` (or `99 %`) means p99. Between 50 and 99.99.',
          { value: 99, source: 'common serving SLOs are stated at p99' },
          // Below p50 (`30`, `0.3`) is refused by the serving spec, with both forms in the message.
          1e-6,
          99.99,
          'percentile 50–99.99, `99` or `99 %`',
        ),
      }),
    },
  ),
  fleet: section(
    "A fleet of model instances sized for peak traffic: replicas to meet the SLO at `peak_rate`, a powered hot standby, fleet power and cost per million output tokens at the fleet's real utilisation. Needs `serving.slo`.",
    {
      peak_rate: quantity('rate', 'Requests per second the fleet must serve within the SLO.', {
        example: '200 /s',
        min: 1e-6,
        max: 1e9,
        typical: FLEET_RATES,
      }),
      average_rate: quantity(
        'rate',
        'Mean requests per second over the day: power and cost per token are counted at this load (default: the peak).',
        { example: '120 /s', min: 1e-6, max: 1e9, typical: FLEET_RATES },
      ),
      hot_standby: fraction(
        'Spare capacity kept powered, as a share of the capacity the peak needs (failover, maintenance, bursts).',
        { value: 0, source: 'no spare unless stated' },
        0,
        1,
      ),
      standby: enumOf(
        STANDBY_KINDS,
        '`same`: the standby replicas are this design. `baseline`: they are the `compare` design (e.g. a GPU hot standby for an ASIC fleet), sized to carry the same share of the peak.',
        { value: 'same', source: 'a homogeneous fleet' },
      ),
    },
  ),
  compare: reference(
    'chip',
    true,
    "A baseline to compare against: a chip preset id (this workload, chip count, parallelism and economics on that chip, with the preset's own topology, price and name) or a relative path to another `*.chip.yaml` (evaluated as written; the serving and fleet rows run this file's traffic, SLO and fleet on both, its own `serving:` and `fleet:` set aside, and an info says so where they differ). Naming this file itself is a warning: no baseline.",
  ),
  explore: section(
    'A design space around this config, explored by `jalapeno explore FILE` and "Explore Design Space…" when no keys are given there (docs/exploration.md). It changes nothing in the evaluation of the file itself: an error in it is an error at its place (exit code 1), and the file is still evaluated, its numbers valid.',
    {
      vary: varyMap(
        "The keys to vary and their values, in the config's own syntax: a list (`workload.batch: [1, 8, 64]`), evenly spaced steps (`chip.memory.bandwidth: 2 TB/s..8 TB/s:7`), a constant ratio (`workload.batch: 1..256:9log`), or a continuous range for sampling (`chip.clock: 1 GHz..2 GHz`). The space is every combination (the grid), or `samples` points drawn from it.",
      ),
      objectives: textList(
        'objective',
        'decode.msPerToken:min',
        'Metrics the Pareto front trades, `METRIC[:min|max]`: a dotted path under the result (`decode.msPerToken`, `prefill.ms`, `throughput.perChip`, `energy.joulesPerOutputToken`, `cost.usdPerMillionOutputTokens`). Without `:min|max`, throughput-like metrics are maximised, the rest minimised.',
        {
          value: ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'],
          source: 'latency against cost: the first trade-off of a serving design',
        },
      ),
      constraints: textList(
        'constraint',
        'decode.msPerToken<=20',
        "Limits a feasible design meets, `METRIC<=VALUE` (or `>=`, `<`, `>`), the value in the metric's unit (`decode.msPerToken<=20` is a 20 ms TPOT limit). Designs that do not fit in memory, exceed the TDP or split heads unevenly are never feasible.",
        {
          value: [],
          source: 'no limits beyond fitting, the TDP and whole heads per chip',
        },
      ),
      sampling: enumOf(
        ['grid', 'lhs', 'random'] as const,
        '`grid`: every combination of the values. `lhs`: `samples` points by Latin-hypercube sampling (each of the `samples` strata of every key holds one point). `random`: `samples` uniform points.',
        { value: 'grid', source: 'the full grid' },
      ),
      samples: count('Points drawn with `sampling: lhs` or `random`.', 1, 100_000_000, {
        value: 10_000,
        source: 'an assumption: seconds of work',
      }),
      seed: count('Seed of the sampling: the same seed draws the same points, on every machine and in every shard.', 0, 4_294_967_295, {
        value: 1,
        source: 'an arbitrary fixed seed',
      }),
    },
  ),
});

// ---------- the types of a validated config, read off the tree ----------

// A runtime left out is the generic runtime: its section's defaults.
type HasDefault<N> = N extends { kind: 'section' | 'namedSections' }
  ? true
  : N extends { kind: 'reference'; presetKind: 'runtime'; inline: unknown }
    ? true
    : N extends { default: unknown }
      ? true
      : false;
type InferFields<F> = { -readonly [K in keyof F as HasDefault<F[K]> extends true ? K : never]: Infer<F[K]> } & {
  -readonly [K in keyof F as HasDefault<F[K]> extends true ? never : K]?: Infer<F[K]>;
};
export type Infer<N> = N extends { kind: 'section'; fields: infer F }
  ? InferFields<F>
  : N extends { kind: 'quantity' | 'count' | 'fraction' }
    ? number
    : N extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : N extends { kind: 'enumList'; values: readonly (infer V)[] }
        ? V[]
        : N extends { kind: 'text' }
          ? string
          : N extends { kind: 'boolean' }
            ? boolean
            : N extends { kind: 'dtypeMap' }
              ? Partial<Record<Dtype, number>>
              : N extends { kind: 'geometry' }
                ? { rows: number; cols: number }
                : N extends { kind: 'length' }
                  ? LengthDistribution
                  : N extends { kind: 'textList' }
                    ? string[]
                    : N extends { kind: 'varyMap' }
                      ? Record<string, string>
                      : N extends { kind: 'reference'; inline: infer S }
                        ? Infer<S>
                        : N extends { kind: 'namedSections'; entry: infer S }
                          ? Record<string, Infer<S>>
                          : N extends { kind: 'reference' }
                            ? string
                            : never;

/** A validated config: SI numbers, defaults filled, references resolved (model inline). */
export type Config = Infer<typeof chipConfigSchema>;
export type ModelConfig = Infer<typeof modelSection>;
export type ChipConfig = Config['chip'];
export type MemoryLevelConfig = Infer<typeof memoryLevelSection>;

/** The schema node at a dotted path (`chip.memory.bandwidth`), following inline models. */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = chipConfigSchema as SectionNode;
  for (const key of path) {
    if (!node) return undefined;
    if (node.kind === 'reference' && node.inline) node = node.inline;
    if (node.kind === 'section') node = Object.hasOwn(node.fields, key) ? node.fields[key] : undefined;
    else if (node.kind === 'dtypeMap') node = (DTYPES as readonly string[]).includes(key) ? node : undefined;
    else if (node.kind === 'namedSections') node = ENTRY_NAME.test(key) && !Object.hasOwn(node.reserved, key) ? node.entry : undefined;
    else return undefined;
  }
  return node;
}

/**
 * Why a dotted path given on the command line (`--set`, `--vary`, `--param`) names no key, with
 * the nearest key where one segment is misspelt: `workload.bacth: not a key of the config
 * language; did you mean workload.batch?`.
 */
export function unknownKeyPathMessage(path: string): string {
  const keys = path.split('.');
  let suggestion: string | undefined;
  for (let i = 0; i < keys.length; i++) {
    let parent = schemaAt(keys.slice(0, i));
    if (parent?.kind === 'reference' && parent.inline) parent = parent.inline;
    if (schemaAt(keys.slice(0, i + 1)) || parent?.kind !== 'section') continue;
    const fields = Object.keys(parent.fields);
    const near = aliasOf(keys[i]!, fields) ?? closest(keys[i]!, fields);
    const fixed = near && [...keys.slice(0, i), near, ...keys.slice(i + 1)];
    if (fixed && schemaAt(fixed)) suggestion = fixed.join('.');
    break;
  }
  return `${path}: not a key of the config language${suggestion ? `; did you mean ${suggestion}?` : ''} (see docs/config.md)`;
}
