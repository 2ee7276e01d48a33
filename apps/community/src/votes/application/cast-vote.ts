import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { DecisionId, DecisionRound, ObjectionReason, schemaProblems, VoteChoice } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { closedObjects } from '@sanshe/nest-platform';
import type { Caller } from '../../access/community-access';
import { bodyOfParty } from '../../representatives/domain/representative';
import { RepresentativeRoster } from '../../representatives/domain/representative.repository';
import {
  castVote,
  type CastVoteInput,
  type CommunityVote,
  seatRefusal,
  voteInputProblems,
  voterRefusal,
} from '../domain/community-vote';
import { VoteConflict, VoteInputInvalid, VoteNotFound } from '../domain/vote-errors';
import { DecisionRepository } from '../domain/decision.repository';

/** A party the community speaks for, as isCommunityParty checks it: community:<code> or residents:<code>. */
export const CommunityPartyId = Type.String({
  pattern: '^(community|residents):[0-9]{6}-[0-9]{3}-[0-9]{3}$',
  description: 'e.g. community:310104-005-001',
});

/** Closed at any depth (the reason too, open in the events): a field no schema names is refused 400. */
export const CastVoteBody = closedObjects(
  Type.Object({
    decisionId: DecisionId,
    partyId: CommunityPartyId,
    choice: VoteChoice,
    reason: Type.Optional(ObjectionReason),
    round: Type.Optional(DecisionRound),
  }),
);

/**
 * POST /votes: the body (400), who may speak for the party (403: role and party in the token, and a
 * serving member of that body in the roster), whether the decision waits on the party (404, 409); then
 * the vote and its decision.vote-cast event commit together. Governance decides whether it counts; a
 * refusal comes back as vote-rejected and is shown on the vote.
 */
@Injectable()
export class CastVoteHandler {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly roster: RepresentativeRoster,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(body: unknown, caller: Caller): Promise<CommunityVote> {
    const schema = schemaProblems(CastVoteBody, body, '/body');
    const problems = schema.length > 0 ? schema : voteInputProblems(body as CastVoteInput);
    if (problems.length > 0) throw new VoteInputInvalid(problems);
    const input = body as CastVoteInput;
    const refusal = voterRefusal(caller, input.partyId);
    if (refusal) throw new AccessDenied(refusal);
    const party = bodyOfParty(input.partyId);
    if (!party || !(await this.roster.isActive(party.communityCode, party.body, caller.sub))) {
      throw new AccessDenied(
        `${caller.sub} may not cast the vote of ${input.partyId}: not a serving member of its ${party?.body} body`,
      );
    }
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
