import type { EventHandler, EventHandlers } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { ApplyEvidenceHandler } from '../../application/apply-evidence';
import type { StartDisbursementHandler } from '../../application/start-disbursement';

export interface DisbursementUseCases {
  start: Pick<StartDisbursementHandler, 'execute'>;
  applyEvidence: Pick<ApplyEvidenceHandler, 'execute'>;
  channels: Pick<ChannelCheck, 'refusal'>;
}

/**
 * The disbursement's events, each checked on its channel first (docs/decisions.md "Channel binding"): a grant's
 * activation counts only from the funding context, milestone evidence only from the controller of the
 * organization it names. No governance event answers a refusal (no `disbursement.*` fact fits, and the workflow's
 * state shows what it took), so a refused event goes to the dead letters naming its code, changing nothing.
 * An activity completed without a grant milestone is not the disbursement's.
 */
export function disbursementEventHandlers({ start, applyEvidence, channels }: DisbursementUseCases): EventHandlers {
  const activated: EventHandler<'sanshe.funding.grant.activated.v1'> = async (event, manager, delivery) => {
    const refusal = await channels.refusal(event, delivery, { owner: 'funding' });
    if (refusal) throw new PermanentEventError(`wrong-channel: grant ${event.data.grantId} not started: ${refusal}`);
    await start.execute(manager, event);
  };
  const completed: EventHandler<'sanshe.organization.activity.completed.v1'> = async (event, manager, delivery) => {
    const { milestone, organizationId, activityId, evidence = [] } = event.data;
    if (!milestone) return;
    const organization = `organization:${organizationId}`;
    const refusal = await channels.refusal(event, delivery, { partyIds: [organization] });
    const submission = {
      trancheNo: milestone.trancheNo,
      source: { type: 'activity-completed' as const, id: activityId },
      evidence: evidence.map(({ sha256, kind }) => ({ sha256, kind })),
      submittedBy: organization,
    };
    const applied = refusal
      ? { refused: 'wrong-channel', message: refusal }
      : await applyEvidence.execute(manager, { grantId: milestone.grantId, submission, event });
    if (typeof applied === 'object') {
      const where = `${milestone.grantId} tranche ${milestone.trancheNo}`;
      throw new PermanentEventError(`${applied.refused}: evidence of ${activityId} for ${where}: ${applied.message}`);
    }
  };
  return {
    'sanshe.funding.grant.activated.v1': activated,
    'sanshe.organization.activity.completed.v1': completed,
  } as EventHandlers;
}
