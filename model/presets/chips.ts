// Chip presets: spec-sheet numbers written exactly as a user would write them in a
// `*.chip.yaml`, each with its source. Plain data; no logic. Where a number is derived,
// its source says from what and how; where it is an assumption, the source says so.
//
// Conventions used throughout:
// - Peaks are DENSE (never 2:4-sparse) datasheet figures; one MAC = 2 operations.
// - `link.bandwidth` is per chip, per direction (NVLink 900 GB/s bidirectional -> 450 GB/s).
// - GPU/TPU/Inferentia MAC energies are derived top-down from TDP (see EFFECTIVE_MAC);
//   the jalapeno ASIC's are bottom-up from Horowitz/Accelergy, scaled to the node.
// - "hardware_specs.csv" is validation/sources/hardware_specs.csv (spec figures with sources);
//   "the primer" is docs/references/model-primer.md.

import { IDLE_RULE, POOLED_PRIOR, POOLED_SOURCES } from './pooledPrior';
import type { Preset } from './types';

// ---------- source texts shared by several presets ----------

/** The NVIDIA presets' `chip.sram` is the L2: hardware-managed (tags, ECC, slice request logic). */
const GPU_L2_CACHE =
  "cache: the L2 is a hardware-managed cache (NVIDIA architecture whitepapers), as GA100's, on whose die shot the cache figure is checked";
/** GA102 and the Ada dies carry 2 FP64 units per SM beside 128 FP32 lanes: FP64 at 1/64 of the FP32 rate. */
const GA102_ADA_FP64 =
  '1/64: two FP64 units per SM beside 128 FP32 lanes, FP64 at 1/64 of the FP32 rate (NVIDIA Ampere GA102 and Ada Lovelace architecture whitepapers; db.thegpu.guru Ada compute unit: "FP64 2 lanes", "not instantiated within each group, but rather unique within the compute unit")';
const GH100_FP64 =
  '0.5: 64 FP64 units per SM beside 128 FP32 lanes, FP64 at half the FP32 rate (each SM partition: 16 FP64, 32 FP32 units; NVIDIA Hopper architecture whitepaper)';
const GA100_FP64 =
  '0.5: 32 FP64 units per SM beside 64 FP32 lanes, FP64 at half the FP32 rate (NVIDIA A100 Tensor Core GPU architecture whitepaper), the lane LLMCompass models';
const GA100_INT32 =
  '1: 64 INT32 units per SM beside 64 FP32 lanes (NVIDIA A100 Tensor Core GPU architecture whitepaper), the lane LLMCompass models';
const GH100_INT32 =
  '0.5: 64 INT32 units per SM beside 128 FP32 lanes (each SM partition: 16 INT32, 32 FP32, 16 FP64 units; NVIDIA Hopper architecture whitepaper)';
const GA102_ADA_INT32 =
  '0.5: of the 128 FP32 lanes per SM, 64 also execute INT32 operations (each SM partition has one datapath of 16 FP32 units and one of 16 FP32/INT32 units; NVIDIA Ampere GA102 and Ada Lovelace architecture whitepapers)';
/** The GA100 die of both A100 presets (108 of 128 SMs enabled) and the GH100 die of H100 and H200 (132 of 144), as the area model reads them. */
const GA100_SILICON = {
  sram_kind: 'cache',
  spare_units: '18.5 %',
  register_file: '27 MiB',
  local_sram: '20.25 MiB',
  fp64_rate: 0.5,
  int32_rate: 1,
} as const;
const GH100_SILICON = {
  sram_kind: 'cache',
  spare_units: '9 %',
  register_file: '33 MiB',
  local_sram: '33 MiB',
  fp64_rate: 0.5,
  int32_rate: 0.5,
} as const;
const GK_H100 = 'glennklockwood.com/garden/processors/h100 (cites NVIDIA H100 datasheet), as recorded in hardware_specs.csv';
const GK_A100 =
  'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf), as recorded in hardware_specs.csv';
const L40S_DATASHEET =
  'mullet.se product page reproducing the NVIDIA L40/L40S datasheet; omegaco.ae; grokipedia NVIDIA_L4_vs_L40S (as recorded in hardware_specs.csv)';
const MI300X_SPECS =
  'alpharomercoma/MI300X-vs-H200 METHODOLOGY.md (quoting AMD specs); MLPerf Inference v4.1 closed/AMD/systems/8xMI300X_2xEPYC-9374F.json ("AMD Instinct MI300X-NPS1-SPX-192GB-750W", HBM3), as recorded in hardware_specs.csv';
const MI300A_DATASHEET =
  'AMD Instinct MI300A data sheet as quoted at vengineer.hatenablog.com/entry/2023/12/11/080000 (228 CUs, peak engine clock 2100 MHz, FP16 980.6 TFLOPS, BF16 980.6 TFLOPS, FP32 122.6 TFLOPS, INT8 1.96 POPS)';
const TPU_V5E_DOC = 'cloud.google.com/tpu/docs/v5e, as recorded in hardware_specs.csv';
const SCALING_BOOK_TPU = 'jax-ml.github.io/scaling-book/tpus (How to Scale Your Model, part 2), as quoted at haco.club/?p=308';
const NEURON_ARCH =
  'github aws-neuron/aws-neuron-sdk about-neuron/arch/neuron-hardware/{inferentia2,inf2-arch}.rst, as recorded in hardware_specs.csv';
const NKI_ARCH =
  'github aws-neuron/aws-neuron-sdk nki/about/trainium_inferentia2_arch.rst (Trainium/Inferentia2 Architecture Guide for NKI)';
const TRN2_ARCH =
  'github aws-neuron/aws-neuron-sdk about-neuron/arch/neuron-hardware/trainium2.rst (Trainium2 Architecture), as recorded in hardware_specs.csv';
/** Every NeuronCore memory is software-managed (Inferentia2, Trainium, Trainium2): SBUF is a scratchpad. */
const NEURON_SBUF_SOFTWARE_MANAGED =
  'scratchpad: SBUF, the state buffer, is loaded from and stored to HBM explicitly by the compiled program ("Unlike memory hierarchies for traditional processors (such as CPUs and GPUs), all of the memories available to a NeuronCore are software-managed": github aws-neuron/aws-neuron-sdk nki/get-started/about/memory-hierarchy-overview.rst, "The Trainium Memory Hierarchy", which covers Inferentia2 with Trainium)';
const TRN2_NKI_ARCH = 'github aws-neuron/aws-neuron-sdk nki/about/trainium2_arch.rst (Trainium2 Architecture Guide for NKI)';
const PMC_GPU_TABLE = 'pmc.ncbi.nlm.nih.gov/articles/PMC10448217, Table 3 (hardware features of V100/A100/H100)';
const EPOCH_DGX =
  'github.com/epoch-research/training-cost-trends, section "Production cost of a DGX H100 server" (quotes SemiAnalysis: DGX H100 sale price ~270,000 USD; Raymond James via Tae Kim: H100 build cost 3,320 USD incl. HBM, sold for 25,000-30,000 USD)';
/** NVIDIA's product margin on a data-centre GPU, one figure for all its GPU presets (a vendor's pricing, not a property of the die). */
const NVIDIA_GPU_MARGIN =
  "88 %: analysts' product margin of an NVIDIA data-centre GPU: H100 SXM5 manufactured for an estimated 3,320 USD (Raymond James, HBM included) and sold for 25,000-30,000 USD, " +
  EPOCH_DGX +
  "; siliconanalysts.com cost bridge: H100 gross margin 88.1 %. Higher than NVIDIA's company-wide 75.0 % (fiscal 2025 10-K, the default), which averages in systems, networking and gaming; one figure for every NVIDIA GPU preset, so a config that changes the die is priced as NVIDIA prices its GPUs";
const AWS_CAPACITY_BLOCKS =
  'Amazon EC2 Capacity Blocks for ML pricing page (aws.amazon.com/ec2/capacityblocks/pricing, captured copy; rates "scheduled to be updated on January 1, 2025"): effective accelerator-hour rates p5.48xlarge H100 4.916 USD, H200 5.408 USD, p4d.24xlarge A100-40GB 1.844 USD, trn1.32xlarge Trainium 0.968 USD';
const SERVER_SHARE =
  '6,250 USD server share per accelerator slot = (270,000 USD DGX H100 - 8 x 27,500 USD, the midpoint of the 25,000-30,000 USD H100 sale price) / 8, both figures from ' +
  EPOCH_DGX;

const EFFECTIVE_MAC =
  "effective energy per MAC including operand delivery, derived top-down because bottom-up MAC energies (Horowitz 45 nm: ~1.5 pJ per fp16 MAC) miss a GPU's register-file and data-movement costs: (TDP - idle) x 0.7 / dense MAC rate, where 0.7 is an assumed share of dynamic power spent in the matrix datapath and its operand delivery while a large GEMM runs at peak (the rest: L2/NoC, off-chip memory, control)";
const VECTOR_ENERGY =
  'Horowitz ISSCC 2014 (45 nm): FP32 multiply 3.7 pJ + FP32 add 0.9 pJ = 4.6 pJ per FMA (2 FLOPs) -> 2.3 pJ/FLOP, deliberately not scaled to the node: assumption that the node gain is offset by instruction fetch, register-file and operand-delivery overhead of a programmable SIMD unit';
const SRAM_45NM =
  'Horowitz ISSCC 2014: 64-bit read of a 1 MB SRAM 100 pJ -> 12.5 pJ/B at 45 nm (large caches and scratchpads are built from ~1 MB-class banks)';
const NODE_SCALING =
  "switching energy over 45 nm (model/silicon/processNodes.ts): C V^2 with the capacitance following the contacted gate pitch to TSMC 16FF+ (160 -> 90 nm, 0.9 -> 0.8 V: x 0.444), then the foundries' power at the same speed";
const SRAM_5NM = `${SRAM_45NM}, x 0.124 to a 4-5 nm-class process = 1.56 -> 1.6 pJ/B; 0.124 is the ${NODE_SCALING} (N7 60 % below 16FF+, N5 30 % below N7)`;
const SRAM_7NM = `${SRAM_45NM}, x 0.178 to TSMC N7/N6 = 2.22 -> 2.2 pJ/B; 0.178 is the ${NODE_SCALING} (N7 60 % below 16FF+)`;
const SRAM_8NM = `${SRAM_45NM}, x 0.267 to an 8 nm-class process = 3.33 -> 3.3 pJ/B; 0.267 is the ${NODE_SCALING} (N10 1/0.6 of N7, as N7 is 40 % below N10; Samsung 8LPP 10 % below 10LPP)`;
const HBM2_ENERGY = 'Accelergy 45 nm tables: HBM2 3.9 pJ/bit (quoted in the primer)';
const HBM2E_ENERGY = 'vendor tables put HBM2E near 6 pJ/bit (quoted in the primer)';
const HBM3_ENERGY =
  'assumption: 4.5 pJ/bit, mid-range of the HBM figures in the primer (Accelergy HBM2 3.9 pJ/bit, vendor HBM2E ~6 pJ/bit); no per-bit figure for HBM3/HBM3e was found in our sources';
const GDDR6_ENERGY = 'vendor tables: GDDR6 7.5 pJ/bit (quoted in the primer)';
const SERDES_LINK_ENERGY =
  'assumption: 5 pJ/bit for a short-reach SerDes link plus switch/peer traversal (the schema default; SerDes links are a few pJ/bit); no vendor figure found';
const PCIE_LINK_ENERGY =
  'assumption: 10 pJ/bit for PCIe Gen4 through the host root complex or a PCIe switch (upper end of the 2-10 pJ/bit SerDes range, for the extra hop); no vendor figure found';
const GPU_DISPATCH =
  POOLED_SOURCES.dispatchOverhead +
  "; no measured rows for this chip check it. Host launch paths are the runtime's (runtime.launch_overhead)";
const NVLINK_LATENCY =
  "assumption: ~1 us per NVLink/NVSwitch hop, the order of an NVLink or ICI hop; the collective library's start-up is the runtime's (runtime.collective_overhead), not this number's";
const L2_FROM_DRAM_RATIO =
  'assumption: L2 bandwidth is unpublished; taken as 3 x the DRAM bandwidth, between the L2/DRAM ratios of H100 (9.0/3.35 = 2.7) and A100 (7.2/1.555 = 4.6) in ' +
  PMC_GPU_TABLE;

/** A GPU's SMs issue the loads a memory-bound kernel waits on: they stay clocked through the waits. */
const GPU_CLOCKED =
  "false: a GPU's SMs (CUs) issue the loads and address arithmetic a memory-bound kernel waits on, so they stay clocked through its waits (the active power's share of TDP is fitted to such GPUs, model/presets/pooledPrior.ts)";
/** Arrays fed by DMA engines could gate their clocks while they wait; no source says whether these do. */
const ARRAYS_CLOCKED_ASSUMED =
  "false: assumption, the conservative case; DMA engines feed the arrays, which could gate their clocks while a step waits on memory, but no source here says whether they do (`true` draws the active power for the arrays' own cycles only: docs/model.md)";

const TPU_V4_DOC = 'cloud.google.com/tpu/docs/v4, as recorded in hardware_specs.csv';
const TPU_V4_PAPER =
  'Jouppi et al., "TPU v4: An Optically Reconfigurable Supercomputer ..." (ISCA 2023, arXiv 2304.01433), Section 2 and Table 4, as quoted in public summaries of the paper (2 TensorCores, each 4 MXUs of 128x128 and a 16 MiB VMEM, a shared 128 MiB CMEM, 1050 MHz, 7 nm); the paper itself was not read';
const GAUDI_HOTCHIPS =
  'Intel, "Intel Gaudi 3 AI Accelerator: Architected for Gen AI Training and Inference" (R. Kaplan, Hot Chips 2024), product-generation table and Gaudi 3 spec table, as reproduced at sgpjbg.com/baogao/465025.html';
const GAUDI2_LAUNCH =
  'Habana Labs Gaudi2 launch (Intel Vision, May 2022) as reported at theventurecation.com/intels-habana-labs-introduces-second-generation-ai-deep-learning-processors ("The onboard SRAM has been increased from 24MB to 48MB", "TDP of 600W", 24 Tensor processing cores, TSMC 7 nm)';
const GAUDI3_REGISTER =
  'theregister.com/2024/04/09/intel_gaudi_ai_accelerator ("eight matrix math engines, 64 tensor cores, 96 MB of SRAM cache, 16x lanes of PCIe 5.0, and 24 200GbE links ... eight stacks of older HBM2e memory for a total of 128 GB of capacity and 3.7 TBps of bandwidth")';
