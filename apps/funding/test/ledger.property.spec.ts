import fc from 'fast-check';
import { grantAccounts, LedgerError, type Posting, programAccounts } from '../src/ledger';
import { LedgerModel } from '../src/ledger/domain/ledger-model';
import {
  ledgerCommand,
  openingFunding,
  postingOf,
  universeOf,
  universeShape,
  universeViolations,
} from './ledger.commands';

// The pure model: random sequences of reservations, payments, failures, releases, clawbacks, budget
// changes and repeats of earlier keys never break an invariant, and a repeat returns the original entry.
it('random command sequences keep every invariant and replay repeats', () => {
  fc.assert(
    fc.property(universeShape, fc.array(ledgerCommand, { maxLength: 60 }), (shape, commands) => {
      const universe = universeOf('model', shape.budgetFen, shape.awardsFen);
      const model = new LedgerModel();
      model.open(programAccounts(universe.programId, 'CNY'));
      universe.grantIds.forEach((grantId, i) => model.open(grantAccounts(grantId, 'CNY', universe.awardsFen[i])));
      model.post(openingFunding(universe));
      const history: Posting[] = [];
      const entryOfKey = new Map<string, string>();
      for (const command of commands) {
        const posting = postingOf(command, universe, history);
        if (!posting) continue;
        try {
          const { entryId, replayed } = model.post(posting);
          if (replayed) expect(entryId).toBe(entryOfKey.get(posting.idempotencyKey));
          entryOfKey.set(posting.idempotencyKey, entryId);
          history.push(posting);
        } catch (err) {
          expect(err).toBeInstanceOf(LedgerError);
          // An exact repeat of a posted entry is never refused.
          expect(command.op === 'repeat' && entryOfKey.has(posting.idempotencyKey)).toBe(false);
        }
        expect([...model.violations(), ...universeViolations(model, universe)]).toEqual([]);
      }
    }),
    { numRuns: 200 },
  );
});

it('a run reaches every outcome: postings, replays and each refusal', () => {
  const outcomes = new Set<string>();
  fc.assert(
    fc.property(universeShape, fc.array(ledgerCommand, { maxLength: 60 }), (shape, commands) => {
      const universe = universeOf('reach', shape.budgetFen, shape.awardsFen);
      const model = new LedgerModel();
      model.open(programAccounts(universe.programId, 'CNY'));
      universe.grantIds.forEach((grantId, i) => model.open(grantAccounts(grantId, 'CNY', universe.awardsFen[i])));
      model.post(openingFunding(universe));
      const history: Posting[] = [];
      for (const command of commands) {
        const posting = postingOf(command, universe, history);
        if (!posting) continue;
        try {
          outcomes.add(model.post(posting).replayed ? 'replayed' : 'posted');
          history.push(posting);
        } catch (err) {
          outcomes.add((err as LedgerError).code);
        }
      }
    }),
    { numRuns: 200, seed: 15 },
  );
  // Without these, the first test would pass vacuously on generators that never hit the edges.
  expect([...outcomes].sort()).toEqual(
    ['award-exceeded', 'currency-mismatch', 'idempotency-conflict', 'insufficient-funds', 'posted', 'replayed'].sort(),
  );
});
