/** Why a closed decision's audit trail was not stored (nothing was). */
export abstract class DecisionAuditError extends Error {
  abstract readonly code: 'broken-audit-chain' | 'conflicting-audit';

  constructor(
    readonly decisionId: string,
    reason: string,
  ) {
    super(`audit trail of ${decisionId} refused: ${reason}`);
    this.name = new.target.name;
  }
}

/** The chain does not verify (a record altered, dropped or reordered), or does not end in the outcome. */
export class BrokenAuditChainError extends DecisionAuditError {
  readonly code = 'broken-audit-chain';
}

/** A trail is stored for this decision already and differs from the one offered: the stored one stays. */
export class ConflictingAuditError extends DecisionAuditError {
  readonly code = 'conflicting-audit';
}

export type AnyDecisionAuditError = BrokenAuditChainError | ConflictingAuditError;
