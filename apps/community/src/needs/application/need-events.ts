import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { NeedFact } from '../domain/need';

/**
 * Publishes a need's facts as its events, in the caller's transaction. Each fact happens at most once
 * per need (published, matched, closed), so its id is `<type>:<needId>`: a retried use case never
 * publishes it twice.
 */
@Injectable()
export class NeedEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async publish(manager: EntityManager, facts: NeedFact[]): Promise<void> {
    for (const fact of facts) await this.publishOne(manager, fact);
  }

  private async publishOne(manager: EntityManager, fact: NeedFact): Promise<void> {
    const { needId, communityCode } = fact.need;
    switch (fact.type) {
      case 'need.published': {
        const { category, title, description, targetGroup, expectedSize, priority, period } = fact.need;
        const type = 'sanshe.community.need.published.v1';
        await this.outbox.publish(manager, {
          type,
          id: `${type}:${needId}`,
          subject: needId,
          data: { needId, communityCode, category, title, description, targetGroup, expectedSize, priority, period },
        });
        return;
      }
      case 'need.matched': {
        const type = 'sanshe.community.need.matched.v1';
        await this.outbox.publish(manager, {
          type,
          id: `${type}:${needId}`,
          subject: needId,
          data: { needId, communityCode, ...fact.match },
        });
        return;
      }
      case 'need.closed': {
        const type = 'sanshe.community.need.closed.v1';
        const { reason, note } = fact.need.closed!;
        await this.outbox.publish(manager, {
          type,
          id: `${type}:${needId}`,
          subject: needId,
          data: { needId, communityCode, reason, ...(note === null ? {} : { note }) },
        });
        return;
      }
    }
  }
}
