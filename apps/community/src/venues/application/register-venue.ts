import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyVenue, type Venue, type VenueInput } from '../domain/venue';
import { VenueNotFound } from '../domain/venue-errors';
import { VenueRepository } from '../domain/venue.repository';
import { VenueEvents } from './venue-events';

/** PUT /communities/{code}/venues/{venueId}: the body, already shaped by its schema. */
export interface RegisterVenueCommand {
  input: VenueInput;
  updatedBy: string;
}

export interface RegisterVenueResult {
  venue: Venue;
  /** true for a new venue (201); false for a change or an unchanged repeat (200). */
  created: boolean;
}

/** Registers or changes a venue: checked, stored as its next revision, with its event, in one transaction. */
@Injectable()
export class RegisterVenueHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly venues: VenueRepository,
    private readonly events: VenueEvents,
  ) {}

  execute({ input, updatedBy }: RegisterVenueCommand): Promise<RegisterVenueResult> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.venues.lock(manager, input.venueId);
      if (!current && !(await this.venues.communityExists(manager, input.communityCode))) {
        throw new VenueNotFound(`community ${input.communityCode} is not registered`);
      }
      const { state, facts } = applyVenue(current, input);
      if (facts.length > 0) {
        await this.venues.save(manager, state, updatedBy);
        await this.events.venue(manager, facts);
      }
      return { venue: state, created: current === null };
    });
  }
}
