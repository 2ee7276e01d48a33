import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  type SchemaObject,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ApiPathParams, ApiRuleBrokenResponse } from '@sanshe/nest-platform';
import { communityParty, ROLES } from '../../../access/community-access';
import { BookSessionsHandler } from '../../application/book-sessions';
import { ReadVenuesHandler } from '../../application/read-venues';
import { RegisterVenueHandler } from '../../application/register-venue';
import { bookingView } from './booking-view';
import { CONFLICTING, INVALID, MISSING, openApi, UNAUTHORIZED } from './openapi';
import { BookingBody, BookingView, checked, RangeQuery, VenueBody, VenueParams, VenueView } from './venue-schemas';
import { VenueErrorFilter } from './venue-error.filter';

const BOOKINGS: SchemaObject = { type: 'array', items: openApi(BookingView) };

/**
 * A community's venues (its committee registers them) and the bookings of approved activities'
 * sessions in them. No endpoint books at the community's discretion: a booking needs a proposal that
 * governance approved.
 */
@ApiTags('venues')
@ApiBearerAuth()
@ApiUnauthorizedResponse(UNAUTHORIZED)
@Controller()
@Access({ action: 'read venues and bookings' })
@UseFilters(VenueErrorFilter)
export class VenuesController {
  constructor(
    private readonly registerVenue: RegisterVenueHandler,
    private readonly bookSessions: BookSessionsHandler,
    private readonly read: ReadVenuesHandler,
  ) {}

  @Put('communities/:communityCode/venues/:venueId')
  @ApiPathParams(VenueParams)
  @ApiOperation({
    summary: 'Register a venue (201, venue.registered) or change it (200, venue.updated with the next revision)',
    description:
      'Capacity and opening hours (weekday 1 = Monday … 7 = Sunday, HH:MM in the venue time zone, default ' +
      'Asia/Shanghai). An unchanged body changes nothing. Existing bookings stand whatever changes.',
  })
  @ApiBody({ schema: openApi(VenueBody) })
  @ApiCreatedResponse({ description: 'Registered', schema: openApi(VenueView) })
  @ApiOkResponse({ description: 'Changed, or unchanged', schema: openApi(VenueView) })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse(MISSING)
  @ApiConflictResponse(CONFLICTING)
  @ApiForbiddenResponse({ description: 'The token is not committee-member or committee-staff of community:<code>' })
  @Access({
    action: 'register venues',
    roles: [ROLES.committeeMember, ROLES.committeeStaff],
    parties: ({ params }) => [communityParty(params.communityCode ?? '')],
  })
  async put(
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    const { communityCode, venueId } = checked(VenueParams, params, '/params');
    const { name, capacity, openingHours, timeZone = 'Asia/Shanghai', status = 'active' } = checked(VenueBody, body);
    const hours = openingHours.map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));
    const input = { venueId, communityCode, name, capacity, openingHours: hours, timeZone, status };
    const { venue, created } = await this.registerVenue.execute({ input, updatedBy: identity.sub });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return venue;
  }

  @Get('venues/:venueId')
  @ApiOperation({ summary: 'A venue: capacity, opening hours, revision' })
  @ApiOkResponse({ schema: openApi(VenueView) })
  @ApiNotFoundResponse(MISSING)
  venue(@Param('venueId') venueId: string) {
    return this.read.venue(venueId);
  }

  @Post('venues/:venueId/bookings')
  @ApiOperation({
    summary: "Book an approved activity's sessions: all or none, one booking.confirmed per session",
    description:
      'Only for a proposal that governance approved (its decision.decided): there is no booking at the ' +
      "community's discretion. By organization-staff of the proposal's organization, or committee-member or " +
      "committee-staff of the venue's community. Each session must fit one opening period of its weekday, " +
      'the capacity, and no other active booking of the venue (`[startsAt, endsAt)`: back-to-back is fine); ' +
      'an overlap, also with a concurrent request, is 409 booking-overlap naming the booking that holds the time.',
  })
  @ApiBody({ schema: openApi(BookingBody) })
  @ApiCreatedResponse({ schema: BOOKINGS })
  @ApiBadRequestResponse(INVALID)
  @ApiRuleBrokenResponse(
    "A session ending before it starts, in the past, outside the venue's opening hours or over its capacity",
  )
  @ApiNotFoundResponse(MISSING)
  @ApiConflictResponse(CONFLICTING)
  @ApiForbiddenResponse({ description: "Neither the proposal's organization's staff nor the venue's committee" })
  @Access({ action: 'book venues', roles: [ROLES.orgStaff, ROLES.committeeMember, ROLES.committeeStaff] })
  async book(@Param('venueId') venueId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    const { proposalId, sessions } = checked(BookingBody, body);
    const booked = await this.bookSessions.execute({
      venueId,
      proposalId,
      identity,
      sessions: sessions.map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
    });
    return booked.map(bookingView);
  }

  @Get('venues/:venueId/bookings')
  @ApiOperation({
    summary: "A venue's bookings (active and cancelled) by start, optionally those overlapping [from, to)",
  })
  @ApiOkResponse({ schema: BOOKINGS })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse(MISSING)
  async bookings(@Param('venueId') venueId: string, @Query() query: Record<string, unknown>) {
    const { from, to } = checked(RangeQuery, query, '/query');
    const range = { ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
    return (await this.read.bookingsOf(venueId, range)).map(bookingView);
  }
}
