import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyPublish, type Need, type NeedDraft } from '../domain/need';
import { CommunityNotFound } from '../domain/need-errors';
import { NeedRepository } from '../domain/need.repository';
import { NeedEvents } from './need-events';

/** POST /communities/{code}/needs: the committee publishes a need (its body already matches the schema). */
export interface PublishNeedCommand {
  draft: Omit<NeedDraft, 'needId'>;
  createdBy: string;
}

/** Publishes a need: checked, stored open, and need.published in the same transaction. */
@Injectable()
export class PublishNeedHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly needs: NeedRepository,
    private readonly events: NeedEvents,
  ) {}

  execute({ draft, createdBy }: PublishNeedCommand): Promise<Need> {
    const { state, facts } = applyPublish({ ...draft, needId: `need-${randomUUID()}` });
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.needs.communityExists(manager, draft.communityCode))) {
        throw new CommunityNotFound(`community ${draft.communityCode} is not registered`);
      }
      await this.needs.insert(manager, state, createdBy);
      await this.events.publish(manager, facts);
      return state;
    });
  }
}
