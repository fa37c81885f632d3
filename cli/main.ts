// `jalapeno` — the command line over the same model the editor runs (contract.md §3).
//   eval FILE [--json] [--detail] [--set PATH=VALUE]...
//   sweep FILE --param PATH --values V1,V2,... [--json|--csv] [--set PATH=VALUE]...
//   presets [--json]
//   explore FILE --vary PATH=V1,V2,... [...] (contract.md §4.3), merge, search: see cli/explore.ts
// Exit codes: 0 evaluated with no error diagnostics; 1 error diagnostics; 2 usage or unreadable file.

import { resolve } from 'node:path';
import { analyzeConfig } from '../model/analyze';
import type { Override } from '../model/config/resolve';
import { schemaAt, unknownKeyPathMessage } from '../model/config/schema';
import { chipPresets, modelPresets, runtimePresets } from '../model/presets';
import { overrideFrom, sweepValues } from '../model/sweep';
import { analysisJson } from '../model/report/json';
import { sweepCsv, sweepJson } from '../model/report/sweep';
import { nodeFileHost, workspaceRootFor } from './nodeHost';
import { EXPLORE_OPTIONS, EXPLORE_USAGE, exploreCommand, mergeCommand, searchCommand } from './explore';
import { parseSets, print, readConfig, rootHint, UsageError } from './io';
import { summaryTable, sweepTable } from './table';
import { relative } from 'node:path';
import { version } from '../package.json';

const USAGE = `usage:
  jalapeno eval FILE [--json] [--detail] [--set PATH=VALUE]... [--root DIR]
  jalapeno sweep FILE --param PATH --values V1,V2,... [--json|--csv] [--set PATH=VALUE]... [--root DIR]
  jalapeno presets [--json]
  jalapeno --version
${EXPLORE_USAGE}
--root DIR: the folder extends/compare may read from (default: the file's git repository, else its folder)`;

/**
 * The usage of one command (its line and the lines that continue it), after a usage error in it:
 * the whole usage, ten lines, buried the one-line message above it. Every command's without one.
 */
function usageOf(command: string | undefined): string {
  const blocks = usageBlocks();
  const own = ownBlocks(blocks, command);
  const root = own.some((b) => b[0]!.includes('--root')) ? blocks.filter((b) => b[0]!.startsWith('--root')) : [];
  return own.length ? ['usage:', ...[...own, ...root].flat(), 'jalapeno --help: every command'].join('\n') : USAGE;
}

function usageBlocks(): string[][] {
  return USAGE.split('\n')
    .slice(1)
    .reduce<string[][]>((out, line) => {
      if (/^ {2}jalapeno /.test(line) || !line.startsWith(' ')) out.push([line]);
      else out.at(-1)!.push(line);
      return out;
    }, []);
}

const ownBlocks = (blocks: string[][], command: string | undefined) =>
  blocks.filter((b) => b[0]!.startsWith(`  jalapeno ${command} `) || b[0] === `  jalapeno ${command}`);

/**
 * The options a command's usage names, or undefined for a command there is none of: an option
 * of another command is a usage error, not ignored (`eval --param … --values …` ran one eval and
 * exited 0, for a user who thought they had swept).
 */
function optionsOf(command: string): Set<string> | undefined {
  const own = ownBlocks(usageBlocks(), command);
  return own.length
    ? new Set(
        own
          .flat()
          .join(' ')
          .match(/--[a-z-]+/g) ?? [],
      )
    : undefined;
}

export interface Args {
  command: string;
  file?: string;
  flags: Set<string>;
  sets: string[];
  param?: string;
  values?: string;
  root?: string;
  /** Options of `explore`, `merge` and `search`, each value in the order given (repeatable ones keep them all). */
  options: Map<string, string[]>;
  /** Further positional arguments (the files of `merge`). */
  files: string[];
}

/** Every option of some command: one of none is "unknown option", as before. */
const KNOWN_OPTIONS = new Set(USAGE.match(/--[a-z-]+/g));

