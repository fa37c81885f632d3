// How the views name the config they show: its path relative to the workspace folder (with
// the folder's name when the workspace has several), never a raw `file:///` URI.

export interface FolderRef {
  name: string;
  uri: string;
}

export function displayLocation(fileUri: string, folders: readonly FolderRef[]): string {
  const folder = folders.find((f) => fileUri.startsWith(f.uri.endsWith('/') ? f.uri : `${f.uri}/`));
  if (folder) {
    const relative = decode(fileUri.slice(folder.uri.replace(/\/$/, '').length + 1));
    return folders.length > 1 ? `${folder.name}/${relative}` : relative;
  }
  // Outside every folder (or no folder open): the path, or an untitled document's name.
  const scheme = /^([a-z][\w+.-]*):/i.exec(fileUri)?.[1];
  const rest = scheme ? fileUri.slice(scheme.length + 1).replace(/^\/\/[^/]*/, '') : fileUri;
  return decode(rest) || fileUri;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
