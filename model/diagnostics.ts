// Diagnostics: every problem in a config, from a YAML syntax error to a design that does
// not fit in memory, is one of these — never an exception.

export type Severity = 'error' | 'warning' | 'info';

/** Where a value came from: a file (with offsets into its text) or a preset. */
export type SourceRef =
  | { kind: 'file'; file: string; range: TextRange; keyRange?: TextRange }
  | { kind: 'preset'; presetId: string; source?: string }
  /** `replaced`: stands in for a written value that was invalid (its own error says so): the value it replaced, else the default. */
  /** `fromStacks`: a memory capacity or bandwidth derived from `chip.memory.stacks` (validate.ts deriveMemoryFromStacks), not stated. */
  | { kind: 'default'; source: string; replaced?: true; fromStacks?: true }
  /** `varied`: one of several values a sweep or an exploration tries (each point is then priced alike). */
  /** `replaces`: where the file wrote the value the override replaces (its diagnostics sit there). */
  | { kind: 'override'; label: string; varied?: true; replaces?: { file: string; range: TextRange } };

/**
 * Written but not usable: an invalid value (replaced by the value it replaced or its default, or
 * dropped where there is neither). Its own diagnostic says why; a check that reads the key says nothing more of it.
 */
export const isInvalidWritten = (ref: SourceRef | undefined, value: unknown): boolean =>
  isReplacedInvalid(ref) || (isWritten(ref) && value === undefined);

/** A stand-in (a default, or the value it replaced) for a written value that was invalid. */
export const isReplacedInvalid = (ref: SourceRef | undefined): boolean => ref?.kind === 'default' && ref.replaced === true;

/** Written by the user: in a config file or a command-line override (not a preset's, not a default). */
export const isWritten = (ref: SourceRef | undefined): boolean => ref?.kind === 'file' || ref?.kind === 'override';

/** Neither written nor a preset's: its documented default (a key of a map left out whole has no origin of its own). */
export const isUnstated = (ref: SourceRef | undefined): boolean => ref === undefined || ref.kind === 'default';

/** Offsets into the file text, [start, end). */
export interface TextRange {
  start: number;
  end: number;
}

/** An edit that fixes the problem, applied only by an explicit, undoable user action. */
export interface QuickFix {
  title: string;
  file: string;
  range: TextRange;
  newText: string;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable code for scripts and quick fixes, e.g. `unit-dimension`. */
  code: string;
  message: string;
  /** Dotted config path, e.g. `chip.memory.bandwidth` (empty for the whole file). */
  path: string;
  /** Where to show it; undefined when it belongs to no place in the file (a preset). */
  at?: { file: string; range: TextRange };
  related?: { message: string; at: { file: string; range: TextRange } }[];
  fixes?: QuickFix[];
  /**
   * Fixes that set a key in the config being evaluated (added if it is not written there),
   * for problems whose place in the YAML the model does not own: a missing `tdp`, a chip
   * count that does not match the parallelism. The editor turns each into a text edit.
   */
  keyFixes?: KeyFix[];
  /**
   * The result does not describe the design as written, though nothing is an error: a likely
   * misspelt key (`bacth: 16`) leaves the intended key at its inherited or default value. The
   * contract keeps unknown keys warnings; the report marks every number not valid instead.
   */
  invalidatesResult?: boolean;
}

/** "Set `path` to `value` in this file", offered as a quick fix. */
export interface KeyFix {
  title: string;
  path: readonly string[];
  /** The value as the user would write it (`300 W`); ignored when `remove`. */
  value: string;
  /** Remove the key where this file writes it, instead of setting it. */
  remove?: true;
}

/**
 * A diagnostic about the `explore:` section: what `explore` runs, not what this file evaluates
 * (docs/config.md), so an error there neither stops the evaluation nor leaves its numbers not valid.
 */
export const aboutExploration = (path: string): boolean => path === 'explore' || path.startsWith('explore.');
/** A diagnostic about the traffic (`serving:`, `fleet:`): the static batch does not read them. */
export const aboutTraffic = (path: string): boolean =>
  path === 'serving' || path.startsWith('serving.') || path === 'fleet' || path.startsWith('fleet.');

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** The place in a file a source reference points at, if it points at a file. */
export function locate(source: SourceRef | undefined, preferKey = false): Diagnostic['at'] {
  if (!source || source.kind !== 'file') return undefined;
  return { file: source.file, range: (preferKey && source.keyRange) || source.range };
}
