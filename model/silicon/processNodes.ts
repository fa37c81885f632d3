// Process nodes: one set of densities, prices and defect densities per node, each from a
// published source. Every silicon estimator reads the node through this table; nothing is
// set per chip.

export const PROCESS_NODES = ['16 nm', '14 nm', '12 nm', '10 nm', '8 nm', '7 nm', '6 nm', '5 nm', '4 nm', '3 nm'] as const;
export type ProcessNodeName = (typeof PROCESS_NODES)[number];

export interface ProcessNode {
  /** Peak logic density, million transistors per mm² (what transistor counts are divided by). */
  logicMTrPerMm2: number;
  /** Area of one SRAM bit in a 512 KB cache bank, bit cell and its share of periphery, mm². */
  sramMm2PerBit: number;
  /** The node's high-density 6T SRAM bit cell, mm² (what a scratchpad's area is counted from). */
  bitcellMm2: number;
  /** Price of one processed 300 mm wafer, USD. */
  waferUsd: number;
  /** Killer defects per mm² (the D0 of the yield model). */
  defectsPerMm2: number;
  /** Static (leakage) power per mm² of die at operating temperature, W. */
  leakageWattsPerMm2: number;
  /** On-chip switching energy (a MAC, an SRAM access) over the 45 nm figures the defaults are quoted at. */
  switchingEnergyVs45nm: number;
}

/**
 * On-chip switching energy (a MAC, a vector operation, an SRAM access) at `node` over 45 nm, the
 * node the default energies are quoted at (Horowitz, ISSCC 2014; Accelergy's tables). Off-chip
 * memory and SerDes energies are not the logic's and are not scaled.
 */
export function switchingEnergyScale(node: ProcessNode): number {
  return node.switchingEnergyVs45nm;
}

/**
 * The anchor, 45 nm to the first FinFET class (TSMC 16FF+, and the 12 nm and 14 nm rows with it):
 * C·V², the capacitance following the contacted gate pitch, 160 nm at 0.9 V (Intel 45 nm) to
 * 90 nm at 0.8 V: 0.444. TSMC's 12FFC claims 25 % less power than 16FFC with 6-track libraries
 * (AnandTech, 2017), which the 12 nm row, NVIDIA's 12FFN, does not take (its density comment).
 */
const N16_SWITCHING = (90 / 160) * (0.8 / 0.9) ** 2;
/**
 * From 16FF+ on, each node by its foundry's own claim of power at the same speed (every step a
 * FinFET, so leakage is a like share on both sides). The gate pitch stopped telling: N7 to N5
 * shrank it 10 % (57 to 51 nm) while TSMC quotes 30 % less power, and scaling by it put a 3 nm
 * design's default MAC energy above the H100's. A check, though it cannot tell process from
 * architecture: four NVIDIA dies' top-down MAC energies (GH100 4 nm, GA100 7 nm, GV100 and TU102
 * 12 nm) imply operand-delivery energies 1.5x apart by these claims, 1.9x by the gate pitch, where
 * GH100 alone stood apart (test/unit/pooledPrior.test.ts).
 * N7: 60 % less power than 16FF+ (TSMC at N7's volume production, via TechGage 2018: "Compared to
 * the CLN16FF+ technology ... power consumption by 60%").
 */
const N7_SWITCHING = N16_SWITCHING * (1 - 0.6);
/** N10: N7 is "~40% power reduction" over it (tsmc.com, 7nm technology page). */
const N10_SWITCHING = N7_SWITCHING / (1 - 0.4);
/** Samsung 8LPP: "up to 10-percent lower power consumption" than 10LPP (Samsung, Oct 2017, via evertiq), 10LPP taken as N10. */
const S8_SWITCHING = N10_SWITCHING * (1 - 0.1);
/** N5: "about 30% reduction in power consumption" against N7 (tsmc.com, 5nm technology page). */
const N5_SWITCHING = N7_SWITCHING * (1 - 0.3);
/** N3E: up to 32 % less power than N5 (TSMC, as reported by technewsspace.com; N3: 25-30 %). */
const N3_SWITCHING = N5_SWITCHING * (1 - 0.32);

/** CSET, Khan & Mann, "AI Chips: What They Are and Why They Matter" (2020), as tabulated in
 *  LLMCompass cost_model/supply_chain/supply_chain_model.py (transistor_density_arr, wafer_costs_arr). */
const CSET = 'CSET "AI Chips" (Khan & Mann 2020) via LLMCompass supply_chain_model.py';
/** LLMCompass cost_model.py: effective SRAM area per bit of a cache (bit cell with periphery) at 7/6/5 nm. */
const LLMCOMPASS_SRAM = 'LLMCompass cost_model.py sram_bit_cell_density (7 nm 1.70e-7, 6 nm 1.40e-7, 5 nm 1.25e-7 mm²/bit)';
/**
 * D0 at 7 and 5 nm (and N6, N4 with them) from TSMC's own disclosures: N7 0.09 /cm² three quarters
 * after volume production began (VLSI Symposium 2019), N5 0.10-0.11 before its volume ramp, "below
 * 0.10" expected in volume (Technology Symposium, August 2020; both as reported by AnandTech,
 * "Better Yield on 5nm than 7nm: TSMC Update on Defect Rates for N5"): 0.09 and 0.10, the chips
 * these nodes make being in volume. LLMCompass's 0.15 and 0.2 (a review: "pessimistic and
 * inverted") read a 769 mm² H100 die at 68 % yield where these give 82 %. 3 nm takes 5 nm's:
 * no D0 is published for N3, and a higher one taken from another source (LLMCompass's 0.2) made
 * an exploration over `chip.process` shun 3 nm for its data, not its physics (a code review).
 * 16 to 8 nm keep LLMCompass's figures (defect_density_vector_mm2, "estimated from TSMC's
 * public slides").
 */
