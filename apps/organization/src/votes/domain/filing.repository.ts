import type { EntityManager } from 'typeorm';
import type { FilingStatus, OrgCallIn, OrgFiling } from './org-filing';
import type { Rejection } from './org-vote';

/** The filings noticed to organization parties and the call-ins sent; writes go through the caller's transaction. */
export abstract class FilingRepository {
  /** The filing governance decided as `decisionId`, locked for the rest of the transaction. */
  abstract lockByDecision(manager: EntityManager, decisionId: string): Promise<OrgFiling | null>;
  /** Records the filing as it is now (inserted, or its row replaced). */
  abstract save(manager: EntityManager, filing: OrgFiling): Promise<void>;
  abstract setStatus(manager: EntityManager, decisionId: string, status: FilingStatus): Promise<void>;
  /** The filing of a proposal, locked for the rest of the transaction. */
  abstract lockByProposal(manager: EntityManager, proposalId: string): Promise<OrgFiling | null>;
  /** The filings the party may call in (not its own), newest first; closed ones only when asked. */
  abstract listFor(partyId: string, includeClosed: boolean): Promise<(OrgFiling & { callIns: OrgCallIn[] })[]>;
  abstract insertCallIn(manager: EntityManager, callIn: OrgCallIn): Promise<void>;
  abstract callIn(callInId: string): Promise<OrgCallIn | null>;
  /** Marks the call-in sent as `eventId` refused; false when no call-in of the organization has that id. */
  abstract rejectCallIn(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean>;
}
