import type { EntityManager } from 'typeorm';
import type {
  ActiveOrganization,
  DecisionStage,
  GrantStatus,
  OverviewDecision,
  OverviewGrant,
  OverviewProposal,
} from './community-overview';

/** A decision's state after the event at `seq` of its audit trail; fields the event does not carry are null. */
export interface DecisionFact {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string | null;
  title: string | null;
  stage: DecisionStage;
  escalationLevel: number | null;
  arbiterId: string | null;
  result: string | null;
  decidedBy: string | null;
  seq: number;
  at: Date;
}

export interface GrantFact {
  grantId: string;
  communityCode: string;
  /** Set by grant.awarded; null when the fact is the award's decision. */
  award: {
    programId: string;
    organizationId: string;
    funderId: string;
    amountFen: number;
    currency: string;
    title: string;
  } | null;
  /** Set by the grant-award decision's outcome. */
  decided: { status: Exclude<GrantStatus, 'awarded'>; decisionId: string } | null;
  at: Date;
}

export interface CommunityOverviewRows {
  proposals: (OverviewProposal & { decision: { decisionId: string; stage: string; result: string | null } | null })[];
  decisions: OverviewDecision[];
  grants: OverviewGrant[];
  organizations: ActiveOrganization[];
  /** When the newest event shown here was applied; null when none was. */
  asOf: Date | null;
}

/**
 * The overview's read model (a port: the class is also its injection token). Every write joins the
 * inbox transaction of the event it applies, and is an idempotent upsert.
 */
export abstract class OverviewRepository {
  abstract proposalSubmitted(
    manager: EntityManager,
    proposal: Omit<OverviewProposal, 'amended'> & { communityCode: string; seq: number },
  ): Promise<void>;

  abstract proposalAmended(
    manager: EntityManager,
    amendment: {
      proposalId: string;
      organizationId: string;
      communityCode: string;
      title: string | null;
      seq: number;
      at: Date;
    },
  ): Promise<void>;

  /** Counts once per activity, however often its completion arrives. */
  abstract activityCompleted(
    manager: EntityManager,
    activity: { activityId: string; organizationId: string; communityCode: string; completedAt: Date },
  ): Promise<void>;

  abstract recordDecision(manager: EntityManager, fact: DecisionFact): Promise<void>;

  abstract recordGrant(manager: EntityManager, fact: GrantFact): Promise<void>;

  abstract overviewOf(communityCode: string): Promise<CommunityOverviewRows>;
}
