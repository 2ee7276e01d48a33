import type { StoredPolicy } from '../../domain/stored-policy';

/** PUT /policies/:policyId (and, once portals integrate, their command): store `body` as `policyId`'s next version. */
export interface SetPolicyCommand {
  /** The id the caller addressed (the URL path); the body must carry the same one. */
  policyId: string;
  /** Unvalidated: the handler checks it against DecisionPolicyInput. */
  body: unknown;
  createdBy: string | null;
}

export interface SetPolicyResult {
  stored: StoredPolicy;
  /** false when the body equals the latest version: nothing new was stored (an idempotent repeat). */
  created: boolean;
}
