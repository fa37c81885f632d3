// Installs a packaged .vsix the way the workbench would: its `extension/` folder becomes
// `<extensionsDir>/<publisher>.<name>-<version>/`. code-server ignores
// --extensionDevelopmentPath, and unpacking tests exactly what users install.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

const extensionPrefix = 'extension/';

/** Unpacks the .vsix into extensionsDir and returns the extension's folder. */
export async function installVsix(vsixPath: string, extensionsDir: string): Promise<string> {
  const files = await readZip(await readFile(vsixPath));
  const manifest = files.get(`${extensionPrefix}package.json`);
  if (!manifest) throw new Error(`${vsixPath} has no extension/package.json`);
  const { publisher, name, version } = JSON.parse(manifest.toString('utf8'));
  const target = join(extensionsDir, `${publisher}.${name}-${version}`);
  for (const [path, data] of files) {
    if (!path.startsWith(extensionPrefix) || path.endsWith('/')) continue;
    const out = normalize(join(target, path.slice(extensionPrefix.length)));
    if (!out.startsWith(target + sep)) throw new Error(`${vsixPath}: entry outside the extension: ${path}`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, data);
  }
  return target;
}

function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable zip'));
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: Entry) => {
        readEntry(zip, entry).then((data) => {
          files.set(entry.fileName, data);
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error(`cannot read ${entry.fileName}`));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
