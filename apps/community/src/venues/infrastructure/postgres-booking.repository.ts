import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type Booking, BookingRepository, type BookingStatus, OverlapRefused } from '../domain/booking.repository';

interface BookingRow {
  booking_id: string;
  venue_id: string;
  proposal_id: string;
  organization_id: string;
  community_code: string;
  starts_at: Date;
  ends_at: Date;
  participants: number;
  status: BookingStatus;
  cancel_reason: string | null;
  created_by: string;
}

const COLUMNS = `booking_id, venue_id, proposal_id, organization_id, community_code, lower(during) AS starts_at,
  upper(during) AS ends_at, participants, status, cancel_reason, created_by`;

const toBooking = (row: BookingRow): Booking => ({
  bookingId: row.booking_id,
  venueId: row.venue_id,
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  participants: row.participants,
  status: row.status,
  cancelReason: row.cancel_reason,
  createdBy: row.created_by,
});

/** PostgreSQL's exclusion_violation on the constraint that keeps a venue's active bookings apart. */
const isOverlap = (err: unknown) =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string; constraint?: string }).code === '23P01' &&
  (err.driverError as { constraint?: string }).constraint === 'booking_no_overlap';

/** booking in the community's schema: `during` is a `[)` tstzrange under the booking_no_overlap exclusion constraint. */
@Injectable()
export class PostgresBookingRepository extends BookingRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'booking');
  }

  async insert(manager: EntityManager, bookings: Booking[]): Promise<void> {
    for (const booking of bookings) {
      try {
        await manager.query(
          `INSERT INTO ${this.table} (booking_id, venue_id, proposal_id, organization_id, community_code, during,
             participants, created_by)
           VALUES ($1, $2, $3, $4, $5, tstzrange($6, $7, '[)'), $8, $9)`,
          [
            booking.bookingId,
            booking.venueId,
            booking.proposalId,
            booking.organizationId,
            booking.communityCode,
            booking.startsAt,
            booking.endsAt,
            booking.participants,
            booking.createdBy,
          ],
        );
      } catch (err) {
        if (isOverlap(err)) throw new OverlapRefused(`booking ${booking.bookingId} overlaps another`, { cause: err });
        throw err;
      }
    }
  }

  async findOverlapping(venueId: string, startsAt: Date, endsAt: Date): Promise<Booking | null> {
    const rows = await this.dataSource.query<BookingRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE venue_id = $1 AND status = 'active' AND during && tstzrange($2, $3, '[)')
        ORDER BY lower(during) LIMIT 1`,
      [venueId, startsAt, endsAt],
    );
    return rows[0] ? toBooking(rows[0]) : null;
  }

  async lock(manager: EntityManager, bookingId: string): Promise<Booking | null> {
    const rows = await manager.query<BookingRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE booking_id = $1 FOR UPDATE`,
      [bookingId],
    );
    return rows[0] ? toBooking(rows[0]) : null;
  }

  async cancel(manager: EntityManager, bookingId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET status = 'cancelled', cancel_reason = $2 WHERE booking_id = $1`, [
      bookingId,
      reason,
    ]);
  }

  async find(bookingId: string): Promise<Booking | null> {
    const rows = await this.dataSource.query<BookingRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE booking_id = $1`,
      [bookingId],
    );
    return rows[0] ? toBooking(rows[0]) : null;
  }

  async listByVenue(venueId: string, { from, to }: { from?: Date; to?: Date }): Promise<Booking[]> {
    const rows = await this.dataSource.query<BookingRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE venue_id = $1 AND during && tstzrange($2, $3, '[)')
        ORDER BY lower(during), booking_id LIMIT 1000`,
      [venueId, from ?? null, to ?? null],
    );
    return rows.map(toBooking);
  }
}
