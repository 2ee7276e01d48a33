import type { EntityManager } from 'typeorm';
import type { OrganizationGrade, OrganizationStatus, OrganizationType } from '@sanshe/contracts';

/** What other features need to know of an organization: whether it may act, and where. */
export interface DirectoryEntry {
  organizationId: string;
  status: OrganizationStatus;
  type: OrganizationType;
  communitiesServed: string[];
  /** The grade in force today (null once its validity has ended). */
  grade: OrganizationGrade | null;
}

/**
 * The registry's port for the proposals and activities features (provided and exported by
 * RegistryModule): pass the caller's transaction's manager to read inside it.
 */
export abstract class OrganizationDirectory {
  abstract find(organizationId: string, manager?: EntityManager): Promise<DirectoryEntry | null>;
}
