import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { DecisionRound, ObjectionReason, schemaProblems, VoteChoice } from '@sanshe/contracts';
import { closedObjects } from '@sanshe/nest-platform';
import type { Caller } from '../../access/talent-access';
import { voteKey } from '../domain/assessment-action';
import { assessorVote } from '../domain/assessment';
import { AssessmentConflict, AssessmentInputInvalid } from '../domain/assessment-errors';
import { SeatAction, type SeatReply } from './seat-action';

/** Closed at any depth: the reason too (open in the events for their consumers). */
export const AssessorVoteBody = closedObjects(
  Type.Object({ choice: VoteChoice, round: DecisionRound, reason: Type.Optional(ObjectionReason) }),
);
type AssessorVoteBody = (typeof AssessorVoteBody)['static'];

/**
 * POST /assessments/{decisionId}/vote: the bound worker's vote for `talent:independent-assessor` in the
 * open round (409 wrong-round, decision-closed), one per round, as sanshe.talent.decision.vote-cast.v1.
 */
@Injectable()
export class CastAssessorVote {
  constructor(private readonly seat: SeatAction) {}

  async execute(decisionId: string, body: unknown, caller: Caller): Promise<SeatReply> {
    const input = checkedBody(body);
    const act = { action: 'vote', actionKey: voteKey(input.round), alreadyCode: 'already-voted' as const };
    return this.seat.execute(decisionId, caller, act, (binding) => {
      if (binding.closed) {
        throw new AssessmentConflict('decision-closed', `${decisionId} is decided already (${binding.result})`);
      }
      if (input.round !== binding.round) {
        throw new AssessmentConflict(
          'wrong-round',
          `round ${binding.round} of ${decisionId} is open, not ${input.round}`,
        );
      }
      return assessorVote(decisionId, input);
    });
  }
}

function checkedBody(body: unknown): AssessorVoteBody {
  const problems = schemaProblems(AssessorVoteBody, body, '/body');
  const input = body as AssessorVoteBody;
  if (problems.length === 0 && input.choice === 'object' && !input.reason) {
    problems.push({ path: '/body/reason', message: 'an objection needs a reason (code and text)' });
  }
  if (problems.length > 0) throw new AssessmentInputInvalid(problems);
  return input;
}
