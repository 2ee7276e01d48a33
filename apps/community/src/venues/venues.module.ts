import { Module } from '@nestjs/common';
import { NeedsModule } from '../needs/needs.module';
import { BookSessionsHandler } from './application/book-sessions';
import { CancelBookingHandler } from './application/cancel-booking';
import { ReadVenuesHandler } from './application/read-venues';
import { RegisterVenueHandler } from './application/register-venue';
import { VenueEvents } from './application/venue-events';
import { BookingRepository } from './domain/booking.repository';
import { VenueRepository } from './domain/venue.repository';
import { PostgresBookingRepository } from './infrastructure/postgres-booking.repository';
import { PostgresVenueRepository } from './infrastructure/postgres-venue.repository';
import { BookingsController } from './interface/http/bookings.controller';
import { VenuesController } from './interface/http/venues.controller';

/** A community's venues and the bookings of approved activities' sessions (ApprovedProposals from NeedsModule). */
@Module({
  imports: [NeedsModule],
  controllers: [VenuesController, BookingsController],
  providers: [
    { provide: VenueRepository, useClass: PostgresVenueRepository },
    { provide: BookingRepository, useClass: PostgresBookingRepository },
    VenueEvents,
    RegisterVenueHandler,
    BookSessionsHandler,
    CancelBookingHandler,
    ReadVenuesHandler,
  ],
})
export class VenuesModule {}
