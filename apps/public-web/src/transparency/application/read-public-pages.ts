import { Injectable } from '@nestjs/common';
import {
  type ActivityScores,
  type Money,
  type PartyStand,
  paidOf,
  type PublicDecision,
  type PublicGrant,
  type PublicNeed,
  scoresByActivity,
  standsOf,
} from '../domain/public-record';
import { type CommunitySummary, PublicRecordRepository } from '../domain/public-record.repository';

export interface DecisionView extends PublicDecision {
  /** The round shown (the last one) and what each party seated in it did. */
  round: number;
  stands: PartyStand[];
}

export interface CommunityPage {
  community: { communityCode: string; name: string | null; streetCode: string | null };
  needs: PublicNeed[];
  decisions: DecisionView[];
  grants: (PublicGrant & { paid: Money[] })[];
  evaluations: ActivityScores[];
}

/** The pages' queries: the communities the record knows, and one community's page (null: nothing known). */
@Injectable()
export class ReadPublicPagesHandler {
  constructor(private readonly record: PublicRecordRepository) {}

  communities(): Promise<CommunitySummary[]> {
    return this.record.communities();
  }

  async communityPage(communityCode: string, now = new Date()): Promise<CommunityPage | null> {
    const record = await this.record.recordOf(communityCode);
    if (!record) return null;
    return {
      community: record.community,
      needs: record.needs,
      decisions: record.decisions.map(({ seats, votes, ...decision }) => ({
        ...decision,
        ...standsOf(decision, seats, votes, now),
      })),
      grants: record.grants.map((grant) => ({ ...grant, paid: paidOf(grant) })),
      evaluations: scoresByActivity(record.evaluations),
    };
  }
}
