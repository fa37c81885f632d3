// Minimal POSIX path handling for `extends` and `compare` references. The model runs in
// Node, the extension host and (one day) a web worker, so it does not import node:path.
// Paths are absolute, '/'-separated (a URI's path or a POSIX file path).

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Resolves `relative` against the folder of `fromFile`; absolute paths stay absolute. */
export function resolvePath(fromFile: string, relative: string): string {
  const joined = relative.startsWith('/') ? relative : `${dirname(fromFile)}/${relative}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function isInside(folder: string, path: string): boolean {
  const f = folder.endsWith('/') ? folder : folder + '/';
  return path === folder || path.startsWith(f);
}

/** Looks like a file reference rather than a preset id. */
export function looksLikePath(ref: string): boolean {
  return ref.includes('/') || /\.chip\.ya?ml$/.test(ref) || ref.startsWith('.');
}
