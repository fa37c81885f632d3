// The model holds each operation's energy and each cell's size at any clock: it has no
// voltage-frequency curve. Where an exploration varies the clock, that makes its high end look
// free, and the front drifts there; one note says so, the CLI's and the panel's alike.

import type { Dimension } from './space';

export const CLOCK_NOTE =
  "chip.clock is varied, and the model holds each operation's energy and each cell's size at any clock (no voltage–frequency scaling): a higher clock costs only more cycles of active power here, where silicon pays for it in supply voltage (switching energy grows with its square) and larger cells; with `matrix.peak` written, the peak holds and a higher clock needs fewer MACs, a smaller die. Read the high-clock end of the front as optimistic, and bound the range by the clock your cell library closes timing at";

/** The note, where a dimension varies `chip.clock`. */
export const clockNotes = (dimensions: readonly Dimension[]): string[] =>
  dimensions.some((d) => d.paths.includes('chip.clock')) ? [CLOCK_NOTE] : [];
