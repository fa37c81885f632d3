// What every command shares: the usage error (exit code 2), reading a config file, printing.

import { readFileSync, statSync } from 'node:fs';

export class UsageError extends Error {}

export function readConfig(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new Error('is a directory');
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export function print(text: string): void {
  process.stdout.write(text + '\n');
}
