import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery, EventHandler, EventHandlers } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import type { EvidenceSubmission } from '@sanshe/workflows';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { ApplyEvidenceHandler } from '../../application/apply-evidence';
import type { RefuseDisbursementRequestHandler } from '../../application/refuse-disbursement-request';
import type { StartDisbursementHandler } from '../../application/start-disbursement';

export interface DisbursementUseCases {
  start: Pick<StartDisbursementHandler, 'execute'>;
  applyEvidence: Pick<ApplyEvidenceHandler, 'execute'>;
  channels: Pick<ChannelCheck, 'refusal'>;
  refuse: Pick<RefuseDisbursementRequestHandler, 'execute'>;
}

type Manager = Parameters<EventHandler>[1];

interface Submitted {
  grantId: string;
  submission: EvidenceSubmission;
  /** Who sent it: must be the submitter itself. */
  castBy: string;
}

/** Evidence on the submitter's channel (`wrong-channel`), sent by it (`wrong-identity`); any refusal answered. */
const evidenceSubmitter =
  ({ applyEvidence, channels, refuse }: DisbursementUseCases) =>
  async (event: SansheEvent<EventType>, manager: Manager, delivery: Delivery, submitted: Submitted) => {
    const { grantId, submission, castBy } = submitted;
    const partyId = submission.submittedBy;
    const wrongChannel = await channels.refusal(event, delivery, { partyIds: [partyId] });
    const applied = wrongChannel
      ? { code: 'wrong-channel', message: wrongChannel }
      : castBy !== partyId
        ? {
            code: 'wrong-identity',
            message: `${castBy} cannot submit evidence for ${partyId}: only it submits its own`,
          }
        : await applyEvidence.execute(manager, { grantId, submission, event });
    if (typeof applied !== 'object') return;
    const reason = `evidence ${submission.source.id} for tranche ${submission.trancheNo}: ${applied.message}`;
    await refuse.execute(manager, { event, grantId, partyId, code: applied.code, reason });
  };

/**
 * The disbursement's start and its milestone evidence, each checked on its channel first (docs/decisions.md
 * "Channel binding"): a grant's activation counts only from the funding context (otherwise it goes to the dead
 * letters: a fact, not a request anyone is answered on), evidence only from the controller of the organization
 * it names, sent as that organization. Refused evidence is answered with
 * sanshe.governance.disbursement.request-refused.v1 naming its code, and the event is consumed, changing
 * nothing. An activity completed without a grant milestone is not the disbursement's.
 */
export function disbursementEventHandlers(cases: DisbursementUseCases): EventHandlers {
  const { start, channels } = cases;
  const submitEvidence = evidenceSubmitter(cases);
  const activated: EventHandler<'sanshe.funding.grant.activated.v1'> = async (event, manager, delivery) => {
    const refusal = await channels.refusal(event, delivery, { owner: 'funding' });
    if (refusal) throw new PermanentEventError(`wrong-channel: grant ${event.data.grantId} not started: ${refusal}`);
    await start.execute(manager, event);
  };
  const completed: EventHandler<'sanshe.organization.activity.completed.v1'> = async (event, manager, delivery) => {
    const { milestone, organizationId, activityId, evidence = [] } = event.data;
    if (!milestone) return;
    const organization = `organization:${organizationId}`;
    const submission = {
      trancheNo: milestone.trancheNo,
      source: { type: 'activity-completed' as const, id: activityId },
      evidence: evidence.map(({ sha256, kind }) => ({ sha256, kind })),
      submittedBy: organization,
    };
    await submitEvidence(event, manager, delivery, { grantId: milestone.grantId, submission, castBy: organization });
  };
  const packaged: EventHandler<'sanshe.organization.milestone.evidence-submitted.v1'> = async (
    event,
    manager,
    delivery,
  ) => {
    const { packageId, grantId, trancheNo, submittedBy, castBy, evidence } = event.data;
    // submittedBy speaks (channel, identity); the workflow checks it is the grant's organization.
    const submission = {
      trancheNo,
      source: { type: 'evidence-package' as const, id: packageId },
      evidence: evidence.map(({ sha256, kind }) => ({ sha256, kind })),
      submittedBy,
    };
    await submitEvidence(event, manager, delivery, { grantId, submission, castBy });
  };
  return {
    'sanshe.funding.grant.activated.v1': activated,
    'sanshe.organization.activity.completed.v1': completed,
    'sanshe.organization.milestone.evidence-submitted.v1': packaged,
  } as EventHandlers;
}
