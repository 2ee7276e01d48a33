import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { KnownNeed, KnownVenue } from '../domain/community-facts';
import { CommunityFactsRepository } from '../domain/community-facts.repository';

/** known_need and known_venue in the organization's schema. */
@Injectable()
export class PostgresCommunityFactsRepository extends CommunityFactsRepository {
  private readonly needs: string;
  private readonly venues: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.needs = qualifiedTable(schema, 'known_need');
    this.venues = qualifiedTable(schema, 'known_venue');
  }

  async need(manager: EntityManager, needId: string): Promise<KnownNeed | null> {
    const rows = await manager.query<{ community_code: string; status: KnownNeed['status'] }[]>(
      `SELECT community_code, status FROM ${this.needs} WHERE need_id = $1`,
      [needId],
    );
    return rows[0] ? { needId, communityCode: rows[0].community_code, status: rows[0].status } : null;
  }

  async venue(manager: EntityManager, venueId: string): Promise<KnownVenue | null> {
    const rows = await manager.query<{ community_code: string; capacity: number; status: KnownVenue['status'] }[]>(
      `SELECT community_code, capacity, status FROM ${this.venues} WHERE venue_id = $1`,
      [venueId],
    );
    const row = rows[0];
    return row ? { venueId, communityCode: row.community_code, capacity: row.capacity, status: row.status } : null;
  }

  /** open < matched < closed: a status only moves forward, whatever order the events come in. */
  async recordNeed(manager: EntityManager, { needId, communityCode, status }: KnownNeed): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.needs} (need_id, community_code, status) VALUES ($1, $2, $3)
       ON CONFLICT (need_id) DO UPDATE SET status = EXCLUDED.status
       WHERE array_position(ARRAY['open', 'matched', 'closed'], EXCLUDED.status)
           > array_position(ARRAY['open', 'matched', 'closed'], ${this.needs}.status)`,
      [needId, communityCode, status],
    );
  }

  async recordVenue(manager: EntityManager, venue: KnownVenue & { revision: number }): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.venues} (venue_id, community_code, capacity, status, revision) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (venue_id) DO UPDATE SET community_code = EXCLUDED.community_code,
         capacity = EXCLUDED.capacity, status = EXCLUDED.status, revision = EXCLUDED.revision
       WHERE EXCLUDED.revision > ${this.venues}.revision`,
      [venue.venueId, venue.communityCode, venue.capacity, venue.status, venue.revision],
    );
  }
}
