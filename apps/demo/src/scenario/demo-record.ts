/** What the run did, for the summary: each decision against the outcome the scenario intends, and the rest. */

export interface DecisionOutcome {
  /** What the decision is about, for people (e.g. "长者午餐: talent's objection fixed by an amendment"). */
  label: string;
  decisionId: string;
  /** The outcome the scenario intends: approved, rejected, withdrawn, or `goes-ahead` for a filing. */
  intended: string;
  /** The outcome reached, once it is (undefined while open). */
  actual?: string;
  /** Who decided: votes, arbiter, default, proposer, notice (a filing). */
  decidedBy?: string;
}

export interface Escalation {
  decisionId: string;
  arbiterId: string;
  ruling?: string;
}

export interface ProgramMoney {
  programId: string;
  title: string;
  /** Reserved against the program's budget for its grants. */
  reservedFen: number;
  /** Paid out in tranches. */
  paidFen: number;
  tranchesPaid: number;
}

export interface Warning {
  kind: string;
  subject: string;
  detail: string;
}

export interface DeadLetterCount {
  service: string;
  /** Dead-lettered by the service's consumer during this run (its /health counts, end minus start). */
  count: number;
}

/** A further check the summary must pass (e.g. paid amounts match the ledger's verification). */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DemoRecord {
  decisions: DecisionOutcome[];
  escalations: Escalation[];
  money: ProgramMoney[];
  warnings: Warning[];
  /** The warning kinds the scenario means to fire (each must be in `warnings`). */
  expectedWarnings: string[];
  deadLetters: DeadLetterCount[];
  checks: Check[];
}

export const emptyRecord = (): DemoRecord => ({
  decisions: [],
  escalations: [],
  money: [],
  warnings: [],
  expectedWarnings: [],
  deadLetters: [],
  checks: [],
});
