// One reading of `serving.slo.percentile`, for the serving spec and for exploration's constraints
// (no imports: the Exploration panel's bundle carries it).

/** `serving.slo.percentile` as a percentile: `0.99` and `99` both read as p99. */
export const sloPercentile = (written: number): number => (written <= 1 ? written * 100 : written);
