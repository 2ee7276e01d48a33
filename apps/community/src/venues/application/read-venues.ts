import { Injectable } from '@nestjs/common';
import { type Booking, BookingRepository } from '../domain/booking.repository';
import type { Venue } from '../domain/venue';
import { VenueNotFound } from '../domain/venue-errors';
import { VenueRepository } from '../domain/venue.repository';

/** The read side: a lookup that finds nothing says what was looked for. */
@Injectable()
export class ReadVenuesHandler {
  constructor(
    private readonly venues: VenueRepository,
    private readonly bookings: BookingRepository,
  ) {}

  async venue(venueId: string): Promise<Venue> {
    const venue = await this.venues.find(venueId);
    if (!venue) throw new VenueNotFound(`venue ${venueId} does not exist`);
    return venue;
  }

  async bookingsOf(venueId: string, range: { from?: Date; to?: Date }): Promise<Booking[]> {
    await this.venue(venueId);
    return this.bookings.listByVenue(venueId, range);
  }

  async booking(bookingId: string): Promise<Booking> {
    const booking = await this.bookings.find(bookingId);
    if (!booking) throw new VenueNotFound(`booking ${bookingId} does not exist`);
    return booking;
  }
}
