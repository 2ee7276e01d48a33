import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DataKeys } from './data-keys';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The unknown key id of a stored row: the ring no longer holds the key it was encrypted under. */
export class UnknownDataKey extends Error {
  constructor(readonly keyId: string) {
    super(`no data key ${keyId} in COMMUNITY_DATA_KEYS: add it back to the ring to read the rows under it`);
  }
}

/**
 * AES-256-GCM per field: stored as iv (12) | tag (16) | ciphertext. The additional data binds a
 * ciphertext to its resident and field, so it cannot be moved to another row or column unnoticed.
 */
export class FieldCipher {
  constructor(private readonly keys: DataKeys) {}

  get activeKeyId(): string {
    return this.keys.activeKeyId;
  }

  encrypt(residentId: string, field: string, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.keys.activeKeyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(residentId, field));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the key is unknown or the stored bytes, their resident or their field were changed. */
  decrypt(keyId: string, residentId: string, field: string, stored: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), stored.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData(residentId, field));
    decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** HMAC-SHA256 with the lookup key over `kind` and an already normalized value: equal values, equal hashes. */
  lookupHash(kind: 'phone' | 'idNumber', normalized: string): Buffer {
    return createHmac('sha256', this.keys.lookupKey).update(`${kind}\u0000${normalized}`, 'utf8').digest();
  }

  private key(keyId: string): Buffer {
    const key = this.keys.ring.get(keyId);
    if (!key) throw new UnknownDataKey(keyId);
    return key;
  }
}

const additionalData = (residentId: string, field: string) => Buffer.from(`${residentId}\u0000${field}`, 'utf8');
