import type { PersonalField } from '@sanshe/contracts/pure';
import type { EntityManager } from 'typeorm';

/** A resident as stored: every personal field as ciphertext under `keyId`, phone and ID number also hashed. */
export interface SealedResident {
  residentId: string;
  communityCode: string;
  keyId: string;
  sealed: Record<PersonalField, Buffer>;
  phoneHash: Buffer;
  idNumberHash: Buffer;
}

/** What the register shows without a grant: no personal field. */
export interface ResidentEntry {
  residentId: string;
  communityCode: string;
  registeredAt: Date;
}

/** A change of some fields, already sealed (with the key the whole row is then under). */
export interface SealedChange {
  keyId: string;
  sealed: Partial<Record<PersonalField, Buffer>>;
  phoneHash?: Buffer;
  idNumberHash?: Buffer;
}

/** The resident table (PostgreSQL); every method runs in the caller's transaction when given one. */
export abstract class ResidentRepository {
  abstract communityExists(manager: EntityManager, communityCode: string): Promise<boolean>;
  /** Inserts the row; returns the resident already holding this ID number instead when there is one. */
  abstract insert(manager: EntityManager, resident: SealedResident, createdBy: string): Promise<string | null>;
  /** The row, locked FOR UPDATE when `lock`. */
  abstract find(manager: EntityManager, residentId: string, lock?: boolean): Promise<SealedResident | null>;
  abstract entry(manager: EntityManager, residentId: string): Promise<ResidentEntry | null>;
  /** Rewrites the given fields (and the row's key id); returns the other resident holding a new ID number, if any. */
  abstract update(manager: EntityManager, residentId: string, change: SealedChange): Promise<string | null>;
  abstract idsByPhoneHash(manager: EntityManager, communityCode: string, hash: Buffer): Promise<string[]>;
  abstract idsByIdNumberHash(manager: EntityManager, communityCode: string, hash: Buffer): Promise<string[]>;
  abstract registeredIn(manager: EntityManager, communityCode: string, residentIds: string[]): Promise<Set<string>>;
  /** Up to `limit` rows not under `keyId`, locked and skipping rows other transactions hold. */
  abstract countNotUnderKey(manager: EntityManager, keyId: string): Promise<number>;
  abstract lockNotUnderKey(manager: EntityManager, keyId: string, limit: number): Promise<SealedResident[]>;
}
