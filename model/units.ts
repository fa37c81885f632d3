// Quantities with units, as written in chip configs ("4.8 TB/s", "96 GiB", "0.3 pJ").
// Every quantity is converted to SI base units (bytes, seconds, watts, joules, USD,
// operations) the moment it is parsed; the rest of the model never sees a unit string.

export type Dimension =
  | 'frequency' // Hz
  | 'bytes' // B
  | 'bandwidth' // B/s
  | 'time' // s (also years, for lifetimes)
  | 'power' // W
  | 'energy' // J
  | 'energyPerByte' // J/B (pJ/bit is converted: 1 bit = 1/8 B)
  | 'opsPerSecond' // operations/s (one MAC = 2 operations)
  | 'money' // USD
  | 'moneyPerEnergy' // USD/J
  | 'rate' // events (requests) per second
  | 'area' // m² (silicon: mm²)
  | 'perArea' // 1/m² (defect densities: /cm²)
  | 'moneyPerByte'; // USD/B (memory prices: USD/GB)

/** How each dimension is named and written, for messages, hovers and completion. */
export const DIMENSIONS: Record<Dimension, { noun: string; example: string; siUnit: string; suggestions: string[] }> = {
  frequency: { noun: 'a frequency', example: '1.5 GHz', siUnit: 'Hz', suggestions: ['GHz', 'MHz'] },
  bytes: { noun: 'a size in bytes', example: '96 GB', siUnit: 'B', suggestions: ['GB', 'GiB', 'MiB', 'MB', 'TB'] },
  bandwidth: { noun: 'a bandwidth', example: '4.8 TB/s', siUnit: 'B/s', suggestions: ['TB/s', 'GB/s', 'GiB/s', 'Gbit/s'] },
  time: { noun: 'a time', example: '2 us', siUnit: 's', suggestions: ['us', 'ns', 'ms', 's', 'years'] },
  power: { noun: 'a power', example: '300 W', siUnit: 'W', suggestions: ['W', 'kW'] },
  energy: { noun: 'an energy', example: '0.3 pJ', siUnit: 'J', suggestions: ['pJ', 'fJ', 'nJ'] },
  energyPerByte: { noun: 'an energy per bit or byte', example: '4 pJ/bit', siUnit: 'J/B', suggestions: ['pJ/bit', 'pJ/B'] },
  opsPerSecond: { noun: 'a compute rate', example: '989 TFLOPS', siUnit: 'op/s', suggestions: ['TFLOPS', 'TOPS', 'PFLOPS', 'GFLOPS'] },
  money: { noun: 'an amount of money', example: '20000 USD', siUnit: 'USD', suggestions: ['USD'] },
  moneyPerEnergy: { noun: 'an electricity price', example: '0.08 USD/kWh', siUnit: 'USD/J', suggestions: ['USD/kWh', 'USD/MWh'] },
  rate: { noun: 'a rate', example: '4 /s', siUnit: '/s', suggestions: ['/s', '/min', '/h'] },
  area: { noun: 'an area', example: '814 mm2', siUnit: 'm²', suggestions: ['mm2', 'mm²', 'cm2'] },
  perArea: { noun: 'a density per area', example: '0.1 /cm2', siUnit: '1/m²', suggestions: ['/cm2', '/cm²', '/mm2'] },
  moneyPerByte: { noun: 'a price per byte', example: '15 USD/GB', siUnit: 'USD/B', suggestions: ['USD/GB', 'USD/GiB'] },
};

const DECIMAL: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
const SMALL: Record<string, number> = { '': 1, m: 1e-3, u: 1e-6, µ: 1e-6, μ: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15 };

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
// Julian year, the convention for depreciation lifetimes.
const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;
const JOULES_PER_KWH = 3.6e6;

interface UnitDef {
  dimension: Dimension;
  factor: number;
}

/** The unit table: every accepted spelling, its dimension and its factor to SI. */
const UNITS: ReadonlyMap<string, UnitDef> = buildUnitTable();

