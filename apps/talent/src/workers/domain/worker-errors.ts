import type { FieldProblem } from '@sanshe/contracts';

/** What can go wrong with workers, as coded errors; interface/http/worker-error.filter.ts maps every code. */
export abstract class WorkerError extends Error {
  abstract readonly code: string;
}

/** A malformed request; each problem names its field (`/body/skills/1`, `/body/availability/0`). */
export class WorkerInputInvalid extends WorkerError {
  readonly code = 'worker-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/**
 * Each field well formed, but a rule between fields broken (a certificate expiring before issue, a slot ending
 * before it starts, a level for another kind, no certificate in force at the level): no schema states it (422).
 */
export class WorkerRuleBroken extends WorkerError {
  readonly code = 'worker-rule-broken';
  constructor(readonly problems: FieldProblem[]) {
    super(`rule broken: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class WorkerNotFound extends WorkerError {
  readonly code = 'worker-not-found';
  constructor(readonly workerId: string) {
    super(`no worker ${workerId} is registered`);
  }
}

export type AnyWorkerError = WorkerInputInvalid | WorkerRuleBroken | WorkerNotFound;
