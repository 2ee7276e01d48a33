import type { EntityManager } from 'typeorm';
import type { AdministrativeArea, AreaLineage } from './administrative-area';

/** An area as an event reports it: everything but when governance stored it. */
export type ReportedArea = Omit<AdministrativeArea, 'updatedAt'>;

/**
 * Governance's read model of the administrative hierarchy (a port: the class is also its injection
 * token). Decisions bind `{streetCode}` / `{districtCode}` through `lineage`; the portals governance
 * hears are expanded over `streets` and `districts`.
 */
export abstract class AdministrativeAreas {
  /**
   * The community's street and district: from the read model, else spelled by a well-formed code;
   * null when neither knows (a code such as `chaos-community` that nobody registered).
   */
  abstract lineage(communityCode: string): Promise<AreaLineage | null>;

  /** Every known street with its district. */
  abstract streets(): Promise<{ streetCode: string; districtCode: string }[]>;

  /** Every known district code. */
  abstract districts(): Promise<string[]>;

  abstract find(code: string): Promise<AdministrativeArea | null>;

  /**
   * Stores `area` in the caller's transaction if it is newer than what is stored (supersedes());
   * 'ignored' for a duplicate or an older revision.
   */
  abstract record(manager: EntityManager, area: ReportedArea): Promise<'recorded' | 'ignored'>;
}