function parseArgs(argv: string[]): Args {
  const [command = '', ...rest] = argv;
  const args: Args = { command, flags: new Set(), sets: [], options: new Map(), files: [] };
  const allowed = optionsOf(command);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const option = /^--[^=]+/.exec(a)?.[0];
    if (allowed && option && option !== '--help' && !allowed.has(option) && KNOWN_OPTIONS.has(option))
      throw new UsageError(`${option} is not an option of ${command}`);
    const takeValue = (name: string) => {
      const eq = a.indexOf('=');
      if (a.startsWith(`--${name}=`)) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      return v;
    };
    if (a === '--set' || a.startsWith('--set=')) args.sets.push(takeValue('set'));
    else if (a === '--param' || a.startsWith('--param=')) args.param = takeValue('param');
    else if (a === '--values' || a.startsWith('--values=')) args.values = takeValue('values');
    else if (a === '--root' || a.startsWith('--root=')) args.root = takeValue('root');
    else if (['--json', '--csv', '--detail', '--help', '-h', '--front'].includes(a)) args.flags.add(a);
    else if (EXPLORE_OPTIONS.some((o) => a === `--${o}` || a.startsWith(`--${o}=`))) {
      const name = EXPLORE_OPTIONS.find((o) => a === `--${o}` || a.startsWith(`--${o}=`))!;
      args.options.set(name, [...(args.options.get(name) ?? []), takeValue(name)]);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    // `presets` reads no file: `presets extra` ran as if the word were not there (an architect's review).
    else if (command === 'presets') throw new UsageError(`presets takes no argument (got ${a})`);
    else if (args.file === undefined) args.file = a;
    else if (command === 'merge') args.files.push(a);
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (args.flags.has('--json') && args.flags.has('--csv')) throw new UsageError('--json and --csv: give one output format');
  return args;
}

export function overridesFrom(sets: string[]): Override[] {
  return parseSets(sets).map(({ path, value }) => overrideFrom(path, value, `--set ${path}`));
}

async function evalCommand(args: Args): Promise<number> {
  if (!args.file) throw new UsageError('eval needs a FILE');
  if (args.flags.has('--detail') && !args.flags.has('--json'))
    throw new UsageError('--detail adds per-operator results and sensitivities to the --json output: use it with --json');
  const file = resolve(args.file);
  const text = readConfig(file);
  const root = workspaceRootFor(file, args.root);
  const analysis = await analyzeConfig(text, file, nodeFileHost(root), {
    overrides: overridesFrom(args.sets),
    sensitivity: args.flags.has('--detail'),
  });
  rootHint(analysis.diagnostics, root, args.root !== undefined);
  if (args.flags.has('--json')) print(JSON.stringify(analysisJson(analysis, { detail: args.flags.has('--detail'), fileLabel }), null, 2));
  else print(summaryTable(analysis, undefined, process.stdout.isTTY ? process.stdout.columns : undefined));
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Files other than the config are named relative to the working directory. */
const fileLabel = (file: string) => relative(process.cwd(), file);

async function sweepCommand(args: Args): Promise<number> {
  if (!args.file) throw new UsageError('sweep needs a FILE');
  if (!args.param) throw new UsageError('sweep needs --param PATH');
  if (!args.values) throw new UsageError('sweep needs --values V1,V2,...');
  const node = schemaAt(args.param.split('.'));
  if (!node || node.kind === 'section') throw new UsageError(`--param ${unknownKeyPathMessage(args.param)}`);
  const values = args.values.split(',').map((v) => v.trim());
  if (values.every((v) => v === '')) throw new UsageError('--values is empty');
  // `1,,2`: a value left out by mistake is said, not skipped (the sweep would have one point fewer than asked).
  if (values.includes('')) throw new UsageError(`--values "${args.values}" has an empty value: give V1,V2,... with none left out`);
  const file = resolve(args.file);
  const text = readConfig(file);
  const root = workspaceRootFor(file, args.root);
  const points = await sweepValues(text, file, nodeFileHost(root), args.param, values, {
    overrides: overridesFrom(args.sets),
  });
  rootHint(
    points.flatMap((p) => p.analysis.diagnostics),
    root,
    args.root !== undefined,
  );
  const anyError = points.some((p) => p.analysis.diagnostics.some((d) => d.severity === 'error'));
  // A sweep runs no simulation at the step ranges' ends (two more per point): say why its
  // serving and fleet figures have no _low80/_high80 where eval's have them.
  if (points.some((p) => p.analysis.result?.serving))
    process.stderr.write(
      'note: the serving and fleet figures carry no 80 % ranges in a sweep (each takes two more simulations per point); `jalapeno eval --set` of a value gives them\n',
    );
  if (args.flags.has('--json')) print(JSON.stringify(sweepJson(args.param, points, { fileLabel }), null, 2));
  else if (args.flags.has('--csv')) print(sweepCsv(points).trimEnd());
  else print(sweepTable(args.param, points, process.stdout.isTTY ? process.stdout.columns : undefined));
  return anyError ? 1 : 0;
}

function presetsCommand(args: Args): number {
  if (args.flags.has('--json')) {
    const strip = (p: (typeof chipPresets)[number]) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      summary: p.summary,
      config: p.config,
      sources: p.sources,
    });
    print(
      JSON.stringify(
        {
          chips: chipPresets.map(strip),
          models: modelPresets.map(strip),
          runtimes: runtimePresets.map((p) => ({ ...strip(p), evidence: p.evidence })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  print('Chips:');
  for (const p of chipPresets) print(`  ${p.id.padEnd(16)} ${p.name} — ${p.summary}`);
  print('Models:');
  for (const p of modelPresets) print(`  ${p.id.padEnd(16)} ${p.name} — ${p.summary}`);
  print('Runtimes (`runtime: <id>`; generic is the default):');
  for (const p of runtimePresets) print(`  ${p.id.padEnd(20)} ${p.evidence.padEnd(6)} ${p.name} — ${p.summary}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      print(USAGE);
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      print(version);
      return 0;
    }
    const args = parseArgs(argv);
    // `eval --help`: that command's usage (an architect's review got every command's).
    if (args.flags.has('--help') || args.flags.has('-h') || !args.command) {
      print(args.command ? usageOf(args.command) : USAGE);
      return args.command ? 0 : 2;
    }
    switch (args.command) {
      case 'eval':
        return await evalCommand(args);
      case 'sweep':
        return await sweepCommand(args);
      case 'presets':
        return presetsCommand(args);
      case 'explore':
        return await exploreCommand(args);
      case 'merge':
        return mergeCommand(args);
      case 'search':
        return await searchCommand(args);
      default:
        throw new UsageError(`unknown command ${args.command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`jalapeno: ${error.message}\n${usageOf(argv[0])}\n`);
      return 2;
    }
    process.stderr.write(`jalapeno: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // `jalapeno presets --json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
