// The model reads `extends` and `compare` files through this host: vscode.workspace.fs,
// so configs in virtual workspaces (vscode.dev, remote file systems) resolve too. Reading
// executes nothing, which is why the extension is safe in untrusted workspaces.

import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FileHost } from '../model/config/resolve';
import { dirname, isInside } from '../model/config/paths';

/** Larger than any real config; the parser also refuses over 1 MB. */
const MAX_FILE_BYTES = 10_000_000;

/** A host for one config: other paths are read with the config's scheme and authority. */
export function workspaceFileHost(configUri: vscode.Uri): FileHost {
  const at = (path: string) => configUri.with({ path, query: '', fragment: '' });
  const realRoots = new Map<string, Promise<string | undefined>>();
  const realOf = async (path: string) => {
    try {
      return vscode.Uri.file(await realpath(at(path).fsPath)).path;
    } catch {
      return undefined;
    }
  };
  const rootOf = (path: string): string | undefined => {
    const folder = vscode.workspace.getWorkspaceFolder(at(path));
    if (folder) return folder.uri.path;
    // A config opened on its own (no folder, or an untitled one): its own folder is the boundary.
    return configUri.scheme === 'untitled' ? undefined : dirname(configUri.path);
  };
  return {
    async read(path) {
      try {
        const uri = at(path);
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_FILE_BYTES || stat.type & vscode.FileType.Directory) return undefined;
        // An open editor's text is what the user sees; prefer it over the disk.
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open) return open.getText();
        return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    rootOf,
    async realPath(path) {
      if (configUri.scheme !== 'file') return path;
      const real = await realOf(path);
      if (real === undefined) return undefined;
      // The workspace folder itself may sit behind a link (/tmp -> /private/tmp): compare
      // like with like, and report inside paths under the folder's own name.
      const root = rootOf(path);
      if (!root) return real;
      if (!realRoots.has(root)) realRoots.set(root, realOf(root));
      const realRoot = await realRoots.get(root)!;
      if (realRoot && realRoot !== root && isInside(realRoot, real)) return root + real.slice(realRoot.length);
      return real;
    },
  };
}

/**
 * A host that reads each file once: for a sweep, whose many evaluations read the same
 * `extends` and `compare` files (through workspace.fs, a round trip each) while nothing
 * changes them.
 */
export function snapshotFileHost(host: FileHost): FileHost {
  const reads = new Map<string, Promise<string | undefined>>();
  const reals = new Map<string, Promise<string | undefined>>();
  const realPath = host.realPath?.bind(host);
  return {
    read(path) {
      if (!reads.has(path)) reads.set(path, host.read(path));
      return reads.get(path)!;
    },
    rootOf: (path) => host.rootOf(path),
    ...(realPath
      ? {
          realPath(path: string) {
            if (!reals.has(path)) reals.set(path, realPath(path));
            return reals.get(path)!;
          },
        }
      : {}),
  };
}
