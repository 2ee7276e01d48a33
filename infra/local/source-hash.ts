import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Every .ts, .js and .json file below `dir` (node_modules aside): what a build or bundle is made of. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|json)$/.test(entry.name) ? [path] : [];
  });
}

/** A short hash of the files' paths (from the repository root) and contents: any change names another output. */
export function hashOfFiles(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 20);
}
