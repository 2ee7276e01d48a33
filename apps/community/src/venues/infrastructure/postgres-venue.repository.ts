import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { OpeningHours, Venue, VenueStatus } from '../domain/venue';
import { VenueRepository } from '../domain/venue.repository';

interface VenueRow {
  venue_id: string;
  community_code: string;
  name: string;
  capacity: number;
  opening_hours: OpeningHours[];
  time_zone: string;
  status: VenueStatus;
  revision: number;
}

const COLUMNS = 'venue_id, community_code, name, capacity, opening_hours, time_zone, status, revision';

const toVenue = (row: VenueRow): Venue => ({
  venueId: row.venue_id,
  communityCode: row.community_code,
  name: row.name,
  capacity: row.capacity,
  openingHours: row.opening_hours,
  timeZone: row.time_zone,
  status: row.status,
  revision: row.revision,
});

/** venue in the community's schema, in plain SQL like the outbox. */
@Injectable()
export class PostgresVenueRepository extends VenueRepository {
  private readonly schema: string;
  private readonly venues: string;
  private readonly areas: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.venues = qualifiedTable(this.schema, 'venue');
    this.areas = qualifiedTable(this.schema, 'administrative_area');
  }

  async communityExists(manager: EntityManager, communityCode: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM ${this.areas} WHERE code = $1 AND level = 'community' FOR KEY SHARE`,
      [communityCode],
    );
    return rows.length > 0;
  }

  async lock(manager: EntityManager, venueId: string): Promise<Venue | null> {
    // An advisory lock too: before a venue's first PUT there is no row for FOR UPDATE to lock.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.schema}:venue:${venueId}`]);
    const rows = await manager.query<VenueRow[]>(
      `SELECT ${COLUMNS} FROM ${this.venues} WHERE venue_id = $1 FOR UPDATE`,
      [venueId],
    );
    return rows[0] ? toVenue(rows[0]) : null;
  }

  async save(manager: EntityManager, venue: Venue, updatedBy: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.venues} (venue_id, community_code, name, capacity, opening_hours, time_zone, status, revision,
         updated_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)
       ON CONFLICT (venue_id) DO UPDATE
         SET name = EXCLUDED.name, capacity = EXCLUDED.capacity, opening_hours = EXCLUDED.opening_hours,
             time_zone = EXCLUDED.time_zone, status = EXCLUDED.status, revision = EXCLUDED.revision,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        venue.venueId,
        venue.communityCode,
        venue.name,
        venue.capacity,
        JSON.stringify(venue.openingHours),
        venue.timeZone,
        venue.status,
        venue.revision,
        updatedBy,
      ],
    );
  }

  async find(venueId: string): Promise<Venue | null> {
    const rows = await this.dataSource.query<VenueRow[]>(`SELECT ${COLUMNS} FROM ${this.venues} WHERE venue_id = $1`, [
      venueId,
    ]);
    return rows[0] ? toVenue(rows[0]) : null;
  }
}
