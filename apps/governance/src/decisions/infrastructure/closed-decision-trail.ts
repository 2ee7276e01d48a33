import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { auditQuery, type AuditEntry, type DecisionEventToPublish } from '@sanshe/workflows';
import type { ClosedDecision, DecisionAuditRecord } from '../domain/decision-audit';
import { TemporalClientHolder } from './temporal-client-holder';

export interface ClosedDecisionTrail {
  closed: ClosedDecision;
  trail: DecisionAuditRecord[];
}

/**
 * Reads a closing decision's whole audit trail from its workflow (the `audit` query), while the
 * workflow waits for the activity publishing its outcome: so the trail is copied before the namespace's
 * retention deletes the history, with no change to the workflow (docs/decisions.md "Audit trail").
 */
@Injectable()
export class ClosedDecisionTrailReader {
  constructor(private readonly temporal: TemporalClientHolder) {}

  async read(
    event: DecisionEventToPublish,
    outcome: Extract<AuditEntry, { type: 'decided' }>,
  ): Promise<ClosedDecisionTrail> {
    const { workflowId, runId } = runningActivity() ?? { workflowId: event.decisionId, runId: undefined };
    const trail = await this.temporal.bounded((client) =>
      client.workflow.getHandle(workflowId, runId).query(auditQuery),
    );
    const { kind, subjectId, communityCode, title } = event.decision;
    return {
      closed: {
        decisionId: event.decisionId,
        kind,
        subjectId,
        communityCode,
        title,
        outcome: outcome.outcome,
        headHash: event.auditHash,
        length: event.auditSeq,
      },
      trail,
    };
  }
}

/** The workflow run that called the activity; undefined outside one (a test calling it directly). */
function runningActivity(): { workflowId: string; runId: string } | undefined {
  try {
    return Context.current().info.workflowExecution;
  } catch {
    return undefined;
  }
}