const GAUDI_RUNS =
  'The Intel Gaudi rows of validation/rows.csv (validation/sources/measured-gaudi*-intel.csv) were not fitted: they are out-of-sample checks of this preset';
const GAUDI_DISPATCH =
  'assumption: 2 us per operator: the SynapseAI graph compiler turns the model into a recipe that the device\'s own queue and synchronisation managers run engine by engine (Hot Chips 2024: "a unique control path and a runtime driver", servethehome.com/intel-gaudi-3-for-ai-training-and-inference), so there is no per-kernel host launch, but each MME/TPC operator still pays an engine hand-off; set between an on-chip-sequenced TPU (1 us, tpu-v5e preset) and a GPU kernel (5 us, calibrated)';
const GAUDI_HOST_LAUNCH =
  'false: with HPU graphs (optimum-habana --use_hpu_graphs, how the Intel LLM tables are run) the compiled graph is launched once per step and its operators are issued by the device (see chip.dispatch_overhead); eager mode would launch from the host';
const ROCE_LINKS = 'integrated RoCE Ethernet ports in both generations, ' + GAUDI_HOTCHIPS + '; no vendor per-hop latency figure found';

// Calibration (validation/calibrate.ts, docs/validation.md): one value per chip family for
// matrix/memory efficiency, dispatch overhead and link latency, fitted to measured rows.
const CAL_HOPPER =
  'calibrated against the 27 A-trust H100 rows of validation/rows.csv (TensorRT-LLM v0.5/v0.6.1 FP8), jointly with the Ampere family and one runtime per framework (validation/calibrate.ts, docs/validation.md); one value for all Hopper presets (h100-sxm, h200-sxm)';
const CAL_AMPERE =
  'calibrated against the 251 A-trust A100-80GB rows of validation/rows.csv (TensorRT-LLM, gpt-fast, lmdeploy, FasterTransformer, Splitwise), jointly with the Hopper family and one runtime per framework (validation/calibrate.ts, docs/validation.md); one value for all Ampere presets (a100-80gb-sxm, a100-40gb-sxm, a10g)';

const MATRIX_HOPPER =
  '52.5 %: ' +
  CAL_HOPPER +
  '. Fraction of the FP8 dense peak that TensorRT-LLM v0.5-v0.6 (runtime.gemm_efficiency 100 %, the best kernels measured on the chip) reaches end to end in prefill; it also absorbs non-GEMM work and FP16 context attention (FP8 FMHA came with v0.9). Near the lower edge of the search range 0.50-0.95';
const MEMORY_HOPPER =
  '92.5 %: ' + CAL_HOPPER + '. Identified by the long-output, large-batch throughput rows (decode streaming weights and KV cache)';
const DISPATCH_NVIDIA =
  "5 us per modelled operator: calibrated as one value for every NVIDIA family (Hopper and Ampere: the same driver and launch hardware), jointly with one runtime per framework (validation/calibrate.ts, docs/validation.md). The device's own cost per modelled operator (1-2 kernels: launch latency, ramp and tail); host launch paths, per-step and per-collective software time are the runtime's (runtime.*)";
const MATRIX_AMPERE =
  '67.5 %: ' +
  CAL_AMPERE +
  '. Fraction of the FP16 dense peak that the best kernels measured on the chip (runtime.gemm_efficiency 100 %: TensorRT-LLM, gpt-fast, lmdeploy) reach end to end in prefill; isolated large GEMMs reach 0.87-0.91 in the LLMCompass artifact rows, the difference being non-GEMM work the model does not represent';
const MEMORY_AMPERE =
  '80 %: ' +
  CAL_AMPERE +
  '. Sustained fraction of peak bandwidth in decode (gpt-fast reaches 1397 of 2039 GB/s = 69 % end to end at batch 1, with its step time included)';
const LINK_AMPERE =
  '3 us per ring step: ' +
  CAL_AMPERE +
  '. One step of an NCCL ring all-reduce (peer write, flag and synchronisation), more than a wire hop; the LLMCompass artifact measures 26 us per decode all-reduce at TP4, the model 6 x 3 us + 1 us transfer + 5 us dispatch + 5 us launch + 10 us collective start-up (generic runtime) = 39 us';

