// What every command shares: the usage error (exit code 2), reading a config file, printing.

import { statSync } from 'node:fs';
import { schemaAt } from '../model/config/schema';
import { READ_LIMIT_BYTES, readTextCapped } from './nodeHost';
import type { Diagnostic } from '../model/diagnostics';

export class UsageError extends Error {}

/** Schema kinds that hold one value (no keys below them). */
const VALUE_KINDS = new Set(['quantity', 'count', 'fraction', 'enum', 'text', 'boolean', 'length', 'enumList', 'textList', 'geometry']);

export function readConfig(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new Error('is a directory');
    const text = readTextCapped(file);
    if (text === undefined) throw new Error(`larger than ${READ_LIMIT_BYTES / 1e6} MB (a chip config is at most 1 MB)`);
    return text;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export function print(text: string): void {
  process.stdout.write(text + '\n');
}

/**
 * A reference outside the workspace folder is refused (docs/robustness.md); on the command
 * line that folder is a guess (cli/nodeHost.ts `workspaceRootFor`), so say which one it was
 * and how to widen it, on stderr, where it does not disturb --json or --csv.
 */
export function rootHint(diagnostics: readonly Diagnostic[], root: string, explicit: boolean): void {
  if (explicit || !diagnostics.some((d) => d.code === 'path-outside-workspace')) return;
  process.stderr.write(
    `jalapeno: the workspace folder is ${root} (the nearest folder above the config with a .git, else the config's own folder); pass --root DIR to let configs reference files under DIR.\n`,
  );
}

/**
 * The `--set PATH=VALUE` pairs of any command, checked as the file's keys are not: a misspelt key
 * would only warn and leave the run silently unchanged, and an empty value would remove the key
 * (as `null` does) where the user meant to give one.
 */
export function parseSets(sets: readonly string[]): { path: string; value: string }[] {
  return sets.map((s) => {
    const eq = s.indexOf('=');
    const path = s.slice(0, Math.max(0, eq)).trim();
    if (eq <= 0 || path === '') throw new UsageError(`--set takes PATH=VALUE, e.g. --set workload.batch=32 (got "${s}")`);
    const value = s.slice(eq + 1).trim();
    // An unknown key is the file's unknown-key warning (contract §3: same diagnostics as the file);
    // a path below a value (`chip.clock.x`) names no key at all, and no file could write it.
    const parts = path.split('.');
    const leaf = parts.slice(0, -1).findIndex((_, i) => VALUE_KINDS.has(schemaAt(parts.slice(0, i + 1))?.kind ?? ''));
    if (leaf >= 0) {
      const holder = parts.slice(0, leaf + 1).join('.');
      throw new UsageError(
        `--set ${path}: \`${holder}\` is a value, not a section, so it has no key \`${parts.slice(leaf + 1).join('.')}\``,
      );
    }
    if (value === '') throw new UsageError(`--set ${path}= has no value: give one, or write ${path}=null to remove the key`);
    return { path, value };
  });
}