const D0 =
  'TSMC via AnandTech (2020): N7 0.09 /cm² in volume (VLSI 2019), N5 0.10-0.11 before its volume ramp (Technology Symposium 2020), 6, 4 and 3 nm with them (no N3 figure published); 16 to 8 nm LLMCompass supply_chain_model.py defect_density_vector_mm2 (from TSMC public slides)';
/** Published high-density bit-cell areas (TSMC N16 0.074, N10 0.042, N7 0.027, N5 0.021, N3 0.0199 µm², IEDM/ISSCC
 *  disclosures as collected by WikiChip), used only as ratios to carry the 7 nm bank figure to other nodes. */
const BITCELL_RATIO =
  'HD bit-cell ratio to N7 (TSMC N16 0.074, Samsung/GF 14LPP 0.064, TSMC N10 0.042, N7 0.027, N3 0.0199 µm²; IEDM/ISSCC disclosures as collected by WikiChip)';
/** Leakage: an assumption of 0.05 W/mm² for 7-4 nm-class dies at operating temperature, the order of the idle
 *  power of a large GPU over its die (tens of watts over ~800 mm²); 0.04 for 16-8 nm, whose supply and
 *  fin count per mm² are lower. Replace with a measured idle reading via `chip.idle_power`. */
export const LEAKAGE_SOURCE =
  'assumption: 0.05 W/mm² at 7-3 nm, 0.04 W/mm² at 16-8 nm; cross-check: an H200 module measured at 73.65 W average in its lowest idle state with nvidia-smi (conservemode.com RunPod study), which also counts HBM refresh and power-delivery losses, against 0.05 x 779 mm² = 39 W of die leakage here. `chip.idle_power` overrides';

