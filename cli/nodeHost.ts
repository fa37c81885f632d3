// The model's FileHost on Node's file system, for the CLI, benchmarks and tests.

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
      try {
        return realpathSync(path);
      } catch {
        return path;
      }
    },
  };
}

/**
 * The folder `extends` and `compare` may read from, for a file run from the command line:
 * `--root` when given, else the nearest ancestor holding `.git` (the repository, as an
 * editor workspace would be), else the file's own folder. Not the current directory, so the
 * same file resolves the same way wherever the command runs.
 */
export function workspaceRootFor(file: string, explicitRoot?: string): string {
  if (explicitRoot) return resolve(explicitRoot);
  const folder = dirname(resolve(file));
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return folder;
  }
}
