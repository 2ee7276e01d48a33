import type { FlowFact } from './flow-report';

/** What a report reads: null filters are not applied; days are inclusive, Asia/Shanghai. */
export interface FlowFilter {
  from: string | null;
  to: string | null;
  programId: string | null;
  /** The programs' funders (party ids) whose grants count; null: every funder's. */
  funderIds: string[] | null;
  /** The organizations whose grants count; null: every organization's. */
  organizationIds: string[] | null;
}

/** The port: the facts of the grants and the ledger lines a report sums (the grants' and ledger's tables, read only). */
export abstract class FlowRepository {
  abstract factsOf(filter: FlowFilter): Promise<FlowFact[]>;
}
