import type { EntityManager } from 'typeorm';
import type { AdministrativeArea, AreaLevel } from './administrative-area';

export interface StoredArea extends AdministrativeArea {
  updatedAt: Date;
}

/** Where the hierarchy is kept; writes go through the caller's transaction (`manager`). */
export abstract class AreaRepository {
  /** The unit, locked for the rest of the transaction (null when unknown: then the code is locked). */
  abstract lockForChange(manager: EntityManager, code: string): Promise<AdministrativeArea | null>;
  abstract save(manager: EntityManager, area: AdministrativeArea): Promise<void>;
  abstract find(code: string, manager?: EntityManager): Promise<StoredArea | null>;
  abstract list(level: AreaLevel, parentCode?: string): Promise<StoredArea[]>;
}
