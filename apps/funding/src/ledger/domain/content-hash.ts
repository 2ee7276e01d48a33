import { createHash } from 'node:crypto';
import type { Posting } from './postings';

/**
 * What makes two postings under one key "the same": kind, currency and the lines in order (the cause is
 * descriptive). SHA-256 of their JSON form (unambiguous whatever the account ids hold), hex.
 */
export function postingContentHash(posting: Posting): string {
  const lines = posting.lines.map((line) => [line.accountId, line.side, line.amountFen]);
  return createHash('sha256')
    .update(JSON.stringify([posting.kind, posting.currency, lines]))
    .digest('hex');
}
