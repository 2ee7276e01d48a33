import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessDenied, type Identity } from '@sanshe/auth';
import { ApprovedProposals, type ProposalOutcome } from '../../needs/domain/approved-proposals';
import { bookerRefusal } from '../domain/booking-access';
import { checkSessions, type Session } from '../domain/booking-rules';
import { type Booking, BookingRepository, OverlapRefused } from '../domain/booking.repository';
import type { Venue } from '../domain/venue';
import { BookingOverlap, VenueConflict, VenueNotFound } from '../domain/venue-errors';
import { VenueRepository } from '../domain/venue.repository';
import { VenueEvents } from './venue-events';

/** POST /venues/{venueId}/bookings: sessions of one approved activity (the body, already shaped). */
export interface BookSessionsCommand {
  venueId: string;
  proposalId: string;
  sessions: Session[];
  identity: Identity;
}

/**
 * Books an approved activity's sessions in a venue: all of them or none, one booking and one
 * booking.confirmed per session, in one transaction. Never at anyone's discretion: the proposal must
 * be approved by governance's decision. Overlaps with other bookings, concurrent ones included, are
 * refused by the database's exclusion constraint; the conflicting booking is then looked up afresh.
 */
@Injectable()
export class BookSessionsHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly venues: VenueRepository,
    private readonly bookings: BookingRepository,
    private readonly proposals: ApprovedProposals,
    private readonly events: VenueEvents,
  ) {}

  async execute({ venueId, proposalId, sessions, identity }: BookSessionsCommand): Promise<Booking[]> {
    const venue = await this.venues.find(venueId);
    if (!venue) throw new VenueNotFound(`venue ${venueId} does not exist`);
    const proposal = await this.proposals.find(proposalId);
    if (!proposal) throw new VenueNotFound(`proposal ${proposalId} is unknown to this community`);
    const organizationId = approvedOrganization(proposal);
    const refusal = bookerRefusal(identity, { organizationId, communityCode: venue.communityCode });
    if (refusal) throw new AccessDenied(refusal);
    checkVenueFor(venue, proposal);
    const invalid = checkSessions(venue, sessions, new Date());
    if (invalid) throw invalid;

    const booked = sessions.map((session): Booking => ({
      ...session,
      bookingId: `booking-${randomUUID()}`,
      venueId,
      proposalId,
      organizationId,
      communityCode: venue.communityCode,
      status: 'active',
      cancelReason: null,
      createdBy: identity.sub,
    }));
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.bookings.insert(manager, booked);
        for (const booking of booked) await this.events.confirmed(manager, booking);
      });
    } catch (err) {
      if (err instanceof OverlapRefused) throw await this.overlapOf(venueId, sessions);
      throw err;
    }
    return booked;
  }

  /** After the rollback, in a fresh query: the active booking that holds one of the sessions' time. */
  private async overlapOf(venueId: string, sessions: Session[]): Promise<BookingOverlap> {
    for (const { startsAt, endsAt } of sessions) {
      const conflict = await this.bookings.findOverlapping(venueId, startsAt, endsAt);
      if (conflict) return new BookingOverlap(conflict, venueId);
    }
    return new BookingOverlap(null, venueId); // cancelled meanwhile: the caller may try again
  }
}

/** The organization of an approved proposal; 409 proposal-not-approved otherwise. */
function approvedOrganization({ proposalId, result, organizationId }: ProposalOutcome): string {
  if (result !== 'approved') {
    const why = result === null ? 'governance has not decided it' : `governance decided ${result}`;
    throw new VenueConflict('proposal-not-approved', `proposal ${proposalId} is not approved: ${why}`);
  }
  if (organizationId === null) {
    throw new VenueConflict(
      'proposal-not-approved',
      `proposal ${proposalId} is approved, but its submission has not reached the community yet: try again shortly`,
    );
  }
  return organizationId;
}

function checkVenueFor(venue: Venue, proposal: ProposalOutcome): void {
  if (proposal.communityCode !== venue.communityCode) {
    throw new VenueConflict(
      'proposal-in-other-community',
      `proposal ${proposal.proposalId} is for community ${proposal.communityCode}; venue ${venue.venueId} is in ${venue.communityCode}`,
    );
  }
  if (venue.status === 'retired') {
    throw new VenueConflict('venue-retired', `venue ${venue.venueId} is retired and takes no new bookings`);
  }
}
