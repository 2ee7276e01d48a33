import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PermanentEventError } from '@sanshe/messaging';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { fromOwner } from '../../../events/from-owner';
import { FollowPortalHandler } from '../../application/follow-portal';
import { OpenProgramByPortalHandler } from '../../application/open-program-by-portal';
import { PortalReplies } from '../../application/portal-replies';
import { portalOfCommandsTopic } from '../../domain/portal';

/**
 * Governance's registry events (from its channel only) keep funding's copy of the portals; a portal's
 * funding-program.open-requested (on its own commands topic) opens a program and is answered on its replies
 * topic, accepted or rejected, in the same transaction. A command read anywhere but a portal's commands
 * topic has nobody to answer: it is dead-lettered.
 */
@Injectable()
export class PortalEventsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly follow: FollowPortalHandler,
    private readonly openProgram: OpenProgramByPortalHandler,
    private readonly replies: PortalReplies,
  ) {}

  onModuleInit(): void {
    this.registry.register('portals', {
      'sanshe.governance.portal.registered.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        await this.follow.execute(manager, event.data);
      },
      'sanshe.governance.portal.updated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        await this.follow.execute(manager, event.data);
      },
      'sanshe.portal.funding-program.open-requested.v1': async (event, manager, delivery) => {
        const portalId = portalOfCommandsTopic(delivery.topic);
        if (!portalId) throw new PermanentEventError(`wrong-channel: ${event.type} read from ${delivery.topic}`);
        const answer = await this.openProgram.execute(manager, portalId, event);
        await this.replies.answer(manager, event, portalId, answer);
      },
    });
  }
}
