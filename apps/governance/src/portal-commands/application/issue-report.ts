import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { eventIdentity } from '../../decisions/domain/event-identity';
import { PortalRepository } from '../../portals/domain/portal.repository';
import { DecisionReportSource, periodProblem } from '../domain/decision-report';
import type { CommandRefusal } from './jurisdiction-check';

type ReportRequest = SansheEvent<'sanshe.portal.report.requested.v1'>;

export type IssueReportResult = { accepted: { reportId: string } } | { refused: CommandRefusal };

/** The report's id (and its event's): from the request's identity, so a redelivery issues it once. */
export const reportIdOf = (event: Pick<SansheEvent, 'source' | 'id'>) =>
  `report-${createHash('sha256').update(eventIdentity(event)).digest('hex').slice(0, 32)}`;

/**
 * A portal's sanshe.portal.report.requested.v1 (docs/events.md, "Portal commands and replies"): a registered,
 * active portal gets sanshe.governance.portal.report-issued.v1 on its replies topic, in the request's inbox
 * transaction — aggregated public facts of its own jurisdiction from governance's records, never a person.
 * `decisions`: the decisions closed in the period, by kind, result and decider, and how many went to an
 * arbiter. `disbursements` is refused report-unavailable: governance keeps no record of what funding paid
 * per community (funding's payments are funding's; docs/decisions.md).
 */
@Injectable()
export class IssueReportHandler {
  constructor(
    private readonly portals: PortalRepository,
    private readonly decisions: DecisionReportSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(manager: EntityManager, portalId: string, event: ReportRequest): Promise<IssueReportResult> {
    const { reportKind, from, to } = event.data;
    const portal = await this.portals.find(portalId);
    if (!portal) return refused('unknown-portal', `portal ${portalId} is not registered: its jurisdiction is unknown`);
    if (portal.status !== 'active') return refused('portal-suspended', `portal ${portalId} is ${portal.status}`);
    const problem = periodProblem({ from, to });
    if (problem) return refused('period-invalid', problem);
    if (reportKind !== 'decisions') {
      return refused('report-unavailable', `governance keeps no ${reportKind} report: ask funding for payments`);
    }
    const counts = await this.decisions.closedDecisions(manager, portal.jurisdiction, { from, to });
    const reportId = reportIdOf(event);
    await this.outbox.publish(manager, {
      type: 'sanshe.governance.portal.report-issued.v1',
      id: reportId,
      subject: reportId,
      correlationid: event.correlationid ?? event.id,
      data: {
        reportId,
        commandId: event.id,
        portalId,
        reportKind,
        from,
        to,
        jurisdiction: [...portal.jurisdiction],
        decisions: counts.map(({ kind, result, decidedBy, count }) => ({ kind, result, decidedBy, count })),
        escalations: counts.reduce((sum, line) => sum + line.escalated, 0),
        issuedAt: new Date().toISOString(),
      },
    });
    return { accepted: { reportId } };
  }
}

const refused = (code: string, reason: string): IssueReportResult => ({ refused: { code, reason } });
