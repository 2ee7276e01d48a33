import type { ObjectionReason, VoteChoice } from '@sanshe/contracts';

/*
 * FUNDING_VOTE_RULES (pure): how the funder's seat votes by itself when the program says `votingMode: rules`.
 * Data, not code paths: a new version is a new constant, and each vote records the version it was cast by.
 */

export const FUNDING_VOTE_RULES = { version: 1 } as const;

export interface Verdict {
  choice: VoteChoice;
  reason: ObjectionReason | null;
}

export interface ProgramFacts {
  programId: string;
  votingMode: 'rules' | 'staff';
  budgetFen: number;
  /** The program's available balance (its ledger account), when the rule needs it. */
  availableFen: number;
}

/** What the seat knows of the decision's subject when it votes. */
export type SubjectFacts =
  | {
      kind: 'grant-award';
      /** Null: a grant funding never awarded (nothing to judge by rules). */
      grant: { amountFen: number; eligible: boolean | null; ineligibleCodes: string[] } | null;
      program: ProgramFacts | null;
    }
  | {
      kind: 'activity-proposal';
      /** Null until proposal.submitted arrived: the vote waits for it. */
      proposal: { programId: string | null; requestedFen: number | null; ineligibleCodes: string[] } | null;
      program: ProgramFacts | null;
    }
  | { kind: 'other' };

/** How the seat votes: by the rules now, waiting for facts, or by the funder's staff (HTTP). */
export type SeatJudgement = { mode: 'rules'; verdict: Verdict } | { mode: 'wait' } | { mode: 'staff' };

const object = (code: string, text: string): Verdict => ({ choice: 'object', reason: { code, text } });

function judgeGrantAward(facts: Extract<SubjectFacts, { kind: 'grant-award' }>): SeatJudgement {
  const { grant, program } = facts;
  if (!grant || !program || program.votingMode === 'staff') return { mode: 'staff' };
  if (grant.eligible !== true) {
    const why = grant.ineligibleCodes.length ? grant.ineligibleCodes.join(', ') : 'no eligible application';
    return { mode: 'rules', verdict: object('application-ineligible', `申请不符合项目资格 (${why})。`) };
  }
  if (program.availableFen < grant.amountFen) {
    const text = `项目可用预算 ${program.availableFen} 分，不足资助金额 ${grant.amountFen} 分。`;
    return { mode: 'rules', verdict: object('budget-insufficient', text) };
  }
  return { mode: 'rules', verdict: { choice: 'approve', reason: null } };
}

function judgeActivityProposal(facts: Extract<SubjectFacts, { kind: 'activity-proposal' }>): SeatJudgement {
  const { proposal, program } = facts;
  if (!proposal) return { mode: 'wait' };
  if (proposal.programId === null || proposal.requestedFen === null) {
    const reason = { code: 'no-funding-requested', text: '该方案未申请资助，资助方弃权。 No funding requested.' };
    return { mode: 'rules', verdict: { choice: 'abstain', reason } };
  }
  if (!program || program.votingMode === 'staff') return { mode: 'staff' };
  if (proposal.ineligibleCodes.length > 0) {
    const text = `方案不符合项目资格 (${proposal.ineligibleCodes.join(', ')})。`;
    return { mode: 'rules', verdict: object('proposal-ineligible', text) };
  }
  if (proposal.requestedFen > program.budgetFen) {
    const text = `申请金额 ${proposal.requestedFen} 分超过项目预算 ${program.budgetFen} 分。`;
    return { mode: 'rules', verdict: object('over-budget-request', text) };
  }
  return { mode: 'rules', verdict: { choice: 'approve', reason: null } };
}

/**
 * FUNDING_VOTE_RULES v1. grant-award: approve when the application is eligible and the program's available
 * covers the amount, else object naming why. activity-proposal naming a program: approve when eligible and
 * the request is within the budget, else object; no funding requested: abstain. A program voting by staff,
 * a subject with no program, or another kind: the funder's staff vote.
 */
export function judgeSeat(facts: SubjectFacts): SeatJudgement {
  switch (facts.kind) {
    case 'grant-award':
      return judgeGrantAward(facts);
    case 'activity-proposal':
      return judgeActivityProposal(facts);
    case 'other':
      return { mode: 'staff' };
  }
}
