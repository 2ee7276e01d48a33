import { randomUUID } from 'node:crypto';

/** One benchmark event: a CloudEvents 1.0 JSON of about `payloadBytes`, keyed by its aggregate id. */
export interface BenchEvent {
  id: string;
  /** The aggregate id: Kafka key, proposal row id, outbox partition_key. */
  key: string;
  /** The `data` member as JSON (what a service stores in its own row). */
  dataJson: string;
  /** The whole CloudEvent as JSON (what the outbox and Kafka carry). */
  json: string;
}

export const BENCH_EVENT_TYPE = 'sanshe.bench.proposal-updated.v1';

/** Builds event number `seq`; `sentAtMs` (epoch ms) rides in `data` for end-to-end latency. */
export function makeEvent(seq: number, keys: number, payloadBytes: number, sentAtMs = Date.now()): BenchEvent {
  const key = `proposal-${String(seq % keys).padStart(6, '0')}`;
  const data = { proposalId: key, seq, sentAtMs, status: 'voting', title: 'Bench proposal', note: '' };
  const envelope = {
    specversion: '1.0',
    id: randomUUID(),
    source: 'sanshe/bench',
    type: BENCH_EVENT_TYPE,
    subject: key,
    time: new Date(sentAtMs).toISOString(),
    datacontenttype: 'application/json',
    data,
  };
  const padding = payloadBytes - Buffer.byteLength(JSON.stringify(envelope));
  if (padding > 0) data.note = 'x'.repeat(padding);
  return { id: envelope.id, key, dataJson: JSON.stringify(data), json: JSON.stringify(envelope) };
}
