// Seeded pseudo-random numbers for sampling. A sample must be reproducible from its seed and
// index alone (shards on other machines draw the same points), so every draw is a hash of
// (seed, index, dimension) rather than the next value of one shared stream.

/** mulberry32 (Tommy Ettinger, public domain): a 32-bit generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [0, 1) determined by (seed, index, dimension): a murmur3-style finaliser. */
export function pointUniform(seed: number, index: number, dimension: number): number {
  let h = (seed ^ Math.imul(index | 0, 0x9e3779b1) ^ Math.imul(Math.floor(index / 4294967296) + dimension + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
