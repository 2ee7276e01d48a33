import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { Booking } from '../domain/booking.repository';
import type { VenueFact } from '../domain/venue';

/**
 * Publishes venues' and bookings' events in the caller's transaction, with deterministic ids: a venue's
 * `<type>:<venueId>:<revision>`, a booking's `<type>:<bookingId>` (each happens once per booking).
 */
@Injectable()
export class VenueEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async venue(manager: EntityManager, facts: VenueFact[]): Promise<void> {
    for (const { type, venue } of facts) {
      const eventType =
        type === 'venue.registered' ? 'sanshe.community.venue.registered.v1' : 'sanshe.community.venue.updated.v1';
      await this.outbox.publish(manager, {
        type: eventType,
        id: `${eventType}:${venue.venueId}:${venue.revision}`,
        subject: venue.venueId,
        data: venue,
      });
    }
  }

  async confirmed(manager: EntityManager, booking: Booking): Promise<void> {
    const type = 'sanshe.community.booking.confirmed.v1';
    const { bookingId, venueId, communityCode, proposalId, organizationId, participants } = booking;
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${bookingId}`,
      subject: bookingId,
      data: {
        ...{ bookingId, venueId, communityCode, proposalId, organizationId, participants },
        startsAt: booking.startsAt.toISOString(),
        endsAt: booking.endsAt.toISOString(),
      },
    });
  }

  async cancelled(manager: EntityManager, booking: Booking, reason: string): Promise<void> {
    const type = 'sanshe.community.booking.cancelled.v1';
    const { bookingId, venueId, communityCode } = booking;
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${bookingId}`,
      subject: bookingId,
      data: { bookingId, venueId, communityCode, reason },
    });
  }
}
