import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic } from '@sanshe/contracts';
import { ConsumeTopic, type EventHandlers, InboxService } from '@sanshe/messaging';
import { RecordCommunityFactsHandler } from '../../application/record-community-facts';
import { RecordDecisionFactsHandler } from '../../application/record-decision-facts';

/** The public topics the page follows: every context's events (never a portal's commands or replies). */
export const PUBLIC_WEB_TOPICS = [
  contextTopic('community'),
  contextTopic('organization'),
  contextTopic('talent'),
  contextTopic('funding'),
  contextTopic('governance'),
];

/**
 * public-web's one Kafka consumer: each event through the inbox (applied once, in its transaction; an invalid or
 * unknown-type event of a namespace it handles goes to sanshe.dlq.sanshe-public-web with the reason), types the
 * page does not show skipped.
 */
@Controller()
export class PublicEventsController {
  private readonly handlers: EventHandlers;

  constructor(
    private readonly inbox: InboxService,
    decisions: RecordDecisionFactsHandler,
    community: RecordCommunityFactsHandler,
  ) {
    this.handlers = {
      'sanshe.community.community.registered.v1': (e, m) => community.community(m, e),
      'sanshe.community.community.updated.v1': (e, m) => community.community(m, e),
      'sanshe.community.need.published.v1': (e, m) => community.needPublished(m, e),
      'sanshe.community.need.matched.v1': (e, m) => community.needMatched(m, e),
      'sanshe.community.need.closed.v1': (e, m) => community.needClosed(m, e),
      'sanshe.community.evaluation.recorded.v1': (e, m) => community.evaluationRecorded(m, e),
      'sanshe.funding.grant.awarded.v1': (e, m) => community.grantAwarded(m, e),
      'sanshe.funding.grant.activated.v1': (e, m) => community.grantActivated(m, e),
      'sanshe.funding.grant.voided.v1': (e, m) => community.grantVoided(m, e),
      'sanshe.funding.tranche.paid.v1': (e, m) => community.tranchePaid(m, e),
      'sanshe.governance.decision.opened.v1': (e, m) => decisions.opened(m, e),
      'sanshe.governance.decision.round-opened.v1': (e, m) => decisions.roundOpened(m, e),
      'sanshe.governance.decision.deliberation-opened.v1': (e, m) => decisions.deliberationOpened(m, e),
      'sanshe.governance.decision.escalated.v1': (e, m) => decisions.escalated(m, e),
      'sanshe.governance.decision.decided.v1': (e, m) => decisions.decided(m, e),
      'sanshe.governance.decision.vote-rejected.v1': (e, m) => decisions.voteRejected(m, e),
      'sanshe.community.decision.vote-cast.v1': (e, m) => decisions.voteCast(m, e),
      'sanshe.organization.decision.vote-cast.v1': (e, m) => decisions.voteCast(m, e),
      'sanshe.talent.decision.vote-cast.v1': (e, m) => decisions.voteCast(m, e),
      'sanshe.funding.decision.vote-cast.v1': (e, m) => decisions.voteCast(m, e),
    };
  }

  @ConsumeTopic(PUBLIC_WEB_TOPICS)
  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, this.handlers);
  }
}
