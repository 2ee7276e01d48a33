import type { EntityManager } from 'typeorm';
import type { Application, ApplicationStatus, FundingProposal } from './application';

/** An application as the API shows it. */
export interface ApplicationView extends Application {
  funderId: string | null;
  declineReason: string | null;
  decidedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationFilter {
  programId?: string;
  organizationId?: string;
  status?: ApplicationStatus;
  /** Who may see what: null = everything (auditor); else the funders' programs' or the organizations' own. */
  scope: { funderIds: readonly string[]; organizationIds: readonly string[] } | null;
}

/** The proposals funding tracks and the applications they became; writes in the caller's transaction. */
export abstract class ApplicationsRepository {
  /** Serialises the transactions about one proposal (an advisory lock until commit): either order meets once. */
  abstract lockProposal(manager: EntityManager, proposalId: string): Promise<void>;
  abstract findProposal(manager: EntityManager, proposalId: string): Promise<FundingProposal | null>;
  abstract saveProposal(manager: EntityManager, proposal: FundingProposal, decisionId?: string): Promise<void>;
  /** Inserts the application; false when the proposal already has one (nothing written). */
  abstract insert(manager: EntityManager, application: Application): Promise<boolean>;
  /** The application, locked until the transaction ends. */
  abstract lock(manager: EntityManager, applicationId: string): Promise<ApplicationView | null>;
  abstract ofProposal(manager: EntityManager, proposalId: string): Promise<ApplicationView | null>;
  abstract setStatus(
    manager: EntityManager,
    applicationId: string,
    change: { status: ApplicationStatus; by: string; declineReason?: string },
  ): Promise<void>;
  abstract find(applicationId: string): Promise<ApplicationView | null>;
  abstract list(filter: ApplicationFilter): Promise<ApplicationView[]>;
}
