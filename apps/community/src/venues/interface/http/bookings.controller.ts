import { Body, Controller, Delete, Get, Param, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ROLES } from '../../../access/community-access';
import { CancelBookingHandler } from '../../application/cancel-booking';
import { ReadVenuesHandler } from '../../application/read-venues';
import { bookingView } from './booking-view';
import { INVALID, MISSING, openApi, UNAUTHORIZED } from './openapi';
import { BookingView, CancelBody, checked } from './venue-schemas';
import { VenueErrorFilter } from './venue-error.filter';

/** One booked session: read it, or cancel it (who booked it, or the venue's committee). */
@ApiTags('venues')
@ApiBearerAuth()
@ApiUnauthorizedResponse(UNAUTHORIZED)
@Controller('bookings')
@Access({ action: 'read bookings' })
@UseFilters(VenueErrorFilter)
export class BookingsController {
  constructor(
    private readonly cancelBooking: CancelBookingHandler,
    private readonly read: ReadVenuesHandler,
  ) {}

  @Get(':bookingId')
  @ApiOperation({ summary: 'One booking' })
  @ApiOkResponse({ schema: openApi(BookingView) })
  @ApiNotFoundResponse(MISSING)
  async one(@Param('bookingId') bookingId: string) {
    return bookingView(await this.read.booking(bookingId));
  }

  @Delete(':bookingId')
  @ApiOperation({
    summary: 'Cancel a booking, freeing its time, with booking.cancelled',
    description:
      'Cancelling a cancelled booking changes nothing and publishes nothing. An optional body gives the reason.',
  })
  @ApiBody({ schema: openApi(CancelBody), required: false })
  @ApiOkResponse({ schema: openApi(BookingView) })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse(MISSING)
  @ApiForbiddenResponse({ description: "Neither the booking organization's staff nor the venue's committee" })
  @Access({ action: 'cancel bookings', roles: [ROLES.orgStaff, ROLES.committeeMember, ROLES.committeeStaff] })
  async cancel(@Param('bookingId') bookingId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    const { reason } = checked(CancelBody, body ?? {});
    const cancelled = await this.cancelBooking.execute({
      bookingId,
      reason: reason ?? `cancelled by ${identity.sub}`,
      identity,
    });
    return bookingView(cancelled);
  }
}
