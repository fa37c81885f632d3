// Numeric formats the config language knows, and their storage size.

export const DTYPES = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
export type Dtype = (typeof DTYPES)[number];

export const BYTES_PER_ELEMENT: Record<Dtype, number> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

// When the matrix units lack the activations' format, the work runs in the next format that
// can represent it (e.g. fp8 weights and activations upcast to bf16 on an A100); bf16 and fp16
// stand in for each other (same width). Nothing is narrower-for-wider: fp32 on units with bf16
// only has no rate (an error, model/checks.ts).
const AT_LEAST_AS_WIDE: Record<Dtype, Dtype[]> = {
  int4: ['int8', 'fp8', 'bf16', 'fp16', 'fp32'],
  int8: ['bf16', 'fp16', 'fp32'],
  fp8: ['bf16', 'fp16', 'fp32'],
  bf16: ['fp16', 'fp32'],
  fp16: ['bf16', 'fp32'],
  fp32: [],
};

/** Widest first. */
const BY_WIDTH: readonly Dtype[] = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'];

/** The nearest format at least as wide as `wanted` among those `has`, which `wanted` work is upcast to; undefined if none. */
export function atLeastAsWide(wanted: Dtype, has: (d: Dtype) => boolean): Dtype | undefined {
  return AT_LEAST_AS_WIDE[wanted].find(has);
}

/** The widest format among those `has`; undefined if none. */
export function widest(has: (d: Dtype) => boolean): Dtype | undefined {
  return BY_WIDTH.find(has);
}

/** The dtype the matrix units compute in: the activations' if supported, else the nearest one at least as wide. */
export function computeDtypeFor({ macsPerSecond }: { macsPerSecond: Partial<Record<Dtype, number>> }, wanted: Dtype): Dtype {
  if (macsPerSecond[wanted]) return wanted;
  // No format at least as wide is an error (model/checks.ts): this number is never shown as valid.
  return widerComputeDtype(macsPerSecond, wanted) ?? widest((d) => !!macsPerSecond[d]) ?? (Object.keys(macsPerSecond)[0] as Dtype);
}

/** The nearest format at least as wide that the matrix units support, which `wanted` work is upcast to; undefined if none. */
export function widerComputeDtype(macsPerSecond: Partial<Record<Dtype, number>>, wanted: Dtype): Dtype | undefined {
  return atLeastAsWide(wanted, (d) => !!macsPerSecond[d]);
}
