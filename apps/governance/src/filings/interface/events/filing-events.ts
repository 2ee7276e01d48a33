import { DECISION_CALL_IN_EVENTS, type DecisionCallInType, type EventType, type SansheEvent } from '@sanshe/contracts';
import type { Delivery, EventHandler, EventHandlers } from '@sanshe/messaging';
import { decisionWorkflowId } from '@sanshe/workflows';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { RejectDecisionEventHandler } from '../../../decisions/application/reject-decision-event';
import type { CloseFilingHandler } from '../../application/close-filing';
import type { NoticeFilingHandler } from '../../application/notice-filing';
import type { RequestCallInHandler } from '../../application/request-call-in';

export interface FilingUseCases {
  notice: NoticeFilingHandler;
  requestCallIn: RequestCallInHandler;
  close: CloseFilingHandler;
  channels: ChannelCheck;
  reject: RejectDecisionEventHandler;
}

const timed = ({ brokerTime }: Delivery) => (brokerTime === undefined ? {} : { brokerTime });

/**
 * The filing events, each checked on its channel first as the bridge checks its own (docs/decisions.md
 * "Channel binding"): a filing or its withdrawal only from the organization context, a call-in only from
 * the controller of the party it speaks for. Otherwise `wrong-channel`, naming the would-be decision.
 */
export function filingEventHandlers({ notice, requestCallIn, close, channels, reject }: FilingUseCases): EventHandlers {
  const refused = async (
    event: SansheEvent<EventType>,
    manager: Parameters<EventHandler>[1],
    delivery: Delivery,
    speaksFor: { partyId?: string; castBy: string; proposalId: string },
    check: Parameters<ChannelCheck['refusal']>[2],
  ) => {
    const refusal = await channels.refusal(event, delivery, check);
    if (!refusal) return false;
    const { proposalId, ...who } = speaksFor;
    const decisionId = decisionWorkflowId('activity-proposal', proposalId);
    await reject.execute(manager, { event, decisionId, ...who, code: 'wrong-channel', reason: refusal });
    return true;
  };
  const filed: EventHandler<'sanshe.organization.proposal.filed.v1'> = async (event, manager, delivery) => {
    const { proposalId, organizationId } = event.data;
    const who = { proposalId, castBy: `organization:${organizationId}` };
    if (await refused(event, manager, delivery, who, { owner: 'organization' })) return;
    await notice.execute(manager, { event, ...timed(delivery) });
  };
  const callIn: EventHandler<DecisionCallInType> = async (event, manager, delivery) => {
    const { proposalId, partyId, castBy } = event.data;
    if (await refused(event, manager, delivery, { proposalId, partyId, castBy }, { partyIds: [partyId] })) return;
    await requestCallIn.execute(manager, { event, ...timed(delivery) });
  };
  const withdrawn: EventHandler<'sanshe.organization.proposal.withdrawn.v1'> = async (event, manager, delivery) => {
    const { proposalId, organizationId } = event.data;
    const proposer = `organization:${organizationId}`;
    if (await refused(event, manager, delivery, { proposalId, castBy: proposer }, { partyIds: [proposer] })) return;
    await close.execute(manager, { event });
  };
  return {
    'sanshe.organization.proposal.filed.v1': filed,
    ...Object.fromEntries(DECISION_CALL_IN_EVENTS.map(({ type }) => [type, callIn])),
    'sanshe.organization.proposal.withdrawn.v1': withdrawn,
  } as EventHandlers;
}
