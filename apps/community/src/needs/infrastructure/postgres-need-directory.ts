import { Injectable } from '@nestjs/common';
import { NeedDirectory, type NeedSummary } from '../domain/need-directory';
import { NeedRepository } from '../domain/need.repository';

/** NeedDirectory over the need store: what evaluations may read of a need. */
@Injectable()
export class PostgresNeedDirectory extends NeedDirectory {
  constructor(private readonly needs: NeedRepository) {
    super();
  }

  async find(needId: string): Promise<NeedSummary | null> {
    const stored = await this.needs.find(needId);
    if (!stored) return null;
    const { communityCode, expectedSize, status } = stored.need;
    return { needId, communityCode, expectedSize, status };
  }
}
