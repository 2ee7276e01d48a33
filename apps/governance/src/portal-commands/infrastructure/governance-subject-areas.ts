import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { CommunityCodeKey, disbursementWorkflowId } from '@sanshe/workflows';
import { TemporalClientHolder } from '../../decisions/decisions.module';
import { SubjectAreas } from '../domain/subject-areas';

/**
 * The areas from governance's own records: a decision's community from its pending or closed row, else from
 * its workflow's CommunityCode search attribute (set when it opened); a grant's from its disbursement
 * workflow's; a filed proposal's from the filing. Temporal calls are bounded: past the deadline the error is
 * thrown and the inbox retries the command.
 */
@Injectable()
export class GovernanceSubjectAreas extends SubjectAreas {
  private readonly pending: string;
  private readonly closed: string;
  private readonly filing: string;

  constructor(
    @Inject(getDataSourceToken()) dataSource: DataSource,
    private readonly temporal: TemporalClientHolder,
  ) {
    super();
    const schema = schemaNameOf(dataSource);
    this.pending = qualifiedTable(schema, 'pending_decision');
    this.closed = qualifiedTable(schema, 'closed_decision');
    this.filing = qualifiedTable(schema, 'filing');
  }

  async ofDecision(manager: EntityManager, decisionId: string): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT community_code FROM ${this.pending} WHERE decision_id = $1
       UNION ALL SELECT community_code FROM ${this.closed} WHERE decision_id = $1 LIMIT 1`,
      [decisionId],
    )) as { community_code: string }[];
    return row?.community_code ?? this.ofWorkflow(decisionId);
  }

  async ofFiling(manager: EntityManager, proposalId: string): Promise<string | null> {
    const [row] = (await manager.query(`SELECT community_code FROM ${this.filing} WHERE proposal_id = $1`, [
      proposalId,
    ])) as { community_code: string }[];
    return row?.community_code ?? null;
  }

  ofGrant(grantId: string): Promise<string | null> {
    return this.ofWorkflow(disbursementWorkflowId(grantId));
  }

  private async ofWorkflow(workflowId: string): Promise<string | null> {
    try {
      const description = await this.temporal.bounded((client) => client.workflow.getHandle(workflowId).describe());
      return description.typedSearchAttributes.get(CommunityCodeKey) ?? null;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }
}
