// Chip-to-chip link PHYs (SerDes): die area per link unit and the bandwidth one unit carries.

export const LINK_PHYS = ['pcie4', 'pcie5', 'nvlink3', 'nvlink4'] as const;
export type LinkPhy = (typeof LINK_PHYS)[number];

export interface LinkPhySpec {
  /** Bandwidth of one unit, per direction, B/s. */
  bandwidthPerUnit: number;
  phyMm2PerUnit: number;
  controllerTransistorsPerUnit: number;
  source: string;
}

const LLMC = 'LLMCompass cost_model.py (PHY mm² and controller transistors per link unit)';
export const LINK_PHY_TABLE: Readonly<Record<LinkPhy, LinkPhySpec>> = {
  // One PCIe 4.0 lane: 16 GT/s, 128b/130b = 1.97 GB/s per direction.
  pcie4: {
    bandwidthPerUnit: 1.97e9,
    phyMm2PerUnit: 0.48,
    controllerTransistorsPerUnit: 3.9625e6,
    source: `per PCIe 4.0 lane (1.97 GB/s per direction): 0.48 mm² PHY, 3.96 M transistors; ${LLMC}`,
  },
  pcie5: {
    bandwidthPerUnit: 3.94e9,
    phyMm2PerUnit: 0.64,
    controllerTransistorsPerUnit: 5.3721e6,
    source: `per PCIe 5.0 lane (3.94 GB/s per direction): 0.64 mm² PHY, 5.37 M transistors; ${LLMC}`,
  },
  // One NVLink3 link: 4 x 50 Gb/s pairs per direction = 25 GB/s (56G-class NRZ SerDes).
  nvlink3: {
    bandwidthPerUnit: 25e9,
    phyMm2PerUnit: 1.888,
    controllerTransistorsPerUnit: 74.632e6,
    source: `per NVLink3 link (25 GB/s per direction, 50 Gb/s NRZ SerDes class): 1.888 mm² PHY, 74.6 M transistors; ${LLMC}`,
  },
  // One NVLink4 link: 2 x 100 Gb/s PAM4 pairs per direction = 25 GB/s (112G-class SerDes).
  nvlink4: {
    bandwidthPerUnit: 25e9,
    phyMm2PerUnit: 0.965,
    controllerTransistorsPerUnit: 86.628e6,
    source: `per NVLink4 link (25 GB/s per direction, 112G PAM4 SerDes class): 0.965 mm² PHY, 86.6 M transistors; ${LLMC}`,
  },
};
