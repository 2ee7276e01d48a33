import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DISBURSEMENT_REFUSAL_CODES } from '../disbursement/domain/disbursement-rules';

/** A refusal as the parties read it (sanshe.governance.disbursement.request-refused.v1): its code kebab-cased. */
export interface DisbursementRequestRefusal {
  code: string;
  message: string;
}

/** `EvidenceReused` → `evidence-reused`; the validators' codes are kebab-case already. */
const kebab = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * The refusal behind a failed disbursement Update (a validator's or the evidence handler's ApplicationFailure,
 * its type one of DISBURSEMENT_REFUSAL_CODES), with the code kebab-cased as the request-refused contract wants,
 * or null for anything else (another failure, an unreachable server), which the caller handles as it sees fit.
 * Node side only: it needs the Temporal client.
 */
export function disbursementRefusalOf(err: unknown): DisbursementRequestRefusal | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const failure = err.cause;
  if (!(failure instanceof ApplicationFailure) || !failure.type) return null;
  if (!(DISBURSEMENT_REFUSAL_CODES as readonly string[]).includes(failure.type)) return null;
  return { code: kebab(failure.type), message: failure.message };
}
