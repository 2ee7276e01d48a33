import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasCommand, run } from '../commands';
import { InfraError } from '../errors';
import { CACHE_DIR } from '../paths';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** The venv lives in the cache (shared by every clone on the machine, CI included), one per version. */
export const schemathesisVenv = (version = SCHEMATHESIS_VERSION) => join(CACHE_DIR, 'venvs', `schemathesis-${version}`);

/**
 * The `st` executable of Schemathesis, installed from PyPI into a venv of its own on first use. A venv is
 * not relocatable (its scripts name their interpreter by absolute path), so it is built in place and
 * marked complete last: a half-built one (an interrupted install) is removed and built again.
 */
export function ensureSchemathesis(version = SCHEMATHESIS_VERSION): string {
  const venv = schemathesisVenv(version);
  const st = join(venv, 'bin', 'st');
  const complete = join(venv, '.complete');
  if (existsSync(complete)) return st;
  const python = ['python3', 'python'].find((cmd) => hasCommand(cmd));
  if (!python)
    throw new InfraError('fuzz', `python3 with venv and pip is needed to install schemathesis, but none is on PATH.`);
  rmSync(venv, { recursive: true, force: true });
  const started = Date.now();
  console.log(`[fuzz] installing schemathesis==${version} from PyPI into ${venv}`);
  run('fuzz', python, ['-m', 'venv', venv]);
  run('fuzz', join(venv, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--require-virtualenv',
    `schemathesis==${version}`,
  ]);
  if (!existsSync(st)) throw new InfraError('fuzz', `pip installed schemathesis but ${st} is missing`);
  writeFileSync(complete, `${new Date().toISOString()}\n`);
  console.log(`[fuzz] schemathesis installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return st;
}

if (require.main === module) console.log(ensureSchemathesis());
