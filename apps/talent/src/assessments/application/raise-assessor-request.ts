import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { schemaProblems } from '@sanshe/contracts';
import type { Caller } from '../../access/talent-access';
import { CLAWBACK_KEY, OBJECTION_KEY } from '../domain/assessment-action';
import { type AssessorBinding, assessorClawback, assessorObjection } from '../domain/assessment';
import { AssessmentConflict, AssessmentInputInvalid } from '../domain/assessment-errors';
import { parseVerificationSubject, type VerificationSubject } from '../domain/verification-subject';
import { SeatAction, type SeatReply } from './seat-action';

/**
 * The events' SubstantiatedReason as a body takes it (@sanshe/contracts exports only its type): a code
 * and a text long enough to say what is wrong.
 */
const Reason = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z-]+$' }),
    text: Type.String({ minLength: 10, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const ObjectionBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const ClawbackBody = Type.Object(
  {
    reason: Reason,
    /** How much to recover, in fen; governance refuses more than the tranche paid. */
    amount: Type.Object(
      { amountFen: Type.Integer({ minimum: 1 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
type ObjectionBody = (typeof ObjectionBody)['static'];
type ClawbackBody = (typeof ClawbackBody)['static'];

function checked<T>(schema: Parameters<typeof schemaProblems>[0], body: unknown): T {
  const problems = schemaProblems(schema, body, '/body');
  if (problems.length > 0) throw new AssessmentInputInvalid(problems);
  return body as T;
}

/** The grant and tranche the binding's verification is about (409 when its subject names none). */
function trancheOf(binding: AssessorBinding): VerificationSubject {
  const subject = parseVerificationSubject(binding.subjectId);
  if (!subject) {
    throw new AssessmentConflict(
      'not-a-tranche',
      `${binding.decisionId} is about ${binding.subjectId}, not a grant's tranche (<grantId>.t<n>[.r<k>])`,
    );
  }
  return subject;
}

/**
 * The bound assessor asks of the grant's disbursement: POST /assessments/{decisionId}/objection during
 * the tranche's public notice (sanshe.talent.disbursement.objection-raised.v1) and /clawback-proposal of
 * the paid tranche (….clawback-proposed.v1), each once per verification decision. Governance judges
 * whether the disbursement takes it (notice open, tranche paid) and says so if not (request-refused).
 */
@Injectable()
export class RaiseAssessorRequest {
  constructor(private readonly seat: SeatAction) {}

  async objection(decisionId: string, body: unknown, caller: Caller): Promise<SeatReply> {
    const { reason } = checked<ObjectionBody>(ObjectionBody, body);
    const act = {
      action: 'object to the payment',
      actionKey: OBJECTION_KEY,
      alreadyCode: 'already-requested' as const,
    };
    return this.seat.execute(decisionId, caller, act, (binding) =>
      assessorObjection(decisionId, trancheOf(binding), reason),
    );
  }

  async clawback(decisionId: string, body: unknown, caller: Caller): Promise<SeatReply> {
    const { reason, amount } = checked<ClawbackBody>(ClawbackBody, body);
    const act = { action: 'propose a clawback', actionKey: CLAWBACK_KEY, alreadyCode: 'already-requested' as const };
    return this.seat.execute(decisionId, caller, act, (binding) =>
      assessorClawback(decisionId, trancheOf(binding), {
        reason,
        amount: { amountFen: amount.amountFen, currency: amount.currency },
      }),
    );
  }
}
