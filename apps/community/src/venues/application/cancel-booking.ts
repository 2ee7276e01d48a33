import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessDenied, type Identity } from '@sanshe/auth';
import { bookerRefusal } from '../domain/booking-access';
import { type Booking, BookingRepository } from '../domain/booking.repository';
import { VenueNotFound } from '../domain/venue-errors';
import { VenueEvents } from './venue-events';

/** DELETE /bookings/{bookingId}. */
export interface CancelBookingCommand {
  bookingId: string;
  reason: string;
  identity: Identity;
}

/**
 * Cancels an active booking with booking.cancelled, freeing its time. Cancelling a cancelled booking
 * changes nothing and publishes nothing (a retried DELETE).
 */
@Injectable()
export class CancelBookingHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly events: VenueEvents,
  ) {}

  execute({ bookingId, reason, identity }: CancelBookingCommand): Promise<Booking> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.bookings.lock(manager, bookingId);
      if (!booking) throw new VenueNotFound(`booking ${bookingId} does not exist`);
      const refusal = bookerRefusal(identity, booking);
      if (refusal) throw new AccessDenied(refusal);
      if (booking.status === 'cancelled') return booking;
      await this.bookings.cancel(manager, bookingId, reason);
      await this.events.cancelled(manager, booking, reason);
      return { ...booking, status: 'cancelled', cancelReason: reason };
    });
  }
}
