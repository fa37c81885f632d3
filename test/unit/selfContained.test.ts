// The repository is self-contained: no source file cites a document outside it (the team's
// shared folder is not shipped), and the data the presets cite is in the repository.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_FOLDERS = ['model', 'cli', 'extension', 'webview'];
// `shared/calibration/...`, `shared/docs/...`: the team folder beside the repository.
const OUTSIDE_CITATION = /\bshared\/(calibration|docs)\//;

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|css|json)$/.test(name)) out.push(path);
  }
  return out;
}

test('no source file cites a document outside the repository', () => {
  const offenders: string[] = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (OUTSIDE_CITATION.test(line)) offenders.push(`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  assert.deepEqual(offenders, []);
});

test('the documents the presets cite are in the repository', () => {
  const chips = readFileSync(join(ROOT, 'model', 'presets', 'chips.ts'), 'utf8');
  for (const cited of chips.matchAll(/"(?:hardware_specs\.csv|the primer)" is ([\w/-]+\.\w+)/g)) {
    assert.ok(existsSync(join(ROOT, cited[1]!)), `${cited[1]} is cited by model/presets/chips.ts but missing`);
  }
  assert.ok(existsSync(join(ROOT, 'validation', 'sources', 'hardware_specs.csv')));
  assert.ok(existsSync(join(ROOT, 'docs', 'references', 'model-primer.md')));
});
