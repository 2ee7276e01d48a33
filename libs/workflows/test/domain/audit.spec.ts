import fc from 'fast-check';
import {
  type AuditRecord,
  findBrokenLink,
  GENESIS_HASH,
  hashRecord,
  nextAuditRecord,
} from '../../src/decision/domain/audit';
import { OPENED_AT } from './arbitraries';
import { approve, COMMUNITY, FUNDER, object, RESIDENTS, streetCtx, TALENT } from './fixtures';
import { must, simulate, voteAt } from './simulate';

const RUNS = { numRuns: 200 };
type Entry = Record<string, string | number | boolean>;

const entryArb: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({
    type: fc.constant('vote-cast'),
    partyId: fc.constantFrom(COMMUNITY, RESIDENTS, FUNDER),
    choice: fc.constantFrom('approve', 'object', 'abstain'),
    round: fc.integer({ min: 1, max: 3 }),
    changed: fc.boolean(),
  }),
  fc.record({ type: fc.constant('note'), text: fc.string({ maxLength: 20 }), n: fc.integer() }),
);

function chainOf(entries: readonly unknown[], start = OPENED_AT): AuditRecord[] {
  const trail: AuditRecord[] = [];
  entries.forEach((entry, i) => trail.push(nextAuditRecord(trail[i - 1], start + i * 60_000, entry)));
  return trail;
}

const trailArb = fc.array(entryArb, { minLength: 1, maxLength: 12 }).map((entries) => chainOf(entries));
/** A trail and a position in it. */
const trailAndIndex = (minLength = 1) =>
  fc
    .array(entryArb, { minLength, maxLength: 12 })
    .chain((entries) =>
      fc.record({ trail: fc.constant(chainOf(entries)), i: fc.integer({ min: 0, max: entries.length - 1 }) }),
    );

/** A different value of the same type. */
function altered(value: string | number | boolean): string | number | boolean {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  return `${value}x`;
}
const flipHex = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

type Field = 'seq' | 'at' | 'entry' | 'prevHash' | 'hash';
function tamper(record: AuditRecord, field: Field, pick: number): AuditRecord {
  switch (field) {
    case 'seq':
      return { ...record, seq: record.seq + (pick % 2 === 0 ? 1 : -1) };
    case 'at':
      return { ...record, at: new Date(Date.parse(record.at) + 1 + (pick % 1000)).toISOString() };
    case 'entry': {
      const entry = record.entry as Entry;
      const keys = Object.keys(entry);
      const key = must(keys[pick % keys.length]);
      return { ...record, entry: { ...entry, [key]: altered(must(entry[key])) } };
    }
    case 'prevHash':
      return { ...record, prevHash: flipHex(record.prevHash, pick % 64) };
    case 'hash':
      return { ...record, hash: flipHex(record.hash, pick % 64) };
  }
}

