import type { EntityManager } from 'typeorm';
import type { OrganizationGrade, OrganizationStatus, OrganizationType } from '@sanshe/contracts';
import type { Organization } from './organization';

export interface StoredOrganization extends Organization {
  updatedAt: Date;
}

export interface OrganizationFilter {
  type?: OrganizationType;
  communityCode?: string;
  status?: OrganizationStatus;
  /** Only organizations whose grade in force today is at least this. */
  minGrade?: OrganizationGrade;
}

export interface StatusChange {
  from: OrganizationStatus;
  to: OrganizationStatus;
  reason: string;
  bySub: string;
}

/** Where the registry is kept; writes go through the caller's transaction (`manager`). */
export abstract class OrganizationRepository {
  /** The organization, locked for the rest of the transaction (null when unknown: then its id is locked). */
  abstract lockForChange(manager: EntityManager, organizationId: string): Promise<Organization | null>;
  /** Inserts or updates; CreditCodeTaken when another organization holds its credit code. */
  abstract save(manager: EntityManager, organization: Organization): Promise<void>;
  abstract recordStatusChange(manager: EntityManager, organizationId: string, change: StatusChange): Promise<void>;
  abstract find(organizationId: string, manager?: EntityManager): Promise<StoredOrganization | null>;
  abstract list(filter: OrganizationFilter): Promise<StoredOrganization[]>;
  abstract mentees(organizationId: string): Promise<StoredOrganization[]>;
  /** The mentor's own mentors, nearest first, at most `limit`. */
  abstract mentorsAbove(manager: EntityManager, organizationId: string, limit: number): Promise<string[]>;
}
