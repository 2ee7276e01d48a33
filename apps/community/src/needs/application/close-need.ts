import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyClose, type Need, type NeedCloseReason } from '../domain/need';
import { NeedNotFound } from '../domain/need-errors';
import { NeedRepository } from '../domain/need.repository';
import { NeedEvents } from './need-events';

/** POST /needs/{id}/close. */
export interface CloseNeedCommand {
  needId: string;
  reason: NeedCloseReason;
  note: string | null;
}

/** Closes an open or matched need, with need.closed; a closed one is refused (NeedClosed). */
@Injectable()
export class CloseNeedHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly needs: NeedRepository,
    private readonly events: NeedEvents,
  ) {}

  execute({ needId, reason, note }: CloseNeedCommand): Promise<Need> {
    return this.dataSource.transaction(async (manager) => {
      const need = await this.needs.lock(manager, needId);
      if (!need) throw new NeedNotFound(`need ${needId} does not exist`);
      const { state, facts } = applyClose(need, reason, note);
      await this.needs.update(manager, state);
      await this.events.publish(manager, facts);
      return state;
    });
  }
}
