import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InboxService } from '@sanshe/messaging';
import { PortalReplies } from '../../application/portal-replies';
import { portalOfCommandsTopic } from '../../domain/portal';

/**
 * A portal command funding acts on whose data its schema refuses (a payment confirmation, a program opening)
 * is answered command-rejected `schema-invalid`, the reason naming each field, on the replies topic of the
 * portal whose commands topic it came on, rather than silently dead-lettered. Any other invalid event is
 * dead-lettered, as before.
 */
@Injectable()
export class InvalidCommandsSubscriber implements OnModuleInit {
  constructor(
    private readonly inbox: InboxService,
    private readonly replies: PortalReplies,
  ) {}

  onModuleInit(): void {
    this.inbox.processor.answerInvalidData(async (event, reason, manager, delivery) => {
      const portalId = portalOfCommandsTopic(delivery.topic);
      if (!portalId || !event.type.startsWith('sanshe.portal.')) return false;
      await this.replies.answer(manager, event, portalId, { code: 'schema-invalid', reason });
      return true;
    });
  }
}