function buildUnitTable(): Map<string, UnitDef> {
  const table = new Map<string, UnitDef>();
  const add = (names: string[], dimension: Dimension, factor: number) => {
    for (const name of names) table.set(name, { dimension, factor });
  };
  for (const [p, f] of Object.entries(DECIMAL)) {
    add([`${p}Hz`], 'frequency', f);
    add([`${p}B`], 'bytes', f);
    add([`${p}B/s`, `${p}Bps`], 'bandwidth', f);
    add([`${p}bit/s`, `${p}b/s`, `${p}bps`], 'bandwidth', f / 8);
    add([`${p}W`], 'power', f);
    add([`${p}FLOPS`, `${p}OPS`, `${p}FLOP/s`, `${p}OP/s`], 'opsPerSecond', f);
    add([`${p}MACS`, `${p}MAC/s`], 'opsPerSecond', 2 * f); // one MAC = 2 operations
  }
  for (const [p, f] of Object.entries(BINARY)) {
    add([`${p}B`], 'bytes', f);
    add([`${p}B/s`], 'bandwidth', f);
  }
  add(['byte', 'bytes'], 'bytes', 1);
  for (const [p, f] of Object.entries(SMALL)) {
    add([`${p}s`], 'time', f);
    add([`${p}J`], 'energy', f);
    add([`${p}J/B`, `${p}J/byte`], 'energyPerByte', f);
    add([`${p}J/bit`, `${p}J/b`], 'energyPerByte', f * 8);
    if (p) add([`${p}W`], 'power', f);
  }
  add(['sec', 'second', 'seconds'], 'time', 1);
  add(['min', 'minute', 'minutes'], 'time', 60);
  add(['h', 'hr', 'hour', 'hours'], 'time', SECONDS_PER_HOUR);
  add(['d', 'day', 'days'], 'time', SECONDS_PER_DAY);
  add(['y', 'yr', 'yrs', 'year', 'years'], 'time', SECONDS_PER_YEAR);
  add(['month', 'months'], 'time', SECONDS_PER_YEAR / 12);
  add(['Wh'], 'energy', SECONDS_PER_HOUR);
  add(['kWh'], 'energy', JOULES_PER_KWH);
  add(['USD', '$', 'usd', 'dollars'], 'money', 1);
  // NREs and fleets run to millions: `300 MUSD` and `20k USD` read as written (a new user's `20k USD` was an unknown unit).
  add(['kUSD', 'k USD'], 'money', 1e3);
  add(['MUSD', 'M USD'], 'money', 1e6);
  add(['GUSD', 'G USD'], 'money', 1e9);
  add(['USD/kWh', '$/kWh'], 'moneyPerEnergy', 1 / JOULES_PER_KWH);
  add(['USD/MWh', '$/MWh'], 'moneyPerEnergy', 1 / (1000 * JOULES_PER_KWH));
  add(['USD/J', '$/J'], 'moneyPerEnergy', 1);
  add(['/s', 'req/s', 'rps'], 'rate', 1);
  add(['/min', 'req/min', 'rpm'], 'rate', 1 / 60);
  add(['/h', '/hr', 'req/h'], 'rate', 1 / SECONDS_PER_HOUR);
  add(['m2', 'm²'], 'area', 1);
  add(['mm2', 'mm²', 'mm^2'], 'area', 1e-6);
  add(['cm2', 'cm²', 'cm^2'], 'area', 1e-4);
  add(['um2', 'µm²', 'µm2', 'um^2'], 'area', 1e-12);
  add(['/m2', '/m²'], 'perArea', 1);
  add(['/cm2', '/cm²', '/cm^2', 'cm-2', 'cm^-2'], 'perArea', 1e4);
  add(['/mm2', '/mm²', '/mm^2', 'mm-2', 'mm^-2'], 'perArea', 1e6);
  for (const [p, f] of Object.entries({ '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 })) add([`USD/${p}B`, `$/${p}B`], 'moneyPerByte', 1 / f);
  for (const [p, f] of Object.entries(BINARY)) add([`USD/${p}B`, `$/${p}B`], 'moneyPerByte', 1 / f);
  return table;
}

export type QuantityParse =
  | { ok: true; value: number; unit: string }
  | { ok: false; code: 'unit-missing' | 'unit-unknown' | 'unit-dimension' | 'not-a-number'; message: string };

/** A scale written after a leading `$`: thousands, millions, billions (`$1.5B` is money, not bytes). */
const DOLLAR_SCALES: Readonly<Record<string, string>> = {
  k: 'kUSD',
  K: 'kUSD',
  M: 'MUSD',
  m: 'MUSD',
  mn: 'MUSD',
  B: 'GUSD',
  bn: 'GUSD',
  G: 'GUSD',
};

// A number (optionally signed, with exponent, `_` or `,` thousands separators) then an
// optional unit. `$20,000` is also accepted: money is often written with the sign first.
const QUANTITY = /^\s*(\$)?\s*([+-]?(?:\d[\d_,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/;

/**
 * A `,` or `_` that is not a thousands separator (groups of three digits, one kind): `1,5 GHz`
 * is a decimal comma, and read by dropping it, 15 GHz, a clock 10× too fast passed silently.
 * The message to say instead, or undefined when the number is well formed.
 */
function separatorSlip(number: string): string | undefined {
  if (!/[_,]/.test(number)) return undefined;
  const integer = number.replace(/^[+-]/, '').split(/[.eE]/)[0]!;
  if (groupedThousands(integer) !== undefined) return undefined;
  const decimal = number.replace(/[,_]/, '.');
  return `\`${number}\` is not a number: \`,\` and \`_\` only separate thousands (\`1,500\`); for a decimal write a point (\`${decimal}\`).`;
}

/** A whole number with its thousands grouped by one separator (`1,024`, `10_000`), or undefined. */
export function groupedThousands(text: string): number | undefined {
  return /^\d{1,3}(?:(?:,\d{3})+|(?:_\d{3})+)$/.test(text) ? Number(text.replace(/[,_]/g, '')) : undefined;
}

/** `1,5 GHz` -> `1.5 GHz`: the quantity with its decimal comma (or underscore) read as a point, where that is the slip. */
export function decimalReading(text: string): string | undefined {
  const m = QUANTITY.exec(text);
  if (!m || !separatorSlip(m[2]!)) return undefined;
  const at = text.indexOf(m[2]!);
  return text.slice(0, at) + m[2]!.replace(/[,_]/, '.') + text.slice(at + m[2]!.length);
}

/**
 * The units a message or completion offers for `dimension`. `bytesOnly` drops the bit rates:
 * a memory bandwidth is quoted in bytes, and offering `Gbit/s` there invites the 8x slip
 * the `bits-for-bytes` warning exists for.
 */
export function suggestedUnits(dimension: Dimension, bytesOnly = false): string[] {
  const all = DIMENSIONS[dimension].suggestions;
  return bytesOnly ? all.filter((unit) => !/(?:bits?|b)(?:\/s|ps)$/.test(unit)) : all;
}

/** Parses `text` as a quantity of `dimension`; the value is in SI units. */
export function parseQuantity(text: string | number, dimension: Dimension, example?: string, bytesOnly = false): QuantityParse {
  const d = example ? { ...DIMENSIONS[dimension], example } : DIMENSIONS[dimension];
  if (typeof text === 'number') {
    return {
      ok: false,
      code: 'unit-missing',
      message: `Expected ${d.noun} with a unit, such as \`${d.example}\`; a bare number has no unit.`,
    };
  }
  const m = QUANTITY.exec(text);
  if (!m) {
    return { ok: false, code: 'not-a-number', message: `Expected ${d.noun} such as \`${d.example}\`, got \`${text}\`.` };
  }
  const separated = separatorSlip(m[2]!);
  if (separated) return { ok: false, code: 'not-a-number', message: separated };
  const value = Number(m[2]!.replace(/[_,]/g, ''));
  // `$300M`, `$20k`, `$1.5B`: with the sign first, a suffix is the money's scale (as NREs are written).
  const unit = m[1] && !m[3] ? '$' : m[1] && DOLLAR_SCALES[m[3]!] ? DOLLAR_SCALES[m[3]!]! : m[3]!;
  if (!Number.isFinite(value)) {
    return { ok: false, code: 'not-a-number', message: `\`${m[2]}\` is not a finite number.` };
  }
  if (!unit) {
    return {
      ok: false,
      code: 'unit-missing',
      message: `Expected ${d.noun} with a unit, such as \`${d.example}\`; \`${text.trim()}\` has no unit.`,
    };
  }
  const def = UNITS.get(unit) ?? UNITS.get(normaliseUnit(unit));
  if (!def) {
    const near = nearestUnit(unit, dimension);
    return {
      ok: false,
      code: 'unit-unknown',
      message: `Unknown unit \`${unit}\`${near ? `; did you mean \`${near}\`?` : ':'} Expected ${d.noun}, such as \`${d.example}\` (units: ${suggestedUnits(dimension, bytesOnly).join(', ')}).`,
    };
  }
  if (def.dimension !== dimension) {
    return {
      ok: false,
      code: 'unit-dimension',
      message: `\`${unit}\` is ${DIMENSIONS[def.dimension].noun}, but this key needs ${d.noun}, such as \`${d.example}\`.`,
    };
  }
  return { ok: true, value: value * def.factor, unit };
}

/**
 * Rewrites of a value that failed to parse as `dimension` which its message already implies,
 * best first, each one that parses: the rate of a size (`4.8 TB` for a bandwidth -> `4.8 TB/s`),
 * the size of a rate, a per-bit energy for an energy, the case-fixed unit (`Ghz` -> `GHz`),
 * and the number in the key's own example unit (`4 GHz` for a lifetime -> `4 years`).
 */
export function unitRepairs(text: string, dimension: Dimension, example?: string): string[] {
  const m = QUANTITY.exec(text);
  if (!m || m[1]) return [];
  const number = m[2]!;
  const unit = m[3]!;
  const candidates: string[] = [];
  if (unit) {
    const near = nearestUnit(unit, dimension);
    if (near) candidates.push(near);
    const stripped = unit.replace(/\/(s|sec)$/, '').replace(/ps$/, '');
    switch (dimension) {
      case 'bandwidth':
        candidates.push(`${unit}/s`);
        break;
      case 'bytes':
        candidates.push(stripped);
        break;
      case 'energyPerByte':
        candidates.push(`${unit}/bit`, `${unit}/B`);
        break;
      case 'energy':
        candidates.push(unit.replace(/\/(bit|b|B|byte)$/, ''));
        break;
      case 'moneyPerEnergy':
        candidates.push(`${unit}/kWh`);
        break;
      case 'time':
        // `tpot: 50 ms/token`, as the lenses write a per-token time (a workbench review).
        candidates.push(unit.replace(/\s*\/\s*(tokens?|tok)$/i, ''));
        break;
      default:
        break;
    }
  }
  const exampleUnit = (example ?? DIMENSIONS[dimension].example).replace(/^[\d.,\s]+/, '');
  candidates.push(exampleUnit);
  const out: string[] = [];
  for (const candidate of candidates) {
    const rewritten = `${number} ${candidate}`;
    if (candidate !== unit && !out.includes(rewritten) && parseQuantity(rewritten, dimension).ok) out.push(rewritten);
  }
  return out;
}

/** Lenient spellings: "TOPs", "Tops", "tops", "GB/sec" (`tflops` is refused, with the spelling it means). */
function normaliseUnit(unit: string): string {
  return (
    unit
      .replace(/\/sec$/, '/s')
      .replace(/^([kKMGTPE]?)(flops|Flops|FLOPs|flop\/s)$/, '$1FLOPS')
      // `tops` is tera-ops, as `Tops` and `TOPs` are: read first, it became 1,000× less (`1000 tops` = 1 kOPS).
      .replace(/^(tops|Tops|TOPs)$/, 'TOPS')
      .replace(/^([kKMGTPE]?)(OPs|ops)$/, '$1OPS')
  );
}

/** A unit of `dimension` spelt like `unit` but for letter case (`Ghz` -> `GHz`, `tb/s` -> `TB/s`). */
function nearestUnit(unit: string, dimension: Dimension): string | undefined {
  const lower = unit.toLowerCase();
  for (const [name, def] of UNITS) if (def.dimension === dimension && name.toLowerCase() === lower) return name;
  return undefined;
}

/** Which dimension a unit belongs to, if any (for completion and quick fixes). */
export function dimensionOfUnit(unit: string): Dimension | undefined {
  return (UNITS.get(unit) ?? UNITS.get(normaliseUnit(unit)))?.dimension;
}

export type FractionParse = { ok: true; value: number } | { ok: false; code: 'not-a-fraction'; message: string };

/** Fractions accept `85 %` or `0.85`. */
export function parseFraction(raw: unknown): FractionParse {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: raw };
  if (typeof raw === 'string') {
    const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(%?)\s*$/.exec(raw);
    if (m) return { ok: true, value: Number(m[1]) / (m[2] ? 100 : 1) };
  }
  return { ok: false, code: 'not-a-fraction', message: `Expected a fraction such as \`85 %\` or \`0.85\`.` };
}

// ---------- formatting: numbers in the units a hardware architect reads ----------

const SI_PREFIXES: [number, string][] = [
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p'],
  [1e-15, 'f'],
];

/** 3.35e12, 'B/s' -> "3.35 TB/s". Three significant digits. */
export function formatSI(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `— ${unit}`;
  if (value === 0) return `0 ${unit}`;
  const abs = Math.abs(value);
  for (const [scale, prefix] of SI_PREFIXES) {
    if (abs >= scale * 0.9995) return `${trimNumber(value / scale)} ${prefix}${unit}`;
  }
  return `${value.toExponential(2)} ${unit}`;
}

export function trimNumber(value: number): string {
  const abs = Math.abs(value);
  // Past what a prefix covers (1e30 GB is 1e21 EB) toFixed writes every digit of the float: "1.0000000000000001e+21".
  if (abs >= 1e15) return value.toExponential(2);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(digits).replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/**
 * A size written in binary units, shown in them (`256 MiB`, not `268 MB`): one that is not a round
 * number of its decimal unit (hundredths included: `512 kB`, `1.5 GB` stay decimal) but is one of
 * the largest binary unit it reaches (`1.5 GiB`, `64 KiB`).
 */
export function binaryBytes(bytes: number): { count: number; unit: string } | undefined {
  const roundIn = (units: readonly (readonly [string, number])[]) => {
    const [unit, size] = units.find(([, size]) => bytes >= size) ?? [];
    return unit && Number.isInteger(Math.round((bytes / size!) * 1e6) / 1e4) ? { unit, count: bytes / size! } : undefined;
  };
  if (roundIn(DECIMAL_BYTES)) return undefined;
  return roundIn(BINARY_BYTES);
}
const DECIMAL_BYTES = [
  ['TB', 1e12],
  ['GB', 1e9],
  ['MB', 1e6],
  ['kB', 1e3],
] as const;
const BINARY_BYTES = [
  ['TiB', 2 ** 40],
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
] as const;

/** Formats an SI value of a dimension the way the config language writes it (a size in binary units where it is a round number of them). */
export function formatQuantity(value: number, dimension: Dimension): string {
  switch (dimension) {
    case 'frequency':
      return formatSI(value, 'Hz');
    case 'bytes': {
      const binary = binaryBytes(value);
      return binary ? `${trimNumber(binary.count)} ${binary.unit}` : formatSI(value, 'B');
    }
    case 'bandwidth':
      return formatSI(value, 'B/s');
    case 'time':
      return formatTime(value);
    case 'power':
      return formatSI(value, 'W');
    case 'energy':
      return formatSI(value, 'J');
    case 'energyPerByte':
      return formatSI(value, 'J/B');
    case 'opsPerSecond':
      return formatSI(value, 'OPS');
    case 'money':
      return `${trimNumber(value)} USD`;
    case 'moneyPerEnergy':
      return `${trimNumber(value * JOULES_PER_KWH)} USD/kWh`;
    case 'rate':
      // A rate below a hundredth of a request a second keeps its digits: rounded, 1e-6 /s read "0 /s".
      return `${value > 0 && value < 0.01 ? +value.toPrecision(3) : trimNumber(value)} /s`;
    case 'area':
      return `${trimNumber(value * 1e6)} mm2`;
    case 'perArea':
      return `${trimNumber(value / 1e4)} /cm2`;
    case 'moneyPerByte':
      return `${trimNumber(value * 1e9)} USD/GB`;
  }
}

export function formatTime(seconds: number): string {
  if (Math.abs(seconds) >= SECONDS_PER_YEAR * 0.999) return `${trimNumber(seconds / SECONDS_PER_YEAR)} years`;
  if (Math.abs(seconds) >= SECONDS_PER_DAY) return `${trimNumber(seconds / SECONDS_PER_DAY)} days`;
  if (Math.abs(seconds) >= 1) return `${trimNumber(seconds)} s`;
  return formatSI(seconds, 's');
}

export const JOULES_PER_KILOWATT_HOUR = JOULES_PER_KWH;
export const SECONDS_PER_JULIAN_YEAR = SECONDS_PER_YEAR;
