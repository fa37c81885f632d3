// `npm start`: builds and packages the extension, installs the workbench if needed, then
// serves the real VS Code workbench (code-server) on 127.0.0.1 with the packaged extension
// and a copy of examples/ as its workspace, until Ctrl+C. Run through `node --import tsx`
// so it shares the launcher with the e2e tests.
//   npm start                 a free port
//   npm start -- --port 8080  a fixed port
//   npm start -- --verbose    code-server's own output too
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultVsix, repoRoot, startCodeServer } from './workbench/codeServer.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, verbose: { type: 'boolean' } } });

execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: repoRoot, stdio: 'inherit' });
execFileSync('bash', ['scripts/setup-workbench.sh'], { cwd: repoRoot, stdio: 'inherit' });

const root = await mkdtemp(join(tmpdir(), 'jalapeno-start-'));
const server = await startCodeServer({
  root,
  vsixPath: defaultVsix,
  workspaceSource: join(repoRoot, 'examples'),
  port: values.port ? Number(values.port) : undefined,
  echo: values.verbose ? process.stdout : undefined,
});

console.log(`
Jalapeño workbench: ${server.url}
  workspace  ${server.workspace} (a copy of examples/; deleted on exit unless you changed a file in it)
  log        ${server.logPath}
Ctrl+C stops it.`);

/** Files of the workspace that are new or differ from examples/: a user's edits, never deleted. */
async function editedFiles(dir, source, prefix = '') {
  const edited = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const here = join(dir, entry.name);
    const there = join(source, entry.name);
    if (entry.isDirectory()) edited.push(...(await editedFiles(here, there, `${prefix}${entry.name}/`)));
    else {
      const original = await readFile(there).catch(() => undefined);
      if (!original || !original.equals(await readFile(here))) edited.push(`${prefix}${entry.name}`);
    }
  }
  return edited;
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  const edited = await editedFiles(server.workspace, join(repoRoot, 'examples')).catch(() => ['(the workspace could not be compared)']);
  if (edited.length) {
    // Keep the workspace (the user's text); the profile, logs and extensions go.
    for (const entry of await readdir(root))
      if (join(root, entry) !== server.workspace) await rm(join(root, entry), { recursive: true, force: true });
    console.log(`Your edits are kept in ${server.workspace}: ${edited.join(', ')}`);
  } else await rm(root, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
