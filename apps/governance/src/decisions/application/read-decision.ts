import { Injectable } from '@nestjs/common';
import type { ClosedDecision, DecisionAuditRecord } from '../domain/decision-audit';
import { DecisionAuditRepository, type UnclosedStatus } from '../domain/decision-audit.repository';

/** A closed decision, or why there is none to show. */
export type DecisionLookup<T> = { found: T } | { missing: UnclosedStatus; reason: string };

/** The closed decisions and their audit trails, as governance stored them when they closed. */
@Injectable()
export class ReadDecisionHandler {
  constructor(private readonly audits: DecisionAuditRepository) {}

  async closed(decisionId: string): Promise<DecisionLookup<ClosedDecision>> {
    const closed = await this.audits.closed(decisionId);
    return closed ? { found: closed } : this.missing(decisionId);
  }

  async audit(decisionId: string): Promise<DecisionLookup<DecisionAuditRecord[]>> {
    const trail = await this.audits.trail(decisionId);
    return trail.length > 0 ? { found: trail } : this.missing(decisionId);
  }

  private async missing(decisionId: string): Promise<{ missing: UnclosedStatus; reason: string }> {
    const status = await this.audits.statusOfUnclosed(decisionId);
    const reason =
      status === 'open'
        ? `decision ${decisionId} is still open: its audit trail is stored when it closes (the workflow's audit query has it until then)`
        : `no decision ${decisionId} is known to governance`;
    return { missing: status, reason };
  }
}
