import { Injectable } from '@nestjs/common';
import { NeedNotFound } from '../domain/need-errors';
import { type NeedFilter, NeedRepository, type StoredNeed } from '../domain/need.repository';

/** The read side: a lookup that finds nothing says what was looked for. */
@Injectable()
export class ReadNeedsHandler {
  constructor(private readonly needs: NeedRepository) {}

  async one(needId: string): Promise<StoredNeed> {
    const found = await this.needs.find(needId);
    if (!found) throw new NeedNotFound(`need ${needId} does not exist`);
    return found;
  }

  list(filter: NeedFilter): Promise<StoredNeed[]> {
    return this.needs.list(filter);
  }
}