/** Inferentia2, named: Trainium (trn1) is the same chip design with twice the NeuronLinks. */
const INFERENTIA2: Preset = {
  id: 'inferentia2',
  energiesAt: '8 nm',
  kind: 'chip',
  name: 'AWS Inferentia2',
  summary:
    'AWS Inferentia2 (Inf2 instances, 2023): 2 NeuronCore-v2 with 128x128 systolic Tensor Engines, 32 GiB HBM in 2 stacks, NeuronLink-v2 (process node unpublished)',
  config: {
    name: 'AWS Inferentia2',
    chip: {
      clock: '2.8 GHz',
      tdp: '175 W',
      idle_power: '25 W',
      matrix: {
        clock_gated: false,
        peak: { bf16: '190 TFLOPS', fp16: '190 TFLOPS', fp8: '190 TFLOPS', int8: '380 TOPS', fp32: '47.5 TFLOPS' },
        efficiency: POOLED_PRIOR.matrixEfficiency,
      },
      vector: { peak: '10.4 TFLOPS' },
      sram: { capacity: '48 MiB', bandwidth: '4.9 TB/s' },
      memory: { capacity: '32 GiB', bandwidth: '820 GiB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
      link: { domain: 12, bandwidth: '96 GiB/s', latency: POOLED_PRIOR.linkLatency },
      silicon: { sram_kind: 'scratchpad' },
      fixed_function: [],
      dispatch_overhead: '1 us',
      host_launch: false,
      energy: {
        mac: { bf16: '1.11 pJ', fp16: '1.11 pJ', fp8: '1.11 pJ', int8: '0.55 pJ', fp32: '4.42 pJ' },
        vector: '2.3 pJ',
        sram: '3.3 pJ/B',
        memory: '6 pJ/bit',
        link: '5 pJ/bit',
      },
    },
    system: { topology: 'ring' },
    runtime: 'transformers-neuronx',
    cost: { chip_price: '6600 USD' },
  },
  sources: {
    runtime:
      "transformers-neuronx: the Neuron SDK's LLM serving library for Inferentia2/Trainium, which compiles static-shape graphs (model/presets/runtimes.ts); a config choosing other software sets `runtime:` itself",
    'chip.host_launch':
      'false: Neuron compiles the graph ahead of time and on-chip sequencers issue it; no per-operator host launch (see chip.dispatch_overhead)',
    'chip.clock': '2.8 GHz Tensor Engine frequency (Vector 1.12 GHz, Scalar and GpSimd 1.4 GHz): ' + NKI_ARCH,
    'chip.tdp':
      'UNSURE, assumption: 175 W; AWS publishes no per-chip power. Inferentia2 (190 TFLOPS bf16, 32 GiB HBM in 2 stacks) is in the class of TPU v4 (275 TFLOPS, 32 GiB HBM2), which measured 192 W max (cloud.google.com/tpu/docs/v4, hardware_specs.csv)',
    'chip.idle_power': IDLE_RULE + ' (13 % of the assumed 175 W = 23 W -> 25 W)',
    'chip.matrix.peak.bf16':
      '190 TFLOPS (FP16/BF16/cFP8/TF32): ' +
      NEURON_ARCH +
      '. The NKI guide gives 92 TFLOPS per Tensor Engine (184 per chip) as the maximum kernel throughput',
    'chip.matrix.peak.fp16': '190 TFLOPS (FP16/BF16/cFP8/TF32): ' + NEURON_ARCH,
    'chip.matrix.peak.fp8': '190 TFLOPS for cFP8 (configurable FP8), same rate as BF16: ' + NEURON_ARCH,
    'chip.matrix.peak.int8': '380 TOPS: ' + NEURON_ARCH,
    'chip.matrix.peak.fp32': '47.5 TFLOPS: ' + NEURON_ARCH,
    'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
    'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency,
    'chip.vector.peak':
      'derived: 2 NeuronCore-v2 x (Vector Engine 2.3 + Scalar Engine 2.9 FP32 TFLOPS) = 10.4 TFLOPS: github aws-neuron/aws-neuron-sdk about-neuron/arch/neuron-hardware/neuron-core-v2.rst',
    'chip.silicon.sram_kind': NEURON_SBUF_SOFTWARE_MANAGED,
    'chip.sram.capacity':
      '2 NeuronCore-v2 x 24 MiB SBUF (state buffer; plus a 2 MiB PSUM accumulation buffer each, not counted): ' + NKI_ARCH,
    'chip.sram.bandwidth':
      'derived from engine data-path widths and clocks in ' +
      NKI_ARCH +
      ', reading bf16 (2 B): per core Tensor 2 x 128 x 2 B x 2.8 GHz = 1.43 TB/s + Vector 128 x 2 B x 1.12 GHz = 0.29 + Scalar and GpSimd 128 x 2 B x 1.4 GHz = 0.36 each -> 2.44 TB/s; x 2 cores = 4.9 TB/s',
    'chip.memory.capacity': '32 GiB device memory (HBM, 2 stacks): ' + NEURON_ARCH,
    'chip.memory.bandwidth': '820 GiB/s: ' + NEURON_ARCH + ' (the NKI guide writes 820 GB/s)',
    'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
    'chip.link.domain':
      '12: the largest Inferentia2 instance, inf2.48xlarge, joins its 12 chips by NeuronLink-v2 (inf2-arch.rst, as recorded in hardware_specs.csv); more chips are more instances, over the network',
    'chip.link.bandwidth':
      'UNSURE: = 192 GiB/s NeuronLink-v2 per chip (inf2-arch.rst table, inf2.24x/48xlarge) / 2, assuming the table gives the total over both directions (' +
      NEURON_ARCH +
      '); the NKI guide gives Inferentia2 2 NeuronLink-v2 links',
    'chip.link.latency': POOLED_SOURCES.linkLatency,
    'chip.dispatch_overhead':
      'assumption: 1 us per operator: Neuron compiles the graph ahead of time and each engine has its own on-chip sequencer issuing instructions (' +
      NKI_ARCH +
      '), so there is no per-op host launch',
    'chip.energy.mac.bf16': '= (175 W - 25 W) x 0.7 / (190 TFLOPS / 2) = 1.11 pJ; ' + EFFECTIVE_MAC + '; rests on the assumed 175 W TDP',
    'chip.energy.mac.fp16': '= (175 W - 25 W) x 0.7 / (190 TFLOPS / 2) = 1.11 pJ; ' + EFFECTIVE_MAC,
    'chip.energy.mac.fp8': '= (175 W - 25 W) x 0.7 / (190 TFLOPS / 2) = 1.11 pJ; ' + EFFECTIVE_MAC,
    'chip.energy.mac.int8': '= (175 W - 25 W) x 0.7 / (380 TOPS / 2) = 0.55 pJ; ' + EFFECTIVE_MAC,
    'chip.energy.mac.fp32': '= (175 W - 25 W) x 0.7 / (47.5 TFLOPS / 2) = 4.42 pJ; ' + EFFECTIVE_MAC,
    'chip.energy.vector': VECTOR_ENERGY,
    'chip.energy.sram': SRAM_8NM + ' (process node unpublished; 8 nm-class assumed, conservative)',
    'chip.energy.memory': HBM2E_ENERGY + '; 820 GiB/s over 2 stacks = 410 GiB/s per stack, an HBM2E-class rate (derived)',
    'chip.energy.link': SERDES_LINK_ENERGY,
    'system.topology':
      'ring: each Inferentia2 has 2 NeuronLink-v2 links (' + NKI_ARCH + '), which join the chips of an inf2.24x/48xlarge in a ring',
    'cost.chip_price':
      'UNSURE: = 33,750 USD (h100-sxm preset) x 0.968 / 4.916 = 6,646 -> 6,600 USD, using the Trainium (trn1) rate of ' +
      AWS_CAPACITY_BLOCKS +
      ' as a proxy: Trainium and Inferentia2 share the NeuronCore-v2 chip design (' +
      NKI_ARCH +
      '); Inferentia2 has half the NeuronLinks, so this is likely an upper bound',
  },
};

export const chipPresets: readonly Preset[] = [
  // ---------------------------------------------------------------------------------------
  {
    id: 'jalapeno',
    kind: 'chip',
    name: 'Jalapeño reference ASIC',
    summary:
      'Reference INT8 LLM-inference ASIC (design point, not a product): assumed 5 nm-class die, 4 HBM3 stacks, hard-wired QKV projection, 280 W',
    config: {
      name: 'Jalapeño reference ASIC',
      chip: {
        clock: '1.2 GHz',
        process: '5 nm',
        tdp: '280 W',
        idle_power: '35 W',
        matrix: {
          clock_gated: false,
          units: 32,
          array: '128x128',
          macs_per_cycle: { int8: 1, bf16: 0.25 },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '19.7 TFLOPS' },
        sram: { capacity: '128 MiB', bandwidth: '9.8 TB/s' },
        memory: { technology: 'hbm3', stacks: 4, capacity: '96 GB', bandwidth: '3.28 TB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { phy: 'nvlink4', bandwidth: '200 GB/s', latency: '1 us' },
        silicon: { sram_kind: 'scratchpad', fp64_rate: 0 },
        fixed_function: ['qkv_projection'],
        fixed_function_supports: { attention: ['mha', 'gqa', 'mqa'], head_dim: 128 },
        dispatch_overhead: '1 us',
        host_launch: false,
        energy: {
          mac: { int8: '0.078 pJ', bf16: '0.37 pJ' },
          vector: '2.3 pJ',
          sram: '1.6 pJ/B',
          memory: '4.5 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'ring' },
      // No \`cost.chip_price\`: nobody sells this chip, so its price is modelled from its die
      // (model/silicon: wafer, yield, HBM, package, test, margin), as any unsold design's is. A
      // stated guess here was compared as if it were a vendor's price against the H100's.
    },
    sources: {
      'chip.process': 'assumption: a 5 nm-class process (see chip.clock)',
      'chip.memory.technology': 'HBM3 (see chip.memory.capacity)',
      'chip.memory.stacks': '4 HBM3 stacks (see chip.memory.capacity; 3.28 TB/s is 4 x 819.2 GB/s rounded up)',
      'chip.link.phy': '112G-class SerDes lanes (see chip.link.bandwidth)',
      'chip.host_launch':
        "false: the compiled schedule is issued by the on-chip sequencer (see chip.dispatch_overhead), so the runtime's per-kernel host launch cost does not apply; GPUs launch from the host",
      'chip.clock':
        'assumption: 1.2 GHz, a modest clock for energy efficiency on a 5 nm-class process; for scale, TPU v5e runs its MXUs at 1.5 GHz (' +
        SCALING_BOOK_TPU +
        ') and Inferentia2 its Tensor Engine at 2.8 GHz (' +
        NKI_ARCH +
        ')',
      'chip.tdp': 'seed: "peak power under 300 W"; 280 W chosen as the board power cap (assumption, leaves margin under 300 W)',
      'chip.idle_power': IDLE_RULE + ' (13 % of 280 W = 36 W -> 35 W)',
      'chip.matrix.units':
        'assumption: 32 systolic matrix units, each with its own slice of SRAM and fed by the dedicated memory controllers (seed: "matrix-multiplication units with dedicated memory controllers"). Area plausibility: TPU v5e carries 4 bf16 MXUs (cloud.google.com/tpu/docs/v5e) of 128x128 each (scaling book); an INT8 multiplier is several times smaller than a 16-bit FP one (Horowitz ISSCC 2014 area table), so 32 INT8 arrays are a small share of a 5 nm-class die (the area model sizes the whole die, docs/silicon.md). Peak INT8 = 32 x 16384 PEs x 2 ops x 1.2 GHz = 1258 TOPS',
      'chip.matrix.array':
        'assumption: 128x128 processing elements per unit, the array size of TPU MXUs (' +
        SCALING_BOOK_TPU +
        ': "128x128 systolic array") and of the Inferentia2 Tensor Engine (' +
        NKI_ARCH +
        ': "128 rows and 128 columns of processing elements")',
      'chip.matrix.macs_per_cycle.int8': 'seed: "INT8 arithmetic instead of floating point": one INT8 MAC per processing element per cycle',
      'chip.matrix.macs_per_cycle.bf16':
        'assumption: a quarter-rate bf16 mode (a bf16 significand is 8 bits, so each product can be built from the INT8 multiplier with exponent handling and an FP32 accumulate over several cycles), kept as the slower fallback path for workloads that are not quantized. 0.25 x 1258 = 315 TFLOPS bf16',
      'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
      'chip.matrix.efficiency':
        POOLED_SOURCES.matrixEfficiency +
        ". Not the ~98 % LLMCompass gives a systolic array's large tiles (quoted in the primer), which this preset used to assume: nobody has measured this chip, and the cross-validation found such a figure optimistic on every chip it was tried on (a review: it alone turned the reference's TTFT verdict against the H100 from 1.83x slower into no clear difference). Partly-filled arrays (small decode batches) are the model's job, not this number's",
      'chip.vector.peak':
        'derived: one 128-lane FP32 SIMD unit with 2 FMA ALUs per lane beside each matrix unit: 32 x 128 x 2 x 2 FLOPs x 1.2 GHz = 19.7 TFLOPS. Assumption; comparable to TPU v5e, whose vector unit is "about 10x slower than the MXU" (saisasank.com/blog/tpus-a-mental-model), i.e. ~20 TFLOPS',
      'chip.sram.capacity':
        "assumption: 128 MiB on-chip scratchpad, the size of TPU v5e's VMEM (" +
        SCALING_BOOK_TPU +
        ': "128 MiB on TPU v5e"); holds activations, the KV tile being processed and double-buffered weight tiles',
      'chip.silicon.fp64_rate':
        "0: the vector units are FP32 SIMD lanes (chip.vector.peak's derivation) beside INT8 arrays, for inference, as a TPU's vector unit: no FP64 units, where the default counts half an FP64 FPU per lane (A100's)",
      'chip.silicon.sram_kind':
        'scratchpad: the SRAM is a software-managed scratchpad, as TPU VMEM and CMEM are (see chip.sram.capacity); no tags or coherence',
      'chip.sram.bandwidth':
        'derived: each matrix unit reads one 128-byte INT8 activation vector and one 128-byte weight row per cycle: 32 units x 256 B x 1.2 GHz = 9.8 TB/s (assumption about the dataflow)',
      'chip.memory.capacity':
        'assumption: 4 HBM3 stacks x 24 GB (12-high) = 96 GB; H100 SXM carries 80 GB of HBM3 in 5 stacks (glennklockwood.com/garden/processors/h100)',
      'chip.memory.bandwidth':
        "derived: 4 HBM3 stacks x 1024-bit interface x 6.4 Gb/s per pin (JEDEC HBM3 top speed grade) / 8 = 4 x 819.2 GB/s = 3.28 TB/s; an assumption chosen to be comparable to (not better than) H100 SXM's 3.35 TB/s HBM3 (hardware_specs.csv)",
      'chip.memory.efficiency':
        POOLED_SOURCES.memoryEfficiency +
        "; not raised for the dedicated memory controllers, so the comparison is not tuned in the design's favour",
      'chip.link.bandwidth':
        'assumption: 200 GB/s per direction = 16 SerDes lanes x 100 Gb/s payload (112G PAM4-class) / 8; the same per-chip ICI bandwidth as TPU v5e (400 GB/s bidirectional per chip, ' +
        TPU_V5E_DOC +
        ')',
      'chip.link.latency':
        'assumption: ~1 us per hop, as for NVLink/ICI; below the pooled 3 us per NCCL ring step of an unmeasured chip because the compiled schedule synchronises on-chip, with no host or library in the hop',
      'chip.fixed_function':
        'seed: "hard-wired common operators (QKV projections in multi-head attention) that remove software scheduling overhead"; only the QKV projection is hard-wired because it is the only operator the seed names',
      'chip.fixed_function_supports.attention':
        'assumption: the hard-wired QKV block handles any kv-head grouping (MHA, GQA, and MQA as GQA with one kv head) because grouping only changes the K/V column count',
      'chip.fixed_function_supports.head_dim':
        'assumption: the QKV datapath is wired for head_dim 128, the head size of Llama-2/3, Mistral, Mixtral, GPT-3 and BLOOM (model presets); GPT-J (head_dim 256) falls back to the programmable path, the seed\'s "fixed function is its risk"',
      'chip.dispatch_overhead':
        'assumption: 1 us per programmable operator: the schedule is compiled ahead of time and issued by an on-chip sequencer (as TPU and Inferentia do), so there is no host kernel launch; hard-wired operators pay none',
      'chip.energy.mac.int8':
        'bottom-up: Accelergy 45 nm INT8 MAC 0.315 pJ (Horowitz: 8-bit multiply 0.2 pJ + accumulate ~0.1 pJ; both quoted in the primer) x 0.124 node scaling to 5 nm-class (see chip.energy.sram) x 2 for operand delivery, pipeline registers and accumulator writes inside the systolic array (assumption) = 0.078 pJ',
      'chip.energy.mac.bf16':
        'bottom-up: Horowitz 45 nm 16-bit FP multiply 1.1 pJ + add 0.4 pJ = 1.5 pJ (quoted in the primer) x 0.124 node scaling x 2 operand delivery (assumptions, as for int8) = 0.37 pJ',
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_5NM,
      'chip.energy.memory': HBM3_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'assumption: chips on a board joined in a ring by direct links (no switch chip, lower cost); tensor-parallel all-reduces run as ring all-reduces',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'h100-sxm',
    kind: 'chip',
    publishedDie: { name: 'GH100', mm2: 814, source: 'NVIDIA H100 Tensor Core GPU architecture whitepaper' },
    name: 'NVIDIA H100 SXM5 80GB',
    summary: 'NVIDIA Hopper GH100, TSMC 4N, 2022; 80 GB HBM3, 700 W SXM5 module, NVLink4 + NVSwitch',
    config: {
      name: 'NVIDIA H100 SXM5 80GB',
      chip: {
        clock: '1.98 GHz',
        process: '4 nm',
        tdp: '700 W',
        idle_power: '90 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '989.4 TFLOPS', fp16: '989.4 TFLOPS', fp8: '1978.9 TFLOPS', int8: '1978.9 TOPS' },
          efficiency: '52.5 %',
        },
        vector: { peak: '66.9 TFLOPS' },
        sram: { capacity: '50 MB', bandwidth: '9 TB/s' },
        memory: { technology: 'hbm3', stacks: 5, capacity: '80 GiB', bandwidth: '3.35 TB/s', efficiency: '92.5 %' },
        link: { domain: 8, phy: 'nvlink4', bandwidth: '450 GB/s', latency: '1 us' },
        fixed_function: [],
        silicon: { ...GH100_SILICON },
        dispatch_overhead: '5 us',
        energy: {
          mac: { bf16: '0.86 pJ', fp16: '0.86 pJ', fp8: '0.43 pJ', int8: '0.43 pJ' },
          vector: '2.3 pJ',
          sram: '1.6 pJ/B',
          memory: '4.5 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'reducing_switch' },
      cost: { chip_price: '33750 USD', silicon: { margin: '88 %' } },
    },
    sources: {
      'chip.process': 'TSMC 4N (an N5-family node): ' + GK_H100,
      'cost.silicon.margin': NVIDIA_GPU_MARGIN,
      'chip.memory.technology': 'HBM3: ' + GK_H100,
      'chip.memory.stacks': '5 active HBM3 stacks of 16 GB (the package carries 6 sites): ' + GK_H100,
      'chip.link.phy': 'NVLink4: 18 links of 25 GB/s per direction (900 GB/s total): ' + GK_H100,
      'chip.silicon.sram_kind': GPU_L2_CACHE,
      'chip.silicon.spare_units': '9 %: 132 SMs enabled of the 144 on a full GH100 (NVIDIA Hopper architecture whitepaper)',
      'chip.silicon.fp64_rate': GH100_FP64,
      'chip.silicon.int32_rate': GH100_INT32,
      'chip.silicon.register_file': '33 MiB = 132 SMs x 256 KB register file per SM (NVIDIA Hopper architecture whitepaper)',
      'chip.silicon.local_sram': '33 MiB = 132 SMs x 256 KB combined L1 / shared memory per SM (NVIDIA Hopper architecture whitepaper)',
      'chip.clock':
        'max boost 1.98 GHz: glennklockwood.com/garden/processors/h100 ("1.83 GHz (low precision), 1.98 GHz (high precision)") and prohardver.hu/hir/nvidia_reszletezte_h100_gyorsitok_specifikacio.html (NVIDIA final spec table, GPU boost 1.98 GHz). The dense tensor peaks correspond to ~1.83 GHz',
      'chip.tdp': '700 W: ' + GK_H100,
      'chip.idle_power': IDLE_RULE + ' (13 % of 700 W = 91 W -> 90 W)',
      'chip.matrix.peak.bf16': '989.4 TFLOPS dense (1978.9 sparse): ' + GK_H100,
      'chip.matrix.peak.fp16':
        '989.4 TFLOPS dense, same as BF16: glennklockwood.com/garden/processors/h100 performance table (FP16 matrix 989.4)',
      'chip.matrix.peak.fp8': '1978.9 TFLOPS dense (3957.8 sparse): ' + GK_H100,
      'chip.matrix.peak.int8': '1978.9 TOPS dense (3957.8 sparse): ' + GK_H100,
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': MATRIX_HOPPER,
      'chip.vector.peak':
        '66.9 TFLOPS FP32 (non-tensor VFMA): glennklockwood.com/garden/processors/h100 performance table; NVIDIA spec table "FP32 67 TFLOPS" (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html)',
      'chip.sram.capacity':
        'L2 50 MB: NVIDIA H100 SXM spec table, "L2 Cache Size 50 MB" (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html)',
      'chip.sram.bandwidth':
        'L2 bandwidth 8986 GB/s for H100 in ' +
        PMC_GPU_TABLE +
        ' (full GH100 at 1755 MHz; not separately given for the SXM5 part) -> 9 TB/s',
      'chip.memory.capacity':
        '80 GiB HBM3: ' +
        GK_H100 +
        '; the marketed "80GB" is 80 GiB of HBM (5 stacks x 16 GiB; nvidia-smi reports ~81,920 MiB): two measured configurations (validation rows C0030, C0165) need 82 GB and ran',
      'chip.memory.bandwidth': '3.35 TB/s: ' + GK_H100 + '; codesota.com/hardware/h100 "3,350 GB/s" (LLM-Viewer uses 3072 GB/s instead)',
      'chip.memory.efficiency': MEMORY_HOPPER,
      'chip.link.domain':
        '8: the HGX H100 board joins 8 GPUs through NVSwitch (DGX H100); an NVLink domain beyond it needs the external NVLink Switch System, not modelled here: ' +
        GK_H100,
      'chip.link.bandwidth': '= 900 GB/s NVLink4 (total, both directions) / 2: ' + GK_H100,
      'chip.link.latency': NVLINK_LATENCY,
      'chip.dispatch_overhead': DISPATCH_NVIDIA,
      'chip.energy.mac.bf16': '= (700 W - 90 W) x 0.7 / (989.4 TFLOPS / 2) = 0.86 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp16': '= (700 W - 90 W) x 0.7 / (989.4 TFLOPS / 2) = 0.86 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8': '= (700 W - 90 W) x 0.7 / (1978.9 TFLOPS / 2) = 0.43 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (700 W - 90 W) x 0.7 / (1978.9 TOPS / 2) = 0.43 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_5NM + ' (TSMC 4N)',
      'chip.energy.memory': HBM3_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'reducing_switch: HGX/DGX H100 connect the 8 GPUs through NVLink switches that can reduce in the network (NVLink SHARP)',
      'cost.chip_price':
        '= 270,000 USD estimated DGX H100 sale price (8 GPUs incl. CPUs, NICs and NVSwitch baseboard) / 8 = 33,750 USD: ' + EPOCH_DGX,
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'h200-sxm',
    kind: 'chip',
    publishedDie: { name: 'GH100', mm2: 814, source: 'NVIDIA H100 Tensor Core GPU architecture whitepaper (the same die)' },
    name: 'NVIDIA H200 SXM 141GB',
    summary: 'NVIDIA Hopper GH100 (same compute as H100), TSMC 4N, 2024; 141 GiB HBM3e, 700 W SXM module, NVLink4 + NVSwitch',
    config: {
      name: 'NVIDIA H200 SXM 141GB',
      chip: {
        clock: '1.98 GHz',
        process: '4 nm',
        tdp: '700 W',
        idle_power: '90 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '989.4 TFLOPS', fp16: '989.4 TFLOPS', fp8: '1978.9 TFLOPS', int8: '1978.9 TOPS' },
          efficiency: '52.5 %',
        },
        vector: { peak: '66.9 TFLOPS' },
        sram: { capacity: '50 MB', bandwidth: '9 TB/s' },
        memory: { technology: 'hbm3e', stacks: 6, capacity: '141 GiB', bandwidth: '4.8 TB/s', efficiency: '92.5 %' },
        link: { domain: 8, phy: 'nvlink4', bandwidth: '450 GB/s', latency: '1 us' },
        fixed_function: [],
        silicon: { ...GH100_SILICON },
        dispatch_overhead: '5 us',
        energy: {
          mac: { bf16: '0.86 pJ', fp16: '0.86 pJ', fp8: '0.43 pJ', int8: '0.43 pJ' },
          vector: '2.3 pJ',
          sram: '1.6 pJ/B',
          memory: '4.5 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'reducing_switch' },
      cost: { chip_price: '37100 USD', silicon: { margin: '88 %' } },
    },
    sources: {
      'chip.process': 'same GH100 silicon as H100 SXM, TSMC 4N (glennklockwood.com/garden/processors/h100)',
      'cost.silicon.margin': NVIDIA_GPU_MARGIN,
      'chip.memory.technology': 'HBM3e: NVIDIA/TensorRT-LLM docs/source/blogs/H200launch.md, as recorded in hardware_specs.csv',
      'chip.memory.stacks': '6 stacks of 24 GiB (141 GiB usable of 144: glennklockwood.com/garden/processors/h100, "144 GB of HBM3e")',
      'chip.link.phy': 'NVLink4, as H100 SXM',
      'chip.silicon.sram_kind': GPU_L2_CACHE,
      'chip.silicon.spare_units': '9 %: 132 SMs enabled of 144 (same GH100 as H100 SXM)',
      'chip.silicon.fp64_rate': GH100_FP64,
      'chip.silicon.int32_rate': GH100_INT32,
      'chip.silicon.register_file': '33 MiB = 132 SMs x 256 KB (same GH100 as H100 SXM)',
      'chip.silicon.local_sram': '33 MiB = 132 SMs x 256 KB L1 / shared memory (same GH100 as H100 SXM)',
      'chip.clock':
        'same GH100 silicon as H100 SXM ("H200 GPUs are the same as H100 GPUs ... just with 144 GB of HBM3e", glennklockwood.com/garden/processors/h100): 1.98 GHz max boost as in the h100-sxm preset',
      'chip.tdp': '700 W TBP: alpharomercoma/MI300X-vs-H200 METHODOLOGY.md, as recorded in hardware_specs.csv',
      'chip.idle_power': IDLE_RULE + ' (13 % of 700 W = 91 W -> 90 W)',
      'chip.matrix.peak.bf16':
        '989.4 TFLOPS dense: alpharomercoma/MI300X-vs-H200 METHODOLOGY.md ("same Hopper compute as H100 SXM"), as recorded in hardware_specs.csv',
      'chip.matrix.peak.fp16':
        '989.4 TFLOPS dense, same Hopper tensor cores as H100 SXM (FP16 = BF16 rate, glennklockwood.com/garden/processors/h100)',
      'chip.matrix.peak.fp8': '1978.9 TFLOPS dense: alpharomercoma/MI300X-vs-H200 METHODOLOGY.md, as recorded in hardware_specs.csv',
      'chip.matrix.peak.int8': '1978.9 TOPS dense, same Hopper tensor cores as H100 SXM (INT8 = FP8 rate, ' + GK_H100 + ')',
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': MATRIX_HOPPER,
      'chip.vector.peak': '66.9 TFLOPS FP32, same GH100 as H100 SXM (glennklockwood.com/garden/processors/h100)',
      'chip.sram.capacity': 'L2 50 MB, same GH100 as H100 SXM (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html)',
      'chip.sram.bandwidth': 'L2 bandwidth 8986 GB/s for H100 in ' + PMC_GPU_TABLE + ', same die -> 9 TB/s',
      'chip.memory.capacity':
        '141 GiB HBM3e: NVIDIA/TensorRT-LLM docs/source/blogs/H200launch.md ("memory capacity nearly 2X to 141 gigabytes"), as recorded in hardware_specs.csv. Binary, as DRAM dies are (a stack of 24 Gb dies holds 24 GiB) and as NVIDIA\'s other figures are: nvidia-smi reports 81,559 MiB on an "80GB" H100 (github.com/modal-labs/modal-client/pull/2797) and 143,771 MiB (140.4 GiB) on an H200, where 141 decimal GB would be 131 GiB',
      'chip.memory.bandwidth':
        '4.8 TB/s: NVIDIA/TensorRT-LLM docs/source/blogs/H200launch.md ("first GPU with HBM3e memory with 4.8TB/s"), as recorded in hardware_specs.csv',
      'chip.memory.efficiency': MEMORY_HOPPER,
      'chip.link.domain': '8: the HGX H200 board joins 8 GPUs through NVSwitch, as the HGX H100',
      'chip.link.bandwidth':
        '= 900 GB/s NVLink4 (both directions) / 2: openmetal.io (H200 SXM5 "NVLink 4.0 at 900 GB/s bidirectional bandwidth per GPU"), saulelectric.com ("450GB/s unidirectional")',
      'chip.link.latency': NVLINK_LATENCY,
      'chip.dispatch_overhead': DISPATCH_NVIDIA,
      'chip.energy.mac.bf16': '= (700 W - 90 W) x 0.7 / (989.4 TFLOPS / 2) = 0.86 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp16': '= (700 W - 90 W) x 0.7 / (989.4 TFLOPS / 2) = 0.86 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8': '= (700 W - 90 W) x 0.7 / (1978.9 TFLOPS / 2) = 0.43 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (700 W - 90 W) x 0.7 / (1978.9 TOPS / 2) = 0.43 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_5NM + ' (TSMC 4N)',
      'chip.energy.memory': HBM3_ENERGY + ' (HBM3e)',
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'reducing_switch: HGX H200 connects 8 GPUs through NVLink switches (NVLink SHARP, as HGX H100) (openmetal.io: "connects to other GPUs via NVLink 4.0 ... through NVIDIA\'s NVSwitch fabric")',
      'cost.chip_price':
        '= 33,750 USD (h100-sxm preset) x 5.408 / 4.916, the H200/H100 ratio of ' +
        AWS_CAPACITY_BLOCKS +
        ' = 37,128 -> 37,100 USD; assumes rental rates scale with capital cost',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'a100-80gb-sxm',
    kind: 'chip',
    publishedDie: { name: 'GA100', mm2: 826, source: 'NVIDIA A100 Tensor Core GPU architecture whitepaper' },
    name: 'NVIDIA A100 SXM4 80GB',
    summary: 'NVIDIA Ampere GA100, TSMC 7 nm (N7), 2020; 80 GB HBM2e, 400 W SXM4 module, NVLink3 + NVSwitch',
    config: {
      name: 'NVIDIA A100 SXM4 80GB',
      chip: {
        clock: '1.41 GHz',
        process: '7 nm',
        tdp: '400 W',
        idle_power: '50 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '312 TFLOPS', fp16: '312 TFLOPS', int8: '624 TOPS', int4: '1248 TOPS' },
          efficiency: '67.5 %',
        },
        vector: { peak: '19.5 TFLOPS' },
        sram: { capacity: '40 MiB', bandwidth: '7.2 TB/s' },
        memory: { technology: 'hbm2e', stacks: 5, capacity: '80 GiB', bandwidth: '2039 GB/s', efficiency: '80 %' },
        link: { domain: 8, phy: 'nvlink3', bandwidth: '300 GB/s', latency: '3 us' },
        fixed_function: [],
        silicon: { ...GA100_SILICON },
        dispatch_overhead: '5 us',
        energy: {
          mac: { bf16: '1.57 pJ', fp16: '1.57 pJ', int8: '0.79 pJ', int4: '0.39 pJ' },
          vector: '2.3 pJ',
          sram: '2.2 pJ/B',
          memory: '6 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'ring' },
      cost: { chip_price: '14000 USD', silicon: { margin: '88 %' } },
    },
    sources: {
      'chip.process': 'TSMC N7: ' + GK_A100,
      'cost.silicon.margin': NVIDIA_GPU_MARGIN,
      'chip.memory.technology': 'HBM2e: ' + GK_A100,
      'chip.memory.stacks': '5 active HBM2e stacks of 16 GB (6 sites on the package): ' + GK_A100,
      'chip.link.phy': 'NVLink3: 12 links of 25 GB/s per direction (LLMCompass GA100.json)',
      'chip.silicon.sram_kind': GPU_L2_CACHE,
      'chip.silicon.spare_units':
        '18.5 %: 108 SMs enabled of the 128 on a full GA100 (NVIDIA A100 Tensor Core GPU architecture whitepaper)',
      'chip.silicon.fp64_rate': GA100_FP64,
      'chip.silicon.int32_rate': GA100_INT32,
      'chip.silicon.register_file': '27 MiB = 108 SMs x 256 KB register file per SM (NVIDIA A100 whitepaper)',
      'chip.silicon.local_sram': '20.25 MiB = 108 SMs x 192 KB combined L1 / shared memory per SM (NVIDIA A100 whitepaper)',
      'chip.clock':
        '1410 MHz boost: upb-pc2 wiki deviceQuery ("GPU Max Clock rate: 1410 MHz"); LLMCompass configs/GA100.json (frequency_Hz 1410e6), as recorded in hardware_specs.csv',
      'chip.tdp': '400 W (SXM): ' + GK_A100,
      'chip.idle_power': IDLE_RULE + ' (13 % of 400 W = 52 W -> 50 W)',
      'chip.matrix.peak.bf16': '312 TFLOPS dense (624 sparse): ' + GK_A100,
      'chip.matrix.peak.fp16': '312 TFLOPS dense (FP16/BF16 tensor, dense): ' + GK_A100,
      'chip.matrix.peak.int8': '624 TOPS dense: ' + GK_A100 + '. A100 has no FP8',
      'chip.matrix.peak.int4':
        '1248 TOPS dense: upb-pc2.atlassian.net/wiki/spaces/PC2DOK/pages/1900609 (NVIDIA A100 table: "INT4-Performance 1.248 TOPS / 2.496 TOPS*", * = with sparsity)',
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': MATRIX_AMPERE,
      'chip.vector.peak':
        '19.5 TFLOPS FP32 (non-tensor): upb-pc2.atlassian.net/wiki/spaces/PC2DOK/pages/1900609 (NVIDIA A100 table "FP32-Performance 19,5 TFLOPS")',
      'chip.sram.capacity':
        'L2 40 MB (deviceQuery: 41943040 bytes = 40 MiB): thundercompute.com/blog/nvidia-a100-specs-full-guide; upb-pc2 wiki, as recorded in hardware_specs.csv',
      'chip.sram.bandwidth': 'L2 bandwidth 7219 GB/s for A100 at 1410 MHz in ' + PMC_GPU_TABLE + ' -> 7.2 TB/s',
      'chip.memory.capacity':
        '80 GiB HBM2e: ' +
        GK_A100 +
        '; thundercompute.com/blog/nvidia-a100-specs-full-guide; the marketed "80GB" is 80 GiB of HBM (5 stacks x 16 GiB; nvidia-smi reports ~81,920 MiB): two measured configurations (validation rows C0030, C0165) need 82 GB and ran',
      'chip.memory.bandwidth': '2,039 GB/s: ' + GK_A100 + '; thundercompute.com/blog/nvidia-a100-specs-full-guide',
      'chip.memory.efficiency': MEMORY_AMPERE,
      'chip.link.domain': '8: the HGX A100 board joins 8 GPUs through 6 NVSwitch chips (DGX A100): ' + GK_A100,
      'chip.link.bandwidth': '= 600 GB/s NVLink3 (300 + 300) / 2: ' + GK_A100 + '; LLMCompass GA100.json: 12 links x 25 GB/s per direction',
      'chip.link.latency': LINK_AMPERE,
      'chip.dispatch_overhead': DISPATCH_NVIDIA,
      'chip.energy.mac.bf16': '= (400 W - 50 W) x 0.7 / (312 TFLOPS / 2) = 1.57 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp16': '= (400 W - 50 W) x 0.7 / (312 TFLOPS / 2) = 1.57 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (400 W - 50 W) x 0.7 / (624 TOPS / 2) = 0.79 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int4': '= (400 W - 50 W) x 0.7 / (1248 TOPS / 2) = 0.39 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_7NM + ' (TSMC N7)',
      'chip.energy.memory': HBM2E_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'ring: DGX/HGX A100 connect 8 GPUs through six NVSwitch chips (geektopia.es, DGX A100 launch: "se sustentan en seis NVSwitch"), but A100-generation NVSwitch has no in-network reduction (NVLink SHARP arrived with the H100 generation), so NCCL all-reduces run as rings over the switch: 2(N-1) steps (a recursive halving/doubling `switch` model fits worse: 16.4 % / 49.8 % vs 14.8 % / 40.4 % over all A-trust rows). Fit evidence: docs/validation.md',
      'cost.chip_price':
        'assumption: 10 % above the 40 GB part (12,700 USD, a100-40gb-sxm preset) for the larger, faster HBM2e = 13,970 -> 14,000 USD; no public price of the 80 GB SXM part was found (2026 listings quote 8,000-15,000 USD new: aitooldiscovery.com/ai-infra/nvidia-a100-specs-price)',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'a100-40gb-sxm',
    kind: 'chip',
    publishedDie: { name: 'GA100', mm2: 826, source: 'NVIDIA A100 Tensor Core GPU architecture whitepaper' },
    name: 'NVIDIA A100 SXM4 40GB',
    summary: 'NVIDIA Ampere GA100, TSMC 7 nm (N7), 2020; 40 GB HBM2, 400 W SXM4 module, NVLink3 + NVSwitch (AWS p4d)',
    config: {
      name: 'NVIDIA A100 SXM4 40GB',
      chip: {
        clock: '1.41 GHz',
        process: '7 nm',
        tdp: '400 W',
        idle_power: '50 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '312 TFLOPS', fp16: '312 TFLOPS', int8: '624 TOPS', int4: '1248 TOPS' },
          efficiency: '67.5 %',
        },
        vector: { peak: '19.5 TFLOPS' },
        sram: { capacity: '40 MiB', bandwidth: '7.2 TB/s' },
        memory: { technology: 'hbm2', stacks: 5, capacity: '40 GiB', bandwidth: '1555 GB/s', efficiency: '80 %' },
        link: { domain: 8, phy: 'nvlink3', bandwidth: '300 GB/s', latency: '3 us' },
        fixed_function: [],
        silicon: { ...GA100_SILICON },
        dispatch_overhead: '5 us',
        energy: {
          mac: { bf16: '1.57 pJ', fp16: '1.57 pJ', int8: '0.79 pJ', int4: '0.39 pJ' },
          vector: '2.3 pJ',
          sram: '2.2 pJ/B',
          memory: '3.9 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'ring' },
      cost: { chip_price: '12700 USD', silicon: { margin: '88 %' } },
    },
    sources: {
      'chip.process': 'TSMC N7: ' + GK_A100,
      'cost.silicon.margin': NVIDIA_GPU_MARGIN,
      'chip.memory.technology': 'HBM2: ' + GK_A100,
      'chip.memory.stacks': '5 active HBM2 stacks of 8 GB (6 sites on the package): ' + GK_A100,
      'chip.link.phy': 'NVLink3: 12 links of 25 GB/s per direction (LLMCompass GA100.json)',
      'chip.silicon.sram_kind': GPU_L2_CACHE,
      'chip.silicon.spare_units': '18.5 %: 108 SMs enabled of the 128 on a full GA100 (NVIDIA A100 whitepaper)',
      'chip.silicon.fp64_rate': GA100_FP64,
      'chip.silicon.int32_rate': GA100_INT32,
      'chip.silicon.register_file': '27 MiB = 108 SMs x 256 KB (NVIDIA A100 whitepaper)',
      'chip.silicon.local_sram': '20.25 MiB = 108 SMs x 192 KB L1 / shared memory (NVIDIA A100 whitepaper)',
      'chip.clock':
        '1410 MHz boost: upb-pc2 wiki deviceQuery of an A100 40GB ("GPU Max Clock rate: 1410 MHz"), as recorded in hardware_specs.csv',
      'chip.tdp': '400 W (SXM): ' + GK_A100,
      'chip.idle_power': IDLE_RULE + ' (13 % of 400 W = 52 W -> 50 W)',
      'chip.matrix.peak.bf16': '312 TFLOPS dense (624 sparse): ' + GK_A100,
      'chip.matrix.peak.fp16': '312 TFLOPS dense (FP16/BF16 tensor, dense): ' + GK_A100,
      'chip.matrix.peak.int8': '624 TOPS dense: ' + GK_A100 + '. A100 has no FP8',
      'chip.matrix.peak.int4':
        '1248 TOPS dense: upb-pc2.atlassian.net/wiki/spaces/PC2DOK/pages/1900609 (NVIDIA A100 40GB table: "INT4-Performance 1.248 TOPS / 2.496 TOPS*", * = with sparsity)',
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': MATRIX_AMPERE,
      'chip.vector.peak':
        '19.5 TFLOPS FP32 (non-tensor): upb-pc2.atlassian.net/wiki/spaces/PC2DOK/pages/1900609 (NVIDIA A100 40GB table "FP32-Performance 19,5 TFLOPS")',
      'chip.sram.capacity':
        'L2 40 MB (deviceQuery: 41943040 bytes = 40 MiB): upb-pc2 wiki; thundercompute.com, as recorded in hardware_specs.csv',
      'chip.sram.bandwidth': 'L2 bandwidth 7219 GB/s for A100 at 1410 MHz in ' + PMC_GPU_TABLE + ' -> 7.2 TB/s',
      'chip.memory.capacity': '40 GiB HBM2: ' + GK_A100 + '; the marketed "40GB" is 40 GiB of HBM (5 stacks x 8 GiB)',
      'chip.memory.bandwidth': '1,555 GB/s: ' + GK_A100,
      'chip.memory.efficiency': MEMORY_AMPERE,
      'chip.link.domain': '8: the HGX A100 board joins 8 GPUs through 6 NVSwitch chips (DGX A100): ' + GK_A100,
      'chip.link.bandwidth': '= 600 GB/s NVLink3 (300 + 300) / 2: ' + GK_A100 + '; LLMCompass GA100.json: 12 links x 25 GB/s per direction',
      'chip.link.latency': LINK_AMPERE,
      'chip.dispatch_overhead': DISPATCH_NVIDIA,
      'chip.energy.mac.bf16': '= (400 W - 50 W) x 0.7 / (312 TFLOPS / 2) = 1.57 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp16': '= (400 W - 50 W) x 0.7 / (312 TFLOPS / 2) = 1.57 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (400 W - 50 W) x 0.7 / (624 TOPS / 2) = 0.79 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int4': '= (400 W - 50 W) x 0.7 / (1248 TOPS / 2) = 0.39 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_7NM + ' (TSMC N7)',
      'chip.energy.memory': HBM2_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'ring: DGX/HGX A100 (and AWS p4d, "NVLink gen 3 (600 GB/s)": gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e) connect 8 GPUs through six NVSwitch chips (geektopia.es DGX A100 launch article); A100-generation NVSwitch has no in-network reduction, so NCCL all-reduces run as rings over the switch: 2(N-1) steps',
      'cost.chip_price':
        '= 33,750 USD (h100-sxm preset) x 1.844 / 4.916, the A100-40GB/H100 ratio of ' +
        AWS_CAPACITY_BLOCKS +
        ' = 12,660 -> 12,700 USD; assumes rental rates scale with capital cost (the 2020 DGX A100 launch price, ~200,000 USD for 8 GPUs per geektopia.es, reflects launch-era pricing instead)',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'a10g',
    kind: 'chip',
    publishedDie: { name: 'GA102', mm2: 628.4, source: 'NVIDIA Ampere GA102 GPU architecture whitepaper' },
    name: 'NVIDIA A10G (AWS G5)',
    summary: 'NVIDIA Ampere GA102 (Samsung 8 nm), AWS-specific variant of the A10, 2021; 24 GB GDDR6, 300 W, PCIe Gen4 (no NVLink)',
    config: {
      name: 'NVIDIA A10G (AWS G5)',
      chip: {
        clock: '1.695 GHz',
        process: '8 nm',
        tdp: '300 W',
        idle_power: '40 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '70 TFLOPS', fp16: '70 TFLOPS', int8: '140 TOPS' },
          efficiency: '67.5 %',
        },
        vector: { peak: '31.2 TFLOPS' },
        sram: { capacity: '6 MiB', bandwidth: '1.8 TB/s' },
        memory: { technology: 'gddr6', stacks: 12, capacity: '24 GB', bandwidth: '600 GB/s', efficiency: '80 %' },
        link: { domain: 8, phy: 'pcie4', bandwidth: '32 GB/s', latency: '3 us' },
        fixed_function: [],
        silicon: {
          sram_kind: 'cache',
          spare_units: '16.7 %',
          register_file: '18 MiB',
          local_sram: '9 MiB',
          fp64_rate: 0.015625,
          int32_rate: 0.5,
        },
        dispatch_overhead: '5 us',
        energy: {
          mac: { bf16: '5.2 pJ', fp16: '5.2 pJ', int8: '2.6 pJ' },
          vector: '2.3 pJ',
          sram: '3.3 pJ/B',
          memory: '7.5 pJ/bit',
          link: '10 pJ/bit',
        },
      },
      system: { topology: 'ring' },
      cost: { chip_price: '3100 USD', silicon: { margin: '88 %' } },
    },
    sources: {
      'chip.clock': '1695 MHz boost clock of the A10 (NVIDIA A10 datasheet); used by the area model to turn the peak into MACs per cycle',
      'chip.process': 'Samsung 8 nm (8N): NVIDIA Ampere GA102 whitepaper',
      'cost.silicon.margin': NVIDIA_GPU_MARGIN,
      'chip.memory.technology': 'GDDR6: baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference',
      'chip.memory.stacks': '12 x32 GDDR6 devices of 2 GB on the 384-bit bus (sysrqmts.com: 384 bit)',
      'chip.link.phy': 'PCIe 4.0 x16, no NVLink (sysrqmts.com A10 spec table)',
      'chip.silicon.sram_kind': GPU_L2_CACHE,
      'chip.silicon.spare_units':
        '16.7 %: 72 SMs enabled of the 84 on a full GA102 (NVIDIA GA102 whitepaper; A10: 9,216 CUDA cores = 72 SMs)',
      'chip.silicon.register_file': '18 MiB = 72 SMs x 256 KB register file per SM (NVIDIA GA102 whitepaper)',
      'chip.silicon.local_sram': '9 MiB = 72 SMs x 128 KB L1 / shared memory per SM (NVIDIA GA102 whitepaper)',
      'chip.silicon.fp64_rate': GA102_ADA_FP64,
      'chip.silicon.int32_rate': GA102_ADA_INT32,
      'chip.tdp':
        '300 W: TDP from nvidia-smi on AWS g5 instances (gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e, "A10G | G5 | ... | 300W")',
      'chip.idle_power': IDLE_RULE + ' (13 % of 300 W = 39 W -> 40 W)',
      'chip.matrix.peak.bf16':
        'UNSURE, assumption: NVIDIA/AWS publish no A10G tensor peak (hardware_specs.csv: "A10G tensor TFLOPS not published by AWS ... UNKNOWN"). Baseten (baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference) states the A10 "prioritizes tensor compute" over the A10G; we assume the A10G runs FP16/BF16 tensor math with FP32 accumulate at half the full GA102 rate: 512 FLOP/clk/SM (full rate 1024, = A40 datasheet 149.7 TFLOPS / (84 SMs x 1.74 GHz), ecer.com A40 datasheet copy) x an assumed 80 SMs x 1.71 GHz = 70 TFLOPS. Decode on A10G is bandwidth-bound, so this mainly affects prefill',
      'chip.matrix.peak.fp16': 'UNSURE, assumption: same as bf16 (70 TFLOPS), see chip.matrix.peak.bf16',
      'chip.matrix.peak.int8':
        'UNSURE, assumption: 2 x the assumed FP16 rate = 140 TOPS (GA102 tensor cores run INT8 at twice the FP16 rate: A40 datasheet copy at ecer.com, 149.7 FP16 vs 299.3 INT8 TOPS)',
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': MATRIX_AMPERE,
      'chip.vector.peak':
        '31.2 TFLOPS: the A10\'s FP32 rate (sysrqmts.com A10 PCIe spec table "FP32 31.24 TFLOPS"), used as a floor: Baseten states the A10G has higher CUDA-core performance than the A10',
      'chip.sram.capacity':
        'L2 6 MiB: GA10x GPUs have "6144 KB L2 Cache (12 32-bit memory controllers (384-bit total), 512 KB of L2 cache is paired with each 32-bit memory controller)" (NVIDIA GA102 whitepaper as quoted at gist.521000.best/getianao); the A10/A10G use the full 384-bit bus (sysrqmts.com: 384 bit, L2 6 MB)',
      'chip.sram.bandwidth': L2_FROM_DRAM_RATIO + ': 3 x 600 GB/s = 1.8 TB/s',
      'chip.memory.capacity':
        '24 GB GDDR6: baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference ("24 gigabytes of GDDR6 VRAM with a memory bandwidth of 600 gigabytes per second"), as recorded in hardware_specs.csv',
      'chip.memory.bandwidth': '600 GB/s: baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference, as recorded in hardware_specs.csv',
      'chip.memory.efficiency': MEMORY_AMPERE,
      'chip.link.domain': '8: the largest A10G instance, g5.48xlarge, holds 8 GPUs on PCIe (no NVLink)',
      'chip.link.bandwidth':
        '= 64 GB/s bidirectional PCIe Gen4 x16 / 2: A10 uses "PCIe 4.0 x16" (sysrqmts.com A10 spec table); a Gen4 x16 link is "64GB/s bidirectional" (L40S datasheet, ' +
        L40S_DATASHEET +
        '); multi-GPU g5 instances connect GPUs over PCIe (gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e: "g5.12xlarge | 4 | 24 GB | PCIe")',
      'chip.link.latency':
        '3 us per ring step: ' +
        CAL_AMPERE +
        '. One value for the family; on A10G a step is a PCIe peer-to-peer transfer through the host (2 us before calibration), and the value also absorbs NCCL protocol latency. A10G itself is checked only against the B-trust llm-perf-bench rows (docs/validation.md)',
      'chip.dispatch_overhead': DISPATCH_NVIDIA,
      'chip.energy.mac.bf16':
        '= (300 W - 40 W) x 0.7 / (70 TFLOPS / 2) = 5.2 pJ; ' +
        EFFECTIVE_MAC +
        '. High because the assumed tensor rate is low for the board power',
      'chip.energy.mac.fp16': '= (300 W - 40 W) x 0.7 / (70 TFLOPS / 2) = 5.2 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (300 W - 40 W) x 0.7 / (140 TOPS / 2) = 2.6 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_8NM + ' (Samsung 8 nm)',
      'chip.energy.memory': GDDR6_ENERGY,
      'chip.energy.link': PCIE_LINK_ENERGY,
      'system.topology':
        'PCIe: g5 multi-GPU instances have no NVLink (gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e: "PCIe"); GPUs meet at the host root complex / PCIe switch, which cannot reduce in the network: all-reduces run as rings (2(N-1) steps)',
      'cost.chip_price':
        'UNSURE, derived from cloud prices (A10G is sold only inside AWS): 12,700 USD (a100-40gb-sxm preset) x 1.006 / (32.688 / 8) = 3,127 -> 3,100 USD, where 1.006 USD/h is on-demand g5.xlarge with 1 A10G (main.d1m6t5n8e4tvia.amplifyapp.com EC2 on-demand pricing article, us-east-1, June 2026) and 32.688 USD/h is p4d with 8 A100-40GB (theneuralbase.com/ai-infrastructure/learn/intermediate/aws-p5-p4-g5-instances); secondary sources; assumes rental ratio = capital ratio',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'l40s',
    kind: 'chip',
    publishedDie: { name: 'AD102', mm2: 608.5, source: 'NVIDIA Ada Lovelace GPU architecture whitepaper' },
    name: 'NVIDIA L40S 48GB',
    summary: 'NVIDIA Ada Lovelace AD102, TSMC 4N (5 nm-class), 2023; 48 GB GDDR6, 350 W, PCIe Gen4 (no NVLink)',
    config: {
      name: 'NVIDIA L40S 48GB',
      chip: {
        clock: '2.52 GHz',
        process: '4 nm',
        tdp: '350 W',
        idle_power: '45 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '362.05 TFLOPS', fp16: '362.05 TFLOPS', fp8: '733 TFLOPS', int8: '733 TOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '91.6 TFLOPS' },
        sram: { capacity: '96 MiB', bandwidth: '2.6 TB/s' },
        memory: { technology: 'gddr6', stacks: 24, capacity: '48 GB', bandwidth: '864 GB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 8, phy: 'pcie4', bandwidth: '32 GB/s', latency: POOLED_PRIOR.linkLatency },
        fixed_function: [],
        silicon: {
          sram_kind: 'cache',
          spare_units: '1.4 %',
          register_file: '35.5 MiB',
          local_sram: '17.75 MiB',
          fp64_rate: 0.015625,
          int32_rate: 0.5,
        },
        dispatch_overhead: POOLED_PRIOR.dispatchOverhead,
        energy: {
          mac: { bf16: '1.18 pJ', fp16: '1.18 pJ', fp8: '0.58 pJ', int8: '0.58 pJ' },
          vector: '2.3 pJ',
          sram: '1.6 pJ/B',
          memory: '7.5 pJ/bit',
          link: '10 pJ/bit',
        },
      },
      system: { topology: 'ring' },
      cost: { chip_price: '5700 USD', silicon: { margin: '88 %' } },
    },
    sources: {
      'chip.process': 'TSMC 4N: NVIDIA Ada Lovelace architecture whitepaper (AD102)',
      'cost.silicon.margin': NVIDIA_GPU_MARGIN,
      'chip.memory.technology': 'GDDR6: ' + L40S_DATASHEET,
      'chip.memory.stacks': '24 x32 GDDR6 devices of 2 GB (48 GB on a 384-bit bus, clamshell): ' + L40S_DATASHEET,
      'chip.link.phy': 'PCIe 4.0 x16, no NVLink: ' + L40S_DATASHEET,
      'chip.silicon.sram_kind': GPU_L2_CACHE,
      'chip.silicon.spare_units': '1.4 %: 142 SMs enabled of the 144 on a full AD102 (NVIDIA Ada Lovelace whitepaper)',
      'chip.silicon.register_file': '35.5 MiB = 142 SMs x 256 KB register file per SM (NVIDIA Ada Lovelace whitepaper)',
      'chip.silicon.local_sram': '17.75 MiB = 142 SMs x 128 KB L1 / shared memory per SM (NVIDIA Ada Lovelace whitepaper)',
      'chip.silicon.fp64_rate': GA102_ADA_FP64,
      'chip.silicon.int32_rate': GA102_ADA_INT32,
      'chip.clock': '2520 MHz boost: computizer.com L40S product page (spec list: "Boost Clock 2520 MHz")',
      'chip.tdp': '350 W max power: ' + L40S_DATASHEET,
      'chip.idle_power': IDLE_RULE + ' (13 % of 350 W = 45.5 W -> 45 W)',
      'chip.matrix.peak.bf16': '362.05 TFLOPS dense (733 sparse): ' + L40S_DATASHEET,
      'chip.matrix.peak.fp16': '362.05 TFLOPS dense (733 sparse): ' + L40S_DATASHEET,
      'chip.matrix.peak.fp8': '733 TFLOPS dense (1,466 sparse): ' + L40S_DATASHEET,
      'chip.matrix.peak.int8':
        'assumption: 733 TOPS dense, equal to FP8: the datasheet copy at mullet.se leaves the L40S INT8 cell empty; its L40 column gives INT8 = FP8 (362 = 362), and both are the same AD102 tensor cores',
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency,
      'chip.vector.peak': '91.6 TFLOPS FP32: L40/L40S datasheet table at mullet.se ("FP32 TFLOPS 90.5 | 91.6")',
      'chip.sram.capacity':
        'L2 96 MiB: "The NVIDIA L40 exposes a 96 MiB L2 cache" across 142 SMs (arXiv 2606.22588 abstract, via scour.ing); the L40S is the same AD102 configuration (142 SMs / 18,176 CUDA cores, mullet.se datasheet copy), assumed to have the same L2',
      'chip.sram.bandwidth': L2_FROM_DRAM_RATIO + ': 3 x 864 GB/s = 2.6 TB/s',
      'chip.memory.capacity': '48 GB GDDR6: ' + L40S_DATASHEET,
      'chip.memory.bandwidth': '864 GB/s: ' + L40S_DATASHEET,
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain': 'UNSURE, assumption: 8, a PCIe server of 8 GPUs (no NVLink: ' + L40S_DATASHEET + ')',
      'chip.link.bandwidth': '= 64 GB/s bidirectional PCIe Gen4 x16 / 2, no NVLink: ' + L40S_DATASHEET,
      'chip.link.latency': POOLED_SOURCES.linkLatency,
      'chip.dispatch_overhead': GPU_DISPATCH,
      'chip.energy.mac.bf16': '= (350 W - 45 W) x 0.7 / (362.05 TFLOPS / 2) = 1.18 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp16': '= (350 W - 45 W) x 0.7 / (362.05 TFLOPS / 2) = 1.18 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8': '= (350 W - 45 W) x 0.7 / (733 TFLOPS / 2) = 0.58 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (350 W - 45 W) x 0.7 / (733 TOPS / 2) = 0.58 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_5NM + ' (TSMC 4N)',
      'chip.energy.memory': GDDR6_ENERGY,
      'chip.energy.link': PCIE_LINK_ENERGY,
      'system.topology':
        'PCIe only, no NVLink (' +
        L40S_DATASHEET +
        '); GPUs meet at the host root complex / PCIe switch, which cannot reduce in the network: all-reduces run as rings (2(N-1) steps)',
      'cost.chip_price':
        'UNSURE, derived from cloud prices: 3,100 USD (a10g preset) x 1.861 / 1.006 = 5,735 -> 5,700 USD, where 1.861 USD/h is AWS on-demand g6e.xlarge with 1 L40S (modal.com/blog/nvidia-l40s-price-article, us-east-1, August 2025) and 1.006 USD/h is g5.xlarge with 1 A10G; secondary sources; assumes rental ratio = capital ratio',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'mi300x',
    energiesAt: '6 nm',
    kind: 'chip',
    name: 'AMD Instinct MI300X',
    summary:
      'AMD CDNA 3, TSMC N5 compute dies on N6 I/O dies, 2023; 192 GiB HBM3 (8 stacks), 256 MB Infinity Cache, 750 W OAM, Infinity Fabric mesh',
    config: {
      name: 'AMD Instinct MI300X',
      chip: {
        clock: '2.1 GHz',
        tdp: '750 W',
        idle_power: '100 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '1307.4 TFLOPS', fp16: '1307.4 TFLOPS', fp8: '2614.9 TFLOPS', int8: '2614.9 TOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '163.5 TFLOPS' },
        sram: { capacity: '256 MiB', bandwidth: '17 TB/s' },
        memory: { capacity: '192 GiB', bandwidth: '5.3 TB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 8, bandwidth: '448 GB/s', latency: POOLED_PRIOR.linkLatency },
        fixed_function: [],
        dispatch_overhead: '5 us',
        energy: {
          mac: { bf16: '0.70 pJ', fp16: '0.70 pJ', fp8: '0.35 pJ', int8: '0.35 pJ' },
          vector: '2.3 pJ',
          sram: '2.2 pJ/B',
          memory: '4.5 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'fully_connected' },
      cost: { chip_price: '21250 USD' },
    },
    sources: {
      'chip.clock':
        "assumption: 2100 MHz, the MI300A's peak engine clock (" +
        MI300A_DATASHEET +
        "); consistent with MI300X's 1307.4 TFLOPS = 980.6 TFLOPS x 304/228 CUs at the same clock",
      'chip.tdp': '750 W TBP: ' + MI300X_SPECS,
      'chip.idle_power': IDLE_RULE + ' (13 % of 750 W = 97.5 W -> 100 W)',
      'chip.matrix.peak.bf16': '1307.4 TFLOPS dense: ' + MI300X_SPECS,
      'chip.matrix.peak.fp16': 'derived: 1307.4 TFLOPS, CDNA 3 runs FP16 at the BF16 rate (' + MI300A_DATASHEET + ': FP16 = BF16 = 980.6)',
      'chip.matrix.peak.fp8': '2614.9 TFLOPS dense: ' + MI300X_SPECS,
      'chip.matrix.peak.int8':
        'derived: MI300A "Peak INT8 1.96 POPs" x 304/228 CUs = 2.61 POPS (' +
        MI300A_DATASHEET +
        '; MI300X has 304 CUs: gpu.blog/gpus/instinct-mi300x-mi300x); equals the FP8 rate, 2614.9',
      'chip.matrix.clock_gated': GPU_CLOCKED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency,
      'chip.vector.peak': 'derived: MI300A FP32 122.6 TFLOPS x 304/228 CUs = 163.5 TFLOPS (' + MI300A_DATASHEET + ')',
      'chip.sram.capacity':
        'Infinity Cache (last-level) 256 MB: servethehome.com/amd-instinct-mi300x-gpu-and-mi300a-apus-launched-for-ai-era/3 ("256MB of Infinity Cache"); rocm.docs.amd.com gpu-specs lists 256 MiB L3 for the CDNA 3 MI325X',
      'chip.sram.bandwidth':
        '17 TB/s peak Infinity Cache bandwidth: servethehome.com/amd-instinct-mi300x-gpu-and-mi300a-apus-launched-for-ai-era/3 (AMD launch material: "256MB of Infinity Cache with 17TB/s of peak bandwidth")',
      'chip.memory.capacity':
        '192 GiB HBM3 (8 stacks of 24 GiB): ' +
        MI300X_SPECS +
        '. Binary: in CPX mode each of its 8 partitions reports 25,767,706,624 B, 192.0 GiB in all (github.com/ROCm/legacy-rocm-build/issues/4750), where 192 decimal GB would be 179 GiB',
      'chip.memory.bandwidth': '5.3 TB/s: ' + MI300X_SPECS,
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain': '8: the MI300X platform joins 8 GPUs by Infinity Fabric, each to the 7 others (' + MI300X_SPECS + ')',
      'chip.link.bandwidth':
        '= 7 links x 128 GB/s bidirectional / 2 = 448 GB/s per direction, shared by the 7 peers of an 8-GPU platform (64 GB/s per direction per peer): wheelersnetwork.com/2024/01 ("Each MI300X GPU has up to seven Infinity Fabric links ... 128GB/s of bidirectional bandwidth per link")',
      'chip.link.latency': POOLED_SOURCES.linkLatency,
      'chip.dispatch_overhead':
        "5 us: the device cost per kernel calibrated for NVIDIA Hopper and Ampere (one value for both, docs/validation.md), the pooled GPU prior (HIP launch assumed similar to CUDA); host launch paths are the runtime's (runtime.launch_overhead)",
      'chip.energy.mac.bf16': '= (750 W - 100 W) x 0.7 / (1307.4 TFLOPS / 2) = 0.70 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp16': '= (750 W - 100 W) x 0.7 / (1307.4 TFLOPS / 2) = 0.70 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8': '= (750 W - 100 W) x 0.7 / (2614.9 TFLOPS / 2) = 0.35 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (750 W - 100 W) x 0.7 / (2614.9 TOPS / 2) = 0.35 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram':
        SRAM_7NM +
        ' (the Infinity Cache sits in the I/O dies under the XCDs, servethehome.com/amd-instinct-mi300x-gpu-and-mi300a-apus-launched-for-ai-era/3; the I/O dies are 6 nm, club386.com/amd-instinct-mi300-architecture-speaks-to-massive-ai-performance)',
      'chip.energy.memory': HBM3_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'fully connected: "Fully-connected 8-GPU xGMI mesh" (gpu.blog/gpus/instinct-mi300x-mi300x); seven links reach the seven peers directly (wheelersnetwork.com/2024/01)',
      'cost.chip_price': 'UNSURE: 15,000 USD MSRP (huggingface.co/hardware/mi300, secondary) + ' + SERVER_SHARE + ' = 21,250 USD',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'tpu-v5e',
    energiesAt: '8 nm',
    kind: 'chip',
    name: 'Google Cloud TPU v5e',
    summary:
      'Google TPU v5e, 2023, cost-optimised inference/training chip: one TensorCore with 4 MXUs, 16 GB HBM2, 2D-torus ICI (process node unpublished)',
    config: {
      name: 'Google Cloud TPU v5e',
      chip: {
        clock: '1.5 GHz',
        tdp: '200 W',
        idle_power: '25 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '197 TFLOPS', int8: '393 TOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '19.7 TFLOPS' },
        sram: { capacity: '128 MiB', bandwidth: '18 TB/s' },
        silicon: { sram_kind: 'scratchpad' },
        memory: { capacity: '16 GB', bandwidth: '819 GB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 256, bandwidth: '200 GB/s', latency: POOLED_PRIOR.linkLatency },
        fixed_function: [],
        dispatch_overhead: '1 us',
        host_launch: false,
        energy: {
          mac: { bf16: '1.24 pJ', int8: '0.62 pJ' },
          vector: '2.3 pJ',
          sram: '3.3 pJ/B',
          memory: '3.9 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'torus_2d' },
      runtime: 'jetstream',
      cost: { chip_price: '5000 USD' },
    },
    sources: {
      runtime:
        "jetstream: Google's XLA-compiled serving engine for TPUs, which pads prompts to power-of-two buckets (model/presets/runtimes.ts); a config choosing other software sets `runtime:` itself",
      'chip.host_launch':
        "false: XLA compiles the whole step into one program issued by the TensorCore's scalar unit; no per-operator host launch (see chip.dispatch_overhead)",
      'chip.clock': '1.5 GHz: ' + SCALING_BOOK_TPU + ' ("about 5e13 bf16 FLOPs/s per MXU at 1.5GHz on TPU v5e")',
      'chip.tdp':
        'UNSURE, assumption: 200 W. Google does not publish per-chip power (sipoch.com on TPU v5p: Google "deliberately conceals the power consumption of the individual chips"). TPU v4 (275 TFLOPS, 32 GiB HBM2) measured 90/170/192 W min/mean/max (cloud.google.com/tpu/docs/v4, hardware_specs.csv); v5e is the smaller, cost-optimised part (197 TFLOPS, 16 GB), so 200 W is an upper-end estimate',
      'chip.idle_power': IDLE_RULE + ' (13 % of the assumed 200 W = 26 W -> 25 W)',
      'chip.matrix.peak.bf16': '197 TFLOPS: ' + TPU_V5E_DOC,
      'chip.matrix.peak.int8': '393 TOPS (also shown as 394): ' + TPU_V5E_DOC,
      'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency,
      'chip.vector.peak':
        'assumption: ~197 TFLOPS / 10 = 19.7 TFLOPS: the vector unit "is about 10x slower than the MXU in raw throughput" (saisasank.com/blog/tpus-a-mental-model, summarising the scaling book); Google publishes no VPU figure',
      'chip.sram.capacity': 'VMEM 128 MiB: ' + SCALING_BOOK_TPU + ' ("128 MiB on TPU v5e")',
      'chip.silicon.sram_kind': 'scratchpad: VMEM is placed by the XLA compiler (' + SCALING_BOOK_TPU + ')',
      'chip.sram.bandwidth':
        'derived: ~22 x the HBM bandwidth = 22 x 819 GB/s = 18 TB/s; VMEM has "roughly 22x higher bandwidth to the MXU" than HBM (saisasank.com/blog/tpus-a-mental-model, summarising the scaling book)',
      'chip.memory.capacity': '16 GB HBM2: ' + TPU_V5E_DOC,
      'chip.memory.bandwidth': '819 GB/s (another version of the page: 800 GiB/s): ' + TPU_V5E_DOC,
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain': '256: the chips of one TPU v5e pod, joined by ICI: ' + TPU_V5E_DOC,
      'chip.link.bandwidth':
        '= 400 GB/s ICI bidirectional per chip (1600 Gbps, 4 ports) / 2: ' +
        TPU_V5E_DOC +
        '. The scaling book gives ~45 GB/s one-way per link (4 links = 180 GB/s)',
      'chip.link.latency': POOLED_SOURCES.linkLatency,
      'chip.dispatch_overhead':
        'assumption: 1 us per operator: XLA compiles the whole program and each TensorCore has its own scalar unit issuing work (' +
        TPU_V5E_DOC +
        ': "four MXUs, a vector unit, and a scalar unit"), so there is no per-op host launch; 1 us covers per-op synchronisation and pipeline drain',
      'chip.energy.mac.bf16': '= (200 W - 25 W) x 0.7 / (197 TFLOPS / 2) = 1.24 pJ; ' + EFFECTIVE_MAC + '; rests on the assumed 200 W TDP',
      'chip.energy.mac.int8': '= (200 W - 25 W) x 0.7 / (393 TOPS / 2) = 0.62 pJ; ' + EFFECTIVE_MAC + '; rests on the assumed 200 W TDP',
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_8NM + ' (process node unpublished; 8 nm-class assumed, conservative)',
      'chip.energy.memory': HBM2_ENERGY + ' (Google labels v5e memory HBM2)',
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        '2D torus ICI (' +
        TPU_V5E_DOC +
        '): an all-reduce runs as a ring along each axis in turn (the scaling book, ' +
        SCALING_BOOK_TPU +
        ')',
      'cost.chip_price':
        'UNSURE, assumption: 5,000 USD capital-equivalent. Google does not sell TPUs or publish a chip price; chosen between the a10g (3,100 USD) and l40s (5,700 USD) presets for a 16 GB HBM2, ~200 TFLOPS inference chip sold only as cloud capacity',
    },
  },
  // ---------------------------------------------------------------------------------------
  INFERENTIA2,
  // ---------------------------------------------------------------------------------------
  {
    ...INFERENTIA2,
    id: 'trn1',
    name: 'AWS Trainium (Trn1)',
    summary:
      'AWS Trainium (Trn1 instances, 2022): the Inferentia2 chip design (2 NeuronCore-v2, 32 GiB HBM in 2 stacks) with 4 NeuronLink-v2 instead of 2; 16 chips per trn1.32xlarge in a 2D torus (process node unpublished)',
    config: {
      ...INFERENTIA2.config,
      name: 'AWS Trainium (Trn1)',
      chip: {
        ...(INFERENTIA2.config.chip as Record<string, unknown>),
        link: { domain: 16, bandwidth: '192 GB/s', latency: POOLED_PRIOR.linkLatency },
      },
      system: { topology: 'torus_2d' },
    },
    sources: {
      ...INFERENTIA2.sources,
      'chip.tdp':
        'UNSURE, assumption: 175 W, as the inferentia2 preset (AWS publishes no per-chip power; Trainium and Inferentia2 share the NeuronCore-v2 chip design: ' +
        NKI_ARCH +
        ')',
      'chip.link.domain':
        '16: trn1.32xlarge joins 16 Trainium chips in a 2D torus of NeuronLink-v2 (hardware_specs.csv, trn1-arch.rst); more chips are more instances, over EFA',
      'chip.link.bandwidth':
        'UNSURE: = 384 GB/s inter-chip interconnect per Trainium chip (github aws-neuron/aws-neuron-sdk about-neuron/arch/neuron-hardware/trainium2.rst, Interconnect table, "Trainium" column) / 2, assuming the figure is the total over both directions, as for the inferentia2 preset; 4 NeuronLink-v2 per chip (' +
        NKI_ARCH +
        ')',
      'system.topology':
        'torus_2d: the 16 Trainium chips of a trn1.32xlarge are joined by NeuronLink-v2 in a 2D torus (hardware_specs.csv, trn1-arch.rst)',
      'cost.chip_price':
        'UNSURE: = 33,750 USD (h100-sxm preset) x 0.968 / 4.916 = 6,646 -> 6,600 USD: the trn1.32xlarge accelerator-hour rate against the p5 H100 rate of ' +
        AWS_CAPACITY_BLOCKS +
        ', read as capital-equivalent at the h100-sxm preset price',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'trn2',
    energiesAt: '8 nm',
    kind: 'chip',
    name: 'AWS Trainium2 (Trn2)',
    summary:
      'AWS Trainium2 (Trn2 instances, 2024): 8 NeuronCore-v3 with 128x128 systolic Tensor Engines, 96 GiB HBM in 4 stacks at 2.9 TB/s, NeuronLink-v3; 16 chips per trn2.48xlarge in a 4x4 2D torus (process node and price unpublished)',
    config: {
      name: 'AWS Trainium2 (Trn2)',
      chip: {
        clock: '2.4 GHz',
        tdp: '500 W',
        idle_power: '65 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '667 TFLOPS', fp16: '667 TFLOPS', fp8: '1299 TFLOPS', fp32: '181 TFLOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '27.9 TFLOPS' },
        sram: { capacity: '224 MiB', bandwidth: '20.2 TB/s' },
        memory: { capacity: '96 GiB', bandwidth: '2.9 TB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 16, bandwidth: '640 GB/s', latency: POOLED_PRIOR.linkLatency },
        silicon: { sram_kind: 'scratchpad' },
        fixed_function: [],
        dispatch_overhead: '1 us',
        host_launch: false,
        energy: {
          mac: { bf16: '0.91 pJ', fp16: '0.91 pJ', fp8: '0.47 pJ', fp32: '3.36 pJ' },
          vector: '2.3 pJ',
          sram: '3.3 pJ/B',
          memory: '4.5 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'torus_2d' },
      runtime: 'transformers-neuronx',
    },
    sources: {
      runtime:
        "transformers-neuronx: the Neuron SDK's static-shape compiled graphs (model/presets/runtimes.ts); Trn2 serves through NxD Inference, which compiles graphs the same way. A config choosing other software sets `runtime:` itself",
      'chip.host_launch':
        'false: Neuron compiles the graph ahead of time and on-chip sequencers issue it; no per-operator host launch (see chip.dispatch_overhead)',
      'chip.clock': '2.4 GHz Tensor Engine frequency (Vector 0.96 GHz, Scalar and GpSimd 1.2 GHz): ' + TRN2_NKI_ARCH,
      'chip.tdp':
        'UNSURE: ~500 W per chip, SemiAnalysis, "Amazon\'s AI Self Sufficiency | Trainium2 Architecture & Networking" (Dec 2024), as summarised at tengele.com; AWS publishes no per-chip power',
      'chip.idle_power': IDLE_RULE + ' (13 % of 500 W = 65 W)',
      'chip.matrix.peak.bf16':
        '667 BF16/FP16/TF32 TFLOPS dense: ' +
        TRN2_ARCH +
        '. The NKI guide gives 79 TFLOPS per Tensor Engine (632 per chip) as its own figure',
      'chip.matrix.peak.fp16': '667 BF16/FP16/TF32 TFLOPS dense: ' + TRN2_ARCH,
      'chip.matrix.peak.fp8': '1,299 FP8 TFLOPS dense (the 2,563 sparse figure not used): ' + TRN2_ARCH,
      'chip.matrix.peak.fp32': '181 FP32 TFLOPS: ' + TRN2_ARCH,
      'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency,
      'chip.vector.peak':
        'derived: 8 NeuronCore-v3 x (Vector Engine 1.0 FP32 TFLOPS, ' +
        TRN2_NKI_ARCH +
        ' + Scalar Engine 2.9 FP32 TFLOPS of NeuronCore-v2 x 1.2 / 1.4 GHz = 2.49, assuming its per-cycle rate is unchanged: "All architectural capabilities from NeuronCore-v2 Scalar Engine are applicable") = 27.9 TFLOPS',
      'chip.silicon.sram_kind': NEURON_SBUF_SOFTWARE_MANAGED,
      'chip.sram.capacity': '8 NeuronCore-v3 x 28 MiB SBUF (plus a 2 MiB PSUM accumulation buffer each, not counted): ' + TRN2_NKI_ARCH,
      'chip.sram.bandwidth':
        'derived from engine data-path widths and clocks in ' +
        TRN2_NKI_ARCH +
        ', reading bf16 (2 B): per core Tensor 2 x 128 x 2 B x 2.4 GHz = 1.23 TB/s + Vector 512 x 2 B x 0.96 GHz = 0.98 + Scalar 128 x 2 B x 1.2 GHz = 0.31 -> 2.52 TB/s (GpSimd left out: its width is not given); x 8 cores = 20.2 TB/s',
      'chip.memory.capacity': '96 GiB device memory (4 HBM stacks): ' + TRN2_ARCH,
      'chip.memory.bandwidth': '2.9 TB/s: ' + TRN2_ARCH + ' (the NKI guide writes 2.9 TB/s in one version, 3 TB/s in another)',
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain':
        '16: trn2.48xlarge joins 16 Trainium2 chips by NeuronLink (' +
        TRN2_ARCH +
        '); a Trn2 UltraServer joins four of them, 64 chips, not a preset here',
      'chip.link.bandwidth':
        'UNSURE: = 1.28 TB/s NeuronLink-v3 per chip (' +
        TRN2_ARCH +
        ') / 2, assuming the figure is the total over both directions, as for the inferentia2 and trn1 presets; 4 NeuronLink-v3 per chip (' +
        TRN2_NKI_ARCH +
        ')',
      'chip.link.latency': POOLED_SOURCES.linkLatency,
      'chip.dispatch_overhead':
        'assumption: 1 us per operator, as the inferentia2 preset: the graph is compiled ahead of time and each engine has its own on-chip sequencer, so there is no per-op host launch',
      'chip.energy.mac.bf16': '= (500 W - 65 W) x 0.7 / (667 TFLOPS / 2) = 0.91 pJ; ' + EFFECTIVE_MAC + '; rests on the ~500 W TDP',
      'chip.energy.mac.fp16': '= (500 W - 65 W) x 0.7 / (667 TFLOPS / 2) = 0.91 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8': '= (500 W - 65 W) x 0.7 / (1,299 TFLOPS / 2) = 0.47 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp32': '= (500 W - 65 W) x 0.7 / (181 TFLOPS / 2) = 3.36 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_8NM + ' (process node unpublished; 8 nm-class assumed, conservative)',
      'chip.energy.memory': HBM3_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'torus_2d: "In a trn2.48xlarge or trn2u.48xlarge instance, 16 Trainium2 chips are connected using a 4x4, 2D Torus topology" (github aws-neuron/aws-neuron-sdk about-neuron/arch/neuron-hardware/trn2-arch.rst)',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'tpu-v4',
    energiesAt: '7 nm',
    kind: 'chip',
    name: 'Google Cloud TPU v4',
    summary: 'Google TPU v4, 7 nm, 2021: two TensorCores with 4 MXUs each, 32 GiB HBM2, 128 MiB CMEM, 3D-torus ICI (6 links per chip)',
    config: {
      name: 'Google Cloud TPU v4',
      chip: {
        clock: '1.05 GHz',
        tdp: '192 W',
        idle_power: '90 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '275 TFLOPS', int8: '275 TOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '8.6 TFLOPS' },
        sram: { capacity: '160 MiB', bandwidth: '26 TB/s' },
        silicon: { sram_kind: 'scratchpad' },
        memory: { capacity: '32 GiB', bandwidth: '1.2 TB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 4096, bandwidth: '270 GB/s', latency: POOLED_PRIOR.linkLatency },
        fixed_function: [],
        dispatch_overhead: '1 us',
        host_launch: false,
        energy: {
          mac: { bf16: '0.52 pJ', int8: '0.52 pJ' },
          vector: '2.3 pJ',
          sram: '2.2 pJ/B',
          memory: '3.9 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'torus_3d' },
    },
    sources: {
      'chip.host_launch':
        "false: XLA compiles the whole step into one program issued by each TensorCore's scalar unit; no per-operator host launch (as the tpu-v5e preset)",
      'chip.clock':
        '1050 MHz: ' + TPU_V4_PAPER + '; consistent with the peak: 2 TensorCores x 4 MXUs x 16384 MACs x 2 ops x 1.05 GHz = 275.3 TFLOPS',
      'chip.tdp':
        '192 W, the maximum measured power: ' +
        TPU_V4_DOC +
        ' ("measured min/mean/max power 90/170/192 W"); Google publishes no TDP, so the measured maximum is the cap',
      'chip.idle_power':
        '90 W, the minimum measured power: ' +
        TPU_V4_DOC +
        ' (min/mean/max 90/170/192 W); measured, so used instead of the 13 %-of-TDP rule of the other presets',
      'chip.matrix.peak.bf16': '275 TFLOPS: ' + TPU_V4_DOC + ' ("bf16 or int8 peak 275")',
      'chip.matrix.peak.int8': '275 TOPS, the same rate as bf16: ' + TPU_V4_DOC + ' ("bf16 or int8 peak 275")',
      'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency,
      'chip.vector.peak':
        'UNSURE, derived: 2 TensorCores x a vector unit of 128 lanes x 16 ALUs (' +
        TPU_V4_PAPER +
        ') x 2 FLOPs per ALU per cycle (one FMA, assumed) x 1.05 GHz = 8.6 TFLOPS',
      'chip.sram.capacity': '160 MiB = 128 MiB CMEM shared by the two TensorCores + 2 x 16 MiB VMEM: ' + TPU_V4_PAPER,
      'chip.silicon.sram_kind':
        'scratchpad: CMEM and VMEM are compiler-managed ("the CMEM scratchpad memory", Jouppi et al., "Ten Lessons From Three Generations Shaped Google\'s TPUv4i", ISCA 2021)',
      'chip.sram.bandwidth':
        'assumption: ~22 x the HBM bandwidth = 22 x 1.2 TB/s = 26 TB/s, the VMEM-to-HBM ratio the tpu-v5e preset uses (saisasank.com/blog/tpus-a-mental-model, summarising the scaling book: VMEM has "roughly 22x higher bandwidth to the MXU" than HBM); Google publishes no v4 figure',
      'chip.memory.capacity': '32 GiB HBM2: ' + TPU_V4_DOC,
      'chip.memory.bandwidth': '1200 GB/s: ' + TPU_V4_DOC,
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain': '4096: the chips of one TPU v4 pod, joined by ICI through optical circuit switches: ' + TPU_V4_PAPER,
      'chip.link.bandwidth':
        'assumption: 6 ICI links of the 3D torus (' +
        TPU_V4_DOC +
        ': "3D mesh/torus") x ~45 GB/s one-way per link, the per-link figure the scaling book gives for v5e (tpu-v5e preset, chip.link.bandwidth) = 270 GB/s per direction; no v4 per-link figure in our sources',
      'chip.link.latency': POOLED_SOURCES.linkLatency,
      'chip.dispatch_overhead':
        'assumption: 1 us per operator, as the tpu-v5e preset: XLA compiles the whole program and each TensorCore has its own scalar unit issuing work, so there is no per-op host launch',
      'chip.energy.mac.bf16': '= (192 W - 90 W) x 0.7 / (275 TFLOPS / 2) = 0.52 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.int8': '= (192 W - 90 W) x 0.7 / (275 TOPS / 2) = 0.52 pJ (int8 runs at the bf16 rate); ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_7NM + ' (7 nm: ' + TPU_V4_PAPER + ')',
      'chip.energy.memory': HBM2_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        '3D torus ICI (' +
        TPU_V4_DOC +
        '): an all-reduce runs as a ring along each axis in turn (the scaling book, ' +
        SCALING_BOOK_TPU +
        ')',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'gaudi2',
    energiesAt: '7 nm',
    kind: 'chip',
    name: 'Intel Gaudi 2 (HL-225H)',
    summary:
      'Intel (Habana) Gaudi 2, TSMC 7 nm, 2022: 2 matrix engines + 24 tensor processor cores, 96 GB HBM2E, 48 MB SRAM, 24 x 100 GbE RoCE on chip, 600 W OAM',
    config: {
      name: 'Intel Gaudi 2 (HL-225H)',
      chip: {
        tdp: '600 W',
        idle_power: '80 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '432 TFLOPS', fp8: '864 TFLOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '10.8 TFLOPS' },
        sram: { capacity: '48 MB', bandwidth: '6.4 TB/s' },
        memory: { capacity: '96 GiB', bandwidth: '2.46 TB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 8, bandwidth: '300 GB/s', latency: POOLED_PRIOR.linkLatency },
        fixed_function: [],
        dispatch_overhead: '2 us',
        host_launch: false,
        energy: {
          mac: { bf16: '1.69 pJ', fp8: '0.84 pJ' },
          vector: '2.3 pJ',
          sram: '2.2 pJ/B',
          memory: '6 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'fully_connected' },
    },
    sources: {
      'chip.host_launch': GAUDI_HOST_LAUNCH,
      'chip.tdp': '600 W (OAM): ' + GAUDI_HOTCHIPS + '; ' + GAUDI2_LAUNCH,
      'chip.idle_power': IDLE_RULE + ' (13 % of 600 W = 78 W -> 80 W)',
      'chip.matrix.peak.bf16':
        '432 TFLOPS peak BF16: ' +
        GAUDI_HOTCHIPS +
        ' ("Peak Compute (BF16) ... 432 TFLOPs" for Gaudi 2); also yobitel.com/knowledge-base/intel-gaudi-2 ("BF16 (MME) ~432 TFLOPS")',
      'chip.matrix.peak.fp8':
        'derived, UNSURE: 2 x the 432 TFLOPS BF16 peak = 864 TFLOPS, the matrix engines running FP8 at twice their BF16 rate; the Hot Chips table gives no Gaudi 2 FP8 figure, pcguia.pt/2024/04/nvidia-e-amd-tem-um-novo-rival-no-mercado-de-ia-a-intel quotes Intel\'s comparison as "835 TFLOPS na matriz FP8, 432 TFLOPS na matriz BF16" (3 % lower)',
      'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency + '. ' + GAUDI_RUNS,
      'chip.vector.peak':
        'assumption: 24 tensor processor cores (' +
        GAUDI2_LAUNCH +
        ') x 28.7 TFLOPS / 64 cores, the BF16 vector rate per core of Gaudi 3 (' +
        GAUDI_HOTCHIPS +
        ': "BF16 Vector TFLOPs 28.7", "TPC Units 64") = 10.8 TFLOPS; Intel publishes no Gaudi 2 vector figure and the two generations\' clocks may differ',
      'chip.sram.capacity': '48 MB on-die SRAM: ' + GAUDI2_LAUNCH,
      'chip.sram.bandwidth':
        "assumption: half of Gaudi 3's 12.8 TB/s (" +
        GAUDI_HOTCHIPS +
        ': "On-die SRAM Bandwidth (L2 Cache) 12.8 TB/s" for 96 MB on two dies) for Gaudi 2\'s 48 MB on one die = 6.4 TB/s; no Gaudi 2 figure published',
      'chip.memory.capacity':
        '96 GiB HBM2E: ' +
        GAUDI_HOTCHIPS +
        ' ("HBM Capacity ... 96 GB"); intel.com developer article "The Habana Gaudi2* Processor for Deep Learning" ("96 GB of HBM2e at 2.45 TB/s"). Read as 96 GiB (6 stacks of 16 GiB, like the H100\'s "80GB"): Intel\'s own Gaudi 2 row of Llama 2 7B FP8 at batch 163, 128 + 2048 tokens (validation row G2-002) needs 99.7 GB of weights and KV cache and ran',
      'chip.memory.bandwidth':
        '2.46 TB/s peak: ' + GAUDI_HOTCHIPS + ' ("Peak HBM BW ... 2.46 TB/s"; Intel\'s 2022 article rounds to 2.45 TB/s)',
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain':
        'UNSURE, assumption: 8, the chips of one Gaudi 2 server joined by their RoCE ports (which ports face the scale-out network is not published in our sources: ' +
        GAUDI_HOTCHIPS +
        ')',
      'chip.link.bandwidth':
        '= 4.8 Tb/s embedded NIC bandwidth, bidirectional (' +
        GAUDI_HOTCHIPS +
        ': "Embedded NIC BW (bi-directional) ... 4.8 Tb/s" = 24 x 100 GbE) / 2 / 8 = 300 GB/s per direction; an upper bound for tensor parallelism inside a server, since some of the 24 ports face the scale-out network (split not published in our sources)',
      'chip.link.latency':
        POOLED_SOURCES.linkLatency +
        '. The links are RDMA over Converged Ethernet (RoCE v2) ports on the chip, one Ethernet hop between peers (' +
        ROCE_LINKS +
        ')',
      'chip.dispatch_overhead': GAUDI_DISPATCH,
      'chip.energy.mac.bf16': '= (600 W - 80 W) x 0.7 / (432 TFLOPS / 2) = 1.69 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8': '= (600 W - 80 W) x 0.7 / (864 TFLOPS / 2) = 0.84 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_7NM + ' (TSMC 7 nm)',
      'chip.energy.memory': HBM2E_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'fully connected: the 8 cards of an HLS-Gaudi2 server reach each other directly over their on-chip RoCE ports (all-to-all, no switch between peers); assumed the same as the 8-card Gaudi 3 platform, listed "all-to-all, world size 8" at evokernel-specs.pages.dev/hardware/gaudi-3 (secondary)',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'gaudi3',
    energiesAt: '5 nm',
    kind: 'chip',
    name: 'Intel Gaudi 3 (HL-325L)',
    summary:
      'Intel Gaudi 3, two TSMC 5 nm compute dies, 2024: 8 matrix engines + 64 tensor processor cores, 128 GB HBM2E, 96 MB SRAM, 24 x 200 GbE RoCE on chip, 900 W air-cooled OAM',
    config: {
      name: 'Intel Gaudi 3 (HL-325L)',
      chip: {
        tdp: '900 W',
        idle_power: '115 W',
        matrix: {
          clock_gated: false,
          peak: { bf16: '1835 TFLOPS', fp8: '1835 TFLOPS' },
          efficiency: POOLED_PRIOR.matrixEfficiency,
        },
        vector: { peak: '28.7 TFLOPS' },
        sram: { capacity: '96 MB', bandwidth: '12.8 TB/s' },
        memory: { capacity: '128 GiB', bandwidth: '3.67 TB/s', efficiency: POOLED_PRIOR.memoryEfficiency },
        link: { domain: 8, bandwidth: '600 GB/s', latency: POOLED_PRIOR.linkLatency },
        fixed_function: [],
        dispatch_overhead: '2 us',
        host_launch: false,
        energy: {
          mac: { bf16: '0.60 pJ', fp8: '0.60 pJ' },
          vector: '2.3 pJ',
          sram: '1.6 pJ/B',
          memory: '6 pJ/bit',
          link: '5 pJ/bit',
        },
      },
      system: { topology: 'fully_connected' },
      cost: { chip_price: '21900 USD' },
    },
    sources: {
      'chip.host_launch': GAUDI_HOST_LAUNCH,
      'chip.tdp':
        '900 W, air-cooled OAM (HL-325L, the card of the measured rows; 1200 W liquid-cooled): ' +
        GAUDI_HOTCHIPS +
        ' ("TDP (OAM) ... 900W (Air)/1200W (Liquid)")',
      'chip.idle_power': IDLE_RULE + ' (13 % of 900 W = 117 W -> 115 W)',
      'chip.matrix.peak.bf16': '1835 TFLOPS: ' + GAUDI_HOTCHIPS + ' ("BF16 Matrix TFLOPs 1835")',
      'chip.matrix.peak.fp8': '1835 TFLOPS, the same rate as BF16: ' + GAUDI_HOTCHIPS + ' ("FP8 Matrix TFLOPs 1835")',
      'chip.matrix.clock_gated': ARRAYS_CLOCKED_ASSUMED,
      'chip.matrix.efficiency': POOLED_SOURCES.matrixEfficiency + '. ' + GAUDI_RUNS,
      'chip.vector.peak': '28.7 TFLOPS BF16 on the 64 tensor processor cores: ' + GAUDI_HOTCHIPS + ' ("BF16 Vector TFLOPs 28.7")',
      'chip.sram.capacity':
        '96 MB on-die SRAM (L2/L3 cache, 24 MB per deep-learning core): ' +
        GAUDI_HOTCHIPS +
        ' ("On-die SRAM Capacity 96 MB"); ' +
        GAUDI3_REGISTER,
      'chip.sram.bandwidth': '12.8 TB/s: ' + GAUDI_HOTCHIPS + ' ("On-die SRAM Bandwidth (L2 Cache) 12.8 TB/s")',
      'chip.memory.capacity':
        '128 GiB HBM2E in 8 stacks: ' +
        GAUDI_HOTCHIPS +
        ' ("HBM Capacity 128 GB"); ' +
        GAUDI3_REGISTER +
        '. Read as 128 GiB (8 stacks of 16 GiB, like the H100\'s "80GB"): Intel\'s own Gaudi 3 row of Llama 2 7B FP8 at batch 217, 128 + 2048 tokens (validation row G3-002) needs 130.5 GB of weights and KV cache and ran',
      'chip.memory.bandwidth': '3.67 TB/s: ' + GAUDI_HOTCHIPS + ' ("HBM Bandwidth 3.67 TB/s"; Intel\'s launch rounds to 3.7 TB/s)',
      'chip.memory.efficiency': POOLED_SOURCES.memoryEfficiency,
      'chip.link.domain':
        'UNSURE, assumption: 8, the chips of one Gaudi 3 server joined by their RoCE ports (which ports face the scale-out network is not published in our sources: ' +
        GAUDI_HOTCHIPS +
        ')',
      'chip.link.bandwidth':
        '= 1200 GB/s networking, bidirectional (' +
        GAUDI_HOTCHIPS +
        ': "Networking 1200 GB/s bidirectional", 24 x 200 GbE RoCE) / 2 = 600 GB/s per direction; an upper bound for tensor parallelism inside a server, since some ports face the scale-out network',
      'chip.link.latency':
        POOLED_SOURCES.linkLatency +
        '. The links are RDMA over Converged Ethernet (RoCE v2) ports on the chip, one Ethernet hop between peers (' +
        ROCE_LINKS +
        ')',
      'chip.dispatch_overhead': GAUDI_DISPATCH,
      'chip.energy.mac.bf16': '= (900 W - 115 W) x 0.7 / (1835 TFLOPS / 2) = 0.60 pJ; ' + EFFECTIVE_MAC,
      'chip.energy.mac.fp8':
        '= (900 W - 115 W) x 0.7 / (1835 TFLOPS / 2) = 0.60 pJ (FP8 runs at the BF16 rate, so the top-down rule gives the same energy); ' +
        EFFECTIVE_MAC,
      'chip.energy.vector': VECTOR_ENERGY,
      'chip.energy.sram': SRAM_5NM + ' (TSMC 5 nm)',
      'chip.energy.memory': HBM2E_ENERGY,
      'chip.energy.link': SERDES_LINK_ENERGY,
      'system.topology':
        'fully connected: the 8 cards of an HLS-Gaudi3 server reach each other directly over their on-chip RoCE ports, "all-to-all, world size 8" (evokernel-specs.pages.dev/hardware/gaudi-3, secondary)',
      'cost.chip_price':
        'UNSURE: 15,625 USD per accelerator = Intel\'s 125,000 USD list price for a kit of 8 Gaudi 3 on a baseboard (y-ic.de/news/intel-officially-launches-gaudi3-ai-chip-slower-than-nvidia-h100,but-at-a-lower-cost.html: "ein ... Kit mit acht Gaudi3-Chips 125.000 US-Dollar ..., was auf rund 15.625 USD pro Chip führt"; list prices given at Computex 2024, nextplatform.com/2024/06/13/stacking-up-intel-gaudi-against-nvidia-gpus-for-ai) + ' +
        SERVER_SHARE +
        ' = 21,875 -> 21,900 USD; the kit already includes the baseboard, so the server share slightly overcounts',
    },
  },
];
