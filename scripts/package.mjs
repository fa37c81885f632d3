// Builds for production and packs the extension into dist/jalapeno-explorer.vsix.
// `--no-dependencies`: esbuild bundles everything the extension needs into dist/, so
// node_modules stays out; .vscodeignore lists what goes in.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const vsixPath = 'dist/jalapeno-explorer.vsix';
// The Marketplace and code-server both accept larger files; staying small keeps installs
// fast and catches a source map or node_modules slipping into the package.
const maxBytes = 2 * 1024 * 1024;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

run(['scripts/build.mjs', '--production']);
// vsce asks y/N questions (a missing LICENSE, say); with no stdin it fails at once, as in CI.
// README links stay relative: the repository URL is a placeholder that vsce cannot turn
// into image URLs, and the workbench resolves them inside the installed extension.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsixPath], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});

const bytes = statSync(join(root, vsixPath)).size;
console.log(`package: ${vsixPath} is ${(bytes / 1024).toFixed(0)} KiB (limit ${maxBytes / 1024} KiB)`);
if (bytes > maxBytes) {
  console.error('package: the .vsix is over the size limit; check .vscodeignore (`npx vsce ls`)');
  process.exit(1);
}