const N7_SRAM = 1.7e-7;
const N7_FAMILY: ProcessNode = {
  logicMTrPerMm2: 96.3,
  sramMm2PerBit: N7_SRAM,
  bitcellMm2: 0.027e-6,
  waferUsd: 9346,
  defectsPerMm2: 0.0009,
  leakageWattsPerMm2: 0.05,
  switchingEnergyVs45nm: N7_SWITCHING,
};
const N5_FAMILY: ProcessNode = {
  logicMTrPerMm2: 138.2,
  sramMm2PerBit: 1.25e-7,
  bitcellMm2: 0.021e-6,
  waferUsd: 16988,
  defectsPerMm2: 0.001,
  leakageWattsPerMm2: 0.05,
  switchingEnergyVs45nm: N5_SWITCHING,
};
export const PROCESS_NODE_TABLE: Readonly<Record<ProcessNodeName, ProcessNode>> = {
  '16 nm': {
    logicMTrPerMm2: 28.9,
    sramMm2PerBit: (N7_SRAM * 0.074) / 0.027,
    bitcellMm2: 0.074e-6,
    waferUsd: 3984,
    defectsPerMm2: 0.001,
    leakageWattsPerMm2: 0.04,
    switchingEnergyVs45nm: N16_SWITCHING,
  },
  // Samsung 14LPP (also GlobalFoundries' licensed 14LPP, Groq's TSP): 78 nm contacted gate pitch at
  // 16FF+'s 64 nm metal pitch, so the same cell height and 90 / 78 of 16FF+'s density, 33.3 MTr/mm²
  // (WikiChip, "14 nm lithography process"; Samsung's 10LPP, 51.82 MTr/mm², is "1.6x" 14LPP: 32.4);
  // the HD bit cell is 0.064 µm² (same page). CSET lists no 14 nm wafer: 16 nm's price and defects.
  '14 nm': {
    logicMTrPerMm2: (28.9 * 90) / 78,
    sramMm2PerBit: (N7_SRAM * 0.064) / 0.027,
    bitcellMm2: 0.064e-6,
    waferUsd: 3984,
    defectsPerMm2: 0.001,
    leakageWattsPerMm2: 0.04,
    // The same FinFET generation as 16FF+, with no power claim against it: 16FF+'s switching energy
    // (by its own 78 nm pitch it read 13 % below 16 and 12 nm, the older node cheaper: a review).
    switchingEnergyVs45nm: N16_SWITCHING,
  },
  // TSMC 12FFN/12FFC are optical shrinks of 16FF with the same design rules for most layers.
  // 12FFC's advertised 20 % area reduction over 16FFC comes from 6-track standard-cell libraries
  // (AnandTech, "Samsung and TSMC Roadmaps: 12 nm, 8 nm and 6 nm Added", 2017, TSMC's figures),
  // which would be 28.9 / 0.8 = 36.1 MTr/mm². NVIDIA's 12 nm dies did not take it: GV100 (12FFN)
  // realizes 21.1 G transistors / 815 mm² = 25.9 MTr/mm², GP100 (16FF+) 15.3 G / 610 mm² = 25.1
  // (Volta whitepaper; Hot Chips 28), 3 % apart. So the row keeps the 16 nm density.
  '12 nm': {
    logicMTrPerMm2: 28.9,
    sramMm2PerBit: (N7_SRAM * 0.074) / 0.027,
    bitcellMm2: 0.074e-6,
    waferUsd: 3984,
    defectsPerMm2: 0.001,
    leakageWattsPerMm2: 0.04,
    switchingEnergyVs45nm: N16_SWITCHING,
  },
  '10 nm': {
    logicMTrPerMm2: 52.5,
    sramMm2PerBit: (N7_SRAM * 0.042) / 0.027,
    bitcellMm2: 0.042e-6,
    waferUsd: 5992,
    defectsPerMm2: 0.0012,
    leakageWattsPerMm2: 0.04,
    switchingEnergyVs45nm: N10_SWITCHING,
  },
  // Samsung 8LPP, an extension of 10LPP: 61.18 MTr/mm² (WikiChip, Samsung 8LPP); otherwise the 10 nm row.
  '8 nm': {
    logicMTrPerMm2: 61.18,
    sramMm2PerBit: (N7_SRAM * 0.042) / 0.027,
    bitcellMm2: 0.042e-6,
    waferUsd: 5992,
    defectsPerMm2: 0.0012,
    leakageWattsPerMm2: 0.04,
    switchingEnergyVs45nm: S8_SWITCHING,
  },
  '7 nm': N7_FAMILY,
  // N6 is N7-compatible: LLMCompass's 6 nm density and SRAM figure; otherwise N7's (CSET lists no N6 wafer price).
  '6 nm': { ...N7_FAMILY, logicMTrPerMm2: 114.2, sramMm2PerBit: 1.4e-7 },
  '5 nm': N5_FAMILY,
  // TSMC N4/4N are N5-family nodes (same design rules, ~6 % optical shrink not counted).
  '4 nm': N5_FAMILY,
  // N3: TSMC quotes 1.6x the logic density of N5 for N3E; SRAM bit cell 0.0199 vs 0.021 µm² (almost no shrink).
  // Wafer price: an assumption of 1.2x N5 (press reports of ~20,000 USD per N3 wafer).
  '3 nm': {
    logicMTrPerMm2: N5_FAMILY.logicMTrPerMm2 * 1.6,
    sramMm2PerBit: (N5_FAMILY.sramMm2PerBit * 0.0199) / 0.021,
    bitcellMm2: 0.0199e-6,
    waferUsd: N5_FAMILY.waferUsd * 1.2,
    defectsPerMm2: N5_FAMILY.defectsPerMm2,
    leakageWattsPerMm2: 0.05,
    switchingEnergyVs45nm: N3_SWITCHING,
  },
};

export const PROCESS_NODE_SOURCES = {
  logic:
    CSET +
    '; 14 nm Samsung/GF 14LPP = 16 nm x 90/78 gate pitch at the same metal pitch (WikiChip); 8 nm Samsung 8LPP 61.18 (WikiChip); 6 nm LLMCompass cost_model.py (114.2); 3 nm = 1.6 x 5 nm (TSMC N3E logic-density claim)',
  sram: LLMCOMPASS_SRAM + '; other nodes: ' + BITCELL_RATIO,
  bitcell:
    'TSMC high-density 6T bit cells: N16 0.074, Samsung/GF 14LPP 0.064, N10 0.042 (8 nm: the 10 nm row), N7 and N6 0.027, N5 and N4 0.021, N3 0.0199 µm² (IEDM/ISSCC disclosures as collected by WikiChip; N5 and N3E 0.021 and N3B 0.0199: WikiChip, IEDM 2022)',
  wafer: CSET + '; 14 nm as 16 nm; 3 nm assumed 1.2 x 5 nm',
  defects: D0 + '; negative-binomial clustering alpha = 3 (LLMCompass yield_rate)',
  leakage: LEAKAGE_SOURCE,
  switching:
    "45 to 16/14/12 nm: C·V² with the capacitance following the contacted gate pitch (45 nm 160 nm at 0.9 V, Intel; TSMC 16FF+ 90 nm at 0.8 V, WikiChip; supplies an assumption), 12FFN and Samsung/GF 14LPP as 16FF+ (the same FinFET generation); from 16FF+ on, the foundries' power at the same speed: N7 60 % below 16FF+ (TSMC via TechGage), N7 40 % below N10 (tsmc.com 7nm page), N5 30 % below N7 (tsmc.com 5nm page), N3E 32 % below N5 (TSMC via technewsspace.com), Samsung 8LPP 10 % below 10LPP (Samsung via evertiq); N6 as N7, N4 as N5 (same design rules)",
} as const;
