import type { FieldProblem } from '@sanshe/contracts';
import type { StaffVoteRefusal } from './funder-seat';

/** The votes feature's coded errors; interface/http/vote-error.filter.ts maps every code. */
export abstract class VoteError extends Error {
  abstract readonly code: string;
}

export class VoteInputInvalid extends VoteError {
  readonly code = 'vote-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** Funding tracks no such decision: none seating a funder party it speaks for was opened. */
export class DecisionNotTracked extends VoteError {
  readonly code = 'decision-not-found';
  constructor(readonly decisionId: string) {
    super(`funding tracks no decision ${decisionId} seating a funder it speaks for`);
  }
}

const REFUSAL_TEXT: Record<StaffVoteRefusal['code'], string> = {
  'decision-closed': 'the decision is already decided',
  'not-seated': 'the party holds no funder seat in the current round',
  'already-voted': 'the party already voted in the current round',
};

/** decision-closed, not-seated or already-voted (409). */
export class StaffVoteRefused extends VoteError {
  readonly code = 'staff-vote-refused';
  constructor(
    readonly decisionId: string,
    readonly partyId: string,
    readonly refusal: StaffVoteRefusal,
  ) {
    super(`${partyId} may not vote on ${decisionId}: ${REFUSAL_TEXT[refusal.code]}`);
  }
}

export type AnyVoteError = VoteInputInvalid | DecisionNotTracked | StaffVoteRefused;
