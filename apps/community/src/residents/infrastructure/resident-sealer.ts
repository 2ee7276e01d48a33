import { Inject, Injectable } from '@nestjs/common';
import { PERSONAL_FIELDS, type PersonalField } from '@sanshe/contracts/pure';
import type { ResidentFields } from '../domain/resident-fields';
import type { SealedChange, SealedResident } from '../domain/resident.repository';
import { FieldCipher } from './field-cipher';

/** Injection token of the FieldCipher over the service's data keys. */
export const FIELD_CIPHER = Symbol('FIELD_CIPHER');

/** Turns normalized plaintext fields into a row's ciphertexts and hashes, and back. */
@Injectable()
export class ResidentSealer {
  constructor(@Inject(FIELD_CIPHER) private readonly cipher: FieldCipher) {}

  seal(residentId: string, communityCode: string, fields: ResidentFields): SealedResident {
    const sealed = {} as SealedResident['sealed'];
    for (const field of PERSONAL_FIELDS) sealed[field] = this.cipher.encrypt(residentId, field, fields[field]);
    return {
      residentId,
      communityCode,
      keyId: this.cipher.activeKeyId,
      sealed,
      phoneHash: this.cipher.lookupHash('phone', fields.phone),
      idNumberHash: this.cipher.lookupHash('idNumber', fields.idNumber),
    };
  }

  /**
   * Seals the given fields under the active key. The rest of the row must come along (see `reseal`) when
   * the row was under another key: one row, one key id.
   */
  sealChange(residentId: string, fields: Partial<ResidentFields>): SealedChange {
    const sealed: SealedChange['sealed'] = {};
    for (const field of PERSONAL_FIELDS) {
      const value = fields[field];
      if (value !== undefined) sealed[field] = this.cipher.encrypt(residentId, field, value);
    }
    return {
      keyId: this.cipher.activeKeyId,
      sealed,
      ...(fields.phone === undefined ? {} : { phoneHash: this.cipher.lookupHash('phone', fields.phone) }),
      ...(fields.idNumber === undefined ? {} : { idNumberHash: this.cipher.lookupHash('idNumber', fields.idNumber) }),
    };
  }

  /** The asked fields in plaintext (throws when a ciphertext was tampered with or its key is gone). */
  open(resident: SealedResident, fields: readonly PersonalField[]): Partial<ResidentFields> {
    const opened: Partial<ResidentFields> = {};
    for (const field of fields) {
      opened[field] = this.cipher.decrypt(resident.keyId, resident.residentId, field, resident.sealed[field]);
    }
    return opened;
  }

  /** Every field of a row re-encrypted under the active key (hashes unchanged: the lookup key is not rotated). */
  reseal(resident: SealedResident): SealedChange {
    return {
      keyId: this.cipher.activeKeyId,
      sealed: this.sealChange(resident.residentId, this.open(resident, PERSONAL_FIELDS)).sealed,
    };
  }

  get activeKeyId(): string {
    return this.cipher.activeKeyId;
  }

  lookupHash(kind: 'phone' | 'idNumber', normalized: string): Buffer {
    return this.cipher.lookupHash(kind, normalized);
  }
}
