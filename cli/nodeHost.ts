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

/** Far past the parser's limit (model/config/parse.ts PARSE_LIMITS), and a trace's (10 MB). */
export const READ_LIMIT_BYTES = 10_000_000;

/**
 * A file's text, or undefined when it is longer than READ_LIMIT_BYTES. Read in chunks up to the
 * limit: the size `stat` gives is 0 for a device or a pipe (`/dev/zero` ran out of memory,
 * `/dev/urandom` never ended), and a file past the limit must not be read as its first part (a
 * 12 MB trace was simulated as its first 10 MB, with no word).
 */
export function readTextCapped(path: string): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > READ_LIMIT_BYTES) return undefined;
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
