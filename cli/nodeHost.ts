// The model's FileHost on Node's file system, for the CLI, benchmarks and tests.

import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FileHost } from '../model/config/resolve';

/** Files under `root` may be referenced; nothing outside it is read. */
export function nodeFileHost(root: string): FileHost {
  const rootAbs = resolve(root);
  return {
    async read(path) {
      try {
        // A file `extends` or `compare` names is a regular file: a FIFO would wait for a writer forever.
        if (!statSync(path).isFile()) return undefined;
        return readTextCapped(path);
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

/** Far past the parser's limit (model/config/parse.ts PARSE_LIMITS), which then says how large the file is. */
const READ_LIMIT_BYTES = 10_000_000;

/**
 * A file's text, at most READ_LIMIT_BYTES of it: the size `stat` gives is 0 for a device or a
 * pipe (`/dev/zero` ran out of memory, `/dev/urandom` never ended), so the read itself stops.
 */
export function readTextCapped(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(READ_LIMIT_BYTES + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
