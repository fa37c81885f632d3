// The model's FileHost on Node's file system, for the CLI, benchmarks and tests.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { FileHost } from '../model/config/resolve';

/** Files under `root` may be referenced; nothing outside it is read. */
export function nodeFileHost(root: string): FileHost {
  const rootAbs = resolve(root);
  return {
    async read(path) {
      try {
        if (statSync(path).size > 10_000_000) return undefined;
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    rootOf: () => rootAbs,
    async realPath(path) {
      try { return realpathSync(path); } catch { return path; }
    },
  };
}

/** The workspace of a file run from the command line: the current folder if it holds the file, else the file's folder. */
export function workspaceRootFor(file: string, cwd = process.cwd()): string {
  const abs = resolve(file);
  const here = resolve(cwd);
  return abs.startsWith(here + sep) ? here : resolve(abs, '..');
}
