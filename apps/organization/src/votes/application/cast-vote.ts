import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { DecisionId, DecisionRound, ObjectionReason, schemaProblems, VoteChoice } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/organization-access';
import { closedObjects } from '@sanshe/nest-platform';
import { DecisionRepository } from '../domain/decision.repository';
import { ORGANIZATION_PARTY } from '../domain/org-decision';
import {
  castVote,
  type CastVoteInput,
  type OrgVote,
  seatRefusal,
  speakerRefusal,
  voteInputProblems,
} from '../domain/org-vote';
import { VoteConflict, VoteInputInvalid, VoteNotFound } from '../domain/vote-errors';

export const CastVoteBody = closedObjects(
  Type.Object({
    decisionId: DecisionId,
    partyId: Type.String({ maxLength: 200, pattern: ORGANIZATION_PARTY.source }),
    choice: VoteChoice,
    reason: Type.Optional(ObjectionReason),
    round: Type.Optional(DecisionRound),
  }),
);

/**
 * POST /votes: the body (400), who may speak for the party (403: its organization-admin, never staff),
 * whether the decision waits on the party (404; 409 own-proposal, decision-closed, not-seated); then the
 * vote and its decision.vote-cast event commit together. Governance decides whether it counts; a refusal
 * comes back as vote-rejected and shows on the vote.
 */
@Injectable()
export class CastVoteHandler {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(body: unknown, caller: Caller): Promise<OrgVote> {
    const schema = schemaProblems(CastVoteBody, body, '/body');
    const problems = schema.length > 0 ? schema : voteInputProblems(body as CastVoteInput);
    if (problems.length > 0) throw new VoteInputInvalid(problems);
    const input = body as CastVoteInput;
    const refusal = speakerRefusal(caller, input.partyId, 'vote');
    if (refusal) throw new AccessDenied(refusal);
    return this.dataSource.transaction(async (manager) => {
      const decision = await this.decisions.lock(manager, input.decisionId);
      const seat = decision ? await this.decisions.seat(manager, input.decisionId, input.partyId) : null;
      const conflict = seatRefusal(decision, seat, input);
      if (!decision || conflict?.code === 'decision-not-found') {
        throw new VoteNotFound(conflict?.message ?? `no decision ${input.decisionId}`);
      }
      if (conflict) throw new VoteConflict(conflict.code, conflict.message);
      const { vote, event } = castVote(`vote-${randomUUID()}`, input, decision, caller.sub);
      await this.decisions.insertVote(manager, vote);
      await this.outbox.publish(manager, event);
      return vote;
    });
  }
}
