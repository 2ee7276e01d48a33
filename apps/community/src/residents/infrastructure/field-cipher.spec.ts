import { randomBytes } from 'node:crypto';
import { FieldCipher, UnknownDataKey } from './field-cipher';

const key = () => randomBytes(32);
const keys = { ring: new Map([['k1', key()]]), activeKeyId: 'k1', lookupKey: key() };

describe('FieldCipher', () => {
  const cipher = new FieldCipher(keys);

  it('round-trips a field, and never stores its plaintext', () => {
    const stored = cipher.encrypt('rp-a', 'address', '上海市徐汇区幸福路1号');
    expect(stored.includes(Buffer.from('幸福路'))).toBe(false);
    expect(stored.length).toBe(12 + 16 + Buffer.byteLength('上海市徐汇区幸福路1号'));
    expect(cipher.decrypt('k1', 'rp-a', 'address', stored)).toBe('上海市徐汇区幸福路1号');
  });

  it('uses a fresh iv each time', () => {
    expect(cipher.encrypt('rp-a', 'name', '张三').equals(cipher.encrypt('rp-a', 'name', '张三'))).toBe(false);
  });

  it('refuses a ciphertext moved to another resident or field, or changed', () => {
    const stored = cipher.encrypt('rp-a', 'name', '张三');
    expect(() => cipher.decrypt('k1', 'rp-b', 'name', stored)).toThrow();
    expect(() => cipher.decrypt('k1', 'rp-a', 'address', stored)).toThrow();
    const flipped = Buffer.from(stored);
    flipped[flipped.length - 1] ^= 1;
    expect(() => cipher.decrypt('k1', 'rp-a', 'name', flipped)).toThrow();
  });

  it('reads under any key of the ring and writes under the active one', () => {
    const old = cipher.encrypt('rp-a', 'name', '张三');
    const rotated = new FieldCipher({ ...keys, ring: new Map([...keys.ring, ['k2', key()]]), activeKeyId: 'k2' });
    expect(rotated.decrypt('k1', 'rp-a', 'name', old)).toBe('张三');
    const fresh = rotated.encrypt('rp-a', 'name', '张三');
    expect(() => cipher.decrypt('k1', 'rp-a', 'name', fresh)).toThrow();
    expect(() => cipher.decrypt('k2', 'rp-a', 'name', fresh)).toThrow(UnknownDataKey);
  });

  it('hashes lookups with the lookup key, per kind', () => {
    expect(cipher.lookupHash('phone', '13800138000').equals(cipher.lookupHash('phone', '13800138000'))).toBe(true);
    expect(cipher.lookupHash('phone', '13800138000').equals(cipher.lookupHash('idNumber', '13800138000'))).toBe(false);
    const other = new FieldCipher({ ...keys, lookupKey: key() });
    expect(other.lookupHash('phone', '13800138000').equals(cipher.lookupHash('phone', '13800138000'))).toBe(false);
  });
});
