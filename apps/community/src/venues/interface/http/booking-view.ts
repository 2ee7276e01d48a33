import type { Booking } from '../../domain/booking.repository';

export const bookingView = (booking: Booking) => ({
  ...booking,
  startsAt: booking.startsAt.toISOString(),
  endsAt: booking.endsAt.toISOString(),
});