describe('audit trail (hash chain)', () => {
  it('a trail built record by record verifies: seq from 1, each record linked to the one before', () => {
    fc.assert(
      fc.property(trailArb, (trail) => {
        expect(findBrokenLink(trail)).toBeNull();
        expect(must(trail[0]).prevHash).toBe(GENESIS_HASH);
        trail.forEach((record, i) => {
          expect(record.seq).toBe(i + 1);
          expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
          if (i > 0) expect(record.prevHash).toBe(must(trail[i - 1]).hash);
        });
      }),
      RUNS,
    );
    expect(findBrokenLink([])).toBeNull();
  });

  it('changing any field of any record is caught at that record', () => {
    const fieldArb = fc.constantFrom<Field>('seq', 'at', 'entry', 'prevHash', 'hash');
    fc.assert(
      fc.property(trailAndIndex(), fieldArb, fc.nat(), ({ trail, i }, field, pick) => {
        const forged = trail.map((record, k) => (k === i ? tamper(record, field, pick) : record));
        expect(forged[i]).not.toEqual(trail[i]);
        expect(findBrokenLink(forged)).toBe(i + 1);
      }),
      RUNS,
    );
  });

  it('dropping a record is caught where it was; dropping the last one changes the head hash', () => {
    fc.assert(
      fc.property(trailAndIndex(), ({ trail, i }) => {
        const dropped = trail.filter((_, k) => k !== i);
        if (i < trail.length - 1) {
          expect(findBrokenLink(dropped)).toBe(i + 1);
        } else {
          // A truncated trail is self-consistent: it is the head hash published with the outcome that gives it away.
          expect(findBrokenLink(dropped)).toBeNull();
          expect(dropped[dropped.length - 1]?.hash ?? GENESIS_HASH).not.toBe(must(trail.at(-1)).hash);
        }
      }),
      RUNS,
    );
  });

  it('reordering two records is caught at the first of them', () => {
    const scenario = fc.array(entryArb, { minLength: 2, maxLength: 12 }).chain((entries) =>
      fc.record({
        trail: fc.constant(chainOf(entries)),
        pair: fc.uniqueArray(fc.integer({ min: 0, max: entries.length - 1 }), { minLength: 2, maxLength: 2 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ trail, pair }) => {
        const [i, j] = [Math.min(...pair), Math.max(...pair)];
        const reordered = [...trail];
        [reordered[i], reordered[j]] = [must(trail[j]), must(trail[i])];
        expect(findBrokenLink(reordered)).toBe(i + 1);
      }),
      RUNS,
    );
  });

  it("a record lifted from another decision's trail is caught by the link, though its own hash is right", () => {
    fc.assert(
      fc.property(
        trailAndIndex(),
        fc.array(entryArb, { minLength: 12, maxLength: 12 }),
        ({ trail, i }, otherEntries) => {
          const other = chainOf(otherEntries, OPENED_AT + 1);
          const spliced = trail.map((record, k) => (k === i ? must(other[k]) : record));
          const lifted = must(spliced[i]);
          expect(hashRecord(lifted)).toBe(lifted.hash);
          expect(lifted.seq).toBe(i + 1);
          expect(findBrokenLink(spliced)).toBe(i === 0 ? (trail.length > 1 ? 2 : null) : i + 1);
        },
      ),
      RUNS,
    );
  });

  it('a self-consistent trail that does not start at seq 1 is caught at its first record', () => {
    const unsigned = { seq: 2, at: new Date(OPENED_AT).toISOString(), entry: { type: 'note' }, prevHash: GENESIS_HASH };
    expect(findBrokenLink([{ ...unsigned, hash: hashRecord(unsigned) }])).toBe(1);
  });

  it('rewriting history and re-hashing everything after it yields a valid chain with a different head', () => {
    fc.assert(
      fc.property(trailAndIndex(), fc.nat(), ({ trail, i }, pick) => {
        const entries = trail.map((r) => r.entry);
        entries[i] = tamper(must(trail[i]), 'entry', pick).entry;
        const rewritten = chainOf(entries);
        expect(findBrokenLink(rewritten)).toBeNull();
        expect(must(rewritten.at(-1)).hash).not.toBe(must(trail.at(-1)).hash);
      }),
      RUNS,
    );
  });

  it('hashes canonical JSON: key order does not matter, the hash field itself is not hashed', () => {
    const record = nextAuditRecord(undefined, OPENED_AT, { type: 'note', a: 1, b: 'two' });
    expect(hashRecord({ ...record, entry: { b: 'two', type: 'note', a: 1 } })).toBe(record.hash);
    expect(hashRecord(record)).toBe(record.hash);
    expect(hashRecord({ ...record, entry: { type: 'note', a: 1, b: 'two', c: null } })).not.toBe(record.hash);
    expect(record.at).toBe(new Date(OPENED_AT).toISOString());
  });

  it("a decision's own facts chain and verify; swapping two votes is caught", () => {
    const run = simulate(streetCtx(), OPENED_AT, [
      voteAt(OPENED_AT + 1_000, object(FUNDER)),
      voteAt(OPENED_AT + 2_000, approve(COMMUNITY)),
      voteAt(OPENED_AT + 3_000, approve(RESIDENTS)),
      voteAt(OPENED_AT + 4_000, approve(TALENT)),
    ]);
    const trail: AuditRecord[] = [];
    for (const { at, fact } of run.facts) trail.push(nextAuditRecord(trail[trail.length - 1], at, fact));
    expect(trail.map((r) => (r.entry as { type: string }).type)).toEqual([
      'vote-cast',
      'deliberation-opened',
      'vote-cast',
      'vote-cast',
      'vote-cast',
      'abstained-by-silence',
      'deliberation-closed',
      'decided',
    ]);
    expect(findBrokenLink(trail)).toBeNull();
    const swapped = [...trail.slice(0, 2), ...trail.slice(2, 4).reverse(), ...trail.slice(4)];
    expect(findBrokenLink(swapped)).toBe(3);
  });
});
