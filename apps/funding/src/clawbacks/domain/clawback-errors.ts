import type { ClawbackRefusal } from './clawback';

/** A clawback refused (clawbackStep's refusal); the activity fails non-retryably with its code as type. */
export class ClawbackRefused extends Error {
  constructor(
    readonly code: ClawbackRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ClawbackRefused';
  }
}
