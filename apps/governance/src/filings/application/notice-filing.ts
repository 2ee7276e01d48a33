import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FILING_RULE, lowRiskViolations, type SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { decisionWorkflowId } from '@sanshe/workflows';
import { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { resolveBoundPolicy } from '../../decisions/application/resolve-bound-policy';
import { ControllerMap } from '../../parties/domain/controller-map';
import { PolicyRepository } from '../../policies/domain/policy.repository';
import type { Filing, FilingOpening } from '../domain/filing';
import { FilingRepository } from '../domain/filing.repository';
import { CallFilingInHandler } from './call-filing-in';
import { RequestCallInHandler } from './request-call-in';

type Filed = SansheEvent<'sanshe.organization.proposal.filed.v1'>;

export interface NoticeFilingCommand {
  /** The filing, from the organization's channel (checked by the caller). */
  event: Filed;
  /** When the broker appended it (ms since the epoch): the window counts from then. */
  brokerTime?: number;
}

const HOUR_MS = 3_600_000;

/**
 * A proposal was filed. Governance judges it by its own copy of the filing rule: not low-risk → called in
 * at once (cause `not-low-risk`, the violations published) and its decision opened; else the seats of its
 * community's activity-proposal policy (bound as a decision would bind them), less the proposer, may call
 * it in until brokerTime + the window: `filing.noticed`. Then the call-ins that came first are judged. A
 * redelivered filing finds its row and does nothing.
 */
@Injectable()
export class NoticeFilingHandler {
  constructor(
    private readonly filings: FilingRepository,
    private readonly policies: PolicyRepository,
    private readonly areas: AdministrativeAreas,
    private readonly controllers: ControllerMap,
    private readonly outbox: OutboxWriter,
    private readonly callIn: CallFilingInHandler,
    private readonly requestCallIn: RequestCallInHandler,
    @Inject(GOVERNANCE_CONFIG) private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_FILING_CALL_IN_HOURS'>,
  ) {}

  async execute(manager: EntityManager, { event, brokerTime }: NoticeFilingCommand): Promise<void> {
    const { proposalId } = event.data;
    await this.filings.lock(manager, proposalId);
    if (await this.filings.find(proposalId, manager)) return;
    const now = brokerTime ?? Date.now();
    // The seats a decision would have: also for a filing called in at once, whose waiting call-ins then count.
    const ports = { policies: this.policies, areas: this.areas, controllers: this.controllers };
    const { policy } = await resolveBoundPolicy(ports, 'activity-proposal', event.data.communityCode);
    const proposerId = `organization:${event.data.organizationId}`;
    const eligible = policy.parties.map((seat) => seat.partyId).filter((partyId) => partyId !== proposerId);
    const violations = lowRiskViolations(event.data, FILING_RULE);
    if (violations.length > 0) {
      const filing = { ...filingOf(event, now, eligible, now), violations };
      await this.filings.insert(manager, filing);
      await this.callIn.execute(manager, { filing, decidedBy: event, cause: 'not-low-risk', violations });
      await this.requestCallIn.judgeWaiting(manager, filing);
      return;
    }
    const hours = this.config.GOVERNANCE_FILING_CALL_IN_HOURS ?? FILING_RULE.callInHours;
    const filing = filingOf(event, now, eligible, now + hours * HOUR_MS);
    await this.filings.insert(manager, filing);
    await this.publishNoticed(manager, event, filing);
    await this.requestCallIn.judgeWaiting(manager, filing);
  }

  private async publishNoticed(manager: EntityManager, event: Filed, filing: Filing): Promise<void> {
    const type = 'sanshe.governance.filing.noticed.v1';
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${filing.proposalId}`,
      subject: filing.decisionId,
      correlationid: event.correlationid ?? event.id,
      data: {
        proposalId: filing.proposalId,
        decisionId: filing.decisionId,
        communityCode: filing.communityCode,
        organizationId: filing.organizationId,
        proposerId: filing.proposerId,
        callInUntil: filing.callInUntil.toISOString(),
        eligiblePartyIds: filing.eligiblePartyIds,
        callInControllers: FILING_RULE.callInControllers,
        filingRuleVersion: filing.ruleVersion,
      },
    });
  }
}

/** The filing row of `event`, as noticed. */
function filingOf(event: Filed, noticedAt: number, eligiblePartyIds: string[], callInUntil: number): Filing {
  const { proposalId, organizationId, communityCode, title, summary } = event.data;
  const decisionId = decisionWorkflowId('activity-proposal', proposalId);
  const proposerId = `organization:${organizationId}`;
  const opening: FilingOpening = {
    decisionId,
    kind: 'activity-proposal',
    subjectId: proposalId,
    communityCode,
    proposerId,
    title,
    summary,
  };
  return {
    proposalId,
    decisionId,
    communityCode,
    organizationId,
    proposerId,
    title,
    summary,
    opening,
    ruleVersion: FILING_RULE.version,
    callInUntil: new Date(callInUntil),
    eligiblePartyIds,
    status: 'noticed',
    cause: null,
    violations: null,
    noticedAt: new Date(noticedAt),
  };
}
