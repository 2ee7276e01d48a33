import type { EntityManager } from 'typeorm';

export type BookingStatus = 'active' | 'cancelled';

/** One booked session: `[startsAt, endsAt)` of a venue for an approved proposal. */
export interface Booking {
  bookingId: string;
  venueId: string;
  proposalId: string;
  organizationId: string;
  communityCode: string;
  startsAt: Date;
  endsAt: Date;
  participants: number;
  status: BookingStatus;
  cancelReason: string | null;
  createdBy: string;
}

/** The booking store (a port and its injection token). */
export abstract class BookingRepository {
  /**
   * Inserts the bookings in the caller's transaction. Throws OverlapRefused when the exclusion
   * constraint finds one overlapping an active booking of its venue; the transaction is then failed.
   */
  abstract insert(manager: EntityManager, bookings: Booking[]): Promise<void>;

  /** A fresh look (outside any failed transaction) for the active booking of `venueId` overlapping the range. */
  abstract findOverlapping(venueId: string, startsAt: Date, endsAt: Date): Promise<Booking | null>;

  abstract lock(manager: EntityManager, bookingId: string): Promise<Booking | null>;

  abstract cancel(manager: EntityManager, bookingId: string, reason: string): Promise<void>;

  abstract find(bookingId: string): Promise<Booking | null>;

  /** A venue's bookings, active and cancelled, by start; `from`/`to` bound the range they overlap. */
  abstract listByVenue(venueId: string, range: { from?: Date; to?: Date }): Promise<Booking[]>;
}

/** The database refused an overlapping booking (constraint booking_no_overlap). */
export class OverlapRefused extends Error {
  override name = 'OverlapRefused';
}
