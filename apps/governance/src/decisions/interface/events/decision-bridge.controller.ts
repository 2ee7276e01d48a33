import { Controller, type Type } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic, DECISION_VOTE_CAST_EVENTS, portalCommandsTopic } from '@sanshe/contracts';
import { ConsumeTopic, type EventHandler, type EventHandlers, InboxService } from '@sanshe/messaging';
import { decisionWorkflowId } from '@sanshe/workflows';
import { ApplyDecisionUpdate } from '../../application/apply-decision-update';
import { OpenDecision } from '../../application/open-decision';
import { DECISION_OPENINGS, type OpeningEventType } from '../../domain/decision-openings';

/** The topics the bridge reads: the contexts that open decisions or vote, and each configured portal's commands. */
export const bridgeTopics = (portalIds: readonly string[]) => [
  contextTopic('organization'),
  contextTopic('community'),
  contextTopic('talent'),
  contextTopic('funding'),
  ...portalIds.map(portalCommandsTopic),
];

/**
 * The Kafka → workflow bridge: opening events start decisions, vote/amend/arbitrate events become
 * Workflow Updates. Built per configuration because the portal topics come from GOVERNANCE_PORTALS.
 * Each event is applied in an inbox transaction (InboxService), so a redelivery has no second effect.
 */
export function decisionBridgeController(topics: string[]): Type<unknown> {
  @Controller()
  class DecisionBridgeController {
    private readonly handlers: EventHandlers;

    constructor(
      private readonly inbox: InboxService,
      openDecision: OpenDecision,
      applyUpdate: ApplyDecisionUpdate,
    ) {
      const open =
        <T extends OpeningEventType>(type: T): EventHandler<T> =>
        async (event) => {
          const opening = DECISION_OPENINGS[type](event.data);
          await openDecision.execute(opening, { eventId: event.id, type: event.type });
        };
      const vote: EventHandler<(typeof DECISION_VOTE_CAST_EVENTS)[number]['type']> = async (event, manager) => {
        const { decisionId, partyId, castBy, choice, reason, round } = event.data;
        await applyUpdate.execute(manager, event, decisionId, {
          kind: 'vote',
          request: { partyId, castBy, choice, ...(reason ? { reason } : {}), ...(round ? { round } : {}) },
        });
      };
      this.handlers = {
        'sanshe.organization.proposal.submitted.v1': open('sanshe.organization.proposal.submitted.v1'),
        'sanshe.community.data-access.requested.v1': open('sanshe.community.data-access.requested.v1'),
        'sanshe.funding.grant.awarded.v1': open('sanshe.funding.grant.awarded.v1'),
        ...Object.fromEntries(DECISION_VOTE_CAST_EVENTS.map((definition) => [definition.type, vote])),
        'sanshe.organization.proposal.amended.v1': async (event, manager) => {
          const decisionId = decisionWorkflowId('activity-proposal', event.data.proposalId);
          await applyUpdate.execute(manager, event, decisionId, {
            kind: 'amend',
            request: { castBy: `organization:${event.data.organizationId}`, revision: event.data.revision },
          });
        },
        'sanshe.portal.decision.arbitrated.v1': async (event, manager) => {
          const { decisionId, arbiterId, castBy, result, reason } = event.data;
          await applyUpdate.execute(manager, event, decisionId, {
            kind: 'arbitrate',
            request: { arbiterId, castBy, result, reason },
          });
        },
      };
    }

    @ConsumeTopic(topics)
    onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
      return this.inbox.consume(context, this.handlers);
    }
  }
  return DecisionBridgeController;
}
