import { applyVenue, checkVenue, type VenueInput } from './venue';
import { VenueConflict, VenueInputInvalid } from './venue-errors';

const input = (overrides: Partial<VenueInput> = {}): VenueInput => ({
  venueId: 'venue-hall',
  communityCode: '310104-005-001',
  name: '睦邻中心活动室',
  capacity: 40,
  timeZone: 'Asia/Shanghai',
  openingHours: [{ weekday: 1, opens: '08:30', closes: '12:00' }],
  status: 'active',
  ...overrides,
});

describe('a venue', () => {
  it('is registered at revision 1, changed at the next revision, and an unchanged PUT yields nothing', () => {
    const registered = applyVenue(null, input());
    expect(registered.facts.map((f) => [f.type, f.venue.revision])).toEqual([['venue.registered', 1]]);
    const reordered = { ...input(), openingHours: [{ closes: '12:00', weekday: 1, opens: '08:30' }] };
    expect(applyVenue(registered.state, reordered)).toEqual({ state: registered.state, facts: [] });
    const changed = applyVenue(registered.state, input({ capacity: 60 }));
    expect(changed.facts.map((f) => [f.type, f.venue.revision])).toEqual([['venue.updated', 2]]);
  });

  it('stays in its community', () => {
    const { state } = applyVenue(null, input());
    expect(() => applyVenue(state, input({ communityCode: '310104-005-002' }))).toThrow(VenueConflict);
  });

  it('refuses an unknown time zone, a period closing before it opens, and two overlapping periods of a day', () => {
    expect(
      checkVenue(
        input({
          timeZone: 'Mars/Olympus',
          openingHours: [
            { weekday: 7, opens: '09:00', closes: '12:00' },
            { weekday: 7, opens: '11:00', closes: '13:00' },
            { weekday: 7, opens: '18:00', closes: '17:00' },
            { weekday: 6, opens: '11:00', closes: '24:00' },
          ],
        }),
      ).map((p) => p.path),
    ).toEqual(['/timeZone', '/openingHours/1', '/openingHours/2/closes']);
    expect(() => applyVenue(null, input({ timeZone: 'Mars/Olympus' }))).toThrow(VenueInputInvalid);
  });
});
