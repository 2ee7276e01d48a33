import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { InfraError } from './errors';

/** True when `cmd` can be executed (it is on PATH and runs). */
export function hasCommand(cmd: string, versionArgs = ['--version']): boolean {
  const result = spawnSync(cmd, versionArgs, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

export function requireCommand(server: string, cmd: string, why: string, versionArgs?: string[]): void {
  if (!hasCommand(cmd, versionArgs)) {
    throw new InfraError(server, `\`${cmd}\` is required ${why}, but it was not found on PATH.`);
  }
}

/** Runs a command to completion; on failure the error carries its output. */
export function run(server: string, cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new InfraError(server, `could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new InfraError(server, `\`${cmd} ${args.join(' ')}\` exited with ${result.status}:\n${output}`);
  }
  return String(result.stdout ?? '');
}
