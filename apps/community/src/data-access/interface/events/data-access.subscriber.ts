import { Injectable, type OnModuleInit } from '@nestjs/common';
import { contextTopic } from '@sanshe/contracts';
import { PermanentEventError } from '@sanshe/messaging';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { DecideDataAccessHandler } from '../../application/decide-data-access';

const GOVERNANCE_TOPIC = contextTopic('governance');
const GOVERNANCE_SOURCE = 'sanshe/governance';

/**
 * Governance's outcome of a data-access decision → DecideDataAccess, in the inbox's transaction. Only
 * governance's own channel counts: a decided from anyone else (a portal writing on the topic, say) is
 * dead-lettered, never a grant.
 */
@Injectable()
export class DataAccessSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly decide: DecideDataAccessHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('data-access', {
      'sanshe.governance.decision.decided.v1': async (event, manager, delivery) => {
        if (event.data.kind !== 'data-access') return;
        if (delivery.topic !== GOVERNANCE_TOPIC || event.source !== GOVERNANCE_SOURCE) {
          throw new PermanentEventError(
            `wrong-channel: a data-access decided counts only from ${GOVERNANCE_SOURCE} on ${GOVERNANCE_TOPIC}, ` +
              `not from ${event.source} on ${delivery.topic}`,
          );
        }
        const { subjectId, decisionId, communityCode, result } = event.data;
        await this.decide.execute(manager, { requestId: subjectId, decisionId, communityCode, result });
      },
    });
  }
}
