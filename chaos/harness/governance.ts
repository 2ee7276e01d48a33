import { once } from 'node:events';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { bearer, devToken, DISTRICT_POLICY_ADMIN, freePort } from '@sanshe/testing';
import { PORTAL } from './plan';

/** Governance instances as `npm start` runs them (own processes, from source), all in one consumer group. */
export class GovernanceFleet {
  readonly instances: AppProcess[] = [];
  /** Processes SIGKILLed by scenarios so far. */
  kills = 0;
  /** How long each start took until /health answered (s): the suite's main cost. */
  readonly startSeconds: number[] = [];

  constructor(private readonly env: () => NodeJS.ProcessEnv) {}

  /** A new instance on a free port; waits until /health answers. */
  async start(extraEnv: NodeJS.ProcessEnv = {}): Promise<AppProcess> {
    const app = startApp('governance', await freePort(), {
      env: { ...this.env(), GOVERNANCE_PORTALS: PORTAL, ...extraEnv },
    });
    this.instances.push(app);
    const startedAt = Date.now();
    await waitUntilHealthy(app, 180_000);
    this.startSeconds.push((Date.now() - startedAt) / 1000);
    return app;
  }

  running(): AppProcess[] {
    return this.instances.filter((app) => app.child.exitCode === null && app.child.signalCode === null);
  }

  /** SIGKILL (by the pid this suite spawned) and wait until it is gone. */
  async kill(app: AppProcess): Promise<void> {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return;
    const exited = once(app.child, 'exit');
    app.child.kill('SIGKILL');
    await exited;
    this.kills++;
  }

  signal(app: AppProcess, signal: 'SIGSTOP' | 'SIGCONT'): void {
    app.child.kill(signal);
  }

  async stopAll(): Promise<void> {
    for (const app of this.instances) {
      if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGCONT');
    }
    await Promise.all(this.instances.map((app) => stopApp(app, 15_000)));
  }

  /** PUT the policy through the first running instance (201 new, 200 unchanged). */
  async putPolicy(policy: DecisionPolicyInput): Promise<void> {
    const app = this.running()[0];
    const response = await fetch(`http://127.0.0.1:${app.port}/policies/${policy.policyId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(await devToken(DISTRICT_POLICY_ADMIN)) },
      body: JSON.stringify(policy),
    });
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`PUT policy: ${response.status} ${await response.text()}`);
    }
  }
}
