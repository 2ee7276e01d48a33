import type { EntityManager } from 'typeorm';
import type { CommunityCallIn, CommunityFiling } from './community-filing';

export interface FilingWithCallIns extends CommunityFiling {
  callIns: CommunityCallIn[];
}

/** The filings noticed to the community's parties and the call-ins sent; writes go through the caller's transaction. */
export abstract class FilingRepository {
  /** The filing governance decided as `decisionId`, locked for the rest of the transaction. */
  abstract lockByDecision(manager: EntityManager, decisionId: string): Promise<CommunityFiling | null>;
  /** Records the filing as it is now (inserted, or its row replaced). */
  abstract save(manager: EntityManager, filing: CommunityFiling): Promise<void>;
  /** Marks a known filing called in (idempotent; an unknown one is not the community's). */
  abstract calledIn(manager: EntityManager, decisionId: string): Promise<void>;
  /** The filing of a proposal, locked for the rest of the transaction. */
  abstract lockByProposal(manager: EntityManager, proposalId: string): Promise<CommunityFiling | null>;
  /** The party's call-in of the filing, if it sent one. */
  abstract callInOf(manager: EntityManager, decisionId: string, partyId: string): Promise<CommunityCallIn | null>;
  /** The filings that seat one of `partyIds`, newest first; called-in, withdrawn and past-window ones only when asked. */
  abstract listFor(partyIds: readonly string[], includeClosed: boolean): Promise<FilingWithCallIns[]>;
  abstract insertCallIn(manager: EntityManager, callIn: CommunityCallIn): Promise<void>;
  abstract callIn(callInId: string): Promise<CommunityCallIn | null>;
  /** Marks the call-in sent as `eventId` refused by governance; false when no call-in of the community has that id. */
  abstract rejectCallIn(
    manager: EntityManager,
    eventId: string,
    rejection: { code: string; reason: string },
  ): Promise<boolean>;
}
