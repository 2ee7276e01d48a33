import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';

/**
 * The audit trail of a decision: every accepted vote, amendment, escalation and the outcome, each
 * record carrying the hash of the one before. Altering or dropping a record changes every hash after
 * it, and the outcome event publishes the last one, so a silent edit is detectable by anyone who
 * kept that event. Hashes are SHA-256 over the RFC 8785 canonical JSON of the record without its hash.
 */
export interface AuditRecord<Entry = unknown> {
  seq: number;
  /** ISO-8601 time of the workflow task that recorded it. */
  at: string;
  entry: Entry;
  prevHash: string;
  hash: string;
}

/** The prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const canonical = canonicalize({ seq: record.seq, at: record.at, entry: record.entry, prevHash: record.prevHash });
  if (canonical === undefined) throw new Error('audit entry is not JSON-serialisable');
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

export function nextAuditRecord<Entry>(
  previous: AuditRecord | undefined,
  at: number,
  entry: Entry,
): AuditRecord<Entry> {
  const unsigned = {
    seq: previous ? previous.seq + 1 : 1,
    at: new Date(at).toISOString(),
    entry,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsigned, hash: hashRecord(unsigned) };
}

/** Checks every link; returns the seq of the first record that does not match, or null if the chain holds. */
export function findBrokenLink(trail: readonly AuditRecord[]): number | null {
  let prevHash = GENESIS_HASH;
  for (const [index, record] of trail.entries()) {
    if (record.seq !== index + 1 || record.prevHash !== prevHash || hashRecord(record) !== record.hash)
      return index + 1;
    prevHash = record.hash;
  }
  return null;
}
