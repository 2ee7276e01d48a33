import fc from 'fast-check';
import {
  defundProgram,
  failPayment,
  fundProgram,
  grantAccountId,
  instructPayment,
  type Posting,
  programAccountId,
  recoverClawback,
  releaseReservation,
  requestClawback,
  reserveGrant,
  settlePayment,
} from '../src/ledger';
import { LedgerModel } from '../src/ledger/domain/ledger-model';

/** The random commands of the ledger's property tests (pure: ledger.property.spec.ts; real: ledger.integration-spec.ts). */
export type LedgerCommand =
  | { op: 'fund' | 'defund'; revision: number; amountFen: number }
  | { op: 'fund-in-usd'; revision: number; amountFen: number }
  | { op: 'reserve'; grant: number; amountFen: number }
  | { op: 'release'; grant: number; attempt: number; amountFen: number }
  | { op: 'instruct' | 'settle' | 'fail' | 'clawback' | 'recover'; grant: number; trancheNo: number; amountFen: number }
  | { op: 'repeat'; index: number };

export const GRANTS = 3;

/** Amounts that often match each other (so settles meet their instructs), and some that do not. */
const amount = fc.oneof(fc.constantFrom(100, 200, 300), fc.integer({ min: 1, max: 1_000 }));
const grant = fc.integer({ min: 0, max: GRANTS - 1 });
const trancheNo = fc.integer({ min: 1, max: 3 });

export const ledgerCommand: fc.Arbitrary<LedgerCommand> = fc.oneof(
  fc.record({
    op: fc.constantFrom('fund', 'defund', 'fund-in-usd'),
    revision: fc.integer({ min: 1, max: 3 }),
    amountFen: amount,
  }),
  { arbitrary: fc.record({ op: fc.constant('reserve'), grant, amountFen: amount }), weight: 2 },
  fc.record({ op: fc.constant('release'), grant, attempt: fc.integer({ min: 1, max: 2 }), amountFen: amount }),
  {
    arbitrary: fc.record({
      op: fc.constantFrom('instruct', 'settle', 'fail', 'clawback', 'recover'),
      grant,
      trancheNo,
      amountFen: amount,
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ op: fc.constant('repeat'), index: fc.nat() }), weight: 2 },
) as fc.Arbitrary<LedgerCommand>;

/** One run's program: its budget and its grants' awards. */
export interface LedgerUniverse {
  programId: string;
  budgetFen: number;
  grantIds: string[];
  awardsFen: number[];
}

export const universeOf = (runId: string, budgetFen: number, awardsFen: number[]): LedgerUniverse => ({
  programId: `prop-${runId}`,
  budgetFen,
  grantIds: awardsFen.map((_, i) => `grant-${runId}-${i}`),
  awardsFen,
});

export const universeShape = fc.record({
  budgetFen: fc.integer({ min: 200, max: 3_000 }),
  awardsFen: fc.array(fc.integer({ min: 100, max: 1_500 }), { minLength: GRANTS, maxLength: GRANTS }),
});

const cny = (amountFen: number) => ({ amountFen, currency: 'CNY' });

/** The posting a command stands for; `history` holds the postings built so far (what `repeat` repeats). */
export function postingOf(command: LedgerCommand, universe: LedgerUniverse, history: Posting[]): Posting | null {
  const { programId, grantIds } = universe;
  switch (command.op) {
    case 'repeat':
      return history.length ? history[command.index % history.length] : null;
    case 'fund':
      return fundProgram(programId, cny(command.amountFen), command.revision + 1);
    case 'fund-in-usd':
      return fundProgram(programId, { amountFen: command.amountFen, currency: 'USD' }, command.revision + 10);
    case 'defund':
      return defundProgram(programId, cny(command.amountFen), command.revision);
    case 'reserve':
      return reserveGrant(programId, grantIds[command.grant], cny(command.amountFen));
    case 'release':
      return releaseReservation(
        programId,
        grantIds[command.grant],
        cny(command.amountFen),
        `release/${grantIds[command.grant]}/${command.attempt}`,
      );
    case 'instruct':
      return instructPayment(grantIds[command.grant], command.trancheNo, cny(command.amountFen));
    case 'settle':
      return settlePayment(grantIds[command.grant], command.trancheNo, cny(command.amountFen));
    case 'fail':
      return failPayment(grantIds[command.grant], command.trancheNo, cny(command.amountFen));
    case 'clawback':
      return requestClawback(grantIds[command.grant], command.trancheNo, cny(command.amountFen));
    case 'recover':
      return recoverClawback(programId, grantIds[command.grant], command.trancheNo, cny(command.amountFen));
  }
}

/** The opening posting of every run: the program funded with its budget (revision 1). */
export const openingFunding = (universe: LedgerUniverse): Posting =>
  fundProgram(universe.programId, cny(universe.budgetFen), 1);

/**
 * What must hold beyond the model's own invariants: the grants together never hold more than the program
 * was funded with (reservations never exceed the budget), and no grant's paid passes its award.
 */
export function universeViolations(model: LedgerModel, universe: LedgerUniverse): string[] {
  const found: string[] = [];
  const funded = model.balance(programAccountId(universe.programId, 'source')) ?? 0;
  let held = 0;
  universe.grantIds.forEach((grantId, i) => {
    const of = (purpose: 'reserved' | 'payable' | 'paid' | 'clawback-receivable') =>
      model.balance(grantAccountId(grantId, purpose)) ?? 0;
    held += of('reserved') + of('payable') + of('paid') + of('clawback-receivable');
    if (of('paid') > universe.awardsFen[i])
      found.push(`${grantId} paid ${of('paid')} > award ${universe.awardsFen[i]}`);
    if (of('reserved') + of('payable') + of('paid') > universe.awardsFen[i]) {
      found.push(`${grantId} holds more than its award ${universe.awardsFen[i]}`);
    }
  });
  if (held > funded) found.push(`grants hold ${held} fen of a ${funded} fen budget`);
  return found;
}
