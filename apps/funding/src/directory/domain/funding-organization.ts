import type { OrganizationGrade, OrganizationType } from '@sanshe/contracts';
import type { EntityManager } from 'typeorm';

/**
 * What funding knows of a social organization (organization.registered/updated, the newest revision):
 * what eligibility reads. A deregistered organization is kept, with its status.
 */
export interface FundingOrganization {
  organizationId: string;
  type: OrganizationType;
  /** provisional | registered | suspended | deregistered … (the organization service's statuses). */
  status: string;
  grade: OrganizationGrade | null;
  /** The last day the grade counts; after it the organization has no grade. */
  gradeValidUntil: string | null;
  registrationDistrictCode: string;
  communitiesServed: string[];
  revision: number;
}

/** The organizations read model: F4's applications and votes read it for eligibility. */
export abstract class FundingOrganizationDirectory {
  abstract find(organizationId: string, manager?: EntityManager): Promise<FundingOrganization | null>;
  /** Keeps `organization` unless a revision as new or newer is kept; true when it was stored. */
  abstract keep(manager: EntityManager, organization: FundingOrganization): Promise<boolean>;
}
