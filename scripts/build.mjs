// Bundles the three entry points with esbuild and writes the JSON Schema from the one
// schema definition (model/schema.ts). `--watch` rebuilds on change; type checking is
// separate (`npm run typecheck`), as esbuild only strips types.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: ['extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  { ...common, entryPoints: ['cli/exploreWorker.ts'], outfile: 'dist/exploreWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  {
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['webview/exploreMain.ts'],
    outfile: 'dist/exploreView.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
];

mkdirSync('dist', { recursive: true });
await writeSchema();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}

async function writeSchema() {
  // The JSON Schema for Red Hat YAML comes from the same schema the editor and CLI use.
  const out = await esbuild.build({
    entryPoints: ['model/jsonSchema.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(
    mod,
    mod.exports,
    (await import('node:module')).createRequire(import.meta.url),
  );
  writeFileSync('dist/chip.schema.json', JSON.stringify(mod.exports.chipJsonSchema(), null, 2) + '\n');
}
