// An in-memory FileHost: files by absolute path under /ws.
import type { FileHost } from '../../../model/config/resolve';

export function memoryHost(files: Record<string, string>, root = '/ws'): FileHost {
  return {
    read: async (path) => files[path],
    rootOf: () => root,
    realPath: async (path) => path,
  };
}
