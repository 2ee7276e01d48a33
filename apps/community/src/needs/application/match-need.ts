import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyMatch, type MatchEffect, type NeedMatch } from '../domain/need';
import { NeedRepository } from '../domain/need.repository';
import { NeedEvents } from './need-events';

export interface MatchNeedCommand extends NeedMatch {
  needId: string;
  /** The community the approved proposal is for: a proposal cannot answer another community's need. */
  communityCode: string;
}

/**
 * An approved activity answers its need, in the caller's (the inbox's) transaction. Applied once per
 * decision: need_match records what the outcome did, so the same decided again (redelivered, or re-sent
 * under a new event id) changes nothing. Returns the effect, or null for a decision already applied.
 */
@Injectable()
export class MatchNeedHandler {
  private readonly logger = new Logger('MatchNeed');

  constructor(
    private readonly needs: NeedRepository,
    private readonly events: NeedEvents,
  ) {}

  async execute(manager: EntityManager, command: MatchNeedCommand): Promise<MatchEffect | 'unknown-need' | null> {
    const { needId, proposalId, decisionId, organizationId, communityCode } = command;
    // The need's lock first: two outcomes for one need take turns, and the second sees the first's record.
    const need = await this.needs.lock(manager, needId);
    if (await this.needs.matchRecorded(manager, decisionId)) return null;
    if (!need || need.communityCode !== communityCode) {
      this.logger.warn(`${decisionId} approved ${proposalId} for need ${needId}, which ${communityCode} does not have`);
      await this.needs.recordMatch(manager, { decisionId, needId, proposalId, effect: 'unknown-need' });
      return 'unknown-need';
    }
    const { state, facts, effect } = applyMatch(need, { proposalId, decisionId, organizationId });
    await this.needs.recordMatch(manager, { decisionId, needId, proposalId, effect });
    if (facts.length > 0) {
      await this.needs.update(manager, state);
      await this.events.publish(manager, facts);
    }
    return effect;
  }
}
