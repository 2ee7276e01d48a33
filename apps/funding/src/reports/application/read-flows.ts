import { Injectable } from '@nestjs/common';
import { type FlowGrouping, type FlowRow, flowRows } from '../domain/flow-report';
import { type FlowFilter, FlowRepository } from '../domain/flow.repository';

export interface FlowReport {
  groupBy: FlowGrouping;
  from: string | null;
  to: string | null;
  programId: string | null;
  /** The funders whose programs the report covers (null: all). */
  funderIds: string[] | null;
  /** The organizations the report covers (null: all). */
  organizationIds: string[] | null;
  rows: FlowRow[];
}

/** GET /reports/flows: the facts the caller may see, grouped and summed exactly. */
@Injectable()
export class ReadFlowsHandler {
  constructor(private readonly flows: FlowRepository) {}

  async execute(groupBy: FlowGrouping, filter: FlowFilter): Promise<FlowReport> {
    const facts = await this.flows.factsOf(filter);
    return { groupBy, ...filter, rows: flowRows(facts, groupBy) };
  }
}
