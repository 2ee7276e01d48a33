import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** What one portal-sim run printed, and its exit code (docs/portals.md: 0 accepted, 1 rejected, 3 no reply …). */
export interface PortalSimRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** portal-sim's bin in this clone: the demo acts as a portal exactly as a portal developer would. */
const PORTAL_SIM_BIN = resolve(__dirname, '../../../portal-sim/bin/portal-sim.js');

/**
 * Runs `portal-sim --portal <portalId> …args` as a child process with `env` plus the portal's Kafka login
 * (`loginFor`), and resolves once it exits.
 */
export function portalSimRunner(
  env: NodeJS.ProcessEnv,
  loginFor: (portalId: string) => Promise<Record<string, string>>,
): (portalId: string, args: string[]) => Promise<PortalSimRun> {
  return async (portalId, args) => {
    const login = await loginFor(portalId);
    return new Promise<PortalSimRun>((done, fail) => {
      const child = spawn(process.execPath, [PORTAL_SIM_BIN, '--portal', portalId, ...args], {
        env: { ...env, ...login },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = { stdout: '', stderr: '' };
      child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, ...output }));
    });
  };
}
