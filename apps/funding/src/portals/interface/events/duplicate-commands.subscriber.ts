import { Injectable, type OnModuleInit } from '@nestjs/common';
import { actingServiceOf } from '@sanshe/contracts';
import { InboxService, OutboxWriter } from '@sanshe/messaging';
import { resendPortalReply } from '@sanshe/service-kit';
import { portalOfCommandsTopic } from '../../domain/portal';

/**
 * A portal command funding acts on, received again (the same source and id): one effect, and its reply sent
 * again — the stored envelope unchanged, in an outbox row named after the duplicate's delivery
 * (docs/events.md, "Portal commands and replies"). Nothing when the reply was pruned or never written.
 */
@Injectable()
export class DuplicateCommandsSubscriber implements OnModuleInit {
  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    this.inbox.processor.answerDuplicates(async (event, manager, delivery) => {
      if (!portalOfCommandsTopic(delivery.topic) || actingServiceOf(event.type) !== 'funding') return;
      await resendPortalReply(this.outbox, manager, event, delivery);
    });
  }
}
