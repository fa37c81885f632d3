// The headline figures of a preset, for completion docs and hovers on a preset id. Read
// from the preset's own data (written the way users write configs), so nothing here
// repeats a number.

import type { Preset } from '../../model/presets';
import { formatOpsPerSecond, formatUsd, significant } from '../../model/report/format';
import { parseQuantity, type Dimension } from '../../model/units';

type Data = Record<string, unknown>;

const get = (data: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Data)[key] : undefined), data);

const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Markdown lines: `**Peak** bf16 989 TFLOPS · int8 1979 TOPS`, ... */
export function presetHeadline(preset: Preset): string[] {
  return preset.kind === 'chip'
    ? chipHeadline(preset.config)
    : preset.kind === 'runtime'
      ? runtimeHeadline(preset)
      : modelHeadline(preset.config);
}

/** Every runtime number with its source: a runtime preset is a handful of keys, each one cited. */
function runtimeHeadline(preset: Preset): string[] {
  return Object.entries(preset.config).map(
    ([key, value]) => `\`${key}\` ${String(value)}${preset.sources[key] ? ` — ${preset.sources[key]}` : ''}`,
  );
}

export function presetMarkdown(preset: Preset): string {
  const lines = [
    `**${preset.name}** (\`${preset.id}\`, ${preset.kind} preset)`,
    '',
    preset.summary,
    '',
    ...presetHeadline(preset).map((l) => `- ${l}`),
  ];
  return lines.join('\n');
}

function chipHeadline(config: Data): string[] {
  const lines: string[] = [];
  const peak = get(config, 'chip.matrix.peak');
  if (peak && typeof peak === 'object') {
    lines.push(
      `Peak ${Object.entries(peak as Data)
        .map(([dtype, v]) => `${dtype} ${shown(v, 'opsPerSecond', (x) => formatOpsPerSecond(x, dtype))}`)
        .join(' · ')}`,
    );
  } else {
    const derived = geometryPeak(config);
    if (derived.length) lines.push(`Peak ${derived.join(' · ')} (from the array geometry)`);
  }
  const memory = [text(get(config, 'chip.memory.capacity')), text(get(config, 'chip.memory.bandwidth'))].filter(Boolean);
  if (memory.length) lines.push(`Memory ${memory.join(' at ')}`);
  const sram = text(get(config, 'chip.sram.capacity'));
  if (sram) lines.push(`SRAM ${sram}`);
  // Further levels a preset declares (host memory, CXL), by their label or key.
  const levels = get(config, 'chip.memory_levels');
  for (const [name, level] of Object.entries(levels && typeof levels === 'object' ? (levels as Data) : {})) {
    const figures = [text(get(level, 'capacity')), text(get(level, 'bandwidth'))].filter(Boolean);
    if (figures.length) lines.push(`${text(get(level, 'label')) ?? name} ${figures.join(' at ')}`);
  }
  const link = text(get(config, 'chip.link.bandwidth'));
  if (link) lines.push(`Link ${link} per direction`);
  const tdp = text(get(config, 'chip.tdp'));
  if (tdp) lines.push(`TDP ${tdp}`);
  const fixed = get(config, 'chip.fixed_function');
  if (Array.isArray(fixed) && fixed.length) lines.push(`Hard-wired ${fixed.join(', ')}`);
  const price = get(config, 'cost.chip_price');
  if (text(price)) lines.push(`Price ${shown(price, 'money', formatUsd)}`);
  return lines;
}

/** A preset's figure as the report prints the same quantity (`1978.9 TFLOPS` → `1.98 POPS`… `33750 USD` → `$33,800`), else as written. */
function shown(v: unknown, dimension: Dimension, format: (si: number) => string): string | undefined {
  const written = text(v);
  if (written === undefined) return undefined;
  const q = parseQuantity(written, dimension);
  return q.ok ? format(q.value) : written;
}

/** units x rows x cols x MACs/cycle x 2 x clock, by dtype. */
function geometryPeak(config: Data): string[] {
  const units = get(config, 'chip.matrix.units');
  const array = text(get(config, 'chip.matrix.array'));
  const macs = get(config, 'chip.matrix.macs_per_cycle');
  const clock = parseQuantity(text(get(config, 'chip.clock')) ?? '', 'frequency');
  const geometry = array ? /^(\d+)\s*[x×X*]\s*(\d+)$/.exec(array.trim()) : null;
  if (typeof units !== 'number' || !geometry || !macs || typeof macs !== 'object' || !clock.ok) return [];
  const pes = units * Number(geometry[1]) * Number(geometry[2]);
  return Object.entries(macs as Data)
    .filter(([, m]) => typeof m === 'number')
    .map(([dtype, m]) => `${dtype} ${formatOpsPerSecond(pes * (m as number) * 2 * clock.value, dtype)}`);
}

function modelHeadline(config: Data): string[] {
  const lines: string[] = [];
  const params = modelParameterCount(config);
  if (params) lines.push(`≈${params >= 1e9 ? `${significant(params / 1e9)}B` : `${significant(params / 1e6)}M`} parameters`);
  const shape = ['layers', 'hidden', 'heads', 'kv_heads', 'ffn', 'vocab']
    .filter((k) => config[k] !== undefined)
    .map((k) => `${k} ${text(config[k])}`);
  if (shape.length) lines.push(shape.join(' · '));
  if (typeof config.activation === 'string') lines.push(`Activation ${config.activation}`);
  if (typeof config.experts === 'number' && config.experts > 1)
    lines.push(`Mixture of experts: ${config.experts} experts, ${text(config.experts_per_token) ?? 1} per token`);
  if (config.max_context !== undefined) lines.push(`Context ${text(config.max_context)} tokens`);
  return lines;
}

/**
 * Weights of a decoder-only transformer: per layer QKV + output projection + FFN (two or
 * three matrices, times experts), plus embedding and LM head (once if tied). Norms are
 * negligible and left out. Used for headlines and for sizing new configs, not by the model.
 */
export function modelParameterCount(config: Data): number | undefined {
  const n = (k: string): number | undefined => (typeof config[k] === 'number' ? (config[k] as number) : undefined);
  const layers = n('layers');
  const hidden = n('hidden');
  const heads = n('heads');
  const ffn = n('ffn');
  const vocab = n('vocab');
  if (!layers || !hidden || !heads || !ffn || !vocab) return undefined;
  const kvHeads = n('kv_heads') ?? heads;
  const headDim = n('head_dim') ?? hidden / heads;
  const gated = config.activation === undefined || config.activation === 'swiglu' || config.activation === 'geglu';
  const experts = n('experts') ?? 1;
  const attention = hidden * (heads + 2 * kvHeads) * headDim + heads * headDim * hidden;
  const mlp = (gated ? 3 : 2) * hidden * ffn * experts;
  const embeddings = (config.tied_embeddings === true ? 1 : 2) * vocab * hidden;
  return layers * (attention + mlp) + embeddings;
}
